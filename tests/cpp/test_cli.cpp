// The `autoscalesim` command driven in-process: exit codes, help, trace-stats against figures
// computed here from the CSV, and the output folder's safety rules.
#include "cli_run.hpp"
#include "commands.hpp"
#include "html_report.hpp"
#include "output_dir.hpp"
#include "run_cli.hpp"
#include "temp_dir.hpp"

#include <autoscalesim/autoscalesim.hpp>
#include <autoscalesim/errors.hpp>
#include <autoscalesim/io/aws_policy.hpp>
#include <autoscalesim/io/csv_trace.hpp>
#include <autoscalesim/io/scenario_file.hpp>
#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <limits>
#include <sstream>
#include <string>
#include <vector>

namespace fs = std::filesystem;
namespace cli = autoscalesim::cli;

namespace {

using namespace asim_test; // run, contains, entries, slurp, write_file (cli_run.hpp)

const std::string nasa_csv =
    std::string(ASIM_SOURCE_DIR) + "/traces/nasa_http_1995_07_per_minute.csv";

using asim_test::temp_dir;

std::string first_line(const fs::path& p) {
    std::ifstream in(p);
    std::string line;
    std::getline(in, line);
    return line;
}

std::size_t line_count(const fs::path& p) {
    std::ifstream in(p);
    std::size_t n = 0;
    for (std::string line; std::getline(in, line);) {
        ++n;
    }
    return n;
}

const std::string scenarios_dir = std::string(ASIM_SOURCE_DIR) + "/examples/scenarios/";

// The demo's endpoint and policy on the first `minutes` of the NASA trace, as a scenario file in
// dir (small enough to run many times under the sanitizers).
fs::path small_scenario(const fs::path& dir, int minutes, const std::string& extra = "") {
    std::ifstream in(nasa_csv);
    std::string text, line;
    for (int i = 0; i <= minutes && std::getline(in, line); ++i) {
        text += line + "\n";
    }
    write_file(dir / "small.csv", text);
    const fs::path sc = dir / "small.json";
    write_file(sc, R"({
  "version": 1,
  "trace": {"file": "small.csv"},
  "endpoint": {
    "instance_type": {"name": "ml.g4dn.xlarge", "price_per_hour": 0.736, "workers": 1,
                      "service_time_s": 1.0, "service_cv": 0.5},
    "initial_capacity": 2,
    "startup": {"kind": "lognormal", "median_s": 381, "sigma": 0.2}
  },
  "scaling": {"min_capacity": 1, "max_capacity": 20,
              "policies": [{"type": "target_tracking", "target_value": 30}]},
  "slo": {"latency_s": 5.0, "target": 0.99},
  "seed": 42)" + extra +
                       "\n}\n");
    return sc;
}

// No folder next to dir/name other than those listed (no DIR, no DIR.tmp-<pid>, no DIR.old-...).
bool no_sibling_of(const fs::path& dir, const std::string& name) {
    for (const auto& e : entries(dir)) {
        if (e.rfind(name, 0) == 0) {
            return false;
        }
    }
    return true;
}

// The number after `label ` on the report line starting with `line`.
double figure(const std::string& report, const std::string& line, const std::string& label) {
    std::istringstream in(report);
    for (std::string l; std::getline(in, l);) {
        if (l.rfind(line, 0) != 0) {
            continue;
        }
        const auto at = l.find(label + " ");
        REQUIRE_MESSAGE(at != std::string::npos, "no '" << label << "' in: " << l);
        return std::stod(l.substr(at + label.size() + 1));
    }
    FAIL("no line starting with " << line);
    return 0;
}

} // namespace

TEST_CASE("help and version") {
    const auto top = run({"--help"});
    CHECK(top.code == 0);
    CHECK(contains(top.out, "usage: autoscalesim <command>"));
    CHECK(contains(top.out, "example:"));
    CHECK(contains(top.out, "exit codes:"));
    CHECK(contains(top.out, "130"));
    CHECK(run({"-h"}).out == top.out);
    for (const std::string cmd : {"simulate", "optimize", "trace-stats", "calibrate"}) {
        INFO(cmd);
        const auto h = run({cmd, "--help"});
        CHECK(h.code == 0);
        CHECK(contains(h.out, "usage: autoscalesim " + cmd));
        CHECK(contains(h.out, "example:\n  autoscalesim " + cmd));
        CHECK(contains(h.out, "exit codes:"));
        CHECK(run({cmd, "-h"}).out == h.out);
    }
    const auto v = run({"--version"});
    CHECK(v.code == 0);
    CHECK(v.out.rfind("autoscalesim ", 0) == 0);
    // an operand after --version is a usage error, not ignored
    const auto extra = run({"--version", "extra"});
    CHECK(extra.code == cli::exit_usage);
    CHECK(contains(extra.err, "--version takes nothing after it, got \"extra\""));
}

TEST_CASE("usage errors exit with 2 and point at the help") {
    const std::vector<std::vector<std::string>> cases = {
        {},
        {"frobnicate"},
        {"simulate"},
        {"simulate", "s.json"},
        {"simulate", "s.json", "--out"},
        {"simulate", "s.json", "--out", "x", "--bogus"},
        {"simulate", "s.json", "--out", "x", "--seed", "abc"},
        {"simulate", "s.json", "--out", "x", "--force=yes"},
        {"optimize", "s.json", "--out", "x", "--threads", "-1"},
        {"optimize", "s.json", "--out", "x", "--max-seconds", "soon"},
        {"trace-stats"},
        {"trace-stats", nasa_csv, "--format", "xml"},
        {"trace-stats", "a.csv", "b.csv"},
        {"simulate", "s.json", "--out", "x", "--trace-format", "xml"},
    };
    for (const auto& args : cases) {
        std::string joined;
        for (const auto& a : args) {
            joined += a + " ";
        }
        INFO(joined);
        const auto r = run(args);
        CHECK(r.code == cli::exit_usage);
        CHECK(r.out.empty());
        CHECK(r.err.rfind("autoscalesim: error: ", 0) == 0);
        CHECK(contains(r.err, "--help"));
    }
}

TEST_CASE("number options: the value, the fallback, or a usage error naming what is expected") {
    cli::parsed_args a;
    a.values = {{"--half", "0.5"},  {"--zero", "0"},   {"--one", "1"},     {"--neg", "-1"},
                {"--nan", "nan"},   {"--inf", "inf"},  {"--word", "1.5x"}, {"--empty", ""},
                {"--huge", "1e18"}, {"--most", "1e12"}};
    CHECK(a.seconds_value("--half", 7) == 0.5);
    CHECK(a.seconds_value("--zero", 7) == 0);
    CHECK(a.seconds_value("--absent", 7) == 7);
    CHECK(a.positive_value("--half", 7) == 0.5);
    CHECK(a.positive_value("--absent", 7) == 7);
    CHECK(a.number_in("--one", 7, 0, 1) == 1);
    CHECK(a.number_in("--zero", 7, 0, 1, /*high_open=*/true) == 0);
    CHECK(a.number_in("--absent", 7, 0, 1) == 7);
    const auto refused = [](auto read) -> std::string {
        try {
            read();
        } catch (const cli::usage_error& e) {
            return e.what();
        }
        return "accepted";
    };
    const auto seconds = [&](const char* name) {
        return refused([&] { a.seconds_value(name, 0); });
    };
    const auto positive = [&](const char* name) {
        return refused([&] { a.positive_value(name, 1); });
    };
    CHECK(seconds("--neg") == "--neg: expected a number of seconds in [0, 1e12], got \"-1\"");
    CHECK(seconds("--inf") == "--inf: expected a number of seconds in [0, 1e12], got \"inf\"");
    CHECK(seconds("--word") == "--word: expected a number of seconds in [0, 1e12], got \"1.5x\"");
    CHECK(seconds("--empty") == "--empty: expected a number of seconds in [0, 1e12], got \"\"");
    // 1e18 s is 1e21 ms, past what a 64-bit count of milliseconds holds
    CHECK(seconds("--huge") == "--huge: expected a number of seconds in [0, 1e12], got \"1e18\"");
    CHECK(a.seconds_value("--most", 7) == 1e12);
    CHECK(positive("--zero") == "--zero: expected a finite number > 0, got \"0\"");
    CHECK(positive("--neg") == "--neg: expected a finite number > 0, got \"-1\"");
    CHECK(positive("--nan") == "--nan: expected a finite number > 0, got \"nan\"");
    CHECK(refused([&] { a.number_in("--one", 0, 0, 1, /*high_open=*/true); }) ==
          "--one: expected a number in [0, 1), got \"1\"");
    CHECK(refused([&] { a.number_in("--neg", 0, 0, 10); }) ==
          "--neg: expected a number in [0, 10], got \"-1\"");
    CHECK(refused([&] { a.number_in("--nan", 0, 0, 0.25); }) ==
          "--nan: expected a number in [0, 0.25], got \"nan\"");
    // a whole number past 64 bits: the bound is said (">= 0" held for the value given)
    a.values["--seed"] = "99999999999999999999999";
    CHECK(refused([&] { a.unsigned_value("--seed", 1); }) ==
          "--seed: expected a whole number in [0, 18446744073709551615], got "
          "\"99999999999999999999999\"");
}

TEST_CASE("--max-gap-ratio is a ratio: its error says so, not seconds") {
    const auto r = run({"trace-stats",
                        std::string(ASIM_SOURCE_DIR) + "/traces/nasa_http_1995_07_per_minute.csv",
                        "--max-gap-ratio", "-1"});
    CHECK(r.code == cli::exit_usage);
    CHECK(r.err == "autoscalesim: error: --max-gap-ratio: expected a number in [0, 1e+12], got "
                   "\"-1\"\nTry 'autoscalesim trace-stats --help'.\n");
}

TEST_CASE("--interval-s names its own range, for every bad value") {
    // A NaN or a value past 1e12 was refused as "seconds in [0, 1e12]", not the [1, 3600] that
    // --interval-s takes.
    temp_dir dir("interval_range");
    const fs::path log = dir.path / "a.log";
    std::ofstream(log) << "1.5\n2.25\n3\n";
    for (const char* v : {"nan", "1e13", "5000", "0.5"}) {
        const auto r =
            run({"trace-stats", log.string(), "--format", "access_log", "--interval-s", v});
        CAPTURE(v);
        CHECK(r.code == cli::exit_usage);
        CHECK(r.err.find("--interval-s: expected a number in [1, 3600], got \"" + std::string(v) +
                         "\"") != std::string::npos);
    }
}

TEST_CASE("an empty file or folder option is a usage error, not the scenario's own") {
    // `--trace "$TRACE"` with TRACE unset ran the scenario's own trace, `--policy-from ""` its
    // own policies and `--report ""` wrote no report, each without a word.
    temp_dir dir("empty_file_options");
    const fs::path sc = small_scenario(dir.path, 30);
    const std::string out = (dir.path / "out").string();
    const std::vector<std::pair<std::vector<std::string>, std::string>> cases = {
        {{"simulate", sc.string(), "--out", out, "--trace", ""}, "--trace: expected a file name"},
        {{"simulate", sc.string(), "--out", out, "--trace="}, "--trace: expected a file name"},
        {{"simulate", sc.string(), "--out", out, "--policy-from", ""}, "--policy-from"},
        {{"simulate", sc.string(), "--out", out, "--policy-from", ","},
         "--policy-from: expected file names (FILE[,FILE...]), got \",\""},
        {{"simulate", sc.string(), "--out", out, "--report", ""}, "--report"},
        {{"simulate", sc.string(), "--out="}, "--out: expected a folder name, got \"\""},
        {{"optimize", sc.string(), "--out", out, "--trace", ""}, "--trace"},
        {{"compare", sc.string(), "--out", ""}, "--out: expected a folder name"},
        {{"compare", sc.string(), "--trace", ""}, "--trace: expected a file name"},
        {{"recommend", nasa_csv, "--instance-type", "ml.c5.xlarge", "--p99", "1", "--service-time",
          "0.1", "--policy-from", ","},
         "--policy-from"},
        {{"calibrate", nasa_csv, "--activities", ",", "--policy-from", "p.json"}, "--activities"},
        {{"calibrate", nasa_csv, "--activities", "a.json", "--policy-from", "p.json", "--latency",
          ","},
         "--latency"},
    };
    for (const auto& [args, words] : cases) {
        std::string joined;
        for (const auto& a : args) {
            joined += a + " ";
        }
        INFO(joined);
        const auto r = run(args);
        CHECK(r.code == cli::exit_usage);
        CHECK(contains(r.err, words));
        CHECK(contains(r.err, "--help"));
        CHECK(r.out.empty());
    }
    CHECK_FALSE(fs::exists(out));
    // an option that does not name a file may still be empty: --resource-id "" is "any"
    const auto ok = run({"simulate", sc.string(), "--out", out, "--resource-id", "", "--quiet"});
    INFO(ok.err);
    CHECK(ok.code == cli::exit_ok);
}

