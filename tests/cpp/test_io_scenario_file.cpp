// Scenario files: the bundled examples, every policy type, defaults, overrides, the optimize
// section, effective_json round trips and one test per kind of bad input.
#include <autoscalesim/errors.hpp>
#include <autoscalesim/io/scenario_file.hpp>
#include <autoscalesim/simulator.hpp>

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <limits>
#include <string>
#include <vector>

using namespace autoscalesim;
namespace aio = autoscalesim::io;

namespace {
std::string root() {
    return ASIM_SOURCE_DIR;
}
std::string example(const std::string& name) {
    return root() + "/examples/scenarios/" + name;
}

// A small generated trace: one day of minutes, no file needed.
const char* const gen_trace =
    R"("trace": {"generator": {"kind": "seasonal", "intervals": 1440, "mean_rate_per_s": 2}})";

aio::scenario_file parse(const std::string& body, const aio::scenario_overrides& ov = {}) {
    return aio::parse_scenario("{\"version\": 1, " + std::string(gen_trace) +
                                   (body.empty() ? "" : ", " + body) + "}",
                               "s.json", root(), ov);
}

// The message of the config_error thrown by parsing text (fails the test when none is thrown).
std::string error_of(const std::string& text) {
    try {
        aio::parse_scenario(text, "s.json", root());
    } catch (const config_error& e) {
        return e.what();
    }
    FAIL("no config_error for: " << text);
    return "";
}
std::string body_error(const std::string& body) {
    return error_of("{\"version\": 1, " + std::string(gen_trace) + ", " + body + "}");
}

void check_same_summary(const summary& a, const summary& b) {
    CHECK(a.cost_usd == b.cost_usd);
    CHECK(a.p99_latency_s == b.p99_latency_s);
    CHECK(a.errors == b.errors);
    CHECK(a.scale_out_count == b.scale_out_count);
    CHECK(a.scale_in_count == b.scale_in_count);
}
} // namespace

TEST_CASE("the NASA example reproduces the C++ demo's figures") {
    const auto f = aio::read_scenario_file(example("nasa_target_tracking.json"));
    const scenario& sc = f.base;
    CHECK(sc.endpoint.type.name == "ml.g4dn.xlarge");
    CHECK(sc.endpoint.type.price_per_hour == 0.736);
    CHECK(sc.endpoint.startup.family == startup_distribution::kind::lognormal);
    CHECK(sc.endpoint.startup.median_s == 381);
    REQUIRE(sc.scaling.target_tracking.size() == 1);
    CHECK(sc.scaling.target_tracking[0].target_value == 30);
    CHECK(sc.seed == 42);
    CHECK_FALSE(f.optimization.has_value());
    const summary s = simulate(sc).totals;
    CHECK(std::round(s.cost_usd * 100) / 100 == doctest::Approx(1120.39));
    // The same scenario built as examples/cpp/demo.cpp builds it gives the same bits.
    scenario demo;
    demo.traffic = sc.traffic;
    demo.endpoint.type = {.name = "ml.g4dn.xlarge",
                          .price_per_hour = 0.736,
                          .workers = 1,
                          .service_time_s = 1.0,
                          .service_cv = 0.5};
    demo.endpoint.initial_capacity = 2;
    demo.endpoint.startup = startup_distribution::lognormal(381, 0.2);
    demo.scaling.min_capacity = 1;
    demo.scaling.max_capacity = 20;
    target_tracking_config tt;
    tt.name = "invocations-target";
    tt.target_value = 1.0 * 0.5 * 60;
    demo.scaling.target_tracking.push_back(tt);
    demo.slo = {5.0, 0.99};
    demo.seed = 42;
    check_same_summary(s, simulate(demo).totals);
    CHECK(std::round(s.p99_latency_s * 1000) / 1000 == doctest::Approx(9.027));
}

TEST_CASE("effective_json reads back to the same scenario") {
    const auto f = aio::read_scenario_file(example("nasa_target_tracking.json"));
    const auto g = aio::parse_scenario(f.effective_json, "effective.json", "/nonexistent");
    CHECK(g.effective_json == f.effective_json);
    check_same_summary(simulate(f.base).totals, simulate(g.base).totals);
    // Trace paths are written absolute, so the document reproduces from anywhere.
    CHECK(f.effective_json.find("\"file\": \"/") != std::string::npos);
    CHECK(f.effective_json.find("..") == std::string::npos);
}

TEST_CASE("effective_json of every policy type round-trips") {
    const auto f = aio::read_scenario_file(example("nasa_policies.json"));
    const auto g = aio::parse_scenario(f.effective_json, "effective.json", "/");
    CHECK(g.effective_json == f.effective_json);
    const auto h = aio::read_scenario_file(example("hpa_request_mode.json"));
    const auto k = aio::parse_scenario(h.effective_json, "effective.json", "/");
    CHECK(k.effective_json == h.effective_json);
    check_same_summary(simulate(h.base).totals, simulate(k.base).totals);
}

TEST_CASE("defaults are the C++ structs' defaults") {
    const auto f = parse("");
    const scenario d;
    const scenario& sc = f.base;
    CHECK(sc.endpoint.type.name == d.endpoint.type.name);
    CHECK(sc.endpoint.type.price_per_hour == d.endpoint.type.price_per_hour);
    CHECK(sc.endpoint.type.workers == d.endpoint.type.workers);
    CHECK(sc.endpoint.initial_capacity == d.endpoint.initial_capacity);
    CHECK(sc.endpoint.startup.fixed_s == d.endpoint.startup.fixed_s);
    CHECK(sc.endpoint.invocation_timeout_s == d.endpoint.invocation_timeout_s);
    CHECK_FALSE(sc.endpoint.max_queue.has_value());
    CHECK(sc.scaling.min_capacity == d.scaling.min_capacity);
    CHECK(sc.scaling.max_capacity == d.scaling.max_capacity);
    CHECK(sc.slo.latency_s == d.slo.latency_s);
    CHECK(sc.slo.target == d.slo.target);
    CHECK(sc.mode == plane_mode::fluid);
    CHECK(sc.arrivals == arrival_process::poisson);
    CHECK(sc.seed == 1);
    CHECK(sc.traffic.size() == 1440);
    CHECK(f.effective_json.find("\"price_per_hour\": 0.204") != std::string::npos);

    // A policy given by its type alone is written out with every field.
    const auto t = parse(R"("scaling": {"policies": [{"type": "target_tracking"}]})");
    const target_tracking_config dt;
    REQUIRE(t.base.scaling.target_tracking.size() == 1);
    CHECK(t.base.scaling.target_tracking[0].target_value == dt.target_value);
    CHECK(t.base.scaling.target_tracking[0].low_evaluation_periods == 15);
    for (const char* key :
         {"\"low_threshold_fraction\": 0.9", "\"publish_delay_s\": 60.0",
          "\"metric\": \"invocations_per_instance\"", "\"disable_scale_in\": false"}) {
        CHECK_MESSAGE(t.effective_json.find(key) != std::string::npos, key);
    }
}

