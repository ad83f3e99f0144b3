#pragma once
// Capacity arithmetic that saturates instead of wrapping.

#include <cmath>
#include <limits>

namespace autoscalesim::detail {

// A number of instances held in an int: x (whole, or truncated toward zero) clamped into
// [-INT_MAX, INT_MAX] (so that negating it or taking its magnitude is defined), NaN as 0. A desired
// capacity past every bound (a TargetValue of 1e-12 asks for some 1e13 instances; a step adjustment
// of 2^31 - 1 added to the current capacity) saturates, and MaxCapacity then applies, where a cast
// would wrap to a negative count.
inline int saturated(double x) noexcept {
    constexpr int top = std::numeric_limits<int>::max();
    constexpr int bottom = -top;
    if (std::isnan(x)) {
        return 0;
    }
    if (x >= static_cast<double>(top)) {
        return top;
    }
    if (x <= static_cast<double>(bottom)) {
        return bottom;
    }
    return static_cast<int>(x);
}

} // namespace autoscalesim::detail
