// Kubernetes HPA (autoscaling/v2) (research/scaling-semantics.md section 4, section 5 rows 12-13,
// and the behavior example of the Kubernetes documentation).
#include "scenario_builders.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <limits>

using namespace asim_test;

namespace {
constexpr double tol = 0.1;
constexpr asim::time_ms s = asim::ms_per_second;
} // namespace

TEST_CASE("row 12: 50 replicas at 90 % CPU with a 75 % target -> 60") {
    // ceil(50 x 90 / 75) = ceil(60) = 60.
    CHECK(asim::hpa_replicas_for_metric(50, {50, 0, 0}, 90, 75, tol, tol) == 60);
}

TEST_CASE("row 13: 200m against 100m doubles, 50m halves; tolerance 0.1 holds") {
    CHECK(asim::hpa_replicas_for_metric(4, {4, 0, 0}, 200, 100, tol, tol) == 8);
    CHECK(asim::hpa_replicas_for_metric(4, {4, 0, 0}, 50, 100, tol, tol) == 2);
    // |1.05 - 1| <= 0.1: no change; 1.11: ceil(4 x 1.11) = ceil(4.44) = 5.
    CHECK(asim::hpa_replicas_for_metric(4, {4, 0, 0}, 105, 100, tol, tol) == 4);
    CHECK(asim::hpa_replicas_for_metric(4, {4, 0, 0}, 111, 100, tol, tol) == 5);
    // Per-direction tolerance (v1.33): scale-up tolerance 0.02 lets 1.05 scale up.
    CHECK(asim::hpa_replicas_for_metric(4, {4, 0, 0}, 105, 100, 0.02, tol) == 5);
}

TEST_CASE("an exact multiple does not round up: 150 requests over 9 pods against 50 ask for 3") {
    // ceil[9 x (16.67 / 50)] = ceil(3) = 3, where the floating-point product is
    // 3.0000000000000004 (it asked for 4); 180 over 7 pods against 10: ceil(18) = 18, not 19.
    CHECK(asim::hpa_replicas_for_metric(9, {9, 0, 0}, 150.0 / 9, 50, tol, tol) == 3);
    CHECK(asim::hpa_replicas_for_metric(14, {7, 0, 7}, 180.0 / 7, 10, tol, tol) == 18);
    // an External Value of 0.9 (0.1 + 0.2, three times) against 0.3 on 1 pod: ceil(3) = 3
    CHECK(asim::hpa_replicas_for_figure(1, 1, 3 * (0.1 + 0.2), 0.3,
                                        asim::hpa_source::external_value, tol, tol) == 3);
    // just above a whole number still rounds up
    CHECK(asim::hpa_replicas_for_metric(9, {9, 0, 0}, 150.001 / 9, 50, tol, tol) == 4);
}

TEST_CASE("the first reconcile's replicas are a recommendation: no scale-down for 300 s") {
    // recordInitialRecommendation (horizontal.go): the HPA started at 0 s with 8 replicas whose
    // load asks for 2 keeps 8 until that recommendation leaves the default 300-s window (strictly
    // newer than now - 300 s), then goes to 2. Without it the first sync scaled 8 -> 2.
    asim::hpa_config c;
    asim::hpa_behavior b(c);
    b.start(0, 8);
    b.start(15 * s, 5); // later calls do nothing
    CHECK(b.normalize(15 * s, 8, 2, 1, 100) == 8);
    CHECK(b.normalize(285 * s, 8, 2, 1, 100) == 8);
    CHECK(b.normalize(300 * s, 8, 2, 1, 100) == 2);
    // a scale-up is not held (the up window is 0 s)
    asim::hpa_behavior up(c);
    up.start(0, 2);
    CHECK(up.normalize(0, 2, 4, 1, 100) == 4);
}

