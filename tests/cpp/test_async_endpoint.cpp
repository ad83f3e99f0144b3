// Asynchronous endpoints: one queue in front of the instances, scale to zero, the wake-up step
// policy on HasBacklogWithoutCapacity, target tracking on ApproximateBacklogSizePerInstance from
// zero, request expiry and the processing timeout. Every expected figure is worked out by hand
// from the documented rules (docs/semantics.md, "Asynchronous endpoints").
#include <autoscalesim/autoscalesim.hpp>
#include <doctest/doctest.h>

#include "scenario_builders.hpp"

#include <cmath>
#include <limits>
#include <string>
#include <vector>

using namespace autoscalesim;

namespace {

// `minutes` one-minute intervals and the given request times (ms), on an asynchronous endpoint
// of one-worker instances serving each request in exactly `service_s`, starting in exactly
// 300 s, at 3.6 USD/h (0.001 USD/s); no instance at first, MinCapacity 0, MaxCapacity 2.
scenario quiet_endpoint(int minutes, const std::vector<time_ms>& at_ms, double service_s) {
    std::vector<double> counts(static_cast<std::size_t>(minutes), 0.0);
    for (const time_ms t : at_ms) {
        counts[static_cast<std::size_t>(t / ms_per_minute)] += 1;
    }
    scenario sc;
    sc.traffic = trace(counts, ms_per_minute);
    sc.endpoint.kind = endpoint_kind::asynchronous;
    sc.endpoint.type.price_per_hour = 3.6;
    sc.endpoint.type.workers = 1;
    sc.endpoint.type.service_time_s = service_s;
    sc.endpoint.type.service_cv = 0;
    sc.endpoint.type.service = service_family::deterministic;
    sc.endpoint.initial_capacity = 0;
    sc.endpoint.startup = startup_distribution::fixed(300);
    sc.scaling.min_capacity = 0;
    sc.scaling.max_capacity = 2;
    sc.mode = plane_mode::request;
    sc.arrivals = arrival_process::log;
    sc.arrival_log_ms = at_ms;
    sc.slo.latency_s = 1000;
    return sc;
}

} // namespace

TEST_CASE("async: a quiet hour, then one request wakes the endpoint from zero") {
    // The request arrives at 3600 s with no instance. HasBacklogWithoutCapacity is 1 for the
    // periods [3600, 3660) and [3660, 3720); the second is published at 3720 + 60 = 3780 s, the
    // alarm is then 2 of 2 and the policy adds one instance, in service at 3780 + 300 = 4080 s;
    // the request is served from 4080 to 4082 s: latency 482 s. The instance is billed from 3780
    // to the end at 5400 s: 1620 s = 0.45 h = 1.62 USD; it is idle (in service, nothing arriving
    // or held) for 5400 - 4080 - 2 = 1318 s.
    scenario sc = quiet_endpoint(90, {3'600'000}, 2.0);
    sc.scaling.step_scaling.push_back(asim_test::async_wake_up());
    const result r = simulate(sc);
    CHECK(r.totals.requests == 1);
    CHECK(r.totals.served == 1);
    CHECK(r.totals.errors == 0);
    CHECK(r.totals.mean_latency_s == doctest::Approx(482).epsilon(1e-12));
    REQUIRE(r.activities.size() == 1);
    CHECK(r.activities[0].start_ms == 3'780'000);
    CHECK(r.activities[0].end_ms == 4'080'000);
    CHECK(r.activities[0].from == 0);
    CHECK(r.activities[0].to == 1);
    CHECK(r.totals.instance_hours == doctest::Approx(0.45).epsilon(1e-12));
    CHECK(r.totals.cost_usd == doctest::Approx(1.62).epsilon(1e-12));
    CHECK(r.totals.idle_instance_hours == doctest::Approx(1318.0 / 3600).epsilon(1e-12));

    SUBCASE("a real-time endpoint at zero instances fails the request instead") {
        // It publishes no HasBacklogWithoutCapacity: a policy on it is refused.
        sc.endpoint.kind = endpoint_kind::real_time;
        CHECK_THROWS_WITH_AS(simulate(sc),
                             "scaling.step_scaling[wake-up].metric: HasBacklogWithoutCapacity is "
                             "published for an endpoint of kind \"async\" only; this one is "
                             "\"real_time\"",
                             config_error);
        sc.scaling.step_scaling.clear();
        const result rt = simulate(sc);
        CHECK(rt.totals.served == 0);
        CHECK(rt.totals.errors == 1);
        CHECK(rt.activities.empty()); // nothing waits, so there is no backlog to wake on
    }
}

