// The sample-efficient (adaptive) search and its entry point.
#include "answers.hpp"
#include "autoscalesim/optimize/pareto.hpp"
#include "autoscalesim/optimize/surrogate.hpp"
#include "autoscalesim/random.hpp"
#include "run_state.hpp"

#include <boost/random/uniform_int_distribution.hpp>
#include <boost/random/uniform_real_distribution.hpp>

#include <map>
#include <numeric>
#include <set>

namespace autoscalesim::optimize {

namespace detail {

namespace {

// The sample-efficient search. Policies are points of the level lattice (a virtual fine lattice
// for continuous dimensions). After the initial policies and a Latin-hypercube start it proposes,
// in order of preference: children between neighbours on the current front whose gap (the rectangle
// they leave uncovered) is the largest, lattice moves from front members that have been explored
// least (one or two dimensions, mostly by one level), and a few uniform points. The front of these
// problems is a thin curve through the lattice (Min, Max and TargetValue trade cost for
// latency), so filling gaps and walking along it beats sampling the whole box. Every
// edge_period-th proposal after the opening design instead steps from one of the front's two
// ends to a lattice neighbour not yet evaluated (edge_step()).
//
// With two objectives, for its first surrogate_limit evaluations, it draws surrogate_candidates
// such proposals at a time and keeps the one a surrogate rates best: a Gaussian process of the
// log objectives over the lattice (every evaluation so far, feasible or not; coordinates scaled
// to [0, 1], length scale 0.3) predicts each candidate, and the candidate whose predicted point
// would add the most hypervolume to the front, times its chance of being feasible, wins (with
// none adding any, the most uncertain feasible-looking one). Refitting costs O(n^3), so later
// evaluations use the moves alone; by then the front is close.
//
// Policies whose outcome an evaluation already tells (answer_book) are not proposed. Before, on
// the benchmark's NASA week, a fifth to a half of the evaluations of a budget of 100 repeated an
// earlier outcome exactly.
class adaptive {
public:
    using coords = std::vector<std::size_t>;

    adaptive(const problem& p, const compiled_space& cs, const search_options& o,
             std::size_t budget)
        : p_(p), cs_(cs), rng_(make_engine(o.seed, rng_stream::search)), book_(p, cs) {
        long double size = 1;
        for (std::size_t d = 0; d < cs.dims.size(); ++d) {
            levels_.push_back(cs.lattice_size(d));
            if (levels_[d] > 1) active_.push_back(d);
            size *= static_cast<long double>(levels_[d]);
        }
        space_size_ =
            size > 1e18L ? std::numeric_limits<std::size_t>::max() : static_cast<std::size_t>(size);
        const std::size_t dims = std::max<std::size_t>(active_.size(), 1);
        const std::size_t initial =
            std::max<std::size_t>(2 * dims + 2, std::min<std::size_t>(budget / 10, 20));
        std::set<coords> given;
        for (const auto& v : o.initial_policies) {
            coords c(levels_.size());
            for (std::size_t d = 0; d < c.size(); ++d)
                c[d] = cs.nearest(d, v[d]);
            if (capacity_consistent(cs_, values(c), p_.scenarios) && given.insert(c).second) {
                design_.push_back(std::move(c));
            }
        }
        const std::size_t spread = std::min(initial, budget);
        if (design_.size() < spread) {
            for (auto& c : latin_hypercube(spread - design_.size()))
                design_.push_back(std::move(c));
        }
    }

    /// Up to n distinct, valid, not yet evaluated policies (fewer when the space runs out).
    std::vector<coords> propose(std::size_t n) {
        std::vector<coords> out;
        while (out.size() < n) {
            auto c = propose_one();
            if (!c) break;
            seen_.insert(*c);
            out.push_back(std::move(*c));
        }
        return out;
    }

    /// Policies not proposed because an evaluation answers for them.
    std::size_t answered_count() const { return answered_count_; }

    /// Learns the outcome of a proposed policy.
    void observe(const coords& c, const evaluation& e,
                 const std::vector<decision_margins>& margins = {}) {
        const std::size_t id = evals_.size();
        evals_.push_back({c, e.objectives, e.feasible, e.violation, 0});
        book_.learn(c, e, margins);
        if (!e.feasible) return;
        for (std::size_t f : front_) {
            const auto& m = evals_[f].objectives;
            if (m == e.objectives || dominates(m, e.objectives)) return;
        }
        std::erase_if(front_,
                      [&](std::size_t f) { return dominates(e.objectives, evals_[f].objectives); });
        front_.push_back(id);
    }

