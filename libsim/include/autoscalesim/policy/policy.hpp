#pragma once
/// The interface every scaling policy implements, and the read-only view of the simulation it
/// decides from. The simulator calls policies uniformly and composes their proposals with the
/// Application Auto Scaling rules: scale out if any policy asks (the largest capacity wins); scale
/// in only if every target-tracking policy asks, or when an independent policy (step, HPA, custom)
/// asks on its own; the largest proposed capacity wins.

#include "autoscalesim/fleet.hpp"
#include "autoscalesim/metrics.hpp"
#include "autoscalesim/policy/scalable_target.hpp"
#include "autoscalesim/serving/span_outcome.hpp"
#include "autoscalesim/time.hpp"

#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace autoscalesim {

/// What the simulation looks like to a policy at one evaluation (read only).
class policy_view {
public:
    /// A view of the target and fleet at `now`.
    policy_view(time_ms now, const scalable_target& target, const fleet& instances,
                capacity_basis basis, time_ms start_epoch_ms) noexcept
        : now_(now), target_(target), fleet_(instances), basis_(basis),
          start_epoch_ms_(start_epoch_ms) {}

    /// The evaluation time, ms from the start of the trace.
    time_ms now() const noexcept { return now_; }
    /// Wall-clock time of the trace start, ms since the Unix epoch (0 when unknown).
    time_ms start_epoch_ms() const noexcept { return start_epoch_ms_; }
    /// The target's desired capacity.
    int desired() const noexcept { return target_.desired(); }
    /// The effective MinCapacity.
    int min_capacity() const noexcept { return target_.min_capacity(); }
    /// The effective MaxCapacity.
    int max_capacity() const noexcept { return target_.max_capacity(); }
    /// Instances in service.
    int in_service() const noexcept { return fleet_.in_service(); }
    /// Instances launched but not yet in service.
    int starting() const noexcept { return fleet_.starting(); }
    /// The scalable target (cooldown windows, activity in progress).
    const scalable_target& target() const noexcept { return target_; }
    /// The fleet, with every instance's launch and ready times.
    const fleet& instances() const noexcept { return fleet_; }
    /// Which capacity multiplies the metric in target tracking.
    capacity_basis basis() const noexcept { return basis_; }

private:
    time_ms now_;
    const scalable_target& target_;
    const fleet& fleet_;
    capacity_basis basis_;
    time_ms start_epoch_ms_;
};

/// How the composition treats a policy's scale-in proposals.
enum class scale_in_rule {
    unanimous,   ///< target tracking: only if every unanimous policy agrees; the target's
                 ///< scale-in cooldown applies
    independent, ///< step, HPA, custom: on its own; the policy applies its own cooldown
};

/// What an evaluation does to the policy's raise of MaxCapacity (predictive scaling's
/// IncreaseMaxCapacity): keep the raise of its previous evaluation, withdraw it, or raise
/// MaxCapacity to `capacity` until the next evaluation. The simulator applies the largest raise in
/// force, never below the configured MaxCapacity.
struct max_raise {
    /// The three things an evaluation can do to the raise.
    enum class action { keep, withdraw, raise };
    action what = action::keep; ///< keep (the default), withdraw or raise
    int capacity = 0;           ///< with action::raise: the raised MaxCapacity

    /// Keeps the raise of the previous evaluation (none before the first).
    static max_raise keep() noexcept { return {}; }
    /// Withdraws the raise of an earlier evaluation.
    static max_raise withdraw() noexcept { return {.what = action::withdraw}; }
    /// Raises MaxCapacity to `capacity` until the next evaluation.
    static max_raise to(int capacity) noexcept {
        return {.what = action::raise, .capacity = capacity};
    }
};

/// What a policy asks for at one evaluation. Capacities are not yet clamped to [Min, Max]; an
/// empty optional asks for nothing.
struct proposal {
    std::optional<int> out{}; ///< scale out to this capacity
    std::optional<int> in{};  ///< scale in to this capacity
    std::string out_cause{};  ///< why, for the activity log
    std::string in_cause{};   ///< why, for the activity log
    /// The metric value the proposal rests on (NaN: none given), for a policy that writes its
    /// cause only when the proposal causes an activity (policy::cause).
    double metric = std::numeric_limits<double>::quiet_NaN();
    double out_cooldown_s = 0;    ///< scale-out cooldown the target records (target tracking)
    double in_cooldown_s = 0;     ///< scale-in cooldown the target records (unanimous policies)
    std::optional<int> set_min{}; ///< new MinCapacity (scheduled actions); empty keeps it
    std::optional<int> set_max{}; ///< new MaxCapacity (scheduled actions); empty keeps it
    max_raise raise_max{};        ///< MaxCapacity raised until the next evaluation (predictive)

