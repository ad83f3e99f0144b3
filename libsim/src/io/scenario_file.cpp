#include "autoscalesim/io/scenario_file.hpp"

#include "detail/text.hpp"

#include "autoscalesim/arrival_log.hpp"
#include "autoscalesim/errors.hpp"
#include "autoscalesim/generators.hpp"
#include "autoscalesim/io/access_log.hpp"
#include "autoscalesim/io/cloudwatch.hpp"
#include "autoscalesim/io/csv_trace.hpp"
#include "autoscalesim/io/json_trace.hpp"
#include "autoscalesim/simulator.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <functional>
#include <limits>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace autoscalesim::io {

namespace {

// Ordered so that effective_json keeps the documented field order and unknown-field messages list
// fields in the order they were looked for.
using json = nlohmann::ordered_json;

// Names the document in messages; resolves relative paths.
struct context {
    std::string source;
    std::string base_dir;
};

[[noreturn]] void fail(const context& c, const std::string& path, const std::string& problem) {
    throw config_error(c.source + ": " + path + ": " + problem);
}

// A JSON value as it appears in "got ..." parts of messages.
std::string show(const json& v) {
    if (v.is_object()) return "an object";
    if (v.is_array()) return "an array";
    std::string s = v.dump();
    if (s.size() > 60) s = s.substr(0, 57) + "...";
    return s;
}

std::string join(const std::string& path, const std::string& key) {
    return path.empty() ? key : path + "." + key;
}

std::string index(const std::string& path, std::size_t i) {
    return path + "[" + std::to_string(i) + "]";
}

template <class E> using enum_table = std::vector<std::pair<const char*, E>>;

template <class E> std::string enum_names(const enum_table<E>& table) {
    std::string s;
    for (std::size_t i = 0; i < table.size(); ++i) {
        if (i > 0) s += i + 1 == table.size() ? " or " : ", ";
        s += std::string("\"") + table[i].first + "\"";
    }
    return s;
}

template <class E> const char* enum_name(const enum_table<E>& table, E value) {
    for (const auto& [name, v] : table) {
        if (v == value) return name;
    }
    return "?";
}

// Reads the fields of one JSON object, remembering which were asked for so that done() can reject
// the others. A missing field and a null one both mean "the default".
class object_reader {
public:
    object_reader(const context& c, const json& j, std::string path)
        : c_(c), j_(j), path_(std::move(path)) {
        if (!j_.is_object()) {
            fail(c_, path_.empty() ? "(document)" : path_, "expected an object, got " + show(j_));
        }
    }

    const std::string& path() const { return path_; }
    std::string at(const std::string& key) const { return join(path_, key); }

    const json* get(const std::string& key) {
        if (std::find(keys_.begin(), keys_.end(), key) == keys_.end()) keys_.push_back(key);
        const auto it = j_.find(key);
        if (it == j_.end() || it->is_null()) return nullptr;
        return &*it;
    }

    /// The value of alias, an alternative name for key; fails when both are given.
    const json* alias(const std::string& alias_key, const std::string& key) {
        const json* a = get(alias_key);
        if (a != nullptr && present(key))
            fail(c_, at(alias_key), "give " + key + " or " + alias_key + ", not both");
        return a;
    }

    /// True when key is given and not null.
    bool present(const std::string& key) const {
        const auto it = j_.find(key);
        return it != j_.end() && !it->is_null();
    }

    const json& required(const std::string& key, const std::string& what = "") {
        const json* p = get(key);
        if (p == nullptr) fail(c_, at(key), "missing required field" + what);
        return *p;
    }

    double number(const std::string& key, double def, const char* expected = "a number") {
        const json* p = get(key);
        if (p == nullptr) return def;
        return as_number(*p, at(key), expected);
    }

    double as_number(const json& v, const std::string& path, const char* expected = "a number") {
        if (!v.is_number())
            fail(c_, path, std::string("expected ") + expected + ", got " + show(v));
        return v.get<double>();
    }

    std::int64_t as_int(const json& v, const std::string& path,
                        const char* expected = "an integer") {
        if (v.is_number_integer()) {
            if (v.is_number_unsigned() &&
                v.get<std::uint64_t>() >
                    static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()))
                fail(c_, path, std::string("expected ") + expected + ", got " + show(v));
            return v.get<std::int64_t>();
        }
        if (v.is_number_float()) {
            const double d = v.get<double>();
            if (std::isfinite(d) && std::floor(d) == d && std::fabs(d) < 9e15) {
                return static_cast<std::int64_t>(d);
            }
        }
        fail(c_, path, std::string("expected ") + expected + ", got " + show(v));
    }

    std::int64_t int64(const std::string& key, std::int64_t def,
                       const char* expected = "an integer") {
        const json* p = get(key);
        if (p == nullptr) return def;
        return as_int(*p, at(key), expected);
    }

    int integer(const std::string& key, int def, const char* expected = "an integer") {
        const std::int64_t v = int64(key, def, expected);
        if (v < std::numeric_limits<int>::min() || v > std::numeric_limits<int>::max())
            fail(c_, at(key), std::string("expected ") + expected + ", got " + std::to_string(v));
        return static_cast<int>(v);
    }

    std::uint64_t unsigned64(const std::string& key, std::uint64_t def,
                             const char* expected = "an integer >= 0") {
        const json* p = get(key);
        if (p == nullptr) return def;
        if (p->is_number_unsigned()) return p->get<std::uint64_t>();
        const std::int64_t v = as_int(*p, at(key), expected);
        if (v < 0) fail(c_, at(key), std::string("expected ") + expected + ", got " + show(*p));
        return static_cast<std::uint64_t>(v);
    }

    std::size_t size(const std::string& key, std::size_t def) {
        return static_cast<std::size_t>(unsigned64(key, def));
    }

    bool boolean(const std::string& key, bool def) {
        const json* p = get(key);
        if (p == nullptr) return def;
        if (!p->is_boolean()) fail(c_, at(key), "expected true or false, got " + show(*p));
        return p->get<bool>();
    }

    std::string string(const std::string& key, const std::string& def) {
        const json* p = get(key);
        if (p == nullptr) return def;
        if (!p->is_string()) fail(c_, at(key), "expected a string, got " + show(*p));
        return p->get<std::string>();
    }

    template <class E> E enumeration(const std::string& key, E def, const enum_table<E>& table) {
        const json* p = get(key);
        if (p == nullptr) return def;
        return as_enum(*p, at(key), table);
    }

    template <class E> E as_enum(const json& v, const std::string& path, const enum_table<E>& t) {
        if (v.is_string()) {
            const auto s = v.get<std::string>();
            for (const auto& [name, value] : t) {
                if (s == name) return value;
            }
        }
        fail(c_, path, "expected one of " + enum_names(t) + ", got " + show(v));
    }

    /// The array at key (nullptr when absent); fails for anything but an array.
    const json* array(const std::string& key) {
        const json* p = get(key);
        if (p != nullptr && !p->is_array()) fail(c_, at(key), "expected an array, got " + show(*p));
        return p;
    }

    std::vector<double> numbers(const std::string& key, std::vector<double> def) {
        const json* p = array(key);
        if (p == nullptr) return def;
        std::vector<double> out;
        for (std::size_t i = 0; i < p->size(); ++i)
            out.push_back(as_number((*p)[i], index(at(key), i)));
        return out;
    }

    /// Fails on the first field that was not asked for.
    void done() const {
        for (const auto& item : j_.items()) {
            if (std::find(keys_.begin(), keys_.end(), item.key()) == keys_.end()) {
                std::string known;
                for (std::size_t i = 0; i < keys_.size(); ++i) {
                    known += (i > 0 ? ", " : "") + keys_[i];
                }
                fail(c_, at(item.key()), "unknown field; expected one of " + known);
            }
        }
    }

private:
    const context& c_;
    const json& j_;
    std::string path_;
    std::vector<std::string> keys_;
};

// Infinite doubles (no bound) are written as null, which reads back as the default (no bound).
json number_or_null(double v) {
    return std::isfinite(v) ? json(v) : json(nullptr);
}

// ---------------------------------------------------------------------------------------------
// Enumerations, named as their C++ enumerators.

