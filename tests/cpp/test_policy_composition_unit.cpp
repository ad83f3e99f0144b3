// The composition of proposals as a pure unit (policy/composition.hpp), each case by hand from
// the Application Auto Scaling rules (research/scaling-semantics.md §1.3).
#include <autoscalesim/policy/composition.hpp>
#include <doctest/doctest.h>

#include <vector>

namespace asim = autoscalesim;

namespace {

asim::scalable_target target(int desired, int min_cap = 1, int max_cap = 10) {
    asim::scaling_config c;
    c.min_capacity = min_cap;
    c.max_capacity = max_cap;
    return asim::scalable_target(c, desired);
}

// A proposal with target tracking's default scale-in cooldown (300 s) unless it names another.
asim::proposal asks(asim::proposal p) {
    if (p.in_cooldown_s == 0) {
        p.in_cooldown_s = 300;
    }
    return p;
}

asim::vote tracking(const asim::proposal& p, bool due = true) {
    return {&p, due, asim::scale_in_rule::unanimous, true, true};
}

asim::vote independent(const asim::proposal& p, bool due = true) {
    return {&p, due, asim::scale_in_rule::independent, true, true};
}

} // namespace

TEST_CASE("out if any: the largest clamped capacity wins") {
    const auto t = target(4, 1, 10);
    const auto a = asks({.out = 6}), b = asks({.out = 30}), c = asks({.in = 2});
    const auto d = asim::compose({tracking(a), independent(b), tracking(c)}, t, 0);
    CHECK(d.scales_out(4));
    CHECK(d.out_to == 10); // 30 clamped to MaxCapacity
    CHECK(d.out_by == 1);
    // A proposal of a policy that is not due does not scale out.
    const auto e = asim::compose({tracking(a, false)}, t, 0);
    CHECK_FALSE(e.scales_out(4));
}

TEST_CASE("in only if all target-tracking policies ask; the largest capacity wins") {
    const auto t = target(6);
    const auto a = asks({.in = 3}), b = asks({.in = 4}), silent = asks({});
    auto d = asim::compose({tracking(a), tracking(b)}, t, 0);
    CHECK(d.in_to == 4); // the larger of 3 and 4: scale in least
    CHECK(d.in_by == 1);
    CHECK(d.in_cooldown_s == 300);
    d = asim::compose({tracking(a), tracking(silent)}, t, 0);
    CHECK_FALSE(d.in_to.has_value());
    // A policy that is not due still votes with its latest proposal.
    d = asim::compose({tracking(a), tracking(b, false)}, t, 0);
    CHECK(d.in_to == 4);
    // DisableScaleIn leaves a policy out of the vote.
    asim::vote off = tracking(silent);
    off.scales_in = false;
    d = asim::compose({tracking(a), off}, t, 0);
    CHECK(d.in_to == 3);
}

