// CloudWatch exports (get-metric-statistics and get-metric-data) and JSON traces.
#include <autoscalesim/errors.hpp>
#include <autoscalesim/io/cloudwatch.hpp>
#include <autoscalesim/io/json_trace.hpp>

#include <doctest/doctest.h>

#include "temp_dir.hpp"

#include <cstring>
#include <filesystem>
#include <fstream>

using namespace autoscalesim;
namespace aio = autoscalesim::io;

namespace {
std::string data(const std::string& name) {
    return std::string(ASIM_SOURCE_DIR) + "/tests/data/cloudwatch/" + name;
}
// 2024-05-01T10:00:00Z
constexpr time_ms may1_10h_ms = 1'714'557'600'000;
} // namespace

TEST_CASE("cloudwatch: get-metric-statistics in any order") {
    // datapoints listed 10:02, 10:00, 10:03, 10:01 -> sorted 120, 95, 130, 0
    const trace t = aio::read_cloudwatch_json(data("get_metric_statistics.json"));
    CHECK(t.start_epoch_ms() == may1_10h_ms);
    CHECK(t.interval_ms() == 60'000);
    CHECK(t.counts() == std::vector<double>{120, 95, 130, 0});
}

TEST_CASE("cloudwatch: numeric timestamps are epoch seconds, or milliseconds from 1e11 on") {
    // 1714557600 s and 1714557600000 ms are both 2024-05-01T10:00:00Z (the CSV reader's rule);
    // milliseconds were refused as "out of range"
    const char* seconds = R"({"Datapoints": [{"Timestamp": 1714557600, "Sum": 3},
                                             {"Timestamp": 1714557660, "Sum": 4}]})";
    const char* millis = R"({"Datapoints": [{"Timestamp": 1714557600000, "Sum": 3},
                                            {"Timestamp": 1714557660000, "Sum": 4}]})";
    for (const char* text : {seconds, millis}) {
        const trace t = aio::parse_cloudwatch_json(text, {});
        CHECK(t.start_epoch_ms() == may1_10h_ms);
        CHECK(t.counts() == std::vector<double>{3, 4});
    }
    CHECK_THROWS_WITH_AS(
        aio::parse_cloudwatch_json(R"({"Datapoints": [{"Timestamp": 1e300, "Sum": 3}]})", {},
                                   "far.json"),
        doctest::Contains("is out of range (epoch seconds, or milliseconds from 1e11 on, within "
                          "1e15 ms of 1970)"),
        trace_error);
}

TEST_CASE("cloudwatch: Sum from Average * SampleCount, and other statistics") {
    // 2.5 average over 4 samples = 10 requests; the second point has a Sum of 6
    const char* text = R"({"Datapoints": [
        {"Timestamp": "2024-05-01T10:00:00Z", "Average": 2.5, "SampleCount": 4.0},
        {"Timestamp": "2024-05-01T10:01:00Z", "Sum": 6.0, "SampleCount": 3.0, "Average": 2.0}]})";
    CHECK(aio::parse_cloudwatch_json(text, {}).counts() == std::vector<double>{10, 6});
    aio::cloudwatch_options o;
    o.statistic = "SampleCount";
    CHECK(aio::parse_cloudwatch_json(text, o).counts() == std::vector<double>{4, 3});
    // A mean counts nothing: the message names the scenario field that reads rates (it named
    // trace.cloudwatch.values, which does not exist).
    o.statistic = "Average";
    CHECK_THROWS_WITH_AS(aio::parse_cloudwatch_json(text, o, "a.json"),
                         doctest::Contains("read it as one (a scenario's trace.values: "
                                           "\"rate_per_s\", Python's values=\"rate_per_s\")"),
                         autoscalesim::trace_error);
}

TEST_CASE("cloudwatch: get-metric-data pages, newest first, in one file or several") {
    // page 1 has 10:05, 10:04, 10:03 = 7, 11, 3; page 2 has 10:02, 10:01, 10:00 = 5, 2, 1
    const std::vector<double> expected{1, 2, 5, 3, 11, 7};
    const trace one = aio::read_cloudwatch_json(data("get_metric_data_two_pages.json"));
    CHECK(one.counts() == expected);
    CHECK(one.start_epoch_ms() == may1_10h_ms);
    const trace two = aio::read_cloudwatch_json(std::vector<std::string>{
        data("get_metric_data_page2.json"), data("get_metric_data_page1.json")});
    CHECK(two.counts() == expected);
    // pages gathered into one JSON array (jq -s) read the same
    const std::string arr =
        "[" +
        std::string(
            R"({"MetricDataResults":[{"Id":"a","Timestamps":["2024-05-01T10:01:00Z"],"Values":[4]}]})") +
        "," +
        R"({"MetricDataResults":[{"Id":"a","Timestamps":["2024-05-01T10:00:00Z"],"Values":[3]}]})" +
        "]";
    CHECK(aio::parse_cloudwatch_json(arr, {}).counts() == std::vector<double>{3, 4});
}

