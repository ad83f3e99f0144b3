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
/// Evaluations are numbered in the order learn() sees them; answer() gives the number of one
/// whose outcome is the policy's, and summaries() that evaluation's per-scenario summaries: what
/// the answered policy's own simulation would give, to the last bit.
class answer_book {
public:
    using coords = std::vector<std::size_t>;

    answer_book(const problem& p, const compiled_space& cs) : p_(p), cs_(cs) {
        for (std::size_t d = 0; d < cs.dims.size(); ++d) {
            if (name(d) == "target_value") target_dim_ = static_cast<int>(d);
        }
        applies_ = applies();
    }

    /// Learns evaluation e of the policy at lattice point c; returns its number.
    std::size_t learn(const coords& c, const evaluation& e) {
        const std::size_t id = summaries_.size();
        summaries_.push_back(e.per_scenario);
        if (!applies_ || e.per_scenario.size() != p_.scenarios.size()) return id;
        learn_still(c, e, id);
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
};

} // namespace autoscalesim::optimize::detail
