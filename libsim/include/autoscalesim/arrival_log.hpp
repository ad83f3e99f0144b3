#pragma once
/// Per-request arrival logs: one timestamp per request, for request mode or for counting.

#include "autoscalesim/time.hpp"
#include "autoscalesim/trace.hpp"

#include <cstddef>
#include <string>
#include <vector>

namespace autoscalesim {

/// The arrival time of every request, in milliseconds since the Unix epoch, in non-decreasing
/// order.
class arrival_log {
public:
    /// An empty log.
    arrival_log() = default;

    /// Arrival times in ms since the epoch; throws trace_error naming the first one out of order.
    explicit arrival_log(std::vector<time_ms> arrival_epoch_ms);

    /// The same with each request's model (a multi-model endpoint's model index, one per
    /// arrival) and the models' names (model k is model_names[k]); throws trace_error when the
    /// sizes differ or an index has no name.
    arrival_log(std::vector<time_ms> arrival_epoch_ms, std::vector<int> models,
                std::vector<std::string> model_names);

    /// Arrival times in ms since the epoch, sorted.
    const std::vector<time_ms>& times_ms() const noexcept { return times_ms_; }
    /// Each request's model, in arrival order; empty when the log names none.
    const std::vector<int>& models() const noexcept { return models_; }
    /// The models' names, by index; empty when the log names none.
    const std::vector<std::string>& model_names() const noexcept { return model_names_; }
    /// Number of requests.
    std::size_t size() const noexcept { return times_ms_.size(); }
    /// True when the log has no request.
    bool empty() const noexcept { return times_ms_.empty(); }
    /// First arrival (ms since the epoch); throws trace_error when empty.
    time_ms first_ms() const;
    /// Last arrival (ms since the epoch); throws trace_error when empty.
    time_ms last_ms() const;

    /// Requests per interval, starting at the first arrival rounded down to a whole interval since
    /// the epoch (so minutes line up with wall-clock minutes) and ending with the last arrival's
    /// interval.
    trace to_counts(time_ms interval_ms) const;
    /// Requests per interval from start_epoch_ms for intervals intervals; throws trace_error when
    /// an arrival falls outside that window.
    trace to_counts(time_ms interval_ms, time_ms start_epoch_ms, std::size_t intervals) const;

private:
    std::vector<time_ms> times_ms_;
    std::vector<int> models_;
    std::vector<std::string> model_names_;
};

/// floor(t / interval) * interval, also for negative t: the start of t's interval on the epoch
/// grid.
constexpr time_ms floor_to_interval(time_ms t_ms, time_ms interval_ms) {
    const time_ms q = t_ms / interval_ms;
    return (q * interval_ms > t_ms ? q - 1 : q) * interval_ms;
}

} // namespace autoscalesim