TEST_CASE("every policy type is read into its struct") {
    const auto f = parse(R"("scaling": {"min_capacity": 2, "max_capacity": 12,
        "cooldown_from": "start", "capacity_basis": "producing", "policies": [
        {"type": "target_tracking", "name": "tt", "target_value": 70, "scale_in_cooldown_s": 600,
         "disable_scale_in": true, "low_threshold_fraction": 0.7, "metric": "cpu_utilization"},
        {"type": "target_tracking_high_resolution", "target_value": 4},
        {"type": "step_scaling", "threshold": 50, "alarm_comparison": "less",
         "adjustment": "percent_change_in_capacity", "min_adjustment_magnitude": 2,
         "aggregation": "maximum", "evaluation_periods": 5, "datapoints_to_alarm": 4,
         "steps": [{"upper_bound": -10, "adjustment": -50},
                   {"lower_bound": -10, "upper_bound": 0, "adjustment": -20}]},
        {"type": "scheduled", "cron": "0 9 * * 1-5", "at_ms": [60000],
         "at_epoch_ms": ["1970-01-01T00:02:00Z", 180000], "min_capacity": 4},
        {"type": "predictive", "mode": "forecast_only", "seasonality": "weekly",
         "seasons_averaged": 2, "breach": "increase_max_capacity",
         "max_capacity_buffer_percent": 10, "target_per_instance": 500},
        {"type": "hpa", "target_value": 60, "tolerance": 0.2, "legacy": false,
         "scale_up": {"select": "min", "policies": [{"type": "pods", "value": 2, "period_s": 30}]},
         "scale_down": {"stabilization_window_s": 60, "tolerance": 0.05}}]})");
    const scaling_config& s = f.base.scaling;
    CHECK(s.min_capacity == 2);
    CHECK(s.max_capacity == 12);
    CHECK(s.cooldown_from == cooldown_start::start);
    CHECK(s.basis == capacity_basis::producing);

    REQUIRE(s.target_tracking.size() == 2);
    CHECK(s.target_tracking[0].name == "tt");
    CHECK(s.target_tracking[0].metric == metric_kind::cpu_utilization);
    CHECK(s.target_tracking[0].target_value == 70);
    CHECK(s.target_tracking[0].scale_in_cooldown_s == 600);
    CHECK(s.target_tracking[0].disable_scale_in);
    CHECK(s.target_tracking[0].low_threshold_fraction == 0.7);
    const auto hr = target_tracking_config::high_resolution(4);
    CHECK(s.target_tracking[1].metric == hr.metric);
    CHECK(s.target_tracking[1].period_s == 10);
    CHECK(s.target_tracking[1].low_evaluation_periods == 90);
    CHECK(s.target_tracking[1].target_value == 4);
    CHECK(s.target_tracking[1].name == hr.name);

    REQUIRE(s.step_scaling.size() == 1);
    const auto& st = s.step_scaling[0];
    CHECK(st.threshold == 50);
    CHECK(st.alarm_comparison == comparison::less);
    CHECK(st.adjustment == adjustment_type::percent_change_in_capacity);
    CHECK(st.min_adjustment_magnitude == 2);
    CHECK(st.aggregation == metric_aggregation::maximum);
    CHECK(st.evaluation_periods == 5);
    CHECK(st.datapoints_to_alarm == 4);
    REQUIRE(st.steps.size() == 2);
    CHECK(std::isinf(st.steps[0].lower_bound));
    CHECK(st.steps[0].lower_bound < 0);
    CHECK(st.steps[0].upper_bound == -10);
    CHECK(st.steps[0].adjustment == -50);
    CHECK(st.steps[1].upper_bound == 0);

    REQUIRE(s.scheduled.size() == 1);
    CHECK(s.scheduled[0].cron == "0 9 * * 1-5");
    CHECK(s.scheduled[0].at_ms == std::vector<time_ms>{60000});
    CHECK(s.scheduled[0].at_epoch_ms == std::vector<time_ms>{120000, 180000});
    CHECK(s.scheduled[0].min_capacity == 4);
    CHECK_FALSE(s.scheduled[0].max_capacity.has_value());

    REQUIRE(s.predictive.size() == 1);
    CHECK(s.predictive[0].mode == predictive_mode::forecast_only);
    CHECK(s.predictive[0].seasonality == forecast_seasonality::weekly);
    CHECK(s.predictive[0].seasons_averaged == 2);
    CHECK(s.predictive[0].breach == max_capacity_breach::increase_max_capacity);
    CHECK(s.predictive[0].max_capacity_buffer_percent == 10);
    CHECK(s.predictive[0].target_per_instance == 500);

    REQUIRE(s.hpa.size() == 1);
    const auto& h = s.hpa[0];
    CHECK(h.target_value == 60);
    CHECK(h.tolerance == 0.2);
    CHECK(h.scale_up.select == hpa_select::min);
    REQUIRE(h.scale_up.policies.size() == 1);
    CHECK(h.scale_up.policies[0].type == hpa_scaling_policy::kind::pods);
    CHECK(h.scale_up.policies[0].value == 2);
    CHECK(h.scale_up.policies[0].period_s == 30);
    // Fields not given keep the autoscaling/v2 defaults (here scale-down's policy list).
    CHECK(h.scale_down.stabilization_window_s == 60);
    CHECK(h.scale_down.tolerance == 0.05);
    CHECK(h.scale_down.policies.size() == hpa_scaling_rules::default_scale_down().policies.size());

    // Infinite step bounds are written as null and read back.
    const auto g = aio::parse_scenario(f.effective_json, "eff.json", "/");
    CHECK(g.effective_json == f.effective_json);
    CHECK(std::isinf(g.base.scaling.step_scaling[0].steps[0].lower_bound));
}

TEST_CASE("endpoint, modes and trace transformations") {
    const auto f = parse(R"("endpoint": {"instance_type": {"name": "x", "workers": 3,
        "service": "empirical", "service_samples_s": [0.1, 0.3]}, "initial_capacity": 4,
        "startup": {"kind": "uniform", "low_s": 10, "high_s": 20}, "invocation_timeout_s": 30,
        "routing": "least_outstanding", "max_queue": 5},
        "mode": "request", "arrivals": "uniform_counts", "slo": {"latency_s": 2, "target": 0.9},
        "record_timeline": false)");
    const auto& e = f.base.endpoint;
    CHECK(e.type.workers == 3);
    CHECK(e.type.service == service_family::empirical);
    CHECK(e.type.service_samples_s == std::vector<double>{0.1, 0.3});
    CHECK(e.startup.family == startup_distribution::kind::uniform);
    CHECK(e.startup.high_s == 20);
    CHECK(e.routing_policy == routing::least_outstanding);
    CHECK(e.max_queue == 5);
    CHECK(f.base.mode == plane_mode::request);
    CHECK(f.base.arrivals == arrival_process::uniform_counts);
    CHECK(f.base.slo.target == 0.9);
    CHECK_FALSE(f.base.record_timeline);

    const auto whole = aio::read_scenario_file(example("nasa_target_tracking.json"));
    const auto sl = aio::parse_scenario(
        R"({"version": 1, "trace": {"file": "traces/nasa_http_1995_07_per_minute.csv",
            "scale": 2, "slice": {"start_s": 3600, "end_s": 7200}}})",
        "s.json", root());
    REQUIRE(sl.base.traffic.size() == 60);
    CHECK(sl.base.traffic.counts()[0] == 2 * whole.base.traffic.counts()[60]);
    CHECK(sl.base.traffic.start_epoch_ms() == whole.base.traffic.start_epoch_ms() + ms_per_hour);
}

TEST_CASE("an access log gives counts and, with arrivals log, the request times") {
    const auto f = aio::parse_scenario(
        R"({"version": 1, "trace": {"file": "tests/data/access_log/plain_epoch.log",
            "format": "access_log", "interval_ms": 1000}, "mode": "request", "arrivals": "log"})",
        "s.json", root());
    // 1714557600.250, .750, 601.000, 603.999 -> 4 one-second intervals from 1714557600 s.
    REQUIRE(f.base.traffic.size() == 4);
    CHECK(f.base.traffic.counts() == std::vector<double>{2, 1, 0, 1});
    CHECK(f.base.arrival_log_ms == std::vector<time_ms>{250, 750, 1000, 3999});
    CHECK(body_error(R"("mode": "request", "arrivals": "log")")
              .starts_with("s.json: arrivals: \"log\" needs a trace with"));
}

TEST_CASE("an access log's model field gives a multi-model endpoint each request's model") {
    // The six requests of test_multi_model.cpp's first case, from a log: (0, A), (10, A),
    // (20, B), (30, C), (40, A), (50, B) on one instance with room for two models of 1 GB, loads
    // of 2 s, 1-s requests. A loads, A hits, B loads, C evicts A, A evicts B, B evicts C:
    // latencies 3, 1, 3, 3, 3, 3 (mean 16/6), 5 loads, 1 hit in 6.
    auto doc = [](const std::string& kind, const std::string& arrivals, int models) {
        return R"({"version": 1, "trace": {"file": "tests/data/access_log/models.log",
            "format": "access_log", "interval_ms": 60000, "model_field": true},
            "endpoint": {"kind": ")" +
               kind + R"(", "initial_capacity": 1,
              "instance_type": {"name": "m", "price_per_hour": 1, "workers": 1,
                                "service_time_s": 1, "service_cv": 0, "service": "deterministic"},
              "multi_model": {"models": )" +
               std::to_string(models) + R"(, "model_size_gb": 1, "instance_memory_gb": 2,
                              "load_base_s": 2, "load_s_per_gb": 0}},
            "scaling": {"min_capacity": 1, "max_capacity": 1, "policies": []},
            "mode": "request", "arrivals": ")" +
               arrivals + R"(", "slo": {"latency_s": 10, "target": 0.9}})";
    };
    const auto f = aio::parse_scenario(doc("multi_model", "log", 3), "s.json", root());
    CHECK(f.base.arrival_models == std::vector<int>{0, 0, 1, 2, 0, 1});
    const result r = simulate(f.base);
    CHECK(r.totals.served == 6);
    CHECK(r.totals.model_loads == 5);
    CHECK(r.totals.model_cache_hit_rate == doctest::Approx(1.0 / 6).epsilon(1e-12));
    CHECK(r.totals.mean_latency_s == doctest::Approx(16.0 / 6).epsilon(1e-12));

    auto error = [&](const std::string& text) {
        try {
            aio::parse_scenario(text, "s.json", root());
        } catch (const config_error& e) {
            return std::string(e.what());
        }
        return std::string("no error");
    };
    CHECK(error(doc("real_time", "log", 3))
              .starts_with("s.json: trace.model_field: names each request's model, which only "
                           "a multi-model endpoint uses"));
    CHECK(error(doc("multi_model", "poisson", 3))
              .starts_with("s.json: trace.model_field: each request's model is replayed with "
                           "\"arrivals\": \"log\""));
    CHECK(error(doc("multi_model", "log", 2))
              .starts_with("s.json: trace.model_field: the log names 3 models, more than "
                           "endpoint.multi_model.models (2)"));
}

