// result::margins: the ranges of a target-tracking policy's settings within which a run repeats
// itself. Worked by hand on constant traffic, and checked against independent simulations of
// settings drawn inside the ranges (and, to show the ranges are not trivially narrow, the number
// of draws that land inside).
#include "scenario_builders.hpp"

#include <autoscalesim/autoscalesim.hpp>
#include <autoscalesim/io/csv_trace.hpp>
#include <doctest/doctest.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <limits>
#include <random>
#include <string>
#include <tuple>
#include <vector>

namespace asim = autoscalesim;
using asim_test::constant;
using asim_test::scaling_scenario;
using asim_test::then;

namespace {

// A run with its decision margins recorded.
asim::result margins_run(const asim::scenario& sc) {
    return asim::simulate(sc, asim::simulate_options{.margins = true});
}

// Every summary field to the bit (NaN equal to NaN), and the activities' times and capacities.
bool same_run(const asim::result& a, const asim::result& b) {
    for (const auto& f : asim::summary_fields()) {
        const double x = asim::summary_value(a.totals, f);
        const double y = asim::summary_value(b.totals, f);
        if (!(x == y || (std::isnan(x) && std::isnan(y)))) return false;
    }
    if (a.activities.size() != b.activities.size()) return false;
    for (std::size_t i = 0; i < a.activities.size(); ++i) {
        const auto &p = a.activities[i], &q = b.activities[i];
        if (p.start_ms != q.start_ms || p.end_ms != q.end_ms || p.from != q.from || p.to != q.to)
            return false;
    }
    return true;
}

} // namespace

TEST_CASE("margins on constant traffic at MinCapacity, worked by hand") {
    // 6,000 requests a minute on 2 instances: InvocationsPerInstance 3,000 every minute. With
    // TargetValue 4,000 AlarmHigh stays OK for every TargetValue from 3,000 up (its three
    // datapoints of 3,000 must exceed it). Below 3,000 it goes to ALARM, but the proposal
    // ceil(2 x 3,000 / TargetValue) stays 2 down to 3,000 x (1 - 1e-12), desired_capacity()'s
    // guard for exact multiples; below that it asks for 3. AlarmLow is in ALARM, but at MinCapacity
    // no scale-in can run whatever it proposes, so it bounds nothing. Nothing acts: the
    // cooldowns are free, and MaxCapacity may be anything from the fleet of 2 up.
    auto sc = scaling_scenario(constant(120, 6000), 2, 4000, 2, 10);
    const auto r = margins_run(sc);
    REQUIRE(r.activities.empty());
    const auto& m = r.margins;
    REQUIRE(m.known);
    CHECK(m.target_value_from == doctest::Approx(3000 * (1 - 1e-12)).epsilon(1e-15));
    using tt_policy = asim::target_tracking_policy;
    CHECK(tt_policy::desired_capacity(2, 3000, m.target_value_from) == 2);
    CHECK(tt_policy::desired_capacity(2, 3000, std::nextafter(m.target_value_from, 0.0)) == 3);
    CHECK(std::isinf(m.target_value_up_to));
    CHECK(m.scale_out_cooldown_above_ms == -1);
    CHECK(m.scale_out_cooldown_up_to_ms == std::numeric_limits<asim::time_ms>::max());
    CHECK(m.scale_in_cooldown_above_ms == -1);
    CHECK(m.scale_in_cooldown_up_to_ms == std::numeric_limits<asim::time_ms>::max());
    CHECK(m.max_capacity_from == 2);
    CHECK(m.max_capacity_up_to == std::numeric_limits<int>::max());
    CHECK(m.holds(3000, 0, 86400, 2));
    CHECK_FALSE(m.holds(2999, 300, 300, 10));
    CHECK_FALSE(m.holds(4000, 300, 300, 1));
    for (const double target : {3000.0, 5000.0, 1e6}) {
        auto other = sc;
        other.scaling.target_tracking[0].target_value = target;
        other.scaling.max_capacity = 2;
        other.scaling.target_tracking[0].scale_in_cooldown_s = 0;
        CHECK(same_run(margins_run(other), r));
    }
    auto below = sc;
    below.scaling.target_tracking[0].target_value = 2999;
    const auto b = margins_run(below);
    REQUIRE(b.activities.size() == 1);
    CHECK(b.activities[0].to == 3); // ceil(6,000 / 2,999)
}

