// The request-level data plane against queueing theory, the fluid plane, and itself.
#include <autoscalesim/autoscalesim.hpp>
#include <doctest/doctest.h>

#include <boost/random/lognormal_distribution.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

using namespace autoscalesim;

namespace {

// A scenario with a constant Poisson arrival rate over `hours`, one instance of `workers` workers.
scenario constant_load(double lambda_per_s, int workers, double mean_s, double hours,
                       std::uint64_t seed) {
    scenario sc;
    const auto n = static_cast<std::size_t>(std::ceil(hours * 60));
    sc.traffic = trace(std::vector<double>(n, lambda_per_s * 60), ms_per_minute);
    sc.endpoint.type.workers = workers;
    sc.endpoint.type.service_time_s = mean_s;
    sc.endpoint.type.service = service_family::exponential;
    sc.endpoint.invocation_timeout_s = 1e6; // no timeouts: the stationary queue
    sc.mode = plane_mode::request;
    sc.seed = seed;
    return sc;
}

// Student t quantile t_{0.975, k-1} for the batch counts used here.
double t975(int batches) {
    switch (batches) {
    case 20:
        return 2.093;
    case 25:
        return 2.064;
    case 30:
        return 2.045;
    default:
        return 2.0;
    }
}

struct estimate {
    double mean = 0;
    double halfwidth = 0; // 95 % confidence half-width from batch means
    double lag1 = 0;      // lag-1 autocorrelation of the batch means
};

estimate batch_estimate(const std::vector<double>& x) {
    const auto k = static_cast<double>(x.size());
    estimate e;
    for (double v : x)
        e.mean += v / k;
    double ss = 0, cov = 0;
    for (std::size_t i = 0; i < x.size(); ++i) {
        ss += (x[i] - e.mean) * (x[i] - e.mean);
        if (i > 0) cov += (x[i] - e.mean) * (x[i - 1] - e.mean);
    }
    e.halfwidth = t975(static_cast<int>(x.size())) * std::sqrt(ss / (k - 1) / k);
    e.lag1 = ss > 0 ? cov / ss : 0;
    return e;
}

struct queue_estimates {
    estimate wait;   // mean wait in queue, seconds
    estimate p_wait; // probability of waiting
    double customers = 0;
};

// Batch means over `batches` equal time batches after a warm-up of `warmup_s`, all instances in
// service from time 0 (so n_instances x workers servers, routed by the scenario's policy).
queue_estimates run_batches(const scenario& sc, int n_instances, int batches, double batch_s,
                            double warmup_s) {
    request_plane plane(sc);
    fleet f(n_instances);
    const time_ms warm = seconds_to_ms(warmup_s);
    const time_ms len = seconds_to_ms(batch_s);
    REQUIRE(warm + len * batches <= sc.traffic.duration_ms());
    plane.advance(0, warm, f);
    std::vector<double> wait, pw;
    request_totals before = plane.totals();
    for (int b = 0; b < batches; ++b) {
        plane.advance(warm + b * len, warm + (b + 1) * len, f);
        const request_totals& now = plane.totals();
        const auto started = static_cast<double>(now.started - before.started);
        wait.push_back((now.wait_sum_s - before.wait_sum_s) / started);
        pw.push_back(static_cast<double>(now.started_after_wait - before.started_after_wait) /
                     started);
        before = now;
    }
    queue_estimates q;
    q.wait = batch_estimate(wait);
    q.p_wait = batch_estimate(pw);
    q.customers = static_cast<double>(plane.totals().started);
    return q;
}

// |x - exact| <= max(3 hw, 1 % of exact), and the half-width itself is below `max_rel_hw` x exact.
void check_estimate(const std::string& what, const estimate& e, double exact, double max_rel_hw) {
    INFO(what << ": estimate " << e.mean << " +- " << e.halfwidth << " (lag-1 " << e.lag1
              << "), exact " << exact);
    CHECK(std::abs(e.mean - exact) <= std::max(3 * e.halfwidth, 0.01 * exact));
    CHECK(e.halfwidth <= max_rel_hw * exact);
    // Batches far longer than the relaxation time are nearly independent; with 20-25 batches the
    // lag-1 estimate itself has a standard error of about 1/sqrt(k) = 0.22, so only a gross
    // correlation (too-short batches) is flagged.
    CHECK(e.lag1 < 0.5);
}

} // namespace

