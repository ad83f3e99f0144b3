#include "autoscalesim/optimize/recommend.hpp"

#include "../quantile.hpp"

#include "autoscalesim/errors.hpp"
#include "autoscalesim/serving/fluid_plane.hpp"
#include "autoscalesim/simulator.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace autoscalesim::optimize {

namespace {

std::string fmt(const char* format, double a, double b = 0, double c = 0, double d = 0) {
    char buf[256];
    std::snprintf(buf, sizeof buf, format, a, b, c, d);
    return buf;
}

// A step of 1, 2 or 5 times a power of ten near `raw`.
double nice_step(double raw) {
    const double p = std::pow(10.0, std::floor(std::log10(raw)));
    for (const double m : {1.0, 2.0, 5.0}) {
        if (m * p >= raw * 0.75) {
            return m * p;
        }
    }
    return 10 * p;
}

// Per-second rate of the mean of each hour (whole trace when shorter), so that a quiet minute
// or a one-minute spike does not decide the capacity range.
std::vector<double> hourly_rates(const trace& t) {
    const auto per_hour = static_cast<std::size_t>(
        std::max<time_ms>(1, ms_per_hour / std::max<time_ms>(1, t.interval_ms())));
    std::vector<double> out;
    const auto& c = t.counts();
    for (std::size_t i = 0; i < c.size(); i += per_hour) {
        const std::size_t n = std::min(per_hour, c.size() - i);
        double sum = 0;
        for (std::size_t k = 0; k < n; ++k) {
            sum += c[i + k];
        }
        out.push_back(sum / (static_cast<double>(n) * ms_to_seconds(t.interval_ms())));
    }
    return out;
}

void check_levels(const std::vector<double>& levels, const char* name, bool whole) {
    for (const double v : levels) {
        if (!std::isfinite(v) || v <= 0 || (whole && v != std::floor(v))) {
            throw config_error(error_location{"", 0, name},
                               std::string("expected ") +
                                   (whole ? "whole numbers >= 1" : "numbers > 0") + ", got " +
                                   fmt("%g", v));
        }
    }
}

bool meets(const summary& s, const recommend_options& o) {
    return s.p99_latency_s <= o.max_p99_latency_s && s.error_rate <= o.max_error_rate;
}

policy_check check(const std::string& label, const scaling_config& scaling, const scenario& train,
                   const scenario* test, const recommend_options& o) {
    policy_check pc;
    pc.label = label;
    pc.scaling = scaling;
    scenario sc = train;
    sc.scaling = scaling;
    sc.record_timeline = false;
    pc.train = simulate(sc).totals;
    pc.meets_train = meets(pc.train, o);
    if (test != nullptr) {
        sc.traffic = test->traffic;
        pc.test = simulate(sc).totals;
        pc.meets_test = meets(*pc.test, o);
    }
    return pc;
}

} // namespace

