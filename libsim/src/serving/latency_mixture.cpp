#include "autoscalesim/serving/latency_mixture.hpp"

#include "detail/survival.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

namespace autoscalesim {

namespace {
// z = theta x timeout is binned: |z| < z_min in the middle bin, else logarithmically by sign.
constexpr double z_min = 1e-3;
constexpr double bin_width = 0.02;  // in log |z|
constexpr int bins_per_side = 1200; // covers |z| up to z_min * e^24 (2.6e7)
constexpr double z_overload = 1e8;  // z below -z_overload: the waits are D to 1e-8 of it
constexpr double z_instant = 1e300; // z above: the waits are 0

// Waits of delayed requests: below wait_min in bin 0, else logarithmically.
constexpr double wait_min_s = 1e-3;
constexpr double wait_bin_width = 1e-3; // in log(wait)
constexpr int wait_bins = 17500;        // covers waits up to wait_min * e^17.5 (4e4 s)

// (The bin numbers are compared as doubles before the cast: a wait or z past the last bin, or
// infinite, takes the last bin.)
int wait_bin_of(double w) {
    if (!(w >= wait_min_s)) {
        return 0;
    }
    const double place = std::log(w / wait_min_s) / wait_bin_width;
    return place < wait_bins - 2 ? 1 + static_cast<int>(place) : wait_bins - 1;
}

int bin_of(double z) {
    const double a = std::abs(z);
    if (!(a >= z_min)) {
        return bins_per_side;
    }
    const double place = std::log(a / z_min) / bin_width;
    const int i = place < bins_per_side - 1 ? 1 + static_cast<int>(place) : bins_per_side;
    return z > 0 ? bins_per_side + i : bins_per_side - i;
}

// Positive masses in bins [0, side), negative ones (a phase of negative weight) in the
// second half, so that no bin's mean z divides by a sum that cancels.
constexpr int side = 2 * bins_per_side + 1;
} // namespace

latency_mixture::latency_mixture(const queueing::service_shape& service, double timeout_s)
    : service_(service), timeout_s_(timeout_s), mass_(2 * side, 0.0), mass_z_(2 * side, 0.0) {}

void latency_mixture::add(double no_wait, double waited, double theta) {
    no_wait_ += no_wait;
    stale_ = true;
    if (waited == 0) {
        return;
    }
    // Past these the waits are all at D, or none (their distribution no longer changes), and
    // the survival's terms would overflow: an overload of millions of requests a second, an
    // infinite rate.
    const double z = std::clamp(theta * timeout_s_, -z_overload, z_instant);
    const int b = bin_of(z) + (waited < 0 ? side : 0);
    const double m = std::abs(waited);
    if (mass_[static_cast<std::size_t>(b)] == 0) {
        used_.push_back(b);
    }
    mass_[static_cast<std::size_t>(b)] += m;
    mass_z_[static_cast<std::size_t>(b)] += m * z;
    waited_ += waited;
}

void latency_mixture::add(double no_wait, double waited, const queueing::wait_phases& phases) {
    add(no_wait, waited * phases.slow, phases.theta_slow);
    if (phases.slow != 1) {
        add(0, waited * (1 - phases.slow), phases.theta_fast);
    }
}

void latency_mixture::add(const span_outcome& span) {
    add(span.served_no_wait, span.served_waited - span.backlog_waited,
        {.slow = 1 - span.fast_share, .theta_slow = span.theta, .theta_fast = span.theta_fast});
    if (!(span.backlog_waited > 0)) {
        return;
    }
    if (uniform_.size() < max_uniform) {
        uniform_.push_back({span.backlog_waited, span.backlog_wait_lo_s, span.backlog_wait_hi_s});
        delayed_ += span.backlog_waited;
        stale_ = true;
        return;
    }
    add_delayed(span.backlog_waited, span.backlog_wait_lo_s, span.backlog_wait_hi_s);
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
    uniform_.clear();
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
        prepared_.push_back({b < side ? mass_[i] : -mass_[i], theta,
                             queueing::truncated_exp_log_norm(theta, timeout_s_)});
    }
    prepared_delayed_.clear();
    std::vector<int> order = delay_used_;
    std::sort(order.begin(), order.end()); // bins in order of wait
    // (a constant service time has no phase: its points count only while they wait)
    const std::size_t phases = std::isinf(service_.rate1) ? 0 : service_.p1 < 1 ? 2 : 1;
    const double rates[2] = {service_.rate1, service_.rate2};
    for (int b : order) {
        const auto i = static_cast<std::size_t>(b);
        delayed_point d{delay_mass_wait_[i] / delay_mass_[i], delay_mass_[i], {0, 0}};
        for (std::size_t j = 0; j < phases; ++j) {
            d.decayed[j] = delay_mass_[i];
            if (!prepared_delayed_.empty()) {
                const auto& prev = prepared_delayed_.back();
                d.decayed[j] += prev.decayed[j] * std::exp(-rates[j] * (d.wait_s - prev.wait_s));
            }
        }
        prepared_delayed_.push_back(d);
    }
    for (std::size_t k = prepared_delayed_.size(); k-- > 1;) {
        prepared_delayed_[k - 1].mass_from += prepared_delayed_[k].mass_from;
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
    double density = 0;
    return all_tail(t_s, density);
}

double latency_mixture::all_tail(double t_s, double& density) const {
    density = 0;
    const double tot = total();
    if (tot <= 0) {
        return 0;
    }
    prepare();
    const auto served_at_once = queueing::detail::service_tail(service_, t_s);
    double s = no_wait_ * served_at_once.survival;
    double f = no_wait_ * served_at_once.density;
    for (const auto& c : prepared_) {
        const auto w = queueing::detail::wait_plus_service_tail(c.theta, timeout_s_, c.log_norm,
                                                                service_, t_s);
        s += c.mass * w.survival;
        f += c.mass * w.density;
    }
    // The delayed points: those waiting past t - shift all survive; the rest through the
    // running sums of the last of them (see delayed_point).
    const double begun_by = t_s - service_.shift_s;
    const auto begun =
        std::upper_bound(prepared_delayed_.begin(), prepared_delayed_.end(), begun_by,
                         [](double x, const delayed_point& d) { return x < d.wait_s; });
    if (begun != prepared_delayed_.end()) {
        s += begun->mass_from;
    }
    if (begun != prepared_delayed_.begin() && !std::isinf(service_.rate1)) {
        const auto& last = *(begun - 1);
        const double since = begun_by - last.wait_s;
        const double e1 = last.decayed[0] * std::exp(-service_.rate1 * since);
        s += service_.p1 * e1;
        f += service_.p1 * service_.rate1 * e1;
        if (service_.p1 < 1) {
            const double e2 = last.decayed[1] * std::exp(-service_.rate2 * since);
            s += (1 - service_.p1) * e2;
            f += (1 - service_.p1) * service_.rate2 * e2;
        }
    }
    for (const auto& u : uniform_) {
        const auto w = queueing::detail::uniform_plus_service_tail(u.lo_s, u.hi_s, service_, t_s);
        s += u.mass * w.survival;
        f += u.mass * w.density;
    }
    density = f / tot;
    return s / tot;
}

double latency_mixture::quantile(double p, double rel_tol, double guess) const {
    if (total() <= 0) {
        return std::numeric_limits<double>::quiet_NaN();
    }
    // Among the requests completed in time (latency <= D): S_all(t) = S_all(D) + (1 - p) (1 -
    // S_all(D)). g(t) = S_all(t) - that falls from above 0 at t = 0 to below it at D. Newton's
    // method on g, whose slope is minus the mixture's density, kept inside a bracket of the root
    // that every evaluation narrows; a step that leaves the bracket (or a flat stretch, e.g. below
    // a constant service time) bisects it instead, as does one after which |g| did not halve
    // (so the search cannot cycle, and a Newton step about to converge is never discarded).
    const double late = all_survival(timeout_s_);
    if (!(late < 1 - nothing_served)) {
        return std::numeric_limits<double>::quiet_NaN(); // none completed in time
    }
    const double target = late + (1 - p) * (1 - late);
    double lo = 0;
    double hi = timeout_s_;
    double t = guess > 0 && guess < hi ? guess : 0.5 * hi;
    double last_g = std::numeric_limits<double>::infinity();
    for (int it = 0; it < 300; ++it) {
        double density = 0;
        const double g = all_tail(t, density) - target;
        if (g > 0) {
            lo = t;
        } else if (g < 0) {
            hi = t;
        } else {
            return t;
        }
        double next = density > 0 ? t + g / density : std::numeric_limits<double>::quiet_NaN();
        const bool inside = next > lo && next < hi;
        if (inside && std::abs(next - t) <= 0.5 * rel_tol * next) {
            // Newton converges quadratically: the error left is far below the step.
            return next;
        }
        if (!inside || std::abs(g) > 0.5 * last_g) {
            next = 0.5 * (lo + hi);
        }
        last_g = std::abs(g);
        if (hi - lo <= rel_tol * hi) {
            return 0.5 * (lo + hi);
        }
        t = next;
    }
    return 0.5 * (lo + hi);
}

} // namespace autoscalesim
