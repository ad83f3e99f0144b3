// The fluid data plane: stationary limit, backlog drain, conservation, continuity in load.
#include <autoscalesim/serving/fluid_plane.hpp>
#include <autoscalesim/serving/latency_mixture.hpp>

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>

namespace asim = autoscalesim;

namespace {
asim::endpoint_config one_instance(int workers, double service_s, double cv = 1.0) {
    asim::endpoint_config e;
    e.type = {.name = "t",
              .price_per_hour = 1.0,
              .workers = workers,
              .service_time_s = service_s,
              .service_cv = cv};
    e.initial_capacity = 1;
    return e;
}
} // namespace

TEST_CASE("a constant load converges to the stationary M/M/c state") {
    // 1 instance, 4 workers, mean service 1 s, lambda 3.2/s: M/M/4 at rho 0.8, Lq = 3.2 x 0.7455.
    asim::fluid_plane plane(one_instance(4, 1.0));
    asim::span_outcome o;
    for (int i = 0; i < 200; ++i) {
        o = plane.advance(60.0, 3.2 * 60.0, 1);
    }
    CHECK(o.queued_end == doctest::Approx(3.2 * 0.7455).epsilon(1e-3));
    CHECK(o.busy == doctest::Approx(3.2).epsilon(1e-6));
    CHECK(o.latency_sum_s / o.served == doctest::Approx(0.7455 + 1.0).epsilon(1e-3));
    CHECK(o.errors == doctest::Approx(0.0).epsilon(1e-12));
}

TEST_CASE("a backlog drains at c mu - lambda") {
    // 4 workers x 10/s = 40/s of capacity. Build a backlog with 1.5x overload for 20 s, then
    // offer 20/s: all workers stay busy, so the queue falls by (40 - 20) = 20 requests per second.
    asim::fluid_plane plane(one_instance(4, 0.1));
    for (int i = 0; i < 20; ++i) {
        plane.advance(1.0, 60.0, 1);
    }
    const double before = plane.in_system();
    REQUIRE(before > 300.0); // about 20 s x 20/s of excess
    for (int i = 0; i < 5; ++i) {
        plane.advance(1.0, 20.0, 1);
    }
    const double drained = before - plane.in_system();
    CHECK(drained == doctest::Approx(5 * 20.0).epsilon(0.03));
}

TEST_CASE("requests are conserved: arrivals = served + errors + change in the system") {
    asim::fluid_plane plane(one_instance(2, 0.5, 0.7));
    double arrivals = 0, done = 0;
    const double loads[] = {1.0, 8.0, 30.0, 2.0, 0.0, 5.0};
    for (double per_s : loads) {
        const auto o = plane.advance(60.0, per_s * 60.0, 1);
        arrivals += o.arrivals;
        done += o.served + o.errors;
    }
    CHECK(arrivals == doctest::Approx(done + plane.in_system()).epsilon(1e-9));
}

TEST_CASE("one minute at 99 % utilisation never looks worse than one at 101 %") {
    // From an empty queue, sweep the offered load through capacity (40/s) over one 60-s span:
    // mean latency, errors and the end-of-span queue rise continuously with load.
    double prev_latency = 0, prev_errors = 0, prev_queue = 0;
    for (int i = 0; i <= 400; ++i) {
        const double lambda = 36.0 + 8.0 * i / 400.0;
        asim::fluid_plane plane(one_instance(4, 0.1));
        const auto o = plane.advance(60.0, lambda * 60.0, 1);
        const double latency = o.latency_sum_s / o.served;
        if (i > 0) {
            CHECK(latency >= prev_latency - 1e-12);
            CHECK(o.errors >= prev_errors - 1e-12);
            CHECK(o.queued_end >= prev_queue - 1e-9);
            // past capacity the backlog grows like (lambda - c mu) t: about 0.75 s of mean wait
            // per 1/s of load, 15 ms per step of 0.02/s; a jump would be far larger
            CHECK(latency - prev_latency < 0.03);
        }
        prev_latency = latency;
        prev_errors = o.errors;
        prev_queue = o.queued_end;
    }
}

TEST_CASE("without instances every request fails") {
    asim::fluid_plane plane(one_instance(2, 0.1));
    const auto o = plane.advance(60.0, 100.0, 0);
    CHECK(o.errors == 100.0);
    CHECK(o.served == 0.0);
}

