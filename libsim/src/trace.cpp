#include "autoscalesim/trace.hpp"

#include "autoscalesim/errors.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <string>

namespace autoscalesim {

trace::trace(std::vector<double> counts, time_ms interval_ms, time_ms start_epoch_ms)
    : counts_(std::move(counts)), interval_ms_(interval_ms), start_epoch_ms_(start_epoch_ms) {
    if (interval_ms_ < ms_per_second || interval_ms_ > ms_per_hour) {
        throw trace_error("trace interval must be between 1 s and 1 h, got " +
                          std::to_string(interval_ms_) + " ms");
    }
    for (std::size_t i = 0; i < counts_.size(); ++i) {
        const double c = counts_[i];
        if (!std::isfinite(c) || c < 0) {
            throw trace_error("trace count at interval " + std::to_string(i) +
                              " must be a finite number >= 0, got " + std::to_string(c));
        }
    }
}

double trace::total() const noexcept {
    return std::accumulate(counts_.begin(), counts_.end(), 0.0);
}

namespace {
// Percentile of sorted values with linear interpolation between closest ranks.
double percentile(const std::vector<double>& sorted, double p) {
    if (sorted.empty()) {
        return 0;
    }
    const double pos = p * static_cast<double>(sorted.size() - 1);
    const auto lo = static_cast<std::size_t>(pos);
    const std::size_t hi = std::min(lo + 1, sorted.size() - 1);
    const double frac = pos - static_cast<double>(lo);
    return sorted[lo] + frac * (sorted[hi] - sorted[lo]);
}
} // namespace

trace_stats trace::stats() const {
    trace_stats s;
    s.intervals = counts_.size();
    if (counts_.empty()) {
        return s;
    }
    std::vector<double> sorted = counts_;
    std::sort(sorted.begin(), sorted.end());
    s.total = total();
    s.mean = s.total / static_cast<double>(counts_.size());
    s.peak = sorted.back();
    s.peak_to_mean = s.mean > 0 ? s.peak / s.mean : 0;
    s.p50 = percentile(sorted, 0.50);
    s.p95 = percentile(sorted, 0.95);
    s.p99 = percentile(sorted, 0.99);
    const double secs = ms_to_seconds(interval_ms_);
    s.mean_rate_per_s = s.mean / secs;
    s.peak_rate_per_s = s.peak / secs;
    return s;
}

trace trace::scaled(double factor) const {
    if (!std::isfinite(factor) || factor < 0) {
        throw config_error("scale factor must be a finite number >= 0, got " +
                           std::to_string(factor));
    }
    std::vector<double> c = counts_;
    for (double& v : c) {
        v *= factor;
    }
    return trace(std::move(c), interval_ms_, start_epoch_ms_);
}

trace trace::slice(std::size_t first, std::size_t count) const {
    if (first > counts_.size() || count > counts_.size() - first) {
        throw config_error("slice [" + std::to_string(first) + ", " +
                           std::to_string(first + count) + ") is outside the trace's " +
                           std::to_string(counts_.size()) + " intervals");
    }
    const auto b = counts_.begin() + static_cast<std::ptrdiff_t>(first);
    return trace(std::vector<double>(b, b + static_cast<std::ptrdiff_t>(count)), interval_ms_,
                 start_epoch_ms_ + static_cast<time_ms>(first) * interval_ms_);
}

} // namespace autoscalesim