TEST_CASE("a CSV trace's per-model columns give each interval's models") {
    // tests/data/model_columns.csv: minute 0 holds 3 requests for model_a, minute 1 two for
    // model_b (the requests and other columns are not models). uniform_counts places them at
    // 10, 30, 50 s and 75, 105 s. One 1-worker instance with room for one of the two 1-GB
    // models, 2-s loads, 1-s requests: a loads (3 s), a hits twice (1 s), b loads (3 s), b
    // hits (1 s): 2 loads, 3 hits in 5, mean latency 9/5 s. Drawn by the models' Zipf shares
    // instead, b would turn up in minute 0 (and a in minute 1) at random.
    auto doc = [](const std::string& prefix, const std::string& kind, int models) {
        return R"({"version": 1, "trace": {"file": "tests/data/model_columns.csv",
            "model_column_prefix": ")" +
               prefix + R"("}, "endpoint": {"kind": ")" + kind + R"(", "initial_capacity": 1,
              "instance_type": {"name": "m", "price_per_hour": 1, "workers": 1,
                                "service_time_s": 1, "service_cv": 0, "service": "deterministic"},
              "multi_model": {"models": )" +
               std::to_string(models) + R"(, "model_size_gb": 1, "instance_memory_gb": 1,
                              "load_base_s": 2, "load_s_per_gb": 0}},
            "scaling": {"min_capacity": 1, "max_capacity": 1, "policies": []},
            "mode": "request", "arrivals": "uniform_counts", "seed": 3,
            "slo": {"latency_s": 10, "target": 0.9}})";
    };
    const auto f = aio::parse_scenario(doc("model_", "multi_model", 2), "s.json", root());
    CHECK(f.base.traffic.counts() == std::vector<double>{3, 2});
    CHECK(f.base.arrival_model_counts == std::vector<std::vector<double>>{{3, 0}, {0, 2}});
    const result r = simulate(f.base);
    CHECK(r.totals.served == 5);
    CHECK(r.totals.model_loads == 2);
    CHECK(r.totals.model_cache_hit_rate == doctest::Approx(3.0 / 5).epsilon(1e-12));
    CHECK(r.totals.mean_latency_s == doctest::Approx(9.0 / 5).epsilon(1e-12));

    auto error = [&](const std::string& text) {
        try {
            aio::parse_scenario(text, "s.json", root());
        } catch (const std::exception& e) {
            return std::string(e.what());
        }
        return std::string("no error");
    };
    CHECK(error(doc("zzz_", "multi_model", 2))
              .find("s.json: trace.model_column_prefix: no column of ") == 0);
    CHECK(error(doc("model_", "real_time", 2))
              .starts_with("s.json: trace.model_column_prefix: reads per-model counts, which "
                           "only a multi-model endpoint uses"));
    CHECK(error(doc("model_", "multi_model", 1))
              .starts_with("s.json: trace.model_column_prefix: the trace has 2 model columns, "
                           "more than endpoint.multi_model.models (1)"));
}

TEST_CASE("overrides replace the trace and the seed before validation") {
    aio::scenario_overrides ov;
    ov.seed = 99;
    // trace_path is relative to the current directory, not to the scenario file.
    ov.trace_path =
        std::filesystem::relative(root() + "/tests/data/access_log/plain_epoch.log").string();
    ov.trace_format = "access_log";
    const auto f = aio::read_scenario_file(example("nasa_target_tracking.json"), ov);
    CHECK(f.base.seed == 99);
    CHECK(f.base.traffic.size() == 1); // 4 requests in one minute
    CHECK(f.base.traffic.total() == 4);
    CHECK(f.effective_json.find("\"seed\": 99") != std::string::npos);
    CHECK(f.effective_json.find("\"format\": \"access_log\"") != std::string::npos);
    CHECK(f.effective_json.find(
              (std::filesystem::path(root()) / "tests/data/access_log/plain_epoch.log")
                  .lexically_normal()
                  .string()) != std::string::npos);

    // A trace file replaces a generator.
    aio::scenario_overrides ov2;
    ov2.trace_path = root() + "/traces/nasa_http_1995_07_per_minute.csv";
    CHECK(parse("", ov2).base.traffic.size() == 39692);
}

TEST_CASE("the optimize section becomes a problem, search options and choice constraints") {
    const auto f = parse(R"("scaling": {"policies": [{"type": "target_tracking"},
        {"type": "target_tracking", "metric": "cpu_utilization", "target_value": 70}]},
        "optimize": {
        "space": [{"parameter": "min_capacity", "low": 1, "high": 3, "step": 1},
                  {"parameter": "target_value", "values": [10, 20, 30]},
                  {"parameter": "scale_in_cooldown_s", "value": 600},
                  {"parameter": "target_value", "policy": 1, "low": 50, "high": 80, "step": 10}],
        "instance_types": [{"name": "a", "price_per_hour": 1}, {"name": "b", "workers": 4}],
        "objectives": ["cost_usd", "p95_latency_s"],
        "constraints": [{"field": "error_rate", "max": 0.001},
                        {"field": "slo_attainment", "min": 0.99}],
        "scenarios": [{"name": "growth", "traffic_scale": 1.5},
                      {"name": "slow", "startup": {"kind": "fixed", "fixed_s": 900}, "seed": 5}],
        "aggregate": "worst", "method": "adaptive", "max_evaluations": 40, "max_seconds": 20,
        "threads": 2, "seed": 3, "batch_size": 6, "keep_evaluations": false,
        "slice_fraction": 0.25, "slice_evaluations": 30,
        "reference_point": [100, 10], "choose": [{"field": "p99_latency_s", "max": 2}]})");
    REQUIRE(f.optimization.has_value());
    const auto& o = *f.optimization;
    const auto& p = o.problem;
    REQUIRE(p.scenarios.size() == 3);
    CHECK(p.scenarios[1].traffic.total() == doctest::Approx(1.5 * f.base.traffic.total()));
    CHECK(p.scenarios[2].endpoint.startup.fixed_s == 900);
    CHECK(p.scenarios[2].seed == 5);
    CHECK(p.scenarios[1].seed == 1);
    const auto& dims = p.space.dimensions;
    REQUIRE(dims.size() == 5); // an instance_type dimension is added for the listed types
    CHECK(dims[0].parameter == "min_capacity");
    CHECK(dims[0].high == 3);
    CHECK(dims[0].step == 1);
    CHECK(dims[1].values == std::vector<double>{10, 20, 30});
    CHECK(dims[2].low == 600);
    CHECK(dims[2].high == 600);
    CHECK(dims[3].policy == 1);
    CHECK(dims[4].parameter == "instance_type");
    CHECK(dims[4].values == std::vector<double>{0, 1});
    REQUIRE(p.space.instance_types.size() == 2);
    CHECK(p.space.instance_types[1].workers == 4);
    CHECK(p.objectives == std::vector<std::string>{"cost_usd", "p95_latency_s"});
    REQUIRE(p.constraints.size() == 2);
    CHECK(p.constraints[0].max_value == 0.001);
    CHECK(std::isinf(p.constraints[0].min_value));
    CHECK(p.constraints[1].min_value == 0.99);
    CHECK(p.aggregate == optimize::aggregation::worst);
    CHECK(o.method == aio::search_method::adaptive);
    CHECK(o.options.max_evaluations == 40);
    CHECK(o.options.max_seconds == 20);
    CHECK(o.options.threads == 2);
    CHECK(o.options.seed == 3);
    CHECK(o.options.batch_size == 6);
    CHECK_FALSE(o.options.keep_evaluations);
    CHECK(o.options.fidelity.slice_fraction == 0.25);
    CHECK(o.options.fidelity.slice_evaluations == 30);
    CHECK(o.options.reference_point == std::vector<double>{100, 10});
    REQUIRE(o.choose.size() == 1);
    CHECK(o.choose[0].field == "p99_latency_s");
    CHECK(o.choose[0].max_value == 2);

    const auto g = aio::parse_scenario(f.effective_json, "eff.json", "/");
    CHECK(g.effective_json == f.effective_json);
    CHECK(g.optimization->problem.space.dimensions.size() == 5);
    CHECK(g.optimization->problem.space.grid_size() == f.optimization->problem.space.grid_size());
}

