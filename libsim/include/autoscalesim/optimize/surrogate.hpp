#pragma once
/// The adaptive search's surrogate: a Gaussian-process regression over the policy lattice.

#include <memory>
#include <vector>

namespace autoscalesim::optimize {

/// Gaussian-process regression of several outputs over points of [0, 1]^d: a squared-exponential
/// kernel with one length scale, a nugget of 1e-3 (the outputs are deterministic but not smooth
/// everywhere), each output standardised to mean 0 and variance 1 before the fit. Beside it, a
/// kernel-weighted share of feasible points with a weak prior of one half (weight 0.1), the
/// chance that a point is feasible. Fitting is O(n^3) in the points: the adaptive search uses it
/// for its first few hundred evaluations.
class gp_surrogate {
public:
    gp_surrogate();
    ~gp_surrogate();
    gp_surrogate(gp_surrogate&&) noexcept;
    gp_surrogate& operator=(gp_surrogate&&) noexcept;

    /// Fits n points x (each of d coordinates in [0, 1]), their outputs y (each of m values) and
    /// feasible (1 or 0 per point), with the kernel's length scale (> 0). Throws config_error on
    /// empty or ragged input.
    void fit(const std::vector<std::vector<double>>& x, const std::vector<std::vector<double>>& y,
             const std::vector<double>& feasible, double length_scale);

    /// The posterior at one point.
    struct prediction {
        std::vector<double> mean; ///< per output
        std::vector<double> sd;   ///< per output: the posterior standard deviation
        double p_feasible = 0.5;  ///< kernel-weighted share of feasible points near it
    };
    /// The posterior at x (d coordinates). Throws config_error before fit() or on a wrong size.
    prediction predict(const std::vector<double>& x) const;

private:
    struct impl;
    std::unique_ptr<impl> impl_;
};

} // namespace autoscalesim::optimize
