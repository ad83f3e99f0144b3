#pragma once
/// What a simulation returns: a timeline in columns, the scaling activities and a summary.

#include "autoscalesim/time.hpp"

#include <cstdint>
#include <limits>
#include <string>
#include <vector>

namespace autoscalesim {

/// One row per trace interval, stored as columns (contiguous arrays). The counts of requests are
/// double, so that a column sums to the run's totals; instance counts are whole numbers; the
/// figures read off a chart (queue, means, the metric, latencies) are single precision (about 7
/// significant digits), which keeps a 30-day timeline at one-second resolution near 170 MB.
struct timeline {
    std::vector<time_ms> time_ms_col;   ///< start of the interval, ms from the start of the trace
    std::vector<double> arrivals;       ///< requests that arrived
    std::vector<double> served;         ///< requests served
    std::vector<double> errors;         ///< requests that failed (timeout, no capacity)
    std::vector<float> queued;          ///< requests waiting at the end of the interval
    std::vector<std::int32_t> desired;  ///< desired capacity at the start of the interval
    std::vector<std::int32_t> starting; ///< instances starting at the start of the interval
    std::vector<float> in_service; ///< instances in service, time-weighted mean over the interval
    std::vector<float>
        metric; ///< first policy's metric datapoint covering the interval (NaN if none)
    std::vector<float> utilization;    ///< busy workers / workers, mean over the interval (0..1)
    std::vector<float> mean_latency_s; ///< mean latency of served requests, seconds (NaN if none)
    std::vector<float> p99_latency_s;  ///< 99th percentile latency of served requests (NaN if none)

    /// Number of rows.
    std::size_t size() const noexcept { return time_ms_col.size(); }
};

/// One scaling activity.
struct activity {
    time_ms start_ms = 0; ///< when desired capacity changed
    /// When the change was fulfilled (new instances in service). Still in progress at the
    /// trace's end: when its instances would be in service, past the end (the trace's end
    /// when a copy waits for room on a full instance pool).
    time_ms end_ms = 0;
    int from = 0;      ///< desired capacity before
    int to = 0;        ///< desired capacity after
    std::string cause; ///< which policy or rule, and why
};

/// One hour of a predictive-scaling forecast.
struct forecast_point {
    std::string policy;         ///< the predictive policy's name
    time_ms made_ms = 0;        ///< when the forecast was made (a refresh time)
    time_ms hour_start_ms = 0;  ///< start of the forecast hour, ms from the start of the trace
    double load_per_minute = 0; ///< forecast requests per minute, mean over the hour
    int capacity = 0;           ///< forecast capacity: ceil(load / target per instance)
};

/// Figures for the whole run.
struct summary {
    /// Instance-seconds x price / 3600; serverless: provisioned concurrency, inference duration
    /// and data processed
    double cost_usd = 0;
    /// The cost under the hourly Savings Plan commitment that minimises it, at
    /// endpoint.savings_plan_discount (cost_usd without a plan); serverless: the plan covers the
    /// compute charges, data processing stays on demand
    double cost_with_plan_usd = 0;
    double commitment_per_hour = 0; ///< that commitment, USD per hour (0: none)
    /// Billed instance-hours (start-up included); serverless: provisioned-concurrency hours
    double instance_hours = 0;
    /// Instance-hours in service with no request arriving or in the system (what scale to zero
    /// would save)
    double idle_instance_hours = 0;
    double requests = 0;  ///< arrivals
    double served = 0;    ///< requests served
    double errors = 0;    ///< requests failed (timeouts, no capacity, throttled)
    double throttled = 0; ///< of the errors, requests rejected by a full instance queue (max_queue)
    double cold_starts = 0; ///< serverless: requests that waited for a new container
    /// Multi-model: share of the requests that began service with their model loaded
    double model_cache_hit_rate = 0;
    double model_loads = 0; ///< multi-model: models loaded into an instance's memory
    /// Multi-model: mean wait for the model to load, of the requests that waited (seconds)
    double mean_model_load_wait_s = 0;
    double in_flight_at_end = 0; ///< requests still queued or in service when the trace ends
    double error_rate = 0;       ///< errors / requests
    double mean_latency_s = 0;   ///< mean latency of served requests
    double p50_latency_s = 0;    ///< median latency of served requests
    double p95_latency_s = 0;    ///< 95th percentile latency of served requests
    double p99_latency_s = 0;    ///< 99th percentile latency of served requests
    double slo_attainment = 0;   ///< share of requests served within the SLO latency (errors miss)
    double slo_violation_share = 0; ///< 1 - slo_attainment
    int scale_out_count = 0;        ///< scale-out activities
    int scale_in_count = 0;         ///< scale-in activities
    double mean_in_service = 0;     ///< time-weighted mean instances in service
    int peak_in_service = 0;        ///< most instances in service at once
    /// Share of time with fewer instances than the SLO needs; every span with traffic when no
    /// fleet meets the SLO (an idle instance misses it: scenario::caveats says so).
    double under_provisioned_share = 0;
    double over_provisioned_share = 0; ///< share of time with more instances than the SLO needs
    double duration_s = 0;             ///< simulated time
};

/// The settings of a run's one target-tracking policy within which every decision of the run
/// comes out the same: each alarm state that matters, each proposed capacity against the desired
/// capacity and the bounds, each cooldown check. A run with any settings inside these ranges
/// (together, the others unchanged) makes the same activities and has the same summary, to the
/// bit. The ranges are sufficient, not always the widest; TargetValue's ends are exact to the
/// ulp (found with the simulator's own arithmetic).
struct decision_margins {
    /// False unless simulate_options::margins asked for them and one target-tracking policy,
    /// and nothing else, scaled the run (a real-time or asynchronous endpoint); the ranges below
    /// mean nothing then.
    bool known = false;
    /// TargetValue in [target_value_from, target_value_up_to].
    double target_value_from = 0;
    double target_value_up_to = std::numeric_limits<double>::infinity();
    /// ScaleOutCooldown, in whole milliseconds, in (above, up_to].
    time_ms scale_out_cooldown_above_ms = -1;
    time_ms scale_out_cooldown_up_to_ms = std::numeric_limits<time_ms>::max();
    /// ScaleInCooldown, in whole milliseconds, in (above, up_to].
    time_ms scale_in_cooldown_above_ms = -1;
    time_ms scale_in_cooldown_up_to_ms = std::numeric_limits<time_ms>::max();
    /// MaxCapacity in [max_capacity_from, max_capacity_up_to] (with MinCapacity unchanged).
    int max_capacity_from = 0;
    int max_capacity_up_to = std::numeric_limits<int>::max();

