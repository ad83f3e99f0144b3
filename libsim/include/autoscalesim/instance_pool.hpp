#pragma once
/// Managed instance scaling under inference-component copies: which instance hosts each copy,
/// when instances are added and released, and their billing.

#include "autoscalesim/fleet.hpp"
#include "autoscalesim/random.hpp"
#include "autoscalesim/scenario.hpp"
#include "autoscalesim/time.hpp"

#include <array>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <utility>
#include <vector>

namespace autoscalesim {

/// The instances of an endpoint with one or several inference components. Each component's
/// copies are a fleet (a data plane's servers, scaled by that component's policies); the pool
/// places each new copy on an instance with room for it (resource by resource: accelerators,
/// CPU cores, memory): in service and holding the component's model first,
/// then in service, then the starting one ready first; with none it adds an instance, and at
/// MaxInstanceCount the copy waits (pending) until a copy or an instance leaves. A copy's
/// start-up is the copy start-up on an instance in service (the cached one when the instance
/// held a copy of the component before), or the instance's start-up plus the copy start-up on a
/// new or starting instance.
///
/// Scale-in of instances: IDLE_RELEASE releases instances without a copy at once. CONSOLIDATION,
/// once CooldownInMinutes have passed since the last endpoint operation (a copy added, removed
/// or moved, an instance released), releases at most MaximumStepSize instances: idle ones
/// first (newest first), then, newest first, an instance whose copies all fit on the other
/// instances in service that hold copies. Those copies move make-before-break: each loads on
/// its new instance (cached start-up when that instance holds the model) while the old copy
/// keeps serving, and the instance is released when the last one has loaded. Both keep
/// MinInstanceCount.
class instance_pool {
public:
    /// What the pool needs to know about one component's copies.
    struct component {
        /// The share of an instance's accelerators, CPU cores and memory one copy takes
        /// (copy_shares() in scenario.hpp); a copy fits where every share has room.
        std::array<double, 3> need{1.0, 1.0, 1.0};
        startup_distribution copy_startup;        ///< on an instance without the model
        startup_distribution cached_copy_startup; ///< on an instance that held a copy
        int initial_copies = 0;                   ///< in service at time 0
    };

    /// A pool for one component with `initial_copies` copies in service at time 0, packed onto
    /// as few instances as hold them (at least MinInstanceCount instances).
    instance_pool(const inference_component_config& config, int initial_copies,
                  std::uint64_t seed = 0);
    /// A pool shared by several components: the instance settings (MinInstanceCount,
    /// MaxInstanceCount, the scale-in policy) from `instances`; the initial copies packed first
    /// fit, component by component. `seed` drives the start-ups of moved copies.
    instance_pool(const inference_component_config& instances, std::vector<component> components,
                  std::uint64_t seed);

    /// Places copy `copy` (its index in component `comp`'s fleet) launched at `now`; returns
    /// when it is ready, or `pending` when no instance has room and none may be added. Samples
    /// the instance start-up from `instance_startup` when it adds an instance.
    time_ms place(time_ms now, std::size_t comp, std::size_t copy,
                  const startup_distribution& instance_startup, rng_engine& engine);
    /// The same for the pool's only component.
    time_ms place(time_ms now, std::size_t copy, const startup_distribution& instance_startup,
                  rng_engine& engine) {
        return place(now, 0, copy, instance_startup, engine);
    }
    /// Takes component `comp`'s copies as they are now (after a scale-in or a copy finished
    /// draining): recounts the instances' copies, places pending copies that now fit, releases
    /// idle instances, runs a due consolidation and ends finished moves.
    void update(time_ms now, std::size_t comp, const fleet& copies,
                const startup_distribution& instance_startup, rng_engine& engine);
    /// The same for the pool's only component.
    void update(time_ms now, const fleet& copies, const startup_distribution& instance_startup,
                rng_engine& engine) {
        update(now, 0, copies, instance_startup, engine);
    }
    /// Pending copies of component `comp` placed since the last call: (copy, ready time).
    std::vector<std::pair<std::size_t, time_ms>> take_placed(std::size_t comp);

