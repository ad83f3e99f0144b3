// High-resolution target tracking (research section 1.6), custom policies through the policy
// interface, and the composition rules of section 1.3.
#include "scenario_builders.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <memory>
#include <optional>
#include <vector>

using namespace asim_test;

namespace {
constexpr asim::time_ms s = asim::ms_per_second;

// A user policy: from `from_ms` on, keep at least `floor` instances; scale in to `in_to` when
// given.
struct floor_policy : asim::policy {
    floor_policy(int floor, asim::time_ms from_ms, std::optional<int> in_to = std::nullopt)
        : policy("floor", 60'000), floor_(floor), from_ms_(from_ms), in_to_(in_to) {}
    asim::proposal decide(asim::time_ms now, const asim::policy_view& v) override {
        if (now < from_ms_) {
            return {};
        }
        if (in_to_) {
            return asim::proposal::to(*in_to_, v.desired(), "floor: in");
        }
        return asim::proposal::to(std::max(floor_, v.desired()), v.desired(), "floor: out");
    }
    int floor_;
    asim::time_ms from_ms_;
    std::optional<int> in_to_;
};

// A user policy that changes its MaxCapacity raise from a script, one entry per evaluation
// (every minute), and records the MaxCapacity each evaluation sees into `seen`.
struct raiser : asim::policy {
    raiser(std::vector<asim::max_raise> script, std::vector<int>& seen)
        : policy("raiser", 60'000), script_(std::move(script)), seen_(seen) {}
    asim::proposal decide(asim::time_ms, const asim::policy_view& v) override {
        seen_.push_back(v.max_capacity());
        asim::proposal p;
        if (seen_.size() <= script_.size()) {
            p.raise_max = script_[seen_.size() - 1];
        }
        return p;
    }
    std::vector<asim::max_raise> script_;
    std::vector<int>& seen_;
};
} // namespace

TEST_CASE("high-resolution target tracking scales out from 10-second datapoints") {
    // 1 instance at 6000/min = 100/s, 10 ms each: about 1.0 request in the container, above the
    // target 0.4. 10-s datapoint k covers [10k, 10k + 10) s and is published at 10k + 20 s:
    // AlarmHigh (3 of 3) sees datapoints 0-2 at 40 s -> ceil(1 x 1.0 / 0.4) = ceil(2.5) = 3.
    auto sc = scaling_scenario(constant(10, 6000), 1, 1000);
    sc.scaling.target_tracking = {asim::target_tracking_config::high_resolution(0.4)};
    auto r = asim::simulate(sc);
    REQUIRE(!r.activities.empty());
    CHECK(r.activities[0].start_ms == 40 * s);
    CHECK(r.activities[0].to == 3);
    // The standard-resolution policy on the same metric: minutes 0-2 published at 240 s.
    auto standard = sc;
    standard.scaling.target_tracking[0].period_s = 60;
    standard.scaling.target_tracking[0].publish_delay_s = 60;
    standard.scaling.target_tracking[0].low_evaluation_periods = 15;
    standard.scaling.target_tracking[0].low_datapoints_to_alarm = 15;
    r = asim::simulate(standard);
    REQUIRE(!r.activities.empty());
    CHECK(r.activities[0].start_ms == 240 * s);
}

TEST_CASE("high-resolution target tracking scales in at the standard speed") {
    // 3 instances at 600/min = 10/s: 0.033 per instance, far below 0.9 x 0.4. AlarmLow needs 90
    // of 90 10-s datapoints (15 minutes): datapoint 89 covers [890, 900) s, published at 910 s ->
    // ceil(3 x 0.0333 / 0.4) = 1.
    auto sc = scaling_scenario(constant(20, 600), 3, 1000);
    sc.scaling.target_tracking = {asim::target_tracking_config::high_resolution(0.4)};
    const auto r = asim::simulate(sc);
    REQUIRE(r.activities.size() == 1);
    CHECK(r.activities[0].start_ms == 910 * s);
    CHECK(r.activities[0].to == 1);
}

TEST_CASE("a custom policy through the policy interface") {
    // 2 instances at 1900/min (950 per instance: no target-tracking alarm). From 300 s the user
    // policy asks for at least 4: scale-out at 300 s, in service at 600 s.
    auto sc = scaling_scenario(constant(12, 1900), 2, 1000);
    sc.scaling.custom = {[] { return std::make_unique<floor_policy>(4, 300 * s); }};
    const auto r = asim::simulate(sc);
    REQUIRE(r.activities.size() == 1);
    CHECK(r.activities[0].start_ms == 300 * s);
    CHECK(r.activities[0].end_ms == 600 * s);
    CHECK(r.activities[0].to == 4);
    CHECK(r.activities[0].cause == "floor: out");
    // Each run makes a fresh policy: running twice gives the same result.
    CHECK(asim::simulate(sc).activities.size() == 1);
}

TEST_CASE("composition: out if any; an independent scale-in waits for the activity in progress") {
    // Target tracking scales out at 240 s (2840/min on 2 instances: ceil(2.84) = 3), in service
    // at 540 s. The custom policy asks for 1 from 300 s on: blocked while the scale-out is in
    // progress, it runs at 540 s (the scale-in does not wait for target tracking's vote).
    // 600 s: AlarmHigh still sees minute 8 (1420 per instance on 2 instances); after the scale-in
    // there is no scale-out window, so the current capacity 1 is multiplied: ceil(1.42) = 2. The
    // custom policy asks for 1 at the same time: out if any, so 1 -> 2.
    auto sc = scaling_scenario(constant(13, 2840), 2, 1000);
    sc.scaling.custom = {[] { return std::make_unique<floor_policy>(0, 300 * s, 1); }};
    const auto r = asim::simulate(sc);
    REQUIRE(r.activities.size() == 3);
    CHECK(r.activities[0].start_ms == 240 * s);
    CHECK(r.activities[0].to == 3);
    CHECK(r.activities[1].start_ms == 540 * s);
    CHECK(r.activities[1].from == 3);
    CHECK(r.activities[1].to == 1);
    CHECK(r.activities[1].cause == "floor: in");
    CHECK(r.activities[2].start_ms == 600 * s);
    CHECK(r.activities[2].to == 2);
    CHECK(r.activities[2].cause.find("AlarmHigh") != std::string::npos);
}

TEST_CASE("row 2: desired = ceil(capacity x metric / target) through the policy interface") {
    // 10 instances, backlog 150 per instance, target 100 -> ceil(10 x 150 / 100) = 15.
    CHECK(asim::target_tracking_policy::desired_capacity(10, 150, 100) == 15);
}

TEST_CASE("a MaxCapacity raise is kept, withdrawn or replaced, never below the configured Max") {
    // MaxCapacity 4; the policy is evaluated at 60, 120, ..., 420 s and sees the bounds before
    // its own proposal applies: raised to 8 at 60 s, kept at 120 s, withdrawn at 180 s, "raised"
    // to 2 at 240 s (max(4, 2) = 4), nothing said after that (kept).
    auto sc = scaling_scenario(constant(8, 600), 2, 1000, 1, 4);
    sc.scaling.target_tracking.clear();
    std::vector<int> seen;
    const std::vector<asim::max_raise> script = {asim::max_raise::to(8), asim::max_raise::keep(),
                                                 asim::max_raise::withdraw(),
                                                 asim::max_raise::to(2)};
    sc.scaling.custom = {[&] { return std::make_unique<raiser>(script, seen); }};
    const auto r = asim::simulate(sc);
    CHECK(seen == std::vector<int>{4, 8, 8, 4, 4, 4, 4});
    CHECK(r.activities.empty()); // a raise moves no capacity by itself
}
