// Queueing formulas against values worked out by hand or published.
#include <autoscalesim/serving/latency_mixture.hpp>
#include <autoscalesim/serving/queueing.hpp>
#include <serving/detail/survival.hpp>

#include <doctest/doctest.h>

#include <cmath>
#include <initializer_list>

using namespace autoscalesim::queueing;

TEST_CASE("Erlang B recursion matches hand-worked values") {
    // B(1, 1) = 1/(1+1) = 0.5; B(2, 1) = 1*0.5/(2 + 0.5) = 0.2.
    CHECK(erlang_b(1, 1.0) == doctest::Approx(0.5).epsilon(1e-14));
    CHECK(erlang_b(2, 1.0) == doctest::Approx(0.2).epsilon(1e-14));
    // B(3, 2) from the closed form (2^3/3!) / (1 + 2 + 2 + 4/3) = (4/3)/(19/3) = 4/19.
    CHECK(erlang_b(3, 2.0) == doctest::Approx(4.0 / 19.0).epsilon(1e-14));
    CHECK(erlang_b(0, 3.0) == 1.0);
}

TEST_CASE("Erlang C against closed forms and the published M/M/4 value") {
    // M/M/1: P(wait) = rho.
    CHECK(erlang_c(1, 0.7) == doctest::Approx(0.7).epsilon(1e-14));
    // M/M/2 at rho = 0.5 (A = 1): P(wait) = 2 rho^2 / (1 + rho) = 0.5 / 1.5 = 1/3.
    CHECK(erlang_c(2, 1.0) == doctest::Approx(1.0 / 3.0).epsilon(1e-14));
    // M/M/4 at rho = 0.8 (A = 3.2, mu = 1): P(wait) = 0.5964, Wq = 0.7455 (research notes, section
    // 3).
    CHECK(erlang_c(4, 3.2) == doctest::Approx(0.5964).epsilon(2e-4));
    CHECK(mmc_mean_wait_s(4, 3.2, 1.0) == doctest::Approx(0.7455).epsilon(2e-4));
    // Overload: every arrival waits and the stationary wait is infinite.
    CHECK(erlang_c(4, 4.0) == 1.0);
    CHECK(std::isinf(mmc_mean_wait_s(4, 4.0, 1.0)));
}

TEST_CASE("a long timeout reduces M/M/c+D to M/M/c") {
    // With D = 10^4 s and mean service 1 s the time-out share is e^{-theta D} ~ 0.
    const auto st = mmcd(4, 3.2, 1.0, 1e4, 1.0);
    CHECK(st.p_wait == doctest::Approx(erlang_c(4, 3.2)).epsilon(1e-9));
    CHECK(st.p_timeout < 1e-100);
    // Served requests' mean wait = Wq (all are served); theta = c mu - lambda = 0.8.
    CHECK(st.mean_wait_served_s == doctest::Approx(0.7455).epsilon(2e-4));
    CHECK(st.theta == doctest::Approx(0.8));
    // Little: Lq = lambda Wq; busy = lambda / mu.
    CHECK(st.mean_queue == doctest::Approx(3.2 * 0.7455).epsilon(2e-4));
    CHECK(st.mean_busy == doctest::Approx(3.2));
}

TEST_CASE("overload with a deadline matches the simulated oracle") {
    // Research notes, section 2.4: c = 4, mu = 1, D = 60, FIFO with abandonment at the deadline.
    // lambda: timed-out share (1 - c mu / lambda) and mean wait of served (D - 1/(lambda - c mu)).
    struct row {
        double lambda, timeout_share, mean_wait;
    };
    for (const row r : {row{4.4, 0.0909, 57.50}, row{5.0, 0.2000, 59.00}, row{6.0, 0.3333, 59.50},
                        row{8.0, 0.5000, 59.75}}) {
        CAPTURE(r.lambda);
        const auto st = mmcd(4, r.lambda, 1.0, 60.0, 1.0);
        CHECK(st.p_timeout == doctest::Approx(r.timeout_share).epsilon(0.01));
        CHECK(st.mean_wait_served_s == doctest::Approx(r.mean_wait).epsilon(0.002));
        CHECK(st.p_no_wait + st.p_wait + st.p_timeout == doctest::Approx(1.0));
    }
}