    /// The values of lattice point c.
    std::vector<double> values(const coords& c) const {
        std::vector<double> v(c.size());
        for (std::size_t d = 0; d < c.size(); ++d)
            v[d] = cs_.value(d, c[d]);
        return v;
    }

private:
    struct record {
        coords at;
        std::vector<double> objectives;
        bool feasible;
        double violation;
        int visits;
    };

    std::size_t uniform(std::size_t lo, std::size_t hi) {
        return boost::random::uniform_int_distribution<std::size_t>(lo, hi)(rng_);
    }
    double unit() { return boost::random::uniform_real_distribution<double>(0.0, 1.0)(rng_); }

    std::vector<coords> latin_hypercube(std::size_t n) {
        std::vector<coords> pts(n, coords(levels_.size(), 0));
        for (std::size_t d = 0; d < levels_.size(); ++d) {
            std::vector<std::size_t> perm(n);
            std::iota(perm.begin(), perm.end(), std::size_t{0});
            for (std::size_t i = n; i > 1; --i)
                std::swap(perm[i - 1], perm[uniform(0, i - 1)]);
            for (std::size_t i = 0; i < n; ++i) {
                const double x = (static_cast<double>(perm[i]) + unit()) / static_cast<double>(n);
                pts[i][d] = std::min(levels_[d] - 1,
                                     static_cast<std::size_t>(x * static_cast<double>(levels_[d])));
            }
        }
        return pts;
    }

    coords random_point() {
        coords c(levels_.size());
        for (std::size_t d = 0; d < c.size(); ++d)
            c[d] = uniform(0, levels_[d] - 1);
        return c;
    }

    // Moves one or two dimensions (three when far from feasibility) by a few levels.
    coords mutate(coords c, bool wide) {
        if (active_.empty()) return c;
        const double r = unit();
        std::size_t count = r < 0.7 ? 1 : (r < 0.95 || !wide ? 2 : 3);
        count = std::min(count, active_.size());
        std::vector<std::size_t> dims = active_;
        for (std::size_t i = 0; i < count; ++i)
            std::swap(dims[i], dims[uniform(i, dims.size() - 1)]);
        for (std::size_t i = 0; i < count; ++i) {
            const std::size_t d = dims[i];
            const std::size_t n = levels_[d];
            std::size_t step = 1;
            if (n > 16) {
                const auto top = static_cast<std::size_t>(std::log2(static_cast<double>(n)));
                step = std::max<std::size_t>(1, n >> uniform(2, std::max<std::size_t>(2, top)));
            } else if (wide || unit() < 0.25) {
                step = uniform(1, std::max<std::size_t>(1, n / 2));
            }
            const bool up = unit() < 0.5;
            const std::size_t k = c[d];
            if (up) {
                c[d] = k + step < n ? k + step : (k >= step ? k - step : n - 1);
            } else {
                c[d] = k >= step ? k - step : std::min(n - 1, k + step);
            }
        }
        return c;
    }

    // Crowding distance of each front member along the first two objectives (ends: infinite).
    std::vector<double> crowding(const std::vector<std::size_t>& order) const {
        std::vector<double> dist(order.size(), 0.0);
        const std::size_t m = p_.objectives.size();
        for (std::size_t k = 0; k < m; ++k) {
            std::vector<std::size_t> idx(order.size());
            std::iota(idx.begin(), idx.end(), std::size_t{0});
            std::sort(idx.begin(), idx.end(), [&](std::size_t a, std::size_t b) {
                return evals_[order[a]].objectives[k] < evals_[order[b]].objectives[k];
            });
            const double lo = evals_[order[idx.front()]].objectives[k];
            const double hi = evals_[order[idx.back()]].objectives[k];
            dist[idx.front()] = dist[idx.back()] = std::numeric_limits<double>::infinity();
            if (hi <= lo) continue;
            for (std::size_t i = 1; i + 1 < idx.size(); ++i) {
                dist[idx[i]] += (evals_[order[idx[i + 1]]].objectives[k] -
                                 evals_[order[idx[i - 1]]].objectives[k]) /
                                (hi - lo);
            }
        }
        return dist;
    }