TEST_CASE("the optimize example runs a small grid") {
    const auto f = aio::read_scenario_file(example("nasa_optimize.json"));
    REQUIRE(f.optimization.has_value());
    const auto& o = *f.optimization;
    CHECK(f.base.traffic.size() == 7 * 1440);
    CHECK(o.problem.space.grid_size() == 18);
    CHECK(o.problem.scenarios.size() == 2);
    CHECK(o.method == aio::search_method::grid);
    const auto r = optimize::grid_search(o.problem, o.options);
    CHECK(r.evaluated == 18);
    CHECK_FALSE(r.front.empty());
}

TEST_CASE("every example scenario file reads") {
    std::vector<std::string> names;
    for (const auto& entry : std::filesystem::directory_iterator(root() + "/examples/scenarios")) {
        // compare*.json are compare files (autoscalesim compare), not scenarios
        const std::string file = entry.path().filename().string();
        if (entry.path().extension() == ".json" && file.rfind("compare", 0) != 0) {
            names.push_back(file);
        }
    }
    std::sort(names.begin(), names.end());
    REQUIRE(names.size() >= 4);
    for (const auto& name : names) {
        CAPTURE(name);
        const auto f = aio::read_scenario_file(example(name));
        CHECK(f.version == 1);
        CHECK_FALSE(f.base.traffic.empty());
        const auto& s = f.base.scaling;
        CHECK(s.target_tracking.size() + s.step_scaling.size() + s.scheduled.size() +
                  s.predictive.size() + s.hpa.size() >=
              1);
    }
    const auto p = aio::read_scenario_file(example("nasa_policies.json"));
    CHECK(p.base.scaling.step_scaling.size() == 1);
    CHECK(p.base.scaling.predictive.size() == 1);
    CHECK(p.base.scaling.scheduled.size() == 2);
    const auto h = aio::read_scenario_file(example("hpa_request_mode.json"));
    CHECK(h.base.mode == plane_mode::request);
    CHECK(h.base.scaling.hpa.size() == 1);
    CHECK(h.base.traffic.interval_ms() == 1000);
}

TEST_CASE("bad input: malformed JSON gives line and column") {
    const std::string msg = error_of("{\n  \"version\": 1,\n  \"trace\": {,}\n}");
    CHECK(msg.starts_with("s.json:3:13: not valid JSON: "));
    CHECK(error_of("").starts_with("s.json:1:1: not valid JSON: "));
    CHECK(error_of(R"({"version": 1e400})") ==
          "s.json: not valid JSON: number overflow parsing '1e400'");
}

TEST_CASE("bad input: a compare file is named as one, not read as a scenario") {
    // It was refused for lacking a trace, which does not say what the file is.
    const std::string listing = R"({"version": 1, "deployments": {"a": "a.json"}})";
    try {
        aio::parse_scenario(listing, "c.json", root());
        FAIL("a compare file read as a scenario");
    } catch (const config_error& e) {
        CHECK(std::string(e.what()) ==
              "c.json: is a compare file (it lists \"deployments\"), not a scenario; run it with "
              "`autoscalesim compare c.json`");
        CHECK(e.where().file == "c.json");
        CHECK(e.field().empty());
    }
    // Whatever else it holds, and before an override is looked at.
    aio::scenario_overrides bad_format;
    bad_format.trace_format = "xml";
    CHECK_THROWS_WITH(aio::parse_scenario(R"({"version": 1, )" + std::string(gen_trace) +
                                              R"(, "deployments": {}})",
                                          "c.json", root(), bad_format),
                      doctest::Contains("c.json: is a compare file"));
    // The file the reader reads is named the same way.
    const std::string path = example("compare_deployments.json");
    const std::string why = path + ": is a compare file (it lists \"deployments\")";
    CHECK_THROWS_WITH(aio::read_scenario_file(path), doctest::Contains(why.c_str()));
    // A component's object is not a document: "deployments" there is an unknown field, named
    // in the component.
    CHECK(error_of(R"({"version": 1, )" + std::string(gen_trace) + R"(,
                      "endpoint": {"kind": "inference_component"},
                      "components": [{"name": "a", "deployments": {}}]})")
              .starts_with("s.json components[0] (a): deployments: unknown field"));
}

TEST_CASE("bad input: version missing or unsupported") {
    CHECK(error_of(R"({"trace": {"generator": {}}})") ==
          "s.json: version: missing required field (this reader reads 1)");
    CHECK(error_of(R"({"version": 2, "trace": {"generator": {}}})") ==
          "s.json: version: unsupported version 2; this reader reads 1");
    CHECK(error_of("[1, 2]") == "s.json: (document): expected an object, got an array");
}

TEST_CASE("bad input: wrong types name the JSON path") {
    CHECK(body_error(R"("scaling": {"policies": [{"type": "target_tracking",
                        "target_value": "abc"}]})") ==
          "s.json: scaling.policies[0].target_value: expected a number > 0, got \"abc\"");
    CHECK(body_error(R"("endpoint": {"initial_capacity": 1.5})") ==
          "s.json: endpoint.initial_capacity: expected an integer in [0, 1000000], got 1.5");
    CHECK(body_error(R"("endpoint": {"instance_type": {"workers": true}})") ==
          "s.json: endpoint.instance_type.workers: expected an integer in [1, 10000], got true");
    CHECK(body_error(R"("scaling": {"policies": {}})") ==
          "s.json: scaling.policies: expected an array, got an object");
    CHECK(body_error(R"("record_timeline": 1)") ==
          "s.json: record_timeline: expected true or false, got 1");
    CHECK(body_error(R"("scaling": {"policies": [{"type": "step_scaling",
                        "steps": [{"lower_bound": 0, "adjustment": "one"}]}]})") ==
          "s.json: scaling.policies[0].steps[0].adjustment: expected an integer, got \"one\"");
}

TEST_CASE("bad input: out-of-range values are reported at the JSON path") {
    CHECK(body_error(R"("scaling": {"policies": [{"type": "target_tracking"},
                        {"type": "predictive", "seasons_averaged": 0}]})") ==
          "s.json: scaling.policies[1].seasons_averaged: expected an integer in [1, 14] (daily "
          "seasons within the 14 days AWS looks back), got 0");
    CHECK(body_error(R"("scaling": {"policies": [{"type": "target_tracking",
                        "target_value": -1}]})") ==
          "s.json: scaling.policies[0].target_value: expected a number > 0, got -1");
    CHECK(body_error(R"("scaling": {"policies": [{"type": "hpa", "scale_up":
                        {"policies": [{"value": 0}]}}]})") ==
          "s.json: scaling.policies[0].scale_up.policies[0].value: expected an integer > 0, "
          "got 0");
    CHECK(body_error(R"("endpoint": {"startup": {"kind": "lognormal", "sigma": 5}})") ==
          "s.json: endpoint.startup.sigma: expected a number in [0, 3], got 5");
    CHECK(body_error(R"("scaling": {"min_capacity": 5, "max_capacity": 2})") ==
          "s.json: scaling.min_capacity: 5 is greater than scaling.max_capacity 2");
    CHECK(body_error(R"("slo": {"target": 1.5})") ==
          "s.json: slo.target: expected a number in (0, 1), got 1.5");
    CHECK(body_error(R"("scaling": {"policies": [{"type": "target_tracking"},
                        {"type": "target_tracking", "name": "two"}]})") ==
          "s.json: scaling.policies[1].metric: two target-tracking policies track "
          "InvocationsPerInstance; each needs a different metric");
    CHECK(body_error(R"("optimize": {"space": [], "instance_types": [{"price_per_hour": -1}]})") ==
          "s.json: optimize.instance_types[0].price_per_hour: expected a number in [0, 1000000], "
          "got -1");
}

TEST_CASE("bad input: unknown enum strings list the allowed ones") {
    CHECK(body_error(R"("mode": "batch")") ==
          "s.json: mode: expected one of \"fluid\" or \"request\", got \"batch\"");
    CHECK(body_error(R"("scaling": {"policies": [{"type": "magic"}]})") ==
          "s.json: scaling.policies[0].type: expected one of \"target_tracking\", "
          "\"target_tracking_high_resolution\", \"step_scaling\", \"scheduled\", "
          "\"predictive\" or \"hpa\", got \"magic\"");
    CHECK(body_error(R"("endpoint": {"routing": "round_robin"})") ==
          "s.json: endpoint.routing: expected one of \"random\" or \"least_outstanding\", got "
          "\"round_robin\"");
}