TEST_CASE("unready pods count as 0 on a scale-up; missing ones as 100 % on a scale-down") {
    // 4 ready at 200 % of target, 2 pending: the raw ratio 2 > 1, so the pending pods count as 0:
    // new ratio = 4 x 200 / (6 x 100) = 1.333 -> ceil(1.333 x 6) = 8.
    CHECK(asim::hpa_replicas_for_metric(6, {4, 2, 0}, 200, 100, tol, tol) == 8);
    // 2 ready at 150 %, 2 pending: 300 / 400 = 0.75 flips direction -> no change.
    CHECK(asim::hpa_replicas_for_metric(4, {2, 2, 0}, 150, 100, tol, tol) == 4);
    // 4 ready at 40 %, 2 missing: ratio 0.4 < 1, missing count as 100 %:
    // (160 + 200) / 600 = 0.6 -> ceil(0.6 x 6) = ceil(3.6) = 4.
    CHECK(asim::hpa_replicas_for_metric(6, {4, 0, 2}, 40, 100, tol, tol) == 4);
    // With a 50 % CPU target the Resource rule counts a missing pod at max(100, 50) = 100 %
    // (GetResourceReplicas), not at the target: 4 ready at 20 %, 2 missing:
    // (4 x 20 + 2 x 100) / (6 x 50) = 280 / 300 = 0.933, within the 0.1 tolerance -> stays 6.
    const double cpu_missing = asim::hpa_missing_pod_value(asim::metric_kind::cpu_utilization, 50);
    CHECK(cpu_missing == 100);
    CHECK(asim::hpa_replicas_for_metric(6, {4, 0, 2}, 20, 50, tol, tol, cpu_missing) == 6);
    // A Pods metric counts them at the target (calcPlainMetricReplicas):
    // (80 + 2 x 50) / 300 = 0.6 -> ceil(0.6 x 6) = ceil(3.6) = 4.
    const double pods_missing =
        asim::hpa_missing_pod_value(asim::metric_kind::concurrent_requests_per_model, 50);
    CHECK(pods_missing == 50);
    CHECK(asim::hpa_replicas_for_metric(6, {4, 0, 2}, 20, 50, tol, tol, pods_missing) == 4);
    // A CPU target above 100 % is the fallback itself: target 150, 4 ready at 60, 2 missing:
    // (240 + 300) / 900 = 0.6 -> 4.
    CHECK(asim::hpa_missing_pod_value(asim::metric_kind::cpu_utilization, 150) == 150);
    CHECK(asim::hpa_replicas_for_metric(6, {4, 0, 2}, 60, 150, tol, tol, 150) == 4);
    // On a scale-down unready pods are simply left out: ceil(0.4 x 4) = 2.
    CHECK(asim::hpa_replicas_for_metric(6, {4, 2, 0}, 40, 100, tol, tol) == 2);
    // No ready pod with a metric: no action.
    CHECK(asim::hpa_replicas_for_metric(3, {0, 3, 0}, 500, 100, tol, tol) == 3);
}

TEST_CASE("the documentation's scaleDown example: Pods 4/60 s and Percent 10 %/60 s, Max") {
    asim::hpa_config c;
    c.scale_down.stabilization_window_s = 0;
    c.scale_down.select = asim::hpa_select::max;
    c.scale_down.policies = {{asim::hpa_scaling_policy::kind::pods, 4, 60},
                             {asim::hpa_scaling_policy::kind::percent, 10, 60}};
    asim::hpa_behavior b(c);
    // 80 replicas: Pods allows 76, Percent trunc(80 x 0.9) = 72; Max picks the larger change: 72.
    CHECK(b.normalize(0, 80, 10, 1, 100) == 72);
    b.record_scale(0, 80, 72);
    // 30 s later, still in the period: period start 72 + 8 = 80 -> the limit is 72: no change.
    CHECK(b.normalize(30 * s, 72, 10, 1, 100) == 72);
    // 60 s later the event has left the period (only events newer than now - 60 s count):
    // 72 x 0.1 = 7.2, trunc(64.8) = 64: 8 removed.
    CHECK(b.normalize(60 * s, 72, 10, 1, 100) == 64);
    // Below 40 the Pods policy removes more: at 30, Percent gives trunc(27) = 27, Pods 26.
    asim::hpa_behavior fresh(c);
    CHECK(fresh.normalize(0, 30, 1, 1, 100) == 26);
    // selectPolicy Min picks the smaller change; Disabled freezes scale-down.
    c.scale_down.select = asim::hpa_select::min;
    CHECK(asim::hpa_behavior(c).normalize(0, 80, 10, 1, 100) == 76);
    c.scale_down.select = asim::hpa_select::disabled;
    CHECK(asim::hpa_behavior(c).normalize(0, 80, 10, 1, 100) == 80);
}