TEST_CASE("cloudwatch: choosing one Id among several") {
    const char* text = R"({"MetricDataResults": [
        {"Id": "a", "Timestamps": ["2024-05-01T10:01:00Z", "2024-05-01T10:00:00Z"], "Values": [2, 1]},
        {"Id": "b", "Timestamps": ["2024-05-01T10:01:00Z", "2024-05-01T10:00:00Z"], "Values": [20, 10]}]})";
    CHECK_THROWS_WITH_AS(
        aio::parse_cloudwatch_json(text, {}, "ids.json"),
        doctest::Contains("ids.json: the export has several metrics (Ids \"a\", \"b\")"),
        trace_error);
    aio::cloudwatch_options o;
    o.id = "b";
    CHECK(aio::parse_cloudwatch_json(text, o).counts() == std::vector<double>{10, 20});
    o.id = "c";
    CHECK_THROWS_WITH_AS(
        aio::parse_cloudwatch_json(text, o, "ids.json"),
        doctest::Contains("no MetricDataResults with Id \"c\" (found \"a\", \"b\")"), trace_error);
}

TEST_CASE("cloudwatch: omitted periods are a gap, an error by default, zero on request") {
    CHECK_THROWS_WITH_AS(
        aio::read_cloudwatch_json(data("statistics_gap.json")),
        doctest::Contains("statistics_gap.json: /Datapoints/1: gap of 2 missing intervals (120 s)"),
        trace_error);
    aio::cloudwatch_options o;
    o.gaps = aio::gap_policy::zero;
    // 10:00 = 4, 10:01 and 10:02 missing, 10:03 = 10, 10:04 = 1; the period is the 1-minute step
    // 10:03 -> 10:04
    CHECK(aio::read_cloudwatch_json(data("statistics_gap.json"), o).counts() ==
          std::vector<double>{4, 0, 0, 10, 1});
    // the period can also be given, e.g. when only two datapoints exist
    o.interval_ms = 60'000;
    CHECK(aio::parse_cloudwatch_json(
              R"({"Datapoints": [{"Timestamp": "2024-05-01T10:00:00Z", "Sum": 1},
        {"Timestamp": "2024-05-01T10:02:00Z", "Sum": 2}]})",
              o)
              .counts() == std::vector<double>{1, 0, 2});
}

