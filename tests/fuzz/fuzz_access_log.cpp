// Fuzzes the access-log readers; the counted trace must match the arrival log's own counts.
#include "fuzz_common.hpp"

#include <autoscalesim/io/access_log.hpp>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    namespace aio = autoscalesim::io;
    const auto in = fuzz::split(data, size);
    aio::access_log_options o;
    o.format = static_cast<aio::access_log_format>((in.bits & 3) % 3);
    o.time_format = static_cast<aio::timestamp_format>((in.bits >> 2) & 3);
    o.allow_unsorted = (in.bits & 16) != 0;
    o.naive_times_are_utc = (in.bits & 32) != 0;
    o.max_intervals = 100'000;
    const autoscalesim::time_ms interval = (in.bits & 64) != 0 ? 60'000 : 1'000;
    fuzz::expect_only_library_errors([&] {
        const autoscalesim::arrival_log log = aio::parse_access_log(in.text, o, "fuzz.log");
        const autoscalesim::trace counted =
            aio::parse_access_log_counts(in.text, interval, o, "fuzz.log");
        const autoscalesim::trace direct = log.to_counts(interval);
        fuzz::require(counted.counts() == direct.counts() &&
                      counted.start_epoch_ms() == direct.start_epoch_ms());
    });
    return 0;
}
