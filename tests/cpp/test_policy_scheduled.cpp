// Scheduled actions (research/scaling-semantics.md section 3, section 5 row 8) and the cron
// subset they use.
#include "scenario_builders.hpp"

#include <doctest/doctest.h>

using namespace asim_test;

namespace {
// 1995-07-01T04:00:00Z (a Saturday), the start of the bundled NASA trace.
constexpr asim::time_ms nasa_start = 804'571'200'000;
constexpr asim::time_ms minute = asim::ms_per_minute;
constexpr asim::time_ms hour = asim::ms_per_hour;
constexpr asim::time_ms day = 24 * hour;
} // namespace

TEST_CASE("cron: steps, ranges, lists and the day-of-month / day-of-week OR rule") {
    using asim::cron_schedule;
    const auto every15 = cron_schedule::parse("*/15 * * * *", "f");
    CHECK(every15.matches(nasa_start + 30 * minute));
    CHECK(!every15.matches(nasa_start + 31 * minute));
    // Working hours on weekdays: Saturday 1 July no, Monday 3 July 09:00 yes, 18:00 no.
    const auto office = cron_schedule::parse("0 9-17 * * 1-5", "f");
    CHECK(!office.matches(nasa_start + 5 * hour));            // Sat 09:00
    CHECK(office.matches(nasa_start + 2 * day + 5 * hour));   // Mon 09:00
    CHECK(!office.matches(nasa_start + 2 * day + 14 * hour)); // Mon 18:00
    CHECK(!office.matches(nasa_start + 2 * day + 5 * hour + minute));
    // Both day fields restricted: the 1st of the month OR a Sunday (7 is Sunday too).
    const auto either = cron_schedule::parse("0 0 1 * 7", "f");
    CHECK(either.matches(nasa_start + 20 * hour));            // Sun 2 July 00:00
    CHECK(!either.matches(nasa_start + day + 20 * hour));     // Mon 3 July
    CHECK(either.matches(nasa_start + 30 * day + 20 * hour)); // Tue 1 August
    const auto list = cron_schedule::parse("5,35 4 * 7 *", "f");
    CHECK(list.matches(nasa_start + 35 * minute));
    CHECK(!list.matches(nasa_start + 36 * minute));
    CHECK(list.matches(nasa_start + 5 * minute - 365 * day)); // 1 July 1994 04:05
    CHECK(!list.matches(nasa_start + 5 * minute - day));      // 30 June 1995 04:05
    // AWS's wrapper around five fields: AWS would read 1-5 as Sunday to Thursday, Unix as
    // Monday to Friday; refused rather than read either way.
    CHECK_THROWS_WITH_AS(cron_schedule::parse("cron(0 8 * * 1-5)", "f"),
                         doctest::Contains("without AWS's cron(...) wrapper"), asim::config_error);
    CHECK_THROWS_WITH_AS(cron_schedule::parse("61 * * * *", "scaling.scheduled[x].cron"),
                         "scaling.scheduled[x].cron: bad minute field \"61\" in \"61 * * * *\"",
                         asim::config_error);
    CHECK_THROWS_AS(cron_schedule::parse("* * *", "f"), asim::config_error);
    CHECK_THROWS_AS(cron_schedule::parse("*/0 * * * *", "f"), asim::config_error);
}

TEST_CASE("scheduled firing times: cron, ms from the start, and epoch times") {
    asim::scheduled_action_config c;
    c.cron = "0 */6 * * *";
    c.at_ms = {90 * minute, 30 * hour}; // the second is past the end
    c.at_epoch_ms = {nasa_start + 2 * hour, nasa_start - hour};
    c.min_capacity = 3;
    asim::scheduled_action a(c);
    a.start(nasa_start, 24 * hour);
    // 04:00 -> cron at 06:00 (2 h), 12:00 (8 h), 18:00 (14 h), 00:00 (20 h); 90 min; the epoch
    // time at 06:00 coincides with the cron one; the one before the start is skipped.
    const std::vector<asim::time_ms> expected = {90 * minute, 2 * hour, 8 * hour, 14 * hour,
                                                 20 * hour};
    CHECK(a.times() == expected);
    CHECK(a.next_evaluation_ms(-1) == 90 * minute);
    CHECK(a.next_evaluation_ms(2 * hour) == 8 * hour);
}