    /// Ready time of a copy waiting for room.
    static constexpr time_ms pending = std::numeric_limits<time_ms>::max() / 2;

    /// Instances in service at `now` (launched, started, not released).
    int in_service(time_ms now) const noexcept;
    /// Instance-milliseconds in [from, to) of the instances that were in service at `from`,
    /// each up to its release when the last update() released it within the span: call it after
    /// the update() that ends the span (one whose copy left at `from` is released there).
    double in_service_ms(time_ms from, time_ms to) const noexcept;
    /// Instances not released (starting or in service).
    int alive() const noexcept { return static_cast<int>(live_.size()); }
    /// Billed instance-milliseconds from each launch to its release, or to `end`.
    double billed_ms(time_ms end) const;
    /// Copies moved by consolidation so far.
    int moves() const noexcept { return moves_; }

    /// One instance of the pool.
    struct instance {
        time_ms launch_ms = 0;        ///< launched (billing starts)
        time_ms ready_ms = 0;         ///< in service
        time_ms released_ms = -1;     ///< released (billing ends), -1 while held
        int copies = 0;               ///< copies it hosts (starting, in service or draining)
        std::array<double, 3> used{}; ///< shares of each resource its copies take (<= 1)
        bool cached = false;          ///< it has held a copy (of any component)
        std::vector<char> holds;      ///< per component: it has held a copy, so it keeps the model
        time_ms leaving_ms = -1;      ///< consolidation: released then, when its copies have moved
        time_ms emptied_ms = -1;      ///< when a copy last left it (a drained copy: its end)
    };
    /// Every instance that ever existed, in launch order.
    const std::vector<instance>& instances() const noexcept { return instances_; }

private:
    static constexpr std::size_t nowhere = std::numeric_limits<std::size_t>::max();
    bool fits(const std::array<double, 3>& used, std::size_t comp) const;
    void take(std::array<double, 3>& used, std::size_t comp) const;
    std::size_t best_host(time_ms now, std::size_t comp, std::size_t except) const;
    std::size_t add_instance(time_ms now, const startup_distribution& instance_startup,
                             rng_engine& engine);
    void host(std::size_t comp, std::size_t copy, std::size_t i);
    time_ms copy_ready(time_ms now, std::size_t comp, std::size_t i, rng_engine& engine) const;
    void recount();
    void place_pending(time_ms now, const startup_distribution& instance_startup,
                       rng_engine& engine);
    void end_moves(time_ms now);
    // Releases instances holding no copy (at most budget), at now or, with when_emptied, when
    // their last copy left.
    void release_idle(time_ms now, int& budget, bool when_emptied = false);
    void consolidate(time_ms now, int& budget); // moves the copies of one instance
    void release(std::size_t k, time_ms at);    // releases live_[k]
    int staying() const;                        // live instances not being released

    inference_component_config config_;
    std::vector<component> components_;
    std::vector<instance> instances_;
    std::vector<std::size_t> live_;         // indices of the instances not released, launch order
    std::vector<std::size_t> released_now_; // those the latest update() released
    // Per component: fleet copy index -> instance index (nowhere: pending or gone).
    std::vector<std::vector<std::size_t>> host_;
    std::vector<std::vector<char>> present_; // per component: the copy exists (not terminated)
    std::vector<int> held_;                  // per component: copies present
    std::vector<std::vector<std::size_t>> pending_; // per component: copies waiting, FIFO
    std::vector<std::vector<std::pair<std::size_t, time_ms>>> placed_;
    time_ms last_operation_ms_ = 0;
    // consolidate() found nothing to move after operation checked_op_ms_; it looks again after
    // another operation or when an instance enters service (recheck_ms_).
    time_ms checked_op_ms_ = -1;
    time_ms recheck_ms_ = 0;
    rng_engine engine_; // moved copies' start-ups
    int moves_ = 0;
};

} // namespace autoscalesim