const enum_table<metric_kind> metric_names = {
    {"invocations_per_instance", metric_kind::invocations_per_instance},
    {"concurrent_requests_per_model", metric_kind::concurrent_requests_per_model},
    {"cpu_utilization", metric_kind::cpu_utilization},
    {"model_latency", metric_kind::model_latency},
};
const enum_table<service_family> service_names = {
    {"fitted", service_family::fitted},
    {"exponential", service_family::exponential},
    {"deterministic", service_family::deterministic},
    {"lognormal", service_family::lognormal},
    {"gamma", service_family::gamma},
    {"empirical", service_family::empirical},
};
const enum_table<startup_distribution::kind> startup_names = {
    {"fixed", startup_distribution::kind::fixed},
    {"lognormal", startup_distribution::kind::lognormal},
    {"uniform", startup_distribution::kind::uniform},
};
const enum_table<routing> routing_names = {{"random", routing::random},
                                           {"least_outstanding", routing::least_outstanding}};
const enum_table<cooldown_start> cooldown_names = {{"completion", cooldown_start::completion},
                                                   {"start", cooldown_start::start}};
const enum_table<capacity_basis> basis_names = {{"current", capacity_basis::current},
                                                {"producing", capacity_basis::producing}};
const enum_table<busy_scale_out> busy_names = {
    {"retry", busy_scale_out::retry}, {"remember_largest", busy_scale_out::remember_largest}};
const enum_table<plane_mode> mode_names = {{"fluid", plane_mode::fluid},
                                           {"request", plane_mode::request}};
const enum_table<arrival_process> arrival_names = {
    {"poisson", arrival_process::poisson},
    {"uniform_counts", arrival_process::uniform_counts},
    {"log", arrival_process::log},
};
const enum_table<comparison> comparison_names = {{"greater", comparison::greater},
                                                 {"less", comparison::less}};
const enum_table<adjustment_type> adjustment_names = {
    {"change_in_capacity", adjustment_type::change_in_capacity},
    {"exact_capacity", adjustment_type::exact_capacity},
    {"percent_change_in_capacity", adjustment_type::percent_change_in_capacity},
};
const enum_table<metric_aggregation> aggregation_names = {
    {"average", metric_aggregation::average},
    {"minimum", metric_aggregation::minimum},
    {"maximum", metric_aggregation::maximum},
};
const enum_table<predictive_mode> predictive_mode_names = {
    {"forecast_and_scale", predictive_mode::forecast_and_scale},
    {"forecast_only", predictive_mode::forecast_only},
};
const enum_table<forecast_seasonality> seasonality_names = {
    {"daily", forecast_seasonality::daily}, {"weekly", forecast_seasonality::weekly}};
const enum_table<max_capacity_breach> breach_names = {
    {"honor_max_capacity", max_capacity_breach::honor_max_capacity},
    {"increase_max_capacity", max_capacity_breach::increase_max_capacity},
};
const enum_table<hpa_scaling_policy::kind> hpa_kind_names = {
    {"pods", hpa_scaling_policy::kind::pods}, {"percent", hpa_scaling_policy::kind::percent}};
const enum_table<hpa_select> hpa_select_names = {
    {"max", hpa_select::max}, {"min", hpa_select::min}, {"disabled", hpa_select::disabled}};
const enum_table<optimize::aggregation> aggregate_names = {{"mean", optimize::aggregation::mean},
                                                           {"worst", optimize::aggregation::worst}};
const enum_table<search_method> method_names = {{"grid", search_method::grid},
                                                {"adaptive", search_method::adaptive}};

const enum_table<header_mode> header_names = {{"auto_detect", header_mode::auto_detect},
                                              {"present", header_mode::present},
                                              {"absent", header_mode::absent}};
const enum_table<timestamp_format> time_format_names = {
    {"auto_detect", timestamp_format::auto_detect},
    {"epoch_s", timestamp_format::epoch_s},
    {"epoch_ms", timestamp_format::epoch_ms},
    {"iso8601", timestamp_format::iso8601},
};
const enum_table<value_kind> value_kind_names = {
    {"count_per_interval", value_kind::count_per_interval}, {"rate_per_s", value_kind::rate_per_s}};
const enum_table<gap_policy> gap_names = {{"error", gap_policy::error},
                                          {"zero", gap_policy::zero},
                                          {"hold", gap_policy::hold},
                                          {"interpolate", gap_policy::interpolate}};
const enum_table<access_log_format> log_format_names = {
    {"auto_detect", access_log_format::auto_detect},
    {"common_log", access_log_format::common_log},
    {"plain", access_log_format::plain},
};

enum class trace_format { csv, cloudwatch, json_trace, access_log };
const enum_table<trace_format> trace_format_names = {{"csv", trace_format::csv},
                                                     {"cloudwatch", trace_format::cloudwatch},
                                                     {"json", trace_format::json_trace},
                                                     {"access_log", trace_format::access_log}};

enum class generator_kind { seasonal, load_test };
// "diurnal" is another name for "seasonal" (written back as "seasonal").
const enum_table<generator_kind> generator_names = {{"seasonal", generator_kind::seasonal},
                                                    {"diurnal", generator_kind::seasonal},
                                                    {"load_test", generator_kind::load_test}};

enum class noise_kind { none, poisson, negative_binomial };
const enum_table<noise_kind> noise_names = {{"none", noise_kind::none},
                                            {"poisson", noise_kind::poisson},
                                            {"negative_binomial", noise_kind::negative_binomial}};

// Runs a struct's validate() and re-maps the field names in its message (which use C++ names such
// as "scaling.target_tracking[name].") to the document's JSON path.
template <class F>
void validated(const context& c, F&& check, const std::string& from, const std::string& to) {
    try {
        check();
    } catch (const config_error& e) {
        std::string msg = e.what();
        if (msg.rfind(from, 0) == 0) msg = to + msg.substr(from.size());
        throw config_error(c.source + ": " + msg);
    }
}

// ---------------------------------------------------------------------------------------------
// Traces.

struct loaded_trace {
    trace traffic;
    std::optional<arrival_log> log; ///< access logs: every request (for arrivals = "log")
    json effective;
};

void read_noise(const context& c, const json* j, const std::string& path, json& eff,
                std::optional<std::pair<noise_options, std::uint64_t>>& noise) {
    noise_kind kind = noise_kind::none;
    noise_options opt;
    std::uint64_t seed = 1;
    if (j != nullptr) {
        object_reader o(c, *j, path);
        kind = o.enumeration("model", noise_kind::none, noise_names);
        opt.dispersion = o.number("dispersion", opt.dispersion, "a number > 0");
        seed = o.unsigned64("seed", seed);
        o.done();
        if (!(opt.dispersion > 0)) fail(c, path + ".dispersion", "expected a number > 0");
    }
    eff = {{"model", enum_name(noise_names, kind)}, {"dispersion", opt.dispersion}, {"seed", seed}};
    if (kind != noise_kind::none) {
        opt.model =
            kind == noise_kind::poisson ? noise_model::poisson : noise_model::negative_binomial;
        noise = std::make_pair(opt, seed);
    }
}

