// Access logs: Common Log Format (the NASA-HTTP layout) and one timestamp per line.
#include <autoscalesim/errors.hpp>
#include <autoscalesim/io/access_log.hpp>
#include <autoscalesim/io/csv_trace.hpp>

#include <doctest/doctest.h>

using namespace autoscalesim;
namespace aio = autoscalesim::io;

namespace {
std::string data(const std::string& name) {
    return std::string(ASIM_SOURCE_DIR) + "/tests/data/access_log/" + name;
}
// 1995-07-01T00:00:00-04:00 = 1995-07-01T04:00:00Z = 804571200 s since the epoch
constexpr time_ms nasa_start_ms = 804'571'200'000;
} // namespace

TEST_CASE("access log: Common Log Format lines from the NASA-HTTP log") {
    const arrival_log log = aio::read_access_log(data("nasa_sample.log"));
    // 15 requests from 00:00:01 to 00:00:15 local (-04:00)
    REQUIRE(log.size() == 15);
    CHECK(log.first_ms() == nasa_start_ms + 1'000);
    CHECK(log.last_ms() == nasa_start_ms + 15'000);
    // 5-second counts: [0,5) holds :01 -> 1; [5,10) :06, :09 -> 2; [10,15) :11 x2, :12 x3, :13 x2,
    // :14 x3 -> 10; [15,20) :15 x2 -> 2. Total 15.
    const trace t = log.to_counts(5'000);
    CHECK(t.start_epoch_ms() == nasa_start_ms);
    CHECK(t.counts() == std::vector<double>{1, 2, 10, 2});
    // counting while reading gives the same trace without holding the arrivals
    const trace streamed = aio::read_access_log_counts(data("nasa_sample.log"), 5'000);
    CHECK(streamed.counts() == t.counts());
    CHECK(streamed.start_epoch_ms() == t.start_epoch_ms());
    CHECK(aio::read_access_log_counts(data("nasa_sample.log"), 60'000).counts() ==
          std::vector<double>{15});
}

TEST_CASE("access log: plain epoch seconds and ISO-8601 lines") {
    const arrival_log log = aio::read_access_log(data("plain_epoch.log"));
    CHECK(log.times_ms() == std::vector<time_ms>{1'714'557'600'250, 1'714'557'600'750,
                                                 1'714'557'601'000, 1'714'557'603'999});
    // per second from 10:00:00: 2, 1, 0, 1
    CHECK(aio::read_access_log_counts(data("plain_epoch.log"), 1'000).counts() ==
          std::vector<double>{2, 1, 0, 1});
    const arrival_log iso =
        aio::parse_access_log("2024-05-01T10:00:00.5Z\n2024-05-01T12:00:00.5+02:00\n", {});
    CHECK(iso.times_ms() == std::vector<time_ms>{1'714'557'600'500, 1'714'557'600'500});
}

TEST_CASE("access log: unsorted lines when allowed") {
    aio::access_log_options o;
    o.allow_unsorted = true;
    // 10:00:03, then 09:59:58 (before the first interval, which grows backwards), then 10:00:01
    const char* text = "2024-05-01T10:00:03Z\n2024-05-01T09:59:58Z\n2024-05-01T10:00:01Z\n";
    CHECK(aio::parse_access_log(text, o).first_ms() == 1'714'557'598'000);
    const trace t = aio::parse_access_log_counts(text, 1'000, o);
    CHECK(t.start_epoch_ms() == 1'714'557'598'000);
    CHECK(t.counts() == std::vector<double>{1, 0, 0, 1, 0, 1});
}

TEST_CASE("access log bad input: timestamp goes backwards") {
    CHECK_THROWS_WITH_AS(
        aio::read_access_log(data("bad_backwards.log")),
        doctest::Contains("bad_backwards.log:2: timestamp goes backwards (2024-05-01T10:00:00.100Z "
                          "after 2024-05-01T10:00:00.500Z on line 1)"),
        trace_error);
    CHECK_THROWS_AS(aio::read_access_log_counts(data("bad_backwards.log"), 1'000), trace_error);
}

TEST_CASE(
    "access log bad input: a line without a time, a bad time, empty, not found, absurd span") {
    CHECK_THROWS_WITH_AS(
        aio::read_access_log(data("bad_line.log")),
        doctest::Contains("bad_line.log:2: no [time] field (expected Common Log Format"),
        trace_error);
    CHECK_THROWS_WITH_AS(
        aio::parse_access_log("h - - [31/Jun/1995:00:00:01 -0400] \"GET /\" 200 1\n", {}, "j.log"),
        doctest::Contains("j.log:1: time \"31/Jun/1995:00:00:01 -0400\" is not"), trace_error);
    CHECK_THROWS_WITH_AS(
        aio::parse_access_log("1.5\nabc\n", {}, "p.log"),
        doctest::Contains("p.log:2: expected epoch seconds (like the first row), got \"abc\""),
        trace_error);
    CHECK_THROWS_WITH_AS(aio::parse_access_log("# nothing\n\n", {}, "e.log"),
                         doctest::Contains("e.log: empty file"), trace_error);
    CHECK_THROWS_WITH_AS(aio::read_access_log(data("no_such.log")),
                         doctest::Contains("no_such.log: cannot open file"), io_error);
    aio::access_log_options small;
    small.max_intervals = 1000;
    small.max_gap_ratio = 0; // the interval limit, not the gap check
    CHECK_THROWS_WITH_AS(
        aio::parse_access_log_counts("0\n100000\n", 1'000, small, "s.log"),
        doctest::Contains(
            "s.log:2: 1970-01-02T03:46:40Z is 100000 intervals after the first request"),
        trace_error);
}

TEST_CASE("access logs: a gap that dwarfs the rest of the log is a mistyped timestamp") {
    namespace aio = autoscalesim::io;
    // 2024-05-01T10:00Z, a minute later, then 2200-01-01: a gap of 64,595 days against 60 s
    const std::string typo = "1714557600\n1714557660\n7258118400\n";
    CHECK_THROWS_WITH_AS(aio::parse_access_log_counts(typo, 60'000, {}, "y.log"),
                         doctest::Contains("y.log:3: timestamp 2200-01-01T00:00:00Z leaves a gap"),
                         autoscalesim::trace_error);
    CHECK_THROWS_WITH_AS(aio::parse_access_log(typo, {}, "y.log"),
                         doctest::Contains("a mistyped timestamp? (max_gap_ratio 0 allows it)"),
                         autoscalesim::trace_error);
    // allowed, the counting reader still refuses a trace beyond its interval limit (5.6e9
    // one-second intervals), by line, before allocating it
    aio::access_log_options allow;
    allow.max_gap_ratio = 0;
    CHECK_THROWS_WITH_AS(aio::parse_access_log_counts(typo, 1'000, allow, "y.log"),
                         doctest::Contains("y.log:3:"), autoscalesim::trace_error);
    CHECK(aio::parse_access_log(typo, allow, "y.log").size() == 3);
    // a 3-day quiet spell between two 2-day stretches is data: 3 < 10 x 4 days
    std::string ok;
    for (long long t : {0LL, 2 * 86400LL, 5 * 86400LL, 7 * 86400LL}) {
        ok += std::to_string(1714521600LL + t) + "\n";
    }
    const auto counts = aio::parse_access_log_counts(ok, 3'600'000, {}, "ok.log");
    CHECK(counts.size() == 7 * 24 + 1);
    CHECK(counts.total() == 4);
}

TEST_CASE("access log: TIME,MODEL lines name each request's model (model_field)") {
    aio::access_log_options o;
    o.model_field = true;
    // Names are numbered in order of first appearance: cust-b 0, cust-a 1.
    const arrival_log named = aio::parse_access_log("2024-05-01T10:00:00Z,cust-b\n"
                                                    "2024-05-01T10:00:01Z, cust-a \n"
                                                    "# a comment\n"
                                                    "2024-05-01T10:00:02Z,cust-b\n",
                                                    o);
    CHECK(named.times_ms() ==
          std::vector<time_ms>{1'714'557'600'000, 1'714'557'601'000, 1'714'557'602'000});
    CHECK(named.models() == std::vector<int>{0, 1, 0});
    CHECK(named.model_names() == std::vector<std::string>{"cust-b", "cust-a"});
    // Whole numbers are the model indices themselves (model 1 never requested).
    const arrival_log numbered =
        aio::parse_access_log("1714557600.5,2\n1714557601,0\n1714557602,2\n", o);
    CHECK(numbered.models() == std::vector<int>{2, 0, 2});
    CHECK(numbered.model_names() == std::vector<std::string>{"0", "1", "2"});
    // Sorting unsorted lines keeps each request's model with it.
    o.allow_unsorted = true;
    const arrival_log sorted = aio::parse_access_log("1714557602,x\n1714557600,y\n", o);
    CHECK(sorted.times_ms() == std::vector<time_ms>{1'714'557'600'000, 1'714'557'602'000});
    CHECK(sorted.models() == std::vector<int>{1, 0});
    CHECK(sorted.model_names() == std::vector<std::string>{"x", "y"});
    // Without model_field a log names no model.
    CHECK(aio::parse_access_log("1714557600\n", aio::access_log_options{}).models().empty());
}

TEST_CASE("access log bad input: model_field lines") {
    aio::access_log_options o;
    o.model_field = true;
    CHECK_THROWS_WITH_AS(aio::parse_access_log("1714557600,a\n1714557601\n", o, "m.log"),
                         doctest::Contains("m.log:2: expected TIME,MODEL (model_field), got "
                                           "\"1714557601\""),
                         trace_error);
    CHECK_THROWS_WITH_AS(aio::parse_access_log("1714557600, \n", o, "m.log"),
                         doctest::Contains("m.log:1: no model after the comma"), trace_error);
    CHECK_THROWS_WITH_AS(
        aio::parse_access_log("h - - [01/Jul/1995:00:00:01 -0400] \"GET / HTTP/1.0\" 200 1,a\n", o,
                              "m.log"),
        doctest::Contains("m.log:1: model_field reads plain TIME,MODEL lines"), trace_error);
    CHECK_THROWS_WITH_AS(aio::parse_access_log("yesterday,a\n", o, "m.log"),
                         doctest::Contains("m.log:1:"), trace_error);
}