TEST_CASE("bad input: unknown fields are errors") {
    CHECK(body_error(R"("endpoint": {"instance_typ": {}})") ==
          "s.json: endpoint.instance_typ: unknown field (a misspelling of \"instance_type\"?); "
          "expected one of instance_type, "
          "initial_capacity, startup, invocation_timeout_s, routing, max_queue, request_ttl_s, "
          "processing_timeout_s, client_max_attempts, client_backoff_base_s, "
          "client_max_backoff_s, kind, inference_component, serverless, multi_model, "
          "savings_plan_discount, payload_kb");
    CHECK(body_error(R"("seeds": 3)")
              .starts_with(
                  "s.json: seeds: unknown field (a misspelling of \"seed\"?); expected one of "
                  "version, trace, endpoint"));
    CHECK(body_error(R"("scaling": {"policies": [{"type": "scheduled", "cron": "0 * * * *",
                        "min_capacity": 1, "at": [1]}]})")
              .starts_with("s.json: scaling.policies[0].at: unknown field; expected one of "));
    CHECK(error_of(R"({"version": 1, "trace": {"generator": {"kind": "seasonal",
                      "users": 4}}})")
              .starts_with("s.json: trace.generator.users: unknown field"));
}

TEST_CASE("bad input: missing required fields") {
    CHECK(error_of(R"({"version": 1})") == "s.json: trace: missing required field");
    CHECK(error_of(R"({"version": 1, "trace": {"format": "csv"}})") ==
          "s.json: trace.file: missing required field (or give trace.generator)");
    CHECK(body_error(R"("scaling": {"policies": [{"target_value": 3}]})")
              .starts_with("s.json: scaling.policies[0].type: missing required field; expected "
                           "one of \"target_tracking\""));
    CHECK(body_error(R"("scaling": {"policies": [{"type": "step_scaling"}]})") ==
          "s.json: scaling.policies[0].steps: missing required field");
    CHECK(body_error(R"("optimize": {"objectives": ["cost_usd"]})") ==
          "s.json: optimize.space: missing required field");
    CHECK(body_error(R"("optimize": {"space": [{"low": 1, "high": 2}]})") ==
          "s.json: optimize.space[0].parameter: missing required field");
}

TEST_CASE("bad input: the optimize section") {
    CHECK(body_error(R"("optimize": {"space": [{"parameter": "warp", "low": 1, "high": 2}]})")
              .starts_with("s.json: optimize.space[0].parameter: expected one of min_capacity, "));
    CHECK(body_error(R"("optimize": {"space": [], "objectives": ["cost"]})")
              .starts_with("s.json: optimize.objectives[0]: expected a summary field ("));
    CHECK(body_error(R"("optimize": {"space": [], "constraints": [{"field": "error_rate",
                        "min": 2, "max": 1}]})") ==
          "s.json: optimize.constraints[0].min: is greater than max (1)");
    // Constraints no policy can meet, or that bound nothing, and a reference point that would
    // make every hypervolume 0: refused where they are, not run to an empty or silent result.
    CHECK(body_error(R"("optimize": {"space": [], "choose": [{"field": "slo_attainment",
                        "min": 2}]})") ==
          "s.json: optimize.choose[0]: min 2 is above 1, and slo_attainment is a share in "
          "[0, 1]: no policy can meet it");
    CHECK(body_error(R"("optimize": {"space": [], "constraints": [{"field": "error_rate"}]})") ==
          "s.json: optimize.constraints[0]: gives no bound: give a min, a max or both (e.g. "
          "{\"field\": \"error_rate\", \"max\": 0.001})");
    CHECK(body_error(R"("optimize": {"space": [], "constraints": [{"field": "cost_usd",
                        "max": -1}]})") ==
          "s.json: optimize.constraints[0]: max -1 is below 0, and cost_usd is never negative: "
          "no policy can meet it");
    CHECK(body_error(R"("optimize": {"space": [], "reference_point": [100, -1]})") ==
          "s.json: optimize.reference_point[1]: -1 is not above 0, and p99_latency_s is never "
          "negative: every policy would lie beyond it and the hypervolume be 0");
    CHECK(body_error(R"("optimize": {"space": [], "slice_fraction": 0.25})") ==
          "s.json: optimize.slice_fraction: multi-fidelity is for \"method\": \"adaptive\"; the "
          "grid evaluates every policy on the whole traffic");
    // a policy number on a parameter of no policy: read and never used
    CHECK(body_error(R"("optimize": {"space": [{"parameter": "min_capacity", "policy": 1,
                        "low": 1, "high": 3}]})")
              .starts_with("s.json: optimize.space[0].policy: chooses a target-tracking policy "
                           "for its parameters; min_capacity is the endpoint's or the scaling's "
                           "own"));
    // the adaptive search's settings are accepted beside the grid, which does not use them
    // (a section whose method is switched keeps them)
    CHECK(parse(R"("scaling": {"policies": [{"type": "target_tracking", "target_value": 30}]},
                   "optimize": {"space": [{"parameter": "target_value", "policy": 0, "low": 10,
                   "high": 60, "step": 10}], "seed": 7, "batch_size": 8})")
              .optimization->options.batch_size == 8);
    CHECK(body_error(R"("optimize": {"space": [], "method": "adaptive", "slice_fraction": 1})") ==
          "s.json: optimize.slice_fraction: expected a number in [0, 1)");
    CHECK(body_error(R"("optimize": {"space": [], "method": "adaptive",
                        "slice_evaluations": 30})") ==
          "s.json: optimize.slice_evaluations: applies with a \"slice_fraction\" > 0 "
          "(multi-fidelity's first stage); give one, e.g. 0.25, or leave slice_evaluations out");
    CHECK(body_error(R"("optimize": {"space": [], "method": "random"})") ==
          "s.json: optimize.method: expected one of \"grid\" or \"adaptive\", got \"random\"");
    CHECK(body_error(R"("optimize": {"space": [{"parameter": "min_capacity", "low": 3,
                        "high": 1}]})") ==
          "s.json: optimize.space[0].high: expected a number >= low");
    CHECK(body_error(R"("optimize": {"space": [], "scenarios": [{"name": "fast"},
                        {"name": "bad", "startup": {"kind": "uniform", "low_s": 9, "high_s": 1}}]})") ==
          "s.json: optimize.scenarios[1].startup.high_s: expected a number >= low_s, got 1");
    // The search space's own checks name the dimension.
    CHECK(body_error(R"("optimize": {"space": [{"parameter": "min_capacity", "values": [1]},
                        {"parameter": "target_value", "policy": 2, "values": [1]}]})") ==
          "s.json: optimize.space[1]: the scenario has 0 target-tracking policies, no policy 2");
    // A list of levels is a lattice the searches step along: in order, each once.
    CHECK(body_error(R"("scaling": {"policies": [{"type": "target_tracking"}]}, "optimize": {
                        "space": [{"parameter": "target_value", "values": [10, 30, 30]}]})") ==
          "s.json: optimize.space[0]: values must be sorted and without duplicates, got 30 then "
          "30 (values[1], values[2])");
    CHECK(body_error(R"("scaling": {"policies": [{"type": "target_tracking"}]}, "optimize": {
                        "space": [{"parameter": "target_value", "values": [30, 10]}]})") ==
          "s.json: optimize.space[0]: values must be sorted and without duplicates, got 30 then "
          "10 (values[0], values[1])");
    CHECK(body_error(R"("scaling": {"policies": [{"type": "target_tracking"}]}, "optimize": {
                        "space": [{"parameter": "target_value", "low": 1, "high": 5}]})") ==
          "s.json: optimize.space[0]: continuous (no step); the exhaustive grid needs a step or "
          "values");
}

TEST_CASE("bad input: trace reader errors pass through") {
    // A file that cannot be read is named with the field that names it.
    const auto io_message = [](const std::string& text) {
        try {
            aio::parse_scenario(text, "s.json", root());
        } catch (const io_error& e) {
            return std::string(e.what());
        }
        return std::string("no io_error");
    };
    CHECK(io_message(R"({"version": 1, "trace": {"file": "no/such.csv"}})") ==
          "s.json: trace.file: " + root() +
              "/no/such.csv: cannot open file (No such file or "
              "directory)");
    CHECK(io_message(R"({"version": 1, "trace": {"file": "traces/nasa_http_1995_07_per_minute.csv"},
          "scaling": {"policies": [{"type": "target_tracking"}]},
          "optimize": {"space": [{"parameter": "target_value", "values": [10, 20]}],
                       "scenarios": [{"name": "v", "trace": {"file": "no/such.csv"}}]}})") ==
          "s.json: optimize.scenarios[0].trace.file: " + root() +
              "/no/such.csv: cannot open file (No such file or directory)");
    try {
        aio::parse_scenario(
            R"({"version": 1, "trace": {"file": "tests/data/access_log/bad_line.log",
                "format": "access_log"}})",
            "s.json", root());
        FAIL("no trace_error");
    } catch (const trace_error& e) {
        CHECK(std::string(e.what()).find("bad_line.log:") != std::string::npos);
    }
    CHECK(error_of(R"({"version": 1, "trace": {"file": "traces/nasa_http_1995_07_per_minute.csv",
                      "slice": {"start_s": 30}}})") ==
          "s.json: trace.slice.start_s: must be a whole number of intervals (60 s)");
    CHECK_THROWS_AS(aio::read_scenario_file(root() + "/no/such/scenario.json"), io_error);
}

