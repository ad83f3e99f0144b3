// The descriptions of describe.hpp: one name per field, the checks and texts derived from them,
// the optimizer's parameter index, and the docs' field tables.
#include "scenario_builders.hpp"

#include <autoscalesim/describe.hpp>
#include <autoscalesim/io/trace_spec.hpp>
#include <autoscalesim/optimize/search_space.hpp>
#include <doctest/doctest.h>

#include <cstdlib>
#include <fstream>
#include <limits>
#include <set>
#include <sstream>
#include <string>

namespace asim = autoscalesim;

namespace {

template <class S> std::set<std::string> names_of() {
    std::set<std::string> out;
    asim::for_each_field<S>([&](const auto& fd) { out.insert(std::string(fd.name)); });
    return out;
}

template <class S> std::size_t count_of() {
    std::size_t n = 0;
    asim::for_each_field<S>([&](const auto&) { ++n; });
    return n;
}

// The generated table of S in place of the block between <!-- fields:NAME --> and
// <!-- /fields -->; false if the document has no such block.
template <class S> bool fill(std::string& doc) {
    const std::string open = "<!-- fields:" + std::string(asim::describe<S>::name) + " -->\n";
    const std::string close = "<!-- /fields -->";
    const auto a = doc.find(open);
    if (a == std::string::npos) return false;
    const auto b = doc.find(close, a);
    if (b == std::string::npos) return false;
    doc.replace(a + open.size(), b - a - open.size(), asim::markdown_table<S>());
    return true;
}

} // namespace

TEST_CASE("every field of a described struct has one distinct name") {
    CHECK(names_of<asim::target_tracking_config>().size() ==
          count_of<asim::target_tracking_config>());
    CHECK(names_of<asim::step_scaling_config>().size() == count_of<asim::step_scaling_config>());
    CHECK(names_of<asim::hpa_config>().size() == count_of<asim::hpa_config>());
    CHECK(names_of<asim::endpoint_config>().size() == count_of<asim::endpoint_config>());
    // Every member of target_tracking_config is described: the struct holds nothing else (14
    // data members, counted by hand in scenario.hpp).
    CHECK(count_of<asim::target_tracking_config>() == 14);
}

TEST_CASE("messages and docs say the range each field accepts") {
    using asim::expected_text;
    CHECK(expected_text<double>(asim::above(0)) == "a number > 0");
    CHECK(expected_text<int>(asim::at_least(1)) == "an integer >= 1");
    CHECK(expected_text<double>(asim::within(0, 1, true)) == "a number in (0, 1]");
    CHECK(expected_text<double>(asim::within(0, 3600, false, true)) == "a number in [0, 3600)");
    CHECK(expected_text<double>(asim::value_range{}) == "a finite number");
    CHECK(expected_text<double>(asim::whole_seconds(1, 86400)) ==
          "a whole number of seconds in [1, 86400]");
    asim::target_tracking_config t;
    t.low_threshold_fraction = 0;
    CHECK_THROWS_WITH_AS(t.validate(),
                         "scaling.target_tracking[target-tracking].low_threshold_fraction: "
                         "expected a number in (0, 1], got 0",
                         asim::config_error);
    t = {};
    t.period_s = 1.5;
    CHECK_THROWS_WITH_AS(t.validate(), doctest::Contains("period_s: expected a whole number"),
                         asim::config_error);
    asim::endpoint_config e;
    e.max_queue = std::nullopt; // none: no limit
    CHECK_NOTHROW(asim::check_fields(e, "endpoint."));
    e.max_queue = 0;
    CHECK_NOTHROW(asim::check_fields(e, "endpoint."));
    e.max_queue = -1; // the old sentinel is read from files as none, but never held
    CHECK_THROWS_WITH_AS(
        asim::check_fields(e, "endpoint."),
        "endpoint.max_queue: expected an integer >= 0, or null for no limit, got -1",
        asim::config_error);
}

TEST_CASE("each enum has one canonical name and AWS's names as aliases") {
    asim::adjustment_type a{};
    CHECK(asim::parse_enum("PercentChangeInCapacity", a));
    CHECK(a == asim::adjustment_type::percent_change_in_capacity);
    CHECK(asim::canonical_name(a) == "percent_change_in_capacity");
    asim::metric_kind m{};
    CHECK(asim::parse_enum("SageMakerVariantInvocationsPerInstance", m));
    CHECK(m == asim::metric_kind::invocations_per_instance);
    asim::comparison c{};
    CHECK(asim::parse_enum("LessThanThreshold", c));
    CHECK(c == asim::comparison::less);
    CHECK_FALSE(asim::parse_enum("sideways", c));
    // Messages list the canonical names only.
    CHECK(asim::quoted_names<asim::comparison>() ==
          "\"greater\", \"less\", \"greater_or_equal\" or \"less_or_equal\"");
}

