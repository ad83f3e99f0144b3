#include "autoscalesim/policy/policy.hpp"

#include "autoscalesim/errors.hpp"

#include <utility>

namespace autoscalesim {

proposal proposal::to(int capacity, int current, const std::string& cause) {
    proposal p;
    if (capacity > current) {
        p.out = capacity;
        p.out_cause = cause;
    } else if (capacity < current) {
        p.in = capacity;
        p.in_cause = cause;
    }
    return p;
}

policy::policy(std::string name, time_ms evaluation_period_ms)
    : name_(std::move(name)), period_ms_(evaluation_period_ms) {
    if (period_ms_ <= 0) {
        throw config_error("policy[" + name_ + "].evaluation_period_ms: expected > 0, got " +
                           std::to_string(period_ms_));
    }
}

time_ms policy::next_evaluation_ms(time_ms after) const {
    if (after < 0) {
        return period_ms_;
    }
    return (after / period_ms_ + 1) * period_ms_;
}

void policy::start(time_ms, time_ms) {}

void policy::observe(time_ms, time_ms, const span_outcome&, int) {}

std::string policy::cause(const proposal& p, bool out) const {
    return out ? p.out_cause : p.in_cause;
}

void policy::on_scaling(const scaling_event&) {}

void policy::on_period_closed(time_ms, const fleet&) {}

std::size_t policy::add_stream(metric_kind kind, time_ms period_ms, time_ms publish_delay_ms) {
    streams_.emplace_back(kind, period_ms, publish_delay_ms);
    return streams_.size() - 1;
}

} // namespace autoscalesim
