#pragma once
/// The description of one simulation: traffic, endpoint, scaling policies, SLO, seed.

#include "autoscalesim/instance.hpp"
#include "autoscalesim/metrics.hpp"
#include "autoscalesim/time.hpp"
#include "autoscalesim/trace.hpp"

#include <array>
#include <cstdint>
#include <functional>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace autoscalesim {

/// How requests are spread over instances.
enum class routing {
    random,            ///< SageMaker's default: each request to a uniformly random instance
    least_outstanding, ///< to the instance with the fewest outstanding requests
};

/// How requests reach the instances (SageMaker's endpoint types).
enum class endpoint_kind {
    /// A real-time endpoint: each request is routed to an instance at once, waits there at most
    /// the invocation timeout, and fails when no instance is in service.
    real_time,
    /// An asynchronous endpoint: requests enter one queue in front of the instances, which take
    /// them first in, first out; at zero instances they wait. A request waiting longer than
    /// request_ttl_s expires; one processed longer than processing_timeout_s fails.
    /// docs.aws.amazon.com/sagemaker/latest/dg/async-inference.html
    asynchronous,
    /// An endpoint with one inference component: the scalable target is the component's copy
    /// count (sagemaker:inference-component:DesiredCopyCount, MinCapacity may be 0), each copy
    /// one server of the data plane (instance_type's workers and service time are a copy's);
    /// managed instance scaling adds an instance when a copy cannot be placed and releases them
    /// by its scale-in policy. Instances are billed. With no copy, requests fail
    /// (NoCapacityInvocationFailures).
    inference_component,
    /// A serverless endpoint: each request runs in a container of its own. The scalable target
    /// is the provisioned concurrency (sagemaker:variant:DesiredProvisionedConcurrency), whose
    /// containers stay warm and are billed per second; a request no free provisioned container
    /// takes runs on demand, in a warm idle container or after a cold start, and is throttled
    /// when MaxConcurrency requests are already running. Request mode only.
    /// docs.aws.amazon.com/sagemaker/latest/dg/serverless-endpoints.html
    serverless,
    /// A multi-model endpoint: many models behind one endpoint, each loaded into an instance's
    /// memory on its first request there and evicted least recently used when memory is short.
    /// A request goes to an instance holding its model where one can take it, and otherwise
    /// waits for the model to load. Request mode only.
    /// docs.aws.amazon.com/sagemaker/latest/dg/multi-model-endpoints.html
    multi_model,
};

/// A multi-model endpoint's models and cache.
struct multi_model_config {
    int models = 100; ///< models behind the endpoint (each request asks for one)
    /// Each model's share of the requests follows Zipf's law: model k (from 1) in proportion
    /// to 1 / k^zipf_s (0: every model alike). Ignored when model_weights is given.
    double zipf_s = 1.0;
    /// Each model's share of the requests, in proportion (one per model); empty for Zipf.
    std::vector<double> model_weights{};
    double model_size_gb = 1.0; ///< memory one loaded model takes
    /// Each model's size, GB (one per model); empty: every model is model_size_gb. A model's
    /// load time and its share of an instance's memory follow its size.
    std::vector<double> model_sizes_gb{};
    double instance_memory_gb = 16.0; ///< memory of one instance for loaded models
    /// Time to load a model that is not in memory: load_base_s + model_size_gb x load_s_per_gb
    /// (download from S3 and load). AWS publishes no figure: our choice, 100 MB/s.
    double load_base_s = 1.0;
    double load_s_per_gb = 10.0; ///< seconds per GB of model
    /// A model unloaded from memory stays on the instance's storage volume ("Models that are
    /// unloaded remain on the instance's storage volume and can be loaded into the container's
    /// memory later without being downloaded again"; with caching, until the volume is full)
    /// and loads again in load_base_s + model_size_gb x reload_s_per_gb (never longer than a
    /// download). AWS publishes no figure: our choice, 500 MB/s from the volume.
    double reload_s_per_gb = 2.0;
    /// The storage volume's room for models (VolumeSizeInGB, 1 to 512, or an instance's own
    /// NVMe storage); 0: room for every model. When a download would overflow it, the least
    /// recently used models not in memory are deleted from it.
    double instance_disk_gb = 0;
    /// ModelCacheSetting: false unloads each model when its last request completes
    /// ("Disabled"), so every request loads its model.
    bool caching = true;

