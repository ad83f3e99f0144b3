#include "autoscalesim/policy/target_tracking.hpp"

#include <algorithm>
#include <cmath>

namespace autoscalesim {

target_tracking_policy::target_tracking_policy(const target_tracking_config& config)
    : config_(config),
      stream_(config.metric, seconds_to_ms(config.period_s), seconds_to_ms(config.publish_delay_s)),
      high_{config.target_value, comparison::greater, config.high_evaluation_periods,
            config.high_datapoints_to_alarm},
      low_{config.target_value * config.low_threshold_fraction, comparison::less,
           config.low_evaluation_periods, config.low_datapoints_to_alarm} {}

int target_tracking_policy::desired_capacity(double capacity, double metric, double target) {
    const double x = capacity * metric / target;
    // Guard against 2 x 1500 / 1500 = 2.0000000000000004 rounding up to 3.
    return static_cast<int>(std::ceil(x * (1 - 1e-12)));
}

tt_proposal target_tracking_policy::evaluate(time_ms now, int current, int window_base,
                                             capacity_basis basis) const {
    tt_proposal p;
    p.high = high_.evaluate(stream_, now);
    p.low = low_.evaluate(stream_, now);
    if (p.high != alarm_state::alarm && p.low != alarm_state::alarm) {
        return p;
    }
    // The latest datapoint that is not missing: an M-of-N alarm can be in ALARM while the newest
    // period had no instance in service.
    std::size_t n = stream_.published(now);
    while (n > 0 && std::isnan(stream_.datapoints()[n - 1].value)) {
        --n;
    }
    if (n == 0) {
        p.scale_out = p.scale_in = false;
        return p;
    }
    const datapoint& dp = stream_.datapoints()[n - 1];
    p.metric = dp.value;
    double out_basis = current;
    double in_basis = current;
    if (basis == capacity_basis::producing) {
        out_basis = in_basis = dp.capacity;
    } else if (window_base >= 0) {
        out_basis = std::max(static_cast<double>(window_base), dp.capacity);
    }
    p.out_capacity = desired_capacity(out_basis, dp.value, config_.target_value);
    p.in_capacity = desired_capacity(in_basis, dp.value, config_.target_value);
    p.scale_out = p.high == alarm_state::alarm;
    p.scale_in = p.low == alarm_state::alarm && !config_.disable_scale_in;
    return p;
}

} // namespace autoscalesim
