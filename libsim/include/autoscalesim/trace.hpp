#pragma once
/// Traffic traces: request counts per fixed interval.

#include "autoscalesim/time.hpp"

#include <cstddef>
#include <string>
#include <vector>

namespace autoscalesim {

/// The longest trace any transformation, generator or reader will build (about 3 years at 1 s), so
/// that a typo in a timestamp fails with a message instead of exhausting memory.
inline constexpr std::size_t max_trace_intervals = 100'000'000;
/// The most requests a trace may hold in all (and so in one interval): 10^15, far beyond any
/// real service (10 million requests a second for three years), and far enough below the
/// largest double that every sum and statistic of a run stays finite.
inline constexpr double max_trace_requests = 1e15;
/// The farthest from 1970 a trace may start: 1e15 ms, some 31,700 years, far beyond any trace;
/// with at most max_trace_intervals of at most an hour, no time of a run overflows.
inline constexpr time_ms max_abs_epoch_ms = 1'000'000'000'000'000;

/// Summary statistics of a trace, in requests per interval unless named otherwise.
struct trace_stats {
    std::size_t intervals = 0;  ///< number of intervals
    double total = 0;           ///< total requests
    double mean = 0;            ///< mean requests per interval
    double peak = 0;            ///< largest count
    double peak_to_mean = 0;    ///< peak / mean (0 when the mean is 0)
    double p50 = 0;             ///< median count
    double p95 = 0;             ///< 95th percentile count
    double p99 = 0;             ///< 99th percentile count
    double mean_rate_per_s = 0; ///< mean requests per second
    double peak_rate_per_s = 0; ///< peak requests per second
};

/// Requests per fixed interval: counts[i] requests arrive in [start + i*interval, start +
/// (i+1)*interval).
class trace {
public:
    /// An empty trace (invalid for simulation).
    trace() = default;

    /// Counts per interval; start_epoch_ms is the wall-clock time of the first interval (0 if
    /// unknown). Throws trace_error on an interval outside [1 s, 1 h], a start beyond
    /// +-max_abs_epoch_ms, or a negative, NaN or infinite count.
    trace(std::vector<double> counts, time_ms interval_ms, time_ms start_epoch_ms = 0);

    /// Requests in each interval.
    const std::vector<double>& counts() const noexcept { return counts_; }
    /// Interval length in milliseconds.
    time_ms interval_ms() const noexcept { return interval_ms_; }
    /// Wall-clock start (milliseconds since the Unix epoch), 0 when unknown.
    time_ms start_epoch_ms() const noexcept { return start_epoch_ms_; }
    /// Number of intervals.
    std::size_t size() const noexcept { return counts_.size(); }
    /// True when the trace has no interval.
    bool empty() const noexcept { return counts_.empty(); }
    /// Simulated duration covered by the trace.
    time_ms duration_ms() const noexcept {
        return interval_ms_ * static_cast<time_ms>(counts_.size());
    }
    /// Total number of requests.
    double total() const noexcept;

    /// Summary statistics.
    trace_stats stats() const;
    /// Every count multiplied by factor (>= 0), e.g. 1.3 for 30 % growth.
    trace scaled(double factor) const;
    /// The intervals [first, first + count).
    trace slice(std::size_t first, std::size_t count) const;
    /// The count consecutive intervals with the most requests, the earliest on a tie (e.g. the
    /// busiest day): slice(busiest_first(count), count).
    trace busiest(std::size_t count) const;
    /// The first interval of busiest(count); throws config_error when count is 0 or above
    /// size().
    std::size_t busiest_first(std::size_t count) const;
    /// The whole intervals inside [begin_epoch_ms, end_epoch_ms) (wall-clock times, as
    /// start_epoch_ms).
    trace slice_time(time_ms begin_epoch_ms, time_ms end_epoch_ms) const;

    /// The count at a percentile in [0, 100], linear interpolation between closest ranks.
    double percentile(double percent) const;

    /// The same counts on a new interval: a multiple of interval_ms() sums whole groups (throws
    /// config_error if the last group is incomplete); a divisor splits each count evenly.
    trace resampled(time_ms new_interval_ms) const;
    /// Refines to a divisor of interval_ms(), splitting each count in proportion to profile_weights
    /// (one weight >= 0 per sub-interval, not all 0), e.g. a within-minute arrival shape.
    trace resampled(time_ms new_interval_ms, const std::vector<double>& profile_weights) const;
    /// The same counts starting offset_ms later on the wall clock (earlier when negative).
    trace shifted(time_ms offset_ms) const;
    /// This trace followed by next (same interval; next's start time is dropped).
    trace concatenated(const trace& next) const;
    /// This trace played times times in a row (times >= 1).
    trace repeated(std::size_t times) const;

private:
    std::vector<double> counts_;
    time_ms interval_ms_ = 60'000;
    time_ms start_epoch_ms_ = 0;
};

/// The traces one after another (all with the same interval), starting at the first one's start.
trace concatenate(const std::vector<trace>& parts);

} // namespace autoscalesim