trace read_generator(const context& c, const json& j, const std::string& path, json& eff) {
    object_reader o(c, j, path);
    const auto kind = o.enumeration("kind", generator_kind::seasonal, generator_names);
    const time_ms interval_ms = o.int64("interval_ms", 60000, "an integer number of ms");
    const time_ms start_epoch_ms = o.int64("start_epoch_ms", 0);
    eff = {{"kind", enum_name(generator_names, kind)},
           {"interval_ms", interval_ms},
           {"start_epoch_ms", start_epoch_ms}};
    if (interval_ms < 1000 || interval_ms > ms_per_hour)
        fail(c, o.at("interval_ms"), "expected an integer in [1000, 3600000] ms");
    trace t;
    if (kind == generator_kind::seasonal) {
        seasonal_options s;
        const std::size_t intervals = o.size("intervals", 10080);
        s.mean_rate_per_s = o.number("mean_rate_per_s", s.mean_rate_per_s);
        s.daily_amplitude = o.number("daily_amplitude", s.daily_amplitude);
        s.daily_peak_hour_utc = o.number("daily_peak_hour_utc", s.daily_peak_hour_utc);
        s.weekly_amplitude = o.number("weekly_amplitude", s.weekly_amplitude);
        s.weekly_peak_day = o.number("weekly_peak_day", s.weekly_peak_day);
        s.trend_per_day = o.number("trend_per_day", s.trend_per_day);
        eff["intervals"] = intervals;
        eff["mean_rate_per_s"] = s.mean_rate_per_s;
        eff["daily_amplitude"] = s.daily_amplitude;
        eff["daily_peak_hour_utc"] = s.daily_peak_hour_utc;
        eff["weekly_amplitude"] = s.weekly_amplitude;
        eff["weekly_peak_day"] = s.weekly_peak_day;
        eff["trend_per_day"] = s.trend_per_day;
        if (intervals < 1 || intervals > max_trace_intervals)
            fail(c, o.at("intervals"), "expected an integer in [1, 100000000]");
        t = [&] {
            try {
                return generate_seasonal(s, interval_ms, intervals, start_epoch_ms);
            } catch (const std::invalid_argument& e) {
                fail(c, path, e.what());
            }
        }();
    } else {
        load_test_options l;
        l.users = o.number("users", l.users);
        l.ramp_s = o.number("ramp_s", l.ramp_s);
        l.hold_s = o.number("hold_s", l.hold_s);
        l.requests_per_user_per_s = o.number("requests_per_user_per_s", l.requests_per_user_per_s);
        eff["users"] = l.users;
        eff["ramp_s"] = l.ramp_s;
        eff["hold_s"] = l.hold_s;
        eff["requests_per_user_per_s"] = l.requests_per_user_per_s;
        t = [&] {
            try {
                return generate_load_test(l, interval_ms, start_epoch_ms);
            } catch (const std::invalid_argument& e) {
                fail(c, path, e.what());
            }
        }();
    }
    json crowds = json::array();
    if (const json* a = o.array("flash_crowds")) {
        for (std::size_t i = 0; i < a->size(); ++i) {
            object_reader f(c, (*a)[i], index(o.at("flash_crowds"), i));
            flash_crowd_options fc;
            fc.onset_ms = f.int64("onset_ms", fc.onset_ms);
            fc.extra_peak_rate_per_s = f.number("extra_peak_rate_per_s", fc.extra_peak_rate_per_s);
            fc.rise_s = f.number("rise_s", fc.rise_s);
            fc.decay_s = f.number("decay_s", fc.decay_s);
            f.done();
            crowds.push_back({{"onset_ms", fc.onset_ms},
                              {"extra_peak_rate_per_s", fc.extra_peak_rate_per_s},
                              {"rise_s", fc.rise_s},
                              {"decay_s", fc.decay_s}});
            try {
                t = add_flash_crowd(t, fc);
            } catch (const std::invalid_argument& e) {
                fail(c, f.path(), e.what());
            }
        }
    }
    eff["flash_crowds"] = crowds;
    json steps = json::array();
    if (const json* a = o.array("step_changes")) {
        for (std::size_t i = 0; i < a->size(); ++i) {
            object_reader f(c, (*a)[i], index(o.at("step_changes"), i));
            const time_ms at_ms = f.int64("at_ms", 0);
            const double factor = f.number("factor", 1);
            f.done();
            steps.push_back({{"at_ms", at_ms}, {"factor", factor}});
            try {
                t = add_step_change(t, at_ms, factor);
            } catch (const std::invalid_argument& e) {
                fail(c, f.path(), e.what());
            }
        }
    }
    eff["step_changes"] = steps;
    std::optional<std::pair<noise_options, std::uint64_t>> noise;
    json noise_eff;
    read_noise(c, o.get("noise"), o.at("noise"), noise_eff, noise);
    eff["noise"] = noise_eff;
    o.done();
    if (noise) t = add_noise(t, noise->first, noise->second);
    return t;
}

std::string resolve_path(const context& c, const std::string& file) {
    std::filesystem::path p(file);
    if (p.is_relative() && !c.base_dir.empty()) p = std::filesystem::path(c.base_dir) / p;
    return std::filesystem::absolute(p).lexically_normal().string();
}

loaded_trace read_trace(const context& c, const json& j, const std::string& path) {
    object_reader o(c, j, path);
    loaded_trace out;
    json& eff = out.effective;
    eff = json::object();
    const json* file = o.get("file");
    const json* gen = o.get("generator");
    if (file != nullptr && gen != nullptr)
        fail(c, o.at("generator"), "give either trace.file or trace.generator, not both");
    if (file == nullptr && gen == nullptr)
        fail(c, o.at("file"), "missing required field (or give trace.generator)");

    std::function<void()> load; // runs after every field has been checked
    if (file != nullptr) {
        if (!file->is_string() || file->get<std::string>().empty())
            fail(c, o.at("file"), "expected a file name, got " + show(*file));
        const std::string resolved = resolve_path(c, file->get<std::string>());
        const auto fmt = o.enumeration("format", trace_format::csv, trace_format_names);
        eff["file"] = resolved;
        eff["format"] = enum_name(trace_format_names, fmt);
        switch (fmt) {
        case trace_format::csv: {
            csv_options opt;
            opt.header = o.enumeration("header", opt.header, header_names);
            opt.time_column = o.string("time_column", opt.time_column);
            opt.value_column = o.string("value_column", opt.value_column);
            opt.time_column_index = o.size("time_column_index", opt.time_column_index);
            opt.value_column_index = o.size("value_column_index", opt.value_column_index);
            const std::string delim = o.string("delimiter", ",");
            if (delim.size() != 1) fail(c, o.at("delimiter"), "expected one character");
            opt.delimiter = delim[0];
            opt.time_format = o.enumeration("time_format", opt.time_format, time_format_names);
            opt.naive_times_are_utc = o.boolean("naive_times_are_utc", opt.naive_times_are_utc);
            opt.values = o.enumeration("values", opt.values, value_kind_names);
            opt.interval_ms = o.int64("interval_ms", opt.interval_ms);
            opt.gaps = o.enumeration("gaps", opt.gaps, gap_names);
            opt.max_intervals = o.size("max_intervals", opt.max_intervals);
            eff["header"] = enum_name(header_names, opt.header);
            eff["time_column"] = opt.time_column;
            eff["value_column"] = opt.value_column;
            eff["time_column_index"] = opt.time_column_index;
            eff["value_column_index"] = opt.value_column_index;
            eff["delimiter"] = delim;
            eff["time_format"] = enum_name(time_format_names, opt.time_format);
            eff["naive_times_are_utc"] = opt.naive_times_are_utc;
            eff["values"] = enum_name(value_kind_names, opt.values);
            eff["interval_ms"] = opt.interval_ms;
            eff["gaps"] = enum_name(gap_names, opt.gaps);
            eff["max_intervals"] = opt.max_intervals;
            load = [&out, resolved, opt] { out.traffic = read_csv_trace(resolved, opt); };
            break;
        }
        case trace_format::cloudwatch: {
            cloudwatch_options opt;
            opt.statistic = o.string("statistic", opt.statistic);
            opt.id = o.string("id", opt.id);
            opt.values = o.enumeration("values", opt.values, value_kind_names);
            opt.interval_ms = o.int64("interval_ms", opt.interval_ms);
            opt.gaps = o.enumeration("gaps", opt.gaps, gap_names);
            opt.max_intervals = o.size("max_intervals", opt.max_intervals);
            eff["statistic"] = opt.statistic;
            eff["id"] = opt.id;
            eff["values"] = enum_name(value_kind_names, opt.values);
            eff["interval_ms"] = opt.interval_ms;
            eff["gaps"] = enum_name(gap_names, opt.gaps);
            eff["max_intervals"] = opt.max_intervals;
            load = [&out, resolved, opt] { out.traffic = read_cloudwatch_json(resolved, opt); };
            break;
        }
        case trace_format::json_trace:
            load = [&out, resolved] { out.traffic = read_json_trace(resolved); };
            break;
        case trace_format::access_log: {
            access_log_options opt;
            opt.format = o.enumeration("log_format", opt.format, log_format_names);
            opt.time_format = o.enumeration("time_format", opt.time_format, time_format_names);
            opt.naive_times_are_utc = o.boolean("naive_times_are_utc", opt.naive_times_are_utc);
            opt.allow_unsorted = o.boolean("allow_unsorted", opt.allow_unsorted);
            opt.max_intervals = o.size("max_intervals", opt.max_intervals);
            const time_ms interval_ms = o.int64("interval_ms", 60000);
            eff["log_format"] = enum_name(log_format_names, opt.format);
            eff["time_format"] = enum_name(time_format_names, opt.time_format);
            eff["naive_times_are_utc"] = opt.naive_times_are_utc;
            eff["allow_unsorted"] = opt.allow_unsorted;
            eff["max_intervals"] = opt.max_intervals;
            eff["interval_ms"] = interval_ms;
            if (interval_ms < 1000 || interval_ms > ms_per_hour)
                fail(c, o.at("interval_ms"), "expected an integer in [1000, 3600000] ms");
            load = [&out, resolved, opt, interval_ms] {
                out.log = read_access_log(resolved, opt);
                if (out.log->empty()) throw trace_error(resolved + ": no request in the log");
                out.traffic = out.log->to_counts(interval_ms);
            };
            break;
        }
        }
    } else {
        json g;
        const trace t = read_generator(c, *gen, o.at("generator"), g);
        eff["generator"] = g;
        load = [&out, t] { out.traffic = t; };
    }

    const double scale = o.number("scale", 1, "a number >= 0");
    if (!(scale >= 0) || !std::isfinite(scale))
        fail(c, o.at("scale"),
             "expected a finite number >= 0, got " + detail::format_double(scale));
    double start_s = 0;
    std::optional<double> end_s;
    if (const json* s = o.get("slice")) {
        object_reader so(c, *s, o.at("slice"));
        start_s = so.number("start_s", 0, "a number of seconds >= 0");
        if (const json* e = so.get("end_s")) end_s = so.as_number(*e, so.at("end_s"));
        so.done();
        // Bounded so that the conversion to ms cannot overflow; no trace is that long anyway.
        if (!(start_s >= 0 && start_s < 1e13))
            fail(c, so.at("start_s"), "expected a number of seconds in [0, 1e13)");
        if (end_s && !(*end_s > start_s && *end_s < 1e13))
            fail(c, so.at("end_s"), "expected a number of seconds > start_s (and < 1e13)");
    }
    eff["scale"] = scale;
    eff["slice"] = {{"start_s", start_s}, {"end_s", end_s ? json(*end_s) : json(nullptr)}};
    o.done();

    load();

    if (start_s > 0 || end_s) {
        const time_ms iv = out.traffic.interval_ms();
        const time_ms start_ms = seconds_to_ms(start_s);
        const time_ms end_ms = end_s ? seconds_to_ms(*end_s) : out.traffic.duration_ms();
        const std::string sp = o.at("slice");
        if (start_ms % iv != 0)
            fail(c, sp + ".start_s",
                 "must be a whole number of intervals (" +
                     detail::format_double(ms_to_seconds(iv)) + " s)");
        if (end_ms % iv != 0)
            fail(c, sp + ".end_s",
                 "must be a whole number of intervals (" +
                     detail::format_double(ms_to_seconds(iv)) + " s)");
        if (end_ms > out.traffic.duration_ms())
            fail(c, sp + ".end_s",
                 "is beyond the end of the trace (" +
                     detail::format_double(ms_to_seconds(out.traffic.duration_ms())) + " s)");
        out.traffic = out.traffic.slice(static_cast<std::size_t>(start_ms / iv),
                                        static_cast<std::size_t>((end_ms - start_ms) / iv));
    }
    if (scale != 1) out.traffic = out.traffic.scaled(scale);
    return out;
}