TEST_CASE("the latency mixture weights components by requests") {
    // Two equal groups of requests: one served at once (service Exp(1)), one likewise; the
    // median of Exp(1) is ln 2. Adding a group whose wait is uniform on (0, 60] (theta = 0)
    // with a tenth of the weight moves the 99th percentile past the service tail.
    const auto s = asim::queueing::fit_service(1.0, 1.0);
    asim::latency_mixture mix(s, 60.0);
    mix.add(100.0, 0.0, 0.0);
    CHECK(mix.quantile(0.5) == doctest::Approx(std::log(2.0)).epsilon(1e-5));
    CHECK(mix.survival(1.0) == doctest::Approx(std::exp(-1.0)).epsilon(1e-9));
    mix.add(0.0, 10.0, 0.0);
    // Over all requests S(t) = (100 e^{-t} + 10 P(U + E > t)) / 110, with P(U + E > t) = P(U >
    // t) + (1 - e^{-t}) / 60 for t <= 60: S(30) = 10 (0.5 + 1/60) / 110 and S(60) = 10 / 60 / 110
    // (e^{-30} and e^{-60} terms below 1e-12). Among the requests completed within the 60-s
    // timeout, P(T > 30) = (S(30) - S(60)) / (1 - S(60)) = 0.0455235.
    const double s30 = 10.0 * (0.5 + 1.0 / 60.0) / 110.0;
    const double s60 = 10.0 / 60.0 / 110.0;
    CHECK(mix.all_survival(30.0) == doctest::Approx(s30).epsilon(1e-9));
    CHECK(mix.all_survival(60.0) == doctest::Approx(s60).epsilon(1e-9));
    CHECK(mix.survival(30.0) == doctest::Approx((s30 - s60) / (1 - s60)).epsilon(1e-9));
    CHECK(mix.survival(60.0) == 0.0);
    mix.clear();
    CHECK(mix.total() == 0.0);
    CHECK(std::isnan(mix.quantile(0.5)));
}

TEST_CASE("a wait phase of negative weight subtracts, in bins of its own") {
    // Constant service of 1 s, D = 60 s. Waits: 1 request at theta 0.5 (density on (0, 60]
    // proportional to e^{-0.5 w}) less 0.999 at theta 0.5002 (the same bin of z = theta D):
    // S_all(t) = (P(V1 > t - 1) - 0.999 P(V2 > t - 1)) / 0.001 for t > 1, with P(V > x) =
    // (e^{-theta x} - e^{-theta D}) / (1 - e^{-theta D}). Had the negative mass shared the
    // positive one's bin, the bin's mean rate (mass x z summed, over the net mass 0.001) would be
    // 0.3002, and the survival far off.
    const auto s = asim::queueing::fit_service(1.0, 0.0);
    asim::latency_mixture mix(s, 60.0);
    mix.add(0.0, 1.0, 0.5);
    mix.add(0.0, -0.999, 0.5002);
    CHECK(mix.total() == doctest::Approx(0.001).epsilon(1e-12));
    const auto v = [](double theta, double x) {
        return (std::exp(-theta * x) - std::exp(-theta * 60)) / (1 - std::exp(-theta * 60));
    };
    for (const double t : {1.5, 3.0, 10.0}) {
        CAPTURE(t);
        CHECK(mix.all_survival(t) ==
              doctest::Approx((v(0.5, t - 1) - 0.999 * v(0.5002, t - 1)) / 0.001).epsilon(1e-6));
    }
}

namespace {
// The p-quantile of the mixture's requests completed in time by bisection on survival(), to
// 1e-14 relative: independent of quantile()'s own search.
double bisected_quantile(const asim::latency_mixture& mix, double p, double timeout_s) {
    double lo = 0, hi = timeout_s;
    while (hi - lo > 1e-14 * hi) {
        const double mid = 0.5 * (lo + hi);
        (mix.survival(mid) > 1 - p ? lo : hi) = mid;
    }
    return 0.5 * (lo + hi);
}
} // namespace

