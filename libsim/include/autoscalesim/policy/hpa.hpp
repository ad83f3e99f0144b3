#pragma once
/// The Kubernetes Horizontal Pod Autoscaler (autoscaling/v2): replica calculation with tolerance
/// and readiness, stabilization windows and behavior rate limits.

#include "autoscalesim/fleet.hpp"
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
    int ignored = 0; ///< deleted or failed pods: left out of every count and of the metric
    double sum = 0;  ///< the ready pods' summed samples, when per-pod samples were given
};

/// One pod as replica_calculator.go `groupPods` reads it (times in ms of the simulation).
struct hpa_pod_status {
    /// Status.Phase, as far as groupPods tells them apart.
    enum class phase_kind { pending, running, failed };
    phase_kind phase = phase_kind::running; ///< Status.Phase
    bool deleted = false;                   ///< DeletionTimestamp is set
    bool has_sample = true;                 ///< the metrics API returned a sample for it
    bool ready = true;                      ///< its Ready condition is True
    time_ms start_ms = 0;                   ///< Status.StartTime
    time_ms transition_ms = 0;              ///< the Ready condition's LastTransitionTime
    time_ms sample_ms = 0;                  ///< the sample's Timestamp (the end of its window)
    time_ms sample_window_ms = 0;           ///< the sample's Window
};

/// Where groupPods puts a pod.
enum class hpa_pod_group { ready, unready, missing, ignored };

/// groupPods (replica_calculator.go) for one pod at `now`: deleted or Failed -> ignored; Pending
/// -> unready; no sample -> missing; for CPU (a Resource metric on cpu) only, a pod whose start
/// is less than `cpu_initialization_ms` before `now` is unready when it is not ready or its
/// sample's window began before it became ready (Timestamp < LastTransitionTime + Window), and
/// an older pod is unready when it is not ready and its condition last changed within
/// `initial_readiness_delay_ms` of its start (it has never been ready); any other pod is ready.
hpa_pod_group hpa_group_pod(const hpa_pod_status& pod, bool cpu, time_ms now,
                            time_ms cpu_initialization_ms, time_ms initial_readiness_delay_ms);

/// The pod an instance is (our mapping): a starting instance is Pending; a draining one has its
/// DeletionTimestamp set; an in-service one is Running and Ready since `ready_ms` (StartTime:
/// its launch). Its sample of the window [window_start_ms, window_start_ms + window_ms) is
/// stamped at the window's end; it has one when it served the whole window, or, with
/// `sample_from_any_part` (CPU, from metrics-server), when it served any part of it (ready_ms
/// before the window's end). Not for terminated instances, which are no pods at all.
hpa_pod_status hpa_pod_of(const instance_record& instance, time_ms window_start_ms,
                          time_ms window_ms, bool sample_from_any_part);

/// The instances grouped by hpa_group_pod (terminated ones left out) for a metric read from the
/// window [window_start_ms, window_start_ms + window_ms) at `now`; `cpu` selects the CPU rules
/// and samples from any part of the window.
/// With `samples` (one per instance, as `instances`), a ready pod whose sample is NaN is missing
/// instead, and the ready pods' samples are summed into hpa_pods::sum.
hpa_pods hpa_group_pods(const std::vector<instance_record>& instances, bool cpu, time_ms now,
                        time_ms window_start_ms, time_ms window_ms, time_ms cpu_initialization_ms,
                        time_ms initial_readiness_delay_ms,
                        const std::vector<double>* samples = nullptr);

/// One pod's own sample of `metric` over a window, from its instance_load at the window's start
/// (`begin`: zero when it entered service within the window) and at its end:
/// InvocationsPerInstance the requests routed to it, ConcurrentRequestsPerModel the mean
/// requests it held, CPUUtilization its busy workers over its workers in percent, ModelLatency
/// the mean latency of the requests it served. NaN when it has none (no time in service; no
/// request served, for ModelLatency).
double hpa_pod_sample(metric_kind metric, const instance_load& begin, const instance_load& end);

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

    /// The controller's first reconcile at `now` (recordInitialRecommendation): the replicas
    /// then are its first recommendation, so a scale-down waits for the stabilization window
    /// from the start. Later calls do nothing.
    void start(time_ms now, int current);
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
    bool started_ = false;
    std::vector<stamped> recommendations_;
    std::vector<stamped> up_events_;
    std::vector<stamped> down_events_;
};

/// A Kubernetes HPA as a policy: evaluated every sync period, reading the latest metrics window.
///
/// Pods in the simulator's terms (hpa_pod_of, grouped by hpa_group_pod): a starting instance is
/// a Pending pod (unready), a draining one a deleted pod (ignored); an in-service instance that
/// entered service after the start of the latest metrics window has no sample (missing), except
/// for CPU, where one that entered service during that window has a sample and is unready while
/// younger than the CPU initialization period (counted from launch), ready after it. Kubernetes
/// scales without waiting for pods to start, so HPA activities overlap, and its scale-downs are not
/// blocked by AAS cooldowns.
///
/// A Pods metric is the mean of the ready pods' own samples (hpa_pod_sample, from each
/// instance's load at the window's edges), as the controller averages the metrics API's per-pod
/// values: under random routing in request mode each instance's load differs, and a pod left out
/// (unready, missing, deleted) takes its own load out of the mean. When the data plane keeps no
/// loads (a plane not made by make_data_plane), the fleet-wide window value stands in.
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
    /// Keeps each pod's load at the window edge (for a Pods metric).
    void on_period_closed(time_ms at, const fleet& instances) override;

private:
    // The loads of the instances alive or draining at one window edge.
    struct load_snapshot {
        time_ms at = 0;
        std::vector<std::pair<std::size_t, instance_load>> loads{};
    };
    // The sample of `metric` over [start, start + window) of each instance in `indices`
    // (ascending), NaN for one without; empty when the snapshots do not cover the window or the
    // data plane keeps no loads.
    std::vector<double> pod_samples(metric_kind metric, const std::vector<std::size_t>& indices,
                                    time_ms start, time_ms window) const;

    hpa_config config_;
    hpa_behavior behavior_;
    bool per_pod_ = false;                 // a Pods metric: samples from each pod's own load
    std::size_t keep_snapshots_ = 0;       // window edges kept: enough for the publish delay
    std::vector<load_snapshot> snapshots_; // the latest window edges, oldest first
};

} // namespace autoscalesim
