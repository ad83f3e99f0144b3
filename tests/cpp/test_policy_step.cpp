// Application Auto Scaling step scaling (research/scaling-semantics.md section 3 and section 5,
// rows 3-7), each number worked out by hand. Datapoint k covers [60k, 60k + 60) s and is published
// at 60k + 120 s; the alarm is 3 of 3 unless said otherwise.
#include "scenario_builders.hpp"

#include <doctest/doctest.h>

#include <limits>

using namespace asim_test;

namespace {
constexpr double inf = std::numeric_limits<double>::infinity();

// The AAS-STEP example: threshold 50, PercentChangeInCapacity, out steps [0, 10) -> 0,
// [10, 20) -> +10 %, [20, inf) -> +30 %, in steps mirrored: (-10, 0] -> 0, (-20, -10] -> -10 %,
// (-inf, -20] -> -30 %.
asim::step_scaling_config percent_example() {
    asim::step_scaling_config c;
    c.threshold = 50;
    c.adjustment = asim::adjustment_type::percent_change_in_capacity;
    c.steps = {{0, 10, 0},  {10, 20, 10},    {20, inf, 30},
               {-10, 0, 0}, {-20, -10, -10}, {-inf, -20, -30}};
    return c;
}

// A scenario with no target tracking, only the given step policies.
asim::scenario step_scenario(std::vector<double> per_minute, int initial,
                             std::vector<asim::step_scaling_config> steps, double startup_s = 300) {
    auto sc = scaling_scenario(std::move(per_minute), initial, 1000, 1, 50, startup_s);
    sc.scaling.target_tracking.clear();
    sc.scaling.step_scaling = std::move(steps);
    return sc;
}
} // namespace

TEST_CASE("row 4: PercentChangeInCapacity rounding") {
    using sp = asim::step_scaling_policy;
    CHECK(sp::percent_adjustment(127, 10, 0) == 12); // 12.7 -> 12 (down when > 1)
    CHECK(sp::percent_adjustment(67, 1, 0) == 1);    // 0.67 -> 1
    CHECK(sp::percent_adjustment(58, -1, 0) == -1);  // -0.58 -> -1
    CHECK(sp::percent_adjustment(667, -1, 0) == -6); // -6.67 -> -6 (toward zero)
    CHECK(sp::percent_adjustment(10, 10, 0) == 1);   // exactly 1
    CHECK(sp::percent_adjustment(10, 0, 0) == 0);
}

TEST_CASE("row 5: MinAdjustmentMagnitude raises a +25 % of 4 from 1 to 2") {
    // 25 % of 4 = 1, below the minimum magnitude 2 -> +2; it applies to decreases too.
    CHECK(asim::step_scaling_policy::percent_adjustment(4, 25, 2) == 2);
    CHECK(asim::step_scaling_policy::percent_adjustment(4, -25, 2) == -2);
    CHECK(asim::step_scaling_policy::percent_adjustment(40, 25, 2) == 10);
}

TEST_CASE("row 3: the AAS step example with percent steps around threshold 50") {
    const asim::step_scaling_policy p(percent_example());
    // 60: 60 - 50 = 10 is in [10, 20) (lower bound inclusive above the threshold): +10 % of 10
    // = 1 -> 11.
    CHECK(p.adjusted_capacity(10, 60) == 11);
    // 70: 20 in [20, inf): +30 % of 11 = 3.3 -> 3 -> 14.
    CHECK(p.adjusted_capacity(11, 70) == 14);
    // 40: -10 is in (-20, -10] (upper bound inclusive below the threshold): -10 % of 14 = -1.4
    // -> -1 -> 13.
    CHECK(p.adjusted_capacity(14, 40) == 13);
    // 30: -20 in (-inf, -20]: -30 % of 13 = -3.9 -> -3 -> 10.
    CHECK(p.adjusted_capacity(13, 30) == 10);
    // Bounds: 59.9 is still in [0, 10); 50 itself matches [0, 10) or (-10, 0] (both 0 %).
    CHECK(p.find_step(59.9)->adjustment == 0);
    CHECK(p.find_step(50)->adjustment == 0);
    CHECK(p.find_step(39.9)->adjustment == -10);
}