TEST_CASE("cloudwatch: the gap policy's fills are reported, and a gap past max_gap_ms refused") {
    aio::cloudwatch_options o;
    o.gaps = aio::gap_policy::zero;
    aio::cloudwatch_report report;
    // 10:00, (10:01, 10:02 missing), 10:03, 10:04: two intervals filled, in one run from 10:01
    const trace t = aio::read_cloudwatch_json({data("statistics_gap.json")}, o, &report);
    CHECK(t.counts() == std::vector<double>{4, 0, 0, 10, 1});
    CHECK(report.gaps.filled_intervals == 2);
    CHECK(report.gaps.longest_run == 2);
    CHECK(report.gaps.longest_run_start_ms == may1_10h_ms + 60'000);
    REQUIRE(report.sources.size() == 1);
    CHECK(report.sources[0].period_ms == 60'000);
    CHECK(report.sources[0].datapoints == 3);
    CHECK_FALSE(report.spread);
    // the 2-minute gap is longer than a 1-minute limit: refused, naming the row and the span
    o.max_gap_ms = 60'000;
    CHECK_THROWS_WITH_AS(
        aio::read_cloudwatch_json(data("statistics_gap.json"), o),
        doctest::Contains("/Datapoints/1: no datapoint for 120 s (2 missing intervals) between "
                          "2024-05-01T10:00:00Z and 2024-05-01T10:03:00Z"),
        trace_error);
    o.max_gap_ms = 120'000; // a gap of exactly the limit is filled
    CHECK(aio::read_cloudwatch_json(data("statistics_gap.json"), o).size() == 5);
}

TEST_CASE("cloudwatch: files of different periods are refused by name, or spread on request") {
    // The month's older part at 5 minutes (CloudWatch keeps 1-minute data 15 days), the recent
    // part at 1 minute.
    asim_test::temp_dir dir("cw_periods");
    const std::string older = (dir.path / "older.json").string();
    const std::string recent = (dir.path / "recent.json").string();
    std::ofstream(older) << R"({"Datapoints": [{"Timestamp": "2024-05-01T10:00:00Z", "Sum": 300},
        {"Timestamp": "2024-05-01T10:05:00Z", "Sum": 150}]})";
    std::ofstream(recent) << R"({"Datapoints": [{"Timestamp": "2024-05-01T10:10:00Z", "Sum": 7},
        {"Timestamp": "2024-05-01T10:11:00Z", "Sum": 8}]})";
    const std::string mix =
        "the export mixes periods: " + older + " (300 s), " + recent + " (60 s)";
    CHECK_THROWS_WITH_AS(aio::read_cloudwatch_json({older, recent}), doctest::Contains(mix.c_str()),
                         trace_error);
    aio::cloudwatch_options o;
    o.periods = aio::mixed_periods::spread;
    aio::cloudwatch_report report;
    const trace t = aio::read_cloudwatch_json({older, recent}, o, &report);
    // 300 over five minutes is 60 a minute, 150 is 30; then the 1-minute datapoints as they are
    CHECK(t.interval_ms() == 60'000);
    CHECK(t.start_epoch_ms() == may1_10h_ms);
    CHECK(t.counts() == std::vector<double>{60, 60, 60, 60, 60, 30, 30, 30, 30, 30, 7, 8});
    CHECK(t.total() == 465); // 300 + 150 + 7 + 8: spreading keeps every request
    CHECK(report.spread);
    REQUIRE(report.sources.size() == 2);
    CHECK(report.sources[0].name == older);
    CHECK(report.sources[0].period_ms == 300'000);
    CHECK(report.sources[1].period_ms == 60'000);
    CHECK(report.gaps.filled_intervals == 0);

    // A sparse 1-minute export (steps of 2 and 3 minutes) has a 1-minute period, not a mix.
    const std::string sparse = (dir.path / "sparse.json").string();
    std::ofstream(sparse) << R"({"Datapoints": [{"Timestamp": "2024-05-01T10:12:00Z", "Sum": 1},
        {"Timestamp": "2024-05-01T10:14:00Z", "Sum": 2},
        {"Timestamp": "2024-05-01T10:17:00Z", "Sum": 3}]})";
    o = {};
    o.gaps = aio::gap_policy::zero;
    const trace both = aio::read_cloudwatch_json({recent, sparse}, o, &report);
    CHECK(both.counts() == std::vector<double>{7, 8, 1, 0, 2, 0, 0, 3});
    CHECK(report.sources[1].period_ms == 60'000);

    // Pages of one file are sources too: a rate (Average) is repeated, not divided.
    o = {};
    o.periods = aio::mixed_periods::spread;
    o.statistic = "Average";
    o.values = aio::value_kind::rate_per_s;
    const trace rates = aio::parse_cloudwatch_json(
        R"({"Datapoints": [{"Timestamp": "2024-05-01T10:00:00Z", "Average": 2},
            {"Timestamp": "2024-05-01T10:02:00Z", "Average": 4}]}
           {"Datapoints": [{"Timestamp": "2024-05-01T10:04:00Z", "Average": 1},
            {"Timestamp": "2024-05-01T10:05:00Z", "Average": 3}]})",
        o, "pages.json");
    CHECK(rates.counts() == std::vector<double>{120, 120, 240, 240, 60, 180});
    // a period that is not a multiple of the finest cannot be spread
    CHECK_THROWS_WITH_AS(
        aio::parse_cloudwatch_json(
            R"({"Datapoints": [{"Timestamp": "2024-05-01T10:00:00Z", "Average": 2},
                {"Timestamp": "2024-05-01T10:03:00Z", "Average": 4}]}
               {"Datapoints": [{"Timestamp": "2024-05-01T10:10:00Z", "Average": 1},
                {"Timestamp": "2024-05-01T10:12:00Z", "Average": 3}]})",
            o, "odd.json"),
        doctest::Contains("cannot spread odd.json: document 1 (line 1)'s 180 s period over 120 s"),
        trace_error);
}

// ---- bad input ----

