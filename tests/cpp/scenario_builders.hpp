#pragma once
// Small builders shared by the tests: a scenario with a given per-minute traffic profile.
#include <autoscalesim/autoscalesim.hpp>
#include <autoscalesim/io/csv_trace.hpp>

#include <limits>
#include <string>
#include <vector>

namespace asim_test {

namespace asim = autoscalesim;

/// Requests per minute: `minutes` intervals of `per_minute` each.
inline std::vector<double> constant(int minutes, double per_minute) {
    return std::vector<double>(static_cast<std::size_t>(minutes), per_minute);
}

/// Appends `minutes` intervals of `per_minute` to v.
inline void then(std::vector<double>& v, int minutes, double per_minute) {
    v.insert(v.end(), static_cast<std::size_t>(minutes), per_minute);
}

/// The demo's endpoint (ml.g4dn.xlarge: one request at a time, about a second each; start-up
/// lognormal around 381 s; Min 1, Max 20; one default target-tracking policy; SLO 2 s at 99 %;
/// seed 42) on `days` days of NASA July 1995 from day `first_day`, summary only.
inline asim::scenario nasa_demo(std::size_t first_day, std::size_t days) {
    static const asim::trace full = asim::io::read_csv_trace(
        std::string(ASIM_SOURCE_DIR) + "/traces/nasa_http_1995_07_per_minute.csv");
    asim::scenario sc;
    sc.traffic = full.slice(first_day * 1440, days * 1440);
    sc.endpoint.type = {.name = "ml.g4dn.xlarge",
                        .price_per_hour = 0.736,
                        .workers = 1,
                        .service_time_s = 1.0,
                        .service_cv = 0.5};
    sc.endpoint.startup = asim::startup_distribution::lognormal(381, 0.2);
    sc.scaling.min_capacity = 1;
    sc.scaling.max_capacity = 20;
    sc.scaling.target_tracking.push_back(asim::target_tracking_config{});
    sc.slo = {2.0, 0.99};
    sc.seed = 42;
    sc.record_timeline = false;
    return sc;
}

/// A scenario whose latency never matters for scaling: 8 workers of 10 ms each per instance
/// (800 requests/s capacity), one target-tracking policy on InvocationsPerInstance.
inline asim::scenario scaling_scenario(std::vector<double> per_minute, int initial, double target,
                                       int min_cap = 1, int max_cap = 50, double startup_s = 300) {
    asim::scenario sc;
    sc.traffic = asim::trace(std::move(per_minute), asim::ms_per_minute);
    sc.endpoint.type = {.name = "test",
                        .price_per_hour = 1.0,
                        .workers = 8,
                        .service_time_s = 0.01,
                        .service_cv = 1.0};
    sc.endpoint.initial_capacity = initial;
    sc.endpoint.startup = asim::startup_distribution::fixed(startup_s);
    sc.scaling.min_capacity = min_cap;
    sc.scaling.max_capacity = max_cap;
    asim::target_tracking_config tt;
    tt.target_value = target;
    sc.scaling.target_tracking.push_back(tt);
    return sc;
}

/// Request mode replaying the given request times (ms) as they are, over `intervals` intervals
/// of `interval_ms`, on instances of one worker serving each request in exactly `service_s`.
inline asim::scenario logged_requests(const std::vector<asim::time_ms>& at_ms, int intervals,
                                      asim::time_ms interval_ms, double service_s) {
    std::vector<double> counts(static_cast<std::size_t>(intervals), 0.0);
    for (const asim::time_ms t : at_ms) {
        counts[static_cast<std::size_t>(t / interval_ms)] += 1;
    }
    asim::scenario sc;
    sc.traffic = asim::trace(counts, interval_ms);
    sc.endpoint.type.workers = 1;
    sc.endpoint.type.service_time_s = service_s;
    sc.endpoint.type.service_cv = 0;
    sc.endpoint.type.service = asim::service_family::deterministic;
    sc.mode = asim::plane_mode::request;
    sc.arrivals = asim::arrival_process::log;
    sc.arrival_log_ms = at_ms;
    return sc;
}

/// An inference component's wake-up, as AWS's scale-to-zero page writes it: a step policy adding
/// one copy when an alarm sees NoCapacityInvocationFailures >= 1 in one one-minute period.
inline asim::step_scaling_config ic_wake_up() {
    asim::step_scaling_config wake;
    wake.name = "wake-up";
    wake.metric = asim::metric_kind::no_capacity_invocation_failures;
    wake.threshold = 1;
    wake.alarm_comparison = asim::comparison::greater_or_equal;
    wake.evaluation_periods = 1;
    wake.datapoints_to_alarm = 1;
    wake.steps = {asim::step_adjustment{0, std::numeric_limits<double>::infinity(), 1}};
    return wake;
}

/// An asynchronous endpoint's wake-up, AWS's example: an alarm on HasBacklogWithoutCapacity,
/// Average >= 1 for 2 of 2 one-minute periods, invoking a step policy that adds one instance
/// (cooldown 300 s).
inline asim::step_scaling_config async_wake_up() {
    asim::step_scaling_config w;
    w.name = "wake-up";
    w.metric = asim::metric_kind::has_backlog_without_capacity;
    w.threshold = 1;
    w.alarm_comparison = asim::comparison::greater_or_equal;
    w.evaluation_periods = 2;
    w.datapoints_to_alarm = 2;
    w.adjustment = asim::adjustment_type::change_in_capacity;
    w.steps = {asim::step_adjustment{0, std::numeric_limits<double>::infinity(), 1}};
    w.cooldown_s = 300;
    return w;
}

/// The message of the config_error the scenario's validation throws, or "" when it is valid.
inline std::string validation_error(const asim::scenario& sc) {
    try {
        sc.validate();
    } catch (const asim::config_error& e) {
        return e.what();
    }
    return "";
}

} // namespace asim_test