TEST_CASE("bad input exits with 1 and names the file and line") {
    temp_dir dir("bad_input");
    const auto missing = run({"trace-stats", (dir.path / "nope.csv").string()});
    CHECK(missing.code == cli::exit_bad_input);
    CHECK(contains(missing.err, "nope.csv"));

    // a device would be read for ever (JSON is read whole): refused by name
    for (const char* format : {"cloudwatch", "csv", "json"}) {
        const auto dev = run({"trace-stats", "/dev/zero", "--format", format});
        CHECK(dev.code == cli::exit_bad_input);
        CHECK(contains(dev.err, "/dev/zero: is a device, not a file"));
    }

    const auto bad = dir.path / "backwards.csv";
    write_file(bad, "timestamp,requests\n1995-07-01T04:01:00Z,5\n1995-07-01T04:00:00Z,6\n");
    const auto r = run({"trace-stats", bad.string()});
    CHECK(r.code == cli::exit_bad_input);
    CHECK(r.err.rfind("autoscalesim: error: ", 0) == 0);
    CHECK(contains(r.err, "backwards.csv:3"));
}

TEST_CASE("trace-stats figures match the ones computed here from the CSV") {
    // Independent reading: every row after the header is `timestamp,count`, one minute apart.
    std::ifstream in(nasa_csv);
    std::string line;
    std::getline(in, line);
    std::vector<double> counts;
    std::string first_time;
    while (std::getline(in, line)) {
        if (line.empty() || line[0] == '#') {
            continue;
        }
        const auto comma = line.find(',');
        if (first_time.empty()) {
            first_time = line.substr(0, comma);
        }
        counts.push_back(std::stod(line.substr(comma + 1)));
    }
    REQUIRE(counts.size() > 1000);
    double total = 0, peak = 0;
    for (double c : counts) {
        total += c;
        peak = std::max(peak, c);
    }
    const double mean = total / static_cast<double>(counts.size());
    std::vector<double> sorted = counts;
    std::sort(sorted.begin(), sorted.end());
    auto percentile = [&](double p) {
        const double pos = p / 100 * static_cast<double>(sorted.size() - 1);
        const auto lo = static_cast<std::size_t>(std::floor(pos));
        const auto hi = std::min(lo + 1, sorted.size() - 1);
        return sorted[lo] + (pos - static_cast<double>(lo)) * (sorted[hi] - sorted[lo]);
    };

    const auto r = run({"trace-stats", nasa_csv});
    REQUIRE(r.code == 0);
    CHECK(r.err.empty());
    CHECK(contains(r.out, "interval        60 s\n"));
    CHECK(contains(r.out, "start           " + first_time));
    CHECK(contains(r.out, "length          " + std::to_string(counts.size()) + " intervals"));
    const auto near = [](double v) { return doctest::Approx(v).epsilon(1e-5); };
    CHECK(figure(r.out, "requests", "requests") == near(total));
    CHECK(figure(r.out, "rate", "mean") == near(mean / 60));
    CHECK(figure(r.out, "rate", "peak") == near(peak / 60));
    CHECK(figure(r.out, "rate", "peak-to-mean") == doctest::Approx(peak / mean).epsilon(1e-3));
    CHECK(figure(r.out, "per interval", "mean") == near(mean));
    CHECK(figure(r.out, "per interval", "p50") == near(percentile(50)));
    CHECK(figure(r.out, "per interval", "p95") == near(percentile(95)));
    CHECK(figure(r.out, "per interval", "p99") == near(percentile(99)));
    CHECK(figure(r.out, "per interval", "peak") == near(peak));

    // --format names the reader explicitly; a JSON trace written from the CSV gives the same.
    const auto explicit_format = run({"trace-stats", nasa_csv, "--format", "csv"});
    CHECK(explicit_format.out == r.out);
}

TEST_CASE("trace-stats lists an export's pages, an empty one as such") {
    temp_dir dir("pages");
    const auto path = dir.path / "pages.json";
    write_file(path, R"({"Label": "Invocations", "Datapoints": [
        {"Timestamp": "2024-05-01T10:00:00Z", "Sum": 5},
        {"Timestamp": "2024-05-01T10:01:00Z", "Sum": 6}]}
{"Label": "Invocations", "Datapoints": []}
)");
    const auto r = run({"trace-stats", path.string()});
    INFO(r.err);
    REQUIRE(r.code == 0);
    // (it said "(one datapoint) x 0" of the empty page)
    CHECK(contains(r.out, "periods         " + path.string() + ": document 1 (line 1) 60 s x 2, " +
                              path.string() + ": document 2 (line 4) (no datapoint)\n"));
}

TEST_CASE("trace-stats --delimiter reads a CSV of another separator, tabs included") {
    temp_dir dir("delimiter");
    write_file(dir.path / "semi.csv", "time;n\n0;5\n60;6\n120;7\n");
    write_file(dir.path / "tabs.csv", "time\tn\n0\t5\n60\t6\n120\t7\n");
    const auto semi = run({"trace-stats", (dir.path / "semi.csv").string(), "--delimiter", ";"});
    INFO(semi.err);
    CHECK(semi.code == 0);
    CHECK(contains(semi.out, "requests        18\n"));
    const auto tabs = run({"trace-stats", (dir.path / "tabs.csv").string(), "--delimiter", "\\t"});
    CHECK(tabs.code == 0);
    CHECK(contains(tabs.out, "requests        18\n"));
    const auto two = run({"trace-stats", (dir.path / "semi.csv").string(), "--delimiter", ";;"});
    CHECK(two.code == cli::exit_usage);
    CHECK(contains(two.err, "--delimiter: expected one character (\\t for a tab), got \";;\""));
    // a CSV option on a CloudWatch export is refused, not ignored
    write_file(dir.path / "cw.json", R"({"Label": "Invocations", "Datapoints": []})");
    CHECK(run({"trace-stats", (dir.path / "cw.json").string(), "--delimiter", ";"}).code ==
          cli::exit_usage);
}

TEST_CASE("a CSV's filled gaps are said, by trace-stats and simulate, as an export's are") {
    // Rows at 0, 60, 240 and 300 s: two missing minutes (120 and 180 s) of six, read as zero.
    temp_dir dir("csv_gaps");
    write_file(dir.path / "g.csv", "time,n\n0,5\n60,6\n240,7\n300,8\n");
    const auto stats =
        run({"trace-stats", (dir.path / "g.csv").string(), "--gaps", "zero", "--format", "csv"});
    INFO(stats.err);
    REQUIRE(stats.code == 0);
    CHECK(contains(stats.out,
                   "gaps            2 intervals without a row read as zero traffic (33 % of the "
                   "trace); longest run 2 (00:02:00) from 120 s\n"));
    write_file(dir.path / "s.json",
               R"({"version": 1, "trace": {"file": "g.csv", "gaps": "zero"}})");
    const auto sim =
        run({"simulate", (dir.path / "s.json").string(), "--out", (dir.path / "out").string()});
    REQUIRE(sim.code == 0);
    CHECK(contains(sim.out, "trace.gaps: 2 intervals without a row read as zero traffic"));
    // none filled: nothing said
    write_file(dir.path / "full.csv", "time,n\n0,5\n60,6\n");
    CHECK(!contains(
        run({"trace-stats", (dir.path / "full.csv").string(), "--gaps", "zero", "--format", "csv"})
            .out,
        "gaps:"));
}

TEST_CASE("trace-stats reads real CloudWatch exports: gaps filled and counted, periods named") {
    temp_dir dir("cw_stats");
    const std::string gap =
        std::string(ASIM_SOURCE_DIR) + "/tests/data/cloudwatch/statistics_gap.json";
    // CloudWatch writes no datapoint for a minute without invocations: zero by default, and said
    const auto r = run({"trace-stats", gap});
    REQUIRE(r.code == 0);
    CHECK(contains(r.out, "window          first 2024-05-01T10:00:00Z, last 2024-05-01T10:04:00Z"));
    CHECK(contains(r.out, "requests        15\n"));
    CHECK(contains(r.out, "gaps            2 periods without a datapoint read as zero traffic "
                          "(40 % of the trace); longest run 2 (00:02:00) from "
                          "2024-05-01T10:01:00Z"));
    // --gaps error restores the strict reading; --max-gap-s refuses a long gap
    CHECK(run({"trace-stats", gap, "--gaps", "error"}).code == cli::exit_bad_input);
    const auto limited = run({"trace-stats", gap, "--max-gap-s", "60"});
    CHECK(limited.code == cli::exit_bad_input);
    CHECK(contains(limited.err, "no datapoint for 120 s"));
    const auto sometimes = run({"trace-stats", gap, "--gaps", "sometimes"});
    CHECK(sometimes.code == cli::exit_usage);
    CHECK(contains(sometimes.err, "--gaps: expected one of \"error\", \"zero\", \"hold\" or "
                                  "\"interpolate\", got \"sometimes\""));

    // a month in two parts: refused by name, or spread on request
    const auto older = dir.path / "older.json";
    const auto recent = dir.path / "recent.json";
    write_file(older, R"({"Datapoints": [{"Timestamp": "2024-05-01T10:00:00Z", "Sum": 300},
        {"Timestamp": "2024-05-01T10:05:00Z", "Sum": 150}]})");
    write_file(recent, R"({"Datapoints": [{"Timestamp": "2024-05-01T10:10:00Z", "Sum": 7},
        {"Timestamp": "2024-05-01T10:11:00Z", "Sum": 8}]})");
    const auto mixed = run({"trace-stats", older.string(), recent.string()});
    CHECK(mixed.code == cli::exit_bad_input);
    CHECK(contains(mixed.err, "mixes periods: " + older.string() + " (300 s), " + recent.string() +
                                  " (60 s)"));
    const auto spread =
        run({"trace-stats", older.string(), recent.string(), "--mixed-periods", "spread"});
    REQUIRE(spread.code == 0);
    CHECK(contains(spread.out, "requests        465\n"));
    CHECK(contains(spread.out, "length          12 intervals"));
    CHECK(contains(spread.out, "per interval    mean 38.75, p50 30, p95 60, p99 60, peak 60\n"));
    CHECK(contains(spread.out, "spread          coarser datapoints split evenly over 60 s"));
}

TEST_CASE("trace-stats refuses another metric's export and a result not Complete, by file") {
    temp_dir dir("cw_wrong");
    // ModelLatency's Sum (microseconds) is no request count
    const auto latency = dir.path / "cw_modellatency_sum.json";
    write_file(latency, R"({"Label": "ModelLatency", "Datapoints": [
        {"Timestamp": "2024-05-01T10:00:00Z", "Sum": 4.0, "SampleCount": 2, "Unit": "Microseconds"},
        {"Timestamp": "2024-05-01T10:01:00Z", "Sum": 4.0, "SampleCount": 3, "Unit": "Microseconds"}]})");
    const auto r = run({"trace-stats", latency.string()});
    CHECK(r.code == cli::exit_bad_input);
    CHECK(contains(r.err, latency.string() + ": /Label: \"ModelLatency\": the export is of "
                                             "ModelLatency, not Invocations"));
    // --metric names the metric to read: its SampleCount counts the requests, its Sum does not
    const auto samples = run({"trace-stats", latency.string(), "--metric", "ModelLatency",
                              "--statistic", "SampleCount"});
    REQUIRE(samples.code == 0);
    CHECK(contains(samples.out, "requests        5\n"));
    const auto sum = run({"trace-stats", latency.string(), "--metric", "ModelLatency"});
    CHECK(sum.code == cli::exit_bad_input);
    CHECK(contains(sum.err, "/Datapoints/0/Unit: \"Microseconds\""));
    // get-metric-data with StatusCode Forbidden holds no data
    const auto forbidden = dir.path / "cw_forbidden.json";
    write_file(forbidden, R"({"MetricDataResults":[{"Id":"a","Label":"Invocations",
        "Timestamps":["2024-05-01T10:05:00Z","2024-05-01T10:04:00Z"],"Values":[1,2.0],
        "StatusCode":"Forbidden"}]})");
    const auto f = run({"trace-stats", forbidden.string()});
    CHECK(f.code == cli::exit_bad_input);
    CHECK(contains(f.err, forbidden.string() + ": /MetricDataResults/0/StatusCode: "
                                               "\"Forbidden\": CloudWatch refused to return the "
                                               "result of Id \"a\""));
    // --metric is a CloudWatch option
    CHECK(run({"trace-stats", nasa_csv, "--metric", "Invocations"}).code == cli::exit_usage);
}

// A week of the NASA trace as CloudWatch exports it: get-metric-statistics Sum per minute, no
// datapoint for a minute without a request.
fs::path nasa_week_export(const fs::path& dir) {
    const auto t = autoscalesim::io::read_csv_trace(nasa_csv).slice(0, 7 * 1440);
    nlohmann::json points = nlohmann::json::array();
    for (std::size_t i = 0; i < t.size(); ++i) {
        if (t.counts()[i] > 0) {
            const auto ms = t.start_epoch_ms() + static_cast<std::int64_t>(i) * t.interval_ms();
            points.push_back({{"Timestamp", autoscalesim::io::format_iso8601(ms)},
                              {"Sum", t.counts()[i]},
                              {"Unit", "None"}});
        }
    }
    const auto path = dir / "invocations.json";
    write_file(path, nlohmann::json{{"Label", "Invocations"}, {"Datapoints", points}}.dump());
    return path;
}

