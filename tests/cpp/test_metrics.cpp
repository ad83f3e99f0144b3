// Metric periods, publish delay and M-of-N alarms.
#include <autoscalesim/errors.hpp>
#include <autoscalesim/metrics.hpp>

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <initializer_list>
#include <limits>
#include <utility>
#include <vector>

namespace asim = autoscalesim;

TEST_CASE("InvocationsPerInstance adds 1/N per request and is published after the delay") {
    asim::metric_stream s(asim::metric_kind::invocations_per_instance, 60'000, 60'000);
    // Minute 0: 30 s with 2 instances and 600 requests, then 30 s with 3 instances and 600:
    // 600/2 + 600/3 = 500; the capacity that produced it is 1200 / 500 = 2.4 (the harmonic
    // mean of 2 and 3), for which capacity x metric is the minute's requests; not the
    // time-weighted mean 2.5.
    s.add(30'000, 600, 2, 0, 0, 0, 0, 0);
    s.add(30'000, 600, 3, 0, 0, 0, 0, 0);
    s.close_period();
    CHECK(s.datapoints()[0].value == doctest::Approx(500.0));
    CHECK(s.datapoints()[0].capacity == doctest::Approx(2.4));
    CHECK(s.published(119'999) == 0); // minute 0 ends at 60 s, visible at 120 s
    CHECK(s.published(120'000) == 1);
    // A minute with no instance in service has no datapoint (NaN), not a zero.
    s.add(60'000, 100, 0, 0, 0, 0, 0, 0);
    s.close_period();
    CHECK(std::isnan(s.datapoints()[1].value));
}

TEST_CASE("each metric's capacity is the one for which capacity x metric is the period's total") {
    // 20 s with 1 instance, 40 s with 4 (spans of constant state).
    // ConcurrentRequestsPerModel: 6 in the system, then 8: value = (20 x 6/1 + 40 x 8/4) / 60 =
    // 200/60; total = (20 x 6 + 40 x 8) / 60 = 440/60, so capacity = 440 / 200 = 2.2.
    asim::metric_stream conc(asim::metric_kind::concurrent_requests_per_model, 60'000, 0);
    conc.add(20'000, 0, 1, 6, 0, 0, 0, 0);
    conc.add(40'000, 0, 4, 8, 0, 0, 0, 0);
    conc.close_period();
    CHECK(conc.datapoints()[0].value == doctest::Approx(200.0 / 60));
    CHECK(conc.datapoints()[0].capacity == doctest::Approx(2.2));
    // CPUUtilization: busy / workers, so the time-weighted mean of N is exact: (20 + 160) / 60.
    asim::metric_stream cpu(asim::metric_kind::cpu_utilization, 60'000, 0);
    cpu.add(20'000, 0, 1, 0, 1, 2, 0, 0);
    cpu.add(40'000, 0, 4, 0, 4, 8, 0, 0);
    cpu.close_period();
    CHECK(cpu.datapoints()[0].value == doctest::Approx(50.0));
    CHECK(cpu.datapoints()[0].capacity == doctest::Approx(3.0));
    // No traffic: InvocationsPerInstance is 0 and the capacity the harmonic time-mean,
    // 60 / (20/1 + 40/4) = 2.
    asim::metric_stream idle(asim::metric_kind::invocations_per_instance, 60'000, 0);
    idle.add(20'000, 0, 1, 0, 0, 0, 0, 0);
    idle.add(40'000, 0, 4, 0, 0, 0, 0, 0);
    idle.close_period();
    CHECK(idle.datapoints()[0].value == 0.0);
    CHECK(idle.datapoints()[0].capacity == doctest::Approx(2.0));
}

TEST_CASE("an alarm needs M breaching of the last N published datapoints") {
    asim::metric_stream s(asim::metric_kind::invocations_per_instance, 60'000, 0);
    asim::alarm high{100, asim::comparison::greater, 3, 2};
    CHECK(high.evaluate(s, 0) == asim::alarm_state::insufficient_data);
    const double values[] = {150, 50, 150, 50, 50};
    for (double v : values) {
        s.add(60'000, v, 1, 0, 0, 0, 0, 0);
        s.close_period();
    }
    // Last 3 at t = 180 s: 150, 50, 150 -> 2 of 3 breach -> ALARM; at 240 s: 50, 150, 50 -> OK.
    CHECK(high.evaluate(s, 180'000) == asim::alarm_state::alarm);
    CHECK(high.evaluate(s, 240'000) == asim::alarm_state::ok);
    // A value equal to the threshold does not breach (GreaterThanThreshold).
    asim::alarm at{150, asim::comparison::greater, 1, 1};
    CHECK(at.evaluate(s, 60'000) == asim::alarm_state::ok);
}

TEST_CASE("metric names parse in both spellings and unknown names are errors") {
    CHECK(asim::parse_metric("CPUUtilization") == asim::metric_kind::cpu_utilization);
    CHECK(asim::parse_metric("invocations_per_instance") ==
          asim::metric_kind::invocations_per_instance);
    CHECK_THROWS_WITH_AS(asim::parse_metric("Invocations"), doctest::Contains("unknown metric"),
                         asim::config_error);
}

namespace {
// A one-minute stream of the given datapoints, oldest first; NaN: a period without one (no
// instance in service).
asim::metric_stream stream_of(std::initializer_list<double> values) {
    asim::metric_stream s(asim::metric_kind::invocations_per_instance, 60'000, 0);
    for (const double v : values) {
        s.add(60'000, std::isnan(v) ? 0 : v, std::isnan(v) ? 0 : 1, 0, 0, 0, 0, 0);
        s.close_period();
    }
    return s;
}
} // namespace

TEST_CASE("TreatMissingData: CloudWatch's tables of evaluations with missing datapoints") {
    // The two tables of "How alarm state is evaluated when data is missing" (CloudWatch User
    // Guide, alarms-and-missing-data): Evaluation Periods 3, evaluation range 5, threshold
    // "> 100"; X a breaching datapoint (150), 0 a non-breaching one (50), - a missing one. Each
    // row: the five datapoints (oldest first), then the state with missing, notBreaching,
    // breaching.
    constexpr double X = 150, O = 50, _ = std::numeric_limits<double>::quiet_NaN();
    using st = asim::alarm_state;
    constexpr auto A = st::alarm, K = st::ok, I = st::insufficient_data;
    struct row {
        int m;
        std::initializer_list<double> points;
        st missing, not_breaching, breaching;
    };
    const row rows[] = {
        // 3 of 3
        {3, {O, _, X, _, X}, K, K, K},
        {3, {O, _, _, _, _}, K, K, K}, // one real datapoint, not breaching, with two filled
        {3, {_, _, _, _, _}, I, K, A},
        {3, {O, X, X, _, X}, A, A, A}, // three real datapoints: the treatment is not used
        {3, {_, _, X, _, _}, A, K, A}, // the premature alarm state
        // 2 of 3
        {2, {O, _, X, _, X}, A, A, A},
        {2, {O, O, X, O, X}, A, A, A},
        {2, {O, _, X, _, _}, K, K, A}, // no premature ALARM: a datapoint of the range is good
        {2, {_, _, _, _, O}, K, K, A},
        {2, {_, _, _, X, _}, A, K, A}, // premature: the breach is 2 (M) periods old
    };
    for (const auto& r : rows) {
        const auto s = stream_of(r.points);
        asim::alarm a{100, asim::comparison::greater, 3, r.m};
        const std::pair<asim::missing_data, st> cases[] = {
            {asim::missing_data::missing, r.missing},
            {asim::missing_data::not_breaching, r.not_breaching},
            {asim::missing_data::breaching, r.breaching}};
        for (const auto& [treat, expected] : cases) {
            a.treat_missing = treat;
            CAPTURE(&r - rows);
            CAPTURE(static_cast<int>(treat));
            CHECK(a.evaluate(s, 300'000) == expected);
        }
    }
    // The same with the comparison turned round ("< 100" over the values mirrored about 100).
    for (const auto& r : rows) {
        std::vector<double> mirrored;
        for (const double v : r.points)
            mirrored.push_back(200 - v);
        asim::metric_stream s(asim::metric_kind::invocations_per_instance, 60'000, 0);
        for (const double v : mirrored) {
            s.add(60'000, std::isnan(v) ? 0 : v, std::isnan(v) ? 0 : 1, 0, 0, 0, 0, 0);
            s.close_period();
        }
        asim::alarm a{100, asim::comparison::less, 3, r.m, asim::missing_data::missing};
        CHECK(a.evaluate(s, 300'000) == r.missing);
    }
    // The text's examples (3 of 3): "- - - - X" and "- - - X -" are not ALARM yet (the breach
    // is younger than M periods), nor "- - - X 0".
    for (const auto& points : {std::initializer_list<double>{_, _, _, _, X},
                               std::initializer_list<double>{_, _, _, X, _},
                               std::initializer_list<double>{_, _, _, X, O}}) {
        const asim::alarm a{100, asim::comparison::greater, 3, 3};
        CHECK(a.evaluate(stream_of(points), 300'000) == asim::alarm_state::ok);
    }
}

TEST_CASE("an alarm's range starts at the stream's first period") {
    const double _ = std::numeric_limits<double>::quiet_NaN();
    // 150, -, 150 (3 of 3): fewer than 3 real datapoints, every one breaching and the oldest 3
    // periods old: the premature ALARM with "missing"; one filled period that does not breach
    // with notBreaching; ALARM with breaching.
    const auto s = stream_of({150, _, 150});
    asim::alarm a{100, asim::comparison::greater, 3, 3, asim::missing_data::missing};
    CHECK(a.evaluate(s, 180'000) == asim::alarm_state::alarm);
    a.treat_missing = asim::missing_data::not_breaching;
    CHECK(a.evaluate(s, 180'000) == asim::alarm_state::ok);
    a.treat_missing = asim::missing_data::breaching;
    CHECK(a.evaluate(s, 180'000) == asim::alarm_state::alarm);
    // 1 of 1 looks back 3 periods: at 120 s the latest real datapoint, 150, two periods old.
    asim::alarm one{100, asim::comparison::greater, 1, 1, asim::missing_data::missing};
    for (const auto treat : {asim::missing_data::missing, asim::missing_data::not_breaching,
                             asim::missing_data::breaching}) {
        one.treat_missing = treat;
        CHECK(one.evaluate(s, 120'000) == asim::alarm_state::alarm);
    }
    // Three periods without a datapoint fill the range: then the treatment decides.
    const auto gone = stream_of({150, _, _, _});
    one.treat_missing = asim::missing_data::missing;
    CHECK(one.evaluate(gone, 240'000) == asim::alarm_state::insufficient_data);
    one.treat_missing = asim::missing_data::breaching;
    CHECK(one.evaluate(gone, 240'000) == asim::alarm_state::alarm);
    one.treat_missing = asim::missing_data::not_breaching;
    CHECK(one.evaluate(gone, 240'000) == asim::alarm_state::ok);
    // Before any datapoint there is nothing to count, whatever the treatment.
    for (const auto treat : {asim::missing_data::missing, asim::missing_data::not_breaching,
                             asim::missing_data::breaching}) {
        one.treat_missing = treat;
        CHECK(one.evaluate(s, 0) == asim::alarm_state::insufficient_data);
    }
    // One period in: 3 of 3 evaluates it alone and cannot reach 3 breaches...
    const auto first = stream_of({150});
    const asim::alarm three{100, asim::comparison::greater, 3, 3, asim::missing_data::breaching};
    CHECK(three.evaluate(first, 60'000) == asim::alarm_state::ok);
    // ...and a missing first period is INSUFFICIENT_DATA with "missing".
    CHECK(asim::alarm{100, asim::comparison::greater, 3, 3}.evaluate(stream_of({_}), 60'000) ==
          asim::alarm_state::insufficient_data);
}

TEST_CASE("alarm_window gives alarm::evaluate's state as the stream grows, skips and goes back") {
    // A stream of 400 one-minute periods: values around a threshold of 100, one in seven without
    // an instance in service (no datapoint); published one period after it ends.
    asim::metric_stream s(asim::metric_kind::invocations_per_instance, 60'000, 60'000);
    std::uint32_t x = 12345;
    auto next = [&x] { return x = x * 1664525u + 1013904223u; };
    for (int i = 0; i < 400; ++i) {
        const int in_service = next() % 7 == 0 ? 0 : 1;
        s.add(60'000, static_cast<double>(60 + next() % 81), in_service, 0, 0, 0, 0, 0);
        s.close_period();
    }
    const asim::comparison ops[] = {asim::comparison::greater, asim::comparison::less,
                                    asim::comparison::greater_or_equal,
                                    asim::comparison::less_or_equal};
    const asim::missing_data treatments[] = {asim::missing_data::missing,
                                             asim::missing_data::not_breaching,
                                             asim::missing_data::breaching};
    int states[3] = {0, 0, 0};
    for (const auto op : ops) {
        for (const auto treat : treatments) {
            for (const int n : {1, 3, 15}) {
                const asim::alarm a{100, op, n, n == 1 ? 1 : n - 1, treat};
                asim::alarm_window w;
                asim::time_ms now = 0;
                for (int k = 0; k < 500; ++k) {
                    // Mostly the next minute; sometimes a jump ahead past the window, or back.
                    const std::uint32_t r = next() % 20;
                    if (r == 0) {
                        now += 60'000 * 20;
                    } else if (r == 1) {
                        now = std::max<asim::time_ms>(0, now - 60'000 * 5);
                    } else {
                        now += 60'000;
                    }
                    now %= 410 * 60'000;
                    const auto expected = a.evaluate(s, now);
                    CAPTURE(now);
                    REQUIRE(w.evaluate(a, s, now) == expected);
                    ++states[static_cast<int>(expected)];
                }
            }
        }
    }
    // Every state was met along the way, so each was compared.
    CHECK(states[0] > 100);
    CHECK(states[1] > 100);
    CHECK(states[2] > 0);
    // The same window read against another stream counts that stream afresh.
    asim::metric_stream low(asim::metric_kind::invocations_per_instance, 60'000, 60'000);
    for (int i = 0; i < 400; ++i) {
        low.add(60'000, 10, 1, 0, 0, 0, 0, 0);
        low.close_period();
    }
    const asim::alarm a{100, asim::comparison::greater, 3, 3};
    asim::alarm_window w;
    asim::time_ms in_alarm = 0;
    for (asim::time_ms now = 60'000; now < 400 * 60'000 && in_alarm == 0; now += 60'000) {
        REQUIRE(w.evaluate(a, s, now) == a.evaluate(s, now));
        in_alarm = a.evaluate(s, now) == asim::alarm_state::alarm ? now : 0;
    }
    REQUIRE(in_alarm > 0);
    CHECK(w.evaluate(a, low, in_alarm) == asim::alarm_state::ok);
}
