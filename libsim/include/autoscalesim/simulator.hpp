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

/// What a run records beyond its usual result, and when it stops.
struct simulate_options {
    /// Record result::margins (a run scaled by one target-tracking policy). Off by default: it
    /// costs about 8 % more instructions per run (a NASA month); the optimizer turns it on to
    /// skip the policies an evaluated one answers for.
    bool margins = false;
    /// Stop with cancelled_error soon after *cancel becomes true (nullptr: never).
    const std::atomic<bool>* cancel = nullptr;
};

/// The same, with options.
result simulate(const scenario& sc, const simulate_options& options);

/// Runs several inference components on one endpoint's instances, in lockstep: each scenario
/// is one component (kind inference_component: its traffic, copy, policies and seed), and the
/// instances (price, start-up, MinInstanceCount, MaxInstanceCount, the scale-in policy) are
/// shared, so those settings must agree between components, as must the traffic's duration.
/// Throws config_error naming the component ("components[1].endpoint...") and the field.
shared_result simulate_components(const std::vector<scenario>& components);

/// Throws config_error (naming "components[i]" and the field) unless the scenarios can run as
/// components of one endpoint: each valid and an inference component, with the first one's
/// instance settings and traffic duration.
void validate_components(const std::vector<scenario>& components);

/// The same, stopping with cancelled_error soon after `cancel` becomes true.
shared_result simulate_components(const std::vector<scenario>& components,
                                  const std::atomic<bool>& cancel);

/// The summary names an objective or constraint may use ("cost_usd", "p99_latency_s", ...).
const std::vector<std::string>& summary_fields();
/// The value of a summary field by name; throws config_error for an unknown name.
double summary_value(const summary& s, std::string_view field);
/// True for the summary fields that count things (scale_out_count, scale_in_count,
/// scaling_activities, peak_in_service): whole numbers, written and returned as integers.
bool is_count_field(std::string_view field) noexcept;
/// True for the summary fields that are shares in [0, 1] (error_rate, slo_attainment,
/// slo_violation_share, model_cache_hit_rate, under_ and over_provisioned_share).
bool is_share_field(std::string_view field) noexcept;
/// Sets a stored summary field by name (scaling_activities is derived and ignored); throws
/// config_error for an unknown name.
void set_summary_value(summary& s, std::string_view field, double value);

} // namespace autoscalesim