TEST_CASE("cloudwatch bad input: JSON that is not a CloudWatch export says what was expected") {
    CHECK_THROWS_WITH_AS(
        aio::read_cloudwatch_json(data("not_an_export.json")),
        doctest::Contains(
            "not_an_export.json: not a CloudWatch export: expected a JSON object with "
            "\"Datapoints\" (aws cloudwatch get-metric-statistics) or "
            "\"MetricDataResults\" (aws cloudwatch get-metric-data), found an object "
            "with keys \"Label\", \"Points\""),
        trace_error);
    CHECK_THROWS_WITH_AS(aio::parse_cloudwatch_json("[1, 2]", {}, "a.json"),
                         doctest::Contains("a.json: /0: not a CloudWatch export"), trace_error);
    CHECK_THROWS_WITH_AS(aio::parse_cloudwatch_json("{\"Datapoints\": [", {}, "broken.json"),
                         doctest::Contains("broken.json:1:17: not valid JSON: syntax error"),
                         trace_error);
    // nlohmann's "[json.exception.parse_error.101]" prefix is not a user's business.
    try {
        (void)aio::parse_cloudwatch_json("{\"Datapoints\": [", {}, "broken.json");
    } catch (const trace_error& e) {
        CHECK(std::string(e.what()).find("json.exception") == std::string::npos);
    }
}

TEST_CASE(
    "cloudwatch bad input: negative and non-numeric values, bad timestamps, missing statistic") {
    CHECK_THROWS_WITH_AS(
        aio::parse_cloudwatch_json(
            R"({"Datapoints": [{"Timestamp": "2024-05-01T10:00:00Z", "Sum": -1}]})", {}, "n.json"),
        doctest::Contains("n.json: /Datapoints/0/Sum: expected a count >= 0, got -1"), trace_error);
    CHECK_THROWS_WITH_AS(
        aio::parse_cloudwatch_json(
            R"({"MetricDataResults": [{"Id": "a", "Timestamps": ["2024-05-01T10:00:00Z"], "Values": ["3"]}]})",
            {}, "s.json"),
        doctest::Contains(
            "s.json: /MetricDataResults/0/Values/0: expected a number, got a JSON string"),
        trace_error);
    CHECK_THROWS_WITH_AS(
        aio::parse_cloudwatch_json(R"({"Datapoints": [{"Timestamp": "yesterday", "Sum": 1}]})", {},
                                   "t.json"),
        doctest::Contains("t.json: /Datapoints/0/Timestamp: timestamp \"yesterday\""), trace_error);
    CHECK_THROWS_WITH_AS(
        aio::parse_cloudwatch_json(
            R"({"Datapoints": [{"Timestamp": "2024-05-01T10:00:00Z", "Maximum": 1}]})", {},
            "m.json"),
        doctest::Contains("m.json: /Datapoints/0: no \"Sum\""), trace_error);
    CHECK_THROWS_WITH_AS(
        aio::parse_cloudwatch_json(
            R"({"MetricDataResults": [{"Id": "a", "Timestamps": ["2024-05-01T10:00:00Z"], "Values": []}]})",
            {}, "l.json"),
        doctest::Contains("l.json: /MetricDataResults/0: 1 Timestamps but 0 Values"), trace_error);
}

TEST_CASE("cloudwatch bad input: duplicate timestamp across pages, missing last page, empty") {
    const std::string page =
        R"({"MetricDataResults":[{"Id":"a","Timestamps":["2024-05-01T10:00:00Z"],"Values":[3]}]})";
    CHECK_THROWS_WITH_AS(
        aio::parse_cloudwatch_json(page + "\n" + page, {}, "d.json"),
        doctest::Contains(
            "d.json: document 2 (line 2): /MetricDataResults/0/Timestamps/0: duplicate "
            "timestamp 2024-05-01T10:00:00Z"),
        trace_error);
    CHECK_THROWS_WITH_AS(aio::read_cloudwatch_json(data("get_metric_data_page1.json")),
                         doctest::Contains("incomplete get-metric-data export"), trace_error);
    CHECK_THROWS_WITH_AS(aio::parse_cloudwatch_json("  \n", {}, "e.json"),
                         doctest::Contains("e.json: empty file"), trace_error);
    CHECK_THROWS_WITH_AS(aio::parse_cloudwatch_json(R"({"Datapoints": []})", {}, "z.json"),
                         doctest::Contains("z.json: the export has no datapoints"), trace_error);
    CHECK_THROWS_AS(aio::read_cloudwatch_json(data("no_such_file.json")), io_error);
}