    // Two objectives: the member whose exclusive hypervolume (normalised by the front's extent,
    // reference 10 % beyond it) per visit is largest; the ends own the big boxes toward the
    // reference point, so the cheapest and the fastest policies keep being pushed outward.
    std::size_t select_by_contribution() {
        std::vector<std::size_t> order = front_;
        std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
            return evals_[a].objectives < evals_[b].objectives;
        });
        const auto& first = evals_[order.front()].objectives;
        const auto& last = evals_[order.back()].objectives;
        const double rx = last[0] > first[0] ? last[0] - first[0] : 1;
        const double ry = first[1] > last[1] ? first[1] - last[1] : 1;
        const double ref_x = last[0] + 0.1 * rx;
        const double ref_y = first[1] + 0.1 * ry;
        double best_score = -1;
        std::size_t pick = order.front();
        for (std::size_t i = 0; i < order.size(); ++i) {
            const auto& o = evals_[order[i]].objectives;
            const double right = i + 1 < order.size() ? evals_[order[i + 1]].objectives[0] : ref_x;
            const double up = i > 0 ? evals_[order[i - 1]].objectives[1] : ref_y;
            const double contribution = (right - o[0]) / rx * ((up - o[1]) / ry);
            const double score = contribution / (1.0 + evals_[order[i]].visits);
            if (score > best_score) {
                best_score = score;
                pick = order[i];
            }
        }
        ++evals_[pick].visits;
        return pick;
    }

    // Binary tournament on the front: fewer visits first, then the more isolated member.
    std::size_t select_parent() {
        if (p_.objectives.size() == 2 && unit() < 0.75) return select_by_contribution();
        const auto dist = crowding(front_);
        const std::size_t a = uniform(0, front_.size() - 1);
        const std::size_t b = uniform(0, front_.size() - 1);
        const auto better = [&](std::size_t x, std::size_t y) {
            const int vx = evals_[front_[x]].visits, vy = evals_[front_[y]].visits;
            if (vx != vy) return vx < vy;
            return dist[x] > dist[y];
        };
        const std::size_t pick = better(b, a) ? b : a;
        ++evals_[front_[pick]].visits;
        return front_[pick];
    }

