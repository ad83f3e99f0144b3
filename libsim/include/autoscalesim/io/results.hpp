#pragma once
/// Simulation and search results as files: summary.json, front.csv, evaluations.csv, written
/// atomically so that a reader never sees half a file.

#include "autoscalesim/optimize/search.hpp"
#include "autoscalesim/result.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace autoscalesim::io {

/// The current process id as text, for naming temporary files and folders beside their
/// destination so that two runs writing to the same place never share one.
std::string process_tag();

/// Writes text to path atomically: a temporary file in the same directory, then a rename, so path
/// holds either its old content or the whole new text. Throws io_error on failure and leaves no
/// temporary file behind.
void write_text_file_atomic(const std::string& path, std::string_view text);

/// The summary as a JSON object with one member per summary_fields() name, in that order. Numbers
/// reload as the same double (shortest round-trip form); counts are integers; NaN and infinities,
/// which JSON cannot hold, are written as null.
std::string format_summary_json(const summary& s);

/// Writes format_summary_json(s) to path atomically; throws io_error on failure.
void write_summary_json(const summary& s, const std::string& path);

/// The endpoint's figures of several inference components on its instances (the bill: every
/// instance, cost_usd, instance_hours, the hours no copy took, idle hours, peak and launched
/// instances, copies moved), then `components`: each one's name (names[i]), the file of its own
/// summary (summary-i.json) and its cost (its copies' share of the instances).
std::string format_shared_summary_json(const shared_result& r,
                                       const std::vector<std::string>& names);

/// Evaluations as CSV: index, one column per parameter, one per objective (`objective_` prefix),
/// feasible (0/1), violation, then every summary_fields() figure; numbers in shortest round-trip
/// form, `nan`/`inf` where not finite.
std::string format_evaluations_csv(const optimize::search_result& r,
                                   const std::vector<optimize::evaluation>& rows);

/// Writes the search's front (r.front) as format_evaluations_csv to path atomically.
void write_front_csv(const optimize::search_result& r, const std::string& path);

/// Writes every kept evaluation (r.evaluations) as format_evaluations_csv to path atomically.
void write_evaluations_csv(const optimize::search_result& r, const std::string& path);

/// The search's figures as JSON: evaluated, feasible, space_size, front_size, hypervolume,
/// reference_point, stopped, stop_reason, message, elapsed_s, parameter and objective names, and
/// recommended (parameters by name, objectives, feasible, summary) or null. Non-finite numbers are
/// null.
std::string format_search_summary_json(const optimize::search_result& r,
                                       const std::optional<optimize::evaluation>& recommended);

/// Writes format_search_summary_json to path atomically; throws io_error on failure.
void write_search_summary_json(const optimize::search_result& r,
                               const std::optional<optimize::evaluation>& recommended,
                               const std::string& path);

} // namespace autoscalesim::io