TEST_CASE("default scale-up: Percent 100 and Pods 4 per 15 s, Max; legacy: max(2x, 4)") {
    asim::hpa_config c;
    c.scale_down.stabilization_window_s = 0;
    // From 2: Percent allows 4, Pods 6: Max -> 6. From 10: Percent 20, Pods 14 -> 20.
    CHECK(asim::hpa_behavior(c).normalize(0, 2, 50, 1, 100) == 6);
    CHECK(asim::hpa_behavior(c).normalize(0, 10, 50, 1, 100) == 20);
    // maxReplicas still caps.
    CHECK(asim::hpa_behavior(c).normalize(0, 10, 50, 1, 15) == 15);
    c.legacy = true;
    CHECK(asim::hpa_behavior(c).normalize(0, 2, 50, 1, 100) == 4);
    CHECK(asim::hpa_behavior(c).normalize(0, 10, 50, 1, 100) == 20);
    // Legacy scale-down: the largest recommendation of the last 5 minutes.
    asim::hpa_behavior legacy(c);
    CHECK(legacy.normalize(0, 10, 10, 1, 100) == 10);
    CHECK(legacy.normalize(100 * s, 10, 3, 1, 100) == 10);
    CHECK(legacy.normalize(301 * s, 10, 3, 1, 100) == 3);
}

TEST_CASE("HPA in a run: 300 s scale-down stabilization, then fast scale-up with pending pods") {
    // CPU utilisation = busy workers / workers; 8 workers of 10 ms each per instance.
    // 4 instances at 19200/min = 320/s: 3.2 busy of 32 workers = 10 %, the target: no change.
    // From 600 s, 8400/min = 140/s: 4.375 %, ratio 0.4375 -> ceil(0.4375 x 4) = ceil(1.75) = 2.
    // 15-s windows published at their end: the first low window [600, 615) is seen at 615 s.
    // Stabilization keeps the largest recommendation of the last 300 s (strictly newer than
    // now - 300 s): at 900 s the 600 s recommendation (4) has just left the window -> 4 -> 2.
    // From 1200 s, 48000/min = 800/s on 2 instances: 8 busy of 16 = 50 %, ratio 5 ->
    // ceil(5 x 2) = 10, limited to max(Percent 100: 4, Pods 4: 6) = 6 at 1215 s.
    // 1230 s: 2 ready at 50 % and 4 pending counted as 0: ratio 100 / (10 x 6) = 1.667 ->
    // ceil(1.667 x 6) = 10; the last event (1215 s) is not newer than 1230 - 15 s: limit 12 -> 10
    // without waiting for the first pods to start. 1245 s: 100 / (10 x 10) = 1: no change.
    // 1515 s: the first 4 pods serve but have no full window yet (missing), 4 still pending:
    // 100 / (10 x 10) = 1. 1545 s: 10 pods at 10 %: no change. Both activities are fulfilled when
    // no pod is starting any more: 1230 + 300 = 1530 s.
    auto v = constant(10, 19200);
    then(v, 10, 8400);
    then(v, 6, 48000);
    auto sc = scaling_scenario(v, 4, 1000, 1, 20);
    sc.scaling.target_tracking.clear();
    asim::hpa_config h;
    h.target_value = 10;
    sc.scaling.hpa = {h};
    const auto r = asim::simulate(sc);
    REQUIRE(r.activities.size() == 3);
    CHECK(r.activities[0].start_ms == 900 * s);
    CHECK(r.activities[0].from == 4);
    CHECK(r.activities[0].to == 2);
    CHECK(r.activities[1].start_ms == 1215 * s);
    CHECK(r.activities[1].to == 6);
    CHECK(r.activities[2].start_ms == 1230 * s);
    CHECK(r.activities[2].from == 6);
    CHECK(r.activities[2].to == 10);
    CHECK(r.activities[1].end_ms == 1530 * s);
    CHECK(r.activities[2].end_ms == 1530 * s);
}

TEST_CASE("HPA config errors name the field") {
    asim::hpa_config h;
    h.scale_up.policies[0].value = 0;
    CHECK_THROWS_WITH_AS(h.validate(),
                         doctest::Contains("scaling.hpa[hpa].scale_up.policies[0].value"),
                         asim::config_error);
}

TEST_CASE("several metrics: the largest recommendation wins; an unreadable one blocks scale-down") {
    // horizontal.go computeReplicasForMetrics, worked by hand:
    CHECK(asim::hpa_replicas_for_metrics(4, {6, 3}, 0) == 6);
    CHECK(asim::hpa_replicas_for_metrics(4, {2, 3}, 0) == 3); // both lower: the larger
    CHECK(asim::hpa_replicas_for_metrics(5, {3}, 1) == 5);    // one unreadable: no scale-down
    CHECK(asim::hpa_replicas_for_metrics(5, {7}, 1) == 7);    // ... but the scale-up stands
    CHECK(asim::hpa_replicas_for_metrics(5, {}, 2) == 5);     // none readable: no change
}

