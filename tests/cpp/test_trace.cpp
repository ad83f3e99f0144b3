// Trace transformations and statistics; every expected number is worked out in the comments.
#include <autoscalesim/arrival_log.hpp>
#include <autoscalesim/errors.hpp>
#include <autoscalesim/trace.hpp>

#include <doctest/doctest.h>

#include <limits>
#include <vector>

using namespace autoscalesim;

namespace {
std::vector<double> v(std::initializer_list<double> x) {
    return x;
}
} // namespace

TEST_CASE("trace stats: mean, peak, peak-to-mean, percentiles") {
    // counts 1..10 per minute: total 55, mean 5.5, peak 10, peak/mean = 10/5.5 = 1.8181...
    // sorted ranks 0..9; p50 at rank 4.5 -> (5+6)/2 = 5.5; p90 at rank 8.1 -> 9 + 0.1*(10-9) = 9.1
    const trace t(v({3, 1, 2, 4, 5, 6, 7, 8, 9, 10}), 60'000);
    const auto s = t.stats();
    CHECK(s.total == 55);
    CHECK(s.mean == doctest::Approx(5.5));
    CHECK(s.peak == 10);
    CHECK(s.peak_to_mean == doctest::Approx(10.0 / 5.5));
    CHECK(s.p50 == doctest::Approx(5.5));
    CHECK(t.percentile(90) == doctest::Approx(9.1));
    CHECK(t.percentile(0) == 1);
    CHECK(t.percentile(100) == 10);
    // 10 requests in 60 s = 0.1667 req/s at the peak
    CHECK(s.peak_rate_per_s == doctest::Approx(10.0 / 60));
    CHECK_THROWS_AS((void)t.percentile(101), config_error);
}

TEST_CASE("resample coarsens by summing whole groups") {
    // 6 one-minute counts -> 3-minute counts: 1+2+3 = 6, 4+5+6 = 15
    const trace t(v({1, 2, 3, 4, 5, 6}), 60'000, 1'000'000);
    const trace c = t.resampled(180'000);
    CHECK(c.counts() == v({6, 15}));
    CHECK(c.interval_ms() == 180'000);
    CHECK(c.start_epoch_ms() == 1'000'000);
    // 6 is not a multiple of 4: an incomplete last group is an error, not a silently short bucket
    CHECK_THROWS_WITH_AS((void)t.resampled(240'000), doctest::Contains("2 left over"),
                         config_error);
    CHECK_THROWS_AS((void)t.resampled(90'000), config_error); // not a multiple
}

TEST_CASE("resample refines evenly or by a profile") {
    // 60 requests in a minute -> four 15 s intervals of 15 each
    const trace t(v({60, 0}), 60'000);
    CHECK(t.resampled(15'000).counts() == v({15, 15, 15, 15, 0, 0, 0, 0}));
    // profile 1:2:1:0 -> weights 1/4, 2/4, 1/4, 0 of 60 = 15, 30, 15, 0
    CHECK(t.resampled(15'000, v({1, 2, 1, 0})).counts() == v({15, 30, 15, 0, 0, 0, 0, 0}));
    CHECK_THROWS_AS((void)t.resampled(15'000, v({1, 1})), config_error);       // wrong length
    CHECK_THROWS_AS((void)t.resampled(15'000, v({0, 0, 0, 0})), config_error); // all zero
    CHECK_THROWS_AS((void)t.resampled(7'000), config_error);                   // not a divisor
    // refine then coarsen gives the original back
    CHECK(t.resampled(15'000).resampled(60'000).counts() == t.counts());
}

TEST_CASE("slice by time keeps whole intervals inside the window") {
    // intervals start at 600, 660, 720, 780 s; [650 s, 790 s) holds the whole intervals at 660 and
    // 720 only
    const trace t(v({1, 2, 3, 4}), 60'000, 600'000);
    const trace s = t.slice_time(650'000, 790'000);
    CHECK(s.counts() == v({2, 3}));
    CHECK(s.start_epoch_ms() == 660'000);
    CHECK(t.slice_time(0, 10'000'000).counts() == t.counts());
    CHECK(t.slice_time(0, 100).empty());
}

TEST_CASE("busiest finds the window with the most requests, the earliest on a tie") {
    // windows of 2: [0,1] 4, [1,2] 8, [2,3] 9, [3,4] 6, [4,5] 9 -> the first 9, from index 2
    const trace t(v({1, 3, 5, 4, 2, 7}), 60'000, 600'000);
    const trace w = t.busiest(2);
    CHECK(w.counts() == v({5, 4}));
    CHECK(w.start_epoch_ms() == 600'000 + 2 * 60'000);
    CHECK(w.interval_ms() == 60'000);
    // windows of 3: 9, 12, 11, 13 -> from index 3
    CHECK(t.busiest(3).counts() == v({4, 2, 7}));
    CHECK(t.busiest(6).counts() == t.counts());
    CHECK(t.busiest(1).counts() == v({7}));
    CHECK_THROWS_WITH_AS(
        t.busiest(0), "busiest: a window of 0 intervals does not fit the trace's 6", config_error);
    CHECK_THROWS_AS(t.busiest(7), config_error);
}

TEST_CASE("scale, shift, concatenate, repeat") {
    const trace t(v({10, 20}), 60'000, 120'000);
    // x1.3 growth: 13, 26
    CHECK(t.scaled(1.3).counts()[0] == doctest::Approx(13));
    CHECK(t.scaled(1.3).counts()[1] == doctest::Approx(26));
    // shifting by one hour moves the start only
    const trace sh = t.shifted(3'600'000);
    CHECK(sh.start_epoch_ms() == 3'720'000);
    CHECK(sh.counts() == t.counts());
    // concatenation keeps the first start; repeat 3 times = 6 intervals, total 90
    const trace other(v({5}), 60'000, 999);
    CHECK(t.concatenated(other).counts() == v({10, 20, 5}));
    CHECK(t.concatenated(other).start_epoch_ms() == 120'000);
    CHECK(concatenate({t, other, t}).counts() == v({10, 20, 5, 10, 20}));
    CHECK(t.repeated(3).counts() == v({10, 20, 10, 20, 10, 20}));
    CHECK(t.repeated(3).total() == 90);
    CHECK_THROWS_AS((void)t.repeated(0), config_error);
    CHECK_THROWS_AS((void)t.concatenated(trace(v({1}), 1'000)), config_error);
    CHECK_THROWS_AS((void)t.repeated(max_trace_intervals), config_error);
}

TEST_CASE("arrival log counts per interval on the epoch grid") {
    // arrivals at 59.9 s, 60.0 s, 61 s, 185 s with 60 s intervals: grid starts at 0 (floor of 59.9
    // s), bins [0,60) -> 1, [60,120) -> 2, [120,180) -> 0, [180,240) -> 1
    const arrival_log log(std::vector<time_ms>{59'900, 60'000, 61'000, 185'000});
    const trace t = log.to_counts(60'000);
    CHECK(t.start_epoch_ms() == 0);
    CHECK(t.counts() == v({1, 2, 0, 1}));
    CHECK(log.first_ms() == 59'900);
    CHECK(log.last_ms() == 185'000);
    CHECK(floor_to_interval(-1, 60'000) == -60'000);
    CHECK_THROWS_WITH_AS(arrival_log(std::vector<time_ms>{5, 4}),
                         doctest::Contains("arrival 1 at 4 ms goes backwards"), trace_error);
    CHECK_THROWS_AS((void)log.to_counts(60'000, 60'000, 3),
                    trace_error); // 59.9 s is before the window
    CHECK_THROWS_AS((void)arrival_log().to_counts(60'000), trace_error);
}

TEST_CASE("a trace refuses counts whose total passes 1e15 requests, naming the interval") {
    CHECK_THROWS_WITH_AS(trace({1.0, 1e308, 1e308}, 60'000),
                         doctest::Contains("interval 1 (1e+308) brings the total past 1e15"),
                         trace_error);
    CHECK_THROWS_WITH_AS(trace({6e14, 6e14}, 60'000), doctest::Contains("interval 1"), trace_error);
    CHECK(trace({5e14, 5e14}, 60'000).total() == 1e15);
}

TEST_CASE("a trace's start is bounded, so no time of a run overflows") {
    // Near int64's end a scheduled action's minute arithmetic overflowed (undefined behaviour).
    constexpr time_ms limit = 1'000'000'000'000'000;
    CHECK_NOTHROW(trace({1}, 60'000, limit));
    CHECK_NOTHROW(trace({1}, 60'000, -limit));
    CHECK_THROWS_WITH_AS(trace({1}, 60'000, limit + 1),
                         doctest::Contains("trace start must be within +-1e15 ms"), trace_error);
    CHECK_THROWS_AS(trace({1}, 60'000, std::numeric_limits<time_ms>::max() - 1000), trace_error);
    const trace t({1}, 60'000, limit);
    CHECK_THROWS_AS((void)t.shifted(1), trace_error);
    CHECK_THROWS_AS((void)t.shifted(std::numeric_limits<time_ms>::max()), trace_error);
    CHECK(t.shifted(-limit).start_epoch_ms() == 0);
}

TEST_CASE("a slice outside the trace says where it starts and how long it is") {
    const trace t(std::vector<double>(30, 1.0), 60'000);
    // the end was printed as first + count, which wraps around for a huge first
    CHECK_THROWS_WITH_AS((void)t.slice(std::numeric_limits<std::size_t>::max(), 2),
                         "slice of 2 intervals from interval 18446744073709551615 is outside the "
                         "trace's 30 intervals",
                         config_error);
    CHECK_THROWS_WITH_AS((void)t.slice(25, 10),
                         "slice of 10 intervals from interval 25 is outside the trace's 30 "
                         "intervals",
                         config_error);
    CHECK(t.slice(25, 5).size() == 5);
}
