#pragma once
/// JSON scenario files: one document describes a simulation (trace, endpoint, scaling, mode, SLO,
/// seed) and optionally an optimisation (space, objectives, constraints, method).
// (this header must NOT include nlohmann/json; JSON stays in the .cpp files)

#include "autoscalesim/io/trace_spec.hpp"
#include "autoscalesim/optimize/problem.hpp"
#include "autoscalesim/optimize/search.hpp"
#include "autoscalesim/scenario.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace autoscalesim::io {

/// What the command line may override in a scenario file (applied before validation).
struct scenario_overrides {
    std::string trace_path;            ///< replaces trace.file (relative to the current directory)
    std::string trace_format;          ///< replaces trace.format ("csv", "cloudwatch", "json",
                                       ///< "access_log"); empty keeps it
    std::optional<std::uint64_t> seed; ///< replaces seed
    /// AWS CLI output or input files (io/aws_policy.hpp) whose scalable target replaces the
    /// scaling's MinCapacity, MaxCapacity and policies: the policy deployed today.
    std::vector<std::string> policy_from{};
    std::string resource_id{}; ///< which target of policy_from, when it describes several
};

/// How an optimisation searches.
enum class search_method {
    grid,     ///< optimize::grid_search: every policy of the discretised space
    adaptive, ///< optimize::adaptive_search: a seeded search within a budget
};

/// One of the "optimize" section's further scenarios: the file's scenario with these changes.
struct scenario_variant {
    std::string name;                              ///< for reports
    double traffic_scale = 1;                      ///< counts multiplied by this
    std::optional<startup_distribution> startup{}; ///< another start-up, or the file's
    std::optional<std::uint64_t> seed{};           ///< another seed, or the file's
    std::optional<trace_spec> trace{};             ///< its own traffic, or the file's
};

/// The "optimize" section of a scenario file.
struct optimization_spec {
    /// scenarios[0] is the file's scenario; further ones are its variants (e.g. traffic x1.3).
    optimize::problem problem;
    search_method method = search_method::grid; ///< which search runs
    /// threads, max_evaluations, max_seconds, seed, batch_size, reference_point,
    /// keep_evaluations, fidelity's slice_fraction and slice_evaluations (callbacks left empty
    /// for the caller).
    optimize::search_options options;
    /// best(): constraints used to pick the recommended policy (may be empty: cheapest feasible).
    std::vector<optimize::constraint> choose;
    /// What problem.scenarios[1...] are: variants[i] made problem.scenarios[i + 1].
    std::vector<scenario_variant> variants;
};

/// A parsed, validated scenario file.
struct scenario_file {
    int version = 1;                               ///< the document's "version"
    scenario base;                                 ///< the simulation, trace loaded
    std::optional<optimization_spec> optimization; ///< present when the file has "optimize"
    std::string effective_json; ///< the document with every default filled in (pretty, 2-space)
    trace_spec trace;           ///< the trace section (its file absolute)
    /// Several inference components on the endpoint's instances (the file's "components"):
    /// each one is the file's scenario with the component's object merged over it (JSON merge
    /// patch, RFC 7386), for simulate_components(); empty without "components". `base` is then
    /// the first component.
    std::vector<scenario> components;
    std::vector<std::string> component_names; ///< each component's "name"
    /// How the file's trace.slice and trace.scale changed the trace read, for reports (e.g.
    /// "trace.slice kept [0 s, 604800 s) of the file's 27.6 days; trace.scale multiplied counts
    /// by 1.3"); empty when they did not.
    std::string trace_cut;
    /// What the AWS reader had to choose in the from_aws or --policy-from files, one sentence
    /// each (aws_scaling::notes; a component's prefixed with its name), for reports.
    std::vector<std::string> notes;
    /// Every file the document names and the reader read (traces, from_aws and --policy-from
    /// files; absolute), not the scenario file itself: what a command must not write over.
    std::vector<std::string> files;
};

/// Reads, fills defaults and validates a scenario file. Relative trace paths are resolved against
/// the file's directory. Throws config_error whose message starts with the file name and the JSON
/// path of the problem, e.g.
/// `s.json: scaling.policies[0].target_value: expected a number > 0, got "abc"`; unknown fields
/// are errors; trace_error / io_error from the trace reader pass through (they name file and line).
/// A compare file (a document listing "deployments", for `autoscalesim compare`) is refused as
/// one: `c.json: is a compare file (it lists "deployments"), not a scenario; ...`.
scenario_file read_scenario_file(const std::string& path, const scenario_overrides& overrides = {});

/// The same from text; source names the document in messages, base_dir resolves relative paths.
scenario_file parse_scenario(std::string_view text, const std::string& source,
                             const std::string& base_dir, const scenario_overrides& overrides = {});

/// A scenario file (the effective form, every field written) for sc with `trace` as its trace
/// section: reading it back gives sc's run bit for bit when the trace loads to sc.traffic (e.g.
/// the parsed file's own `trace`, or `{.file = "trace.csv"}` beside a written CSV). Throws
/// config_error for custom policies (code, not data).
std::string write_scenario_json(const scenario& sc, const trace_spec& trace);

/// The trace formats a scenario's trace.format (and the command's --trace-format) takes.
const std::vector<std::string>& trace_format_names();

} // namespace autoscalesim::io