// Puts a loaded trace into a scenario: arrivals = log takes the access log's requests inside the
// (possibly sliced) trace, in ms from its start.
void attach_trace(const context& c, scenario& sc, const loaded_trace& lt) {
    sc.traffic = lt.traffic;
    sc.arrival_log_ms.clear();
    if (sc.arrivals != arrival_process::log) return;
    if (!lt.log) fail(c, "arrivals", "\"log\" needs a trace with \"format\": \"access_log\"");
    if (lt.effective.value("scale", 1.0) != 1.0)
        fail(c, "arrivals", "\"log\" replays the requests as logged; trace.scale must be 1");
    const time_ms begin = sc.traffic.start_epoch_ms();
    const time_ms end = begin + sc.traffic.duration_ms();
    for (time_ms t : lt.log->times_ms()) {
        if (t >= begin && t < end) sc.arrival_log_ms.push_back(t - begin);
    }
}

// ---------------------------------------------------------------------------------------------
// Endpoint.

instance_type read_instance_type(const context& c, const json& j, const std::string& path) {
    object_reader o(c, j, path);
    instance_type t;
    t.name = o.string("name", t.name);
    t.price_per_hour = o.number("price_per_hour", t.price_per_hour, "a number >= 0");
    t.workers = o.integer("workers", t.workers, "an integer >= 1");
    t.service_time_s = o.number("service_time_s", t.service_time_s, "a number > 0");
    t.service_cv = o.number("service_cv", t.service_cv, "a number in [0, 10]");
    t.service = o.enumeration("service", t.service, service_names);
    t.service_samples_s = o.numbers("service_samples_s", t.service_samples_s);
    o.done();
    validated(c, [&] { t.validate(); }, "endpoint.instance_type", path);
    return t;
}

json write_instance_type(const instance_type& t) {
    return {{"name", t.name},
            {"price_per_hour", t.price_per_hour},
            {"workers", t.workers},
            {"service_time_s", t.service_time_s},
            {"service_cv", t.service_cv},
            {"service", enum_name(service_names, t.service)},
            {"service_samples_s", t.service_samples_s}};
}

startup_distribution read_startup(const context& c, const json& j, const std::string& path) {
    object_reader o(c, j, path);
    startup_distribution s;
    s.family = o.enumeration("kind", s.family, startup_names);
    s.fixed_s = o.number("fixed_s", s.fixed_s);
    s.median_s = o.number("median_s", s.median_s);
    s.sigma = o.number("sigma", s.sigma);
    s.low_s = o.number("low_s", s.low_s);
    s.high_s = o.number("high_s", s.high_s);
    if (const json* a = o.alias("seconds", "fixed_s")) s.fixed_s = o.as_number(*a, o.at("seconds"));
    if (const json* a = o.alias("spread", "sigma")) s.sigma = o.as_number(*a, o.at("spread"));
    o.done();
    validated(c, [&] { s.validate(); }, "endpoint.startup", path);
    return s;
}

json write_startup(const startup_distribution& s) {
    return {{"kind", enum_name(startup_names, s.family)},
            {"fixed_s", s.fixed_s},
            {"median_s", s.median_s},
            {"sigma", s.sigma},
            {"low_s", s.low_s},
            {"high_s", s.high_s}};
}

void read_endpoint(const context& c, const json& j, endpoint_config& e) {
    object_reader o(c, j, "endpoint");
    if (const json* t = o.get("instance_type"))
        e.type = read_instance_type(c, *t, o.at("instance_type"));
    e.initial_capacity = o.integer("initial_capacity", e.initial_capacity, "an integer >= 0");
    if (const json* s = o.get("startup")) e.startup = read_startup(c, *s, o.at("startup"));
    e.invocation_timeout_s =
        o.number("invocation_timeout_s", e.invocation_timeout_s, "a number > 0");
    e.routing_policy = o.enumeration("routing", e.routing_policy, routing_names);
    e.max_queue = o.integer("max_queue", e.max_queue, "an integer >= 0, or -1 for no limit");
    o.done();
}

json write_endpoint(const endpoint_config& e) {
    return {{"instance_type", write_instance_type(e.type)},
            {"initial_capacity", e.initial_capacity},
            {"startup", write_startup(e.startup)},
            {"invocation_timeout_s", e.invocation_timeout_s},
            {"routing", enum_name(routing_names, e.routing_policy)},
            {"max_queue", e.max_queue}};
}

// ---------------------------------------------------------------------------------------------
// Policies.

metric_kind read_metric(object_reader& o, metric_kind def) {
    return o.enumeration("metric", def, metric_names);
}

target_tracking_config read_target_tracking(const context& c, object_reader& o, bool high_res) {
    target_tracking_config t;
    if (high_res) {
        const json& v = o.required("target_value");
        t = target_tracking_config::high_resolution(
            o.as_number(v, o.at("target_value"), "a number > 0"));
    }
    t.name = o.string("name", t.name);
    t.metric = read_metric(o, t.metric);
    t.target_value = o.number("target_value", t.target_value, "a number > 0");
    t.scale_out_cooldown_s = o.number("scale_out_cooldown_s", t.scale_out_cooldown_s);
    t.scale_in_cooldown_s = o.number("scale_in_cooldown_s", t.scale_in_cooldown_s);
    t.disable_scale_in = o.boolean("disable_scale_in", t.disable_scale_in);
    t.high_evaluation_periods = o.integer("high_evaluation_periods", t.high_evaluation_periods);
    t.high_datapoints_to_alarm = o.integer("high_datapoints_to_alarm", t.high_datapoints_to_alarm);
    t.low_evaluation_periods = o.integer("low_evaluation_periods", t.low_evaluation_periods);
    t.low_datapoints_to_alarm = o.integer("low_datapoints_to_alarm", t.low_datapoints_to_alarm);
    t.low_threshold_fraction = o.number("low_threshold_fraction", t.low_threshold_fraction);
    t.period_s = o.number("period_s", t.period_s);
    t.publish_delay_s = o.number("publish_delay_s", t.publish_delay_s);
    o.done();
    validated(c, [&] { t.validate(); }, "scaling.target_tracking[" + t.name + "]", o.path());
    return t;
}