TEST_CASE("a scheduled action none of whose times falls within the trace is a caveat") {
    asim::scheduled_action_config c;
    c.name = "later";
    c.min_capacity = 3;
    c.at_epoch_ms = {nasa_start + 2 * day}; // after a one-day trace
    CHECK(asim::never_acts(c, nasa_start, day) ==
          "scaling.scheduled[later]: none of its times falls within the trace, "
          "1995-07-01T04:00Z to 1995-07-02T04:00Z, so it never acts");
    CHECK(asim::never_acts(c, nasa_start, 3 * day).empty());
    c.at_epoch_ms = {nasa_start - minute}; // skipped, as AWS skips a time that has passed
    CHECK(!asim::never_acts(c, nasa_start, day).empty());
    // A trace without dates starts at the epoch: times since the epoch are of another day.
    c.at_epoch_ms = {nasa_start};
    CHECK(asim::never_acts(c, 0, hour) ==
          "scaling.scheduled[later]: none of its times falls within the trace, whose times are "
          "relative (from 1970-01-01T00:00Z, for 3600 s), so it never acts; give times from the "
          "trace's start (at_s)");
    // A cron that matches no minute of a week in July; one that matches every hour does.
    c.at_epoch_ms.clear();
    c.cron = "0 0 1 1 *";
    CHECK(!asim::never_acts(c, nasa_start, 7 * day).empty());
    c.cron = "0 * * * *";
    CHECK(asim::never_acts(c, nasa_start, 7 * day).empty());
    // The scenario's caveats carry it.
    auto sc = scaling_scenario(constant(30, 3000), 4, 1000);
    sc.traffic = asim::trace(constant(30, 3000), minute, nasa_start);
    c.cron.clear();
    c.at_ms = {2 * day};
    sc.scaling.scheduled = {c};
    REQUIRE(sc.caveats().size() == 1);
    CHECK(sc.caveats()[0].what == asim::caveat::kind::schedule);
    CHECK(sc.caveats()[0].text.rfind("scaling.scheduled[later]: none of its times", 0) == 0);
    c.at_ms = {10 * minute};
    sc.scaling.scheduled = {c};
    CHECK(sc.caveats().empty());
}

