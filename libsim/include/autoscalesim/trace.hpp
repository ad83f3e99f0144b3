#pragma once
/// Traffic traces: request counts per fixed interval.

#include "autoscalesim/time.hpp"

#include <cstddef>
#include <string>
#include <vector>

namespace autoscalesim {

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
    /// unknown). Throws trace_error on an interval outside [1 s, 1 h] or a negative, NaN or
    /// infinite count.
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

private:
    std::vector<double> counts_;
    time_ms interval_ms_ = 60'000;
    time_ms start_epoch_ms_ = 0;
};

} // namespace autoscalesim
