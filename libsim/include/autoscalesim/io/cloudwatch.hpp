#pragma once
/// Reading traces from what the AWS CLI prints: `aws cloudwatch get-metric-statistics` (Datapoints)
/// and `aws cloudwatch get-metric-data` (MetricDataResults, one or several pages). docs/traces.md
/// has the commands that export SageMaker `Invocations`.

#include "autoscalesim/io/trace_options.hpp"
#include "autoscalesim/trace.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace autoscalesim::io {

/// How read_cloudwatch_json turns an export into a trace.
struct cloudwatch_options {
    /// get-metric-statistics: the statistic to read (Sum, SampleCount, Average, Minimum, Maximum).
    /// Sum falls back to Average * SampleCount when a datapoint has both but no Sum.
    std::string statistic = "Sum";
    /// get-metric-data: the MetricDataResults Id to read; empty means the export must hold one Id.
    std::string id;
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
};

/// Reads one export file: one JSON document, several documents one after another (pages appended
/// with >>), or a JSON array of documents. Datapoints may be in any order; a timestamp seen twice
/// (overlapping pages) is an error. Throws io_error when the file cannot be read, trace_error
/// naming the file and the JSON location of a bad value.
trace read_cloudwatch_json(const std::string& path, const cloudwatch_options& options = {});

/// Reads several export files (e.g. one per page) as one export.
trace read_cloudwatch_json(const std::vector<std::string>& paths,
                           const cloudwatch_options& options = {});

/// Parses export text held in memory; name stands for the file in messages.
trace parse_cloudwatch_json(std::string_view text, const cloudwatch_options& options,
                            const std::string& name = "<text>");

} // namespace autoscalesim::io