json write_target_tracking(const target_tracking_config& t) {
    return {{"type", "target_tracking"},
            {"name", t.name},
            {"metric", enum_name(metric_names, t.metric)},
            {"target_value", t.target_value},
            {"scale_out_cooldown_s", t.scale_out_cooldown_s},
            {"scale_in_cooldown_s", t.scale_in_cooldown_s},
            {"disable_scale_in", t.disable_scale_in},
            {"high_evaluation_periods", t.high_evaluation_periods},
            {"high_datapoints_to_alarm", t.high_datapoints_to_alarm},
            {"low_evaluation_periods", t.low_evaluation_periods},
            {"low_datapoints_to_alarm", t.low_datapoints_to_alarm},
            {"low_threshold_fraction", t.low_threshold_fraction},
            {"period_s", t.period_s},
            {"publish_delay_s", t.publish_delay_s}};
}

step_scaling_config read_step_scaling(const context& c, object_reader& o) {
    step_scaling_config s;
    s.name = o.string("name", s.name);
    s.metric = read_metric(o, s.metric);
    s.threshold = o.number("threshold", s.threshold);
    s.alarm_comparison = o.enumeration("alarm_comparison", s.alarm_comparison, comparison_names);
    s.evaluation_periods = o.integer("evaluation_periods", s.evaluation_periods);
    s.datapoints_to_alarm = o.integer("datapoints_to_alarm", s.datapoints_to_alarm);
    s.period_s = o.number("period_s", s.period_s);
    s.publish_delay_s = o.number("publish_delay_s", s.publish_delay_s);
    s.adjustment = o.enumeration("adjustment", s.adjustment, adjustment_names);
    const json& steps = o.required("steps");
    if (!steps.is_array()) fail(c, o.at("steps"), "expected an array, got " + show(steps));
    for (std::size_t i = 0; i < steps.size(); ++i) {
        object_reader so(c, steps[i], index(o.at("steps"), i));
        step_adjustment a;
        a.lower_bound = so.number("lower_bound", a.lower_bound);
        a.upper_bound = so.number("upper_bound", a.upper_bound);
        a.adjustment = so.integer("adjustment", a.adjustment);
        so.done();
        s.steps.push_back(a);
    }
    s.min_adjustment_magnitude = o.integer("min_adjustment_magnitude", s.min_adjustment_magnitude);
    s.aggregation = o.enumeration("aggregation", s.aggregation, aggregation_names);
    s.cooldown_s = o.number("cooldown_s", s.cooldown_s);
    o.done();
    validated(c, [&] { s.validate(); }, "scaling.step_scaling[" + s.name + "]", o.path());
    return s;
}

json write_step_scaling(const step_scaling_config& s) {
    json steps = json::array();
    for (const auto& a : s.steps) {
        steps.push_back({{"lower_bound", number_or_null(a.lower_bound)},
                         {"upper_bound", number_or_null(a.upper_bound)},
                         {"adjustment", a.adjustment}});
    }
    return {{"type", "step_scaling"},
            {"name", s.name},
            {"metric", enum_name(metric_names, s.metric)},
            {"threshold", s.threshold},
            {"alarm_comparison", enum_name(comparison_names, s.alarm_comparison)},
            {"evaluation_periods", s.evaluation_periods},
            {"datapoints_to_alarm", s.datapoints_to_alarm},
            {"period_s", s.period_s},
            {"publish_delay_s", s.publish_delay_s},
            {"adjustment", enum_name(adjustment_names, s.adjustment)},
            {"steps", steps},
            {"min_adjustment_magnitude", s.min_adjustment_magnitude},
            {"aggregation", enum_name(aggregation_names, s.aggregation)},
            {"cooldown_s", s.cooldown_s}};
}

scheduled_action_config read_scheduled(const context& c, object_reader& o) {
    scheduled_action_config s;
    s.name = o.string("name", s.name);
    s.cron = o.string("cron", s.cron);
    if (const json* a = o.array("at_ms")) {
        for (std::size_t i = 0; i < a->size(); ++i)
            s.at_ms.push_back(o.as_int((*a)[i], index(o.at("at_ms"), i)));
    }
    // at_s and at_epoch_s: the same times in seconds (fractions allowed), appended.
    if (const json* a = o.array("at_s")) {
        for (std::size_t i = 0; i < a->size(); ++i) {
            const std::string p = index(o.at("at_s"), i);
            const double sec = o.as_number((*a)[i], p, "a number of seconds");
            if (!(std::fabs(sec) < 1e13)) fail(c, p, "expected a number of seconds below 1e13");
            s.at_ms.push_back(seconds_to_ms(sec));
        }
    }
    for (const char* key : {"at_epoch_ms", "at_epoch_s"}) {
        const json* a = o.array(key);
        if (a == nullptr) continue;
        const bool ms = std::string(key) == "at_epoch_ms";
        const char* expected = ms ? "ms since the epoch or an ISO-8601 time with a zone"
                                  : "seconds since the epoch or an ISO-8601 time with a zone";
        for (std::size_t i = 0; i < a->size(); ++i) {
            const json& v = (*a)[i];
            const std::string p = index(o.at(key), i);
            if (v.is_string()) {
                try {
                    s.at_epoch_ms.push_back(seconds_to_ms(parse_iso8601(v.get<std::string>())));
                } catch (const trace_error&) {
                    fail(c, p, std::string("expected ") + expected + ", got " + show(v));
                }
            } else if (ms) {
                s.at_epoch_ms.push_back(o.as_int(v, p, expected));
            } else {
                const double sec = o.as_number(v, p, expected);
                if (!(std::fabs(sec) < 1e13)) fail(c, p, std::string("expected ") + expected);
                s.at_epoch_ms.push_back(seconds_to_ms(sec));
            }
        }
    }
    s.min_capacity = o.integer("min_capacity", s.min_capacity);
    s.max_capacity = o.integer("max_capacity", s.max_capacity);
    o.done();
    validated(c, [&] { s.validate(); }, "scaling.scheduled[" + s.name + "]", o.path());
    return s;
}

json write_scheduled(const scheduled_action_config& s) {
    return {{"type", "scheduled"},
            {"name", s.name},
            {"cron", s.cron},
            {"at_ms", s.at_ms},
            {"at_epoch_ms", s.at_epoch_ms},
            {"min_capacity", s.min_capacity},
            {"max_capacity", s.max_capacity}};
}

predictive_config read_predictive(const context& c, object_reader& o) {
    predictive_config p;
    p.name = o.string("name", p.name);
    p.mode = o.enumeration("mode", p.mode, predictive_mode_names);
    p.target_per_instance = o.number("target_per_instance", p.target_per_instance);
    p.seasonality = o.enumeration("seasonality", p.seasonality, seasonality_names);
    p.seasons_averaged = o.integer("seasons_averaged", p.seasons_averaged);
    p.min_history_s = o.number("min_history_s", p.min_history_s);
    p.refresh_period_s = o.number("refresh_period_s", p.refresh_period_s);
    p.scheduling_buffer_s = o.number("scheduling_buffer_s", p.scheduling_buffer_s);
    p.breach = o.enumeration("breach", p.breach, breach_names);
    p.max_capacity_buffer_percent =
        o.number("max_capacity_buffer_percent", p.max_capacity_buffer_percent);
    o.done();
    validated(c, [&] { p.validate(); }, "scaling.predictive[" + p.name + "]", o.path());
    return p;
}

json write_predictive(const predictive_config& p) {
    return {{"type", "predictive"},
            {"name", p.name},
            {"mode", enum_name(predictive_mode_names, p.mode)},
            {"target_per_instance", p.target_per_instance},
            {"seasonality", enum_name(seasonality_names, p.seasonality)},
            {"seasons_averaged", p.seasons_averaged},
            {"min_history_s", p.min_history_s},
            {"refresh_period_s", p.refresh_period_s},
            {"scheduling_buffer_s", p.scheduling_buffer_s},
            {"breach", enum_name(breach_names, p.breach)},
            {"max_capacity_buffer_percent", p.max_capacity_buffer_percent}};
}

hpa_scaling_rules read_hpa_rules(const context& c, const json& j, const std::string& path,
                                 hpa_scaling_rules r) {
    object_reader o(c, j, path);
    r.stabilization_window_s = o.number("stabilization_window_s", r.stabilization_window_s);
    r.select = o.enumeration("select", r.select, hpa_select_names);
    if (const json* a = o.array("policies")) {
        r.policies.clear();
        for (std::size_t i = 0; i < a->size(); ++i) {
            object_reader po(c, (*a)[i], index(o.at("policies"), i));
            hpa_scaling_policy p;
            p.type = po.enumeration("type", p.type, hpa_kind_names);
            p.value = po.integer("value", p.value);
            p.period_s = po.number("period_s", p.period_s);
            po.done();
            r.policies.push_back(p);
        }
    }
    r.tolerance = o.number("tolerance", r.tolerance);
    o.done();
    return r;
}