TEST_CASE("async: without the wake-up policy, target tracking leaves zero once the backlog "
          "exceeds the target") {
    // ApproximateBacklogSizePerInstance at zero instances is the whole backlog. One request
    // waiting from 3600 s: the datapoints of [3600, 3660), [3660, 3720), [3720, 3780) are 1;
    // with TargetValue 0.5 AlarmHigh is 3 of 3 once the third is published at 3840 s, and asks
    // for ceil(1 x 1 / 0.5) = 2 instances, in service at 4140 s; latency 4142 - 3600 = 542 s.
    scenario sc = quiet_endpoint(90, {3'600'000}, 2.0);
    target_tracking_config tt;
    tt.metric = metric_kind::approximate_backlog_size_per_instance;
    tt.target_value = 0.5;
    sc.scaling.target_tracking.push_back(tt);
    const result r = simulate(sc);
    REQUIRE(!r.activities.empty());
    CHECK(r.activities[0].start_ms == 3'840'000);
    CHECK(r.activities[0].from == 0);
    CHECK(r.activities[0].to == 2);
    CHECK(r.totals.served == 1);
    CHECK(r.totals.mean_latency_s == doctest::Approx(542).epsilon(1e-12));

    SUBCASE("a backlog that never exceeds the target never wakes it") {
        sc.scaling.target_tracking[0].target_value = 5;
        const result quiet = simulate(sc);
        CHECK(quiet.activities.empty());
        CHECK(quiet.totals.served == 0);
        CHECK(quiet.totals.errors == 0);           // still waiting: the TTL is 6 hours
        CHECK(quiet.totals.in_flight_at_end == 1); // and reported as in flight
        CHECK(quiet.totals.cost_usd == 0);
    }
}