TEST_CASE("an independent policy scales in on its own; the target's cooldown binds only the vote") {
    auto t = target(6);
    t.scale_in(0, 6, 300); // a scale-in at 0 s: cooldown until 300 s
    const auto a = asks({.in = 3}), step = asks({.in = 5});
    auto d = asim::compose({tracking(a)}, t, 100'000);
    CHECK_FALSE(d.in_to.has_value()); // blocked by the scale-in cooldown
    d = asim::compose({tracking(a), independent(step)}, t, 100'000);
    CHECK(d.in_to == 5);
    CHECK(d.in_by == 1);
    CHECK(d.in_cooldown_s == 0);
    d = asim::compose({tracking(a)}, t, 300'000);
    CHECK(d.in_to == 3);
}

TEST_CASE("nothing while an activity is in progress, except what does not wait for it") {
    auto t = target(2);
    t.scale_out(0, 4, 300); // instances starting
    const auto a = asks({.in = 1});
    auto d = asim::compose({tracking(a)}, t, 60'000);
    CHECK_FALSE(d.in_to.has_value());
    d = asim::compose({independent(a)}, t, 60'000);
    CHECK_FALSE(d.in_to.has_value());
    asim::vote hpa = independent(a);
    hpa.waits_for_activity = false; // Kubernetes: activities overlap
    d = asim::compose({hpa}, t, 60'000);
    CHECK(d.in_to == 1);
}

TEST_CASE("zero is a capacity, not a missing proposal") {
    // MinCapacity 0: a scale-in to 0 is asked for and composed like any other capacity.
    const auto t = target(2, 0, 10);
    const auto to_zero = asks({.in = 0});
    auto d = asim::compose({tracking(to_zero)}, t, 0);
    REQUIRE(d.in_to.has_value());
    CHECK(*d.in_to == 0);
    d = asim::compose({independent(asks({})), independent(to_zero)}, t, 0);
    CHECK(d.in_to == 0);
    CHECK(d.in_by == 1);
    // A scale-out asked for but clamped to the current capacity (Max 2) is no scale-out; the
    // clamped value is still what the composition saw.
    const auto capped = target(2, 0, 2);
    const auto out = asks({.out = 5, .in = 1});
    d = asim::compose({tracking(out)}, capped, 0);
    CHECK(d.out_to == 2);
    CHECK_FALSE(d.scales_out(2));
    CHECK(d.in_to == 1); // the same proposal's scale-in counts once no scale-out runs
}

TEST_CASE("a due proposal that asks nothing blocks the unanimous vote but not an independent one") {
    // Desired 6: tracking a asks 3, tracking b was evaluated and asks nothing; the step policy
    // asks 4 on its own.
    const auto t = target(6);
    const auto a = asks({.in = 3}), b = asks({}), step = asks({.in = 4});
    const auto d = asim::compose({tracking(a), tracking(b), independent(step)}, t, 0);
    CHECK(d.in_to == 4);
    CHECK(d.in_by == 2);
    CHECK(d.in_cooldown_s == 0); // an independent policy applies its own cooldown
}

TEST_CASE("the scale-in cooldown keeps when it began: the scale-in whose cooldown ends last") {
    auto t = target(6);
    t.scale_in(10'000, 5, 300); // until 310 s
    CHECK(t.scale_in_cooldown_until() == 310'000);
    CHECK(t.scale_in_cooldown_since() == 10'000);
    t.scale_in(20'000, 4, 0); // another kind of policy: does not cut the cooldown short
    CHECK(t.scale_in_cooldown_until() == 310'000);
    CHECK(t.scale_in_cooldown_since() == 10'000);
    t.scale_in(400'000, 3, 120); // a new cooldown, until 520 s
    CHECK(t.scale_in_cooldown_until() == 520'000);
    CHECK(t.scale_in_cooldown_since() == 400'000);
}

TEST_CASE("a scale-out with a shorter cooldown does not cut a running scale-out cooldown short") {
    // Target tracking 4 -> 6 at 240 s, in service at 360 s: its 300-s cooldown (from the
    // completion) runs to 660 s. A scheduled action's 6 -> 8 (cooldown 0) at 360 s, in service at
    // 480 s, left it ending at 480 s, and target tracking then scaled out again on datapoints of
    // 6 instances; a longer one still replaces it.
    constexpr asim::time_ms s = asim::ms_per_second;
    auto t = target(4, 1, 12);
    t.scale_out(240 * s, 6, 300);
    t.complete(360 * s);
    REQUIRE(t.scale_out_cooldown_until() == 660 * s);
    t.scale_out(360 * s, 8, 0);
    t.complete(480 * s);
    CHECK(t.scale_out_cooldown_until() == 660 * s);
    CHECK(t.scale_out_cooldown_since() == 360 * s);
    t.scale_out(600 * s, 10, 300);
    t.complete(700 * s);
    CHECK(t.scale_out_cooldown_until() == 1000 * s);
}
