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

/// How far into its UTC clock hour a run that starts at `start_epoch_ms` starts, in [0, 1 h):
/// billing hours (a Savings Plan's commitment) are clock hours, so a trace that starts at 12:30
/// has a first hour of 30 minutes.
constexpr time_ms clock_hour_offset_ms(std::int64_t start_epoch_ms) {
    return ((start_epoch_ms % ms_per_hour) + ms_per_hour) % ms_per_hour;
}

/// Milliseconds to seconds.
constexpr double ms_to_seconds(time_ms t) {
    return static_cast<double>(t) / 1000.0;
}

} // namespace autoscalesim