TEST_CASE("recommend: a CloudWatch export to a policy, checked, re-runnable and applied by AWS") {
    temp_dir dir("recommend");
    const auto export_path = nasa_week_export(dir.path);
    const auto out = dir.path / "rec";
    const std::vector<std::string> args = {"recommend",
                                           export_path.string(),
                                           "--instance-type",
                                           "ml.g4dn.xlarge",
                                           "--p99",
                                           "5",
                                           "--service-time",
                                           "1",
                                           "--service-cv",
                                           "0.5",
                                           "--startup-s",
                                           "381",
                                           "--initial-capacity",
                                           "2",
                                           "--out",
                                           out.string()};
    const auto r = run(args);
    INFO(r.err);
    REQUIRE(r.code == 0);
    // the window, the gaps read as zero, the split, the catalogue's price
    CHECK(contains(r.out, "first 1995-07-01T04:00:00Z, last 1995-07-08T03:59:00Z (7 days)"));
    CHECK(contains(r.out, "periods without a datapoint read as zero traffic"));
    CHECK(contains(r.out, "tuned on the first 5.25 days, checked on the last 1.75 days"));
    CHECK(contains(r.out, "ml.g4dn.xlarge at $0.736/h"));
    CHECK(contains(r.out, "recommended     MinCapacity "));
    CHECK(contains(r.out, "  rule of thumb  "));
    CHECK(contains(r.out, "(TargetValue = 1 req/s x 0.5 x 60)"));
    // the folder: scenario.json re-runs the recommended policy on the whole trace, bit for bit
    CHECK(entries(out) == std::vector<std::string>{cli::results_marker, "activities.csv", "aws",
                                                   "evaluations.csv", "front.csv", "pareto.svg",
                                                   "scenario.json", "search.json", "summary.json",
                                                   "timeline.csv", "timeline.svg", "trace.csv"});
    // the picture of the search: one point per policy evaluated, the star on the recommended one
    const auto search = nlohmann::json::parse(slurp(out / "search.json"));
    const std::string svg = slurp(out / "pareto.svg");
    const auto count = [&svg](const std::string& what) {
        std::size_t n = 0;
        for (auto at = svg.find(what); at != std::string::npos; at = svg.find(what, at + 1)) {
            ++n;
        }
        return n;
    };
    // (those whose p99 is beyond the axis, 4 times the target, are triangles on its top edge,
    // counted in the legend; the legend's symbols are of class 'key')
    const std::size_t above = count("<polygon fill='#888' stroke='#666' stroke-width='0.5'") +
                              count("<polygon fill='#ddd' stroke='#666' stroke-width='0.5'");
    CHECK(count("<circle cx") + above == search["evaluated"].get<std::size_t>());
    CHECK(count("<circle class='key'") == 2);
    CHECK(count("<polygon class='key'") == 2); // the star and the triangle
    CHECK(above > 0);
    CHECK(contains(svg, cli::strprintf("%zu above the axis (top edge; up to", above)));
    CHECK(contains(svg, "<polygon fill='#d62728'"));
    CHECK(contains(slurp(out / "timeline.svg"), "<polyline"));
    const auto again = dir.path / "again";
    REQUIRE(run({"simulate", (out / "scenario.json").string(), "--out", again.string()}).code == 0);
    CHECK(slurp(again / "summary.json") == slurp(out / "summary.json"));
    CHECK(slurp(again / "timeline.csv") == slurp(out / "timeline.csv"));
    // aws/: the AWS CLI input reads back as the same policy, the deployed one next time
    CHECK(entries(out / "aws") ==
          std::vector<std::string>{"apply.sh", "put-scaling-policy-invocations-target.json",
                                   "register-scalable-target.json"});
    const std::string policy_files =
        (out / "aws" / "register-scalable-target.json").string() + "," +
        (out / "aws" / "put-scaling-policy-invocations-target.json").string();
    auto with_current = args;
    with_current.back() = (dir.path / "rec2").string();
    with_current.insert(with_current.end(), {"--policy-from", policy_files});
    const auto second = run(with_current);
    REQUIRE(second.code == 0);
    const auto line = [](const std::string& report, const std::string& label) {
        const auto at = report.find("\n" + label);
        return at == std::string::npos
                   ? std::string()
                   : report.substr(at + 1 + 16, report.find('\n', at + 1) - at - 1 - 16);
    };
    CHECK(!line(second.out, "current").empty());
    CHECK(line(second.out, "current") == line(r.out, "recommended"));
    // simulate --policy-from: the scenario's endpoint and trace with the deployed policy
    const auto replay = run({"simulate", (out / "scenario.json").string(), "--policy-from",
                             policy_files, "--out", (dir.path / "replay").string()});
    REQUIRE(replay.code == 0);
    CHECK(slurp(dir.path / "replay" / "summary.json") == slurp(out / "summary.json"));
    // same inputs, same report, whatever the thread count
    auto one_thread = args;
    one_thread.back() = (dir.path / "rec1").string();
    one_thread.insert(one_thread.end(), {"--threads", "1"});
    CHECK(run(one_thread).out == r.out);
    // --slice-fraction: the search's first stage on the tuning part's busiest quarter, 1.5 x
    // the budget of 200 there (at most 150), counted in the report and search.json; a space
    // larger than the budget (the one derived here is complete at 200)
    CHECK(!contains(r.out, "busiest slice"));
    auto sliced = args;
    sliced.back() = (dir.path / "rec_slice").string();
    sliced.insert(sliced.end(), {"--slice-fraction", "0.25", "--min-capacity", "1-4",
                                 "--target-value", "5:60:0.5"});
    const auto s = run(sliced);
    INFO(s.err);
    REQUIRE(s.code == 0);
    INFO(s.out);
    CHECK(contains(s.out, "search          200 policies evaluated"));
    CHECK(contains(s.out, "                after 150 on the tuning part's busiest slice "
                          "(--slice-fraction 0.25)"));
    CHECK(nlohmann::json::parse(slurp(dir.path / "rec_slice" / "search.json"))["slice_evaluated"]
              .get<std::size_t>() == 150);
}

namespace {

// What an endpoint leaves behind, written in AWS's formats: two days of NASA traffic x 10 through
// a request-mode endpoint (start-up lognormal 420 s, service 0.8 s, 3 workers, delay 90 s) run by
// TargetValue `ran`; the policy files say TargetValue `said`. Epoch seconds as AWS CLI v1 prints.
struct history_files {
    std::string invocations, activities, latency, utilization, policy;
};

history_files write_history(const fs::path& dir, double ran, double said) {
    namespace asim = autoscalesim;
    const asim::time_ms start_ms = 1714521600000; // 2024-05-01T00:00:00Z
    const auto nasa = asim::io::read_csv_trace(nasa_csv);
    asim::scenario sc;
    sc.traffic =
        asim::trace(nasa.slice(0, 2 * 1440).scaled(10).counts(), asim::ms_per_minute, start_ms);
    sc.mode = asim::plane_mode::request;
    sc.endpoint.type = {.name = "ml.g4dn.xlarge",
                        .price_per_hour = 0.736,
                        .workers = 3,
                        .service_time_s = 0.8,
                        .service_cv = 0.7};
    sc.endpoint.initial_capacity = 2;
    sc.endpoint.startup = asim::startup_distribution::lognormal(420, 0.25);
    sc.scaling.min_capacity = 2;
    sc.scaling.max_capacity = 40;
    asim::target_tracking_config tt;
    tt.name = "invocations-target";
    tt.target_value = ran;
    tt.publish_delay_s = 90;
    sc.scaling.target_tracking.push_back(tt);
    const auto r = asim::simulate(sc);
    const auto epoch_s = [&](asim::time_ms t) {
        return static_cast<double>(start_ms + t) / 1000.0;
    };
    nlohmann::json inv, lat, gpu, acts;
    inv["Label"] = "Invocations";
    lat["Label"] = "ModelLatency";
    gpu["Label"] = "GPUUtilization";
    for (std::size_t k = 0; k < r.steps.size(); ++k) {
        const double t = epoch_s(r.steps.time_ms_col[k]);
        inv["Datapoints"].push_back({{"Timestamp", t}, {"Sum", r.steps.arrivals[k]}});
        gpu["Datapoints"].push_back({{"Timestamp", t}, {"Average", r.steps.utilization[k] * 100}});
        if (std::isfinite(r.steps.mean_latency_s[k])) {
            lat["Datapoints"].push_back(
                {{"Timestamp", t}, {"Average", r.steps.mean_latency_s[k] * 1e6}});
        }
    }
    acts["ScalingActivities"] = nlohmann::json::array();
    for (std::size_t i = 0; i < r.activities.size(); ++i) {
        const auto& a = r.activities[i];
        acts["ScalingActivities"].push_back(
            {{"ActivityId", "act-" + std::to_string(i)},
             {"ServiceNamespace", "sagemaker"},
             {"ResourceId", "endpoint/e/variant/AllTraffic"},
             {"ScalableDimension", "sagemaker:variant:DesiredInstanceCount"},
             {"Description", "Setting desired instance count to " + std::to_string(a.to) + "."},
             {"Cause", a.cause},
             {"StartTime", epoch_s(a.start_ms)},
             {"EndTime", epoch_s(a.end_ms)},
             {"StatusCode", "Successful"}});
    }
    history_files f{(dir / "invocations.json").string(), (dir / "activities.json").string(),
                    (dir / "latency.json").string(), (dir / "gpu.json").string(), ""};
    write_file(f.invocations, inv.dump());
    write_file(f.utilization, gpu.dump());
    write_file(f.latency, lat.dump());
    write_file(f.activities, acts.dump(2));
    sc.scaling.target_tracking.front().target_value = said;
    for (const auto& file : asim::io::aws_cli_inputs(sc.scaling, "endpoint/e/variant/AllTraffic")) {
        if (file.name == "apply.sh") continue;
        write_file(dir / file.name, file.text);
        f.policy += (f.policy.empty() ? "" : ",") + (dir / file.name).string();
    }
    return f;
}

} // namespace

TEST_CASE("calibrate: AWS exports in, the replay's error before and after, a calibrated scenario") {
    temp_dir dir("calibrate");
    const auto f = write_history(dir.path, 120, 120);
    const auto out = dir.path / "cal";
    const auto report = dir.path / "cal.html";
    const std::vector<std::string> args = {
        "calibrate",     f.invocations, "--activities",    f.activities,
        "--policy-from", f.policy,      "--latency",       f.latency,
        "--utilization", f.utilization, "--instance-type", "ml.g4dn.xlarge",
        "--startup-s",   "300",         "--service-time",  "1",
        "--out",         out.string(),  "--report",        report.string()};
    const auto r = run(args);
    INFO(r.out);
    INFO(r.err);
    REQUIRE(r.code == 0);
    CHECK(contains(r.out, "first 2024-05-01T00:00:00Z, last 2024-05-02T23:59:00Z (2 days)"));
    CHECK(contains(r.out, "activities of endpoint/e/variant/AllTraffic listed"));
    CHECK(contains(r.out, "fitted          start-up: lognormal, median "));
    CHECK(contains(r.out, "fitted          publish delay: 90 s (any delay in 60-120 s"));
    CHECK(entries(out) == std::vector<std::string>{
                              cli::results_marker, "calibration.json", "comparison.csv",
                              "comparison.svg", "observed_activities.csv", "replay_activities.csv",
                              "report.txt", "scenario.json", "trace.csv"});
    const auto j = nlohmann::json::parse(slurp(out / "calibration.json"));
    CHECK(j["service"]["workers"] == 3);
    CHECK(j["service"]["service_time_s"]["value"].get<double>() ==
          doctest::Approx(0.8).epsilon(0.06));
    CHECK(j["startup"]["median_s"]["value"].get<double>() == doctest::Approx(420).epsilon(0.1));
    CHECK(j["after"]["capacity_mean_abs_error"].get<double>() <
          j["before"]["capacity_mean_abs_error"].get<double>());
    CHECK(j["policy_mismatch"] == false);
    CHECK(line_count(out / "comparison.csv") == 2 * 1440 + 1);
    CHECK(contains(slurp(out / "comparison.svg"), "replay, calibrated"));
    CHECK(contains(slurp(report), "<svg"));
    // the calibrated scenario reads back with the fitted values and runs
    const auto sf = autoscalesim::io::read_scenario_file((out / "scenario.json").string());
    CHECK(sf.base.endpoint.type.workers == 3);
    CHECK(sf.base.scaling.target_tracking.front().publish_delay_s == 90);
    CHECK(
        run({"simulate", (out / "scenario.json").string(), "--out", (dir.path / "again").string()})
            .code == 0);

    // the history of TargetValue 60 against a policy that says 120: a mismatch, exit code 3
    temp_dir other("calibrate_mismatch");
    const auto g = write_history(other.path, 60, 120);
    const auto m = run({"calibrate", g.invocations, "--activities", g.activities, "--policy-from",
                        g.policy, "--latency", g.latency, "--service-time", "1"});
    CHECK(m.code == cli::exit_policy_mismatch);
    CHECK(contains(m.out, "the deployed policy probably differs from the one given"));
}

