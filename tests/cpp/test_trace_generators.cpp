// Synthetic generators: shapes are checked against integrals worked out by hand, noise against its
// moments with a fixed seed (deterministic, so the tolerances are never flaky).
#include <autoscalesim/errors.hpp>
#include <autoscalesim/generators.hpp>

#include <doctest/doctest.h>

#include <cmath>
#include <cstring>
#include <numbers>

using namespace autoscalesim;

TEST_CASE("seasonal: a whole day averages to the mean, the peak hour is the peak") {
    seasonal_options o;
    o.mean_rate_per_s = 10;
    o.daily_amplitude = 0.5;
    o.daily_peak_hour_utc = 15;
    // 24 hourly intervals from midnight UTC: the cosine at the 24 midpoints sums to 0, so the
    // total is 10 req/s * 86400 s = 864000.
    const trace t = generate_seasonal(o, ms_per_hour, 24, 0);
    CHECK(t.total() == doctest::Approx(864'000));
    // hour 14 (midpoint 14.5 h): 10 * (1 + 0.5 cos(2 pi (14.5 - 15)/24)) * 3600
    //   = 36000 * (1 + 0.5 * 0.991445) = 53846.0
    CHECK(t.counts()[14] == doctest::Approx(36'000 * (1 + 0.5 * std::cos(std::numbers::pi / 24))));
    CHECK(t.counts()[14] == doctest::Approx(53'846.0).epsilon(1e-5));
    // hour 3 (midpoint 3.5 h) is 11.5 h from the peak: 36000 * (1 - 0.5 cos(pi/24)) = 18154.0
    CHECK(t.counts()[3] == doctest::Approx(18'154.0).epsilon(1e-5));
}

TEST_CASE("seasonal: weekly cycle and trend") {
    seasonal_options o;
    o.mean_rate_per_s = 1;
    o.daily_amplitude = 0;
    o.weekly_amplitude = 1;
    o.weekly_peak_day = 0; // Monday
    // 1970-01-05 00:00 UTC was a Monday (epoch day 4). Daily intervals from then: the midpoint of
    // day k is k + 0.5 days after Monday 00:00, factor 1 + cos(2 pi (k + 0.5)/7).
    const time_ms monday = 4 * 86'400'000LL;
    const trace t = generate_seasonal(o, ms_per_hour, 24 * 7, monday);
    CHECK(t.total() == doctest::Approx(7 * 86'400.0)); // the cycle averages out over a week
    // Monday's 24 hours approximate the integral 86400 * (1 + 7/(2 pi) sin(2 pi/7))
    //   = 86400 * (1 + 1.114085 * 0.781831) = 161661.1 (midpoint rule, error ~1e-4 relative)
    CHECK(t.slice(0, 24).total() == doctest::Approx(161'661.1).epsilon(1e-4));
    // trend +10 %/day, no seasonality: hour 47 (midpoint 47.5 h = 1.979 days) has 1 + 0.1*1.979
    // = 1.19792
    seasonal_options g;
    g.mean_rate_per_s = 1;
    g.daily_amplitude = 0;
    g.trend_per_day = 0.1;
    const trace tr = generate_seasonal(g, ms_per_hour, 48);
    CHECK(tr.counts()[47] == doctest::Approx(3600 * (1 + 0.1 * 47.5 / 24)));
    // A falling trend may not reach 0 within the trace (it would be clipped to no traffic): -0.1
    // a day over 48 hours leaves 0.8; over 10 days it would reach 0.
    g.trend_per_day = -0.1;
    CHECK(generate_seasonal(g, ms_per_hour, 48).counts()[47] ==
          doctest::Approx(3600 * (1 - 0.1 * 47.5 / 24)));
    CHECK_THROWS_WITH_AS((void)generate_seasonal(g, ms_per_hour, 240),
                         doctest::Contains("takes the rate to 0"), config_error);
    g.trend_per_day = 0.1;
    g.daily_amplitude = 2;
    CHECK_THROWS_AS((void)generate_seasonal(g, ms_per_hour, 1), config_error);
}

TEST_CASE("flash crowd: exact integral of the spike") {
    const trace flat(std::vector<double>(4, 100.0), 60'000);
    flash_crowd_options f;
    f.onset_ms = 60'000;
    f.extra_peak_rate_per_s = 10;
    f.rise_s = 0;
    f.decay_s = 60;
    const trace t = add_flash_crowd(flat, f);
    // interval 0 is before the onset; interval 1 adds 10 * 60 * (1 - e^-1) = 379.2723;
    // interval 2 adds 600 * (e^-1 - e^-2) = 600 * 0.232544 = 139.5265;
    // interval 3 adds 600 * (e^-2 - e^-3) = 600 * 0.085548 = 51.3289
    CHECK(t.counts()[0] == 100);
    CHECK(t.counts()[1] == doctest::Approx(479.2723));
    CHECK(t.counts()[2] == doctest::Approx(239.5265));
    CHECK(t.counts()[3] == doctest::Approx(151.3289));
    // a 60 s linear rise to 10 req/s: 0.5 * 10 * 60 = 300 requests in the rise interval
    f.rise_s = 60;
    CHECK(add_flash_crowd(flat, f).counts()[1] == doctest::Approx(400));
}

TEST_CASE("step change multiplies from its time on, pro rata inside the interval") {
    const trace flat(std::vector<double>(3, 100.0), 60'000);
    // at 90 s: interval 0 unchanged, interval 1 half before (50) half after (50 * 2 = 100) -> 150,
    // interval 2 -> 200
    const trace t = add_step_change(flat, 90'000, 2.0);
    CHECK(t.counts() == std::vector<double>{100, 150, 200});
}

TEST_CASE("load test: ramp to N users, hold") {
    load_test_options o;
    o.users = 10;
    o.ramp_s = 120;
    o.hold_s = 60;
    o.requests_per_user_per_s = 1;
    const trace t = generate_load_test(o, 60'000);
    // users(t) = 10 t / 120 on the ramp: integral over [0,60] = 10/120 * 60^2/2 = 150,
    // over [60,120] = 10/120 * (120^2 - 60^2)/2 = 450; the hold minute is 10 * 60 = 600; total 1200
    REQUIRE(t.size() == 3);
    CHECK(t.counts()[0] == doctest::Approx(150));
    CHECK(t.counts()[1] == doctest::Approx(450));
    CHECK(t.counts()[2] == doctest::Approx(600));
    // a 90 s test in 60 s intervals: 2 intervals; the second covers 30 s of hold = 10*30 (ramp 0)
    o.ramp_s = 0;
    o.hold_s = 90;
    const trace h = generate_load_test(o, 60'000);
    CHECK(h.counts() == std::vector<double>{600, 300});
}

TEST_CASE("noise: same seed same bits, Poisson and negative binomial moments") {
    const trace expected(std::vector<double>(20'000, 100.0), 60'000);
    const trace a = add_noise(expected, {}, 42);
    const trace b = add_noise(expected, {}, 42);
    REQUIRE(a.size() == b.size());
    CHECK(std::memcmp(a.counts().data(), b.counts().data(), a.size() * sizeof(double)) == 0);
    CHECK(add_noise(expected, {}, 43).counts() != a.counts());
    auto moments = [](const trace& t) {
        const double m = t.total() / static_cast<double>(t.size());
        double v = 0;
        for (double c : t.counts()) {
            v += (c - m) * (c - m);
        }
        return std::pair{m, v / static_cast<double>(t.size() - 1)};
    };
    // Poisson(100): mean 100, variance 100. Standard error of the mean is sqrt(100/20000) = 0.07,
    // of the variance about 100 * sqrt(2/20000) = 1.0; tolerances are 5 of each.
    auto [pm, pv] = moments(a);
    CHECK(pm == doctest::Approx(100).epsilon(0.0035));
    CHECK(pv == doctest::Approx(100).epsilon(0.05));
    std::size_t fractional = 0;
    for (double c : a.counts()) {
        fractional += c != std::floor(c) ? 1 : 0;
    }
    CHECK(fractional == 0);
    // Negative binomial r = 10: variance = 100 + 100^2/10 = 1100.
    const trace n = add_noise(expected, {noise_model::negative_binomial, 10}, 7);
    auto [nm, nv] = moments(n);
    CHECK(nm == doctest::Approx(100).epsilon(0.015));
    CHECK(nv == doctest::Approx(1100).epsilon(0.08));
    // zero expected traffic stays zero
    CHECK(add_noise(trace(std::vector<double>(3, 0.0), 60'000), {}, 1).total() == 0);
    CHECK_THROWS_AS((void)add_noise(expected, {noise_model::negative_binomial, 0}, 1),
                    config_error);
}

TEST_CASE("the docs/traces.md generator example runs") {
    const time_ms start_epoch_ms = 4 * 86'400'000LL; // a Monday
    seasonal_options s;
    s.weekly_amplitude = 0.2;
    s.trend_per_day = 0.01;
    trace t = generate_seasonal(s, ms_per_minute, 14 * 24 * 60, start_epoch_ms);
    t = add_flash_crowd(
        t,
        {.onset_ms = 3 * ms_per_hour, .extra_peak_rate_per_s = 50, .rise_s = 60, .decay_s = 900});
    t = add_step_change(t, 7 * 24 * ms_per_hour, 1.5);
    t = add_noise(t, {noise_model::negative_binomial, 20}, /*seed=*/42);
    CHECK(t.size() == 14 * 24 * 60);
    const trace load = generate_load_test(
        {.users = 200, .ramp_s = 600, .hold_s = 1800, .requests_per_user_per_s = 0.5},
        ms_per_minute);
    // 200 users * 0.5 req/s = 100 req/s; ramp averages half: 50 * 600 + 100 * 1800 = 210000
    CHECK(load.size() == 40);
    CHECK(load.total() == doctest::Approx(210'000));
}
