#include "autoscalesim/scenario.hpp"

#include "autoscalesim/describe.hpp"
#include "autoscalesim/errors.hpp"
#include "autoscalesim/instance_catalog.hpp"
#include "autoscalesim/policy/scheduled.hpp"
#include "autoscalesim/serving/fluid_plane.hpp"
#include "autoscalesim/serving/queueing.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>
#include <tuple>

namespace autoscalesim {

namespace {
// A number in an error message, as "%g" writes it.
std::string short_number(double v) {
    char buf[64];
    // A whole number in full (an integer field's 2147483647, not 2.14748e+09).
    const bool whole = std::abs(v) < 1e15 && std::floor(v) == v;
    std::snprintf(buf, sizeof buf, whole ? "%.15g" : "%g", v);
    return buf;
}
} // namespace

void fail_range(const std::string& field, const std::string& expected, double got) {
    throw config_error(in_field(field), "expected " + expected + ", got " + short_number(got));
}

void fail_string(const std::string& field, const std::string& expected, const std::string& got) {
    throw config_error(in_field(field), "expected " + expected + ", got \"" + got + "\"");
}

namespace {
[[noreturn]] void fail(const std::string& field, const std::string& expected, double got) {
    fail_range(field, expected, got);
}
bool finite(double v) {
    return std::isfinite(v);
}
} // namespace

target_tracking_config target_tracking_config::high_resolution(double target_value) {
    target_tracking_config c;
    c.name = "high-resolution-target-tracking";
    c.metric = metric_kind::concurrent_requests_per_model;
    c.target_value = target_value;
    c.period_s = 10;
    c.publish_delay_s = 10;
    c.high_evaluation_periods = 3;
    c.high_datapoints_to_alarm = 3;
    c.low_evaluation_periods = 90;
    c.low_datapoints_to_alarm = 90;
    return c;
}

void step_scaling_config::validate() const {
    const std::string f = "scaling.step_scaling[" + name + "].";
    check_fields(*this, f);
    if (datapoints_to_alarm < 1 || datapoints_to_alarm > evaluation_periods)
        fail(f + "datapoints_to_alarm", "an integer in [1, evaluation_periods]",
             datapoints_to_alarm);
    if (min_adjustment_magnitude > 0 && adjustment != adjustment_type::percent_change_in_capacity)
        throw config_error(in_field(f + "min_adjustment_magnitude"), "only valid with "
                                                                     "PercentChangeInCapacity");
    if (steps.empty())
        throw config_error(in_field(f + "steps"), "at least one step adjustment is needed");
    for (std::size_t i = 0; i < steps.size(); ++i) {
        const auto& st = steps[i];
        const std::string g = f + "steps[" + std::to_string(i) + "].";
        if (std::isnan(st.lower_bound) || std::isnan(st.upper_bound))
            throw config_error(
                in_field(g + (std::isnan(st.lower_bound) ? "lower_bound" : "upper_bound")),
                "expected a number or null (unbounded), got NaN");
        if (st.lower_bound >= st.upper_bound)
            throw config_error(in_field(g + "upper_bound"),
                               "must be greater than lower_bound (" + short_number(st.lower_bound) +
                                   "), got " + short_number(st.upper_bound));
        if (adjustment == adjustment_type::exact_capacity && st.adjustment < 0)
            fail(g + "adjustment", "a capacity >= 0 for ExactCapacity", st.adjustment);
    }
    // In order of their lower bounds, each step starts where the one before ends.
    std::vector<std::size_t> order(steps.size());
    for (std::size_t i = 0; i < order.size(); ++i) {
        order[i] = i;
    }
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        return steps[a].lower_bound < steps[b].lower_bound;
    });
    for (std::size_t k = 1; k < order.size(); ++k) {
        const auto& before = steps[order[k - 1]];
        const auto& next = steps[order[k]];
        if (next.lower_bound != before.upper_bound) {
            const std::string name_of_next = "steps[" + std::to_string(order[k]) + "]";
            throw config_error(
                in_field(f + name_of_next + ".lower_bound"),
                std::string(next.lower_bound < before.upper_bound ? "overlaps"
                                                                  : "leaves a gap after") +
                    " steps[" + std::to_string(order[k - 1]) + "] (upper_bound " +
                    short_number(before.upper_bound) + ", then lower_bound " +
                    short_number(next.lower_bound) +
                    "): in order of their bounds, each step starts where the one before ends");
        }
    }
}