TEST_CASE("the stationary state is continuous and monotone through utilisation 1") {
    // Sweep lambda from 0.9 to 1.1 of capacity (c mu = 40): never decreasing.
    double prev_wait = 0, prev_out = 0, prev_q = 0;
    for (int i = 0; i <= 2000; ++i) {
        const double lambda = 36.0 + 8.0 * i / 2000.0;
        const auto st = mmcd(4, lambda, 10.0, 60.0, 1.0);
        if (i > 0) {
            CHECK(st.mean_wait_served_s >= prev_wait - 1e-12);
            CHECK(st.p_timeout >= prev_out - 1e-15);
            CHECK(st.mean_queue >= prev_q - 1e-9);
        }
        prev_wait = st.mean_wait_served_s;
        prev_out = st.p_timeout;
        prev_q = st.mean_queue;
    }
    // Continuity at lambda = c mu: the gap across it shrinks in proportion to the distance.
    // Near theta = 0 the mean wait of a wait uniform-ish on (0, D] moves by D^2/12 = 300 s per
    // unit of theta; allow 2x that on both sides.
    for (double eps : {1e-2, 1e-4, 1e-6}) {
        CAPTURE(eps);
        const auto below = mmcd(4, 40.0 - eps, 10.0, 60.0, 1.0);
        const auto above = mmcd(4, 40.0 + eps, 10.0, 60.0, 1.0);
        CHECK(above.mean_wait_served_s - below.mean_wait_served_s < 2 * 300.0 * 2 * eps + 1e-9);
        CHECK(above.mean_wait_served_s - below.mean_wait_served_s >= 0.0);
        CHECK(above.p_timeout - below.p_timeout < 2 * eps + 1e-12);
    }
}

TEST_CASE("Allen-Cunneen scales waits by (1 + cv^2)/2") {
    // M/D/1 (cv = 0): Pollaczek-Khinchine Wq = rho / (2 mu (1 - rho)); rho = 0.5, mu = 1 -> 0.5.
    const auto st = mmcd(1, 0.5, 1.0, 1e4, 0.5);
    CHECK(st.mean_wait_served_s == doctest::Approx(0.5).epsilon(1e-9));
    // M/M/1 at rho = 0.5: Wq = rho / (mu - lambda) = 1.
    CHECK(mmcd(1, 0.5, 1.0, 1e4, 1.0).mean_wait_served_s == doctest::Approx(1.0).epsilon(1e-9));
}

TEST_CASE("service shapes match mean and variance") {
    for (double cv : {0.0, 0.3, 1.0, 2.0}) {
        CAPTURE(cv);
        const auto s = fit_service(0.2, cv);
        // E[S] = shift + p1/r1 + p2/r2; Var = p1 2/r1^2 + p2 2/r2^2 - (E[S]-shift)^2
        double m = s.shift_s, m2 = 0;
        if (std::isfinite(s.rate1)) {
            m += s.p1 / s.rate1 + (1 - s.p1) / s.rate2 * (s.p1 < 1 ? 1 : 0);
            m2 = 2 * s.p1 / (s.rate1 * s.rate1) +
                 (s.p1 < 1 ? 2 * (1 - s.p1) / (s.rate2 * s.rate2) : 0);
        }
        const double var = m2 - (m - s.shift_s) * (m - s.shift_s);
        CHECK(m == doctest::Approx(0.2).epsilon(1e-12));
        CHECK(var == doctest::Approx(cv * cv * 0.04).epsilon(1e-9));
    }
    // Exponential: P(S > 0.2) = e^{-1}.
    CHECK(service_survival(fit_service(0.2, 1.0), 0.2) == doctest::Approx(std::exp(-1.0)));
}

TEST_CASE("response time of M/M/1 is exponential with rate mu - lambda") {
    // M/M/1: T ~ Exp(mu - lambda); with lambda = 0.5, mu = 1: P(T > 2) = e^{-1}.
    const auto st = mmcd(1, 0.5, 1.0, 1e4, 1.0);
    const auto s = fit_service(1.0, 1.0);
    const double surv = st.p_no_wait * service_survival(s, 2.0) +
                        st.p_wait * wait_plus_service_survival(st.theta, 1e4, s, 2.0);
    CHECK(surv == doctest::Approx(std::exp(-1.0)).epsilon(1e-9));
    // Truncated exponential: uniform when theta = 0: P(V > 15 | D = 60) = 0.75, mean 30.
    CHECK(truncated_exp_survival(0.0, 60.0, 15.0) == doctest::Approx(0.75));
    CHECK(truncated_exp_mean(0.0, 60.0) == doctest::Approx(30.0));
}

