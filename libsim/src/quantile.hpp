#pragma once
// Private to the library: the quantile of a sample, linear between closest ranks (the
// definition trace::percentile, the recommender and calibration share).

#include <algorithm>
#include <cstddef>
#include <vector>

namespace autoscalesim::detail {

/// The q-quantile (0 <= q <= 1) of sorted values; `if_empty` when there are none.
inline double sorted_quantile(const std::vector<double>& sorted, double q, double if_empty) {
    if (sorted.empty()) {
        return if_empty;
    }
    const double pos = q * static_cast<double>(sorted.size() - 1);
    const auto lo = static_cast<std::size_t>(pos);
    const std::size_t hi = std::min(lo + 1, sorted.size() - 1);
    return sorted[lo] + (pos - static_cast<double>(lo)) * (sorted[hi] - sorted[lo]);
}

/// The same of values in any order.
inline double quantile(std::vector<double> values, double q, double if_empty) {
    std::sort(values.begin(), values.end());
    return sorted_quantile(values, q, if_empty);
}

} // namespace autoscalesim::detail