void scheduled_action_config::validate() const {
    const std::string f = "scaling.scheduled[" + name + "].";
    if (cron.empty() && at_ms.empty() && at_epoch_ms.empty())
        throw config_error(in_field(f + "cron"),
                           "a scheduled action needs a cron expression or times");
    if (!cron.empty()) cron_schedule::parse(cron, f + "cron");
    check_fields(*this, f);
    // (Bounded so that a time less the trace's start cannot overflow: 1e16 ms is 300,000 years.)
    constexpr time_ms far = 10'000'000'000'000'000;
    for (std::size_t i = 0; i < at_ms.size(); ++i) {
        if (at_ms[i] < 0 || at_ms[i] > far) {
            throw config_error(in_field(f + "at_ms[" + std::to_string(i) + "]"),
                               "expected a time in [0, 1e16] ms from the trace's start, got " +
                                   std::to_string(at_ms[i]));
        }
    }
    for (std::size_t i = 0; i < at_epoch_ms.size(); ++i) {
        if (at_epoch_ms[i] < -far || at_epoch_ms[i] > far) {
            throw config_error(in_field(f + "at_epoch_ms[" + std::to_string(i) + "]"),
                               "expected ms since the epoch within +-1e16, got " +
                                   std::to_string(at_epoch_ms[i]));
        }
    }
    if (!min_capacity && !max_capacity)
        throw config_error(in_field(f + "min_capacity"),
                           "set min_capacity and/or max_capacity (null or -1 keeps the current "
                           "one, so an action with neither changes nothing)");
    if (min_capacity && max_capacity && *min_capacity > *max_capacity)
        throw config_error(in_field(f + "min_capacity"), std::to_string(*min_capacity) +
                                                             " is greater than max_capacity " +
                                                             std::to_string(*max_capacity));
}

void predictive_config::validate() const {
    const std::string f = "scaling.predictive[" + name + "].";
    check_fields(*this, f);
    // AWS looks back at most 14 days.
    const int most = seasonality == forecast_seasonality::weekly ? 2 : 14;
    if (seasons_averaged < 1 || seasons_averaged > most)
        fail(f + "seasons_averaged",
             std::string("an integer in [1, ") + std::to_string(most) + "] (" +
                 (most == 2 ? "weekly" : "daily") + " seasons within the 14 days AWS looks back)",
             seasons_averaged);
    if (!finite(refresh_period_s) || refresh_period_s < 3600 ||
        std::fmod(refresh_period_s, 3600.0) != 0)
        fail(f + "refresh_period_s", "a whole number of hours, in seconds", refresh_period_s);
    // MaxCapacityBuffer is "required if the MaxCapacityBreachBehavior property is set to
    // IncreaseMaxCapacity, and cannot be used otherwise" (PredictiveScalingConfiguration):
    // with HonorMaxCapacity it would do nothing here, and AWS refuses it.
    if (breach == max_capacity_breach::honor_max_capacity && max_capacity_buffer_percent != 0)
        throw config_error(in_field(f + "max_capacity_buffer_percent"),
                           "MaxCapacityBuffer applies with breach \"increase_max_capacity\" "
                           "only (AWS refuses it with HonorMaxCapacity, the default): set breach, "
                           "or leave it at 0");
}

void hpa_scaling_policy::validate(const std::string& field) const {
    check_fields(*this, field);
}

hpa_scaling_rules hpa_scaling_rules::default_scale_up() {
    hpa_scaling_rules r;
    r.stabilization_window_s = 0;
    r.select = hpa_select::max;
    r.policies = {{hpa_scaling_policy::kind::percent, 100, 15},
                  {hpa_scaling_policy::kind::pods, 4, 15}};
    return r;
}

hpa_scaling_rules hpa_scaling_rules::default_scale_down() {
    hpa_scaling_rules r;
    r.stabilization_window_s = 300;
    r.select = hpa_select::max;
    r.policies = {{hpa_scaling_policy::kind::percent, 100, 15}};
    return r;
}

void hpa_scaling_rules::validate(const std::string& field) const {
    check_fields(*this, field);
    if (select != hpa_select::disabled && policies.empty())
        throw config_error(in_field(field + "policies"),
                           "at least one policy unless select is Disabled");
    for (std::size_t i = 0; i < policies.size(); ++i) {
        policies[i].validate(field + "policies[" + std::to_string(i) + "].");
    }
}

void hpa_config::validate() const {
    const std::string f = "scaling.hpa[" + name + "].";
    check_fields(*this, f);
    scale_up.validate(f + "scale_up.");
    scale_down.validate(f + "scale_down.");
    for (std::size_t i = 0; i < more_metrics.size(); ++i) {
        check_fields(more_metrics[i], f + "more_metrics[" + std::to_string(i) + "].");
    }
}

void target_tracking_config::validate() const {
    const std::string f = "scaling.target_tracking[" + name + "].";
    check_fields(*this, f);
    if (high_datapoints_to_alarm < 1 || high_datapoints_to_alarm > high_evaluation_periods)
        fail(f + "high_datapoints_to_alarm", "an integer in [1, high_evaluation_periods]",
             high_datapoints_to_alarm);
    if (low_datapoints_to_alarm < 1 || low_datapoints_to_alarm > low_evaluation_periods)
        fail(f + "low_datapoints_to_alarm", "an integer in [1, low_evaluation_periods]",
             low_datapoints_to_alarm);
}