recommendation recommend(const scenario& base, const recommend_options& o,
                         const scaling_config* current) {
    if (!(o.max_p99_latency_s > 0) || !std::isfinite(o.max_p99_latency_s)) {
        throw config_error(error_location{"", 0, "max_p99_latency_s"},
                           "expected a number of seconds > 0");
    }
    if (!(o.max_error_rate >= 0) || o.max_error_rate > 1) {
        throw config_error(error_location{"", 0, "max_error_rate"}, "expected a share in [0, 1]");
    }
    if (!(o.test_fraction >= 0) || o.test_fraction >= 1) {
        throw config_error(error_location{"", 0, "test_fraction"}, "expected a share in [0, 1)");
    }
    if (!(o.slice_fraction >= 0) || o.slice_fraction >= 1) {
        throw config_error(error_location{"", 0, "slice_fraction"}, "expected a share in [0, 1)");
    }
    check_levels(o.min_capacity, "min_capacity", true);
    check_levels(o.max_capacity, "max_capacity", true);
    check_levels(o.target_value, "target_value", false);

    recommendation r;
    scenario sc = base;
    sc.slo.latency_s = o.max_p99_latency_s;
    sc.slo.target = 0.99;
    sc.record_timeline = false;
    const auto tracking = std::find_if(
        sc.scaling.target_tracking.begin(), sc.scaling.target_tracking.end(),
        [](const auto& tt) { return tt.metric == metric_kind::invocations_per_instance; });
    if (tracking == sc.scaling.target_tracking.end()) {
        target_tracking_config tt;
        tt.name = "invocations-target";
        sc.scaling.target_tracking.insert(sc.scaling.target_tracking.begin(), tt);
    } else if (tracking != sc.scaling.target_tracking.begin()) {
        std::rotate(sc.scaling.target_tracking.begin(), tracking, tracking + 1);
    }
    sc.validate();
    if (o.test_fraction > 0) {
        try {
            std::tie(r.train, r.test) = split_trace(sc.traffic, 1 - o.test_fraction);
        } catch (const config_error&) { // one part empty: named here by the option's own name
            char text[160];
            std::snprintf(text, sizeof text,
                          "%g of the trace's %zu intervals leaves none to hold out or none to "
                          "tune on; give 0 to hold none out",
                          o.test_fraction, sc.traffic.size());
            throw config_error(error_location{"", 0, "test_fraction"}, text);
        }
        // The part tuned on must hold AlarmLow's window, or no policy could scale in on it
        // and the choice would be of MinCapacity alone. (A shorter held-out part still checks
        // the scale-outs and the latency.)
        const auto& tt = sc.scaling.target_tracking.front();
        const double window_s = tt.low_evaluation_periods * tt.period_s;
        const double train_s = ms_to_seconds(r.train.duration_ms());
        if (train_s < window_s) {
            char text[300];
            std::snprintf(text, sizeof text,
                          "%g leaves %g s to tune on, shorter than AlarmLow's %g s window (%d "
                          "periods of %g s): no policy could scale in there; hold out less, or "
                          "0 to hold none out",
                          o.test_fraction, train_s, window_s, tt.low_evaluation_periods,
                          tt.period_s);
            throw config_error(error_location{"", 0, "test_fraction"}, text);
        }
    } else {
        r.train = sc.traffic;
    }
    // Without requests every policy costs MinCapacity and meets any latency: there is nothing
    // to size (and the percentiles are unknown).
    if (!(r.train.total() > 0)) {
        throw config_error(
            error_location{"", 0, "trace"},
            o.test_fraction > 0
                ? fmt("no requests in its first %g %% (the part searched on; the rest is held "
                      "out): nothing to size",
                      100 * (1 - o.test_fraction))
                : std::string("no requests in it: every policy costs MinCapacity and meets any "
                              "latency, so there is nothing to size"));
    }

    // What one instance sustains: the largest arrival rate at which 99 % of requests finish
    // within the SLO in the stationary queue (the capacity lag adds to it in a real run).
    r.sustainable_rate_per_s = max_rate_meeting(sc.endpoint, o.max_p99_latency_s, 0.99);
    r.max_rate_per_s = sc.endpoint.type.workers / sc.endpoint.type.mean_service_s();
    if (r.sustainable_rate_per_s <= 0) {
        throw config_error(error_location{"", 0, "max_p99_latency_s"},
                           fmt("%g s is shorter than the 99th percentile of the service time "
                               "itself (mean %g s, cv %g): no policy can meet it",
                               o.max_p99_latency_s, sc.endpoint.type.mean_service_s(),
                               sc.endpoint.type.effective_cv()));
    }
    const double period_s = sc.scaling.target_tracking.front().period_s;
    const double per_instance = r.sustainable_rate_per_s * period_s; // InvocationsPerInstance
    const auto hours = hourly_rates(r.train);
    const double trough = detail::quantile(hours, 0.05, 0);
    const double peak = r.train.stats().peak_rate_per_s;

    search_space space;
    std::vector<double> mins = o.min_capacity;
    if (mins.empty()) {
        const int hi =
            std::max(3, static_cast<int>(std::ceil(trough / r.sustainable_rate_per_s)) + 2);
        for (int m = 1; m <= hi; ++m) {
            mins.push_back(m);
        }
        r.space_notes.push_back(
            fmt("MinCapacity 1-%g: the quietest hours (5th percentile %.3g req/s) need %g "
                "instance(s) at %.3g req/s each, plus 2",
                hi, trough, std::max(1.0, std::ceil(trough / r.sustainable_rate_per_s)),
                r.sustainable_rate_per_s));
    }
    std::vector<double> maxs = o.max_capacity;
    if (maxs.empty()) {
        const double need = std::ceil(peak / r.sustainable_rate_per_s);
        const double m =
            std::max(std::ceil(1.5 * need), *std::max_element(mins.begin(), mins.end()));
        maxs.push_back(m);
        r.space_notes.push_back(fmt("MaxCapacity %g: the peak (%.3g req/s) needs %g instances; "
                                    "50 %% headroom",
                                    m, peak, need));
    }
    std::vector<double> targets = o.target_value;
    if (targets.empty()) {
        // Around the steady-state load: below it the lag of new capacity is covered, above it
        // bursts shorter than the alarms' reaction may still pass.
        // As fine as the budget allows with the capacity levels (16 to 80 levels).
        const double count = std::clamp(static_cast<double>(o.budget) /
                                            static_cast<double>(mins.size() * maxs.size()),
                                        16.0, 80.0);
        const double step = nice_step(per_instance * 1.25 / count);
        for (double v = std::max(step, std::round(per_instance * 0.25 / step) * step);
             v <= per_instance * 1.5 + 1e-9; v += step) {
            targets.push_back(v);
        }
        r.space_notes.push_back(fmt("TargetValue %g-%g step %g: 0.25 to 1.5 times the %.4g "
                                    "invocations per instance per minute one instance serves "
                                    "with p99 <= the SLO",
                                    targets.front(), targets.back(), step, per_instance));
    }
    if (*std::min_element(mins.begin(), mins.end()) > *std::max_element(maxs.begin(), maxs.end())) {
        throw config_error(error_location{"", 0, "min_capacity"},
                           "every MinCapacity level is above every MaxCapacity level");
    }
    const auto add = [&](const char* name, const std::vector<double>& levels) {
        space.add(levels.size() == 1 ? dimension::fixed(name, levels.front())
                                     : dimension::choice(name, levels));
    };
    add("min_capacity", mins);
    add("max_capacity", maxs);
    add("target_value", targets);

    r.tuned.scenarios = {sc};
    r.tuned.scenarios.front().traffic = r.train;
    r.tuned.space = space;
    r.tuned.objectives = {"cost_usd", "p99_latency_s"};
    r.tuned.constraints = {constraint::at_most("p99_latency_s", o.max_p99_latency_s),
                           constraint::at_most("error_rate", o.max_error_rate)};
    r.tuned.validate();

    search_options so;
    so.threads = o.threads;
    so.seed = o.seed;
    so.on_progress = o.on_progress;
    so.cancel = o.cancel;
    so.max_evaluations = o.budget;
    if (space.grid_size() <= o.budget) {
        r.search = grid_search(r.tuned, so);
    } else {
        so.fidelity.slice_fraction = o.slice_fraction;
        r.search = adaptive_search(r.tuned, so);
    }

    scenario test_sc = sc;
    test_sc.traffic = r.test;
    const scenario* test = r.test.empty() ? nullptr : &test_sc;
    scenario train_sc = r.tuned.scenarios.front();
    if (const auto best = r.search.best()) {
        scenario chosen = train_sc;
        space.apply(chosen, best->parameters);
        r.recommended = check("recommended", chosen.scaling, train_sc, test, o);
    }
    // AWS's load-testing rule: TargetValue = MAX_RPS x SAFETY_FACTOR (0.5) x 60.
    scaling_config thumb = r.recommended ? r.recommended->scaling : train_sc.scaling;
    if (!r.recommended) {
        thumb.min_capacity = static_cast<int>(mins.front());
        thumb.max_capacity = static_cast<int>(maxs.back());
    }
    thumb.target_tracking.front().target_value = r.max_rate_per_s * 0.5 * 60;
    r.rule_of_thumb = check("rule of thumb", thumb, train_sc, test, o);
    if (current != nullptr) {
        r.current = check("current", *current, train_sc, test, o);
    }
    return r;
}

} // namespace autoscalesim::optimize
