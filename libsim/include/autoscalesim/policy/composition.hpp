#pragma once
/// The composition of several policies' proposals at one evaluation, by the Application Auto
/// Scaling rules: scale out if any policy asks (the largest capacity wins); scale in only if every
/// unanimous (target-tracking) policy with scale-in enabled asks, and not during the target's
/// scale-in cooldown or an activity; an independent policy (step, HPA, custom) scales in on its
/// own. A pure function of the votes and the target: the simulator applies what it decides.

#include "autoscalesim/policy/policy.hpp"
#include "autoscalesim/policy/scalable_target.hpp"
#include "autoscalesim/time.hpp"

#include <cstddef>
#include <optional>
#include <vector>

namespace autoscalesim {

/// One policy's part in an evaluation.
struct vote {
    const proposal* last = nullptr; ///< its latest proposal (kept between its evaluations)
    bool due = false;               ///< evaluated at this instant
    scale_in_rule rule = scale_in_rule::independent; ///< how its scale-in counts
    bool scales_in = true;                           ///< false with DisableScaleIn
    bool waits_for_activity = true; ///< an independent scale-in waits for an activity
};

/// What the votes decide; indices are into the votes.
struct composed {
    std::optional<int> out_to{}; ///< the largest clamped scale-out asked for, if any
    std::size_t out_by = 0;      ///< the vote it came from
    std::optional<int> in_to{};  ///< the capacity to scale in to, if any
    std::size_t in_by = 0;       ///< the vote it came from
    double in_cooldown_s = 0;    ///< the scale-in cooldown to record

    /// True if the decision is a scale-out from `desired`.
    bool scales_out(int desired) const noexcept { return out_to && *out_to > desired; }
};

/// Composes the votes at `now` for a target whose desired capacity is target.desired().
composed compose(const std::vector<vote>& votes, const scalable_target& target, time_ms now);

} // namespace autoscalesim
