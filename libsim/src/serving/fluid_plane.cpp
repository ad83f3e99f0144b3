#include "autoscalesim/serving/fluid_plane.hpp"

#include "autoscalesim/serving/latency_mixture.hpp"
#include "detail/queue_table.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <memory>
#include <optional>
#include <utility>

namespace autoscalesim {

double fluid_wait_cap_s(const endpoint_config& endpoint) {
    return endpoint.max_queue == 0 ? 0.0 : endpoint.invocation_timeout_s;
}

fluid_queue fluid_queue_of(const instance_type& type) {
    const double cv = type.effective_cv();
    return {.mu = 1.0 / type.mean_service_s(),
            .k = (1.0 + cv * cv) / 2.0,
            .service = queueing::fit_service(type.mean_service_s(), cv)};
}

namespace detail {

// The fluid plane's queueing model of one queue, fixed for a plane; one per plane, shared by its
// tables and its exact states.
struct queue_model {
    double mu;
    double timeout_s;
    double wait_cap_s; // the wait an arrival may join the queue for (fluid_wait_cap_s)
    double k;
    queueing::service_shape service;
    double slowest_rate;          // the service shape's smallest exponential rate
    bool span_p99;                // whether exact() computes the p99 latency
    mutable double p99_guess = 0; // the last p99 computed, where the next search starts
    // The one-span mixture the p99 is searched on, made at the first (clearing is cheaper than
    // making one: its bins are allocated whole).
    mutable std::optional<latency_mixture> alone{};

    // Of the requests served after a wait in a queue whose waits decay at theta: the share that
    // completes after the timeout, and their mean time past it.
    queueing::late_tail late_after_wait(double theta) const {
        // Negligible (below 1e-16 of the group, under the rounding of the counts) when both the
        // waits and the service times decay by e^-37 over D - a; then not computed.
        const double reach = timeout_s - service.shift_s;
        if (reach > 0 && std::min(theta, slowest_rate) * reach > 37) {
            return {};
        }
        return queueing::late_after_wait(
            theta, timeout_s, queueing::truncated_exp_log_norm(theta, timeout_s), service);
    }

    // Likewise for waits in two phases: each phase's, weighted by its share.
    queueing::late_tail late_after_wait(const queueing::wait_phases& w) const {
        const auto slow = late_after_wait(w.theta_slow);
        if (w.slow == 1) {
            return slow;
        }
        const auto fast = late_after_wait(w.theta_fast);
        return {.share = w.slow * slow.share + (1 - w.slow) * fast.share,
                .excess_s = w.slow * slow.excess_s + (1 - w.slow) * fast.excess_s};
    }

    // The stationary state of `servers` servers at arrival rate y, computed exactly.
    queue_point exact(int servers, double y) const {
        const auto st = queueing::mmcd(servers, y, mu, wait_cap_s, k);
        const auto phases = queueing::served_wait_phases(service, servers, y, st.theta, wait_cap_s);
        const auto late = st.p_wait > 0 ? late_after_wait(phases) : queueing::late_tail{};
        double p99_s = std::numeric_limits<double>::quiet_NaN();
        if (span_p99) {
            if (!alone) {
                alone.emplace(service, timeout_s);
            }
            alone->clear();
            alone->add(st.p_no_wait, st.p_wait, phases);
            // A table computes its nodes four neighbours at a time: the last p99 starts the
            // search near this one.
            p99_s = alone->quantile(0.99, p99_rel_tol, p99_guess);
            if (std::isfinite(p99_s)) {
                p99_guess = p99_s;
            }
        }
        return {.in_system = st.in_system(),
                .p_no_wait = st.p_no_wait,
                .p_wait = st.p_wait,
                .p_timeout = st.p_timeout,
                .mean_busy = st.mean_busy,
                .mean_queue = st.mean_queue,
                .mean_wait_served_s = st.mean_wait_served_s,
                .late_share = late.share,
                .late_excess_s = late.excess_s,
                .wait_slow = phases.slow,
                .wait_theta_slow = phases.theta_slow,
                .wait_theta_fast = phases.theta_fast,
                .p99_s = p99_s};
    }

