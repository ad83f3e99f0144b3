// The exhaustive grid search, the search result's queries, evaluation of given policies and
// train/test validation.
#include "answers.hpp"
#include "run_state.hpp"

#include <algorithm>
#include <numeric>

namespace autoscalesim::optimize {

namespace {

// How a reason's words show its limit.
enum class limit_shown { no, count, seconds };

// The words of every stop reason: `before`, the limit, `after`. summary.json, the command and
// Python show these; scripts read them, so they do not change.
struct stop_words {
    stop_reason reason;
    const char* before;
    limit_shown limit;
    const char* after;
};
constexpr stop_words stop_reason_table[] = {
    {stop_reason::grid_complete, "grid complete", limit_shown::no, ""},
    {stop_reason::evaluation_cap, "evaluation cap reached", limit_shown::no, ""},
    {stop_reason::space_exhausted, "every policy of the space was evaluated", limit_shown::no, ""},
    {stop_reason::budget_used, "evaluation budget of ", limit_shown::count, " used"},
    {stop_reason::time_limit, "time limit of ", limit_shown::seconds, " s reached"},
    {stop_reason::callback, "stopped by the progress callback", limit_shown::no, ""},
    {stop_reason::cancelled, "cancelled", limit_shown::no, ""},
};

} // namespace

std::string stop_reason_text(stop_reason reason, double limit) {
    for (const auto& w : stop_reason_table) {
        if (w.reason != reason) continue;
        std::string text = w.before;
        switch (w.limit) {
        case limit_shown::no:
            break;
        case limit_shown::count:
            text += std::to_string(static_cast<std::size_t>(limit));
            break;
        case limit_shown::seconds:
            text += detail::num(limit);
            break;
        }
        return text + w.after;
    }
    return "unknown stop reason " + std::to_string(static_cast<int>(reason));
}

std::string_view cost_field(const std::vector<std::string>& objectives) {
    const bool with_plan =
        std::find(objectives.begin(), objectives.end(), "cost_with_plan_usd") != objectives.end();
    return with_plan ? "cost_with_plan_usd" : "cost_usd";
}

std::optional<evaluation> search_result::best(const std::vector<constraint>& extra) const {
    const auto& pool = evaluations.empty() ? front : evaluations;
    const std::string_view cost = cost_field(objective_names);
    std::optional<evaluation> out;
    for (const auto& e : pool) {
        if (!e.feasible || !satisfies(e, extra)) continue;
        if (!out || detail::cheaper(e, *out, cost)) out = e;
    }
    return out;
}

std::vector<std::vector<double>> search_result::front_objectives() const {
    std::vector<std::vector<double>> pts;
    pts.reserve(front.size());
    for (const auto& e : front)
        pts.push_back(e.objectives);
    return pts;
}

void fidelity_options::validate() const {
    if (!(slice_fraction >= 0 && slice_fraction < 1)) {
        throw config_error("search_options.fidelity.slice_fraction: must be in [0, 1), got " +
                           detail::num(slice_fraction));
    }
    if (slice_fraction == 0 && slice_evaluations > 0) {
        throw config_error("search_options.fidelity.slice_evaluations: applies with a "
                           "slice_fraction > 0 (multi-fidelity's first stage); give one, or "
                           "leave slice_evaluations 0");
    }
}

search_result grid_search(const problem& p, const search_options& options) {
    p.validate();
    if (options.fidelity.slice_fraction != 0) {
        throw config_error("search_options.fidelity: multi-fidelity is for the adaptive search; "
                           "the grid evaluates every policy on the whole traffic");
    }
    if (!options.initial_policies.empty()) {
        throw config_error("search_options.initial_policies: for the adaptive search; the grid "
                           "evaluates every policy anyway");
    }
    options.fidelity.validate();
    const auto cs = detail::compile(p.space);
    const std::size_t total = p.space.grid_size();
    const std::size_t cap = options.max_evaluations > 0 ? options.max_evaluations : total;
    detail::run_state state(p, options, std::min(cap, total));
    state.set_space_size(total);
    detail::evaluator_pool pool(p, options.threads, options.evaluator, options.cancel);
    // Chunks of a fixed size, whatever the thread count, so that a cap or a stop lands on the
    // same policies; results are merged in index order. Locally small enough that progress (and a
    // time limit) is seen every few seconds on a month-long trace; larger for a batch evaluator
    // (a cluster), which needs many policies in flight to keep its workers busy.
    const std::size_t chunk = options.evaluator ? 128 : 32;
    // A policy whose outcome an earlier chunk's evaluation tells (answer_book) takes a copy of
    // it instead of a simulation: the book's summaries of it, its own parameters and index.
    detail::answer_book book(p, cs);
    std::size_t g = 0;
    std::size_t taken = 0;
    std::size_t skipped = 0;
    std::size_t answered = 0;
    // Moves g past the policies that break the capacity rules (counted as skipped), so that it
    // names the next policy to evaluate: chunks, "work left" (for the time limit) and the stop
    // reason see only those.
    const auto skip_invalid = [&] {
        while (g < total &&
               !detail::capacity_consistent(cs, detail::values_at(cs, detail::grid_coords(cs, g)),
                                            p.scenarios)) {
            ++skipped;
            ++g;
        }
    };
    skip_invalid();
    while (g < total && taken < cap) {
        std::vector<std::vector<double>> batch;
        std::vector<std::size_t> indices;
        std::vector<detail::answer_book::coords> batch_at;
        std::vector<evaluation> copies;
        for (; g < total && batch.size() + copies.size() < chunk && taken < cap;
             ++g, skip_invalid()) {
            auto at = detail::grid_coords(cs, g);
            auto values = detail::values_at(cs, at);
            ++taken;
            if (const auto twin = book.answer(at)) {
                copies.push_back(make_evaluation(p, std::move(values), book.summaries(*twin), g));
                continue;
            }
            batch.push_back(std::move(values));
            indices.push_back(g);
            batch_at.push_back(std::move(at));
        }
        std::vector<std::vector<decision_margins>> margins;
        const auto run = pool.run(batch, indices, &margins);
        if (run.size() < batch.size()) {
            // Stopped within the chunk: the policies kept stay a prefix of the grid's order.
            const std::size_t first_left = indices[run.size()];
            std::erase_if(copies, [&](const evaluation& e) { return e.index > first_left; });
        }
        for (std::size_t i = 0; i < run.size(); ++i)
            book.learn(batch_at[i], run[i], margins[i]);
        // Recorded in index order, as if every policy had been simulated.
        std::size_t a = 0, b = 0;
        while (a < run.size() || b < copies.size()) {
            if (b == copies.size() || (a < run.size() && run[a].index < copies[b].index)) {
                state.record(run[a++]);
            } else {
                state.record(copies[b++]);
                ++answered;
            }
        }
        if (!state.keep_going(g < total && taken < cap)) break;
    }
    state.set_skipped(skipped);
    state.set_answered(answered);
    return state.finish(g < total ? stop_reason::evaluation_cap : stop_reason::grid_complete);
}

std::vector<evaluation> evaluate_all(const problem& p,
                                     const std::vector<std::vector<double>>& policies,
                                     unsigned threads,
                                     std::vector<std::vector<decision_margins>>* margins) {
    p.validate();
    for (std::size_t i = 0; i < policies.size(); ++i) {
        if (policies[i].size() != p.space.dimensions.size()) {
            throw config_error("evaluate_all: policy " + std::to_string(i) + " has " +
                               std::to_string(policies[i].size()) + " values for " +
                               std::to_string(p.space.dimensions.size()) + " dimensions");
        }
    }
    detail::evaluator_pool pool(p, threads, {});
    std::vector<std::size_t> indices(policies.size());
    std::iota(indices.begin(), indices.end(), std::size_t{0});
    return pool.run(policies, indices, margins);
}

train_test_report train_test(const problem& p, const search_result& tuned,
                             const std::vector<scenario>& test_scenarios, unsigned threads) {
    problem test = p;
    test.scenarios = test_scenarios;
    std::vector<std::vector<double>> policies;
    for (const auto& e : tuned.front)
        policies.push_back(e.parameters);
    train_test_report report;
    if (policies.empty()) return report;
    auto results = evaluate_all(test, policies, threads);
    report.mean_gap.assign(p.objectives.size(), 0.0);
    for (std::size_t i = 0; i < results.size(); ++i) {
        train_test_row row;
        row.train = tuned.front[i];
        row.test = std::move(results[i]);
        row.test.index = row.train.index;
        for (std::size_t k = 0; k < p.objectives.size(); ++k) {
            row.gap.push_back(row.test.objectives[k] - row.train.objectives[k]);
            report.mean_gap[k] += row.gap[k] / static_cast<double>(results.size());
        }
        if (row.test.feasible) ++report.test_feasible;
        report.rows.push_back(std::move(row));
    }
    return report;
}

std::pair<trace, trace> split_trace(const trace& t, double train_fraction) {
    if (!(train_fraction > 0 && train_fraction < 1)) {
        throw config_error("split_trace: train_fraction must be in (0, 1), got " +
                           detail::num(train_fraction));
    }
    const auto k =
        static_cast<std::size_t>(std::llround(train_fraction * static_cast<double>(t.size())));
    if (k == 0 || k >= t.size()) {
        throw config_error("split_trace: a fraction of " + detail::num(train_fraction) + " of " +
                           std::to_string(t.size()) + " intervals leaves one part empty");
    }
    return {t.slice(0, k), t.slice(k, t.size() - k)};
}

} // namespace autoscalesim::optimize
