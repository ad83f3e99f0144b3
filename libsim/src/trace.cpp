#include "autoscalesim/trace.hpp"

#include "quantile.hpp"

#include "autoscalesim/errors.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <numeric>
#include <string>

namespace autoscalesim {

trace::trace(std::vector<double> counts, time_ms interval_ms, time_ms start_epoch_ms)
    : counts_(std::move(counts)), interval_ms_(interval_ms), start_epoch_ms_(start_epoch_ms) {
    if (interval_ms_ < ms_per_second || interval_ms_ > ms_per_hour) {
        throw trace_error("trace interval must be between 1 s and 1 h, got " +
                          std::to_string(interval_ms_) + " ms");
    }
    if (start_epoch_ms_ < -max_abs_epoch_ms || start_epoch_ms_ > max_abs_epoch_ms) {
        throw trace_error("trace start must be within +-1e15 ms of 1970 (some 31,700 years), got " +
                          std::to_string(start_epoch_ms_) + " ms");
    }
    double total = 0;
    for (std::size_t i = 0; i < counts_.size(); ++i) {
        const double c = counts_[i];
        if (!std::isfinite(c) || c < 0) {
            throw trace_error("trace count at interval " + std::to_string(i) +
                              " must be a finite number >= 0, got " + std::to_string(c));
        }
        total += c;
        if (total > max_trace_requests) {
            char buf[64];
            std::snprintf(buf, sizeof buf, "%g", c);
            throw trace_error("trace count at interval " + std::to_string(i) + " (" + buf +
                              ") brings the total past 1e15 requests, the most a trace may hold");
        }
    }
}

double trace::total() const noexcept {
    return std::accumulate(counts_.begin(), counts_.end(), 0.0);
}

using detail::sorted_quantile;

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
    s.p50 = sorted_quantile(sorted, 0.50, 0);
    s.p95 = sorted_quantile(sorted, 0.95, 0);
    s.p99 = sorted_quantile(sorted, 0.99, 0);
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
        // the first interval and the count, not their sum, which can wrap around
        throw config_error("slice of " + std::to_string(count) + " intervals from interval " +
                           std::to_string(first) + " is outside the trace's " +
                           std::to_string(counts_.size()) + " intervals");
    }
    const auto b = counts_.begin() + static_cast<std::ptrdiff_t>(first);
    return trace(std::vector<double>(b, b + static_cast<std::ptrdiff_t>(count)), interval_ms_,
                 start_epoch_ms_ + static_cast<time_ms>(first) * interval_ms_);
}

trace trace::busiest(std::size_t count) const {
    return slice(busiest_first(count), count);
}

std::size_t trace::busiest_first(std::size_t count) const {
    if (count == 0 || count > counts_.size()) {
        throw config_error("busiest: a window of " + std::to_string(count) +
                           " intervals does not fit the trace's " + std::to_string(counts_.size()));
    }
    // Prefix sums; with whole counts every window's total is exact, so a tie is a real tie.
    std::vector<double> prefix(counts_.size() + 1, 0.0);
    for (std::size_t i = 0; i < counts_.size(); ++i)
        prefix[i + 1] = prefix[i] + counts_[i];
    std::size_t first = 0;
    double most = prefix[count];
    for (std::size_t i = 1; i + count <= counts_.size(); ++i) {
        const double sum = prefix[i + count] - prefix[i];
        if (sum > most) {
            most = sum;
            first = i;
        }
    }
    return first;
}

} // namespace autoscalesim