TEST_CASE("json trace: write then read is bit-identical") {
    const trace t(std::vector<double>{1.3 * 41, 0.1 + 0.2, 1e-300, 0, 5}, 60'000, may1_10h_ms + 1);
    const auto path = (std::filesystem::temp_directory_path() / "asim_roundtrip.json").string();
    aio::write_json_trace(t, path);
    const trace back = aio::read_json_trace(path);
    REQUIRE(back.size() == t.size());
    CHECK(std::memcmp(back.counts().data(), t.counts().data(), t.size() * sizeof(double)) == 0);
    CHECK(back.interval_ms() == 60'000);
    CHECK(back.start_epoch_ms() == may1_10h_ms + 1);
    CHECK(aio::format_json_trace(back) == aio::format_json_trace(t));
    CHECK(
        aio::format_json_trace(trace(std::vector<double>{2, 3}, 60'000, 0)) ==
        R"({"format":"autoscalesim.trace","version":1,"interval_ms":60000,"start_epoch_ms":0,"counts":[2,3]})");
}

TEST_CASE("json trace bad input: wrong format, bad count, bad interval") {
    CHECK_THROWS_WITH_AS(aio::parse_json_trace(R"({"Datapoints": []})", "x.json"),
                         doctest::Contains("x.json: expected an autoscalesim trace"), trace_error);
    CHECK_THROWS_WITH_AS(
        aio::parse_json_trace(
            R"({"format":"autoscalesim.trace","version":1,"interval_ms":60000,"start_epoch_ms":0,"counts":[1,-2]})",
            "c.json"),
        doctest::Contains("c.json: /counts/1: expected a count >= 0, got -2"), trace_error);
    // no interval at all: refused on reading (trace-stats reported zeros), as a CSV is
    CHECK_THROWS_WITH_AS(
        aio::parse_json_trace(
            R"({"format":"autoscalesim.trace","version":1,"interval_ms":60000,"start_epoch_ms":0,"counts":[]})",
            "e.json"),
        doctest::Contains("e.json: /counts: empty; a trace has at least one interval"),
        trace_error);
    CHECK_THROWS_WITH_AS(
        aio::parse_json_trace(
            R"({"format":"autoscalesim.trace","version":1,"interval_ms":10,"start_epoch_ms":0,"counts":[1]})",
            "i.json"),
        doctest::Contains("i.json: trace interval must be between 1 s and 1 h"), trace_error);
    // an unknown member was ignored ("interval_s" beside the interval_ms it means)
    CHECK_THROWS_WITH_AS(
        aio::parse_json_trace(
            R"({"format":"autoscalesim.trace","version":1,"interval_ms":60000,"interval_s":300,"start_epoch_ms":0,"counts":[1]})",
            "u.json"),
        doctest::Contains("u.json: member \"interval_s\" is unknown; expected an autoscalesim "
                          "trace"),
        trace_error);
}

TEST_CASE("cloudwatch bad input: a key given twice is refused with its JSON path") {
    // JSON allows it and the last value would win: a datapoint's Sum read as 2, not 1
    CHECK_THROWS_WITH_AS(
        aio::parse_cloudwatch_json(
            R"({"Datapoints": [{"Timestamp": "2024-05-01T10:00:00Z", "Sum": 1},
        {"Timestamp": "2024-05-01T10:01:00Z", "Sum": 1, "Sum": 2}]})",
            {}, "dup.json"),
        doctest::Contains("dup.json: /Datapoints/1/Sum: given twice in one object"), trace_error);
    // in the second of two pages, the page is named
    CHECK_THROWS_WITH_AS(
        aio::parse_cloudwatch_json(
            R"({"Datapoints": [{"Timestamp": "2024-05-01T10:00:00Z", "Sum": 1}]}
{"Datapoints": [], "Datapoints": []})",
            {}, "pages.json"),
        doctest::Contains("pages.json: document starting on line 2: /Datapoints: given twice"),
        trace_error);
    // a syntax error in a later page is placed in the file, not within its page
    CHECK_THROWS_WITH_AS(
        aio::parse_cloudwatch_json("{\"Datapoints\": []}\n\n{\"Datapoints\":\n  [}\n", {},
                                   "pages.json"),
        doctest::Contains("pages.json:4:4: not valid JSON (in the document starting on line 3): "
                          "syntax error"),
        trace_error);
    CHECK_THROWS_WITH_AS(aio::parse_cloudwatch_json("{\"Datapoints\": []}\njunk\n", {}, "p.json"),
                         doctest::Contains("p.json:2:1: not valid JSON (in the document "
                                           "starting on line 2)"),
                         trace_error);
}

