#pragma once
// Private to the optimizer: which policies an evaluated one answers for, so that neither search
// simulates a policy whose outcome it already knows exactly.

#include "autoscalesim/optimize/problem.hpp"
#include "autoscalesim/scenario.hpp"
#include "autoscalesim/simulator.hpp"
#include "detail.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <limits>
#include <map>
#include <optional>
#include <set>
#include <string_view>
#include <utility>
#include <vector>

namespace autoscalesim::optimize::detail {

/// Learns from evaluations which other policies they answer for. It applies when each scenario
/// scales by one target-tracking policy and nothing else (no step, scheduled, predictive, HPA or
/// custom policy; a real-time or asynchronous endpoint), with at most one dimension each for
/// MinCapacity, MaxCapacity and TargetValue:
/// - a fleet that never changed: no scaling activity in any scenario, at MinCapacity from the
///   start (the instance-hours confirm it: a batch evaluator's summary may lack the counts). With
///   MaxCapacity above that fleet the policy never asked for more, so no higher TargetValue does
///   (an alarm on a higher threshold breaches only where the lower one did), no higher
///   MaxCapacity is reached, and the cooldowns and the scale-in settings never act: every such
///   policy repeats it. With MaxCapacity at the fleet (MinCapacity = MaxCapacity) the fleet cannot
///   change, whatever the TargetValue. Every still fleet of the same other dimensions has the same
///   outcome.
/// - two policies that differ in MaxCapacity alone and have the same outcome (every summary field
///   of every scenario): the lower cap never bound, so no cap above it does.
/// - settings within an evaluation's decision margins (result::margins, known when the
///   evaluation ran here rather than on a batch evaluator): every policy that differs from it only
///   in TargetValue, the cooldowns and MaxCapacity, each within the range in which every decision
///   of every scenario's run comes out the same, repeats it.
/// Evaluations are numbered in the order learn() sees them; answer() gives the number of one
/// whose outcome is the policy's, and summaries() that evaluation's per-scenario summaries: what
/// the answered policy's own simulation would give, to the last bit.
class answer_book {
public:
    using coords = std::vector<std::size_t>;

    answer_book(const problem& p, const compiled_space& cs) : p_(p), cs_(cs) {
        for (std::size_t d = 0; d < cs.dims.size(); ++d) {
            if (name(d) == "target_value") target_dim_ = static_cast<int>(d);
            if (ranged(name(d))) ranged_dims_.push_back(d);
        }
        applies_ = applies();
    }

    /// Learns evaluation e of the policy at lattice point c; returns its number. margins: its
    /// runs' decision margins, one per scenario (empty when not known).
    std::size_t learn(const coords& c, const evaluation& e,
                      const std::vector<decision_margins>& margins = {}) {
        const std::size_t id = summaries_.size();
        summaries_.push_back(e.per_scenario);
        if (!applies_ || e.per_scenario.size() != p_.scenarios.size()) return id;
        learn_still(c, e, id);
        learn_margins(c, margins, id);
        // A whole summary, not the few fields a batch evaluator may fill in.
        if (cs_.max_dim < 0 || !(e.field("duration_s") > 0)) return id;
        const auto mx = static_cast<std::size_t>(cs_.max_dim);
        auto& same_but_max = by_max_key_[max_key(c)];
        for (const auto& [j, at] : same_but_max) {
            if (!same_outcome(summaries_[j], summaries_[id])) continue;
            const std::size_t low = std::min(c[mx], at);
            const double cap = cs_.value(mx, low);
            auto [it, added] = max_floor_.try_emplace(max_key(c), floor{cap, low == at ? j : id});
            if (!added && cap < it->second.cap) it->second = {cap, low == at ? j : id};
        }
        same_but_max.emplace_back(id, c[mx]);
        return id;
    }

    /// The number of an evaluation whose outcome the policy at c shares, if one is known.
    std::optional<std::size_t> answer(const coords& c) const {
        if (!applies_) return std::nullopt;
        if (const auto it = boxes_.find(ranged_key(c)); it != boxes_.end()) {
            for (const auto& b : it->second) {
                if (b.contains(c, ranged_dims_)) return b.id;
            }
        }
        const double cap = cs_.max_dim >= 0 ? cs_.value(static_cast<std::size_t>(cs_.max_dim),
                                                        c[static_cast<std::size_t>(cs_.max_dim)])
                                            : 0;
        if (cs_.max_dim >= 0) {
            const auto it = max_floor_.find(max_key(c));
            if (it != max_floor_.end() && cap >= it->second.cap) return it->second.id;
        }
        const auto it = still_.find(still_key(c));
        if (it == still_.end()) return std::nullopt;
        const auto& entry = it->second;
        const std::size_t max_at = cs_.max_dim >= 0 ? c[static_cast<std::size_t>(cs_.max_dim)] : 0;
        if (entry.pinned_max.count(max_at) > 0) return entry.id;
        const bool target_ok =
            target_dim_ < 0 || c[static_cast<std::size_t>(target_dim_)] >= entry.lowest_target;
        if (target_ok && entry.lowest_target != never && (cs_.max_dim < 0 || cap >= entry.fleet)) {
            return entry.id;
        }
        return std::nullopt;
    }

