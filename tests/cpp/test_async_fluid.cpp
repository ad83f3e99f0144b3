// The fluid mode of asynchronous endpoints: a first-in-first-out backlog of held cohorts drained
// at the instances' capacity, expiry at the time to live, and the latency mixture of the waits.
// The figures are worked out by hand from the rules in docs/fluid-model.md ("Asynchronous
// endpoints").
#include <autoscalesim/autoscalesim.hpp>
#include <autoscalesim/serving/async_fluid_plane.hpp>
#include <autoscalesim/serving/latency_mixture.hpp>
#include <doctest/doctest.h>

#include "scenario_builders.hpp"

#include <cmath>
#include <limits>
#include <vector>

using namespace autoscalesim;

namespace {

// An asynchronous endpoint of one-worker instances serving each request in exactly `service_s`.
endpoint_config async_endpoint(double service_s) {
    endpoint_config e;
    e.kind = endpoint_kind::asynchronous;
    e.type.workers = 1;
    e.type.service_time_s = service_s;
    e.type.service_cv = 0;
    e.type.service = service_family::deterministic;
    return e;
}

} // namespace

TEST_CASE("async fluid: a held minute drains first in first out behind a backlog") {
    // 1-s service: capacity 1 request/s per instance. 60 requests arrive evenly over [0, 60) with
    // no instance, nothing over [60, 120); then one instance and 0.5 requests/s.
    async_fluid_plane p(async_endpoint(1.0));
    span_outcome o = p.advance(60, 60, 0);
    CHECK(o.served == 0);
    CHECK(o.errors == 0);
    CHECK(p.in_system() == 60);
    CHECK(o.in_system == doctest::Approx(30));         // 0 rising to 60
    CHECK(o.held_share == doctest::Approx(60.0 / 61)); // from the first arrival on
    o = p.advance(60, 0, 0);
    CHECK(o.in_system == doctest::Approx(60));
    CHECK(o.held_share == 1);

    // [120, 180): the backlog of 60 falls at 1 - 0.5 a second and would clear at 240 s, so the
    // instance is busy all span and starts 60: the held ones, the one that arrived at u starting
    // at 120 + u (a wait of 120 s each). The span's 30 arrivals wait behind.
    o = p.advance(60, 30, 1);
    CHECK(o.served == doctest::Approx(60));
    CHECK(o.errors == 0);
    REQUIRE(p.delayed().size() == 1);
    CHECK(p.delayed()[0].count == doctest::Approx(60));
    CHECK(p.delayed()[0].wait_lo_s == doctest::Approx(120));
    CHECK(p.delayed()[0].wait_hi_s == doctest::Approx(120));
    CHECK(o.latency_sum_s == doctest::Approx(60 * 121.0));
    CHECK(p.in_system() == doctest::Approx(30));
    CHECK(o.in_system == doctest::Approx(60 - 15 + 1)); // waiting 60 -> 30, plus one in service
    CHECK(o.busy == doctest::Approx(1));

    // [180, 240): the 30 of [120, 180) start over [180, 210) (waits 60 down to 30), the 30 of
    // [180, 240) over [210, 240) (waits 30 down to 0); the backlog clears exactly at 240 s.
    o = p.advance(60, 30, 1);
    CHECK(o.served == doctest::Approx(60));
    REQUIRE(p.delayed().size() == 2);
    CHECK(p.delayed()[0].count == doctest::Approx(30));
    CHECK(p.delayed()[0].wait_lo_s == doctest::Approx(30));
    CHECK(p.delayed()[0].wait_hi_s == doctest::Approx(60));
    CHECK(p.delayed()[1].count == doctest::Approx(30));
    CHECK(p.delayed()[1].wait_lo_s == doctest::Approx(0).epsilon(1e-9));
    CHECK(p.delayed()[1].wait_hi_s == doctest::Approx(30));
    CHECK(o.latency_sum_s == doctest::Approx(30 * 46.0 + 30 * 16.0));
    CHECK(p.in_system() == doctest::Approx(0).epsilon(1e-9));

    // Then 0.5 requests/s with nothing held: the stationary M/D/1 queue at load 0.5, whose
    // Pollaczek-Khinchine mean wait is rho / (2 mu (1 - rho)) = 0.5 s (the deadline, 6 hours,
    // takes nothing), and its mean number in the system lambda (W + 1/mu) = 0.75.
    o = p.advance(60, 30, 1);
    CHECK(p.delayed().empty());
    CHECK(o.served == doctest::Approx(30));
    CHECK(o.latency_sum_s / o.served == doctest::Approx(1.5).epsilon(1e-9));
    CHECK(o.busy == doctest::Approx(0.5));
    CHECK(o.in_system == doctest::Approx(0.75).epsilon(1e-9));
    // A quiet span holds nothing.
    o = p.advance(60, 0, 1);
    CHECK(o.in_system == 0);
    CHECK(o.held_share == 0);
}

