// Fuzzes the scenario-file reader; a scenario that reads must give an effective_json that reads
// back to itself. Inputs that name files (the reader would open them) or hold large numbers (a
// generator asked for 1e8 intervals is valid but slow) are skipped.
#include "fuzz_common.hpp"

#include <autoscalesim/io/scenario_file.hpp>

#include <nlohmann/json.hpp>

#include <cmath>

namespace {
bool tame(const nlohmann::json& j) {
    if (j.is_object()) {
        for (const auto& item : j.items()) {
            if (item.key() == "file" || !tame(item.value())) return false;
        }
    } else if (j.is_array()) {
        for (const auto& v : j) {
            if (!tame(v)) return false;
        }
    } else if (j.is_number()) {
        return std::fabs(j.get<double>()) <= 1e5;
    }
    return true;
}
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    namespace aio = autoscalesim::io;
    const auto in = fuzz::split(data, size);
    const auto doc = nlohmann::json::parse(in.text, nullptr, false);
    if (!doc.is_discarded() && !tame(doc)) return 0;
    fuzz::expect_only_library_errors([&] {
        const auto f = aio::parse_scenario(in.text, "fuzz.json", "/nonexistent");
        const auto g = aio::parse_scenario(f.effective_json, "again.json", "/nonexistent");
        fuzz::require(g.effective_json == f.effective_json);
    });
    return 0;
}
