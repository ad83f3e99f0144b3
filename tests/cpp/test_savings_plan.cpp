// Savings Plans: a commitment's cost against hand-computed hours, the optimal commitment from the
// convexity argument (checked against a fine scan), and a simulation's hourly capacity profile.
#include <autoscalesim/autoscalesim.hpp>
#include <doctest/doctest.h>

#include <string>
#include <vector>

using namespace autoscalesim;

TEST_CASE("savings plan: a commitment's cost, hour by hour") {
    // Four hours at 1 USD on demand, six at 5; discount 0.5. A commitment of 1 USD/h covers 2 USD
    // of on-demand usage per hour: 4 x 1 + 6 x (1 + 3) = 28 USD against 34.
    const std::vector<double> usage{1, 1, 1, 1, 5, 5, 5, 5, 5, 5};
    const savings_plan_outcome o = apply_savings_plan(usage, 0.5, 1.0);
    CHECK(o.on_demand_usd == 34);
    CHECK(o.with_plan_usd == 28);
    CHECK(o.saving_usd == 6);
    // Covered: 4 x 1 + 6 x 2 = 16 of 34 on-demand USD; used: 16 of 10 x 2 = 20.
    CHECK(o.coverage == doctest::Approx(16.0 / 34).epsilon(1e-15));
    CHECK(o.utilization == doctest::Approx(0.8).epsilon(1e-15));
    CHECK(o.break_even_utilization == 0.5);
    CHECK(o.hours == 10);
}

TEST_CASE("savings plan: the best commitment covers the d-quantile of the hourly usage") {
    const std::vector<double> usage{1, 1, 1, 1, 5, 5, 5, 5, 5, 5};
    // d = 0.5: k = ceil(5) - 1 = 4, level 5, c = 2.5: 10 x 2.5 = 25 USD (saving 9).
    const savings_plan_outcome half = best_savings_plan(usage, 0.5);
    CHECK(half.commitment_per_hour == 2.5);
    CHECK(half.with_plan_usd == 25);
    CHECK(half.utilization == doctest::Approx(34.0 / 50).epsilon(1e-15));
    // d = 0.3: k = ceil(3) - 1 = 2, level 1, c = 0.7: 7 + 6 x 4 = 31 USD (saving 3); covering
    // the level 5 instead (c = 3.5) would cost 35.
    const savings_plan_outcome low = best_savings_plan(usage, 0.3);
    CHECK(low.commitment_per_hour == doctest::Approx(0.7).epsilon(1e-15));
    CHECK(low.with_plan_usd == doctest::Approx(31).epsilon(1e-15));
    CHECK(apply_savings_plan(usage, 0.3, 3.5).with_plan_usd == doctest::Approx(35).epsilon(1e-15));
    // No discount: commit nothing.
    CHECK(best_savings_plan(usage, 0).commitment_per_hour == 0);

    // Against a scan of commitments on an uneven profile, for several discounts.
    std::vector<double> profile;
    for (int h = 0; h < 24 * 7; ++h) {
        profile.push_back(2.0 + (h % 24 >= 8 && h % 24 < 20 ? 3.0 : 0.0) + (h % 7) * 0.25);
    }
    for (const double d : {0.1, 0.36, 0.5, 0.64, 0.72}) {
        const double best = best_savings_plan(profile, d).with_plan_usd;
        for (double c = 0; c <= 8; c += 0.01) {
            CHECK(apply_savings_plan(profile, d, c).with_plan_usd >= best - 1e-9);
        }
    }
}

