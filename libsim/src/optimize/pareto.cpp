#include "autoscalesim/optimize/pareto.hpp"

#include "autoscalesim/errors.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <string>

namespace autoscalesim::optimize {

namespace detail {

// Volume dominated by pts (each strictly below ref) in the first m objectives.
double hv_recursive(std::vector<std::vector<double>> pts, const std::vector<double>& ref,
                    std::size_t m) {
    if (pts.empty()) return 0.0;
    if (m == 1) {
        double best = ref[0];
        for (const auto& p : pts)
            best = std::min(best, p[0]);
        return ref[0] - best;
    }
    if (m == 2) {
        std::sort(pts.begin(), pts.end(), [](const auto& a, const auto& b) {
            return a[0] != b[0] ? a[0] < b[0] : a[1] < b[1];
        });
        double volume = 0.0;
        double last_y = ref[1];
        for (const auto& p : pts) {
            if (p[1] < last_y) {
                volume += (ref[0] - p[0]) * (last_y - p[1]);
                last_y = p[1];
            }
        }
        return volume;
    }
    // Slice along the last objective: between consecutive values, the dominated set is the
    // (m-1)-dimensional volume of every point at or below the slice.
    const std::size_t k = m - 1;
    std::sort(pts.begin(), pts.end(), [k](const auto& a, const auto& b) { return a[k] < b[k]; });
    double volume = 0.0;
    std::vector<std::vector<double>> active;
    for (std::size_t i = 0; i < pts.size(); ++i) {
        active.push_back(pts[i]);
        const double upper = i + 1 < pts.size() ? pts[i + 1][k] : ref[k];
        const double depth = upper - pts[i][k];
        if (depth > 0) volume += depth * hv_recursive(active, ref, k);
    }
    return volume;
}

} // namespace detail

bool dominates(const std::vector<double>& a, const std::vector<double>& b) {
    bool better = false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (a[i] > b[i]) return false;
        if (a[i] < b[i]) better = true;
    }
    return better;
}

std::vector<std::size_t> non_dominated_sort(const point_set& points) {
    const std::size_t n = points.size();
    std::vector<std::size_t> rank(n, 0);
    std::vector<std::size_t> dominated_by_count(n, 0);
    std::vector<std::vector<std::size_t>> dominated(n);
    for (std::size_t i = 0; i < n; ++i) {
        for (std::size_t j = i + 1; j < n; ++j) {
            if (dominates(points[i], points[j])) {
                dominated[i].push_back(j);
                ++dominated_by_count[j];
            } else if (dominates(points[j], points[i])) {
                dominated[j].push_back(i);
                ++dominated_by_count[i];
            }
        }
    }
    std::vector<std::size_t> current;
    for (std::size_t i = 0; i < n; ++i) {
        if (dominated_by_count[i] == 0) current.push_back(i);
    }
    std::size_t r = 0;
    while (!current.empty()) {
        std::vector<std::size_t> next;
        for (std::size_t i : current) {
            rank[i] = r;
            for (std::size_t j : dominated[i]) {
                if (--dominated_by_count[j] == 0) next.push_back(j);
            }
        }
        current = std::move(next);
        ++r;
    }
    return rank;
}

std::vector<std::size_t> pareto_front(const point_set& points) {
    std::vector<std::size_t> front;
    for (std::size_t i = 0; i < points.size(); ++i) {
        bool keep = true;
        for (std::size_t j = 0; j < points.size() && keep; ++j) {
            if (j == i) continue;
            if (dominates(points[j], points[i]) || (j < i && points[j] == points[i])) keep = false;
        }
        if (keep) front.push_back(i);
    }
    return front;
}

double hypervolume(const point_set& points, const std::vector<double>& reference) {
    std::vector<std::vector<double>> inside;
    for (const auto& p : points) {
        if (p.size() != reference.size()) {
            throw config_error("hypervolume: a point has " + std::to_string(p.size()) +
                               " objectives but the reference point has " +
                               std::to_string(reference.size()));
        }
        bool below = true;
        for (std::size_t i = 0; i < p.size(); ++i)
            below = below && p[i] < reference[i];
        if (below) inside.push_back(p);
    }
    if (reference.empty()) return 0.0;
    // Two objectives: the sweep skips dominated points itself (sorted by the first objective,
    // a dominated point never lowers the second), so it adds the same terms in the same order
    // without the quadratic filter.
    if (reference.size() == 2) return detail::hv_recursive(std::move(inside), reference, 2);
    // More: dominated points add nothing and slow the slicing down.
    const auto keep = pareto_front(inside);
    std::vector<std::vector<double>> front;
    front.reserve(keep.size());
    for (std::size_t i : keep)
        front.push_back(inside[i]);
    return detail::hv_recursive(std::move(front), reference, reference.size());
}

double igd_plus(const point_set& approximation, const point_set& reference_front) {
    if (reference_front.empty()) return 0.0;
    if (approximation.empty()) return std::numeric_limits<double>::infinity();
    double total = 0.0;
    for (const auto& z : reference_front) {
        double best = std::numeric_limits<double>::infinity();
        for (const auto& a : approximation) {
            double s = 0.0;
            for (std::size_t i = 0; i < z.size(); ++i) {
                const double d = std::max(a[i] - z[i], 0.0);
                s += d * d;
            }
            best = std::min(best, std::sqrt(s));
        }
        total += best;
    }
    return total / static_cast<double>(reference_front.size());
}

point_set normalize(const point_set& points, const std::vector<double>& ideal,
                    const std::vector<double>& nadir) {
    point_set out = points;
    for (auto& p : out) {
        for (std::size_t i = 0; i < p.size(); ++i) {
            const double range = nadir[i] - ideal[i];
            p[i] = range > 0 ? (p[i] - ideal[i]) / range : p[i] - ideal[i];
        }
    }
    return out;
}

} // namespace autoscalesim::optimize
