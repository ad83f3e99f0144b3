// Serverless endpoints: on-demand containers with cold starts and a warm time, MaxConcurrency
// throttling, provisioned concurrency scaled by target tracking on
// ServerlessProvisionedConcurrencyUtilization, and the bill per GB-second. Every expected figure
// is worked out by hand from the rules in docs/semantics.md ("Serverless endpoints").
#include "scenario_builders.hpp"

#include <autoscalesim/autoscalesim.hpp>
#include <doctest/doctest.h>

#include <string>
#include <vector>

using namespace autoscalesim;

namespace {

// `seconds` of one-second intervals with requests at the given times (ms), on a serverless
// endpoint of 2 GB serving each request in exactly 1 s, cold starts of exactly 4 s, a warm time
// of 600 s, MaxConcurrency 2 and no provisioned concurrency (MinCapacity 0, MaxCapacity 1).
scenario serverless_endpoint(int seconds, const std::vector<time_ms>& at_ms) {
    scenario sc = asim_test::logged_requests(at_ms, seconds, 1000, 1.0);
    sc.endpoint.kind = endpoint_kind::serverless;
    sc.endpoint.initial_capacity = 0;
    sc.endpoint.startup = startup_distribution::fixed(30);
    sc.endpoint.serverless.memory_mb = 2048;
    sc.endpoint.serverless.max_concurrency = 2;
    sc.endpoint.serverless.cold_start = startup_distribution::fixed(4);
    sc.endpoint.serverless.keep_warm_s = 600;
    sc.scaling.min_capacity = 0;
    sc.scaling.max_capacity = 1;
    sc.slo.latency_s = 10;
    return sc;
}

std::string error_of(const scenario& sc) {
    return asim_test::validation_error(sc);
}

} // namespace

