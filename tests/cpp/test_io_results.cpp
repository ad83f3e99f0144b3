// Results as files: summary.json reloads to the same doubles, front.csv and evaluations.csv have
// one column per parameter, objective and summary field, and a failed write leaves nothing behind.
#include "scenario_builders.hpp"
#include "temp_dir.hpp"

#include <autoscalesim/autoscalesim.hpp>
#include <autoscalesim/errors.hpp>
#include <autoscalesim/io/csv_trace.hpp>
#include <autoscalesim/io/results.hpp>
#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <limits>
#include <sstream>
#include <string>
#include <vector>

namespace asim = autoscalesim;
namespace opt = autoscalesim::optimize;
namespace fs = std::filesystem;

namespace {

using asim_test::temp_dir;

std::string slurp(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> out;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) {
        out.push_back(line);
    }
    return out;
}

std::vector<std::string> split(const std::string& row) {
    std::vector<std::string> out;
    std::istringstream in(row);
    for (std::string f; std::getline(in, f, ',');) {
        out.push_back(f);
    }
    return out;
}

opt::problem tiny_problem() {
    opt::problem p;
    std::vector<double> per_minute = asim_test::constant(60, 3000);
    asim_test::then(per_minute, 60, 30000);
    p.scenarios.push_back(asim_test::scaling_scenario(per_minute, 2, 3000));
    p.scenarios[0].record_timeline = false;
    p.space.add(opt::dimension::choice("min_capacity", {1, 2}))
        .add(opt::dimension::choice("target_value", {1000, 3000, 9000}));
    p.constraints = {opt::constraint::at_most("error_rate", 0.5)};
    return p;
}

} // namespace

TEST_CASE("summary.json holds every summary field and reloads to the same doubles") {
    std::vector<double> per_minute = asim_test::constant(30, 1000);
    asim_test::then(per_minute, 30, 40000);
    const auto r = asim::simulate(asim_test::scaling_scenario(per_minute, 1, 1000));
    temp_dir dir("summary");
    const auto path = dir.path / "summary.json";
    asim::io::write_summary_json(r.totals, path.string());

    const auto j = nlohmann::json::parse(slurp(path));
    REQUIRE(j.is_object());
    CHECK(j.size() == asim::summary_fields().size());
    for (const auto& f : asim::summary_fields()) {
        INFO(f);
        REQUIRE(j.contains(f));
        const double expected = asim::summary_value(r.totals, f);
        CHECK(j[f].get<double>() == expected); // exact, not approximate
    }
    CHECK(j["scale_out_count"].is_number_integer());
    CHECK(j["scaling_activities"].get<int>() == r.totals.scale_out_count + r.totals.scale_in_count);
    // Fields stay in summary_fields() order so that the file reads like the struct.
    CHECK(slurp(path).find("\"cost_usd\"") < slurp(path).find("\"duration_s\""));
}

TEST_CASE("summary.json writes NaN and infinity as null") {
    asim::summary s;
    s.cost_usd = 0.1 + 0.2; // not representable in short decimal form
    s.p99_latency_s = std::numeric_limits<double>::quiet_NaN();
    s.mean_latency_s = std::numeric_limits<double>::infinity();
    const auto j = nlohmann::json::parse(asim::io::format_summary_json(s));
    CHECK(j["p99_latency_s"].is_null());
    CHECK(j["mean_latency_s"].is_null());
    CHECK(j["cost_usd"].get<double>() == 0.1 + 0.2);
}

