#pragma once
/// Reading access logs (one request per line) as per-request arrival logs or as counts per
/// interval.

#include "autoscalesim/arrival_log.hpp"
#include "autoscalesim/io/trace_options.hpp"
#include "autoscalesim/trace.hpp"

#include <cstdint>
#include <string>
#include <string_view>

namespace autoscalesim::io {

/// The layout of each line.
enum class access_log_format : std::uint8_t {
    auto_detect, ///< Common Log Format when the first request line has a `[...]` time, plain
                 ///< otherwise
    common_log,  ///< `host ident user [01/Jul/1995:00:00:01 -0400] "GET / HTTP/1.0" 200 6245`
                 ///< (NCSA/Apache)
    plain,       ///< one timestamp per line (epoch s, epoch ms or ISO-8601; see time_format)
};

/// How the access-log readers read a file. Blank lines and lines starting with `#` are skipped.
struct access_log_options {
    access_log_format format = access_log_format::auto_detect; ///< line layout
    timestamp_format time_format =
        timestamp_format::auto_detect; ///< plain format: how times are written
    bool naive_times_are_utc = false;  ///< plain ISO times without a zone: UTC instead of an error
    bool allow_unsorted = false; ///< accept lines out of time order (sorted) instead of an error
    std::size_t max_intervals = max_trace_intervals; ///< longest trace the counting readers build
    /// One gap between requests longer than a day and than this many times the span of the rest
    /// of the log is an error naming its line (a mistyped year); 0 allows it.
    double max_gap_ratio = 10;
    /// Plain lines are `TIME,MODEL`: each request's model on a multi-model endpoint (the
    /// TargetModel it invoked). Distinct names are models 0, 1, ... in order of first
    /// appearance; when every name is a whole number, the numbers are the model indices.
    bool model_field = false;
};

/// Every request's arrival time; throws io_error when the file cannot be read and trace_error
/// naming file:line for a line without a readable time or a time that goes backwards.
arrival_log read_access_log(const std::string& path, const access_log_options& options = {});

/// Parses access-log text held in memory; name stands for the file in messages.
arrival_log parse_access_log(std::string_view text, const access_log_options& options,
                             const std::string& name = "<text>");

/// Requests per interval_ms, counted while reading (memory follows the number of intervals, not of
/// requests); the first interval is the first request's, aligned to the epoch as
/// arrival_log::to_counts.
trace read_access_log_counts(const std::string& path, time_ms interval_ms,
                             const access_log_options& options = {});

/// Counts from access-log text held in memory; name stands for the file in messages.
trace parse_access_log_counts(std::string_view text, time_ms interval_ms,
                              const access_log_options& options,
                              const std::string& name = "<text>");

} // namespace autoscalesim::io
