#include "autoscalesim/serving/latency_mixture.hpp"

#include "detail/survival.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace autoscalesim {

namespace {
// z = theta x timeout is binned: |z| < z_min in the middle bin, else logarithmically by sign.
constexpr double z_min = 1e-3;
constexpr double bin_width = 0.02;  // in log |z|
constexpr int bins_per_side = 1200; // covers |z| up to z_min * e^24 (2.6e7)

// Waits of delayed requests: below wait_min in bin 0, else logarithmically.
constexpr double wait_min_s = 1e-3;
constexpr double wait_bin_width = 1e-3; // in log(wait)
constexpr int wait_bins = 17500;        // covers waits up to wait_min * e^17.5 (4e4 s)

int wait_bin_of(double w) {
    if (w < wait_min_s) {
        return 0;
    }
    return std::min(wait_bins - 1, 1 + static_cast<int>(std::log(w / wait_min_s) / wait_bin_width));
}

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

latency_mixture::latency_mixture(const queueing::service_shape& service, double timeout_s)
    : service_(service), timeout_s_(timeout_s), mass_(2 * bins_per_side + 1, 0.0),
      mass_z_(2 * bins_per_side + 1, 0.0) {}

void latency_mixture::add(double no_wait, double waited, double theta) {
    no_wait_ += no_wait;
    stale_ = true;
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

void latency_mixture::add_delayed(double count, double wait_lo_s, double wait_hi_s) {
    if (count <= 0) {
        return;
    }
    if (delay_mass_.empty()) {
        delay_mass_.assign(wait_bins, 0.0);
        delay_mass_wait_.assign(wait_bins, 0.0);
    }
    // Evenly spaced points, at most 1e-3 x wait_hi apart (64 at most): each stands for an equal
    // share of the requests at the middle of its stretch.
    constexpr int max_points = 64;
    const double width = std::max(0.0, wait_hi_s - wait_lo_s);
    const int points =
        width > 0 ? std::min(max_points, 1 + static_cast<int>(width / (1e-3 * wait_hi_s))) : 1;
    const double each = count / points;
    for (int i = 0; i < points; ++i) {
        const double w = wait_lo_s + width * (i + 0.5) / points;
        const auto b = static_cast<std::size_t>(wait_bin_of(w));
        if (delay_mass_[b] == 0) {
            delay_used_.push_back(static_cast<int>(b));
        }
        delay_mass_[b] += each;
        delay_mass_wait_[b] += each * w;
    }
    delayed_ += count;
    stale_ = true;
}

void latency_mixture::clear() {
    for (int b : used_) {
        mass_[static_cast<std::size_t>(b)] = 0;
        mass_z_[static_cast<std::size_t>(b)] = 0;
    }
    used_.clear();
    for (int b : delay_used_) {
        delay_mass_[static_cast<std::size_t>(b)] = 0;
        delay_mass_wait_[static_cast<std::size_t>(b)] = 0;
    }
    delay_used_.clear();
    delayed_ = 0;
    no_wait_ = 0;
    waited_ = 0;
    stale_ = true;
}

void latency_mixture::prepare() const {
    if (!stale_) {
        return;
    }
    prepared_.clear();
    for (int b : used_) {
        const auto i = static_cast<std::size_t>(b);
        const double theta = mass_z_[i] / mass_[i] / timeout_s_;
        prepared_.push_back({mass_[i], theta, queueing::truncated_exp_log_norm(theta, timeout_s_)});
    }
    prepared_delayed_.clear();
    for (int b : delay_used_) {
        const auto i = static_cast<std::size_t>(b);
        prepared_delayed_.push_back({delay_mass_[i], delay_mass_wait_[i] / delay_mass_[i]});
    }
    stale_ = false;
}

double latency_mixture::survival(double t_s) const {
    if (t_s >= timeout_s_) {
        return 0;
    }
    const double late = all_survival(timeout_s_);
    if (!(late < 1)) {
        return 0;
    }
    return (all_survival(t_s) - late) / (1 - late);
}

double latency_mixture::all_survival(double t_s) const {
    const double tot = total();
    if (tot <= 0) {
        return 0;
    }
    prepare();
    double s = no_wait_ * queueing::detail::service_survival(service_, t_s);
    for (const auto& c : prepared_) {
        s += c.mass * queueing::detail::wait_plus_service_survival(c.theta, timeout_s_, c.log_norm,
                                                                   service_, t_s);
    }
    for (const auto& d : prepared_delayed_) {
        s += d.mass * queueing::detail::service_survival(service_, t_s - d.wait_s);
    }
    return s / tot;
}

double latency_mixture::quantile(double p, double rel_tol, double guess) const {
    if (total() <= 0) {
        return std::numeric_limits<double>::quiet_NaN();
    }
    // Among the requests completed in time (latency <= D): S_all(t) = S_all(D) + (1 - p) (1 -
    // S_all(D)). f(t) = S_all(t) - that falls from above 0 at t = 0 to below it at D. Bracket
    // the root, then Illinois regula falsi (bisection wherever S is flat, e.g. below a constant
    // service time).
    const double late = all_survival(timeout_s_);
    if (!(late < 1)) {
        return std::numeric_limits<double>::quiet_NaN(); // none completed in time
    }
    const double target = late + (1 - p) * (1 - late);
    double lo = 0, flo = 1 - target;
    double hi = timeout_s_;
    if (guess > 0 && guess < hi) {
        // Bracket around the guess: widen by 25 % steps toward the root.
        const double fg = all_survival(guess) - target;
        if (fg > 0) {
            lo = guess;
            flo = fg;
            const double up = std::min(hi, guess * 1.25);
            const double fup = all_survival(up) - target;
            if (fup <= 0) {
                hi = up;
            } else {
                lo = up;
                flo = fup;
            }
        } else {
            hi = guess;
            const double down = guess * 0.8;
            const double fdown = all_survival(down) - target;
            if (fdown > 0) {
                lo = down;
                flo = fdown;
            }
        }
    }
    double fhi = all_survival(hi) - target;
    int side = 0;
    for (int it = 0; it < 300 && hi - lo > rel_tol * hi; ++it) {
        double t = (lo * fhi - hi * flo) / (fhi - flo);
        if (!(t > lo && t < hi) || it % 8 == 7) {
            t = 0.5 * (lo + hi); // guarantees progress on flat or badly scaled stretches
        }
        const double f = all_survival(t) - target;
        if (f > 0) {
            lo = t;
            flo = f;
            if (side == 1) {
                fhi *= 0.5;
            }
            side = 1;
        } else {
            hi = t;
            fhi = f;
            if (side == -1) {
                flo *= 0.5;
            }
            side = -1;
            if (f == 0) {
                lo = t;
            }
        }
    }
    return 0.5 * (lo + hi);
}

} // namespace autoscalesim
