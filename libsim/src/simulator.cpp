#include "autoscalesim/simulator.hpp"

#include "autoscalesim/errors.hpp"
#include "autoscalesim/fleet.hpp"
#include "autoscalesim/policy/scalable_target.hpp"
#include "autoscalesim/policy/target_tracking.hpp"
#include "autoscalesim/random.hpp"
#include "autoscalesim/serving/fluid_plane.hpp"
#include "autoscalesim/serving/latency_mixture.hpp"
#include "autoscalesim/serving/request_plane.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <optional>
#include <string>

namespace autoscalesim {

namespace {

constexpr double nan = std::numeric_limits<double>::quiet_NaN();

std::string format_number(double v) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.6g", v);
    return buf;
}

// Per-interval sums, turned into one timeline row when the interval ends.
struct step_sums {
    double arrivals = 0, served = 0, errors = 0, latency_sum = 0;
    double in_service_ms = 0, busy_ms = 0, workers_ms = 0;
    double desired = 0, starting = 0;
};

class run {
public:
    explicit run(const scenario& sc)
        : sc_(sc), fleet_(0), target_(sc.scaling, sc.endpoint.initial_capacity),
          plane_(sc.endpoint), run_mix_(plane_.service(), sc.endpoint.invocation_timeout_s),
          step_mix_(plane_.service(), sc.endpoint.invocation_timeout_s),
          startup_engine_(make_engine(sc.seed, rng_stream::startup)) {
        fleet_ = fleet(target_.desired());
        if (target_.desired() != sc.endpoint.initial_capacity) {
            res_.activities.push_back({0, 0, sc.endpoint.initial_capacity, target_.desired(),
                                       "RegisterScalableTarget: capacity moved into [" +
                                           std::to_string(target_.min_capacity()) + ", " +
                                           std::to_string(target_.max_capacity()) + "]"});
        }
        for (const auto& c : sc.scaling.target_tracking) {
            policies_.emplace_back(c);
        }
        last_.resize(policies_.size());
        if (sc.mode == plane_mode::request) {
            exact_.emplace(sc);
        }
        max_rate_ = plane_.max_rate_meeting(sc.slo.latency_s, sc.slo.target);
    }

    result execute() {
        const trace& tr = sc_.traffic;
        const time_ms interval = tr.interval_ms();
        const time_ms end = tr.duration_ms();
        const bool record = sc_.record_timeline;
        if (record) {
            reserve_timeline(tr.size());
        }
        std::size_t step = 0;
        time_ms t = 0;
        open_step();
        while (t < end) {
            time_ms next = std::min(static_cast<time_ms>(step + 1) * interval, end);
            for (const auto& p : policies_) {
                const time_ms per = p.stream().period_ms();
                next = std::min(next, (t / per + 1) * per);
            }
            const time_ms ready = fleet_.next_ready_ms();
            if (ready > t) {
                next = std::min(next, ready);
            }
            advance(t, next, tr.counts()[step] * static_cast<double>(next - t) /
                                 static_cast<double>(interval));
            t = next;

            // Control events at t, in a fixed order: readiness, metric periods, the timeline
            // row, then policy evaluations.
            settle_fleet(t);
            bool evaluate = false;
            for (auto& p : policies_) {
                if (t % p.stream().period_ms() == 0) {
                    p.stream().close_period();
                    evaluate = true;
                }
            }
            if (t == static_cast<time_ms>(step + 1) * interval || t == end) {
                close_step(t - static_cast<time_ms>(step) * interval, step);
                ++step;
            }
            if (evaluate && t < end) {
                evaluate_policies(t);
            }
            if (t < end && step_fresh_) {
                open_step();
            }
        }
        finish(end);
        return std::move(res_);
    }

private:
    void reserve_timeline(std::size_t n) {
        auto& tl = res_.steps;
        tl.time_ms_col.reserve(n);
        for (auto* col : {&tl.arrivals, &tl.served, &tl.errors, &tl.queued, &tl.desired,
                          &tl.starting, &tl.in_service, &tl.metric, &tl.utilization,
                          &tl.mean_latency_s, &tl.p99_latency_s}) {
            col->reserve(n);
        }
    }