TEST_CASE("async fluid: requests held past their time to live expire, oldest first") {
    endpoint_config e = async_endpoint(1.0);
    e.request_ttl_s = 60;
    async_fluid_plane p(e);
    p.advance(60, 60, 0);                   // arrivals over [0, 60)
    CHECK(p.advance(30, 0, 0).errors == 0); // at 60 s none is older than 60 s
    // At 90 s those that arrived before 30 s have expired: half of them.
    const span_outcome o = p.advance(30, 0, 0);
    CHECK(o.errors == doctest::Approx(30));
    CHECK(p.in_system() == doctest::Approx(30));
    // At 120 s the rest.
    CHECK(p.advance(30, 0, 0).errors == doctest::Approx(30));
    CHECK(p.in_system() == 0);
}

TEST_CASE("async fluid: a processing timeout fails the share of longer services") {
    // Exponential service of mean 100 s (cv 1) and a 60-s processing timeout: e^-0.6 of the
    // started requests fail. Of 30 held requests, one instance (capacity 0.01 a second) starts
    // 0.6 in 60 s.
    endpoint_config e = async_endpoint(100.0);
    e.type.service_cv = 1;
    e.type.service = service_family::exponential;
    e.processing_timeout_s = 60;
    async_fluid_plane p(e);
    p.advance(60, 30, 0);
    const span_outcome o = p.advance(60, 0, 1);
    const double started = 0.6;
    CHECK(o.served == doctest::Approx(started * (1 - std::exp(-0.6))));
    CHECK(o.errors == doctest::Approx(started * std::exp(-0.6)));
    CHECK(p.in_system() == doctest::Approx(30 - started));
}

TEST_CASE("latency mixture: delayed requests add their wait to a service time") {
    queueing::service_shape constant = queueing::fit_service(1.0, 0);
    latency_mixture m(constant, 21600);
    m.add_delayed(60, 120, 120);
    CHECK(m.total() == 60);
    CHECK(m.quantile(0.5) == doctest::Approx(121).epsilon(1e-3));
    // Waits spread evenly over [0, 60]: the median wait is 30 s, the 90th percentile 54 s (to the
    // 64 points' spacing of 60/64 s).
    m.clear();
    m.add_delayed(30, 0, 60);
    CHECK(m.quantile(0.5) == doctest::Approx(31).epsilon(1.0 / 31));
    CHECK(m.quantile(0.9) == doctest::Approx(55).epsilon(1.0 / 55));
    // With 30 more served at once: a third of the requests have latency 1 s.
    m.add(30, 0, 0);
    CHECK(m.survival(1.0) == doctest::Approx(0.5));
    CHECK(m.survival(31.0) == doctest::Approx(0.25).epsilon(1.0 / 60));
}

TEST_CASE("latency mixture: many delayed points sum to their service times' survivals") {
    // Point waits (zero-width ranges: one point each, at exactly its wait) from 0.4 s to 9000 s,
    // added out of order. The mixture sums them through running sums per service phase; here
    // each term is summed directly: P(latency > t) = sum of m_k P(S > t - w_k) / sum of m_k,
    // with P(S > negative) = 1. Constant, shifted-exponential (cv 0.5) and two-phase (cv 2)
    // service; t just beside every point's wait plus the service's shift (the boundary between
    // waiting and served), on it where the survival is continuous there, and between points.
    // Nothing completes after the 6-hour timeout (P(S > 12600 s) underflows), so survival() is the
    // share above t of all requests.
    const std::vector<std::pair<double, double>> points = {
        {7.0, 2.0}, {0.4, 5.0}, {30.0, 1.0}, {2.5, 3.0}, {9000.0, 0.5}, {400.0, 4.0}, {1.0, 2.5}};
    for (const double cv : {0.0, 0.5, 2.0}) {
        const auto s = queueing::fit_service(1.0, cv);
        latency_mixture m(s, 21600);
        double total = 0;
        for (const auto& [w, mass] : points) {
            m.add_delayed(mass, w, w);
            total += mass;
        }
        REQUIRE(m.total() == doctest::Approx(total));
        std::vector<double> ts = {0.1, 0.9, 3.3, 50, 1000, 9000.5, 9020, 15000};
        for (const auto& [w, mass] : points) {
            for (const double d : {-1e-9, 1e-9, 0.2}) {
                ts.push_back(w + s.shift_s + d);
            }
            if (cv > 0) { // (a constant service time's survival steps down there)
                ts.push_back(w + s.shift_s);
            }
        }
        for (const double t : ts) {
            double direct = 0;
            for (const auto& [w, mass] : points) {
                direct += mass * queueing::service_survival(s, t - w);
            }
            direct /= total;
            CAPTURE(cv);
            CAPTURE(t);
            CHECK(m.survival(t) == doctest::Approx(direct).epsilon(1e-12));
        }
    }
}

