#include "autoscalesim/optimize/search_space.hpp"

#include "autoscalesim/errors.hpp"
#include "detail.hpp"

#include "autoscalesim/describe.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <utility>

namespace autoscalesim::optimize {

namespace detail {

namespace {

// Whole numbers round; a bool is searched as 0 or 1.
template <class T> T from_double(double v) {
    if constexpr (std::is_same_v<T, bool>) {
        return std::lround(v) != 0;
    } else if constexpr (std::is_integral_v<T>) {
        return static_cast<T>(std::lround(v));
    } else {
        return v;
    }
}

// The searchable numeric fields of S; `target` finds the S a value goes to.
template <class S, class Target>
void add_params(std::vector<param_info>& out, bool policy_scoped, Target target) {
    for_each_field<S>([&](const auto& fd) {
        using T = typename std::decay_t<decltype(fd)>::value_type;
        if constexpr (std::is_arithmetic_v<T>) {
            if (!fd.searchable) return;
            const auto member = fd.member;
            out.push_back({std::string(fd.name), std::is_integral_v<T>, policy_scoped, false,
                           std::is_same_v<T, bool>,
                           [member, target](scenario& sc, std::size_t policy, double v) {
                               target(sc, policy).*member = from_double<T>(v);
                           }});
        }
    });
}

} // namespace

const std::vector<param_info>& param_table() {
    static const std::vector<param_info> table = [] {
        std::vector<param_info> t;
        add_params<scaling_config>(t, false,
                                   [](scenario& sc, std::size_t) -> auto& { return sc.scaling; });
        add_params<endpoint_config>(t, false,
                                    [](scenario& sc, std::size_t) -> auto& { return sc.endpoint; });
        t.push_back({"instance_type", true, false, true, false, nullptr});
        add_params<target_tracking_config>(t, true, [](scenario& sc, std::size_t k) -> auto& {
            return sc.scaling.target_tracking[k];
        });
        return t;
    }();
    return table;
}

const param_info* find_param(const std::string& name) {
    for (const auto& p : param_table()) {
        if (name == p.name) return &p;
    }
    return nullptr;
}

namespace {

std::string known_params() {
    std::string s;
    for (const auto& p : param_table()) {
        if (!s.empty()) s += ", ";
        s += p.name;
    }
    return s;
}

std::string display_name(const dimension& d) {
    const param_info* info = find_param(d.parameter);
    if (info && info->policy_scoped && d.policy != 0) {
        return d.parameter + "[" + std::to_string(d.policy) + "]";
    }
    return d.parameter;
}

[[noreturn]] void fail(const std::string& dim, const std::string& what) {
    throw config_error(in_field("search_space." + dim), what);
}

} // namespace

std::string num(double v) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%g", v);
    return buf;
}

compiled_space compile(const search_space& space) {
    if (space.dimensions.empty()) {
        throw config_error("search_space: no dimension to search; add at least one "
                           "(e.g. dimension::range(\"target_value\", 200, 3000, 200))");
    }
    compiled_space cs;
    for (std::size_t i = 0; i < space.dimensions.size(); ++i) {
        const dimension& d = space.dimensions[i];
        compiled_dim c;
        c.name = display_name(d);
        if (d.parameter.empty()) fail("dimensions[" + std::to_string(i) + "]", "no parameter name");
        const param_info* info = find_param(d.parameter);
        if (info) {
            if (d.setter) fail(c.name, "is a named parameter and cannot have a custom setter");
            c.param = info;
            c.integer = info->integer;
        } else if (!d.setter) {
            fail(c.name, "unknown parameter \"" + d.parameter + "\" (known: " + known_params() +
                             "; a custom parameter needs dimension::custom with a setter)");
        }
        for (std::size_t j = 0; j < i; ++j) {
            const dimension& o = space.dimensions[j];
            if (o.parameter == d.parameter && o.policy == d.policy) {
                fail(c.name, "appears twice in the search space");
            }
        }
        if (!d.values.empty()) {
            c.levels = d.values;
            for (double v : c.levels) {
                if (!std::isfinite(v)) fail(c.name, "value " + num(v) + " is not finite");
            }
            std::sort(c.levels.begin(), c.levels.end());
            c.levels.erase(std::unique(c.levels.begin(), c.levels.end()), c.levels.end());
        } else {
            if (!std::isfinite(d.low) || !std::isfinite(d.high)) {
                fail(c.name, "range [" + num(d.low) + ", " + num(d.high) + "] is not finite");
            }
            if (d.low > d.high) {
                fail(c.name, "empty range: low " + num(d.low) + " is above high " + num(d.high));
            }
            if (!std::isfinite(d.step) || d.step < 0) {
                fail(c.name, "step must be >= 0 (0 = continuous), got " + num(d.step));
            }
            double step = d.step;
            if (step == 0 && c.integer) step = 1;
            if (d.low == d.high) {
                c.levels = {d.low};
            } else if (step == 0) {
                c.continuous = true;
            } else {
                const double count = std::floor((d.high - d.low) / step + 1e-9) + 1;
                if (count > 1e7)
                    fail(c.name, "step " + num(step) + " gives over 10 million levels");
                // low + k x step may round past high (0.1 + 2 x 0.1 = 0.30000000000000004): the
                // level is high, as the count above (which allows for that rounding) says
                for (std::size_t k = 0; k < static_cast<std::size_t>(count); ++k) {
                    c.levels.push_back(std::min(d.high, d.low + static_cast<double>(k) * step));
                }
            }
        }
        if (c.integer) {
            for (double v : c.levels) {
                if (v != std::round(v)) fail(c.name, "needs whole numbers, got " + num(v));
            }
            if (c.continuous) fail(c.name, "needs whole numbers: give a step");
        }
        if (c.param && c.param->boolean) {
            for (double v : c.levels) {
                if (v != 0 && v != 1) fail(c.name, "is true or false: 0 or 1, got " + num(v));
            }
        }
        if (c.param && c.param->instance_type) {
            if (space.instance_types.empty()) {
                fail(c.name, "no instance types to choose from (use add_instance_types)");
            }
            for (double v : c.levels) {
                if (v < 0 || v >= static_cast<double>(space.instance_types.size())) {
                    fail(c.name, "index " + num(v) + " is outside the " +
                                     std::to_string(space.instance_types.size()) +
                                     " instance types");
                }
            }
        }
        c.low = c.continuous ? d.low : c.levels.front();
        c.high = c.continuous ? d.high : c.levels.back();
        if (c.param && c.param->name == "min_capacity") cs.min_dim = static_cast<int>(i);
        if (c.param && c.param->name == "max_capacity") cs.max_dim = static_cast<int>(i);
        cs.dims.push_back(std::move(c));
    }
    if (cs.min_dim >= 0 && cs.max_dim >= 0) {
        const auto& mn = cs.dims[static_cast<std::size_t>(cs.min_dim)];
        const auto& mx = cs.dims[static_cast<std::size_t>(cs.max_dim)];
        if (mn.low > mx.high) {
            throw config_error(in_field("search_space.min_capacity"),
                               "range [" + num(mn.low) + ", " + num(mn.high) +
                                   "] lies entirely above search_space.max_capacity "
                                   "range [" +
                                   num(mx.low) + ", " + num(mx.high) +
                                   "]: no policy has MinCapacity <= MaxCapacity");
        }
    }
    return cs;
}

} // namespace detail

