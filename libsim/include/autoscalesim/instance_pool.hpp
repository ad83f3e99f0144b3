#pragma once
/// Managed instance scaling under inference-component copies: which instance hosts each copy,
/// when instances are added and released, and their billing.

#include "autoscalesim/fleet.hpp"
#include "autoscalesim/random.hpp"
#include "autoscalesim/scenario.hpp"
#include "autoscalesim/time.hpp"

#include <cstddef>
#include <vector>

namespace autoscalesim {

/// The instances of an endpoint with one inference component. The copies are the fleet (the
/// data plane's servers, scaled by the policies); the pool places each new copy on an instance
/// with a free slot (copies_per_instance): in service and holding the model first, then in
/// service, then the starting one ready first; with none it adds an instance. A copy's start-up
/// is the copy start-up on an instance in service (the cached one when the instance held a copy
/// before), or the instance's start-up plus the copy start-up on a new or starting instance.
/// Instances without a copy are released: at once with IDLE_RELEASE; with CONSOLIDATION once
/// CooldownInMinutes have passed since the last endpoint operation (a copy added or removed, an
/// instance released), at most MaximumStepSize at a time. Both keep MinInstanceCount.
class instance_pool {
public:
    /// A pool for the configuration with `initial_copies` copies in service at time 0, packed
    /// onto as few instances as hold them (at least MinInstanceCount instances).
    instance_pool(const inference_component_config& config, int initial_copies);

    /// Places copy `copy` (its index in the fleet) launched at `now`; returns when it is ready.
    /// Samples the instance start-up from `instance_startup` when it adds an instance.
    time_ms place(time_ms now, std::size_t copy, const startup_distribution& instance_startup,
                  rng_engine& engine);
    /// Takes the fleet's copies as they are now (after a scale-in or a copy finished
    /// draining): recounts each instance's copies, releases idle instances and runs a due
    /// consolidation.
    void update(time_ms now, const fleet& copies);

    /// Instances in service at `now` (launched, started, not released).
    int in_service(time_ms now) const noexcept;
    /// Instances not released (starting or in service).
    int alive() const noexcept { return static_cast<int>(live_.size()); }
    /// Billed instance-milliseconds from each launch to its release, or to `end`.
    double billed_ms(time_ms end) const;

    /// One instance of the pool.
    struct instance {
        time_ms launch_ms = 0;    ///< launched (billing starts)
        time_ms ready_ms = 0;     ///< in service
        time_ms released_ms = -1; ///< released (billing ends), -1 while held
        int copies = 0;           ///< copies it hosts (starting, in service or draining)
        bool cached = false;      ///< it has held a copy, so it keeps the model (data cache)
    };
    /// Every instance that ever existed, in launch order.
    const std::vector<instance>& instances() const noexcept { return instances_; }

private:
    void recount(const fleet& copies);
    void release_idle(time_ms now, int at_most); // instances holding no copy
    void release(std::size_t k, time_ms now);    // releases live_[k]

    inference_component_config config_;
    std::vector<instance> instances_;
    std::vector<std::size_t> live_; // indices of the instances not released, launch order
    std::vector<std::size_t> host_; // fleet copy index -> instance index
    int held_ = 0;                  // copies counted on the instances
    time_ms last_operation_ms_ = 0;
};

} // namespace autoscalesim
