#include "autoscalesim/optimize/surrogate.hpp"

#include "autoscalesim/errors.hpp"

#include <Eigen/Cholesky>
#include <Eigen/Core>

#include <cmath>
#include <string>

namespace autoscalesim::optimize {

namespace {
constexpr double nugget = 1e-3;
constexpr double prior_weight = 0.1; // of the feasible share's prior of one half
} // namespace

struct gp_surrogate::impl {
    double inv_2l2 = 1;
    Eigen::MatrixXd x; // n x d
    Eigen::LLT<Eigen::MatrixXd> llt;
    Eigen::MatrixXd alpha; // n x m: K^-1 (standardised outputs)
    Eigen::RowVectorXd mean;
    Eigen::RowVectorXd scale;
    Eigen::VectorXd feasible;

    template <class A, class B> double kernel(const A& a, const B& b) const {
        return std::exp(-(a - b).squaredNorm() * inv_2l2);
    }
};

gp_surrogate::gp_surrogate() = default;
gp_surrogate::~gp_surrogate() = default;
gp_surrogate::gp_surrogate(gp_surrogate&&) noexcept = default;
gp_surrogate& gp_surrogate::operator=(gp_surrogate&&) noexcept = default;

void gp_surrogate::fit(const std::vector<std::vector<double>>& x,
                       const std::vector<std::vector<double>>& y,
                       const std::vector<double>& feasible, double length_scale) {
    if (x.empty() || x.size() != y.size() || x.size() != feasible.size()) {
        throw config_error("gp_surrogate.fit: expected as many outputs and feasibility flags as "
                           "points, at least one (got " +
                           std::to_string(x.size()) + ", " + std::to_string(y.size()) + ", " +
                           std::to_string(feasible.size()) + ")");
    }
    if (!(length_scale > 0) || !std::isfinite(length_scale)) {
        throw config_error("gp_surrogate.fit: length_scale must be > 0");
    }
    const auto n = static_cast<Eigen::Index>(x.size());
    const auto d = static_cast<Eigen::Index>(x.front().size());
    const auto m = static_cast<Eigen::Index>(y.front().size());
    auto fresh = std::make_unique<impl>();
    impl& s = *fresh;
    s.inv_2l2 = 1.0 / (2 * length_scale * length_scale);
    s.x.resize(n, d);
    Eigen::MatrixXd yy(n, m);
    for (Eigen::Index i = 0; i < n; ++i) {
        const auto& xi = x[static_cast<std::size_t>(i)];
        const auto& yi = y[static_cast<std::size_t>(i)];
        if (static_cast<Eigen::Index>(xi.size()) != d ||
            static_cast<Eigen::Index>(yi.size()) != m) {
            throw config_error("gp_surrogate.fit: point " + std::to_string(i) +
                               " has a different number of coordinates or outputs");
        }
        for (Eigen::Index j = 0; j < d; ++j)
            s.x(i, j) = xi[static_cast<std::size_t>(j)];
        for (Eigen::Index j = 0; j < m; ++j)
            yy(i, j) = yi[static_cast<std::size_t>(j)];
    }
    s.mean = yy.colwise().mean();
    s.scale.resize(m);
    for (Eigen::Index j = 0; j < m; ++j) {
        const double var = (yy.col(j).array() - s.mean(j)).square().mean();
        s.scale(j) = var > 0 ? std::sqrt(var) : 1.0;
        yy.col(j) = (yy.col(j).array() - s.mean(j)) / s.scale(j);
    }
    Eigen::MatrixXd k(n, n);
    for (Eigen::Index i = 0; i < n; ++i)
        for (Eigen::Index j = 0; j <= i; ++j)
            k(i, j) = k(j, i) = s.kernel(s.x.row(i), s.x.row(j));
    k.diagonal().array() += nugget;
    s.llt.compute(k);
    s.alpha = s.llt.solve(yy);
    s.feasible = Eigen::Map<const Eigen::VectorXd>(feasible.data(), n);
    impl_ = std::move(fresh);
}

gp_surrogate::prediction gp_surrogate::predict(const std::vector<double>& x) const {
    if (!impl_) {
        throw config_error("gp_surrogate.predict: call fit() first");
    }
    const impl& s = *impl_;
    if (static_cast<Eigen::Index>(x.size()) != s.x.cols()) {
        throw config_error("gp_surrogate.predict: expected " + std::to_string(s.x.cols()) +
                           " coordinates, got " + std::to_string(x.size()));
    }
    const Eigen::Map<const Eigen::RowVectorXd> xr(x.data(), s.x.cols());
    const auto n = s.x.rows();
    Eigen::VectorXd ks(n);
    for (Eigen::Index i = 0; i < n; ++i)
        ks(i) = s.kernel(s.x.row(i), xr);
    const Eigen::VectorXd v = s.llt.matrixL().solve(ks);
    // Posterior variance of the standardised outputs (all share the kernel), noise included.
    const double var = std::max(0.0, 1.0 + nugget - v.squaredNorm());
    prediction out;
    const auto m = s.alpha.cols();
    out.mean.resize(static_cast<std::size_t>(m));
    out.sd.resize(static_cast<std::size_t>(m));
    for (Eigen::Index j = 0; j < m; ++j) {
        out.mean[static_cast<std::size_t>(j)] = s.mean(j) + s.scale(j) * ks.dot(s.alpha.col(j));
        out.sd[static_cast<std::size_t>(j)] = s.scale(j) * std::sqrt(var);
    }
    out.p_feasible = (ks.dot(s.feasible) + 0.5 * prior_weight) / (ks.sum() + prior_weight);
    return out;
}

} // namespace autoscalesim::optimize