TEST_CASE("alternative names are read and written back under the C++ names") {
    const auto f = aio::parse_scenario(
        R"({"version": 1, "trace": {"generator": {"kind": "diurnal", "intervals": 60}},
            "endpoint": {"startup": {"kind": "lognormal", "median_s": 300, "spread": 0.3}},
            "scaling": {"policies": [
              {"type": "scheduled", "at_s": [90.5], "at_epoch_s": [120, "1970-01-01T00:03:00Z"],
               "min_capacity": 2},
              {"type": "hpa", "behavior": {"scale_down": {"stabilization_window_s": 30}}}]}})",
        "s.json", root());
    CHECK(f.base.endpoint.startup.sigma == 0.3);
    CHECK(f.base.scaling.scheduled[0].at_ms == std::vector<time_ms>{90500});
    CHECK(f.base.scaling.scheduled[0].at_epoch_ms == std::vector<time_ms>{120000, 180000});
    CHECK(f.base.scaling.hpa[0].scale_down.stabilization_window_s == 30);
    CHECK(f.effective_json.find("\"kind\": \"seasonal\"") != std::string::npos);
    CHECK(f.effective_json.find("spread") == std::string::npos);
    CHECK(f.effective_json.find("behavior") == std::string::npos);
    const auto g = aio::parse_scenario(f.effective_json, "eff.json", "/");
    CHECK(g.effective_json == f.effective_json);
    CHECK(parse(R"("endpoint": {"startup": {"seconds": 42}})").base.endpoint.startup.fixed_s == 42);

    CHECK(body_error(R"("endpoint": {"startup": {"sigma": 0.1, "spread": 0.2}})") ==
          "s.json: endpoint.startup.spread: give sigma or spread, not both");
    CHECK(body_error(R"("scaling": {"policies": [{"type": "hpa", "scale_up": {},
                        "behavior": {"scale_up": {}}}]})") ==
          "s.json: scaling.policies[0].behavior.scale_up: give scale_up or behavior.scale_up, "
          "not both");
}

TEST_CASE("AWS's names are read wherever a policy takes an enum, and written back snake_case") {
    const auto f = aio::parse_scenario(
        R"({"version": 1, "trace": {"generator": {"kind": "seasonal", "intervals": 60}},
            "scaling": {"policies": [
              {"type": "target_tracking", "metric": "SageMakerVariantInvocationsPerInstance",
               "target_value": 30, "treat_missing_data": "notBreaching"},
              {"type": "step_scaling", "metric": "CPUUtilization", "threshold": 80,
               "alarm_comparison": "GreaterThanThreshold",
               "adjustment": "PercentChangeInCapacity", "aggregation": "Maximum",
               "steps": [{"lower_bound": 0, "adjustment": 50}]},
              {"type": "predictive", "mode": "ForecastOnly", "breach": "IncreaseMaxCapacity"}]}})",
        "s.json", root());
    const auto& s = f.base.scaling;
    CHECK(s.target_tracking[0].metric == metric_kind::invocations_per_instance);
    CHECK(s.target_tracking[0].treat_missing_data == missing_data::not_breaching);
    CHECK(s.step_scaling[0].adjustment == adjustment_type::percent_change_in_capacity);
    CHECK(s.step_scaling[0].aggregation == metric_aggregation::maximum);
    CHECK(s.predictive[0].breach == max_capacity_breach::increase_max_capacity);
    CHECK(f.effective_json.find("\"treat_missing_data\": \"not_breaching\"") != std::string::npos);
    CHECK(f.effective_json.find("\"adjustment\": \"percent_change_in_capacity\"") !=
          std::string::npos);
    CHECK(aio::parse_scenario(f.effective_json, "eff.json", "/").effective_json ==
          f.effective_json);
    // A name that is neither is an error listing the canonical names.
    CHECK(body_error(R"("scaling": {"policies": [{"type": "target_tracking",
                        "treat_missing_data": "sometimes"}]})") ==
          "s.json: scaling.policies[0].treat_missing_data: expected one of \"missing\", "
          "\"not_breaching\" or \"breaching\", got \"sometimes\"");
}

TEST_CASE("bad input: a key given twice is an error naming its path, not the last value") {
    CHECK(error_of(R"({"version": 1, "seed": 1, "seed": 2, "trace": {}})") ==
          "s.json: seed: given twice in one object; keep one");
    CHECK(body_error(R"("scaling": {"policies": [{"type": "target_tracking"},
                        {"type": "step_scaling", "threshold": 5, "threshold": 6}]})") ==
          "s.json: scaling.policies[1].threshold: given twice in one object; keep one");
    // A value nested past any scenario's depth, followed by another key, crashed the reader
    // (copying it exhausted the stack); 100 levels are read.
    const std::string deep = std::string(300'000, '[') + std::string(300'000, ']');
    CHECK(error_of(R"({"version": 1, "x": )" + deep + R"(, "seed": 1, "trace": {}})")
              .ends_with(": objects and arrays nested more than 100 levels deep"));
    CHECK(error_of(R"({"version": 1, "x": )" + std::string(99, '[') + std::string(99, ']') +
                   R"(, "seed": 1, "trace": {}})")
              .find("nested") == std::string::npos);
    // The same key in two objects is fine.
    CHECK(parse(R"("slo": {"latency_s": 2}, "endpoint": {"startup": {"fixed_s": 2}})")
              .base.slo.latency_s == 2);
}

TEST_CASE("bad input: another start-up kind's fields without \"kind\" are an error, not unused") {
    // These ran the default fixed 360 s start-up, the median or bounds given never used.
    CHECK(body_error(R"("endpoint": {"startup": {"median_s": 381, "sigma": 0.2}})") ==
          "s.json: endpoint.startup.median_s: is for kind \"lognormal\", not \"fixed\" (the "
          "default: kind is not given): give \"kind\": \"lognormal\", or no median_s");
    CHECK(body_error(R"("endpoint": {"startup": {"spread": 0.2}})") ==
          "s.json: endpoint.startup.spread: is for kind \"lognormal\", not \"fixed\" (the "
          "default: kind is not given): give \"kind\": \"lognormal\", or no spread");
    CHECK(body_error(R"("endpoint": {"startup": {"low_s": 60, "high_s": 120}})") ==
          "s.json: endpoint.startup.low_s: is for kind \"uniform\", not \"fixed\" (the "
          "default: kind is not given): give \"kind\": \"uniform\", or no low_s");
    CHECK(body_error(R"("endpoint": {"kind": "inference_component",
                     "inference_component": {"copy_startup": {"median_s": 60}}})")
              .find("endpoint.inference_component.copy_startup.median_s: is for kind") !=
          std::string::npos);
    // a serverless cold start is lognormal by default: its fixed_s needs the kind
    CHECK(body_error(R"("mode": "request", "endpoint": {"kind": "serverless",
                     "instance_type": {"workers": 1}, "serverless": {"cold_start": {"fixed_s": 3}}})") ==
          "s.json: endpoint.serverless.cold_start.fixed_s: is for kind \"fixed\", not "
          "\"lognormal\" (the default: kind is not given): give \"kind\": \"fixed\", or no "
          "fixed_s");
    CHECK(parse(R"("mode": "request", "endpoint": {"kind": "serverless",
                   "instance_type": {"workers": 1}, "serverless": {"cold_start": {"median_s": 3}}})")
              .base.endpoint.serverless.cold_start.median_s == 3);
    // With "kind" given, another family's field is still unused: refused (by validate(), so the
    // C++ and Python structs are held to it too). A kind other than the default's starts from
    // the plain defaults, so the serverless cold start's median of 5 s does not linger.
    CHECK(body_error(R"("endpoint": {"startup": {"kind": "fixed", "median_s": 100}})") ==
          "s.json: endpoint.startup.median_s: is for kind \"lognormal\", and this start-up is "
          "\"fixed\": give kind \"lognormal\", or leave median_s at its default");
    const auto cold = parse(R"("mode": "request", "endpoint": {"kind": "serverless",
        "instance_type": {"workers": 1}, "serverless": {"cold_start": {"kind": "fixed",
        "fixed_s": 3}}})")
                          .base.endpoint.serverless.cold_start;
    CHECK(cold.family == startup_distribution::kind::fixed);
    CHECK(cold.fixed_s == 3);
    CHECK(cold.median_s == startup_distribution{}.median_s);
    // with its kind it is read; the fixed start-up's own fields need none; and the effective
    // document, which holds every family's fields beside the kind, reads back
    const auto f = parse(R"("endpoint": {"startup": {"kind": "lognormal", "median_s": 381,
                                                        "sigma": 0.2}})");
    CHECK(f.base.endpoint.startup.median_s == 381);
    CHECK(parse(R"("endpoint": {"startup": {"fixed_s": 30}})").base.endpoint.startup.fixed_s == 30);
    CHECK(aio::parse_scenario(f.effective_json, "eff.json", "/").effective_json ==
          f.effective_json);
}