    bool operator==(const multi_model_config&) const = default;
};

/// A serverless endpoint's configuration (ProductionVariantServerlessConfig) and prices. The
/// prices are us-east-1's on the SageMaker pricing page; other regions differ.
struct serverless_config {
    /// MemorySizeInMB: 1024 to 6144 in 1024 MB steps. Billing is per GB of it.
    int memory_mb = 2048;
    /// MaxConcurrency: requests running at once, provisioned and on demand (1 to 200); one more
    /// is throttled.
    int max_concurrency = 20;
    /// Time from a request that finds no warm container to its container serving (a cold start:
    /// the compute, the container and the model). AWS publishes no figure; its benchmarking
    /// toolkit's post (2022) puts cold starts "in the order of seconds". Read yours from the
    /// endpoint's ModelSetupTime metric.
    startup_distribution cold_start = startup_distribution::lognormal(5, 0.5);
    /// How long an idle on-demand container stays warm. Not documented by AWS: our choice.
    double keep_warm_s = 600;
    /// On-demand inference duration, USD per GB-second of memory (1 GB: $0.00002 per second).
    double price_per_gb_s = 0.00002;
    /// Provisioned concurrency, USD per GB-second of memory, per provisioned container, billed
    /// whether it serves or not.
    double provisioned_price_per_gb_s = 0.0000048;
    /// Inference duration of a request served by provisioned concurrency, USD per GB-second.
    double provisioned_duration_price_per_gb_s = 0.0000112;
    /// Data processed in and out, USD per GB.
    double data_price_per_gb = 0.016;
    /// Request plus response size, KB per request (0 leaves data processing out), at most 8192:
    /// "The maximum request and response payload size for serverless invocations is 4 MB"
    /// (each way). It is what data processing bills; endpoint.payload_kb (the largest request,
    /// checked against the kind's limit) bills nothing.
    double payload_kb = 0;

    /// Memory in GB (the unit of every price).
    double memory_gb() const noexcept { return memory_mb / 1024.0; }

    bool operator==(const serverless_config&) const = default;
};

/// How managed instance scaling releases instances (ScaleInPolicy.Strategy).
enum class instance_scale_in {
    idle_release,  ///< IDLE_RELEASE: release instances that hold no copy
    consolidation, ///< CONSOLIDATION: pack copies onto fewer instances, release the freed ones
};

/// An inference component and the managed instance scaling of its endpoint
/// (ProductionVariantManagedInstanceScaling; API reference
/// ProductionVariantManagedInstanceScalingScaleInPolicy).
struct inference_component_config {
    /// Copies one instance holds: the bin packing of the copy's compute request (accelerators,
    /// CPU cores, memory) into the instance's, min over the three of instance / copy.
    int copies_per_instance = 1;
    int min_instances = 0;  ///< MinInstanceCount (0 allows scale to zero)
    int max_instances = 10; ///< MaxInstanceCount
    /// A copy's start-up on an instance that never held the model (model download and load),
    /// after the instance's own start-up when the instance is new. Default 165 s: with the
    /// default instance start-up of 360 s, the 525 s end to end AWS measured for a new copy on a
    /// new instance without caching (AWS ML blog, container caching, 2026).
    startup_distribution copy_startup = startup_distribution::fixed(165);
    /// A copy's start-up on an instance that already held a copy (the inference component data
    /// cache, EnableCaching); default the uncached time, AWS publishes no general figure.
    startup_distribution cached_copy_startup = startup_distribution::fixed(165);
    instance_scale_in scale_in = instance_scale_in::idle_release; ///< ScaleInPolicy.Strategy
    /// CooldownInMinutes: time after the last endpoint operation before consolidation is
    /// evaluated (default 20, 5 to 1440).
    double cooldown_min = 20;
    /// MaximumStepSize: instances one consolidation releases at most (default 1, 1 to 100).
    int max_step_size = 1;
    /// ComputeResourceRequirements of one copy, 0 when not given: NumberOfAcceleratorDevices-
    /// Required, NumberOfCpuCoresRequired, MinMemoryRequiredInMb. When one is given the copies
    /// are packed resource by resource into the instance's resources (instance_* below, or the
    /// instance catalogue's for instance_type.name), and copies_per_instance is derived.
    double accelerators = 0;
    double cpu_cores = 0; ///< NumberOfCpuCoresRequired (0: not given)
    double memory_mb = 0; ///< MinMemoryRequiredInMb (0: not given)
    /// The instance's accelerators, CPU cores and memory (MB), for a type the catalogue lacks
    /// (0: the catalogue's).
    double instance_accelerators = 0;
    double instance_cpu_cores = 0; ///< the instance's CPU cores (0: the catalogue's)
    double instance_memory_mb = 0; ///< the instance's memory, MB (0: the catalogue's)

