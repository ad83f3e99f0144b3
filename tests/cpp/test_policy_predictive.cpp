// Predictive scaling (research/scaling-semantics.md section 3, section 5 row 9): a seasonal-naive
// daily forecast of the trace's own past, hourly, refreshed every 6 h, raising capacity at the
// start of each hour and never scaling in.
#include "scenario_builders.hpp"

#include <doctest/doctest.h>

using namespace asim_test;

namespace {
constexpr asim::time_ms hour = asim::ms_per_hour;

// `days` days starting at midnight UTC: 600/min from 00:00 to 12:00, 6000/min from 12:00 to 24:00.
std::vector<double> daily_pattern(int days) {
    std::vector<double> v;
    for (int d = 0; d < days; ++d) {
        then(v, 12 * 60, 600);
        then(v, 12 * 60, 6000);
    }
    return v;
}

asim::scenario predictive_scenario(int days, int max_cap = 10) {
    auto sc = scaling_scenario(daily_pattern(days), 1, 1000, 1, max_cap);
    sc.scaling.target_tracking.clear();
    asim::predictive_config p;
    p.target_per_instance = 1000;
    p.scheduling_buffer_s = 0; // the hour itself (AWS's default buffer, 300 s, is tested apart)
    sc.scaling.predictive = {p};
    sc.record_timeline = false;
    return sc;
}
} // namespace

TEST_CASE("the documented defaults and limits of predictive scaling") {
    // EC2 Auto Scaling PredictiveScalingConfiguration: SchedulingBufferTime defaults to 300 s and
    // must be below the 3600 s forecast interval; 24 h of history before the first forecast;
    // re-forecast every 6 h; at most 14 days looked back.
    const asim::predictive_config d;
    CHECK(d.scheduling_buffer_s == 300);
    CHECK(d.min_history_s == 86400);
    CHECK(d.refresh_period_s == 21600);
    CHECK(d.breach == asim::max_capacity_breach::honor_max_capacity);
    CHECK(d.mode == asim::predictive_mode::forecast_and_scale);
    auto p = d;
    p.scheduling_buffer_s = 3600;
    CHECK_THROWS_WITH_AS(p.validate(), doctest::Contains("scheduling_buffer_s"),
                         asim::config_error);
    p = d;
    p.seasons_averaged = 14;
    CHECK_NOTHROW(p.validate());
    p.seasons_averaged = 15;
    CHECK_THROWS_WITH_AS(p.validate(), doctest::Contains("14 days"), asim::config_error);
    p.seasonality = asim::forecast_seasonality::weekly;
    p.seasons_averaged = 2;
    CHECK_NOTHROW(p.validate());
    p.seasons_averaged = 3;
    CHECK_THROWS_WITH_AS(p.validate(), doctest::Contains("[1, 2]"), asim::config_error);
}