namespace autoscalesim {

namespace {
void check_length(std::size_t n, const char* what) {
    if (n > max_trace_intervals) {
        throw config_error(std::string(what) + " would make a trace of " + std::to_string(n) +
                           " intervals, more than the limit of " +
                           std::to_string(max_trace_intervals));
    }
}
} // namespace

trace trace::slice_time(time_ms begin_epoch_ms, time_ms end_epoch_ms) const {
    if (end_epoch_ms < begin_epoch_ms) {
        throw config_error("slice_time: end " + std::to_string(end_epoch_ms) +
                           " ms is before begin " + std::to_string(begin_epoch_ms) + " ms");
    }
    // First interval whose start is >= begin, last whose end is <= end.
    const time_ms n = static_cast<time_ms>(counts_.size());
    auto ceil_div = [](time_ms a, time_ms b) { return a >= 0 ? (a + b - 1) / b : -((-a) / b); };
    auto floor_div = [](time_ms a, time_ms b) { return a >= 0 ? a / b : -((-a + b - 1) / b); };
    const time_ms first =
        std::clamp(ceil_div(begin_epoch_ms - start_epoch_ms_, interval_ms_), time_ms{0}, n);
    const time_ms last =
        std::clamp(floor_div(end_epoch_ms - start_epoch_ms_, interval_ms_), first, n);
    return slice(static_cast<std::size_t>(first), static_cast<std::size_t>(last - first));
}

double trace::percentile(double percent) const {
    if (!(percent >= 0 && percent <= 100)) {
        throw config_error("percentile must be in [0, 100], got " + std::to_string(percent));
    }
    std::vector<double> sorted = counts_;
    std::sort(sorted.begin(), sorted.end());
    return sorted_quantile(sorted, percent / 100.0, 0);
}

trace trace::resampled(time_ms new_interval_ms) const {
    if (new_interval_ms >= interval_ms_) {
        if (new_interval_ms % interval_ms_ != 0) {
            throw config_error("resample: " + std::to_string(new_interval_ms) +
                               " ms is not a multiple of the trace's interval of " +
                               std::to_string(interval_ms_) + " ms");
        }
        const auto group = static_cast<std::size_t>(new_interval_ms / interval_ms_);
        if (counts_.size() % group != 0) {
            throw config_error("resample: " + std::to_string(counts_.size()) + " intervals of " +
                               std::to_string(interval_ms_) + " ms do not fill whole " +
                               std::to_string(new_interval_ms) + " ms intervals (" +
                               std::to_string(counts_.size() % group) +
                               " left over); slice the trace first");
        }
        std::vector<double> c(counts_.size() / group, 0.0);
        for (std::size_t i = 0; i < counts_.size(); ++i) {
            c[i / group] += counts_[i];
        }
        return trace(std::move(c), new_interval_ms, start_epoch_ms_);
    }
    if (new_interval_ms <= 0 || interval_ms_ % new_interval_ms != 0) {
        throw config_error("resample: " + std::to_string(new_interval_ms) +
                           " ms does not divide the trace's interval of " +
                           std::to_string(interval_ms_) + " ms");
    }
    return resampled(
        new_interval_ms,
        std::vector<double>(static_cast<std::size_t>(interval_ms_ / new_interval_ms), 1.0));
}

trace trace::resampled(time_ms new_interval_ms, const std::vector<double>& profile_weights) const {
    if (new_interval_ms <= 0 || new_interval_ms > interval_ms_ ||
        interval_ms_ % new_interval_ms != 0) {
        throw config_error("resample with a profile: " + std::to_string(new_interval_ms) +
                           " ms does not divide the trace's interval of " +
                           std::to_string(interval_ms_) + " ms");
    }
    const auto parts = static_cast<std::size_t>(interval_ms_ / new_interval_ms);
    if (profile_weights.size() != parts) {
        throw config_error("resample: the profile has " + std::to_string(profile_weights.size()) +
                           " weights, expected one per sub-interval (" + std::to_string(parts) +
                           ")");
    }
    double sum = 0;
    for (double w : profile_weights) {
        if (!std::isfinite(w) || w < 0) {
            throw config_error("resample: profile weights must be finite and >= 0, got " +
                               std::to_string(w));
        }
        sum += w;
    }
    if (!(sum > 0)) {
        throw config_error("resample: the profile weights are all 0");
    }
    if (counts_.size() > max_trace_intervals / parts) {
        check_length(max_trace_intervals + 1, "resample");
    }
    std::vector<double> c;
    c.reserve(counts_.size() * parts);
    for (double v : counts_) {
        for (double w : profile_weights) {
            c.push_back(v * (w / sum));
        }
    }
    return trace(std::move(c), new_interval_ms, start_epoch_ms_);
}

trace trace::shifted(time_ms offset_ms) const {
    if (offset_ms < -2 * max_abs_epoch_ms || offset_ms > 2 * max_abs_epoch_ms) { // no overflow
        throw trace_error("trace shift of " + std::to_string(offset_ms) +
                          " ms moves its start beyond +-1e15 ms of 1970");
    }
    return trace(counts_, interval_ms_, start_epoch_ms_ + offset_ms);
}

trace trace::concatenated(const trace& next) const {
    return concatenate({*this, next});
}

trace trace::repeated(std::size_t times) const {
    if (times == 0) {
        throw config_error("repeat: times must be >= 1");
    }
    if (!counts_.empty() && times > max_trace_intervals / counts_.size()) {
        check_length(max_trace_intervals + 1, "repeat");
    }
    std::vector<double> c;
    c.reserve(counts_.size() * times);
    for (std::size_t k = 0; k < times; ++k) {
        c.insert(c.end(), counts_.begin(), counts_.end());
    }
    return trace(std::move(c), interval_ms_, start_epoch_ms_);
}

trace concatenate(const std::vector<trace>& parts) {
    if (parts.empty()) {
        throw config_error("concatenate: no trace given");
    }
    std::size_t n = 0;
    for (std::size_t i = 0; i < parts.size(); ++i) {
        if (parts[i].interval_ms() != parts[0].interval_ms()) {
            throw config_error("concatenate: trace " + std::to_string(i) + " has an interval of " +
                               std::to_string(parts[i].interval_ms()) + " ms, trace 0 has " +
                               std::to_string(parts[0].interval_ms()) + " ms (resample first)");
        }
        n += parts[i].size();
        check_length(n, "concatenate");
    }
    std::vector<double> c;
    c.reserve(n);
    for (const trace& p : parts) {
        c.insert(c.end(), p.counts().begin(), p.counts().end());
    }
    return trace(std::move(c), parts[0].interval_ms(), parts[0].start_epoch_ms());
}

} // namespace autoscalesim
