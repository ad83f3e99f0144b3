#include "autoscalesim/serving/latency_histogram.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace autoscalesim {

latency_histogram::latency_histogram() : counts_(buckets_, 0) {}

void latency_histogram::merge(const latency_histogram& other) {
    if (other.total_ == 0) {
        return;
    }
    for (std::size_t i = other.lo_; i <= other.hi_; ++i) {
        counts_[i] += other.counts_[i];
    }
    total_ += other.total_;
    lo_ = std::min(lo_, other.lo_);
    hi_ = std::max(hi_, other.hi_);
    min_ns_ = std::min(min_ns_, other.min_ns_);
    max_ns_ = std::max(max_ns_, other.max_ns_);
}

void latency_histogram::clear() noexcept {
    if (total_ > 0) {
        std::fill(counts_.begin() + static_cast<std::ptrdiff_t>(lo_),
                  counts_.begin() + static_cast<std::ptrdiff_t>(hi_) + 1, std::uint64_t{0});
    }
    total_ = 0;
    lo_ = buckets_;
    hi_ = 0;
    min_ns_ = INT64_MAX;
    max_ns_ = 0;
}

double latency_histogram::representative_ns(std::size_t bucket) noexcept {
    if (bucket < 256) {
        return static_cast<double>(bucket);
    }
    const auto octave = static_cast<int>(bucket / 128) + 6;
    const auto sub = static_cast<std::uint64_t>(bucket % 128);
    const std::uint64_t width = std::uint64_t{1} << (octave - 7);
    const std::uint64_t lower = (128 + sub) << (octave - 7);
    return static_cast<double>(lower) + 0.5 * static_cast<double>(width - 1);
}

double latency_histogram::quantile(double p) const {
    if (total_ == 0) {
        return std::numeric_limits<double>::quiet_NaN();
    }
    const double want = std::ceil(std::clamp(p, 0.0, 1.0) * static_cast<double>(total_));
    const std::uint64_t rank = std::max<std::uint64_t>(1, static_cast<std::uint64_t>(want));
    // (the extremes divided, so that a latency of 5.05 s reads 5.05 exactly)
    const auto lowest = static_cast<double>(min_ns_);
    const auto highest = static_cast<double>(max_ns_);
    if (rank >= total_) {
        return highest / 1e9;
    }
    if (rank == 1) {
        return lowest / 1e9;
    }
    std::uint64_t seen = 0;
    std::size_t i = lo_;
    for (; i < hi_; ++i) {
        seen += counts_[i];
        if (seen >= rank) {
            break;
        }
    }
    const double ns = representative_ns(i);
    if (ns <= lowest) {
        return lowest / 1e9;
    }
    return ns >= highest ? highest / 1e9 : ns * 1e-9;
}

std::uint64_t latency_histogram::count_at_most(std::int64_t ns) const noexcept {
    if (total_ == 0 || ns < 0) {
        return 0;
    }
    const std::size_t b = index(ns);
    // The bucket holding ns counts only when ns is its last value.
    const bool whole = b < 256 || index(ns + 1) != b;
    const std::size_t last = whole ? b : b - 1;
    std::uint64_t n = 0;
    for (std::size_t i = lo_; i <= std::min(last, hi_); ++i) {
        n += counts_[i];
    }
    return n;
}

} // namespace autoscalesim
