#include "autoscalesim/simulator.hpp"

#include "autoscalesim/errors.hpp"
#include "autoscalesim/fleet.hpp"
#include "autoscalesim/instance_pool.hpp"
#include "autoscalesim/policy/composition.hpp"
#include "autoscalesim/policy/hpa.hpp"
#include "autoscalesim/policy/policy.hpp"
#include "autoscalesim/policy/predictive.hpp"
#include "autoscalesim/policy/scalable_target.hpp"
#include "autoscalesim/policy/scheduled.hpp"
#include "autoscalesim/policy/step_scaling.hpp"
#include "autoscalesim/policy/target_tracking.hpp"
#include "autoscalesim/random.hpp"
#include "autoscalesim/savings_plan.hpp"
#include "autoscalesim/serving/data_plane.hpp"
#include "autoscalesim/serving/fluid_plane.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <memory>
#include <optional>
#include <string>

namespace autoscalesim {

namespace {

constexpr double nan = std::numeric_limits<double>::quiet_NaN();
constexpr time_ms never = std::numeric_limits<time_ms>::max();

// The number of clock hours a run of `end` ms touches when it starts `offset` ms into its first.
std::size_t clock_hours(time_ms end, time_ms offset) {
    return end > 0 ? static_cast<std::size_t>((end + offset + ms_per_hour - 1) / ms_per_hour) : 0;
}

// Adds `weight` x the time in [from, to) to each clock hour's instance-hours; the run starts
// `offset` ms into its first clock hour (clock_hour_offset_ms).
void add_billed_hours(std::vector<double>& hours, time_ms from, time_ms to, double weight,
                      time_ms offset) {
    for (time_ms t = from; t < to;) {
        const time_ms h = (t + offset) / ms_per_hour;
        const time_ms next = std::min(to, (h + 1) * ms_per_hour - offset);
        hours[static_cast<std::size_t>(h)] +=
            weight * static_cast<double>(next - t) / static_cast<double>(ms_per_hour);
        t = next;
    }
}

// Per-interval sums, turned into one timeline row when the interval ends.
struct step_sums {
    double arrivals = 0, served = 0, errors = 0, latency_sum = 0;
    double in_service_ms = 0, busy_ms = 0, workers_ms = 0;
    std::int32_t desired = 0, starting = 0;
};

class run {
public:
    // One endpoint; or, with `shared`, component `component` of several inference components on
    // one instance pool (its copies billed by the share of an instance each takes).
    explicit run(const scenario& sc, const std::atomic<bool>* cancel = nullptr,
                 instance_pool* shared = nullptr, std::size_t component = 0, bool margins = false)
        : sc_(sc), cancel_(cancel), fleet_(0), target_(sc.scaling, sc.endpoint.initial_capacity),
          plane_(make_data_plane(sc)),
          max_rate_(max_rate_meeting(sc.endpoint, sc.slo.latency_s, sc.slo.target)),
          startup_engine_(make_engine(sc.seed, rng_stream::startup)) {
        fleet_ = fleet(target_.desired());
        if (shared != nullptr) {
            pool_ = shared;
            comp_ = component;
            const auto need = copy_shares(sc.endpoint.inference_component, sc.endpoint.type.name);
            copy_share_ = std::max({need[0], need[1], need[2]});
        } else if (sc.endpoint.kind == endpoint_kind::inference_component) {
            const auto& ic = sc.endpoint.inference_component;
            own_pool_.emplace(ic,
                              std::vector<instance_pool::component>{
                                  {copy_shares(ic, sc.endpoint.type.name), ic.copy_startup,
                                   ic.cached_copy_startup, target_.desired()}},
                              sc.seed);
            pool_ = &*own_pool_;
        }
        if (target_.desired() != sc.endpoint.initial_capacity) {
            res_.activities.push_back({0, 0, sc.endpoint.initial_capacity, target_.desired(),
                                       "RegisterScalableTarget: capacity moved into [" +
                                           std::to_string(target_.min_capacity()) + ", " +
                                           std::to_string(target_.max_capacity()) + "]"});
            activity_policy_.push_back(std::numeric_limits<std::size_t>::max());
        }
        const auto& cfg = sc.scaling;
        const bool per_copy = pool_ != nullptr; // the capacity counts copies
        for (const auto& c : cfg.target_tracking) {
            policies_.push_back(std::make_unique<target_tracking_policy>(c, per_copy));
        }
        for (const auto& c : cfg.step_scaling) {
            policies_.push_back(std::make_unique<step_scaling_policy>(c, per_copy));
        }
        for (const auto& c : cfg.scheduled) {
            policies_.push_back(std::make_unique<scheduled_action>(c));
        }
        for (const auto& c : cfg.predictive) {
            auto p = std::make_unique<predictive_policy>(c);
            predictive_.push_back(p.get());
            policies_.push_back(std::move(p));
        }
        for (const auto& c : cfg.hpa) {
            policies_.push_back(std::make_unique<hpa_policy>(c));
        }
        for (std::size_t i = 0; i < cfg.custom.size(); ++i) {
            std::unique_ptr<policy> p;
            try {
                p = cfg.custom[i] ? cfg.custom[i]() : nullptr;
            } catch (const config_error& e) {
                // the policy's own field, under the factory's place (as data, not only text)
                const std::string at = "scaling.custom[" + std::to_string(i) + "]";
                const std::string& field = e.where().field;
                throw config_error(in_field(field.empty() ? at : at + "." + field),
                                   field.empty() ? std::string(e.what()) : e.problem());
            }
            if (!p) {
                throw config_error(in_field("scaling.custom[" + std::to_string(i) + "]"),
                                   "the factory returned no policy");
            }
            policies_.push_back(std::move(p));
        }
        const std::size_t n = policies_.size();
        // Asked for, with one target-tracking policy and nothing else: it records the settings
        // within which the run would be the same (result::margins).
        if (margins && n == 1 && cfg.target_tracking.size() == 1 &&
            (sc.endpoint.kind == endpoint_kind::real_time ||
             sc.endpoint.kind == endpoint_kind::asynchronous)) {
            margins_policy_ = static_cast<target_tracking_policy*>(policies_.front().get());
            margins_policy_->track_margins(cfg.scale_out_while_updating);
        }
        last_.resize(n);
        failed_.resize(n);
        raise_.assign(n, 0);
        next_eval_.assign(n, never);
        base_min_ = cfg.min_capacity;
        base_max_ = cfg.max_capacity;
        for (std::size_t i = 0; i < n; ++i) {
            policies_[i]->start(sc.traffic.start_epoch_ms(), sc.traffic.duration_ms());
            next_eval_[i] = policies_[i]->next_evaluation_ms(-1);
            if (next_eval_[i] < 0) {
                throw config_error("policy[" + policies_[i]->name() +
                                   "]: next_evaluation_ms(-1) returned a negative time");
            }
        }
    }