void scaling_config::validate() const {
    check_fields(*this, "scaling.");
    if (min_capacity > max_capacity) {
        throw config_error(in_field("scaling.min_capacity"),
                           std::to_string(min_capacity) + " is greater than scaling.max_capacity " +
                               std::to_string(max_capacity));
    }
    for (std::size_t i = 0; i < target_tracking.size(); ++i) {
        target_tracking[i].validate();
        for (std::size_t j = 0; j < i; ++j) {
            if (target_tracking[j].metric == target_tracking[i].metric) {
                throw config_error(
                    in_field("scaling.target_tracking[" + target_tracking[i].name + "].metric"),
                    "two target-tracking policies track " +
                        std::string(metric_name(target_tracking[i].metric)) +
                        "; each needs a different metric");
            }
        }
    }
    for (const auto& c : step_scaling)
        c.validate();
    for (const auto& c : scheduled)
        c.validate();
    for (const auto& c : predictive)
        c.validate();
    for (const auto& c : hpa)
        c.validate();
    for (std::size_t i = 0; i < custom.size(); ++i) {
        if (!custom[i]) {
            throw config_error(in_field("scaling.custom[" + std::to_string(i) + "]"),
                               "empty policy factory");
        }
    }
}

void slo_config::validate() const {
    check_fields(*this, "slo.");
}

// A serverless endpoint: its own fields, and what it asks of the rest of the scenario.
// The request payload within the kind's documented limit: InvokeEndpoint's Body of at most
// 6,291,456 bytes (API reference); serverless 4 MB of request and response
// (serverless-endpoints-invoke page); InvokeEndpointAsync through Amazon S3, up to 1 GB
// (async-inference page).
void scenario::check_payload() const {
    double limit_kb = 6 * 1024;
    const char* limit = "6 MB (InvokeEndpoint's request body); asynchronous inference takes up "
                        "to 1 GB";
    if (endpoint.kind == endpoint_kind::serverless) {
        limit_kb = 4 * 1024;
        limit = "4 MB (a serverless endpoint's payload limit); asynchronous inference takes up "
                "to 1 GB";
    } else if (endpoint.kind == endpoint_kind::asynchronous) {
        limit_kb = 1024 * 1024;
        limit = "1 GB (an asynchronous request's payload, through Amazon S3)";
    }
    if (endpoint.payload_kb > limit_kb) {
        char got[64];
        std::snprintf(got, sizeof got, "%.10g", endpoint.payload_kb);
        throw config_error(in_field("endpoint.payload_kb"),
                           std::string(got) + " KB is more than " + limit);
    }
}

void scenario::validate_serverless() const {
    const auto& sv = endpoint.serverless;
    check_fields(sv, "endpoint.serverless.");
    sv.cold_start.validate("endpoint.serverless.cold_start");
    if (sv.memory_mb % 1024 != 0) {
        throw config_error(in_field("endpoint.serverless.memory_mb"),
                           "expected 1024, 2048, 3072, 4096, 5120 or 6144 (1 GB steps), got " +
                               std::to_string(sv.memory_mb));
    }
    if (mode == plane_mode::fluid) {
        throw config_error(in_field("endpoint.kind"),
                           "\"serverless\" needs \"mode\": \"request\" (cold starts and "
                           "warm containers are per request)");
    }
    if (endpoint.type.workers != 1) {
        throw config_error(in_field("endpoint.instance_type.workers"),
                           "a serverless container serves one request at a time: expected 1, "
                           "got " +
                               std::to_string(endpoint.type.workers));
    }
    if (endpoint.max_queue) {
        throw config_error(in_field("endpoint.max_queue"),
                           "a serverless endpoint holds no queue: a request beyond "
                           "max_concurrency is throttled (use null)");
    }
    // ProvisionedConcurrency is at most MaxConcurrency.
    auto check_pc = [&](int pc, const std::string& field) {
        if (pc > sv.max_concurrency) {
            throw config_error(in_field(field), std::to_string(pc) +
                                                    " provisioned concurrency exceeds "
                                                    "endpoint.serverless.max_concurrency " +
                                                    std::to_string(sv.max_concurrency));
        }
    };
    check_pc(endpoint.initial_capacity, "endpoint.initial_capacity");
    check_pc(scaling.max_capacity, "scaling.max_capacity");
    for (std::size_t i = 0; i < scaling.scheduled.size(); ++i) {
        if (scaling.scheduled[i].max_capacity) {
            check_pc(*scaling.scheduled[i].max_capacity,
                     "scaling.scheduled[" + std::to_string(i) + "].max_capacity");
        }
    }
    // Documented: target tracking and scheduled scaling (serverless-endpoints-autoscale.html).
    if (!scaling.step_scaling.empty() || !scaling.predictive.empty() || !scaling.hpa.empty()) {
        throw config_error(in_field("endpoint.kind"),
                           "a serverless endpoint's provisioned concurrency is scaled by target "
                           "tracking and scheduled actions, as AWS documents it");
    }
}