TEST_CASE("the default SchedulingBufferTime raises capacity 300 s before the hour") {
    auto sc = predictive_scenario(3);
    sc.scaling.predictive[0].scheduling_buffer_s = asim::predictive_config{}.scheduling_buffer_s;
    const auto r = asim::simulate(sc);
    REQUIRE(r.activities.size() == 1);
    CHECK(r.activities[0].start_ms == 36 * hour - 300'000);
}

TEST_CASE("row 9: MaxCapacityBreachBehavior with a buffer") {
    using pp = asim::predictive_policy;
    const auto inc = asim::max_capacity_breach::increase_max_capacity;
    // Forecast 50, MaxCapacity 40, buffer 10 %: effective max 50 x 1.1 = 55.
    CHECK(pp::effective_max(50, 40, inc, 10) == 55);
    // Buffer 0: up to the forecast itself.
    CHECK(pp::effective_max(50, 40, inc, 0) == 50);
    // A forecast well below the max leaves it alone.
    CHECK(pp::effective_max(20, 40, inc, 10) == 40);
    CHECK(pp::effective_max(50, 40, asim::max_capacity_breach::honor_max_capacity, 10) == 40);
}

TEST_CASE("no forecast before 24 h of history; then capacity rises at the start of the hour") {
    // Day 1: no forecast at all. The 24 h refresh forecasts hours 24-71 from the same hour one
    // day earlier (only complete hours): hours 24-35 at 600/min -> ceil(600 / 1000) = 1, hours
    // 36-47 at 6000/min -> 6. At 36 h (12:00 on day 2) capacity goes 1 -> 6, before any load
    // shows in a metric. At 48 h the forecast is 1, but predictive scaling never scales in: no
    // other activity (day 3 at 12:00 is already at 6).
    const auto r = asim::simulate(predictive_scenario(3));
    REQUIRE(r.activities.size() == 1);
    CHECK(r.activities[0].start_ms == 36 * hour);
    CHECK(r.activities[0].from == 1);
    CHECK(r.activities[0].to == 6);
    CHECK(r.activities[0].cause.find("predictive: forecast 6000") == 0);
    // One forecast point per hour from hour 24 on, each made at the latest 6-hourly refresh.
    REQUIRE(r.forecast.size() == 48);
    CHECK(r.forecast[0].hour_start_ms == 24 * hour);
    CHECK(r.forecast[0].capacity == 1);
    CHECK(r.forecast[12].hour_start_ms == 36 * hour);
    CHECK(r.forecast[12].made_ms == 36 * hour);
    CHECK(r.forecast[12].load_per_minute == doctest::Approx(6000));
    CHECK(r.forecast[12].capacity == 6);
    CHECK(r.forecast[13].made_ms == 36 * hour);
    CHECK(r.forecast[47].capacity == 6);
}

TEST_CASE("a scheduled scale-out at the forecast's instant does not take the forecast's place") {
    // At 36 h a one-time action sets MinCapacity 3 as the forecast for the hour (6000/min: 6
    // instances) falls due. The action's scale-out 1 -> 3 starts at once; the forecast, asked
    // once for the hour, is kept and applied when that activity completes (300 s start-up):
    // 3 -> 6 at 36 h + 300 s. It was lost, and the hour ran on 3.
    auto sc = predictive_scenario(3);
    asim::scheduled_action_config a;
    a.name = "floor";
    a.at_ms = {36 * hour};
    a.min_capacity = 3;
    sc.scaling.scheduled = {a};
    const auto r = asim::simulate(sc);
    REQUIRE(r.activities.size() == 2);
    CHECK(r.activities[0].start_ms == 36 * hour);
    CHECK(r.activities[0].from == 1);
    CHECK(r.activities[0].to == 3);
    CHECK(r.activities[1].start_ms == 36 * hour + 300'000);
    CHECK(r.activities[1].from == 3);
    CHECK(r.activities[1].to == 6);
    CHECK(r.activities[1].cause.find("waited for the activity in progress") != std::string::npos);
}

TEST_CASE("SchedulingBufferTime launches ahead of the hour") {
    auto sc = predictive_scenario(2);
    sc.scaling.predictive[0].scheduling_buffer_s = 600;
    const auto r = asim::simulate(sc);
    REQUIRE(r.activities.size() == 1);
    CHECK(r.activities[0].start_ms == 36 * hour - 600'000);
    CHECK(r.activities[0].end_ms == 36 * hour - 300'000); // 300 s start-up: ready before 12:00
}

TEST_CASE("forecast-only mode forecasts without scaling") {
    auto sc = predictive_scenario(3);
    sc.scaling.predictive[0].mode = asim::predictive_mode::forecast_only;
    const auto r = asim::simulate(sc);
    CHECK(r.activities.empty());
    CHECK(r.forecast.size() == 48);
}

TEST_CASE("MaxCapacity: honoured, or raised for the hour with IncreaseMaxCapacity") {
    // Max 4: the forecast 6 is capped at 4.
    auto r = asim::simulate(predictive_scenario(2, 4));
    REQUIRE(r.activities.size() == 1);
    CHECK(r.activities[0].to == 4);
    // IncreaseMaxCapacity, buffer 10 %: max for the hour = ceil(6 x 1.1) = 7 >= 6 -> 6.
    auto sc = predictive_scenario(2, 4);
    sc.scaling.predictive[0].breach = asim::max_capacity_breach::increase_max_capacity;
    sc.scaling.predictive[0].max_capacity_buffer_percent = 10;
    r = asim::simulate(sc);
    REQUIRE(r.activities.size() == 1);
    CHECK(r.activities[0].to == 6);
}

TEST_CASE("a seasonal mean over several days and weekly seasonality") {
    // Day 1 peak 6000/min, day 2 peak 3000/min (other hours 600). Averaging 2 seasons, day 3's
    // 12:00 forecast is (6000 + 3000) / 2 = 4500 -> 5; the naive one uses day 2 only: 3000 -> 3.
    std::vector<double> v;
    then(v, 12 * 60, 600);
    then(v, 12 * 60, 6000);
    then(v, 12 * 60, 600);
    then(v, 12 * 60, 3000);
    then(v, 24 * 60, 600);
    auto sc = scaling_scenario(v, 1, 1000, 1, 10);
    sc.scaling.target_tracking.clear();
    asim::predictive_config p;
    p.target_per_instance = 1000;
    p.seasons_averaged = 2;
    sc.scaling.predictive = {p};
    auto r = asim::simulate(sc);
    // Day 2 at 12:00: only one season available -> 6000 -> 6. Day 3 at 12:00: 4500 -> 5 < 6.
    REQUIRE(r.activities.size() == 1);
    CHECK(r.activities[0].to == 6);
    REQUIRE(r.forecast.size() == 48);
    CHECK(r.forecast[36].load_per_minute == doctest::Approx(4500)); // hour 60 = day 3, 12:00
    CHECK(r.forecast[36].capacity == 5);
    // Weekly seasonality falls back to daily before a week of history.
    sc.scaling.predictive[0].seasonality = asim::forecast_seasonality::weekly;
    sc.scaling.predictive[0].seasons_averaged = 1;
    r = asim::simulate(sc);
    REQUIRE(r.forecast.size() == 48);
    CHECK(r.forecast[36].load_per_minute == doctest::Approx(3000));
}

TEST_CASE("predictive config errors name the field") {
    asim::predictive_config p;
    p.min_history_s = 3600;
    CHECK_THROWS_WITH_AS(p.validate(),
                         doctest::Contains("scaling.predictive[predictive].min_history_s"),
                         asim::config_error); // MaxCapacityBuffer "cannot be used otherwise" than
                                              // with IncreaseMaxCapacity (AWS's
    // PredictiveScalingConfiguration): with the default HonorMaxCapacity it is refused.
    p = {};
    p.max_capacity_buffer_percent = 10;
    CHECK_THROWS_WITH_AS(
        p.validate(),
        doctest::Contains("scaling.predictive[predictive].max_capacity_buffer_percent: "
                          "MaxCapacityBuffer applies with breach \"increase_max_capacity\" only"),
        asim::config_error);
    p.breach = asim::max_capacity_breach::increase_max_capacity;
    CHECK_NOTHROW(p.validate());
}