TEST_CASE("row 8: scheduled min/max move the capacity into range at once, ignoring cooldowns") {
    // Target tracking (target 1000, scale-in cooldown 3600 s) on 4 instances at 3000/min:
    // 750 per instance, AlarmLow after 15 minutes: 960 s, 4 -> 3 (cooldown until 4560 s).
    // 04:20 (1200 s) cron action sets Max 2: current 3 > 2 -> scale-in to 2 at once, despite the
    // scale-in cooldown.
    // On 2 instances 1500 per instance: AlarmHigh at 1440 s asks ceil(2 x 1.5) = 3, but
    // policies work inside [1, 2]: nothing.
    // 1500 s (epoch time) sets Min 6, Max 10: current 2 < 6 -> scale-out to 6 at once.
    auto sc = scaling_scenario(constant(30, 3000), 4, 1000);
    sc.traffic = asim::trace(constant(30, 3000), minute, nasa_start);
    sc.scaling.target_tracking[0].scale_in_cooldown_s = 3600;
    asim::scheduled_action_config cap;
    cap.name = "evening-cap";
    cap.cron = "20 4 * * *";
    cap.max_capacity = 2;
    asim::scheduled_action_config floor;
    floor.name = "peak-floor";
    floor.at_epoch_ms = {nasa_start + 1'500'000};
    floor.min_capacity = 6;
    floor.max_capacity = 10;
    sc.scaling.scheduled = {cap, floor};
    const auto r = asim::simulate(sc);
    REQUIRE(r.activities.size() == 3);
    CHECK(r.activities[0].start_ms == 960'000);
    CHECK(r.activities[0].to == 3);
    CHECK(r.activities[1].start_ms == 1'200'000);
    CHECK(r.activities[1].from == 3);
    CHECK(r.activities[1].to == 2);
    CHECK(r.activities[1].cause.find("evening-cap") == 0);
    CHECK(r.activities[2].start_ms == 1'500'000);
    CHECK(r.activities[2].from == 2);
    CHECK(r.activities[2].to == 6);
    CHECK(r.activities[2].cause.find("peak-floor") == 0);
}

TEST_CASE("a scheduled action at the trace start applies before the first interval") {
    auto sc = scaling_scenario(constant(5, 1000), 1, 1000);
    asim::scheduled_action_config c;
    c.at_ms = {0};
    c.min_capacity = 3;
    sc.scaling.scheduled = {c};
    const auto r = asim::simulate(sc);
    REQUIRE(!r.activities.empty());
    CHECK(r.activities[0].start_ms == 0);
    CHECK(r.activities[0].to == 3);
    CHECK(r.steps.desired[0] == 3);
}

TEST_CASE("scheduled action errors name the field") {
    asim::scheduled_action_config c;
    c.name = "bad";
    c.cron = "0 25 * * *";
    c.min_capacity = 1;
    CHECK_THROWS_WITH_AS(c.validate(), doctest::Contains("scaling.scheduled[bad].cron: bad hour"),
                         asim::config_error);
    c.cron = "0 1 * * *";
    c.min_capacity = -1;
    CHECK_THROWS_WITH_AS(c.validate(), doctest::Contains("scaling.scheduled[bad].min_capacity"),
                         asim::config_error);
}

TEST_CASE("a scheduled action that sets one bound across the other in force fails") {
    // Application Auto Scaling's scheduled scaling: "you must include both sizes to ensure that
    // the new minimum capacity is not greater than the maximum capacity". Target tracking
    // (target 1000) on 4 instances at 3000/min, Min 1, Max 10:
    // - at 10 min, "up" sets MinCapacity 15 alone, above Max 10: it fails, nothing changes;
    // - at 20 min, "both" sets [12, 15]: the capacity moves to 12 at once;
    // - at 30 min, "down" sets MaxCapacity 5 alone, below Min 12: it fails too.
    auto sc = scaling_scenario(constant(40, 3000), 4, 1000, 1, 10);
    asim::scheduled_action_config up, both, down;
    up.name = "up";
    up.at_ms = {10 * minute};
    up.min_capacity = 15;
    both.name = "both";
    both.at_ms = {20 * minute};
    both.min_capacity = 12;
    both.max_capacity = 15;
    down.name = "down";
    down.at_ms = {30 * minute};
    down.max_capacity = 5;
    sc.scaling.scheduled = {up, both, down};
    const auto r = asim::simulate(sc);
    std::vector<asim::activity> scheduled;
    for (const auto& a : r.activities) {
        if (a.cause.find("scheduled action") != std::string::npos) scheduled.push_back(a);
    }
    REQUIRE(scheduled.size() == 1);
    CHECK(scheduled[0].start_ms == 20 * minute);
    CHECK(scheduled[0].to == 12);
    REQUIRE(r.notes.size() == 2);
    CHECK(r.notes[0] == "scaling.scheduled[up]: failed 1 time (first at 600 s of the trace): it "
                        "sets MinCapacity 15 alone, above the MaxCapacity 10 in force, and AWS "
                        "fails such an action (give both sizes); it was not applied");
    CHECK(r.notes[1].rfind("scaling.scheduled[down]: failed 1 time (first at 1800 s of the "
                           "trace): it sets MaxCapacity 5 alone, below the MinCapacity 12 in force",
                           0) == 0);
    // no activity ever went above 15 or below 12 after the "both" action
    for (const auto& a : r.activities) {
        if (a.start_ms > 20 * minute) CHECK(a.to >= 12);
    }
}