TEST_CASE("HPA in a run with two metrics: InvocationsPerInstance asks for more than CPU") {
    // 4 instances at 19200/min, 8 workers of 10 ms: CPU 3.2 busy of 32 = 10 %, its target: 4.
    // InvocationsPerInstance per 15-s window: 4800 / 4 = 1200 against 600: ratio 2 ->
    // ceil(2 x 4) = 8, within the default scale-up limit max(Percent 100: 8, Pods 4: 8) = 8, at
    // 15 s (the first window). Then CPU on 4 ready pods and 4 pending stays 8 (ratio 1) and the
    // invocations count the pending pods as 0: 4800 / (600 x 8) = 1: no change. From 315 s the 8
    // pods serve: 600 each, ratio 1; CPU 5 % asks for 4, the largest is 8: no scale-down.
    auto sc = scaling_scenario(constant(15, 19200), 4, 1000, 1, 20);
    sc.scaling.target_tracking.clear();
    asim::hpa_config h;
    h.target_value = 10;
    sc.scaling.hpa = {h};
    CHECK(asim::simulate(sc).activities.empty()); // CPU alone: at its target all along
    sc.scaling.hpa[0].more_metrics = {{asim::metric_kind::invocations_per_instance, 600}};
    const auto r = asim::simulate(sc);
    REQUIRE(r.activities.size() == 1);
    CHECK(r.activities[0].start_ms == 15 * s);
    CHECK(r.activities[0].from == 4);
    CHECK(r.activities[0].to == 8);
    CHECK(r.activities[0].cause.find("InvocationsPerInstance 1200 / target 600 on 4 ready pods "
                                     "-> 8, largest 8") != std::string::npos);
    // a bad further metric is refused by its path
    sc.scaling.hpa[0].more_metrics[0].target_value = 0;
    CHECK_THROWS_WITH_AS(sc.scaling.hpa[0].validate(),
                         doctest::Contains("scaling.hpa[hpa].more_metrics[0].target_value"),
                         asim::config_error);
}

TEST_CASE("External and Object metrics: AverageValue and Value targets, worked by hand") {
    using asim::hpa_source;
    // AverageValue (GetExternalPerPodMetricReplicas): 1000 req/s in all against 100 per pod on 4
    // pods: 1000 / 400 = 2.5 -> ceil(1000 / 100) = 10; 420 / 400 = 1.05 within 0.1: 4; 200: 2.
    CHECK(asim::hpa_replicas_for_figure(4, 4, 1000, 100, hpa_source::external_average_value, tol,
                                        tol) == 10);
    CHECK(asim::hpa_replicas_for_figure(4, 4, 420, 100, hpa_source::external_average_value, tol,
                                        tol) == 4);
    CHECK(asim::hpa_replicas_for_figure(4, 4, 200, 100, hpa_source::external_average_value, tol,
                                        tol) == 2);
    // Value (GetExternalMetricReplicas): a queue of 30 against 10 is a ratio of 3, times the 3
    // ready pods of 4 -> 9; 10.5 is within the tolerance: 4; with 0 replicas, ceil(3) = 3.
    CHECK(asim::hpa_replicas_for_figure(4, 3, 30, 10, hpa_source::external_value, tol, tol) == 9);
    CHECK(asim::hpa_replicas_for_figure(4, 3, 10.5, 10, hpa_source::external_value, tol, tol) == 4);
    CHECK(asim::hpa_replicas_for_figure(0, 0, 30, 10, hpa_source::external_value, tol, tol) == 3);
    // the figure a window gives: the total over the instances, or the mean latency itself
    CHECK(asim::hpa_figure(asim::metric_kind::invocations_per_instance, {1200, 4}) == 4800);
    CHECK(asim::hpa_figure(asim::metric_kind::model_latency, {0.25, 4}) == 0.25);
}