    /// True when a run with these settings is known to repeat this one.
    bool holds(double target_value, double scale_out_cooldown_s, double scale_in_cooldown_s,
               int max_capacity) const noexcept;

    /// One setting's range, both ends included; an end without a bound is +infinity.
    struct range {
        double low = 0;
        double high = std::numeric_limits<double>::infinity();
    };
    /// The ranges in the units the settings are given in: TargetValue, the cooldowns in seconds
    /// (whole milliseconds: (above, up_to] is [above + 0.001 s, up_to]) and MaxCapacity.
    range target_value() const noexcept;
    range scale_out_cooldown_s() const noexcept;
    range scale_in_cooldown_s() const noexcept;
    range max_capacity() const noexcept;
};

/// The outcome of one simulation.
struct result {
    timeline steps;                       ///< per-interval columns (empty when not recorded)
    std::vector<activity> activities;     ///< scaling activities in time order
    summary totals;                       ///< run-level figures
    std::vector<forecast_point> forecast; ///< predictive forecasts used, one per policy and hour
    /// Billed instance-hours in each UTC clock hour the run touches (the first and the last may
    /// be part hours: a trace that starts at 12:30 has a first hour of 30 minutes): the capacity
    /// profile a Savings Plan is sized on (savings_plan.hpp).
    std::vector<double> hourly_instance_hours;
    /// The on-demand spend (USD) in each clock hour that a Machine Learning Savings Plan covers:
    /// hourly_instance_hours x the instance price; serverless: the provisioned concurrency and
    /// the inference duration (data processing is not covered).
    std::vector<double> hourly_on_demand_usd;
    /// The settings around the run's own within which it would be the same (known only when
    /// asked for and one target-tracking policy scaled it); the optimizer uses them to skip
    /// policies it already knows the outcome of.
    decision_margins margins;
    /// What the run met that its figures should be read with, one sentence each: a scheduled
    /// action that failed because its new MinCapacity would have been above the MaxCapacity in
    /// force (or its MaxCapacity below the MinCapacity), as AWS fails it.
    std::vector<std::string> notes;
};

/// The outcome of several inference components sharing one endpoint's instances
/// (simulate_components()).
struct shared_result {
    /// Each component's run, in the order given. Its cost and instance-hours are its copies'
    /// share: copy-hours / copies_per_instance, at the instance price.
    std::vector<result> components;
    double instance_hours = 0; ///< the endpoint's billed instance-hours, launch to release
    double cost_usd = 0;       ///< instance_hours at the instance price
    /// The copies' shares left unbilled to any component: instance-hours of empty room
    /// (instance_hours - the components' instance-hours).
    double unallocated_instance_hours = 0;
    /// Instance-hours in service while no component had a request arriving
    double idle_instance_hours = 0;
    int peak_instances = 0;     ///< most instances alive (starting or in service) at once
    int instances_launched = 0; ///< instances that ever existed (those at time 0 included)
    int moved_copies = 0;       ///< copies consolidation moved to another instance
    /// Billed instance-hours of the endpoint in each UTC clock hour the run touches.
    std::vector<double> hourly_instance_hours;
};

} // namespace autoscalesim