TEST_CASE("serverless: cold start, a warm container reused, and gone cold after the warm time") {
    // 0 s: no container: a cold start of 4 s, served 4..5 s (latency 5), warm from 5 s.
    // 10 s: the warm container (5 + 600 >= 10): latency 1, warm again from 11 s.
    // 612 s: 11 + 600 = 611 < 612, cold: latency 5, running until 617 s.
    // 614 s: the one container is busy, no warm one: another cold start, latency 5.
    // Mean latency (5 + 1 + 5 + 5) / 4 = 4 s; 3 cold starts; 4 s of compute, billed at 2 GB x
    // 0.00002 USD per GB-second = 0.00016 USD; with 256 KB a request, 1 MB = 1/1024 GB of data at
    // 0.016 USD per GB = 0.000015625 USD more. No provisioned concurrency: no instance-hour.
    scenario sc = serverless_endpoint(660, {0, 10'000, 612'000, 614'000});
    sc.endpoint.serverless.payload_kb = 256;
    const result r = simulate(sc);
    CHECK(r.totals.requests == 4);
    CHECK(r.totals.served == 4);
    CHECK(r.totals.errors == 0);
    CHECK(r.totals.cold_starts == 3);
    CHECK(r.totals.mean_latency_s == doctest::Approx(4).epsilon(1e-12));
    CHECK(r.totals.instance_hours == 0);
    CHECK(r.totals.cost_usd == doctest::Approx(0.00016 + 0.000015625).epsilon(1e-12));

    SUBCASE("at exactly the end of the warm time the container is still warm") {
        // 11 + 601 = 612: the request at 612 s takes it (latency 1) and leaves it warm at
        // 613 s for the one at 614 s: latencies 5, 1, 1, 1.
        sc.endpoint.serverless.keep_warm_s = 601;
        const result w = simulate(sc);
        CHECK(w.totals.cold_starts == 1);
        CHECK(w.totals.mean_latency_s == doctest::Approx(2).epsilon(1e-12));
    }
}

TEST_CASE("serverless: MaxConcurrency throttles, provisioned concurrency serves first") {
    // Three requests at 0, 0.1 and 0.2 s, MaxConcurrency 2. Without provisioned concurrency the
    // first two start cold (latency 5 s each) and the third finds 2 running: throttled.
    const std::vector<time_ms> at{0, 100, 200};
    scenario sc = serverless_endpoint(60, at);
    const result r = simulate(sc);
    CHECK(r.totals.served == 2);
    CHECK(r.totals.errors == 1);
    CHECK(r.totals.throttled == 1);
    CHECK(r.totals.cold_starts == 2);
    CHECK(r.totals.mean_latency_s == doctest::Approx(5).epsilon(1e-12));

    SUBCASE("one provisioned container") {
        // The first request runs on it at once (latency 1), the second on demand after a cold
        // start (5), the third finds 2 running: throttled. Bill: the provisioned container for
        // the 60 s at 2 GB x 0.0000048 = 0.000576, its 1 s of inference at 2 x 0.0000112 =
        // 0.0000224, the on-demand second at 2 x 0.00002 = 0.00004; 0.0006384 USD.
        sc.endpoint.initial_capacity = 1;
        sc.scaling.min_capacity = 1;
        const result p = simulate(sc);
        CHECK(p.totals.served == 2);
        CHECK(p.totals.throttled == 1);
        CHECK(p.totals.cold_starts == 1);
        CHECK(p.totals.mean_latency_s == doctest::Approx(3).epsilon(1e-12));
        CHECK(p.totals.instance_hours == doctest::Approx(60.0 / 3600).epsilon(1e-12));
        CHECK(p.totals.cost_usd == doctest::Approx(0.0006384).epsilon(1e-12));
    }
    SUBCASE("a client retry after the back-off") {
        // The client tries twice: its back-off is at most min(20, 1 x 2^1) = 2 s, so the second
        // attempt comes by 2.2 s, while both containers still run (until 5 s): throttled again,
        // and counted once, as one error.
        sc.endpoint.client_max_attempts = 2;
        const result c = simulate(sc);
        CHECK(c.totals.requests == 3);
        CHECK(c.totals.throttled == 1);
        CHECK(c.totals.errors == 1);
    }
}

TEST_CASE("serverless: target tracking on ServerlessProvisionedConcurrencyUtilization") {
    // One request a second, each 1 s: the one provisioned container is busy all the time, so
    // each minute's utilisation is exactly 1. With TargetValue 0.5, AlarmHigh (3 of 3) fires
    // when the third datapoint ([120, 180) s) is published at 240 s and asks for
    // ceil(1 x 1 / 0.5) = 2; the new container serves from 240 + 30 = 270 s. Utilisation is
    // then 0.5: neither alarm breaches (AlarmLow is < 0.45). Every request runs on provisioned
    // concurrency at once (latency 1, no cold start); the last, at 599 s, is still running at
    // the end. Bill: 600 + 360 container-seconds at
    // 2 GB x 0.0000048 = 0.009216 USD, and 600 s of inference at 2 x 0.0000112 = 0.01344 USD.
    std::vector<time_ms> at;
    for (int i = 0; i < 600; ++i) {
        at.push_back(static_cast<time_ms>(i) * 1000);
    }
    scenario sc = serverless_endpoint(600, at);
    sc.endpoint.initial_capacity = 1;
    sc.scaling.min_capacity = 1;
    sc.scaling.max_capacity = 2;
    target_tracking_config tt;
    tt.metric = parse_metric("SageMakerVariantProvisionedConcurrencyUtilization");
    tt.target_value = 0.5;
    sc.scaling.target_tracking.push_back(tt);
    const result r = simulate(sc);
    CHECK(metric_name(tt.metric) == "ServerlessProvisionedConcurrencyUtilization");
    REQUIRE(r.activities.size() == 1);
    CHECK(r.activities[0].start_ms == 240'000);
    CHECK(r.activities[0].end_ms == 270'000);
    CHECK(r.activities[0].to == 2);
    CHECK(r.totals.served == 599);
    CHECK(r.totals.in_flight_at_end == 1);
    CHECK(r.totals.cold_starts == 0);
    CHECK(r.totals.mean_latency_s == doctest::Approx(1).epsilon(1e-12));
    CHECK(r.totals.instance_hours == doctest::Approx(960.0 / 3600).epsilon(1e-12));
    CHECK(r.totals.cost_usd == doctest::Approx(0.009216 + 0.01344).epsilon(1e-12));
    REQUIRE(r.steps.size() == 600);
    CHECK(r.steps.metric[150] == doctest::Approx(1).epsilon(1e-12)); // the minute [120, 180)
    CHECK(r.steps.metric[400] == doctest::Approx(0.5).epsilon(1e-12));
}

TEST_CASE("serverless: a Savings Plan covers the compute charges, hour by hour, not the data") {
    // Hour 0: requests at 0 s (cold, 4 s) and 10 s (warm): 2 s of on-demand compute at 2 GB x
    // 0.00002 = 0.00008 USD. Hour 1: 3600 s (gone cold: 11 + 600 < 3600), 3610, 3620, 3630 s
    // (warm): 4 s, 0.00016 USD. Data: 6 x 256 KB = 1.5/1024 GB x 0.016 = 0.0000234375 USD.
    scenario sc =
        serverless_endpoint(7200, {0, 10'000, 3'600'000, 3'610'000, 3'620'000, 3'630'000});
    sc.endpoint.serverless.payload_kb = 256;
    const double data = 1.5 / 1024 * 0.016;
    // A 50 % discount: the total is convex in the commitment c with slope 2 - 2/0.5 below
    // c = 0.5 x 0.00008 = 0.00004 and 2 - 1/0.5 = 0 from there to 0.00008, so the smallest best
    // commitment is 0.00004 USD/h. It covers 0.00008 USD each hour: hour 0 costs 0.00004, hour 1
    // 0.00004 + (0.00016 - 0.00008) = 0.00012; 0.00016 USD with the plan, the data on top.
    sc.endpoint.savings_plan_discount = 0.5;
    const result r = simulate(sc);
    REQUIRE(r.totals.cold_starts == 2);
    REQUIRE(r.hourly_on_demand_usd.size() == 2);
    CHECK(r.hourly_on_demand_usd[0] == doctest::Approx(0.00008).epsilon(1e-12));
    CHECK(r.hourly_on_demand_usd[1] == doctest::Approx(0.00016).epsilon(1e-12));
    CHECK(r.totals.cost_usd == doctest::Approx(0.00024 + data).epsilon(1e-12));
    CHECK(r.totals.commitment_per_hour == doctest::Approx(0.00004).epsilon(1e-12));
    CHECK(r.totals.cost_with_plan_usd == doctest::Approx(0.00016 + data).epsilon(1e-12));

    SUBCASE("provisioned concurrency is covered too: its hours and the duration run on it") {
        // One provisioned container all along (it serves every request: they never overlap):
        // each hour 3600 s x 2 GB x 0.0000048 = 0.03456 USD, plus 2 s (hour 0) and 4 s (hour
        // 1) x 2 GB x 0.0000112.
        sc.endpoint.initial_capacity = 1;
        sc.scaling.min_capacity = 1;
        const result p = simulate(sc);
        CHECK(p.totals.cold_starts == 0);
        REQUIRE(p.hourly_on_demand_usd.size() == 2);
        CHECK(p.hourly_on_demand_usd[0] ==
              doctest::Approx(0.03456 + 2 * 2 * 0.0000112).epsilon(1e-12));
        CHECK(p.hourly_on_demand_usd[1] ==
              doctest::Approx(0.03456 + 4 * 2 * 0.0000112).epsilon(1e-12));
        CHECK(p.totals.cost_usd ==
              doctest::Approx(2 * 0.03456 + 6 * 2 * 0.0000112 + data).epsilon(1e-12));
    }
}

TEST_CASE("serverless: bad configurations name the field") {
    scenario sc = serverless_endpoint(60, {0});
    SUBCASE("memory in 1 GB steps") {
        sc.endpoint.serverless.memory_mb = 1500;
        CHECK(error_of(sc).find("endpoint.serverless.memory_mb") != std::string::npos);
        sc.endpoint.serverless.memory_mb = 8192;
        CHECK(error_of(sc).find("endpoint.serverless.memory_mb") != std::string::npos);
    }
    SUBCASE("MaxConcurrency 1 to 200") {
        sc.endpoint.serverless.max_concurrency = 201;
        CHECK(error_of(sc).find("endpoint.serverless.max_concurrency") != std::string::npos);
    }
    SUBCASE("provisioned concurrency at most MaxConcurrency") {
        sc.scaling.max_capacity = 3;
        CHECK(error_of(sc).find("scaling.max_capacity: 3 provisioned concurrency exceeds") !=
              std::string::npos);
    }
    SUBCASE("one request per container") {
        sc.endpoint.type.workers = 2;
        CHECK(error_of(sc).find("endpoint.instance_type.workers") != std::string::npos);
    }
    SUBCASE("request mode only") {
        sc.mode = plane_mode::fluid;
        sc.arrivals = arrival_process::poisson;
        CHECK(error_of(sc).find("needs \"mode\": \"request\"") != std::string::npos);
    }
    SUBCASE("target tracking and scheduled actions only") {
        step_scaling_config st;
        st.steps = {step_adjustment{0, 1e300, 1}};
        sc.scaling.step_scaling.push_back(st);
        CHECK(error_of(sc).find("target tracking and scheduled actions") != std::string::npos);
    }
}
