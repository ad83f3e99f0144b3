#include "autoscalesim/io/scenario_file.hpp"

#include "detail/json_docs.hpp"
#include "detail/text.hpp"

#include "autoscalesim/arrival_log.hpp"
#include "autoscalesim/describe.hpp"
#include "autoscalesim/errors.hpp"
#include "autoscalesim/generators.hpp"
#include "autoscalesim/io/access_log.hpp"
#include "autoscalesim/io/aws_policy.hpp"
#include "autoscalesim/io/cloudwatch.hpp"
#include "autoscalesim/io/csv_trace.hpp"
#include "autoscalesim/io/json_trace.hpp"
#include "autoscalesim/simulator.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <limits>
#include <memory>
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
    throw config_error(error_location{c.source, 0, path}, problem);
}

// The error of a struct's check, in the document: the file, and the field's C++ path prefix
// `from` (e.g. "scaling.target_tracking[name]") as the JSON path `to`.
[[noreturn]] void in_document(const context& c, const config_error& e, const std::string& from,
                              const std::string& to) {
    std::string field = e.field();
    if (!from.empty() && field.rfind(from, 0) == 0) field = to + field.substr(from.size());
    throw config_error(error_location{c.source, 0, field}, e.problem());
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

    /// An enum with a name table in describe.hpp (canonical names and aliases).
    template <class E> E enumeration(const std::string& key, E def) {
        const json* p = get(key);
        if (p == nullptr) return def;
        return as_enum<E>(*p, at(key));
    }

    template <class E> E as_enum(const json& v, const std::string& path) {
        E out{};
        if (v.is_string() && parse_enum(v.get<std::string>(), out)) return out;
        fail(c_, path, "expected one of " + quoted_names<E>() + ", got " + show(v));
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
                // cut like any echoed value: a 5 MB key must not fill the terminal
                std::string key = item.key();
                if (key.size() > 60) {
                    key = key.substr(0, 60) + "... (" + std::to_string(item.key().size()) +
                          " characters)";
                }
                fail(c_, at(key), "unknown field; expected one of " + known);
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
// Described structs (describe.hpp): every field read and written by its one name.

template <class T> struct is_vector : std::false_type {};
template <class T> struct is_vector<std::vector<T>> : std::true_type {};

template <class S>
S read_struct(const context& c, const json& j, const std::string& path, S s = S{});

// A nested struct: read_struct, or the struct's own reader where it has aliases or checks its
// fields against each other with the JSON path (declared here, defined with the struct).
template <class S> S read_nested(const context& c, const json& j, const std::string& path, S s) {
    return read_struct<S>(c, j, path, std::move(s));
}
template <>
instance_type read_nested(const context& c, const json& j, const std::string& path,
                          instance_type s);
template <>
startup_distribution read_nested(const context& c, const json& j, const std::string& path,
                                 startup_distribution s);

// One ms-since-the-epoch time: a number, or an ISO-8601 string with a zone.
time_ms epoch_ms(const context& c, object_reader& o, const json& v, const std::string& path) {
    const char* expected = "ms since the epoch or an ISO-8601 time with a zone";
    if (!v.is_string()) return o.as_int(v, path, expected);
    try {
        return seconds_to_ms(parse_iso8601(v.get<std::string>()));
    } catch (const trace_error&) {
        fail(c, path, std::string("expected ") + expected + ", got " + show(v));
    }
}

// Reads every described field of s that the object gives; the others keep their value.
template <class S> void read_fields(const context& c, object_reader& o, S& s) {
    for_each_field<S>([&](const auto& fd) {
        using T = typename std::decay_t<decltype(fd)>::value_type;
        const std::string key(fd.name);
        T& v = s.*(fd.member);
        if constexpr (std::is_same_v<T, bool>) {
            v = o.boolean(key, v);
        } else if constexpr (std::is_same_v<T, std::string>) {
            v = o.string(key, v);
        } else if constexpr (std::is_enum_v<T>) {
            v = o.template enumeration<T>(key, v);
        } else if constexpr (std::is_same_v<T, double>) {
            v = o.number(key, v, expected_text<T>(fd.range).c_str());
        } else if constexpr (std::is_same_v<T, int>) {
            v = o.integer(key, v, expected_text<T>(fd.range).c_str());
        } else if constexpr (std::is_same_v<T, std::vector<double>>) {
            v = o.numbers(key, v);
        } else if constexpr (std::is_same_v<T, std::vector<time_ms>>) {
            if (const json* a = o.array(key)) {
                v.clear();
                const bool epoch = fd.unit == "ms since the epoch";
                for (std::size_t i = 0; i < a->size(); ++i) {
                    const std::string p = index(o.at(key), i);
                    v.push_back(epoch ? epoch_ms(c, o, (*a)[i], p) : o.as_int((*a)[i], p));
                }
            }
        } else if constexpr (is_vector<T>::value) {
            if (const json* a = o.array(key)) {
                v.clear();
                for (std::size_t i = 0; i < a->size(); ++i)
                    v.push_back(
                        read_struct<typename T::value_type>(c, (*a)[i], index(o.at(key), i)));
            }
        } else {
            static_assert(is_described<T>::value, "a field of a type readers do not know");
            if (const json* n = o.get(key)) v = read_nested<T>(c, *n, o.at(key), v);
        }
    });
}

// A struct from its object, starting from s; unknown fields are errors.
template <class S> S read_struct(const context& c, const json& j, const std::string& path, S s) {
    object_reader o(c, j, path);
    read_fields(c, o, s);
    o.done();
    return s;
}

// Every described field of s, in the description's order.
template <class S> json write_fields(const S& s) {
    json out = json::object();
    for_each_field<S>([&](const auto& fd) {
        using T = typename std::decay_t<decltype(fd)>::value_type;
        const std::string key(fd.name);
        const T& v = s.*(fd.member);
        if constexpr (std::is_enum_v<T>) {
            out[key] = std::string(canonical_name(v));
        } else if constexpr (std::is_same_v<T, double>) {
            out[key] = fd.range.allow_infinite ? number_or_null(v) : json(v);
        } else if constexpr (std::is_arithmetic_v<T> || std::is_same_v<T, std::string> ||
                             std::is_same_v<T, std::vector<double>> ||
                             std::is_same_v<T, std::vector<time_ms>>) {
            out[key] = v;
        } else if constexpr (is_vector<T>::value) {
            json a = json::array();
            for (const auto& e : v)
                a.push_back(write_fields(e));
            out[key] = std::move(a);
        } else {
            out[key] = write_fields(v);
        }
    });
    return out;
}

// A policy's object: its "type", then its fields.
template <class S> json write_policy(const char* type, const S& s) {
    json out = {{"type", type}};
    out.update(write_fields(s));
    return out;
}

// ---------------------------------------------------------------------------------------------
// Enumerations, named as their C++ enumerators.

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
const enum_table<mixed_periods> mixed_period_names = {{"error", mixed_periods::error},
                                                      {"spread", mixed_periods::spread}};
const enum_table<access_log_format> log_format_names = {
    {"auto_detect", access_log_format::auto_detect},
    {"common_log", access_log_format::common_log},
    {"plain", access_log_format::plain},
};

enum class trace_format { csv, cloudwatch, json_trace, access_log };
const enum_table<trace_format> format_table = {{"csv", trace_format::csv},
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

// Runs a struct's validate() and names its error's field (a C++ path such as
// "scaling.target_tracking[name].target_value") by the document's JSON path.
template <class F>
void validated(const context& c, F&& check, const std::string& from, const std::string& to) {
    try {
        check();
    } catch (const config_error& e) {
        in_document(c, e, from, to);
    }
}

// ---------------------------------------------------------------------------------------------
// Traces.

struct loaded_trace {
    trace traffic;
    std::optional<arrival_log> log; ///< access logs: every request (for arrivals = "log")
    json effective;
    std::string cut; ///< how slice and scale changed the trace read ("" when they did not)
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
        const auto fmt = o.enumeration("format", trace_format::csv, format_table);
        eff["file"] = resolved;
        eff["format"] = enum_name(format_table, fmt);
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
            opt.max_gap_ratio = o.number("max_gap_ratio", opt.max_gap_ratio, "a number >= 0");
            if (!(opt.max_gap_ratio >= 0) || !std::isfinite(opt.max_gap_ratio))
                fail(c, o.at("max_gap_ratio"),
                     "expected a number >= 0, got " + detail::format_double(opt.max_gap_ratio));
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
            eff["max_gap_ratio"] = opt.max_gap_ratio;
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
            opt.max_gap_ratio = o.number("max_gap_ratio", opt.max_gap_ratio, "a number >= 0");
            if (!(opt.max_gap_ratio >= 0) || !std::isfinite(opt.max_gap_ratio))
                fail(c, o.at("max_gap_ratio"),
                     "expected a number >= 0, got " + detail::format_double(opt.max_gap_ratio));
            opt.max_gap_ms = seconds_to_ms(o.number("max_gap_s", 0, "a number of seconds >= 0"));
            if (opt.max_gap_ms < 0) fail(c, o.at("max_gap_s"), "expected a number of seconds >= 0");
            opt.periods = o.enumeration("mixed_periods", opt.periods, mixed_period_names);
            eff["max_gap_s"] = ms_to_seconds(opt.max_gap_ms);
            eff["mixed_periods"] = enum_name(mixed_period_names, opt.periods);
            eff["statistic"] = opt.statistic;
            eff["id"] = opt.id;
            eff["values"] = enum_name(value_kind_names, opt.values);
            eff["interval_ms"] = opt.interval_ms;
            eff["gaps"] = enum_name(gap_names, opt.gaps);
            eff["max_intervals"] = opt.max_intervals;
            eff["max_gap_ratio"] = opt.max_gap_ratio;
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
            opt.max_gap_ratio = o.number("max_gap_ratio", opt.max_gap_ratio, "a number >= 0");
            if (!(opt.max_gap_ratio >= 0) || !std::isfinite(opt.max_gap_ratio))
                fail(c, o.at("max_gap_ratio"),
                     "expected a number >= 0, got " + detail::format_double(opt.max_gap_ratio));
            const time_ms interval_ms = o.int64("interval_ms", 60000);
            eff["log_format"] = enum_name(log_format_names, opt.format);
            eff["time_format"] = enum_name(time_format_names, opt.time_format);
            eff["naive_times_are_utc"] = opt.naive_times_are_utc;
            eff["allow_unsorted"] = opt.allow_unsorted;
            eff["max_intervals"] = opt.max_intervals;
            eff["max_gap_ratio"] = opt.max_gap_ratio;
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
        const trace t = [&] {
            try {
                return read_generator(c, *gen, o.at("generator"), g);
            } catch (const trace_error& e) { // counts past what a trace may hold
                fail(c, o.at("generator"), e.what());
            }
        }();
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
        if (start_ms >= out.traffic.duration_ms())
            fail(c, sp + ".start_s",
                 "is at or beyond the end of the trace (" +
                     detail::format_double(ms_to_seconds(out.traffic.duration_ms())) + " s)");
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
        char days[32];
        std::snprintf(days, sizeof days, "%.3g",
                      ms_to_seconds(out.traffic.duration_ms()) / 86400.0);
        out.cut = "trace.slice kept [" + detail::format_double(start_s) + " s, " +
                  detail::format_double(ms_to_seconds(end_ms)) + " s) of the file's " + days +
                  " days";
        out.traffic = out.traffic.slice(static_cast<std::size_t>(start_ms / iv),
                                        static_cast<std::size_t>((end_ms - start_ms) / iv));
    }
    if (scale != 1) {
        out.cut += std::string(out.cut.empty() ? "" : "; ") + "trace.scale multiplied counts by " +
                   detail::format_double(scale);
        try {
            out.traffic = out.traffic.scaled(scale);
        } catch (const trace_error& e) {
            fail(c, o.at("scale"),
                 detail::format_double(scale) + " makes the counts too large: " + e.what());
        }
    }
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
    const instance_type t = read_struct<instance_type>(c, j, path);
    validated(c, [&] { t.validate(); }, "endpoint.instance_type", path);
    return t;
}

template <>
instance_type read_nested(const context& c, const json& j, const std::string& path, instance_type) {
    return read_instance_type(c, j, path);
}

// "seconds" and "spread" are other names for fixed_s and sigma.
template <>
startup_distribution read_nested(const context& c, const json& j, const std::string& path,
                                 startup_distribution s) {
    object_reader o(c, j, path);
    read_fields(c, o, s);
    if (const json* a = o.alias("seconds", "fixed_s")) s.fixed_s = o.as_number(*a, o.at("seconds"));
    if (const json* a = o.alias("spread", "sigma")) s.sigma = o.as_number(*a, o.at("spread"));
    o.done();
    validated(c, [&] { s.validate(); }, "endpoint.startup", path);
    return s;
}

// ---------------------------------------------------------------------------------------------
// Policies.

target_tracking_config read_target_tracking(const context& c, object_reader& o, bool high_res) {
    target_tracking_config t;
    if (high_res) {
        const json& v = o.required("target_value");
        t = target_tracking_config::high_resolution(
            o.as_number(v, o.at("target_value"), "a number > 0"));
    }
    read_fields(c, o, t);
    o.done();
    validated(c, [&] { t.validate(); }, "scaling.target_tracking[" + t.name + "]", o.path());
    return t;
}

step_scaling_config read_step_scaling(const context& c, object_reader& o) {
    step_scaling_config s;
    const json& steps = o.required("steps");
    if (!steps.is_array()) fail(c, o.at("steps"), "expected an array, got " + show(steps));
    read_fields(c, o, s);
    o.done();
    validated(c, [&] { s.validate(); }, "scaling.step_scaling[" + s.name + "]", o.path());
    return s;
}

scheduled_action_config read_scheduled(const context& c, object_reader& o) {
    scheduled_action_config s;
    read_fields(c, o, s);
    // at_s and at_epoch_s: the same times in seconds (fractions allowed), appended.
    if (const json* a = o.array("at_s")) {
        for (std::size_t i = 0; i < a->size(); ++i) {
            const std::string p = index(o.at("at_s"), i);
            const double sec = o.as_number((*a)[i], p, "a number of seconds");
            if (!(std::fabs(sec) < 1e13)) fail(c, p, "expected a number of seconds below 1e13");
            s.at_ms.push_back(seconds_to_ms(sec));
        }
    }
    if (const json* a = o.array("at_epoch_s")) {
        const char* expected = "seconds since the epoch or an ISO-8601 time with a zone";
        for (std::size_t i = 0; i < a->size(); ++i) {
            const json& v = (*a)[i];
            const std::string p = index(o.at("at_epoch_s"), i);
            if (v.is_string()) {
                s.at_epoch_ms.push_back(epoch_ms(c, o, v, p));
                continue;
            }
            const double sec = o.as_number(v, p, expected);
            if (!(std::fabs(sec) < 1e13)) fail(c, p, std::string("expected ") + expected);
            s.at_epoch_ms.push_back(seconds_to_ms(sec));
        }
    }
    o.done();
    validated(c, [&] { s.validate(); }, "scaling.scheduled[" + s.name + "]", o.path());
    return s;
}

predictive_config read_predictive(const context& c, object_reader& o) {
    predictive_config p;
    read_fields(c, o, p);
    o.done();
    validated(c, [&] { p.validate(); }, "scaling.predictive[" + p.name + "]", o.path());
    return p;
}

hpa_config read_hpa(const context& c, object_reader& o) {
    hpa_config h;
    read_fields(c, o, h);
    // Kubernetes spells them behavior.scaleUp / behavior.scaleDown.
    if (const json* b = o.get("behavior")) {
        object_reader bo(c, *b, o.at("behavior"));
        const bool has_up = o.present("scale_up");
        const bool has_down = o.present("scale_down");
        if (const json* r = bo.get("scale_up")) {
            if (has_up) fail(c, bo.at("scale_up"), "give scale_up or behavior.scale_up, not both");
            h.scale_up = read_struct<hpa_scaling_rules>(c, *r, bo.at("scale_up"), h.scale_up);
        }
        if (const json* r = bo.get("scale_down")) {
            if (has_down)
                fail(c, bo.at("scale_down"), "give scale_down or behavior.scale_down, not both");
            h.scale_down = read_struct<hpa_scaling_rules>(c, *r, bo.at("scale_down"), h.scale_down);
        }
        bo.done();
    }
    o.done();
    validated(c, [&] { h.validate(); }, "scaling.hpa[" + h.name + "]", o.path());
    return h;
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

// Prefixes of the field paths of scaling_config::validate()'s errors and the JSON paths they stand
// for, for the checks across policies (two target-tracking policies on one metric).
using path_map = std::vector<std::pair<std::string, std::string>>;

void read_scaling(const context& c, const json& j, scaling_config& s, path_map& paths) {
    object_reader o(c, j, "scaling");
    read_fields(c, o, s);
    // The deployed scaling, from the AWS CLI's output (io/aws_policy.hpp): the one AWS reader the
    // command's --policy-from uses too.
    if (const json* a = o.array("from_aws")) {
        for (const char* key : {"policies", "min_capacity", "max_capacity"}) {
            if (j.contains(key)) {
                fail(c, o.at(key),
                     "cannot be given with from_aws, whose files give MinCapacity, MaxCapacity "
                     "and the policies");
            }
        }
        std::vector<std::string> files;
        for (std::size_t i = 0; i < a->size(); ++i) {
            if (!(*a)[i].is_string()) {
                fail(c, index(o.at("from_aws"), i), "expected a file name");
            }
            files.push_back(resolve_path(c, (*a)[i].get<std::string>()));
        }
        if (files.empty()) fail(c, o.at("from_aws"), "expected at least one file");
        const aws_scaling deployed = read_aws_scaling(files, o.string("resource_id", ""));
        s.min_capacity = deployed.scaling.min_capacity;
        s.max_capacity = deployed.scaling.max_capacity;
        s.target_tracking = deployed.scaling.target_tracking;
        s.step_scaling = deployed.scaling.step_scaling;
        s.scheduled = deployed.scaling.scheduled;
        o.done();
        return;
    }
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
        policies.push_back(write_policy("target_tracking", p));
    for (const auto& p : s.step_scaling)
        policies.push_back(write_policy("step_scaling", p));
    for (const auto& p : s.scheduled)
        policies.push_back(write_policy("scheduled", p));
    for (const auto& p : s.predictive)
        policies.push_back(write_policy("predictive", p));
    for (const auto& p : s.hpa)
        policies.push_back(write_policy("hpa", p));
    json out = write_fields(s);
    out["policies"] = std::move(policies);
    return out;
}

// The effective document of a scenario with the given trace section.
json scenario_document(const scenario& sc, json trace_section) {
    return {{"version", 1},
            {"trace", std::move(trace_section)},
            {"endpoint", write_fields(sc.endpoint)},
            {"scaling", write_scaling(sc.scaling)},
            {"mode", canonical_name(sc.mode)},
            {"arrivals", canonical_name(sc.arrivals)},
            {"slo", write_fields(sc.slo)},
            {"seed", sc.seed},
            {"record_timeline", sc.record_timeline}};
}

// ---------------------------------------------------------------------------------------------
// Optimisation.

const std::vector<std::string>& parameter_names() {
    static const std::vector<std::string> names = optimize::search_space::parameter_names();
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
            if (const json* s = v.get("startup"))
                pv.startup = read_nested(c, *s, v.at("startup"), startup_distribution{});
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
            try {
                sc.traffic = sc.traffic.scaled(pv.traffic_scale);
            } catch (const trace_error& e) {
                fail(c, pv.path + ".traffic_scale",
                     detail::format_double(pv.traffic_scale) +
                         " makes the counts too large: " + e.what());
            }
        }
        if (pv.startup) sc.endpoint.startup = *pv.startup;
        if (pv.seed) sc.seed = *pv.seed;
        spec.problem.scenarios.push_back(std::move(sc));
        variants_eff.push_back({{"name", pv.name},
                                {"traffic_scale", pv.traffic_scale},
                                {"startup", pv.startup ? write_fields(*pv.startup) : json()},
                                {"seed", pv.seed ? json(*pv.seed) : json()},
                                {"trace", trace_eff}});
    }

    // search_space's errors name the field "search_space.<display name>": the dimension.
    const auto space_error = [&](const config_error& e) {
        const auto names = space.names();
        for (std::size_t i = 0; i < names.size(); ++i) {
            if (e.field() == "search_space." + names[i])
                fail(c, index("optimize.space", i), e.problem());
        }
        fail(c, "optimize.space", e.field().empty() ? e.problem() : e.what());
    };
    if (dims->empty()) // checked after the section's other fields, as search_space would be
        fail(c, "optimize.space",
             "expected at least one dimension, e.g. {\"parameter\": \"target_value\", \"low\": "
             "10, \"high\": 60, \"step\": 10}");
    try {
        space.validate(base);
        if (spec.method == search_method::grid) (void)space.grid_size();
    } catch (const config_error& e) {
        space_error(e);
    }
    // Each variant is checked here, so its error names its place in the document; scenario 0
    // is the file's own, checked already.
    for (std::size_t i = 1; i < spec.problem.scenarios.size(); ++i) {
        try {
            spec.problem.scenarios[i].validate();
        } catch (const config_error& e) {
            fail(c, index("optimize.scenarios", i - 1), e.what());
        }
    }
    try {
        spec.problem.validate();
    } catch (const config_error& e) {
        fail(c, "optimize", e.what());
    }

    json types_eff = json::array();
    for (const auto& t : space.instance_types)
        types_eff.push_back(write_fields(t));
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

// The overrides, applied to the document before it is read. A trace format given as an override
// (the command's --trace-format, Python's trace_format=) is checked here, so that its error says
// it was given as one rather than blaming the file.
void apply_overrides(const context& c, json& doc, const scenario_overrides& ov) {
    if (!doc.is_object()) return;
    if (!ov.trace_format.empty()) {
        const auto& names = trace_format_names();
        if (std::find(names.begin(), names.end(), ov.trace_format) == names.end()) {
            std::string known;
            for (const auto& n : names)
                known += (known.empty() ? "\"" : ", \"") + n + "\"";
            fail(c, "trace.format",
                 "expected one of " + known + ", got " + detail::quoted(ov.trace_format) +
                     " (given as an override: --trace-format, trace_format=)");
        }
        const auto t = doc.find("trace");
        if (ov.trace_path.empty() && t != doc.end() && t->is_object() && t->contains("generator") &&
            !(*t)["generator"].is_null())
            fail(c, "trace.format",
                 detail::quoted(ov.trace_format) +
                     " is given as an override (--trace-format, trace_format=) but the trace "
                     "is a generator, not a file; give the trace file too (--trace, trace=)");
    }
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

// A key given twice in one object is refused (JSON allows it, and the last value would silently
// win), naming its path.
json::parser_callback_t duplicate_key_check(const context& c) {
    return detail::reject_duplicate_keys<json>(true, [&c](const std::string& path) {
        fail(c, path, "given twice in one object; keep one");
    });
}

scenario_file parse_scenario(std::string_view text, const std::string& source,
                             const std::string& base_dir, const scenario_overrides& overrides) {
    const context c{source, base_dir};
    json doc;
    try {
        doc = json::parse(text.begin(), text.end(), duplicate_key_check(c));
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
    apply_overrides(c, doc, overrides);

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
    sc.mode = top.enumeration("mode", sc.mode);
    sc.arrivals = top.enumeration("arrivals", sc.arrivals);
    const json* slo = top.get("slo");
    sc.seed = top.unsigned64("seed", sc.seed);
    sc.record_timeline = top.boolean("record_timeline", sc.record_timeline);
    const json* optimize_json = top.get("optimize");
    top.done();

    if (endpoint != nullptr)
        sc.endpoint = read_struct<endpoint_config>(c, *endpoint, "endpoint", sc.endpoint);
    path_map paths;
    if (scaling != nullptr) read_scaling(c, *scaling, sc.scaling, paths);
    if (!overrides.policy_from.empty()) {
        // The deployed scaling replaces the file's capacities and policies; the simulator's own
        // settings (cooldown_from, basis, ...) stay the file's.
        const aws_scaling deployed = read_aws_scaling(overrides.policy_from, overrides.resource_id);
        scaling_config s = deployed.scaling;
        s.cooldown_from = sc.scaling.cooldown_from;
        s.basis = sc.scaling.basis;
        s.scale_out_while_updating = sc.scaling.scale_out_while_updating;
        sc.scaling = std::move(s);
    }
    if (slo != nullptr) sc.slo = read_struct<slo_config>(c, *slo, "slo", sc.slo);
    try {
        sc.endpoint.type.validate();
        sc.endpoint.startup.validate();
        sc.scaling.validate();
        sc.slo.validate();
    } catch (const config_error& e) {
        for (const auto& [from, to] : paths) {
            if (e.field().rfind(from, 0) == 0) in_document(c, e, from, to);
        }
        in_document(c, e, "", "");
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

    json eff = scenario_document(sc, lt.effective);
    if (optimize_json != nullptr) {
        optimize_section os = read_optimize(c, *optimize_json, sc);
        out.optimization = std::move(os.spec);
        eff["optimize"] = std::move(os.effective);
    }
    out.effective_json = eff.dump(2) + "\n";
    if (lt.effective.contains("file")) out.trace_file = lt.effective["file"].get<std::string>();
    out.trace_cut = lt.cut;
    return out;
}

std::string write_scenario_json(const scenario& sc, std::string_view trace_section) {
    if (!sc.scaling.custom.empty()) {
        throw config_error(error_location{"", 0, "scaling.custom"},
                           "custom policies are code and cannot be written to a scenario file");
    }
    json trace_json;
    try {
        trace_json = json::parse(trace_section.begin(), trace_section.end());
    } catch (const json::exception& e) {
        throw config_error(error_location{"", 0, "trace"},
                           "not a JSON object: " + detail::json_problem(e.what()));
    }
    if (!trace_json.is_object()) {
        throw config_error(error_location{"", 0, "trace"}, "expected a JSON object");
    }
    return scenario_document(sc, std::move(trace_json)).dump(2) + "\n";
}

std::string trace_section_json(const scenario_file& sf) {
    const json doc = json::parse(sf.effective_json);
    return doc.at("trace").dump();
}

const std::vector<std::string>& trace_format_names() {
    static const std::vector<std::string> names = [] {
        std::vector<std::string> v;
        for (const auto& [name, value] : format_table)
            v.emplace_back(name);
        return v;
    }();
    return names;
}

scenario_file read_scenario_file(const std::string& path, const scenario_overrides& overrides) {
    const std::string text = detail::read_file(path);
    const std::filesystem::path p(path);
    return parse_scenario(text, path, p.parent_path().string(), overrides);
}

} // namespace autoscalesim::io
