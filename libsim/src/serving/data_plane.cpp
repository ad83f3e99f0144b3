#include "autoscalesim/serving/data_plane.hpp"

#include "autoscalesim/serving/async_fluid_plane.hpp"
#include "autoscalesim/serving/fluid_plane.hpp"
#include "autoscalesim/serving/latency_mixture.hpp"
#include "autoscalesim/serving/request_plane.hpp"

#include <cmath>
#include <limits>
#include <type_traits>

namespace autoscalesim {

namespace {

// The deadline of a request's wait: the invocation timeout, or an asynchronous request's time to
// live in the queue.
double wait_deadline_s(const endpoint_config& endpoint) {
    return endpoint.kind == endpoint_kind::asynchronous ? endpoint.request_ttl_s
                                                        : endpoint.invocation_timeout_s;
}

// A fluid plane (fluid_plane, or async_fluid_plane for an asynchronous endpoint) with the latency
// mixtures of its spans: one for the run, one for the current timeline step (kept only when the
// timeline is recorded).
template <class Plane> class fluid_data_plane final : public data_plane {
public:
    fluid_data_plane(const scenario& sc, bool keep_loads)
        : plane_(make_plane(sc)), run_mix_(plane_.service(), wait_deadline_s(sc.endpoint)),
          step_mix_(plane_.service(), wait_deadline_s(sc.endpoint)),
          slo_latency_s_(sc.slo.latency_s), workers_(sc.endpoint.type.workers),
          record_steps_(sc.record_timeline), keep_loads_(keep_loads) {}

    span_outcome advance(time_ms t0_ms, time_ms t1_ms, double arrivals, fleet& instances) override {
        const span_outcome o =
            plane_.advance(ms_to_seconds(t1_ms - t0_ms), arrivals, instances.in_service());
        run_mix_.add(o);
        if (record_steps_) {
            step_mix_.add(o);
            if (o.served_no_wait + o.served_waited > 0) {
                ++step_spans_;
                step_alone_p99_ = o.p99_s;
            }
        }
        if constexpr (std::is_same_v<Plane, async_fluid_plane>) {
            for (const auto& d : plane_.delayed()) {
                run_mix_.add_delayed(d.count, d.wait_lo_s, d.wait_hi_s);
                if (record_steps_) {
                    step_mix_.add_delayed(d.count, d.wait_lo_s, d.wait_hi_s);
                }
            }
        }
        served_ += o.served;
        throttled_ += o.throttled;
        if (keep_loads_ && instances.in_service() > 0) {
            share_load(ms_to_seconds(t1_ms - t0_ms), o, instances);
        }
        return o;
    }

    bool drains_on_scale_in() const noexcept override { return false; }
    double in_system() const noexcept override { return plane_.in_system(); }

    // A timeline step's p99 to 1e-4 relative (docs/fluid-model.md). A step of one span takes
    // the span's own (the plane's table holds it); otherwise it is searched from the last
    // step's: neighbouring steps are close, so a few survival evaluations find it.
    double take_step_p99() override {
        constexpr double step_rel_tol = 1e-4;
        double p99 = std::numeric_limits<double>::quiet_NaN();
        if (step_spans_ == 1 && !std::isnan(step_alone_p99_)) {
            p99 = step_alone_p99_;
            last_step_p99_ = p99;
        } else if (step_mix_.total() > 0) {
            p99 = step_mix_.quantile(0.99, step_rel_tol, last_step_p99_);
            last_step_p99_ = p99;
        }
        step_mix_.clear();
        step_spans_ = 0;
        step_alone_p99_ = std::numeric_limits<double>::quiet_NaN();
        return p99;
    }
    double latency_quantile(double p) const override { return run_mix_.quantile(p); }
    double served_within_slo() const override {
        return served_ * (1 - run_mix_.survival(slo_latency_s_));
    }
    double throttled() const noexcept override { return throttled_; }

private:
    static Plane make_plane(const scenario& sc) {
        if constexpr (std::is_same_v<Plane, fluid_plane>) {
            return Plane(sc.endpoint, {.exact_states = false, .span_p99 = sc.record_timeline});
        } else {
            return Plane(sc.endpoint);
        }
    }

    // Every instance in service takes an equal share of the span (the fluid model's routing).
    void share_load(double span_s, const span_outcome& o, fleet& instances) {
        const double n = instances.in_service();
        for (const std::size_t i : instances.alive_indices()) {
            if (instances.instances()[i].state != instance_state::in_service) {
                continue;
            }
            instance_load& l = instances.load(i);
            l.arrivals += o.arrivals / n;
            l.served += o.served / n;
            l.latency_sum_s += o.latency_sum_s / n;
            l.busy_s += o.busy * span_s / n;
            l.workers_s += workers_ * span_s;
            l.in_system_s += o.in_system * span_s / n;
            l.held_s += span_s;
        }
    }

    Plane plane_;
    latency_mixture run_mix_;
    latency_mixture step_mix_;
    double slo_latency_s_;
    int workers_;
    bool record_steps_;
    bool keep_loads_;
    double served_ = 0;
    double throttled_ = 0;     // refused by max_queue 0
    double last_step_p99_ = 0; // the previous step's p99, 0 before the first
    int step_spans_ = 0;       // spans with requests served in the current timeline step
    double step_alone_p99_ = std::numeric_limits<double>::quiet_NaN(); // the latest one's p99
};

// The request-level plane: it draws its own arrival times and drains instances on scale-in.
class request_data_plane final : public data_plane {
public:
    request_data_plane(const scenario& sc, bool keep_loads) : plane_(sc, keep_loads) {}

