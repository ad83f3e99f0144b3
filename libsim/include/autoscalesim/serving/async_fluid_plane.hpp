#pragma once
/// The fluid data plane of an asynchronous endpoint: one queue in front of the instances, whose
/// backlog is a first-in-first-out list of held cohorts.

#include "autoscalesim/scenario.hpp"
#include "autoscalesim/serving/queueing.hpp"
#include "autoscalesim/serving/span_outcome.hpp"

#include <deque>
#include <vector>

namespace autoscalesim {

struct fluid_queue;

/// Requests that began service after waiting behind a backlog: `count` of them, their waits
/// spread evenly over [wait_lo_s, wait_hi_s].
struct delayed_start {
    double count = 0;
    double wait_lo_s = 0;
    double wait_hi_s = 0;
};

/// Turns arrivals and in-service capacity of an asynchronous endpoint into served requests,
/// expired ones and latency (docs/fluid-model.md, "Asynchronous endpoints").
///
/// The instances take from one queue: S = N x workers servers at rate mu each, capacity C = S mu.
/// A backlog (requests held at zero capacity, or arriving faster than C) is a fluid queue served
/// first-in first-out at rate C: each held cohort keeps its arrival window, so each request's wait
/// is the time from its arrival to its place in the drain, not a stationary average. When the
/// backlog clears within a span (or there is none, below capacity), the rest of the span is the
/// stationary pooled M/M/S queue at the arrival rate (queueing::mmcd, with the time to live as
/// the deadline): a span without arrivals and backlog holds nothing, as sparse traffic does.
/// Requests still waiting when their time to live has passed expire (checked at each span's
/// start); a request processed longer than the processing timeout fails.
class async_fluid_plane {
public:
    /// A plane for the asynchronous endpoint; the queue starts empty.
    explicit async_fluid_plane(const endpoint_config& endpoint);

    /// Advances by span_s seconds with `arrivals` requests arriving evenly and `in_service`
    /// instances.
    span_outcome advance(double span_s, double arrivals, int in_service);

    /// The requests of the last span that began service behind a backlog, in the order served
    /// (the processing failures left out); the span's other requests are in its outcome
    /// (served_no_wait, served_waited, theta).
    const std::vector<delayed_start>& delayed() const noexcept { return delayed_; }
    /// Requests waiting in the backlog now (not yet in service).
    double in_system() const noexcept;
    /// The fitted service-time shape.
    const queueing::service_shape& service() const noexcept { return service_; }

private:
    async_fluid_plane(const endpoint_config& endpoint, const fluid_queue& queue);
    struct cohort {
        double count;   // requests
        double first_s; // their arrivals spread evenly over [first_s, last_s]
        double last_s;
    };
    double expire(double now_s);
    void hold(double count, double first_s, double last_s);
    double start_from_backlog(double t0_s, double starts, double rate); // returns the started

    int workers_;
    double mu_;
    double ttl_s_;
    double k_;
    queueing::service_shape service_;
    double fail_share_; // share of the processed requests that exceed the processing timeout
    std::deque<cohort> backlog_;
    double now_s_ = 0;
    std::vector<delayed_start> delayed_;
};

} // namespace autoscalesim