TEST_CASE("async: a burst drained from zero, first in first out") {
    // 120 requests at 0 s. The wake-up alarm fires at 180 s (periods [0, 60) and [60, 120)
    // published at 180 s), one instance serves from 480 s, request k completing at 480 + k s:
    // latencies 481 ... 600 s, mean 540.5 s; none lost.
    const std::vector<time_ms> burst(120, 0);
    scenario sc = quiet_endpoint(30, burst, 1.0);
    sc.scaling.step_scaling.push_back(asim_test::async_wake_up());
    const result r = simulate(sc);
    CHECK(r.totals.served == 120);
    CHECK(r.totals.errors == 0);
    CHECK(r.totals.mean_latency_s == doctest::Approx(540.5).epsilon(1e-12));
    CHECK(r.totals.p50_latency_s == doctest::Approx(540.5).epsilon(0.01));
    CHECK(r.totals.p99_latency_s == doctest::Approx(599).epsilon(0.01));
    REQUIRE(r.activities.size() == 1);
    CHECK(r.activities[0].start_ms == 180'000);
    // Timeline: the queue holds all 120 until 480 s, then drains by one a second.
    CHECK(r.steps.queued[7] == 120); // end of [420, 480): none served yet
    CHECK(r.steps.served[8] == 59);  // [480, 540): completions at 481 ... 539
    CHECK(r.steps.queued[8] == 60);  // the 60th in service, 60 waiting
    CHECK(r.steps.errors[0] == 0);

    SUBCASE("requests older than the TTL expire") {
        // RequestTTLSeconds 60 (its minimum): all 120 expire at 60 s, before any instance.
        sc.endpoint.request_ttl_s = 60;
        const result x = simulate(sc);
        CHECK(x.totals.served == 0);
        CHECK(x.totals.errors == 120);
        CHECK(x.steps.errors[1] == 120); // at 60 s exactly: the second minute
    }
}

TEST_CASE("async: processing past InvocationTimeoutSeconds fails") {
    // Service 2 s, processing timeout 1 s: each request holds the worker 1 s and fails; 5
    // requests at 0 s on one instance in service from the start fail at 1, 2, ... 5 s.
    scenario sc = quiet_endpoint(10, std::vector<time_ms>(5, 0), 2.0);
    sc.endpoint.initial_capacity = 1;
    sc.scaling.min_capacity = 1;
    sc.endpoint.processing_timeout_s = 1;
    const result r = simulate(sc);
    CHECK(r.totals.served == 0);
    CHECK(r.totals.errors == 5);
    CHECK(r.steps.utilization[0] == doctest::Approx(5.0 / 60).epsilon(1e-7)); // single precision
}

TEST_CASE("async: instances share one queue, so a free worker never idles while one waits") {
    // Two instances in service, 1 worker each, 1-s service; 4 requests at 0 s. One queue: two
    // start at 0 s, two at 1 s; latencies 1, 1, 2, 2 s (mean 1.5 s) whatever the routing.
    scenario sc = quiet_endpoint(5, std::vector<time_ms>(4, 0), 1.0);
    sc.endpoint.initial_capacity = 2;
    sc.scaling.min_capacity = 2;
    for (const routing how : {routing::random, routing::least_outstanding}) {
        sc.endpoint.routing_policy = how;
        const result r = simulate(sc);
        CHECK(r.totals.served == 4);
        CHECK(r.totals.mean_latency_s == doctest::Approx(1.5).epsilon(1e-12));
    }
}

TEST_CASE("async metrics: the backlog per instance and HasBacklogWithoutCapacity") {
    // 30 s with no instance and 4 requests held (the whole span), then 30 s with 2 instances
    // and 6 held: backlog per instance (30 x 4 / 1 + 30 x 6 / 2) / 60 = 3.5; backlog without
    // capacity for 30 of 60 s = 0.5. Both are published with no instance in service.
    metric_stream backlog(metric_kind::approximate_backlog_size_per_instance, 60'000, 60'000);
    metric_stream wake(metric_kind::has_backlog_without_capacity, 60'000, 60'000);
    for (auto* s : {&backlog, &wake}) {
        s->add(30'000, 4, 0, 4, 0, 0, 0, 0, 1.0);
        s->add(30'000, 0, 2, 6, 2, 2, 0, 0, 1.0);
        s->close_period();
        s->add(60'000, 3, 0, 3, 0, 0, 0, 0, 0.25); // a request held for the last 15 s
        s->close_period();
    }
    CHECK(backlog.datapoints()[0].value == doctest::Approx(3.5).epsilon(1e-15));
    CHECK(wake.datapoints()[0].value == doctest::Approx(0.5).epsilon(1e-15));
    CHECK(backlog.datapoints()[1].value == doctest::Approx(3).epsilon(1e-15));
    CHECK(wake.datapoints()[1].value == doctest::Approx(0.25).epsilon(1e-15));

    // >= breaches at the threshold, > does not.
    autoscalesim::alarm ge{1, comparison::greater_or_equal, 1, 1, missing_data::missing};
    autoscalesim::alarm gt{1, comparison::greater, 1, 1, missing_data::missing};
    metric_stream full(metric_kind::has_backlog_without_capacity, 60'000, 0);
    full.add(60'000, 1, 0, 1, 0, 0, 0, 0, 1.0);
    full.close_period();
    CHECK(full.datapoints()[0].value == 1);
    CHECK(ge.evaluate(full, 60'000) == alarm_state::alarm);
    CHECK(gt.evaluate(full, 60'000) == alarm_state::ok);
}

TEST_CASE("async: bad configurations are clear errors") {
    scenario sc = quiet_endpoint(10, {0}, 1.0);
    auto message = [](const scenario& s) {
        try {
            s.validate();
        } catch (const std::exception& e) {
            return std::string(e.what());
        }
        return std::string();
    };
    CHECK(message(sc).empty());
    sc.endpoint.request_ttl_s = 30;
    CHECK(message(sc).find("endpoint.request_ttl_s") != std::string::npos);
    sc.endpoint.request_ttl_s = 21601;
    CHECK(message(sc).find("endpoint.request_ttl_s") != std::string::npos);
    sc.endpoint.request_ttl_s = 600;
    sc.endpoint.processing_timeout_s = 3601;
    CHECK(message(sc).find("endpoint.processing_timeout_s") != std::string::npos);
    sc.endpoint.processing_timeout_s = 900;
    sc.endpoint.max_queue = 10;
    CHECK(message(sc).find("endpoint.max_queue: applies to real-time endpoints") !=
          std::string::npos);
}
