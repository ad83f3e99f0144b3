// recommend: the search space read off the trace and the instance, the choice, and its checks.
#include <autoscalesim/autoscalesim.hpp>
#include <autoscalesim/instance_catalog.hpp>
#include <autoscalesim/optimize/recommend.hpp>

#include <doctest/doctest.h>

#include <cmath>

using namespace autoscalesim;
namespace opt = autoscalesim::optimize;

namespace {

// Two days of a daily wave between 60 and 1,260 requests a minute (1 to 21 req/s).
scenario wave_scenario() {
    std::vector<double> counts;
    for (int m = 0; m < 2 * 1440; ++m) {
        counts.push_back(660 - 600 * std::cos(2 * M_PI * m / 1440.0));
    }
    scenario sc;
    sc.traffic = trace(std::move(counts), ms_per_minute);
    // M/M/1 instances: one worker, exponential service of 0.1 s
    sc.endpoint.type = {
        .name = "m", .price_per_hour = 0.5, .workers = 1, .service_time_s = 0.1, .service_cv = 1.0};
    sc.endpoint.initial_capacity = 2;
    sc.endpoint.startup = startup_distribution::fixed(240);
    return sc;
}

} // namespace

TEST_CASE("recommend: one instance's sustainable rate is the M/M/1 p99 bound") {
    // M/M/1 response time is exponential with rate mu - lambda: p99 <= L when
    // lambda <= mu - ln(100) / L = 10 - 4.60517 = 5.39483 req/s for L = 1 s.
    opt::recommend_options o;
    o.max_p99_latency_s = 1.0;
    o.budget = 40;
    const auto r = opt::recommend(wave_scenario(), o);
    CHECK(r.sustainable_rate_per_s == doctest::Approx(10 - std::log(100.0)).epsilon(1e-3));
    CHECK(r.max_rate_per_s == doctest::Approx(10)); // workers / service time
    // the rule of thumb: TargetValue = 10 req/s x 0.5 x 60 = 300
    CHECK(r.rule_of_thumb.scaling.target_tracking.front().target_value == doctest::Approx(300));
}

TEST_CASE("recommend: the space comes from the trace's troughs and peak") {
    opt::recommend_options o;
    o.max_p99_latency_s = 1.0;
    o.budget = 70;
    o.test_fraction = 0.5; // tune on day 1, check on day 2
    const auto r = opt::recommend(wave_scenario(), o);
    REQUIRE(r.train.size() == 1440);
    REQUIRE(r.test.size() == 1440);
    const double lambda = 10 - std::log(100.0);
    // peak 1,260 a minute = 21 req/s: ceil(21 / 5.39) = 4 instances, x1.5 = 6
    const auto& dims = r.tuned.space.dimensions;
    REQUIRE(dims.size() == 3);
    CHECK(dims[1].parameter == "max_capacity");
    CHECK(dims[1].low == 6);
    // troughs (5th percentile of hourly means) ~1.2 req/s need 1 instance: Min 1 to 3
    CHECK(dims[0].values == std::vector<double>{1, 2, 3});
    // TargetValue from 0.25 to 1.5 times lambda x 60 = 323.7 per instance per minute
    const auto& tv = dims[2].values;
    REQUIRE(!tv.empty());
    CHECK(tv.front() >= 0.2 * lambda * 60);
    CHECK(tv.front() <= 0.3 * lambda * 60);
    CHECK(tv.back() <= 1.5 * lambda * 60 + 1e-9);
    CHECK(tv.back() >= 1.4 * lambda * 60);
    // a grid within the budget is searched whole; a larger one gets the adaptive search
    CHECK(r.tuned.space.grid_size() <= 70);
    CHECK(r.search.evaluated == r.tuned.space.grid_size());
    o.budget = 30;
    const auto small = opt::recommend(wave_scenario(), o);
    CHECK(small.tuned.space.grid_size() > 30);
    CHECK(small.search.evaluated == 30);
}

TEST_CASE("recommend: the choice is the cheapest policy meeting the SLO, re-run on each part") {
    opt::recommend_options o;
    o.max_p99_latency_s = 1.0;
    o.budget = 60;
    o.test_fraction = 0.5;
    const scenario base = wave_scenario();
    const auto r = opt::recommend(base, o);
    REQUIRE(r.recommended);
    const double chosen_cost = r.recommended->train.cost_usd;
    std::size_t meeting = 0;
    for (const auto& e : r.search.evaluations) {
        if (e.field("p99_latency_s") <= 1.0 && e.field("error_rate") <= 1e-3) {
            ++meeting;
            CHECK(e.field("cost_usd") >= chosen_cost);
        }
    }
    CHECK(meeting == r.search.feasible);
    CHECK(r.recommended->meets_train);
    CHECK(r.recommended->train.p99_latency_s <= 1.0);
    // the held-out figures are a plain simulation of the chosen policy on day 2
    scenario day2 = base;
    day2.traffic = base.traffic.slice(1440, 1440);
    day2.scaling = r.recommended->scaling;
    day2.slo.latency_s = 1.0;
    REQUIRE(r.recommended->test);
    CHECK(simulate(day2).totals.cost_usd == r.recommended->test->cost_usd);
    CHECK(simulate(day2).totals.p99_latency_s == r.recommended->test->p99_latency_s);
    // a current policy is run the same way
    scaling_config current = r.recommended->scaling;
    current.target_tracking.front().target_value = 900;
    const auto with_current = opt::recommend(base, o, &current);
    REQUIRE(with_current.current);
    day2.scaling = current;
    CHECK(simulate(day2).totals.cost_usd == with_current.current->test->cost_usd);
}

