#pragma once
/// Where a scenario's traffic comes from, as data: a file with its format and reader options, or a
/// synthetic generator; then a slice and a scale. A scenario file's "trace" section reads into a
/// trace_spec and its effective form is written from one; load_trace() builds the trace.
/// Each struct's fields are described once (describe.hpp), like the scenario's own.

#include "autoscalesim/arrival_log.hpp"
#include "autoscalesim/describe.hpp"
#include "autoscalesim/generators.hpp"
#include "autoscalesim/io/access_log.hpp"
#include "autoscalesim/io/cloudwatch.hpp"
#include "autoscalesim/io/csv_trace.hpp"
#include "autoscalesim/trace.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace autoscalesim::io {

/// The file formats a trace is read from.
enum class trace_format : std::uint8_t {
    csv,        ///< read_csv_trace
    cloudwatch, ///< read_cloudwatch_json (an AWS CLI export)
    json,       ///< read_json_trace (autoscalesim's own trace JSON)
    access_log, ///< read_access_log, counted per interval (each request kept for arrivals "log")
};

/// An access log's options and the interval its requests are counted in.
struct access_log_spec {
    access_log_options options{}; ///< how the log is read
    time_ms interval_ms = 60'000; ///< the counting interval
};

/// The synthetic traces of generators.hpp.
enum class generator_kind : std::uint8_t {
    seasonal,  ///< generate_seasonal: daily and weekly cycles with a trend
    load_test, ///< generate_load_test: users ramp up, then hold
};

/// Counts drawn around the generator's expected counts, or none.
enum class noise_kind : std::uint8_t {
    none,              ///< the expected counts, fractional
    poisson,           ///< whole counts, variance = mean
    negative_binomial, ///< whole counts, overdispersed (dispersion is the size r)
};

/// add_step_change's arguments.
struct step_change {
    time_ms at_ms = 0; ///< from the start of the trace
    double factor = 1; ///< counts from at_ms on multiplied by this (>= 0)
};

/// add_noise's arguments.
struct noise_spec {
    noise_kind model = noise_kind::none; ///< which distribution, or none
    double dispersion = 10;              ///< negative binomial size r (> 0)
    std::uint64_t seed = 1;              ///< the draws' seed
};

/// The seasonal generator's length and shape.
struct seasonal_spec {
    std::size_t intervals = 10'080; ///< number of intervals (a week of minutes)
    seasonal_options shape{};       ///< rate, cycles and trend
};

/// A synthetic trace: a shape, then flash crowds and step changes in order, then noise.
struct generator_spec {
    generator_kind kind = generator_kind::seasonal;  ///< which shape
    time_ms interval_ms = 60'000;                    ///< the trace's interval
    time_ms start_epoch_ms = 0;                      ///< its wall-clock start
    seasonal_spec seasonal{};                        ///< kind seasonal: its options
    load_test_options load_test{};                   ///< kind load_test: its options
    std::vector<flash_crowd_options> flash_crowds{}; ///< added in order
    std::vector<step_change> step_changes{};         ///< applied in order
    noise_spec noise{};                              ///< drawn last
};

/// Whole intervals of the trace kept, in seconds from its start.
struct trace_slice {
    double start_s = 0;            ///< the first second kept
    std::optional<double> end_s{}; ///< the end (excluded); none: the end of the trace
};

/// A scenario's traffic: read from `file` (when no generator is given) or generated, then sliced,
/// then scaled.
struct trace_spec {
    std::string file{};                        ///< the trace's file (absolute once resolved)
    trace_format format = trace_format::csv;   ///< how it is read
    csv_options csv{};                         ///< format csv: the reader's options
    cloudwatch_options cloudwatch{};           ///< format cloudwatch: the reader's options
    access_log_spec access_log{};              ///< format access_log: the reader's options
    std::optional<generator_spec> generator{}; ///< a synthetic trace instead of a file
    double scale = 1;                          ///< every count multiplied by this
    trace_slice slice{};                       ///< whole intervals kept

    /// Checks every field with its described range and the rules between fields; throws
    /// config_error whose field is `prefix` + the field's path (e.g. "trace.slice.end_s").
    void validate(const std::string& prefix = "trace.") const;
};

