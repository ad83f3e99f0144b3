// Fuzzes the CSV trace reader; a trace that reads must also write and read back bit for bit.
#include "fuzz_common.hpp"

#include <autoscalesim/io/csv_trace.hpp>

#include <cstring>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    namespace aio = autoscalesim::io;
    const auto in = fuzz::split(data, size);
    aio::csv_options o;
    o.gaps = static_cast<aio::gap_policy>(in.bits & 3);
    o.values =
        (in.bits & 4) != 0 ? aio::value_kind::rate_per_s : aio::value_kind::count_per_interval;
    o.header = static_cast<aio::header_mode>(((in.bits >> 3) & 3) % 3);
    o.time_format = static_cast<aio::timestamp_format>((in.bits >> 5) & 3);
    o.delimiter = (in.bits & 0x80) != 0 ? ';' : ',';
    o.max_intervals = 100'000;
    fuzz::expect_only_library_errors([&] {
        const autoscalesim::trace t = aio::parse_csv_trace(in.text, o, "fuzz.csv");
        if (t.start_epoch_ms() > -100'000'000'000'000 && t.start_epoch_ms() < 100'000'000'000'000) {
            const auto back = aio::parse_csv_trace(
                aio::format_csv_trace(t, {aio::timestamp_format::epoch_ms}), {});
            fuzz::require(back.size() == t.size() && back.interval_ms() == t.interval_ms() &&
                          back.start_epoch_ms() == t.start_epoch_ms() &&
                          std::memcmp(back.counts().data(), t.counts().data(),
                                      t.size() * sizeof(double)) == 0);
        }
    });
    return 0;
}