    result execute() {
        begin();
        while (!done()) {
            step_to(next_time());
        }
        return end_run();
    }

    // The run in steps, for several components run in lockstep: begin(), then step_to() any
    // time up to next_time() until done(), then end_run().
    void begin() {
        if (sc_.record_timeline) {
            reserve_timeline(sc_.traffic.size());
        }
        if (std::find(next_eval_.begin(), next_eval_.end(), 0) != next_eval_.end()) {
            evaluate_policies(0);
        }
        open_step();
    }

    bool done() const { return t_ >= sc_.traffic.duration_ms(); }

    // The next control event: the end of the interval, a metric period, a policy evaluation or
    // a start-up.
    time_ms next_time() const {
        const trace& tr = sc_.traffic;
        time_ms next =
            std::min(static_cast<time_ms>(step_ + 1) * tr.interval_ms(), tr.duration_ms());
        for (const auto& p : policies_) {
            for (const auto& st : p->streams()) {
                const time_ms per = st.period_ms();
                next = std::min(next, (t_ / per + 1) * per);
            }
        }
        for (const time_ms e : next_eval_) {
            next = std::min(next, e);
        }
        const time_ms ready = fleet_.next_ready_ms();
        if (ready > t_) {
            next = std::min(next, ready);
        }
        return next;
    }

    // Serves the traffic up to `next` (at most next_time()) and runs the control events there.
    void step_to(time_ms next) {
        const trace& tr = sc_.traffic;
        const time_ms interval = tr.interval_ms();
        const time_ms end = tr.duration_ms();
        std::size_t& step = step_;
        time_ms& t = t_;
        if (cancel_ != nullptr && cancel_->load(std::memory_order_relaxed)) {
            throw cancelled_error("simulation cancelled at " + std::to_string(ms_to_seconds(t)) +
                                  " s of the trace");
        }
        advance(t, next,
                tr.counts()[step] * static_cast<double>(next - t) / static_cast<double>(interval));
        t = next;

        // Control events at t, in a fixed order: readiness, metric periods, the timeline
        // row, then policy evaluations.
        settle_fleet(t);
        for (auto& p : policies_) {
            bool closed = false;
            for (auto& st : p->streams()) {
                if (t % st.period_ms() == 0) {
                    st.close_period();
                    closed = true;
                }
            }
            if (closed) {
                p->on_period_closed(t, fleet_);
            }
        }
        if (t == static_cast<time_ms>(step + 1) * interval || t == end) {
            close_step(t - static_cast<time_ms>(step) * interval, step);
            ++step;
        }
        if (t < end && std::find(next_eval_.begin(), next_eval_.end(), t) != next_eval_.end()) {
            evaluate_policies(t);
        }
        if (t < end && step_fresh_) {
            open_step();
        }
    }

    result end_run() {
        finish(sc_.traffic.duration_ms());
        return std::move(res_);
    }

    // Shared instance pool: copies another component's update placed on this one's behalf.
    void take_placed() {
        if (pool_ != nullptr) {
            for (const auto& [copy, ready] : pool_->take_placed(comp_)) {
                fleet_.set_ready(copy, ready);
            }
        }
    }

    // The share of the last span with no request arriving or held.
    double idle_share() const { return idle_share_; }

private:
    void reserve_timeline(std::size_t n) {
        auto& tl = res_.steps;
        tl.time_ms_col.reserve(n);
        for (auto* col : {&tl.arrivals, &tl.served, &tl.errors}) {
            col->reserve(n);
        }
        for (auto* col : {&tl.desired, &tl.starting}) {
            col->reserve(n);
        }
        for (auto* col : {&tl.queued, &tl.in_service, &tl.metric, &tl.utilization,
                          &tl.mean_latency_s, &tl.p99_latency_s}) {
            col->reserve(n);
        }
    }