TEST_CASE("a metric's datapoints as exported: statistics, extended statistics, duplicates") {
    namespace aio = autoscalesim::io;
    // get-metric-statistics --statistics Average --extended-statistics p99 (ModelLatency, us)
    const std::string text = R"({"Label": "ModelLatency", "Datapoints": [
        {"Timestamp": "2024-05-01T10:01:00Z", "Average": 900000.0, "ExtendedStatistics": {"p99": 2100000.0}, "Unit": "Microseconds"},
        {"Timestamp": "2024-05-01T10:00:00Z", "Average": 800000.0, "ExtendedStatistics": {"p99": 1800000.0}, "Unit": "Microseconds"}]})";
    aio::cloudwatch_options o;
    o.statistic = "Average";
    const auto mean = aio::parse_cloudwatch_series(text, o, "lat.json");
    REQUIRE(mean.values.size() == 2);
    CHECK(mean.epoch_ms[0] < mean.epoch_ms[1]); // sorted
    CHECK(mean.values[0] == 800000.0);
    o.statistic = "p99";
    const auto p99 = aio::parse_cloudwatch_series(text, o, "lat.json");
    CHECK(p99.values[1] == 2100000.0);
    // The unit asked for (calibrate's ModelLatency: Microseconds) holds; another is refused,
    // where "Seconds" was read as microseconds, a million times too short.
    o.metric = "ModelLatency";
    o.unit = "Microseconds";
    CHECK(aio::parse_cloudwatch_series(text, o, "lat.json").values[1] == 2100000.0);
    std::string seconds = text;
    for (std::size_t at; (at = seconds.find("\"Microseconds\"")) != std::string::npos;) {
        seconds.replace(at, 14, "\"Seconds\"");
    }
    CHECK_THROWS_WITH_AS(aio::parse_cloudwatch_series(seconds, o, "lat.json"),
                         "lat.json: /Datapoints/0/Unit: \"Seconds\": expected \"Microseconds\" "
                         "(the unit AWS publishes ModelLatency in); is this export of another "
                         "metric?",
                         autoscalesim::trace_error);
    o.unit.clear();
    CHECK(aio::parse_cloudwatch_series(seconds, o, "lat.json").values.size() == 2);
    o.statistic = "p95";
    CHECK_THROWS_WITH_AS(aio::parse_cloudwatch_series(text, o, "lat.json"),
                         doctest::Contains("export with --extended-statistics p95"),
                         autoscalesim::trace_error);
    o.statistic = "Maximum";
    CHECK_THROWS_WITH_AS(aio::parse_cloudwatch_series(text, o, "lat.json"),
                         doctest::Contains("export with --statistics Maximum"),
                         autoscalesim::trace_error);
    o.statistic = "Average";
    CHECK_THROWS_WITH_AS(aio::parse_cloudwatch_series(R"({"Datapoints": [
            {"Timestamp": "2024-05-01T10:00:00Z", "Average": 1},
            {"Timestamp": "2024-05-01T10:00:00Z", "Average": 2}]})",
                                                      o, "d.json"),
                         doctest::Contains("is listed twice"), autoscalesim::trace_error);
}