TEST_CASE("recommend: slice_fraction searches the tuning part's busiest slice first") {
    opt::recommend_options o;
    o.max_p99_latency_s = 1.0;
    o.budget = 30; // below the space's size: the adaptive search
    o.test_fraction = 0.5;
    o.slice_fraction = 0.25;
    const auto r = opt::recommend(wave_scenario(), o);
    REQUIRE(r.tuned.space.grid_size() > 30);
    // budget 30 on the whole tuning part, after up to the default 1.5 x 30 = 45 on its slice:
    // here 36, where the slice's space runs out (the policies left are answered for by those
    // evaluated, as their decision margins tell)
    CHECK(r.search.evaluated == 30);
    CHECK(r.search.slice_evaluated == 36);
    // the same two-stage search, called directly on the tuning problem
    opt::search_options so;
    so.seed = o.seed;
    so.max_evaluations = 30;
    so.fidelity.slice_fraction = 0.25;
    const auto direct = opt::adaptive_search(r.tuned, so);
    CHECK(direct.slice_evaluated == r.search.slice_evaluated);
    REQUIRE(direct.front.size() == r.search.front.size());
    for (std::size_t i = 0; i < direct.front.size(); ++i) {
        CHECK(direct.front[i].parameters == r.search.front[i].parameters);
        CHECK(direct.front[i].objectives == r.search.front[i].objectives);
    }
    // the choice is still re-run on the whole tuning part: its figures are a plain simulation
    REQUIRE(r.recommended);
    scenario day1 = r.tuned.scenarios.front();
    day1.scaling = r.recommended->scaling;
    day1.slo.latency_s = 1.0;
    CHECK(simulate(day1).totals.cost_usd == r.recommended->train.cost_usd);
    // a space searched whole has no first stage
    o.budget = 70;
    CHECK(opt::recommend(wave_scenario(), o).search.slice_evaluated == 0);
    o.slice_fraction = 1;
    CHECK_THROWS_WITH_AS(opt::recommend(wave_scenario(), o),
                         doctest::Contains("slice_fraction: expected a share in [0, 1)"),
                         config_error);
}

TEST_CASE("recommend: an SLO shorter than the service time's own tail is refused") {
    // exponential service of 0.1 s: P(S > 0.3 s) = e^-3 = 5 %, so no load meets p99 <= 0.3 s
    opt::recommend_options o;
    o.max_p99_latency_s = 0.3;
    CHECK_THROWS_WITH_AS(opt::recommend(wave_scenario(), o),
                         doctest::Contains("max_p99_latency_s: 0.3 s is shorter than the 99th "
                                           "percentile of the service time itself"),
                         config_error);
    o.max_p99_latency_s = 1;
    o.min_capacity = {1.5};
    CHECK_THROWS_WITH_AS(opt::recommend(wave_scenario(), o),
                         doctest::Contains("min_capacity: expected whole numbers >= 1, got 1.5"),
                         config_error);
    o.min_capacity = {30};
    o.max_capacity = {20};
    CHECK_THROWS_AS(opt::recommend(wave_scenario(), o), config_error);
}

TEST_CASE("recommend: a trace without requests is refused, not answered with 'no policy meets'") {
    scenario sc = wave_scenario();
    sc.traffic = trace(std::vector<double>(2 * 1440, 0.0), ms_per_minute);
    opt::recommend_options o;
    o.max_p99_latency_s = 1;
    o.test_fraction = 0;
    CHECK_THROWS_WITH_AS(opt::recommend(sc, o), doctest::Contains("trace: no requests in it"),
                         config_error);
    // Requests only in the held-out part: the part searched on is empty.
    std::vector<double> late(2 * 1440, 0.0);
    late.back() = 10;
    sc.traffic = trace(std::move(late), ms_per_minute);
    o.test_fraction = 0.25;
    CHECK_THROWS_WITH_AS(opt::recommend(sc, o),
                         doctest::Contains("trace: no requests in its first 75 %"), config_error);
}

TEST_CASE("instance catalogue: a name gives a price; an unknown name lists the known ones") {
    CHECK(find_catalog_instance("ml.g4dn.xlarge").price_per_hour == doctest::Approx(0.736));
    CHECK(find_catalog_instance("ml.g5.xlarge").gpus == 1);
    for (const auto& e : instance_catalog()) {
        CHECK(e.price_per_hour > 0);
        CHECK(e.vcpus > 0);
        CHECK(!e.source.empty());
    }
    CHECK_THROWS_WITH_AS(find_catalog_instance("ml.x9.huge"),
                         doctest::Contains("instance_type: \"ml.x9.huge\" is not in the "
                                           "catalogue (ml.t2.medium, "),
                         config_error);
}