    void advance(time_ms t0, time_ms t1, double arrivals) {
        const time_ms span = t1 - t0;
        const double span_s = ms_to_seconds(span);
        const int n = fleet_.in_service();
        const span_outcome o = plane_->advance(t0, t1, arrivals, fleet_);
        idle_share_ = o.arrivals == 0 ? 1 - o.held_share : 0.0;
        if (pool_) {
            pool_->update(t1, comp_, fleet_, sc_.endpoint.startup, startup_engine_);
        }
        // Inference components: the instances are billed and idle, the copies serve; an
        // instance a scale-in at t0 emptied is released at t0 by the update above.
        const double hosts = own_pool_ && span > 0
                                 ? pool_->in_service_ms(t0, t1) / static_cast<double>(span)
                                 : n * copy_share_;
        if (sc_.endpoint.kind == endpoint_kind::serverless) {
            serverless_hourly_compute(t0);
        }
        const auto dspan = static_cast<double>(span);
        cur_.arrivals += o.arrivals;
        cur_.served += o.served;
        cur_.errors += o.errors;
        cur_.latency_sum += o.latency_sum_s;
        cur_.in_service_ms += dspan * n;
        cur_.busy_ms += dspan * o.busy;
        cur_.workers_ms += dspan * o.workers;
        latency_sum_ += o.latency_sum_s;
        in_service_ms_ += dspan * n;
        if (o.arrivals == 0) {
            idle_ms_ += dspan * hosts * (1 - o.held_share);
        }
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
            for (auto& st : p->streams()) {
                // Every attempt is an invocation: a client's retries count as well. ModelLatency
                // is the endpoint's: from each served request's last attempt.
                st.add(span, o.arrivals + o.retries, n, o.in_system, o.busy, o.workers, o.served,
                       o.attempt_latency_sum_s >= 0 ? o.attempt_latency_sum_s : o.latency_sum_s,
                       o.held_share);
                st.add_models(span, n, o.model_starts, o.model_hits, o.model_waited,
                              o.model_wait_sum_s, o.models_loaded);
            }
            p->observe(t0, t1, o, n);
        }
        queued_end_ = o.queued_end;
    }

    void open_step() {
        cur_ = step_sums{};
        cur_.desired = target_.desired();
        cur_.starting = fleet_.starting();
        step_fresh_ = false;
    }

    void close_step(time_ms length, std::size_t step) {
        step_fresh_ = true;
        // The totals are the sums of the steps' rows, so that they equal the timeline's
        // columns: a trace of whole counts split into spans at control events sums back to
        // its total per step (summed span by span, 484 requests read 483.9999999999995).
        s_.requests += cur_.arrivals;
        s_.served += cur_.served;
        s_.errors += cur_.errors;
        if (!sc_.record_timeline) {
            return;
        }
        auto& tl = res_.steps;
        const auto len = static_cast<double>(length);
        tl.time_ms_col.push_back(static_cast<time_ms>(step) * sc_.traffic.interval_ms());
        tl.arrivals.push_back(cur_.arrivals);
        tl.served.push_back(cur_.served);
        tl.errors.push_back(cur_.errors);
        tl.queued.push_back(static_cast<float>(queued_end_));
        tl.desired.push_back(cur_.desired);
        tl.starting.push_back(cur_.starting);
        tl.in_service.push_back(static_cast<float>(cur_.in_service_ms / len));
        tl.utilization.push_back(
            static_cast<float>(cur_.workers_ms > 0 ? cur_.busy_ms / cur_.workers_ms : 0.0));
        const bool served_any = cur_.served > nothing_served * std::max(1.0, cur_.arrivals);
        tl.mean_latency_s.push_back(
            static_cast<float>(served_any ? cur_.latency_sum / cur_.served : nan));
        const double p99 = plane_->take_step_p99(); // taken every step: it resets the step
        tl.p99_latency_s.push_back(static_cast<float>(served_any ? p99 : nan));
    }

    // Promotes ready instances and completes the activities waiting for them.
    void settle_fleet(time_ms t) {
        take_placed();
        fleet_.promote_ready(t);
        while (target_.activity_in_progress() && fleet_.starting() == 0) {
            target_.complete(t);
            for (const std::size_t k : open_activities_) {
                res_.activities[k].end_ms = t;
                notify({t, res_.activities[k].from, res_.activities[k].to, true, false},
                       activity_policy_[k]);
            }
            open_activities_.clear();
            if (pending_out_ > 0) {
                const int to = target_.clamp(pending_out_);
                pending_out_ = 0;
                if (to > target_.desired()) {
                    scale_out(t, to, pending_cause_, pending_cooldown_s_, pending_policy_);
                    fleet_.promote_ready(t);
                }
            }
        }
    }

    // Tells every policy about a change; `by` is the index of the policy that caused it.
    void notify(scaling_event e, std::size_t by) {
        for (std::size_t i = 0; i < policies_.size(); ++i) {
            e.by_this = i == by;
            policies_[i]->on_scaling(e);
        }
    }

    void record_activity(time_ms t, int from, int to, const std::string& cause, std::size_t by) {
        res_.activities.push_back({t, t, from, to, cause});
        activity_policy_.push_back(by);
    }

    void scale_out(time_ms t, int to, const std::string& cause, double cooldown_s, std::size_t by) {
        const int from = target_.desired();
        target_.scale_out(t, to, cooldown_s);
        for (int i = fleet_.alive(); i < to; ++i) {
            fleet_.launch(t, pool_ ? pool_->place(t, comp_, fleet_.instances().size(),
                                                  sc_.endpoint.startup, startup_engine_)
                                   : t + sc_.endpoint.startup.sample_ms(startup_engine_));
        }
        open_activities_.push_back(res_.activities.size());
        record_activity(t, from, to, cause, by);
        ++s_.scale_out_count;
        notify({t, from, to, false, false}, by);
    }