    bool operator==(const inference_component_config&) const = default;
};

/// The share of an instance's accelerators, CPU cores and memory one inference-component copy
/// takes: from its resource requirements when given, else 1 / copies_per_instance of each.
/// Throws config_error (naming the field) when the instance's resources are unknown or a copy
/// does not fit on one instance.
std::array<double, 3> copy_shares(const inference_component_config& ic,
                                  const std::string& instance_type_name);

/// The copies one instance holds: copies_per_instance, or the most whole copies the instance's
/// resources hold when the copy's requirements are given.
int copies_fitting(const inference_component_config& ic, const std::string& instance_type_name);

/// The endpoint variant being scaled.
struct endpoint_config {
    endpoint_kind kind = endpoint_kind::real_time; ///< real-time or asynchronous
    instance_type type;                            ///< instance type
    int initial_capacity = 1;                      ///< instances in service at time 0
    startup_distribution startup;                  ///< time from launch to in service
    double invocation_timeout_s = 60;         ///< a request waiting longer than this is an error
    routing routing_policy = routing::random; ///< request routing
    /// Waiting requests per instance beyond which arrivals are throttled; none for no limit. The
    /// fluid mode takes 0 (a loss system: Erlang B) or none; other limits need request mode.
    std::optional<int> max_queue{};
    /// Asynchronous: RequestTTLSeconds, the longest a request waits in the queue before it
    /// expires (InvokeEndpointAsync: default 21,600 s, 60 to 21,600).
    double request_ttl_s = 21600;
    /// Asynchronous: InvocationTimeoutSeconds, the longest a request is processed before it
    /// fails (InvokeEndpointAsync: default 900 s, 1 to 3,600).
    double processing_timeout_s = 900;
    /// Request mode: attempts a client makes for a request refused at once (no instance or copy
    /// in service, or a full queue); 1 is no retry, the AWS SDKs' standard retry mode makes 3.
    int client_max_attempts = 1;
    /// Retry k waits a uniform random time in [0, min(client_max_backoff_s, client_backoff_base_s
    /// x 2^k)] (exponential back-off with full jitter, the SDKs' standard mode: base 1 s, cap
    /// 20 s).
    double client_backoff_base_s = 1;
    double client_max_backoff_s = 20; ///< the back-off's cap, seconds
    /// Inference components: the component and the managed instance scaling of its instances.
    inference_component_config inference_component{};
    /// Serverless: memory, MaxConcurrency, cold starts and prices.
    serverless_config serverless{};
    /// Multi-model: the models, their popularity and sizes, the cache.
    multi_model_config multi_model{};
    /// A Machine Learning Savings Plan's discount on this endpoint's instance usage, [0, 1)
    /// (0: no plan). The summary's cost_with_plan_usd is then the run's cost under the hourly
    /// commitment that minimises it (savings_plan.hpp), so a search on that objective chooses
    /// the policy and the commitment together. The discount depends on the instance type,
    /// region, term and payment option: `aws savingsplans
    /// describe-savings-plans-offering-rates` lists it.
    double savings_plan_discount = 0;
    /// The largest request payload sent, KB (0: not given), checked against the kind's
    /// documented limit: InvokeEndpoint's body of 6 MB (6,144 KB; real-time, inference
    /// components, multi-model), serverless 4 MB (4,096 KB), InvokeEndpointAsync's 1 GB
    /// (1,048,576 KB, through Amazon S3). A larger payload cannot be sent to that kind: choose
    /// another (asynchronous for large inputs).
    double payload_kb = 0;
};

