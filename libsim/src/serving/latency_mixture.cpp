#include "autoscalesim/serving/latency_mixture.hpp"

#include <cmath>
#include <limits>

namespace autoscalesim {

namespace {
// z = theta x timeout is binned: |z| < z_min in the middle bin, else logarithmically by sign.
constexpr double z_min = 1e-3;
constexpr double bin_width = 0.02;  // in log |z|
constexpr int bins_per_side = 1200; // covers |z| up to z_min * e^24 (2.6e7)

int bin_of(double z) {
    const double a = std::abs(z);
    if (a < z_min) {
        return bins_per_side;
    }
    int i = 1 + static_cast<int>(std::log(a / z_min) / bin_width);
    if (i > bins_per_side) {
        i = bins_per_side;
    }
    return z > 0 ? bins_per_side + i : bins_per_side - i;
}
} // namespace

latency_mixture::latency_mixture(const queueing::service_shape &service, double timeout_s)
    : service_(service), timeout_s_(timeout_s), mass_(2 * bins_per_side + 1, 0.0),
      mass_z_(2 * bins_per_side + 1, 0.0) {}

void latency_mixture::add(double no_wait, double waited, double theta) {
    no_wait_ += no_wait;
    if (waited <= 0) {
        return;
    }
    const double z = theta * timeout_s_;
    const int b = bin_of(z);
    if (mass_[static_cast<std::size_t>(b)] == 0) {
        used_.push_back(b);
    }
    mass_[static_cast<std::size_t>(b)] += waited;
    mass_z_[static_cast<std::size_t>(b)] += waited * z;
    waited_ += waited;
}

void latency_mixture::clear() {
    for (int b : used_) {
        mass_[static_cast<std::size_t>(b)] = 0;
        mass_z_[static_cast<std::size_t>(b)] = 0;
    }
    used_.clear();
    no_wait_ = 0;
    waited_ = 0;
}

double latency_mixture::survival(double t_s) const {
    const double tot = total();
    if (tot <= 0) {
        return 0;
    }
    double s = no_wait_ * queueing::service_survival(service_, t_s);
    for (int b : used_) {
        const auto i = static_cast<std::size_t>(b);
        const double theta = mass_z_[i] / mass_[i] / timeout_s_;
        s += mass_[i] * queueing::wait_plus_service_survival(theta, timeout_s_, service_, t_s);
    }
    return s / tot;
}

double latency_mixture::quantile(double p) const {
    if (total() <= 0) {
        return std::numeric_limits<double>::quiet_NaN();
    }
    const double target = 1 - p;
    // S(t) falls from 1 at t = 0; bracket the crossing, then bisect (S may be flat in places).
    double lo = 0;
    double hi = service_.shift_s + timeout_s_ + 1.0;
    const double slowest = service_.p1 < 1 ? service_.rate2 : service_.rate1;
    if (std::isfinite(slowest)) {
        hi += 50.0 / slowest;
    }
    while (survival(hi) > target && hi < 1e9) {
        hi *= 2;
    }
    for (int it = 0; it < 200 && hi - lo > 1e-7 * (1 + hi); ++it) {
        const double mid = 0.5 * (lo + hi);
        if (survival(mid) > target) {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    return 0.5 * (lo + hi);
}

} // namespace autoscalesim