// A multi-model endpoint: its own fields, the weights' count, and the request mode.
void scenario::validate_multi_model() const {
    const auto& mm = endpoint.multi_model;
    const auto num = [](double v) { return describe_detail::number_text(v); };
    check_fields(mm, "endpoint.multi_model.");
    if (mm.model_sizes_gb.empty() && mm.model_size_gb > mm.instance_memory_gb) {
        throw config_error(in_field("endpoint.multi_model.model_size_gb"),
                           num(mm.model_size_gb) + " GB does not fit in instance_memory_gb " +
                               num(mm.instance_memory_gb));
    }
    if (mm.instance_disk_gb > 0 && mm.instance_disk_gb < mm.instance_memory_gb) {
        throw config_error(in_field("endpoint.multi_model.instance_disk_gb"),
                           "the volume holds every model in memory: expected 0 (room for every "
                           "model) or at least instance_memory_gb " +
                               num(mm.instance_memory_gb) + ", got " + num(mm.instance_disk_gb));
    }
    if (!mm.model_sizes_gb.empty() &&
        mm.model_sizes_gb.size() != static_cast<std::size_t>(mm.models)) {
        throw config_error(in_field("endpoint.multi_model.model_sizes_gb"),
                           "expected one size per model (" + std::to_string(mm.models) + "), got " +
                               std::to_string(mm.model_sizes_gb.size()));
    }
    for (std::size_t i = 0; i < mm.model_sizes_gb.size(); ++i) {
        const double g = mm.model_sizes_gb[i];
        if (!finite(g) || !(g > 0) || g > mm.instance_memory_gb) {
            throw config_error(
                in_field("endpoint.multi_model.model_sizes_gb[" + std::to_string(i) + "]"),
                "expected a size > 0 GB that fits in instance_memory_gb " +
                    num(mm.instance_memory_gb) + ", got " + num(g));
        }
    }
    if (!mm.model_weights.empty()) {
        if (mm.model_weights.size() != static_cast<std::size_t>(mm.models)) {
            throw config_error(in_field("endpoint.multi_model.model_weights"),
                               "expected one weight per model (" + std::to_string(mm.models) +
                                   "), got " + std::to_string(mm.model_weights.size()));
        }
        double sum = 0;
        for (std::size_t i = 0; i < mm.model_weights.size(); ++i) {
            const double w = mm.model_weights[i];
            if (!finite(w) || w < 0) {
                throw config_error(
                    in_field("endpoint.multi_model.model_weights[" + std::to_string(i) + "]"),
                    "expected a finite number >= 0, got " + num(w));
            }
            sum += w;
        }
        if (!(sum > 0)) {
            throw config_error(in_field("endpoint.multi_model.model_weights"),
                               "every weight is 0: no model would get a request");
        }
        if (!finite(sum)) {
            throw config_error(in_field("endpoint.multi_model.model_weights"),
                               "the weights add up past the largest number; they are shares in "
                               "proportion (e.g. 1, 1, 1)");
        }
    }
    if (!arrival_model_counts.empty()) {
        if (arrivals == arrival_process::log) {
            throw config_error(in_field("arrival_model_counts"),
                               "draws each arrival's model from its interval's counts; with "
                               "arrivals \"log\" give each logged request's model "
                               "(arrival_models)");
        }
        if (arrival_model_counts.size() > static_cast<std::size_t>(mm.models)) {
            throw config_error(in_field("arrival_model_counts"),
                               std::to_string(arrival_model_counts.size()) +
                                   " models, more than endpoint.multi_model.models (" +
                                   std::to_string(mm.models) + ")");
        }
        for (std::size_t k = 0; k < arrival_model_counts.size(); ++k) {
            const auto& row = arrival_model_counts[k];
            const std::string f = "arrival_model_counts[" + std::to_string(k) + "]";
            if (row.size() != traffic.size()) {
                throw config_error(in_field(f), "expected one count per interval of the trace (" +
                                                    std::to_string(traffic.size()) + "), got " +
                                                    std::to_string(row.size()));
            }
            for (std::size_t i = 0; i < row.size(); ++i) {
                if (!(row[i] >= 0) || !std::isfinite(row[i])) {
                    throw config_error(in_field(f + "[" + std::to_string(i) + "]"),
                                       "expected a finite count >= 0, got " + num(row[i]));
                }
            }
        }
    }
    if (!arrival_models.empty()) {
        if (arrivals != arrival_process::log || arrival_models.size() != arrival_log_ms.size()) {
            throw config_error(
                in_field("arrival_models"),
                "expected one model per logged request (" + std::to_string(arrival_log_ms.size()) +
                    " with arrivals \"log\"), got " + std::to_string(arrival_models.size()));
        }
        for (std::size_t i = 0; i < arrival_models.size(); ++i) {
            if (arrival_models[i] < 0 || arrival_models[i] >= mm.models) {
                throw config_error(in_field("arrival_models[" + std::to_string(i) + "]"),
                                   "expected a model in [0, " + std::to_string(mm.models - 1) +
                                       "], got " + std::to_string(arrival_models[i]));
            }
        }
    }
    if (mode == plane_mode::fluid) {
        throw config_error(in_field("endpoint.kind"),
                           "\"multi_model\" needs \"mode\": \"request\" (each request asks for "
                           "one model, loaded on an instance or not)");
    }
}