/// An Application Auto Scaling target-tracking policy with its two managed alarms.
struct target_tracking_config {
    std::string name = "target-tracking";                       ///< name used in the activity log
    metric_kind metric = metric_kind::invocations_per_instance; ///< tracked metric
    double target_value = 1000;        ///< TargetValue, in the metric's unit per period
    double scale_out_cooldown_s = 300; ///< ScaleOutCooldown
    double scale_in_cooldown_s = 300;  ///< ScaleInCooldown
    bool disable_scale_in = false;     ///< DisableScaleIn
    int high_evaluation_periods = 3;   ///< AlarmHigh: datapoints looked at
    int high_datapoints_to_alarm = 3;  ///< AlarmHigh: breaching datapoints needed
    int low_evaluation_periods = 15;   ///< AlarmLow: datapoints looked at
    int low_datapoints_to_alarm = 15;  ///< AlarmLow: breaching datapoints needed
    double low_threshold_fraction =
        0.9;                     ///< AlarmLow threshold = fraction x target (0.9 AAS, 0.7 EC2)
    double period_s = 60;        ///< metric period
    double publish_delay_s = 60; ///< delay before a datapoint is visible to the alarm
    /// TreatMissingData of both alarms. AAS creates and owns them; which value it sets is not
    /// documented: "missing" (CloudWatch's default) unless told otherwise.
    missing_data treat_missing_data = missing_data::missing;

    /// High-resolution target tracking on ConcurrentRequestsPerModel (SageMaker, 2024): 10-second
    /// datapoints published 10 s after their period, AlarmHigh 3 of 3 (30 s), AlarmLow 90 of 90
    /// (15 minutes, the standard scale-in speed). The alarm shapes and the delay are not
    /// documented; these are our choices.
    static target_tracking_config high_resolution(double target_value);

    /// Throws config_error naming the field if a value is out of range.
    void validate() const;
};

/// How a step adjustment changes the capacity (AdjustmentType).
enum class adjustment_type {
    change_in_capacity,         ///< ChangeInCapacity: add the adjustment
    exact_capacity,             ///< ExactCapacity: set the capacity to the adjustment
    percent_change_in_capacity, ///< PercentChangeInCapacity: add a percentage of the capacity
};

/// How the alarm's datapoints are reduced before they are compared with the step bounds.
enum class metric_aggregation { average, minimum, maximum };

/// One step of a step-scaling policy (StepAdjustment); bounds are relative to the alarm threshold.
struct step_adjustment {
    /// MetricIntervalLowerBound; -infinity for none. Inclusive above the threshold, exclusive
    /// below it.
    double lower_bound = -std::numeric_limits<double>::infinity();
    /// MetricIntervalUpperBound; +infinity for none. Exclusive above the threshold, inclusive
    /// below it.
    double upper_bound = std::numeric_limits<double>::infinity();
    int adjustment = 0; ///< ScalingAdjustment: instances, a capacity, or a percentage
};

/// An Application Auto Scaling step-scaling policy with the CloudWatch alarm that triggers it.
struct step_scaling_config {
    std::string name = "step-scaling";                          ///< name used in the activity log
    metric_kind metric = metric_kind::invocations_per_instance; ///< the alarm's metric
    double threshold = 1000; ///< the alarm threshold, in the metric's unit
    comparison alarm_comparison = comparison::greater; ///< breach when metric op threshold
    int evaluation_periods = 3;                        ///< the alarm's N
    int datapoints_to_alarm = 3;                       ///< the alarm's M (of N)
    double period_s = 60;                              ///< metric period
    double publish_delay_s = 60;                       ///< delay before a datapoint is visible
    adjustment_type adjustment = adjustment_type::change_in_capacity; ///< AdjustmentType
    std::vector<step_adjustment> steps; ///< StepAdjustments: no gaps, no overlaps
    int min_adjustment_magnitude = 0;   ///< MinAdjustmentMagnitude (Percent only; 0 = none)
    metric_aggregation aggregation = metric_aggregation::average; ///< MetricAggregationType
    double cooldown_s = 300;                                      ///< Cooldown
    missing_data treat_missing_data = missing_data::missing;      ///< the alarm's TreatMissingData

    /// Throws config_error naming the field if a value is out of range.
    void validate() const;
};

/// An Application Auto Scaling scheduled action: at its times it sets MinCapacity and/or
/// MaxCapacity and moves the capacity into the new range at once, ignoring cooldowns.
struct scheduled_action_config {
    std::string name = "scheduled"; ///< name used in the activity log
    /// Unix cron in UTC, 5 fields "minute hour day-of-month month day-of-week" with *, lists,
    /// ranges and steps (day-of-week 0-7, 0 and 7 are Sunday); empty for none. Needs the trace's
    /// start_epoch_ms (0 means 1970-01-01T00:00Z).
    std::string cron;
    std::vector<time_ms> at_ms;        ///< explicit times, ms from the start of the trace
    std::vector<time_ms> at_epoch_ms;  ///< explicit times, ms since the Unix epoch
    std::optional<int> min_capacity{}; ///< new MinCapacity; none keeps it
    std::optional<int> max_capacity{}; ///< new MaxCapacity; none keeps it