TEST_CASE("a quantile searched from any guess is within its relative tolerance of the exact one") {
    // The timeline's per-step p99 is solved to 1e-4 relative from the previous step's value
    // (docs/fluid-model.md): whatever the guess, the answer must lie within 1e-4 of the quantile
    // found by bisection, and the run's quantiles (1e-9) within 1e-9. Mixtures: service cv 0 (a
    // constant: the survival steps down), 0.5, 1 and 2; a no-wait share, light and heavy waits,
    // an overloaded component (theta < 0, waits piled near the 60-s timeout), and requests
    // delayed behind a backlog.
    for (const double cv : {0.0, 0.5, 1.0, 2.0}) {
        const auto s = asim::queueing::fit_service(1.0, cv);
        for (const double theta : {5.0, 0.4, 0.02, -0.3}) {
            for (const bool delayed : {false, true}) {
                asim::latency_mixture mix(s, 60.0);
                mix.add(80.0, 20.0, theta);
                mix.add(0.0, 5.0, 2.0);
                if (delayed) {
                    mix.add_delayed(3.0, 10.0, 20.0);
                }
                for (const double p : {0.5, 0.95, 0.99}) {
                    CAPTURE(cv);
                    CAPTURE(theta);
                    CAPTURE(delayed);
                    CAPTURE(p);
                    const double exact = bisected_quantile(mix, p, 60.0);
                    REQUIRE(exact > 0);
                    CHECK(std::abs(mix.quantile(p) - exact) <= 1e-9 * exact);
                    for (const double guess : {0.0, 1e-3, 0.5 * exact, 0.999 * exact, exact,
                                               1.3 * exact, 10 * exact, 1e4}) {
                        CAPTURE(guess);
                        const double q = mix.quantile(p, 1e-4, guess);
                        CHECK(std::abs(q - exact) <= 1e-4 * exact);
                    }
                }
            }
        }
    }
}

TEST_CASE("a span's latency comes from the state at its mean outflow; its counts from its end") {
    // 2 instances of 1 worker (random routing: 2 alike M/M/1+D queues), mean service 1 s, cv 1.
    // Departures per queue are y x span (served + timed out + late), so y is read back from each
    // span's counts; the decay rate of the span's waits must be the stationary state's at the
    // mean of the previous span's y and this one's, and at the end state's y for the first span
    // and for a span whose queues changed (a third instance).
    const auto e = one_instance(1, 1.0);
    asim::fluid_plane plane(e);
    const double d = e.invocation_timeout_s;
    auto outflow = [](const asim::span_outcome& o, int queues) {
        return (o.served + o.errors) / 60.0 / queues;
    };
    auto theta_at = [&](double y) { return asim::queueing::mmcd(1, y, 1.0, d, 1.0).theta; };
    const auto first = plane.advance(60.0, 0.5 * 2 * 60, 2);
    const double y1 = outflow(first, 2);
    CHECK(first.theta == doctest::Approx(theta_at(y1)).epsilon(1e-9));
    const auto second = plane.advance(60.0, 0.95 * 2 * 60, 2); // the queues build
    const double y2 = outflow(second, 2);
    REQUIRE(y2 > y1 + 0.1);
    CHECK(second.theta == doctest::Approx(theta_at(0.5 * (y1 + y2))).epsilon(1e-9));
    CHECK(second.theta > theta_at(y2)); // lighter than the end state: the queue was shorter
    const auto third = plane.advance(60.0, 0.95 * 3 * 60, 3); // a new instance: new queues
    CHECK(third.theta == doctest::Approx(theta_at(outflow(third, 3))).epsilon(1e-9));
}

namespace {
// The last of 50 one-hour spans at lambda per second: the stationary state, its waits relaxed
// to their stationary spread (near capacity that takes hours: see "relaxes" below).
asim::span_outcome steady(asim::fluid_plane& plane, double lambda) {
    asim::span_outcome o;
    for (int i = 0; i < 50; ++i) {
        o = plane.advance(3600.0, lambda * 3600.0, 1);
    }
    return o;
}
} // namespace