    /// A proposal to set the capacity to `capacity` (out if above `current`, in if below).
    static proposal to(int capacity, int current, const std::string& cause);
};

/// A change of the target's desired capacity, told to every policy.
struct scaling_event {
    time_ms at_ms = 0;      ///< when
    int from = 0;           ///< desired capacity before
    int to = 0;             ///< desired capacity after
    bool completed = false; ///< false when the change starts, true when it is fulfilled
    bool by_this = false;   ///< true if the receiving policy's proposal caused it
};

/// A scaling policy. Subclasses say when they want to be evaluated, which metric streams the
/// simulator should feed them, and what they propose at each evaluation.
///
/// A minimal custom policy sets an evaluation period and overrides decide():
/// ```
/// struct at_least_three : policy {
///     at_least_three() : policy("three", 60'000) {}
///     proposal decide(time_ms, const policy_view &v) override {
///         return proposal::to(std::max(3, v.desired()), v.desired(), "three");
///     }
/// };
/// ```
class policy {
public:
    /// A policy evaluated every `evaluation_period_ms` (at its multiples, from the trace start).
    explicit policy(std::string name, time_ms evaluation_period_ms = 60'000);
    /// Virtual destructor.
    virtual ~policy() = default;

    /// The name used in the activity log.
    const std::string& name() const noexcept { return name_; }
    /// The evaluation period.
    time_ms evaluation_period_ms() const noexcept { return period_ms_; }
    /// The first evaluation time strictly after `after` (-1 asks whether to evaluate at 0).
    /// Default: the next multiple of the evaluation period.
    virtual time_ms next_evaluation_ms(time_ms after) const;
    /// What the policy asks for at `now`.
    virtual proposal decide(time_ms now, const policy_view& view) = 0;
    /// The activity log's cause of a scale-out (`out`) or scale-in that proposal `p` of this
    /// policy caused; asked only then. Default: `p.out_cause` or `p.in_cause`.
    virtual std::string cause(const proposal& p, bool out) const;
    /// How the composition treats this policy's scale-in proposals.
    virtual scale_in_rule in_rule() const noexcept { return scale_in_rule::independent; }
    /// True if a scale-in proposal takes part in composition at all (false: DisableScaleIn).
    virtual bool scales_in() const noexcept { return true; }
    /// True if a scale-out proposed while an activity is in progress waits for it (SageMaker
    /// endpoint updates); false lets activities overlap (Kubernetes).
    virtual bool waits_for_activity() const noexcept { return true; }
    /// True if the policy asks again at its next evaluation while its condition holds
    /// (CloudWatch invokes an alarm's action every period while it is in ALARM; a custom policy
    /// decides afresh each period), so a scale-out refused during an activity need not be kept.
    /// False for one-shot requests (scheduled actions, a predictive hour), which are kept and
    /// applied when the activity completes.
    virtual bool asks_again() const noexcept { return true; }
    /// Called once before the run with the trace's wall-clock start and duration.
    virtual void start(time_ms start_epoch_ms, time_ms duration_ms);
    /// Called for every span [t0, t1) with what the data plane did in it and the instances in
    /// service (for forecasts and custom policies).
    virtual void observe(time_ms t0, time_ms t1, const span_outcome& outcome, int in_service);
    /// Called when the desired capacity changes and when the change is fulfilled.
    virtual void on_scaling(const scaling_event& event);
    /// Called at `at` when one or more of the policy's metric streams closed a period there,
    /// after they closed it, with the fleet as it is then (each instance's instance_load runs to
    /// `at`). The Kubernetes HPA keeps the pods' loads at each window edge.
    virtual void on_period_closed(time_ms at, const fleet& instances);

    /// The metric streams the simulator feeds for this policy.
    std::vector<metric_stream>& streams() noexcept { return streams_; }
    /// The metric streams (read only).
    const std::vector<metric_stream>& streams() const noexcept { return streams_; }

protected:
    /// Asks the simulator to feed a stream of `kind`; returns its index in streams().
    std::size_t add_stream(metric_kind kind, time_ms period_ms, time_ms publish_delay_ms);

private:
    std::string name_;
    time_ms period_ms_;
    std::vector<metric_stream> streams_;
};

} // namespace autoscalesim