dimension dimension::range(std::string parameter, double low, double high, double step,
                           std::size_t policy) {
    dimension d;
    d.parameter = std::move(parameter);
    d.low = low;
    d.high = high;
    d.step = step;
    d.policy = policy;
    return d;
}

dimension dimension::choice(std::string parameter, std::vector<double> values, std::size_t policy) {
    dimension d;
    d.parameter = std::move(parameter);
    if (values.empty()) {
        throw config_error(in_field("search_space." + d.parameter),
                           "a choice needs at least one value");
    }
    d.values = std::move(values);
    d.policy = policy;
    return d;
}

dimension dimension::fixed(std::string parameter, double value, std::size_t policy) {
    return range(std::move(parameter), value, value, 0, policy);
}

dimension dimension::custom(std::string name, double low, double high, double step,
                            std::function<void(scenario&, double)> setter) {
    dimension d = range(std::move(name), low, high, step);
    d.setter = std::move(setter);
    return d;
}

search_space& search_space::add(dimension d) {
    dimensions.push_back(std::move(d));
    return *this;
}

search_space& search_space::add_instance_types(std::vector<instance_type> types) {
    std::vector<double> idx;
    for (std::size_t i = 0; i < types.size(); ++i)
        idx.push_back(static_cast<double>(i));
    instance_types = std::move(types);
    if (idx.empty())
        throw config_error(in_field("search_space.instance_type"), "no instance types given");
    return add(dimension::choice("instance_type", std::move(idx)));
}

std::vector<std::string> search_space::names() const {
    std::vector<std::string> out;
    for (const auto& d : dimensions)
        out.push_back(detail::display_name(d));
    return out;
}

