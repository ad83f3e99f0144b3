#include "autoscalesim/serving/async_fluid_plane.hpp"

#include "autoscalesim/serving/fluid_plane.hpp"

#include <algorithm>

namespace autoscalesim {

async_fluid_plane::async_fluid_plane(const endpoint_config& endpoint)
    : async_fluid_plane(endpoint, fluid_queue_of(endpoint.type)) {}

async_fluid_plane::async_fluid_plane(const endpoint_config& endpoint, const fluid_queue& queue)
    : workers_(endpoint.type.workers), mu_(queue.mu), ttl_s_(endpoint.request_ttl_s), k_(queue.k),
      service_(queue.service),
      fail_share_(queueing::service_survival(service_, endpoint.processing_timeout_s)) {}

double async_fluid_plane::in_system() const noexcept {
    double waiting = 0;
    for (const auto& c : backlog_) {
        waiting += c.count;
    }
    return waiting;
}

void async_fluid_plane::hold(double count, double first_s, double last_s) {
    if (count > 0) {
        backlog_.push_back({count, first_s, last_s});
    }
}

double async_fluid_plane::expire(double now_s) {
    // The oldest requests are at the front: drop those that arrived before now - TTL.
    const double cutoff = now_s - ttl_s_;
    double expired = 0;
    while (!backlog_.empty() && backlog_.front().first_s < cutoff) {
        cohort& c = backlog_.front();
        if (c.last_s <= cutoff) {
            expired += c.count;
            backlog_.pop_front();
            continue;
        }
        const double gone = c.count * (cutoff - c.first_s) / (c.last_s - c.first_s);
        expired += gone;
        c.count -= gone;
        c.first_s = cutoff;
        break;
    }
    return expired;
}

double async_fluid_plane::start_from_backlog(double t0_s, double starts, double rate) {
    // Service starts at `rate` from t0: the one at position p (from the front) starts at
    // t0 + p / rate. Within a cohort both the arrival and the start are linear in the position,
    // so its waits are spread evenly between those of its first and last request taken.
    double position = 0;
    while (position < starts && !backlog_.empty()) {
        cohort& c = backlog_.front();
        const double taken = std::min(c.count, starts - position);
        const double arrived_last = c.first_s + (c.last_s - c.first_s) * (taken / c.count);
        const double first_wait = t0_s + position / rate - c.first_s;
        const double last_wait = t0_s + (position + taken) / rate - arrived_last;
        delayed_.push_back({taken * (1 - fail_share_),
                            std::max(0.0, std::min(first_wait, last_wait)),
                            std::max(0.0, std::max(first_wait, last_wait))});
        position += taken;
        if (taken >= c.count) {
            backlog_.pop_front();
        } else {
            c.count -= taken;
            c.first_s = arrived_last;
        }
    }
    return position;
}

span_outcome async_fluid_plane::advance(double span_s, double arrivals, int in_service) {
    span_outcome out;
    out.arrivals = arrivals;
    delayed_.clear();
    if (span_s <= 0) {
        return out;
    }
    const double t0 = now_s_;
    now_s_ += span_s;
    out.errors = expire(t0);
    const double lambda = arrivals / span_s;
    const int servers = std::max(in_service, 0) * workers_;
    const double capacity = servers * mu_;
    const double backlog = in_system();
    // The backlog phase: every server busy, the queue changing at lambda - C until it clears.
    double backlog_s = 0;
    if (servers == 0 || lambda >= capacity) {
        backlog_s = span_s;
    } else if (backlog > 0) {
        backlog_s = std::min(span_s, backlog / (capacity - lambda));
    }
    if (servers == 0) {
        // Nothing is served: the span's arrivals join the backlog (HasBacklogWithoutCapacity).
        hold(arrivals, t0, t0 + span_s);
        out.in_system = backlog + 0.5 * arrivals;
        out.queued_end = in_system();
        // Without a backlog, the queue holds something from the first arrival on, which comes
        // after span / (arrivals + 1) on average (arrivals spread evenly at random).
        out.held_share = backlog > 0 ? 1.0 : arrivals / (arrivals + 1);
        return out;
    }
    double started = 0; // requests that began service in the span
    if (backlog_s > 0) {
        // If the backlog clears within the span, all of it starts.
        hold(lambda * backlog_s, t0, t0 + backlog_s);
        started = start_from_backlog(t0, backlog_s < span_s ? in_system() : capacity * backlog_s,
                                     capacity);
    }
    double in_system_s = (backlog + 0.5 * (lambda - capacity) * backlog_s + servers) * backlog_s;
    double busy_s = servers * backlog_s;
    double held_s = backlog_s;
    double served = 0, latency_sum = 0;
    for (const auto& d : delayed_) {
        served += d.count;
        latency_sum += d.count * (0.5 * (d.wait_lo_s + d.wait_hi_s) + service_.mean_s);
    }
    const double rest_s = span_s - backlog_s;
    out.queued_end = in_system();
    if (rest_s > 0 && lambda > 0) {
        // The stationary pooled queue at the arrival rate for the rest of the span.
        const auto st = queueing::mmcd(servers, lambda, mu_, ttl_s_, k_);
        const double rest_arrivals = lambda * rest_s;
        const double keep = 1 - fail_share_;
        out.served_no_wait = rest_arrivals * st.p_no_wait * keep;
        out.served_waited = rest_arrivals * st.p_wait * keep;
        const auto phases =
            queueing::served_wait_phases(service_, servers, lambda, st.theta, ttl_s_);
        out.theta = phases.theta_slow;
        out.fast_share = 1 - phases.slow;
        out.theta_fast = phases.theta_fast;
        out.errors += rest_arrivals * st.p_timeout;
        started += rest_arrivals * (st.p_no_wait + st.p_wait);
        const double kept = out.served_no_wait + out.served_waited;
        served += kept;
        latency_sum += kept * (st.mean_wait_served_s + service_.mean_s);
        in_system_s += st.in_system() * rest_s;
        busy_s += st.mean_busy * rest_s;
        held_s += std::min(1.0, st.in_system()) * rest_s;
        out.queued_end += st.mean_queue;
    }
    // Processing failures: the share of the started requests whose service exceeds the timeout.
    out.errors += std::max(0.0, started - served);
    out.served = served;
    out.latency_sum_s = latency_sum;
    out.in_system = in_system_s / span_s;
    out.busy = busy_s / span_s;
    out.workers = servers;
    out.held_share = held_s / span_s;
    return out;
}

} // namespace autoscalesim
