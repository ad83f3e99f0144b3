#pragma once
/// Reading traces from CSV (dashboard exports, our own files) and writing traces and results to
/// CSV.

#include "autoscalesim/io/trace_options.hpp"
#include "autoscalesim/result.hpp"
#include "autoscalesim/trace.hpp"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace autoscalesim::io {

/// Whether the first row of a CSV names the columns.
enum class header_mode : std::uint8_t {
    auto_detect, ///< a header when the first row's time field is empty or does not start like a
                 ///< number
    present,     ///< the first non-comment row is a header
    absent,      ///< every row is data
};

/// How read_csv_trace reads a file. Rows are data lines; blank lines and lines starting with `#`
/// are skipped, except `# interval_ms=N` before the data, which gives the interval (written by
/// write_csv_trace for one-row traces). With auto_detect, a time column named `..._ms` or `..._s`
/// holds epoch milliseconds or seconds whatever the size of the numbers.
struct csv_options {
    header_mode header = header_mode::auto_detect; ///< header row or not
    std::string time_column{};                     ///< time column by header name; empty: by index
    std::string value_column{};                    ///< value column by header name; empty: by index
    std::size_t time_column_index = 0;             ///< 0-based time column when no name is given
    std::size_t value_column_index = 1;            ///< 0-based value column when no name is given
    char delimiter = ',';                          ///< field separator (fields may be "quoted")
    timestamp_format time_format = timestamp_format::auto_detect; ///< how timestamps are written
    bool naive_times_are_utc = false; ///< ISO times without a zone: UTC instead of an error
    value_kind values = value_kind::count_per_interval; ///< counts per interval or rates per second
    time_ms interval_ms = 0;                            ///< 0: the smallest step between rows
    gap_policy gaps = gap_policy::error;                ///< missing intervals
    std::size_t max_intervals = max_trace_intervals;    ///< longest trace to build (guards typos)
    /// With a gap policy that fills gaps: one gap longer than a day and than this many times the
    /// span of the rest of the data is an error naming its row (a mistyped year); 0 allows it.
    double max_gap_ratio = 10;
    /// Multi-model endpoints: the columns whose header starts with this hold per-model counts
    /// (model k is the k-th such column, left to right) and the trace's count is their sum;
    /// empty reads value_column alone. Needs a header.
    std::string model_column_prefix{};
};

/// Throws config_error (field `prefix` + "time_column_index" or "value_column_index") when a
/// column is given both by name and by another index than the default: the index would be
/// ignored. The readers check this first.
void check_csv_columns(const csv_options& options, const std::string& prefix = "");

/// Reads a `timestamp,requests` CSV with the default options: header detected, timestamps as
/// ISO-8601 with a zone or epoch seconds/ms, counts per interval, interval inferred, gaps are
/// errors. Throws io_error if the file cannot be read and trace_error naming file:line for a bad
/// row.
trace read_csv_trace(const std::string& path);

/// Reads a CSV trace with the given options; errors as above. With `report`, says what the gap
/// policy filled.
trace read_csv_trace(const std::string& path, const csv_options& options,
                     gap_fill_report* report = nullptr);

/// What the gap policy `gaps` filled in `t`, a CSV trace read with `report`, for a person
/// (gap_fill_text's wording, "2 intervals without a row read as zero traffic (...)"); empty when
/// nothing was filled.
std::string csv_gap_text(const gap_fill_report& report, const trace& t, gap_policy gaps);

/// Parses CSV text held in memory; name stands for the file in messages.
trace parse_csv_trace(std::string_view text, const csv_options& options,
                      const std::string& name = "<text>");

/// The header's column names of a CSV file (its first row that is not blank or a comment);
/// throws io_error when the file cannot be read and trace_error for a malformed row.
std::vector<std::string> read_csv_header(const std::string& path, const csv_options& options);

/// Seconds since the Unix epoch for an ISO-8601 timestamp with a `Z`, `+hh:mm`, `+hhmm` or `+hh`
/// offset; throws trace_error on anything else.
double parse_iso8601(const std::string& text);

/// `1995-07-01T04:00:00Z` for a time in ms since the epoch (with `.mmm` when not a whole second).
std::string format_iso8601(time_ms epoch_ms);

/// How write_csv_trace writes timestamps.
struct csv_write_options {
    timestamp_format time_format = timestamp_format::iso8601; ///< iso8601, epoch_s or epoch_ms
};

/// The trace as CSV text: header `timestamp,requests` (`timestamp_ms`/`timestamp_s` for epoch
/// times), one row per interval, counts in the shortest form that reads back to the same double, so
/// read_csv_trace(write) gives the same trace bit for bit.
std::string format_csv_trace(const trace& t, const csv_write_options& options = {});

/// Writes format_csv_trace(t) to path; throws io_error on failure.
void write_csv_trace(const trace& t, const std::string& path,
                     const csv_write_options& options = {});

/// Writes the timeline as CSV (one row per interval) to path; throws io_error on failure.
void write_timeline_csv(const timeline& steps, const std::string& path);

/// Writes the scaling activities as CSV to path; throws io_error on failure.
void write_activities_csv(const std::vector<activity>& activities, const std::string& path);

} // namespace autoscalesim::io
