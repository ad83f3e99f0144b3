#include "autoscalesim/optimize/problem.hpp"

#include "autoscalesim/errors.hpp"
#include "autoscalesim/simulator.hpp"
#include "detail.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <utility>

namespace autoscalesim::optimize {

namespace {

std::size_t field_index(std::string_view name) {
    const auto& names = summary_fields();
    for (std::size_t i = 0; i < names.size(); ++i) {
        if (names[i] == name) return i;
    }
    return names.size();
}

std::string known_fields() {
    std::string s;
    for (const auto& f : summary_fields()) {
        if (!s.empty()) s += ", ";
        s += f;
    }
    return s;
}

// Fields where a larger value is better, so the worst case is the smallest.
bool larger_is_better(std::string_view name) {
    return name == "slo_attainment" || name == "served";
}

double excess(const constraint& c, double v) {
    if (std::isnan(v)) return std::numeric_limits<double>::infinity();
    const auto rel = [](double over, double bound) {
        return over / std::max(std::abs(bound), 1e-12);
    };
    if (v > c.max_value) return rel(v - c.max_value, c.max_value);
    if (v < c.min_value) return rel(c.min_value - v, c.min_value);
    return 0.0;
}

} // namespace

std::string constraint_problem(const constraint& c) {
    const std::string lo = detail::num(c.min_value), hi = detail::num(c.max_value);
    if (std::isnan(c.max_value) || std::isnan(c.min_value) || c.min_value > c.max_value) {
        return "empty bound [" + lo + ", " + hi + "]";
    }
    if (c.max_value < 0) {
        return "max " + hi + " is below 0, and " + c.field + " is never negative: no policy " +
               "can meet it";
    }
    if (is_share_field(c.field) && c.min_value > 1) {
        return "min " + lo + " is above 1, and " + c.field + " is a share in [0, 1]: no " +
               "policy can meet it";
    }
    return "";
}

std::string reference_problem(double value, const std::string& objective) {
    if (!std::isfinite(value)) {
        return detail::num(value) + " is not a finite number";
    }
    if (value <= 0) {
        return detail::num(value) + " is not above 0, and " + objective +
               " is never negative: every policy would lie beyond it and the hypervolume be 0";
    }
    return "";
}

constraint constraint::at_most(std::string field, double value) {
    constraint c;
    c.field = std::move(field);
    c.max_value = value;
    return c;
}

constraint constraint::at_least(std::string field, double value) {
    constraint c;
    c.field = std::move(field);
    c.min_value = value;
    return c;
}

void problem::validate() const {
    if (scenarios.empty())
        throw config_error("problem.scenarios: no scenario to evaluate policies on");
    for (std::size_t i = 0; i < scenarios.size(); ++i) {
        try {
            scenarios[i].validate();
        } catch (const config_error& e) {
            throw config_error("problem.scenarios[" + std::to_string(i) + "]: " + e.what());
        }
    }
    if (objectives.empty()) throw config_error("problem.objectives: no objective to minimise");
    for (std::size_t i = 0; i < objectives.size(); ++i) {
        if (field_index(objectives[i]) == summary_fields().size()) {
            throw config_error("problem.objectives: unknown summary field \"" + objectives[i] +
                               "\" (known: " + known_fields() + ")");
        }
        for (std::size_t j = 0; j < i; ++j) {
            if (objectives[j] == objectives[i]) {
                throw config_error("problem.objectives: \"" + objectives[i] + "\" is listed twice");
            }
        }
    }
    for (const auto& c : constraints) {
        if (field_index(c.field) == summary_fields().size()) {
            throw config_error("problem.constraints: unknown summary field \"" + c.field +
                               "\" (known: " + known_fields() + ")");
        }
        const std::string why = constraint_problem(c);
        if (!why.empty()) {
            throw config_error("problem.constraints[" + c.field + "]: " + why);
        }
    }
    for (const auto& sc : scenarios)
        space.validate(sc);
}

double evaluation::field(std::string_view name) const {
    const std::size_t i = field_index(name);
    if (i >= fields.size()) {
        throw config_error("unknown summary field \"" + std::string(name) +
                           "\" (known: " + known_fields() + ")");
    }
    return fields[i];
}

evaluation make_evaluation(const problem& p, std::vector<double> parameters,
                           std::vector<summary> per_scenario, std::size_t index) {
    evaluation e;
    e.index = index;
    e.parameters = std::move(parameters);
    const auto& names = summary_fields();
    e.fields.assign(names.size(), 0.0);
    for (std::size_t f = 0; f < names.size(); ++f) {
        double acc = 0;
        for (std::size_t s = 0; s < per_scenario.size(); ++s) {
            const double v = summary_value(per_scenario[s], names[f]);
            if (p.aggregate == aggregation::mean) {
                acc += v; // a scenario without the figure (NaN) makes the mean NaN
            } else if (s == 0 || std::isnan(acc)) {
                acc = v;
            } else if (!std::isnan(v)) { // the worst of the scenarios that have the figure
                acc = larger_is_better(names[f]) ? std::min(acc, v) : std::max(acc, v);
            }
        }
        if (p.aggregate == aggregation::mean && !per_scenario.empty()) {
            acc /= static_cast<double>(per_scenario.size());
        }
        e.fields[f] = acc;
    }
    e.per_scenario = std::move(per_scenario);
    bool nan_objective = false;
    for (const auto& o : p.objectives) {
        const double v = e.fields[field_index(o)];
        nan_objective = nan_objective || std::isnan(v);
        e.objectives.push_back(v);
    }
    e.violation = 0;
    for (const auto& c : p.constraints)
        e.violation += excess(c, e.fields[field_index(c.field)]);
    if (nan_objective) e.violation = std::numeric_limits<double>::infinity();
    e.feasible = e.violation == 0;
    return e;
}

evaluation evaluate(const problem& p, const std::vector<double>& parameters) {
    std::vector<summary> sums;
    sums.reserve(p.scenarios.size());
    for (const auto& base : p.scenarios) {
        scenario sc = base;
        sc.record_timeline = false;
        p.space.apply(sc, parameters);
        sums.push_back(simulate(sc).totals);
    }
    return make_evaluation(p, parameters, std::move(sums));
}

bool satisfies(const evaluation& e, const std::vector<constraint>& extra) {
    for (const auto& c : extra) {
        if (excess(c, e.field(c.field)) > 0) return false;
    }
    return true;
}

} // namespace autoscalesim::optimize
