// Fuzzes the CloudWatch get-metric-statistics / get-metric-data reader.
#include "fuzz_common.hpp"

#include <autoscalesim/io/cloudwatch.hpp>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    namespace aio = autoscalesim::io;
    const auto in = fuzz::split(data, size);
    aio::cloudwatch_options o;
    o.gaps = static_cast<aio::gap_policy>(in.bits & 3);
    o.values =
        (in.bits & 4) != 0 ? aio::value_kind::rate_per_s : aio::value_kind::count_per_interval;
    o.statistic = (in.bits & 8) != 0 ? "Average" : "Sum";
    o.id = (in.bits & 16) != 0 ? "a" : "";
    o.interval_ms = (in.bits & 32) != 0 ? 60'000 : 0;
    o.max_intervals = 100'000;
    fuzz::expect_only_library_errors(
        [&] { (void)aio::parse_cloudwatch_json(in.text, o, "fuzz.json"); });
    return 0;
}
