// Multi-model endpoints: models loaded on first request, evicted least recently used when an
// instance's memory is full, routed to an instance holding the model when it has a free worker,
// the cache metrics and summary figures. Every expected figure is worked out by hand from the
// rules in docs/semantics.md ("Multi-model endpoints").
#include "scenario_builders.hpp"

#include <autoscalesim/autoscalesim.hpp>
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

using namespace autoscalesim;

namespace {

// One-minute intervals holding the given requests (ms, with the model each asks for), on a
// multi-model endpoint of `instances` one-worker instances in service from the start, serving
// each request in exactly 1 s; 3 models of 1 GB, `memory_gb` per instance, a load of exactly
// 2 s. No scaling (Min = Max).
scenario models_endpoint(int instances, double memory_gb, const std::vector<time_ms>& at_ms,
                         const std::vector<int>& models) {
    int intervals = 2;
    for (const time_ms t : at_ms) {
        intervals = std::max(intervals, static_cast<int>(t / ms_per_minute) + 1);
    }
    scenario sc = asim_test::logged_requests(at_ms, intervals, ms_per_minute, 1.0);
    sc.endpoint.kind = endpoint_kind::multi_model;
    sc.endpoint.type.price_per_hour = 3.6;
    sc.endpoint.initial_capacity = instances;
    sc.endpoint.multi_model.models = 3;
    sc.endpoint.multi_model.model_size_gb = 1;
    sc.endpoint.multi_model.instance_memory_gb = memory_gb;
    sc.endpoint.multi_model.load_base_s = 2;
    sc.endpoint.multi_model.load_s_per_gb = 0;
    sc.scaling.min_capacity = instances;
    sc.scaling.max_capacity = instances;
    sc.arrival_models = models;
    sc.slo.latency_s = 10;
    return sc;
}

// A download and load of a 1-GB model takes 1 + 10 s, a load from the volume 1 + 2 s.
void with_volume_loads(scenario& sc) {
    sc.endpoint.multi_model.load_base_s = 1;
    sc.endpoint.multi_model.load_s_per_gb = 10;
    sc.endpoint.multi_model.reload_s_per_gb = 2;
}

std::string error_of(const scenario& sc) {
    return asim_test::validation_error(sc);
}

} // namespace

