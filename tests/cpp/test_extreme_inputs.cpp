// Values at and past the ends of what a field holds: refused by name, or saturated where a
// policy's arithmetic leaves int's range, never wrapped, looped on or read out of bounds.
#include "scenario_builders.hpp"

#include <autoscalesim/calibrate.hpp>
#include <autoscalesim/policy/hpa.hpp>
#include <autoscalesim/policy/step_scaling.hpp>
#include <autoscalesim/serving/latency_mixture.hpp>

#include <doctest/doctest.h>

#include <cmath>
#include <limits>
#include <string>

using namespace asim_test;

namespace {
constexpr int int_max = std::numeric_limits<int>::max();
} // namespace

TEST_CASE("a value past a field's range is refused by name instead of wrapping or crashing") {
    const auto base = scaling_scenario(constant(60, 600), 1, 300, 1, 10);
    auto error_of = [](asim::scenario s) {
        try {
            asim::simulate(s);
        } catch (const asim::config_error& e) {
            return std::string(e.what());
        }
        return std::string("no error");
    };
    // A service time or timeout of 1e300 s overflowed the latency bins (a segfault).
    auto s = base;
    s.endpoint.type.service_time_s = 1e300;
    CHECK(error_of(s) ==
          "endpoint.instance_type.service_time_s: expected a number in (0, 86400], got 1e+300");
    s = base;
    s.endpoint.invocation_timeout_s = 1e305;
    CHECK(error_of(s) ==
          "endpoint.invocation_timeout_s: expected a number in (0, 86400], got 1e+305");
    // Durations past about 9.2e15 s wrapped in milliseconds and acted as 0.
    s = base;
    s.endpoint.startup = asim::startup_distribution::fixed(1e17);
    CHECK(error_of(s) == "endpoint.startup.fixed_s: expected a number in [0, 315360000] (ten "
                         "years), got 1e+17");
    s = base;
    s.endpoint.startup = asim::startup_distribution::uniform(1e308, 1e308);
    CHECK(error_of(s) == "endpoint.startup.low_s: expected a number in [0, 315360000] (ten "
                         "years), got 1e+308");
    s = base;
    s.scaling.target_tracking[0].scale_in_cooldown_s = 1e17;
    CHECK(error_of(s).find("scale_in_cooldown_s: expected a number in [0, 315360000] (ten "
                           "years), got 1e+17") != std::string::npos);
    // Two billion instances were accepted and then launched, one record each.
    s = base;
    s.scaling.min_capacity = s.scaling.max_capacity = int_max;
    CHECK(error_of(s) ==
          "scaling.min_capacity: expected an integer in [0, 1000000], got 2147483647");
    // An infinite cost was reported and ranked.
    s = base;
    s.endpoint.type.price_per_hour = 1e308;
    CHECK(error_of(s) ==
          "endpoint.instance_type.price_per_hour: expected a number in [0, 1000000], got 1e+308");
    // A start-up other than the endpoint's names its own field.
    s = base;
    s.endpoint.kind = asim::endpoint_kind::serverless;
    s.endpoint.serverless.cold_start = asim::startup_distribution::fixed(-1);
    CHECK(error_of(s) == "endpoint.serverless.cold_start.fixed_s: expected a number in [0, "
                         "315360000] (ten years), got -1");
}