TEST_CASE("HPA in a run on an External metric with an AverageValue target") {
    // 4 instances at 19200/min: 4800 invocations in each 15-s window in all, against 600 per
    // pod: ceil(4800 / 600) = 8 at 15 s; then 4800 / (600 x 8) = 1: it holds.
    auto sc = scaling_scenario(constant(15, 19200), 4, 1000, 1, 20);
    sc.scaling.target_tracking.clear();
    asim::hpa_config h;
    h.metric = asim::metric_kind::invocations_per_instance;
    h.source = asim::hpa_source::external_average_value;
    h.target_value = 600;
    sc.scaling.hpa = {h};
    const auto r = asim::simulate(sc);
    REQUIRE(r.activities.size() == 1);
    CHECK(r.activities[0].start_ms == 15 * s);
    CHECK(r.activities[0].to == 8);
    CHECK(r.activities[0].cause.find("external InvocationsPerInstance 4800 / target 600 on 4 "
                                     "ready pods -> 8") != std::string::npos);
}

TEST_CASE("groupPods: deleted and failed pods are ignored, not missing") {
    using phase = asim::hpa_pod_status::phase_kind;
    const asim::time_ms init = 300 * s, delay = 30 * s;
    CHECK(asim::hpa_group_pod({.deleted = true}, true, 0, init, delay) ==
          asim::hpa_pod_group::ignored);
    CHECK(asim::hpa_group_pod({.phase = phase::failed}, false, 0, init, delay) ==
          asim::hpa_pod_group::ignored);
    // ... before the Pending and missing tests: a deleted Pending pod without a sample too.
    CHECK(asim::hpa_group_pod({.phase = phase::pending, .deleted = true, .has_sample = false},
                              false, 0, init, delay) == asim::hpa_pod_group::ignored);
    // Two running pods at 50 % and 70 % CPU (mean 60 %) against 30 %, two failed (the
    // controller's TestReplicaCalcScaleUpIgnoresFailedPods): ratio 2 -> ceil(2 x 2) = 4. Were the
    // failed pods missing, they would count as 0 on this scale-up: 120 / (4 x 30) = 1, no change.
    CHECK(asim::hpa_replicas_for_metric(2, {.ready = 2, .ignored = 2}, 60, 30, tol, tol) == 4);
    CHECK(asim::hpa_replicas_for_metric(2, {.ready = 2, .missing = 2}, 60, 30, tol, tol) == 2);
    // A draining instance (scaled in, finishing its requests) is a deleted pod; a terminated
    // one is no pod at all.
    std::vector<asim::instance_record> fleet(4);
    fleet[0].state = fleet[1].state = asim::instance_state::in_service;
    fleet[2].state = asim::instance_state::draining;
    fleet[3].state = asim::instance_state::terminated;
    const auto pods = asim::hpa_group_pods(fleet, true, 600 * s, 585 * s, 15 * s, init, delay);
    CHECK(pods.ready == 2);
    CHECK(pods.unready == 0);
    CHECK(pods.missing == 0);
    CHECK(pods.ignored == 1);
}

TEST_CASE("groupPods: Pending pods are unready, pods without a sample missing, for every metric") {
    using phase = asim::hpa_pod_status::phase_kind;
    const asim::time_ms init = 300 * s, delay = 30 * s;
    for (const bool cpu : {true, false}) {
        CHECK(asim::hpa_group_pod({.phase = phase::pending, .has_sample = false}, cpu, 0, init,
                                  delay) == asim::hpa_pod_group::unready);
        CHECK(asim::hpa_group_pod({.has_sample = false, .ready = false}, cpu, 0, init, delay) ==
              asim::hpa_pod_group::missing);
    }
}

TEST_CASE("groupPods: CPU initialization period and initial readiness delay") {
    const asim::time_ms init = 300 * s, delay = 30 * s;
    // Started at 200 s; now 420 s is within 200 + 300 = 500 s. The sample covers [390, 405) s.
    asim::hpa_pod_status pod{.start_ms = 200 * s, .sample_ms = 405 * s, .sample_window_ms = 15 * s};
    // Ready since 395 s: 405 < 395 + 15 = 410, the window began before readiness -> unready.
    pod.transition_ms = 395 * s;
    CHECK(asim::hpa_group_pod(pod, true, 420 * s, init, delay) == asim::hpa_pod_group::unready);
    // Ready since 390 s: 405 < 405 is false, the whole window after readiness -> ready.
    pod.transition_ms = 390 * s;
    CHECK(asim::hpa_group_pod(pod, true, 420 * s, init, delay) == asim::hpa_pod_group::ready);
    // Not ready within the period -> unready; a non-CPU metric counts any pod with a sample.
    pod.ready = false;
    CHECK(asim::hpa_group_pod(pod, true, 420 * s, init, delay) == asim::hpa_pod_group::unready);
    CHECK(asim::hpa_group_pod(pod, false, 420 * s, init, delay) == asim::hpa_pod_group::ready);
    // At 500 s the period is over (500 s is not after 500 s). Not ready, condition last changed
    // at 210 s: 200 + 30 = 230 > 210, it has never been ready -> unready.
    pod.transition_ms = 210 * s;
    CHECK(asim::hpa_group_pod(pod, true, 500 * s, init, delay) == asim::hpa_pod_group::unready);
    // Not ready since 260 s (after 230 s: it was ready before and became unready) -> its sample
    // counts.
    pod.transition_ms = 260 * s;
    CHECK(asim::hpa_group_pod(pod, true, 500 * s, init, delay) == asim::hpa_pod_group::ready);
    // Ready after the period, whatever the sample's window -> ready.
    pod.ready = true;
    pod.transition_ms = 499 * s;
    CHECK(asim::hpa_group_pod(pod, true, 500 * s, init, delay) == asim::hpa_pod_group::ready);
    // With a 60-s readiness delay, a pod not ready since 259 s (200 + 60 = 260 > 259) is out.
    pod.ready = false;
    pod.transition_ms = 259 * s;
    CHECK(asim::hpa_group_pod(pod, true, 500 * s, init, 60 * s) == asim::hpa_pod_group::unready);
}

