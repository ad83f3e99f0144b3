// Inference components: copies scaled by the policies, placed on instances that managed instance
// scaling adds and releases; scale to zero and the wake-up on NoCapacityInvocationFailures.
// Every expected figure is worked out by hand from the rules in docs/semantics.md ("Inference
// components").
#include "scenario_builders.hpp"

#include <autoscalesim/autoscalesim.hpp>
#include <autoscalesim/instance_pool.hpp>
#include <doctest/doctest.h>

#include <limits>
#include <string>
#include <vector>

using namespace autoscalesim;

namespace {

constexpr time_ms minute = 60'000;

// `minutes` one-minute intervals with the given request times (ms); one-worker copies serving
// each request in exactly 2 s; instances start in 300 s, copies load in 120 s (100 s on an
// instance that held a copy); 3.6 USD per instance-hour.
scenario ic_endpoint(int minutes, const std::vector<time_ms>& at_ms, plane_mode mode) {
    std::vector<double> counts(static_cast<std::size_t>(minutes), 0.0);
    for (const time_ms t : at_ms) {
        counts[static_cast<std::size_t>(t / minute)] += 1;
    }
    scenario sc;
    sc.traffic = trace(counts, minute);
    sc.endpoint.kind = endpoint_kind::inference_component;
    sc.endpoint.type.price_per_hour = 3.6;
    sc.endpoint.type.workers = 1;
    sc.endpoint.type.service_time_s = 2.0;
    sc.endpoint.type.service_cv = 0;
    sc.endpoint.type.service = service_family::deterministic;
    sc.endpoint.startup = startup_distribution::fixed(300);
    sc.endpoint.inference_component.copy_startup = startup_distribution::fixed(120);
    sc.endpoint.inference_component.cached_copy_startup = startup_distribution::fixed(100);
    sc.endpoint.inference_component.max_instances = 4;
    sc.endpoint.initial_capacity = 0;
    sc.scaling.min_capacity = 0;
    sc.scaling.max_capacity = 4;
    sc.mode = mode;
    if (mode == plane_mode::request) {
        sc.arrivals = arrival_process::log;
        sc.arrival_log_ms = at_ms;
    }
    sc.slo.latency_s = 10;
    return sc;
}

// A scheduled action at `at` that sets MinCapacity and MaxCapacity.
scheduled_action_config at(time_ms t, int min, int max) {
    scheduled_action_config a;
    a.name = "at " + std::to_string(t / 1000) + " s";
    a.at_ms = {t};
    a.min_capacity = min;
    a.max_capacity = max;
    return a;
}

} // namespace

TEST_CASE("inference components: a quiet hour, then requests wake a component scaled to zero") {
    // No copy and no instance. The request at 3600 s fails (NoCapacityInvocationFailures 1 in
    // [3600, 3660), published at 3720 s); the alarm (>= 1, 1 of 1) invokes the step policy,
    // which adds a copy: a new instance (in service at 4020 s) and the copy's load (in service
    // at 4140 s). The request at 4200 s is served in 2 s. The instance is billed from 3720 s to
    // the end, 5400 s: 1680 s, 1.68 USD; it is idle from 4020 s except the minute of the second
    // request: 1380 - 60 = 1320 s.
    scenario sc = ic_endpoint(90, {3'600'000, 4'200'000}, plane_mode::request);
    sc.scaling.step_scaling.push_back(asim_test::ic_wake_up());
    const result r = simulate(sc);
    REQUIRE(r.activities.size() == 1);
    CHECK(r.activities[0].start_ms == 3'720'000);
    CHECK(r.activities[0].end_ms == 4'140'000);
    CHECK(r.totals.errors == 1); // the wake-up's cost: the request that found no copy
    CHECK(r.totals.served == 1);
    CHECK(r.totals.mean_latency_s == doctest::Approx(2).epsilon(1e-12));
    CHECK(r.totals.instance_hours == doctest::Approx(1680.0 / 3600).epsilon(1e-12));
    CHECK(r.totals.cost_usd == doctest::Approx(1.68).epsilon(1e-12));
    CHECK(r.totals.idle_instance_hours == doctest::Approx(1320.0 / 3600).epsilon(1e-12));

    SUBCASE("the same in the fluid mode") {
        // Counts per minute: minute 60 fails at zero copies, minute 70 is served.
        sc.mode = plane_mode::fluid;
        const result f = simulate(sc);
        REQUIRE(f.activities.size() == 1);
        CHECK(f.activities[0].start_ms == 3'720'000);
        CHECK(f.totals.errors == doctest::Approx(1).epsilon(1e-9));
        CHECK(f.totals.cost_usd == doctest::Approx(1.68).epsilon(1e-12));
    }
}