TEST_CASE("cloudwatch bad input: a get-metric-data result not Complete") {
    // AWS's MetricDataResult: StatusCode Complete | InternalError | PartialData | Forbidden
    const auto page = [](const std::string& status) {
        return R"({"MetricDataResults": [{"Id": "a", "Label": "Invocations",
            "Timestamps": ["2024-05-01T10:05:00Z", "2024-05-01T10:04:00Z"], "Values": [1, 2.0],
            "StatusCode": ")" +
               status + "\"}]}";
    };
    // Complete reads; so does a result without a StatusCode
    CHECK(aio::parse_cloudwatch_json(page("Complete"), {}, "ok.json").counts() ==
          std::vector<double>{2, 1});
    CHECK(aio::parse_cloudwatch_json(
              R"({"MetricDataResults": [{"Id": "a", "Timestamps": ["2024-05-01T10:05:00Z",
              "2024-05-01T10:04:00Z"], "Values": [1, 2]}]})",
              {}, "none.json")
              .counts() == std::vector<double>{2, 1});
    // Forbidden and InternalError hold no data to trust: refused naming the result's Id
    CHECK_THROWS_WITH_AS(
        aio::parse_cloudwatch_json(page("Forbidden"), {}, "cw_forbidden.json"),
        doctest::Contains("cw_forbidden.json: /MetricDataResults/0/StatusCode: \"Forbidden\": "
                          "CloudWatch refused to return the result of Id \"a\""),
        trace_error);
    CHECK_THROWS_WITH_AS(
        aio::parse_cloudwatch_json(page("InternalError"), {}, "err.json"),
        doctest::Contains("err.json: /MetricDataResults/0/StatusCode: \"InternalError\": "
                          "CloudWatch failed to return the result of Id \"a\""),
        trace_error);
    CHECK_THROWS_WITH_AS(aio::parse_cloudwatch_json(page("Done"), {}, "odd.json"),
                         doctest::Contains("odd.json: /MetricDataResults/0/StatusCode: \"Done\": "
                                           "unknown status of the result of Id \"a\" (expected "
                                           "Complete, PartialData, InternalError or Forbidden)"),
                         trace_error);
    // the same through the series reader (calibrate --latency)
    CHECK_THROWS_WITH_AS(aio::parse_cloudwatch_series(page("Forbidden"), {}, "lat.json"),
                         doctest::Contains("lat.json: /MetricDataResults/0/StatusCode: "
                                           "\"Forbidden\""),
                         trace_error);
    // a result of another Id than the one read is not this trace's business
    const std::string two =
        R"({"MetricDataResults": [
        {"Id": "a", "Timestamps": ["2024-05-01T10:01:00Z", "2024-05-01T10:00:00Z"], "Values": [2, 1], "StatusCode": "Complete"},
        {"Id": "b", "Timestamps": [], "Values": [], "StatusCode": "Forbidden"}]})";
    aio::cloudwatch_options o;
    o.id = "a";
    CHECK(aio::parse_cloudwatch_json(two, o, "two.json").counts() == std::vector<double>{1, 2});
    o.id = "b";
    CHECK_THROWS_WITH_AS(aio::parse_cloudwatch_json(two, o, "two.json"),
                         doctest::Contains("two.json: /MetricDataResults/1/StatusCode: "
                                           "\"Forbidden\": CloudWatch refused to return the "
                                           "result of Id \"b\""),
                         trace_error);

    // PartialData: more pages follow. A PartialData result completed by a later page of its Id
    // reads (the pages as the CLI merges them, and as files); alone it is a missing page, whether
    // its page has a NextToken or not (a math expression's has none).
    CHECK(aio::read_cloudwatch_json(data("get_metric_data_two_pages.json")).size() == 6);
    const std::string merged =
        R"({"MetricDataResults": [
        {"Id": "a", "Timestamps": ["2024-05-01T10:01:00Z"], "Values": [4], "StatusCode": "PartialData"},
        {"Id": "a", "Timestamps": ["2024-05-01T10:00:00Z"], "Values": [3], "StatusCode": "Complete"}]})";
    CHECK(aio::parse_cloudwatch_json(merged, {}, "merged.json").counts() ==
          std::vector<double>{3, 4});
    CHECK_THROWS_WITH_AS(aio::read_cloudwatch_json(data("get_metric_data_page1.json")),
                         doctest::Contains("incomplete get-metric-data export: every page has a "
                                           "NextToken"),
                         trace_error);
    CHECK_THROWS_WITH_AS(
        aio::parse_cloudwatch_json(page("PartialData"), {}, "partial.json"),
        doctest::Contains("partial.json: incomplete get-metric-data export: the result of Id "
                          "\"a\" at partial.json: /MetricDataResults/0 is PartialData and none "
                          "says Complete"),
        trace_error);
}

