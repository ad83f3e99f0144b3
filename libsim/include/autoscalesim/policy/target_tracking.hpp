#pragma once
/// Target tracking: AlarmHigh / AlarmLow on one metric and desired = ceil(capacity x metric /
/// target).

#include "autoscalesim/metrics.hpp"
#include "autoscalesim/policy/policy.hpp"
#include "autoscalesim/result.hpp"
#include "autoscalesim/scenario.hpp"

#include <optional>
#include <string>
#include <vector>

namespace autoscalesim {

/// What a target-tracking policy asks for at one evaluation.
struct tt_proposal {
    alarm_state high = alarm_state::insufficient_data; ///< AlarmHigh state
    alarm_state low = alarm_state::insufficient_data;  ///< AlarmLow state
    bool scale_out = false;                            ///< AlarmHigh is in ALARM
    bool scale_in = false; ///< AlarmLow is in ALARM and scale-in is enabled
    int out_capacity = 0;  ///< scale-out proposal: ceil(basis x metric / target), not clamped
    int in_capacity = 0;   ///< scale-in proposal: ceil(current x metric / target), not clamped
    double metric = 0;     ///< the latest datapoint used
    /// How many datapoints lead up to and include the latest one that is not missing (0: none,
    /// or not looked for because neither alarm is in ALARM).
    std::size_t latest = 0;
};

/// One target-tracking policy with its metric stream and its two alarms.
class target_tracking_policy : public policy {
public:
    /// A policy for the configuration (validated by the caller). With `per_copy` (an inference
    /// component's copies), its activities name the metric as CloudWatch publishes it per copy
    /// (InvocationsPerCopy); the arithmetic is the same.
    explicit target_tracking_policy(const target_tracking_config& config, bool per_copy = false);

    /// The configuration.
    const target_tracking_config& config() const noexcept { return config_; }
    /// The metric stream the simulator feeds.
    metric_stream& stream() noexcept { return streams().front(); }
    /// The metric stream (read only).
    const metric_stream& stream() const noexcept { return streams().front(); }

    /// Evaluates the alarms: out = the scale-out proposal while AlarmHigh is in ALARM; in = the
    /// scale-in proposal (a vote to scale in) while AlarmLow is in ALARM and scale-in is enabled.
    proposal decide(time_ms now, const policy_view& view) override;
    /// "name: AlarmHigh Metric value > threshold (M of N)", or AlarmLow ... <.
    std::string cause(const proposal& p, bool out) const override;
    /// Target tracking scales in only if every target-tracking policy agrees.
    scale_in_rule in_rule() const noexcept override { return scale_in_rule::unanimous; }
    /// False with DisableScaleIn.
    bool scales_in() const noexcept override { return !config_.disable_scale_in; }

    /// Evaluates both alarms at `now` and the capacity each would set.
    ///
    /// With capacity_basis::current the metric multiplies the target's current desired capacity,
    /// except inside a scale-out window (`window_base` given: a scale-out in progress or cooling
    /// down), where it multiplies the capacity that produced the datapoint, never less than the
    /// capacity before the window; so the capacity the window already added counts toward the
    /// next scale-out and a lagging datapoint cannot compound it. With capacity_basis::producing
    /// the datapoint's own in-service capacity is always used.
    tt_proposal evaluate(time_ms now, int current, std::optional<int> window_base,
                         capacity_basis basis) const;

    /// desired = ceil(capacity x metric / target), computed so that exact multiples do not round
    /// up.
    static int desired_capacity(double capacity, double metric, double target);

    /// Records, from now on, the ranges of its settings within which every decision comes out
    /// the same (decision_margins). Valid only while this policy alone scales the target;
    /// `busy`: what the simulator does with a scale-out asked for during an activity.
    void track_margins(busy_scale_out busy) noexcept {
        margins_.known = true;
        margins_keep_busy_ = busy == busy_scale_out::remember_largest;
    }
    /// What track_margins() recorded so far, with MaxCapacity's bound from the proposals only
    /// (the simulator adds the initial capacity's and the scalable target's cooldown checks).
    const decision_margins& margins() const noexcept { return margins_; }

private:
    /// How many datapoints published by `now` lead up to and include the latest that is not
    /// missing (0: none).
    std::size_t latest_datapoints(time_ms now) const noexcept;
    // The scale-out proposal's capacity basis (see evaluate()).
    double out_basis(int current, std::optional<int> window_base, double metric_capacity,
                     capacity_basis basis) const noexcept;
    // Where an alarm's state turns with the TargetValue at one evaluation: in ALARM for every
    // TargetValue (always), none (never), up to t (AlarmHigh) or from t (AlarmLow).
    struct alarm_edge {
        enum kind_t { always, never, up_to, from } kind;
        double t;
    };
    alarm_edge edge_of(const alarm& a, alarm_state state, time_ms now);
    // Narrows margins_ to the settings with which decide()'s proposal tp at `now` leads to what
    // it did.
    void record_margins(time_ms now, const policy_view& view, const tt_proposal& tp);
    // The same for the scale-out proposal from basis b (AlarmHigh in `state`; its edge, found
    // when needed, kept in `high`), with desired capacity `desired` and MaxCapacity `max`.
    void out_outcome(std::optional<alarm_edge>& high, alarm_state state, time_ms now, double b,
                     double metric, int desired, int max);
    // The proposal's effect: the capacity it scales out to, 0 for none.
    static int out_effect(int k, int desired, int max) noexcept;
    // margins_'s TargetValue range narrowed to [t, ...], [..., t], or to where
    // desired_capacity(b, metric, t) = k.
    void at_least(double t) noexcept;
    void at_most(double t) noexcept;
    void ceil_exactly(double b, double metric, int k) noexcept;

    target_tracking_config config_;
    alarm high_;
    alarm low_;
    // Their evaluations over stream(), counted incrementally (evaluate() is const to callers;
    // one policy is not evaluated from two threads at once).
    mutable alarm_window high_window_, low_window_;
    // The activity cause around the metric value, built once: "name: AlarmHigh Metric " and
    // " > threshold (M of N)", and the same for AlarmLow.
    std::string out_head_, out_tail_, in_head_, in_tail_;
    // The ranges recorded (known: recording), and the datapoints compared with the thresholds.
    decision_margins margins_;
    std::vector<double> window_; // scratch: an alarm window's datapoints
    bool margins_keep_busy_ = false;
};

} // namespace autoscalesim