TEST_CASE("inference components: an instance a scale-in empties stops being idle at its release") {
    // One copy on one instance from the start; requests at 0 s and 300 s, one at 3599 s. The
    // low alarm (15 of 15 datapoints below 90 % of 100 per copy) scales in to zero at 960 s and
    // the instance leaves with its copy (IDLE_RELEASE): billed 960 s, idle in the minutes
    // without a request, 960 - 2 x 60 = 840 s, in both modes (as a real-time endpoint's).
    for (const plane_mode mode : {plane_mode::request, plane_mode::fluid}) {
        CAPTURE(static_cast<int>(mode));
        scenario sc = ic_endpoint(60, {0, 300'000, 3'599'000}, mode);
        sc.endpoint.type.service_time_s = 1.0;
        sc.endpoint.initial_capacity = 1;
        sc.scaling.max_capacity = 1;
        target_tracking_config tt;
        tt.metric = metric_kind::invocations_per_instance;
        tt.target_value = 100;
        sc.scaling.target_tracking = {tt};
        const result r = simulate(sc);
        REQUIRE(r.activities.size() == 1);
        CHECK(r.activities[0].start_ms == 960'000);
        CHECK(r.totals.instance_hours == doctest::Approx(960.0 / 3600).epsilon(1e-12));
        // The fluid mode also counts the second of the requests' service its queue holds past
        // their minutes (held_share): about a second less.
        if (mode == plane_mode::request) {
            CHECK(r.totals.idle_instance_hours == doctest::Approx(840.0 / 3600).epsilon(1e-12));
        } else {
            CHECK(r.totals.idle_instance_hours * 3600 == doctest::Approx(839).epsilon(1e-3));
        }
    }
}

TEST_CASE("inference components: activities name the metric as CloudWatch publishes it per copy") {
    // One copy takes 10 requests a minute. Target tracking at 5 per copy: AlarmHigh (3 of 3)
    // at 240 s (the third datapoint, minute 2's, is published 60 s after it closes), cause
    // "InvocationsPerCopy 10 > 5", as AWS's InvocationsPerCopy alarm reads. A step policy on the
    // same metric reads the same way. A real-time endpoint with the same traffic names
    // InvocationsPerInstance.
    std::vector<time_ms> at_ms;
    for (time_ms m = 0; m < 10; ++m) {
        for (time_ms k = 0; k < 10; ++k) {
            at_ms.push_back(m * minute + k * 6'000);
        }
    }
    scenario sc = ic_endpoint(10, at_ms, plane_mode::fluid);
    sc.endpoint.initial_capacity = 1;
    sc.scaling.min_capacity = 1;
    target_tracking_config tt;
    tt.target_value = 5;
    sc.scaling.target_tracking.push_back(tt);
    result r = simulate(sc);
    REQUIRE(!r.activities.empty());
    CHECK(r.activities[0].start_ms == 4 * minute);
    CHECK(r.activities[0].cause.find("AlarmHigh InvocationsPerCopy 10 > 5 (3 of 3)") !=
          std::string::npos);

    step_scaling_config step;
    step.metric = metric_kind::invocations_per_instance;
    step.threshold = 8;
    step.steps = {step_adjustment{0, std::numeric_limits<double>::infinity(), 1}};
    sc.scaling.target_tracking.clear();
    sc.scaling.step_scaling.push_back(step);
    r = simulate(sc);
    REQUIRE(!r.activities.empty());
    CHECK(r.activities[0].cause.find("alarm InvocationsPerCopy 10 > 8") != std::string::npos);

    sc.endpoint.kind = endpoint_kind::real_time;
    sc.endpoint.inference_component = {};
    sc.scaling.step_scaling.clear();
    sc.scaling.target_tracking.push_back(tt);
    r = simulate(sc);
    REQUIRE(!r.activities.empty());
    CHECK(r.activities[0].start_ms == 4 * minute);
    CHECK(r.activities[0].cause.find("AlarmHigh InvocationsPerInstance 10 > 5") !=
          std::string::npos);
}

TEST_CASE("inference components: copies go to free slots first, cached instances load faster") {
    // Two copies per instance; one copy (instance 0) at first. The scheduled actions ask for
    // 2 copies at 120 s (a slot on instance 0, in service and cached: ready at 120 + 100 s),
    // 3 at 600 s (no free slot: instance 1 in service at 900 s, the copy at 1020 s), 2 at
    // 1200 s (the newest copy goes; instance 1 holds none and is released at once), and 3 at
    // 1800 s (a new instance again: 2100 s, the copy at 2220 s). Billed: 3600 + 600 + 1800 s.
    scenario sc = ic_endpoint(60, {}, plane_mode::fluid);
    sc.endpoint.inference_component.copies_per_instance = 2;
    sc.endpoint.initial_capacity = 1;
    sc.scaling.scheduled = {at(2 * minute, 2, 4), at(10 * minute, 3, 4), at(20 * minute, 0, 2),
                            at(30 * minute, 3, 4)};
    const result r = simulate(sc);
    REQUIRE(r.activities.size() == 4);
    CHECK(r.activities[0].end_ms == 220'000);
    CHECK(r.activities[1].end_ms == 1'020'000);
    CHECK(r.activities[2].start_ms == 1'200'000);
    CHECK(r.activities[3].end_ms == 2'220'000);
    CHECK(r.totals.instance_hours == doctest::Approx(6000.0 / 3600).epsilon(1e-12));
}

TEST_CASE("inference components: IDLE_RELEASE at once, CONSOLIDATION after its cooldown") {
    // One copy per instance, four copies (four instances) in service at 0 s; at 600 s a
    // scheduled action leaves one copy, so three instances hold none.
    scenario sc = ic_endpoint(60, {}, plane_mode::fluid);
    auto& ic = sc.endpoint.inference_component;
    sc.endpoint.initial_capacity = 4;
    sc.scaling.scheduled = {at(10 * minute, 0, 1)};
    auto billed_s = [&] { return simulate(sc).totals.instance_hours * 3600; };

    // IDLE_RELEASE: all three released at 600 s.
    CHECK(billed_s() == doctest::Approx(3600 + 3 * 600).epsilon(1e-12));
    // The request mode drains the copies (none has a request), and releases their instances
    // when they emptied, not at the next step's end (a minute later, billed).
    sc.mode = plane_mode::request;
    sc.arrivals = arrival_process::log;
    CHECK(billed_s() == doctest::Approx(3600 + 3 * 600).epsilon(1e-12));
    // Each copy serving one of the requests that arrived at 599 s (least outstanding requests
    // gives each its own) drains until 601 s.
    sc.endpoint.routing_policy = routing::least_outstanding;
    std::vector<double> counts(60, 0.0);
    counts[9] = 4;
    sc.traffic = trace(counts, minute);
    sc.arrival_log_ms = {599'000, 599'000, 599'000, 599'000};
    CHECK(billed_s() == doctest::Approx(3600 + 3 * 601).epsilon(1e-12));
    sc.mode = plane_mode::fluid;
    sc.traffic = trace(std::vector<double>(60, 0.0), minute);
    sc.arrival_log_ms.clear();
    // CONSOLIDATION, CooldownInMinutes 5, MaximumStepSize 1: one release every 5 minutes after
    // the last operation (the scale-in at 600 s): 900, 1200 and 1500 s.
    ic.scale_in = instance_scale_in::consolidation;
    ic.cooldown_min = 5;
    CHECK(billed_s() == doctest::Approx(3600 + 900 + 1200 + 1500).epsilon(1e-12));
    // MaximumStepSize 2: two at 900 s, the third at 1200 s.
    ic.max_step_size = 2;
    CHECK(billed_s() == doctest::Approx(3600 + 900 + 900 + 1200).epsilon(1e-12));
    // The default cooldown, 20 minutes, with a step of 3: all at 600 + 1200 s.
    ic.cooldown_min = 20;
    ic.max_step_size = 3;
    CHECK(billed_s() == doctest::Approx(3600 + 3 * 1800).epsilon(1e-12));
    // MinInstanceCount 2 keeps one idle instance.
    ic.min_instances = 2;
    CHECK(billed_s() == doctest::Approx(2 * 3600 + 2 * 1800).epsilon(1e-12));
}

TEST_CASE("inference components: least outstanding requests routing spreads over the copies") {
    // Four copies in service, four requests at once: each to its own copy, served in 2 s. The
    // request mode had routed them at random on an inference component (the fluid mode pools
    // them): some waited for another's 2 s.
    scenario sc = ic_endpoint(10, {300'000, 300'000, 300'000, 300'000}, plane_mode::request);
    sc.endpoint.initial_capacity = 4;
    sc.endpoint.routing_policy = routing::least_outstanding;
    const result r = simulate(sc);
    CHECK(r.totals.served == 4);
    CHECK(r.totals.mean_latency_s == doctest::Approx(2).epsilon(1e-12));
    CHECK(r.totals.p99_latency_s < 2.1);
}

TEST_CASE("instance pool: initial packing and MinInstanceCount") {
    inference_component_config c;
    c.copies_per_instance = 3;
    c.min_instances = 0;
    const instance_pool five(c, 5); // ceil(5 / 3) = 2 instances, 3 + 2 copies
    REQUIRE(five.instances().size() == 2);
    CHECK(five.instances()[0].copies == 3);
    CHECK(five.instances()[1].copies == 2);
    CHECK(five.in_service(0) == 2);
    CHECK(five.billed_ms(10'000) == 20'000);
    c.min_instances = 3;
    const instance_pool floor(c, 1);
    CHECK(floor.alive() == 3);
    CHECK(floor.instances()[1].copies == 0);
    CHECK_FALSE(floor.instances()[1].cached);
}

TEST_CASE("inference components: bad configurations are clear errors") {
    scenario sc = ic_endpoint(10, {}, plane_mode::fluid);
    auto message = [](const scenario& s) {
        try {
            s.validate();
        } catch (const std::exception& e) {
            return std::string(e.what());
        }
        return std::string();
    };
    CHECK(message(sc).empty());
    sc.scaling.max_capacity = 5; // 4 instances x 1 copy
    CHECK(message(sc).find("scaling.max_capacity: 5 copies do not fit on max_instances 4 x "
                           "copies_per_instance 1 = 4") != std::string::npos);
    sc.scaling.max_capacity = 4;
    sc.endpoint.inference_component.cooldown_min = 4;
    CHECK(message(sc).find("endpoint.inference_component.cooldown_min") != std::string::npos);
    sc.endpoint.inference_component.cooldown_min = 20;
    sc.endpoint.inference_component.max_step_size = 101;
    CHECK(message(sc).find("endpoint.inference_component.max_step_size") != std::string::npos);
    sc.endpoint.inference_component.max_step_size = 1;
    sc.endpoint.inference_component.min_instances = 5;
    CHECK(message(sc).find("endpoint.inference_component.max_instances: 4 is less than "
                           "min_instances 5") != std::string::npos);
}

TEST_CASE("client retries: refused attempts are retried, counted as invocations, and the "
          "latency runs from the first") {
    // A real-time endpoint of one instance held fixed, one worker, no queue (max_queue 0): a
    // request that finds the worker busy is refused at once.
    const auto one_busy_worker = [](int minutes, const std::vector<time_ms>& at, double service_s) {
        scenario sc = ic_endpoint(minutes, at, plane_mode::request);
        sc.endpoint.kind = endpoint_kind::real_time;
        sc.endpoint.inference_component = {};
        sc.endpoint.initial_capacity = 1;
        sc.scaling.min_capacity = 1;
        sc.endpoint.type.service_time_s = service_s;
        sc.endpoint.max_queue = 0;
        return sc;
    };
    SUBCASE("a wake-up takes minutes: three attempts within seconds all fail") {
        // As the wake-up case above, with the SDKs' standard mode (3 attempts, back-off
        // U[0, 1] s then U[0, 2] s): the request at 3600 s fails three times within 3 s, so
        // NoCapacityInvocationFailures counts 3 for [3600, 3660) and the request is 1 error.
        scenario sc = ic_endpoint(90, {3'600'000}, plane_mode::request);
        sc.endpoint.client_max_attempts = 3;
        sc.scaling.step_scaling.push_back(asim_test::ic_wake_up());
        const result r = simulate(sc);
        CHECK(r.totals.requests == 1);
        CHECK(r.totals.errors == 1);
        CHECK(r.steps.metric[60] == 3);
        CHECK(r.steps.arrivals[60] == 1); // the timeline counts requests, not attempts
    }
    SUBCASE("a full instance: a retry after it frees is served") {
        // One instance, one worker, no queue (max_queue 0), 10-s requests at 0 s and 1 s: the
        // second is refused while the first runs (until 10 s). With 20 attempts it is served
        // later, and its latency counts from 1 s: at least 10 - 1 + 10 = 19 s. With one attempt
        // it is an error.
        scenario sc = one_busy_worker(5, {0, 1'000}, 10);
        sc.endpoint.client_max_attempts = 1;
        const result once = simulate(sc);
        CHECK(once.totals.served == 1);
        CHECK(once.totals.throttled == 1);
        sc.endpoint.client_max_attempts = 20;
        const result retried = simulate(sc);
        CHECK(retried.totals.served == 2);
        CHECK(retried.totals.errors == 0);
        CHECK(retried.totals.requests == 2);
        // latencies 10 s and >= 19 s
        CHECK(retried.totals.mean_latency_s >= (10.0 + 19.0) / 2);
        CHECK(retried.totals.mean_latency_s < (10.0 + 60.0) / 2);
        // same seed, same bits
        CHECK(simulate(sc).totals.mean_latency_s == retried.totals.mean_latency_s);
    }
    SUBCASE("the first retry waits at most the base, as botocore's standard mode") {
        // One instance, one worker, no queue, a constant 1.5-s service; 200 pairs of requests,
        // the second 1 ms after the first. The second is refused, and its one retry (2
        // attempts) comes within U[0, 1] s of it, while the first still runs: every second
        // request fails. (With a first window of 2 s, base x 2^1, about a quarter of them were
        // served: their retry came after 1.5 s.) A base of 2 s opens that window again.
        std::vector<time_ms> at;
        for (time_ms k = 0; k < 200; ++k) {
            at.push_back(k * 100'000);
            at.push_back(k * 100'000 + 1);
        }
        scenario sc = one_busy_worker(340, at, 1.5);
        sc.endpoint.type.service_cv = 0;
        sc.endpoint.client_max_attempts = 2;
        const result r = simulate(sc);
        CHECK(r.totals.served == 200);
        CHECK(r.totals.errors == 200);
        sc.endpoint.client_backoff_base_s = 2; // U[0, 2] s: served when past 1.499 s
        const result wide = simulate(sc);
        CHECK(wide.totals.served > 200 + 20);
        CHECK(wide.totals.served < 200 + 80);
    }
    SUBCASE("ModelLatency is the endpoint's: a retried request counts from its last attempt") {
        // One instance, one worker, no queue, 1-s requests at 0 s and 0.5 s: the second is
        // refused and retried until the worker is free (from 1 s), then served in 1 s at once.
        // Its client waited longer (the latency of the summary and the timeline), but
        // ModelLatency, measured at the endpoint, is 1 s for both: its datapoint for minute 0
        // is 1 (it read about 1.5, the client's mean).
        scenario sc = one_busy_worker(3, {0, 500}, 1);
        sc.endpoint.type.service_cv = 0;
        sc.endpoint.client_max_attempts = 20;
        sc.scaling.step_scaling.clear();
        sc.scaling.target_tracking.clear();
        target_tracking_config tt;
        tt.metric = metric_kind::model_latency;
        tt.target_value = 100;
        sc.scaling.target_tracking.push_back(tt);
        const result r = simulate(sc);
        REQUIRE(r.totals.served == 2);
        CHECK(r.totals.mean_latency_s > 1.0 + 0.25); // the client's: (1 + (>= 1.5)) / 2
        CHECK(r.steps.metric[0] == doctest::Approx(1.0).epsilon(1e-9));
    }
    SUBCASE("retries need the request mode") {
        scenario sc = ic_endpoint(5, {}, plane_mode::fluid);
        sc.endpoint.client_max_attempts = 3;
        CHECK_THROWS_WITH_AS(sc.validate(),
                             doctest::Contains("endpoint.client_max_attempts: client retries "
                                               "need \"mode\": \"request\""),
                             config_error);
    }
}

// ---------------------------------------------------------------------------------------------
// Several components on one endpoint's instances (simulate_components).

namespace {

// Component `copies` copies at first, two per instance, scheduled to the given ranges.
scenario ic_component(int copies, std::vector<scheduled_action_config> actions,
                      instance_scale_in scale_in = instance_scale_in::idle_release) {
    scenario sc = ic_endpoint(60, {}, plane_mode::fluid);
    sc.endpoint.inference_component.copies_per_instance = 2;
    sc.endpoint.inference_component.scale_in = scale_in;
    sc.endpoint.inference_component.cooldown_min = 5;
    sc.endpoint.initial_capacity = copies;
    sc.scaling.max_capacity = 4;
    sc.scaling.scheduled = std::move(actions);
    return sc;
}

} // namespace

TEST_CASE("shared instances: two components pack onto one instance, then share a new one") {
    // Two copies per instance (half an instance each). A's copy and B's copy fill instance 0.
    // At 600 s A asks for a second copy: no room, so instance 1 starts (in service at 900 s,
    // the copy at 1020 s). At 1200 s B asks for a second copy: it fits beside A's on instance 1,
    // which is in service but never held B's model (120 s): ready at 1320 s, no new instance.
    // Billed: 3600 + 3000 s = 6600 s, 6.6 USD. A's copies: (3600 + 3000) / 2 = 3300 s; B's:
    // (3600 + 2400) / 2 = 3000 s; the empty half of instance 1 from 600 to 1200 s: 300 s.
    const std::vector<scenario> comps = {ic_component(1, {at(10 * minute, 2, 4)}),
                                         ic_component(1, {at(20 * minute, 2, 4)})};
    const shared_result r = simulate_components(comps);
    REQUIRE(r.components.size() == 2);
    const auto& a = r.components[0];
    const auto& b = r.components[1];
    REQUIRE(a.activities.size() == 1);
    REQUIRE(b.activities.size() == 1);
    CHECK(a.activities[0].end_ms == 1'020'000);
    CHECK(b.activities[0].end_ms == 1'320'000);
    CHECK(r.instances_launched == 2);
    CHECK(r.peak_instances == 2);
    CHECK(r.instance_hours * 3600 == doctest::Approx(6600).epsilon(1e-12));
    CHECK(r.cost_usd == doctest::Approx(6.6).epsilon(1e-12));
    CHECK(a.totals.instance_hours * 3600 == doctest::Approx(3300).epsilon(1e-12));
    CHECK(b.totals.instance_hours * 3600 == doctest::Approx(3000).epsilon(1e-12));
    CHECK(a.totals.cost_usd == doctest::Approx(3.3).epsilon(1e-12));
    CHECK(r.unallocated_instance_hours * 3600 == doctest::Approx(300).epsilon(1e-9));
    // No traffic at all: every instance-second in service is idle (instance 1 from 900 s).
    CHECK(r.idle_instance_hours * 3600 == doctest::Approx(3600 + 2700).epsilon(1e-12));
    CHECK(r.hourly_instance_hours.size() == 1);
    CHECK(r.hourly_instance_hours[0] == doctest::Approx(6600.0 / 3600).epsilon(1e-12));

    SUBCASE("the same instance settings on every component") {
        std::vector<scenario> bad = comps;
        bad[1].endpoint.inference_component.max_instances = 6;
        try {
            (void)simulate_components(bad);
            FAIL("expected a config_error");
        } catch (const config_error& e) {
            CHECK(e.field() == "components[1].endpoint.inference_component.max_instances");
            CHECK(std::string(e.what()).find("differs from components[0]'s") != std::string::npos);
        }
        bad = comps;
        bad[1].scaling.max_capacity = 9; // 4 instances x 2
        try {
            (void)simulate_components(bad);
            FAIL("expected a config_error");
        } catch (const config_error& e) {
            CHECK(e.field() == "components[1].scaling.max_capacity");
        }
        bad = comps;
        bad[0].endpoint.kind = endpoint_kind::real_time;
        CHECK_THROWS_WITH_AS((void)simulate_components(bad),
                             doctest::Contains("components[0].endpoint.kind"), config_error);
        CHECK_THROWS_AS((void)simulate_components({}), config_error);
    }
}

TEST_CASE("shared instances: CONSOLIDATION moves the copies of a half-empty instance") {
    // Two copies per instance. A's two copies fill instance 0; B's copy is on instance 1. At
    // 600 s A goes down to one copy (the newest goes): each instance is half empty. Five
    // minutes after that operation (900 s) consolidation moves B's copy on the newest instance
    // (1) to instance 0, which never held B's model: a 120-s load, during which the old copy
    // serves; instance 1 is released at 1020 s. Billed 3600 + 1020 s. With IDLE_RELEASE
    // nothing moves: 7200 s.
    auto comps = [](instance_scale_in s) {
        return std::vector<scenario>{ic_component(2, {at(10 * minute, 1, 1)}, s),
                                     ic_component(1, {}, s)};
    };
    const shared_result idle = simulate_components(comps(instance_scale_in::idle_release));
    CHECK(idle.instance_hours * 3600 == doctest::Approx(7200).epsilon(1e-12));
    CHECK(idle.moved_copies == 0);
    const shared_result packed = simulate_components(comps(instance_scale_in::consolidation));
    CHECK(packed.moved_copies == 1);
    CHECK(packed.instance_hours * 3600 == doctest::Approx(4620).epsilon(1e-12));
    CHECK(packed.cost_usd == doctest::Approx(4.62).epsilon(1e-12));
    // B kept its copy in service throughout.
    CHECK(packed.components[1].totals.mean_in_service == doctest::Approx(1).epsilon(1e-12));
    CHECK(packed.components[1].activities.empty());
}

TEST_CASE("shared instances: a copy waits at MaxInstanceCount until another leaves") {
    // Four copies per instance, one instance at most, holding A's two copies and B's two. A's
    // third copy (600 s) has no room and no instance may be added: it waits, and A's activity
    // stays in progress. At 1200 s B goes down to one copy; A's copy takes the freed quarter of
    // instance 0, which holds A's model: in service at 1200 + 100 s, when A's activity
    // completes.
    std::vector<scenario> comps = {ic_component(2, {at(10 * minute, 3, 3)}),
                                   ic_component(2, {at(20 * minute, 0, 1)})};
    for (auto& c : comps) {
        c.endpoint.inference_component.max_instances = 1;
        c.endpoint.inference_component.copies_per_instance = 4;
    }
    const shared_result r = simulate_components(comps);
    REQUIRE(r.components[0].activities.size() == 1);
    CHECK(r.components[0].activities[0].start_ms == 600'000);
    CHECK(r.components[0].activities[0].end_ms == 1'300'000);
    CHECK(r.instances_launched == 1);
    CHECK(r.instance_hours * 3600 == doctest::Approx(3600).epsilon(1e-12));
    // A's mean copies in service: 2 until 1300 s, then 3.
    CHECK(r.components[0].totals.mean_in_service ==
          doctest::Approx((2 * 1300.0 + 3 * 2300) / 3600).epsilon(1e-12));
}

TEST_CASE("shared instances: one component alone runs as simulate() does") {
    // The wake-up example above, as the only component: the same activities, errors and
    // latency, and the endpoint's instance-hours are simulate()'s.
    scenario sc = ic_endpoint(90, {3'600'000, 4'200'000}, plane_mode::request);
    sc.scaling.step_scaling.push_back(asim_test::ic_wake_up());
    const result one = simulate(sc);
    const shared_result shared = simulate_components({sc});
    const result& c = shared.components[0];
    REQUIRE(c.activities.size() == one.activities.size());
    CHECK(c.activities[0].end_ms == one.activities[0].end_ms);
    CHECK(c.totals.errors == one.totals.errors);
    CHECK(c.totals.mean_latency_s == one.totals.mean_latency_s);
    CHECK(shared.instance_hours == doctest::Approx(one.totals.instance_hours).epsilon(1e-12));
    // One copy per instance: the copy's share is the whole instance from the copy's launch
    // (3720 s), as the instance's.
    CHECK(c.totals.instance_hours == doctest::Approx(one.totals.instance_hours).epsilon(1e-12));
}

TEST_CASE("shared instances: copies pack resource by resource") {
    // ml.g5.12xlarge: 4 accelerators, 48 vCPUs, 192 GiB (the catalogue). A's copy asks for 1
    // accelerator, 4 cores and 16 GiB; B's for 24 cores and 8 GiB. Four of A's copies and one
    // of B's fit on one instance (accelerators 4 of 4, cores 16 + 24 = 40 of 48); counted by
    // the scarcest share (A: 1/4 of the accelerators, B: 1/2 of the cores) they would not.
    auto comp = [](int copies, double acc, double cores, double mb) {
        scenario sc = ic_component(copies, {});
        sc.endpoint.type.name = "ml.g5.12xlarge";
        auto& ic = sc.endpoint.inference_component;
        ic.copies_per_instance = 1;
        ic.accelerators = acc;
        ic.cpu_cores = cores;
        ic.memory_mb = mb;
        return sc;
    };
    std::vector<scenario> comps = {comp(4, 1, 4, 16384), comp(1, 0, 24, 8192)};
    CHECK(copies_fitting(comps[0].endpoint.inference_component, "ml.g5.12xlarge") == 4);
    CHECK(copies_fitting(comps[1].endpoint.inference_component, "ml.g5.12xlarge") == 2);
    const shared_result packed = simulate_components(comps);
    CHECK(packed.instances_launched == 1);
    CHECK(packed.instance_hours == doctest::Approx(1).epsilon(1e-12));
    // Billed by the scarcest share: A 4 x 1/4, B 1 x 1/2 of the hour.
    CHECK(packed.components[0].totals.instance_hours == doctest::Approx(1).epsilon(1e-12));
    CHECK(packed.components[1].totals.instance_hours == doctest::Approx(0.5).epsilon(1e-12));
    // The same copies as one share each (copies_per_instance 4 and 2) need two instances.
    for (auto& c : comps) {
        auto& ic = c.endpoint.inference_component;
        ic.copies_per_instance = copies_fitting(ic, "ml.g5.12xlarge");
        ic.accelerators = ic.cpu_cores = ic.memory_mb = 0;
    }
    CHECK(simulate_components(comps).instances_launched == 2);

    // Bad resources name the field.
    auto error_of = [](const inference_component_config& ic, const std::string& type) {
        try {
            (void)copy_shares(ic, type);
        } catch (const config_error& e) {
            return std::string(e.what());
        }
        return std::string();
    };
    inference_component_config ic;
    ic.accelerators = 2;
    CHECK(error_of(ic, "ml.m5.xlarge") == "endpoint.inference_component.accelerators: 2 per "
                                          "copy, but instance type \"ml.m5.xlarge\" has none");
    CHECK(error_of(ic, "ml.custom") ==
          "endpoint.inference_component.accelerators: 2 per copy, but instance type "
          "\"ml.custom\" is not in the catalogue; give instance_accelerators");
    ic.instance_accelerators = 8;
    CHECK(error_of(ic, "ml.custom").empty());
    ic.accelerators = 9;
    CHECK(error_of(ic, "ml.custom") == "endpoint.inference_component.accelerators: 9 per copy "
                                       "is more than one instance (ml.custom) has: 8");
    ic.accelerators = 1;
    ic.copies_per_instance = 2;
    CHECK(error_of(ic, "ml.custom").find("copies_per_instance: give either") != std::string::npos);
    // At most a million copies on an instance: the scarcest resource decides. ml.g4dn.xlarge has
    // 16 GiB = 16,384 MB and 4 vCPUs: 16 MB a copy fits 1,024 copies by memory (more than
    // copies_per_instance's 1000, and valid: AWS's smallest, 128 MB, fits 1,536 on an
    // ml.g5.12xlarge); 0.001 MB would fit 16,384,000, and 1e-9 MB made 1.6e13 (past an int:
    // undefined behaviour).
    inference_component_config tiny;
    tiny.memory_mb = 16;
    CHECK(copies_fitting(tiny, "ml.g4dn.xlarge") == 1024);
    tiny.memory_mb = 128;
    CHECK(copies_fitting(tiny, "ml.g5.12xlarge") == 1536);
    tiny.memory_mb = 0.001;
    CHECK(error_of(tiny, "ml.g4dn.xlarge") ==
          "endpoint.inference_component.memory_mb: 0.001 per copy fits 16384000 copies on one "
          "instance (ml.g4dn.xlarge: 16384), more than the 1000000 an instance holds here; is the "
          "unit right?");
    tiny.memory_mb = 1e-9;
    CHECK(error_of(tiny, "ml.g4dn.xlarge").find("memory_mb: 1e-09 per copy") != std::string::npos);
    // A scarcer resource keeps a small one within the limit: 1 core of 4 with 1e-9 MB.
    tiny.cpu_cores = 1;
    CHECK(copies_fitting(tiny, "ml.g4dn.xlarge") == 4);
}

TEST_CASE("shared instances: a moved copy serves throughout, and runs repeat bit for bit") {
    // The consolidation example with a request every 30 s to B, request mode: B's copy moves
    // at 900 s and the old one serves until the new one has loaded (1020 s), so every request
    // is served in its 2 s and none fails.
    std::vector<time_ms> at_ms;
    for (time_ms t = 0; t < 60 * minute; t += 30'000) {
        at_ms.push_back(t);
    }
    std::vector<scenario> comps = {
        ic_component(2, {at(10 * minute, 1, 1)}, instance_scale_in::consolidation),
        ic_component(1, {}, instance_scale_in::consolidation)};
    scenario& b = comps[1];
    b.traffic = ic_endpoint(60, at_ms, plane_mode::request).traffic;
    b.mode = plane_mode::request;
    b.arrivals = arrival_process::log;
    b.arrival_log_ms = at_ms;
    const shared_result r = simulate_components(comps);
    CHECK(r.moved_copies == 1);
    CHECK(r.instance_hours * 3600 == doctest::Approx(4620).epsilon(1e-12));
    const summary& s = r.components[1].totals;
    CHECK(s.requests == 120);
    CHECK(s.served == 120);
    CHECK(s.errors == 0);
    CHECK(s.mean_latency_s == doctest::Approx(2).epsilon(1e-12));
    CHECK(s.p99_latency_s == doctest::Approx(2).epsilon(1e-3)); // the histogram's resolution
    const shared_result again = simulate_components(comps);
    CHECK(again.components[1].totals.mean_latency_s == s.mean_latency_s);
    CHECK(again.components[0].steps.in_service == r.components[0].steps.in_service);
}