TEST_CASE("step bounds must not overlap or leave gaps, and errors name the field") {
    auto c = percent_example();
    c.steps[1].upper_bound = 19; // gap between 19 and 20: names the step after it
    CHECK_THROWS_WITH_AS(c.validate(),
                         "scaling.step_scaling[step-scaling].steps[2].lower_bound: leaves a gap "
                         "after steps[1] (upper_bound 19, then lower_bound 20): in order of "
                         "their bounds, each step starts where the one before ends",
                         asim::config_error);
    c = percent_example();
    c.steps[3].lower_bound = -1e-300; // [-1e-300, 0) after [-20, -10): a gap
    CHECK_THROWS_WITH_AS(c.validate(),
                         "scaling.step_scaling[step-scaling].steps[3].lower_bound: leaves a gap "
                         "after steps[4] (upper_bound -10, then lower_bound -1e-300): in order "
                         "of their bounds, each step starts where the one before ends",
                         asim::config_error);
    c.steps[3].lower_bound = -15; // [-15, 0) after [-20, -10): they overlap
    CHECK_THROWS_WITH_AS(c.validate(),
                         "scaling.step_scaling[step-scaling].steps[3].lower_bound: overlaps "
                         "steps[4] (upper_bound -10, then lower_bound -15): in order of "
                         "their bounds, each step starts where the one before ends",
                         asim::config_error);
    c = percent_example();
    c.steps[0].lower_bound = std::nan("");
    CHECK_THROWS_WITH_AS(c.validate(),
                         "scaling.step_scaling[step-scaling].steps[0].lower_bound: expected a "
                         "number or null (unbounded), got NaN",
                         asim::config_error);
    c = percent_example();
    c.steps[1].upper_bound = 5;
    CHECK_THROWS_WITH_AS(c.validate(),
                         "scaling.step_scaling[step-scaling].steps[1].upper_bound: must be "
                         "greater than lower_bound (10), got 5",
                         asim::config_error);
    c = percent_example();
    c.adjustment = asim::adjustment_type::change_in_capacity;
    c.min_adjustment_magnitude = 2;
    CHECK_THROWS_WITH_AS(c.validate(), doctest::Contains("min_adjustment_magnitude"),
                         asim::config_error);
    CHECK_NOTHROW(percent_example().validate());
}

