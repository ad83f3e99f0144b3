#pragma once
/// The Kubernetes Horizontal Pod Autoscaler (autoscaling/v2): replica calculation with tolerance
/// and readiness, stabilization windows and behavior rate limits.

#include "autoscalesim/policy/policy.hpp"
#include "autoscalesim/scenario.hpp"

#include <limits>

#include <vector>

namespace autoscalesim {

/// The pods the replica calculator groups (replica_calculator.go `groupPods`).
struct hpa_pods {
    int ready = 0;   ///< pods with a usable metric sample
    int unready = 0; ///< pending or not-yet-ready pods: count as 0 on a scale-up, else ignored
    int missing = 0; ///< running pods without a sample: missing_on_scale_down on a scale-down, 0 up
};

/// The replicas one metric asks for (replica_calculator.go): `metric` is the mean over the ready
/// pods, `target` the per-pod target; no change while the usage ratio is within
/// [1 - down_tolerance, 1 + up_tolerance]. On a scale-down a missing pod counts at
/// `missing_on_scale_down`: the target for a Pods metric (calcPlainMetricReplicas, the default
/// when NaN), max(100, target) percent for a Resource utilisation such as CPU
/// (GetResourceReplicas: "as using 100 % of the resource request, or the target when above").
/// Returns `current` when nothing should change.
int hpa_replicas_for_metric(
    int current, const hpa_pods& pods, double metric, double target, double up_tolerance,
    double down_tolerance, double missing_on_scale_down = std::numeric_limits<double>::quiet_NaN());

/// The replicas an External or Object metric asks for (replica_calculator.go): `figure` is the
/// fleet-wide value, `current` the replicas, `ready` the ready pods. external_average_value:
/// ceil(figure / target), unless figure / (target x current) is within the tolerance
/// (GetExternalPerPodMetricReplicas); external_value: ceil(figure / target x ready), unless
/// figure / target is within the tolerance (GetExternalMetricReplicas, getUsageRatioReplicaCount;
/// ceil(figure / target) when current is 0). Returns `current` when nothing should change.
int hpa_replicas_for_figure(int current, int ready, double figure, double target, hpa_source source,
                            double up_tolerance, double down_tolerance);

/// The fleet-wide figure an External or Object metric reads from one window of `metric`: the
/// total over the instances (the per-instance value x the capacity that produced it) for
/// InvocationsPerInstance, ConcurrentRequestsPerModel and CPUUtilization; the mean itself for
/// ModelLatency.
double hpa_figure(metric_kind metric, const datapoint& window);

/// The replicas an HPA with several metrics asks for (horizontal.go computeReplicasForMetrics):
/// the largest of `per_metric` (one per metric that could be read); `current` when none could,
/// or when `unreadable` > 0 metrics could not be read and the largest is a scale-down.
int hpa_replicas_for_metrics(int current, const std::vector<int>& per_metric, int unreadable);

/// What a missing pod counts at on a scale-down for `metric` with `target`: max(100, target) for
/// CPU utilisation (a Resource metric), the target for the per-pod metrics.
double hpa_missing_pod_value(metric_kind metric, double target);

/// The HPA controller's memory: raw recommendations (stabilization) and its own scale events
/// (rate limits), as in horizontal.go.
class hpa_behavior {
public:
    /// Behavior of the configuration (validated by the caller).
    explicit hpa_behavior(const hpa_config& config);

    /// The replicas to set at `now` given the current replicas and the metric's recommendation:
    /// stabilized, rate limited by the scaling policies, clamped to [min_replicas, max_replicas].
    /// Records the recommendation.
    int normalize(time_ms now, int current, int recommended, int min_replicas, int max_replicas);
    /// Records a change of replicas made by this HPA at `now`.
    void record_scale(time_ms now, int from, int to);

    /// The largest replica count scale-up policies allow from `current` at `now`.
    int scale_up_limit(time_ms now, int current) const;
    /// The smallest replica count scale-down policies allow from `current` at `now`.
    int scale_down_limit(time_ms now, int current) const;

private:
    struct stamped {
        time_ms at;
        int value;
    };
    int change_in_period(time_ms now, time_ms period, const std::vector<stamped>& events) const;

    hpa_config config_;
    std::vector<stamped> recommendations_;
    std::vector<stamped> up_events_;
    std::vector<stamped> down_events_;
};

/// A Kubernetes HPA as a policy: evaluated every sync period, reading the latest metrics window.
///
/// Readiness in the simulator's terms (our mapping): a starting instance is a Pending pod
/// (unready); an instance that entered service after the start of the latest metrics window has
/// no full sample: for CPU it is unready while younger than the CPU initialization period
/// (counted from launch), otherwise missing. Kubernetes scales without waiting for pods to start,
/// so HPA activities overlap, and its scale-downs are not blocked by AAS cooldowns.
class hpa_policy : public policy {
public:
    /// A policy for the configuration (validated by the caller).
    explicit hpa_policy(const hpa_config& config);

    /// The configuration.
    const hpa_config& config() const noexcept { return config_; }
    /// The desired replicas, as an out or in proposal.
    proposal decide(time_ms now, const policy_view& view) override;
    /// Records this HPA's scale events.
    void on_scaling(const scaling_event& event) override;
    /// Kubernetes does not wait for pods to start before scaling again.
    bool waits_for_activity() const noexcept override { return false; }

private:
    hpa_config config_;
    hpa_behavior behavior_;
};

} // namespace autoscalesim