void scenario::validate() const {
    if (traffic.empty()) {
        throw trace_error(in_field("trace"), "the trace is empty (no interval to simulate)");
    }
    // A trace may have been built by a path that skipped the constructor's checks.
    for (std::size_t i = 0; i < traffic.size(); ++i) {
        const double c = traffic.counts()[i];
        if (!finite(c) || c < 0) {
            throw trace_error(in_field("trace"), "count at interval " + std::to_string(i) +
                                                     " must be a finite number >= 0");
        }
    }
    endpoint.type.validate();
    endpoint.startup.validate();
    check_fields(endpoint, "endpoint.");
    check_payload();
    if (endpoint.kind == endpoint_kind::inference_component) {
        const auto& ic = endpoint.inference_component;
        check_fields(ic, "endpoint.inference_component.");
        ic.copy_startup.validate("endpoint.inference_component.copy_startup");
        ic.cached_copy_startup.validate("endpoint.inference_component.cached_copy_startup");
        if (ic.max_instances < ic.min_instances) {
            throw config_error(in_field("endpoint.inference_component.max_instances"),
                               std::to_string(ic.max_instances) + " is less than min_instances " +
                                   std::to_string(ic.min_instances));
        }
        const int per = copies_fitting(ic, endpoint.type.name);
        const auto room = static_cast<long long>(ic.max_instances) * per;
        auto check_room = [&](int copies, const std::string& field) {
            if (copies > room) {
                throw config_error(in_field(field),
                                   std::to_string(copies) + " copies do not fit on max_instances " +
                                       std::to_string(ic.max_instances) +
                                       " x copies_per_instance " + std::to_string(per) + " = " +
                                       std::to_string(room));
            }
        };
        check_room(scaling.max_capacity, "scaling.max_capacity");
        for (std::size_t i = 0; i < scaling.scheduled.size(); ++i) {
            if (scaling.scheduled[i].max_capacity) {
                check_room(*scaling.scheduled[i].max_capacity,
                           "scaling.scheduled[" + std::to_string(i) + "].max_capacity");
            }
        }
        if (!scaling.predictive.empty()) {
            throw config_error(in_field("endpoint.kind"),
                               "predictive scaling may raise MaxCapacity past the instances; "
                               "inference components take target tracking, step scaling and "
                               "scheduled actions");
        }
    }
    if (endpoint.kind == endpoint_kind::serverless) {
        validate_serverless();
    }
    if (endpoint.kind == endpoint_kind::multi_model) {
        validate_multi_model();
    } else if (!arrival_models.empty()) {
        throw config_error(in_field("arrival_models"),
                           "applies to a multi-model endpoint (endpoint.kind \"multi_model\")");
    } else if (!arrival_model_counts.empty()) {
        throw config_error(in_field("arrival_model_counts"),
                           "applies to a multi-model endpoint (endpoint.kind \"multi_model\")");
    }
    if (arrivals == arrival_process::uniform_counts && mode == plane_mode::fluid) {
        // (the fluid mode ran Poisson arrivals, as if the field were not there)
        throw config_error(in_field("arrivals"),
                           "\"uniform_counts\" (evenly spaced arrivals) needs \"mode\": "
                           "\"request\"; the fluid mode's queues take each interval's arrivals "
                           "as Poisson (\"poisson\" or \"poisson_counts\")");
    }
    if (endpoint.client_max_attempts > 1 && mode == plane_mode::fluid) {
        throw config_error(in_field("endpoint.client_max_attempts"),
                           "client retries need \"mode\": \"request\" (the fluid mode counts "
                           "a refused request as an error at once)");
    }
    // A kind's own settings given to an endpoint of another kind would do nothing: refused,
    // naming them (a forgotten "kind" must not run silently as a real-time endpoint).
    const endpoint_config defaults{};
    const auto other_kind = [&](const std::string& field, endpoint_kind applies_to) {
        throw config_error(in_field("endpoint." + field),
                           "applies to endpoint.kind \"" + std::string(canonical_name(applies_to)) +
                               "\", and this endpoint "
                               "is \"" +
                               std::string(canonical_name(endpoint.kind)) +
                               "\": set endpoint.kind, or leave " + field + " out");
    };
    if (endpoint.kind != endpoint_kind::serverless &&
        !(endpoint.serverless == defaults.serverless)) {
        other_kind("serverless", endpoint_kind::serverless);
    }
    if (endpoint.kind != endpoint_kind::multi_model &&
        !(endpoint.multi_model == defaults.multi_model)) {
        other_kind("multi_model", endpoint_kind::multi_model);
    }
    if (endpoint.kind != endpoint_kind::inference_component &&
        !(endpoint.inference_component == defaults.inference_component)) {
        other_kind("inference_component", endpoint_kind::inference_component);
    }
    if (endpoint.kind != endpoint_kind::asynchronous) {
        if (endpoint.request_ttl_s != defaults.request_ttl_s) {
            other_kind("request_ttl_s", endpoint_kind::asynchronous);
        }
        if (endpoint.processing_timeout_s != defaults.processing_timeout_s) {
            other_kind("processing_timeout_s", endpoint_kind::asynchronous);
        }
    }
    // The retry back-off applies to a client that retries: without client_max_attempts > 1 it
    // would be read and never used.
    if (endpoint.client_max_attempts == 1) {
        for (const auto& [field, value, fallback] :
             {std::tuple{"client_backoff_base_s", endpoint.client_backoff_base_s,
                         defaults.client_backoff_base_s},
              std::tuple{"client_max_backoff_s", endpoint.client_max_backoff_s,
                         defaults.client_max_backoff_s}}) {
            if (value != fallback) {
                throw config_error(in_field(std::string("endpoint.") + field),
                                   "applies to a client that retries: give "
                                   "endpoint.client_max_attempts > 1 (the SDKs' standard mode "
                                   "makes 3), or leave it out");
            }
        }
    }
    if (endpoint.max_queue > 0 && mode == plane_mode::fluid &&
        endpoint.kind != endpoint_kind::asynchronous) {
        throw config_error(in_field("endpoint.max_queue"),
                           "a queue limit of " + std::to_string(*endpoint.max_queue) +
                               " needs \"mode\": \"request\"; the fluid mode takes 0 (no "
                               "queue: a busy instance refuses the request) or null (no limit)");
    }
    if (endpoint.kind == endpoint_kind::asynchronous && endpoint.max_queue) {
        throw config_error(in_field("endpoint.max_queue"),
                           "applies to real-time endpoints; an asynchronous endpoint's queue is "
                           "bounded by request_ttl_s (use null)");
    }
    if (arrivals == arrival_process::log) {
        const time_ms end = traffic.duration_ms();
        for (std::size_t i = 0; i < arrival_log_ms.size(); ++i) {
            const time_ms t = arrival_log_ms[i];
            if (t < 0 || t >= end) {
                throw config_error(in_field("arrival_log_ms[" + std::to_string(i) + "]"),
                                   std::to_string(t) + " is outside the trace [0, " +
                                       std::to_string(end) + ") ms");
            }
            if (i > 0 && t < arrival_log_ms[i - 1]) {
                throw config_error(in_field("arrival_log_ms[" + std::to_string(i) + "]"),
                                   std::to_string(t) + " comes before the previous timestamp " +
                                       std::to_string(arrival_log_ms[i - 1]) + " (must be sorted)");
            }
        }
        // The trace is the log's own counts (its requests, its metrics): a log that disagrees
        // with it (another trace's, or none) would run other traffic than the trace says.
        const auto& counts = traffic.counts();
        const time_ms step = traffic.interval_ms();
        std::size_t i = 0;
        for (std::size_t k = 0; k < counts.size(); ++k) {
            std::size_t n = 0;
            for (; i < arrival_log_ms.size() &&
                   arrival_log_ms[i] < static_cast<time_ms>(k + 1) * step;
                 ++i) {
                ++n;
            }
            if (static_cast<double>(n) != counts[k]) {
                char got[64];
                std::snprintf(got, sizeof got, "%.10g", counts[k]);
                throw config_error(in_field("arrival_log_ms"),
                                   "interval " + std::to_string(k) + " holds " + std::to_string(n) +
                                       " logged request(s) where the trace " + "counts " + got +
                                       ": with arrivals \"log\" the trace must be the log's "
                                       "own counts (arrival_log::to_counts, Python's "
                                       "Trace.from_arrivals)");
            }
        }
    }
    scaling.validate();
    // A metric SageMaker publishes for one kind of endpoint only, tracked on another, would never
    // move: a policy that does nothing, or scales on zeros without a word.
    const auto check_metric = [&](metric_kind m, const std::string& field) {
        endpoint_kind owner{};
        switch (m) {
        case metric_kind::approximate_backlog_size_per_instance:
        case metric_kind::has_backlog_without_capacity:
            owner = endpoint_kind::asynchronous;
            break;
        case metric_kind::no_capacity_invocation_failures:
            owner = endpoint_kind::inference_component;
            break;
        case metric_kind::provisioned_concurrency_utilization:
            owner = endpoint_kind::serverless;
            break;
        case metric_kind::model_cache_hit:
        case metric_kind::model_loading_wait_time:
        case metric_kind::loaded_model_count:
            owner = endpoint_kind::multi_model;
            break;
        default:
            return;
        }
        if (owner == endpoint.kind) return;
        throw config_error(in_field(field), std::string(metric_name(m)) +
                                                " is published for an endpoint of kind \"" +
                                                std::string(canonical_name(owner)) +
                                                "\" only; this one is \"" +
                                                std::string(canonical_name(endpoint.kind)) + "\"");
    };
    for (const auto& tt : scaling.target_tracking) {
        check_metric(tt.metric, "scaling.target_tracking[" + tt.name + "].metric");
    }
    for (const auto& st : scaling.step_scaling) {
        check_metric(st.metric, "scaling.step_scaling[" + st.name + "].metric");
    }
    slo.validate();
}

