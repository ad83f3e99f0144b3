// CSV traces: options, gap policies, round trips and one test per kind of bad input.
#include "temp_dir.hpp"

#include <autoscalesim/errors.hpp>
#include <autoscalesim/io/csv_trace.hpp>

#include <doctest/doctest.h>

#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

using namespace autoscalesim;
namespace aio = autoscalesim::io;

namespace {
std::string data(const std::string& name) {
    return std::string(ASIM_SOURCE_DIR) + "/tests/data/csv/" + name;
}

std::string slurp(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

// 2024-05-01T10:00:00Z = 1714557600 s since the epoch (19844 days * 86400 + 10 h).
constexpr time_ms may1_10h_ms = 1'714'557'600'000;

aio::csv_options with_gaps(aio::gap_policy g) {
    aio::csv_options o;
    o.gaps = g;
    return o;
}
} // namespace

TEST_CASE("csv: the bundled traces read with the README's totals") {
    const trace nasa = aio::read_csv_trace(std::string(ASIM_SOURCE_DIR) +
                                           "/traces/nasa_http_1995_07_per_minute.csv");
    CHECK(nasa.size() == 39'692);
    CHECK(nasa.interval_ms() == 60'000);
    CHECK(nasa.total() == 1'891'672);
    CHECK(aio::format_iso8601(nasa.start_epoch_ms()) == "1995-07-01T04:00:00Z");
    const trace azure = aio::read_csv_trace(std::string(ASIM_SOURCE_DIR) +
                                            "/traces/azure_llm_inference_2023_conv_per_second.csv");
    CHECK(azure.size() == 3'503);
    CHECK(azure.interval_ms() == 1'000);
    CHECK(azure.start_epoch_ms() == 0);
    CHECK(azure.total() == 19'366);
}

TEST_CASE("csv: a gap is an error by default, naming its position") {
    // rows at 10:00, 10:01, 10:04: 10:02 and 10:03 are missing; the row after the gap is line 4
    CHECK_THROWS_WITH_AS(aio::read_csv_trace(data("gap.csv")),
                         doctest::Contains("gap.csv:4: gap of 2 missing intervals (120 s) between "
                                           "2024-05-01T10:01:00Z and 2024-05-01T10:04:00Z"),
                         trace_error);
}

TEST_CASE("csv: gap policies zero, hold, interpolate") {
    // counts 5, 7, [gap, gap], 13, 2
    CHECK(aio::read_csv_trace(data("gap.csv"), with_gaps(aio::gap_policy::zero)).counts() ==
          std::vector<double>{5, 7, 0, 0, 13, 2});
    CHECK(aio::read_csv_trace(data("gap.csv"), with_gaps(aio::gap_policy::hold)).counts() ==
          std::vector<double>{5, 7, 7, 7, 13, 2});
    // straight line from 7 to 13 over 3 steps: 7 + 6/3 = 9, 7 + 12/3 = 11
    const trace t = aio::read_csv_trace(data("gap.csv"), with_gaps(aio::gap_policy::interpolate));
    CHECK(t.counts() == std::vector<double>{5, 7, 9, 11, 13, 2});
    CHECK(t.start_epoch_ms() == may1_10h_ms);
}

TEST_CASE("csv: columns by name, quoted fields, semicolon delimiter, rates per second, zones") {
    aio::csv_options o;
    o.delimiter = ';';
    o.time_column = "Time";
    o.value_column = "Invocations per second";
    o.values = aio::value_kind::rate_per_s;
    const trace t = aio::read_csv_trace(data("dashboard.csv"), o);
    // 12:00+02:00 is 10:00Z; rates 0.5, 1.25, 0 per second over 60 s = 30, 75, 0 requests
    CHECK(t.start_epoch_ms() == may1_10h_ms);
    CHECK(t.interval_ms() == 60'000);
    CHECK(t.counts() == std::vector<double>{30, 75, 0});
}

TEST_CASE("csv: a UTF-8 byte order mark is not part of the first row") {
    // Without a header, the first row is data (500 requests), not a header to skip; with one,
    // its first column is named "time", as the user sees it.
    const auto plain = aio::parse_csv_trace("0,500\n60,6\n120,7\n", {});
    const auto marked = aio::parse_csv_trace("\xEF\xBB\xBF"
                                             "0,500\n60,6\n120,7\n",
                                             {});
    CHECK(marked.counts() == std::vector<double>{500, 6, 7});
    CHECK(marked.start_epoch_ms() == plain.start_epoch_ms());
    aio::csv_options by_name;
    by_name.time_column = "time";
    by_name.value_column = "n";
    CHECK(aio::parse_csv_trace("\xEF\xBB\xBFtime,n\n0,500\n60,6\n", by_name).counts() ==
          std::vector<double>{500, 6});
    // read from a file as well (the file reader's own line splitting)
    const asim_test::temp_dir dir("csv_bom");
    const auto path = dir.path / "bom.csv";
    {
        std::ofstream f(path, std::ios::binary);
        f << "\xEF\xBB\xBF"
             "0,500\r\n60,6\r\n120,7\r\n";
    }
    CHECK(aio::read_csv_trace(path.string(), {}).counts() == std::vector<double>{500, 6, 7});
}

TEST_CASE("csv: timestamps as epoch seconds, milliseconds, and with an explicit interval") {
    const auto s = aio::parse_csv_trace("1714557600,1\n1714557660,2\n", {});
    CHECK(s.start_epoch_ms() == may1_10h_ms);
    CHECK(s.interval_ms() == 60'000);
    const auto ms = aio::parse_csv_trace("t,n\n1714557600000,1\n1714557601000,2\n", {});
    CHECK(ms.start_epoch_ms() == may1_10h_ms);
    CHECK(ms.interval_ms() == 1'000);
    // the given interval makes the 2-minute step a gap of one interval, filled by hold
    aio::csv_options o;
    o.interval_ms = 60'000;
    o.gaps = aio::gap_policy::hold;
    CHECK(aio::parse_csv_trace("0,4\n120,6\n", o).counts() == std::vector<double>{4, 4, 6});
    // a single row needs the interval
    CHECK_THROWS_WITH_AS(aio::parse_csv_trace("0,4\n", {}, "one.csv"),
                         doctest::Contains("one.csv: one data row"), trace_error);
    CHECK(aio::parse_csv_trace("0,4\n", o).size() == 1);
    // naive ISO times are an error unless declared UTC
    CHECK_THROWS_WITH_AS(
        aio::parse_csv_trace("2024-05-01 10:00:00,1\n2024-05-01 10:01:00,1\n", {}, "n.csv"),
        doctest::Contains("n.csv:1: timestamp \"2024-05-01 10:00:00\": has no time zone"),
        trace_error);
    aio::csv_options utc;
    utc.naive_times_are_utc = true;
    CHECK(aio::parse_csv_trace("2024-05-01 10:00:00,1\n2024-05-01 10:01:00,1\n", utc)
              .start_epoch_ms() == may1_10h_ms);
}

TEST_CASE("csv: write then read is bit-identical, and so is the rewritten file") {
    // awkward doubles: 1.3 * 41 = 53.300000000000004, 0.1 + 0.2 = 0.30000000000000004, 1e-300
    const trace t(std::vector<double>{1.3 * 41, 0.1 + 0.2, 1e-300, 0, 123456789.125}, 60'000,
                  may1_10h_ms + 500);
    const auto dir = std::filesystem::temp_directory_path();
    for (auto fmt : {aio::timestamp_format::iso8601, aio::timestamp_format::epoch_s,
                     aio::timestamp_format::epoch_ms}) {
        const std::string a = (dir / "asim_roundtrip_a.csv").string(),
                          b = (dir / "asim_roundtrip_b.csv").string();
        aio::write_csv_trace(t, a, {fmt});
        const trace back = aio::read_csv_trace(a);
        REQUIRE(back.size() == t.size());
        CHECK(std::memcmp(back.counts().data(), t.counts().data(), t.size() * sizeof(double)) == 0);
        CHECK(back.interval_ms() == t.interval_ms());
        CHECK(back.start_epoch_ms() == t.start_epoch_ms());
        aio::write_csv_trace(back, b, {fmt});
        CHECK(slurp(a) == slurp(b));
    }
    CHECK(aio::format_csv_trace(trace(std::vector<double>{2, 3}, 60'000, may1_10h_ms)) ==
          "timestamp,requests\n2024-05-01T10:00:00Z,2\n2024-05-01T10:01:00Z,3\n");
    // epoch times near 0 would look like seconds; the header's unit suffix keeps them milliseconds
    const trace early(std::vector<double>{1, 2}, 1'000, 0);
    const std::string early_text = aio::format_csv_trace(early, {aio::timestamp_format::epoch_ms});
    CHECK(early_text == "timestamp_ms,requests\n0,1\n1000,2\n");
    CHECK(aio::parse_csv_trace(early_text, {}).interval_ms() == 1'000);
    // a one-row trace carries its interval in a comment
    const trace one(std::vector<double>{7}, 5'000, 0);
    const trace one_back = aio::parse_csv_trace(aio::format_csv_trace(one), {});
    CHECK(one_back.interval_ms() == 5'000);
    CHECK(one_back.counts() == one.counts());
}

TEST_CASE("csv: parse_iso8601 and format_iso8601") {
    CHECK(aio::parse_iso8601("1995-07-01T00:00:01-04:00") == 804'571'201.0);
    CHECK(aio::parse_iso8601("2024-05-01T12:00:00.250+0200") == 1'714'557'600.25);
    CHECK(aio::format_iso8601(-1) == "1969-12-31T23:59:59.999Z");
    CHECK_THROWS_AS(aio::parse_iso8601("2023-02-29T00:00:00Z"), trace_error); // not a leap year
    // second 60 only ends a minute 59 (a leap second); 00:00:60 was read as 00:01:00
    CHECK(aio::parse_iso8601("2016-12-31T23:59:60Z") == aio::parse_iso8601("2017-01-01T00:00:00Z"));
    CHECK_THROWS_AS(aio::parse_iso8601("2024-05-01T00:00:60Z"), trace_error);
    CHECK_THROWS_AS(aio::parse_iso8601("2024-05-01T10:00:00Zjunk"), trace_error);
}

// ---- bad input: one test each ----

TEST_CASE("csv bad input: unparsable number") {
    CHECK_THROWS_WITH_AS(aio::read_csv_trace(data("bad_number.csv")),
                         doctest::Contains("bad_number.csv:4: value is not a number: \"x12\""),
                         trace_error);
}

TEST_CASE("csv bad input: negative count") {
    CHECK_THROWS_WITH_AS(aio::read_csv_trace(data("bad_negative.csv")),
                         doctest::Contains("bad_negative.csv:3: expected a count >= 0, got -3"),
                         trace_error);
}

TEST_CASE("csv bad input: NaN count") {
    CHECK_THROWS_WITH_AS(aio::read_csv_trace(data("bad_nan.csv")),
                         doctest::Contains("bad_nan.csv:3: expected a count >= 0, got nan"),
                         trace_error);
}

TEST_CASE("csv bad input: timestamp goes backwards") {
    CHECK_THROWS_WITH_AS(aio::read_csv_trace(data("bad_backwards.csv")),
                         doctest::Contains("bad_backwards.csv:5: timestamp goes backwards "
                                           "(2024-05-01T10:01:30Z after 2024-05-01T10:02:00Z)"),
                         trace_error);
}

TEST_CASE("csv bad input: duplicate timestamp") {
    CHECK_THROWS_WITH_AS(
        aio::read_csv_trace(data("bad_duplicate.csv")),
        doctest::Contains("bad_duplicate.csv:4: duplicate timestamp 2024-05-01T10:01:00Z"),
        trace_error);
}

TEST_CASE("csv bad input: wrong column count") {
    CHECK_THROWS_WITH_AS(
        aio::read_csv_trace(data("bad_columns.csv")),
        doctest::Contains("bad_columns.csv:3: wrong column count: expected 2 (like line 1), got 3"),
        trace_error);
}

TEST_CASE("csv: a .tsv file reads with tabs; a row of one field names the separator it holds") {
    const auto dir = std::filesystem::temp_directory_path();
    const std::string rows = "timestamp\trequests\n1714557600\t5\n1714557660\t7\n";
    const std::string tsv = (dir / "asim_tabs.TSV").string();
    std::ofstream(tsv, std::ios::binary) << rows;
    const trace t = aio::read_csv_trace(tsv);
    REQUIRE(t.size() == 2);
    CHECK(t.counts()[1] == 7);
    CHECK(t.start_epoch_ms() == may1_10h_ms);
    // The same rows in a .csv: the tab is named as the separator to give.
    const std::string csv = (dir / "asim_tabs.csv").string();
    std::ofstream(csv, std::ios::binary) << rows;
    CHECK_THROWS_WITH_AS(aio::read_csv_trace(csv),
                         doctest::Contains("asim_tabs.csv:1: expected at least 2 columns (time in "
                                           "column 1, value in column 2), got 1; the row holds "
                                           "\"\\t\" (a tab): give it as the delimiter"),
                         trace_error);
    std::ofstream(csv, std::ios::binary) << "time;count\n1714557600;5\n";
    CHECK_THROWS_WITH_AS(aio::read_csv_trace(csv),
                         doctest::Contains("got 1; the row holds \";\": give it as the delimiter "
                                           "(a scenario's \"trace\": {\"delimiter\": ...}, the "
                                           "command's --delimiter, Python's "
                                           "Trace.from_csv(path, delimiter=...))"),
                         trace_error);
    std::filesystem::remove(tsv);
    std::filesystem::remove(csv);
}

TEST_CASE("csv: a header that calls another column the time is read by its names") {
    // "count,time": the counts are the first column. Read by position, 5 requests at 0 s
    // would become times and the times counts (interval 2 s, 180 requests); read by the
    // header, 60 s intervals and 21 requests.
    const trace t = aio::parse_csv_trace("count,time\n5,0\n7,60\n9,120\n", {}, "h.csv");
    CHECK(t.interval_ms() == 60'000);
    CHECK(t.counts() == std::vector<double>{5, 7, 9});
    CHECK(aio::parse_csv_trace("Invocations,Timestamp_ms\n5,0\n7,1000\n", {}).interval_ms() ==
          1'000);
    // Time first, no header, or a first column not named as counts: by position, as before
    // ("Zeit,Updates": "Updates" holds "date" but names no time; "interval,requests,
    // response_time_ms": a time word within a name).
    CHECK(aio::parse_csv_trace("time,count\n0,5\n60,7\n", {}).counts() ==
          std::vector<double>{5, 7});
    CHECK(aio::parse_csv_trace("Zeit,Updates\n0,5\n60,7\n", {}).counts() ==
          std::vector<double>{5, 7});
    CHECK(
        aio::parse_csv_trace("interval,requests,response_time_ms\n0,5,3\n60,7,4\n", {}).counts() ==
        std::vector<double>{5, 7});
    CHECK(aio::parse_csv_trace("bucket,Date\n0,5\n60,7\n", {}).counts() ==
          std::vector<double>{5, 7});
    // Three columns with the time named elsewhere: ask, naming the columns.
    CHECK_THROWS_WITH_AS(
        aio::parse_csv_trace("count,region,timestamp\n5,eu,0\n7,eu,60\n", {}, "h3.csv"),
        doctest::Contains("h3.csv:1: the header calls column 3 \"timestamp\", but column 1 "
                          "(\"count\") would be read as the time: give the columns by name"),
        trace_error);
    // Named or placed columns are taken as given.
    aio::csv_options o;
    o.time_column = "timestamp";
    o.value_column = "count";
    CHECK(aio::parse_csv_trace("count,region,timestamp\n5,eu,0\n7,eu,60\n", o).counts() ==
          std::vector<double>{5, 7});
    aio::csv_options placed;
    placed.time_column_index = 2;
    placed.value_column_index = 0;
    CHECK(aio::parse_csv_trace("count,region,timestamp\n5,eu,0\n7,eu,60\n", placed).counts() ==
          std::vector<double>{5, 7});
}

TEST_CASE("csv bad input: unknown column name") {
    aio::csv_options o;
    o.value_column = "Invocations";
    CHECK_THROWS_WITH_AS(
        aio::read_csv_trace(data("gap.csv"), o),
        doctest::Contains("gap.csv:1: unknown column name \"Invocations\" (the header has "
                          "\"timestamp\", \"requests\")"),
        trace_error);
}

TEST_CASE("csv bad input: empty file") {
    CHECK_THROWS_WITH_AS(aio::read_csv_trace(data("empty.csv")),
                         doctest::Contains("empty.csv: empty file"), trace_error);
    CHECK_THROWS_WITH_AS(aio::read_csv_trace(data("header_only.csv")),
                         doctest::Contains("header_only.csv: no data rows"), trace_error);
}

TEST_CASE("csv bad input: file not found") {
    CHECK_THROWS_WITH_AS(aio::read_csv_trace(data("no_such_file.csv")),
                         doctest::Contains("no_such_file.csv: cannot open file"), io_error);
}

TEST_CASE("csv bad input: rows off the interval grid, interval out of range, absurd span") {
    CHECK_THROWS_WITH_AS(
        aio::parse_csv_trace("0,1\n60,1\n150,1\n", {}, "g.csv"),
        doctest::Contains("g.csv:3: timestamp 1970-01-01T00:02:30Z is 90 s after the previous row"),
        trace_error);
    CHECK_THROWS_WITH_AS(aio::parse_csv_trace("0,1\n0.5,1\n", {}, "h.csv"),
                         doctest::Contains("h.csv: interval of 0.5 s"), trace_error);
    aio::csv_options o;
    o.gaps = aio::gap_policy::zero;
    // a typo'd year: one gap that dwarfs the data is refused, naming its row
    const std::string typo =
        "2024-05-01T10:00:00Z,1\n2024-05-01T10:01:00Z,1\n3024-05-01T10:01:00Z,1\n";
    CHECK_THROWS_WITH_AS(aio::parse_csv_trace(typo, o, "y.csv"),
                         doctest::Contains("y.csv:3: timestamp 3024-05-01T10:01:00Z leaves a gap "
                                           "of 365241 days after 2024-05-01T10:01:00Z"),
                         trace_error);
    // ... and when gaps that long are allowed, 1,000 years of minutes is more than the limit,
    // reported before allocating
    o.max_gap_ratio = 0;
    CHECK_THROWS_WITH_AS(aio::parse_csv_trace(typo, o, "y.csv"),
                         doctest::Contains("more than the limit"), trace_error);
    // 180 years (2204 for 2024, the case) after a day of data, with "zero" gaps: the
    // row is named instead of a 94.7-million-interval trace.
    o.max_gap_ratio = 10;
    std::string day;
    for (int m = 0; m < 1440; ++m) {
        day += std::to_string(1714557600 + 60 * m) + ",1\n";
    }
    CHECK_THROWS_WITH_AS(aio::parse_csv_trace(day + "7394557600,1\n", o, "d.csv"),
                         doctest::Contains("d.csv:1441: timestamp"), trace_error);
    // A quiet day between two busy ones is a gap, not a typo: filled with zeros.
    std::string quiet = day;
    for (int m = 0; m < 1440; ++m) {
        quiet += std::to_string(1714557600 + 2 * 86400 + 60 * m) + ",1\n";
    }
    CHECK(aio::parse_csv_trace(quiet, o, "q.csv").size() == 3 * 1440);
    CHECK_THROWS_WITH_AS(aio::parse_csv_trace("t,n\n\"0,1\n", {}, "q.csv"),
                         doctest::Contains("q.csv:2: unterminated quote"), trace_error);
}

TEST_CASE("csv bad input: counts whose total would overflow name their row") {
    // Two rows of 1e308 add up to infinity; any total past 1e15 requests is refused.
    CHECK_THROWS_WITH_AS(aio::parse_csv_trace("0,1e308\n60,1e308\n", {}, "o.csv"),
                         doctest::Contains("o.csv:1: value 1e+308 brings the trace's total past "
                                           "1e15 requests"),
                         trace_error);
    CHECK_THROWS_WITH_AS(aio::parse_csv_trace("0,6e14\n60,6e14\n", {}, "p.csv"),
                         doctest::Contains("p.csv:2: value"), trace_error);
    CHECK(aio::parse_csv_trace("0,4e14\n60,4e14\n", {}, "q.csv").total() == 8e14);
}

TEST_CASE("csv bad input: an over-long field is echoed cut, with its length") {
    const std::string big(5'000'000, '7');
    try {
        (void)aio::parse_csv_trace("0,1\n60," + big + "x\n", {}, "big.csv");
        FAIL("no error");
    } catch (const trace_error& e) {
        const std::string what = e.what();
        CHECK(what.size() < 200);
        CHECK(what.find("big.csv:2: value is not a number: \"777") == 0);
        CHECK(what.find("...\" (5000001 characters)") != std::string::npos);
    }
}

TEST_CASE("csv bad input: a timestamp out of range is named as one, with its row") {
    // The first row's 1e300 said "expected epoch milliseconds (like the first row)" of the
    // first row itself; it is a number, just no time.
    CHECK_THROWS_WITH_AS(aio::parse_csv_trace("1e300,1\n", {}, "far.csv"),
                         doctest::Contains("far.csv:1: time out of range: \"1e300\" epoch "
                                           "milliseconds is not within +-1e15 ms (some 31,700 "
                                           "years) of 1970"),
                         trace_error);
    CHECK_THROWS_WITH_AS(aio::parse_csv_trace("t,n\n0,1\n-1e13,1\n", {}, "neg.csv"),
                         doctest::Contains("neg.csv:3: time out of range: \"-1e13\" epoch "
                                           "seconds is not within +-1e15 ms"),
                         trace_error);
    // Text where the first row set a number of seconds is still said to be unlike it; with the
    // format given, the first row has no say.
    CHECK_THROWS_WITH_AS(aio::parse_csv_trace("0,1\nsoon,1\n", {}, "text.csv"),
                         doctest::Contains("text.csv:2: expected epoch seconds (like the first "
                                           "row), got \"soon\""),
                         trace_error);
    aio::csv_options seconds;
    seconds.time_format = aio::timestamp_format::epoch_s;
    seconds.header = aio::header_mode::absent;
    CHECK_THROWS_WITH_AS(aio::parse_csv_trace("soon,1\n", seconds, "given.csv"),
                         doctest::Contains("given.csv:1: expected epoch seconds, got \"soon\""),
                         trace_error);
}

TEST_CASE("csv: an interval comment is read or refused, never taken for text") {
    // "# interval_ms=N" gives a one-row trace its interval, before the data (after a header
    // too); one that does not say N, says it twice differently or comes late is an error.
    CHECK(aio::parse_csv_trace("# interval_ms=120000\n0,4\n", {}).interval_ms() == 120'000);
    CHECK(aio::parse_csv_trace("t,n\n#interval_ms = 300000\n0,4\n", {}).interval_ms() == 300'000);
    CHECK(aio::parse_csv_trace("# any other comment\n# interval_ms=60000\n# interval_ms=60000\n"
                               "0,4\n",
                               {})
              .interval_ms() == 60'000);
    const auto problem = [](const std::string& text) -> std::string {
        try {
            aio::parse_csv_trace(text, {}, "h.csv");
        } catch (const trace_error& e) {
            return e.what();
        }
        return "accepted";
    };
    CHECK(problem("# interval_ms=abc\n0,4\n") ==
          "h.csv:1: a \"# interval_ms=N\" line needs N, a whole number of milliseconds in [1, "
          "1e9], got \"# interval_ms=abc\"");
    CHECK(problem("# interval_ms 60000\n0,4\n").starts_with("h.csv:1: a \"# interval_ms=N\""));
    CHECK(problem("# interval_ms=1.5\n0,4\n").starts_with("h.csv:1: a \"# interval_ms=N\""));
    CHECK(problem("# interval_ms=60000\n# interval_ms=120000\n0,4\n") ==
          "h.csv:2: a second \"# interval_ms=N\" line says 120000, the first 60000; keep one");
    CHECK(problem("0,4\n# interval_ms=60000\n") ==
          "h.csv:2: \"# interval_ms=N\" comes after a data row; give it before the data");
}

TEST_CASE("csv: a column given by name and by another index is refused") {
    // The index was ignored without a word.
    aio::csv_options o;
    o.value_column = "n";
    o.value_column_index = 0;
    CHECK_THROWS_WITH_AS(aio::parse_csv_trace("t,n\n0,4\n60,5\n", o),
                         "value_column_index: give the column by name (\"n\") or by index, not "
                         "both",
                         config_error);
    o.value_column_index = aio::csv_options{}.value_column_index;
    CHECK(aio::parse_csv_trace("t,n\n0,4\n60,5\n", o).counts() == std::vector<double>{4, 5});
    o.time_column = "t";
    o.time_column_index = 3;
    CHECK_THROWS_WITH_AS(aio::check_csv_columns(o, "trace."),
                         "trace.time_column_index: give the column by name (\"t\") or by index, "
                         "not both",
                         config_error);
}

TEST_CASE("csv: lines ended by a carriage return alone are named as such") {
    // They read as one line, a header without data ("no data rows").
    CHECK_THROWS_WITH_AS(aio::parse_csv_trace("time,n\r0,5\r60,6\r", {}, "mac.csv"),
                         "mac.csv:1: holds a carriage return inside the line: are the lines "
                         "ended by CR alone (classic Mac OS)? Save the file with LF or CRLF line "
                         "ends",
                         trace_error);
    CHECK(aio::parse_csv_trace("time,n\r\n0,5\r\n60,6\r\n", {}).counts() ==
          std::vector<double>{5, 6});
}

TEST_CASE("activities.csv quotes a cause as RFC 4180 does: a policy's name reads back as given") {
    // A quote in a name was written as an apostrophe: a,b"c came back as a,b'c.
    const asim_test::temp_dir dir("csv_activities");
    const std::string path = (dir.path / "activities.csv").string();
    aio::write_activities_csv({{240'000, 540'500, 2, 3, "a,b\"c: AlarmHigh"}}, path);
    CHECK(slurp(path) == "start_s,end_s,from,to,cause\n240,540.5,2,3,\"a,b\"\"c: AlarmHigh\"\n");
}