    /// The per-scenario summaries of evaluation `id` (a number learn() returned or answer()
    /// gave); valid until the next learn().
    const std::vector<summary>& summaries(std::size_t id) const { return summaries_[id]; }

private:
    static constexpr std::size_t never = std::numeric_limits<std::size_t>::max();

    // What the still fleets of one still_key() answer for: the MaxCapacity coordinates at which
    // MaxCapacity held the fleet at MinCapacity, and the lowest TargetValue coordinate at which
    // the fleet (its size here) stayed below MaxCapacity; id: one of them (all share an outcome).
    struct still_entry {
        std::set<std::size_t> pinned_max;
        std::size_t lowest_target = never;
        double fleet = 0;
        std::size_t id = 0;
    };
    // From this MaxCapacity up, evaluation id's outcome.
    struct floor {
        double cap;
        std::size_t id;
    };
    // Evaluation id's outcome over a box of the ranged dimensions' coordinates: [lo, hi] for
    // each of ranged_dims_, in order.
    struct box {
        std::vector<std::pair<std::size_t, std::size_t>> span;
        std::size_t id;

        bool contains(const coords& c, const std::vector<std::size_t>& dims) const {
            for (std::size_t k = 0; k < dims.size(); ++k) {
                if (c[dims[k]] < span[k].first || c[dims[k]] > span[k].second) return false;
            }
            return true;
        }
    };

    bool applies() const {
        for (const auto& sc : p_.scenarios) {
            const auto& s = sc.scaling;
            const bool kind = sc.endpoint.kind == endpoint_kind::real_time ||
                              sc.endpoint.kind == endpoint_kind::asynchronous;
            if (!kind || s.target_tracking.size() != 1 || !s.step_scaling.empty() ||
                !s.scheduled.empty() || !s.predictive.empty() || !s.hpa.empty() ||
                !s.custom.empty()) {
                return false;
            }
        }
        std::size_t targets = 0, mins = 0, maxes = 0;
        for (std::size_t d = 0; d < cs_.dims.size(); ++d) {
            targets += name(d) == "target_value" ? 1 : 0;
            mins += name(d) == "min_capacity" ? 1 : 0;
            maxes += name(d) == "max_capacity" ? 1 : 0;
        }
        return targets <= 1 && mins <= 1 && maxes <= 1;
    }

    // The parameter dimension d sets ("" for a custom one).
    std::string_view name(std::size_t d) const {
        return cs_.dims[d].param != nullptr ? std::string_view(cs_.dims[d].param->name)
                                            : std::string_view();
    }

    // Dimensions that act only through scaling activities (or a scale-in below the fleet).
    static bool acts_only_when_scaling(std::string_view n) {
        return n == "scale_out_cooldown_s" || n == "scale_in_cooldown_s" ||
               n == "disable_scale_in" || n == "low_evaluation_periods" ||
               n == "low_datapoints_to_alarm" || n == "low_threshold_fraction";
    }

    // The settings decision_margins ranges cover.
    static bool ranged(std::string_view n) {
        return n == "target_value" || n == "scale_out_cooldown_s" || n == "scale_in_cooldown_s" ||
               n == "max_capacity";
    }

    // c with the ranged dimensions' coordinates set to 0.
    coords ranged_key(coords c) const {
        for (const std::size_t d : ranged_dims_)
            c[d] = 0;
        return c;
    }

    // Whether the policy at c is within every scenario's margins.
    bool within(const coords& c, const std::vector<decision_margins>& margins) const {
        for (std::size_t i = 0; i < p_.scenarios.size(); ++i) {
            const auto& sc = p_.scenarios[i];
            const auto& tt = sc.scaling.target_tracking.front();
            double target = tt.target_value, out = tt.scale_out_cooldown_s,
                   in = tt.scale_in_cooldown_s, cap = sc.scaling.max_capacity;
            for (const std::size_t d : ranged_dims_) {
                const auto n = name(d);
                const double v = cs_.value(d, c[d]);
                if (n == "target_value") target = v;
                if (n == "scale_out_cooldown_s") out = v;
                if (n == "scale_in_cooldown_s") in = v;
                if (n == "max_capacity") cap = v;
            }
            if (!(cap >= 0 && cap <= std::numeric_limits<int>::max()) ||
                !margins[i].holds(target, out, in, static_cast<int>(std::lround(cap)))) {
                return false;
            }
        }
        return true;
    }