TEST_CASE("calibrate: usage and bad input name the option or the file") {
    temp_dir dir("calibrate_bad");
    const auto f = write_history(dir.path, 120, 120);
    const auto no_acts = run({"calibrate", f.invocations, "--policy-from", f.policy});
    CHECK(no_acts.code == cli::exit_usage);
    CHECK(contains(no_acts.err, "missing --activities FILE"));
    const auto no_policy = run({"calibrate", f.invocations, "--activities", f.activities});
    CHECK(no_policy.code == cli::exit_usage);
    CHECK(contains(no_policy.err, "missing --policy-from"));
    const auto bad = dir.path / "bad-activities.json";
    write_file(bad, R"({"ScalingActivities": [{"ActivityId": 7}]})");
    const auto r =
        run({"calibrate", f.invocations, "--activities", bad.string(), "--policy-from", f.policy});
    CHECK(r.code == cli::exit_bad_input);
    CHECK(contains(r.err, "bad-activities.json: /ScalingActivities/0"));
    // a latency export outside the trace's window
    const auto late = dir.path / "late.json";
    write_file(late, R"({"Datapoints": [{"Timestamp": "2030-01-01T00:00:00Z", "Average": 1}]})");
    const auto w = run({"calibrate", f.invocations, "--activities", f.activities, "--policy-from",
                        f.policy, "--latency", late.string()});
    CHECK(w.code == cli::exit_usage);
    CHECK(contains(w.err, "no datapoint of"));
    // one resample made a "90 % interval" of a single fit, which could exclude the estimate
    const auto one = run({"calibrate", f.invocations, "--activities", f.activities, "--policy-from",
                          f.policy, "--resamples", "1"});
    CHECK(one.code == cli::exit_usage);
    CHECK(contains(one.err, "--resamples: expected a whole number in [20, 100000], got \"1\""));
    const auto twenty = run({"calibrate", f.invocations, "--activities", f.activities,
                             "--policy-from", f.policy, "--resamples", "20", "--no-fit"});
    INFO(twenty.err);
    CHECK(twenty.code == cli::exit_ok);
}

TEST_CASE("recommend: usage and bad input") {
    temp_dir dir("recommend_bad");
    const auto export_path = nasa_week_export(dir.path).string();
    const auto missing_type = run({"recommend", export_path, "--p99", "5", "--service-time", "1"});
    CHECK(missing_type.code == cli::exit_usage);
    CHECK(contains(missing_type.err, "missing --instance-type"));
    CHECK(run({"recommend", export_path, "--instance-type", "ml.g5.xlarge", "--service-time", "1"})
              .code == cli::exit_usage);
    CHECK(run({"recommend", export_path, "--instance-type", "ml.g5.xlarge", "--p99", "5",
               "--service-time", "1", "--min-capacity", "one"})
              .code == cli::exit_usage);
    // whole-number options out of range are usage errors, not a cast (a huge --workers would
    // make every queue computation endless)
    for (const auto& [option, value] : std::vector<std::pair<std::string, std::string>>{
             {"--workers", "100000000000"}, {"--budget", "0"}, {"--initial-capacity", "-1"}}) {
        const auto bad = run({"recommend", export_path, "--instance-type", "ml.g5.xlarge", "--p99",
                              "5", "--service-time", "1", option, value});
        CHECK(bad.code == cli::exit_usage);
        CHECK(contains(bad.err, option + ": expected a whole number"));
    }
    const auto whole_slice = run({"recommend", export_path, "--instance-type", "ml.g5.xlarge",
                                  "--p99", "5", "--service-time", "1", "--slice-fraction", "1"});
    CHECK(whole_slice.code == cli::exit_usage);
    CHECK(contains(whole_slice.err, "--slice-fraction"));
    const auto unknown = run({"recommend", export_path, "--instance-type", "ml.x9.huge", "--p99",
                              "5", "--service-time", "1"});
    CHECK(unknown.code == cli::exit_bad_input);
    CHECK(contains(unknown.err, "\"ml.x9.huge\" is not in the catalogue"));
    CHECK(contains(unknown.err, "give its price with --price-per-hour"));
    // a p99 below the service time's own tail
    const auto tight = run({"recommend", export_path, "--instance-type", "ml.g5.xlarge", "--p99",
                            "0.5", "--service-time", "1"});
    CHECK(tight.code == cli::exit_bad_input);
    CHECK(contains(tight.err, "no policy can meet it"));
    // The library's errors are shown under the flag the user typed, not the option's C++ name.
    CHECK(contains(tight.err, "--p99: 0.5 s is shorter"));
    CHECK(!contains(tight.err, "max_p99_latency_s"));
    const auto min_over_max =
        run({"recommend", export_path, "--instance-type", "ml.g5.xlarge", "--p99", "5",
             "--service-time", "1", "--min-capacity", "30", "--max-capacity", "20"});
    CHECK(min_over_max.code == cli::exit_bad_input);
    CHECK(contains(min_over_max.err, "--min-capacity"));
    const auto tiny_test = run({"recommend", export_path, "--instance-type", "ml.g5.xlarge",
                                "--p99", "5", "--service-time", "1", "--test-fraction", "0.00001"});
    CHECK(tiny_test.code == cli::exit_bad_input);
    CHECK(contains(tiny_test.err, "--test-fraction: 1e-05 of the trace's"));
    CHECK(contains(tiny_test.err, "give 0 to hold none out"));
    // Tuned on a minute: shorter than AlarmLow's 15 minutes, no policy could scale in.
    const auto tiny_train = run({"recommend", export_path, "--instance-type", "ml.g5.xlarge",
                                 "--p99", "5", "--service-time", "1", "--test-fraction", "0.9999"});
    CHECK(tiny_train.code == cli::exit_bad_input);
    CHECK(contains(tiny_train.err, "--test-fraction: 0.9999 leaves 60 s to tune on, shorter "
                                   "than AlarmLow's 900 s window (15 periods of 60 s)"));
    // Nothing held out: said so, not "checked on the last 0 days".
    const auto whole = run({"recommend", export_path, "--instance-type", "ml.g5.xlarge", "--p99",
                            "5", "--service-time", "1", "--test-fraction", "0", "--min-capacity",
                            "2", "--max-capacity", "20", "--target-value", "30"});
    CHECK(whole.code == cli::exit_ok);
    CHECK(contains(whole.out, "none held out (--test-fraction 0)"));
    CHECK(!contains(whole.out, "checked on the last"));
    // A start-up past the scenario's bound is named by its flag (1e16 s used to wrap to 0, and
    // is now past what any seconds option takes).
    const auto far = run({"recommend", export_path, "--instance-type", "ml.g5.xlarge", "--p99", "5",
                          "--service-time", "1", "--startup-s", "1e10"});
    CHECK(far.code == cli::exit_bad_input);
    CHECK(contains(far.err, "--startup-s: expected a number in [0, 315360000] (ten years)"));
    const auto farther = run({"recommend", export_path, "--instance-type", "ml.g5.xlarge", "--p99",
                              "5", "--service-time", "1", "--startup-s", "1e16"});
    CHECK(farther.code == cli::exit_usage);
    CHECK(contains(farther.err, "--startup-s: expected a number of seconds in [0, 1e12]"));
    // A negative value for a flag that must be positive says so (it said ">= 0").
    const auto negative = run({"recommend", export_path, "--instance-type", "ml.g5.xlarge", "--p99",
                               "-5", "--service-time", "1"});
    CHECK(negative.code == cli::exit_usage);
    CHECK(contains(negative.err, "--p99: expected a finite number > 0, got \"-5\""));
    // A service time past a day is a usage error too (it was the core's, exit 1).
    const auto long_service = run({"recommend", export_path, "--instance-type", "ml.g5.xlarge",
                                   "--p99", "5", "--service-time", "1e9"});
    CHECK(long_service.code == cli::exit_usage);
    CHECK(
        contains(long_service.err, "--service-time: expected a number in (0, 86400], got \"1e9\""));
    // A malformed --resource-id is refused before the trace is read and the policies searched
    // (it was refused after the whole search, when aws/ was written): the export named here
    // does not exist, and the error is the id's.
    for (const std::string id :
         {"garbage", "endpoint/my-endpoint", "endpoint//variant/AllTraffic",
          "endpoint/a/variant/b/c", "endpoint/under_score/variant/AllTraffic",
          "inference-component/"}) {
        CAPTURE(id);
        const auto bad_id =
            run({"recommend", (dir.path / "no_such_export.json").string(), "--instance-type",
                 "ml.g5.xlarge", "--p99", "5", "--service-time", "1", "--resource-id", id});
        CHECK(bad_id.code == cli::exit_bad_input);
        CHECK(contains(bad_id.err, "--resource-id: expected \"endpoint/NAME/variant/VARIANT\" (a "
                                   "SageMaker endpoint variant) or \"inference-component/NAME\", "
                                   "names of 1 to 63 letters, digits and hyphens that start "
                                   "and end with a letter or digit, got \"" +
                                       id + "\""));
        CHECK(!contains(bad_id.err, "no_such_export"));
    }
    // A well-formed inference component: recommend searches a variant's instances, and its
    // files would have labelled them copies (they would not read back with --policy-from).
    const auto component = run({"recommend", (dir.path / "no_such_export.json").string(),
                                "--instance-type", "ml.g5.xlarge", "--p99", "5", "--service-time",
                                "1", "--resource-id", "inference-component/my-ic"});
    CHECK(component.code == cli::exit_bad_input);
    CHECK(contains(component.err, "--resource-id: \"inference-component/my-ic\": recommend "
                                  "searches an endpoint variant's instance count"));
}

TEST_CASE("the output folder appears only when complete and is replaced only with --force") {
    temp_dir dir("staging");
    const fs::path out = dir.path / "results";
    const std::string marker = cli::results_marker;
    {
        cli::staged_output staged(out, false, {});
        write_file(staged.file("a.txt"), "a");
        CHECK_FALSE(fs::exists(out)); // nothing at the final path while the run goes on
        CHECK(entries(dir.path).size() == 1);
        CHECK(entries(dir.path)[0].rfind("results.tmp-", 0) == 0);
        staged.commit();
    }
    CHECK(entries(dir.path) == std::vector<std::string>{"results"});
    CHECK(entries(out) == std::vector<std::string>{marker, "a.txt"});
    // The marker lists the files written.
    CHECK(nlohmann::json::parse(slurp(out / marker))["files"] == nlohmann::json::array({"a.txt"}));

    // Exists: refused without --force, before anything is created.
    CHECK_THROWS_WITH_AS(cli::staged_output(out, false, {}), doctest::Contains("--force"),
                         autoscalesim::io_error);
    CHECK_THROWS_AS(cli::check_output_dir(out, false, {}), autoscalesim::io_error);
    CHECK(entries(dir.path) == std::vector<std::string>{"results"});

    // A run that fails (no commit) leaves the old folder as it was and no staging folder.
    {
        cli::staged_output staged(out, true, {});
        write_file(staged.file("b.txt"), "b");
    }
    CHECK(entries(dir.path) == std::vector<std::string>{"results"});
    CHECK(entries(out) == std::vector<std::string>{marker, "a.txt"});

    // With --force the old folder is replaced once the new one is complete.
    {
        cli::staged_output staged(out, true, {});
        write_file(staged.file("b.txt"), "b");
        CHECK(entries(out) == std::vector<std::string>{marker, "a.txt"});
        staged.commit();
    }
    CHECK(entries(dir.path) == std::vector<std::string>{"results"});
    CHECK(entries(out) == std::vector<std::string>{marker, "b.txt"});

    // A file in the way is never replaced, and "." is never a usable output folder.
    write_file(dir.path / "file", "keep");
    CHECK_THROWS_AS(cli::staged_output(dir.path / "file", true, {}), autoscalesim::io_error);
    CHECK_THROWS_AS(cli::staged_output(dir.path / ".", true, {}), autoscalesim::io_error);
    CHECK_THROWS_AS(cli::staged_output(dir.path / "results" / "..", true, {}),
                    autoscalesim::io_error);
    CHECK(entries(dir.path) == std::vector<std::string>{"file", "results"});
    // A trailing slash names the same folder.
    CHECK_THROWS_AS(cli::staged_output(fs::path(out.string() + "/"), false, {}),
                    autoscalesim::io_error);
}

