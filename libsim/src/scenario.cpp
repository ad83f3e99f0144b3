#include "autoscalesim/scenario.hpp"

#include "autoscalesim/errors.hpp"

#include <cmath>
#include <cstdio>
#include <string>

namespace autoscalesim {

namespace {
[[noreturn]] void fail(const std::string& field, const std::string& expected, double got) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%g", got);
    throw config_error(field + ": expected " + expected + ", got " + buf);
}
bool finite(double v) { return std::isfinite(v); }
} // namespace

void target_tracking_config::validate() const {
    const std::string f = "scaling.target_tracking[" + name + "].";
    if (!finite(target_value) || target_value <= 0) fail(f + "target_value", "a number > 0", target_value);
    if (!finite(scale_out_cooldown_s) || scale_out_cooldown_s < 0)
        fail(f + "scale_out_cooldown_s", "a number >= 0", scale_out_cooldown_s);
    if (!finite(scale_in_cooldown_s) || scale_in_cooldown_s < 0)
        fail(f + "scale_in_cooldown_s", "a number >= 0", scale_in_cooldown_s);
    if (high_evaluation_periods < 1) fail(f + "high_evaluation_periods", "an integer >= 1", high_evaluation_periods);
    if (high_datapoints_to_alarm < 1 || high_datapoints_to_alarm > high_evaluation_periods)
        fail(f + "high_datapoints_to_alarm", "an integer in [1, high_evaluation_periods]", high_datapoints_to_alarm);
    if (low_evaluation_periods < 1) fail(f + "low_evaluation_periods", "an integer >= 1", low_evaluation_periods);
    if (low_datapoints_to_alarm < 1 || low_datapoints_to_alarm > low_evaluation_periods)
        fail(f + "low_datapoints_to_alarm", "an integer in [1, low_evaluation_periods]", low_datapoints_to_alarm);
    if (!finite(low_threshold_fraction) || low_threshold_fraction <= 0 || low_threshold_fraction > 1)
        fail(f + "low_threshold_fraction", "a number in (0, 1]", low_threshold_fraction);
    if (!finite(period_s) || period_s < 1 || period_s > 86400 || std::fmod(period_s, 1.0) != 0)
        fail(f + "period_s", "a whole number of seconds in [1, 86400]", period_s);
    if (!finite(publish_delay_s) || publish_delay_s < 0 || publish_delay_s > 86400)
        fail(f + "publish_delay_s", "a number in [0, 86400]", publish_delay_s);
}

void scaling_config::validate() const {
    if (min_capacity < 0) fail("scaling.min_capacity", "an integer >= 0", min_capacity);
    if (max_capacity < 1) fail("scaling.max_capacity", "an integer >= 1", max_capacity);
    if (min_capacity > max_capacity) {
        throw config_error("scaling.min_capacity: " + std::to_string(min_capacity) +
                           " is greater than scaling.max_capacity " + std::to_string(max_capacity));
    }
    for (std::size_t i = 0; i < target_tracking.size(); ++i) {
        target_tracking[i].validate();
        for (std::size_t j = 0; j < i; ++j) {
            if (target_tracking[j].metric == target_tracking[i].metric) {
                throw config_error("scaling.target_tracking[" + target_tracking[i].name +
                                   "].metric: two target-tracking policies track " +
                                   std::string(metric_name(target_tracking[i].metric)) +
                                   "; each needs a different metric");
            }
        }
    }
}

void slo_config::validate() const {
    if (!finite(latency_s) || latency_s <= 0) fail("slo.latency_s", "a number > 0", latency_s);
    if (!finite(target) || target <= 0 || target >= 1) fail("slo.target", "a number in (0, 1)", target);
}

void scenario::validate() const {
    if (traffic.empty()) {
        throw trace_error("trace: the trace is empty (no interval to simulate)");
    }
    // A trace may have been built by a path that skipped the constructor's checks.
    for (std::size_t i = 0; i < traffic.size(); ++i) {
        const double c = traffic.counts()[i];
        if (!finite(c) || c < 0) {
            throw trace_error("trace: count at interval " + std::to_string(i) +
                              " must be a finite number >= 0");
        }
    }
    endpoint.type.validate();
    endpoint.startup.validate();
    if (endpoint.initial_capacity < 0) fail("endpoint.initial_capacity", "an integer >= 0", endpoint.initial_capacity);
    if (!finite(endpoint.invocation_timeout_s) || endpoint.invocation_timeout_s <= 0)
        fail("endpoint.invocation_timeout_s", "a number > 0", endpoint.invocation_timeout_s);
    if (endpoint.max_queue < -1)
        fail("endpoint.max_queue", "an integer >= 0, or -1 for no limit", endpoint.max_queue);
    if (arrivals == arrival_process::log) {
        const time_ms end = traffic.duration_ms();
        for (std::size_t i = 0; i < arrival_log_ms.size(); ++i) {
            const time_ms t = arrival_log_ms[i];
            if (t < 0 || t >= end) {
                throw config_error("arrival_log_ms[" + std::to_string(i) + "]: " +
                                   std::to_string(t) + " is outside the trace [0, " +
                                   std::to_string(end) + ") ms");
            }
            if (i > 0 && t < arrival_log_ms[i - 1]) {
                throw config_error("arrival_log_ms[" + std::to_string(i) + "]: " +
                                   std::to_string(t) + " comes before the previous timestamp " +
                                   std::to_string(arrival_log_ms[i - 1]) + " (must be sorted)");
            }
        }
    }
    scaling.validate();
    slo.validate();
}

} // namespace autoscalesim
