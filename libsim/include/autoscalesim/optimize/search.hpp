#pragma once
/// Searches for the Pareto front of a problem: an exhaustive parallel grid and a sample-efficient
/// adaptive search, with progress, cancellation and train/test validation.

#include "autoscalesim/optimize/problem.hpp"

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace autoscalesim::optimize {

/// Where a search stands, passed to the progress callback.
struct progress {
    std::size_t evaluations = 0; ///< policies evaluated so far
    std::size_t total = 0;       ///< grid size or evaluation budget
    std::size_t feasible = 0;    ///< feasible policies so far
    std::size_t front_size = 0;  ///< policies on the current front
    /// Objectives of the cheapest feasible policy so far (cost_field()); empty if none.
    std::vector<double> best;
    double elapsed_s = 0; ///< wall time since the search started
    /// Policies evaluated on the busiest slice (multi-fidelity's first stage; evaluations and
    /// the rest stay 0 during that stage)
    std::size_t slice_evaluations = 0;
};

/// Called after every batch on the calling thread; returning false stops the search cleanly.
using progress_callback = std::function<bool(const progress&)>;

/// What a batch evaluator returns for one policy: one summary per scenario of the problem, in
/// order, and the runs' decision margins (result::margins) per scenario when the evaluator has
/// them (evaluate_all gives both). Without margins the search learns the summaries alone, and
/// the adaptive search may then take another path than a local run (it counts the policies the
/// margins answer without a run).
struct batch_row {
    std::vector<summary> per_scenario;
    std::vector<decision_margins> margins; ///< empty, or one per scenario
};

/// Evaluates a batch of policies elsewhere (a cache, a cluster): one batch_row per policy, in
/// order. Must be deterministic for reproducible searches.
using batch_evaluator =
    std::function<std::vector<batch_row>(const std::vector<std::vector<double>>&)>;

/// Multi-fidelity for the adaptive search: a first search on a slice of the traffic (each
/// scenario's busiest stretch), whose front then seeds the search on the whole traffic. A slice
/// of a quarter of a week's trace costs about a third of a whole-trace evaluation (each run has a
/// fixed cost besides its steps). The front is made of whole-trace evaluations only.
struct fidelity_options {
    /// Share of each scenario's trace in the slice, in [0, 1): its busiest
    /// round(slice_fraction x intervals) consecutive intervals (trace::busiest). 0: one stage.
    double slice_fraction = 0;
    /// Policies evaluated on the slice before the budget on the whole traffic; 0 = 1.5 x the
    /// budget, at most 150.
    std::size_t slice_evaluations = 0;
    /// Evaluates on the slice (the problem's scenarios with the sliced traffic) elsewhere;
    /// unset: local simulation, even when search_options::evaluator is set.
    batch_evaluator evaluator;

    /// Throws config_error naming the field: slice_fraction outside [0, 1), or
    /// slice_evaluations without a slice (it would be read and never used).
    void validate() const;
};

/// How a search runs.
struct search_options {
    unsigned threads = 0;            ///< worker threads; 0 = all cores. Results never depend on it
    std::size_t max_evaluations = 0; ///< adaptive: the budget (0 = 200); grid: a cap (0 = all)
    double max_seconds = 0;          ///< wall-time limit checked between batches (0 = none)
    std::uint64_t seed = 1;          ///< adaptive search's random stream
    std::size_t batch_size = 4; ///< adaptive: policies proposed per round (not tied to threads)
    /// Adaptive: policies to evaluate first (e.g. the one in production, or the front of an
    /// earlier search), one value per dimension, each snapped to the nearest lattice point; they
    /// take the place of as many points of the opening Latin-hypercube design. Duplicates after
    /// snapping and policies with MinCapacity > MaxCapacity are skipped.
    std::vector<std::vector<double>> initial_policies;
    fidelity_options fidelity;    ///< adaptive: a first stage on the busiest slice (off by default)
    bool keep_evaluations = true; ///< keep every evaluation in the result (false: the front only)
    std::vector<double> reference_point; ///< hypervolume reference; empty = derived from the front
    progress_callback on_progress;       ///< progress and cancellation
    std::function<void(const evaluation&)> on_evaluation; ///< every evaluation, in index order
    batch_evaluator evaluator;                            ///< replaces local simulation when set
    /// Set to true from any thread to stop within one policy's run: worker threads take no new
    /// policy, the policies already evaluated are kept and the result says "cancelled" (a batch
    /// evaluator is not interrupted; no new batch is sent to it).
    const std::atomic<bool>* cancel = nullptr;
};

/// Why a search ended. The words users read (summary.json, the command, Python's stop_reason)
/// come from stop_reason_text().
enum class stop_reason {
    grid_complete,  ///< "grid complete": every policy of the grid was evaluated
    evaluation_cap, ///< "evaluation cap reached": the grid's max_evaluations
    /// "every policy of the space was evaluated" (adaptive): each one was evaluated or repeats
    /// the outcome of one that was (search_result::answered)
    space_exhausted,
    budget_used, ///< "evaluation budget of 200 used" (adaptive; the budget is the limit)
    time_limit,  ///< "time limit of 60 s reached" (max_seconds is the limit)
    callback,    ///< "stopped by the progress callback": on_progress returned false
    cancelled,   ///< "cancelled": search_options::cancel (Ctrl-C)
};

/// The words for a reason; budget_used and time_limit name `limit` (policies, seconds).
std::string stop_reason_text(stop_reason reason, double limit = 0);

/// The summary field by which a search's "cheapest" policy is chosen (search_result::best, the
/// progress's best): cost_with_plan_usd when it is one of the objectives (the cost the search
/// minimises, with the Savings Plan sized for each policy), otherwise cost_usd.
std::string_view cost_field(const std::vector<std::string>& objectives);

/// What a search found.
struct search_result {
    std::vector<std::string> parameter_names; ///< one per dimension
    std::vector<std::string> objective_names; ///< one per objective
    std::vector<evaluation> front;            ///< feasible non-dominated policies, by 1st objective
    std::vector<evaluation> evaluations;      ///< every evaluated policy by index (if kept)
    std::size_t evaluated = 0;                ///< policies simulated on the whole traffic
    std::size_t slice_evaluated = 0;          ///< policies simulated on the slice first
    std::size_t feasible = 0;                 ///< of which feasible
    std::size_t space_size = 0;               ///< grid size (0 when a dimension is continuous)
    std::size_t skipped = 0; ///< grid policies not evaluated: MinCapacity above MaxCapacity
    /// Policies not simulated because an evaluated one's outcome tells theirs (a fleet that never
    /// changed, a MaxCapacity that never bound; see docs/scenario.md). The grid gives them that
    /// outcome (they are in `evaluations` and counted in `evaluated`); the adaptive search does
    /// not propose them.
    std::size_t answered = 0;
    std::vector<double> reference_point;             ///< the hypervolume's reference point
    double hypervolume = 0;                          ///< of the front against reference_point
    bool stopped = false;                            ///< stopped early (callback or time limit)
    stop_reason reason = stop_reason::grid_complete; ///< why the search ended
    double stop_limit = 0; ///< the limit `reason` names (budget_used, time_limit); else 0
    std::string message;   ///< why the front is empty (empty otherwise)
    double elapsed_s = 0;  ///< wall time

    /// The cheapest feasible policy (lowest cost_field(objective_names), ties by objectives then
    /// index) that also meets extra; searches every kept evaluation, else the front. Empty when
    /// none qualifies.
    std::optional<evaluation> best(const std::vector<constraint>& extra = {}) const;
    /// The front's objective vectors.
    std::vector<std::vector<double>> front_objectives() const;
    /// Why the search ended, in words: stop_reason_text(reason, stop_limit).
    std::string stop_reason_words() const { return stop_reason_text(reason, stop_limit); }
};

/// Evaluates every policy of the discretised space on all threads, streaming: memory holds the
/// front and one batch (plus every evaluation when keep_evaluations). Bit-identical results for
/// any thread count. Policies with MinCapacity > MaxCapacity are skipped (and counted: skipped).
search_result grid_search(const problem& p, const search_options& options = {});

/// A seeded sample-efficient search (Pareto local search on the level lattice with gap filling
/// between front neighbours) within max_evaluations distinct policies or max_seconds. With
/// options.fidelity.slice_fraction, a search of the busiest slice comes first and its front
/// (up to half the budget, evenly along it) is evaluated first on the whole traffic.
/// Deterministic for a seed and batch size, whatever the thread count (unless max_seconds stops
/// it).
search_result adaptive_search(const problem& p, const search_options& options = {});

/// Evaluates the given policies on all threads; evaluation i has index i. With `margins`, also
/// each evaluation's decision margins, one per scenario (what a batch evaluator passes back).
std::vector<evaluation> evaluate_all(const problem& p,
                                     const std::vector<std::vector<double>>& policies,
                                     unsigned threads = 0,
                                     std::vector<std::vector<decision_margins>>* margins = nullptr);

/// One policy of a tuned front, evaluated on the traffic it was tuned on and on held-out traffic.
struct train_test_row {
    evaluation train;        ///< on the tuning scenarios
    evaluation test;         ///< on the test scenarios
    std::vector<double> gap; ///< test - train, per objective
};

/// How a tuned front holds on traffic it was not tuned on.
struct train_test_report {
    std::vector<train_test_row> rows; ///< one per front policy, in front order
    std::size_t test_feasible = 0;    ///< front policies still feasible on the test scenarios
    std::vector<double> mean_gap;     ///< mean test - train, per objective
};

/// Evaluates the front of tuned (found on p) on test_scenarios with p's objectives and constraints.
train_test_report train_test(const problem& p, const search_result& tuned,
                             const std::vector<scenario>& test_scenarios, unsigned threads = 0);

/// Splits a trace at train_fraction of its intervals: (first part, rest). Throws config_error when
/// either part would be empty.
std::pair<trace, trace> split_trace(const trace& t, double train_fraction);

} // namespace autoscalesim::optimize