TEST_CASE("simulate: the NASA example's figures, files and summary.json equal to simulate()") {
    temp_dir dir("simulate");
    const std::string scenario = scenarios_dir + "nasa_target_tracking.json";
    const fs::path out = dir.path / "nasa";
    const auto r = run({"simulate", scenario, "--out", out.string()});
    REQUIRE_MESSAGE(r.code == 0, r.err);
    // Where the results went is said on stderr; stdout holds the report alone.
    CHECK(r.err == "wrote           " + out.string() +
                       ": summary.json, timeline.csv, activities.csv, scenario.json\n");
    CHECK_FALSE(contains(r.out, "wrote"));
    // The demo's figures (examples/cpp/demo.cpp prints the same lines).
    CHECK(contains(r.out, "cost            $1120.39 ("));
    CHECK(contains(r.out, "p99 9.027 s"));
    CHECK(contains(r.out, "policy          TargetValue 30 InvocationsPerInstance, Min 1, Max 20"));
    CHECK(entries(out) == std::vector<std::string>{cli::results_marker, "activities.csv",
                                                   "scenario.json", "summary.json",
                                                   "timeline.csv"});
    CHECK(entries(dir.path) == std::vector<std::string>{"nasa"});

    const auto sf = autoscalesim::io::read_scenario_file(scenario);
    const auto expected = autoscalesim::simulate(sf.base);
    const auto j = nlohmann::json::parse(slurp(out / "summary.json"));
    for (const auto& f : autoscalesim::summary_fields()) {
        INFO(f);
        const double v = autoscalesim::summary_value(expected.totals, f);
        if (std::isfinite(v)) {
            CHECK(j.at(f).get<double>() == v);
        } else {
            CHECK(j.at(f).is_null());
        }
    }
    CHECK(first_line(out / "timeline.csv") ==
          "time_s,arrivals,served,errors,queued,desired,starting,in_service,metric,utilization,"
          "mean_latency_s,p99_latency_s");
    CHECK(line_count(out / "timeline.csv") == expected.steps.size() + 1);
    CHECK(first_line(out / "activities.csv") == "start_s,end_s,from,to,cause");
    CHECK(line_count(out / "activities.csv") == expected.activities.size() + 1);
    CHECK(slurp(out / "scenario.json") == sf.effective_json);

    // The effective scenario reproduces the run bit for bit.
    const fs::path again = dir.path / "again";
    const auto r2 =
        run({"simulate", (out / "scenario.json").string(), "--out", again.string(), "--quiet"});
    REQUIRE_MESSAGE(r2.code == 0, r2.err);
    CHECK(r2.out.empty());
    for (const char* f : {"summary.json", "timeline.csv", "activities.csv", "scenario.json"}) {
        INFO(f);
        CHECK(slurp(again / f) == slurp(out / f));
    }
}

TEST_CASE("simulate: overrides of trace and seed") {
    temp_dir dir("overrides");
    const auto sc = small_scenario(dir.path, 600);
    // A shorter trace given on the command line replaces the file's.
    std::ifstream in(nasa_csv);
    std::string text, line;
    double total = 0;
    for (int i = 0; i <= 120 && std::getline(in, line); ++i) {
        text += line + "\n";
        if (i > 0) {
            total += std::stod(line.substr(line.find(',') + 1));
        }
    }
    write_file(dir.path / "two_hours.csv", text);
    const auto r = run({"simulate", sc.string(), "--out", (dir.path / "a").string(), "--trace",
                        (dir.path / "two_hours.csv").string(), "--seed", "7"});
    REQUIRE_MESSAGE(r.code == 0, r.err);
    const auto j = nlohmann::json::parse(slurp(dir.path / "a" / "summary.json"));
    CHECK(j["requests"].get<double>() == doctest::Approx(total));
    CHECK(j["duration_s"].get<double>() == 120 * 60); // the simulated trace's length
    const auto eff = nlohmann::json::parse(slurp(dir.path / "a" / "scenario.json"));
    CHECK(eff["seed"].get<std::uint64_t>() == 7);
}

TEST_CASE("simulate --margins: the settings within them repeat the run") {
    // The walkthrough (tests/python/test_simulate.py works it by hand): 2 instances of 8 workers
    // at 10 ms, 2840 invocations a minute, TargetValue 1000: one scale-out to 3. TargetValue in
    // [2840 / 3, 1420), MaxCapacity from 3 up, any ScaleInCooldown (no scale-in).
    temp_dir dir("margins");
    std::string csv = "timestamp,requests\n";
    for (int i = 0; i < 60; ++i) {
        csv += std::to_string(804556800 + 60 * i) + ",2840\n";
    }
    write_file(dir.path / "flat.csv", csv);
    const auto scenario = [&](const std::string& target_value) {
        const fs::path sc = dir.path / ("tv_" + target_value + ".json");
        write_file(sc, R"({"version": 1, "trace": {"file": "flat.csv"},
  "endpoint": {"instance_type": {"name": "t", "price_per_hour": 1, "workers": 8,
                                 "service_time_s": 0.01},
               "initial_capacity": 2, "startup": {"kind": "fixed", "fixed_s": 300}},
  "scaling": {"min_capacity": 1, "max_capacity": 50,
              "policies": [{"type": "target_tracking", "target_value": )" +
                           target_value + "}]}}\n");
        return sc.string();
    };
    const fs::path first = dir.path / "first";
    const auto r = run({"simulate", scenario("1000"), "--out", first.string(), "--margins"});
    REQUIRE_MESSAGE(r.code == 0, r.err);
    CHECK(contains(r.out, "margins         the same run"));
    CHECK(contains(r.out, "MaxCapacity        3 to no limit"));
    const auto m = nlohmann::json::parse(slurp(first / "margins.json"));
    REQUIRE(m["known"].get<bool>());
    const double lo = m["target_value"][0].get<double>();
    const double hi = m["target_value"][1].get<double>();
    CHECK(lo == doctest::Approx(2840.0 / 3).epsilon(1e-12));
    CHECK(hi == doctest::Approx(1420).epsilon(1e-12));
    CHECK(hi < 1420);
    CHECK(m["max_capacity"][0].is_number_integer());
    CHECK(m["max_capacity"][0].get<int>() == 3);
    CHECK(m["max_capacity"][1].is_null());
    CHECK(m["scale_in_cooldown_s"][0].get<double>() == 0);
    CHECK(m["scale_in_cooldown_s"][1].is_null());
    // Both ends, written as the file gives them, make the same run: the same summary and
    // timeline, byte for byte.
    for (const double tv : {lo, hi}) {
        CAPTURE(tv);
        const fs::path again = dir.path / ("at_" + std::to_string(tv));
        const auto s = run({"simulate", scenario(m["target_value"][tv == lo ? 0 : 1].dump()),
                            "--out", again.string(), "--quiet"});
        REQUIRE_MESSAGE(s.code == 0, s.err);
        CHECK(slurp(again / "summary.json") == slurp(first / "summary.json"));
        CHECK(slurp(again / "timeline.csv") == slurp(first / "timeline.csv"));
    }
    // With a scheduled action too: no margins, said so.
    const fs::path sc2 = dir.path / "two.json";
    write_file(sc2, R"({"version": 1, "trace": {"file": "flat.csv"},
  "scaling": {"policies": [{"type": "target_tracking", "name": "a", "target_value": 1000},
                           {"type": "scheduled", "at_s": [600], "min_capacity": 2}]}})");
    const auto two =
        run({"simulate", sc2.string(), "--out", (dir.path / "two").string(), "--margins"});
    REQUIRE_MESSAGE(two.code == 0, two.err);
    CHECK(contains(two.out, "margins         none"));
    CHECK(nlohmann::json::parse(slurp(dir.path / "two" / "margins.json")) ==
          nlohmann::json::parse(R"({"known": false})"));
    // optimize takes no --margins.
    CHECK(run({"optimize", sc2.string(), "--out", (dir.path / "o").string(), "--margins"}).code ==
          cli::exit_usage);
}

TEST_CASE("simulate: an existing results folder is refused without --force and replaced with it") {
    temp_dir dir("force");
    const auto sc = small_scenario(dir.path, 240);
    const fs::path out = dir.path / "out";
    REQUIRE(run({"simulate", sc.string(), "--out", out.string(), "--quiet"}).code == 0);
    const std::string first = slurp(out / "summary.json");

    const auto refused = run({"simulate", sc.string(), "--out", out.string(), "--seed", "7"});
    CHECK(refused.code == cli::exit_bad_input);
    CHECK(contains(refused.err, "already exists; pass --force"));
    CHECK(refused.out.empty()); // refused before simulating
    CHECK(slurp(out / "summary.json") == first);

    const auto forced =
        run({"simulate", sc.string(), "--out", out.string(), "--force", "--seed", "7"});
    REQUIRE_MESSAGE(forced.code == 0, forced.err);
    CHECK(entries(out) == std::vector<std::string>{cli::results_marker, "activities.csv",
                                                   "scenario.json", "summary.json",
                                                   "timeline.csv"});
    CHECK(slurp(out / "summary.json") != first);
    CHECK(entries(dir.path) == std::vector<std::string>{"out", "small.csv", "small.json"});
}

TEST_CASE("simulate: errors leave no folder and name the file and the JSON path") {
    temp_dir dir("errors");
    // A bad value: the message names the file and the JSON path.
    const auto bad = small_scenario(dir.path, 60);
    std::string text = slurp(bad);
    const auto at = text.find("\"target_value\": 30");
    REQUIRE(at != std::string::npos);
    text.replace(at, 18, "\"target_value\": \"abc\"");
    write_file(dir.path / "bad.json", text);
    const auto r =
        run({"simulate", (dir.path / "bad.json").string(), "--out", (dir.path / "out").string()});
    CHECK(r.code == cli::exit_bad_input);
    CHECK(r.err.rfind("autoscalesim: error: ", 0) == 0);
    CHECK(contains(r.err, "bad.json"));
    CHECK(contains(r.err, "target_value"));
    CHECK(no_sibling_of(dir.path, "out"));

    // A trace that cannot be read: the reader's file:line passes through.
    write_file(dir.path / "broken.csv", "timestamp,requests\n1995-07-01T04:00:00Z,1\nxx,2\n");
    const auto r2 = run({"simulate", bad.string(), "--out", (dir.path / "out").string(), "--trace",
                         (dir.path / "broken.csv").string()});
    CHECK(r2.code == cli::exit_bad_input);
    CHECK(contains(r2.err, "broken.csv:3"));
    CHECK(no_sibling_of(dir.path, "out"));

    // A missing scenario file, and optimize on a file without an "optimize" section.
    const auto r3 =
        run({"simulate", (dir.path / "none.json").string(), "--out", (dir.path / "out").string()});
    CHECK(r3.code == cli::exit_bad_input);
    CHECK(contains(r3.err, "none.json"));
    const auto r4 = run({"optimize", bad.string(), "--out", (dir.path / "out").string()});
    CHECK(r4.code == cli::exit_bad_input);
    CHECK(contains(r4.err, "optimize"));
    CHECK(no_sibling_of(dir.path, "out"));
}

TEST_CASE("optimize: a recommendation no feasible policy's `choose` meets says which rule") {
    // 12 feasible policies, none within `choose` (cost at most 1 cent): the line said "no
    // evaluated policy meets the constraints", which the 12 do.
    temp_dir dir("optimize_choose");
    nlohmann::json j;
    std::ifstream(scenarios_dir + "nasa_optimize.json") >> j;
    j["trace"]["file"] = std::string(ASIM_SOURCE_DIR) + "/traces/nasa_http_1995_07_per_minute.csv";
    j["trace"]["slice"] = {{"start_s", 0}, {"end_s", 86400}};
    j["optimize"]["scenarios"] = nlohmann::json::array();
    j["optimize"]["choose"] = {{{"field", "cost_usd"}, {"max", 0.01}}};
    const fs::path sc = dir.path / "s.json";
    std::ofstream(sc) << j.dump();
    const auto r = run({"optimize", sc.string(), "--out", (dir.path / "o").string()});
    REQUIRE_MESSAGE(r.code == 0, r.err);
    CHECK(!contains(r.out, " 0 feasible"));
    CHECK(contains(r.out, "recommended     none: no evaluated policy meets the constraints and "
                          "`choose`\n"));
    // Without feasible policies the constraints alone are said.
    j["optimize"]["constraints"] = {{{"field", "cost_usd"}, {"max", 0.01}}};
    std::ofstream(sc) << j.dump();
    const auto r2 = run({"optimize", sc.string(), "--out", (dir.path / "o2").string()});
    REQUIRE_MESSAGE(r2.code == 0, r2.err);
    CHECK(contains(r2.out, " 0 feasible"));
    CHECK(contains(r2.out, "recommended     none: no evaluated policy meets the constraints\n"));
}

TEST_CASE("optimize: the NASA example's front, evaluations and summary") {
    temp_dir dir("optimize");
    const fs::path out = dir.path / "opt";
    const auto r = run({"optimize", scenarios_dir + "nasa_optimize.json", "--out", out.string(),
                        "--threads", "2"});
    REQUIRE_MESSAGE(r.code == 0, r.err);
    CHECK(contains(r.out, "recommended     "));
    CHECK(contains(r.err, "evaluated 18/18")); // the last progress line
    CHECK(entries(out) == std::vector<std::string>{cli::results_marker, "evaluations.csv",
                                                   "front.csv", "recommended.json", "scenario.json",
                                                   "summary.json"});
    const auto j = nlohmann::json::parse(slurp(out / "summary.json"));
    // recommended.json is the file's scenario with the recommended parameters: simulate runs it
    const auto params = j["recommended"]["parameters"];
    const auto rerun = run(
        {"simulate", (out / "recommended.json").string(), "--out", (dir.path / "rerun").string()});
    REQUIRE_MESSAGE(rerun.code == 0, rerun.err);
    CHECK(contains(rerun.out, "policy          TargetValue " +
                                  std::to_string(params["target_value"].get<int>()) +
                                  " InvocationsPerInstance, Min " +
                                  std::to_string(params["min_capacity"].get<int>()) +
                                  ", Max 20\n"));
    CHECK(j["evaluated"].get<std::size_t>() == 18);
    CHECK(j["stopped"].get<bool>() == false);
    CHECK(line_count(out / "front.csv") == j["front_size"].get<std::size_t>() + 1);
    CHECK(line_count(out / "evaluations.csv") == 18 + 1);
    CHECK(first_line(out / "front.csv")
              .rfind("index,min_capacity,target_value,objective_cost_usd,"
                     "objective_p99_latency_s,feasible,violation,cost_usd,",
                     0) == 0);

    // The recommendation is the cheapest feasible policy meeting the file's "choose" constraint
    // (slo_attainment >= 0.99), found here from evaluations.csv.
    REQUIRE(j["recommended"].is_object());
    CHECK(j["recommended"]["summary"]["slo_attainment"].get<double>() >= 0.99);
    const double recommended_cost = j["recommended"]["summary"]["cost_usd"].get<double>();
    std::ifstream in(out / "evaluations.csv");
    std::string line;
    std::getline(in, line);
    std::vector<std::string> header;
    {
        std::istringstream h(line);
        for (std::string f; std::getline(h, f, ',');) {
            header.push_back(f);
        }
    }
    const auto column = [&](const std::string& name) {
        return static_cast<std::size_t>(std::find(header.begin(), header.end(), name) -
                                        header.begin());
    };
    double cheapest = std::numeric_limits<double>::infinity();
    while (std::getline(in, line)) {
        std::vector<std::string> row;
        std::istringstream rs(line);
        for (std::string f; std::getline(rs, f, ',');) {
            row.push_back(f);
        }
        if (row[column("feasible")] == "1" && std::stod(row[column("slo_attainment")]) >= 0.99) {
            cheapest = std::min(cheapest, std::stod(row[column("cost_usd")]));
        }
    }
    CHECK(recommended_cost == cheapest);

    // --max-evaluations caps the grid; --quiet silences progress and report.
    const auto capped = run({"optimize", scenarios_dir + "nasa_optimize.json", "--out",
                             (dir.path / "capped").string(), "--max-evaluations", "4", "--quiet"});
    REQUIRE_MESSAGE(capped.code == 0, capped.err);
    CHECK(capped.out.empty());
    CHECK(capped.err.empty());
    CHECK(line_count(dir.path / "capped" / "evaluations.csv") == 4 + 1);

    // Grid policies with MinCapacity above MaxCapacity are skipped, and said to be.
    auto doc = nlohmann::json::parse(slurp(scenarios_dir + "nasa_optimize.json"));
    doc["trace"]["file"] =
        std::string(ASIM_SOURCE_DIR) + "/traces/nasa_http_1995_07_per_minute.csv";
    doc["trace"]["slice"]["end_s"] = 86400;
    doc["optimize"]["space"] = nlohmann::json::parse(
        R"([{"parameter": "min_capacity", "values": [1, 30]},
            {"parameter": "target_value", "values": [20, 40]}])");
    doc["optimize"].erase("scenarios");
    write_file(dir.path / "skips.json", doc.dump());
    const auto skips = run({"optimize", (dir.path / "skips.json").string(), "--out",
                            (dir.path / "skips").string(), "--quiet"});
    REQUIRE_MESSAGE(skips.code == 0, skips.err);
    const auto sj = nlohmann::json::parse(slurp(dir.path / "skips" / "summary.json"));
    CHECK(sj["evaluated"].get<std::size_t>() == 2);
    CHECK(sj["skipped"].get<std::size_t>() == 2);
    const auto shown = run(
        {"optimize", (dir.path / "skips.json").string(), "--out", (dir.path / "skips2").string()});
    CHECK(contains(shown.out, "2 of the grid's 4 policies skipped: MinCapacity above MaxCapacity"));

    // The adaptive search does not run policies an evaluated one answers for: at MinCapacity 8
    // the day never scales at TargetValue 60 or 80, so the first policy evaluated answers for
    // every other with a TargetValue as high (any MaxCapacity, any cooldown).
    doc["optimize"]["space"] = nlohmann::json::parse(
        R"([{"parameter": "min_capacity", "values": [8]},
            {"parameter": "max_capacity", "values": [9, 12]},
            {"parameter": "target_value", "values": [60, 80]},
            {"parameter": "scale_in_cooldown_s", "values": [60, 300]}])");
    doc["optimize"]["method"] = "adaptive";
    doc["optimize"]["max_evaluations"] = 8;
    doc["optimize"]["batch_size"] = 1;
    write_file(dir.path / "answers.json", doc.dump());
    const auto answers = run({"optimize", (dir.path / "answers.json").string(), "--out",
                              (dir.path / "answers").string()});
    REQUIRE_MESSAGE(answers.code == 0, answers.err);
    const auto aj = nlohmann::json::parse(slurp(dir.path / "answers" / "summary.json"));
    INFO(answers.out);
    CHECK(aj["evaluated"].get<std::size_t>() <= 2);
    CHECK(aj["evaluated"].get<std::size_t>() + aj["answered"].get<std::size_t>() == 8);
    CHECK(contains(answers.out, "every policy of the space was evaluated"));
    CHECK(contains(answers.out, std::to_string(aj["answered"].get<std::size_t>()) +
                                    " more not run: an evaluated policy's outcome tells theirs"));
}