TEST_CASE("near capacity up to half the waited requests wait behind the fluid backlog") {
    // 4 workers x 10/s = 40/s of capacity, timeout D. Past capacity (theta D < 3) half of the
    // requests served after a wait waited first come, first served behind the backlog: waits
    // spread from (x0 - c) / (c mu) to (x1 - c) / (c mu), the span's first and last queue over
    // the capacity; the share falls linearly to none at theta D = 6 (docs/fluid-model.md).
    const auto e = one_instance(4, 0.1);
    const double d = e.invocation_timeout_s;
    asim::fluid_plane plane(e);
    for (int i = 0; i < 20; ++i) {
        plane.advance(1.0, 100.0, 1);
    }
    const double x0 = plane.in_system();
    const auto o = plane.advance(1.0, 100.0, 1);
    const double x1 = plane.in_system();
    const double share = 0.5 * std::clamp((6 - o.theta * d) / 3, 0.0, 1.0);
    REQUIRE(share == 0.5);
    CHECK(o.backlog_waited == doctest::Approx(share * o.served_waited).epsilon(1e-12));
    CHECK(o.backlog_wait_lo_s == doctest::Approx((x0 - 4) / 40).epsilon(1e-12));
    CHECK(o.backlog_wait_hi_s == doctest::Approx((x1 - 4) / 40).epsilon(1e-12));
    CHECK(std::isnan(o.p99_s)); // the table's p99 is the stationary queue's

    // A steady load through capacity: after 50 hours the queue has relaxed to its stationary
    // spread (at capacity that takes about 4 hours), and the share has faded to nearly nothing
    // (below 1e-3 of the waited requests, where it was up to half; it falls with the queue's gap
    // to relaxed, exponentially in time).
    for (int i = 0; i <= 40; ++i) {
        const double lambda = 39.5 + 1.0 * i / 40.0;
        asim::fluid_plane fresh(e);
        const auto s = steady(fresh, lambda);
        CAPTURE(lambda);
        CHECK(s.backlog_waited <= 1e-3 * s.served_waited);
    }
}

TEST_CASE("near capacity the backlog's share fades as the queue relaxes") {
    // 4 workers x 10/s, cv 1 (k = 1), D = 60 s. From the stationary state at 30/s, ten-minute
    // spans at 39.925/s for 30 hours, near capacity (theta D about 4.5: a ramp of
    // (6 - theta D) / 3): the queue builds in minutes and relaxes in hours, at the rate
    // theta^2 / (4 c mu) + pi^2 / (c mu D^2) of each span's end state (as in "relaxes" below):
    // theta D falls to 4.5 over about 20 spans. The share is half the larger of the ramp times
    // min(1, gap / 0.2) and the gap's part beyond 0.2 rescaled, gap = |q1 - relaxed| / q1:
    // worked here span by span from the spans' counts. It is the ramp's where the load first
    // comes near capacity and fades to nearly none (about 2.5e-5 after 30 hours).
    const auto e = one_instance(4, 0.1);
    const double d = e.invocation_timeout_s;
    const double pi = std::acos(-1.0);
    asim::fluid_plane plane(e);
    double relaxed = steady(plane, 30.0).queued_end;
    double first = 0, last = 1;
    for (int i = 0; i < 180; ++i) {
        const auto o = plane.advance(600.0, 39.925 * 600, 1);
        const double theta_end = 40.0 - (o.served + o.errors) / 600.0;
        const double q1 = o.queued_end;
        const double rate = theta_end * theta_end / (4 * 40.0) + pi * pi / (40.0 * d * d);
        relaxed = q1 + (relaxed - q1) * std::exp(-600.0 * rate);
        const double gap = std::min(1.0, std::abs(q1 - relaxed) / q1);
        const double ramp = std::clamp((6 - o.theta * d) / 3, 0.0, 1.0);
        const double share =
            0.5 * std::max(ramp * std::min(1.0, gap / 0.2), std::max(0.0, gap - 0.2) / 0.8);
        CAPTURE(i);
        CHECK(o.backlog_waited == doctest::Approx(share * o.served_waited).epsilon(1e-9));
        if (first == 0 && o.theta * d < 6) { // the first span near capacity
            CHECK(o.theta * d > 3);
            CHECK(gap > 0.2);
            first = share;
        }
        last = share;
    }
    CHECK(first > 0.1);
    CHECK(last < 1e-2 * first);
}

TEST_CASE("the p99 of a steady load rises continuously through capacity") {
    // 4 workers x 10/s, steady loads from 39.5/s to 40.5/s, the last span's requests in a
    // mixture: the p99 of the relaxed queue's stationary waits has no jump: no rise is more
    // than twice the one before.
    const auto e = one_instance(4, 0.1);
    double prev = 0;
    double prev_rise = 0;
    for (int i = 0; i <= 200; ++i) {
        const double lambda = 39.5 + 1.0 * i / 200.0;
        asim::fluid_plane plane(e);
        asim::latency_mixture mix(plane.service(), e.invocation_timeout_s);
        mix.add(steady(plane, lambda));
        const double p99 = mix.quantile(0.99);
        if (i > 0) {
            CAPTURE(lambda);
            CHECK(p99 >= prev);
            if (i > 1) {
                CHECK(p99 - prev < 2 * prev_rise + 0.01);
            }
            prev_rise = p99 - prev;
        }
        prev = p99;
    }
}