TEST_CASE("requests that start in time but complete after the timeout, worked by hand") {
    // Waits uniform on (0, 60] (theta = 0), constant service 1 s: a request is late when it
    // waited more than 59 s: share 1/60; E[(W + 1 - 60)+] = integral over (59, 60] of
    // (v - 59) / 60 dv = 1/120.
    const auto constant = fit_service(1.0, 0.0);
    const double d = 60.0;
    auto late = late_after_wait(0.0, d, truncated_exp_log_norm(0.0, d), constant);
    CHECK(late.share == doctest::Approx(1.0 / 60).epsilon(1e-12));
    CHECK(late.excess_s == doctest::Approx(1.0 / 120).epsilon(1e-12));
    CHECK(late_without_wait(constant, d).share == 0.0);
    CHECK(late_without_wait(constant, d).excess_s == 0.0);
    // Exponential service of mean 1: P(U + E > 60) = (1/60) integral e^{-(60 - v)} dv =
    // (1 - e^{-60}) / 60, and the excess past 60 is Exp(1) (memoryless): E = P x 1.
    const auto expo = fit_service(1.0, 1.0);
    late = late_after_wait(0.0, d, truncated_exp_log_norm(0.0, d), expo);
    CHECK(late.share == doctest::Approx(1.0 / 60).epsilon(1e-12));
    CHECK(late.excess_s == doctest::Approx(1.0 / 60).epsilon(1e-12));
    CHECK(late_without_wait(expo, d).share == doctest::Approx(std::exp(-60.0)).epsilon(1e-12));
    CHECK(late_without_wait(expo, d).excess_s == doctest::Approx(std::exp(-60.0)).epsilon(1e-12));
    // A timeout shorter than the constant service: every request is late, by a - D + E[W].
    const auto slow = fit_service(90.0, 0.0);
    late = late_after_wait(0.0, d, truncated_exp_log_norm(0.0, d), slow);
    CHECK(late.share == 1.0);
    CHECK(late.excess_s == doctest::Approx(30.0 + 30.0).epsilon(1e-12));
    CHECK(late_without_wait(slow, d).excess_s == doctest::Approx(30.0).epsilon(1e-12));
}

TEST_CASE("the late tail agrees with the integral of the latency's survival past the timeout") {
    // E[(X - D)+] = integral from D of P(X > t) dt, by Simpson's rule on [D, D + 400] (2^14
    // panels), for service cv 0.5 (constant + exponential), 1 and 2 (hyperexponential) and
    // waits light (theta 0.5), flat (0) and piled near D in overload (theta -0.2).
    const double d = 60.0;
    for (const double cv : {0.5, 1.0, 2.0}) {
        const auto s = fit_service(3.0, cv);
        for (const double theta : {0.5, 0.0, -0.2}) {
            CAPTURE(cv);
            CAPTURE(theta);
            const double log_norm = truncated_exp_log_norm(theta, d);
            const auto late = late_after_wait(theta, d, log_norm, s);
            CHECK(late.share ==
                  doctest::Approx(wait_plus_service_survival(theta, d, log_norm, s, d))
                      .epsilon(1e-12));
            const int n = 1 << 14;
            const double h = 400.0 / n;
            double sum = 0;
            for (int i = 0; i <= n; ++i) {
                const double w = i == 0 || i == n ? 1 : (i % 2 == 1 ? 4 : 2);
                sum += w * wait_plus_service_survival(theta, d, log_norm, s, d + i * h);
            }
            CHECK(late.excess_s == doctest::Approx(sum * h / 3).epsilon(1e-7));
            double now = 0;
            for (int i = 0; i <= n; ++i) {
                const double w = i == 0 || i == n ? 1 : (i % 2 == 1 ? 4 : 2);
                now += w * service_survival(s, d + i * h);
            }
            CHECK(late_without_wait(s, d).excess_s == doctest::Approx(now * h / 3).epsilon(1e-7));
        }
    }
}