TEST_CASE("async fluid: one request after a quiet hour wakes the endpoint from zero") {
    // As in test_async_endpoint.cpp, in the fluid mode: the request of minute 60 is spread over
    // [3600, 3660), so HasBacklogWithoutCapacity is 1/2 for that period (the share of it after
    // the arrival, on average) and 1 from 3660 s. The wake-up alarm (>= 1 for 2 of 2) is met by
    // [3660, 3720) and [3720, 3780), published at 3840 s; the instance is in service at 4140 s
    // and starts the request at once (over 2 s, at the capacity of 0.5 a second): its wait is
    // spread over [4140 - 3600, 4142 - 3660] = [482, 540] s, mean 511 s; latency 513 s. Billed
    // 3840 to 5400 s: 1560 s at 0.001 USD/s.
    std::vector<double> counts(90, 0.0);
    counts[60] = 1;
    scenario sc;
    sc.traffic = trace(counts, ms_per_minute);
    sc.endpoint = async_endpoint(2.0);
    sc.endpoint.type.price_per_hour = 3.6;
    sc.endpoint.initial_capacity = 0;
    sc.endpoint.startup = startup_distribution::fixed(300);
    sc.scaling.min_capacity = 0;
    sc.scaling.max_capacity = 2;
    sc.mode = plane_mode::fluid;
    sc.scaling.step_scaling.push_back(asim_test::async_wake_up());
    const result r = simulate(sc);
    REQUIRE(r.activities.size() == 1);
    CHECK(r.activities[0].start_ms == 3'840'000);
    CHECK(r.activities[0].end_ms == 4'140'000);
    CHECK(r.totals.served == doctest::Approx(1));
    CHECK(r.totals.errors == 0);
    CHECK(r.totals.mean_latency_s == doctest::Approx(513).epsilon(1e-9));
    CHECK(r.totals.cost_usd == doctest::Approx(1.56).epsilon(1e-12));
    CHECK(r.totals.in_flight_at_end == doctest::Approx(0).epsilon(1e-12));
}

TEST_CASE("async fluid: close to the request mode on sparse traffic with bursts") {
    // Two days of sparse traffic (a request every few minutes, and a burst of 40 every 6 hours)
    // on the scale-to-zero endpoint of examples/scenarios/async_scale_to_zero.json: the fluid
    // mode's cost, requests served and mean latency against the request mode's, given the same
    // per-minute counts (arrivals drawn evenly at random within each minute, as the fluid
    // mode assumes). The request mode is the reference; the bounds are what the model holds
    // (docs/fluid-model.md gives the figures).
    std::vector<double> counts(2 * 1440, 0.0);
    for (std::size_t i = 0; i < counts.size(); ++i) {
        counts[i] = (i * 7919 % 13 == 0 ? 1 : 0) + (i * 104729 % 17 == 0 ? 1 : 0) +
                    (i % 360 == 100 ? 40 : 0);
    }
    scenario sc;
    sc.traffic = trace(counts, ms_per_minute);
    sc.endpoint = async_endpoint(20.0);
    sc.endpoint.type.service_cv = 0.5;
    sc.endpoint.type.service = service_family::lognormal;
    sc.endpoint.type.price_per_hour = 0.736;
    sc.endpoint.startup = startup_distribution::fixed(381);
    sc.scaling.min_capacity = 0;
    sc.scaling.max_capacity = 4;
    target_tracking_config tt;
    tt.metric = metric_kind::approximate_backlog_size_per_instance;
    tt.target_value = 5;
    tt.scale_in_cooldown_s = 600;
    tt.scale_out_cooldown_s = 300;
    sc.scaling.target_tracking.push_back(tt);
    sc.scaling.step_scaling.push_back(asim_test::async_wake_up());
    sc.mode = plane_mode::fluid;
    const result fluid = simulate(sc);
    sc.mode = plane_mode::request;
    sc.arrivals = arrival_process::poisson_counts;
    double cost = 0, latency = 0, served = 0;
    const int seeds = 5;
    for (int seed = 1; seed <= seeds; ++seed) {
        sc.seed = static_cast<std::uint64_t>(seed);
        const result r = simulate(sc);
        cost += r.totals.cost_usd / seeds;
        latency += r.totals.mean_latency_s / seeds;
        served += r.totals.served / seeds;
    }
    MESSAGE("fluid cost " << fluid.totals.cost_usd << " latency " << fluid.totals.mean_latency_s
                          << " served " << fluid.totals.served << "; request cost " << cost
                          << " latency " << latency << " served " << served);
    CHECK(fluid.totals.served == doctest::Approx(served).epsilon(0.01));
    CHECK(fluid.totals.cost_usd == doctest::Approx(cost).epsilon(0.05));
    CHECK(fluid.totals.mean_latency_s == doctest::Approx(latency).epsilon(0.10));
}
