#pragma once
/// The instances of one endpoint: launch, start-up, service, termination, and billing.

#include "autoscalesim/time.hpp"

#include <cstddef>
#include <vector>

namespace autoscalesim {

/// The lifecycle state of one instance.
enum class instance_state {
    starting,   ///< launched, not yet serving (billed)
    in_service, ///< receives requests (billed)
    draining,   ///< scaled in: receives no new request, finishes its in-flight ones (billed)
    terminated, ///< gone (billing stopped)
};

/// What one instance has done since it entered service, summed over time. The data planes keep
/// it only when told to (make_data_plane does for a Kubernetes HPA, whose pod metrics are per
/// instance); otherwise it stays zero.
struct instance_load {
    double arrivals = 0;      ///< requests routed to it (throttled ones included)
    double served = 0;        ///< requests it served within the invocation timeout
    double latency_sum_s = 0; ///< their summed latency, seconds
    double busy_s = 0;        ///< busy worker-seconds
    double workers_s = 0;     ///< worker-seconds in service or draining (workers x time)
    double in_system_s = 0;   ///< request-seconds held, queued or in service
    double held_s = 0;        ///< seconds in service or draining
};

/// One instance of the fleet.
struct instance_record {
    time_ms launch_ms = 0;      ///< when it was launched (billing starts)
    time_ms ready_ms = 0;       ///< when it enters service
    time_ms terminated_ms = -1; ///< when it was terminated (billing ends), -1 while alive
    instance_state state = instance_state::starting; ///< current state
    instance_load load{}; ///< what it has done so far (when the data plane keeps it)
};

/// The instances of one endpoint variant, with per-second billing.
class fleet {
public:
    /// A fleet with `initial` instances already in service at time 0.
    explicit fleet(int initial = 0);

    /// Launches one instance at `now` that becomes ready at `ready_ms`.
    void launch(time_ms now, time_ms ready_ms);
    /// Sets when starting instance `index` (an index into instances()) enters service: a copy
    /// that waited for room on a shared instance pool.
    void set_ready(std::size_t index, time_ms ready_ms);
    /// Moves every starting instance whose ready time is <= now into service; returns how many.
    int promote_ready(time_ms now);
    /// Terminates `count` instances at `now`: starting ones first (newest first), then the newest
    /// in service. Returns how many in-service instances were removed. With `drain`, in-service
    /// ones move to draining instead and stay billed until finish_draining().
    int terminate(time_ms now, int count, bool drain = false);
    /// Ends the draining of instance `index` (an index into instances()) at `now`: billing stops.
    void finish_draining(std::size_t index, time_ms now);

    /// Instances in service.
    int in_service() const noexcept { return in_service_; }
    /// Instances launched but not yet in service.
    int starting() const noexcept { return starting_; }
    /// Instances draining after a scale-in (not counted in alive()).
    int draining() const noexcept { return draining_; }
    /// Instances that exist (starting + in service).
    int alive() const noexcept { return in_service_ + starting_; }
    /// Indices into instances() of the starting and in-service instances, launch order.
    const std::vector<std::size_t>& alive_indices() const noexcept { return alive_; }
    /// Indices into instances() of the starting, in-service and draining instances (every one
    /// not terminated), ascending.
    std::vector<std::size_t> pod_indices() const;
    /// Earliest ready time of a starting instance, or -1 when none is starting.
    time_ms next_ready_ms() const noexcept;
    /// Billed instance-milliseconds from each launch to its termination, or to `end` if alive.
    double billed_instance_ms(time_ms end) const;
    /// Every instance that ever existed, in launch order.
    const std::vector<instance_record>& instances() const noexcept { return instances_; }
    /// The load record of instance `index` (an index into instances()), for the data plane.
    instance_load& load(std::size_t index) { return instances_.at(index).load; }

private:
    std::vector<instance_record> instances_;
    std::vector<std::size_t> alive_; // indices of starting and in-service instances, launch order
    std::vector<std::size_t> draining_indices_; // indices of draining instances
    int in_service_ = 0;
    int starting_ = 0;
    int draining_ = 0;
    // next_ready_ms() while instances are starting, kept until the starting set changes.
    static constexpr time_ms unknown = -2;
    mutable time_ms next_ready_ = unknown;
};

} // namespace autoscalesim