TEST_CASE("instances as pods: the CPU window and the missing ones, worked by hand") {
    // The window [300, 315) s read at 315 s, CPU initialization period 300 s.
    auto rec = [](double launch_s, double ready_s, asim::instance_state st) {
        return asim::instance_record{.launch_ms = static_cast<asim::time_ms>(launch_s * 1000),
                                     .ready_ms = static_cast<asim::time_ms>(ready_s * 1000),
                                     .state = st};
    };
    using st = asim::instance_state;
    const std::vector<asim::instance_record> fleet = {
        rec(0, 60, st::in_service),    // A: served the whole window -> ready
        rec(100, 305, st::in_service), // B: 100 + 300 > 315 s, sample 315 < 305 + 15 -> unready
        rec(0, 310, st::in_service),   // C: period over at 300 s, Ready -> ready
        rec(200, 315, st::in_service), // D: entered at the window's end: no sample -> missing
        rec(250, 550, st::starting),   // E: Pending -> unready
        rec(0, 60, st::draining),      // F: deleted -> ignored
        rec(0, 60, st::terminated),    // G: no pod
    };
    const auto cpu = asim::hpa_group_pods(fleet, true, 315 * s, 300 * s, 15 * s, 300 * s, 30 * s);
    CHECK(cpu.ready == 2);
    CHECK(cpu.unready == 2);
    CHECK(cpu.missing == 1);
    CHECK(cpu.ignored == 1);
    // Other metrics need the whole window: B, C and D are missing.
    const auto other =
        asim::hpa_group_pods(fleet, false, 315 * s, 300 * s, 15 * s, 300 * s, 30 * s);
    CHECK(other.ready == 1);
    CHECK(other.unready == 1);
    CHECK(other.missing == 3);
    CHECK(other.ignored == 1);
    // CPU 200 % against 50 % on A and C: ratio 4 > 1, so B, D and E count as 0:
    // 2 x 200 / (5 x 50) = 1.6 -> ceil(1.6 x 5) = 8 (F is not counted).
    CHECK(asim::hpa_replicas_for_metric(6, cpu, 200, 50, tol, tol) == 8);
}

TEST_CASE("a pod's own sample from its loads at the window's edges, worked by hand") {
    using mk = asim::metric_kind;
    // 15 s in service with 2 workers: 24 requests routed, 20 served in 30 s in all, 18 busy
    // worker-seconds, 45 request-seconds held.
    const asim::instance_load begin{.arrivals = 100,
                                    .served = 90,
                                    .latency_sum_s = 50,
                                    .busy_s = 70,
                                    .workers_s = 200,
                                    .in_system_s = 300,
                                    .held_s = 100};
    const asim::instance_load end{.arrivals = 124,
                                  .served = 110,
                                  .latency_sum_s = 80,
                                  .busy_s = 88,
                                  .workers_s = 230,
                                  .in_system_s = 345,
                                  .held_s = 115};
    CHECK(asim::hpa_pod_sample(mk::invocations_per_instance, begin, end) == 24);
    CHECK(asim::hpa_pod_sample(mk::concurrent_requests_per_model, begin, end) == 3); // 45 / 15
    CHECK(asim::hpa_pod_sample(mk::cpu_utilization, begin, end) == 60); // 18 / 30 = 60 %
    CHECK(asim::hpa_pod_sample(mk::model_latency, begin, end) == 1.5);  // 30 s / 20
    // No time in service: no sample; no request served: no latency sample.
    CHECK(std::isnan(asim::hpa_pod_sample(mk::cpu_utilization, end, end)));
    asim::instance_load idle = end;
    idle.held_s += 15;
    idle.workers_s += 30;
    CHECK(std::isnan(asim::hpa_pod_sample(mk::model_latency, end, idle)));
    CHECK(asim::hpa_pod_sample(mk::cpu_utilization, end, idle) == 0);
}

