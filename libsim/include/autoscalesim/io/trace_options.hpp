#pragma once
/// Choices shared by the trace readers: timestamp formats, value units and what to do with gaps.

#include "autoscalesim/time.hpp"

#include <cstddef>
#include <cstdint>

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

} // namespace autoscalesim::io
