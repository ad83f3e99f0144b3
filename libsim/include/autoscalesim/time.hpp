#pragma once
/// Simulated time: integer milliseconds since the start of the trace.

#include <cstdint>

namespace autoscalesim {

/// A point or a span of simulated time, in milliseconds.
using time_ms = std::int64_t;

/// Milliseconds in one second, one minute and one hour.
inline constexpr time_ms ms_per_second = 1000;
inline constexpr time_ms ms_per_minute = 60 * ms_per_second;
inline constexpr time_ms ms_per_hour = 60 * ms_per_minute;

/// Seconds (possibly fractional) to the nearest millisecond.
constexpr time_ms seconds_to_ms(double s) {
    return static_cast<time_ms>(s * 1000.0 + (s >= 0 ? 0.5 : -0.5));
}

/// Milliseconds to seconds.
constexpr double ms_to_seconds(time_ms t) {
    return static_cast<double>(t) / 1000.0;
}

} // namespace autoscalesim