TEST_CASE("the metric is the mean of the ready pods' own samples, worked by hand") {
    // Window [300, 315) s read at 315 s, CPU, initialization period 300 s, target 50 %. A and C
    // are ready at 80 % and 40 %; B is CPU-unready at 100 % (launched at 100 s, ready at 305 s);
    // D has no sample this window (NaN) and counts as missing.
    auto rec = [](double launch_s, double ready_s) {
        return asim::instance_record{.launch_ms = static_cast<asim::time_ms>(launch_s * 1000),
                                     .ready_ms = static_cast<asim::time_ms>(ready_s * 1000),
                                     .state = asim::instance_state::in_service};
    };
    const std::vector<asim::instance_record> fleet = {rec(0, 60), rec(100, 305), rec(0, 60),
                                                      rec(0, 60)};
    const double nan = std::numeric_limits<double>::quiet_NaN();
    const std::vector<double> samples = {80, 100, 40, nan};
    const auto pods =
        asim::hpa_group_pods(fleet, true, 315 * s, 300 * s, 15 * s, 300 * s, 30 * s, &samples);
    CHECK(pods.ready == 2);
    CHECK(pods.unready == 1);
    CHECK(pods.missing == 1);
    CHECK(pods.sum == 120);
    // Kubernetes averages A and C: 60 % against 50 %, ratio 1.2 > 1 (a scale-up), so B and the
    // missing D count as 0: 120 / (50 x 4) = 0.6 changes direction: no change from 4.
    CHECK(asim::hpa_replicas_for_metric(4, pods, pods.sum / pods.ready, 50, 0.1, 0.1) == 4);
    const std::vector<double> low = {100, 100, 40, 40};
    const std::vector<asim::instance_record> two_new = {rec(100, 305), rec(100, 305), rec(0, 60),
                                                        rec(0, 60)};
    const auto down =
        asim::hpa_group_pods(two_new, true, 315 * s, 300 * s, 15 * s, 300 * s, 30 * s, &low);
    CHECK(down.ready == 2);
    CHECK(down.sum == 80);
    // Two starting pods at 100 % and two ready ones at 40 %: the ready pods' mean is 40 %, ratio
    // 0.8 < 1, and unready pods are left out of a scale-down: ceil(0.8 x 2) = 2 replicas. The
    // pooled 70 % of all four reads as a scale-up (ratio 1.4) in which the unready count as 0,
    // 140 / (50 x 4) = 0.7 flips the direction, and nothing changes.
    CHECK(asim::hpa_replicas_for_metric(4, down, down.sum / down.ready, 50, 0.1, 0.1) == 2);
    CHECK(asim::hpa_replicas_for_metric(4, down, 70, 50, 0.1, 0.1) == 4);
}