TEST_CASE("row 6: during the cooldown a larger step adds only its excess") {
    // 2 instances; ChangeInCapacity steps over threshold 1000: [0, 500) -> +2, [500, inf) -> +3;
    // start-up 60 s; cooldown 600 s.
    // Minutes 0-4 at 2400/min: 1200 per instance (+200, step +2). Minutes 0-2 published at 240 s:
    // 2 -> 4, in service at 300 s, cooldown to 900 s.
    // From minute 5, 8000/min on 4 instances: 2000 per instance (+1000, step +3).
    // 420 s: minutes 2-4 (1200, 1200, 1200): +2 from the capacity before the cooldown (2) = 4,
    //        not larger -> nothing.
    // 480 s: minutes 4-6 average (1200 + 2000 + 2000) / 3 = 1733: step +3 -> 2 + 3 = 5 > 4:
    //        only the excess, +1 -> 5. In service at 540 s; cooldown to 1140 s = the end.
    auto v = constant(5, 2400);
    then(v, 14, 8000);
    asim::step_scaling_config c;
    c.threshold = 1000;
    c.steps = {{0, 500, 2}, {500, inf, 3}};
    c.cooldown_s = 600;
    auto r = asim::simulate(step_scenario(v, 2, {c}, 60));
    REQUIRE(r.activities.size() == 2);
    CHECK(r.activities[0].start_ms == 240'000);
    CHECK(r.activities[0].end_ms == 300'000);
    CHECK(r.activities[0].to == 4);
    CHECK(r.activities[1].start_ms == 480'000);
    CHECK(r.activities[1].from == 4);
    CHECK(r.activities[1].to == 5);
    CHECK(r.activities[1].cause.find("only the excess") != std::string::npos);

    // MetricAggregationType Maximum: at 420 s the maximum of minutes 3-5 is 2000 -> step +3
    // one minute earlier; in service at 480 s, cooldown to 1080 s. At 1080 s, outside the
    // cooldown, 8000 / 5 = 1600 per instance -> step +3 from the current 5 -> 8.
    c.aggregation = asim::metric_aggregation::maximum;
    r = asim::simulate(step_scenario(v, 2, {c}, 60));
    REQUIRE(r.activities.size() == 3);
    CHECK(r.activities[1].start_ms == 420'000);
    CHECK(r.activities[1].to == 5);
    CHECK(r.activities[2].start_ms == 1'080'000);
    CHECK(r.activities[2].from == 5);
    CHECK(r.activities[2].to == 8);
}

TEST_CASE("row 7: two policies at capacity 10, +3 and +200 %: the largest (30) wins") {
    // 10 instances at 15000/min: 1500 per instance > 1000 in minutes 0-2, published at 240 s.
    // Policy A: +3 -> 13. Policy B: +200 % of 10 = 20 -> 30. Out if any, largest wins: 30.
    asim::step_scaling_config a;
    a.name = "plus-3";
    a.threshold = 1000;
    a.steps = {{0, inf, 3}};
    auto b = a;
    b.name = "plus-200-percent";
    b.adjustment = asim::adjustment_type::percent_change_in_capacity;
    b.steps = {{0, inf, 200}};
    const auto r = asim::simulate(step_scenario(constant(10, 15000), 10, {a, b}));
    REQUIRE(!r.activities.empty());
    CHECK(r.activities[0].start_ms == 240'000);
    CHECK(r.activities[0].from == 10);
    CHECK(r.activities[0].to == 30);
    CHECK(r.activities[0].cause.find("plus-200-percent") == 0);
}

TEST_CASE("ExactCapacity sets the capacity") {
    asim::step_scaling_config c;
    c.threshold = 1000;
    c.adjustment = asim::adjustment_type::exact_capacity;
    c.steps = {{0, inf, 7}};
    const auto r = asim::simulate(step_scenario(constant(10, 3000), 2, {c}));
    REQUIRE(!r.activities.empty());
    CHECK(r.activities[0].start_ms == 240'000);
    CHECK(r.activities[0].to == 7);
}

TEST_CASE("step and target tracking do not block each other") {
    // Target tracking (target 1000) plus a step scale-in policy: alarm < 500 (3 of 3), step
    // (-inf, 0] -> -1, cooldown 300 s.
    // 4 instances at 1200/min: 300 per instance. 240 s: step alarm -> 3, although target
    // tracking's AlarmLow needs 15 minutes (scale-in by an independent policy).
    // Minute 4 onwards 400 per instance; 480 s is inside the step cooldown (to 540 s); 540 s:
    // minutes 5-7 at 400 -> 2. Then 600 per instance: the step alarm clears.
    // 960 s: target tracking's AlarmLow (minutes 0-14 < 900) votes ceil(2 x 0.6) = 2: no change.
    // Minutes 20-29 at 3000/min: 1500 per instance; minutes 20-22 published at 1440 s: target
    // tracking scales out to ceil(2 x 1.5) = 3, the step policy's scale-ins notwithstanding.
    auto v = constant(20, 1200);
    then(v, 10, 3000);
    auto sc = scaling_scenario(v, 4, 1000);
    asim::step_scaling_config in;
    in.name = "step-in";
    in.threshold = 500;
    in.alarm_comparison = asim::comparison::less;
    in.steps = {{-inf, 0, -1}};
    sc.scaling.step_scaling.push_back(in);
    const auto r = asim::simulate(sc);
    REQUIRE(r.activities.size() == 3);
    CHECK(r.activities[0].start_ms == 240'000);
    CHECK(r.activities[0].to == 3);
    CHECK(r.activities[0].cause.find("step-in") == 0);
    CHECK(r.activities[1].start_ms == 540'000);
    CHECK(r.activities[1].to == 2);
    CHECK(r.activities[2].start_ms == 1'440'000);
    CHECK(r.activities[2].from == 2);
    CHECK(r.activities[2].to == 3);
    CHECK(r.activities[2].cause.find("AlarmHigh") != std::string::npos);
}

TEST_CASE("a step policy's alarm takes its TreatMissingData") {
    // ModelLatency > 5 ms (3 of 3), +1 instance: in request mode, 600 requests of 10 ms evenly
    // spaced over minute 0 only, so only datapoint 0 exists (published at 120 s); the later
    // minutes serve nothing and have none.
    // At 240 s the range is X - - (CloudWatch's "oldest breaching datapoint at least M old"):
    // - missing: the premature alarm state, ALARM: +1, by the one real datapoint's value;
    // - breaching: X and two filled breaching periods: ALARM, +1;
    // - notBreaching: one breach of three: OK, never.
    // Once the datapoint has left the range (5 periods), missing is INSUFFICIENT_DATA and
    // breaching, though in ALARM, has no value to choose a step by: nothing more either way.
    auto v = constant(1, 600);
    then(v, 29, 0);
    for (const auto treat : {asim::missing_data::missing, asim::missing_data::breaching,
                             asim::missing_data::not_breaching}) {
        asim::step_scaling_config c;
        c.name = "latency";
        c.metric = asim::metric_kind::model_latency;
        c.threshold = 0.005;
        c.steps = {{0, inf, 1}};
        c.treat_missing_data = treat;
        auto sc = step_scenario(v, 2, {c});
        sc.mode = asim::plane_mode::request;
        sc.arrivals = asim::arrival_process::uniform_counts;
        const auto r = asim::simulate(sc);
        CAPTURE(static_cast<int>(treat));
        if (treat == asim::missing_data::not_breaching) {
            CHECK(r.activities.empty());
            continue;
        }
        REQUIRE(r.activities.size() == 1);
        CHECK(r.activities[0].start_ms == 240'000);
        CHECK(r.activities[0].to == 3);
    }
}