json write_hpa_rules(const hpa_scaling_rules& r) {
    json policies = json::array();
    for (const auto& p : r.policies) {
        policies.push_back({{"type", enum_name(hpa_kind_names, p.type)},
                            {"value", p.value},
                            {"period_s", p.period_s}});
    }
    return {{"stabilization_window_s", r.stabilization_window_s},
            {"select", enum_name(hpa_select_names, r.select)},
            {"policies", policies},
            {"tolerance", r.tolerance}};
}

hpa_config read_hpa(const context& c, object_reader& o) {
    hpa_config h;
    h.name = o.string("name", h.name);
    h.metric = read_metric(o, h.metric);
    h.target_value = o.number("target_value", h.target_value, "a number > 0");
    h.sync_period_s = o.number("sync_period_s", h.sync_period_s);
    h.tolerance = o.number("tolerance", h.tolerance);
    h.metric_period_s = o.number("metric_period_s", h.metric_period_s);
    h.metric_delay_s = o.number("metric_delay_s", h.metric_delay_s);
    h.cpu_initialization_period_s =
        o.number("cpu_initialization_period_s", h.cpu_initialization_period_s);
    h.legacy = o.boolean("legacy", h.legacy);
    h.legacy_downscale_window_s =
        o.number("legacy_downscale_window_s", h.legacy_downscale_window_s);
    if (const json* r = o.get("scale_up"))
        h.scale_up = read_hpa_rules(c, *r, o.at("scale_up"), h.scale_up);
    if (const json* r = o.get("scale_down"))
        h.scale_down = read_hpa_rules(c, *r, o.at("scale_down"), h.scale_down);
    // Kubernetes spells them behavior.scaleUp / behavior.scaleDown.
    if (const json* b = o.get("behavior")) {
        object_reader bo(c, *b, o.at("behavior"));
        const bool has_up = o.present("scale_up");
        const bool has_down = o.present("scale_down");
        if (const json* r = bo.get("scale_up")) {
            if (has_up) fail(c, bo.at("scale_up"), "give scale_up or behavior.scale_up, not both");
            h.scale_up = read_hpa_rules(c, *r, bo.at("scale_up"), h.scale_up);
        }
        if (const json* r = bo.get("scale_down")) {
            if (has_down)
                fail(c, bo.at("scale_down"), "give scale_down or behavior.scale_down, not both");
            h.scale_down = read_hpa_rules(c, *r, bo.at("scale_down"), h.scale_down);
        }
        bo.done();
    }
    o.done();
    validated(c, [&] { h.validate(); }, "scaling.hpa[" + h.name + "]", o.path());
    return h;
}

json write_hpa(const hpa_config& h) {
    return {{"type", "hpa"},
            {"name", h.name},
            {"metric", enum_name(metric_names, h.metric)},
            {"target_value", h.target_value},
            {"sync_period_s", h.sync_period_s},
            {"tolerance", h.tolerance},
            {"metric_period_s", h.metric_period_s},
            {"metric_delay_s", h.metric_delay_s},
            {"cpu_initialization_period_s", h.cpu_initialization_period_s},
            {"legacy", h.legacy},
            {"legacy_downscale_window_s", h.legacy_downscale_window_s},
            {"scale_up", write_hpa_rules(h.scale_up)},
            {"scale_down", write_hpa_rules(h.scale_down)}};
}

enum class policy_type {
    target_tracking,
    target_tracking_high_resolution,
    step_scaling,
    scheduled,
    predictive,
    hpa
};
const enum_table<policy_type> policy_type_names = {
    {"target_tracking", policy_type::target_tracking},
    {"target_tracking_high_resolution", policy_type::target_tracking_high_resolution},
    {"step_scaling", policy_type::step_scaling},
    {"scheduled", policy_type::scheduled},
    {"predictive", policy_type::predictive},
    {"hpa", policy_type::hpa},
};

// Prefixes of scaling_config::validate()'s messages and the JSON paths they stand for, for the
// checks across policies (two target-tracking policies on one metric).
using path_map = std::vector<std::pair<std::string, std::string>>;

void read_scaling(const context& c, const json& j, scaling_config& s, path_map& paths) {
    object_reader o(c, j, "scaling");
    s.min_capacity = o.integer("min_capacity", s.min_capacity, "an integer >= 0");
    s.max_capacity = o.integer("max_capacity", s.max_capacity, "an integer >= 1");
    s.cooldown_from = o.enumeration("cooldown_from", s.cooldown_from, cooldown_names);
    s.basis = o.enumeration("capacity_basis", s.basis, basis_names);
    s.scale_out_while_updating =
        o.enumeration("scale_out_while_updating", s.scale_out_while_updating, busy_names);
    if (const json* a = o.array("policies")) {
        for (std::size_t i = 0; i < a->size(); ++i) {
            const std::string path = index(o.at("policies"), i);
            object_reader po(c, (*a)[i], path);
            const json& type =
                po.required("type", "; expected one of " + enum_names(policy_type_names));
            switch (po.as_enum(type, po.at("type"), policy_type_names)) {
            case policy_type::target_tracking:
            case policy_type::target_tracking_high_resolution: {
                const bool hr = type == "target_tracking_high_resolution";
                s.target_tracking.push_back(read_target_tracking(c, po, hr));
                paths.emplace_back("scaling.target_tracking[" + s.target_tracking.back().name + "]",
                                   path);
                break;
            }
            case policy_type::step_scaling:
                s.step_scaling.push_back(read_step_scaling(c, po));
                break;
            case policy_type::scheduled:
                s.scheduled.push_back(read_scheduled(c, po));
                break;
            case policy_type::predictive:
                s.predictive.push_back(read_predictive(c, po));
                break;
            case policy_type::hpa:
                s.hpa.push_back(read_hpa(c, po));
                break;
            }
        }
    }
    o.done();
}

json write_scaling(const scaling_config& s) {
    json policies = json::array();
    for (const auto& p : s.target_tracking)
        policies.push_back(write_target_tracking(p));
    for (const auto& p : s.step_scaling)
        policies.push_back(write_step_scaling(p));
    for (const auto& p : s.scheduled)
        policies.push_back(write_scheduled(p));
    for (const auto& p : s.predictive)
        policies.push_back(write_predictive(p));
    for (const auto& p : s.hpa)
        policies.push_back(write_hpa(p));
    return {{"min_capacity", s.min_capacity},
            {"max_capacity", s.max_capacity},
            {"cooldown_from", enum_name(cooldown_names, s.cooldown_from)},
            {"capacity_basis", enum_name(basis_names, s.basis)},
            {"scale_out_while_updating", enum_name(busy_names, s.scale_out_while_updating)},
            {"policies", policies}};
}

// ---------------------------------------------------------------------------------------------
// Optimisation.

const std::vector<std::string>& parameter_names() {
    static const std::vector<std::string> names = {"min_capacity",
                                                   "max_capacity",
                                                   "initial_capacity",
                                                   "instance_type",
                                                   "target_value",
                                                   "scale_out_cooldown_s",
                                                   "scale_in_cooldown_s",
                                                   "disable_scale_in",
                                                   "high_evaluation_periods",
                                                   "high_datapoints_to_alarm",
                                                   "low_evaluation_periods",
                                                   "low_datapoints_to_alarm",
                                                   "low_threshold_fraction",
                                                   "period_s",
                                                   "publish_delay_s"};
    return names;
}

std::string list(const std::vector<std::string>& names) {
    std::string s;
    for (std::size_t i = 0; i < names.size(); ++i)
        s += (i > 0 ? ", " : "") + names[i];
    return s;
}

std::string summary_field(const context& c, const json& v, const std::string& path) {
    const auto& known = summary_fields();
    if (v.is_string() && std::find(known.begin(), known.end(), v.get<std::string>()) != known.end())
        return v.get<std::string>();
    fail(c, path, "expected a summary field (" + list(known) + "), got " + show(v));
}