TEST_CASE("HPA in a run: an instance that entered service during the window is CPU-unready") {
    // 4 instances at 19200/min = 320/s, 8 workers of 10 ms: 3.2 busy of 32 workers = 10 %,
    // against 5 %: ratio 2 -> ceil(2 x 4) = 8 at 15 s. The 4 new pods start for 20 s: ready at
    // 35 s. 30 s: 4 ready at 10 %, 4 Pending count as 0: 40 / (8 x 5) = 1, no change.
    // 45 s, window [30, 45): 3.2 x 15 busy over 32 x 5 + 64 x 10 = 800 worker-seconds = 6 %.
    // The new pods served [35, 45) of it: launched at 15 s, within the 300-s CPU initialization
    // period, and 45 < 35 + 15 (the window began before they were ready): unready. Ratio 1.2 > 1,
    // so they count as 0: 4 x 6 / (8 x 5) = 0.6 changes direction: no change. From 60 s the 8
    // pods run at 5 %: no change.
    auto sc = scaling_scenario(constant(3, 19200), 4, 1000, 1, 20, 20);
    sc.scaling.target_tracking.clear();
    asim::hpa_config h;
    h.target_value = 5;
    sc.scaling.hpa = {h};
    auto r = asim::simulate(sc);
    REQUIRE(r.activities.size() == 1);
    CHECK(r.activities[0].start_ms == 15 * s);
    CHECK(r.activities[0].to == 8);
    // With a 10-s period the new pods' initialization is over at 25 s and they are Ready, and the
    // metric is the mean of the 8 pods' own samples: each old pod 0.8 busy of 8 workers for 5 s
    // and 0.4 for 10 s, (4 + 4) / 120 = 6.667 %; each new pod 0.4 of 8 over its 10 s, 5 %; mean
    // 5.8333 % (the pooled 6 % would weigh the old pods by their longer time). Ratio 1.1667 ->
    // ceil(1.1667 x 8) = ceil(9.33) = 10 at 45 s (the 15-s event is not newer than 45 - 15 s:
    // limit max(16, 12)). Then 60 s: 8 at 5 % and 2 Pending: ratio 1 holds.
    sc.scaling.hpa[0].cpu_initialization_period_s = 10;
    r = asim::simulate(sc);
    REQUIRE(r.activities.size() == 2);
    CHECK(r.activities[1].start_ms == 45 * s);
    CHECK(r.activities[1].from == 8);
    CHECK(r.activities[1].to == 10);
    CHECK(r.activities[1].cause.find("CPUUtilization 5.83333 / target 5 on 8 ready pods -> 10") !=
          std::string::npos);
}

TEST_CASE("HPA in a run on an External Value target: ready pods are the in-service instances") {
    // CPU read as one figure: 4 instances at 320/s, 3.2 busy workers = 40 % in all (10 % each),
    // against a Value of 25: ratio 1.6 -> ceil(1.6 x 4) = ceil(6.4) = 7 at 15 s. 30 s: the 3 new
    // pods are starting: ceil(1.6 x 4) = 7, no change. 45 s: they entered service at 35 s and the
    // figure is still 40 % (the same busy workers): getReadyPodsCount counts the 7 Running and
    // Ready pods, young or not: ceil(1.6 x 7) = ceil(11.2) = 12 (limit max(14, 11) = 14).
    auto sc = scaling_scenario(constant(1, 19200), 4, 1000, 1, 20, 20);
    sc.scaling.target_tracking.clear();
    asim::hpa_config h;
    h.source = asim::hpa_source::external_value;
    h.target_value = 25;
    sc.scaling.hpa = {h};
    const auto r = asim::simulate(sc);
    REQUIRE(r.activities.size() == 2);
    CHECK(r.activities[0].start_ms == 15 * s);
    CHECK(r.activities[0].to == 7);
    CHECK(r.activities[1].start_ms == 45 * s);
    CHECK(r.activities[1].from == 7);
    CHECK(r.activities[1].to == 12);
    CHECK(r.activities[1].cause.find("external CPUUtilization 40 / target 25 on 7 ready pods -> "
                                     "12") != std::string::npos);
}

TEST_CASE("HPA decision with a scale-in draining: the draining pods are ignored") {
    // 4 instances in service since 0 s; at 10 s 2 of them are scaled in and drain (request
    // mode). The window [0, 15) s reads CPU 100 % (16 busy of 16 workers) against 50 %: ratio 2
    // on the 2 ready pods -> ceil(2 x 2) = 4.
    // Counted as ready, the draining pods would ask for ceil(2 x 4) = 8, limited to
    // max(Percent 100: 4, Pods 4: 6) = 6.
    asim::fleet instances(4);
    instances.terminate(10 * s, 2, /*drain=*/true);
    REQUIRE(instances.in_service() == 2);
    REQUIRE(instances.draining() == 2);
    asim::scaling_config cfg;
    cfg.min_capacity = 1;
    cfg.max_capacity = 20;
    const asim::scalable_target target(cfg, 2);
    asim::hpa_config h;
    h.target_value = 50;
    asim::hpa_policy hpa(h);
    hpa.streams()[0].add(15 * s, 0, 2, 0, 16, 16, 0, 0);
    hpa.streams()[0].close_period();
    const asim::policy_view view(15 * s, target, instances, asim::capacity_basis::current, 0);
    const auto p = hpa.decide(15 * s, view);
    CHECK(p.out == 4);
    CHECK(p.out_cause.find("CPUUtilization 100 / target 50 on 2 ready pods -> 4") !=
          std::string::npos);
}