    void scale_in(time_ms t, int to, const std::string& cause, double cooldown_s, std::size_t by) {
        const int from = target_.desired();
        fleet_.terminate(t, fleet_.alive() - to, /*drain=*/plane_->drains_on_scale_in());
        if (pool_) {
            pool_->update(t, comp_, fleet_, sc_.endpoint.startup, startup_engine_);
        }
        target_.scale_in(t, to, cooldown_s);
        record_activity(t, from, to, cause, by);
        ++s_.scale_in_count;
        notify({t, from, to, false, false}, by);
        notify({t, from, to, true, false}, by);
        settle_fleet(t);
    }

    // A scale-out now, or, when the policy waits for the activity in progress: dropped if the
    // policy asks again at its next evaluation (AWS: the attempt fails while the endpoint is
    // Updating, and the alarm re-invokes the policy on fresh datapoints) unless the scenario keeps
    // the largest request; a one-shot request is kept and applied when the activity completes.
    void request_out(time_ms t, int to, const std::string& cause, double cooldown_s,
                     std::size_t by) {
        if (target_.activity_in_progress() && policies_[by]->waits_for_activity()) {
            if (policies_[by]->asks_again() &&
                sc_.scaling.scale_out_while_updating == busy_scale_out::retry) {
                return;
            }
            if (to > pending_out_) {
                pending_out_ = to;
                pending_cause_ = cause + " (waited for the activity in progress)";
                pending_cooldown_s_ = cooldown_s;
                pending_policy_ = by;
            }
            return;
        }
        scale_out(t, to, cause, cooldown_s, by);
        settle_fleet(t);
    }

    // A scheduled action that failed (see evaluate_policies): counted per action, noted once.
    void failed_action(std::size_t i, time_ms t, const proposal& p) {
        auto& f = failed_[i];
        if (f.count++ > 0) return;
        f.first_ms = t;
        f.what =
            p.set_min
                ? "sets MinCapacity " + std::to_string(*p.set_min) +
                      " alone, above the MaxCapacity " + std::to_string(base_max_) + " in force"
                : "sets MaxCapacity " + std::to_string(*p.set_max) +
                      " alone, below the MinCapacity " + std::to_string(base_min_) + " in force";
    }

    void apply_bounds() {
        int raised = 0;
        for (const int r : raise_) {
            raised = std::max(raised, r);
        }
        target_.set_bounds(base_min_, std::max(base_max_, raised));
    }

    void evaluate_policies(time_ms t) {
        const policy_view view(t, target_, fleet_, sc_.scaling.basis, sc_.traffic.start_epoch_ms());
        due_.clear();
        votes_.resize(policies_.size());
        for (std::size_t i = 0; i < policies_.size(); ++i) {
            const auto& p = *policies_[i];
            votes_[i] = {&last_[i], next_eval_[i] == t, p.in_rule(), p.scales_in(),
                         p.waits_for_activity()};
            if (next_eval_[i] != t) {
                continue;
            }
            due_.push_back(i);
            last_[i] = policies_[i]->decide(t, view);
            const time_ms nx = policies_[i]->next_evaluation_ms(t);
            if (nx <= t) {
                throw config_error("policy[" + policies_[i]->name() +
                                   "]: next_evaluation_ms must return a later time");
            }
            next_eval_[i] = nx;
        }

        // Bounds first (scheduled actions, predictive MaxCapacity raises), then the capacity is
        // moved into a new scheduled range at once, ignoring cooldowns.
        std::size_t moved_by = policies_.size();
        for (const std::size_t i : due_) {
            const proposal& p = last_[i];
            if (p.set_min || p.set_max) {
                const int lo = p.set_min.value_or(base_min_);
                const int hi = p.set_max.value_or(base_max_);
                if (lo > hi) {
                    // One bound set across the other one in force: AWS fails the action ("you
                    // must include both sizes to ensure that the new minimum capacity is not
                    // greater than the maximum capacity"), and nothing changes.
                    failed_action(i, t, p);
                } else {
                    base_min_ = lo;
                    base_max_ = hi;
                    moved_by = i;
                }
            }
            switch (p.raise_max.what) {
            case max_raise::action::keep:
                break;
            case max_raise::action::withdraw:
                raise_[i] = 0;
                break;
            case max_raise::action::raise:
                raise_[i] = p.raise_max.capacity;
                break;
            }
        }
        apply_bounds();
        if (moved_by < policies_.size()) {
            const int d = target_.desired();
            const std::string cause = policies_[moved_by]->name() + ": scheduled action sets [" +
                                      std::to_string(target_.min_capacity()) + ", " +
                                      std::to_string(target_.max_capacity()) + "]";
            if (d < target_.min_capacity()) {
                // The others still vote: a forecast due now asks for more than the new minimum
                // (kept, as a one-shot request, until this activity completes).
                request_out(t, target_.min_capacity(), cause, 0, moved_by);
            } else if (d > target_.max_capacity()) {
                scale_in(t, target_.max_capacity(), cause, 0, moved_by);
            }
        }

        // The composition of the proposals (policy/composition.hpp), then its application.
        const composed c = compose(votes_, target_, t);
        if (c.scales_out(target_.desired())) {
            const proposal& p = last_[c.out_by];
            request_out(t, *c.out_to, policies_[c.out_by]->cause(p, true), p.out_cooldown_s,
                        c.out_by);
            return;
        }
        if (c.in_to) {
            scale_in(t, *c.in_to, policies_[c.in_by]->cause(last_[c.in_by], false), c.in_cooldown_s,
                     c.in_by);
        }
    }

