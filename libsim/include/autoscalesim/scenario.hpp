#pragma once
/// The description of one simulation: traffic, endpoint, scaling policies, SLO, seed.

#include "autoscalesim/instance.hpp"
#include "autoscalesim/metrics.hpp"
#include "autoscalesim/time.hpp"
#include "autoscalesim/trace.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace autoscalesim {

/// How requests are spread over instances.
enum class routing {
    random,             ///< SageMaker's default: each request to a uniformly random instance
    least_outstanding,  ///< to the instance with the fewest outstanding requests
};

/// The endpoint variant being scaled.
struct endpoint_config {
    instance_type type;                 ///< instance type
    int initial_capacity = 1;           ///< instances in service at time 0
    startup_distribution startup;       ///< time from launch to in service
    double invocation_timeout_s = 60;   ///< a request waiting longer than this is an error
    routing routing_policy = routing::random; ///< request routing
    /// Request mode: waiting requests per instance beyond which arrivals are throttled (-1: none).
    int max_queue = -1;
};

/// An Application Auto Scaling target-tracking policy with its two managed alarms.
struct target_tracking_config {
    std::string name = "target-tracking";  ///< name used in the activity log
    metric_kind metric = metric_kind::invocations_per_instance; ///< tracked metric
    double target_value = 1000;            ///< TargetValue, in the metric's unit per period
    double scale_out_cooldown_s = 300;     ///< ScaleOutCooldown
    double scale_in_cooldown_s = 300;      ///< ScaleInCooldown
    bool disable_scale_in = false;         ///< DisableScaleIn
    int high_evaluation_periods = 3;       ///< AlarmHigh: datapoints looked at
    int high_datapoints_to_alarm = 3;      ///< AlarmHigh: breaching datapoints needed
    int low_evaluation_periods = 15;       ///< AlarmLow: datapoints looked at
    int low_datapoints_to_alarm = 15;      ///< AlarmLow: breaching datapoints needed
    double low_threshold_fraction = 0.9;   ///< AlarmLow threshold = fraction x target (0.9 AAS, 0.7 EC2)
    double period_s = 60;                  ///< metric period
    double publish_delay_s = 60;           ///< delay before a datapoint is visible to the alarm

    /// Throws config_error naming the field if a value is out of range.
    void validate() const;
};

/// When a cooldown starts.
enum class cooldown_start { completion, start };

/// Which capacity multiplies the metric in desired = ceil(capacity x metric / target).
enum class capacity_basis {
    current,    ///< the target's current desired capacity (during a scale-out cooldown: the capacity before it)
    producing,  ///< the in-service capacity that produced the datapoint
};

/// The scalable target and the policies on it.
struct scaling_config {
    int min_capacity = 1;                        ///< MinCapacity
    int max_capacity = 10;                       ///< MaxCapacity
    std::vector<target_tracking_config> target_tracking; ///< target-tracking policies
    cooldown_start cooldown_from = cooldown_start::completion; ///< when cooldown timers start
    capacity_basis basis = capacity_basis::current;           ///< capacity in the desired formula

    /// Throws config_error naming the field if a value is out of range.
    void validate() const;
};

/// The latency objective used for SLO attainment and provisioning shares.
struct slo_config {
    double latency_s = 1.0;   ///< a request is good if served within this latency
    double target = 0.99;     ///< share of good requests the service aims for

    /// Throws config_error naming the field if a value is out of range.
    void validate() const;
};

/// Which data plane turns arrivals and capacity into latency and errors.
enum class plane_mode { fluid, request };

/// How the request mode turns the traffic into request arrival times.
enum class arrival_process {
    poisson,        ///< a Poisson process at each interval's rate (seeded)
    uniform_counts, ///< each interval's count, evenly spaced (metrics equal the fluid mode's)
    log,            ///< the per-request timestamps of scenario::arrival_log_ms, as they are
};

/// Everything one simulation needs.
struct scenario {
    trace traffic;                 ///< requests per interval
    endpoint_config endpoint;      ///< what serves them
    scaling_config scaling;        ///< how the fleet is scaled
    slo_config slo;                ///< latency objective
    plane_mode mode = plane_mode::fluid; ///< data plane
    arrival_process arrivals = arrival_process::poisson; ///< request mode: arrival times
    /// With arrivals = log: the request times, sorted, in ms from the start of the trace.
    std::vector<time_ms> arrival_log_ms{};
    std::uint64_t seed = 1;        ///< the only source of randomness
    bool record_timeline = true;   ///< false skips the per-step timeline (faster; summary only)

    /// Throws config_error (or trace_error for the trace) naming the first bad field.
    void validate() const;
};

} // namespace autoscalesim
