// Fuzzes the describe-scaling-activities reader and what calibration builds from it: the window's
// activities keep their order, and each starts from the count the previous one set.
#include "fuzz_common.hpp"

#include <autoscalesim/io/aws_activities.hpp>

#include <string>
#include <utility>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    namespace aio = autoscalesim::io;
    const auto in = fuzz::split(data, size);
    // Bit 0 picks the resource; bit 1 splits the text in two files at its middle line.
    const std::string resource = (in.bits & 1) != 0 ? "endpoint/e/variant/AllTraffic" : "";
    const auto docs = fuzz::one_or_two_files(in);
    fuzz::expect_only_library_errors([&] {
        const auto r = aio::parse_aws_activities(docs, resource);
        for (std::size_t i = 1; i < r.listed.size(); ++i) {
            fuzz::require(r.listed[i - 1].start_epoch_ms <= r.listed[i].start_epoch_ms);
        }
        for (const auto& a : r.listed) {
            fuzz::require(a.end_epoch_ms >= a.start_epoch_ms);
            fuzz::require(a.status != "Successful" || a.to >= 0);
        }
        const auto w = aio::successful_activities(r, 1714557600000, 1714600800000, 1);
        int current = w.initial_capacity;
        for (const auto& a : w.activities) {
            fuzz::require(a.from == current && a.start_ms >= 0 && a.end_ms >= a.start_ms);
            current = a.to;
        }
    });
    return 0;
}