    // A child in the box spanned by two front neighbours that leave a large gap.
    std::optional<coords> gap_child() {
        std::vector<std::size_t> order = front_;
        std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
            return evals_[a].objectives < evals_[b].objectives;
        });
        const std::size_t m = p_.objectives.size();
        std::vector<double> lo(m, std::numeric_limits<double>::infinity());
        std::vector<double> hi(m, -std::numeric_limits<double>::infinity());
        for (std::size_t f : order) {
            for (std::size_t k = 0; k < m; ++k) {
                lo[k] = std::min(lo[k], evals_[f].objectives[k]);
                hi[k] = std::max(hi[k], evals_[f].objectives[k]);
            }
        }
        double best_score = 0;
        std::pair<std::size_t, std::size_t> best_pair{0, 0};
        for (std::size_t i = 0; i + 1 < order.size(); ++i) {
            // Two objectives: the uncovered rectangle between neighbours along the front.
            // More: the normalised distance to the nearest other member.
            const std::size_t a = order[i];
            std::size_t b = order[i + 1];
            double area = 1;
            if (m == 2) {
                for (std::size_t k = 0; k < m; ++k) {
                    const double range = hi[k] > lo[k] ? hi[k] - lo[k] : 1;
                    area *= std::abs(evals_[b].objectives[k] - evals_[a].objectives[k]) / range;
                }
            } else {
                double nearest = std::numeric_limits<double>::infinity();
                for (std::size_t f : order) {
                    if (f == a) continue;
                    double s = 0;
                    for (std::size_t k = 0; k < m; ++k) {
                        const double range = hi[k] > lo[k] ? hi[k] - lo[k] : 1;
                        const double d =
                            (evals_[f].objectives[k] - evals_[a].objectives[k]) / range;
                        s += d * d;
                    }
                    if (s < nearest) {
                        nearest = s;
                        b = f;
                    }
                }
                area = nearest;
            }
            const double score = area / (1.0 + gap_tries_[{std::min(a, b), std::max(a, b)}]);
            if (score > best_score) {
                best_score = score;
                best_pair = {std::min(a, b), std::max(a, b)};
            }
        }
        if (best_score <= 0) return std::nullopt;
        ++gap_tries_[best_pair];
        const coords& ca = evals_[best_pair.first].at;
        const coords& cb = evals_[best_pair.second].at;
        coords child(ca.size());
        for (std::size_t d = 0; d < ca.size(); ++d) {
            child[d] = uniform(std::min(ca[d], cb[d]), std::max(ca[d], cb[d]));
        }
        if (child == ca || child == cb) child = mutate(child, false);
        return child;
    }

    // An infeasible policy better in some objective than the whole front, with a small violation
    // (binary tournament): the front's ends usually sit on a constraint, and walking along its
    // infeasible side finds them sooner than walking from the feasible side only.
    std::optional<std::size_t> beyond_front() {
        const std::size_t k = uniform(0, p_.objectives.size() - 1);
        double edge = std::numeric_limits<double>::infinity();
        for (std::size_t f : front_)
            edge = std::min(edge, evals_[f].objectives[k]);
        std::vector<std::size_t> pool;
        for (std::size_t i = 0; i < evals_.size(); ++i) {
            if (!evals_[i].feasible && std::isfinite(evals_[i].violation) &&
                evals_[i].objectives[k] < edge) {
                pool.push_back(i);
            }
        }
        if (pool.empty()) return std::nullopt;
        const std::size_t a = pool[uniform(0, pool.size() - 1)];
        const std::size_t b = pool[uniform(0, pool.size() - 1)];
        return evals_[b].violation < evals_[a].violation ? b : a;
    }

    // Whether c was proposed before or an evaluation answers for it (then it counts as seen).
    bool known(const coords& c) {
        if (seen_.count(c) > 0) return true;
        if (!book_.answer(c)) return false;
        seen_.insert(c);
        ++answered_count_;
        return true;
    }

    static constexpr std::size_t surrogate_limit = 300;
    static constexpr std::size_t surrogate_candidates = 24;
    static constexpr double surrogate_length = 0.3;

    // The lattice point scaled to [0, 1] in each active dimension.
    std::vector<double> unit_point(const coords& c) const {
        std::vector<double> x;
        for (std::size_t d : active_) {
            x.push_back(static_cast<double>(c[d]) / static_cast<double>(levels_[d] - 1));
        }
        return x;
    }

    bool surrogate_active() const {
        return p_.objectives.size() == 2 && !active_.empty() &&
               evals_.size() >= 2 * active_.size() + 2 && evals_.size() < surrogate_limit;
    }

    // Fits the surrogate to every evaluation with positive, finite objectives (their logs).
    void refit() {
        std::vector<std::vector<double>> x, y;
        std::vector<double> feasible;
        for (const auto& e : evals_) {
            const double a = e.objectives[0], b = e.objectives[1];
            if (!(a > 0 && b > 0 && std::isfinite(a) && std::isfinite(b))) continue;
            x.push_back(unit_point(e.at));
            y.push_back({std::log(a), std::log(b)});
            feasible.push_back(e.feasible ? 1.0 : 0.0);
        }
        fitted_ = x.size() >= 4;
        if (fitted_) gp_.fit(x, y, feasible, surrogate_length);
        fitted_at_ = evals_.size();
    }

    // Whether the surrogate is fitted to every evaluation so far (refitting it when stale).
    bool surrogate_ready() {
        if (fitted_at_ != evals_.size()) refit();
        return fitted_;
    }

    // The best of surrogate_candidates proposals by the surrogate (see the class comment).
    std::optional<coords> surrogate_pick() {
        if (!surrogate_ready()) return std::nullopt;
        std::vector<coords> cands;
        std::set<coords> local;
        for (int attempt = 0; attempt < 400 && cands.size() < surrogate_candidates; ++attempt) {
            coords c = generate();
            if (!repair(c) || known(c) || local.count(c) > 0) continue;
            local.insert(c);
            cands.push_back(std::move(c));
        }
        if (cands.empty()) return std::nullopt;
        point_set front;
        for (std::size_t f : front_)
            front.push_back(evals_[f].objectives);
        std::vector<double> ref;
        double base = 0;
        if (!front.empty()) {
            // 10 % beyond the front's extent, as select_by_contribution() measures it.
            for (std::size_t k = 0; k < 2; ++k) {
                double lo = front[0][k], hi = lo;
                for (const auto& q : front) {
                    lo = std::min(lo, q[k]);
                    hi = std::max(hi, q[k]);
                }
                ref.push_back(hi + 0.1 * std::max(hi - lo, 1e-9 * std::abs(hi)));
            }
            base = hypervolume(front, ref);
        }
        std::size_t best = 0;
        double best_gain = -1, best_spread = -1;
        for (std::size_t i = 0; i < cands.size(); ++i) {
            const auto pred = gp_.predict(unit_point(cands[i]));
            double gain = 0;
            if (!front.empty()) {
                front.push_back({std::exp(pred.mean[0]), std::exp(pred.mean[1])});
                gain = pred.p_feasible * (hypervolume(front, ref) - base);
                front.pop_back();
            }
            const double spread = pred.p_feasible * (pred.sd[0] + pred.sd[1]);
            if (gain > best_gain || (gain == best_gain && spread > best_spread)) {
                best_gain = gain;
                best_spread = spread;
                best = i;
            }
        }
        return cands[best];
    }

    // Moves Min or Max so that Min <= Max; false when it cannot.
    bool repair(coords& c) {
        auto v = values(c);
        if (capacity_consistent(cs_, v, p_.scenarios)) return true;
        const bool both = cs_.min_dim >= 0 && cs_.max_dim >= 0;
        const bool raise_max = cs_.max_dim >= 0 && (!both || unit() < 0.5);
        if (raise_max) {
            const auto mx = static_cast<std::size_t>(cs_.max_dim);
            double need = 0;
            for (const auto& sc : p_.scenarios)
                need = std::max(need, static_cast<double>(sc.scaling.min_capacity));
            if (cs_.min_dim >= 0) need = v[static_cast<std::size_t>(cs_.min_dim)];
            const auto& lv = cs_.dims[mx].levels;
            const auto it = std::lower_bound(lv.begin(), lv.end(), need);
            if (it == lv.end()) return false;
            c[mx] = static_cast<std::size_t>(it - lv.begin());
        } else {
            const auto mn = static_cast<std::size_t>(cs_.min_dim);
            double room = std::numeric_limits<double>::infinity();
            for (const auto& sc : p_.scenarios)
                room = std::min(room, static_cast<double>(sc.scaling.max_capacity));
            if (cs_.max_dim >= 0) room = v[static_cast<std::size_t>(cs_.max_dim)];
            const auto& lv = cs_.dims[mn].levels;
            const auto it = std::upper_bound(lv.begin(), lv.end(), room);
            if (it == lv.begin()) return false;
            c[mn] = static_cast<std::size_t>(it - lv.begin()) - 1;
        }
        return capacity_consistent(cs_, values(c), p_.scenarios);
    }

    coords generate() {
        if (design_pos_ < design_.size()) return design_[design_pos_++];
        if (front_.empty()) {
            // Nothing feasible yet: walk from the least-violating policies with wider moves.
            std::vector<std::size_t> idx(evals_.size());
            std::iota(idx.begin(), idx.end(), std::size_t{0});
            const std::size_t k = std::min<std::size_t>(5, idx.size());
            std::partial_sort(idx.begin(), idx.begin() + static_cast<std::ptrdiff_t>(k), idx.end(),
                              [&](std::size_t a, std::size_t b) {
                                  return evals_[a].violation != evals_[b].violation
                                             ? evals_[a].violation < evals_[b].violation
                                             : a < b;
                              });
            if (k == 0 || unit() < 0.2) return random_point();
            return mutate(evals_[idx[uniform(0, k - 1)]].at, true);
        }
        const double r = unit();
        if (r < 0.05) return random_point();
        if (r < 0.15) {
            if (auto parent = beyond_front()) return mutate(evals_[*parent].at, false);
        }
        if (r < 0.55 && front_.size() >= 2) {
            if (auto c = gap_child()) return *c;
        }
        return mutate(evals_[select_parent()].at, false);
    }

    static constexpr std::size_t edge_period = 6;

    // An unevaluated lattice neighbour of the front's ends, the member with the lowest first
    // objective and the one with the lowest second in turn: one step (a sixteenth of the range
    // on a fine lattice) up or down in one dimension; the one the surrogate predicts lowest in
    // that end's objective, else the first in order of dimension. The ends are where the front
    // is steepest and where a constraint usually cuts it off, so the few policies beyond the
    // current end hold much of the hypervolume still missing; the other moves reach them only by
    // chance.
    std::optional<coords> edge_step() {
        if (front_.empty() || p_.objectives.size() != 2) return std::nullopt;
        for (int turn = 0; turn < 2; ++turn) {
            const std::size_t k = edge_turn_++ % 2;
            std::size_t end = front_.front();
            for (std::size_t f : front_) {
                if (evals_[f].objectives[k] < evals_[end].objectives[k]) end = f;
            }
            std::vector<coords> next;
            for (std::size_t d : active_) {
                const std::size_t step = levels_[d] > 16 ? levels_[d] / 16 : 1;
                for (int dir = -1; dir <= 1; dir += 2) {
                    coords n = evals_[end].at;
                    if (dir < 0 ? n[d] < step : n[d] + step >= levels_[d]) continue;
                    n[d] = dir < 0 ? n[d] - step : n[d] + step;
                    if (known(n)) continue;
                    if (!capacity_consistent(cs_, values(n), p_.scenarios)) continue;
                    next.push_back(std::move(n));
                }
            }
            if (next.empty()) continue;
            // With the surrogate on, the neighbour it expects to push this end furthest.
            std::size_t pick = 0;
            if (surrogate_active() && surrogate_ready()) {
                double lowest = std::numeric_limits<double>::infinity();
                for (std::size_t i = 0; i < next.size(); ++i) {
                    const double m = gp_.predict(unit_point(next[i])).mean[k];
                    if (m < lowest) {
                        lowest = m;
                        pick = i;
                    }
                }
            }
            return next[pick];
        }
        return std::nullopt;
    }

    std::optional<coords> propose_one() {
        if (seen_.size() >= space_size_) return std::nullopt;
        if (design_pos_ >= design_.size() && ++proposed_ % edge_period == 0) {
            if (auto c = edge_step()) return c;
        }
        if (design_pos_ >= design_.size() && surrogate_active()) {
            if (auto c = surrogate_pick()) return c;
        }
        for (int attempt = 0; attempt < 200; ++attempt) {
            coords c = generate();
            if (!repair(c) || known(c)) continue;
            return c;
        }
        for (int attempt = 0; attempt < 5000; ++attempt) {
            coords c = random_point();
            if (!repair(c) || known(c)) continue;
            return c;
        }
        return std::nullopt;
    }

    const problem& p_;
    const compiled_space& cs_;
    rng_engine rng_;
    std::vector<std::size_t> levels_;
    std::vector<std::size_t> active_;
    std::size_t space_size_ = 0;
    std::vector<coords> design_;
    std::size_t design_pos_ = 0;
    std::vector<record> evals_;
    std::vector<std::size_t> front_;
    std::set<coords> seen_;
    std::map<std::pair<std::size_t, std::size_t>, int> gap_tries_;
    gp_surrogate gp_;
    answer_book book_;
    std::size_t answered_count_ = 0;
    std::size_t edge_turn_ = 0;
    std::size_t proposed_ = 0;
    bool fitted_ = false;
    std::size_t fitted_at_ = std::numeric_limits<std::size_t>::max();
};

