// The typed trace specification: load_trace builds the same trace as the readers and generators
// called by hand, its errors carry the field as data, and a scenario file's trace section reads
// into a spec and is written from it.
#include <autoscalesim/errors.hpp>
#include <autoscalesim/generators.hpp>
#include <autoscalesim/io/csv_trace.hpp>
#include <autoscalesim/io/scenario_file.hpp>
#include <autoscalesim/io/trace_spec.hpp>

#include <doctest/doctest.h>

#include <string>

using namespace autoscalesim;
namespace aio = autoscalesim::io;

namespace {

const std::string nasa = std::string(ASIM_SOURCE_DIR) + "/traces/nasa_http_1995_07_per_minute.csv";

// The field of the config_error that loading spec throws ("" and a failed check if none).
std::string error_field(const aio::trace_spec& spec) {
    try {
        (void)aio::load_trace(spec);
    } catch (const config_error& e) {
        return e.field();
    }
    FAIL("no config_error");
    return "";
}

} // namespace

TEST_CASE("trace_spec: a generator, sliced then scaled, is the generator's counts by hand") {
    const aio::trace_spec spec{
        .generator =
            aio::generator_spec{.seasonal = {.intervals = 1440, .shape = {.mean_rate_per_s = 4}}},
        .scale = 2,
        .slice = {.start_s = 3600, .end_s = 7200},
    };
    const aio::loaded_trace lt = aio::load_trace(spec);
    seasonal_options shape;
    shape.mean_rate_per_s = 4;
    const trace whole = generate_seasonal(shape, 60'000, 1440, 0);
    REQUIRE(lt.traffic.size() == 60);
    for (std::size_t i = 0; i < 60; ++i) {
        CHECK(lt.traffic.counts()[i] == doctest::Approx(2 * whole.counts()[60 + i]));
    }
    CHECK(lt.cut == "trace.slice kept [3600 s, 7200 s) of the file's 1 days; trace.scale "
                    "multiplied counts by 2");
    CHECK_FALSE(lt.log.has_value());
}

TEST_CASE("trace_spec: a file read with its format's options, as the reader reads it") {
    const aio::trace_spec spec{.file = nasa, .slice = {.end_s = 86'400}};
    const aio::loaded_trace lt = aio::load_trace(spec);
    const trace direct = aio::read_csv_trace(nasa);
    REQUIRE(lt.traffic.size() == 1440);
    CHECK(lt.traffic.start_epoch_ms() == direct.start_epoch_ms());
    CHECK(lt.traffic.counts()[0] == direct.counts()[0]);
    CHECK(lt.traffic.counts()[1439] == direct.counts()[1439]);
}

TEST_CASE("trace_spec: errors name the field as data, with the spec's prefix") {
    CHECK(error_field({.generator = aio::generator_spec{},
                       .slice = {.start_s = 60, .end_s = 30}}) == "trace.slice.end_s");
    CHECK(error_field({.generator = aio::generator_spec{.interval_ms = 10}}) ==
          "trace.generator.interval_ms");
    CHECK(error_field({.generator = aio::generator_spec{.flash_crowds = {{.decay_s = 0}}}}) ==
          "trace.generator.flash_crowds[0].decay_s");
    CHECK(error_field({.generator = aio::generator_spec{.noise = {.dispersion = -1}}}) ==
          "trace.generator.noise.dispersion");
    CHECK(error_field({.file = nasa,
                       .format = aio::trace_format::cloudwatch,
                       .cloudwatch = {.max_gap_ms = -1000}}) == "trace.max_gap_s");
    CHECK(error_field({.file = nasa, .scale = -1}) == "trace.scale");
    CHECK(error_field({}) == "trace.file");
    // a slice beyond the trace is known only once the trace is read
    CHECK(error_field({.file = nasa, .slice = {.start_s = 1e9}}) == "trace.slice.start_s");
    // another prefix: a variant's own trace
    try {
        (void)aio::load_trace({.file = nasa, .scale = -1}, "optimize.scenarios[0].trace.");
        FAIL("no error");
    } catch (const config_error& e) {
        CHECK(e.field() == "optimize.scenarios[0].trace.scale");
        CHECK(e.problem() == "expected a finite number >= 0, got -1");
    }
}

TEST_CASE("trace_spec: a file's trace section reads into the spec and is written from it") {
    const std::string doc = R"({"version": 1,
        "trace": {"file": "traces/nasa_http_1995_07_per_minute.csv", "gaps": "zero",
                  "slice": {"start_s": 86400, "end_s": 172800}, "scale": 1.5},
        "scaling": {"policies": [{"type": "target_tracking", "target_value": 30}]}})";
    const aio::scenario_file sf = aio::parse_scenario(doc, "s.json", ASIM_SOURCE_DIR);
    CHECK(sf.trace.file == nasa);
    CHECK(sf.trace.format == aio::trace_format::csv);
    CHECK(sf.trace.csv.gaps == aio::gap_policy::zero);
    CHECK(sf.trace.scale == 1.5);
    CHECK(sf.trace.slice.start_s == 86400);
    REQUIRE(sf.trace.slice.end_s.has_value());
    CHECK(*sf.trace.slice.end_s == 172800);
    CHECK_FALSE(sf.trace.generator.has_value());
    CHECK(sf.base.traffic.size() == 1440);

    // written from the spec, read again: the same document and the same traffic
    const std::string written = aio::write_scenario_json(sf.base, sf.trace);
    const aio::scenario_file again = aio::parse_scenario(written, "w.json", "/");
    CHECK(again.effective_json == sf.effective_json);
    CHECK(again.base.traffic.counts() == sf.base.traffic.counts());
    CHECK(written.find("\"gaps\": \"zero\"") != std::string::npos);
    CHECK(written.find("\"end_s\": 172800") != std::string::npos);
}

TEST_CASE("trace_spec: a generated section has no file or format in its effective form") {
    const std::string doc = R"({"version": 1,
        "trace": {"generator": {"kind": "diurnal", "intervals": 60, "noise": {"model": "poisson"}}},
        "scaling": {"policies": [{"type": "target_tracking", "target_value": 30}]}})";
    const aio::scenario_file sf = aio::parse_scenario(doc, "s.json", "/");
    REQUIRE(sf.trace.generator.has_value());
    CHECK(sf.trace.generator->kind == aio::generator_kind::seasonal); // "diurnal" is an alias
    CHECK(sf.trace.generator->seasonal.intervals == 60);
    CHECK(sf.trace.generator->noise.model == aio::noise_kind::poisson);
    CHECK(sf.effective_json.find("\"file\"") == std::string::npos);
    CHECK(sf.effective_json.find("\"format\"") == std::string::npos);
    CHECK(sf.effective_json.find("\"kind\": \"seasonal\"") != std::string::npos);
    // read again from its effective form: the same draws
    const aio::scenario_file again = aio::parse_scenario(sf.effective_json, "e.json", "/");
    CHECK(again.base.traffic.counts() == sf.base.traffic.counts());
}

