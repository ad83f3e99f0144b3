#include "autoscalesim/policy/custom_policy.hpp"

#include "autoscalesim/errors.hpp"
#include "autoscalesim/policy/policy.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <utility>

namespace autoscalesim {

namespace {

constexpr double nan = std::numeric_limits<double>::quiet_NaN();

// Sums the spans of one period and asks the user's policy at its end.
class custom_adapter final : public policy {
public:
    custom_adapter(std::shared_ptr<custom_policy> p, time_ms period_ms)
        : policy(p->name, period_ms), user_(std::move(p)) {}

    time_ms next_evaluation_ms(time_ms after) const override {
        // The first call comes after one whole period, never at time 0.
        const time_ms period = evaluation_period_ms();
        return (std::max<time_ms>(after, 0) / period + 1) * period;
    }

    void observe(time_ms t0, time_ms t1, const span_outcome& o, int in_service) override {
        const auto span = static_cast<double>(t1 - t0);
        sums_.arrivals += o.arrivals;
        sums_.served += o.served;
        sums_.errors += o.errors;
        sums_.latency_sum += o.latency_sum_s;
        sums_.in_service_ms += span * in_service;
        sums_.busy_ms += span * o.busy;
        sums_.workers_ms += span * o.workers;
        sums_.covered_ms += span;
        sums_.queued = o.queued_end;
    }

    proposal decide(time_ms now, const policy_view& view) override {
        policy_observation obs;
        obs.now_s = ms_to_seconds(now);
        obs.period_s = sums_.covered_ms / 1000.0;
        obs.desired = view.desired();
        obs.in_service = view.in_service();
        obs.starting = view.starting();
        obs.min_capacity = view.min_capacity();
        obs.max_capacity = view.max_capacity();
        obs.activity_in_progress = view.target().activity_in_progress();
        obs.arrivals = sums_.arrivals;
        obs.served = sums_.served;
        obs.errors = sums_.errors;
        obs.mean_in_service = sums_.covered_ms > 0 ? sums_.in_service_ms / sums_.covered_ms : 0;
        obs.invocations_per_instance =
            obs.mean_in_service > 0 ? sums_.arrivals / obs.mean_in_service : nan;
        obs.utilization = sums_.workers_ms > 0 ? sums_.busy_ms / sums_.workers_ms : 0;
        obs.mean_latency_s = sums_.served > 0 ? sums_.latency_sum / sums_.served : nan;
        obs.queued = sums_.queued;
        sums_ = {};
        const std::optional<int> capacity = user_->decide(obs);
        if (!capacity) {
            return {};
        }
        if (*capacity < 0) {
            throw config_error(user_->name + ".decide: expected a capacity >= 0 or no value, got " +
                               std::to_string(*capacity));
        }
        return proposal::to(*capacity, view.desired(),
                            user_->name + ": decided " + std::to_string(*capacity));
    }

private:
    struct period_sums {
        double arrivals = 0, served = 0, errors = 0, latency_sum = 0;
        double in_service_ms = 0, busy_ms = 0, workers_ms = 0, covered_ms = 0, queued = 0;
    };
    std::shared_ptr<custom_policy> user_;
    period_sums sums_;
};

} // namespace

policy_factory custom_policy_factory(std::shared_ptr<custom_policy> p) {
    if (!p) {
        throw config_error("custom policy: null policy");
    }
    return [p]() -> std::unique_ptr<policy> {
        const double s = p->period_s;
        if (!std::isfinite(s) || s < 1 || s > 86400 || std::fmod(s, 1.0) != 0) {
            char buf[64];
            std::snprintf(buf, sizeof buf, "%g", s);
            throw config_error(in_field("period_s"),
                               std::string("expected a whole number of seconds in [1, 86400], "
                                           "got ") +
                                   buf);
        }
        return std::make_unique<custom_adapter>(p, seconds_to_ms(s));
    };
}

} // namespace autoscalesim