    span_outcome advance(time_ms t0_ms, time_ms t1_ms, double /*arrivals*/,
                         fleet& instances) override {
        return plane_.advance(t0_ms, t1_ms, instances);
    }

    bool drains_on_scale_in() const noexcept override { return true; }
    double in_system() const noexcept override { return plane_.in_system(); }

    double take_step_p99() override {
        const double p99 = plane_.step_latency().quantile(0.99);
        plane_.step_latency().clear();
        return p99;
    }
    double latency_quantile(double p) const override { return plane_.latency().quantile(p); }
    double served_within_slo() const override {
        return static_cast<double>(plane_.totals().within_slo);
    }
    double throttled() const noexcept override {
        return static_cast<double>(plane_.totals().throttled);
    }
    serverless_usage serverless() const noexcept override {
        const auto& t = plane_.totals();
        return {static_cast<double>(t.cold_starts), t.on_demand_compute_s, t.provisioned_compute_s};
    }
    model_cache_usage model_cache() const noexcept override {
        const auto& t = plane_.totals();
        return {static_cast<double>(t.started), static_cast<double>(t.cache_hits),
                static_cast<double>(t.model_loads), static_cast<double>(t.load_waited),
                t.load_wait_sum_s};
    }

private:
    request_plane plane_;
};

} // namespace

bool needs_instance_loads(const scenario& sc) {
    for (const auto& h : sc.scaling.hpa) {
        if (h.source == hpa_source::pods) {
            return true;
        }
        for (const auto& m : h.more_metrics) {
            if (m.source == hpa_source::pods) {
                return true;
            }
        }
    }
    return false;
}

std::unique_ptr<data_plane> make_data_plane(const scenario& sc) {
    const bool keep_loads = needs_instance_loads(sc);
    switch (sc.mode) {
    case plane_mode::request:
        return std::make_unique<request_data_plane>(sc, keep_loads);
    case plane_mode::fluid:
        break;
    }
    if (sc.endpoint.kind == endpoint_kind::asynchronous) {
        return std::make_unique<fluid_data_plane<async_fluid_plane>>(sc, keep_loads);
    }
    return std::make_unique<fluid_data_plane<fluid_plane>>(sc, keep_loads);
}

} // namespace autoscalesim