TEST_CASE("a survival term without logarithms equals its log form, overflow included") {
    using autoscalesim::queueing::detail::log_exp_mean;
    using autoscalesim::queueing::detail::scaled_exp_mean;
    // width x mean of e^x over [a, b] / e^log_z, against exp(log(width) + log_exp_mean - log_z)
    for (double a : {-700.0, -40.0, -3.0, -1e-12, 0.0, 2.5, 30.0}) {
        for (double len : {0.0, 1e-12, 1e-3, 0.7, 12.0, 400.0}) {
            for (double log_z : {-5.0, 0.0, 3.0, 60.0}) {
                const double b = a - len;
                const double width = 0.5 + len;
                const double log_form = std::exp(std::log(width) + log_exp_mean(a, b) - log_z);
                CHECK(scaled_exp_mean(a, b, width, log_z) ==
                      doctest::Approx(log_form).epsilon(1e-13));
            }
        }
    }
    // e^(hi - log_z) overflows while the term is finite: the log form answers.
    const double big = scaled_exp_mean(800, 0, 1e-300, 0);
    CHECK(std::isfinite(big));
    CHECK(big == doctest::Approx(std::exp(std::log(1e-300) + log_exp_mean(800, 0))).epsilon(1e-13));
}

namespace {
// E[e^{g S}] of a hyperexponential service shape (g below its slowest rate).
double hyperexp_mgf(const service_shape& s, double g) {
    return s.p1 * s.rate1 / (s.rate1 - g) + (1 - s.p1) * s.rate2 / (s.rate2 - g);
}
} // namespace

TEST_CASE("hyperexponential service waits in the two phases of the exact M/H2/1 wait") {
    // One server, mean 0.5 s, cv 1.5, lambda 1/s (rho 0.5); k = (1 + 2.25) / 2, theta = 1 / k.
    // W | W > 0 has phases at the roots g of the Pollaczek-Khinchine transform's denominator,
    // which solve the Cramer-Lundberg equation lambda (E[e^{g S}] - 1) = g; their weights are
    // the transform's residues. Values from the residues computed directly (not through the
    // cancellation-free form the library uses), the timeout long enough not to truncate.
    const auto s = fit_service(0.5, 1.5);
    const auto st = mmcd(1, 1.0, 2.0, 1e6, 1.625);
    REQUIRE(st.theta == doctest::Approx(1 / 1.625).epsilon(1e-12));
    const auto w = served_wait_phases(s, 1, 1.0, st.theta, 1e6);
    CHECK(w.theta_slow == doctest::Approx(0.4904304039687162).epsilon(1e-12));
    CHECK(w.theta_fast == doctest::Approx(2.509569596031284).epsilon(1e-12));
    CHECK(w.slow == doctest::Approx(0.7476302782718249).epsilon(1e-12));
    for (double g : {w.theta_slow, w.theta_fast}) {
        CHECK(1.0 * (hyperexp_mgf(s, g) - 1) == doctest::Approx(g).epsilon(1e-12));
    }
    // The mean is the state's, 1 / theta (Pollaczek-Khinchine: k / (mu - lambda)).
    CHECK(w.slow / w.theta_slow + (1 - w.slow) / w.theta_fast ==
          doctest::Approx(1.625).epsilon(1e-12));

    // Two servers, mean 1 s, cv 2, lambda 1.6/s (rho 0.8): the phases of one server twice as
    // fast, so the tail rate solves lambda (E[e^{g S / 2}] - 1) = g, the large-deviations rate
    // of M/G/2; theta = (2 - 1.6) / k with k = 2.5.
    const auto s2 = fit_service(1.0, 2.0);
    const auto w2 = served_wait_phases(s2, 2, 1.6, 0.4 / 2.5, 1e6);
    CHECK(w2.theta_slow == doctest::Approx(0.14169947557416362).epsilon(1e-12));
    CHECK(w2.theta_fast == doctest::Approx(2.2583005244258363).epsilon(1e-12));
    CHECK(w2.slow == doctest::Approx(0.877964473009228).epsilon(1e-12));
    CHECK(1.6 * (hyperexp_mgf(s2, w2.theta_slow / 2) - 1) ==
          doctest::Approx(w2.theta_slow).epsilon(1e-12));

    // A timeout truncates the slow phase more: its share of the waits within D = 10 s.
    const auto wd = served_wait_phases(s, 1, 1.0, st.theta, 10.0);
    const double m1 = 0.7476302782718249 * (1 - std::exp(-0.4904304039687162 * 10));
    const double m2 = (1 - 0.7476302782718249) * (1 - std::exp(-2.509569596031284 * 10));
    CHECK(wd.slow == doctest::Approx(m1 / (m1 + m2)).epsilon(1e-12));

    // Near capacity the slow phase holds nearly all the waits, its rate near theta (-> 0).
    const auto near = served_wait_phases(s, 1, 1.998, 0.002 / 1.625, 1e6);
    CHECK(near.slow == doctest::Approx(0.9996150592242298).epsilon(1e-9));
    CHECK(near.theta_slow == doctest::Approx(0.002 / 1.625 * 0.9996152959285608).epsilon(1e-9));
    // Exponential service at any load, shifted service at capacity: one phase at theta.
    for (const auto& one : {served_wait_phases(fit_service(0.5, 1.0), 1, 1.0, 1.0, 60.0),
                            served_wait_phases(fit_service(0.5, 1.0), 2, 9.0, 1.0, 60.0),
                            served_wait_phases(fit_service(0.5, 0.5), 4, 8.0, 1.0, 60.0)}) {
        CHECK(one.slow == 1.0);
        CHECK(one.theta_slow == 1.0);
        CHECK(one.theta_fast == 1.0);
    }
    // Shifted service past capacity: one phase at the negative root of l (E[e^{g S / c}] - 1) =
    // g, the fast server's (roots found by bisection, independently): a constant 0.5 s at 3/s,
    // 3 (e^{g/2} - 1) = g; a constant 1 s on 4 servers at 8/s, 8 (e^{g/4} - 1) = g; 1 s with
    // cv 0.5 (0.5 s plus an exponential of mean 0.5 s) on 4 servers at 8/s,
    // 8 (e^{g/8} 8 / (8 - g) - 1) = g. The Allen-Cunneen rates would be -4, -8 and -6.4.
    const struct {
        service_shape s;
        int c;
        double l, root;
    } past[] = {{fit_service(0.5, 0.0), 1, 3.0, -1.748434931597434},
                {fit_service(1.0, 0.0), 4, 8.0, -6.374497040160161},
                {fit_service(1.0, 0.5), 4, 8.0, -5.716451077944077}};
    for (const auto& p : past) {
        const auto ph = served_wait_phases(p.s, p.c, p.l, -123.0, 60.0);
        CHECK(ph.slow == 1.0);
        CHECK(ph.theta_slow == doctest::Approx(p.root).epsilon(1e-12));
        CHECK(ph.theta_fast == ph.theta_slow);
    }
    // Continuous through capacity: just below it the tail's rate, just above the root, both
    // near 0 and close to each other (the same equation's two roots meet at 0).
    const auto below = served_wait_phases(fit_service(1.0, 0.5), 4, 4 * (1 - 1e-6), 1e-6, 60.0);
    const auto above = served_wait_phases(fit_service(1.0, 0.5), 4, 4 * (1 + 1e-6), -1e-6, 60.0);
    CHECK(below.theta_slow > 0);
    CHECK(above.theta_slow < 0);
    CHECK(below.theta_slow - above.theta_slow < 1e-4);
}

