#pragma once
// Private to the optimizer: the thread pool that runs batches of policies (bit-identical for any
// thread count).

#include "autoscalesim/errors.hpp"
#include "autoscalesim/optimize/pareto.hpp"
#include "autoscalesim/optimize/search.hpp"
#include "autoscalesim/simulator.hpp"
#include "detail.hpp"

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

using clock_type = std::chrono::steady_clock;

inline unsigned resolve_threads(unsigned requested) {
    if (requested > 0) return requested;
    const unsigned hw = std::thread::hardware_concurrency();
    return hw > 0 ? hw : 1;
}

// Whether a policy keeps MinCapacity <= MaxCapacity on every scenario.
inline bool capacity_consistent(const compiled_space& cs, const std::vector<double>& values,
                                const std::vector<scenario>& scenarios) {
    if (cs.min_dim < 0 && cs.max_dim < 0) return true;
    for (const auto& sc : scenarios) {
        const double mn = cs.min_dim >= 0 ? values[static_cast<std::size_t>(cs.min_dim)]
                                          : static_cast<double>(sc.scaling.min_capacity);
        const double mx = cs.max_dim >= 0 ? values[static_cast<std::size_t>(cs.max_dim)]
                                          : static_cast<double>(sc.scaling.max_capacity);
        if (mn > mx) return false;
    }
    return true;
}

// Runs batches of policies on worker threads. Policy i of a batch always lands in slot i, so the
// outcome does not depend on which thread ran it.
class evaluator_pool {
public:
    evaluator_pool(const problem& p, unsigned threads, batch_evaluator external,
                   const std::atomic<bool>* cancel = nullptr)
        : p_(p), threads_(resolve_threads(threads)), external_(std::move(external)),
          cancel_(cancel) {
        bool custom = false;
        for (const auto& d : p.space.dimensions)
            custom = custom || static_cast<bool>(d.setter);
        // Without custom setters the trace is never modified: each thread keeps one copy per
        // scenario and only the small parts of the scenario are copied per evaluation.
        reuse_traces_ = !custom;
        if (reuse_traces_) {
            for (const auto& sc : p.scenarios) {
                scenario skeleton = sc;
                skeleton.traffic = trace{};
                skeleton.record_timeline = false;
                skeletons_.push_back(std::move(skeleton));
            }
        }
    }

    /// The evaluations of policies, in order; when cancelled, only those of a prefix. With
    /// `margins`, each evaluation's run margins, one per scenario (from a batch evaluator, those
    /// it returned, maybe none), in the same order.
    std::vector<evaluation> run(const std::vector<std::vector<double>>& policies,
                                const std::vector<std::size_t>& indices,
                                std::vector<std::vector<decision_margins>>* margins = nullptr) {
        const std::size_t n = policies.size();
        std::vector<evaluation> out(n);
        std::vector<std::vector<decision_margins>> ranges(n);
        if (margins != nullptr) margins->clear();
        if (n == 0) return out;
        if (cancelled()) return {};
        if (external_) {
            auto rows = external_(policies);
            if (rows.size() != n) {
                throw config_error("search_options.evaluator: returned " +
                                   std::to_string(rows.size()) + " results for " +
                                   std::to_string(n) + " policies");
            }
            const std::size_t scenarios = p_.scenarios.size();
            for (std::size_t i = 0; i < n; ++i) {
                if (rows[i].per_scenario.size() != scenarios) {
                    throw config_error("search_options.evaluator: a policy has " +
                                       std::to_string(rows[i].per_scenario.size()) +
                                       " summaries for " + std::to_string(scenarios) +
                                       " scenarios");
                }
                if (!rows[i].margins.empty() && rows[i].margins.size() != scenarios) {
                    throw config_error("search_options.evaluator: a policy has " +
                                       std::to_string(rows[i].margins.size()) + " margins for " +
                                       std::to_string(scenarios) +
                                       " scenarios (give one per scenario, or none)");
                }
                out[i] =
                    make_evaluation(p_, policies[i], std::move(rows[i].per_scenario), indices[i]);
                ranges[i] = std::move(rows[i].margins);
            }
            if (margins != nullptr) *margins = std::move(ranges);
            return out;
        }
        const unsigned workers = static_cast<unsigned>(std::min<std::size_t>(threads_, n));
        while (traces_.size() < workers) {
            std::vector<trace> copies;
            if (reuse_traces_) {
                for (const auto& sc : p_.scenarios)
                    copies.push_back(sc.traffic);
            }
            traces_.push_back(std::move(copies));
        }
        std::vector<std::exception_ptr> errors(n);
        std::atomic<std::size_t> next{0};
        // Every policy taken is finished, so the policies evaluated are always a prefix.
        auto work = [&](unsigned t) {
            while (!cancelled()) {
                const std::size_t i = next.fetch_add(1);
                if (i >= n) break;
                try {
                    out[i] = evaluate_one(t, policies[i], indices[i], ranges[i]);
                } catch (...) {
                    errors[i] = std::current_exception();
                }
            }
        };
        if (workers <= 1) {
            work(0);
        } else {
            std::vector<std::thread> pool;
            for (unsigned t = 1; t < workers; ++t)
                pool.emplace_back(work, t);
            work(0);
            for (auto& th : pool)
                th.join();
        }
        for (const auto& e : errors) {
            if (e) std::rethrow_exception(e);
        }
        out.resize(std::min(next.load(), n));
        if (margins != nullptr) {
            ranges.resize(out.size());
            *margins = std::move(ranges);
        }
        return out;
    }

private:
    bool cancelled() const { return cancel_ != nullptr && cancel_->load(); }

    evaluation evaluate_one(unsigned t, const std::vector<double>& values, std::size_t index,
                            std::vector<decision_margins>& margins) {
        std::vector<summary> sums;
        sums.reserve(p_.scenarios.size());
        margins.reserve(p_.scenarios.size());
        auto keep = [&](result r) {
            sums.push_back(r.totals);
            margins.push_back(r.margins);
        };
        for (std::size_t s = 0; s < p_.scenarios.size(); ++s) {
            if (reuse_traces_) {
                scenario sc = skeletons_[s];
                sc.traffic = std::move(traces_[t][s]);
                p_.space.apply(sc, values);
                try {
                    keep(simulate(sc, simulate_options{.margins = true}));
                } catch (...) {
                    traces_[t][s] = std::move(sc.traffic);
                    throw;
                }
                traces_[t][s] = std::move(sc.traffic);
            } else {
                scenario sc = p_.scenarios[s];
                sc.record_timeline = false;
                p_.space.apply(sc, values);
                keep(simulate(sc, simulate_options{.margins = true}));
            }
        }
        return make_evaluation(p_, values, std::move(sums), index);
    }

    const problem& p_;
    unsigned threads_;
    batch_evaluator external_;
    const std::atomic<bool>* cancel_ = nullptr;
    bool reuse_traces_ = false;
    std::vector<scenario> skeletons_;
    std::vector<std::vector<trace>> traces_;
};

} // namespace autoscalesim::optimize::detail