TEST_CASE("a queue that builds faster than it relaxes waits behind its backlog") {
    // 1 worker of 1 s, cv 1 (k = 1), D = 60 s. From the stationary state at 0.5/s (relaxed queue
    // q0), one minute at 0.9/s (theta D well above 6 at the span's mean outflow, so no share for
    // being near capacity): the queue q1 grows faster than it relaxes at the rate r = theta^2 /
    // (4 c mu) + pi^2 / (c mu D^2) of the end state, theta = c mu - y, y the span's outflow
    // (departures / 60 s). The relaxed queue moves to q1 + (q0 - q1) e^{-60 r}, and half the
    // unrelaxed share of q1, |q1 - relaxed| / q1, of the span's requests served after a wait
    // wait behind the backlog, counting only the part beyond 0.2 (rescaled to [0, 1]).
    const auto e = one_instance(1, 1.0);
    const double d = e.invocation_timeout_s;
    REQUIRE(asim::fluid_queue_of(e.type).k == 1.0);
    asim::fluid_plane plane(e);
    const auto before = steady(plane, 0.5);
    CHECK(before.backlog_waited == 0.0);
    const double q0 = before.queued_end;
    const auto o = plane.advance(60.0, 0.9 * 60, 1);
    REQUIRE(o.theta * d > 6);
    const double q1 = o.queued_end;
    REQUIRE(q1 > 2 * q0);
    const double theta = 1.0 - (o.served + o.errors) / 60.0;
    const double pi = std::acos(-1.0);
    const double r = theta * theta / 4 + pi * pi / (d * d);
    const double relaxed = q1 + (q0 - q1) * std::exp(-60.0 * r);
    const double gap = std::min(1.0, std::abs(q1 - relaxed) / q1);
    const double share = 0.5 * std::max(0.0, gap - 0.2) / 0.8;
    REQUIRE(share > 0.05);
    CHECK(o.backlog_waited == doctest::Approx(share * o.served_waited).epsilon(1e-9));

    // Held there, the queue relaxes: the share falls with each ten minutes, to none.
    double last = share;
    for (int i = 0; i < 6; ++i) {
        const auto h = plane.advance(600.0, 0.9 * 600, 1);
        const double now = h.backlog_waited / h.served_waited;
        CHECK((now < last || now == 0));
        last = now;
    }
    CHECK(last == 0);
}

TEST_CASE("a backlog's waits spread evenly enter the mixture in closed form") {
    // One span's requests all waited behind a backlog, waits uniform on [2, 7] s: P(U + S > t)
    // = (1/5) integral over [2, 7] of P(S > t - u) du, integrated here by Simpson's rule (4000
    // panels) for constant, shifted-exponential and hyperexponential service, against the
    // mixture's closed form; its quantiles against a bisection on that survival.
    for (const double cv : {0.0, 0.5, 1.0, 1.5}) {
        CAPTURE(cv);
        const auto s = asim::queueing::fit_service(1.0, cv);
        asim::latency_mixture mix(s, 60.0);
        asim::span_outcome span;
        span.served_waited = span.backlog_waited = 100.0;
        span.backlog_wait_lo_s = 2.0;
        span.backlog_wait_hi_s = 7.0;
        mix.add(span);
        auto integrated = [&](double t) {
            const int n = 4000;
            const double h = 5.0 / n;
            double sum = 0;
            for (int i = 0; i <= n; ++i) {
                const double w = i == 0 || i == n ? 1 : (i % 2 == 1 ? 4 : 2);
                sum += w * asim::queueing::service_survival(s, t - (2.0 + i * h));
            }
            return sum * h / 3 / 5.0;
        };
        for (const double t : {1.5, 2.5, 3.0, 4.2, 6.9, 7.5, 9.0, 12.0}) {
            CAPTURE(t);
            // a constant service time's step makes the integrand a step: Simpson's error is
            // then of the order of its panel, 1.25e-3 of the width
            CHECK(mix.all_survival(t) ==
                  doctest::Approx(integrated(t)).epsilon(cv == 0 ? 3e-4 : 1e-9));
        }
        for (const double p : {0.1, 0.5, 0.95, 0.99}) {
            CHECK(mix.quantile(p, 1e-12) ==
                  doctest::Approx(bisected_quantile(mix, p, 60.0)).epsilon(1e-10));
        }
    }
}

