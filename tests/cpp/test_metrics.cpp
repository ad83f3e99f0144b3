// Metric periods, publish delay and M-of-N alarms.
#include <autoscalesim/errors.hpp>
#include <autoscalesim/metrics.hpp>

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>

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

TEST_CASE("TreatMissingData: missing, notBreaching and breaching") {
    // Datapoints 150, missing, 150 against "> 100", 3 of 3 (CloudWatch's documented table:
    // missing leaves the period out, notBreaching counts it as good, breaching as bad).
    asim::metric_stream s(asim::metric_kind::invocations_per_instance, 60'000, 0);
    s.add(60'000, 150, 1, 0, 0, 0, 0, 0);
    s.close_period();
    s.add(60'000, 0, 0, 0, 0, 0, 0, 0); // no instance in service: no datapoint
    s.close_period();
    s.add(60'000, 150, 1, 0, 0, 0, 0, 0);
    s.close_period();
    asim::alarm a{100, asim::comparison::greater, 3, 3, asim::missing_data::missing};
    CHECK(a.evaluate(s, 180'000) == asim::alarm_state::ok); // 2 breaching of 2 present
    a.datapoints_to_alarm = 2;
    CHECK(a.evaluate(s, 180'000) == asim::alarm_state::alarm);
    a.datapoints_to_alarm = 3;
    a.treat_missing = asim::missing_data::not_breaching;
    CHECK(a.evaluate(s, 180'000) == asim::alarm_state::ok);
    a.treat_missing = asim::missing_data::breaching;
    CHECK(a.evaluate(s, 180'000) == asim::alarm_state::alarm);
    // Only the missing period in the window: INSUFFICIENT_DATA with "missing", a state with the
    // others (one breaching period of 1 with "breaching").
    asim::alarm one{100, asim::comparison::greater, 1, 1, asim::missing_data::missing};
    CHECK(one.evaluate(s, 120'000) == asim::alarm_state::insufficient_data);
    one.treat_missing = asim::missing_data::breaching;
    CHECK(one.evaluate(s, 120'000) == asim::alarm_state::alarm);
    one.treat_missing = asim::missing_data::not_breaching;
    CHECK(one.evaluate(s, 120'000) == asim::alarm_state::ok);
    // Before any datapoint there is nothing to count, whatever the treatment.
    CHECK(one.evaluate(s, 0) == asim::alarm_state::insufficient_data);
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