TEST_CASE("trace_spec: a noise field without \"model\" is an error naming it, not no noise") {
    // {"dispersion": 2} alone used to draw no noise (the default model is "none"), the
    // dispersion read and never used.
    const auto doc = [](const std::string& noise) {
        return R"({"version": 1,
        "trace": {"generator": {"kind": "diurnal", "intervals": 60, "noise": )" +
               noise + R"(}},
        "scaling": {"policies": [{"type": "target_tracking", "target_value": 30}]}})";
    };
    for (const std::string key : {"dispersion", "seed"}) {
        INFO(key);
        const std::string expected = "s.json: trace.generator.noise." + key +
                                     ": is for a noise model, and \"model\" is not given";
        CHECK_THROWS_WITH_AS(aio::parse_scenario(doc("{\"" + key + "\": 2}"), "s.json", "/"),
                             doctest::Contains(expected.c_str()), autoscalesim::config_error);
    }
    // with a model, or "none" said outright (as a written scenario.json says it), it reads
    const auto nb = aio::parse_scenario(doc(R"({"model": "negative_binomial", "dispersion": 2})"),
                                        "s.json", "/");
    CHECK(nb.trace.generator->noise.dispersion == 2);
    const auto none =
        aio::parse_scenario(doc(R"({"model": "none", "dispersion": 2, "seed": 3})"), "s.json", "/");
    CHECK(none.trace.generator->noise.model == aio::noise_kind::none);
    CHECK(aio::parse_scenario(none.effective_json, "e.json", "/").base.traffic.counts() ==
          none.base.traffic.counts());
}