    /// Throws config_error naming the field if a value is out of range.
    void validate() const;
};

/// Whether predictive scaling acts on its forecast.
enum class predictive_mode {
    forecast_and_scale, ///< ForecastAndScale: raise capacity to the forecast each hour
    forecast_only,      ///< ForecastOnly: forecast (reported in the result) without scaling
};

/// The seasonal period of the forecast.
enum class forecast_seasonality {
    daily,  ///< same hour yesterday
    weekly, ///< same hour a week ago (daily until a week of history exists)
};

/// MaxCapacityBreachBehavior.
enum class max_capacity_breach {
    honor_max_capacity,    ///< HonorMaxCapacity: the forecast is capped at MaxCapacity
    increase_max_capacity, ///< IncreaseMaxCapacity: MaxCapacity rises for the hour
};

/// Predictive scaling (EC2 Auto Scaling model): an hourly load forecast from the trace's own past,
/// refreshed on a schedule; capacity = forecast load / per-instance target, raised at the start of
/// each hour, never lowered.
struct predictive_config {
    std::string name = "predictive";                            ///< name used in the activity log
    predictive_mode mode = predictive_mode::forecast_and_scale; ///< Mode
    /// Requests per instance per minute the capacity is planned for (the paired target value).
    double target_per_instance = 1000;
    forecast_seasonality seasonality = forecast_seasonality::daily; ///< forecast season
    /// Seasons averaged for each hour: 1 is the seasonal-naive forecast. AWS learns from at most
    /// the last 14 days, so seasons x season length <= 14 days (daily: 14, weekly: 2).
    int seasons_averaged = 1;
    double min_history_s = 86400;    ///< no forecast before this much history (24 h)
    double refresh_period_s = 21600; ///< the forecast is recomputed every 6 h (UTC-aligned)
    /// SchedulingBufferTime: act this long before the hour; AWS's default 300 s, below 3600 s.
    double scheduling_buffer_s = 300;
    max_capacity_breach breach = max_capacity_breach::honor_max_capacity; ///< breach behaviour
    double max_capacity_buffer_percent = 0; ///< MaxCapacityBuffer, percent of the forecast

    /// Throws config_error naming the field if a value is out of range.
    void validate() const;
};

/// A Kubernetes HPA scaling policy (HPAScalingPolicy).
struct hpa_scaling_policy {
    /// Pods: change by a number of pods; Percent: by a percentage of the replicas.
    enum class kind { pods, percent };
    kind type = kind::percent; ///< Type
    int value = 100;           ///< Value: pods or percent
    double period_s = 15;      ///< PeriodSeconds

    /// Throws config_error naming the field (prefixed with `field`) if a value is out of range.
    void validate(const std::string& field) const;
};

/// How the HPA chooses among its scaling policies (selectPolicy).
enum class hpa_select { max, min, disabled };

/// One direction of an HPA behavior (HPAScalingRules).
struct hpa_scaling_rules {
    double stabilization_window_s = 0;        ///< stabilizationWindowSeconds
    hpa_select select = hpa_select::max;      ///< selectPolicy
    std::vector<hpa_scaling_policy> policies; ///< policies
    std::optional<double>
        tolerance{}; ///< tolerance for this direction (v1.33); none: the global one

    /// The autoscaling/v2 default for scale-up: window 0, Percent 100/15 s and Pods 4/15 s, Max.
    static hpa_scaling_rules default_scale_up();
    /// The autoscaling/v2 default for scale-down: window 300 s, Percent 100/15 s, Max.
    static hpa_scaling_rules default_scale_down();

    /// Throws config_error naming the field (prefixed with `field`) if a value is out of range.
    void validate(const std::string& field) const;
};

/// How an HPA metric is read and compared with its target (the MetricSpec's type and target type;
/// replica_calculator.go).
enum class hpa_source {
    /// Pods or Resource: the mean over the ready pods against a per-pod target
    /// (GetMetricReplicas, GetResourceReplicas), with the missing and unready pod rules.
    pods,
    /// External or Object with a Value target: the fleet-wide figure against the target, ratio
    /// times the ready pods (GetExternalMetricReplicas, GetObjectMetricReplicas).
    external_value,
    /// External or Object with an AverageValue target: ceil(figure / target)
    /// (GetExternalPerPodMetricReplicas, GetObjectPerPodMetricReplicas).
    external_average_value,
};