TEST_CASE("scaling.from_aws: the deployed scaling from the AWS CLI's output, in the file") {
    const std::string files = R"("from_aws": ["tests/data/aws/describe-scalable-targets.json",
        "tests/data/aws/describe-scaling-policies.json", "tests/data/aws/describe-alarms.json",
        "tests/data/aws/describe-scheduled-actions.json"])";
    const auto sf = parse(R"("scaling": {"cooldown_from": "start", )" + files + "}");
    // describe-scalable-targets: MinCapacity 2, MaxCapacity 12; one target-tracking and one
    // step-scaling policy, and the file's own simulator setting kept
    CHECK(sf.base.scaling.min_capacity == 2);
    CHECK(sf.base.scaling.max_capacity == 12);
    REQUIRE(sf.base.scaling.target_tracking.size() == 1);
    CHECK(sf.base.scaling.target_tracking[0].name == "invocations-target-tracking");
    CHECK(sf.base.scaling.step_scaling.size() == 1);
    CHECK(sf.base.scaling.cooldown_from == cooldown_start::start);
    // the effective document spells the policies out: it re-reads without the AWS files
    const auto again = aio::parse_scenario(sf.effective_json, "eff.json", root());
    CHECK(again.effective_json == sf.effective_json);
    CHECK(again.base.scaling.step_scaling.size() == 1);
    // from_aws replaces capacities and policies: giving both is an error naming the field
    CHECK(error_of(R"({"version": 1, )" + std::string(gen_trace) +
                   R"(, "scaling": {"max_capacity": 5, )" + files + "}}") ==
          "s.json: scaling.max_capacity: cannot be given with from_aws, whose files give "
          "MinCapacity, MaxCapacity and the policies");
    CHECK(error_of(R"({"version": 1, )" + std::string(gen_trace) +
                   R"(, "scaling": {"from_aws": [3]}})") ==
          "s.json: scaling.from_aws[0]: expected a file name");
}

TEST_CASE("components: each is the file's scenario with its object merged over it") {
    const std::string ic =
        R"("endpoint": {"kind": "inference_component", "initial_capacity": 1,
             "instance_type": {"service_time_s": 0.5},
             "inference_component": {"copies_per_instance": 2}},
           "scaling": {"min_capacity": 0, "max_capacity": 4})";
    const auto sf = parse(ic + R"(, "components": [
        {"name": "a"},
        {"name": "b", "endpoint": {"instance_type": {"service_time_s": 2.0}},
         "trace": {"scale": 0.5}, "seed": 7}])");
    REQUIRE(sf.components.size() == 2);
    CHECK(sf.component_names == std::vector<std::string>{"a", "b"});
    // a: the file's own; b: the file's with its service time, traffic and seed changed.
    CHECK(sf.components[0].endpoint.type.service_time_s == 0.5);
    CHECK(sf.components[1].endpoint.type.service_time_s == 2.0);
    CHECK(sf.components[1].endpoint.inference_component.copies_per_instance == 2);
    CHECK(sf.components[1].traffic.total() ==
          doctest::Approx(0.5 * sf.components[0].traffic.total()).epsilon(1e-12));
    CHECK(sf.components[1].seed == 7);
    CHECK(sf.base.endpoint.type.service_time_s == 0.5);
    // The effective document reads back to the same components.
    const auto again = aio::parse_scenario(sf.effective_json, "e.json", root());
    REQUIRE(again.components.size() == 2);
    CHECK(again.component_names == sf.component_names);
    CHECK(again.components[1].endpoint.type.service_time_s == 2.0);
    CHECK(again.components[1].traffic.total() == sf.components[1].traffic.total());
    // And they run on one pool.
    const shared_result r = simulate_components(sf.components);
    CHECK(r.components.size() == 2);
    CHECK(r.instance_hours > 0);

    // Bad input names the component and the field.
    CHECK(error_of(R"({"version": 1, )" + std::string(gen_trace) + ", " + ic +
                   R"(, "components": []})") ==
          "s.json: components: expected a non-empty array of objects, got an empty array");
    CHECK(error_of(R"({"version": 1, )" + std::string(gen_trace) + ", " + ic +
                   R"(, "components": [{"name": "a"}, {"name": "a"}]})")
              .find("components[1].name: \"a\" is also components[0]'s name") != std::string::npos);
    CHECK(error_of(R"({"version": 1, )" + std::string(gen_trace) + ", " + ic +
                   R"(, "components": [{}, {"endpoint": {"inference_component":
                       {"max_instances": 3}}}]})") ==
          "s.json: components[1].endpoint.inference_component.max_instances: differs from "
          "components[0]'s; the components share the endpoint's instances, so it must be the "
          "same");
    CHECK(error_of(R"({"version": 1, )" + std::string(gen_trace) + ", " + ic +
                   R"(, "components": [{}, {"scaling": {"max_capacity": "x"}}]})")
              .find("s.json components[1] (component 1): scaling.max_capacity") !=
          std::string::npos);
    CHECK(error_of(R"({"version": 1, )" + std::string(gen_trace) + ", " + ic +
                   R"(, "components": [{}], "optimize": {}})")
              .find("s.json: optimize: not available with \"components\"") != std::string::npos);
    // A component's own optimize section or components are refused, not read and dropped.
    CHECK(error_of(R"({"version": 1, )" + std::string(gen_trace) + ", " + ic +
                   R"(, "components": [{"name": "a", "optimize": {"space": []}}, {}]})") ==
          "s.json: components[0].optimize: not available in a component: optimise one "
          "component's policy in a file of its own");
    CHECK(error_of(R"({"version": 1, )" + std::string(gen_trace) + ", " + ic +
                   R"(, "components": [{}, {"components": [{}]}]})") ==
          "s.json: components[1].components: components do not nest: list every component in "
          "the top-level \"components\"");
}

TEST_CASE("bad input: a NUL in a file name, a time before the trace, version 1.0") {
    // The file name was cut at the NUL (reading "day.csv") and the effective scenario kept the
    // whole string.
    CHECK(error_of("{\"version\": 1, \"trace\": {\"file\": \"traces/x.csv\\u0000garbage\"}}") ==
          "s.json: trace.file: a file name cannot hold a NUL character (\\u0000)");
    // A time before the trace's start never fired, without a word.
    CHECK(body_error(R"("scaling": {"policies": [{"type": "target_tracking"},
                        {"type": "scheduled", "name": "s", "at_s": [-60], "min_capacity": 2}]})") ==
          "s.json: scaling.policies[1].at_s[0]: expected a number of seconds in [0, 1e13) from "
          "the trace's start");
    CHECK(body_error(R"("scaling": {"policies": [{"type": "target_tracking"},
                        {"type": "scheduled", "name": "s", "at_ms": [-60000],
                         "min_capacity": 2}]})") ==
          "s.json: scaling.policies[1].at_ms[0]: expected a time in [0, 1e16] ms from the "
          "trace's start, got -60000");
    CHECK(body_error(R"("scaling": {"policies": [{"type": "target_tracking"},
                        {"type": "scheduled", "name": "s", "at_epoch_ms": [-9223372036854775808],
                         "min_capacity": 2}]})")
              .find("at_epoch_ms[0]: expected ms since the epoch within +-1e16") !=
          std::string::npos);
    // A generated trace's start far outside any calendar (INT64_MIN printed a year -292275055).
    CHECK(error_of(R"({"version": 1, "trace": {"generator": {"kind": "seasonal", "intervals": 60,
                       "mean_rate_per_s": 2, "start_epoch_ms": -9223372036854775808}}})")
              .find("trace.generator.start_epoch_ms: expected an integer within +-1e16") !=
          std::string::npos);
    // Integer fields take 3.0 for 3; the version too.
    CHECK(
        aio::parse_scenario("{\"version\": 1.0, " + std::string(gen_trace) + "}", "s.json", root())
            .version == 1);
    CHECK(error_of("{\"version\": 1.5, " + std::string(gen_trace) + "}") ==
          "s.json: version: unsupported version 1.5; this reader reads 1");
}

