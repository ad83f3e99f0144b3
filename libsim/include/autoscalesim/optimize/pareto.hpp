#pragma once
/// Pareto dominance, non-dominated sorting and quality indicators (hypervolume, IGD+) for
/// objective vectors that are all minimised.

#include <cstddef>
#include <vector>

namespace autoscalesim::optimize {

/// A set of objective vectors, all of the same length, every objective minimised.
using point_set = std::vector<std::vector<double>>;

/// True when a is no worse than b in every objective and better in at least one.
bool dominates(const std::vector<double>& a, const std::vector<double>& b);

/// The non-domination rank of every point (0 = on the front, 1 = on the front once rank 0 is
/// removed, ...), Deb's fast non-dominated sort. Equal points get the same rank.
std::vector<std::size_t> non_dominated_sort(const point_set& points);

/// Indices of the non-dominated points in increasing order; of several equal points only the
/// first is kept.
std::vector<std::size_t> pareto_front(const point_set& points);

/// The volume dominated by points and bounded by reference (every objective minimised). Points not
/// strictly better than the reference in every objective add nothing. Exact; O(n log n) for two
/// objectives, slicing for more (fine for fronts of hundreds of points and three objectives).
/// Throws config_error when a point's length differs from the reference's.
double hypervolume(const point_set& points, const std::vector<double>& reference);

/// IGD+ of an approximation against a reference front: the mean over reference points z of the
/// smallest ||max(a - z, 0)|| over approximation points a (0 = the reference front is reached).
/// Infinity when the approximation is empty and the reference is not.
double igd_plus(const point_set& approximation, const point_set& reference_front);

/// Points mapped so that ideal goes to 0 and nadir to 1 in every objective (an objective whose
/// ideal equals its nadir is only shifted).
point_set normalize(const point_set& points, const std::vector<double>& ideal,
                    const std::vector<double>& nadir);

} // namespace autoscalesim::optimize
