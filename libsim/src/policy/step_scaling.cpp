#include "autoscalesim/policy/step_scaling.hpp"
#include "saturated.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <string>

namespace autoscalesim {

namespace {
std::string format_number(double v) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.6g", v);
    return buf;
}
} // namespace

step_scaling_policy::step_scaling_policy(const step_scaling_config& config, bool per_copy)
    : policy(config.name, seconds_to_ms(config.period_s)), config_(config),
      metric_label_(metric_name(config.metric, per_copy)),
      alarm_{config.threshold, config.alarm_comparison, config.evaluation_periods,
             config.datapoints_to_alarm, config.treat_missing_data} {
    add_stream(config.metric, seconds_to_ms(config.period_s),
               seconds_to_ms(config.publish_delay_s));
}

const step_adjustment* step_scaling_policy::find_step(double metric) const noexcept {
    const double d = metric - config_.threshold;
    for (const auto& s : config_.steps) {
        // Above the threshold the lower bound is inclusive and the upper exclusive; below it
        // the reverse. At the threshold itself either form matches.
        const bool above = s.lower_bound <= d && d < s.upper_bound;
        const bool below = s.lower_bound < d && d <= s.upper_bound;
        if ((d > 0 && above) || (d < 0 && below) || (d == 0 && (above || below))) {
            return &s;
        }
    }
    return nullptr;
}

int step_scaling_policy::percent_adjustment(int capacity, int percent, int min_magnitude) {
    // capacity x percent is an exact integer, so the quotient never rounds across an integer.
    const double x = static_cast<double>(capacity) * percent / 100.0;
    int r = 0;
    if (x >= 1) {
        r = detail::saturated(std::floor(x));
    } else if (x > 0) {
        r = 1;
    } else if (x > -1 && x < 0) {
        r = -1;
    } else if (x <= -1) {
        r = detail::saturated(std::ceil(x));
    }
    if (min_magnitude > 0 && r != 0 && std::abs(r) < min_magnitude) {
        r = r > 0 ? min_magnitude : -min_magnitude;
    }
    return r;
}

std::optional<int> step_scaling_policy::adjusted_capacity(int capacity, double metric) const {
    const step_adjustment* s = find_step(metric);
    if (!s) {
        return std::nullopt;
    }
    switch (config_.adjustment) {
    case adjustment_type::change_in_capacity:
        return std::max(0, detail::saturated(static_cast<double>(capacity) + s->adjustment));
    case adjustment_type::exact_capacity:
        return s->adjustment;
    case adjustment_type::percent_change_in_capacity:
        return std::max(0, detail::saturated(static_cast<double>(capacity) +
                                             percent_adjustment(capacity, s->adjustment,
                                                                config_.min_adjustment_magnitude)));
    }
    return std::nullopt;
}

double step_scaling_policy::aggregated_metric(time_ms now) const {
    const auto& pts = stream().datapoints();
    const std::size_t n = stream().published(now);
    // The datapoints the alarm evaluated: the N most recent real ones of its evaluation range.
    const auto range = static_cast<std::size_t>(config_.evaluation_periods + alarm::extra_range);
    const std::size_t first = n > range ? n - range : 0;
    double sum = 0, lo = std::numeric_limits<double>::infinity(), hi = -lo;
    int count = 0;
    for (std::size_t i = n; i-- > first && count < config_.evaluation_periods;) {
        const double v = pts[i].value;
        if (std::isnan(v)) {
            continue;
        }
        sum += v;
        lo = std::min(lo, v);
        hi = std::max(hi, v);
        ++count;
    }
    if (count == 0) {
        return std::numeric_limits<double>::quiet_NaN();
    }
    switch (config_.aggregation) {
    case metric_aggregation::average:
        return sum / count;
    case metric_aggregation::minimum:
        return lo;
    case metric_aggregation::maximum:
        return hi;
    }
    return sum / count;
}

bool step_scaling_policy::in_window(time_ms now) const noexcept {
    return window_open_ &&
           (out_in_progress_ || (out_cooldown_until_ && now < *out_cooldown_until_));
}

proposal step_scaling_policy::decide(time_ms now, const policy_view& view) {
    proposal p;
    if (alarm_window_.evaluate(alarm_, stream(), now) != alarm_state::alarm) {
        return p;
    }
    const double v = aggregated_metric(now);
    const step_adjustment* s = find_step(v);
    if (!s) {
        return p;
    }
    const int current = view.desired();
    const bool window = in_window(now);
    const std::optional<int> to = adjusted_capacity(window ? window_base_ : current, v);
    std::string cause =
        config_.name + ": alarm " + std::string(metric_label_) + " " + format_number(v) + " " +
        std::string(comparison_symbol(config_.alarm_comparison)) + " " +
        format_number(config_.threshold) + ", step adjustment " + std::to_string(s->adjustment);
    if (to && *to > current) {
        p.out = *to;
        p.out_cause = cause + (window ? " (cooldown: only the excess)" : "");
    } else if (!window && (!in_blocked_until_ || now >= *in_blocked_until_)) {
        const std::optional<int> in_to = adjusted_capacity(current, v);
        if (in_to && *in_to < current) {
            p.in = *in_to;
            p.in_cause = cause;
        }
    }
    return p;
}

void step_scaling_policy::on_scaling(const scaling_event& e) {
    const bool out = e.to > e.from;
    if (out && !e.completed) {
        in_blocked_until_.reset(); // a scale-out cancels the rest of a scale-in cooldown
    }
    if (!e.by_this) {
        return;
    }
    const time_ms cooldown = seconds_to_ms(config_.cooldown_s);
    if (out) {
        if (!e.completed) {
            if (!in_window(e.at_ms)) {
                window_base_ = e.from;
                window_open_ = true;
            }
            out_in_progress_ = true;
        } else {
            out_in_progress_ = false;
            out_cooldown_until_ = e.at_ms + cooldown;
        }
    } else if (!e.completed) {
        window_open_ = false;
        in_blocked_until_ = e.at_ms + cooldown;
    }
}

} // namespace autoscalesim
