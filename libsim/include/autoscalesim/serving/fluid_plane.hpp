#pragma once
/// The fluid data plane: per span, a pointwise-stationary fluid flow through M/M/c+D queues.

#include "autoscalesim/scenario.hpp"
#include "autoscalesim/serving/queueing.hpp"
#include "autoscalesim/serving/span_outcome.hpp"

#include <cstddef>
#include <cstdint>
#include <vector>

namespace autoscalesim {

/// The fluid mode's queueing model of one worker of an instance type: its service rate, the
/// Allen-Cunneen factor (1 + cv^2) / 2 applied to waits under Poisson arrivals, and the service
/// time's fitted shape.
struct fluid_queue {
    double mu = 1; ///< service rate of one worker, 1/s
    double k = 1;  ///< Allen-Cunneen factor (1 + cv^2) / 2
    queueing::service_shape service;
};

/// The fluid queueing model of the instance type's workers.
fluid_queue fluid_queue_of(const instance_type& type);

/// Turns arrivals and in-service capacity into served requests, errors and latency.
///
/// The queue of each instance (random routing: M/M/w with lambda/N; least-outstanding routing:
/// one pooled M/M/(N w)) is a pointwise-stationary fluid flow: the mean number in the system x
/// follows dx/dt = lambda - y(x), where y is the arrival rate whose stationary M/M/c+D state holds
/// x requests. Each span is one implicit (backward Euler) step, solved exactly, so a span never
/// jumps to the stationary state of an overloaded queue: backlog builds and drains continuously,
/// the queue carried from span to span, and waits beyond the timeout become errors, as do
/// requests that complete after it. The latency of a span's requests is that of the state at the
/// span's mean outflow (the previous span's and this one's), the counts those of the step.
class fluid_plane {
public:
    /// A plane for the endpoint; the queue starts empty.
    explicit fluid_plane(const endpoint_config& endpoint);

    /// Advances by span_s seconds with `arrivals` requests arriving uniformly and `in_service`
    /// instances.
    span_outcome advance(double span_s, double arrivals, int in_service);

    /// Requests in the system now (queued + in service).
    double in_system() const noexcept { return in_system_; }
    /// The fitted service-time shape.
    const queueing::service_shape& service() const noexcept { return service_; }

private:
    fluid_plane(const endpoint_config& endpoint, const fluid_queue& queue);
    queueing::mmcd_state state_at(int servers, double lambda) const;
    queueing::late_tail late_after_wait(double theta) const;
    double solve_outflow(int servers, double lambda, double x0, double h);
    const queueing::mmcd_state& memo_state(int servers, double lambda);

    int workers_;
    double mu_;
    double timeout_s_;
    double k_;
    bool pooled_;
    queueing::service_shape service_;
    queueing::late_tail late_no_wait_; // of a request served at once: one per plane
    double slowest_rate_ = 0;          // the service shape's smallest exponential rate
    double in_system_ = 0;
    // The last solution (per queue) seeds the next solve with a secant slope of L.
    int last_servers_ = -1;
    double last_y_ = 0;
    double last_x_ = 0;
    // The state at solved_y_, the latest point solve_outflow() evaluated (NaN: none).
    queueing::mmcd_state solved_;
    double solved_y_ = 0;
    // state_at() by exact (servers, lambda), direct-mapped: a slot keeps the latest key that
    // hashed to it. Bounded: 2^memo_bits slots of 72 bytes (72 KiB), allocated at the first solve.
    struct memo_entry {
        int servers = -1; // -1: empty
        std::uint64_t lambda_bits = 0;
        queueing::mmcd_state state;
    };
    static constexpr int memo_bits = 10;
    static constexpr std::size_t memo_slots = std::size_t{1} << memo_bits;
    std::vector<memo_entry> memo_;
};

/// Largest arrival rate per instance (1/s) at which the stationary share of requests served
/// within latency_s is at least target, by the fluid plane's queueing model of one instance
/// (M/M/w+D with the endpoint's timeout and service-time variability); 0 if even an idle instance
/// misses it. Needs no plane: the request mode's provisioning shares use it too.
double max_rate_meeting(const endpoint_config& endpoint, double latency_s, double target);

} // namespace autoscalesim