namespace {
// Where a scaling sets MinCapacity 0 ("scaling.min_capacity", "scaling.scheduled[night]"), or
// nothing when it never does; only a scaling with a policy or an action can reach it.
std::string zero_min_capacity_at(const scaling_config& s) {
    const bool acts = !s.target_tracking.empty() || !s.step_scaling.empty() ||
                      !s.predictive.empty() || !s.custom.empty() || !s.scheduled.empty();
    if (!acts) return {};
    if (s.min_capacity == 0) return "scaling.min_capacity";
    for (const auto& a : s.scheduled) {
        if (a.min_capacity && *a.min_capacity == 0) {
            return "scaling.scheduled[" + a.name + "].min_capacity";
        }
    }
    return {};
}

// The capacity caveat's sentence for a scenario, or nothing.
std::string zero_min_capacity(const scenario& sc) {
    // A Kubernetes HPA's minReplicas 0 is a feature gate's business, not AWS's.
    if (!sc.scaling.hpa.empty()) return {};
    const std::string at = zero_min_capacity_at(sc.scaling);
    if (at.empty()) return {};
    switch (sc.endpoint.kind) {
    case endpoint_kind::real_time:
    case endpoint_kind::multi_model:
        return at + " is 0, but AWS keeps a SageMaker endpoint variant at 1 instance or more "
                    "(RegisterScalableTarget: \"for all other resources, the minimum value "
                    "allowed is 1\"): this run models a fleet that can empty, such as an EC2 "
                    "Auto Scaling group; on SageMaker, scale to zero needs an inference "
                    "component or an asynchronous endpoint";
    case endpoint_kind::serverless:
        return at + " is 0, but AWS scales a serverless endpoint's provisioned concurrency "
                    "between 1 and its maximum (RegisterScalableTarget; ProvisionedConcurrency: "
                    "minimum 1): the hours this run spends without it take an endpoint update "
                    "on AWS, not a scaling policy";
    case endpoint_kind::asynchronous:
    case endpoint_kind::inference_component:
        break;
    }
    return {};
}
// The fractional-counts caveat's sentence for a scenario, or nothing.
std::string fractional_counts(const scenario& sc) {
    const bool to_zero =
        sc.scaling.min_capacity == 0 && (sc.endpoint.kind == endpoint_kind::asynchronous ||
                                         sc.endpoint.kind == endpoint_kind::inference_component);
    if (sc.mode != plane_mode::fluid || !to_zero) return {};
    // Counts of a request or more do both: a zero-capacity interval fails at least one, and
    // whole requests would rarely leave such an interval empty either. Named when most of the
    // intervals with traffic have less than a request.
    const auto& counts = sc.traffic.counts();
    std::size_t busy = 0, below = 0, first = counts.size();
    for (std::size_t i = 0; i < counts.size(); ++i) {
        if (counts[i] > 0) {
            ++busy;
            if (counts[i] < 1) {
                ++below;
                first = std::min(first, i);
            }
        }
    }
    if (below == 0 || 2 * below <= busy) return {};
    char text[700];
    std::snprintf(
        text, sizeof text,
        "%zu of the trace's %zu intervals with traffic have less than a request (interval "
        "%zu: %.6g) and the fluid mode takes them as they are: no interval is empty and "
        "no failure is a whole request, so an endpoint that scales to zero may never "
        "scale in to zero (its backlog never reaches 0) or never wake "
        "(NoCapacityInvocationFailures stays below 1) where whole requests would; run "
        "it in request mode, or give it whole counts",
        below, busy, first, counts[first]);
    return text;
}
} // namespace