/// A further metric of an HPA (one more entry of spec.metrics).
struct hpa_metric {
    metric_kind metric = metric_kind::cpu_utilization; ///< the metric
    double target_value = 80;             ///< its target (per pod, or the figure's own)
    hpa_source source = hpa_source::pods; ///< how it is read and compared
};

/// A Kubernetes HorizontalPodAutoscaler (autoscaling/v2) on one or more per-pod metrics;
/// minReplicas and maxReplicas are the scaling_config's min_capacity and max_capacity. With
/// several metrics it computes the replicas each asks for and takes the largest (horizontal.go
/// computeReplicasForMetrics); a metric that cannot be read does not block a scale-up asked by
/// the others but does block a scale-down.
struct hpa_config {
    std::string name = "hpa";                          ///< name used in the activity log
    metric_kind metric = metric_kind::cpu_utilization; ///< per-pod metric (CPU in percent)
    double target_value = 80; ///< target average per pod (averageUtilization or averageValue)
    hpa_source source = hpa_source::pods; ///< how the metric is read and compared
    double sync_period_s = 15;            ///< --horizontal-pod-autoscaler-sync-period
    double tolerance = 0.1;               ///< --horizontal-pod-autoscaler-tolerance
    double metric_period_s = 15;          ///< metrics window (metrics-server resolution)
    double metric_delay_s = 0;            ///< delay before a metrics window is visible
    double cpu_initialization_period_s =
        300; ///< --horizontal-pod-autoscaler-cpu-initialization-period
    double initial_readiness_delay_s = 30; ///< --horizontal-pod-autoscaler-initial-readiness-delay
    bool legacy = false; ///< no behavior field: scale-up limit max(2 x current, 4), 5 min down
    double legacy_downscale_window_s = 300; ///< legacy path's downscale stabilization window
    hpa_scaling_rules scale_up = hpa_scaling_rules::default_scale_up();     ///< behavior.scaleUp
    hpa_scaling_rules scale_down = hpa_scaling_rules::default_scale_down(); ///< behavior.scaleDown
    /// spec.metrics after the first (metric, target_value), on the same window and delay.
    std::vector<hpa_metric> more_metrics{};

    /// Throws config_error naming the field if a value is out of range.
    void validate() const;
};

class policy;

/// Makes a fresh custom policy for each simulation run (policies keep state).
using policy_factory = std::function<std::unique_ptr<policy>()>;

/// When a cooldown starts.
enum class cooldown_start { completion, start };

/// Which capacity multiplies the metric in desired = ceil(capacity x metric / target).
enum class capacity_basis {
    current,   ///< the target's current desired capacity (during a scale-out cooldown: the capacity
               ///< before it)
    producing, ///< the in-service capacity that produced the datapoint
};

/// What happens to a policy's scale-out asked for while a scaling activity is in progress (a
/// SageMaker endpoint is Updating and accepts no new desired count).
enum class busy_scale_out {
    retry,            ///< the attempt fails and nothing is kept; the alarm, still in ALARM, invokes
                      ///< the policy again at its next evaluation, which decides on the data
                      ///< visible then (AWS's behaviour)
    remember_largest, ///< the largest request is kept and applied when the activity completes
                      ///< (a pessimistic reading: it acts on datapoints from before the new
                      ///< instances served)
};

/// The scalable target and the policies on it.
struct scaling_config {
    int min_capacity = 1;                                      ///< MinCapacity
    int max_capacity = 10;                                     ///< MaxCapacity
    std::vector<target_tracking_config> target_tracking;       ///< target-tracking policies
    std::vector<step_scaling_config> step_scaling;             ///< step-scaling policies
    std::vector<scheduled_action_config> scheduled;            ///< scheduled actions
    std::vector<predictive_config> predictive;                 ///< predictive-scaling policies
    std::vector<hpa_config> hpa;                               ///< Kubernetes HPAs
    std::vector<policy_factory> custom;                        ///< user policies
    cooldown_start cooldown_from = cooldown_start::completion; ///< when cooldown timers start
    capacity_basis basis = capacity_basis::current;            ///< capacity in the desired formula
    /// A policy's scale-out asked for while an activity is in progress (one-shot requests of
    /// scheduled actions and predictive scaling are always kept).
    busy_scale_out scale_out_while_updating = busy_scale_out::retry;

