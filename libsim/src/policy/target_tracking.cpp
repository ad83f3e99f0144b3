#include "autoscalesim/policy/target_tracking.hpp"
#include "saturated.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <string>
#include <tuple>
#include <utility>

namespace autoscalesim {

namespace {
// Appends v as printf's "%.6g" would write it (std::to_chars is specified to match it) without
// printf's cost: this runs at every evaluation while an alarm is in ALARM.
void append_number(std::string& s, double v) {
    char buf[64];
    const auto r = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::general, 6);
    s.append(buf, r.ptr);
}

std::string format_number(double v) {
    std::string s;
    append_number(s, v);
    return s;
}

// "name: AlarmHigh Metric " and " > threshold (M of N)": the cause around the metric value.
std::pair<std::string, std::string> cause_parts(const target_tracking_config& c, bool out) {
    std::string head = c.name + ": " + (out ? "AlarmHigh " : "AlarmLow ");
    head += std::string(metric_name(c.metric)) + " ";
    std::string tail = out ? " > " : " < ";
    tail += format_number(out ? c.target_value : c.target_value * c.low_threshold_fraction);
    tail += " (" + std::to_string(out ? c.high_datapoints_to_alarm : c.low_datapoints_to_alarm) +
            " of " + std::to_string(out ? c.high_evaluation_periods : c.low_evaluation_periods) +
            ")";
    return {std::move(head), std::move(tail)};
}
} // namespace

target_tracking_policy::target_tracking_policy(const target_tracking_config& config)
    : policy(config.name, seconds_to_ms(config.period_s)), config_(config),
      high_{config.target_value, comparison::greater, config.high_evaluation_periods,
            config.high_datapoints_to_alarm, config.treat_missing_data},
      low_{config.target_value * config.low_threshold_fraction, comparison::less,
           config.low_evaluation_periods, config.low_datapoints_to_alarm,
           config.treat_missing_data} {
    add_stream(config.metric, seconds_to_ms(config.period_s),
               seconds_to_ms(config.publish_delay_s));
    std::tie(out_head_, out_tail_) = cause_parts(config_, true);
    std::tie(in_head_, in_tail_) = cause_parts(config_, false);
}

int target_tracking_policy::desired_capacity(double capacity, double metric, double target) {
    const double x = capacity * metric / target;
    // Guard against 2 x 1500 / 1500 = 2.0000000000000004 rounding up to 3.
    return detail::saturated(std::ceil(x * (1 - 1e-12)));
}

tt_proposal target_tracking_policy::evaluate(time_ms now, int current,
                                             std::optional<int> window_base,
                                             capacity_basis basis) const {
    tt_proposal p;
    p.high = high_window_.evaluate(high_, stream(), now);
    p.low = low_window_.evaluate(low_, stream(), now);
    if (p.high != alarm_state::alarm && p.low != alarm_state::alarm) {
        return p;
    }
    // The latest datapoint that is not missing: an M-of-N alarm can be in ALARM while the newest
    // period had no instance in service.
    std::size_t n = stream().published(now);
    while (n > 0 && std::isnan(stream().datapoints()[n - 1].value)) {
        --n;
    }
    if (n == 0) {
        p.scale_out = p.scale_in = false;
        return p;
    }
    const datapoint& dp = stream().datapoints()[n - 1];
    p.metric = dp.value;
    double out_basis = current;
    double in_basis = current;
    if (basis == capacity_basis::producing) {
        out_basis = in_basis = dp.capacity;
    } else if (window_base) {
        out_basis = std::max(static_cast<double>(*window_base), dp.capacity);
    }
    // At zero instances ApproximateBacklogSizePerInstance is the whole backlog, as one
    // instance's: scale-out from zero asks for ceil(backlog / target) instances, once the
    // backlog exceeds the target (docs.aws.amazon.com/sagemaker/latest/dg/
    // async-inference-autoscale.html).
    if (config_.metric == metric_kind::approximate_backlog_size_per_instance && out_basis < 1) {
        out_basis = 1;
    }
    p.out_capacity = desired_capacity(out_basis, dp.value, config_.target_value);
    p.in_capacity = desired_capacity(in_basis, dp.value, config_.target_value);
    p.scale_out = p.high == alarm_state::alarm;
    p.scale_in = p.low == alarm_state::alarm && !config_.disable_scale_in;
    return p;
}

} // namespace autoscalesim

namespace autoscalesim {

proposal target_tracking_policy::decide(time_ms now, const policy_view& view) {
    const tt_proposal tp =
        evaluate(now, view.desired(), view.target().window_base(now), view.basis());
    const auto& c = config_;
    // The cause is written by cause() when the proposal causes an activity: an alarm stays in
    // ALARM for many evaluations (the low one at MinCapacity, for hours), most of which change
    // nothing.
    proposal p;
    p.metric = tp.metric;
    if (tp.scale_out) {
        p.out = tp.out_capacity;
        p.out_cooldown_s = c.scale_out_cooldown_s;
    }
    if (tp.scale_in) {
        p.in = tp.in_capacity;
        p.in_cooldown_s = c.scale_in_cooldown_s;
    }
    return p;
}

std::string target_tracking_policy::cause(const proposal& p, bool out) const {
    const std::string& head = out ? out_head_ : in_head_;
    const std::string& tail = out ? out_tail_ : in_tail_;
    std::string s;
    s.reserve(head.size() + 24 + tail.size());
    s += head;
    append_number(s, p.metric);
    s += tail;
    return s;
}

} // namespace autoscalesim
