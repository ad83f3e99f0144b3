#pragma once
/// Reading traces from and writing results to CSV files.

#include "autoscalesim/result.hpp"
#include "autoscalesim/trace.hpp"

#include <string>

namespace autoscalesim::io {

/// Reads a `timestamp,requests` CSV: one row per interval, timestamps as ISO-8601 UTC
/// (`1995-07-01T04:00:00Z`) or integer seconds, the interval taken from the first two rows.
/// Throws io_error if the file cannot be read and trace_error naming file:line for a bad row.
trace read_csv_trace(const std::string& path);

/// Seconds since the Unix epoch for an ISO-8601 timestamp with a `Z` or `+hh:mm` offset;
/// throws trace_error on anything else.
double parse_iso8601(const std::string& text);

/// Writes the timeline as CSV (one row per interval) to path; throws io_error on failure.
void write_timeline_csv(const timeline& steps, const std::string& path);

/// Writes the scaling activities as CSV to path; throws io_error on failure.
void write_activities_csv(const std::vector<activity>& activities, const std::string& path);

} // namespace autoscalesim::io