TEST_CASE("optimize: multi-fidelity reports its slice stage in progress, report and summary") {
    temp_dir dir("optimize-slice");
    auto j = nlohmann::json::parse(slurp(scenarios_dir + "nasa_optimize.json"));
    j["trace"]["file"] = nasa_csv;
    j["optimize"]["method"] = "adaptive";
    j["optimize"]["max_evaluations"] = 6;
    j["optimize"]["batch_size"] = 3;
    j["optimize"]["slice_fraction"] = 0.25;
    j["optimize"]["slice_evaluations"] = 6;
    const fs::path file = dir.path / "slice.json";
    std::ofstream(file) << j.dump();
    const fs::path out = dir.path / "opt";
    const auto r = run({"optimize", file.string(), "--out", out.string(), "--threads", "2"});
    REQUIRE_MESSAGE(r.code == 0, r.err);
    // The first progress line comes from the slice stage (3 policies after its first batch).
    CHECK(r.err.rfind("on the busiest slice: evaluated 3, ", 0) == 0);
    CHECK(contains(r.err, "evaluated 6/6"));
    CHECK(contains(r.out, "search          6 policies evaluated, "));
    CHECK(contains(r.out, "                after 6 on the traffic's busiest slice\n"));
    const auto s = nlohmann::json::parse(slurp(out / "summary.json"));
    CHECK(s["evaluated"].get<std::size_t>() == 6);
    CHECK(s["slice_evaluated"].get<std::size_t>() == 6);
    CHECK(line_count(out / "evaluations.csv") == 6 + 1);
}

TEST_CASE("optimize: the recommended policy's run notes are said, as simulate says them") {
    // A scheduled action sets MinCapacity 15 alone at 600 s: under MaxCapacity 10 AWS fails it
    // (both sizes needed), under 20 it scales to 15. The cheaper policy, MaxCapacity 10, is
    // recommended, and its run's failed action is noted as simulate notes it.
    const temp_dir dir("cli_optimize_notes");
    small_scenario(dir.path, 60);
    write_file(dir.path / "s.json", R"({
  "version": 1,
  "trace": {"file": "small.csv"},
  "endpoint": {"instance_type": {"name": "ml.g4dn.xlarge", "price_per_hour": 0.736,
                                 "workers": 1, "service_time_s": 1.0}, "initial_capacity": 2},
  "scaling": {"min_capacity": 1, "max_capacity": 20,
              "policies": [{"type": "target_tracking", "target_value": 30},
                           {"type": "scheduled", "name": "up", "at_s": [600],
                            "min_capacity": 15}]},
  "slo": {"latency_s": 5.0, "target": 0.99},
  "optimize": {"space": [{"parameter": "max_capacity", "values": [10, 20]}]}
}
)");
    const auto r = run({"optimize", (dir.path / "s.json").string(), "--out",
                        (dir.path / "o").string(), "--threads", "1"});
    CHECK(r.code == cli::exit_ok);
    CHECK(contains(r.out, "note            the recommended policy's run: scaling.scheduled[up]: "
                          "failed 1 time (first at 600 s of the trace)"));
    const auto sim = run({"simulate", (dir.path / "o" / "recommended.json").string(), "--out",
                          (dir.path / "s").string()});
    CHECK(contains(sim.out, "scaling.scheduled[up]: failed 1 time"));
}

TEST_CASE("optimize: Ctrl-C writes the partial results and exits with 130") {
    temp_dir dir("interrupt");
    const fs::path out = dir.path / "opt";
    cli::interrupt_flag().store(true); // as the SIGINT handler does
    const auto r = run({"optimize", scenarios_dir + "nasa_optimize.json", "--out", out.string(),
                        "--threads", "1"});
    CHECK(r.code == cli::exit_interrupted);
    CHECK(contains(r.err, "autoscalesim: interrupted"));
    CHECK_FALSE(cli::interrupt_flag().load()); // cleared for the next run
    const auto j = nlohmann::json::parse(slurp(out / "summary.json"));
    CHECK(j["stopped"].get<bool>());
    CHECK(j["stop_reason"].get<std::string>() == "cancelled");
    CHECK(j["evaluated"].get<std::size_t>() < 18);
    CHECK(line_count(out / "evaluations.csv") == j["evaluated"].get<std::size_t>() + 1);
    CHECK(entries(dir.path) == std::vector<std::string>{"opt"});
}

TEST_CASE("the report prints a residue error rate as 0, not 1e-300") {
    // One instance (2 workers, 0.1 s) at 12 requests/s: the chance of a 60 s wait is about
    // 1e-300, a residue of the formulas (summary.json keeps the exact figure).
    temp_dir dir("residue");
    const fs::path sc = dir.path / "residue.json";
    write_file(sc, R"({"version": 1,
        "trace": {"generator": {"kind": "seasonal", "intervals": 120, "mean_rate_per_s": 12}},
        "endpoint": {"initial_capacity": 1}, "scaling": {"min_capacity": 1, "max_capacity": 1}})");
    const auto r = run({"simulate", sc.string(), "--out", (dir.path / "out").string()});
    REQUIRE_MESSAGE(r.code == 0, r.err);
    CHECK(contains(r.out, "errors          0 of "));
    CHECK(contains(r.out, " requests (rate 0)\n"));
    const auto j = nlohmann::json::parse(slurp(dir.path / "out" / "summary.json"));
    CHECK(j["errors"].get<double>() > 0);
    CHECK(j["errors"].get<double>() < 1e-200);

    // Near capacity (about 18 requests/s at the peak against 20), a fifth of a request times
    // out: the report says so, where "0 of" would hide it beside a rate of 1.5e-06.
    write_file(sc, R"({"version": 1,
        "trace": {"generator": {"kind": "seasonal", "intervals": 120, "mean_rate_per_s": 31.5}},
        "endpoint": {"initial_capacity": 1}, "scaling": {"min_capacity": 1, "max_capacity": 1}})");
    const auto near = run({"simulate", sc.string(), "--out", (dir.path / "near").string()});
    REQUIRE_MESSAGE(near.code == 0, near.err);
    const auto k = nlohmann::json::parse(slurp(dir.path / "near" / "summary.json"));
    REQUIRE(k["errors"].get<double>() > 0.1);
    REQUIRE(k["errors"].get<double>() < 0.3);
    CHECK(
        contains(near.out, cli::strprintf("errors          %.3g of ", k["errors"].get<double>())));
}

TEST_CASE("a folder given as a trace is named as a folder") {
    temp_dir dir("folder_trace");
    const auto r = run({"trace-stats", dir.path.string(), "--format", "csv"});
    CHECK(r.code == cli::exit_bad_input);
    CHECK(contains(r.err, dir.path.string() + ": is a folder, not a file"));
    const auto s = run({"simulate", scenarios_dir + "nasa_target_tracking.json", "--trace",
                        dir.path.string(), "--out", (dir.path / "out").string()});
    CHECK(s.code == cli::exit_bad_input);
    CHECK(contains(s.err, "is a folder, not a file"));
}

