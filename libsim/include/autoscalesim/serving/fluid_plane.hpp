#pragma once
/// The fluid data plane: per span, a pointwise-stationary fluid flow through M/M/c+D queues.

#include "autoscalesim/scenario.hpp"
#include "autoscalesim/serving/queueing.hpp"
#include "autoscalesim/serving/span_outcome.hpp"

#include <cstddef>
#include <memory>
#include <unordered_map>

namespace autoscalesim {

namespace detail {
class queue_table;
struct queue_point;
struct queue_model;
} // namespace detail

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

/// The longest an arrival may wait in the fluid model's queue: the invocation timeout, or 0 for
/// an endpoint without a queue (max_queue 0: a loss system, whose refused share is Erlang B's
/// whatever the service time's shape). The fluid mode takes no other queue limit.
double fluid_wait_cap_s(const endpoint_config& endpoint);

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
///
/// The stationary states come from a table per server count, filled as the run reaches them
/// (piecewise cubic in the arrival rate, densest where the load crosses capacity): a run costs
/// one exact state per distinct node it visits, not several per step. Against the exact states
/// (`exact_states`), every field of a state is within about 1e-7 of its scale, and a run's
/// percentiles within 1e-4 relative (tests hold both).
class fluid_plane {
public:
    /// How the plane computes its states.
    struct options {
        /// Computes every state exactly instead of interpolating it (slower: the reference the
        /// table is held to).
        bool exact_states = false;
        /// Reports each span's p99 latency alone (span_outcome::p99_s), as a timeline needs.
        bool span_p99 = false;
    };

    /// A plane for the endpoint; the queue starts empty.
    explicit fluid_plane(const endpoint_config& endpoint);
    fluid_plane(const endpoint_config& endpoint, options opts);
    ~fluid_plane();
    fluid_plane(fluid_plane&&) noexcept;
    fluid_plane& operator=(fluid_plane&&) noexcept;

    /// Advances by span_s seconds with `arrivals` requests arriving uniformly and `in_service`
    /// instances.
    span_outcome advance(double span_s, double arrivals, int in_service);

    /// Requests in the system now (queued + in service).
    double in_system() const noexcept { return in_system_; }
    /// The fitted service-time shape.
    const queueing::service_shape& service() const noexcept { return service_; }

    /// Exact states computed so far by the tables (all server counts).
    std::size_t states_computed() const noexcept;

private:
    fluid_plane(const endpoint_config& endpoint, const fluid_queue& queue, options opts);
    detail::queue_table* table_for(int servers);
    detail::queue_point point_at(int servers, double y);
    // point_at's counts only (in_system, the three shares, mean_busy, mean_queue).
    detail::queue_point point_counts_at(int servers, double y);
    double in_system_at(int servers, double y);
    double solve_outflow(int servers, double lambda, double x0, double h);

    int workers_;
    double mu_;
    double timeout_s_;
    double wait_cap_s_; // fluid_wait_cap_s
    double k_;
    bool pooled_;
    queueing::service_shape service_;
    queueing::late_tail late_no_wait_; // of a request served at once: one per plane
    double slowest_rate_ = 0;          // the service shape's smallest exponential rate
    bool two_phases_ = false;          // whether its waits may have two phases (not exponential)
    options options_;
    double in_system_ = 0;
    // The last solution (per queue) seeds the next solve with a secant slope of L.
    int last_servers_ = -1;
    double last_y_ = 0;
    double last_x_ = 0;
    double relaxed_queue_ = 0; // the queue whose waits have relaxed to the stationary spread
    // The exact states' model (shared by the tables; not null).
    std::unique_ptr<detail::queue_model> model_;
    // Per server count, its table, made when first needed: at most max_tables of them (a pooled
    // fleet that takes more sizes computes the others' states exactly), so memory stays bounded.
    static constexpr std::size_t max_tables = 256;
    std::unordered_map<int, std::unique_ptr<detail::queue_table>> tables_;
    int table_servers_ = -1;               // the server count table_for() found last
    detail::queue_table* table_ = nullptr; // and its table
};

/// Largest arrival rate per instance (1/s) at which the stationary share of requests served
/// within latency_s is at least target, by the fluid plane's queueing model of one instance
/// (M/M/w+D with the endpoint's timeout and service-time variability); 0 if even an idle instance
/// misses it. Needs no plane: the request mode's provisioning shares use it too.
double max_rate_meeting(const endpoint_config& endpoint, double latency_s, double target);

} // namespace autoscalesim
