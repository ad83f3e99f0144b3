#pragma once
// Shared by the fuzz targets: the first input byte chooses the options, the rest is the file.
// Only the library's own error types are expected; anything else (another exception, a crash, a
// sanitizer report, a hang) is a finding.

#include <autoscalesim/errors.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

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
