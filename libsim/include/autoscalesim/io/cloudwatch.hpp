#pragma once
/// Reading traces from what the AWS CLI prints: `aws cloudwatch get-metric-statistics` (Datapoints)
/// and `aws cloudwatch get-metric-data` (MetricDataResults, one or several pages). docs/traces.md
/// has the commands that export SageMaker `Invocations`.

#include "autoscalesim/io/trace_options.hpp"
#include "autoscalesim/trace.hpp"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace autoscalesim::io {

/// What to do when the files or pages of one export hold different periods (CloudWatch keeps
/// 1-minute datapoints for 15 days, then 5-minute ones for 63 days, so a month exported in two
/// parts has both).
enum class mixed_periods : std::uint8_t {
    error,  ///< refuse, naming each file or page and its period (the default)
    spread, ///< split each coarser datapoint evenly over the finest period's intervals
};

/// How read_cloudwatch_json turns an export into a trace.
struct cloudwatch_options {
    /// get-metric-statistics: the statistic to read. A trace counts requests: Sum or SampleCount
    /// (another, such as Average, only with values = rate_per_s); a metric's series
    /// (read_cloudwatch_series) any, Average, Minimum, Maximum or a percentile such as p99.
    /// Sum falls back to Average * SampleCount when a datapoint has both but no Sum.
    std::string statistic = "Sum";
    /// get-metric-data: the MetricDataResults Id to read; empty means the export must hold one Id.
    std::string id{};
    /// The metric a trace is read from (read_cloudwatch_json; read_cloudwatch_series reads any):
    /// an export whose Label names another is an error, since its values count no requests.
    /// get-metric-statistics prints the metric's name as the Label, get-metric-data the query's
    /// Label (the metric's name unless the query set one); without a Label it is not checked.
    /// Empty: any Label. Whatever the metric, a trace's datapoints must be in a unit of counts:
    /// a get-metric-statistics Unit other than "None" (SageMaker's Invocations) or "Count"
    /// ("Count/Second" too for rates) is an error, except for the SampleCount statistic.
    std::string metric = "Invocations";
    /// read_cloudwatch_series: the unit the series must be in where a datapoint names one
    /// (get-metric-statistics' Unit, e.g. "Microseconds" for ModelLatency); empty: not checked.
    std::string unit{};
    value_kind values =
        value_kind::count_per_interval; ///< Sum of Invocations is a count per period
    time_ms interval_ms = 0;            ///< the period; 0: the smallest step between datapoints
    /// CloudWatch omits periods without data; for Invocations that means no requests (use zero),
    /// but an error by default so that a missing page is not mistaken for idle time.
    gap_policy gaps = gap_policy::error;
    std::size_t max_intervals = max_trace_intervals; ///< longest trace to build (guards typos)
    /// With a gap policy that fills gaps: one gap longer than a day and than this many times the
    /// span of the rest of the data is an error naming its row (a mistyped year); 0 allows it.
    double max_gap_ratio = 10;
    /// With a gap policy that fills gaps: one gap (run of periods without a datapoint) longer
    /// than this is an error naming it, since it suggests missing data rather than quiet time;
    /// 0: no limit.
    time_ms max_gap_ms = 0;
    /// Files or pages with different periods: an error, or spread evenly.
    mixed_periods periods = mixed_periods::error;
};

/// What reading an export found, for reports.
struct cloudwatch_report {
    /// One file or page of the export.
    struct source {
        std::string name;           ///< the file, with the document or array element for pages
        time_ms period_ms = 0;      ///< its period (0: one datapoint, so none to tell)
        std::size_t datapoints = 0; ///< its datapoints
    };
    std::vector<source> sources; ///< in the order read
    /// The coarser sources' datapoints were spread over the trace's interval (mixed_periods
    /// spread with several periods).
    bool spread = false;
    gap_fill_report gaps; ///< what the gap policy filled
};

/// The report as lines for a person: "periods: f.json 60 s x 39530", "spread: ...",
/// "gaps: 162 periods without a datapoint read as zero traffic (0.41 % of the trace); longest run
/// 22 (00:22:00) from 1995-07-13T23:49:00Z" or "gaps: none". t is the trace read; gaps the policy.
std::vector<std::string> report_lines(const cloudwatch_report& report, const trace& t,
                                      gap_policy gaps);

/// Reads one export file: one JSON document, several documents one after another (pages appended
/// with >>), or a JSON array of documents. Datapoints may be in any order; a timestamp seen twice
/// (overlapping pages) is an error. Throws io_error when the file cannot be read, trace_error
/// naming the file and the JSON location of a bad value.
trace read_cloudwatch_json(const std::string& path, const cloudwatch_options& options = {});

/// Reads several export files (e.g. one per page, or the 5-minute and the 1-minute part of a
/// month) as one export. When report is given, says there what was read and filled.
trace read_cloudwatch_json(const std::vector<std::string>& paths,
                           const cloudwatch_options& options = {},
                           cloudwatch_report* report = nullptr);

/// Parses export text held in memory; name stands for the file in messages.
trace parse_cloudwatch_json(std::string_view text, const cloudwatch_options& options,
                            const std::string& name = "<text>");

/// A metric's datapoints as exported, e.g. ModelLatency's Average or GPUUtilization's: no trace
/// (nothing is filled between datapoints), for comparing with what a simulation shows.
struct metric_series {
    std::vector<time_ms> epoch_ms; ///< datapoint timestamps (ms since the Unix epoch), increasing
    std::vector<double> values;    ///< one per timestamp, >= 0, in the export's unit
};

/// Reads the datapoints of the statistic (get-metric-statistics) or the Id (get-metric-data)
/// that `options` names; the other options do not apply. A timestamp listed twice is an error
/// naming both places; so are the export errors read_cloudwatch_json reports.
metric_series read_cloudwatch_series(const std::vector<std::string>& paths,
                                     const cloudwatch_options& options = {});

/// The same from text held in memory; name stands for the file in messages.
metric_series parse_cloudwatch_series(std::string_view text, const cloudwatch_options& options,
                                      const std::string& name = "<text>");

} // namespace autoscalesim::io