    void advance(time_ms t0, time_ms t1, double arrivals) {
        const time_ms span = t1 - t0;
        const double span_s = ms_to_seconds(span);
        const int n = fleet_.in_service();
        const span_outcome o = data_plane_advance(t0, t1, arrivals, n);
        const auto dspan = static_cast<double>(span);
        cur_.arrivals += o.arrivals;
        cur_.served += o.served;
        cur_.errors += o.errors;
        cur_.latency_sum += o.latency_sum_s;
        cur_.in_service_ms += dspan * n;
        cur_.busy_ms += dspan * o.busy;
        cur_.workers_ms += dspan * o.workers;
        s_.requests += o.arrivals;
        s_.served += o.served;
        s_.errors += o.errors;
        latency_sum_ += o.latency_sum_s;
        in_service_ms_ += dspan * n;
        s_.peak_in_service = std::max(s_.peak_in_service, n);
        // Demand: the fewest instances whose per-instance load meets the SLO.
        const double rate = span_s > 0 ? arrivals / span_s : 0;
        double demand = 0;
        if (rate > 0) {
            demand = max_rate_ > 0 ? std::ceil(rate / max_rate_ * (1 - 1e-12))
                                   : std::numeric_limits<double>::infinity();
        }
        if (n < demand) {
            under_ms_ += dspan;
        } else if (n > demand) {
            over_ms_ += dspan;
        }
        for (auto& p : policies_) {
            p.stream().add(span, o.arrivals, n, o.in_system, o.busy, o.workers, o.served,
                           o.latency_sum_s);
        }
        queued_end_ = o.queued_end;
    }

    // The request plane when the mode is "request", else the fluid plane with its latency mixture.
    span_outcome data_plane_advance(time_ms t0, time_ms t1, double arrivals, int n) {
        if (exact_) {
            return exact_->advance(t0, t1, fleet_);
        }
        const span_outcome o = plane_.advance(ms_to_seconds(t1 - t0), arrivals, n);
        run_mix_.add(o.served_no_wait, o.served_waited, o.theta);
        if (sc_.record_timeline) {
            step_mix_.add(o.served_no_wait, o.served_waited, o.theta);
        }
        return o;
    }

    // The step's p99 latency; clears the step's latency record.
    double step_p99() {
        double p99 = nan;
        if (exact_) {
            p99 = exact_->step_latency().quantile(0.99);
            exact_->step_latency().clear();
        } else {
            p99 = step_mix_.total() > 0 ? step_mix_.quantile(0.99) : nan;
            step_mix_.clear();
        }
        return p99;
    }

    void open_step() {
        cur_ = step_sums{};
        cur_.desired = target_.desired();
        cur_.starting = fleet_.starting();
        step_fresh_ = false;
    }

    void close_step(time_ms length, std::size_t step) {
        step_fresh_ = true;
        if (!sc_.record_timeline) {
            return;
        }
        auto& tl = res_.steps;
        const auto len = static_cast<double>(length);
        tl.time_ms_col.push_back(static_cast<time_ms>(step) * sc_.traffic.interval_ms());
        tl.arrivals.push_back(cur_.arrivals);
        tl.served.push_back(cur_.served);
        tl.errors.push_back(cur_.errors);
        tl.queued.push_back(queued_end_);
        tl.desired.push_back(cur_.desired);
        tl.starting.push_back(cur_.starting);
        tl.in_service.push_back(cur_.in_service_ms / len);
        tl.utilization.push_back(cur_.workers_ms > 0 ? cur_.busy_ms / cur_.workers_ms : 0.0);
        tl.mean_latency_s.push_back(cur_.served > 0 ? cur_.latency_sum / cur_.served : nan);
        tl.p99_latency_s.push_back(step_p99());
    }

    // Promotes ready instances and completes the activity waiting for them.
    void settle_fleet(time_ms t) {
        fleet_.promote_ready(t);
        while (target_.activity_in_progress() && fleet_.starting() == 0) {
            target_.complete(t);
            res_.activities[open_activity_].end_ms = t;
            if (pending_out_ > target_.desired()) {
                const int to = pending_out_;
                pending_out_ = 0;
                scale_out(t, to, pending_cause_, pending_cooldown_s_);
                fleet_.promote_ready(t);
            } else {
                pending_out_ = 0;
            }
        }
    }