std::vector<caveat> scenario::caveats() const {
    std::vector<caveat> out;
    const double interval_s = ms_to_seconds(traffic.interval_ms());
    double finest = 0;
    std::string which;
    const auto consider = [&](double period_s, const std::string& name) {
        if (period_s < interval_s && (finest == 0 || period_s < finest)) {
            finest = period_s;
            which = name;
        }
    };
    for (const auto& tt : scaling.target_tracking) {
        consider(tt.period_s, "target tracking on " + std::string(metric_name(tt.metric)));
    }
    for (const auto& st : scaling.step_scaling) {
        consider(st.period_s, "step scaling \"" + st.name + "\"");
    }
    if (finest > 0) {
        char text[400];
        std::snprintf(text, sizeof text,
                      "the trace's %g s interval is coarser than the %g s metric period of %s: "
                      "each interval's requests are spread evenly over it, so peaks the alarms "
                      "would see are hidden (a policy chosen on this trace may miss its latency "
                      "target on finer traffic; export the trace at the %g s period)",
                      interval_s, finest, which.c_str(), finest);
        out.push_back({caveat::kind::coarse_trace, text});
    }
    for (const auto& a : scaling.scheduled) {
        std::string never = never_acts(a, traffic.start_epoch_ms(), traffic.duration_ms());
        if (!never.empty()) out.push_back({caveat::kind::schedule, std::move(never)});
    }
    if (std::string zero = zero_min_capacity(*this); !zero.empty()) {
        out.push_back({caveat::kind::capacity, std::move(zero)});
    }
    {
        const bool async = endpoint.kind == endpoint_kind::asynchronous;
        const double limit_s =
            async ? endpoint.processing_timeout_s : endpoint.invocation_timeout_s;
        const double mean_s = endpoint.type.mean_service_s();
        if (mean_s > limit_s) {
            char text[400];
            std::snprintf(text, sizeof text,
                          "endpoint.instance_type: the mean service time (%g s) is above the "
                          "%s (%g s): requests fail whatever the fleet (service_time_s is in "
                          "seconds)",
                          mean_s,
                          async ? "processing timeout (processing_timeout_s)"
                                : "invocation timeout (invocation_timeout_s)",
                          limit_s);
            out.push_back({caveat::kind::service_time, text});
        }
    }
    if (std::string fractional = fractional_counts(*this); !fractional.empty()) {
        out.push_back({caveat::kind::fractional_counts, std::move(fractional)});
    }
    if (max_rate_meeting(endpoint, slo.latency_s, slo.target) == 0) {
        const double within =
            1 - queueing::service_survival(fluid_queue_of(endpoint.type).service, slo.latency_s);
        char text[400];
        std::snprintf(text, sizeof text,
                      "slo: no fleet meets the SLO (%.4g %% of requests within %g s): an idle "
                      "instance serves %.4g %% within it, its service time alone being longer "
                      "for the rest; under_provisioned_share counts every interval with "
                      "traffic (set slo.latency_s or slo.target within reach)",
                      100 * slo.target, slo.latency_s, 100 * within);
        out.push_back({caveat::kind::slo, text});
    }
    return out;
}