    // Serverless: the inference duration charged since the last span, in t0's clock hour (the
    // plane counts a request's service when it starts it).
    void serverless_hourly_compute(time_ms t0) {
        const double usd = serverless_duration_usd(plane_->serverless());
        const auto h = static_cast<std::size_t>((t0 + hour_offset_) / ms_per_hour);
        if (serverless_compute_usd_.size() <= h) {
            serverless_compute_usd_.resize(h + 1, 0.0);
        }
        serverless_compute_usd_[h] += usd - serverless_charged_usd_;
        serverless_charged_usd_ = usd;
    }

    // Serverless: the inference duration charged for `u`, per GB-second of memory: each
    // request's service on demand or on provisioned concurrency (a cold start is not billed).
    double serverless_duration_usd(const serverless_usage& u) const {
        const auto& sv = sc_.endpoint.serverless;
        return sv.memory_gb() * (u.on_demand_compute_s * sv.price_per_gb_s +
                                 u.provisioned_compute_s * sv.provisioned_duration_price_per_gb_s);
    }

    // The on-demand spend a Savings Plan covers, per clock hour: the billed instance-hours at
    // the instance price; serverless: the provisioned concurrency and the inference duration
    // (data processing is not compute, so not covered).
    void hourly_spend(time_ms end) {
        const auto& hours = res_.hourly_instance_hours;
        auto& spend = res_.hourly_on_demand_usd;
        spend.assign(hours.size(), 0.0);
        if (sc_.endpoint.kind != endpoint_kind::serverless) {
            for (std::size_t h = 0; h < hours.size(); ++h) {
                spend[h] = hours[h] * sc_.endpoint.type.price_per_hour;
            }
            return;
        }
        if (end > 0) {
            serverless_hourly_compute(end - 1); // anything charged after the last span
        }
        const auto& sv = sc_.endpoint.serverless;
        for (std::size_t h = 0; h < hours.size(); ++h) {
            spend[h] = hours[h] * 3600 * sv.memory_gb() * sv.provisioned_price_per_gb_s +
                       (h < serverless_compute_usd_.size() ? serverless_compute_usd_[h] : 0.0);
        }
    }

    // Billed instance-hours per clock hour: each instance's [launch, release) split by hour.
    void hourly_profile(time_ms end) {
        auto& hours = res_.hourly_instance_hours;
        hours.assign(clock_hours(end, hour_offset_), 0.0);
        auto add = [&](time_ms from, time_ms to) {
            add_billed_hours(hours, from, to, copy_share_, hour_offset_);
        };
        if (own_pool_) {
            for (const auto& in : pool_->instances()) {
                add(in.launch_ms, std::min(end, in.released_ms >= 0 ? in.released_ms : end));
            }
        } else {
            for (const auto& in : fleet_.instances()) {
                add(in.launch_ms, std::min(end, in.terminated_ms >= 0 ? in.terminated_ms : end));
            }
        }
    }