    void scale_out(time_ms t, int to, const std::string& cause, double cooldown_s) {
        const int from = target_.desired();
        target_.scale_out(t, to, cooldown_s);
        for (int i = fleet_.alive(); i < to; ++i) {
            fleet_.launch(t, t + sc_.endpoint.startup.sample_ms(startup_engine_));
        }
        open_activity_ = res_.activities.size();
        res_.activities.push_back({t, t, from, to, cause});
        ++s_.scale_out_count;
    }

    void scale_in(time_ms t, int to, const std::string& cause, double cooldown_s) {
        const int from = target_.desired();
        fleet_.terminate(t, fleet_.alive() - to, /*drain=*/exact_.has_value());
        target_.scale_in(t, to, cooldown_s);
        res_.activities.push_back({t, t, from, to, cause});
        ++s_.scale_in_count;
    }

    static std::string describe(const target_tracking_policy& p, const tt_proposal& prop,
                                bool out) {
        const auto& c = p.config();
        std::string s = c.name + ": " + (out ? "AlarmHigh " : "AlarmLow ");
        s += std::string(metric_name(c.metric)) + " " + format_number(prop.metric);
        s += out ? " > " : " < ";
        s += format_number(out ? c.target_value : c.target_value * c.low_threshold_fraction);
        s += " (" + std::to_string(out ? c.high_datapoints_to_alarm : c.low_datapoints_to_alarm) +
             " of " + std::to_string(out ? c.high_evaluation_periods : c.low_evaluation_periods) +
             ")";
        return s;
    }

    void evaluate_policies(time_ms t) {
        const int desired = target_.desired();
        const int window_base = target_.window_base(t);
        int out_to = 0;
        std::string out_cause;
        double out_cooldown = 0;
        for (std::size_t i = 0; i < policies_.size(); ++i) {
            auto& p = policies_[i];
            if (t % p.stream().period_ms() != 0) {
                continue;
            }
            last_[i] = p.evaluate(t, desired, window_base, sc_.scaling.basis);
            if (last_[i].scale_out) {
                const int to = target_.clamp(last_[i].out_capacity);
                if (to > out_to) {
                    out_to = to;
                    out_cause = describe(p, last_[i], true);
                    out_cooldown = p.config().scale_out_cooldown_s;
                }
            }
        }
        if (out_to > desired) {
            if (target_.activity_in_progress()) {
                if (out_to > pending_out_) {
                    pending_out_ = out_to;
                    pending_cause_ = out_cause + " (waited for the activity in progress)";
                    pending_cooldown_s_ = out_cooldown;
                }
            } else {
                scale_out(t, out_to, out_cause, out_cooldown);
                settle_fleet(t);
            }
            return;
        }
        // Scale in only if every scale-in-enabled policy asks for it; the largest capacity wins.
        int in_to = -1;
        std::string in_cause;
        double in_cooldown = 0;
        for (std::size_t i = 0; i < policies_.size(); ++i) {
            const auto& c = policies_[i].config();
            if (c.disable_scale_in) {
                continue;
            }
            if (!last_[i].scale_in) {
                return;
            }
            const int to = target_.clamp(last_[i].in_capacity);
            if (to > in_to) {
                in_to = to;
                in_cause = describe(policies_[i], last_[i], false);
            }
            in_cooldown = std::max(in_cooldown, c.scale_in_cooldown_s);
        }
        if (in_to >= 0 && in_to < desired && target_.scale_in_allowed(t)) {
            scale_in(t, in_to, in_cause, in_cooldown);
        }
    }