TEST_CASE("bad input: a falling trend that ends the traffic is named") {
    // An hour of minutes (1/24 day): the rate 1 + trend_per_day * days reaches 0 at -24 per day;
    // below, the generator gave 0 requests without a word.
    const auto trend = [](const std::string& value) {
        return R"({"version": 1, "trace": {"generator": {"kind": "seasonal", "intervals": 60,
                   "mean_rate_per_s": 2, "trend_per_day": )" +
               value + "}}}";
    };
    CHECK(error_of(trend("-1e300")) ==
          "s.json: trace.generator.trend_per_day: expected a number > -24 (the rate falls to 0 "
          "within the trace's 0.04167 days), got -1e+300");
    const auto falling = aio::parse_scenario(trend("-23"), "s.json", root());
    CHECK(falling.base.traffic.counts().back() > 0);
}

TEST_CASE("bad input: a date that does not exist is named as a date") {
    // It said "expected ms since the epoch" of a field in seconds.
    const auto at = [](const std::string& when) {
        return R"("scaling": {"policies": [{"type": "target_tracking"},
                  {"type": "scheduled", "name": "s", "at_epoch_s": [")" +
               when + R"("], "min_capacity": 2}]})";
    };
    CHECK(body_error(at("9999-99-99T00:00:00Z")) ==
          "s.json: scaling.policies[1].at_epoch_s[0]: invalid date/time "
          "\"9999-99-99T00:00:00Z\": date or time out of range");
    CHECK(body_error(at("tomorrow")) ==
          "s.json: scaling.policies[1].at_epoch_s[0]: invalid date/time \"tomorrow\": not an "
          "ISO-8601 date-time (expected YYYY-MM-DDTHH:MM:SS with a zone)");
    CHECK(parse(at("9999-12-31T00:00:00Z")).base.scaling.scheduled[0].at_epoch_ms ==
          std::vector<time_ms>{253'402'214'400'000});
}

TEST_CASE("bad input: an empty policy or instance type name is named") {
    // A name is what the activity log's causes, the reports and other errors' field paths show;
    // "" was read and ran, its scaling activities caused by no one.
    const std::pair<const char*, const char*> policies[] = {
        {"target_tracking", ""},
        {"step_scaling", R"(, "steps": [{"lower_bound": 0, "adjustment": 1}])"},
        {"scheduled", R"(, "cron": "0 8 * * *", "min_capacity": 2)"},
        {"predictive", ""},
        {"hpa", ""}};
    for (const auto& [type, rest] : policies) {
        CAPTURE(type);
        CHECK(body_error(R"("scaling": {"policies": [{"type": ")" + std::string(type) +
                         R"(", "name": "")" + rest + "}]}") ==
              "s.json: scaling.policies[0].name: expected a non-empty name, got \"\"");
    }
    CHECK(body_error(R"("endpoint": {"instance_type": {"name": ""}})") ==
          "s.json: endpoint.instance_type.name: expected a non-empty name, got \"\"");
    CHECK(body_error(R"("optimize": {"space": [], "instance_types": [{"name": ""}]})") ==
          "s.json: optimize.instance_types[0].name: expected a non-empty name, got \"\"");
    // The structs refuse it themselves, as the Python classes and embedding code build them.
    target_tracking_config t;
    t.name = "";
    CHECK_THROWS_WITH_AS(t.validate(),
                         "scaling.target_tracking[].name: expected a non-empty name, got \"\"",
                         config_error);
    instance_type it;
    it.name = "";
    CHECK_THROWS_WITH_AS(it.validate(),
                         "endpoint.instance_type.name: expected a non-empty name, got \"\"",
                         config_error);
    // One character is a name.
    t.name = "x";
    CHECK_NOTHROW(t.validate());
}

TEST_CASE("scenario file: every policy has a name of its own") {
    // A second policy left with its kind's default name is numbered, in the effective document
    // too; a name given twice is an error naming the second.
    const auto f = parse(R"("scaling": {"policies": [
        {"type": "target_tracking", "target_value": 30},
        {"type": "target_tracking", "metric": "cpu_utilization", "target_value": 70},
        {"type": "target_tracking", "metric": "model_latency", "target_value": 2},
        {"type": "scheduled", "at_s": [60], "min_capacity": 2},
        {"type": "scheduled", "at_s": [120], "min_capacity": 3}]})");
    const auto& tt = f.base.scaling.target_tracking;
    REQUIRE(tt.size() == 3);
    CHECK(tt[0].name == "target-tracking");
    CHECK(tt[1].name == "target-tracking-2");
    CHECK(tt[2].name == "target-tracking-3");
    CHECK(f.base.scaling.scheduled[1].name == "scheduled-2");
    CHECK(
        aio::parse_scenario(f.effective_json, "e.json", "/").base.scaling.target_tracking[1].name ==
        "target-tracking-2");
    CHECK(body_error(R"("scaling": {"policies": [
        {"type": "target_tracking", "name": "x", "target_value": 30},
        {"type": "scheduled", "name": "x", "at_s": [60], "min_capacity": 2}]})") ==
          "s.json: scaling.policies[1].name: \"x\" is an earlier policy's name too; give each "
          "policy its own");
    // The core's message about the second of two policies on one metric names that one.
    CHECK(body_error(R"("scaling": {"policies": [
        {"type": "target_tracking", "target_value": 30},
        {"type": "target_tracking", "target_value": 40}]})")
              .find("s.json: scaling.policies[1].metric: two target-tracking policies track "
                    "InvocationsPerInstance") == 0);
}

TEST_CASE(
    "scenario file: a catalogue instance type given without its price takes the catalogue's") {
    // It took ml.c5.xlarge's 0.204 USD/h, the default: a g5.12xlarge cost 35 times too little.
    const auto price = [](const std::string& type) {
        return parse(R"("endpoint": {"instance_type": )" + type + "}")
            .base.endpoint.type.price_per_hour;
    };
    CHECK(price(R"({"name": "ml.g5.12xlarge"})") == 7.09);
    CHECK(price(R"({"name": "ml.g5.12xlarge", "price_per_hour": 5})") == 5);
    CHECK(price(R"({"name": "measured"})") == 0.204); // not in the catalogue: the default
    // A SageMaker name the catalogue does not list (a typo) would have cost the default too.
    const std::string typo =
        body_error(R"("endpoint": {"instance_type": {"name": "ml.g4dn.xlarg"}})");
    CHECK(typo.rfind("s.json: endpoint.instance_type.name: \"ml.g4dn.xlarg\" is not in the "
                     "catalogue (",
                     0) == 0);
    CHECK(typo.find("give its price with endpoint.instance_type.price_per_hour") !=
          std::string::npos);
    CHECK(price(R"({"name": "ml.p4d.24xlarge", "price_per_hour": 37.69})") == 37.69);
    CHECK(parse("").base.endpoint.type.price_per_hour == 0.204);
    // the effective document writes it, so it runs again at that price
    const auto f = parse(R"("endpoint": {"instance_type": {"name": "ml.g5.12xlarge"}})");
    CHECK(aio::parse_scenario(f.effective_json, "e.json", "/").base.endpoint.type.price_per_hour ==
          7.09);
}

TEST_CASE("scenario file: a misspelt field is named as one, missing or unknown") {
    // A required field misspelt was reported as missing only; an unknown one names the field it
    // is closest to (within two edits, one for a name of under five characters).
    CHECK(error_of(R"({"version": 1, "trace": {"fiel": "day.csv"}})") ==
          "s.json: trace.file: missing required field (or give trace.generator) (the object has "
          "\"fiel\": a misspelling of \"file\"?)");
    CHECK(error_of(R"({"versoin": 1, "trace": {"file": "day.csv"}})") ==
          "s.json: version: missing required field (this reader reads 1) (the object has "
          "\"versoin\": a misspelling of \"version\"?)");
    CHECK(body_error(R"("scaling": {"policies": [{"typ": "target_tracking"}]})")
              .find("scaling.policies[0].type: missing required field; expected one of") !=
          std::string::npos);
    CHECK(body_error(R"("scaling": {"policies": [{"typ": "target_tracking"}]})")
              .ends_with("(the object has \"typ\": a misspelling of \"type\"?)"));
    CHECK(body_error(R"("slo": {"deadline": 5})").find("unknown field; expected one of") !=
          std::string::npos); // no field is near
    CHECK(body_error(R"("slo": {"latncy_s": 5})")
              .find("unknown field (a misspelling of \"latency_s\"?)") != std::string::npos);
}

TEST_CASE("scenario file: a seed is any 64-bit unsigned integer, however written") {
    CHECK(parse(R"("seed": 1e19)").base.seed == 10'000'000'000'000'000'000ULL);
    CHECK(parse(R"("seed": 18446744073709551615)").base.seed == 18'446'744'073'709'551'615ULL);
    CHECK(body_error(R"("seed": 2e19)") ==
          "s.json: seed: expected an integer in [0, 18446744073709551615], got 2e+19");
    CHECK(body_error(R"("seed": -1)") ==
          "s.json: seed: expected an integer in [0, 18446744073709551615], got -1");
}
