#pragma once
/// One description per configuration struct: each field's name (the one spelling JSON, Python
/// keywords and the docs use), member, unit, valid range, whether the optimizer may search it,
/// and a line of meaning; and one name table per enum. Readers, writers, bindings, validation,
/// the optimizer's parameter index and the docs' field tables walk these lists; nothing else
/// names a field. The core holds no JSON: visitors live where the format does (io/, python/).
///
/// Adding a field to a struct: declare the member, then add its entry to the struct's
/// `describe<S>::fields` below, in the order the effective scenario lists it.

#include "autoscalesim/errors.hpp"
#include "autoscalesim/instance.hpp"
#include "autoscalesim/metrics.hpp"
#include "autoscalesim/scenario.hpp"

#include <array>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <vector>

namespace autoscalesim {

// ---------------------------------------------------------------------------------------------
// Enumerations.

/// One name of an enumerator. The first name of each value is canonical (snake_case, what
/// writers write); aliases (AWS's PascalCase, older spellings) are read but never written.
template <class E> struct enum_name {
    std::string_view name; ///< the spelling
    E value;               ///< the enumerator
    bool alias = false;    ///< true for a name that is read but not written
};

/// The names of every enumerator of a configuration enum: specialised below with
/// `static constexpr std::array<enum_name<E>, N> names`, and optionally
/// `static constexpr std::string_view python_name` (the Python class the bindings make for an
/// enum no binding file registers).
template <class E> struct enum_names;

/// True for an enum with a name table.
template <class E, class = void> struct has_enum_names : std::false_type {};
template <class E>
struct has_enum_names<E, std::void_t<decltype(enum_names<E>::names)>> : std::true_type {};

/// The canonical name of `value`.
template <class E> constexpr std::string_view canonical_name(E value) {
    for (const auto& n : enum_names<E>::names) {
        if (n.value == value && !n.alias) return n.name;
    }
    return "?";
}

/// The enumerator named `name` (canonical or alias); false if there is none.
template <class E> constexpr bool parse_enum(std::string_view name, E& out) {
    for (const auto& n : enum_names<E>::names) {
        if (n.name == name) {
            out = n.value;
            return true;
        }
    }
    return false;
}

/// The canonical names, quoted, as a message lists them: "a", "b" or "c".
template <class E> std::string quoted_names() {
    std::vector<std::string_view> canon;
    for (const auto& n : enum_names<E>::names) {
        if (!n.alias) canon.push_back(n.name);
    }
    std::string s;
    for (std::size_t i = 0; i < canon.size(); ++i) {
        if (i > 0) s += i + 1 == canon.size() ? " or " : ", ";
        s += "\"" + std::string(canon[i]) + "\"";
    }
    return s;
}

/// What a message says of a name that is none of E's: `expected one of "a", "b" or "c", got `
/// followed by `got` (the value as the caller shows it, quoted).
template <class E> std::string unknown_name(std::string_view got) {
    return "expected one of " + quoted_names<E>() + ", got " + std::string(got);
}

/// The enumerator named `name` (canonical or alias); otherwise config_error at `where`.
template <class E> E named_enumerator(const std::string& name, const error_location& where) {
    E out{};
    if (!parse_enum(name, out)) throw config_error(where, unknown_name<E>("\"" + name + "\""));
    return out;
}

template <> struct enum_names<metric_kind> {
    static constexpr std::array<enum_name<metric_kind>, 29> names{{
        {"invocations_per_instance", metric_kind::invocations_per_instance},
        {"concurrent_requests_per_model", metric_kind::concurrent_requests_per_model},
        {"cpu_utilization", metric_kind::cpu_utilization},
        {"model_latency", metric_kind::model_latency},
        {"approximate_backlog_size_per_instance",
         metric_kind::approximate_backlog_size_per_instance},
        {"has_backlog_without_capacity", metric_kind::has_backlog_without_capacity},
        {"no_capacity_invocation_failures", metric_kind::no_capacity_invocation_failures},
        {"provisioned_concurrency_utilization", metric_kind::provisioned_concurrency_utilization},
        {"model_cache_hit", metric_kind::model_cache_hit},
        {"model_loading_wait_time", metric_kind::model_loading_wait_time},
        {"loaded_model_count", metric_kind::loaded_model_count},
        {"InvocationsPerInstance", metric_kind::invocations_per_instance, true},
        {"SageMakerVariantInvocationsPerInstance", metric_kind::invocations_per_instance, true},
        {"ConcurrentRequestsPerModel", metric_kind::concurrent_requests_per_model, true},
        {"SageMakerVariantConcurrentRequestsPerModelHighResolution",
         metric_kind::concurrent_requests_per_model, true},
        {"CPUUtilization", metric_kind::cpu_utilization, true},
        {"ModelLatency", metric_kind::model_latency, true},
        {"ApproximateBacklogSizePerInstance", metric_kind::approximate_backlog_size_per_instance,
         true},
        {"HasBacklogWithoutCapacity", metric_kind::has_backlog_without_capacity, true},
        {"NoCapacityInvocationFailures", metric_kind::no_capacity_invocation_failures, true},
        {"ServerlessProvisionedConcurrencyUtilization",
         metric_kind::provisioned_concurrency_utilization, true},
        {"SageMakerVariantProvisionedConcurrencyUtilization",
         metric_kind::provisioned_concurrency_utilization, true},
        {"ModelCacheHit", metric_kind::model_cache_hit, true},
        {"ModelLoadingWaitTime", metric_kind::model_loading_wait_time, true},
        {"LoadedModelCount", metric_kind::loaded_model_count, true},
        {"InvocationsPerCopy", metric_kind::invocations_per_instance, true},
        {"ConcurrentRequestsPerCopy", metric_kind::concurrent_requests_per_model, true},
        {"SageMakerInferenceComponentInvocationsPerCopy", metric_kind::invocations_per_instance,
         true},
        {"SageMakerInferenceComponentConcurrentRequestsPerCopyHighResolution",
         metric_kind::concurrent_requests_per_model, true},
    }};
};

template <> struct enum_names<comparison> {
    static constexpr std::array<enum_name<comparison>, 12> names{{
        {"greater", comparison::greater},
        {"less", comparison::less},
        {"greater_or_equal", comparison::greater_or_equal},
        {"less_or_equal", comparison::less_or_equal},
        {"GreaterThanThreshold", comparison::greater, true},
        {"LessThanThreshold", comparison::less, true},
        {"GreaterThanOrEqualToThreshold", comparison::greater_or_equal, true},
        {"LessThanOrEqualToThreshold", comparison::less_or_equal, true},
        {">", comparison::greater, true},
        {"<", comparison::less, true},
        {">=", comparison::greater_or_equal, true},
        {"<=", comparison::less_or_equal, true},
    }};
};

template <> struct enum_names<missing_data> {
    static constexpr std::string_view python_name = "MissingData";
    static constexpr std::array<enum_name<missing_data>, 5> names{{
        {"missing", missing_data::missing},
        {"not_breaching", missing_data::not_breaching},
        {"breaching", missing_data::breaching},
        {"notBreaching", missing_data::not_breaching, true},
        {"NotBreaching", missing_data::not_breaching, true},
    }};
};

template <> struct enum_names<service_family> {
    static constexpr std::array<enum_name<service_family>, 6> names{{
        {"fitted", service_family::fitted},
        {"exponential", service_family::exponential},
        {"deterministic", service_family::deterministic},
        {"lognormal", service_family::lognormal},
        {"gamma", service_family::gamma},
        {"empirical", service_family::empirical},
    }};
};

template <> struct enum_names<startup_distribution::kind> {
    using kind = startup_distribution::kind;
    static constexpr std::array<enum_name<kind>, 3> names{{
        {"fixed", kind::fixed},
        {"lognormal", kind::lognormal},
        {"uniform", kind::uniform},
    }};
};

template <> struct enum_names<routing> {
    static constexpr std::array<enum_name<routing>, 2> names{{
        {"random", routing::random},
        {"least_outstanding", routing::least_outstanding},
    }};
};

template <> struct enum_names<endpoint_kind> {
    static constexpr std::string_view python_name = "EndpointKind";
    static constexpr std::array<enum_name<endpoint_kind>, 6> names{{
        {"real_time", endpoint_kind::real_time},
        {"async", endpoint_kind::asynchronous},
        {"inference_component", endpoint_kind::inference_component},
        {"serverless", endpoint_kind::serverless},
        {"multi_model", endpoint_kind::multi_model},
        {"asynchronous", endpoint_kind::asynchronous, true},
    }};
};

template <> struct enum_names<instance_scale_in> {
    static constexpr std::string_view python_name = "InstanceScaleIn";
    static constexpr std::array<enum_name<instance_scale_in>, 4> names{{
        {"idle_release", instance_scale_in::idle_release},
        {"consolidation", instance_scale_in::consolidation},
        {"IDLE_RELEASE", instance_scale_in::idle_release, true},
        {"CONSOLIDATION", instance_scale_in::consolidation, true},
    }};
};

template <> struct enum_names<adjustment_type> {
    using a = adjustment_type;
    static constexpr std::array<enum_name<a>, 6> names{{
        {"change_in_capacity", a::change_in_capacity},
        {"exact_capacity", a::exact_capacity},
        {"percent_change_in_capacity", a::percent_change_in_capacity},
        {"ChangeInCapacity", a::change_in_capacity, true},
        {"ExactCapacity", a::exact_capacity, true},
        {"PercentChangeInCapacity", a::percent_change_in_capacity, true},
    }};
};

template <> struct enum_names<metric_aggregation> {
    using a = metric_aggregation;
    static constexpr std::array<enum_name<a>, 6> names{{
        {"average", a::average},
        {"minimum", a::minimum},
        {"maximum", a::maximum},
        {"Average", a::average, true},
        {"Minimum", a::minimum, true},
        {"Maximum", a::maximum, true},
    }};
};

template <> struct enum_names<predictive_mode> {
    using m = predictive_mode;
    static constexpr std::array<enum_name<m>, 4> names{{
        {"forecast_and_scale", m::forecast_and_scale},
        {"forecast_only", m::forecast_only},
        {"ForecastAndScale", m::forecast_and_scale, true},
        {"ForecastOnly", m::forecast_only, true},
    }};
};

template <> struct enum_names<forecast_seasonality> {
    static constexpr std::array<enum_name<forecast_seasonality>, 2> names{{
        {"daily", forecast_seasonality::daily},
        {"weekly", forecast_seasonality::weekly},
    }};
};

template <> struct enum_names<max_capacity_breach> {
    using b = max_capacity_breach;
    static constexpr std::array<enum_name<b>, 4> names{{
        {"honor_max_capacity", b::honor_max_capacity},
        {"increase_max_capacity", b::increase_max_capacity},
        {"HonorMaxCapacity", b::honor_max_capacity, true},
        {"IncreaseMaxCapacity", b::increase_max_capacity, true},
    }};
};

template <> struct enum_names<hpa_scaling_policy::kind> {
    using k = hpa_scaling_policy::kind;
    static constexpr std::array<enum_name<k>, 4> names{{
        {"pods", k::pods},
        {"percent", k::percent},
        {"Pods", k::pods, true},
        {"Percent", k::percent, true},
    }};
};

template <> struct enum_names<hpa_select> {
    static constexpr std::array<enum_name<hpa_select>, 6> names{{
        {"max", hpa_select::max},
        {"min", hpa_select::min},
        {"disabled", hpa_select::disabled},
        {"Max", hpa_select::max, true},
        {"Min", hpa_select::min, true},
        {"Disabled", hpa_select::disabled, true},
    }};
};

template <> struct enum_names<hpa_source> {
    static constexpr std::array<enum_name<hpa_source>, 5> names{{
        {"pods", hpa_source::pods},
        {"external_value", hpa_source::external_value},
        {"external_average_value", hpa_source::external_average_value},
        {"Pods", hpa_source::pods, true},
        {"Resource", hpa_source::pods, true},
    }};
};

template <> struct enum_names<cooldown_start> {
    static constexpr std::array<enum_name<cooldown_start>, 2> names{{
        {"completion", cooldown_start::completion},
        {"start", cooldown_start::start},
    }};
};

template <> struct enum_names<capacity_basis> {
    static constexpr std::array<enum_name<capacity_basis>, 2> names{{
        {"current", capacity_basis::current},
        {"producing", capacity_basis::producing},
    }};
};

template <> struct enum_names<busy_scale_out> {
    static constexpr std::array<enum_name<busy_scale_out>, 2> names{{
        {"retry", busy_scale_out::retry},
        {"remember_largest", busy_scale_out::remember_largest},
    }};
};

template <> struct enum_names<plane_mode> {
    static constexpr std::array<enum_name<plane_mode>, 2> names{{
        {"fluid", plane_mode::fluid},
        {"request", plane_mode::request},
    }};
};

template <> struct enum_names<arrival_process> {
    static constexpr std::array<enum_name<arrival_process>, 4> names{{
        {"poisson", arrival_process::poisson},
        {"uniform_counts", arrival_process::uniform_counts},
        {"log", arrival_process::log},
        {"poisson_counts", arrival_process::poisson_counts},
    }};
};

// ---------------------------------------------------------------------------------------------
// Fields.

/// The values a numeric field accepts. An empty `text` is generated from the bounds ("a number
/// > 0", "an integer in [1, 14]"); a field whose rule the bounds cannot say (a whole number of
/// seconds) gives its own text and sets `whole`.
struct value_range {
    double low = -std::numeric_limits<double>::infinity(); ///< lower bound
    double high = std::numeric_limits<double>::infinity(); ///< upper bound
    bool low_open = false;                                 ///< low itself is excluded
    bool high_open = false;                                ///< high itself is excluded
    bool allow_infinite = false; ///< +-infinity accepted (an unbounded step bound)
    bool whole = false;          ///< the value must be a whole number
    std::string_view text{};     ///< what a message says is expected; generated when empty
    double except = std::numeric_limits<double>::quiet_NaN(); ///< one value also accepted (-1)
};

/// `>= low`.
constexpr value_range at_least(double low) {
    value_range r;
    r.low = low;
    return r;
}
/// `> low`.
constexpr value_range above(double low) {
    value_range r;
    r.low = low;
    r.low_open = true;
    return r;
}
/// `[low, high]`, or with open ends `(low, high)`.
constexpr value_range within(double low, double high, bool low_open = false,
                             bool high_open = false) {
    value_range r;
    r.low = low;
    r.high = high;
    r.low_open = low_open;
    r.high_open = high_open;
    return r;
}
/// `r` that also accepts `value` (a sentinel such as -1), with its own message text.
constexpr value_range or_value(value_range r, double value, std::string_view text) {
    r.except = value;
    r.text = text;
    return r;
}
/// The longest duration a field accepts: ten years (365-day), in seconds. Times are held in
/// milliseconds as 64-bit integers (seconds_to_ms), and the bound keeps every time plus a
/// duration exact; a start-up or cooldown this long already outlasts any trace.
constexpr double duration_limit_s = 315'360'000;
/// The most instances a capacity field accepts (the fleet keeps a record per instance launched).
constexpr double instance_limit = 1'000'000;
/// The longest request-level time (a service time, a timeout): a day, in seconds.
constexpr double request_time_limit_s = 86'400;
/// A duration: `[0, duration_limit_s]`.
constexpr value_range duration_range() {
    value_range r = within(0, duration_limit_s);
    r.text = "a number in [0, 315360000] (ten years)";
    return r;
}
/// A duration above 0: `(0, duration_limit_s]`.
constexpr value_range positive_duration_range() {
    value_range r = within(0, duration_limit_s, true);
    r.text = "a number in (0, 315360000] (ten years)";
    return r;
}
/// A whole number of seconds in [low, high] (metric periods).
constexpr value_range whole_seconds(double low, double high) {
    value_range r = within(low, high);
    r.whole = true;
    r.text = "a whole number of seconds in [1, 86400]";
    return r;
}
/// Any number, infinities included (null in JSON).
constexpr value_range any_number() {
    value_range r;
    r.allow_infinite = true;
    return r;
}
/// A name that reports, activity causes and field paths show: a string of at least one
/// character (a string field's range bounds its length).
constexpr value_range non_empty_name() {
    value_range r = at_least(1);
    r.text = "a non-empty name";
    return r;
}

/// One field of a configuration struct.
template <class S, class T> struct field {
    std::string_view name;   ///< the one spelling: JSON key, Python keyword, docs
    T S::*member;            ///< where the value lives
    std::string_view unit;   ///< unit of a number ("s", "instances", "USD/h"), or ""
    std::string_view doc;    ///< one line of meaning
    value_range range{};     ///< numbers: what is valid; strings: their length (checked by
                             ///< check_fields)
    bool searchable = false; ///< the optimizer may search it (numeric fields of searchable
                             ///< structs)
    bool checked = true;     ///< false: the struct's validate() checks it itself (a rule
                             ///< that depends on another field)
    using struct_type = S;   ///< the struct
    using value_type = T;    ///< the member's type
};

/// True for std::optional<T> (a field whose "none" is null in JSON and None in Python).
template <class T> struct is_optional : std::false_type {};
template <class T> struct is_optional<std::optional<T>> : std::true_type {};

/// The description of S: specialised below with `static constexpr auto fields = std::tuple{...}`
/// and `static constexpr std::string_view name` (the struct's name in docs).
template <class S> struct describe;

/// True for a struct with a description.
template <class S, class = void> struct is_described : std::false_type {};
template <class S>
struct is_described<S, std::void_t<decltype(describe<S>::fields)>> : std::true_type {};

/// Calls f(field) for every field of S, in order.
template <class S, class F> constexpr void for_each_field(F&& f) {
    std::apply([&](const auto&... fd) { (f(fd), ...); }, describe<S>::fields);
}

template <> struct describe<instance_type> {
    using S = instance_type;
    static constexpr std::string_view name = "instance_type";
    static constexpr auto fields = std::make_tuple(
        field<S, std::string>{"name", &S::name, "", "instance type name, for reports",
                              non_empty_name()},
        field<S, double>{"price_per_hour", &S::price_per_hour, "USD/h", "on-demand price per hour",
                         within(0, 1e6)},
        field<S, int>{"workers", &S::workers, "requests",
                      "requests one instance serves in parallel", within(1, 10000)},
        field<S, double>{"service_time_s", &S::service_time_s, "s",
                         "mean service time of one request", within(0, request_time_limit_s, true)},
        field<S, double>{"service_cv", &S::service_cv, "",
                         "coefficient of variation of the service time (0 = fixed)", within(0, 10)},
        field<S, service_family>{"service", &S::service, "",
                                 "service-time family the request mode samples"},
        field<S, std::vector<double>>{"service_samples_s", &S::service_samples_s, "s",
                                      "empirical: observed service times"});
};

template <> struct describe<startup_distribution> {
    using S = startup_distribution;
    static constexpr std::string_view name = "startup";
    // Only the family's own fields are checked (validate()): the others are unused.
    static constexpr auto fields = std::make_tuple(
        field<S, S::kind>{"kind", &S::family, "", "family of the start-up time distribution"},
        field<S, double>{"fixed_s", &S::fixed_s, "s", "fixed: the start-up time", duration_range(),
                         false, false},
        field<S, double>{"median_s", &S::median_s, "s", "lognormal: median",
                         positive_duration_range(), false, false},
        field<S, double>{"sigma", &S::sigma, "", "lognormal: standard deviation of the log",
                         within(0, 3), false, false},
        field<S, double>{"low_s", &S::low_s, "s", "uniform: lower bound", duration_range(), false,
                         false},
        field<S, double>{"high_s", &S::high_s, "s", "uniform: upper bound (>= low_s)",
                         duration_range(), false, false});
};

template <> struct describe<inference_component_config> {
    using S = inference_component_config;
    static constexpr std::string_view name = "inference_component";
    static constexpr auto fields = std::make_tuple(
        field<S, int>{"copies_per_instance", &S::copies_per_instance, "copies",
                      "copies one instance holds (its compute / the copy's, the scarcest)",
                      within(1, 1000)},
        field<S, int>{"min_instances", &S::min_instances, "instances", "MinInstanceCount",
                      within(0, instance_limit)},
        field<S, int>{"max_instances", &S::max_instances, "instances",
                      "MaxInstanceCount (>= min_instances)", within(1, instance_limit)},
        field<S, startup_distribution>{"copy_startup", &S::copy_startup, "",
                                       "copy start-up on an instance without the model"},
        field<S, startup_distribution>{"cached_copy_startup", &S::cached_copy_startup, "",
                                       "copy start-up on an instance that held a copy"},
        field<S, instance_scale_in>{"scale_in", &S::scale_in, "", "ScaleInPolicy.Strategy"},
        field<S, double>{"cooldown_min", &S::cooldown_min, "min",
                         "CooldownInMinutes: quiet time before consolidation", within(5, 1440)},
        field<S, int>{"max_step_size", &S::max_step_size, "instances",
                      "MaximumStepSize: instances one consolidation releases", within(1, 100)},
        field<S, double>{"accelerators", &S::accelerators, "devices",
                         "NumberOfAcceleratorDevicesRequired per copy (0: not given)", at_least(0)},
        field<S, double>{"cpu_cores", &S::cpu_cores, "cores",
                         "NumberOfCpuCoresRequired per copy (0: not given)", at_least(0)},
        field<S, double>{"memory_mb", &S::memory_mb, "MB",
                         "MinMemoryRequiredInMb per copy (0: not given)", at_least(0)},
        field<S, double>{"instance_accelerators", &S::instance_accelerators, "devices",
                         "the instance's accelerators (0: the catalogue's)", at_least(0)},
        field<S, double>{"instance_cpu_cores", &S::instance_cpu_cores, "cores",
                         "the instance's CPU cores (0: the catalogue's)", at_least(0)},
        field<S, double>{"instance_memory_mb", &S::instance_memory_mb, "MB",
                         "the instance's memory (0: the catalogue's)", at_least(0)});
};

template <> struct describe<serverless_config> {
    using S = serverless_config;
    static constexpr std::string_view name = "serverless";
    static constexpr auto fields = std::make_tuple(
        field<S, int>{"memory_mb", &S::memory_mb, "MB",
                      "MemorySizeInMB: 1024, 2048, 3072, 4096, 5120 or 6144", within(1024, 6144)},
        field<S, int>{"max_concurrency", &S::max_concurrency, "requests",
                      "MaxConcurrency: requests running at once; one more is throttled",
                      within(1, 200)},
        field<S, startup_distribution>{"cold_start", &S::cold_start, "",
                                       "a request's wait for a new container"},
        field<S, double>{"keep_warm_s", &S::keep_warm_s, "s",
                         "how long an idle on-demand container stays warm (not documented)",
                         duration_range()},
        field<S, double>{"price_per_gb_s", &S::price_per_gb_s, "USD/GB-s",
                         "on-demand inference duration", within(0, 1e3)},
        field<S, double>{"provisioned_price_per_gb_s", &S::provisioned_price_per_gb_s, "USD/GB-s",
                         "provisioned concurrency, per provisioned container", within(0, 1e3)},
        field<S, double>{"provisioned_duration_price_per_gb_s",
                         &S::provisioned_duration_price_per_gb_s, "USD/GB-s",
                         "inference duration on provisioned concurrency", within(0, 1e3)},
        field<S, double>{"data_price_per_gb", &S::data_price_per_gb, "USD/GB",
                         "data processed in and out", within(0, 1e6)},
        field<S, double>{"payload_kb", &S::payload_kb, "KB",
                         "request plus response size per request, billed as data processed "
                         "(4 MB each way at most: 8192)",
                         within(0, 8192)});
};

template <> struct describe<multi_model_config> {
    using S = multi_model_config;
    static constexpr std::string_view name = "multi_model";
    static constexpr auto fields = std::make_tuple(
        field<S, int>{"models", &S::models, "models", "models behind the endpoint",
                      within(1, 65535)},
        field<S, double>{"zipf_s", &S::zipf_s, "",
                         "Zipf exponent of the models' shares (model k: 1 / k^s)", within(0, 10)},
        field<S, std::vector<double>>{"model_weights", &S::model_weights, "",
                                      "each model's share, in proportion (replaces Zipf)"},
        field<S, double>{"model_size_gb", &S::model_size_gb, "GB", "memory one loaded model takes",
                         within(0, 1e6, true)},
        field<S, std::vector<double>>{"model_sizes_gb", &S::model_sizes_gb, "GB",
                                      "each model's size (replaces model_size_gb)"},
        field<S, double>{"instance_memory_gb", &S::instance_memory_gb, "GB",
                         "memory of one instance for models (>= model_size_gb)",
                         within(0, 1e6, true)},
        field<S, double>{"load_base_s", &S::load_base_s, "s", "time to load a model, fixed part",
                         within(0, request_time_limit_s)},
        field<S, double>{"load_s_per_gb", &S::load_s_per_gb, "s/GB", "time to load a model, per GB",
                         within(0, request_time_limit_s)},
        field<S, double>{"reload_s_per_gb", &S::reload_s_per_gb, "s/GB",
                         "time to load a model again from the instance's volume, per GB",
                         within(0, request_time_limit_s)},
        field<S, double>{"instance_disk_gb", &S::instance_disk_gb, "GB",
                         "the instance's volume for models (0: room for every model)",
                         within(0, 1e6)},
        field<S, bool>{"caching", &S::caching, "",
                       "ModelCacheSetting Enabled; false unloads a model when idle"});
};

template <> struct describe<endpoint_config> {
    using S = endpoint_config;
    static constexpr std::string_view name = "endpoint";
    static constexpr auto fields = std::make_tuple(
        field<S, instance_type>{"instance_type", &S::type, "",
                                "what one instance costs and how "
                                "fast it serves"},
        field<S, int>{"initial_capacity", &S::initial_capacity, "instances",
                      "instances in service at time 0 (moved into [Min, Max])",
                      within(0, instance_limit), true},
        field<S, startup_distribution>{"startup", &S::startup, "",
                                       "time from launch to in service"},
        field<S, double>{"invocation_timeout_s", &S::invocation_timeout_s, "s",
                         "a request waiting longer is an error",
                         within(0, request_time_limit_s, true)},
        field<S, routing>{"routing", &S::routing_policy, "", "request routing"},
        field<S, std::optional<int>>{
            "max_queue", &S::max_queue, "requests",
            "waiting requests per instance before throttling (fluid mode: 0 or null only)",
            or_value(at_least(0), -1, "an integer >= 0, or null for no limit")},
        field<S, double>{"request_ttl_s", &S::request_ttl_s, "s",
                         "async: RequestTTLSeconds, longest wait in the queue before expiry",
                         within(60, 21600)},
        field<S, double>{"processing_timeout_s", &S::processing_timeout_s, "s",
                         "async: InvocationTimeoutSeconds, longest processing before failure",
                         within(1, 3600)},
        field<S, int>{"client_max_attempts", &S::client_max_attempts, "attempts",
                      "request mode: a client's attempts for a request refused at once "
                      "(SDK standard mode: 3)",
                      within(1, 20)},
        field<S, double>{"client_backoff_base_s", &S::client_backoff_base_s, "s",
                         "retry k (after attempt k) waits U[0, min(cap, base x 2^(k-1))]",
                         within(0, request_time_limit_s, true)},
        field<S, double>{"client_max_backoff_s", &S::client_max_backoff_s, "s",
                         "the retry back-off's cap", within(0, request_time_limit_s, true)},
        field<S, endpoint_kind>{"kind", &S::kind, "",
                                "real_time, async (one queue in front, scale to zero), "
                                "inference_component (copies on managed instances), "
                                "serverless (a container per request) or multi_model (models "
                                "loaded on demand)"},
        field<S, inference_component_config>{"inference_component", &S::inference_component, "",
                                             "inference_component: the copies and instances"},
        field<S, serverless_config>{"serverless", &S::serverless, "",
                                    "serverless: memory, MaxConcurrency, cold starts, prices"},
        field<S, multi_model_config>{"multi_model", &S::multi_model, "",
                                     "multi_model: the models, their shares and the cache"},
        field<S, double>{"savings_plan_discount", &S::savings_plan_discount, "",
                         "a Savings Plan's discount (0: none): cost_with_plan_usd",
                         within(0, 1, false, true)},
        field<S, double>{"payload_kb", &S::payload_kb, "KB",
                         "largest request payload (0: not given), within the kind's limit: 6 MB, "
                         "serverless 4 MB, async 1 GB",
                         at_least(0)});
};

template <> struct describe<target_tracking_config> {
    using S = target_tracking_config;
    static constexpr std::string_view name = "target_tracking";
    static constexpr auto fields = std::make_tuple(
        field<S, std::string>{"name", &S::name, "", "name used in the activity log",
                              non_empty_name()},
        field<S, metric_kind>{"metric", &S::metric, "", "tracked metric"},
        field<S, double>{"target_value", &S::target_value, "metric unit",
                         "TargetValue, in the metric's unit per period", above(0), true},
        field<S, double>{"scale_out_cooldown_s", &S::scale_out_cooldown_s, "s", "ScaleOutCooldown",
                         duration_range(), true},
        field<S, double>{"scale_in_cooldown_s", &S::scale_in_cooldown_s, "s", "ScaleInCooldown",
                         duration_range(), true},
        field<S, bool>{"disable_scale_in", &S::disable_scale_in, "", "DisableScaleIn", {}, true},
        field<S, int>{"high_evaluation_periods", &S::high_evaluation_periods, "datapoints",
                      "AlarmHigh: datapoints looked at", at_least(1), true},
        field<S, int>{"high_datapoints_to_alarm", &S::high_datapoints_to_alarm, "datapoints",
                      "AlarmHigh: breaching datapoints needed (<= high_evaluation_periods)",
                      at_least(1), true, false},
        field<S, int>{"low_evaluation_periods", &S::low_evaluation_periods, "datapoints",
                      "AlarmLow: datapoints looked at", at_least(1), true},
        field<S, int>{"low_datapoints_to_alarm", &S::low_datapoints_to_alarm, "datapoints",
                      "AlarmLow: breaching datapoints needed (<= low_evaluation_periods)",
                      at_least(1), true, false},
        field<S, double>{"low_threshold_fraction", &S::low_threshold_fraction, "",
                         "AlarmLow threshold = fraction x target (0.9 AAS, 0.7 EC2)",
                         within(0, 1, true), true},
        field<S, double>{"period_s", &S::period_s, "s", "metric period", whole_seconds(1, 86400),
                         true},
        field<S, double>{"publish_delay_s", &S::publish_delay_s, "s",
                         "delay before a datapoint is visible to the alarms", within(0, 86400),
                         true},
        field<S, missing_data>{"treat_missing_data", &S::treat_missing_data, "",
                               "TreatMissingData of both alarms (AAS's own value is not "
                               "documented)"});
};

template <> struct describe<step_adjustment> {
    using S = step_adjustment;
    static constexpr std::string_view name = "step";
    static constexpr auto fields = std::make_tuple(
        field<S, double>{"lower_bound", &S::lower_bound, "metric unit",
                         "MetricIntervalLowerBound, relative to the threshold; null: none",
                         any_number()},
        field<S, double>{"upper_bound", &S::upper_bound, "metric unit",
                         "MetricIntervalUpperBound, relative to the threshold; null: none",
                         any_number()},
        field<S, int>{"adjustment", &S::adjustment, "",
                      "ScalingAdjustment: instances, a capacity or a percentage"});
};

template <> struct describe<step_scaling_config> {
    using S = step_scaling_config;
    static constexpr std::string_view name = "step_scaling";
    static constexpr auto fields = std::make_tuple(
        field<S, std::string>{"name", &S::name, "", "name used in the activity log",
                              non_empty_name()},
        field<S, metric_kind>{"metric", &S::metric, "", "the alarm's metric"},
        field<S, double>{"threshold", &S::threshold, "metric unit", "the alarm threshold",
                         value_range{}},
        field<S, comparison>{"alarm_comparison", &S::alarm_comparison, "",
                             "breach when metric op threshold"},
        field<S, int>{"evaluation_periods", &S::evaluation_periods, "datapoints", "the alarm's N",
                      at_least(1)},
        field<S, int>{"datapoints_to_alarm", &S::datapoints_to_alarm, "datapoints",
                      "the alarm's M (of N)", at_least(1), false, false},
        field<S, double>{"period_s", &S::period_s, "s", "metric period", whole_seconds(1, 86400)},
        field<S, double>{"publish_delay_s", &S::publish_delay_s, "s",
                         "delay before a datapoint is visible", within(0, 86400)},
        field<S, adjustment_type>{"adjustment", &S::adjustment, "", "AdjustmentType"},
        field<S, std::vector<step_adjustment>>{"steps", &S::steps, "",
                                               "StepAdjustments: no gaps, no overlaps"},
        field<S, int>{"min_adjustment_magnitude", &S::min_adjustment_magnitude, "instances",
                      "MinAdjustmentMagnitude (Percent only; 0 = none)", at_least(0)},
        field<S, metric_aggregation>{"aggregation", &S::aggregation, "", "MetricAggregationType"},
        field<S, double>{"cooldown_s", &S::cooldown_s, "s", "Cooldown", duration_range()},
        field<S, missing_data>{"treat_missing_data", &S::treat_missing_data, "",
                               "the alarm's TreatMissingData"});
};

template <> struct describe<scheduled_action_config> {
    using S = scheduled_action_config;
    static constexpr std::string_view name = "scheduled";
    static constexpr auto fields = std::make_tuple(
        field<S, std::string>{"name", &S::name, "", "name used in the activity log",
                              non_empty_name()},
        field<S, std::string>{"cron", &S::cron, "", "five UTC cron fields; empty for none"},
        field<S, std::vector<time_ms>>{"at_ms", &S::at_ms, "ms",
                                       "explicit times from the start of the trace"},
        field<S, std::vector<time_ms>>{"at_epoch_ms", &S::at_epoch_ms, "ms since the epoch",
                                       "explicit times (or ISO-8601 strings with a zone)"},
        field<S, std::optional<int>>{
            "min_capacity", &S::min_capacity, "instances", "new MinCapacity",
            or_value(within(0, instance_limit), -1, "an integer in [0, 1000000], or null to keep")},
        field<S, std::optional<int>>{"max_capacity", &S::max_capacity, "instances",
                                     "new MaxCapacity",
                                     or_value(within(1, instance_limit), -1,
                                              "an integer in [1, 1000000], or null to keep")});
};

template <> struct describe<predictive_config> {
    using S = predictive_config;
    static constexpr std::string_view name = "predictive";
    static constexpr auto fields = std::make_tuple(
        field<S, std::string>{"name", &S::name, "", "name used in the activity log",
                              non_empty_name()},
        field<S, predictive_mode>{
            "mode", &S::mode, "",
            "Mode (AWS's API defaults to forecast_only, which scales nothing)"},
        field<S, double>{"target_per_instance", &S::target_per_instance, "requests/instance/min",
                         "load one instance is planned for", above(0)},
        field<S, forecast_seasonality>{"seasonality", &S::seasonality, "", "forecast season"},
        field<S, int>{"seasons_averaged",
                      &S::seasons_averaged,
                      "seasons",
                      "seasons averaged per hour (14 days at most: daily 14, weekly 2)",
                      {},
                      false,
                      false},
        field<S, double>{"min_history_s", &S::min_history_s, "s",
                         "no forecast before this much history",
                         value_range{86400, duration_limit_s, false, false, false, false,
                                     "a number in [86400, 315360000] (24 h to ten years)"}},
        field<S, double>{"refresh_period_s",
                         &S::refresh_period_s,
                         "s",
                         "the forecast is recomputed this often (whole hours)",
                         {},
                         false,
                         false},
        field<S, double>{"scheduling_buffer_s", &S::scheduling_buffer_s, "s",
                         "SchedulingBufferTime: act this long before the hour",
                         within(0, 3600, false, true)},
        field<S, max_capacity_breach>{"breach", &S::breach, "", "MaxCapacityBreachBehavior"},
        field<S, double>{"max_capacity_buffer_percent", &S::max_capacity_buffer_percent, "%",
                         "MaxCapacityBuffer, percent of the forecast", within(0, 100)});
};

template <> struct describe<hpa_scaling_policy> {
    using S = hpa_scaling_policy;
    static constexpr std::string_view name = "hpa_policy";
    static constexpr auto fields = std::make_tuple(
        field<S, S::kind>{"type", &S::type, "", "Pods or Percent"},
        field<S, int>{"value", &S::value, "pods or %", "Value", above(0)},
        field<S, double>{"period_s", &S::period_s, "s", "PeriodSeconds", within(0, 1800, true)});
};

template <> struct describe<hpa_scaling_rules> {
    using S = hpa_scaling_rules;
    static constexpr std::string_view name = "hpa_rules";
    static constexpr auto fields = std::make_tuple(
        field<S, double>{"stabilization_window_s", &S::stabilization_window_s, "s",
                         "stabilizationWindowSeconds", within(0, 3600)},
        field<S, hpa_select>{"select", &S::select, "", "selectPolicy"},
        field<S, std::vector<hpa_scaling_policy>>{"policies", &S::policies, "", "policies"},
        field<S, std::optional<double>>{
            "tolerance", &S::tolerance, "",
            "tolerance for this direction (v1.33); null uses the global one",
            or_value(at_least(0), -1, "a number >= 0, or null for the global tolerance")});
};

template <> struct describe<hpa_metric> {
    using S = hpa_metric;
    static constexpr std::string_view name = "hpa_metric";
    static constexpr auto fields = std::make_tuple(
        field<S, metric_kind>{"metric", &S::metric, "", "the metric"},
        field<S, double>{"target_value", &S::target_value, "metric unit",
                         "its target (per pod, or the figure's own)", above(0)},
        field<S, hpa_source>{"source", &S::source, "",
                             "pods (Pods or Resource), external_value or external_average_value "
                             "(External or Object with a Value or AverageValue target)"});
};

template <> struct describe<hpa_config> {
    using S = hpa_config;
    static constexpr std::string_view name = "hpa";
    static constexpr auto fields = std::make_tuple(
        field<S, std::string>{"name", &S::name, "", "name used in the activity log",
                              non_empty_name()},
        field<S, metric_kind>{"metric", &S::metric, "", "per-pod metric (CPU in percent)"},
        field<S, double>{"target_value", &S::target_value, "metric unit", "target average per pod",
                         above(0)},
        field<S, hpa_source>{"source", &S::source, "",
                             "pods (Pods or Resource), external_value or external_average_value "
                             "(External or Object with a Value or AverageValue target)"},
        field<S, double>{"sync_period_s", &S::sync_period_s, "s",
                         "--horizontal-pod-autoscaler-sync-period", whole_seconds(1, 86400)},
        field<S, double>{"tolerance", &S::tolerance, "", "--horizontal-pod-autoscaler-tolerance",
                         at_least(0)},
        field<S, double>{"metric_period_s", &S::metric_period_s, "s",
                         "metrics window (metrics-server resolution)", whole_seconds(1, 86400)},
        field<S, double>{"metric_delay_s", &S::metric_delay_s, "s",
                         "delay before a metrics window is visible", within(0, 3600)},
        field<S, double>{"cpu_initialization_period_s", &S::cpu_initialization_period_s, "s",
                         "--horizontal-pod-autoscaler-cpu-initialization-period", duration_range()},
        field<S, double>{"initial_readiness_delay_s", &S::initial_readiness_delay_s, "s",
                         "--horizontal-pod-autoscaler-initial-readiness-delay", duration_range()},
        field<S, bool>{"legacy", &S::legacy, "",
                       "no behavior field: scale-up limit max(2 x current, 4), 5 min down"},
        field<S, double>{"legacy_downscale_window_s", &S::legacy_downscale_window_s, "s",
                         "legacy path's downscale stabilization window", duration_range()},
        field<S, hpa_scaling_rules>{"scale_up", &S::scale_up, "", "behavior.scaleUp"},
        field<S, hpa_scaling_rules>{"scale_down", &S::scale_down, "", "behavior.scaleDown"},
        field<S, std::vector<hpa_metric>>{
            "more_metrics", &S::more_metrics, "",
            "further spec.metrics: the largest recommendation wins; one unreadable blocks "
            "scale-down"});
};

template <> struct describe<scaling_config> {
    using S = scaling_config;
    static constexpr std::string_view name = "scaling";
    // The policies are listed by kind in the struct and by "type" in a scenario file: readers
    // and writers handle that list themselves.
    static constexpr auto fields = std::make_tuple(
        field<S, int>{"min_capacity", &S::min_capacity, "instances", "MinCapacity",
                      within(0, instance_limit), true},
        field<S, int>{"max_capacity", &S::max_capacity, "instances",
                      "MaxCapacity (>= min_capacity)", within(1, instance_limit), true},
        field<S, cooldown_start>{"cooldown_from", &S::cooldown_from, "",
                                 "when cooldowns start: at the completion or the start of an "
                                 "activity"},
        field<S, capacity_basis>{"capacity_basis", &S::basis, "",
                                 "capacity in desired = ceil(capacity x metric / target)"},
        field<S, busy_scale_out>{"scale_out_while_updating", &S::scale_out_while_updating, "",
                                 "a policy's scale-out asked for while an activity is in "
                                 "progress: retried on fresh data, or the largest kept"});
};

template <> struct describe<slo_config> {
    using S = slo_config;
    static constexpr std::string_view name = "slo";
    static constexpr auto fields = std::make_tuple(
        field<S, double>{"latency_s", &S::latency_s, "s", "a request is good within this latency",
                         within(0, request_time_limit_s, true)},
        field<S, double>{"target", &S::target, "", "share of good requests aimed for",
                         within(0, 1, true, true)});
};

// ---------------------------------------------------------------------------------------------
// Validation of single fields.

namespace describe_detail {
inline std::string number_text(double v) {
    if (std::isinf(v)) return v > 0 ? "null (+inf)" : "null (-inf)";
    if (v != 0 && std::fabs(v) < 1e-3) {
        char small[32]; // a price per second: 0.0000048 keeps its digits, as 4.8e-06
        std::snprintf(small, sizeof small, "%.6g", v);
        return small;
    }
    std::string t = std::to_string(v);
    t.erase(t.find_last_not_of('0') + 1);
    if (!t.empty() && t.back() == '.') t.pop_back();
    return t;
}

} // namespace describe_detail

/// What a message says `r` expects, for a value of type T.
template <class T> std::string expected_text(const value_range& r) {
    if (!r.text.empty()) return std::string(r.text);
    const bool integer = std::is_integral_v<T>;
    std::string s = integer ? "an integer" : "a number";
    const auto num = [](double v) { return describe_detail::number_text(v); };
    const bool has_low = std::isfinite(r.low), has_high = std::isfinite(r.high);
    if (has_low && has_high) {
        s += std::string(" in ") + (r.low_open ? "(" : "[") + num(r.low) + ", " + num(r.high) +
             (r.high_open ? ")" : "]");
    } else if (has_low) {
        s += (r.low_open ? " > " : " >= ") + num(r.low);
    } else if (has_high) {
        s += (r.high_open ? " < " : " <= ") + num(r.high);
    } else if (!integer && !r.allow_infinite) {
        s = "a finite number";
    }
    return s;
}

/// True if v satisfies r.
inline bool in_range(double v, const value_range& r) {
    if (v == r.except) return true;
    if (std::isnan(v)) return false;
    if (std::isinf(v)) return r.allow_infinite;
    if (r.whole && std::floor(v) != v) return false;
    if (r.low_open ? !(v > r.low) : !(v >= r.low)) return false;
    if (r.high_open ? !(v < r.high) : !(v <= r.high)) return false;
    return true;
}

/// Checks every described number of `s` with its own range, and every string's length with
/// its (fields with `checked` set); throws config_error "<prefix><name>: expected <range>, got
/// <value>" for the first that is out of range. Rules that depend on other fields stay in the
/// struct's validate().
[[noreturn]] void fail_range(const std::string& field, const std::string& expected, double got);
/// The same for a string of the wrong length: "<field>: expected <expected>, got \"<got>\"".
[[noreturn]] void fail_string(const std::string& field, const std::string& expected,
                              const std::string& got);

template <class S> void check_fields(const S& s, const std::string& prefix) {
    for_each_field<S>([&](const auto& fd) {
        using T = typename std::decay_t<decltype(fd)>::value_type;
        if constexpr (std::is_arithmetic_v<T> && !std::is_same_v<T, bool> &&
                      !std::is_same_v<T, char>) {
            double v = static_cast<double>(s.*(fd.member));
            if (std::is_same_v<T, time_ms> && fd.unit == "s") v /= 1000; // held in ms
            if (fd.checked && !in_range(v, fd.range)) {
                fail_range(prefix + std::string(fd.name), expected_text<T>(fd.range), v);
            }
        } else if constexpr (is_optional<T>::value) {
            const auto& v = s.*(fd.member);
            value_range r = fd.range; // the old sentinel is read as none, never held
            r.except = std::numeric_limits<double>::quiet_NaN();
            if (v && fd.checked && !in_range(static_cast<double>(*v), r)) {
                fail_range(prefix + std::string(fd.name),
                           expected_text<typename T::value_type>(fd.range),
                           static_cast<double>(*v));
            }
        } else if constexpr (std::is_same_v<T, std::string>) {
            const std::string& v = s.*(fd.member);
            if (fd.checked && !in_range(static_cast<double>(v.size()), fd.range)) {
                fail_string(prefix + std::string(fd.name), std::string(fd.range.text), v);
            }
        } else if constexpr (is_described<T>::value) {
            if (fd.name.empty()) check_fields(s.*(fd.member), prefix); // fields inline
        }
    });
}

// ---------------------------------------------------------------------------------------------
// The docs' field tables.

namespace describe_detail {
template <class T> std::string default_text(const T& v) {
    if constexpr (std::is_same_v<T, bool>) {
        return v ? "true" : "false";
    } else if constexpr (std::is_same_v<T, char>) {
        return "`\"" + std::string(1, v) + "\"`";
    } else if constexpr (is_optional<T>::value) {
        return v ? number_text(static_cast<double>(*v)) : "null";
    } else if constexpr (std::is_enum_v<T>) {
        return "`\"" + std::string(canonical_name(v)) + "\"`";
    } else if constexpr (std::is_arithmetic_v<T>) {
        return number_text(static_cast<double>(v));
    } else if constexpr (std::is_same_v<T, std::string>) {
        return "`\"" + v + "\"`";
    } else if constexpr (is_described<T>::value) {
        return "(object)";
    } else {
        return v.empty() ? "`[]`" : "(list)";
    }
}
} // namespace describe_detail

namespace describe_detail {
// The rows of S's table; the fields of an inline struct (empty name) in its place.
template <class S> std::string table_rows() {
    const S defaults{};
    std::string out;
    for_each_field<S>([&](const auto& fd) {
        using T = typename std::decay_t<decltype(fd)>::value_type;
        if constexpr (is_described<T>::value) {
            if (fd.name.empty()) {
                out += table_rows<T>();
                return;
            }
        }
        std::string valid;
        if constexpr (std::is_enum_v<T>) {
            valid = quoted_names<T>();
        } else if constexpr (std::is_same_v<T, char>) {
            valid = "one character";
        } else if constexpr (std::is_arithmetic_v<T> && !std::is_same_v<T, bool>) {
            valid = expected_text<T>(fd.range);
            if (!fd.checked) valid += " (see meaning)";
        } else if constexpr (is_optional<T>::value || std::is_same_v<T, std::string>) {
            if (!fd.range.text.empty()) valid = std::string(fd.range.text);
        }
        out += "| `" + std::string(fd.name) + "` | " + default_text(defaults.*(fd.member)) + " | " +
               std::string(fd.unit) + " | " + valid + " | " + std::string(fd.doc) +
               (fd.searchable ? " (searchable)" : "") + " |\n";
    });
    return out;
}
} // namespace describe_detail

/// The docs' table of S's fields: name, default, unit, valid values, meaning (Markdown, one row
/// per field, in order). docs/scenario.md holds one per struct, checked by a test.
template <class S> std::string markdown_table() {
    return "| field | default | unit | valid | meaning |\n| --- | --- | --- | --- | --- |\n" +
           describe_detail::table_rows<S>();
}

} // namespace autoscalesim