TEST_CASE("savings plan: a part hour counts by its share") {
    // A fleet costing 1 USD/h for 90 minutes: hours of 1 and 0.5 USD, the second half an hour.
    // d = 0.3: both hours run at the level 1, c = 0.7, charged 0.7 + 0.35 = 1.05 USD: 0.7 per
    // hour, as two whole hours give (1.4). Read as whole hours, the 0.5 USD hour would have
    // been an hour of low usage (c = 0.35, 0.35 + 0.5 + 0.35 = 1.2 USD, 0.8 per hour).
    const std::vector<double> shares = hour_shares(90 * 60'000);
    REQUIRE(shares.size() == 2);
    CHECK(shares[0] == 1);
    CHECK(shares[1] == 0.5);
    const savings_plan_outcome part = best_savings_plan({1, 0.5}, 0.3, shares);
    CHECK(part.commitment_per_hour == doctest::Approx(0.7).epsilon(1e-15));
    CHECK(part.with_plan_usd == doctest::Approx(1.05).epsilon(1e-15));
    CHECK(part.hours == 1.5);
    CHECK(part.utilization == doctest::Approx(1).epsilon(1e-15));
    CHECK(best_savings_plan({1, 1}, 0.3).with_plan_usd / 2 ==
          doctest::Approx(part.with_plan_usd / part.hours).epsilon(1e-15));
    CHECK(best_savings_plan({1, 0.5}, 0.3).with_plan_usd == doctest::Approx(1.2).epsilon(1e-15));

    // Levels 1, 3 and 0.5 / 0.25 = 2 with shares 1, 1, 0.25 (2.25 hours), d = 0.5: the level 2
    // has 1 hour above it, within 0.5 x 2.25; the level 1 has 1.25. c = 1: 1 + (1 + 1) + 0.25.
    const std::vector<double> usage{1, 3, 0.5};
    const std::vector<double> weights{1, 1, 0.25};
    const savings_plan_outcome o = best_savings_plan(usage, 0.5, weights);
    CHECK(o.commitment_per_hour == 1);
    CHECK(o.with_plan_usd == doctest::Approx(3.25).epsilon(1e-15));
    for (double c = 0; c <= 3; c += 0.001) {
        CHECK(apply_savings_plan(usage, 0.5, c, weights).with_plan_usd >= o.with_plan_usd - 1e-12);
    }
    CHECK(hour_shares(0).empty());
    CHECK(hour_shares(2 * 3'600'000) == std::vector<double>{1, 1});
}

TEST_CASE("savings plan: hours are clock hours, so a run may start inside its first") {
    constexpr std::int64_t minute = 60'000;
    // 12:30 to 14:15: half of 12:00-13:00, all of 13:00-14:00, a quarter of 14:00-15:00.
    CHECK(hour_shares(105 * minute, 30 * minute) == std::vector<double>{0.5, 1, 0.25});
    // 12:45 to 12:55: one clock hour, a sixth of it.
    const std::vector<double> inside = hour_shares(10 * minute, 45 * minute);
    REQUIRE(inside.size() == 1);
    CHECK(inside[0] == doctest::Approx(1.0 / 6).epsilon(1e-15));
    // 12:30 to 13:30: two clock hours of half each; 12:30 to 16:00: 0.5 then three whole.
    CHECK(hour_shares(60 * minute, 30 * minute) == std::vector<double>{0.5, 0.5});
    CHECK(hour_shares(210 * minute, 30 * minute) == std::vector<double>{0.5, 1, 1, 1});
    CHECK(hour_shares(60 * minute, 0) == std::vector<double>{1});
    CHECK_THROWS_AS(hour_shares(60 * minute, 60 * minute), config_error);
    CHECK_THROWS_AS(hour_shares(60 * minute, -1), config_error);
    // Epoch times before 1970 count from their clock hour too.
    CHECK(clock_hour_offset_ms(0) == 0);
    CHECK(clock_hour_offset_ms(3'600'000 + 30 * minute) == 30 * minute);
    CHECK(clock_hour_offset_ms(-15 * minute) == 45 * minute);
}

TEST_CASE("simulation: a steady fleet costs the same per hour with the plan, however long") {
    // Two instances at 1 USD/h, no scaling, 30 % off: 1.4 USD/h with the plan, on a trace of
    // 90 minutes as on one of 2 hours.
    for (const int minutes : {90, 120, 61}) {
        scenario sc;
        sc.traffic = trace(std::vector<double>(static_cast<std::size_t>(minutes), 0.0), 60'000);
        sc.endpoint.type.price_per_hour = 1;
        sc.endpoint.initial_capacity = 2;
        sc.endpoint.savings_plan_discount = 0.3;
        sc.scaling.min_capacity = 2;
        sc.scaling.max_capacity = 2;
        const summary s = simulate(sc).totals;
        CAPTURE(minutes);
        CHECK(s.cost_usd == doctest::Approx(2.0 * minutes / 60).epsilon(1e-12));
        CHECK(s.commitment_per_hour == doctest::Approx(1.4).epsilon(1e-12));
        CHECK(s.cost_with_plan_usd == doctest::Approx(1.4 * minutes / 60).epsilon(1e-12));
    }
}

TEST_CASE("savings plan: bad arguments name themselves") {
    auto message = [](auto&& f) {
        try {
            f();
        } catch (const std::exception& e) {
            return std::string(e.what());
        }
        return std::string();
    };
    CHECK(message([] { best_savings_plan({1, 2}, 1.0); }).find("discount") != std::string::npos);
    CHECK(message([] { apply_savings_plan({1, -2}, 0.3, 1); }).find("hourly_on_demand_usd[1]") !=
          std::string::npos);
    CHECK(message([] { apply_savings_plan({1, 2}, 0.3, -1); }).find("commitment_per_hour") !=
          std::string::npos);
    CHECK(message([] { best_savings_plan({1, 2}, 0.3, {1}); }).find("hour_shares") !=
          std::string::npos);
    CHECK(message([] { best_savings_plan({1, 2}, 0.3, {1, 0}); }).find("hour_shares[1]") !=
          std::string::npos);
}

TEST_CASE("simulation: billed instance-hours per clock hour") {
    // 2 instances for 150 minutes; one more launched at 30 min (start-up billed) and removed by
    // a scheduled action at 90 min: hours 0, 1, 2 hold 2.5, 2.5 and 1.0 instance-hours.
    scenario sc;
    sc.traffic = trace(std::vector<double>(150, 0.0), 60'000);
    sc.endpoint.initial_capacity = 2;
    sc.scaling.min_capacity = 1;
    sc.scaling.max_capacity = 5;
    scheduled_action_config up;
    up.at_ms = {30 * 60'000};
    up.min_capacity = 3;
    scheduled_action_config down;
    down.at_ms = {90 * 60'000};
    down.min_capacity = 1;
    down.max_capacity = 2;
    sc.scaling.scheduled = {up, down};
    const result r = simulate(sc);
    REQUIRE(r.hourly_instance_hours.size() == 3);
    CHECK(r.hourly_instance_hours[0] == doctest::Approx(2.5).epsilon(1e-15));
    CHECK(r.hourly_instance_hours[1] == doctest::Approx(2.5).epsilon(1e-15));
    CHECK(r.hourly_instance_hours[2] == doctest::Approx(1.0).epsilon(1e-15));
    double sum = 0;
    for (const double h : r.hourly_instance_hours)
        sum += h;
    CHECK(sum == doctest::Approx(r.totals.instance_hours).epsilon(1e-12));
    // The spend a plan covers: those hours at the instance price.
    REQUIRE(r.hourly_on_demand_usd.size() == 3);
    CHECK(r.hourly_on_demand_usd[1] ==
          doctest::Approx(2.5 * sc.endpoint.type.price_per_hour).epsilon(1e-15));
    CHECK(r.hourly_on_demand_usd[2] ==
          doctest::Approx(1.0 * sc.endpoint.type.price_per_hour).epsilon(1e-15));
}

TEST_CASE("simulation: billed hours and the plan follow UTC clock hours") {
    // Two instances at 1 USD/h on a trace from 12:30 for 2 hours (1995-07-01 12:30 UTC): clock
    // hours 12, 13 and 14 hold 1, 2 and 1 instance-hours. With 30 % off, the best plan commits
    // 1.4 USD/h and charges the part hours their share: 0.7 + 1.4 + 0.7 = 2.8 USD, as two whole
    // hours would. Counted from the trace's start, the hours would be 2 and 2.
    const std::int64_t start = 804'556'800'000 + 12 * 3'600'000 + 30 * 60'000;
    scenario sc;
    sc.traffic = trace(std::vector<double>(120, 0.0), 60'000, start);
    sc.endpoint.type.price_per_hour = 1;
    sc.endpoint.initial_capacity = 2;
    sc.endpoint.savings_plan_discount = 0.3;
    sc.scaling.min_capacity = 2;
    sc.scaling.max_capacity = 2;
    const result r = simulate(sc);
    REQUIRE(r.hourly_instance_hours.size() == 3);
    CHECK(r.hourly_instance_hours[0] == doctest::Approx(1).epsilon(1e-15));
    CHECK(r.hourly_instance_hours[1] == doctest::Approx(2).epsilon(1e-15));
    CHECK(r.hourly_instance_hours[2] == doctest::Approx(1).epsilon(1e-15));
    CHECK(r.totals.commitment_per_hour == doctest::Approx(1.4).epsilon(1e-12));
    CHECK(r.totals.cost_with_plan_usd == doctest::Approx(2.8).epsilon(1e-12));

    // A third instance from 13:00 (a scheduled action 30 minutes in) to the end: the clock
    // hours hold 1, 3 and 1.5. The best plan covers the level exceeded in 70 % of the 2 hours'
    // shares: levels 2 (12:00, share 0.5), 3 (13:00, 1), 3 (14:00, 0.5); above 2 weigh 1.5 of
    // 2 hours, more than 1.4, so the level is 3 and c = 2.1 USD/h: 2.1 x 2 = 4.2 USD covers all
    // 5.5 instance-hours (5.5 USD on demand; at c = 1.4, 2.8 + 1 + 0.5 = 4.3 USD).
    scheduled_action_config up;
    up.at_ms = {30 * 60'000};
    up.min_capacity = 3;
    sc.scaling.max_capacity = 3;
    sc.scaling.scheduled = {up};
    sc.endpoint.startup = startup_distribution::fixed(0);
    const result third = simulate(sc);
    REQUIRE(third.hourly_instance_hours.size() == 3);
    CHECK(third.hourly_instance_hours[1] == doctest::Approx(3).epsilon(1e-15));
    CHECK(third.hourly_instance_hours[2] == doctest::Approx(1.5).epsilon(1e-15));
    CHECK(third.totals.cost_usd == doctest::Approx(5.5).epsilon(1e-12));
    CHECK(third.totals.commitment_per_hour == doctest::Approx(2.1).epsilon(1e-12));
    CHECK(third.totals.cost_with_plan_usd == doctest::Approx(4.2).epsilon(1e-12));
}

TEST_CASE("simulation: the cost with the best plan, which may rank policies differently") {
    // At 1 USD per instance-hour for 24 hours with a 50 % discount:
    // A keeps 3 instances: 72 USD on demand; the best commitment covers all of it (1.5 USD/h):
    // 36 USD.
    // B keeps 1 instance, and 4 from hour 12 (a scheduled action, start-up 0): 24 + 36 = 60
    // USD on demand. Its cost is flat for commitments c in [0.5, 2] (the slope 24 - 2 x #{hours
    // above 2c} is 0 there): 24 x 0.5 + 12 x (4 - 1) = 48 USD at c = 0.5, the smallest.
    // B is cheaper on demand (60 < 72), A with the plan (36 < 48).
    scenario a;
    a.traffic = trace(std::vector<double>(24 * 60, 0.0), 60'000);
    a.endpoint.type.price_per_hour = 1;
    a.endpoint.startup = startup_distribution::fixed(0);
    a.endpoint.savings_plan_discount = 0.5;
    a.endpoint.initial_capacity = 3;
    a.scaling.min_capacity = 3;
    a.scaling.max_capacity = 4;
    scenario b = a;
    b.endpoint.initial_capacity = 1;
    b.scaling.min_capacity = 1;
    scheduled_action_config noon;
    noon.at_ms = {12 * ms_per_hour};
    noon.min_capacity = 4;
    b.scaling.scheduled = {noon};
    const summary sa = simulate(a).totals;
    const summary sb = simulate(b).totals;
    CHECK(sa.cost_usd == doctest::Approx(72).epsilon(1e-12));
    CHECK(sa.cost_with_plan_usd == doctest::Approx(36).epsilon(1e-12));
    CHECK(sa.commitment_per_hour == doctest::Approx(1.5).epsilon(1e-12));
    CHECK(sb.cost_usd == doctest::Approx(60).epsilon(1e-12));
    CHECK(sb.cost_with_plan_usd == doctest::Approx(48).epsilon(1e-12));
    CHECK(sb.commitment_per_hour == doctest::Approx(0.5).epsilon(1e-12));
    // As an objective, by name (the optimizer's and the command's).
    CHECK(summary_value(sb, "cost_with_plan_usd") == sb.cost_with_plan_usd);

    SUBCASE("a search that minimises the cost with the plan recommends by it") {
        // The two runs as two evaluated policies: best() is A when the objective is the cost
        // with the plan (36 < 48), B when it is the on-demand cost (60 < 72). (Without traffic
        // the runs have no latency, which makes them infeasible: taken as feasible here.)
        auto feasible = [](optimize::evaluation e) {
            e.feasible = true;
            return e;
        };
        optimize::problem p;
        p.scenarios = {a};
        p.objectives = {"cost_with_plan_usd", "p99_latency_s"};
        optimize::search_result r;
        r.objective_names = p.objectives;
        r.evaluations = {feasible(optimize::make_evaluation(p, {0}, {sa}, 0)),
                         feasible(optimize::make_evaluation(p, {1}, {sb}, 1))};
        CHECK(optimize::cost_field(r.objective_names) == "cost_with_plan_usd");
        REQUIRE(r.best().has_value());
        CHECK(r.best()->index == 0);
        p.objectives = {"cost_usd", "p99_latency_s"};
        r.objective_names = p.objectives;
        r.evaluations = {feasible(optimize::make_evaluation(p, {0}, {sa}, 0)),
                         feasible(optimize::make_evaluation(p, {1}, {sb}, 1))};
        REQUIRE(r.best().has_value());
        CHECK(r.best()->index == 1);
    }

    SUBCASE("without a discount the plan is the on-demand bill") {
        a.endpoint.savings_plan_discount = 0;
        const summary s = simulate(a).totals;
        CHECK(s.cost_with_plan_usd == s.cost_usd);
        CHECK(s.commitment_per_hour == 0);
    }
    SUBCASE("a discount of 1 or more is refused by name") {
        a.endpoint.savings_plan_discount = 1;
        CHECK_THROWS_WITH_AS(a.validate(), doctest::Contains("endpoint.savings_plan_discount"),
                             config_error);
    }
}
