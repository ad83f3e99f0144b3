#pragma once
/// Choices shared by the trace readers: timestamp formats, value units and what to do with gaps.

#include "autoscalesim/time.hpp"

#include <cstddef>
#include <cstdint>
#include <string>

namespace autoscalesim::io {

/// How timestamps are written in a file.
enum class timestamp_format : std::uint8_t {
    auto_detect, ///< decided from the first data row: ISO-8601, or a number (>= 1e11 means ms, else
                 ///< s)
    epoch_s,     ///< seconds since the Unix epoch (or since the trace start), fractions allowed
    epoch_ms,    ///< milliseconds since the Unix epoch (or since the trace start)
    iso8601,     ///< `2024-05-01T10:03:00Z`, `...+02:00`, `...+0200`, fractions of a second allowed
};

/// What a value column means.
enum class value_kind : std::uint8_t {
    count_per_interval, ///< requests in the interval (CloudWatch Sum of Invocations)
    rate_per_s, ///< requests per second, averaged over the interval (multiplied by its length)
};

/// What to do where intervals are missing between two rows.
enum class gap_policy : std::uint8_t {
    error,       ///< throw trace_error naming the gap's position (the default)
    zero,        ///< no requests in the missing intervals
    hold,        ///< repeat the count before the gap
    interpolate, ///< straight line between the counts on either side
};

/// What a reader's gap policy filled, for reports ("filled 162 missing minutes, longest run 22").
struct gap_fill_report {
    std::size_t filled_intervals = 0; ///< intervals added between rows by the gap policy
    std::size_t longest_run = 0;      ///< the most of them in one gap
    time_ms longest_run_start_ms = 0; ///< the first missing interval of that gap (epoch ms)
};

/// Name of a gap policy as used in messages and the CLI: "error", "zero", "hold", "interpolate".
const char* to_string(gap_policy policy) noexcept;

/// What a gap policy filled, for a person: "162 periods without a datapoint read as zero traffic
/// (0.41 % of the trace); longest run 22 (00:22:00) from 1995-07-13T23:49:00Z", `what` naming
/// the missing intervals ("periods without a datapoint", "intervals without a row"), over
/// `intervals` intervals of `interval_ms`; with `relative`, where the run starts is in seconds
/// from the trace's start (a trace without wall-clock times).
std::string gap_fill_text(const gap_fill_report& report, std::size_t intervals, time_ms interval_ms,
                          gap_policy gaps, const std::string& what, bool relative = false);

} // namespace autoscalesim::io