TEST_CASE("front.csv and evaluations.csv: header and one row per policy") {
    const auto p = tiny_problem();
    opt::search_options o;
    o.threads = 1;
    const auto res = opt::grid_search(p, o);
    REQUIRE(!res.front.empty());
    temp_dir dir("front");
    asim::io::write_front_csv(res, (dir.path / "front.csv").string());
    asim::io::write_evaluations_csv(res, (dir.path / "evaluations.csv").string());

    std::string expected_header = "index,min_capacity,target_value";
    for (const auto& o2 : res.objective_names) {
        expected_header += ",objective_" + o2;
    }
    expected_header += ",feasible,violation";
    for (const auto& f : asim::summary_fields()) {
        expected_header += "," + f;
    }
    const auto front = lines_of(slurp(dir.path / "front.csv"));
    REQUIRE(front.size() == res.front.size() + 1);
    CHECK(front[0] == expected_header);
    const auto evals = lines_of(slurp(dir.path / "evaluations.csv"));
    REQUIRE(evals.size() == res.evaluations.size() + 1);
    CHECK(evals[0] == expected_header);

    // Every number reads back as the same double.
    const std::size_t columns = split(expected_header).size();
    for (std::size_t i = 0; i < res.front.size(); ++i) {
        const auto row = split(front[i + 1]);
        REQUIRE(row.size() == columns);
        const auto& e = res.front[i];
        CHECK(std::stoull(row[0]) == e.index);
        CHECK(std::stod(row[1]) == e.parameters[0]);
        CHECK(std::stod(row[2]) == e.parameters[1]);
        CHECK(std::stod(row[3]) == e.objectives[0]);
        CHECK(std::stod(row[4]) == e.objectives[1]);
        CHECK(row[5] == "1");
        CHECK(std::stod(row[7]) == e.field("cost_usd"));
    }
}

TEST_CASE("search summary JSON: figures and the recommended policy") {
    const auto p = tiny_problem();
    opt::search_options o;
    o.threads = 1;
    const auto res = opt::grid_search(p, o);
    const auto best = res.best();
    REQUIRE(best.has_value());
    const auto j = nlohmann::json::parse(asim::io::format_search_summary_json(res, best));
    CHECK(j["evaluated"].get<std::size_t>() == res.evaluated);
    CHECK(j["feasible"].get<std::size_t>() == res.feasible);
    CHECK(j["front_size"].get<std::size_t>() == res.front.size());
    CHECK(j["hypervolume"].get<double>() == res.hypervolume);
    CHECK(j["reference_point"].get<std::vector<double>>() == res.reference_point);
    CHECK(j["stop_reason"].get<std::string>() == res.stop_reason_words());
    CHECK(j["recommended"]["parameters"]["target_value"].get<double>() == best->parameters[1]);
    CHECK(j["recommended"]["summary"]["cost_usd"].get<double>() == best->field("cost_usd"));
    const auto none = nlohmann::json::parse(asim::io::format_search_summary_json(res, {}));
    CHECK(none["recommended"].is_null());
}

TEST_CASE("atomic writes replace the whole file and a failed write leaves nothing") {
    temp_dir dir("atomic");
    const auto path = dir.path / "out.txt";
    asim::io::write_text_file_atomic(path.string(), "first\n");
    asim::io::write_text_file_atomic(path.string(), "second\n");
    CHECK(slurp(path) == "second\n");

    // The directory does not exist: no file appears.
    const auto missing = dir.path / "no_such_dir" / "summary.json";
    CHECK_THROWS_AS(asim::io::write_summary_json(asim::summary{}, missing.string()),
                    asim::io_error);
    CHECK_FALSE(fs::exists(missing));

    // The final path is a non-empty directory: the rename fails, the temporary file is removed
    // and the directory is untouched.
    const auto blocked = dir.path / "timeline.csv";
    fs::create_directories(blocked / "inside");
    CHECK_THROWS_AS(asim::io::write_timeline_csv(asim::timeline{}, blocked.string()),
                    asim::io_error);
    CHECK(fs::is_directory(blocked / "inside"));
    std::size_t entries = 0;
    for ([[maybe_unused]] const auto& e : fs::directory_iterator(dir.path)) {
        ++entries;
    }
    CHECK(entries == 2); // out.txt and the blocking directory: no temporary file left
}