TEST_CASE("compare: one table of deployments, with a Savings Plan") {
    const std::string examples = std::string(ASIM_SOURCE_DIR) + "/examples/scenarios/";
    const auto r = run({"compare", examples + "compare_deployments.json"});
    REQUIRE(r.code == cli::exit_ok);
    CHECK(contains(r.out, "with plan"));
    for (const char* label :
         {"real-time, Min 1", "inference component, to zero", "async, to zero"}) {
        CHECK(contains(r.out, label));
    }
    // A row's cost per month is its week's cost at 30 / 7, as simulate gives it.
    const auto sf = autoscalesim::io::read_scenario_file(examples + "sparse_real_time.json");
    const auto week = autoscalesim::simulate(sf.base).totals;
    CHECK(contains(r.out, cli::strprintf("%.2f", week.cost_usd * 30.0 / 7.0)));
    // Its error rate (1.18 %) is above the default limit of 1 %, as Python's
    // compare_deployments judges it; with a limit of 2 % it meets the SLO. A serverless
    // endpoint's scheduled provisioned concurrency from 0 wakes nothing.
    REQUIRE(week.error_rate > 0.01);
    REQUIRE(week.error_rate < 0.02);
    const auto line = [](const std::string& text, const std::string& label) {
        const auto at = text.find("\n" + label);
        return text.substr(at + 1, text.find('\n', at + 1) - at - 1);
    };
    CHECK(contains(line(r.out, "real-time, Min 1"), "missed (0.9882 within 900 s; errors above "
                                                    "0.01)"));
    CHECK(contains(line(r.out, "serverless, 4 GB"), "      0  met"));
    const auto lenient =
        run({"compare", examples + "compare_deployments.json", "--max-error-rate", "0.02"});
    REQUIRE(lenient.code == cli::exit_ok);
    CHECK(contains(line(lenient.out, "real-time, Min 1"), "met (0.9882 within 900 s)"));
    CHECK(contains(lenient.out, "the error rate at most 0.02"));

    temp_dir dir("compare");
    const auto two =
        run({"compare", examples + "sparse_real_time.json", examples + "async_scale_to_zero.json",
             "--discount", "0.5", "--out", (dir.path / "out").string(), "--quiet"});
    REQUIRE(two.code == cli::exit_ok);
    CHECK(two.out.empty());
    std::ifstream csv(dir.path / "out" / "comparison.csv");
    std::string header, first, second, extra;
    std::getline(csv, header);
    std::getline(csv, first);
    std::getline(csv, second);
    CHECK(header.rfind("deployment,scenario,cost_usd,cost_per_month_usd,commitment_per_hour", 0) ==
          0);
    CHECK(first.rfind("\"sparse_real_time\"", 0) == 0);
    CHECK(second.rfind("\"async_scale_to_zero\"", 0) == 0);
    CHECK_FALSE(std::getline(csv, extra));
    // The figure: a bar per deployment, the plan inside it, the month's cost beside it.
    const std::string svg = slurp(dir.path / "out" / "comparison.svg");
    CHECK(svg.rfind("<svg", 0) == 0);
    CHECK(contains(svg, ">sparse_real_time</text>"));
    CHECK(contains(svg, ">async_scale_to_zero</text>"));
    CHECK(contains(svg, "with the plan"));
    CHECK(contains(svg, "Savings Plan at a 0.5 discount"));
}

TEST_CASE("compare: a deployment that received no request misses nothing") {
    // Two hours without a request: no latency to compare (p99 NaN), no error; the SLO is met
    // (it read "missed (1.0000 within 900 s)", the verdict contradicting its own figures).
    temp_dir dir("compare_idle");
    std::string csv = "timestamp,requests\n";
    for (int m = 0; m < 120; ++m) {
        csv += cli::strprintf("1995-07-01T%02d:%02d:00Z,0\n", m / 60, m % 60);
    }
    write_file(dir.path / "zeros.csv", csv);
    const auto r = run({"compare", small_scenario(dir.path, 60).string(), "--trace",
                        (dir.path / "zeros.csv").string(), "--out", (dir.path / "out").string()});
    REQUIRE(r.code == cli::exit_ok);
    CHECK(contains(r.out, "met (no requests)"));
    CHECK(!contains(r.out, "missed"));
    CHECK(contains(slurp(dir.path / "out" / "comparison.csv"), ",true,"));
}

TEST_CASE("compare: a scenario with an optimize section is compared at its best policy") {
    const std::string examples = std::string(ASIM_SOURCE_DIR) + "/examples/scenarios/";
    temp_dir dir("compare_search");
    const auto r =
        run({"compare", examples + "sparse_optimize.json", "--out", (dir.path / "out").string()});
    REQUIRE(r.code == cli::exit_ok);
    // The expected choice, by brute force: every policy of the section's grid simulated, the
    // cheapest with p99 within 60 s (the constraint), SLO attainment at least 0.95 (choose) and
    // an error rate within the table's limit (0.01), as the row is judged.
    const auto sf = autoscalesim::io::read_scenario_file(examples + "sparse_optimize.json");
    double best_cost = 1e300;
    std::string best_policy;
    for (const double min_capacity : {1.0, 2.0}) {
        for (const double target : {0.5, 1.0, 1.5, 2.0, 3.0}) {
            autoscalesim::scenario sc = sf.base;
            sc.scaling.min_capacity = static_cast<int>(min_capacity);
            sc.scaling.target_tracking[0].target_value = target;
            const auto s = autoscalesim::simulate(sc).totals;
            if (s.p99_latency_s <= 60 && s.slo_attainment >= 0.95 && s.error_rate <= 0.01 &&
                s.cost_usd < best_cost) {
                best_cost = s.cost_usd;
                best_policy =
                    cli::strprintf("min_capacity %g, target_value %g", min_capacity, target);
            }
        }
    }
    REQUIRE_FALSE(best_policy.empty());
    CHECK(contains(r.out, "searched sparse_optimize: 10 policies, 10 feasible; chosen " +
                              best_policy + "\n"));
    CHECK(contains(r.out, cli::strprintf("%.2f", best_cost * 30.0 / 7.0)));
    const std::string csv = slurp(dir.path / "out" / "comparison.csv");
    CHECK(contains(csv, ",searched_policy\n"));
    CHECK(contains(csv, ",\"" + best_policy + "\"\n"));

    SUBCASE("when no policy is within the error limit, the section's choice stands, said so") {
        const auto loud =
            run({"compare", examples + "sparse_optimize.json", "--max-error-rate", "0"});
        REQUIRE(loud.code == cli::exit_ok);
        CHECK(contains(loud.out, "(none has an error rate within 0)"));
    }
    SUBCASE("when no policy meets the constraints, the row is the file's own policy") {
        const auto f = dir.path / "strict.json";
        std::string text = slurp(examples + "sparse_optimize.json");
        const std::string from = R"("max": 60})";
        text.replace(text.find(from), from.size(), R"("max": 0.001})");
        const std::string trace_from = "../../traces/";
        text.replace(text.find(trace_from), trace_from.size(),
                     std::string(ASIM_SOURCE_DIR) + "/traces/");
        write_file(f, text);
        const auto strict = run({"compare", f.string()});
        REQUIRE(strict.code == cli::exit_ok);
        CHECK(contains(strict.out, "searched strict: 10 policies, 0 feasible; none meets the "
                                   "constraints, so the row is the file's own policy"));
        const double own = autoscalesim::simulate(sf.base).totals.cost_usd;
        CHECK(contains(strict.out, cli::strprintf("%.2f", own * 30.0 / 7.0)));
    }
}

TEST_CASE("compare: bad input is named") {
    temp_dir dir("compare_bad");
    CHECK(run({"compare"}).code == cli::exit_usage);
    const std::string scenario =
        std::string(ASIM_SOURCE_DIR) + "/examples/scenarios/sparse_real_time.json";
    // A compare file among scenario files is refused by the scenario reader, which says what it
    // is and how to run it.
    const std::string listing =
        std::string(ASIM_SOURCE_DIR) + "/examples/scenarios/compare_deployments.json";
    const auto mixed = run({"compare", scenario, listing});
    CHECK(mixed.code == cli::exit_bad_input);
    CHECK(contains(mixed.err, listing +
                                  ": is a compare file (it lists \"deployments\"), not a "
                                  "scenario; run it with `autoscalesim compare " +
                                  listing + "`"));
    const auto discount = run({"compare", scenario, "--discount", "1"});
    CHECK(discount.code == cli::exit_usage);
    CHECK(contains(discount.err, "--discount"));
    const auto errors = run({"compare", scenario, "--max-error-rate", "1.5"});
    CHECK(errors.code == cli::exit_usage);
    CHECK(contains(errors.err, "--max-error-rate"));
    auto file_error = [&](const std::string& text) {
        const auto f = dir.path / "c.json";
        write_file(f, text);
        const auto r = run({"compare", f.string()});
        CHECK(r.code == cli::exit_bad_input);
        return r.err;
    };
    CHECK(contains(file_error(R"({"version": 1, "deployments": {"a": "x.json"}, "extra": 1})"),
                   "c.json: extra: unknown field"));
    CHECK(contains(
        file_error(R"({"version": 1, "deployments": {"a": "x.json"}, "max_error_rate": -1})"),
        "c.json: max_error_rate: expected a share of the requests in [0, 1]"));
    CHECK(contains(file_error(R"({"version": 2, "deployments": {"a": "x.json"}})"),
                   "c.json: version: expected 1"));
    CHECK(contains(file_error(R"({"version": 1, "deployments": {}})"),
                   "c.json: deployments: expected an object"));
    // an entry's file that cannot be read is named with the entry (it was named alone)
    CHECK(contains(file_error(R"({"version": 1, "deployments": {"x": "nope.json"}})"),
                   "c.json: deployments.x: "));
    CHECK(contains(file_error(R"({"version": 1, "deployments": {"x": "nope.json"}})"),
                   "nope.json: cannot open file"));
    CHECK(contains(file_error(R"({"version": 1, "deployments": {"y": "."}})"),
                   "c.json: deployments.y: "));
    CHECK(contains(file_error(R"({"version": 1, "deployments": {"a": "x.json"}, "discount": 1})"),
                   "c.json: discount: expected a Savings Plan discount in [0, 1)"));
    CHECK(contains(file_error(R"({"version": 1, "deployments": {"a": "missing.json"}})"),
                   "missing.json"));
    // The compare file's SLO: its field named once ("c.json: slo: slo.target: ..." named the
    // section twice), a value of the wrong type or an unknown key each said as such.
    const auto slo_error = [&](const std::string& slo) {
        return file_error(R"({"version": 1, "deployments": {"a": "x.json"}, "slo": )" + slo + "}");
    };
    const std::string slo_range = slo_error(R"({"latency_s": 1, "target": 2})");
    CHECK(contains(slo_range, "c.json: slo.target: expected a number in (0, 1), got 2"));
    CHECK(!contains(slo_range, "slo: slo"));
    CHECK(contains(slo_error(R"({"latency_s": "x"})"),
                   "c.json: slo.latency_s: expected a number, got \"x\""));
    CHECK(contains(slo_error(R"({"latency": 1})"),
                   "c.json: slo.latency: unknown field; expected latency_s or target"));
    // A listed scenario's own SLO error names the list, the entry and the scenario, each once.
    write_file(dir.path / "slo.json", R"({"version": 1, "trace": {"generator": {}}, "slo": )"
                                      R"({"target": 1.5}})");
    const std::string listed_slo =
        file_error(R"({"version": 1, "deployments": {"a": "slo.json"}})");
    const std::string slo_json = (dir.path / "slo.json").string();
    CHECK(contains(listed_slo, (dir.path / "c.json").string() + ": deployments.a: " + slo_json +
                                   ": slo.target: expected a number in (0, 1), got 1.5"));
    CHECK(listed_slo.find(slo_json) == listed_slo.rfind(slo_json));
    // A compare file listing itself was read as a scenario: "c.json: trace: missing required
    // field", naming neither the list nor the entry. The scenario reader refuses it as a compare
    // file; the message names the list and the entry too.
    const std::string c_json = (dir.path / "c.json").string();
    const std::string me = (dir.path / "." / "c.json").string();
    CHECK(contains(file_error(R"({"version": 1, "deployments": {"a": ")" + scenario +
                              R"(", "me": "./c.json"}})"),
                   c_json + ": deployments.me: " + me +
                       ": is a compare file (it lists \"deployments\"), not a scenario"));
    // and one listing another compare file
    write_file(dir.path / "other.json",
               R"({"version": 1, "deployments": {"a": ")" + scenario + "\"}}");
    const std::string other = (dir.path / "other.json").string();
    CHECK(contains(file_error(R"({"version": 1, "deployments": {"b": "other.json"}})"),
                   c_json + ": deployments.b: " + other +
                       ": is a compare file (it lists \"deployments\"), not a scenario; run it "
                       "with `autoscalesim compare " +
                       other + "`"));
    // Any other error of a listed scenario names the entry as well.
    write_file(dir.path / "no_trace.json", R"({"version": 1})");
    CHECK(contains(file_error(R"({"version": 1, "deployments": {"a": ")" + scenario +
                              R"(", "bare": "no_trace.json"}})"),
                   c_json + ": deployments.bare: " + (dir.path / "no_trace.json").string() +
                       ": trace: missing required field"));
    // a device listed is left to the scenario reader, which names it (not read for ever)
    CHECK(
        contains(file_error(R"({"version": 1, "deployments": {"z": "/dev/zero"}})"), "/dev/zero"));
    write_file(dir.path / "c.json", R"({"version": 1, "deployments": {"a": ")" + scenario + "\"}}");
    CHECK(run({"compare", (dir.path / "c.json").string()}).code == cli::exit_ok);
    // a label given twice would keep only the last deployment
    CHECK(contains(file_error(R"({"version": 1, "deployments": {"x": "a.json", "x": "b.json"}})"),
                   "c.json: deployments.x: given twice in one object; keep one"));
    // a device is refused by the scenario reader, not read for ever
    const auto dev = run({"compare", "/dev/zero"});
    CHECK(dev.code == cli::exit_bad_input);
    CHECK(contains(dev.err, "/dev/zero: is a device, not a file"));
    // A file given alone that is not JSON is read as a scenario, whose reader gives the line and
    // column.
    write_file(dir.path / "broken.json", "{\"version\": 1,\n  \"trace\": }\n");
    const auto broken = run({"compare", (dir.path / "broken.json").string()});
    CHECK(broken.code == cli::exit_bad_input);
    CHECK(contains(broken.err, (dir.path / "broken.json").string() + ":2:12: not valid JSON: "));
}