std::vector<optimize::constraint> read_constraints(const context& c, object_reader& parent,
                                                   const std::string& key, json& eff) {
    std::vector<optimize::constraint> out;
    eff = json::array();
    const json* a = parent.array(key);
    if (a == nullptr) return out;
    for (std::size_t i = 0; i < a->size(); ++i) {
        object_reader o(c, (*a)[i], index(parent.at(key), i));
        optimize::constraint k;
        k.field = summary_field(c, o.required("field"), o.at("field"));
        k.max_value = o.number("max", k.max_value);
        k.min_value = o.number("min", k.min_value);
        o.done();
        if (!(k.min_value <= k.max_value))
            fail(c, o.at("min"),
                 "is greater than max (" + detail::format_double(k.max_value) + ")");
        out.push_back(k);
        eff.push_back({{"field", k.field},
                       {"min", number_or_null(k.min_value)},
                       {"max", number_or_null(k.max_value)}});
    }
    return out;
}

// A dimension in the form it was given: a list of values, or a range (a fixed value is the range
// [value, value]).
json write_dimension(const optimize::dimension& d) {
    json j = {{"parameter", d.parameter}};
    if (!d.values.empty()) {
        j["values"] = d.values;
    } else {
        j["low"] = d.low;
        j["high"] = d.high;
        j["step"] = d.step;
    }
    j["policy"] = d.policy;
    return j;
}

struct optimize_section {
    optimization_spec spec;
    json effective;
};

optimize_section read_optimize(const context& c, const json& j, const scenario& base) {
    optimize_section out;
    optimization_spec& spec = out.spec;
    json& eff = out.effective;
    object_reader o(c, j, "optimize");
    auto& space = spec.problem.space;

    if (const json* a = o.array("instance_types")) {
        for (std::size_t i = 0; i < a->size(); ++i)
            space.instance_types.push_back(
                read_instance_type(c, (*a)[i], index(o.at("instance_types"), i)));
    }
    const json* dims = o.array("space");
    if (dims == nullptr) fail(c, o.at("space"), "missing required field");
    json dims_eff = json::array();
    bool has_type_dim = false;
    for (std::size_t i = 0; i < dims->size(); ++i) {
        object_reader d(c, (*dims)[i], index(o.at("space"), i));
        optimize::dimension dim;
        const json& p = d.required("parameter");
        const auto& names = parameter_names();
        if (!p.is_string() ||
            std::find(names.begin(), names.end(), p.get<std::string>()) == names.end())
            fail(c, d.at("parameter"), "expected one of " + list(names) + ", got " + show(p));
        dim.parameter = p.get<std::string>();
        const json* low = d.get("low");
        const json* high = d.get("high");
        const json* step = d.get("step");
        const json* values = d.get("values");
        const json* value = d.get("value");
        dim.policy = d.size("policy", 0);
        d.done();
        const bool range = low != nullptr || high != nullptr || step != nullptr;
        if (static_cast<int>(range) + static_cast<int>(values != nullptr) +
                static_cast<int>(value != nullptr) >
            1)
            fail(c, d.path(), "give one of low/high/step, values or value");
        if (dim.parameter == "instance_type") {
            has_type_dim = true;
            if (space.instance_types.empty())
                fail(c, d.at("parameter"), "needs optimize.instance_types to choose from");
        }
        if (values != nullptr) {
            dim.values = d.numbers("values", {});
            if (dim.values.empty()) fail(c, d.at("values"), "expected at least one value");
        } else if (value != nullptr) {
            dim.low = dim.high = d.as_number(*value, d.at("value"));
        } else if (range) {
            if (low == nullptr) fail(c, d.at("low"), "missing required field");
            if (high == nullptr) fail(c, d.at("high"), "missing required field");
            dim.low = d.as_number(*low, d.at("low"));
            dim.high = d.as_number(*high, d.at("high"));
            dim.step = step != nullptr ? d.as_number(*step, d.at("step"), "a number >= 0") : 0;
            if (!(dim.low <= dim.high)) fail(c, d.at("high"), "expected a number >= low");
            if (!(dim.step >= 0)) fail(c, d.at("step"), "expected a number >= 0");
        } else if (dim.parameter == "instance_type") {
            for (std::size_t k = 0; k < space.instance_types.size(); ++k)
                dim.values.push_back(static_cast<double>(k));
        } else {
            fail(c, d.path(), "give low and high (and step), values or value");
        }
        dims_eff.push_back(write_dimension(dim));
        space.add(std::move(dim));
    }
    if (!space.instance_types.empty() && !has_type_dim) {
        std::vector<double> idx;
        for (std::size_t k = 0; k < space.instance_types.size(); ++k)
            idx.push_back(static_cast<double>(k));
        space.add(optimize::dimension::choice("instance_type", idx));
        dims_eff.push_back(write_dimension(space.dimensions.back()));
    }

    if (const json* a = o.array("objectives")) {
        spec.problem.objectives.clear();
        for (std::size_t i = 0; i < a->size(); ++i) {
            const std::string p = index(o.at("objectives"), i);
            const std::string f = summary_field(c, (*a)[i], p);
            if (std::find(spec.problem.objectives.begin(), spec.problem.objectives.end(), f) !=
                spec.problem.objectives.end())
                fail(c, p, "\"" + f + "\" is listed twice");
            spec.problem.objectives.push_back(f);
        }
        if (spec.problem.objectives.empty())
            fail(c, o.at("objectives"), "expected at least one summary field");
    }
    json constraints_eff, choose_eff;
    spec.problem.constraints = read_constraints(c, o, "constraints", constraints_eff);

    // Variants of the base scenario.
    spec.problem.scenarios.push_back(base);
    json variants_eff = json::array();
    struct pending_variant {
        std::string name;
        double traffic_scale;
        std::optional<startup_distribution> startup;
        std::optional<std::uint64_t> seed;
        const json* trace_json;
        std::string path;
    };
    std::vector<pending_variant> variants;
    if (const json* a = o.array("scenarios")) {
        for (std::size_t i = 0; i < a->size(); ++i) {
            object_reader v(c, (*a)[i], index(o.at("scenarios"), i));
            pending_variant pv;
            pv.path = v.path();
            pv.name = v.string("name", "scenario " + std::to_string(i + 1));
            pv.traffic_scale = v.number("traffic_scale", 1, "a number >= 0");
            if (!(pv.traffic_scale >= 0) || !std::isfinite(pv.traffic_scale))
                fail(c, v.at("traffic_scale"), "expected a finite number >= 0");
            if (const json* s = v.get("startup")) pv.startup = read_startup(c, *s, v.at("startup"));
            if (v.get("seed") != nullptr) pv.seed = v.unsigned64("seed", 0);
            pv.trace_json = v.get("trace");
            v.done();
            variants.push_back(pv);
        }
    }

    spec.problem.aggregate =
        o.enumeration("aggregate", optimize::aggregation::mean, aggregate_names);
    spec.method = o.enumeration("method", search_method::grid, method_names);
    auto& opt = spec.options;
    opt.max_evaluations = o.size("max_evaluations", opt.max_evaluations);
    opt.max_seconds = o.number("max_seconds", opt.max_seconds, "a number >= 0");
    if (!(opt.max_seconds >= 0)) fail(c, o.at("max_seconds"), "expected a number >= 0");
    const std::uint64_t threads = o.unsigned64("threads", opt.threads);
    if (threads > 4096) fail(c, o.at("threads"), "expected an integer in [0, 4096]");
    opt.threads = static_cast<unsigned>(threads);
    opt.seed = o.unsigned64("seed", opt.seed);
    opt.batch_size = o.size("batch_size", opt.batch_size);
    if (opt.batch_size < 1) fail(c, o.at("batch_size"), "expected an integer >= 1");
    opt.keep_evaluations = o.boolean("keep_evaluations", opt.keep_evaluations);
    opt.reference_point = o.numbers("reference_point", {});
    if (!opt.reference_point.empty() &&
        opt.reference_point.size() != spec.problem.objectives.size())
        fail(c, o.at("reference_point"),
             "expected one value per objective (" + std::to_string(spec.problem.objectives.size()) +
                 ")");
    spec.choose = read_constraints(c, o, "choose", choose_eff);
    o.done();

    // Load variant traces only after every field of the section has been checked.
    for (const auto& pv : variants) {
        scenario sc = base;
        json trace_eff = nullptr;
        if (pv.trace_json != nullptr) {
            const loaded_trace lt = read_trace(c, *pv.trace_json, pv.path + ".trace");
            attach_trace(c, sc, lt);
            trace_eff = lt.effective;
        }
        if (pv.traffic_scale != 1) {
            if (sc.arrivals == arrival_process::log)
                fail(c, pv.path + ".traffic_scale",
                     "arrivals \"log\" replays the requests as logged; traffic_scale must be 1");
            sc.traffic = sc.traffic.scaled(pv.traffic_scale);
        }
        if (pv.startup) sc.endpoint.startup = *pv.startup;
        if (pv.seed) sc.seed = *pv.seed;
        spec.problem.scenarios.push_back(std::move(sc));
        variants_eff.push_back({{"name", pv.name},
                                {"traffic_scale", pv.traffic_scale},
                                {"startup", pv.startup ? write_startup(*pv.startup) : json()},
                                {"seed", pv.seed ? json(*pv.seed) : json()},
                                {"trace", trace_eff}});
    }

    // search_space's messages start with "search_space.<display name>: "; name the dimension.
    const auto space_error = [&](const config_error& e) {
        std::string msg = e.what();
        const std::string from = "search_space.";
        if (msg.rfind(from, 0) == 0) msg = msg.substr(from.size());
        const auto names = space.names();
        for (std::size_t i = 0; i < names.size(); ++i) {
            if (msg.rfind(names[i] + ": ", 0) == 0)
                fail(c, index("optimize.space", i), msg.substr(names[i].size() + 2));
        }
        fail(c, "optimize.space", msg);
    };
    try {
        space.validate(base);
        if (spec.method == search_method::grid) (void)space.grid_size();
    } catch (const config_error& e) {
        space_error(e);
    }
    try {
        spec.problem.validate();
    } catch (const config_error& e) {
        // "problem.scenarios[i]: ..." is variant i - 1 (scenario 0 is the file's own).
        const std::string msg = e.what();
        const std::string from = "problem.scenarios[";
        const auto close = msg.find("]: ");
        if (msg.rfind(from, 0) == 0 && close != std::string::npos) {
            std::size_t i = 0;
            for (std::size_t k = from.size(); k < close; ++k)
                i = i * 10 + static_cast<std::size_t>(msg[k] - '0');
            if (i > 0) fail(c, index("optimize.scenarios", i - 1), msg.substr(close + 3));
        }
        fail(c, "optimize", msg);
    }

    json types_eff = json::array();
    for (const auto& t : space.instance_types)
        types_eff.push_back(write_instance_type(t));
    eff = {{"space", dims_eff},
           {"instance_types", types_eff},
           {"objectives", spec.problem.objectives},
           {"constraints", constraints_eff},
           {"scenarios", variants_eff},
           {"aggregate", enum_name(aggregate_names, spec.problem.aggregate)},
           {"method", enum_name(method_names, spec.method)},
           {"max_evaluations", opt.max_evaluations},
           {"max_seconds", opt.max_seconds},
           {"threads", opt.threads},
           {"seed", opt.seed},
           {"batch_size", opt.batch_size},
           {"keep_evaluations", opt.keep_evaluations},
           {"reference_point", opt.reference_point},
           {"choose", choose_eff}};
    return out;
}

