#pragma once
// Private to the optimizer: the bookkeeping both searches share (counts, the front archive,
// progress, stopping) and the lattice helpers.

#include "autoscalesim/errors.hpp"
#include "autoscalesim/optimize/pareto.hpp"
#include "autoscalesim/optimize/search.hpp"
#include "autoscalesim/simulator.hpp"
#include "evaluator_pool.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <exception>
#include <limits>
#include <optional>
#include <string>
#include <thread>
#include <utility>
#include <vector>

namespace autoscalesim::optimize::detail {

// Cheapest first: the cost field (cost_field()), then the objectives, then the index.
inline bool cheaper(const evaluation& a, const evaluation& b, std::string_view cost) {
    const double ca = a.field(cost);
    const double cb = b.field(cost);
    if (ca != cb) return ca < cb;
    if (a.objectives != b.objectives) return a.objectives < b.objectives;
    return a.index < b.index;
}

// The feasible non-dominated set; of equal objective vectors the first inserted stays.
class archive {
public:
    /// Inserts e if it is feasible and not weakly dominated; returns whether it entered.
    bool insert(const evaluation& e) {
        if (!e.feasible) return false;
        for (const auto& m : members_) {
            if (m.objectives == e.objectives || dominates(m.objectives, e.objectives)) return false;
        }
        std::erase_if(members_,
                      [&](const evaluation& m) { return dominates(e.objectives, m.objectives); });
        members_.push_back(e);
        return true;
    }
    const std::vector<evaluation>& members() const { return members_; }

private:
    std::vector<evaluation> members_;
};

// Bookkeeping shared by both searches: counts, the front, progress and stopping.
class run_state {
public:
    run_state(const problem& p, const search_options& o, std::size_t total)
        : p_(p), o_(o), total_(total), start_(clock_type::now()) {
        res_.parameter_names = p.space.names();
        res_.objective_names = p.objectives;
        // Checked before any evaluation, so that a bad one costs no work.
        const auto& ref = o.reference_point;
        if (!ref.empty() && ref.size() != p.objectives.size()) {
            throw config_error("search_options.reference_point: " + std::to_string(ref.size()) +
                               " values for " + std::to_string(p.objectives.size()) +
                               " objectives");
        }
        for (std::size_t k = 0; k < ref.size(); ++k) {
            const std::string why = reference_problem(ref[k], p.objectives[k]);
            if (!why.empty()) {
                throw config_error("search_options.reference_point[" + std::to_string(k) +
                                   "]: " + why);
            }
        }
    }

    void record(const evaluation& e) {
        ++res_.evaluated;
        if (e.feasible) {
            ++res_.feasible;
            if (!best_ || cheaper(e, *best_, cost_field(res_.objective_names))) best_ = e;
        }
        front_.insert(e);
        if (!closest_ || e.violation < closest_->violation) closest_ = e;
        if (o_.on_evaluation) o_.on_evaluation(e);
        if (o_.keep_evaluations) res_.evaluations.push_back(e);
    }

    double elapsed() const {
        return std::chrono::duration<double>(clock_type::now() - start_).count();
    }

    /// Reports progress; returns false (and records why) when the search must stop. The time
    /// limit stops only a search with `work_left`: one that evaluated every policy it meant to
    /// ends for that reason, however long it took.
    bool keep_going(bool work_left) {
        if (o_.on_progress) {
            progress pr;
            pr.evaluations = res_.evaluated;
            pr.total = total_;
            pr.feasible = res_.feasible;
            pr.front_size = front_.members().size();
            if (best_) pr.best = best_->objectives;
            pr.elapsed_s = elapsed();
            pr.slice_evaluations = res_.slice_evaluated;
            if (!o_.on_progress(pr)) {
                stop(stop_reason::callback);
                return false;
            }
        }
        if (o_.cancel != nullptr && o_.cancel->load()) {
            stop(stop_reason::cancelled);
            return false;
        }
        if (work_left && o_.max_seconds > 0 && elapsed() >= o_.max_seconds) {
            stop(stop_reason::time_limit, o_.max_seconds);
            return false;
        }
        return true;
    }