    // A span's p99 to 1e-9 relative: the table's error is its own, not the search's.
    static constexpr double p99_rel_tol = 1e-9;
};

} // namespace detail

namespace {

// The table reaches 64 times the servers' capacity; beyond, states are computed exactly.
constexpr double table_reach = 64;
// Waits behind a backlog (docs/fluid-model.md): up to backlog_share of the requests served after
// a wait wait first come, first served behind the fluid backlog instead of in the stationary
// spread. That share is full where the waits' decay over the timeout, theta D, is below
// backlog_full_theta_d (the load within a few k / D of capacity, or past it) and falls linearly
// to none at backlog_none_theta_d, so that latency stays continuous in load, while the queue has
// not relaxed (fading as it does); or, if larger, it is the part of the queue that has not yet
// relaxed to its stationary spread.
constexpr double backlog_full_theta_d = 3;
constexpr double backlog_none_theta_d = 6;
constexpr double backlog_share = 0.5;
// The unrelaxed fraction of the queue counts beyond this floor, rescaled to [0, 1]: most minutes'
// queues are within it, and a span without a backlog share is cheaper to evaluate (bench_fluid's
// month: 27 ms per run against 37 ms with no floor, 36 ms against 66 ms with the timeline).
constexpr double unrelaxed_floor = 0.2;

// The rate (1/s) at which a queue near capacity relaxes to its stationary spread: the spectral
// gap of a reflected Brownian motion with the queue's drift and variance, theta^2 k / (4 c mu)
// in the open and pi^2 k / (c mu D^2) between the empty queue and the timeout's c mu D, summed.
double relaxation_rate(double theta, double cap, double k, double timeout_s) {
    constexpr double pi_squared = 9.8696044010893586;
    return theta * theta * k / (4 * cap) + pi_squared * k / (cap * timeout_s * timeout_s);
}

} // namespace

fluid_plane::fluid_plane(const endpoint_config& endpoint)
    : fluid_plane(endpoint, fluid_queue_of(endpoint.type), options{}) {}

fluid_plane::fluid_plane(const endpoint_config& endpoint, options opts)
    : fluid_plane(endpoint, fluid_queue_of(endpoint.type), opts) {}

fluid_plane::fluid_plane(const endpoint_config& endpoint, const fluid_queue& queue, options opts)
    : workers_(endpoint.type.workers), mu_(queue.mu), timeout_s_(endpoint.invocation_timeout_s),
      wait_cap_s_(fluid_wait_cap_s(endpoint)), k_(queue.k),
      pooled_(endpoint.routing_policy == routing::least_outstanding), service_(queue.service),
      late_no_wait_(queueing::late_without_wait(service_, timeout_s_)), options_(opts) {
    // A constant service time has k = 1/2; the waits still come from the arrival variability.
    // The slowest exponential phase bounds how far a service time reaches past its constant part.
    slowest_rate_ = service_.p1 < 1 ? std::min(service_.rate1, service_.rate2) : service_.rate1;
    two_phases_ = queueing::has_wait_phases(service_);
    model_ = std::make_unique<detail::queue_model>(detail::queue_model{
        mu_, timeout_s_, wait_cap_s_, k_, service_, slowest_rate_, options_.span_p99});
}

fluid_plane::~fluid_plane() = default;
fluid_plane::fluid_plane(fluid_plane&&) noexcept = default;
fluid_plane& fluid_plane::operator=(fluid_plane&&) noexcept = default;

std::size_t fluid_plane::states_computed() const noexcept {
    std::size_t n = 0;
    for (const auto& [servers, table] : tables_) {
        n += table->nodes_computed();
    }
    return n;
}

detail::queue_table* fluid_plane::table_for(int servers) {
    if (servers == table_servers_) {
        return table_;
    }
    // The timeout on the M/M/c time axis (0 without a queue: no table, the states are Erlang B's)
    const double d_m = wait_cap_s_ / k_;
    if (options_.exact_states || !(std::isfinite(d_m) && d_m > 0)) {
        return nullptr;
    }
    auto found = tables_.find(servers);
    if (found == tables_.end()) {
        if (tables_.size() >= max_tables) {
            return nullptr;
        }
        const double cap = servers * mu_;
        // The plane owns both the tables and the model, which stays put when the plane moves.
        auto table = std::make_unique<detail::queue_table>(
            cap, d_m, table_reach * cap,
            [model = model_.get(), servers](double y) { return model->exact(servers, y); });
        found = tables_.emplace(servers, std::move(table)).first;
    }
    table_servers_ = servers;
    table_ = found->second.get();
    return table_;
}

detail::queue_point fluid_plane::point_at(int servers, double y) {
    auto* table = table_for(servers);
    if (table != nullptr && table->covers(y)) {
        return table->at(y);
    }
    return model_->exact(servers, y);
}

detail::queue_point fluid_plane::point_counts_at(int servers, double y) {
    auto* table = table_for(servers);
    if (table != nullptr && table->covers(y)) {
        return table->counts_at(y);
    }
    return model_->exact(servers, y);
}

double fluid_plane::in_system_at(int servers, double y) {
    auto* table = table_for(servers);
    if (table != nullptr && table->covers(y)) {
        return table->in_system(y);
    }
    return queueing::mmcd(servers, y, mu_, wait_cap_s_, k_).in_system();
}

double fluid_plane::solve_outflow(int servers, double lambda, double x0, double h) {
    // Backward Euler: x1 = x0 + h (lambda - y), x1 = L(y). Find y with F(y) = L(y) + h y - c0 = 0;
    // F rises strictly with y, F(0) <= 0 and F(lambda + x0/h) >= 0.
    const double c0 = x0 + h * lambda;
    if (c0 <= 0) {
        return 0;
    }
    const double tol = 1e-12 * c0;
    double hi = lambda + x0 / h;
    // Within the table, Newton steps on its cubics; below its floor or past its reach, the
    // exact states.
    if (auto* table = table_for(servers); table != nullptr && hi <= table->y_max()) {
        const double lo = table->y_floor();
        if (lo < hi) {
            const double g = lambda > lo && lambda < hi ? lambda : 0.5 * (lo + hi);
            const double y = table->solve(h, c0, g, lo, hi, tol);
            if (!std::isnan(y)) {
                return y;
            }
        }
    }
    auto f = [&](double y) { return in_system_at(servers, y) + h * y - c0; };
    double lo = 0, flo = -c0;
    double fhi = std::numeric_limits<double>::quiet_NaN();
    auto narrow = [&](double y, double fy) {
        if (fy < 0) {
            lo = y;
            flo = fy;
        } else {
            hi = y;
            fhi = fy;
        }
    };
    // First guess: the arrival rate (the queue at equilibrium); then one Newton step whose slope
    // F' = L' + h takes L' from the secant through the previous solution, when there is one.
    double g = lambda > 0 && lambda < hi ? lambda : 0.5 * hi;
    double fg = f(g);
    if (std::abs(fg) <= tol) {
        return g;
    }
    narrow(g, fg);
    double slope = h + 1.0 / mu_;
    if (servers == last_servers_ && std::abs(g - last_y_) > 1e-12 * (g + last_y_)) {
        const double secant = (fg + c0 - h * g - last_x_) / (g - last_y_);
        if (secant > 0 && std::isfinite(secant)) {
            slope = h + secant;
        }
    }
    const double g2 = g - fg / slope;
    if (g2 > lo && g2 < hi) {
        const double f2 = f(g2);
        if (std::abs(f2) <= tol) {
            return g2;
        }
        narrow(g2, f2);
        // Secant steps through the last two points while they stay inside the bracket (F is
        // smooth and convex or concave over a step, so they converge superlinearly); the
        // bracketing search below takes over otherwise.
        double y0 = g, f0 = fg, y1 = g2, f1 = f2;
        for (int it = 0; it < 8 && f1 != f0; ++it) {
            const double y2 = y1 - f1 * (y1 - y0) / (f1 - f0);
            if (!(y2 > lo && y2 < hi)) {
                break;
            }
            const double f2n = f(y2);
            if (std::abs(f2n) <= tol || hi - lo <= 1e-13 * hi) {
                return y2;
            }
            narrow(y2, f2n);
            y0 = y1;
            f0 = f1;
            y1 = y2;
            f1 = f2n;
        }
    }
    if (std::isnan(fhi)) {
        fhi = f(hi);
        if (fhi <= tol) {
            return hi;
        }
    }
    int side = 0;
    double y = lo;
    for (int it = 0; it < 200; ++it) { // Illinois regula falsi: bracketing, superlinear
        y = (lo * fhi - hi * flo) / (fhi - flo);
        if (!(y > lo && y < hi)) {
            y = 0.5 * (lo + hi);
        }
        const double fy = f(y);
        if (std::abs(fy) <= tol || hi - lo <= 1e-13 * hi) {
            break;
        }
        if (fy < 0) {
            lo = y;
            flo = fy;
            if (side == -1) {
                fhi *= 0.5;
            }
            side = -1;
        } else {
            hi = y;
            fhi = fy;
            if (side == 1) {
                flo *= 0.5;
            }
            side = 1;
        }
    }
    return y;
}

span_outcome fluid_plane::advance(double span_s, double arrivals, int in_service) {
    span_outcome out;
    out.arrivals = arrivals;
    if (span_s <= 0) {
        return out;
    }
    if (in_service <= 0) {
        // No instance: every request fails at once and whatever was queued is lost.
        out.errors = arrivals + in_system_;
        in_system_ = 0;
        relaxed_queue_ = 0;
        return out;
    }
    const double n = in_service;
    const int servers = pooled_ ? in_service * workers_ : workers_;
    const double share = pooled_ ? 1.0 : n; // queues that behave alike
    const double lambda = arrivals / span_s / share;
    const double x0 = in_system_ / share;
    const bool continued =
        servers == last_servers_ && std::abs(x0 - last_x_) <= 1e-12 * (x0 + last_x_);
    const double y0 = last_y_;
    const double y = solve_outflow(servers, lambda, x0, span_s);
    // The counts come from the implicit step's end state; the latency of the span's requests
    // from the state halfway through it in outflow (y0 + y) / 2, a second-order estimate of the
    // queue they met, when the span began with the previous span's queues (same servers and
    // per-queue backlog; otherwise the end state).
    const double y_mid = continued && y0 != y ? 0.5 * (y0 + y) : y;
    const bool apart = y_mid != y;
    const auto st = apart ? point_counts_at(servers, y) : point_at(servers, y);
    const auto mid = apart ? point_at(servers, y_mid) : st;
    const double x1 = st.in_system;
    in_system_ = x1 * share;
    last_servers_ = servers;
    last_y_ = y;
    last_x_ = x1;
    // The queue whose waits have relaxed to the stationary spread follows the end state's.
    const double cap = servers * mu_;
    const double theta_mid = (cap - y_mid) / k_; // the waits' decay rate at y_mid
    const double q1 = st.mean_queue;
    const double relaxed0 = relaxed_queue_ / share;
    const double theta_end = (cap - y) / k_;
    const double relaxed1 =
        q1 + (relaxed0 - q1) * std::exp(-span_s * relaxation_rate(theta_end, cap, k_, timeout_s_));
    relaxed_queue_ = relaxed1 * share;

    // Requests are conserved by construction: what left is what arrived less the change in the
    // system. That is y h to within the solve's tolerance, except where L(y) is so steep (a
    // timeout of hours with the load at capacity) that the solve stops on its bracket first.
    const double departures = std::max(0.0, x0 + lambda * span_s - x1) * share;
    const double served = departures * (st.p_no_wait + st.p_wait); // began service in time
    out.errors = departures * st.p_timeout;
    if (wait_cap_s_ == 0) { // max_queue 0: refused at once by busy workers
        out.throttled = out.errors;
    }
    out.in_system = 0.5 * (x0 + x1) * share;
    out.held_share = std::min(1.0, out.in_system);
    out.busy = st.mean_busy * share;
    out.workers = n * workers_;
    out.queued_end = st.mean_queue * share;
    // Past capacity a pooled fleet's request still waits in its own instance's queue: its wait
    // spreads like one instance's, decaying at theta / n, not like the pooled queue's.
    const bool own_queue = pooled_ && in_service > 1 && theta_mid < 0;
    const double theta_wait = own_queue ? theta_mid / n : theta_mid;
    double mean_wait_served = mid.mean_wait_served_s;
    if (own_queue) {
        mean_wait_served *= queueing::truncated_exp_mean(theta_wait, timeout_s_) /
                            queueing::truncated_exp_mean(theta_mid, timeout_s_);
    }
    double latency_sum = served * (mean_wait_served + service_.mean_s);
    const double served_share = mid.p_no_wait + mid.p_wait;
    if (served > 0 && served_share > 0) {
        out.served_no_wait = served * mid.p_no_wait / served_share;
        out.served_waited = served * mid.p_wait / served_share;
        out.theta = theta_wait;
        if (two_phases_ && !own_queue) { // the waits' phases at y_mid, tabulated
            out.theta = mid.wait_theta_slow;
            out.fast_share = 1 - mid.wait_slow;
            out.theta_fast = mid.wait_theta_fast;
        }
        out.p99_s = own_queue ? std::numeric_limits<double>::quiet_NaN() : mid.p99_s;
        // Near or past capacity the stationary waits are nearly flat over (0, D], or piled up
        // at D, and a queue that built (or drained) faster than it relaxes has not spread its
        // waits yet: a backlog's requests wait about its queue over the capacity instead. Half
        // of such requests: the backlog's part spread evenly between the span's first and last
        // queue over the capacity.
        const double theta_d = theta_mid * timeout_s_;
        const double near_capacity = std::clamp((backlog_none_theta_d - theta_d) /
                                                    (backlog_none_theta_d - backlog_full_theta_d),
                                                0.0, 1.0);
        // (the part beyond unrelaxed_floor: a queue that close to relaxed counts as relaxed)
        const double gap = q1 > 0 ? std::min(1.0, std::abs(q1 - relaxed1) / q1) : 0.0;
        const double unrelaxed = std::max(0.0, gap - unrelaxed_floor) / (1 - unrelaxed_floor);
        // Near capacity, in full while the queue is unrelaxed beyond the floor, fading with its
        // gap below it: a queue that has relaxed has the stationary spread.
        const double near_unrelaxed = near_capacity * std::min(1.0, gap / unrelaxed_floor);
        out.backlog_waited =
            backlog_share * std::max(near_unrelaxed, unrelaxed) * out.served_waited;
        out.backlog_wait_lo_s = std::min(timeout_s_, std::max(0.0, x0 - servers) / cap);
        out.backlog_wait_hi_s = std::min(timeout_s_, std::max(0.0, x1 - servers) / cap);
        if (out.backlog_wait_lo_s > out.backlog_wait_hi_s) {
            std::swap(out.backlog_wait_lo_s, out.backlog_wait_hi_s);
        }
        if (out.backlog_waited > 0) {
            out.p99_s = std::numeric_limits<double>::quiet_NaN(); // the table's is stationary
        }
    }
    // A request that began service in time but completes after the timeout is an error, as in
    // request mode: its latency leaves the served requests' sum.
    queueing::late_tail waited{};
    if (out.served_waited > 0) {
        waited = own_queue ? queueing::late_after_wait(
                                 theta_wait, timeout_s_,
                                 queueing::truncated_exp_log_norm(theta_wait, timeout_s_), service_)
                           : queueing::late_tail{mid.late_share, mid.late_excess_s};
    }
    // (at most all of them: when every one is late, rounding must not leave served below 0)
    const double late = std::min(served, out.served_no_wait * late_no_wait_.share +
                                             out.served_waited * waited.share);
    latency_sum -=
        out.served_no_wait * (timeout_s_ * late_no_wait_.share + late_no_wait_.excess_s) +
        out.served_waited * (timeout_s_ * waited.share + waited.excess_s);
    out.served = served - late;
    out.errors += late;
    out.latency_sum_s = std::max(0.0, latency_sum);
    return out;
}

double max_rate_meeting(const endpoint_config& endpoint, double latency_s, double target) {
    const int workers = endpoint.type.workers;
    const double timeout_s = endpoint.invocation_timeout_s;
    const double wait_cap_s = fluid_wait_cap_s(endpoint);
    // Named copies, not a structured binding: the lambda below captures them.
    const fluid_queue queue = fluid_queue_of(endpoint.type);
    const double mu = queue.mu;
    const double k = queue.k;
    const queueing::service_shape service = queue.service;
    auto good_share = [&](double lambda) {
        const auto st = queueing::mmcd(workers, lambda, mu, wait_cap_s, k);
        const auto w = queueing::served_wait_phases(service, workers, lambda, st.theta, wait_cap_s);
        const double within_wait =
            1 - queueing::wait_plus_service_survival(w, timeout_s, service, latency_s);
        const double within_now = 1 - queueing::service_survival(service, latency_s);
        return st.p_no_wait * within_now + st.p_wait * within_wait;
    };
    const double cap = workers * mu;
    if (good_share(cap * 1e-9) < target) {
        return 0;
    }
    double lo = cap * 1e-9, hi = cap;
    if (good_share(hi) >= target) {
        return hi;
    }
    for (int it = 0; it < 100 && hi - lo > 1e-9 * cap; ++it) {
        const double mid = 0.5 * (lo + hi);
        (good_share(mid) >= target ? lo : hi) = mid;
    }
    return lo;
}

} // namespace autoscalesim