TEST_CASE("latency_histogram: quantiles within 0.4 % of the exact order statistic") {
    rng_engine eng = make_engine(7, rng_stream::service);
    boost::random::lognormal_distribution<double> d(std::log(0.05), 1.5);
    latency_histogram h;
    std::vector<std::int64_t> xs;
    for (int i = 0; i < 20000; ++i) {
        const auto ns = static_cast<std::int64_t>(d(eng) * 1e9);
        xs.push_back(ns);
        h.add(ns);
    }
    std::sort(xs.begin(), xs.end());
    for (double p : {0.01, 0.5, 0.9, 0.99, 0.999, 1.0}) {
        const auto rank = static_cast<std::size_t>(std::ceil(p * static_cast<double>(xs.size())));
        const double exact = static_cast<double>(xs[rank - 1]) * 1e-9;
        CHECK(std::abs(h.quantile(p) - exact) <= latency_histogram::relative_error * exact);
    }
    CHECK(h.count() == xs.size());
    latency_histogram small;
    small.add(3);
    small.add(200);
    CHECK(small.quantile(0.5) == doctest::Approx(3e-9));
    CHECK(small.count_at_most(199) == 1);
    CHECK(small.count_at_most(200) == 2);
    small.clear();
    CHECK(small.count() == 0);
    CHECK(std::isnan(small.quantile(0.5)));

    // The smallest and largest latencies are kept exactly, and no quantile leaves them: one
    // request of 1.234567 s reads 1.234567 s at every p (its bucket's middle is 1.2373 s), two
    // of 600 s read 600 s, and the p99 of 50 latencies is the largest (rank ceil(49.5) = 50).
    latency_histogram one;
    one.add(1'234'567'000);
    for (const double p : {0.01, 0.5, 0.99, 1.0}) {
        CHECK(one.quantile(p) == 1.234567);
    }
    latency_histogram same;
    same.add(600'000'000'000);
    same.add(600'000'000'000);
    CHECK(same.quantile(0.5) == 600);
    latency_histogram fifty;
    for (int i = 1; i <= 50; ++i) {
        fifty.add(5'000'000'000 + i * 1'000'000); // 5.001 s to 5.05 s, within a few buckets
    }
    CHECK(fifty.quantile(0.99) == 5.05);
    CHECK(fifty.quantile(0.01) == 5.001);
    const double p50 = fifty.quantile(0.5);
    CHECK(p50 >= 5.001);
    CHECK(p50 <= 5.05);
    CHECK(std::abs(p50 - 5.025) <= latency_histogram::relative_error * 5.025);
    // merged, the extremes are those of both
    one.merge(same);
    CHECK(one.quantile(0.01) == 1.234567);
    CHECK(one.quantile(1.0) == 600);
    one.clear();
    one.add(2'000'000'000);
    CHECK(one.quantile(0.5) == 2);
}

TEST_CASE("request plane: M/M/c mean wait and P(wait) match Erlang C") {
    struct point {
        int c;
        double rho;
        double hours;
    };
    // Erlang C with mu = 1: C(c, A), Wq = C / (c - A). Worked values:
    //   c=1, rho=0.5: C = 0.5,    Wq = 1.0
    //   c=4, rho=0.8: C = 0.5964, Wq = 0.7455  (research doc section 3)
    //   c=16, rho=0.9: B_16(14.4) = 0.12641, C = 16 B/(16 - 14.4 (1 - B)) = 0.59134, Wq = 0.36959
    for (const point pt : {point{1, 0.5, 40}, point{4, 0.8, 120}, point{16, 0.9, 25}}) {
        const double lambda = pt.rho * pt.c;
        const double C = queueing::erlang_c(pt.c, lambda);
        const double wq = C / (pt.c - lambda);
        const scenario sc = constant_load(lambda, pt.c, 1.0, pt.hours, 11 + pt.c);
        const double total_s = pt.hours * 3600;
        const auto q = run_batches(sc, 1, 20, total_s * 0.96 / 20, total_s * 0.04);
        INFO("c=" << pt.c << " rho=" << pt.rho << " customers=" << q.customers);
        check_estimate("Wq", q.wait, wq, 0.08);
        check_estimate("P(wait)", q.p_wait, C, 0.025);
    }
}

TEST_CASE("request plane: random routing makes each instance an M/M/w with lambda/N") {
    // 5 instances x 2 workers, lambda = 7/s, mu = 1: each instance M/M/2 at lambda 1.4:
    // A = 1.4, B_2 = (A^2/2)/(1 + A + A^2/2) = 0.98/3.38 = 0.28994,
    // C = 2B/(2 - A(1 - B)) = 0.57647, Wq = C/(2 - 1.4) = 0.96078.
    scenario sc = constant_load(7.0, 2, 1.0, 20, 5);
    const double C = queueing::erlang_c(2, 1.4);
    CHECK(C == doctest::Approx(0.57647).epsilon(1e-4));
    const auto q = run_batches(sc, 5, 20, 3400, 2000);
    check_estimate("Wq", q.wait, C / 0.6, 0.06);
    check_estimate("P(wait)", q.p_wait, C, 0.03);
}

TEST_CASE("request plane: M/D/1 mean wait matches Pollaczek-Khinchine") {
    // Deterministic service 1 s, rho = 0.7: Wq = rho / (2 mu (1 - rho)) = 0.7/0.6 = 1.16667.
    scenario sc = constant_load(0.7, 1, 1.0, 40, 3);
    sc.endpoint.type.service = service_family::deterministic;
    const auto q = run_batches(sc, 1, 25, 5600, 4000);
    check_estimate("Wq", q.wait, 0.7 / 0.6, 0.06);
    check_estimate("P(wait)", q.p_wait, 0.7, 0.02); // M/G/1: P(wait) = rho
}

TEST_CASE("the request mode stops with an error before its waiting requests fill memory") {
    // Ten requests a second on one worker of one second, no timeout: about nine more wait every
    // second, so 100 are waiting within the first 15 s and 1,000 only after 100 s.
    for (const auto kind : {endpoint_kind::real_time, endpoint_kind::asynchronous}) {
        CAPTURE(static_cast<int>(kind));
        scenario sc = constant_load(10, 1, 1.0, 1, 3);
        sc.endpoint.kind = kind;
        sc.endpoint.request_ttl_s = kind == endpoint_kind::asynchronous ? 1e5 : 21600;
        fleet within(1);
        request_plane roomy(sc, false, 1000);
        roomy.advance(0, seconds_to_ms(60), within);
        CHECK(roomy.queued() > 400);
        CHECK(roomy.queued() <= 1000);

        fleet f(1);
        request_plane plane(sc, false, 100);
        try {
            plane.advance(0, seconds_to_ms(60), f);
            FAIL("no error");
        } catch (const config_error& e) {
            CHECK(e.field() == "mode");
            const std::string msg = e.what();
            CHECK(msg.find("more than 100 wait at once") != std::string::npos);
            CHECK(msg.find("fluid") != std::string::npos);
            // The limit it suggests is the kind's own: an asynchronous endpoint has one queue,
            // bounded in time by the TTL, and no per-instance max_queue.
            const bool async = kind == endpoint_kind::asynchronous;
            CHECK((msg.find("request_ttl_s") != std::string::npos) == async);
            CHECK((msg.find("max_queue") != std::string::npos) == !async);
            CHECK(plane.queued() == 101);
        }
    }
}
