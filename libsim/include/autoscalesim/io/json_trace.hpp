#pragma once
/// Traces as JSON: {"format": "autoscalesim.trace", "version": 1, "interval_ms": 60000,
/// "start_epoch_ms": 0, "counts": [...]}. Doubles are written so that they read back bit for bit.

#include "autoscalesim/trace.hpp"

#include <string>
#include <string_view>

namespace autoscalesim::io {

/// The trace as JSON text (one line, counts in shortest round-trip form).
std::string format_json_trace(const trace& t);

/// Writes format_json_trace(t) and a newline to path; throws io_error on failure.
void write_json_trace(const trace& t, const std::string& path);

/// Reads a file written by write_json_trace; throws io_error when it cannot be read and trace_error
/// naming the file and the field that is wrong.
trace read_json_trace(const std::string& path);

/// Parses JSON trace text held in memory; name stands for the file in messages.
trace parse_json_trace(std::string_view text, const std::string& name = "<text>");

} // namespace autoscalesim::io