TEST_CASE("multi-model: loads on first request, hits, and least-recently-used eviction") {
    // One instance with room for 2 models. Requests (s, model): (0, A) loads A: 2 + 1 = 3 s.
    // (10, A) hits: 1 s; A last used at 11 s. (20, B) loads B: 3 s (B last used at 23 s).
    // (30, C): memory full, A (11 s) is the least recently used: evicted, C loads: 3 s.
    // (40, A): B (23 s) goes, A loads: 3 s. (50, B): C (33 s) goes, B loads: 3 s.
    // Latencies 3, 1, 3, 3, 3, 3: mean 16 / 6; 1 hit in 6; 5 loads, each a 2-s wait.
    const std::vector<time_ms> at{0, 10'000, 20'000, 30'000, 40'000, 50'000};
    const std::vector<int> models{0, 0, 1, 2, 0, 1};
    scenario sc = models_endpoint(1, 2, at, models);
    const result r = simulate(sc);
    CHECK(r.totals.served == 6);
    CHECK(r.totals.mean_latency_s == doctest::Approx(16.0 / 6).epsilon(1e-12));
    CHECK(r.totals.model_cache_hit_rate == doctest::Approx(1.0 / 6).epsilon(1e-12));
    CHECK(r.totals.model_loads == 5);
    CHECK(r.totals.mean_model_load_wait_s == doctest::Approx(2).epsilon(1e-12));

    SUBCASE("memory for all three: nothing is evicted") {
        // (40, A) and (50, B) hit: latencies 3, 1, 3, 3, 1, 1; 3 hits, 3 loads.
        sc.endpoint.multi_model.instance_memory_gb = 3;
        const result m = simulate(sc);
        CHECK(m.totals.mean_latency_s == doctest::Approx(2).epsilon(1e-12));
        CHECK(m.totals.model_cache_hit_rate == doctest::Approx(0.5).epsilon(1e-12));
        CHECK(m.totals.model_loads == 3);
    }
    SUBCASE("room for three models of 0.1 GB in 0.3 GB, whatever floating point says") {
        // 0.3 / 0.1 is 2.9999999999999996 in binary floating point; the memory holds three.
        sc.endpoint.multi_model.model_size_gb = 0.1;
        sc.endpoint.multi_model.instance_memory_gb = 0.3;
        CHECK(simulate(sc).totals.model_loads == 3);
    }
    SUBCASE("ModelCacheSetting Disabled: every request loads its model") {
        sc.endpoint.multi_model.caching = false;
        const result d = simulate(sc);
        CHECK(d.totals.mean_latency_s == doctest::Approx(3).epsilon(1e-12));
        CHECK(d.totals.model_cache_hit_rate == 0);
        CHECK(d.totals.model_loads == 6);
    }
    SUBCASE("a request that finds its model loading waits for the rest of the load") {
        // Two workers: (0, A) loads A until 2 s and runs until 3 s; (0.5, A) starts at once on
        // the other worker, finds A loading and waits the 1.5 s left: latency 2.5 s. One load;
        // no hit; the waits are 2 and 1.5 s.
        sc = models_endpoint(1, 2, {0, 500}, {0, 0});
        sc.endpoint.type.workers = 2;
        const result w = simulate(sc);
        CHECK(w.totals.mean_latency_s == doctest::Approx((3 + 2.5) / 2).epsilon(1e-12));
        CHECK(w.totals.model_loads == 1);
        CHECK(w.totals.model_cache_hit_rate == 0);
        CHECK(w.totals.mean_model_load_wait_s == doctest::Approx(1.75).epsilon(1e-12));
    }
}

TEST_CASE("multi-model: a model unloaded from memory loads again from the instance's volume") {
    // "Models that are unloaded remain on the instance's storage volume and can be loaded into
    // the container's memory later without being downloaded again" (AWS, multi-model endpoints).
    // One instance with room for 2 of 3 models of 1 GB; a download and load takes 1 + 10 s, a
    // load from the volume 1 + 2 s. Requests (s, model), 1 s each: (0, A) 11 s; (100, B) 11 s;
    // (200, C) 11 s, A leaves memory; (300, A) from the volume: 3 s, B leaves; (400, C) hits;
    // (500, B) from the volume: 3 s. Latencies 12, 12, 12, 4, 1, 4: mean 45 / 6; 5 loads,
    // waits (3 x 11 + 2 x 3) / 5 = 7.8 s.
    const std::vector<time_ms> at{0, 100'000, 200'000, 300'000, 400'000, 500'000};
    scenario sc = models_endpoint(1, 2, at, {0, 1, 2, 0, 2, 1});
    with_volume_loads(sc);
    const result r = simulate(sc);
    CHECK(r.totals.mean_latency_s == doctest::Approx(45.0 / 6).epsilon(1e-12));
    CHECK(r.totals.model_loads == 5);
    CHECK(r.totals.mean_model_load_wait_s == doctest::Approx(7.8).epsilon(1e-12));

    SUBCASE("a volume with room for 2 models deletes the least recently used one not in memory") {
        // (200, C): A leaves memory, then C's download deletes A from the full volume (the one
        // model on it not in memory); (300, A) is downloaded again (11 s): B leaves memory and
        // the volume; (500, B) likewise. Every load 11 s; latencies 12 x 5 and 1: mean 61 / 6.
        sc.endpoint.multi_model.instance_disk_gb = 2;
        const result v = simulate(sc);
        CHECK(v.totals.mean_model_load_wait_s == doctest::Approx(11).epsilon(1e-12));
        CHECK(v.totals.mean_latency_s == doctest::Approx(61.0 / 6).epsilon(1e-12));
    }
    SUBCASE("the volume deletes the model least recently used, not least recently loaded") {
        // A 3-GB volume; requests A B A A C D A at 0, 100, ..., 600 s. C's load (400 s) pushes
        // B out of memory (A was used at 301 s, B at 101 s); D's (500 s) pushes A out and fills
        // the volume: B (used at 101 s) goes from it, not A (loaded first, used at 301 s).
        // (600, A) loads from the volume. Waits: A, B, C, D downloaded (11 s), A from the volume
        // (3 s): 47 / 5 = 9.4 s.
        sc = models_endpoint(1, 2, {0, 100'000, 200'000, 300'000, 400'000, 500'000, 600'000},
                             {0, 1, 0, 0, 2, 3, 0});
        sc.endpoint.multi_model.models = 4;
        with_volume_loads(sc);
        sc.endpoint.multi_model.instance_disk_gb = 3;
        const result l = simulate(sc);
        CHECK(l.totals.model_loads == 5);
        CHECK(l.totals.mean_model_load_wait_s == doctest::Approx(9.4).epsilon(1e-12));
    }
    SUBCASE("ModelCacheSetting Disabled deletes each model from the volume too") {
        sc.endpoint.multi_model.caching = false;
        const result d = simulate(sc);
        CHECK(d.totals.model_loads == 6);
        CHECK(d.totals.mean_model_load_wait_s == doctest::Approx(11).epsilon(1e-12));
    }
    SUBCASE("a volume smaller than the memory is refused by name") {
        sc.endpoint.multi_model.instance_disk_gb = 1;
        CHECK(error_of(sc).rfind("endpoint.multi_model.instance_disk_gb: the volume holds every "
                                 "model in memory",
                                 0) == 0);
    }
}

TEST_CASE("multi-model: models of different sizes share the memory by size") {
    // Sizes A 1 GB, B 2 GB, C 1 GB in 3 GB; a load takes 2 s + 1 s per GB (A, C 3 s; B 4 s).
    // (0, A) loads: 4 s. (10, B) loads: 5 s; 3 GB used. (20, C): A (last used 4 s) goes: 4 s.
    // (30, A): B (15 s) goes, freeing 2 GB: 4 s. (40, C) hits: 1 s. (50, B) needs 2 GB with 2
    // used: A (34 s) goes, not C (41 s): 5 s. Mean (4 + 5 + 4 + 4 + 1 + 5) / 6 = 23 / 6; five
    // loads waiting (3 + 4 + 3 + 3 + 4) / 5 = 3.4 s.
    scenario sc =
        models_endpoint(1, 3, {0, 10'000, 20'000, 30'000, 40'000, 50'000}, {0, 1, 2, 0, 2, 1});
    sc.endpoint.multi_model.model_sizes_gb = {1, 2, 1};
    sc.endpoint.multi_model.load_s_per_gb = 1;
    const result r = simulate(sc);
    CHECK(r.totals.mean_latency_s == doctest::Approx(23.0 / 6).epsilon(1e-12));
    CHECK(r.totals.model_loads == 5);
    CHECK(r.totals.model_cache_hit_rate == doctest::Approx(1.0 / 6).epsilon(1e-12));
    CHECK(r.totals.mean_model_load_wait_s == doctest::Approx(3.4).epsilon(1e-12));
}

TEST_CASE("multi-model: a request goes to an instance holding its model, or loads it on a "
          "free one") {
    // Two instances. (0, A) loads A on one (busy until 3 s). (1, A): the holder is busy and the
    // other is free, so A loads there too: 3 s. (5, A): both hold A and are idle: a hit, 1 s.
    // (6, B) loads B: 3 s. Latencies 3, 3, 1, 3: mean 2.5; 2 + 1 = 3 loads; 1 hit in 4.
    scenario sc = models_endpoint(2, 2, {0, 1'000, 5'000, 6'000}, {0, 0, 0, 1});
    const result r = simulate(sc);
    CHECK(r.totals.mean_latency_s == doctest::Approx(2.5).epsilon(1e-12));
    CHECK(r.totals.model_loads == 3);
    CHECK(r.totals.model_cache_hit_rate == doctest::Approx(0.25).epsilon(1e-12));
}

TEST_CASE("multi-model: ModelCacheHit, ModelLoadingWaitTime and LoadedModelCount per period") {
    // A minute with 2 instances in service: 4 requests began, 1 with its model loaded, 3
    // waited 6 s in all, 3 models loaded on the two instances: ModelCacheHit 0.25,
    // ModelLoadingWaitTime 2 s, LoadedModelCount 1.5 per instance.
    for (const auto kind : {metric_kind::model_cache_hit, metric_kind::model_loading_wait_time,
                            metric_kind::loaded_model_count}) {
        metric_stream st(kind, 60'000, 60'000);
        st.add(60'000, 4, 2, 0.1, 0.1, 2, 4, 10);
        st.add_models(60'000, 2, 4, 1, 3, 6, 3);
        st.close_period();
        const double expected = kind == metric_kind::model_cache_hit           ? 0.25
                                : kind == metric_kind::model_loading_wait_time ? 2.0
                                                                               : 1.5;
        CHECK(st.datapoints()[0].value == doctest::Approx(expected).epsilon(1e-12));
    }
    CHECK(parse_metric("ModelCacheHit") == metric_kind::model_cache_hit);
    CHECK(metric_name(metric_kind::loaded_model_count) == "LoadedModelCount");
    // A period in which no request began has no ModelCacheHit datapoint.
    metric_stream quiet(metric_kind::model_cache_hit, 60'000, 60'000);
    quiet.add(60'000, 0, 2, 0, 0, 2, 0, 0);
    quiet.close_period();
    CHECK(std::isnan(quiet.datapoints()[0].value));
}

TEST_CASE("multi-model: Zipf shares") {
    // 3 models with s = 1: shares 1 : 1/2 : 1/3, i.e. 6/11, 3/11, 2/11. With one instance that
    // holds all three, each model loads once and every later request hits: over 20,000
    // requests the hit rate is 1 - 3 / 20,000.
    std::vector<time_ms> at;
    for (int i = 0; i < 20'000; ++i) {
        at.push_back(static_cast<time_ms>(i) * 3);
    }
    scenario sc = models_endpoint(1, 3, at, {});
    sc.endpoint.multi_model.load_base_s = 0.001;
    sc.endpoint.type.service_time_s = 0.001;
    const result r = simulate(sc);
    CHECK(r.totals.model_loads == 3);
    CHECK(r.totals.model_cache_hit_rate == doctest::Approx(1 - 3.0 / 20'000).epsilon(1e-12));
    SUBCASE("room for one model: a load at every change of model") {
        // Consecutive requests ask for the same model with probability sum of p^2 =
        // (36 + 9 + 4) / 121 = 49 / 121; misses are the rest: about 20,000 x 72 / 121 = 11,901
        // (binomial-like, sd about 70).
        sc.endpoint.multi_model.instance_memory_gb = 1;
        const result one = simulate(sc);
        CHECK(std::abs(one.totals.model_loads - 20'000.0 * 72 / 121) < 350);
    }
}

TEST_CASE("multi-model: bad configurations name the field") {
    scenario sc = models_endpoint(1, 2, {0}, {0});
    SUBCASE("a model larger than an instance's memory") {
        sc.endpoint.multi_model.model_size_gb = 4;
        CHECK(error_of(sc).find("endpoint.multi_model.model_size_gb: 4 GB does not fit") !=
              std::string::npos);
    }
    SUBCASE("one weight per model") {
        sc.endpoint.multi_model.model_weights = {1, 2};
        CHECK(error_of(sc).find("endpoint.multi_model.model_weights: expected one weight per "
                                "model (3), got 2") != std::string::npos);
        sc.endpoint.multi_model.model_weights = {1, -1, 2};
        CHECK(error_of(sc).find("endpoint.multi_model.model_weights[1]") != std::string::npos);
    }
    SUBCASE("one size per model, each fitting an instance") {
        sc.endpoint.multi_model.model_sizes_gb = {1, 1};
        CHECK(error_of(sc).find("endpoint.multi_model.model_sizes_gb: expected one size per "
                                "model (3), got 2") != std::string::npos);
        sc.endpoint.multi_model.model_sizes_gb = {1, 5, 1};
        CHECK(error_of(sc).find("endpoint.multi_model.model_sizes_gb[1]: expected a size > 0 GB "
                                "that fits in instance_memory_gb 2, got 5") != std::string::npos);
    }
    SUBCASE("a logged request's model") {
        sc.arrival_models = {3};
        CHECK(error_of(sc).find("arrival_models[0]: expected a model in [0, 2], got 3") !=
              std::string::npos);
    }
    SUBCASE("request mode only") {
        sc.mode = plane_mode::fluid;
        sc.arrivals = arrival_process::poisson;
        sc.arrival_models.clear();
        CHECK(error_of(sc).find("\"multi_model\" needs \"mode\": \"request\"") !=
              std::string::npos);
    }
    SUBCASE("models on another kind") {
        sc.endpoint.kind = endpoint_kind::real_time;
        CHECK(error_of(sc).find("arrival_models: applies to a multi-model endpoint") !=
              std::string::npos);
    }
}