    /// Throws config_error naming the field if a value is out of range.
    void validate() const;
};

/// The latency objective used for SLO attainment and provisioning shares.
struct slo_config {
    double latency_s = 1.0; ///< a request is good if served within this latency
    double target = 0.99;   ///< share of good requests the service aims for

    /// Throws config_error naming the field if a value is out of range.
    void validate() const;
};

/// Which data plane turns arrivals and capacity into latency and errors.
enum class plane_mode { fluid, request };

/// How the request mode turns the traffic into request arrival times.
enum class arrival_process {
    poisson,        ///< a Poisson process at each interval's rate (seeded)
    uniform_counts, ///< each interval's count, evenly spaced (the fluid mode's, rounded)
    log,            ///< the per-request timestamps of scenario::arrival_log_ms, as they are
    /// uniform_counts' count for each interval at independent uniform times within it: a
    /// Poisson process conditioned on the count (seeded), whose bursts within an interval queue
    /// as Poisson arrivals do.
    poisson_counts,
};

/// A sentence a valid scenario's results should be read with (scenario::caveats), and its kind.
struct caveat {
    enum class kind {
        /// The trace's interval is coarser than a CloudWatch policy's metric period: the traffic
        /// within an interval is spread evenly, so the peaks the alarms would see are hidden.
        coarse_trace,
        /// A scheduled action none of whose times falls within the trace: it never acts (the
        /// sentence starts "scaling.scheduled[NAME]:").
        schedule,
        /// A MinCapacity of 0 where AWS takes at least 1 (a SageMaker variant's instances or
        /// its provisioned concurrency): the run shows what AWS would not do.
        capacity,
        /// An SLO no fleet meets, as even an idle instance misses it (the service time alone
        /// exceeds the latency for more requests than the target allows): every interval
        /// with traffic counts as under-provisioned.
        slo,
        /// A fluid-mode run of an endpoint that may scale to zero (an asynchronous endpoint or
        /// an inference component with MinCapacity 0) on a trace most of whose intervals with
        /// traffic have less than a request: no interval is ever empty and a failure never
        /// makes a whole request, so the scale-in to zero and the wake-up alarms may never fire
        /// where whole requests would fire them.
        fractional_counts,
        /// A mean service time above the time a request may take (the invocation timeout; an
        /// asynchronous endpoint's processing timeout): requests fail whatever the fleet, as a
        /// service time given in the wrong unit makes them.
        service_time,
    };
    kind what;
    std::string text;
};

/// Everything one simulation needs.
struct scenario {
    trace traffic;                                       ///< requests per interval
    endpoint_config endpoint;                            ///< what serves them
    scaling_config scaling;                              ///< how the fleet is scaled
    slo_config slo;                                      ///< latency objective
    plane_mode mode = plane_mode::fluid;                 ///< data plane
    arrival_process arrivals = arrival_process::poisson; ///< request mode: arrival times
    /// With arrivals = log: the request times, sorted, in ms from the start of the trace; the
    /// trace's counts must be the log's own (arrival_log::to_counts), or validate() refuses it.
    std::vector<time_ms> arrival_log_ms{};
    /// With arrivals = log on a multi-model endpoint: the model (from 0) each logged request asks
    /// for, one per request (an access log's TargetModel); empty draws them by the models'
    /// shares.
    std::vector<int> arrival_models{};
    /// On a multi-model endpoint (arrivals other than log): per model, its requests in each
    /// interval of the trace (a CSV trace's per-model columns); each arrival's model is drawn
    /// from its interval's counts. Empty draws them by the models' shares.
    std::vector<std::vector<double>> arrival_model_counts{};
    std::uint64_t seed = 1;      ///< the only source of randomness
    bool record_timeline = true; ///< false skips the per-step timeline (faster; summary only)

    /// Throws config_error (or trace_error for the trace) naming the first bad field.
    void validate() const;

    /// What a valid scenario's results should be read with, one sentence each (caveat).
    std::vector<caveat> caveats() const;

private:
    void check_payload() const;
    void validate_serverless() const;
    void validate_multi_model() const;
};

} // namespace autoscalesim
