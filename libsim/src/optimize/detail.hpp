#pragma once
// Private to the optimizer: the search space compiled to levels, and a few shared helpers.

#include "autoscalesim/optimize/problem.hpp"
#include "autoscalesim/optimize/search_space.hpp"
#include "autoscalesim/scenario.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <functional>
#include <string>
#include <vector>

namespace autoscalesim::optimize::detail {

/// A named parameter: a searchable field of a described struct (describe.hpp), or the instance
/// type.
struct param_info {
    std::string name;   ///< the field's name
    bool integer;       ///< values must be whole numbers
    bool policy_scoped; ///< a field of target-tracking policy `dimension::policy`
    bool instance_type; ///< an index into search_space::instance_types
    bool boolean;       ///< true or false, searched as 1 or 0
    /// Sets the value in sc (policy: the target-tracking policy's index, checked by the caller).
    std::function<void(scenario& sc, std::size_t policy, double value)> set;
};

/// Every named parameter: the searchable fields of scaling_config, endpoint_config, the
/// instance type, then those of target_tracking_config, in their descriptions' order.
const std::vector<param_info>& param_table();
/// The named parameter `name`, or nullptr.
const param_info* find_param(const std::string& name);

/// Virtual lattice resolution of a continuous dimension for the adaptive search.
inline constexpr std::size_t continuous_levels = 1025;

/// A dimension resolved to its levels.
struct compiled_dim {
    const param_info* param = nullptr; ///< the named parameter it sets; nullptr: custom
    bool integer = false;              ///< values must be whole numbers
    bool continuous = false;           ///< no step: levels is empty, the lattice is virtual
    std::vector<double> levels;        ///< the grid levels, ascending (discrete dimensions)
    double low = 0, high = 0;          ///< bounds
    std::string name;                  ///< display name
};

/// The space resolved once for fast enumeration and application.
struct compiled_space {
    std::vector<compiled_dim> dims; ///< one per dimension
    int min_dim = -1;               ///< dimension of min_capacity, -1 if none
    int max_dim = -1;               ///< dimension of max_capacity, -1 if none

    /// Levels of dimension d on the lattice (virtual for continuous dimensions).
    std::size_t lattice_size(std::size_t d) const {
        return dims[d].continuous ? continuous_levels : dims[d].levels.size();
    }
    /// The value of dimension d at lattice coordinate k.
    double value(std::size_t d, std::size_t k) const {
        const auto& c = dims[d];
        if (!c.continuous) return c.levels[k];
        return c.low + (c.high - c.low) * static_cast<double>(k) /
                           static_cast<double>(continuous_levels - 1);
    }
    /// The lattice coordinate of dimension d nearest to v (the lower one on a tie); v must lie
    /// within the dimension's bounds.
    std::size_t nearest(std::size_t d, double v) const {
        const auto& c = dims[d];
        if (c.continuous) {
            if (c.high <= c.low) return 0;
            const double x =
                (v - c.low) / (c.high - c.low) * static_cast<double>(continuous_levels - 1);
            return static_cast<std::size_t>(
                std::clamp(std::round(x), 0.0, static_cast<double>(continuous_levels - 1)));
        }
        const auto it = std::lower_bound(c.levels.begin(), c.levels.end(), v);
        if (it == c.levels.begin()) return 0;
        if (it == c.levels.end()) return c.levels.size() - 1;
        const auto k = static_cast<std::size_t>(it - c.levels.begin());
        return v - c.levels[k - 1] <= c.levels[k] - v ? k - 1 : k;
    }
};

/// Resolves and checks a space without a scenario (names, ranges, steps, Min/Max ranges).
compiled_space compile(const search_space& space);

/// p with each scenario's traffic cut to its busiest round(fraction x intervals) intervals (at
/// least one), for multi-fidelity's first stage. What is timed from the trace's start moves with
/// it: logged request times and their models, per-model counts, scheduled actions' at_ms (those
/// outside the window are dropped).
problem slice_problem(const problem& p, double fraction);

/// "%g" formatting for messages.
std::string num(double v);

} // namespace autoscalesim::optimize::detail
