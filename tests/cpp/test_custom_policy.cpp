// Custom policies: what they observe, when they are called, how their answers are applied.
#include "scenario_builders.hpp"

#include <doctest/doctest.h>

#include <memory>
#include <optional>
#include <vector>

using namespace asim_test;

namespace {

// Records every observation and answers from a fixed script (no change once it runs out).
class scripted : public asim::custom_policy {
public:
    explicit scripted(std::vector<std::optional<int>> answers) : answers_(std::move(answers)) {}
    std::optional<int> decide(const asim::policy_observation& o) override {
        seen.push_back(o);
        return seen.size() <= answers_.size() ? answers_[seen.size() - 1] : std::nullopt;
    }
    std::vector<asim::policy_observation> seen;

private:
    std::vector<std::optional<int>> answers_;
};

asim::scenario custom_only(std::vector<double> per_minute, std::shared_ptr<scripted> p) {
    auto sc = scaling_scenario(std::move(per_minute), 2, 1000, 1, 6, 120);
    sc.scaling.target_tracking.clear();
    sc.scaling.custom.push_back(asim::custom_policy_factory(std::move(p)));
    return sc;
}

} // namespace

TEST_CASE("a custom policy sees each finished period and its answers are clamped and applied") {
    auto p = std::make_shared<scripted>(std::vector<std::optional<int>>{std::nullopt, 9, 3});
    const auto r = asim::simulate(custom_only(constant(10, 1200), p));
    // Called at 60, 120, ..., 540 s (not at the end of the trace).
    REQUIRE(p->seen.size() == 9);
    CHECK(p->seen[0].now_s == 60);
    CHECK(p->seen[0].arrivals == doctest::Approx(1200));
    CHECK(p->seen[0].invocations_per_instance == doctest::Approx(600));
    CHECK(p->seen[0].in_service == 2);
    // At 120 s: 9 is clamped to MaxCapacity 6; instances start for 120 s.
    CHECK(p->seen[2].desired == 6);
    CHECK(p->seen[2].starting == 4);
    CHECK(p->seen[2].activity_in_progress);
    // At 180 s the scale-in to 3 waits: the scale-out is still in progress.
    REQUIRE(r.activities.size() == 1);
    CHECK(r.activities[0].start_ms == 120'000);
    CHECK(r.activities[0].end_ms == 240'000);
    CHECK(r.activities[0].to == 6);
    CHECK(r.activities[0].cause == "custom: decided 9");
}

TEST_CASE("a custom policy scales in when the target allows it") {
    auto p = std::make_shared<scripted>(std::vector<std::optional<int>>{1});
    const auto r = asim::simulate(custom_only(constant(5, 600), p));
    REQUIRE(r.activities.size() == 1);
    CHECK(r.activities[0].from == 2);
    CHECK(r.activities[0].to == 1);
    CHECK(r.steps.in_service[1] == 1);
}

TEST_CASE("a null or badly timed custom policy is a config error") {
    auto policy = std::make_shared<scripted>(std::vector<std::optional<int>>{});
    auto sc = custom_only(constant(5, 600), policy);
    policy->period_s = 0.5;
    CHECK_THROWS_WITH_AS(asim::simulate(sc),
                         "scaling.custom[0].period_s: expected a whole number of seconds in [1, "
                         "86400], got 0.5",
                         asim::config_error);
    try { // the path is data too, not only text
        (void)asim::simulate(sc);
    } catch (const asim::config_error& e) {
        CHECK(e.where().field == "scaling.custom[0].period_s");
    }
    sc.scaling.custom.front() = nullptr;
    CHECK_THROWS_AS(asim::simulate(sc), asim::config_error);
}

TEST_CASE("a negative capacity from a custom policy is a config error naming the policy") {
    auto p = std::make_shared<scripted>(std::vector<std::optional<int>>{std::nullopt, -1});
    CHECK_THROWS_WITH_AS(asim::simulate(custom_only(constant(5, 600), p)),
                         "custom.decide: expected a capacity >= 0 or no value, got -1",
                         asim::config_error);
    CHECK(p->seen.size() == 2); // no change at 60 s, the error at 120 s
}