TEST_CASE("compare: each row has a name of its own") {
    temp_dir dir("compare_rows");
    const std::string examples = std::string(ASIM_SOURCE_DIR) + "/examples/scenarios/";
    const std::string scenario = examples + "sparse_real_time.json";
    const auto c_json = dir.path / "c.json";
    auto file_error = [&](const std::string& deployments) {
        write_file(c_json, R"({"version": 1, "deployments": {)" + deployments + "}}");
        const auto r = run({"compare", c_json.string()});
        CHECK(r.code == cli::exit_bad_input);
        return r.err;
    };
    // An empty label was a row named nothing in the table, the CSV and the chart.
    const std::string entry = "\"a\": \"" + scenario + "\", ";
    CHECK(contains(file_error(entry + R"("": "x.json")"),
                   c_json.string() +
                       ": deployments: entry 2 (\"\": \"x.json\"): expected a label that names "
                       "its row, got an empty one"));
    CHECK(contains(file_error(R"("  ": "x.json")"),
                   ": deployments: entry 1 (\"  \": \"x.json\"): expected a label that names "
                   "its row, got an empty one"));
    CHECK(contains(file_error(entry + R"("two\nlines": "x.json")"),
                   ": deployments: entry 2 (\"two\\x0alines\": \"x.json\"): expected a label "
                   "that names its row, got one with a control character"));
    // Files given as arguments are rows named by file name: the same file twice, or two files
    // of one name in two folders, were two rows no reader could tell apart.
    const auto twice = run({"compare", scenario, scenario});
    CHECK(twice.code == cli::exit_usage);
    CHECK(contains(twice.err, "compare: SCENARIO 2 (" + scenario + ") and 1 (" + scenario +
                                  ") would both be the row \"sparse_real_time\" (rows are "
                                  "named by file name); give each file once"));
    std::filesystem::create_directories(dir.path / "b");
    std::filesystem::copy_file(scenario, dir.path / "b" / "sparse_real_time.json");
    const std::string copy = (dir.path / "b" / "sparse_real_time.json").string();
    const auto same_name = run({"compare", scenario, copy});
    CHECK(same_name.code == cli::exit_usage);
    CHECK(contains(same_name.err, "compare: SCENARIO 2 (" + copy + ") and 1 (" + scenario +
                                      ") would both be the row \"sparse_real_time\" (rows are "
                                      "named by file name); list them in a compare file with a "
                                      "label each"));
    // A compare file tells them apart by label (one scenario under two labels is two rows of
    // two names); a quote in a label is doubled in the CSV, which broke the row's columns.
    write_file(c_json, R"({"version": 1, "deployments": {"one": ")" + scenario +
                           R"(", "the \"copy\"": ")" + scenario + R"("}})");
    const auto labelled =
        run({"compare", c_json.string(), "--out", (dir.path / "out").string(), "--quiet"});
    REQUIRE(labelled.code == cli::exit_ok);
    const std::string csv = slurp(dir.path / "out" / "comparison.csv");
    CHECK(contains(csv, "\n\"one\",\"" + scenario + "\","));
    CHECK(contains(csv, "\n\"the \"\"copy\"\"\",\"" + scenario + "\","));
}

TEST_CASE("simulate and optimize refuse a compare file by name, saying how to run it") {
    temp_dir dir("compare_as_scenario");
    const std::string listing =
        std::string(ASIM_SOURCE_DIR) + "/examples/scenarios/compare_deployments.json";
    const std::string why = listing +
                            ": is a compare file (it lists \"deployments\"), not a scenario; "
                            "run it with `autoscalesim compare " +
                            listing + "`";
    // It was refused for lacking a trace: "trace: missing required field".
    const auto sim = run({"simulate", listing, "--out", (dir.path / "out").string()});
    CHECK(sim.code == cli::exit_bad_input);
    CHECK(contains(sim.err, why));
    CHECK(!contains(sim.err, "missing required field"));
    CHECK_FALSE(fs::exists(dir.path / "out"));
    const auto opt = run({"optimize", listing, "--out", (dir.path / "out").string()});
    CHECK(opt.code == cli::exit_bad_input);
    CHECK(contains(opt.err, why));
}

TEST_CASE("the report's capacity chart counts an inference component's copies, not instances") {
    temp_dir dir("capacity_unit");
    const auto report_of = [&](const std::string& scenario, const std::string& name) {
        const fs::path html = dir.path / (name + ".html");
        const auto r = run({"simulate", scenarios_dir + scenario, "--out",
                            (dir.path / name).string(), "--report", html.string(), "--quiet"});
        REQUIRE_MESSAGE(r.code == 0, r.err);
        return slurp(html);
    };
    // The axis title is the capacity panel's vertical label.
    const auto shared = report_of("ic_shared_components.json", "shared");
    CHECK(contains(shared, "font-size='13'>copies</text>"));
    CHECK(!contains(shared, "font-size='13'>instances</text>"));
    const auto real_time = report_of("nasa_target_tracking.json", "real_time");
    CHECK(contains(real_time, "font-size='13'>instances</text>"));
    CHECK(!contains(real_time, "font-size='13'>copies</text>"));
    CHECK(contains(real_time, "font-size='13'>date (UTC)</text>"));
    // A trace of relative times has no dates: its axis is the time from its start, in h:mm.
    const auto relative = report_of("hpa_request_mode.json", "relative");
    CHECK(contains(relative, "font-size='13'>time from the trace's start (h:mm)</text>"));
    CHECK(!contains(relative, "date (UTC)"));
    // Ticks at whole quarter or half hours (they fell on day-based steps: 0:14, 0:29, ...).
    CHECK(contains(relative, ">0:30</text>"));
    CHECK(!contains(relative, ">0:29</text>"));
    CHECK(!contains(relative, ">0:14</text>"));
    // A line continued below its label stays in the value column, where it wraps; a table's
    // rows (the scaling activities' header above them) span both columns, never wrapped.
    CHECK(contains(real_time, "<tr><th>trace</th><td><pre>"));
    CHECK(!contains(real_time, "<td colspan='2'><pre>"));
}

TEST_CASE("html_report: continued lines stay in the value column, a table's rows keep theirs") {
    const std::string text = "trace           a.csv\n"
                             "                periods: a.csv 60 s x 10\n"
                             "recommended     MinCapacity 2\n"
                             "                   cost/30d   p99\n"
                             "  recommended    $ 1.00     2 s\n";
    const std::string page = cli::html_report("t", text, {}, {});
    CHECK(contains(page, "<tr><th></th><td><pre>periods: a.csv 60 s x 10</pre></td></tr>"));
    CHECK(contains(page, "<tr><td colspan='2'><pre class='row'>                   cost/30d   "
                         "p99</pre></td></tr>"));
    CHECK(contains(page, "<tr><td colspan='2'><pre class='row'>  recommended    $ 1.00     2 "
                         "s</pre></td></tr>"));
}

TEST_CASE("simulate: a run that completes nothing within the timeout says so, not 'nan s'") {
    temp_dir dir("nothing_served");
    const fs::path sc = small_scenario(dir.path, 120);
    std::string text = slurp(sc);
    text.replace(text.find("\"service_time_s\": 1.0"), 21, "\"service_time_s\": 1000");
    write_file(sc, text);
    const auto r = run({"simulate", sc.string(), "--out", (dir.path / "out").string()});
    REQUIRE_MESSAGE(r.code == 0, r.err);
    CHECK(contains(r.out, "latency         none: no request completed within the timeout\n"));
    CHECK(!contains(r.out, "nan"));
    const auto j = nlohmann::json::parse(slurp(dir.path / "out" / "summary.json"));
    CHECK(j["mean_latency_s"].is_null());
    CHECK(j["p99_latency_s"].is_null());
}

TEST_CASE("simulate: a request-mode run of over 1e8 requests says first that it takes a while") {
    autoscalesim::scenario sc;
    sc.traffic = autoscalesim::trace(std::vector<double>(60, 2e6),
                                     autoscalesim::ms_per_minute); // 1.2e8 requests
    sc.mode = autoscalesim::plane_mode::fluid;
    CHECK(cli::request_mode_notice(sc).empty());
    sc.mode = autoscalesim::plane_mode::request;
    CHECK(cli::request_mode_notice(sc) ==
          "note: the request mode simulates the trace's 1.2e+08 requests one by one, some "
          "millions a second, so this run takes a while; Ctrl-C stops it (the fluid mode's time "
          "does not grow with the requests)\n");
    sc.traffic =
        autoscalesim::trace(std::vector<double>(60, 1e6), autoscalesim::ms_per_minute); // 6e7
    CHECK(cli::request_mode_notice(sc).empty());
}

TEST_CASE("--policy-from: the AWS reader's notes are printed, and a copy count needs its kind") {
    // A step policy without alarms (AWS keeps it; it never acts) is left out with a note, which
    // simulate and optimize print; an inference component's copy count on a real-time endpoint is
    // refused by simulate (naming endpoint.kind) and by recommend (naming --policy-from).
    temp_dir dir("policy_from_notes");
    const fs::path sc = small_scenario(dir.path, 120);
    const std::string variant = R"("ServiceNamespace": "sagemaker",
      "ResourceId": "endpoint/ep/variant/v",
      "ScalableDimension": "sagemaker:variant:DesiredInstanceCount")";
    write_file(dir.path / "t.json", "{\"ScalableTargets\": [{" + variant +
                                        ", \"MinCapacity\": 1, \"MaxCapacity\": 4}]}\n");
    write_file(dir.path / "p.json", "{\"ScalingPolicies\": [{\"PolicyName\": \"tt\", " + variant +
                                        R"(, "PolicyType": "TargetTrackingScaling",
      "TargetTrackingScalingPolicyConfiguration": {"TargetValue": 30,
      "PredefinedMetricSpecification": {"PredefinedMetricType":
      "SageMakerVariantInvocationsPerInstance"}}}, {"PolicyName": "idle", )" +
                                        variant +
                                        R"(, "PolicyType": "StepScaling",
      "StepScalingPolicyConfiguration": {"AdjustmentType": "ChangeInCapacity",
      "StepAdjustments": [{"MetricIntervalLowerBound": 0, "ScalingAdjustment": 1}]},
      "Alarms": []}]})"
                                        "\n");
    const std::string files = (dir.path / "t.json").string() + "," + (dir.path / "p.json").string();
    const std::string note = "note            " + (dir.path / "p.json").string() +
                             ": /ScalingPolicies/1: step-scaling policy \"idle\" has no alarm, so "
                             "it never acts; it is left out\n";
    const auto sim =
        run({"simulate", sc.string(), "--policy-from", files, "--out", (dir.path / "s").string()});
    INFO(sim.err);
    REQUIRE(sim.code == 0);
    CHECK(contains(sim.out,
                   "policy          TargetValue 30 InvocationsPerInstance, Min 1, Max 4\n" + note));
    std::string opt_extra = R"(,
  "optimize": {"method": "grid", "objectives": ["cost_usd", "p99_latency_s"],
    "space": [{"parameter": "target_value", "policy": 0, "values": [20, 30]}]})";
    const fs::path with_search = small_scenario(dir.path, 120, opt_extra);
    const auto opt = run({"optimize", with_search.string(), "--policy-from", files, "--out",
                          (dir.path / "o").string()});
    INFO(opt.err);
    REQUIRE(opt.code == 0);
    CHECK(contains(opt.out, note));

    std::string ic = slurp(dir.path / "t.json");
    ic.replace(ic.find("endpoint/ep/variant/v"), 21, "inference-component/ic");
    ic.replace(ic.find("sagemaker:variant:DesiredInstanceCount"), 38,
               "sagemaker:inference-component:DesiredCopyCount");
    write_file(dir.path / "ic.json", ic);
    const auto refused = run({"simulate", sc.string(), "--policy-from",
                              (dir.path / "ic.json").string(), "--out", (dir.path / "x").string()});
    CHECK(refused.code == cli::exit_bad_input);
    CHECK(contains(refused.err,
                   "endpoint.kind: the AWS files scale \"inference-component/ic\"'s copy count "
                   "(sagemaker:inference-component:DesiredCopyCount), which only an endpoint of "
                   "kind \"inference_component\" has (this one is \"real_time\")"));
    CHECK(!fs::exists(dir.path / "x"));
    const auto rec = run({"recommend", (dir.path / "small.csv").string(), "--instance-type",
                          "ml.g4dn.xlarge", "--p99", "5", "--service-time", "1", "--policy-from",
                          (dir.path / "ic.json").string(), "--out", (dir.path / "r").string()});
    CHECK(rec.code == cli::exit_bad_input);
    CHECK(contains(rec.err, "--policy-from: the AWS files scale \"inference-component/ic\"'s "
                            "copy count"));
    CHECK(contains(rec.err, "this command models an endpoint variant's instances"));
    CHECK(!fs::exists(dir.path / "r"));
}
