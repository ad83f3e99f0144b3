// AWS target-tracking semantics (research/scaling-semantics.md), each number worked out by hand.
// Conventions: a datapoint for minute k covers [60k, 60k + 60) s, is published 60 s after it ends,
// and alarms are evaluated every minute; 3 of 3 above target -> AlarmHigh, 15 of 15 below 90 %.
#include "scenario_builders.hpp"

#include <autoscalesim/io/csv_trace.hpp>
#include <doctest/doctest.h>

#include <cmath>
#include <string>

using namespace asim_test;

TEST_CASE("the published walkthrough: 2 instances at 1420/instance, target 1000") {
    // 2840 invocations/minute on 2 instances -> 1420 per instance per minute > 1000.
    // Datapoints of minutes 0, 1, 2 breach; minute 2 ends at 180 s, is published at 240 s:
    // AlarmHigh fires at 240 s and desired = ceil(2 x 1420 / 1000) = ceil(2.84) = 3.
    // The new instance starts for 300 s: in service at 540 s (minute 9), then the metric is
    // 2840 / 3 = 946.67, between 900 (AlarmLow) and 1000, so nothing else happens.
    auto sc = scaling_scenario(constant(60, 2840), 2, 1000);
    const auto r = asim::simulate(sc);
    REQUIRE(r.activities.size() == 1);
    const auto& a = r.activities[0];
    CHECK(a.start_ms == 240'000);
    CHECK(a.end_ms == 540'000);
    CHECK(a.from == 2);
    CHECK(a.to == 3);
    CHECK(a.cause.find("AlarmHigh") != std::string::npos);
    CHECK(r.totals.scale_out_count == 1);
    CHECK(r.totals.scale_in_count == 0);
    const auto& tl = r.steps;
    CHECK(tl.desired[3] == 2);
    CHECK(tl.desired[4] == 3);
    CHECK(tl.starting[4] == 1);
    CHECK(tl.in_service[8] == 2);
    CHECK(tl.in_service[9] == 3);
    CHECK(tl.metric[8] == doctest::Approx(1420.0));
    CHECK(tl.metric[9] == doctest::Approx(2840.0 / 3.0));
    CHECK(tl.metric[59] == doctest::Approx(946.6667).epsilon(1e-6));
    // Cost: 2 instances x 3600 s + 1 instance launched at 240 s (start-up billed) x 3360 s,
    // at $1/h: (7200 + 3360) / 3600 = 2.9333 USD.
    CHECK(r.totals.cost_usd == doctest::Approx(10560.0 / 3600.0).epsilon(1e-12));
}

TEST_CASE("cooldown starting at completion prevents the overshoot that a start-based one allows") {
    // Walkthrough with a 120 s scale-out cooldown. From completion (540 s) it runs to 660 s; at
    // 600 s AlarmHigh still sees minutes 6-8, produced by 2 instances: inside the window the
    // proposal uses that capacity, ceil(2 x 1.42) = 3, not larger -> nothing.
    // From the start (240 s) it ends at 360 s. At 540 s the instance enters service, completing
    // the activity (readiness is processed before the evaluation at the same instant); AlarmHigh
    // still sees minutes 5-7 (produced by 2 instances) and, with no window, the proposal uses
    // the current capacity: ceil(3 x 1.42) = ceil(4.26) = 5 -> overshoot to 5 at 540 s.
    auto sc = scaling_scenario(constant(30, 2840), 2, 1000);
    sc.scaling.target_tracking[0].scale_out_cooldown_s = 120;
    auto r = asim::simulate(sc);
    CHECK(r.activities.size() == 1);

    sc.scaling.cooldown_from = asim::cooldown_start::start;
    r = asim::simulate(sc);
    REQUIRE(r.activities.size() >= 2);
    CHECK(r.activities[1].start_ms == 540'000);
    CHECK(r.activities[1].from == 3);
    CHECK(r.activities[1].to == 5);
}

TEST_CASE("a larger scale-out runs during the scale-out cooldown") {
    // 2 instances, 2840/min, start-up 60 s, scale-out cooldown 900 s from completion.
    // 240 s: 2 -> 3 (ready 300 s; cooldown to 1200 s). From minute 6, 6000/min: per instance
    // 2000 (3 in service). Minutes 6, 7, 8 breach; minute 8 published at 600 s, inside the
    // cooldown: desired = ceil(3 x 2000 / 1000) = 6 > 3 -> runs at once at 600 s.
    auto v = constant(6, 2840);
    then(v, 24, 6000);
    auto sc = scaling_scenario(v, 2, 1000, 1, 50, 60);
    sc.scaling.target_tracking[0].scale_out_cooldown_s = 900;
    const auto r = asim::simulate(sc);
    REQUIRE(r.activities.size() >= 2);
    CHECK(r.activities[0].start_ms == 240'000);
    CHECK(r.activities[0].to == 3);
    CHECK(r.activities[1].start_ms == 600'000);
    CHECK(r.activities[1].from == 3);
    CHECK(r.activities[1].to == 6);
    // 6000 / 6 = 1000 is not above 1000, and not below 900: no further activity.
    CHECK(r.activities.size() == 2);
}

TEST_CASE("scale-in is blocked during the scale-in cooldown") {
    // 4 instances, 3000/min -> 750 per instance < 900: minutes 0-14 published by 960 s, AlarmLow:
    // desired = ceil(4 x 0.75) = 3 at 960 s; scale-in cooldown 3600 s -> until 4560 s.
    // Minutes 0-19 at 3000 (3 instances: 1000, no alarm), then 1200/min -> 400 per instance.
    // Minutes 20-34 breach, published at 2160 s: blocked until 4560 s, when ceil(3 x 0.4) = 2.
    auto v = constant(20, 3000);
    then(v, 70, 1200);
    auto sc = scaling_scenario(v, 4, 1000);
    sc.scaling.target_tracking[0].scale_in_cooldown_s = 3600;
    const auto r = asim::simulate(sc);
    REQUIRE(r.activities.size() >= 2);
    CHECK(r.activities[0].start_ms == 960'000);
    CHECK(r.activities[0].to == 3);
    CHECK(r.activities[1].start_ms == 4'560'000);
    CHECK(r.activities[1].from == 3);
    CHECK(r.activities[1].to == 2);
}

TEST_CASE("a scale-out cancels the rest of the scale-in cooldown") {
    // As above until the scale-in to 3 at 960 s (cooldown to 4560 s). Minutes 20-22 at 6000/min
    // (2000 per instance) publish by 1440 s: desired = ceil(3 x 2) = 6 at 1440 s, ready 1500 s.
    // Then 600/min: minutes 23-37 all breach AlarmLow (200 or 100 per instance < 900); minute 37
    // is published at 2340 s: ceil(6 x 100 / 1000) = 1 -> scale-in at 2340 s, long before 4560 s.
    auto v = constant(20, 3000);
    then(v, 3, 6000);
    then(v, 40, 600);
    auto sc = scaling_scenario(v, 4, 1000, 1, 50, 60);
    sc.scaling.target_tracking[0].scale_in_cooldown_s = 3600;
    const auto r = asim::simulate(sc);
    REQUIRE(r.activities.size() >= 3);
    CHECK(r.activities[0].start_ms == 960'000);
    CHECK(r.activities[1].start_ms == 1'440'000);
    CHECK(r.activities[1].to == 6);
    CHECK(r.activities[2].start_ms == 2'340'000);
    CHECK(r.activities[2].from == 6);
    CHECK(r.activities[2].to == 1);
}

TEST_CASE("AlarmLow needs 15 minutes, and scale-in rounds the capacity up") {
    // 2 instances at 45 % of target (900/min, 450 each): minutes 0-14 published at 960 s;
    // desired = ceil(2 x 0.45) = ceil(0.9) = 1 -> scale-in at 960 s, not a minute earlier.
    auto r = asim::simulate(scaling_scenario(constant(40, 900), 2, 1000));
    REQUIRE(r.activities.size() == 1);
    CHECK(r.activities[0].start_ms == 960'000);
    CHECK(r.activities[0].to == 1);
    // At 60 % (1200/min, 600 each) AlarmLow fires but ceil(2 x 0.6) = ceil(1.2) = 2: no change.
    r = asim::simulate(scaling_scenario(constant(40, 1200), 2, 1000));
    CHECK(r.activities.empty());
    // The EC2 threshold (70 %) with 800 each (80 % of target) raises no alarm at all.
    auto sc = scaling_scenario(constant(40, 1600), 2, 1000);
    sc.scaling.target_tracking[0].low_threshold_fraction = 0.7;
    CHECK(asim::simulate(sc).activities.empty());
}

TEST_CASE("Min and Max clamp every proposal") {
    // 10000/min on 1 instance: ceil(1 x 10000 / 1000) = 10, clamped to Max 4.
    auto r = asim::simulate(scaling_scenario(constant(30, 10000), 1, 1000, 1, 4));
    REQUIRE(!r.activities.empty());
    CHECK(r.activities[0].to == 4);
    // Zero traffic: AlarmLow with metric 0 -> ceil(0) = 0, clamped to Min 2, at 960 s.
    r = asim::simulate(scaling_scenario(constant(30, 0), 5, 1000, 2, 10));
    REQUIRE(r.activities.size() == 1);
    CHECK(r.activities[0].start_ms == 960'000);
    CHECK(r.activities[0].to == 2);
    // An initial capacity outside [Min, Max] is moved into the range at registration.
    r = asim::simulate(scaling_scenario(constant(5, 0), 12, 1000, 1, 8));
    REQUIRE(!r.activities.empty());
    CHECK(r.activities[0].start_ms == 0);
    CHECK(r.activities[0].to == 8);
}

TEST_CASE("zero traffic scales in to MinCapacity 0, then requests fail") {
    // Min 0: zero traffic for 20 min -> scale-in to 0 at 960 s; minute 20 brings 600 requests
    // that find no instance (target tracking cannot scale out from zero: no datapoints).
    auto v = constant(20, 0);
    then(v, 1, 600);
    const auto r = asim::simulate(scaling_scenario(v, 1, 1000, 0, 10));
    REQUIRE(r.activities.size() == 1);
    CHECK(r.activities[0].to == 0);
    CHECK(r.totals.errors == doctest::Approx(600.0));
    CHECK(r.totals.error_rate == doctest::Approx(1.0));
}

TEST_CASE("DisableScaleIn keeps capacity") {
    auto sc = scaling_scenario(constant(40, 0), 5, 1000);
    sc.scaling.target_tracking[0].disable_scale_in = true;
    CHECK(asim::simulate(sc).activities.empty());
}

TEST_CASE("two policies: out if any, in only if all, the largest capacity wins") {
    // Policy A on InvocationsPerInstance (target 1000); policy B on CPUUtilization.
    // Each instance has 8 workers x 10 ms = 800/s; at 1200/min on 4 instances, each gets
    // 300/min = 5/s of 800/s: CPU utilisation 0.625 %.
    auto sc = scaling_scenario(constant(40, 1200), 4, 1000);
    asim::target_tracking_config cpu;
    cpu.name = "cpu";
    cpu.metric = asim::metric_kind::cpu_utilization;
    cpu.target_value = 1.0; // percent: 4 instances at 0.625 % are below 0.9 -> AlarmLow too
    sc.scaling.target_tracking.push_back(cpu);
    // IPI: 300 per instance < 900 -> ceil(4 x 0.3) = 2; CPU: ceil(4 x 0.625 / 1) = 3.
    // Both ready to scale in at 960 s; the largest capacity (3) wins.
    auto r = asim::simulate(sc);
    REQUIRE(!r.activities.empty());
    CHECK(r.activities[0].start_ms == 960'000);
    CHECK(r.activities[0].to == 3);
    CHECK(r.activities[0].cause.find("cpu") == 0);

    // If CPU target is 0.55 % instead, CPU utilisation 0.625 % is above it: 3 of 3 -> scale out
    // to ceil(4 x 0.625 / 0.55) = ceil(4.55) = 5 at 240 s although IPI is far below its target.
    // On 5 instances CPU is 0.5 %, above AlarmLow's 0.495 %: IPI alone can never scale in.
    sc.scaling.target_tracking[1].target_value = 0.55;
    r = asim::simulate(sc);
    REQUIRE(!r.activities.empty());
    CHECK(r.activities[0].start_ms == 240'000);
    CHECK(r.activities[0].to == 5);
    CHECK(r.totals.scale_in_count == 0);
}

TEST_CASE("desired = ceil(capacity x metric / target) as in the vendor examples") {
    using tt = asim::target_tracking_policy;
    // EC2 SQS example: 10 instances, 150 per instance, target 100 -> 15.
    CHECK(tt::desired_capacity(10, 150, 100) == 15);
    // Published SageMaker walkthrough: 2 instances, 1420 per instance, target 1000 -> 3.
    CHECK(tt::desired_capacity(2, 1420, 1000) == 3);
    // Exact multiples do not round up: 2 x 1500 / 1500 = 2.
    CHECK(tt::desired_capacity(2, 1500, 1500) == 2);
    // 1.5 more needed -> +2; 1.5 could be removed -> only 1 (ceil(8.5) = 9 from 10).
    CHECK(tt::desired_capacity(1, 2500, 1000) == 3);
    CHECK(tt::desired_capacity(10, 850, 1000) == 9);
}

TEST_CASE("an M-of-N alarm with a missing newest datapoint uses the latest real one") {
    // AlarmLow 2 of 3 and MinCapacity 0. Zero traffic: minutes 0-1 publish zeros by 180 s, so
    // AlarmLow (2 of 3 below 900) fires at 180 s: desired = ceil(1 x 0 / 1000) = 0 -> scale-in to
    // 0. Minute 3 has no instance, so its datapoint is missing, yet AlarmLow stays in ALARM on
    // the two zeros before it; the proposal must come from the latest real datapoint (0), not
    // from the missing one, and nothing else happens.
    auto sc = scaling_scenario(constant(10, 0), 1, 1000, 0, 5);
    auto& tt = sc.scaling.target_tracking[0];
    tt.low_evaluation_periods = 3;
    tt.low_datapoints_to_alarm = 2;
    const auto r = asim::simulate(sc);
    REQUIRE(r.activities.size() == 1);
    CHECK(r.activities[0].start_ms == 180'000);
    CHECK(r.activities[0].to == 0);
}

TEST_CASE("a scale-out asked for while instances start is refused and asked again on fresh data") {
    // 1 instance, target 100, start-up 600 s. Minutes 0-2: 150/min -> AlarmHigh at 240 s (minute
    // 2 published), desired = ceil(1 x 1.5) = 2: 1 -> 2 at 240 s, in service at 840 s.
    // Minutes 3-5: 350/min on 1 instance. At 300 s the alarm still sees 150, 150, 350 (minutes
    // 1-3), all > 100: ceil(1 x 3.5) = 4 > 2 while the endpoint is Updating.
    // From minute 6, 150/min again. At 840 s the activity completes.
    // - retry (AWS): the request made at 300-780 s is not kept. At 840 s the alarm sees minutes
    //   10-12, 150 each on 1 instance: ceil(1.5) = 2, not above 2; from 900 s the minutes served
    //   by 2 instances (75) stop the alarm. No second activity.
    // - remember_largest: the largest request, 4, is applied when the activity completes, at
    //   840 s, from datapoints produced before the new instance served.
    auto v = constant(3, 150);
    then(v, 3, 350);
    then(v, 14, 150);
    auto sc = scaling_scenario(v, 1, 100, 1, 50, 600);
    auto r = asim::simulate(sc);
    REQUIRE(r.activities.size() == 1);
    CHECK(r.activities[0].start_ms == 240'000);
    CHECK(r.activities[0].end_ms == 840'000);
    CHECK(r.activities[0].to == 2);

    sc.scaling.scale_out_while_updating = asim::busy_scale_out::remember_largest;
    r = asim::simulate(sc);
    REQUIRE(r.activities.size() == 2);
    CHECK(r.activities[1].start_ms == 840'000);
    CHECK(r.activities[1].from == 2);
    CHECK(r.activities[1].to == 4);
    CHECK(r.activities[1].cause.find("waited for the activity in progress") != std::string::npos);
}

TEST_CASE("the capacity behind a datapoint is requests / metric when instances join mid-period") {
    // 2 instances, target 1000, 2900 requests/minute steadily, start-up 390 s. Minutes 0-2 give
    // 1450 per instance: AlarmHigh at 240 s, desired = ceil(2 x 1.45) = 3, in service at 630 s.
    // Minute 10 ([600, 660) s) is served by 2 instances for 30 s and 3 for 30 s:
    // 1450/2 + 1450/3 = 1208.33 > 1000, published at 720 s with minutes 8 and 9 (1450 each).
    // The capacity that produced it is 2900 / 1208.33 = 2.4 (harmonic mean), and
    // ceil(2.4 x 1.20833) = ceil(2.9) = 3: nothing. (The time-weighted mean 2.5 would give
    // ceil(3.02) = 4 at 720 s and a scale-in back to 3 at 2040 s.) From minute 11 the metric is
    // 966.67, between 900 and 1000: no other activity.
    for (const auto basis : {asim::capacity_basis::current, asim::capacity_basis::producing}) {
        auto sc = scaling_scenario(constant(60, 2900), 2, 1000, 1, 50, 390);
        sc.scaling.basis = basis;
        const auto r = asim::simulate(sc);
        REQUIRE(r.activities.size() == 1);
        CHECK(r.activities[0].start_ms == 240'000);
        CHECK(r.activities[0].end_ms == 630'000);
        CHECK(r.activities[0].from == 2);
        CHECK(r.activities[0].to == 3);
        CHECK(r.steps.metric[10] == doctest::Approx(1450.0 / 2 + 1450.0 / 3));
    }
}

TEST_CASE("NASA July: the activities of an independent model of AWS target tracking") {
    // The figures of a model of Application Auto Scaling written apart from this project from
    // the same behaviour spec: one type at $0.115/h, 2 workers, 1.5 s exponential service,
    // fixed start-up 360 s, initial 2, Min 1, Max 8, TargetValue 30 on InvocationsPerInstance,
    // AWS defaults otherwise, the producing capacity as the basis, cooldowns from completion.
    asim::scenario sc;
    sc.traffic = autoscalesim::io::read_csv_trace(std::string(ASIM_SOURCE_DIR) +
                                                  "/traces/nasa_http_1995_07_per_minute.csv");
    sc.endpoint.type.price_per_hour = 0.115;
    sc.endpoint.type.workers = 2;
    sc.endpoint.type.service_time_s = 1.5;
    sc.endpoint.type.service_cv = 1.0;
    sc.endpoint.initial_capacity = 2;
    sc.endpoint.startup = asim::startup_distribution::fixed(360);
    sc.scaling.min_capacity = 1;
    sc.scaling.max_capacity = 8;
    sc.scaling.basis = asim::capacity_basis::producing;
    asim::target_tracking_config tt;
    tt.target_value = 30;
    sc.scaling.target_tracking.push_back(tt);
    const auto r = asim::simulate(sc);
    CHECK(r.totals.scale_out_count == 678);
    CHECK(r.totals.scale_in_count == 636);
    const auto four = [](double x) { return std::round(x * 1e4) / 1e4; };
    CHECK(four(r.totals.instance_hours) == 1518.9667);
    CHECK(four(r.totals.cost_usd) == 174.6812);
    const int expected[][3] = {{1'320, 2, 3}, {3'360, 3, 2},  {6'300, 2, 3},
                               {7'500, 3, 2}, {10'020, 2, 1}, {10'740, 1, 2}};
    REQUIRE(r.activities.size() >= 6);
    for (std::size_t i = 0; i < 6; ++i) {
        INFO("activity " << i);
        CHECK(r.activities[i].start_ms == expected[i][0] * 1000LL);
        CHECK(r.activities[i].from == expected[i][1]);
        CHECK(r.activities[i].to == expected[i][2]);
    }
    // The project's default basis (the current desired capacity, the producing one inside a
    // scale-out window) makes the same decisions on this trace.
    sc.scaling.basis = asim::capacity_basis::current;
    const auto c = asim::simulate(sc);
    CHECK(c.totals.scale_out_count + c.totals.scale_in_count == 1'314);
    CHECK(four(c.totals.cost_usd) == 174.6812);
    // Keeping the largest request through a start-up (the pessimistic reading) makes 1,407.
    sc.scaling.scale_out_while_updating = asim::busy_scale_out::remember_largest;
    const auto k = asim::simulate(sc);
    CHECK(k.totals.scale_out_count + k.totals.scale_in_count == 1'407);
    CHECK(four(k.totals.cost_usd) == 176.6189);
}

TEST_CASE("target tracking's alarms take its TreatMissingData") {
    // AlarmHigh 3 of 3 (target 100) over the evaluation range -, -, -, 150, - (no instance in
    // service, so no datapoint, but in the fourth minute): one real datapoint, two periods old,
    // too young for the premature ALARM (CloudWatch's table: "- - - X -" is OK when missing).
    // ALARM only when the two periods filled in breach; the proposal uses the latest real
    // datapoint: ceil(1 x 150 / 100) = 2. With the datapoint three periods old ("- - X - -"),
    // ALARM whatever the treatment but notBreaching.
    asim::target_tracking_config c;
    c.target_value = 100;
    c.publish_delay_s = 0;
    for (const int at : {3, 2}) {
        for (const auto treat : {asim::missing_data::missing, asim::missing_data::breaching,
                                 asim::missing_data::not_breaching}) {
            c.treat_missing_data = treat;
            asim::target_tracking_policy p(c);
            for (int k = 0; k < 5; ++k) {
                p.stream().add(60'000, k == at ? 150 : 0, k == at ? 1 : 0, 0, 0, 0, 0, 0);
                p.stream().close_period();
            }
            const auto tp = p.evaluate(300'000, 1, std::nullopt, asim::capacity_basis::current);
            CAPTURE(at);
            CAPTURE(static_cast<int>(treat));
            const bool expected = treat == asim::missing_data::breaching ||
                                  (at == 2 && treat == asim::missing_data::missing);
            CHECK(tp.scale_out == expected);
            if (tp.scale_out) CHECK(tp.out_capacity == 2);
        }
    }
}

TEST_CASE("ModelLatency has no datapoint once nothing is served: the fluid queue's drain is none") {
    // One minute of 30 requests of exactly 1 s on 4 instances of 100 workers, then two quiet
    // hours. The requests complete within minutes 0 and 1; AWS publishes no ModelLatency for a
    // minute without an invocation. AlarmLow (15 of 15 below 90 % of 2 s) first has a whole
    // range, minutes 0 to 14, when minute 14's point is published at 15 x 60 + 60 = 960 s: its
    // only points, of 1 s, breach and the rest are missing, a premature ALARM (CloudWatch's
    // table): desired ceil(4 x 1 / 2) = 2. After the 300-s scale-in cooldown its range holds no
    // point at all and nothing more happens. The fluid mode's drain served about 1e-17 of a
    // request a minute for hours, each a datapoint of 1 s: a second scale-in, 2 -> 1 at 1260 s.
    // (Its implicit step carries 1/61 of a minute's queue into the next: below a millionth of a
    // request, no datapoint, from minute 5.)
    std::vector<double> counts{30};
    then(counts, 120, 0);
    auto sc = scaling_scenario(counts, 4, 2.0, 1, 10, 120);
    sc.endpoint.type.workers = 100;
    sc.endpoint.type.service_time_s = 1.0;
    sc.endpoint.type.service_cv = 0;
    sc.scaling.target_tracking[0].metric = asim::metric_kind::model_latency;
    for (const auto mode : {asim::plane_mode::fluid, asim::plane_mode::request}) {
        sc.mode = mode;
        const auto r = asim::simulate(sc);
        CAPTURE(static_cast<int>(mode));
        REQUIRE(r.activities.size() == 1);
        CHECK(r.activities[0].start_ms == 960'000);
        CHECK(r.activities[0].from == 4);
        CHECK(r.activities[0].to == 2);
        int points = 0;
        for (std::size_t k = 5; k < r.steps.metric.size(); ++k) {
            points += std::isnan(r.steps.metric[k]) ? 0 : 1;
        }
        CHECK(points == 0);
        CHECK(r.steps.metric[0] == doctest::Approx(1.0).epsilon(1e-9));
    }
}