TEST_CASE("the optimizer's parameters are the searchable fields, in description order") {
    std::vector<std::string> expected;
    auto add = [&](const auto& fd) {
        if (fd.searchable) expected.emplace_back(fd.name);
    };
    asim::for_each_field<asim::scaling_config>(add);
    asim::for_each_field<asim::endpoint_config>(add);
    expected.emplace_back("instance_type");
    asim::for_each_field<asim::target_tracking_config>(add);
    CHECK(asim::optimize::search_space::parameter_names() == expected);
    CHECK(expected.size() == 15);
    // Each is applied to the field it names.
    namespace opt = asim::optimize;
    opt::search_space space;
    space.add(opt::dimension::fixed("low_datapoints_to_alarm", 7))
        .add(opt::dimension::fixed("low_threshold_fraction", 0.7))
        .add(opt::dimension::fixed("disable_scale_in", 1))
        .add(opt::dimension::fixed("initial_capacity", 3))
        .add(opt::dimension::fixed("max_capacity", 12));
    auto sc = asim_test::scaling_scenario(asim_test::constant(10, 100), 1, 100);
    space.apply(sc, {7, 0.7, 1, 3, 12});
    const auto& tt = sc.scaling.target_tracking[0];
    CHECK(tt.low_datapoints_to_alarm == 7);
    CHECK(tt.low_threshold_fraction == 0.7);
    CHECK(tt.disable_scale_in);
    CHECK(sc.endpoint.initial_capacity == 3);
    CHECK(sc.scaling.max_capacity == 12);
}

TEST_CASE("docs/scenario.md's field tables are the descriptions'") {
    const std::string path = std::string(ASIM_SOURCE_DIR) + "/docs/scenario.md";
    std::ifstream in(path);
    REQUIRE(in);
    std::stringstream ss;
    ss << in.rdbuf();
    const std::string before = ss.str();
    std::string doc = before;
    CHECK(fill<asim::endpoint_config>(doc));
    CHECK(fill<asim::instance_type>(doc));
    CHECK(fill<asim::startup_distribution>(doc));
    CHECK(fill<asim::inference_component_config>(doc));
    CHECK(fill<asim::serverless_config>(doc));
    CHECK(fill<asim::multi_model_config>(doc));
    CHECK(fill<asim::scaling_config>(doc));
    CHECK(fill<asim::target_tracking_config>(doc));
    CHECK(fill<asim::step_scaling_config>(doc));
    CHECK(fill<asim::step_adjustment>(doc));
    CHECK(fill<asim::scheduled_action_config>(doc));
    CHECK(fill<asim::predictive_config>(doc));
    CHECK(fill<asim::hpa_config>(doc));
    CHECK(fill<asim::hpa_scaling_rules>(doc));
    CHECK(fill<asim::hpa_scaling_policy>(doc));
    CHECK(fill<asim::slo_config>(doc));
    CHECK(fill<asim::io::trace_spec>(doc));
    CHECK(fill<asim::io::trace_slice>(doc));
    CHECK(fill<asim::io::csv_options>(doc));
    CHECK(fill<asim::io::cloudwatch_options>(doc));
    CHECK(fill<asim::io::access_log_spec>(doc));
    CHECK(fill<asim::io::generator_spec>(doc));
    CHECK(fill<asim::io::seasonal_spec>(doc));
    CHECK(fill<asim::load_test_options>(doc));
    CHECK(fill<asim::flash_crowd_options>(doc));
    CHECK(fill<asim::io::step_change>(doc));
    CHECK(fill<asim::io::noise_spec>(doc));
    const char* update = std::getenv("ASIM_UPDATE_DOCS");
    if (update != nullptr && std::string(update) == "1" && doc != before) {
        std::ofstream(path) << doc;
        MESSAGE("rewrote " << path);
        return;
    }
    CHECK_MESSAGE(doc == before, "docs/scenario.md's field tables are out of date: run "
                                 "ASIM_UPDATE_DOCS=1 ctest -R test_describe");
}

TEST_CASE("a field checked by its struct's own rule is still checked at both ends") {
    // high/low_datapoints_to_alarm and the step alarm's datapoints_to_alarm depend on another
    // field, so validate() checks them: 0 and more than the periods are both errors.
    asim::target_tracking_config t;
    t.high_datapoints_to_alarm = 0;
    CHECK_THROWS_WITH_AS(t.validate(),
                         "scaling.target_tracking[target-tracking].high_datapoints_to_alarm: "
                         "expected an integer in [1, high_evaluation_periods], got 0",
                         asim::config_error);
    t = {};
    t.low_datapoints_to_alarm = 16;
    CHECK_THROWS_WITH_AS(t.validate(), doctest::Contains("low_datapoints_to_alarm"),
                         asim::config_error);
    asim::step_scaling_config s;
    s.steps = {{0, std::numeric_limits<double>::infinity(), 1}};
    s.datapoints_to_alarm = 0;
    CHECK_THROWS_WITH_AS(s.validate(),
                         doctest::Contains("datapoints_to_alarm: expected an integer"),
                         asim::config_error);
    s.datapoints_to_alarm = 3;
    CHECK_NOTHROW(s.validate());
}
