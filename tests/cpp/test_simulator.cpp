// Whole runs: determinism, stationary latency, cost, provisioning shares, bad input.
#include "scenario_builders.hpp"

#include <autoscalesim/describe.hpp>

#include <doctest/doctest.h>

#include <cmath>
#include <cstring>
#include <limits>

using namespace asim_test;

namespace {
template <typename T> bool same_bits(const std::vector<T>& a, const std::vector<T>& b) {
    return a.size() == b.size() && std::memcmp(a.data(), b.data(), a.size() * sizeof(T)) == 0;
}
asim::scenario noisy_scenario(std::uint64_t seed) {
    // A day-like profile that scales out and in, with lognormal start-up times.
    std::vector<double> v;
    for (int m = 0; m < 600; ++m) {
        v.push_back(3000.0 + 2500.0 * std::sin(m / 60.0));
    }
    auto sc = scaling_scenario(v, 2, 600, 1, 20);
    sc.endpoint.type = {.name = "ml.c5.xlarge",
                        .price_per_hour = 0.204,
                        .workers = 2,
                        .service_time_s = 0.05,
                        .service_cv = 1.5};
    sc.endpoint.startup = asim::startup_distribution::lognormal(360, 0.3);
    sc.seed = seed;
    return sc;
}
// What validate() says of a scenario: its message, or "no error".
std::string error_of(const asim::scenario& s) {
    try {
        s.validate();
    } catch (const asim::config_error& e) {
        return std::string(e.what());
    }
    return std::string("no error");
}
} // namespace

TEST_CASE("same seed, same bits; another seed, other start-up times") {
    const auto a = asim::simulate(noisy_scenario(7));
    const auto b = asim::simulate(noisy_scenario(7));
    CHECK(same_bits(a.steps.served, b.steps.served));
    CHECK(same_bits(a.steps.p99_latency_s, b.steps.p99_latency_s));
    CHECK(std::memcmp(&a.totals.cost_usd, &b.totals.cost_usd, sizeof(double)) == 0);
    REQUIRE(a.activities.size() == b.activities.size());
    for (std::size_t i = 0; i < a.activities.size(); ++i) {
        CHECK(a.activities[i].end_ms == b.activities[i].end_ms);
    }
    const auto c = asim::simulate(noisy_scenario(8));
    REQUIRE(!c.activities.empty());
    CHECK(c.activities[0].end_ms != a.activities[0].end_ms);
}

TEST_CASE("a fixed fleet at constant load reports the M/M/c latency") {
    // 1 instance, 4 workers, mean service 1 s (exponential), 192 requests/min = 3.2/s: M/M/4 at
    // rho 0.8. Mean latency = Wq + 1 = 1.7455 s; P(wait) = 0.5964; utilisation 0.8.
    auto sc = scaling_scenario(constant(600, 192), 1, 1e9, 1, 1);
    sc.endpoint.type = {
        .name = "t", .price_per_hour = 0.5, .workers = 4, .service_time_s = 1.0, .service_cv = 1.0};
    const auto r = asim::simulate(sc);
    CHECK(r.totals.mean_latency_s == doctest::Approx(1.7455).epsilon(2e-3));
    CHECK(r.steps.utilization[300] == doctest::Approx(0.8).epsilon(1e-6));
    // Cost: one instance for 10 h at $0.5/h = $5.
    CHECK(r.totals.cost_usd == doctest::Approx(5.0).epsilon(1e-12));
    CHECK(r.totals.instance_hours == doctest::Approx(10.0).epsilon(1e-12));
    // Response-time median of M/M/4 (mu = 1, theta = c mu - lambda = 0.8, C = 0.59643) solves
    // P(T > t) = (1 - C) e^{-t} + C (0.8 e^{-t} - e^{-0.8 t}) / (0.8 - 1) = 0.5: t = 1.34620 s
    // (bisection on the closed form of research section 2.1, done outside the library).
    CHECK(r.totals.p50_latency_s == doctest::Approx(1.34620).epsilon(1e-3));
    CHECK(r.totals.error_rate < 1e-12);
}

