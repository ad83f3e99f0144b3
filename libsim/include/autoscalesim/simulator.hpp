#pragma once
/// The entry point: replay a trace through an endpoint and its scaling policies.

#include "autoscalesim/result.hpp"
#include "autoscalesim/scenario.hpp"

#include <atomic>
#include <string>
#include <vector>

namespace autoscalesim {

/// Runs one simulation. Deterministic: the same scenario (seed included) gives identical bits.
/// Throws config_error or trace_error naming the first bad field.
result simulate(const scenario& sc);

/// The same, stopping with cancelled_error soon after `cancel` becomes true (it is looked at
/// once per simulated span; a Ctrl-C in Python sets it).
result simulate(const scenario& sc, const std::atomic<bool>& cancel);

/// The summary names an objective or constraint may use ("cost_usd", "p99_latency_s", ...).
const std::vector<std::string>& summary_fields();
/// The value of a summary field by name; throws config_error for an unknown name.
double summary_value(const summary& s, std::string_view field);
/// True for the summary fields that count things (scale_out_count, scale_in_count,
/// scaling_activities, peak_in_service): whole numbers, written and returned as integers.
bool is_count_field(std::string_view field) noexcept;
/// Sets a stored summary field by name (scaling_activities is derived and ignored); throws
/// config_error for an unknown name.
void set_summary_value(summary& s, std::string_view field, double value);

} // namespace autoscalesim
