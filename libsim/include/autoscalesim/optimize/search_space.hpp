#pragma once
/// The policies an optimizer may choose from: one dimension per parameter (MinCapacity,
/// MaxCapacity, TargetValue, cooldowns, instance type, any numeric policy parameter).

#include "autoscalesim/instance.hpp"
#include "autoscalesim/scenario.hpp"

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

namespace autoscalesim::optimize {

/// One searched parameter. Named parameters (search_space::parameter_names()): the searchable
/// fields of describe.hpp, "min_capacity", "max_capacity", "initial_capacity", per
/// target-tracking policy "target_value", "scale_out_cooldown_s", "disable_scale_in" (0 or 1),
/// ..., and "instance_type" (an index into search_space::instance_types). Any other parameter
/// is a custom one and needs a setter.
struct dimension {
    std::string parameter; ///< the parameter set by this dimension
    double low = 0;        ///< smallest value (inclusive)
    double high = 0;       ///< largest value (inclusive when on the step lattice)
    double step = 0;       ///< levels low, low + step, ... <= high; 0 = continuous (integers: 1)
    std::vector<double> values; ///< explicit levels; when not empty, low, high and step are unused
    std::size_t policy = 0;     ///< index of the target-tracking policy for policy parameters
    std::function<void(scenario&, double)> setter; ///< custom parameter: applies a value

    /// A range [low, high] with an optional step (0 = continuous).
    static dimension range(std::string parameter, double low, double high, double step = 0,
                           std::size_t policy = 0);
    /// A choice among listed values.
    static dimension choice(std::string parameter, std::vector<double> values,
                            std::size_t policy = 0);
    /// A parameter held at one value (shown in results, not searched).
    static dimension fixed(std::string parameter, double value, std::size_t policy = 0);
    /// A custom numeric parameter applied by setter, over [low, high] with an optional step.
    static dimension custom(std::string name, double low, double high, double step,
                            std::function<void(scenario&, double)> setter);
};

/// The dimensions searched together; a policy is one value per dimension, in this order.
struct search_space {
    std::vector<dimension> dimensions;         ///< searched parameters, in order
    std::vector<instance_type> instance_types; ///< choices of the "instance_type" dimension

    /// Appends a dimension; returns *this for chaining.
    search_space& add(dimension d);
    /// Adds an "instance_type" dimension choosing among types (its values are indices).
    search_space& add_instance_types(std::vector<instance_type> types);

    /// A display name per dimension ("target_value", or "target_value[1]" for policy 1).
    std::vector<std::string> names() const;
    /// Number of policies of the exhaustive grid, Min > Max combinations included (they are
    /// skipped); throws config_error naming a continuous dimension (the grid needs a step).
    std::size_t grid_size() const;
    /// Throws config_error naming the dimension when the space cannot be searched on base:
    /// unknown parameter, empty range, bad step, Min range entirely above Max range, a policy
    /// index out of range, a level the scenario rejects.
    void validate(const scenario& base) const;
    /// Sets the parameters of one policy (one value per dimension) in sc.
    void apply(scenario& sc, const std::vector<double>& values) const;

    /// The named parameters: every searchable field of the scaling, endpoint and
    /// target-tracking descriptions (describe.hpp), and "instance_type".
    static std::vector<std::string> parameter_names();
};

} // namespace autoscalesim::optimize
