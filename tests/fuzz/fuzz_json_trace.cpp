// Fuzzes the JSON trace reader; a trace that reads must write back to the same text.
#include "fuzz_common.hpp"

#include <autoscalesim/io/json_trace.hpp>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    namespace aio = autoscalesim::io;
    const auto in = fuzz::split(data, size);
    fuzz::expect_only_library_errors([&] {
        const autoscalesim::trace t = aio::parse_json_trace(in.text, "fuzz.json");
        const std::string text = aio::format_json_trace(t);
        fuzz::require(aio::format_json_trace(aio::parse_json_trace(text, "again.json")) == text);
    });
    return 0;
}