    void finish(time_ms end) {
        // An activity still in progress ends when its last starting instance would be in
        // service, after the trace's end (drawn at launch); one waiting for room on a full
        // instance pool, whose time is not known, at the trace's end.
        if (!open_activities_.empty()) {
            time_ms last = end;
            bool unknown = false;
            for (const std::size_t i : fleet_.alive_indices()) {
                const instance_record& r = fleet_.instances()[i];
                if (r.state == instance_state::starting) {
                    unknown = unknown || r.ready_ms >= instance_pool::pending;
                    last = std::max(last, r.ready_ms);
                }
            }
            for (const std::size_t k : open_activities_) {
                res_.activities[k].end_ms = unknown ? end : last;
            }
        }
        const double billed_ms =
            own_pool_ ? pool_->billed_ms(end) : copy_share_ * fleet_.billed_instance_ms(end);
        s_.instance_hours = billed_ms / static_cast<double>(ms_per_hour);
        s_.cost_usd = s_.instance_hours * sc_.endpoint.type.price_per_hour;
        if (sc_.endpoint.kind == endpoint_kind::serverless) {
            // Per GB-second of memory: the provisioned containers while provisioned, and the
            // inference duration; then the data processed.
            const auto& sv = sc_.endpoint.serverless;
            const serverless_usage u = plane_->serverless();
            s_.cost_usd = sv.memory_gb() * billed_ms / 1000 * sv.provisioned_price_per_gb_s +
                          serverless_duration_usd(u) +
                          s_.requests * sv.payload_kb / (1024.0 * 1024.0) * sv.data_price_per_gb;
            s_.cold_starts = u.cold_starts;
        }
        if (sc_.endpoint.kind == endpoint_kind::multi_model) {
            const model_cache_usage m = plane_->model_cache();
            s_.model_cache_hit_rate = m.starts > 0 ? m.hits / m.starts : nan;
            s_.model_loads = m.loads;
            s_.mean_model_load_wait_s = m.waited > 0 ? m.wait_sum_s / m.waited : 0;
        }
        s_.idle_instance_hours = idle_ms_ / static_cast<double>(ms_per_hour);
        hourly_profile(end);
        hourly_spend(end);
        s_.cost_with_plan_usd = s_.cost_usd;
        if (sc_.endpoint.savings_plan_discount > 0) {
            const savings_plan_outcome plan =
                best_savings_plan(res_.hourly_on_demand_usd, sc_.endpoint.savings_plan_discount,
                                  hour_shares(end, hour_offset_));
            // What the plan does not cover (a serverless bill's data processing) stays as it is.
            const double uncovered = sc_.endpoint.kind == endpoint_kind::serverless
                                         ? std::max(0.0, s_.cost_usd - plan.on_demand_usd)
                                         : 0.0;
            s_.cost_with_plan_usd = plan.with_plan_usd + uncovered;
            s_.commitment_per_hour = plan.commitment_per_hour;
        }
        s_.in_flight_at_end = plane_->in_system();
        s_.error_rate = s_.requests > 0 ? s_.errors / s_.requests : 0;
        // Served requests below rounding (a fluid queue in collapse, where nearly every
        // request times out) have no latency: the mean and the percentiles are NaN together.
        const bool served_any = s_.served > nothing_served * std::max(1.0, s_.requests);
        s_.mean_latency_s = served_any ? latency_sum_ / s_.served : nan;
        s_.p50_latency_s = served_any ? plane_->latency_quantile(0.50) : nan;
        s_.p95_latency_s = served_any ? plane_->latency_quantile(0.95) : nan;
        s_.p99_latency_s = served_any ? plane_->latency_quantile(0.99) : nan;
        s_.throttled = plane_->throttled();
        s_.slo_attainment = s_.requests > 0 ? plane_->served_within_slo() / s_.requests : 1.0;
        s_.slo_violation_share = 1 - s_.slo_attainment;
        const auto dur = static_cast<double>(end);
        s_.mean_in_service = dur > 0 ? in_service_ms_ / dur : 0;
        s_.under_provisioned_share = dur > 0 ? under_ms_ / dur : 0;
        s_.over_provisioned_share = dur > 0 ? over_ms_ / dur : 0;
        s_.duration_s = ms_to_seconds(end);
        res_.totals = s_;
        for (std::size_t i = 0; i < failed_.size(); ++i) {
            const auto& f = failed_[i];
            if (f.count == 0) continue;
            char first[64];
            std::snprintf(first, sizeof first, "%g s", ms_to_seconds(f.first_ms));
            res_.notes.push_back(
                "scaling.scheduled[" + policies_[i]->name() + "]: failed " +
                std::to_string(f.count) + (f.count == 1 ? " time" : " times") + " (first at " +
                first + " of the trace): it " + f.what +
                ", and AWS fails such an action (give both sizes); it was not applied");
        }
        if (margins_policy_ != nullptr) {
            res_.margins = margins_policy_->margins();
            // The initial capacity was moved into [Min, Max] at registration.
            auto& m = res_.margins;
            const int initial = sc_.endpoint.initial_capacity;
            const int max = sc_.scaling.max_capacity;
            m.max_capacity_from = std::max(m.max_capacity_from, std::min(initial, max));
            if (initial > max) m.max_capacity_up_to = std::min(m.max_capacity_up_to, max);
            const auto [above, up_to] = target_.scale_out_window_margin();
            m.scale_out_cooldown_above_ms = std::max(m.scale_out_cooldown_above_ms, above);
            m.scale_out_cooldown_up_to_ms = std::min(m.scale_out_cooldown_up_to_ms, up_to);
        }
        const metric_stream* first = nullptr;
        for (const auto& p : policies_) {
            if (!first && !p->streams().empty()) {
                first = &p->streams().front();
            }
        }
        for (const auto* p : predictive_) {
            res_.forecast.insert(res_.forecast.end(), p->forecast().begin(), p->forecast().end());
        }
        if (sc_.record_timeline && first) {
            const auto& stream = *first;
            const auto& pts = stream.datapoints();
            auto& tl = res_.steps;
            for (std::size_t i = 0; i < tl.size(); ++i) {
                const auto k = static_cast<std::size_t>(tl.time_ms_col[i] / stream.period_ms());
                tl.metric.push_back(static_cast<float>(k < pts.size() ? pts[k].value : nan));
            }
        } else if (sc_.record_timeline) {
            res_.steps.metric.assign(res_.steps.size(), std::numeric_limits<float>::quiet_NaN());
        }
    }

    const scenario& sc_;
    const std::atomic<bool>* cancel_;
    fleet fleet_;
    // Inference components: the instances under the copies, the run's own or shared.
    std::optional<instance_pool> own_pool_;
    instance_pool* pool_ = nullptr;
    std::size_t comp_ = 0;    // this component's index in a shared pool
    double copy_share_ = 1.0; // shared pool: the share of an instance one copy is billed
    // How far into its UTC clock hour the trace starts: the hourly profile's hours are clock hours
    time_ms hour_offset_ = clock_hour_offset_ms(sc_.traffic.start_epoch_ms());
    time_ms t_ = 0;        // where the run is
    std::size_t step_ = 0; // the trace interval it is in
    double idle_share_ = 0;
    scalable_target target_;
    std::unique_ptr<data_plane> plane_; // the scenario's mode's, chosen once
    // The largest arrival rate per instance that meets the SLO, from the fluid model's stationary
    // queue in either mode: the demand behind the provisioning shares.
    double max_rate_;
    rng_engine startup_engine_;
    std::vector<std::unique_ptr<policy>> policies_;
    std::vector<const predictive_policy*> predictive_;
    std::vector<proposal> last_;
    std::vector<time_ms> next_eval_;
    std::vector<int>
        raise_; // per policy, the MaxCapacity raise in force (0: none, as max(x, 0) = x)
    std::vector<std::size_t> due_;
    std::vector<vote> votes_;
    int base_min_ = 0, base_max_ = 0;
    result res_;
    summary s_;
    step_sums cur_;
    bool step_fresh_ = true;
    double queued_end_ = 0;
    double latency_sum_ = 0, in_service_ms_ = 0, under_ms_ = 0, over_ms_ = 0, idle_ms_ = 0;
    std::vector<double> serverless_compute_usd_; // serverless: duration charged per clock hour
    double serverless_charged_usd_ = 0;          // serverless: duration charged so far
    std::vector<std::size_t> open_activities_;
    std::vector<std::size_t> activity_policy_;
    int pending_out_ = 0;
    std::size_t pending_policy_ = 0;
    std::string pending_cause_;
    double pending_cooldown_s_ = 0;
    struct failure {
        int count = 0;
        time_ms first_ms = 0;
        std::string what;
    };
    std::vector<failure> failed_;                      // per policy: a scheduled action's failures
    target_tracking_policy* margins_policy_ = nullptr; // records result::margins, if any
};

} // namespace