namespace {

// M/D/1 with service 1 s at utilisation rho: P(W <= x) = (1 - rho) sum_{k <= x} (-rho (x - k))^k
// e^{rho (x - k)} / k! (Erlang's formula), summed in long double (its terms alternate).
double md1_wait_cdf(double rho, double x) {
    long double sum = 0, factorial = 1;
    for (int k = 0; k <= static_cast<int>(std::floor(x)); ++k) {
        if (k > 0) factorial *= k;
        const long double u = static_cast<long double>(rho) * (x - k);
        sum += std::pow(-u, k) * std::exp(u) / factorial;
    }
    return static_cast<double>((1 - rho) * sum);
}

// Exact latency quantiles of one server at utilisation rho (seconds).
struct exact_latency {
    double rho, p50, p95, p99;
};

// The p-quantile latency of a stationary queue whose waiters wait in the given phases.
double phases_quantile(const service_shape& s, const mmcd_state& st, const wait_phases& w,
                       double timeout_s, double p) {
    autoscalesim::latency_mixture mix(s, timeout_s);
    mix.add(st.p_no_wait, st.p_wait, w);
    return mix.quantile(p, 1e-9);
}

} // namespace

TEST_CASE("a constant or shifted service time waits in the exact tail plus a negative phase") {
    // One server, constant service of 1 s (M/D/1), timeout long enough not to truncate. The
    // slow phase is the Cramer-Lundberg rate g (lambda (e^g - 1) = g) and, with P(W > 0) = rho,
    // P(W > w) ~ C e^{-g w}, C = (1 - rho) / (lambda e^g - 1), the transform's residue: against
    // Erlang's exact formula it holds from a service time on.
    const auto d = fit_service(1.0, 0.0);
    for (const double rho : {0.3, 0.5, 0.7, 0.9}) {
        CAPTURE(rho);
        const auto st = mmcd(1, rho, 1.0, 1e6, 0.5);
        REQUIRE(st.p_wait == doctest::Approx(rho).epsilon(1e-9));
        const auto w = served_wait_phases(d, 1, rho, st.theta, 1e6);
        CHECK(rho * (std::exp(w.theta_slow) - 1) == doctest::Approx(w.theta_slow).epsilon(1e-12));
        CHECK(w.theta_fast > w.theta_slow);
        CHECK(w.slow > 1); // the second phase takes short waits away
        const double tail = (1 - rho) / (rho * std::exp(w.theta_slow) - 1);
        CHECK(rho * w.slow == doctest::Approx(tail).epsilon(1e-9));
        // the density at 0 is not negative (the second phase's rate is capped there)
        CHECK(w.slow * w.theta_slow + (1 - w.slow) * w.theta_fast >= -1e-12);
        for (const double x : {1.0, 2.0, 4.0, 8.0}) {
            CAPTURE(x);
            const double exact = 1 - md1_wait_cdf(rho, x);
            const double model = rho * (w.slow * std::exp(-w.theta_slow * x) +
                                        (1 - w.slow) * std::exp(-w.theta_fast * x));
            CHECK(model == doctest::Approx(exact).epsilon(0.03));
        }
    }
    // Latency quantiles (wait + 1 s) against Erlang's formula solved by bisection (worked
    // outside the library: at rho 0.5 p95 3.0506, p99 4.3363; at 0.7 5.1029, 7.4855 s). The
    // single exponential at the Allen-Cunneen rate read p99 4.912 and 8.079 s (+13 %, +8 %).
    for (const auto& x :
         {exact_latency{0.5, 0, 3.0506, 4.3363}, exact_latency{0.7, 0, 5.1029, 7.4855}}) {
        CAPTURE(x.rho);
        const auto st = mmcd(1, x.rho, 1.0, 3600, 0.5);
        const auto w = served_wait_phases(d, 1, x.rho, st.theta, 3600);
        CHECK(phases_quantile(d, st, w, 3600, 0.95) == doctest::Approx(x.p95).epsilon(2e-3));
        CHECK(phases_quantile(d, st, w, 3600, 0.99) == doctest::Approx(x.p99).epsilon(2e-3));
    }

    // Shift 0.5 s plus an exponential of mean 0.5 s (cv 0.5): lambda (e^{0.5 g} 2 / (2 - g) - 1)
    // = g; the second phase keeps the Pollaczek-Khinchine mean rho (1 + cv^2) / (2 (1 - rho))
    // exactly (no cap needed).
    const auto h = fit_service(1.0, 0.5);
    for (const double rho : {0.5, 0.8}) {
        CAPTURE(rho);
        const auto st = mmcd(1, rho, 1.0, 1e6, 0.625);
        const auto w = served_wait_phases(h, 1, rho, st.theta, 1e6);
        const double g = w.theta_slow;
        CHECK(rho * (std::exp(0.5 * g) * 2 / (2 - g) - 1) == doctest::Approx(g).epsilon(1e-12));
        CHECK(rho * (w.slow / g + (1 - w.slow) / w.theta_fast) ==
              doctest::Approx(rho * 1.25 / (2 * (1 - rho))).epsilon(1e-9));
    }
    // Its latency quantiles against the exact M/G/1 ones, the Pollaczek-Khinchine transform
    // inverted numerically (Talbot's method, outside the library): at rho 0.5 p50 1.2714, p95
    // 3.9087, p99 5.7521 s; at 0.8 2.5696, 9.5434, 14.4179 s.
    for (const auto& x : {exact_latency{0.5, 1.2714, 3.9087, 5.7521},
                          exact_latency{0.8, 2.5696, 9.5434, 14.4179}}) {
        CAPTURE(x.rho);
        const auto st = mmcd(1, x.rho, 1.0, 3600, 0.625);
        const auto w = served_wait_phases(h, 1, x.rho, st.theta, 3600);
        CHECK(phases_quantile(h, st, w, 3600, 0.5) == doctest::Approx(x.p50).epsilon(2e-3));
        CHECK(phases_quantile(h, st, w, 3600, 0.95) == doctest::Approx(x.p95).epsilon(2e-3));
        CHECK(phases_quantile(h, st, w, 3600, 0.99) == doctest::Approx(x.p99).epsilon(2e-3));
    }

    // c servers: the phases of one server c times as fast (rate g solves lambda (E[e^{g S / c}]
    // - 1) = g).
    const auto w4 = served_wait_phases(d, 4, 3.2, (4 - 3.2) / 0.5, 1e6);
    CHECK(3.2 * (std::exp(w4.theta_slow / 4) - 1) == doctest::Approx(w4.theta_slow).epsilon(1e-12));

    // Towards capacity the second phase fades out over the last 5 % of utilisation, to the one
    // phase the state has at and past capacity: the shape is continuous in the load.
    const auto at = [&](double rho) {
        const auto st = mmcd(1, rho, 1.0, 60, 0.625);
        return served_wait_phases(h, 1, rho, st.theta, 60);
    };
    CHECK(at(0.94).slow > 1.005);
    CHECK(at(0.999).slow - 1 < 1e-6);
    CHECK(at(0.999999).slow - 1 < 1e-15);
    CHECK(at(1.0).slow == 1.0);
    double last = at(0.9).slow;
    for (double rho = 0.901; rho < 1; rho += 0.001) {
        const double now = at(rho).slow;
        CHECK(now <= last + 1e-12); // fades monotonically
        last = now;
    }
}