// Each initial policy has one finite value per dimension, within the dimension's bounds.
void check_initial_policies(const compiled_space& cs,
                            const std::vector<std::vector<double>>& policies) {
    for (std::size_t i = 0; i < policies.size(); ++i) {
        const std::string where = "search_options.initial_policies[" + std::to_string(i) + "]";
        if (policies[i].size() != cs.dims.size()) {
            throw config_error(where + ": " + std::to_string(policies[i].size()) + " values for " +
                               std::to_string(cs.dims.size()) + " dimensions");
        }
        for (std::size_t d = 0; d < cs.dims.size(); ++d) {
            const auto& dim = cs.dims[d];
            const double v = policies[i][d];
            if (!(v >= dim.low && v <= dim.high)) {
                throw config_error(where + ": " + dim.name + " " + num(v) +
                                   " is outside the space's [" + num(dim.low) + ", " +
                                   num(dim.high) + "]");
            }
        }
    }
}

} // namespace

problem slice_problem(const problem& p, double fraction) {
    problem sliced = p;
    for (auto& sc : sliced.scenarios) {
        const std::size_t n = sc.traffic.size();
        const auto count = std::clamp<std::size_t>(
            static_cast<std::size_t>(std::llround(fraction * static_cast<double>(n))), 1, n);
        const std::size_t first = sc.traffic.busiest_first(count);
        const time_ms begin = static_cast<time_ms>(first) * sc.traffic.interval_ms();
        const time_ms end = begin + static_cast<time_ms>(count) * sc.traffic.interval_ms();
        sc.traffic = sc.traffic.slice(first, count);
        std::vector<time_ms> log;
        std::vector<int> models;
        for (std::size_t i = 0; i < sc.arrival_log_ms.size(); ++i) {
            const time_ms t = sc.arrival_log_ms[i];
            if (t < begin || t >= end) continue;
            log.push_back(t - begin);
            if (!sc.arrival_models.empty()) models.push_back(sc.arrival_models[i]);
        }
        sc.arrival_log_ms = std::move(log);
        sc.arrival_models = std::move(models);
        for (auto& counts : sc.arrival_model_counts) {
            const auto b = counts.begin() + static_cast<std::ptrdiff_t>(first);
            counts = std::vector<double>(b, b + static_cast<std::ptrdiff_t>(count));
        }
        for (auto& action : sc.scaling.scheduled) {
            std::vector<time_ms> at;
            for (time_ms t : action.at_ms) {
                if (t >= begin && t < end) at.push_back(t - begin);
            }
            action.at_ms = std::move(at);
        }
    }
    return sliced;
}

} // namespace detail

