#pragma once
/// CloudWatch-like metrics: datapoints per period, published after a delay, and alarms on them.

#include "autoscalesim/time.hpp"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

namespace autoscalesim {

/// The metrics a policy can track.
enum class metric_kind {
    invocations_per_instance, ///< SageMakerVariantInvocationsPerInstance: per period, each request
                              ///< adds 1/N
    concurrent_requests_per_model, ///< requests in the container (queued + in service) per
                                   ///< instance, mean over the period
    cpu_utilization,               ///< busy workers / workers, percent, mean over the period
    model_latency,                 ///< mean latency of the requests served in the period, seconds
    /// Asynchronous endpoints: ApproximateBacklogSize (requests queued or being processed) per
    /// instance, mean over the period; published at zero instances too, as the whole backlog
    /// (divided by max(N, 1)): scale-out from zero starts once it exceeds the target.
    approximate_backlog_size_per_instance,
    /// Asynchronous endpoints: HasBacklogWithoutCapacity, 1 while requests wait with no instance
    /// in service, else 0; mean over the period (published at every instance count).
    has_backlog_without_capacity,
    /// Inference components: NoCapacityInvocationFailures, requests that failed because no
    /// copy was in service, summed over the period (published at every copy count).
    no_capacity_invocation_failures,
    /// Serverless endpoints: ServerlessProvisionedConcurrencyUtilization, requests running on
    /// provisioned concurrency / provisioned concurrency in service, mean over the period (0..1;
    /// requests spilled over to on-demand containers are not counted, as Lambda counts its own).
    provisioned_concurrency_utilization,
    /// Multi-model endpoints: ModelCacheHit, the share of the requests beginning service in
    /// the period whose model was loaded (Average of 1 or 0 per request)
    model_cache_hit,
    /// Multi-model endpoints: ModelLoadingWaitTime, mean wait for the model to load of the
    /// requests that waited, seconds (AWS publishes microseconds)
    model_loading_wait_time,
    /// Multi-model endpoints: LoadedModelCount, models loaded per instance in service, mean
    /// over the period
    loaded_model_count,
};

/// The metric's CloudWatch-style name, e.g. "InvocationsPerInstance".
std::string_view metric_name(metric_kind kind);
/// The name CloudWatch publishes the metric under: with `per_copy` (an inference component's
/// copies), InvocationsPerCopy and ConcurrentRequestsPerCopy for the per-instance ones and
/// CPUUtilizationNormalized (over the cores reserved for a copy) for CPUUtilization.
std::string_view metric_name(metric_kind kind, bool per_copy);
/// Parses a metric name (CloudWatch or snake_case); throws config_error for an unknown one.
metric_kind parse_metric(std::string_view name);

/// One finished period of a metric.
struct datapoint {
    double value = 0; ///< the statistic for the period; NaN when missing (no instance in service)
    /// The capacity that produced the datapoint: the instance count C for which C x value is
    /// the period's total. InvocationsPerInstance: requests / value (each request adds 1/N, so
    /// a request-weighted harmonic mean of N: 2.4 when 2 instances serve the first half of a
    /// minute of steady traffic and 3 the second); ConcurrentRequestsPerModel: the same weighted
    /// by requests in the system; CPUUtilization and ModelLatency: the time-weighted mean of N.
    /// With no traffic to weight by, the harmonic time-mean. 0 when no instance served.
    double capacity = 0;
};

/// True for a metric published whatever the instance count (an asynchronous endpoint's queue
/// metrics); the others are missing for a period with no instance in service.
constexpr bool published_at_zero(metric_kind kind) noexcept {
    return kind == metric_kind::approximate_backlog_size_per_instance ||
           kind == metric_kind::has_backlog_without_capacity ||
           kind == metric_kind::no_capacity_invocation_failures;
}

/// A metric accumulated per period and published `publish_delay_ms` after the period ends.
class metric_stream {
public:
    /// A stream of `kind` with the given period and publish delay.
    metric_stream(metric_kind kind, time_ms period_ms, time_ms publish_delay_ms);

    /// Adds a span [t, t + span_ms) with constant state: arrivals, in-service instances, mean
    /// requests in the system, busy workers, total workers, served requests and their summed
    /// latency, and the share of the span with a request in the system.
    void add(time_ms span_ms, double arrivals, int in_service, double in_system, double busy,
             double workers, double served, double latency_sum_s, double held_share = 0);
    /// Adds a multi-model endpoint's figures of the same span: requests that began service,
    /// of them those whose model was loaded and those that waited for a load (with their summed
    /// waits), and the models loaded on the instances in service (time-mean).
    void add_models(time_ms span_ms, int in_service, double starts, double hits, double waited,
                    double wait_sum_s, double loaded);
    /// Closes the current period; call at every period boundary.
    void close_period();