std::array<double, 3> copy_shares(const inference_component_config& ic,
                                  const std::string& instance_type_name) {
    const std::string f = "endpoint.inference_component.";
    if (ic.accelerators == 0 && ic.cpu_cores == 0 && ic.memory_mb == 0) {
        const double share = 1.0 / ic.copies_per_instance;
        return {share, share, share};
    }
    if (ic.copies_per_instance != 1) {
        throw config_error(in_field(f + "copies_per_instance"),
                           "give either copies_per_instance or the copy's resources "
                           "(accelerators, cpu_cores, memory_mb), not both");
    }
    const catalog_instance* cat = lookup_catalog_instance(instance_type_name);
    const std::array<double, 3> need = {ic.accelerators, ic.cpu_cores, ic.memory_mb};
    const std::array<double, 3> given = {ic.instance_accelerators, ic.instance_cpu_cores,
                                         ic.instance_memory_mb};
    const std::array<double, 3> listed = {cat != nullptr ? static_cast<double>(cat->gpus) : 0.0,
                                          cat != nullptr ? static_cast<double>(cat->vcpus) : 0.0,
                                          cat != nullptr ? cat->memory_gib * 1024 : 0.0};
    const std::array<const char*, 3> names = {"accelerators", "cpu_cores", "memory_mb"};
    std::array<double, 3> out{};
    for (std::size_t r = 0; r < 3; ++r) {
        if (need[r] == 0) {
            continue;
        }
        const double have = given[r] > 0 ? given[r] : listed[r];
        if (have <= 0) {
            throw config_error(in_field(f + names[r]),
                               short_number(need[r]) + " per copy, but " +
                                   (cat != nullptr || given[r] > 0
                                        ? "instance type \"" + instance_type_name + "\" has none"
                                        : "instance type \"" + instance_type_name +
                                              "\" is not in the catalogue; give instance_" +
                                              names[r]));
        }
        out[r] = need[r] / have;
        if (out[r] > 1 + 1e-12) {
            throw config_error(in_field(f + names[r]),
                               short_number(need[r]) + " per copy is more than one instance (" +
                                   instance_type_name + ") has: " + short_number(have));
        }
    }
    // The scarcest resource sets the copies an instance holds: at most a million (the most
    // instances a capacity takes; a per-copy need of 1e-9 MB made 1e13 copies, past any int).
    // AWS's smallest MinMemoryRequiredInMb, 128, fits 1,536 on an ml.g5.12xlarge.
    constexpr double most_copies = instance_limit;
    std::size_t scarce = 0;
    for (std::size_t r = 1; r < 3; ++r) {
        scarce = out[r] > out[scarce] ? r : scarce;
    }
    if (out[scarce] * most_copies < 1 - 1e-9) {
        const double have = given[scarce] > 0 ? given[scarce] : listed[scarce];
        throw config_error(in_field(f + names[scarce]),
                           short_number(need[scarce]) + " per copy fits " +
                               short_number(std::floor(1 / out[scarce])) +
                               " copies on one instance (" + instance_type_name + ": " +
                               short_number(have) +
                               "), more than the 1000000 an instance holds here; is the "
                               "unit right?");
    }
    return out;
}

int copies_fitting(const inference_component_config& ic, const std::string& instance_type_name) {
    const auto shares = copy_shares(ic, instance_type_name);
    const double scarcest = std::max({shares[0], shares[1], shares[2]});
    return static_cast<int>(std::floor(1 / scarcest + 1e-9));
}

} // namespace autoscalesim