/// Calls f with the reader options of s's format (the csv, cloudwatch or access_log member;
/// nothing for json, which has none). Spec is trace_spec or const trace_spec.
template <class Spec, class F> void with_format_options(Spec& s, F&& f) {
    switch (s.format) {
    case trace_format::csv:
        f(s.csv);
        break;
    case trace_format::cloudwatch:
        f(s.cloudwatch);
        break;
    case trace_format::access_log:
        f(s.access_log);
        break;
    case trace_format::json:
        break;
    }
}

/// Calls f with the options of g's kind (seasonal or load_test). Gen is generator_spec or const
/// generator_spec.
template <class Gen, class F> void with_shape(Gen& g, F&& f) {
    if (g.kind == generator_kind::seasonal) {
        f(g.seasonal);
    } else {
        f(g.load_test);
    }
}

/// A trace as a spec loads it.
struct loaded_trace {
    trace traffic;                  ///< the counts, sliced and scaled
    std::optional<arrival_log> log; ///< access logs: every request (for arrivals "log")
    /// csv.model_column_prefix: per model, its count in each interval of `traffic`, sliced
    /// (not scaled: only the shares are used); empty otherwise.
    std::vector<std::vector<double>> model_counts;
    /// How the slice and the scale changed the trace read, for reports (e.g. "trace.slice kept
    /// [0 s, 604800 s) of the file's 27.6 days; trace.scale multiplied counts by 1.3"); empty
    /// when they did not.
    std::string cut;
    /// What a CSV file's gap policy filled, for reports ("trace.gaps: 30 intervals without a
    /// row read as zero traffic ..."); empty when it filled nothing.
    std::string gaps;
};

/// Reads or generates spec's trace, then slices and scales it. Throws io_error / trace_error from
/// the readers (they name file and line) and config_error naming the field (`prefix` + path)
/// whose value the trace cannot take (a slice beyond its end, a scale that overflows a count).
loaded_trace load_trace(const trace_spec& spec, const std::string& prefix = "trace.");

} // namespace autoscalesim::io

