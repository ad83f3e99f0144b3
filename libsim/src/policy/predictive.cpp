#include "autoscalesim/policy/predictive.hpp"
#include "saturated.hpp"

#include "autoscalesim/policy/target_tracking.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>

namespace autoscalesim {

namespace {
std::int64_t floor_div(std::int64_t a, std::int64_t b) {
    return a / b - ((a % b != 0) && ((a < 0) != (b < 0)));
}
constexpr std::int64_t forecast_hours = 48;
} // namespace

predictive_policy::predictive_policy(const predictive_config& config)
    : policy(config.name, ms_per_hour), config_(config) {}

void predictive_policy::start(time_ms start_epoch_ms, time_ms duration_ms) {
    hour_origin_ = -(start_epoch_ms - floor_div(start_epoch_ms, ms_per_hour) * ms_per_hour);
    const time_ms r = seconds_to_ms(config_.refresh_period_s);
    refresh_origin_ = -(start_epoch_ms - floor_div(start_epoch_ms, r) * r);
    bins_.assign(static_cast<std::size_t>(hour_index(duration_ms) + 2), hour_bin{});
    forecast_.assign(bins_.size() + forecast_hours, hour_forecast{});
    used_.clear();
}

std::int64_t predictive_policy::hour_index(time_ms t) const noexcept {
    return floor_div(t - hour_origin_, ms_per_hour);
}

time_ms predictive_policy::hour_start(std::int64_t k) const noexcept {
    return hour_origin_ + k * ms_per_hour;
}

time_ms predictive_policy::next_evaluation_ms(time_ms after) const {
    const time_ms buffer = seconds_to_ms(config_.scheduling_buffer_s);
    const time_ms r = seconds_to_ms(config_.refresh_period_s);
    // The next hour start minus the buffer, and the next refresh, strictly after `after`.
    const time_ms hour_base = hour_origin_ - buffer;
    const time_ms next_hour =
        hour_base + (floor_div(after - hour_base, ms_per_hour) + 1) * ms_per_hour;
    const time_ms next_refresh = refresh_origin_ + (floor_div(after - refresh_origin_, r) + 1) * r;
    return std::max<time_ms>(std::min(next_hour, next_refresh), 0);
}

void predictive_policy::observe(time_ms t0, time_ms t1, const span_outcome& outcome, int) {
    const double arrivals = outcome.arrivals;
    if (t1 <= t0) {
        return;
    }
    // Spans may cross an hour boundary when the trace interval is not hour-aligned: split evenly.
    const double rate = arrivals / static_cast<double>(t1 - t0);
    for (time_ms a = t0; a < t1;) {
        const std::int64_t k = hour_index(a);
        const time_ms b = std::min(t1, hour_start(k + 1));
        if (k >= 0 && static_cast<std::size_t>(k) < bins_.size()) {
            auto& bin = bins_[static_cast<std::size_t>(k)];
            bin.arrivals += rate * static_cast<double>(b - a);
            bin.covered_ms += b - a;
        }
        a = b;
    }
}

void predictive_policy::refresh(time_ms now) {
    if (now < seconds_to_ms(config_.min_history_s)) {
        return;
    }
    std::int64_t season = 24;
    if (config_.seasonality == forecast_seasonality::weekly && now >= 7 * 24 * ms_per_hour) {
        season = 7 * 24;
    }
    const std::int64_t first = hour_index(now - 1) + 1; // the first hour starting at or after now
    for (std::int64_t k = first; k < first + forecast_hours; ++k) {
        if (k < 0 || static_cast<std::size_t>(k) >= forecast_.size()) {
            continue;
        }
        double sum = 0;
        int used = 0;
        for (std::int64_t lag = k - season; lag >= 0 && used < config_.seasons_averaged;
             lag -= season) {
            // Only complete hours, entirely in the past and fully covered by the trace.
            if (hour_start(lag + 1) > now || static_cast<std::size_t>(lag) >= bins_.size()) {
                continue;
            }
            const auto& bin = bins_[static_cast<std::size_t>(lag)];
            if (bin.covered_ms <= 0) {
                continue;
            }
            sum += bin.arrivals / (static_cast<double>(bin.covered_ms) / ms_per_minute);
            ++used;
        }
        auto& f = forecast_[static_cast<std::size_t>(k)];
        f.valid = used > 0;
        f.load_per_minute = used > 0 ? sum / used : 0;
        f.made_ms = now;
    }
}

int predictive_policy::effective_max(int forecast_capacity, int max_capacity,
                                     max_capacity_breach breach, double buffer_percent) {
    if (breach == max_capacity_breach::honor_max_capacity) {
        return max_capacity;
    }
    const double raised = forecast_capacity * (100.0 + buffer_percent) / 100.0;
    return std::max(max_capacity, detail::saturated(std::ceil(raised * (1 - 1e-12))));
}

proposal predictive_policy::decide(time_ms now, const policy_view&) {
    proposal p;
    const time_ms r = seconds_to_ms(config_.refresh_period_s);
    if ((now - refresh_origin_) % r == 0) {
        refresh(now);
    }
    const time_ms buffer = seconds_to_ms(config_.scheduling_buffer_s);
    if ((now + buffer - hour_origin_) % ms_per_hour != 0) {
        return p;
    }
    const std::int64_t k = hour_index(now + buffer);
    if (k < 0 || static_cast<std::size_t>(k) >= forecast_.size() ||
        !forecast_[static_cast<std::size_t>(k)].valid) {
        p.raise_max = max_raise::withdraw();
        return p;
    }
    const auto& f = forecast_[static_cast<std::size_t>(k)];
    const int capacity =
        target_tracking_policy::desired_capacity(1, f.load_per_minute, config_.target_per_instance);
    used_.push_back({config_.name, f.made_ms, hour_start(k), f.load_per_minute, capacity});
    if (config_.mode == predictive_mode::forecast_only) {
        return p;
    }
    // The simulator raises MaxCapacity to max(its own, the raise): effective_max().
    p.raise_max = max_raise::to(
        effective_max(capacity, 0, config_.breach, config_.max_capacity_buffer_percent));
    char buf[160];
    std::snprintf(buf, sizeof buf, "%s: forecast %.6g requests/minute for the hour at %lld s -> %d",
                  config_.name.c_str(), f.load_per_minute,
                  static_cast<long long>(hour_start(k) / ms_per_second), capacity);
    p.out = capacity;
    p.out_cause = buf;
    return p;
}

} // namespace autoscalesim