result simulate(const scenario& sc) {
    sc.validate();
    return run(sc).execute();
}

result simulate(const scenario& sc, const std::atomic<bool>& cancel) {
    sc.validate();
    return run(sc, &cancel).execute();
}

result simulate(const scenario& sc, const simulate_options& options) {
    sc.validate();
    return run(sc, options.cancel, nullptr, 0, options.margins).execute();
}

namespace {

bool same_startup(const startup_distribution& a, const startup_distribution& b) {
    return a.family == b.family && a.fixed_s == b.fixed_s && a.median_s == b.median_s &&
           a.sigma == b.sigma && a.low_s == b.low_s && a.high_s == b.high_s;
}

} // namespace

void validate_components(const std::vector<scenario>& comps) {
    if (comps.empty()) {
        throw config_error(in_field("components"), "at least one component is needed");
    }
    const scenario& first = comps.front();
    for (std::size_t i = 0; i < comps.size(); ++i) {
        const std::string at = "components[" + std::to_string(i) + "]";
        const scenario& c = comps[i];
        if (c.endpoint.kind != endpoint_kind::inference_component) {
            throw config_error(in_field(at + ".endpoint.kind"),
                               "must be \"inference_component\": components share instances");
        }
        try {
            c.validate();
        } catch (const config_error& e) {
            error_location where = e.where();
            where.field = where.field.empty() ? at : at + "." + where.field;
            throw config_error(where, e.problem());
        }
        const auto& ic = c.endpoint.inference_component;
        const auto& ic0 = first.endpoint.inference_component;
        auto differs = [&](const std::string& field, bool same) {
            if (!same) {
                throw config_error(in_field(at + "." + field),
                                   "differs from components[0]'s; the components share the "
                                   "endpoint's instances, so it must be the same");
            }
        };
        differs("endpoint.instance_type.price_per_hour",
                c.endpoint.type.price_per_hour == first.endpoint.type.price_per_hour);
        differs("endpoint.startup", same_startup(c.endpoint.startup, first.endpoint.startup));
        differs("endpoint.inference_component.min_instances",
                ic.min_instances == ic0.min_instances);
        differs("endpoint.inference_component.max_instances",
                ic.max_instances == ic0.max_instances);
        differs("endpoint.inference_component.scale_in", ic.scale_in == ic0.scale_in);
        differs("endpoint.inference_component.cooldown_min", ic.cooldown_min == ic0.cooldown_min);
        differs("endpoint.inference_component.max_step_size",
                ic.max_step_size == ic0.max_step_size);
        differs("traffic (its duration)", c.traffic.duration_ms() == first.traffic.duration_ms());
    }
}

namespace {

// The most instances alive at once, from each instance's launch and release.
int peak_alive(const std::vector<instance_pool::instance>& instances) {
    std::vector<std::pair<time_ms, int>> events; // releases sort before launches at one time
    for (const auto& in : instances) {
        events.emplace_back(in.launch_ms, 1);
        if (in.released_ms >= 0) {
            events.emplace_back(in.released_ms, -1);
        }
    }
    std::sort(events.begin(), events.end());
    int alive = 0, peak = 0;
    for (const auto& e : events) {
        alive += e.second;
        peak = std::max(peak, alive);
    }
    return peak;
}

shared_result run_components(const std::vector<scenario>& comps, const std::atomic<bool>* cancel) {
    validate_components(comps);
    std::vector<instance_pool::component> kinds;
    for (const scenario& c : comps) {
        const auto& ic = c.endpoint.inference_component;
        kinds.push_back({copy_shares(ic, c.endpoint.type.name), ic.copy_startup,
                         ic.cached_copy_startup,
                         scalable_target(c.scaling, c.endpoint.initial_capacity).desired()});
    }
    instance_pool pool(comps.front().endpoint.inference_component, kinds, comps.front().seed);
    std::vector<std::unique_ptr<run>> runs;
    for (std::size_t i = 0; i < comps.size(); ++i) {
        runs.push_back(std::make_unique<run>(comps[i], cancel, &pool, i));
    }
    for (auto& r : runs) {
        r->begin();
    }
    // Lockstep: every component steps to the earliest next event of any, in the given order.
    const time_ms end = comps.front().traffic.duration_ms();
    double idle_ms = 0;
    for (time_ms t = 0; t < end;) {
        for (auto& r : runs) {
            r->take_placed();
        }
        time_ms next = end;
        for (const auto& r : runs) {
            next = std::min(next, r->next_time());
        }
        const int hosts = pool.in_service(t);
        double idle = 1;
        for (auto& r : runs) {
            r->step_to(next);
            idle = std::min(idle, r->idle_share());
        }
        idle_ms += static_cast<double>(next - t) * hosts * idle;
        t = next;
    }
    shared_result out;
    double allocated = 0;
    for (auto& r : runs) {
        out.components.push_back(r->end_run());
        allocated += out.components.back().totals.instance_hours;
    }
    const double hour = static_cast<double>(ms_per_hour);
    out.instance_hours = pool.billed_ms(end) / hour;
    out.cost_usd = out.instance_hours * comps.front().endpoint.type.price_per_hour;
    out.unallocated_instance_hours = out.instance_hours - allocated;
    out.idle_instance_hours = idle_ms / hour;
    out.peak_instances = peak_alive(pool.instances());
    out.instances_launched = static_cast<int>(pool.instances().size());
    out.moved_copies = pool.moves();
    const time_ms offset = clock_hour_offset_ms(comps.front().traffic.start_epoch_ms());
    out.hourly_instance_hours.assign(clock_hours(end, offset), 0.0);
    for (const auto& in : pool.instances()) {
        add_billed_hours(out.hourly_instance_hours, in.launch_ms,
                         std::min(end, in.released_ms >= 0 ? in.released_ms : end), 1.0, offset);
    }
    return out;
}

} // namespace