// ---------------------------------------------------------------------------------------------
// The document.

// "line:column" of a byte offset (nlohmann reports one past the offending character).
std::string line_column(std::string_view text, std::size_t byte) {
    std::size_t line = 1, col = 1;
    const std::size_t end = std::min(byte > 0 ? byte - 1 : 0, text.size());
    for (std::size_t i = 0; i < end; ++i) {
        if (text[i] == '\n') {
            ++line;
            col = 1;
        } else {
            ++col;
        }
    }
    return std::to_string(line) + ":" + std::to_string(col);
}

// The overrides, applied to the document before it is read.
void apply_overrides(json& doc, const scenario_overrides& ov) {
    if (!doc.is_object()) return;
    if (!ov.trace_path.empty() || !ov.trace_format.empty()) {
        json& t = doc["trace"];
        if (!t.is_object()) t = json::object();
        if (!ov.trace_path.empty()) {
            t.erase("generator");
            t["file"] = std::filesystem::absolute(ov.trace_path).lexically_normal().string();
        }
        if (!ov.trace_format.empty() && t.value("format", std::string("csv")) != ov.trace_format) {
            // The reader options belong to the old format; keep only the transformations.
            json kept = json::object();
            for (const char* key : {"file", "scale", "slice"}) {
                if (t.contains(key)) kept[key] = t[key];
            }
            kept["format"] = ov.trace_format;
            t = kept;
        }
    }
    if (ov.seed) doc["seed"] = *ov.seed;
}

} // namespace

scenario_file parse_scenario(std::string_view text, const std::string& source,
                             const std::string& base_dir, const scenario_overrides& overrides) {
    const context c{source, base_dir};
    json doc;
    try {
        doc = json::parse(text.begin(), text.end());
    } catch (const json::parse_error& e) {
        // nlohmann's message starts with "[json.exception.parse_error.101] parse error at line
        // L, column C: "; keep only the explanation.
        std::string what = e.what();
        const auto colon = what.find(": ");
        if (colon != std::string::npos) what = what.substr(colon + 2);
        throw config_error(source + ":" + line_column(text, e.byte) + ": not valid JSON: " + what);
    } catch (const json::exception& e) {
        // A number too large for a double (out_of_range.406) comes without a position.
        std::string what = e.what();
        const auto bracket = what.find("] ");
        if (bracket != std::string::npos) what = what.substr(bracket + 2);
        if (what.size() > 120) what = what.substr(0, 117) + "...";
        throw config_error(source + ": not valid JSON: " + what);
    }
    apply_overrides(doc, overrides);

    scenario_file out;
    scenario& sc = out.base;
    object_reader top(c, doc, "");
    const json* version = top.get("version");
    if (version == nullptr) fail(c, "version", "missing required field (this reader reads 1)");
    if (!version->is_number_integer() || version->get<std::int64_t>() != 1)
        fail(c, "version", "unsupported version " + show(*version) + "; this reader reads 1");
    out.version = 1;
    const json& trace_json = top.required("trace");
    const json* endpoint = top.get("endpoint");
    const json* scaling = top.get("scaling");
    sc.mode = top.enumeration("mode", sc.mode, mode_names);
    sc.arrivals = top.enumeration("arrivals", sc.arrivals, arrival_names);
    const json* slo = top.get("slo");
    sc.seed = top.unsigned64("seed", sc.seed);
    sc.record_timeline = top.boolean("record_timeline", sc.record_timeline);
    const json* optimize_json = top.get("optimize");
    top.done();

    if (endpoint != nullptr) read_endpoint(c, *endpoint, sc.endpoint);
    path_map paths;
    if (scaling != nullptr) read_scaling(c, *scaling, sc.scaling, paths);
    if (slo != nullptr) {
        object_reader o(c, *slo, "slo");
        sc.slo.latency_s = o.number("latency_s", sc.slo.latency_s, "a number > 0");
        sc.slo.target = o.number("target", sc.slo.target, "a number in (0, 1)");
        o.done();
    }
    try {
        sc.endpoint.type.validate();
        sc.endpoint.startup.validate();
        sc.scaling.validate();
        sc.slo.validate();
    } catch (const config_error& e) {
        std::string msg = e.what();
        for (const auto& [from, to] : paths) {
            if (msg.rfind(from, 0) == 0) {
                msg = to + msg.substr(from.size());
                break;
            }
        }
        throw config_error(source + ": " + msg);
    }

    const loaded_trace lt = read_trace(c, trace_json, "trace");
    attach_trace(c, sc, lt);
    try {
        sc.validate();
    } catch (const config_error& e) {
        throw config_error(source + ": " + e.what());
    } catch (const trace_error& e) {
        throw trace_error(source + ": " + e.what()); // e.g. "trace: the trace is empty"
    }

    json eff = {{"version", 1},
                {"trace", lt.effective},
                {"endpoint", write_endpoint(sc.endpoint)},
                {"scaling", write_scaling(sc.scaling)},
                {"mode", enum_name(mode_names, sc.mode)},
                {"arrivals", enum_name(arrival_names, sc.arrivals)},
                {"slo", {{"latency_s", sc.slo.latency_s}, {"target", sc.slo.target}}},
                {"seed", sc.seed},
                {"record_timeline", sc.record_timeline}};
    if (optimize_json != nullptr) {
        optimize_section os = read_optimize(c, *optimize_json, sc);
        out.optimization = std::move(os.spec);
        eff["optimize"] = std::move(os.effective);
    }
    out.effective_json = eff.dump(2) + "\n";
    if (lt.effective.contains("file")) out.trace_file = lt.effective["file"].get<std::string>();
    return out;
}

scenario_file read_scenario_file(const std::string& path, const scenario_overrides& overrides) {
    const std::string text = detail::read_file(path);
    const std::filesystem::path p(path);
    return parse_scenario(text, path, p.parent_path().string(), overrides);
}

} // namespace autoscalesim::io