TEST_CASE("a uniform start-up with low_s equal to high_s takes that time (it used to loop)") {
    // Boost's uniform_real_distribution draws until the value is below high: with low == high
    // it never is.
    const auto d = asim::startup_distribution::uniform(300, 300);
    auto engine = asim::make_engine(1, asim::rng_stream::startup);
    CHECK(d.sample_ms(engine) == 300'000);
    auto counts = constant(30, 600);
    then(counts, 60, 6000);
    auto sc = scaling_scenario(counts, 1, 300, 1, 10);
    sc.endpoint.startup = d;
    const auto r = asim::simulate(sc);
    REQUIRE(!r.activities.empty());
    CHECK(r.activities[0].end_ms - r.activities[0].start_ms == 300'000);
}

TEST_CASE("a desired capacity past int's range saturates, then MaxCapacity holds it") {
    // ceil(2 x 100 / 1e-12) = 2e14 instances: a cast wrapped it to a negative count, and a
    // TargetValue of 1e-12 never scaled out.
    CHECK(asim::target_tracking_policy::desired_capacity(2, 100, 1e-12) == int_max);
    CHECK(asim::target_tracking_policy::desired_capacity(2, 100, 1e300) == 1);
    auto sc = scaling_scenario(constant(60, 600), 1, 1e-12, 1, 7);
    auto r = asim::simulate(sc);
    CHECK(r.totals.scale_out_count >= 1);
    CHECK(r.totals.peak_in_service == 7);
    // A step adjustment of 2^31 - 1 added to the capacity overflowed and scaled in.
    asim::step_scaling_config step;
    step.name = "step";
    step.threshold = 10;
    step.steps = {asim::step_adjustment{0, std::numeric_limits<double>::infinity(), int_max}};
    const asim::step_scaling_policy policy(step);
    CHECK(policy.adjusted_capacity(3, 100) == int_max);
    CHECK(asim::step_scaling_policy::percent_adjustment(3, 50, int_max) == int_max);
    CHECK(asim::step_scaling_policy::percent_adjustment(1'000'000, int_max, 0) == int_max);
    CHECK(asim::step_scaling_policy::percent_adjustment(1'000'000, -int_max, 0) == -int_max);
    sc = scaling_scenario(constant(60, 600), 2, 300, 1, 9);
    sc.scaling.target_tracking.clear();
    sc.scaling.step_scaling.push_back(step);
    r = asim::simulate(sc);
    REQUIRE(!r.activities.empty());
    CHECK(r.activities[0].to == 9);
    CHECK(r.totals.scale_in_count == 0);
    // The Kubernetes HPA's ceil(ratio x pods) likewise.
    asim::hpa_pods pods;
    pods.ready = 2;
    CHECK(asim::hpa_replicas_for_metric(2, pods, 100, 1e-300, 0.1, 0.1) == int_max);
}

TEST_CASE("a run that completes nothing in time reports its latencies unknown, not rounding's") {
    // Service of 1,000 s against a 60 s timeout: every request that starts finishes late (an
    // error). What the fluid mode leaves as served is rounding (about 1e-15 requests), whose
    // mean latency read 1,920 s and whose p50 read 1e-89 s.
    auto sc = scaling_scenario(constant(60, 60), 2, 300, 2, 2);
    sc.endpoint.type.service_time_s = 1000;
    sc.endpoint.type.service_cv = 0.5;
    sc.endpoint.type.workers = 1;
    const auto r = asim::simulate(sc);
    CHECK(r.totals.served < 1e-9);
    CHECK(std::isnan(r.totals.mean_latency_s));
    CHECK(std::isnan(r.totals.p50_latency_s));
    CHECK(std::isnan(r.totals.p99_latency_s));
    CHECK(r.totals.errors + r.totals.in_flight_at_end ==
          doctest::Approx(r.totals.requests).epsilon(1e-9));
    // One request in a million completing in time still has a latency.
    sc.endpoint.type.service_time_s = 4;
    sc.endpoint.type.service_cv = 1;
    const auto some = asim::simulate(sc);
    CHECK(some.totals.served > 1e-6 * some.totals.requests);
    CHECK(std::isfinite(some.totals.mean_latency_s));
    CHECK(std::isfinite(some.totals.p99_latency_s));
}

TEST_CASE("a wait rate past the latency bins' range takes the last bin, not memory beyond it") {
    // theta x D of 1e300 or infinity: waits of no length; the median is the service's own.
    const auto shape = asim::queueing::fit_service(1.0, 1.0); // exponential, median ln 2
    asim::latency_mixture m(shape, 60);
    m.add(0, 1, 1e300);
    m.add(0, 1, std::numeric_limits<double>::infinity());
    CHECK(m.quantile(0.5, 1e-9, 0) == doctest::Approx(std::log(2.0)).epsilon(1e-6));
    // An overload of a billion requests a second: those waits are at D (their requests complete
    // after it), and they leave the others' percentiles as they are, instead of turning them NaN.
    asim::latency_mixture both(shape, 60);
    both.add(0, 1, 1e300);
    const double alone = both.quantile(0.5, 1e-9, 0);
    both.add(0, 1, -1e9);
    both.add(0, 1, -std::numeric_limits<double>::infinity());
    CHECK(both.quantile(0.5, 1e-9, 0) == doctest::Approx(alone).epsilon(1e-6));
}

TEST_CASE("multi-model weights whose sum overflows are refused, not normalised to nothing") {
    // [1e308, 1e308, 1e308] summed to infinity: every share read 0 (two models loaded of six).
    auto sc = scaling_scenario(constant(60, 600), 1, 300, 1, 4);
    sc.endpoint.kind = asim::endpoint_kind::multi_model;
    sc.mode = asim::plane_mode::request;
    sc.endpoint.multi_model.models = 3;
    sc.endpoint.multi_model.model_weights = {1e308, 1e308, 1e308};
    CHECK(validation_error(sc) == "endpoint.multi_model.model_weights: the weights add up past the "
                                  "largest number; they are shares in proportion (e.g. 1, 1, 1)");
    sc.endpoint.multi_model.model_weights = {1e300, 1e300, 1e300};
    CHECK(validation_error(sc).empty());
}

TEST_CASE("calibrate: latencies that fit a service time below a microsecond are refused") {
    // An export whose ModelLatency averages 1e-300 (microseconds) fitted a service time of 0,
    // and the error named an internal field ("service_time_s: expected a number > 0, got 0").
    std::vector<double> counts(200, 600);
    const asim::trace t(counts, asim::ms_per_minute);
    const std::vector<double> capacity(200, 2);
    const std::vector<double> latency(200, 1e-300);
    CHECK_THROWS_WITH_AS(asim::calibration::fit_service(t, capacity, latency, {}, 60, 4, 1, 10),
                         doctest::Contains("below a microsecond"), asim::config_error);
}

TEST_CASE("service samples with a family other than empirical are refused, not ignored") {
    auto sc = scaling_scenario(constant(60, 600), 1, 300, 1, 4);
    sc.endpoint.type.service = asim::service_family::lognormal;
    sc.endpoint.type.service_samples_s = {0.1, 0.3};
    CHECK(validation_error(sc) ==
          "endpoint.instance_type.service_samples_s: the samples are for service \"empirical\", "
          "not \"lognormal\": give \"service\": \"empirical\", or no samples");
    sc.endpoint.type.service = asim::service_family::empirical;
    CHECK(validation_error(sc).empty());
}