TEST_CASE("past capacity a least-outstanding fleet's requests wait in their own instance's queue") {
    // Two instances of 1 worker (service Exp(1), D = 60 s) held at 3 requests/s, 1.5 times
    // their capacity. Per instance (one M/M/1+D queue at 1.5/s) the virtual wait has density
    // proportional to e^{0.5 v} on (0, D] and a time-out mass e^{0.5 D} / 1: a third times out
    // at once, and of the two thirds served, a third completes after D (P(S > D - V) with
    // D - V ~ Exp(0.5)): 1/3 + 2/9 = 5/9 fail, terms of e^{-30} aside. Least-outstanding
    // routing keeps one queue per instance, so it fails as many (the request mode: 54 % with
    // either routing over two hours), not the pooled M/M/2+D queue's 2/3. Below capacity the
    // pooled queue stands: its waits decay at 2 mu - lambda.
    for (const auto routing : {asim::routing::random, asim::routing::least_outstanding}) {
        auto e = one_instance(1, 1.0);
        e.routing_policy = routing;
        asim::fluid_plane plane(e);
        asim::span_outcome o;
        for (int i = 0; i < 20; ++i) {
            o = plane.advance(3600.0, 3.0 * 3600, 2);
        }
        CHECK(o.errors / o.arrivals == doctest::Approx(5.0 / 9.0).epsilon(1e-6));
    }
    auto e = one_instance(1, 1.0);
    e.routing_policy = asim::routing::least_outstanding;
    asim::fluid_plane plane(e);
    asim::span_outcome o;
    for (int i = 0; i < 20; ++i) {
        o = plane.advance(3600.0, 1.6 * 3600, 2);
    }
    CHECK(o.theta == doctest::Approx(2.0 - 1.6).epsilon(1e-6));
}

TEST_CASE("a steady load on a hyperexponential server has the exact M/H2/1 latency") {
    // One worker of mean 0.5 s, cv 1.5, at 1 request/s (rho 0.5), a timeout too long to matter:
    // the response time's quantiles from the exact M/H2/1 wait (its transform's two phases) plus
    // a service time, solved independently: p50 0.630420558 s, p95 4.915768236 s, p99
    // 8.197373696 s. A single exponential wait at theta gives 0.700, 4.585 and 7.297 s.
    auto e = one_instance(1, 0.5, 1.5);
    e.invocation_timeout_s = 3600;
    asim::fluid_plane plane(e);
    asim::latency_mixture mix(plane.service(), e.invocation_timeout_s);
    mix.add(steady(plane, 1.0));
    CHECK(mix.quantile(0.50) == doctest::Approx(0.6304205579771391).epsilon(1e-6));
    CHECK(mix.quantile(0.95) == doctest::Approx(4.915768236058883).epsilon(1e-6));
    CHECK(mix.quantile(0.99) == doctest::Approx(8.197373696242941).epsilon(1e-6));
}

TEST_CASE("with hyperexponential service the waits' shape is continuous through capacity") {
    // One worker of mean 0.5 s, cv 1.5 (capacity 2/s), the default timeout, the load from 1.5/s
    // to 2.1/s: the fast phase's share of the waits within D falls smoothly (no drop more than
    // twice the one before), through capacity, and the p99 rises with the load.
    const auto e = one_instance(1, 0.5, 1.5);
    double prev_p99 = 0;
    double prev_fast = 1;
    double prev_drop = 0;
    for (int i = 0; i <= 120; ++i) {
        const double lambda = 1.5 + 0.6 * i / 120.0;
        CAPTURE(lambda);
        asim::fluid_plane plane(e);
        asim::latency_mixture mix(plane.service(), e.invocation_timeout_s);
        const auto o = steady(plane, lambda);
        mix.add(o);
        const double p99 = mix.quantile(0.99);
        CHECK(p99 >= prev_p99);
        CHECK(o.fast_share <= prev_fast);
        if (i > 1) {
            CHECK(prev_fast - o.fast_share <= 2 * prev_drop + 1e-6);
        }
        CHECK(o.fast_share > 0);
        prev_drop = prev_fast - o.fast_share;
        prev_fast = o.fast_share;
        prev_p99 = p99;
    }
}