    /// The metric kind.
    metric_kind kind() const noexcept { return kind_; }
    /// Period length.
    time_ms period_ms() const noexcept { return period_ms_; }
    /// Publish delay.
    time_ms publish_delay_ms() const noexcept { return delay_ms_; }
    /// Number of datapoints published by time `now` (periods whose end + delay <= now).
    std::size_t published(time_ms now) const noexcept;
    /// All closed periods, published or not.
    const std::vector<datapoint>& datapoints() const noexcept { return points_; }

private:
    metric_kind kind_;
    time_ms period_ms_;
    time_ms delay_ms_;
    std::vector<datapoint> points_;
    // accumulators of the open period
    double sum_per_instance_ = 0, sum_system_ = 0, sum_busy_ = 0, sum_workers_ = 0;
    double sum_capacity_ms_ = 0, served_ = 0, latency_sum_ = 0, covered_ms_ = 0;
    // over the spans with an instance in service: arrivals, time x requests in the system, time,
    // and time / instances (the harmonic time-mean's denominator)
    double sum_arrivals_ = 0, sum_system_total_ = 0, served_ms_ = 0, sum_inverse_ms_ = 0;
    // queue metrics: time x backlog / max(N, 1), and time with a backlog and no instance
    double sum_backlog_ = 0, backlog_no_capacity_ms_ = 0, no_capacity_ = 0;
    // multi-model: starts, hits, waits, and time x models loaded per instance
    double model_starts_ = 0, model_hits_ = 0, model_waited_ = 0, model_wait_sum_ = 0;
    double loaded_ms_ = 0;
};

/// Comparison of an alarm (ComparisonOperator).
enum class comparison {
    greater,          ///< GreaterThanThreshold
    less,             ///< LessThanThreshold
    greater_or_equal, ///< GreaterThanOrEqualToThreshold
    less_or_equal,    ///< LessThanOrEqualToThreshold
};

/// True when `value op threshold` (false for NaN).
constexpr bool breaches(comparison op, double value, double threshold) noexcept {
    switch (op) {
    case comparison::greater:
        return value > threshold;
    case comparison::less:
        return value < threshold;
    case comparison::greater_or_equal:
        return value >= threshold;
    case comparison::less_or_equal:
        return value <= threshold;
    }
    return false;
}

/// The operator's symbol: ">", "<", ">=" or "<=".
std::string_view comparison_symbol(comparison op) noexcept;

/// The state of a CloudWatch alarm.
enum class alarm_state { ok, alarm, insufficient_data };

/// CloudWatch's TreatMissingData: how an alarm counts a period without a datapoint.
enum class missing_data {
    missing,       ///< "missing": left out; INSUFFICIENT_DATA when every period is missing
    not_breaching, ///< "notBreaching": counted as within the threshold
    breaching,     ///< "breaching": counted as breaching
};

/// A CloudWatch alarm: ALARM when at least `datapoints_to_alarm` (M) of the last
/// `evaluation_periods` (N) published datapoints breach the threshold.
///
/// When some of those are missing, CloudWatch's documented rules apply ("How alarm state is
/// evaluated when data is missing", docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/
/// alarms-and-missing-data.html): it looks back over the evaluation range (here N + 2 periods,
/// the documented example's 5 for 3; the general rule is not published) and
/// - with at least N real datapoints there, evaluates the N most recent of them (the treatment is
///   not used);
/// - with fewer, evaluates all of them with the rest (N less their number) filled as
///   `treat_missing` says: "breaching" counts them as breaching, "notBreaching" as not,
///   "missing" leaves them out (INSUFFICIENT_DATA when the range holds no datapoint);
/// - with "missing", also goes into ALARM early ("premature alarm state") when every datapoint
///   of the range breaches and one of them is between M and N periods old (`- - X - -` alarms on
///   3 of 3; `0 - X - -` on 2 of 3 does not, as the documentation's tables show).
/// The range starts at the stream's first period: before it the alarm saw nothing
/// (INSUFFICIENT_DATA before the first datapoint is published; then fewer than N periods are
/// evaluated, and fewer than N + 2 looked back over).
struct alarm {
    double threshold = 0;                ///< threshold the metric is compared with
    comparison op = comparison::greater; ///< breach when value op threshold
    int evaluation_periods = 3;          ///< N: how many recent datapoints are looked at
    int datapoints_to_alarm = 3;         ///< M: how many of them must breach
    missing_data treat_missing = missing_data::missing; ///< TreatMissingData

    /// Periods beyond N that the evaluation range looks back over.
    static constexpr int extra_range = 2;

    /// The alarm state at `now` over the stream's published datapoints.
    alarm_state evaluate(const metric_stream& stream, time_ms now) const;
    /// What the state at `now` turns on, whatever the threshold: a value q such that the alarm
    /// is in ALARM exactly when breaches(op, q, threshold), for every finite threshold (q is
    /// infinite when the state does not depend on it); nothing when INSUFFICIENT_DATA. `scratch`
    /// holds the datapoints when an order statistic is needed (M-of-N with 1 < M < N).
    std::optional<double> decisive_value(const metric_stream& stream, time_ms now,
                                         std::vector<double>& scratch) const;
};

/// An alarm's evaluations over one stream as it grows, counted incrementally: each evaluation
/// adds the datapoints published since the last and drops those that left the window, where
/// alarm::evaluate reads the whole range (target tracking's AlarmLow looks at 15 periods every
/// minute). While the periods evaluated all have a datapoint the count decides; otherwise it asks
/// alarm::evaluate. Same answers as alarm::evaluate; it counts the window afresh when `now` moves
/// back or the datapoint it counted last is no longer there (another stream).
class alarm_window {
public:
    /// a.evaluate(stream, now), for the same alarm `a` at every call.
    alarm_state evaluate(const alarm& a, const metric_stream& stream, time_ms now);

private:
    std::vector<double> scratch_;     // for alarm::evaluate
    std::size_t first_ = 0, end_ = 0; // the datapoints counted: [first_, end_)
    int present_ = 0, breaching_ = 0;
    std::uint64_t last_bits_ = 0; // the bits of datapoint end_ - 1's value
};

} // namespace autoscalesim
