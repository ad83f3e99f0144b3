#pragma once
/// The calibration's report as text and JSON, and a trace's window as reports name it: what
/// `autoscalesim calibrate` prints and writes, and what Python's Calibration.report() and
/// .to_dict() return, from one place.

#include "autoscalesim/calibrate.hpp"
#include "autoscalesim/trace.hpp"

#include <string>

namespace autoscalesim::io {

/// "3 d 04:05:06": a duration in whole seconds.
std::string duration_text(double seconds);

/// "first 1995-07-01T04:00:00Z, last 1995-07-28T13:31:00Z (27.6 days)"; "relative times, ..."
/// when the trace's start is unknown.
std::string window_text(const trace& t);

/// The report's body after what was read: the given and the calibrated replay's error side by
/// side (activities paired, start offsets, instances, latency and latency by load band), one
/// "fitted" line per fit with its interval, and one "note" line per note.
std::string calibration_table(const calibration::calibration_result& c);

/// Every figure of the calibration as JSON (calibration.json): before, after, startup, service,
/// publish_delay (null when not fitted), policy_mismatch, notes; a figure not measured is null.
std::string calibration_json(const calibration::calibration_result& c);

} // namespace autoscalesim::io
