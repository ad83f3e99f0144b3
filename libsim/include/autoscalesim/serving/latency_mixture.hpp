#pragma once
/// The latency distribution of many requests as a weighted mixture of per-step distributions.

#include "autoscalesim/serving/queueing.hpp"
#include "autoscalesim/serving/span_outcome.hpp"

#include <vector>

namespace autoscalesim {

/// Request-weighted mixture of response-time distributions that share one service shape and one
/// timeout D; its requests are those that began service within D, its quantiles those of the ones
/// that also completed within it. Components are grouped by the decay rate of their wait density
/// (bins 2 % wide in theta x timeout, each evaluated at its weighted mean), so adding is O(1) and
/// evaluating costs one term per occupied bin, however long the run; requests delayed behind a
/// backlog, kept as points in order of wait, cost a binary search.
class latency_mixture {
public:
    /// A mixture for the given service shape and timeout (seconds).
    latency_mixture(const queueing::service_shape& service, double timeout_s);

    /// Adds requests served at once (no_wait) and after a wait with decay rate theta (1/s). A
    /// negative `waited` subtracts (a wait phase of negative weight, see queueing::wait_phases).
    void add(double no_wait, double waited, double theta);
    /// Adds requests served at once (no_wait) and after a wait in the given phases.
    void add(double no_wait, double waited, const queueing::wait_phases& phases);
    /// Adds requests that began service after a wait spread evenly over [wait_lo_s, wait_hi_s]
    /// (an asynchronous endpoint's backlog): their latency is that wait plus a service time. The
    /// waits are kept at up to 64 evenly spaced points, grouped in bins 0.1 % wide in the wait.
    void add_delayed(double count, double wait_lo_s, double wait_hi_s);
    /// Adds a fluid span's requests served in time: at once, after a wait with the span's decay
    /// rate, and (its backlog_waited) after a wait spread evenly over its backlog's range. The
    /// first few such ranges in the mixture (a timeline step's) are kept exact, in closed form;
    /// later ones go to add_delayed()'s points.
    void add(const span_outcome& span);
    /// Removes every component.
    void clear();
    /// Requests in the mixture.
    double total() const noexcept { return no_wait_ + waited_ + delayed_; }
    /// Share of the requests completed within the timeout whose latency is above t_s (the
    /// latencies the request mode reports: a request completing after the timeout is an error).
    double survival(double t_s) const;
    /// Share of all the mixture's requests, late ones included, with latency above t_s.
    double all_survival(double t_s) const;
    /// The p-quantile latency (0 < p < 1) of the requests completed within the timeout, seconds,
    /// to a relative precision `rel_tol`; NaN when empty or none completed in time. A positive
    /// `guess` (e.g. the previous step's value) starts the search near it.
    double quantile(double p, double rel_tol = 1e-9, double guess = 0) const;

private:
    queueing::service_shape service_;
    double timeout_s_;
    double no_wait_ = 0;
    double waited_ = 0;
    struct component {
        double mass, theta, log_norm;
    };
    // The occupied wait bins in order of wait, each with what all_tail() needs to sum every
    // point at once: a point whose wait w is below t - shift has begun service, and its share of
    // a service phase of rate r still running at t is e^{-r (t - shift - w)}; factored at the
    // last such point, those terms are one running sum per phase.
    struct delayed_point {
        double wait_s;
        double mass_from; // the mass of this point and of every longer wait
        // per service phase: each point's mass up to this one, times e^{-rate (wait_s - its wait)}
        double decayed[2];
    };
    struct uniform_wait {
        double mass, lo_s, hi_s;
    };
    static constexpr std::size_t max_uniform = 4; // exact uniform waits kept before points
    // all_survival(t_s), and the density of all the mixture's latencies at t_s in `density`.
    double all_tail(double t_s, double& density) const;
    // Rebuilds prepared_ and prepared_delayed_ after a change.
    void prepare() const;

    // add_delayed(): request mass and mass x wait per wait bin, allocated at the first use.
    double delayed_ = 0;
    std::vector<double> delay_mass_;
    std::vector<double> delay_mass_wait_;
    std::vector<int> delay_used_;
    std::vector<uniform_wait> uniform_; // add(span)'s first backlog ranges, exact

    // add(): per bin of z = theta x D, the waited mass and mass x z; a phase of negative weight
    // (wait_phases' slow share above 1) in bins of its own.
    std::vector<double> mass_;
    std::vector<double> mass_z_;
    std::vector<int> used_;
    mutable std::vector<component> prepared_;             // per occupied theta bin
    mutable std::vector<delayed_point> prepared_delayed_; // per occupied wait bin
    mutable bool stale_ = true;
};

} // namespace autoscalesim
