#pragma once
/// What the optimizer minimises: objectives and constraints on summary fields, over one or more
/// scenarios aggregated by mean or worst case.

#include "autoscalesim/optimize/search_space.hpp"
#include "autoscalesim/result.hpp"
#include "autoscalesim/scenario.hpp"

#include <cstddef>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

namespace autoscalesim::optimize {

/// A bound on an aggregated summary field: min_value <= field <= max_value.
struct constraint {
    std::string field;                                           ///< a name from summary_fields()
    double max_value = std::numeric_limits<double>::infinity();  ///< upper bound (inclusive)
    double min_value = -std::numeric_limits<double>::infinity(); ///< lower bound (inclusive)

    /// field <= value, e.g. at_most("error_rate", 0.001).
    static constraint at_most(std::string field, double value);
    /// field >= value, e.g. at_least("slo_attainment", 0.99).
    static constraint at_least(std::string field, double value);
};

/// Why no policy can meet the constraint ("" when one may): a max below 0 (every summary field
/// is >= 0), a min above 1 on a share (error_rate, slo_attainment, ...), a NaN or min above
/// max. problem::validate() and the scenario file's reader refuse such a constraint with this
/// text. (Infinite bounds are no bound: at_most(f, inf) holds for every policy.)
std::string constraint_problem(const constraint& c);
/// Why a hypervolume reference value cannot serve for `objective` ("" when it can): not finite,
/// or not above 0, where no policy's summary field lies, so every hypervolume would be 0.
std::string reference_problem(double value, const std::string& objective);

/// How the summaries of several scenarios become one figure per field.
enum class aggregation {
    mean, ///< arithmetic mean over scenarios (NaN when a scenario has none: p99 without traffic)
    /// the largest value (the smallest for slo_attainment and served) of the scenarios that have
    /// one, whatever their order (NaN only when none has: p99 without traffic)
    worst,
};

/// A search problem: the scenarios every policy is run on, the space and what to minimise.
struct problem {
    std::vector<scenario> scenarios; ///< every policy runs on each (e.g. trace, trace x1.3)
    search_space space;              ///< the policies
    std::vector<std::string> objectives = {"cost_usd", "p99_latency_s"}; ///< minimised fields
    std::vector<constraint> constraints;       ///< a feasible policy meets all of them
    aggregation aggregate = aggregation::mean; ///< over scenarios

    /// Throws config_error naming the field: no scenario, a bad scenario, unknown objective or
    /// constraint field, an empty bound, or a bad space.
    void validate() const;
};

/// One evaluated policy.
struct evaluation {
    std::size_t index = 0;             ///< grid index (grid search) or evaluation order
    std::vector<double> parameters;    ///< one value per dimension of the space
    std::vector<double> objectives;    ///< aggregated objective values, minimised
    std::vector<double> fields;        ///< aggregated summary, one value per summary_fields()
    std::vector<summary> per_scenario; ///< the summary of each scenario
    bool feasible = false;             ///< meets every constraint (and no objective is NaN)
    double violation = 0;              ///< sum of relative constraint excesses (0 when feasible)

    /// An aggregated summary field by name; throws config_error for an unknown name.
    double field(std::string_view name) const;
};

/// Runs one policy on every scenario of p (on the calling thread) and aggregates.
evaluation evaluate(const problem& p, const std::vector<double>& parameters);

/// Builds an evaluation from per-scenario summaries already computed (e.g. elsewhere).
evaluation make_evaluation(const problem& p, std::vector<double> parameters,
                           std::vector<summary> per_scenario, std::size_t index = 0);

/// True when e meets every constraint in extra (its own problem's constraints are in e.feasible).
bool satisfies(const evaluation& e, const std::vector<constraint>& extra);

} // namespace autoscalesim::optimize