search_result adaptive_search(const problem& p, const search_options& options) {
    p.validate();
    const auto cs = detail::compile(p.space);
    const std::size_t budget = options.max_evaluations > 0 ? options.max_evaluations : 200;
    if (options.batch_size == 0) throw config_error("search_options.batch_size: must be >= 1");
    detail::check_initial_policies(cs, options.initial_policies);
    options.fidelity.validate();
    const double fraction = options.fidelity.slice_fraction;
    detail::run_state state(p, options, budget);
    bool continuous = false;
    for (const auto& c : cs.dims)
        continuous = continuous || c.continuous;
    if (!continuous) state.set_space_size(p.space.grid_size());
    search_options whole = options;
    if (fraction > 0) {
        // The first stage: the same search on the busiest slice; its front seeds this one.
        search_options first = options;
        first.fidelity = {};
        first.evaluator = options.fidelity.evaluator;
        first.max_evaluations = options.fidelity.slice_evaluations > 0
                                    ? options.fidelity.slice_evaluations
                                    : std::min<std::size_t>(budget * 3 / 2, 150);
        first.keep_evaluations = false;
        first.on_evaluation = nullptr;
        first.reference_point.clear();
        if (options.on_progress) {
            first.on_progress = [&](const progress& inner) {
                progress outer;
                outer.total = budget;
                outer.slice_evaluations = inner.evaluations;
                outer.elapsed_s = state.elapsed();
                return options.on_progress(outer);
            };
        }
        const auto sliced = adaptive_search(detail::slice_problem(p, fraction), first);
        state.set_slice_evaluated(sliced.evaluated);
        if (sliced.stopped) {
            state.stop(sliced.reason, sliced.stop_limit);
            return state.finish(sliced.reason, sliced.stop_limit);
        }
        const std::size_t n = sliced.front.size();
        const std::size_t keep = std::min(n, std::max<std::size_t>(1, budget / 2));
        for (std::size_t k = 0; k < keep; ++k) {
            const std::size_t at = keep == 1 ? 0 : k * (n - 1) / (keep - 1);
            whole.initial_policies.push_back(sliced.front[at].parameters);
        }
    }
    detail::evaluator_pool pool(p, options.threads, options.evaluator, options.cancel);
    detail::adaptive search(p, cs, whole, budget);
    std::size_t done = 0;
    bool exhausted = false;
    while (done < budget) {
        const auto proposals = search.propose(std::min(options.batch_size, budget - done));
        if (proposals.empty()) {
            exhausted = true;
            break;
        }
        std::vector<std::vector<double>> batch;
        std::vector<std::size_t> indices;
        for (const auto& c : proposals) {
            batch.push_back(search.values(c));
            indices.push_back(done + indices.size());
        }
        std::vector<std::vector<decision_margins>> margins;
        const auto results = pool.run(batch, indices, &margins);
        for (std::size_t i = 0; i < results.size(); ++i) {
            state.record(results[i]);
            search.observe(proposals[i], results[i], margins[i]);
        }
        done += results.size();
        if (!state.keep_going(done < budget)) break;
    }
    state.set_answered(search.answered_count());
    if (exhausted) return state.finish(stop_reason::space_exhausted);
    return state.finish(stop_reason::budget_used, static_cast<double>(budget));
}

} // namespace autoscalesim::optimize
