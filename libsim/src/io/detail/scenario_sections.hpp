#pragma once
// Private: the scenario file's sections read in their own files (trace_section.cpp,
// optimize_section.cpp) and used by scenario_file.cpp.

#include "json_fields.hpp"

#include "autoscalesim/io/scenario_file.hpp"
#include "autoscalesim/io/trace_spec.hpp"
#include "autoscalesim/scenario.hpp"

#include <string>

namespace autoscalesim::io::detail {

/// `file` as written in the document: relative to its directory; absolute and normalised.
std::string resolve_path(const context& c, const std::string& file);

/// The file's "trace" section at `path` as a spec (types and names checked; ranges and the
/// trace itself by load_section); a relative file resolved against the document's directory.
trace_spec read_trace_section(const context& c, const json& j, const std::string& path);

/// The effective trace section: every field of the spec's source, slice and scale.
json write_trace_section(const trace_spec& s);

/// The spec's trace; its errors (field paths under `prefix`, e.g. "trace.") in the document.
loaded_trace load_section(const context& c, const trace_spec& s, const std::string& prefix);

/// Puts a loaded trace into a scenario: arrivals = log takes the access log's requests inside
/// the (possibly sliced) trace, in ms from its start; `scale` is the spec's (it must be 1 then).
void attach_trace(const context& c, scenario& sc, const loaded_trace& lt, double scale);

/// The "optimize" section, and its effective form.
struct optimize_section {
    optimization_spec spec; ///< what it asks for, variants' traces loaded
    json effective;         ///< every default filled in
};

/// Reads the "optimize" section of a document whose scenario is `base`.
optimize_section read_optimize(const context& c, const json& j, const scenario& base);

} // namespace autoscalesim::io::detail