    void stop(stop_reason why, double limit = 0) {
        res_.stopped = true;
        res_.reason = why;
        res_.stop_limit = limit;
    }

    const archive& front() const { return front_; }
    void set_space_size(std::size_t n) { res_.space_size = n; }
    void set_skipped(std::size_t n) { res_.skipped = n; }
    void set_answered(std::size_t n) { res_.answered = n; }
    void set_slice_evaluated(std::size_t n) { res_.slice_evaluated = n; }

    /// The result; `if_complete` (and the limit it names) is the reason unless stop() gave one.
    search_result finish(stop_reason if_complete, double limit = 0) {
        if (!res_.stopped) {
            res_.reason = if_complete;
            res_.stop_limit = limit;
        }
        res_.front = front_.members();
        std::sort(res_.front.begin(), res_.front.end(),
                  [](const evaluation& a, const evaluation& b) {
                      return a.objectives != b.objectives ? a.objectives < b.objectives
                                                          : a.index < b.index;
                  });
        std::sort(res_.evaluations.begin(), res_.evaluations.end(),
                  [](const evaluation& a, const evaluation& b) { return a.index < b.index; });
        const auto pts = res_.front_objectives();
        if (!o_.reference_point.empty()) {
            res_.reference_point = o_.reference_point; // checked by the constructor
        } else if (!pts.empty()) {
            // 10 % beyond the front's nadir, the usual choice (Ishibuchi et al. 2018).
            const std::size_t m = p_.objectives.size();
            res_.reference_point.assign(m, 0.0);
            for (std::size_t k = 0; k < m; ++k) {
                double lo = pts[0][k], hi = pts[0][k];
                for (const auto& q : pts) {
                    lo = std::min(lo, q[k]);
                    hi = std::max(hi, q[k]);
                }
                const double margin =
                    hi > lo ? 0.1 * (hi - lo) : std::max(0.1 * std::abs(hi), 1e-9);
                res_.reference_point[k] = hi + margin;
            }
        }
        res_.hypervolume =
            res_.reference_point.empty() ? 0.0 : hypervolume(pts, res_.reference_point);
        if (res_.front.empty()) {
            if (res_.evaluated == 0) {
                res_.message = "no policy was evaluated (" + res_.stop_reason_words() + ")";
            } else {
                res_.message = "no evaluated policy meets the constraints (" +
                               std::to_string(res_.evaluated) + " evaluated)";
                if (closest_) {
                    res_.message +=
                        "; the closest (index " + std::to_string(closest_->index) + ") has";
                    bool first = true;
                    for (const auto& c : p_.constraints) {
                        const double v = closest_->field(c.field);
                        if (v > c.max_value || v < c.min_value || std::isnan(v)) {
                            // NaN: no figure at all (a p99 without a served request)
                            const std::string bound = std::isnan(v)     ? " (no value)"
                                                      : v > c.max_value ? " > " + num(c.max_value)
                                                                        : " < " + num(c.min_value);
                            res_.message +=
                                std::string(first ? " " : ", ") + c.field + " = " + num(v) + bound;
                            first = false;
                        }
                    }
                    if (first) res_.message += " an objective that is NaN";
                }
            }
        }
        res_.elapsed_s = elapsed();
        return std::move(res_);
    }

private:
    const problem& p_;
    const search_options& o_;
    std::size_t total_;
    clock_type::time_point start_;
    search_result res_;
    archive front_;
    std::optional<evaluation> best_;
    std::optional<evaluation> closest_;
};

// The lattice coordinates of grid index g (the last dimension varies fastest).
inline std::vector<std::size_t> grid_coords(const compiled_space& cs, std::size_t g) {
    std::vector<std::size_t> k(cs.dims.size());
    for (std::size_t d = cs.dims.size(); d-- > 0;) {
        const std::size_t n = cs.dims[d].levels.size();
        k[d] = g % n;
        g /= n;
    }
    return k;
}

inline std::vector<double> values_at(const compiled_space& cs, const std::vector<std::size_t>& k) {
    std::vector<double> v(k.size());
    for (std::size_t d = 0; d < k.size(); ++d)
        v[d] = cs.value(d, k[d]);
    return v;
}

} // namespace autoscalesim::optimize::detail