TEST_CASE("at any load the two wait phases solve the M/G/1+D level-crossing equation below D") {
    // One server, mean 0.5 s, cv 1.5, D = 5 s, below, at and past capacity (2/s). The virtual
    // wait's density on (0, D), over P0, is h(w) = lambda (1 - B(w)) + lambda * integral over
    // (0, w) of h(y) (1 - B(w - y)) dy (a jump from below w crosses it unless the service ends
    // before). Rebuild h from the phases (h = m (slow g1 e^{-g1 w} / (1 - e^{-g1 D}) + ...), the
    // scale m from h(0+) = lambda) and check the equation by Simpson's rule at four points.
    const auto s = fit_service(0.5, 1.5);
    const double d = 5;
    for (double lambda : {1.0, 1.9, 2.0, 2.5, 4.0}) {
        CAPTURE(lambda);
        const auto w = served_wait_phases(s, 1, lambda, 0.0, d);
        REQUIRE(w.slow < 1);
        // A phase's density on (0, D), normalised (uniform when its rate is 0).
        const auto phase = [d](double g, double x) {
            return std::abs(g * d) < 1e-12 ? 1 / d : -g * std::exp(-g * x) / std::expm1(-g * d);
        };
        const auto shape = [&](double x) {
            return w.slow * phase(w.theta_slow, x) + (1 - w.slow) * phase(w.theta_fast, x);
        };
        const double m = lambda / shape(0);
        const auto h = [&](double x) { return m * shape(x); };
        for (double x : {0.3, 1.0, 2.5, 4.8}) {
            CAPTURE(x);
            const int n = 20000; // even
            double integral = 0;
            for (int i = 0; i <= n; ++i) {
                const double y = x * i / n;
                const double weight = (i == 0 || i == n) ? 1 : (i % 2 == 1 ? 4 : 2);
                integral += weight * h(y) * service_survival(s, x - y);
            }
            integral *= x / n / 3;
            CHECK(
                h(x) ==
                doctest::Approx(lambda * service_survival(s, x) + lambda * integral).epsilon(1e-9));
        }
    }
    // Past capacity the slow phase's density grows towards D, and far past it (its mass within
    // D beyond any double: e^{-g1 D} over 1e300 from about 14/s at D = 60 s) it takes nearly all
    // the waits, its rate falling steadily with the load.
    CHECK(served_wait_phases(s, 1, 2.5, 0.0, d).theta_slow < 0);
    CHECK(served_wait_phases(s, 1, 2.0, 0.0, d).theta_slow == doctest::Approx(0.0).epsilon(1e-12));
    double last_rate = 0;
    for (double lambda = 2.5; lambda < 200; lambda *= 1.1) {
        CAPTURE(lambda);
        const auto far = served_wait_phases(s, 1, lambda, 0.0, 60.0);
        CHECK(far.theta_slow < last_rate);
        CHECK(far.slow > 0.5);
        CHECK(far.slow <= 1.0);
        CHECK(far.theta_fast > 0);
        last_rate = far.theta_slow;
    }
}