TEST_CASE("cloudwatch bad input: an export of another metric is not read as traffic") {
    // ModelLatency's Sum in microseconds, as get-metric-statistics prints it
    const std::string latency = R"({"Label": "ModelLatency", "Datapoints": [
        {"Timestamp": "2024-05-01T10:00:00Z", "Sum": 4.0, "SampleCount": 2.0, "Unit": "Microseconds"},
        {"Timestamp": "2024-05-01T10:01:00Z", "Sum": 4.0, "SampleCount": 3.0, "Unit": "Microseconds"}]})";
    CHECK_THROWS_WITH_AS(
        aio::parse_cloudwatch_json(latency, {}, "cw_modellatency_sum.json"),
        doctest::Contains("cw_modellatency_sum.json: /Label: \"ModelLatency\": the export is of "
                          "ModelLatency, not Invocations, the metric a trace is read from"),
        trace_error);
    // how to name another metric, in the command's words and in Python's
    CHECK_THROWS_WITH_AS(aio::parse_cloudwatch_json(latency, {}, "cw_modellatency_sum.json"),
                         doctest::Contains("(the command's --metric ModelLatency, Python's "
                                           "metric=\"ModelLatency\")"),
                         trace_error);
    // an empty Label says no metric: named as such, not as "the export is of , not ..."
    std::string empty = latency;
    empty.replace(empty.find("\"ModelLatency\""), 14, "\"\"");
    CHECK_THROWS_WITH_AS(aio::parse_cloudwatch_json(empty, {}, "e.json"),
                         "e.json: /Label: the export has an empty Label, so it cannot say it is "
                         "Invocations, the metric a trace is read from; check that it is and read "
                         "it with the command's --metric \"\" (Python's metric=\"\"), which "
                         "accepts any",
                         trace_error);
    // without its Label, the unit tells
    std::string unlabelled = latency;
    unlabelled.replace(unlabelled.find(R"("Label": "ModelLatency", )"),
                       std::string(R"("Label": "ModelLatency", )").size(), "");
    CHECK_THROWS_WITH_AS(
        aio::parse_cloudwatch_json(unlabelled, {}, "lat.json"),
        doctest::Contains("lat.json: /Datapoints/0/Unit: \"Microseconds\": a trace counts "
                          "requests, so its datapoints must be counts (Unit \"None\""),
        trace_error);
    // a get-metric-data result labelled with another metric
    CHECK_THROWS_WITH_AS(
        aio::parse_cloudwatch_json(
            R"({"MetricDataResults": [{"Id": "lat", "Label": "ModelLatency",
            "Timestamps": ["2024-05-01T10:00:00Z"], "Values": [900000], "StatusCode": "Complete"}]})",
            {}, "gmd.json"),
        doctest::Contains("gmd.json: /MetricDataResults/0/Label: \"ModelLatency\": the result of "
                          "Id \"lat\" is of ModelLatency, not Invocations"),
        trace_error);
    // the same file is what a series reader (calibrate --latency) expects
    aio::cloudwatch_options o;
    o.statistic = "Sum";
    CHECK(aio::parse_cloudwatch_series(latency, o, "lat.json").values == std::vector<double>{4, 4});
    // naming the metric reads its SampleCount (one sample per request) as traffic; its Sum,
    // microseconds, stays refused by its unit
    o.metric = "ModelLatency";
    o.statistic = "SampleCount";
    CHECK(aio::parse_cloudwatch_json(latency, o, "lat.json").counts() == std::vector<double>{2, 3});
    o.statistic = "Sum";
    CHECK_THROWS_WITH_AS(aio::parse_cloudwatch_json(latency, o, "lat.json"),
                         doctest::Contains("/Datapoints/0/Unit: \"Microseconds\""), trace_error);
    // Invocations' units: "None" as SageMaker publishes it, "Count", or none given
    for (const char* unit : {R"(, "Unit": "None")", R"(, "Unit": "Count")", ""}) {
        const std::string text = std::string(R"({"Label": "Invocations", "Datapoints": [
            {"Timestamp": "2024-05-01T10:00:00Z", "Sum": 5)") +
                                 unit + R"(}, {"Timestamp": "2024-05-01T10:01:00Z", "Sum": 7)" +
                                 unit + "}]}";
        CHECK(aio::parse_cloudwatch_json(text, {}, "inv.json").counts() ==
              std::vector<double>{5, 7});
    }
    // a rate may be per second; a count per period may not
    const std::string per_s = R"({"Datapoints": [
        {"Timestamp": "2024-05-01T10:00:00Z", "Average": 2, "Unit": "Count/Second"},
        {"Timestamp": "2024-05-01T10:01:00Z", "Average": 3, "Unit": "Count/Second"}]})";
    o = {};
    o.statistic = "Average";
    o.values = aio::value_kind::rate_per_s;
    CHECK(aio::parse_cloudwatch_json(per_s, o, "rate.json").counts() ==
          std::vector<double>{120, 180});
    o.values = aio::value_kind::count_per_interval;
    CHECK_THROWS_WITH_AS(aio::parse_cloudwatch_json(per_s, o, "rate.json"),
                         doctest::Contains("rate.json: /Datapoints/0/Unit: \"Count/Second\""),
                         trace_error);
    // an empty metric accepts any Label (a custom metric that counts requests)
    o = {};
    o.metric = "";
    CHECK(aio::parse_cloudwatch_json(R"({"Label": "RequestCount", "Datapoints": [
        {"Timestamp": "2024-05-01T10:00:00Z", "Sum": 5, "Unit": "Count"},
        {"Timestamp": "2024-05-01T10:01:00Z", "Sum": 6, "Unit": "Count"}]})",
                                     o, "alb.json")
              .counts() == std::vector<double>{5, 6});
}