TEST_CASE("margins of one scale-out, worked by hand") {
    // 2 instances at 2,000 a minute (InvocationsPerInstance 1,000 = TargetValue 1,000: AlarmHigh
    // stays OK from 1,000 up; below, it would scale out to ceil(2,000 / TargetValue) > 2), then
    // 4,000 a minute: AlarmHigh sees 2,000 three times and the scale-out asks for ceil(4,000 /
    // TargetValue) = 4, the same for TargetValue in [1,000, 1,333.3). Once the two new
    // instances serve, the metric is 1,000 again: AlarmLow goes to ALARM for TargetValue above
    // 1,111.1 (1,000 < 0.9 x TargetValue), but its proposal ceil(4,000 / TargetValue) stays 4
    // (no scale-in) up to 1,333.3. So TargetValue in [1,000, 1,333.3) and MaxCapacity from 4
    // repeat the run.
    std::vector<double> load = constant(20, 2000);
    then(load, 100, 4000);
    auto sc = scaling_scenario(load, 2, 1000, 1, 50, 300);
    const auto r = margins_run(sc);
    REQUIRE(r.activities.size() == 1);
    CHECK(r.activities[0].to == 4);
    const auto& m = r.margins;
    REQUIRE(m.known);
    CHECK(m.target_value_from == 1000);
    CHECK(m.target_value_up_to == doctest::Approx(4000.0 / 3).epsilon(1e-12));
    CHECK(m.target_value_up_to < 4000.0 / 3);
    CHECK(m.max_capacity_from == 4);
    CHECK(m.max_capacity_up_to == std::numeric_limits<int>::max());
    CHECK(m.scale_in_cooldown_up_to_ms == std::numeric_limits<asim::time_ms>::max());
    for (const double target : {1000.0, 1200.0, 1333.0}) {
        auto other = sc;
        other.scaling.target_tracking[0].target_value = target;
        other.scaling.max_capacity = 4;
        CHECK(same_run(margins_run(other), r));
    }
    // Further out the run changes: at 1,400 the scale-out asks for ceil(4,000 / 1,400) = 3.
    auto high = sc;
    high.scaling.target_tracking[0].target_value = 1400;
    CHECK_FALSE(same_run(margins_run(high), r));
    auto capped = sc;
    capped.scaling.max_capacity = 3;
    CHECK_FALSE(same_run(margins_run(capped), r));
    // The datapoints from while the new instances started (2,000 each) keep AlarmHigh in ALARM
    // for a minute after they serve. Within the scale-out cooldown the proposal comes from the
    // window's base (2 instances: 4, nothing to do); past it, from the 4 now desired (8). So the
    // range holds only cooldowns longer than that minute, and one shorter scales out again.
    CHECK(m.scale_out_cooldown_above_ms == 60'000);
    CHECK(m.scale_out_cooldown_up_to_ms == std::numeric_limits<asim::time_ms>::max());
    for (const double cooldown : {61.0, 3600.0}) {
        auto other = sc;
        other.scaling.target_tracking[0].scale_out_cooldown_s = cooldown;
        CHECK(same_run(margins_run(other), r));
    }
    auto brief = sc;
    brief.scaling.target_tracking[0].scale_out_cooldown_s = 30;
    const auto again = margins_run(brief);
    REQUIRE(again.activities.size() >= 2);
    CHECK(again.activities[1].to == 8);
}

namespace {

// Simulates sc with settings at its margins' ends and corners (where a range too wide would show
// first) and a few drawn inside, each of which must repeat sc's run; returns how many it ran.
std::size_t check_within_margins(const asim::scenario& sc, std::mt19937_64& rng) {
    const auto r = margins_run(sc);
    const auto& m = r.margins;
    const auto& tt = sc.scaling.target_tracking[0];
    REQUIRE(m.known);
    REQUIRE(m.holds(tt.target_value, tt.scale_out_cooldown_s, tt.scale_in_cooldown_s,
                    sc.scaling.max_capacity));
    using setting = std::array<double, 4>; // TargetValue, cooldowns (s), MaxCapacity
    const setting own = {tt.target_value, tt.scale_out_cooldown_s, tt.scale_in_cooldown_s,
                         static_cast<double>(sc.scaling.max_capacity)};
    auto ms_end = [](asim::time_ms t) { return static_cast<double>(t) / 1000; };
    const double top_target = 4 * tt.target_value;
    constexpr asim::time_ms top_ms = 3'600'000;
    std::vector<double> targets = {m.target_value_from}, outs, ins, maxes;
    if (m.target_value_up_to < top_target) targets.push_back(m.target_value_up_to);
    for (auto [above, up_to, list] :
         {std::tuple(m.scale_out_cooldown_above_ms, m.scale_out_cooldown_up_to_ms, &outs),
          std::tuple(m.scale_in_cooldown_above_ms, m.scale_in_cooldown_up_to_ms, &ins)}) {
        list->push_back(ms_end(above + 1));
        if (up_to < top_ms) list->push_back(ms_end(up_to));
    }
    maxes.push_back(std::max(m.max_capacity_from, sc.scaling.min_capacity));
    if (m.max_capacity_up_to < 60) maxes.push_back(m.max_capacity_up_to);
    std::vector<setting> tries;
    for (const double t : targets) {
        for (const double o : outs) {
            for (const double i : ins) {
                for (const double x : maxes) {
                    tries.push_back({t, o, i, x});
                }
            }
        }
    }
    auto within = [&](double low, double high, double cap) {
        return std::uniform_real_distribution<double>(low, std::min(high, cap))(rng);
    };
    for (int k = 0; k < 3; ++k) {
        tries.push_back(
            {within(m.target_value_from, m.target_value_up_to, top_target),
             std::floor(within(static_cast<double>(m.scale_out_cooldown_above_ms + 1),
                               static_cast<double>(m.scale_out_cooldown_up_to_ms), top_ms)) /
                 1000,
             std::floor(within(static_cast<double>(m.scale_in_cooldown_above_ms + 1),
                               static_cast<double>(m.scale_in_cooldown_up_to_ms), top_ms)) /
                 1000,
             std::floor(within(std::max(m.max_capacity_from, sc.scaling.min_capacity),
                               static_cast<double>(m.max_capacity_up_to) + 0.99, 60.99))});
    }
    std::size_t ran = 0;
    for (const auto& x : tries) {
        if (x == own) continue;
        auto other = sc;
        auto& o = other.scaling.target_tracking[0];
        o.target_value = x[0];
        o.scale_out_cooldown_s = x[1];
        o.scale_in_cooldown_s = x[2];
        other.scaling.max_capacity = static_cast<int>(x[3]);
        REQUIRE(m.holds(x[0], x[1], x[2], static_cast<int>(x[3])));
        ++ran;
        INFO("TargetValue " << o.target_value << " (own " << own[0] << "), cooldowns "
                            << o.scale_out_cooldown_s << " / " << o.scale_in_cooldown_s << " (own "
                            << own[1] << " / " << own[2] << "), MaxCapacity "
                            << other.scaling.max_capacity << " (own " << own[3] << ")");
        CHECK(same_run(margins_run(other), r));
    }
    return ran;
}

} // namespace

TEST_CASE("a run with settings inside its margins repeats it: NASA days, both bases, async") {
    // Policies spread over TargetValue, the cooldowns (from completion and from the start),
    // MaxCapacity, the capacity basis, what happens to a scale-out asked for during an activity
    // and the endpoint kind.
    std::mt19937_64 rng(7);
    std::size_t tested = 0;
    int case_no = 0;
    for (const double target : {6.0, 15.0, 30.0, 45.0}) {
        for (const double in_cd : {60.0, 300.0, 900.0}) {
            ++case_no;
            auto sc = asim_test::nasa_demo(static_cast<std::size_t>(case_no % 5), 1);
            auto& tt = sc.scaling.target_tracking[0];
            tt.target_value = target;
            tt.scale_in_cooldown_s = in_cd;
            tt.scale_out_cooldown_s = case_no % 2 == 0 ? 60 : 600;
            sc.scaling.max_capacity = case_no % 3 == 0 ? 6 : 20;
            if (case_no % 4 == 1) sc.scaling.cooldown_from = asim::cooldown_start::start;
            if (case_no % 4 == 2) sc.scaling.basis = asim::capacity_basis::producing;
            if (case_no % 4 == 3) {
                sc.scaling.scale_out_while_updating = asim::busy_scale_out::remember_largest;
            }
            if (case_no % 6 == 5) {
                sc.endpoint.kind = asim::endpoint_kind::asynchronous;
                tt.metric = asim::metric_kind::approximate_backlog_size_per_instance;
                tt.target_value = target / 5;
            }
            tested += check_within_margins(sc, rng);
        }
    }
    CHECK(tested >= 100);
}

TEST_CASE("a run with settings inside its margins repeats it: random walks of traffic") {
    // Six hours of traffic that drifts up and down by up to a third a minute, with random
    // settings: ramps up and down of every slope, where each kind of decision binds somewhere.
    std::mt19937_64 rng(11);
    std::size_t tested = 0;
    for (int c = 0; c < 150; ++c) {
        std::uniform_real_distribution<double> u(0, 1);
        std::vector<double> load;
        double level = 200 + 1800 * u(rng);
        for (int minute = 0; minute < 360; ++minute) {
            level = std::clamp(level * (0.7 + 0.6 * u(rng)), 20.0, 20000.0);
            load.push_back(std::round(level));
        }
        const int min_cap = 1 + static_cast<int>(3 * u(rng));
        auto sc = scaling_scenario(load, min_cap + static_cast<int>(3 * u(rng)), 100 + 900 * u(rng),
                                   min_cap, min_cap + 2 + static_cast<int>(20 * u(rng)),
                                   60 + 600 * u(rng));
        auto& tt = sc.scaling.target_tracking[0];
        tt.scale_out_cooldown_s = std::round(600 * u(rng));
        tt.scale_in_cooldown_s = std::round(900 * u(rng));
        tt.low_evaluation_periods = 3 + static_cast<int>(12 * u(rng));
        tt.low_datapoints_to_alarm = 1 + static_cast<int>((tt.low_evaluation_periods - 1) * u(rng));
        if (c % 3 == 1) sc.scaling.cooldown_from = asim::cooldown_start::start;
        if (c % 4 == 2) sc.scaling.basis = asim::capacity_basis::producing;
        if (c % 5 == 3)
            sc.scaling.scale_out_while_updating = asim::busy_scale_out::remember_largest;
        INFO("case " << c);
        tested += check_within_margins(sc, rng);
    }
    CHECK(tested >= 1000);
}

TEST_CASE("margins are known only when asked for, with one target-tracking policy alone") {
    auto sc = scaling_scenario(constant(60, 6000), 2, 4000);
    CHECK(margins_run(sc).margins.known);
    CHECK_FALSE(asim::simulate(sc).margins.known); // only when asked for
    auto two = sc;
    two.scaling.target_tracking.push_back(two.scaling.target_tracking[0]);
    two.scaling.target_tracking[1].name = "second";
    two.scaling.target_tracking[1].metric = asim::metric_kind::cpu_utilization;
    two.scaling.target_tracking[1].target_value = 50;
    CHECK_FALSE(margins_run(two).margins.known);
    auto scheduled = sc;
    scheduled.scaling.scheduled.push_back({});
    scheduled.scaling.scheduled[0].at_ms = {30 * asim::ms_per_minute};
    scheduled.scaling.scheduled[0].min_capacity = 3;
    CHECK_FALSE(margins_run(scheduled).margins.known);
}
