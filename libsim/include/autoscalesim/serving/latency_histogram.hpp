#pragma once
/// Per-request latencies counted in log-spaced buckets: percentiles within 0.4 % relative error.

#include <bit>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace autoscalesim {

/// Counts of latencies given in integer nanoseconds, in buckets 1/128 of an octave wide (values
/// below 256 ns are exact), so any quantile is within 1/256 (0.4 %) of the true value, and never
/// outside the smallest and largest latency counted, which are kept exactly. Adding is O(1)
/// without allocation; clearing touches only the buckets in use.
class latency_histogram {
public:
    /// Largest relative error of quantile() against the exact order statistic.
    static constexpr double relative_error = 1.0 / 256;

    /// An empty histogram.
    latency_histogram();

    /// Counts one latency of `ns` nanoseconds (negative counts as 0).
    void add(std::int64_t ns) noexcept {
        const std::size_t i = index(ns);
        ++counts_[i];
        ++total_;
        lo_ = i < lo_ ? i : lo_;
        hi_ = i > hi_ ? i : hi_;
        const std::int64_t v = ns < 0 ? 0 : ns;
        min_ns_ = v < min_ns_ ? v : min_ns_;
        max_ns_ = v > max_ns_ ? v : max_ns_;
    }
    /// Adds every count of `other`.
    void merge(const latency_histogram& other);
    /// Removes every count.
    void clear() noexcept;
    /// Latencies counted.
    std::uint64_t count() const noexcept { return total_; }
    /// The p-quantile (0 < p <= 1) in seconds: the ceil(p n)-th smallest latency, exact when
    /// that is the smallest or the largest, else its bucket's representative (within the
    /// smallest and the largest); NaN when empty.
    double quantile(double p) const;
    /// Latencies counted whose bucket lies wholly at or below `ns` (exact for ns < 256).
    std::uint64_t count_at_most(std::int64_t ns) const noexcept;

    /// The bucket of a latency of `ns` nanoseconds.
    static std::size_t index(std::int64_t ns) noexcept {
        if (ns < 256) {
            return ns <= 0 ? 0 : static_cast<std::size_t>(ns);
        }
        const auto v = static_cast<std::uint64_t>(ns);
        const auto octave = static_cast<int>(std::bit_width(v)) - 1; // >= 8
        return static_cast<std::size_t>(octave - 6) * 128 + ((v >> (octave - 7)) & 127);
    }
    /// The value a bucket stands for, nanoseconds (its midpoint).
    static double representative_ns(std::size_t bucket) noexcept;

private:
    static constexpr std::size_t buckets_ = 57 * 128;
    std::vector<std::uint64_t> counts_;
    std::uint64_t total_ = 0;
    std::size_t lo_ = buckets_;       // lowest bucket in use (buckets_ when empty)
    std::size_t hi_ = 0;              // highest bucket in use
    std::int64_t min_ns_ = INT64_MAX; // smallest latency counted (INT64_MAX when empty)
    std::int64_t max_ns_ = 0;         // largest latency counted
};

} // namespace autoscalesim