    void finish(time_ms end) {
        const double billed_ms = fleet_.billed_instance_ms(end);
        s_.instance_hours = billed_ms / static_cast<double>(ms_per_hour);
        s_.cost_usd = s_.instance_hours * sc_.endpoint.type.price_per_hour;
        s_.in_flight_at_end = exact_ ? exact_->in_system() : plane_.in_system();
        s_.error_rate = s_.requests > 0 ? s_.errors / s_.requests : 0;
        s_.mean_latency_s = s_.served > 0 ? latency_sum_ / s_.served : nan;
        double good = 0;
        if (exact_) {
            const auto& lat = exact_->latency();
            s_.p50_latency_s = lat.quantile(0.50);
            s_.p95_latency_s = lat.quantile(0.95);
            s_.p99_latency_s = lat.quantile(0.99);
            s_.throttled = static_cast<double>(exact_->totals().throttled);
            good = static_cast<double>(exact_->totals().within_slo);
        } else {
            s_.p50_latency_s = run_mix_.quantile(0.50);
            s_.p95_latency_s = run_mix_.quantile(0.95);
            s_.p99_latency_s = run_mix_.quantile(0.99);
            good = s_.served * (1 - run_mix_.survival(sc_.slo.latency_s));
        }
        s_.slo_attainment = s_.requests > 0 ? good / s_.requests : 1.0;
        s_.slo_violation_share = 1 - s_.slo_attainment;
        const auto dur = static_cast<double>(end);
        s_.mean_in_service = dur > 0 ? in_service_ms_ / dur : 0;
        s_.under_provisioned_share = dur > 0 ? under_ms_ / dur : 0;
        s_.over_provisioned_share = dur > 0 ? over_ms_ / dur : 0;
        s_.duration_s = ms_to_seconds(end);
        res_.totals = s_;
        if (sc_.record_timeline && !policies_.empty()) {
            const auto& stream = policies_.front().stream();
            const auto& pts = stream.datapoints();
            auto& tl = res_.steps;
            for (std::size_t i = 0; i < tl.size(); ++i) {
                const auto k = static_cast<std::size_t>(tl.time_ms_col[i] / stream.period_ms());
                tl.metric.push_back(k < pts.size() ? pts[k].value : nan);
            }
        } else if (sc_.record_timeline) {
            res_.steps.metric.assign(res_.steps.size(), nan);
        }
    }

    const scenario& sc_;
    fleet fleet_;
    scalable_target target_;
    fluid_plane plane_; // also the queueing model behind the provisioning shares in request mode
    std::optional<request_plane> exact_;
    latency_mixture run_mix_;
    latency_mixture step_mix_;
    rng_engine startup_engine_;
    std::vector<target_tracking_policy> policies_;
    std::vector<tt_proposal> last_;
    double max_rate_ = 0;
    result res_;
    summary s_;
    step_sums cur_;
    bool step_fresh_ = true;
    double queued_end_ = 0;
    double latency_sum_ = 0, in_service_ms_ = 0, under_ms_ = 0, over_ms_ = 0;
    std::size_t open_activity_ = 0;
    int pending_out_ = 0;
    std::string pending_cause_;
    double pending_cooldown_s_ = 0;
};

} // namespace

result simulate(const scenario& sc) {
    sc.validate();
    return run(sc).execute();
}

const std::vector<std::string>& summary_fields() {
    static const std::vector<std::string> names = {
        "cost_usd", "instance_hours", "requests", "served", "errors", "throttled",
        "in_flight_at_end",
        "error_rate", "mean_latency_s", "p50_latency_s", "p95_latency_s", "p99_latency_s",
        "slo_attainment", "slo_violation_share", "scale_out_count", "scale_in_count",
        "scaling_activities", "mean_in_service", "peak_in_service", "under_provisioned_share",
        "over_provisioned_share", "duration_s"};
    return names;
}

double summary_value(const summary& s, std::string_view f) {
    if (f == "cost_usd") return s.cost_usd;
    if (f == "instance_hours") return s.instance_hours;
    if (f == "requests") return s.requests;
    if (f == "served") return s.served;
    if (f == "errors") return s.errors;
    if (f == "throttled") return s.throttled;
    if (f == "in_flight_at_end") return s.in_flight_at_end;
    if (f == "error_rate") return s.error_rate;
    if (f == "mean_latency_s") return s.mean_latency_s;
    if (f == "p50_latency_s") return s.p50_latency_s;
    if (f == "p95_latency_s") return s.p95_latency_s;
    if (f == "p99_latency_s") return s.p99_latency_s;
    if (f == "slo_attainment") return s.slo_attainment;
    if (f == "slo_violation_share") return s.slo_violation_share;
    if (f == "scale_out_count") return s.scale_out_count;
    if (f == "scale_in_count") return s.scale_in_count;
    if (f == "scaling_activities") return s.scale_out_count + s.scale_in_count;
    if (f == "mean_in_service") return s.mean_in_service;
    if (f == "peak_in_service") return s.peak_in_service;
    if (f == "under_provisioned_share") return s.under_provisioned_share;
    if (f == "over_provisioned_share") return s.over_provisioned_share;
    if (f == "duration_s") return s.duration_s;
    throw config_error("unknown summary field \"" + std::string(f) + "\"");
}

} // namespace autoscalesim