TEST_CASE("SLO attainment and provisioning shares") {
    // Same M/M/4 (rho 0.8): P(T > 5 s) = 0.40357 e^{-5} + 0.59643 (0.8 e^{-5} - e^{-4}) / (-0.2)
    // = 0.00272 + 0.04135 = 0.04126 (4.1264 %) -> attainment 0.95874 of a 5 s SLO.
    auto sc = scaling_scenario(constant(120, 192), 1, 1e9, 1, 1);
    sc.endpoint.type = {
        .name = "t", .price_per_hour = 0.5, .workers = 4, .service_time_s = 1.0, .service_cv = 1.0};
    sc.slo = {5.0, 0.9};
    auto r = asim::simulate(sc);
    CHECK(r.totals.slo_attainment == doctest::Approx(0.95874).epsilon(1e-3));
    // 95.9 % >= 90 %: one instance is enough, and more than zero are needed: neither share.
    CHECK(r.totals.under_provisioned_share == 0.0);
    CHECK(r.totals.over_provisioned_share == 0.0);
    // Asking for 99 % within 5 s needs a lower load per instance: the fleet is under-provisioned.
    sc.slo = {5.0, 0.99};
    r = asim::simulate(sc);
    CHECK(r.totals.under_provisioned_share == 1.0);
}