namespace autoscalesim {

template <> struct enum_names<io::trace_format> {
    static constexpr std::array<enum_name<io::trace_format>, 4> names{{
        {"csv", io::trace_format::csv},
        {"cloudwatch", io::trace_format::cloudwatch},
        {"json", io::trace_format::json},
        {"access_log", io::trace_format::access_log},
    }};
};

template <> struct enum_names<io::header_mode> {
    static constexpr std::array<enum_name<io::header_mode>, 3> names{{
        {"auto_detect", io::header_mode::auto_detect},
        {"present", io::header_mode::present},
        {"absent", io::header_mode::absent},
    }};
};

template <> struct enum_names<io::timestamp_format> {
    static constexpr std::array<enum_name<io::timestamp_format>, 4> names{{
        {"auto_detect", io::timestamp_format::auto_detect},
        {"epoch_s", io::timestamp_format::epoch_s},
        {"epoch_ms", io::timestamp_format::epoch_ms},
        {"iso8601", io::timestamp_format::iso8601},
    }};
};

template <> struct enum_names<io::value_kind> {
    static constexpr std::array<enum_name<io::value_kind>, 2> names{{
        {"count_per_interval", io::value_kind::count_per_interval},
        {"rate_per_s", io::value_kind::rate_per_s},
    }};
};

template <> struct enum_names<io::gap_policy> {
    static constexpr std::array<enum_name<io::gap_policy>, 4> names{{
        {"error", io::gap_policy::error},
        {"zero", io::gap_policy::zero},
        {"hold", io::gap_policy::hold},
        {"interpolate", io::gap_policy::interpolate},
    }};
};

template <> struct enum_names<io::mixed_periods> {
    static constexpr std::array<enum_name<io::mixed_periods>, 2> names{{
        {"error", io::mixed_periods::error},
        {"spread", io::mixed_periods::spread},
    }};
};

template <> struct enum_names<io::access_log_format> {
    static constexpr std::array<enum_name<io::access_log_format>, 3> names{{
        {"auto_detect", io::access_log_format::auto_detect},
        {"common_log", io::access_log_format::common_log},
        {"plain", io::access_log_format::plain},
    }};
};

template <> struct enum_names<io::generator_kind> {
    static constexpr std::array<enum_name<io::generator_kind>, 3> names{{
        {"seasonal", io::generator_kind::seasonal},
        {"load_test", io::generator_kind::load_test},
        {"diurnal", io::generator_kind::seasonal, true},
    }};
};

template <> struct enum_names<io::noise_kind> {
    static constexpr std::array<enum_name<io::noise_kind>, 3> names{{
        {"none", io::noise_kind::none},
        {"poisson", io::noise_kind::poisson},
        {"negative_binomial", io::noise_kind::negative_binomial},
    }};
};

namespace describe_detail {
/// An interval of a generated or counted trace.
constexpr value_range interval_range() {
    value_range r = within(1000, 3'600'000);
    r.text = "an integer in [1000, 3600000] ms";
    return r;
}
/// A count-guarding ratio (0 turns the guard off).
constexpr value_range ratio_range() {
    return at_least(0);
}
} // namespace describe_detail

template <> struct describe<io::trace_spec> {
    using S = io::trace_spec;
    static constexpr std::string_view name = "trace";
    // generator, and the reader options of the format given, are read and written beside these
    // by the trace section's reader (either a file or a generator; each format its own options).
    static constexpr auto fields = std::make_tuple(
        field<S, std::string>{"file", &S::file, "",
                              "trace file; a relative path is relative to the scenario file's "
                              "directory"},
        field<S, io::trace_format>{"format", &S::format, "", "how the file is read"},
        field<S, double>{"scale", &S::scale, "",
                         "every count multiplied by this, e.g. 1.3 for 30 % growth (after slice)",
                         [] {
                             value_range r = at_least(0);
                             r.text = "a finite number >= 0";
                             return r;
                         }()},
        field<S, io::trace_slice>{"slice", &S::slice, "",
                                  "whole intervals kept, in seconds from the trace's start"});
};

template <> struct describe<io::trace_slice> {
    using S = io::trace_slice;
    static constexpr std::string_view name = "slice";
    static constexpr auto fields = std::make_tuple(
        field<S, double>{"start_s", &S::start_s, "s", "the first second kept",
                         [] {
                             value_range r = within(0, 1e13, false, true);
                             r.text = "a number of seconds in [0, 1e13)";
                             return r;
                         }()},
        field<S, std::optional<double>>{"end_s", &S::end_s, "s",
                                        "the end (excluded, > start_s); null: the trace's end"});
};

template <> struct describe<io::csv_options> {
    using S = io::csv_options;
    static constexpr std::string_view name = "csv";
    static constexpr auto fields = std::make_tuple(
        field<S, io::header_mode>{"header", &S::header, "", "a header row or not"},
        field<S, std::string>{"time_column", &S::time_column, "",
                              "time column by header name; empty: by index"},
        field<S, std::string>{"value_column", &S::value_column, "",
                              "value column by header name; empty: by index"},
        field<S, std::size_t>{"time_column_index", &S::time_column_index, "",
                              "0-based time column when no name is given", at_least(0)},
        field<S, std::size_t>{"value_column_index", &S::value_column_index, "",
                              "0-based value column when no name is given", at_least(0)},
        field<S, std::string>{"model_column_prefix", &S::model_column_prefix, "",
                              "multi-model: columns whose header starts with this are per-model "
                              "counts (model k the k-th); the count is their sum"},
        field<S, char>{"delimiter", &S::delimiter, "", "field separator, one character"},
        field<S, io::timestamp_format>{"time_format", &S::time_format, "",
                                       "how timestamps are written"},
        field<S, bool>{"naive_times_are_utc", &S::naive_times_are_utc, "",
                       "ISO times without a zone: UTC instead of an error"},
        field<S, io::value_kind>{"values", &S::values, "",
                                 "counts per interval or rates per second"},
        field<S, time_ms>{"interval_ms", &S::interval_ms, "ms",
                          "the interval; 0: the smallest step between rows", at_least(0)},
        field<S, io::gap_policy>{"gaps", &S::gaps, "", "missing intervals"},
        field<S, std::size_t>{"max_intervals", &S::max_intervals, "",
                              "longest trace to build (guards typos)", at_least(1)},
        field<S, double>{"max_gap_ratio", &S::max_gap_ratio, "",
                         "one gap longer than a day and this many times the rest of the data "
                         "is an error; 0 allows it",
                         describe_detail::ratio_range()});
};

template <> struct describe<io::cloudwatch_options> {
    using S = io::cloudwatch_options;
    static constexpr std::string_view name = "cloudwatch";
    static constexpr auto fields = std::make_tuple(
        field<S, std::string>{"statistic", &S::statistic, "",
                              "get-metric-statistics: the statistic read"},
        field<S, std::string>{"id", &S::id, "",
                              "get-metric-data: the result Id; empty: the export's only one"},
        field<S, std::string>{"metric", &S::metric, "",
                              "the metric a trace is read from: an export whose Label names "
                              "another is an error; empty: any"},
        field<S, io::value_kind>{"values", &S::values, "",
                                 "counts per interval or rates per second"},
        field<S, time_ms>{"interval_ms", &S::interval_ms, "ms",
                          "the period; 0: the smallest step between datapoints", at_least(0)},
        field<S, io::gap_policy>{"gaps", &S::gaps, "", "periods without a datapoint"},
        field<S, std::size_t>{"max_intervals", &S::max_intervals, "",
                              "longest trace to build (guards typos)", at_least(1)},
        field<S, double>{"max_gap_ratio", &S::max_gap_ratio, "",
                         "one gap longer than a day and this many times the rest of the data "
                         "is an error; 0 allows it",
                         describe_detail::ratio_range()},
        field<S, time_ms>{"max_gap_s", &S::max_gap_ms, "s",
                          "a longer run of missing periods is an error; 0: no limit",
                          [] {
                              value_range r = at_least(0);
                              r.text = "a number of seconds >= 0";
                              return r;
                          }()},
        field<S, io::mixed_periods>{"mixed_periods", &S::periods, "",
                                    "pages of different periods: an error, or each coarser "
                                    "datapoint spread evenly"});
};

template <> struct describe<io::access_log_options> {
    using S = io::access_log_options;
    static constexpr std::string_view name = "access_log_options";
    static constexpr auto fields = std::make_tuple(
        field<S, io::access_log_format>{"log_format", &S::format, "", "line layout"},
        field<S, io::timestamp_format>{"time_format", &S::time_format, "",
                                       "plain format: how times are written"},
        field<S, bool>{"naive_times_are_utc", &S::naive_times_are_utc, "",
                       "ISO times without a zone: UTC instead of an error"},
        field<S, bool>{"allow_unsorted", &S::allow_unsorted, "",
                       "lines out of time order are sorted instead of an error"},
        field<S, std::size_t>{"max_intervals", &S::max_intervals, "",
                              "longest trace to build (guards typos)", at_least(1)},
        field<S, double>{"max_gap_ratio", &S::max_gap_ratio, "",
                         "one gap longer than a day and this many times the rest of the log "
                         "is an error; 0 allows it",
                         describe_detail::ratio_range()},
        field<S, bool>{"model_field", &S::model_field, "",
                       "plain lines are TIME,MODEL: each request's model (multi-model "
                       "endpoints)"});
};

template <> struct describe<io::access_log_spec> {
    using S = io::access_log_spec;
    static constexpr std::string_view name = "access_log";
    // An empty name: the options' fields stand in the same object.
    static constexpr auto fields = std::make_tuple(
        field<S, io::access_log_options>{"", &S::options, "", "how the log is read"},
        field<S, time_ms>{"interval_ms", &S::interval_ms, "ms", "the counting interval",
                          describe_detail::interval_range()});
};

template <> struct describe<io::generator_spec> {
    using S = io::generator_spec;
    static constexpr std::string_view name = "generator";
    // The kind's own options (seasonal_spec or load_test_options) stand in the same object.
    static constexpr auto fields = std::make_tuple(
        field<S, io::generator_kind>{"kind", &S::kind, "", "the shape"},
        field<S, time_ms>{"interval_ms", &S::interval_ms, "ms", "the trace's interval",
                          describe_detail::interval_range()},
        field<S, time_ms>{"start_epoch_ms", &S::start_epoch_ms, "ms",
                          "wall-clock start (ms since the Unix epoch)",
                          value_range{-1e16, 1e16, false, false, false, false,
                                      "an integer within +-1e16 (some 300,000 years)"}},
        field<S, std::vector<flash_crowd_options>>{"flash_crowds", &S::flash_crowds, "",
                                                   "flash crowds, added in order"},
        field<S, std::vector<io::step_change>>{"step_changes", &S::step_changes, "",
                                               "step changes, applied in order"},
        field<S, io::noise_spec>{"noise", &S::noise, "", "counts drawn around the shape"});
};

template <> struct describe<io::seasonal_spec> {
    using S = io::seasonal_spec;
    static constexpr std::string_view name = "seasonal";
    static constexpr auto fields =
        std::make_tuple(field<S, std::size_t>{"intervals", &S::intervals, "", "number of intervals",
                                              within(1, 100'000'000)},
                        field<S, seasonal_options>{"", &S::shape, "", "rate, cycles and trend"});
};

template <> struct describe<seasonal_options> {
    using S = seasonal_options;
    static constexpr std::string_view name = "seasonal_options";
    static constexpr auto fields = std::make_tuple(
        field<S, double>{"mean_rate_per_s", &S::mean_rate_per_s, "requests/s",
                         "mean rate over whole days and weeks at the start", at_least(0)},
        field<S, double>{"daily_amplitude", &S::daily_amplitude, "",
                         "relative swing of the daily cycle", within(0, 1)},
        field<S, double>{"daily_peak_hour_utc", &S::daily_peak_hour_utc, "h",
                         "hour of the daily peak (UTC)", within(0, 24, false, true)},
        field<S, double>{"weekly_amplitude", &S::weekly_amplitude, "",
                         "relative swing of the weekly cycle", within(0, 1)},
        field<S, double>{"weekly_peak_day", &S::weekly_peak_day, "days",
                         "day of the weekly peak (0 = Monday 00:00 UTC)",
                         within(0, 7, false, true)},
        field<S, double>{"trend_per_day", &S::trend_per_day, "1/day",
                         "linear growth of the mean per day (0.01 = +1 %/day); a falling one "
                         "must leave the rate above 0 to the trace's end",
                         value_range{.text = "a finite number > -1 / (the trace's days)"}});
};

template <> struct describe<load_test_options> {
    using S = load_test_options;
    static constexpr std::string_view name = "load_test";
    static constexpr auto fields = std::make_tuple(
        field<S, double>{"users", &S::users, "users", "concurrent users at the plateau",
                         at_least(0)},
        field<S, double>{"ramp_s", &S::ramp_s, "s", "the ramp from 0 to users", at_least(0)},
        field<S, double>{"hold_s", &S::hold_s, "s", "the plateau", at_least(0)},
        field<S, double>{"requests_per_user_per_s", &S::requests_per_user_per_s, "requests/s",
                         "each user's request rate", at_least(0)});
};

template <> struct describe<flash_crowd_options> {
    using S = flash_crowd_options;
    static constexpr std::string_view name = "flash_crowd";
    static constexpr auto fields = std::make_tuple(
        field<S, time_ms>{"onset_ms", &S::onset_ms, "ms",
                          "start of the rise, from the start of the trace"},
        field<S, double>{"extra_peak_rate_per_s", &S::extra_peak_rate_per_s, "requests/s",
                         "extra rate at the top of the spike", at_least(0)},
        field<S, double>{"rise_s", &S::rise_s, "s", "the linear rise (0: a sudden jump)",
                         at_least(0)},
        field<S, double>{"decay_s", &S::decay_s, "s", "time constant of the decay after the peak",
                         above(0)});
};

template <> struct describe<io::step_change> {
    using S = io::step_change;
    static constexpr std::string_view name = "step_change";
    static constexpr auto fields =
        std::make_tuple(field<S, time_ms>{"at_ms", &S::at_ms, "ms", "from the start of the trace"},
                        field<S, double>{"factor", &S::factor, "",
                                         "counts from at_ms on multiplied by this", at_least(0)});
};

template <> struct describe<io::noise_spec> {
    using S = io::noise_spec;
    static constexpr std::string_view name = "noise";
    static constexpr auto fields = std::make_tuple(
        field<S, io::noise_kind>{"model", &S::model, "",
                                 "none keeps the expected counts; the others draw whole counts"},
        field<S, double>{"dispersion", &S::dispersion, "",
                         "negative binomial size r: smaller is burstier", above(0)},
        field<S, std::uint64_t>{"seed", &S::seed, "", "the draws' seed", at_least(0)});
};

} // namespace autoscalesim
