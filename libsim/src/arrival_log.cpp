#include "autoscalesim/arrival_log.hpp"

#include "autoscalesim/errors.hpp"

#include <string>
#include <utility>

namespace autoscalesim {

arrival_log::arrival_log(std::vector<time_ms> arrival_epoch_ms)
    : times_ms_(std::move(arrival_epoch_ms)) {
    for (std::size_t i = 1; i < times_ms_.size(); ++i) {
        if (times_ms_[i] < times_ms_[i - 1]) {
            throw trace_error("arrival " + std::to_string(i) + " at " +
                              std::to_string(times_ms_[i]) +
                              " ms goes backwards (previous arrival at " +
                              std::to_string(times_ms_[i - 1]) + " ms)");
        }
    }
}

arrival_log::arrival_log(std::vector<time_ms> arrival_epoch_ms, std::vector<int> models,
                         std::vector<std::string> model_names)
    : arrival_log(std::move(arrival_epoch_ms)) {
    if (models.size() != times_ms_.size()) {
        throw trace_error("expected one model per arrival (" + std::to_string(times_ms_.size()) +
                          "), got " + std::to_string(models.size()));
    }
    for (std::size_t i = 0; i < models.size(); ++i) {
        if (models[i] < 0 || static_cast<std::size_t>(models[i]) >= model_names.size()) {
            throw trace_error("arrival " + std::to_string(i) + ": model " +
                              std::to_string(models[i]) + " has no name (" +
                              std::to_string(model_names.size()) + " names)");
        }
    }
    models_ = std::move(models);
    model_names_ = std::move(model_names);
}

time_ms arrival_log::first_ms() const {
    if (times_ms_.empty()) {
        throw trace_error("the arrival log is empty");
    }
    return times_ms_.front();
}

time_ms arrival_log::last_ms() const {
    if (times_ms_.empty()) {
        throw trace_error("the arrival log is empty");
    }
    return times_ms_.back();
}

trace arrival_log::to_counts(time_ms interval_ms) const {
    if (interval_ms <= 0) {
        throw config_error("interval must be > 0 ms, got " + std::to_string(interval_ms));
    }
    if (times_ms_.empty()) {
        throw trace_error("the arrival log is empty: no interval to count");
    }
    const time_ms start = floor_to_interval(times_ms_.front(), interval_ms);
    const time_ms span = (times_ms_.back() - start) / interval_ms + 1;
    if (span > static_cast<time_ms>(max_trace_intervals)) {
        throw trace_error("arrivals span " + std::to_string(span) + " intervals of " +
                          std::to_string(interval_ms) + " ms, more than the limit of " +
                          std::to_string(max_trace_intervals));
    }
    return to_counts(interval_ms, start, static_cast<std::size_t>(span));
}

trace arrival_log::to_counts(time_ms interval_ms, time_ms start_epoch_ms,
                             std::size_t intervals) const {
    if (interval_ms <= 0) {
        throw config_error("interval must be > 0 ms, got " + std::to_string(interval_ms));
    }
    if (intervals > max_trace_intervals) {
        throw config_error("to_counts: " + std::to_string(intervals) +
                           " intervals is more than the limit of " +
                           std::to_string(max_trace_intervals));
    }
    std::vector<double> counts(intervals, 0.0);
    const time_ms end = start_epoch_ms + static_cast<time_ms>(intervals) * interval_ms;
    for (std::size_t i = 0; i < times_ms_.size(); ++i) {
        const time_ms t = times_ms_[i];
        if (t < start_epoch_ms || t >= end) {
            throw trace_error("arrival " + std::to_string(i) + " at " + std::to_string(t) +
                              " ms is outside the window [" + std::to_string(start_epoch_ms) +
                              ", " + std::to_string(end) + ") ms");
        }
        counts[static_cast<std::size_t>((t - start_epoch_ms) / interval_ms)] += 1.0;
    }
    return trace(std::move(counts), interval_ms, start_epoch_ms);
}

} // namespace autoscalesim
