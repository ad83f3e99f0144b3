#pragma once
// Shared by the fuzz targets: the first input byte chooses the options, the rest is the file.
// Only the library's own error types are expected; anything else (another exception, a crash, a
// sanitizer report, a hang) is a finding.

#include <autoscalesim/errors.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace fuzz {

/// Option bits and the text of the input.
struct input {
    std::uint8_t bits = 0; ///< option choices
    std::string_view text; ///< the file's contents
};

/// Splits a fuzzer input into option bits and text.
inline input split(const std::uint8_t* data, std::size_t size) {
    input in;
    if (size > 0) {
        in.bits = data[0];
        in.text = std::string_view(reinterpret_cast<const char*>(data) + 1, size - 1);
    }
    return in;
}

/// The text as one file, or (when bit 1 of the options is set) as two split at its middle line:
/// (name, text) pairs for the readers that take several AWS CLI files.
inline std::vector<std::pair<std::string, std::string>> one_or_two_files(const input& in) {
    const std::string text(in.text);
    const auto cut = text.find('\n', text.size() / 2);
    if ((in.bits & 2) != 0 && cut != std::string::npos) {
        return {{"a.json", text.substr(0, cut)}, {"b.json", text.substr(cut)}};
    }
    return {{"fuzz.json", text}};
}

/// Runs f, accepting the library's documented errors only.
template <class F> void expect_only_library_errors(F&& f) {
    try {
        f();
    } catch (const autoscalesim::trace_error&) {
    } catch (const autoscalesim::io_error&) {
    } catch (const autoscalesim::config_error&) {
    }
}

/// Aborts (a finding) when a property does not hold.
inline void require(bool ok) {
    if (!ok) {
        std::abort();
    }
}

} // namespace fuzz
