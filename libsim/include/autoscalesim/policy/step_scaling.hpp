#pragma once
/// Application Auto Scaling step scaling: a CloudWatch alarm, step adjustments relative to its
/// threshold, and the policy's own cooldown.

#include "autoscalesim/metrics.hpp"
#include "autoscalesim/policy/policy.hpp"
#include "autoscalesim/scenario.hpp"

#include <optional>
#include <string_view>

namespace autoscalesim {

/// One step-scaling policy with its alarm and metric stream.
///
/// While the alarm is in ALARM the policy is invoked once per period. The alarm's latest
/// `evaluation_periods` published datapoints are reduced with the MetricAggregationType (our
/// choice of window; the documentation does not say which datapoints), the step whose bounds
/// contain value - threshold gives the adjustment, applied to the desired capacity.
///
/// Cooldown (per policy, from the completion of its scale-out): during it, a scale-out is computed
/// from the capacity before the first scale-out of the window, so a larger step applies only its
/// excess (+2 done, then +3 adds 1) and an equal or smaller one nothing. After its own scale-in the
/// policy does not scale in again until its cooldown ends; any scale-out on the target cancels
/// that. Scale-in steps are also held during the policy's own scale-out window (our choice).
class step_scaling_policy : public policy {
public:
    /// A policy for the configuration (validated by the caller). With `per_copy` (an inference
    /// component's copies), its activities name the metric as CloudWatch publishes it per copy.
    explicit step_scaling_policy(const step_scaling_config& config, bool per_copy = false);

    /// The configuration.
    const step_scaling_config& config() const noexcept { return config_; }
    /// The metric stream the simulator feeds.
    const metric_stream& stream() const noexcept { return streams().front(); }

    /// Evaluates the alarm and the matching step.
    proposal decide(time_ms now, const policy_view& view) override;
    /// Tracks this policy's cooldown window.
    void on_scaling(const scaling_event& event) override;

    /// The step whose bounds contain `metric - threshold`, or nullptr.
    const step_adjustment* find_step(double metric) const noexcept;
    /// The capacity the matching step sets from `capacity` (no cooldown); empty with no step.
    std::optional<int> adjusted_capacity(int capacity, double metric) const;
    /// PercentChangeInCapacity rounding: > 1 down (12.7 -> 12), (0, 1) -> 1, (-1, 0) -> -1,
    /// < -1 toward zero (-6.67 -> -6); then MinAdjustmentMagnitude (0 for none) as a floor on
    /// the magnitude.
    static int percent_adjustment(int capacity, int percent, int min_magnitude);
    /// The aggregated value (MetricAggregationType) of the datapoints the alarm evaluated at
    /// `now`: the N most recent real ones of its evaluation range (NaN if none: an alarm in ALARM
    /// on missing datapoints filled as breaching has no value to choose a step by, and acts not).
    double aggregated_metric(time_ms now) const;

private:
    bool in_window(time_ms now) const noexcept;

    step_scaling_config config_;
    std::string_view metric_label_; // the metric's name in activity causes
    alarm alarm_;
    alarm_window alarm_window_; // its evaluations, counted incrementally
    bool window_open_ = false;
    bool out_in_progress_ = false;
    int window_base_ = 0;
    std::optional<time_ms> out_cooldown_until_; // empty: no scale-out of its own completed yet
    std::optional<time_ms> in_blocked_until_;   // empty: none, or cancelled by a scale-out
};

} // namespace autoscalesim