TEST_CASE("a scale-out still in progress at the trace's end ends when its instances would") {
    // 600 requests a minute on 1 instance at target 100: AlarmHigh at 240 s (3 of 3, the third
    // datapoint published 60 s after minute 2) scales out to ceil(1 x 600 / 100) = 6. The new
    // instances start in 600 s, so they would be in service at 840 s, after the 480 s trace.
    // The activity ends then, not at its start (which read as a 0-second scale-out); billing
    // stops at the trace's end: 480 s x 1 + 240 s x 5 = 1680 instance-seconds.
    const asim::result r =
        asim::simulate(scaling_scenario(std::vector<double>(8, 600), 1, 100, 1, 50, 600));
    REQUIRE(r.activities.size() == 1);
    CHECK(r.activities[0].start_ms == 240'000);
    CHECK(r.activities[0].end_ms == 840'000);
    CHECK(r.activities[0].to == 6);
    CHECK(r.totals.instance_hours * 3600 == doctest::Approx(1680).epsilon(1e-12));
}

TEST_CASE("a queue in collapse has no latency: the mean and the percentiles are NaN together") {
    // A million requests a second on one worker of 1 s with a 60 s timeout: the queue holds
    // requests about 60 s old, so all but a vanishing share time out (goodput collapse). Fewer
    // than 1e-12 of the requests are served: no latency figure at all, where the percentiles
    // read 0.5 s (below the service time) beside a NaN mean.
    asim::scenario sc = asim_test::scaling_scenario(asim_test::constant(30, 6e7), 1, 50, 1, 1);
    sc.endpoint.type.workers = 1;
    sc.endpoint.type.service_time_s = 1;
    sc.endpoint.type.service_cv = 0.5;
    const asim::result r = asim::simulate(sc);
    CHECK(r.totals.served < 1e-12 * r.totals.requests);
    CHECK(std::isnan(r.totals.mean_latency_s));
    CHECK(std::isnan(r.totals.p50_latency_s));
    CHECK(std::isnan(r.totals.p99_latency_s));
    // At 1.5 times the capacity requests are served, with latencies near the timeout.
    sc.traffic = asim::trace(std::vector<double>(30, 90), asim::ms_per_minute);
    const asim::result some = asim::simulate(sc);
    CHECK(some.totals.served > 1e-12 * some.totals.requests);
    CHECK(some.totals.p50_latency_s > 30);
    CHECK(some.totals.p99_latency_s <= 60);
}

TEST_CASE("the totals of requests are the sums of the timeline's rows, whole for whole counts") {
    // NASA July's first 27 days at TargetValue 30: start-ups at lognormal times split minutes into
    // spans whose pro-rated arrivals, summed span by span over the run, drifted off the
    // trace's whole total (the month read 1891672.0000000002).
    asim::scenario sc = asim_test::nasa_demo(0, 27);
    sc.scaling.target_tracking.front().target_value = 30;
    sc.record_timeline = true;
    const asim::result r = asim::simulate(sc);
    double total = 0, rows = 0;
    for (const double c : sc.traffic.counts()) {
        total += c;
    }
    for (const double a : r.steps.arrivals) {
        rows += a;
    }
    CHECK(r.activities.size() > 100);
    CHECK(r.totals.requests == total);
    CHECK(r.totals.requests == rows);
}

TEST_CASE("bad input names the field") {
    auto sc = scaling_scenario(constant(10, 100), 1, 1000);
    auto expect_error = [](asim::scenario s, const char* field) {
        CAPTURE(field);
        try {
            asim::simulate(s);
            FAIL("no error");
        } catch (const std::exception& e) {
            CHECK(std::string(e.what()).find(field) != std::string::npos);
        }
    };
    auto s = sc;
    s.scaling.min_capacity = 5;
    s.scaling.max_capacity = 3;
    expect_error(s, "scaling.min_capacity: 5 is greater than scaling.max_capacity 3");
    s = sc;
    s.scaling.target_tracking[0].target_value = 0;
    expect_error(s, "target_value: expected a number > 0, got 0");
    s = sc;
    s.scaling.target_tracking[0].target_value = std::numeric_limits<double>::quiet_NaN();
    expect_error(s, "target_value");
    s = sc;
    s.endpoint.type.workers = 0;
    expect_error(s, "endpoint.instance_type.workers: expected an integer in [1, 10000], got 0");
    s.endpoint.type.workers = 100'000; // each queue computation is linear in the workers
    expect_error(s,
                 "endpoint.instance_type.workers: expected an integer in [1, 10000], got 100000");
    s = sc;
    s.traffic = asim::trace();
    expect_error(s, "trace is empty");
    s = sc;
    s.scaling.target_tracking.push_back(s.scaling.target_tracking[0]);
    expect_error(s, "each needs a different metric");
    CHECK_THROWS_AS(asim::trace({1.0, -2.0}, 60'000), asim::trace_error);
    CHECK_THROWS_WITH(asim::trace({1.0, std::nan("")}, 60'000),
                      doctest::Contains("interval 1 must be a finite number >= 0"));
    CHECK_THROWS_WITH(asim::trace({1.0}, 500), doctest::Contains("between 1 s and 1 h"));
    CHECK_THROWS_AS(asim::simulate(s), asim::config_error);
}

TEST_CASE("a request payload beyond the kind's documented limit is refused by name") {
    // InvokeEndpoint takes a body of at most 6,291,456 bytes = 6,144 KB; serverless 4 MB; an
    // asynchronous request up to 1 GB = 1,048,576 KB.
    auto sc = scaling_scenario(constant(10, 100), 1, 1000);
    sc.endpoint.payload_kb = 6144;
    CHECK(error_of(sc) == "no error");
    sc.endpoint.payload_kb = 6144.5;
    CHECK(error_of(sc) == "endpoint.payload_kb: 6144.5 KB is more than 6 MB (InvokeEndpoint's "
                          "request body); asynchronous inference takes up to 1 GB");
    sc.endpoint.kind = asim::endpoint_kind::asynchronous;
    sc.mode = asim::plane_mode::request;
    CHECK(error_of(sc) == "no error");
    sc.endpoint.payload_kb = 1024 * 1024;
    CHECK(error_of(sc) == "no error");
    sc.endpoint.payload_kb = 1024 * 1024 + 1;
    CHECK(error_of(sc) == "endpoint.payload_kb: 1048577 KB is more than 1 GB (an "
                          "asynchronous request's payload, through Amazon S3)");
    sc.endpoint.kind = asim::endpoint_kind::serverless;
    sc.endpoint.payload_kb = 4097;
    CHECK(error_of(sc).find("endpoint.payload_kb: 4097 KB is more than 4 MB (a serverless "
                            "endpoint's payload limit)") == 0);
    sc.endpoint.payload_kb = -1;
    CHECK(error_of(sc).find("endpoint.payload_kb: expected") == 0);
    // The data a serverless request bills: request plus response, 4 MB each way at most.
    sc.endpoint.payload_kb = 0;
    sc.endpoint.serverless.payload_kb = 8192;
    CHECK(error_of(sc).find("payload_kb") == std::string::npos);
    sc.endpoint.serverless.payload_kb = 8193;
    CHECK(error_of(sc).find("endpoint.serverless.payload_kb: expected a number in [0, 8192], "
                            "got 8193") == 0);
}

TEST_CASE("a kind's own settings on an endpoint of another kind are refused, not ignored") {
    // Forgetting "kind" must not run a serverless (or asynchronous, ...) endpoint as a real-time
    // one in silence; the defaults, which every effective scenario writes, are accepted.
    const auto base = scaling_scenario(constant(10, 100), 1, 5);
    CHECK(error_of(base) == "no error");
    auto sc = base;
    sc.endpoint.serverless.memory_mb = 6144;
    CHECK(error_of(sc) == "endpoint.serverless: applies to endpoint.kind \"serverless\", and this "
                          "endpoint is \"real_time\": set endpoint.kind, or leave serverless out");
    sc = base;
    sc.endpoint.inference_component.copies_per_instance = 4;
    CHECK(error_of(sc).find("endpoint.inference_component: applies to endpoint.kind "
                            "\"inference_component\"") == 0);
    sc = base;
    sc.endpoint.inference_component.copy_startup.fixed_s = 10; // a nested field counts too
    CHECK(error_of(sc).find("endpoint.inference_component:") == 0);
    sc = base;
    sc.endpoint.multi_model.models = 7;
    CHECK(error_of(sc).find("endpoint.multi_model: applies to endpoint.kind \"multi_model\"") == 0);
    sc = base;
    sc.endpoint.request_ttl_s = 120;
    CHECK(error_of(sc).find("endpoint.request_ttl_s: applies to endpoint.kind \"async\"") == 0);
    sc.endpoint.kind = asim::endpoint_kind::asynchronous;
    CHECK(error_of(sc) == "no error");
    sc.endpoint.processing_timeout_s = 30;
    CHECK(error_of(sc) == "no error");
    sc.endpoint.kind = asim::endpoint_kind::real_time;
    sc.endpoint.request_ttl_s = asim::endpoint_config{}.request_ttl_s;
    CHECK(error_of(sc).find("endpoint.processing_timeout_s: applies to endpoint.kind \"async\"") ==
          0);
    // A retry back-off without retries would be read and never used.
    sc = base;
    sc.endpoint.client_max_backoff_s = 5;
    CHECK(error_of(sc).find("endpoint.client_max_backoff_s: applies to a client that retries: "
                            "give endpoint.client_max_attempts > 1") == 0);
    sc.endpoint.client_max_attempts = 3;
    sc.mode = asim::plane_mode::request;
    CHECK(error_of(sc) == "no error");
}

TEST_CASE("a policy on a metric another kind of endpoint publishes is refused") {
    // SageMaker publishes HasBacklogWithoutCapacity for asynchronous endpoints only (and so on):
    // tracked on a real-time endpoint it never moved, so the policy did nothing without a word.
    using asim::endpoint_kind;
    using asim::metric_kind;
    const auto base = scaling_scenario(constant(10, 100), 1, 5);
    const std::vector<std::pair<metric_kind, endpoint_kind>> owned = {
        {metric_kind::approximate_backlog_size_per_instance, endpoint_kind::asynchronous},
        {metric_kind::has_backlog_without_capacity, endpoint_kind::asynchronous},
        {metric_kind::no_capacity_invocation_failures, endpoint_kind::inference_component},
        {metric_kind::provisioned_concurrency_utilization, endpoint_kind::serverless},
        {metric_kind::model_cache_hit, endpoint_kind::multi_model},
        {metric_kind::model_loading_wait_time, endpoint_kind::multi_model},
        {metric_kind::loaded_model_count, endpoint_kind::multi_model}};
    for (const auto& [metric, kind] : owned) {
        CAPTURE(asim::metric_name(metric));
        auto sc = base;
        sc.scaling.target_tracking[0].metric = metric;
        sc.scaling.target_tracking[0].name = "t";
        CHECK(error_of(sc) ==
              "scaling.target_tracking[t].metric: " + std::string(asim::metric_name(metric)) +
                  " is published for an endpoint of kind \"" +
                  std::string(asim::canonical_name(kind)) + "\" only; this one is \"real_time\"");
    }
    // A step policy's alarm too; the metrics every kind publishes are accepted.
    auto sc = base;
    asim::step_scaling_config st;
    st.name = "wake";
    st.metric = metric_kind::no_capacity_invocation_failures;
    st.steps = {{0, std::numeric_limits<double>::infinity(), 1}};
    sc.scaling.step_scaling = {st};
    CHECK(error_of(sc).find("scaling.step_scaling[wake].metric: NoCapacityInvocationFailures is "
                            "published for an endpoint of kind \"inference_component\" only") == 0);
    sc.scaling.step_scaling.clear();
    for (const auto m : {metric_kind::invocations_per_instance, metric_kind::cpu_utilization,
                         metric_kind::concurrent_requests_per_model, metric_kind::model_latency}) {
        sc.scaling.target_tracking[0].metric = m;
        CHECK(error_of(sc) == "no error");
    }
}

TEST_CASE("summary fields are reachable by name") {
    const auto r = asim::simulate(scaling_scenario(constant(30, 2840), 2, 1000));
    CHECK(asim::summary_value(r.totals, "cost_usd") == r.totals.cost_usd);
    CHECK(asim::summary_value(r.totals, "scaling_activities") == 1.0);
    for (const auto& f : asim::summary_fields()) {
        CHECK_NOTHROW(asim::summary_value(r.totals, f));
    }
    // Every stored field survives a round trip by name (how summaries cross process boundaries).
    asim::summary copy;
    for (const auto& f : asim::summary_fields()) {
        asim::set_summary_value(copy, f, asim::summary_value(r.totals, f));
    }
    for (const auto& f : asim::summary_fields()) {
        CAPTURE(f);
        CHECK(asim::summary_value(copy, f) == asim::summary_value(r.totals, f));
    }
    CHECK_THROWS_AS(asim::set_summary_value(copy, "p98", 1.0), asim::config_error);
    CHECK_THROWS_WITH(asim::summary_value(r.totals, "p98"),
                      doctest::Contains("unknown summary field"));
}

TEST_CASE("a cancelled run stops with cancelled_error") {
    // The flag is set before the run (no timer to race): the run stops at its first span.
    auto sc = asim_test::scaling_scenario(asim_test::constant(600, 100), 1, 100);
    std::atomic<bool> cancel{true};
    CHECK_THROWS_AS(asim::simulate(sc, cancel), asim::cancelled_error);
    cancel = false;
    const auto r = asim::simulate(sc, cancel);
    CHECK(r.totals.requests == doctest::Approx(60'000));
    CHECK(r.totals.cost_usd == asim::simulate(sc).totals.cost_usd);
}

TEST_CASE("caveats: an SLO no fleet meets is named, with the share an idle instance serves") {
    // Exponential service of mean 0.5 s: P(S <= 1 s) = 1 - e^-2 = 86.47 %, short of 99 %, so
    // no fleet meets "99 % within 1 s" and every interval with traffic is under-provisioned.
    asim::scenario sc = asim_test::scaling_scenario(asim_test::constant(30, 120), 3, 50, 3, 3);
    sc.endpoint.type.workers = 1;
    sc.endpoint.type.service_time_s = 0.5;
    sc.endpoint.type.service_cv = 1;
    sc.slo = {1.0, 0.99};
    REQUIRE(sc.caveats().size() == 1);
    CHECK(sc.caveats()[0].what == asim::caveat::kind::slo);
    CHECK(sc.caveats()[0].text.rfind("slo: no fleet meets the SLO (99 % of requests within 1 s): "
                                     "an idle instance serves 86.47 % within it",
                                     0) == 0);
    CHECK(asim::simulate(sc).totals.under_provisioned_share == 1);
    // Within reach: 86 % within 1 s, or 99 % within 5 s (1 - e^-10).
    sc.slo = {1.0, 0.86};
    CHECK(sc.caveats().empty());
    sc.slo = {5.0, 0.99};
    CHECK(sc.caveats().empty());
    CHECK(asim::simulate(sc).totals.under_provisioned_share == 0);
}

TEST_CASE("caveats: a trace coarser than an alarm's metric period is named, a finer one is not") {
    asim::scenario sc = asim_test::scaling_scenario(asim_test::constant(10, 100), 2, 50);
    CHECK(sc.caveats().empty()); // 60 s trace, 60 s metric period
    sc.traffic = asim::trace(std::vector<double>(10, 500.0), 5 * asim::ms_per_minute);
    REQUIRE(sc.caveats().size() == 1);
    CHECK(sc.caveats()[0].what == asim::caveat::kind::coarse_trace);
    CHECK(sc.caveats()[0].text.rfind("the trace's 300 s interval is coarser than the 60 s metric "
                                     "period of target tracking on InvocationsPerInstance",
                                     0) == 0);
    // the finest period wins: a 10-second high-resolution policy beside the 60 s one
    sc.scaling.target_tracking.push_back(asim::target_tracking_config::high_resolution(5));
    CHECK(sc.caveats()[0].text.find("than the 10 s metric period of target tracking on "
                                    "ConcurrentRequestsPerModel") != std::string::npos);
    sc.scaling.target_tracking.clear();
    sc.scaling.step_scaling.push_back({});
    sc.scaling.step_scaling[0].name = "burst";
    CHECK(sc.caveats()[0].text.find("step scaling \"burst\"") != std::string::npos);
}

TEST_CASE("caveats: fractional counts in the fluid mode are named for an endpoint that scales "
          "to zero") {
    // 0.2 requests a minute (a trace scaled by 0.005): no minute is empty, so an asynchronous
    // endpoint's backlog never reaches 0; an inference component's failures stay below 1 a
    // minute, so its wake-up alarm on NoCapacityInvocationFailures >= 1 never breaches.
    std::vector<double> counts(120, 0.0);
    counts[7] = 0.2;
    counts[9] = 0.6;
    counts[11] = 3; // 2 of the 3 intervals with traffic below a request
    asim::scenario sc = asim_test::scaling_scenario(counts, 2, 50, 0);
    auto fractional = [&sc] {
        std::vector<std::string> out;
        for (const auto& c : sc.caveats()) {
            if (c.what == asim::caveat::kind::fractional_counts) out.push_back(c.text);
        }
        return out;
    };
    CHECK(fractional().empty()); // real-time: target tracking cannot leave zero anyway
    for (const auto kind :
         {asim::endpoint_kind::asynchronous, asim::endpoint_kind::inference_component}) {
        sc.endpoint.kind = kind;
        REQUIRE(fractional().size() == 1);
        CHECK(fractional()[0].rfind("2 of the trace's 3 intervals with traffic have less than a "
                                    "request (interval 7: 0.2)",
                                    0) == 0);
    }
    sc.mode = asim::plane_mode::request; // draws whole requests
    CHECK(fractional().empty());
    sc.mode = asim::plane_mode::fluid;
    sc.scaling.min_capacity = 1; // never at zero
    CHECK(fractional().empty());
    sc.scaling.min_capacity = 0;
    counts[7] = 1; // half the intervals with traffic (1 of 2) below a request: not most
    sc.traffic = asim::trace(counts, 60'000);
    CHECK(fractional().empty());
    counts[9] = 8.4; // a request or more: a zero-capacity interval fails at least one
    sc.traffic = asim::trace(counts, 60'000);
    CHECK(fractional().empty());
}

TEST_CASE("caveats: a mean service time above the timeout is named (a unit slip)") {
    // 1000 s typed for 1000 ms: every request takes longer than the 60 s a caller waits.
    asim::scenario sc = asim_test::scaling_scenario(asim_test::constant(10, 100), 2, 50);
    auto named = [&sc] {
        std::vector<std::string> out;
        for (const auto& c : sc.caveats()) {
            if (c.what == asim::caveat::kind::service_time) out.push_back(c.text);
        }
        return out;
    };
    CHECK(named().empty());
    sc.endpoint.type.service_time_s = 1000;
    REQUIRE(named().size() == 1);
    CHECK(named()[0] == "endpoint.instance_type: the mean service time (1000 s) is above the "
                        "invocation timeout (invocation_timeout_s) (60 s): requests fail "
                        "whatever the fleet (service_time_s is in seconds)");
    sc.endpoint.invocation_timeout_s = 1000; // equal: a constant service time completes in time
    CHECK(named().empty());
    sc.endpoint.invocation_timeout_s = 3600; // a batch job may wait that long
    CHECK(named().empty());
    // An asynchronous endpoint's request may take its processing timeout (900 s by default).
    sc.endpoint.kind = asim::endpoint_kind::asynchronous;
    REQUIRE(named().size() == 1);
    CHECK(named()[0].find("processing timeout (processing_timeout_s) (900 s)") !=
          std::string::npos);
}

TEST_CASE("caveats: MinCapacity 0 where AWS takes at least 1 is named, with where it is set") {
    // RegisterScalableTarget: "For certain resources, the minimum value allowed is 0 ... For all
    // other resources, the minimum value allowed is 1"; a SageMaker variant's instances and its
    // provisioned concurrency are among the others. Inference components and asynchronous
    // endpoints scale to zero (their own AWS pages).
    asim::scenario sc = asim_test::scaling_scenario(asim_test::constant(10, 100), 2, 50, 0);
    auto capacity = [&sc] {
        std::vector<std::string> out;
        for (const auto& c : sc.caveats()) {
            if (c.what == asim::caveat::kind::capacity) out.push_back(c.text);
        }
        return out;
    };
    REQUIRE(capacity().size() == 1);
    CHECK(capacity()[0].rfind("scaling.min_capacity is 0, but AWS keeps a SageMaker endpoint "
                              "variant at 1 instance or more",
                              0) == 0);
    sc.endpoint.kind = asim::endpoint_kind::asynchronous;
    CHECK(capacity().empty());
    sc.endpoint.kind = asim::endpoint_kind::inference_component;
    CHECK(capacity().empty());
    sc.endpoint.kind = asim::endpoint_kind::serverless;
    REQUIRE(capacity().size() == 1);
    CHECK(capacity()[0].find("provisioned concurrency between 1 and its maximum") !=
          std::string::npos);
    // Without a policy or an action nothing scales, so MinCapacity is never reached.
    sc.endpoint.kind = asim::endpoint_kind::real_time;
    sc.scaling.target_tracking.clear();
    CHECK(capacity().empty());
    // A scheduled action that sets it is named.
    sc.scaling.min_capacity = 1;
    asim::scheduled_action_config night;
    night.name = "night";
    night.at_ms = {60'000};
    night.min_capacity = 0;
    sc.scaling.scheduled = {night};
    REQUIRE(capacity().size() == 1);
    CHECK(capacity()[0].rfind("scaling.scheduled[night].min_capacity is 0", 0) == 0);
    // A Kubernetes HPA is not an AWS scalable target.
    sc.scaling.scheduled.clear();
    sc.scaling.min_capacity = 0;
    sc.scaling.hpa.push_back({});
    CHECK(capacity().empty());
}

TEST_CASE("an empty trace is a trace error that names the trace as data") {
    asim::scenario sc; // no interval
    try {
        (void)asim::simulate(sc);
        FAIL("an empty trace was simulated");
    } catch (const asim::trace_error& e) {
        CHECK(std::string(e.what()) == "trace: the trace is empty (no interval to simulate)");
        CHECK(e.where().field == "trace");
    }
}