std::size_t search_space::grid_size() const {
    const auto cs = detail::compile(*this);
    std::size_t n = 1;
    for (const auto& c : cs.dims) {
        if (c.continuous) {
            throw config_error(in_field("search_space." + c.name),
                               "continuous (no step); the exhaustive grid needs a step or values");
        }
        if (n > std::numeric_limits<std::size_t>::max() / c.levels.size()) {
            throw config_error("search_space: the grid has more policies than can be counted");
        }
        n *= c.levels.size();
    }
    return n;
}

void search_space::apply(scenario& sc, const std::vector<double>& values) const {
    for (std::size_t i = 0; i < dimensions.size(); ++i) {
        const dimension& d = dimensions[i];
        const double v = values[i];
        if (d.setter) {
            d.setter(sc, v);
            continue;
        }
        const detail::param_info* info = detail::find_param(d.parameter);
        if (!info) continue; // unreachable after validate()
        if (info->instance_type) {
            sc.endpoint.type = instance_types.at(static_cast<std::size_t>(std::lround(v)));
            continue;
        }
        if (info->policy_scoped && d.policy >= sc.scaling.target_tracking.size()) {
            throw config_error(
                in_field("search_space." + detail::display_name(d)),
                "the scenario has " + std::to_string(sc.scaling.target_tracking.size()) +
                    " target-tracking policies, no policy " + std::to_string(d.policy));
        }
        info->set(sc, d.policy, v);
    }
}

std::vector<std::string> search_space::parameter_names() {
    std::vector<std::string> out;
    for (const auto& p : detail::param_table())
        out.push_back(p.name);
    return out;
}

void search_space::validate(const scenario& base) const {
    const auto cs = detail::compile(*this);
    const auto& tts = base.scaling.target_tracking;
    for (const auto& d : dimensions) {
        // The levels are a lattice the searches step along (one level up or down): in order.
        for (std::size_t k = 1; k < d.values.size(); ++k) {
            if (!(d.values[k - 1] < d.values[k])) {
                throw config_error(in_field("search_space." + detail::display_name(d)),
                                   "values must be sorted and without duplicates, got " +
                                       detail::num(d.values[k - 1]) + " then " +
                                       detail::num(d.values[k]) + " (values[" +
                                       std::to_string(k - 1) + "], values[" + std::to_string(k) +
                                       "])");
            }
        }
        const auto* info = detail::find_param(d.parameter);
        if (info && info->policy_scoped && d.policy >= tts.size()) {
            throw config_error(in_field("search_space." + detail::display_name(d)),
                               "the scenario has " + std::to_string(tts.size()) +
                                   " target-tracking policies, no policy " +
                                   std::to_string(d.policy));
        }
    }
    // Min/Max against the scenario's own value when only one of them is searched.
    if (cs.min_dim >= 0 && cs.max_dim < 0) {
        const auto& mn = cs.dims[static_cast<std::size_t>(cs.min_dim)];
        if (mn.low > static_cast<double>(base.scaling.max_capacity)) {
            throw config_error(in_field("search_space.min_capacity"),
                               "range [" + detail::num(mn.low) + ", " + detail::num(mn.high) +
                                   "] lies entirely above the scenario's scaling.max_capacity " +
                                   std::to_string(base.scaling.max_capacity));
        }
    }
    if (cs.max_dim >= 0 && cs.min_dim < 0) {
        const auto& mx = cs.dims[static_cast<std::size_t>(cs.max_dim)];
        if (mx.high < static_cast<double>(base.scaling.min_capacity)) {
            throw config_error(in_field("search_space.max_capacity"),
                               "range [" + detail::num(mx.low) + ", " + detail::num(mx.high) +
                                   "] lies entirely below the scenario's scaling.min_capacity " +
                                   std::to_string(base.scaling.min_capacity));
        }
    }
    // Every level of every dimension must be acceptable to the scenario, probed alone (the other
    // parameters as in the scenario) so that the message names the culprit; Min > Max probes are
    // skipped (the searches skip those policies too).
    for (std::size_t i = 0; i < cs.dims.size(); ++i) {
        const auto& c = cs.dims[i];
        const std::vector<double> probe =
            c.continuous ? std::vector<double>{c.low, c.high} : c.levels;
        search_space one;
        one.dimensions = {dimensions[i]};
        one.instance_types = instance_types;
        for (double v : probe) {
            scenario sc = base;
            one.apply(sc, {v});
            if (sc.scaling.min_capacity > sc.scaling.max_capacity) continue;
            try {
                sc.endpoint.type.validate();
                sc.endpoint.startup.validate();
                sc.scaling.validate();
            } catch (const config_error& e) {
                throw config_error("search_space." + c.name + " = " + detail::num(v) +
                                   " is not a valid setting: " + e.what());
            }
        }
    }
}

} // namespace autoscalesim::optimize