    // The box of ranged coordinates around c within every scenario's margins: along each ranged
    // dimension (the others at c's) the coordinates within form an interval, since each range is
    // an interval and the values are ordered; the margins hold for the settings together.
    void learn_margins(const coords& c, const std::vector<decision_margins>& margins,
                       std::size_t id) {
        if (ranged_dims_.empty() || margins.size() != p_.scenarios.size() || !within(c, margins))
            return;
        box b{{}, id};
        bool wider = false;
        for (const std::size_t d : ranged_dims_) {
            coords x = c;
            auto inside = [&](std::size_t k) {
                x[d] = k;
                return within(x, margins);
            };
            // The interval's ends by bisection: inside at c[d], and monotone on either side.
            std::size_t lo = 0, hi = c[d]; // the lowest inside lies in [lo, hi]
            while (lo < hi) {
                const std::size_t mid = lo + (hi - lo) / 2;
                if (inside(mid)) {
                    hi = mid;
                } else {
                    lo = mid + 1;
                }
            }
            const std::size_t first = lo;
            lo = c[d];
            hi = cs_.lattice_size(d) - 1; // the highest inside lies in [lo, hi]
            while (lo < hi) {
                const std::size_t mid = hi - (hi - lo) / 2;
                if (inside(mid)) {
                    lo = mid;
                } else {
                    hi = mid - 1;
                }
            }
            b.span.emplace_back(first, lo);
            wider = wider || first < c[d] || lo > c[d];
        }
        if (wider) boxes_[ranged_key(c)].push_back(std::move(b));
    }

    // Whether two evaluations agree on every summary field of every scenario (a NaN agrees with
    // nothing).
    static bool same_outcome(const std::vector<summary>& a, const std::vector<summary>& b) {
        if (a.size() != b.size()) return false;
        for (std::size_t i = 0; i < a.size(); ++i) {
            for (const auto& f : summary_fields()) {
                if (summary_value(a[i], f) != summary_value(b[i], f)) return false;
            }
        }
        return true;
    }

    // A policy's MinCapacity, MaxCapacity and initial capacity in scenario sc.
    std::array<double, 3> capacities(const coords& c, const scenario& sc) const {
        std::array<double, 3> cap = {static_cast<double>(sc.scaling.min_capacity),
                                     static_cast<double>(sc.scaling.max_capacity),
                                     static_cast<double>(sc.endpoint.initial_capacity)};
        for (std::size_t d = 0; d < c.size(); ++d) {
            const auto n = name(d);
            if (n == "min_capacity") cap[0] = cs_.value(d, c[d]);
            if (n == "max_capacity") cap[1] = cs_.value(d, c[d]);
            if (n == "initial_capacity") cap[2] = cs_.value(d, c[d]);
        }
        return cap;
    }

    // c with the coordinates of the dimensions a still fleet's outcome does not depend on
    // (MaxCapacity, TargetValue, those acting only through activities) set to 0.
    coords still_key(coords c) const {
        for (std::size_t d = 0; d < c.size(); ++d) {
            const auto n = name(d);
            if (n == "max_capacity" || n == "target_value" || acts_only_when_scaling(n)) c[d] = 0;
        }
        return c;
    }

    // c with its MaxCapacity coordinate set to 0.
    coords max_key(coords c) const {
        if (cs_.max_dim >= 0) c[static_cast<std::size_t>(cs_.max_dim)] = 0;
        return c;
    }

    void learn_still(const coords& c, const evaluation& e, std::size_t id) {
        bool still = true, pinned = true, free = true;
        double fleet = 0;
        for (std::size_t i = 0; i < p_.scenarios.size() && still; ++i) {
            const auto& s = e.per_scenario[i];
            const auto [lo, hi, initial] = capacities(c, p_.scenarios[i]);
            const double start = std::clamp(initial, lo, hi);
            const double hours = start * s.duration_s / 3600;
            still = s.scale_out_count == 0 && s.scale_in_count == 0 && start == lo &&
                    s.duration_s > 0 && std::abs(s.instance_hours - hours) <= 1e-9 * (1 + hours);
            pinned = pinned && hi == start;
            free = free && hi > start;
            fleet = std::max(fleet, start);
        }
        if (!still || !(pinned || free)) return;
        auto [it, added] = still_.try_emplace(still_key(c));
        auto& entry = it->second;
        if (added) entry.id = id;
        if (pinned) {
            entry.pinned_max.insert(cs_.max_dim >= 0 ? c[static_cast<std::size_t>(cs_.max_dim)]
                                                     : 0);
        } else {
            const std::size_t target =
                target_dim_ >= 0 ? c[static_cast<std::size_t>(target_dim_)] : 0;
            entry.lowest_target = std::min(entry.lowest_target, target);
            entry.fleet = fleet;
        }
    }

    const problem& p_;
    const compiled_space& cs_;
    bool applies_ = false;
    int target_dim_ = -1;
    std::vector<std::vector<summary>> summaries_; // by evaluation number
    std::map<coords, still_entry> still_;
    std::map<coords, std::vector<std::pair<std::size_t, std::size_t>>> by_max_key_; // id, Max
    std::map<coords, floor> max_floor_;                                             // by max_key()
    std::vector<std::size_t> ranged_dims_;     // dimensions decision_margins ranges cover
    std::map<coords, std::vector<box>> boxes_; // by ranged_key()
};

} // namespace autoscalesim::optimize::detail