shared_result simulate_components(const std::vector<scenario>& components) {
    return run_components(components, nullptr);
}

shared_result simulate_components(const std::vector<scenario>& components,
                                  const std::atomic<bool>& cancel) {
    return run_components(components, &cancel);
}

namespace {

// Every stored summary figure by name, in the order summary_fields() lists them; the one derived
// figure (scaling_activities) is handled by name.
struct summary_member {
    const char* name;
    double summary::*real;
    int summary::*count;
};
constexpr summary_member summary_members[] = {
    {"cost_usd", &summary::cost_usd, nullptr},
    {"cost_with_plan_usd", &summary::cost_with_plan_usd, nullptr},
    {"commitment_per_hour", &summary::commitment_per_hour, nullptr},
    {"instance_hours", &summary::instance_hours, nullptr},
    {"idle_instance_hours", &summary::idle_instance_hours, nullptr},
    {"requests", &summary::requests, nullptr},
    {"served", &summary::served, nullptr},
    {"errors", &summary::errors, nullptr},
    {"throttled", &summary::throttled, nullptr},
    {"cold_starts", &summary::cold_starts, nullptr},
    {"model_cache_hit_rate", &summary::model_cache_hit_rate, nullptr},
    {"model_loads", &summary::model_loads, nullptr},
    {"mean_model_load_wait_s", &summary::mean_model_load_wait_s, nullptr},
    {"in_flight_at_end", &summary::in_flight_at_end, nullptr},
    {"error_rate", &summary::error_rate, nullptr},
    {"mean_latency_s", &summary::mean_latency_s, nullptr},
    {"p50_latency_s", &summary::p50_latency_s, nullptr},
    {"p95_latency_s", &summary::p95_latency_s, nullptr},
    {"p99_latency_s", &summary::p99_latency_s, nullptr},
    {"slo_attainment", &summary::slo_attainment, nullptr},
    {"slo_violation_share", &summary::slo_violation_share, nullptr},
    {"scale_out_count", nullptr, &summary::scale_out_count},
    {"scale_in_count", nullptr, &summary::scale_in_count},
    {"mean_in_service", &summary::mean_in_service, nullptr},
    {"peak_in_service", nullptr, &summary::peak_in_service},
    {"under_provisioned_share", &summary::under_provisioned_share, nullptr},
    {"over_provisioned_share", &summary::over_provisioned_share, nullptr},
    {"duration_s", &summary::duration_s, nullptr},
};
constexpr std::string_view derived_activities = "scaling_activities";

const summary_member* find_member(std::string_view f) {
    for (const auto& m : summary_members) {
        if (f == m.name) {
            return &m;
        }
    }
    return nullptr;
}

} // namespace

const std::vector<std::string>& summary_fields() {
    static const std::vector<std::string> names = [] {
        std::vector<std::string> v;
        for (const auto& m : summary_members) {
            v.emplace_back(m.name);
            if (std::string_view(m.name) == "scale_in_count") {
                v.emplace_back(derived_activities);
            }
        }
        return v;
    }();
    return names;
}

bool is_count_field(std::string_view f) noexcept {
    return f == "scale_out_count" || f == "scale_in_count" || f == "scaling_activities" ||
           f == "peak_in_service";
}

bool is_share_field(std::string_view f) noexcept {
    return f == "error_rate" || f == "slo_attainment" || f == "slo_violation_share" ||
           f == "model_cache_hit_rate" || f == "under_provisioned_share" ||
           f == "over_provisioned_share";
}

double summary_value(const summary& s, std::string_view f) {
    if (f == derived_activities) {
        return s.scale_out_count + s.scale_in_count;
    }
    if (const auto* m = find_member(f)) {
        return m->real ? s.*(m->real) : s.*(m->count);
    }
    throw config_error("unknown summary field \"" + std::string(f) + "\"");
}

void set_summary_value(summary& s, std::string_view f, double value) {
    if (f == derived_activities) {
        return; // derived from the two counts
    }
    if (const auto* m = find_member(f)) {
        if (m->real) {
            s.*(m->real) = value;
        } else {
            s.*(m->count) = static_cast<int>(value);
        }
        return;
    }
    throw config_error("unknown summary field \"" + std::string(f) + "\"");
}

} // namespace autoscalesim
