// The scenario file's "optimize" section: the space, objectives, constraints, variants of the
// scenario and the search's settings.
#include "detail/scenario_sections.hpp"
#include "detail/text.hpp"

#include "autoscalesim/optimize/search_space.hpp"
#include "autoscalesim/simulator.hpp"

#include <cmath>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace autoscalesim {

template <> struct enum_names<optimize::aggregation> {
    static constexpr std::array<enum_name<optimize::aggregation>, 2> names{{
        {"mean", optimize::aggregation::mean},
        {"worst", optimize::aggregation::worst},
    }};
};

template <> struct enum_names<io::search_method> {
    static constexpr std::array<enum_name<io::search_method>, 2> names{{
        {"grid", io::search_method::grid},
        {"adaptive", io::search_method::adaptive},
    }};
};

} // namespace autoscalesim

namespace autoscalesim::io::detail {

namespace {

// ---------------------------------------------------------------------------------------------
// Enumerations, named as their C++ enumerators.

// ---------------------------------------------------------------------------------------------
// Optimisation.

const std::vector<std::string>& parameter_names() {
    static const std::vector<std::string> names = optimize::search_space::parameter_names();
    return names;
}

std::string list(const std::vector<std::string>& names) {
    std::string s;
    for (std::size_t i = 0; i < names.size(); ++i)
        s += (i > 0 ? ", " : "") + names[i];
    return s;
}

std::string summary_field(const context& c, const json& v, const std::string& path) {
    const auto& known = summary_fields();
    if (v.is_string() && std::find(known.begin(), known.end(), v.get<std::string>()) != known.end())
        return v.get<std::string>();
    fail(c, path, "expected a summary field (" + list(known) + "), got " + show(v));
}

std::vector<optimize::constraint> read_constraints(const context& c, object_reader& parent,
                                                   const std::string& key, json& eff) {
    std::vector<optimize::constraint> out;
    eff = json::array();
    const json* a = parent.array(key);
    if (a == nullptr) return out;
    for (std::size_t i = 0; i < a->size(); ++i) {
        object_reader o(c, (*a)[i], index(parent.at(key), i));
        optimize::constraint k;
        k.field = summary_field(c, o.required("field"), o.at("field"));
        k.max_value = o.number("max", k.max_value);
        k.min_value = o.number("min", k.min_value);
        o.done();
        if (!(k.min_value <= k.max_value))
            fail(c, o.at("min"),
                 "is greater than max (" + detail::format_double(k.max_value) + ")");
        if (const std::string why = optimize::constraint_problem(k); !why.empty())
            fail(c, index(parent.at(key), i), why);
        if (std::isinf(k.min_value) && std::isinf(k.max_value))
            fail(c, index(parent.at(key), i),
                 "gives no bound: give a min, a max or both (e.g. {\"field\": \"error_rate\", "
                 "\"max\": 0.001})");
        out.push_back(k);
        eff.push_back({{"field", k.field},
                       {"min", number_or_null(k.min_value)},
                       {"max", number_or_null(k.max_value)}});
    }
    return out;
}

// A dimension in the form it was given: a list of values, or a range (a fixed value is the range
// [value, value]).
json write_dimension(const optimize::dimension& d) {
    json j = {{"parameter", d.parameter}};
    if (!d.values.empty()) {
        j["values"] = d.values;
    } else {
        j["low"] = d.low;
        j["high"] = d.high;
        j["step"] = d.step;
    }
    j["policy"] = d.policy;
    return j;
}

} // namespace

optimize_section read_optimize(const context& c, const json& j, const scenario& base) {
    optimize_section out;
    optimization_spec& spec = out.spec;
    json& eff = out.effective;
    object_reader o(c, j, "optimize");
    auto& space = spec.problem.space;

    if (const json* a = o.array("instance_types")) {
        for (std::size_t i = 0; i < a->size(); ++i)
            space.instance_types.push_back(read_nested<instance_type>(
                c, (*a)[i], index(o.at("instance_types"), i), instance_type{}));
    }
    const json* dims = o.array("space");
    if (dims == nullptr) fail(c, o.at("space"), "missing required field");
    json dims_eff = json::array();
    bool has_type_dim = false;
    for (std::size_t i = 0; i < dims->size(); ++i) {
        object_reader d(c, (*dims)[i], index(o.at("space"), i));
        optimize::dimension dim;
        const json& p = d.required("parameter");
        const auto& names = parameter_names();
        if (!p.is_string() ||
            std::find(names.begin(), names.end(), p.get<std::string>()) == names.end())
            fail(c, d.at("parameter"), "expected one of " + list(names) + ", got " + show(p));
        dim.parameter = p.get<std::string>();
        const json* low = d.get("low");
        const json* high = d.get("high");
        const json* step = d.get("step");
        const json* values = d.get("values");
        const json* value = d.get("value");
        dim.policy = d.size("policy", 0);
        d.done();
        // (the effective document writes "policy": 0 on every dimension)
        for (const char* own :
             {"min_capacity", "max_capacity", "initial_capacity", "instance_type"}) {
            if (dim.policy != 0 && dim.parameter == own) {
                fail(c, d.at("policy"),
                     "chooses a target-tracking policy for its parameters; " + dim.parameter +
                         " is the endpoint's or the scaling's own (leave policy out)");
            }
        }
        const bool range = low != nullptr || high != nullptr || step != nullptr;
        if (static_cast<int>(range) + static_cast<int>(values != nullptr) +
                static_cast<int>(value != nullptr) >
            1)
            fail(c, d.path(), "give one of low/high/step, values or value");
        if (dim.parameter == "instance_type") {
            has_type_dim = true;
            if (space.instance_types.empty())
                fail(c, d.at("parameter"), "needs optimize.instance_types to choose from");
        }
        if (values != nullptr) {
            dim.values = d.numbers("values", {});
            if (dim.values.empty()) fail(c, d.at("values"), "expected at least one value");
        } else if (value != nullptr) {
            dim.low = dim.high = d.as_number(*value, d.at("value"));
        } else if (range) {
            if (low == nullptr) fail(c, d.at("low"), "missing required field");
            if (high == nullptr) fail(c, d.at("high"), "missing required field");
            dim.low = d.as_number(*low, d.at("low"));
            dim.high = d.as_number(*high, d.at("high"));
            dim.step = step != nullptr ? d.as_number(*step, d.at("step"), "a number >= 0") : 0;
            if (!(dim.low <= dim.high)) fail(c, d.at("high"), "expected a number >= low");
            if (!(dim.step >= 0)) fail(c, d.at("step"), "expected a number >= 0");
        } else if (dim.parameter == "instance_type") {
            for (std::size_t k = 0; k < space.instance_types.size(); ++k)
                dim.values.push_back(static_cast<double>(k));
        } else {
            fail(c, d.path(), "give low and high (and step), values or value");
        }
        dims_eff.push_back(write_dimension(dim));
        space.add(std::move(dim));
    }
    if (!space.instance_types.empty() && !has_type_dim) {
        std::vector<double> idx;
        for (std::size_t k = 0; k < space.instance_types.size(); ++k)
            idx.push_back(static_cast<double>(k));
        space.add(optimize::dimension::choice("instance_type", idx));
        dims_eff.push_back(write_dimension(space.dimensions.back()));
    }

    if (const json* a = o.array("objectives")) {
        spec.problem.objectives.clear();
        for (std::size_t i = 0; i < a->size(); ++i) {
            const std::string p = index(o.at("objectives"), i);
            const std::string f = summary_field(c, (*a)[i], p);
            if (std::find(spec.problem.objectives.begin(), spec.problem.objectives.end(), f) !=
                spec.problem.objectives.end())
                fail(c, p, "\"" + f + "\" is listed twice");
            spec.problem.objectives.push_back(f);
        }
        if (spec.problem.objectives.empty())
            fail(c, o.at("objectives"), "expected at least one summary field");
    }
    json constraints_eff, choose_eff;
    spec.problem.constraints = read_constraints(c, o, "constraints", constraints_eff);

    // Variants of the base scenario.
    spec.problem.scenarios.push_back(base);
    json variants_eff = json::array();
    // Each variant's place in the document, for its errors.
    std::vector<std::string> variant_paths;
    if (const json* a = o.array("scenarios")) {
        for (std::size_t i = 0; i < a->size(); ++i) {
            object_reader v(c, (*a)[i], index(o.at("scenarios"), i));
            scenario_variant pv;
            variant_paths.push_back(v.path());
            pv.name = v.string("name", "scenario " + std::to_string(i + 1));
            pv.traffic_scale = v.number("traffic_scale", 1, "a number >= 0");
            if (!(pv.traffic_scale >= 0) || !std::isfinite(pv.traffic_scale))
                fail(c, v.at("traffic_scale"), "expected a finite number >= 0");
            if (const json* s = v.get("startup"))
                pv.startup = read_nested(c, *s, v.at("startup"), startup_distribution{});
            if (v.get("seed") != nullptr) pv.seed = v.unsigned64("seed", 0);
            if (const json* t = v.get("trace")) pv.trace = read_trace_section(c, *t, v.at("trace"));
            v.done();
            spec.variants.push_back(std::move(pv));
        }
    }

    spec.problem.aggregate = o.enumeration("aggregate", optimize::aggregation::mean);
    spec.method = o.enumeration("method", search_method::grid);
    auto& opt = spec.options;
    opt.max_evaluations = o.size("max_evaluations", opt.max_evaluations);
    opt.max_seconds = o.number("max_seconds", opt.max_seconds, "a number >= 0");
    if (!(opt.max_seconds >= 0)) fail(c, o.at("max_seconds"), "expected a number >= 0");
    const std::uint64_t threads = o.unsigned64("threads", opt.threads);
    if (threads > 4096) fail(c, o.at("threads"), "expected an integer in [0, 4096]");
    opt.threads = static_cast<unsigned>(threads);
    opt.seed = o.unsigned64("seed", opt.seed);
    opt.batch_size = o.size("batch_size", opt.batch_size);
    if (opt.batch_size < 1) fail(c, o.at("batch_size"), "expected an integer >= 1");
    opt.keep_evaluations = o.boolean("keep_evaluations", opt.keep_evaluations);
    opt.fidelity.slice_fraction =
        o.number("slice_fraction", opt.fidelity.slice_fraction, "a number in [0, 1)");
    if (!(opt.fidelity.slice_fraction >= 0 && opt.fidelity.slice_fraction < 1))
        fail(c, o.at("slice_fraction"), "expected a number in [0, 1)");
    if (opt.fidelity.slice_fraction > 0 && spec.method != search_method::adaptive)
        fail(c, o.at("slice_fraction"),
             "multi-fidelity is for \"method\": \"adaptive\"; the grid evaluates every policy "
             "on the whole traffic");
    opt.fidelity.slice_evaluations = o.size("slice_evaluations", opt.fidelity.slice_evaluations);
    if (opt.fidelity.slice_evaluations > 0 && opt.fidelity.slice_fraction == 0)
        fail(c, o.at("slice_evaluations"),
             "applies with a \"slice_fraction\" > 0 (multi-fidelity's first stage); give one, "
             "e.g. 0.25, or leave slice_evaluations out");
    opt.reference_point = o.numbers("reference_point", {});
    if (!opt.reference_point.empty() &&
        opt.reference_point.size() != spec.problem.objectives.size())
        fail(c, o.at("reference_point"),
             "expected one value per objective (" + std::to_string(spec.problem.objectives.size()) +
                 ")");
    for (std::size_t k = 0; k < opt.reference_point.size(); ++k) {
        const std::string why =
            optimize::reference_problem(opt.reference_point[k], spec.problem.objectives[k]);
        if (!why.empty()) fail(c, index(o.at("reference_point"), k), why);
    }
    spec.choose = read_constraints(c, o, "choose", choose_eff);
    o.done();

    // Load variant traces only after every field of the section has been checked.
    for (std::size_t i = 0; i < spec.variants.size(); ++i) {
        const scenario_variant& pv = spec.variants[i];
        const std::string& path = variant_paths[i];
        scenario sc = base;
        json trace_eff = nullptr;
        if (pv.trace) {
            attach_trace(c, sc, load_section(c, *pv.trace, path + ".trace."), pv.trace->scale);
            trace_eff = write_trace_section(*pv.trace);
        }
        if (pv.traffic_scale != 1) {
            if (sc.arrivals == arrival_process::log)
                fail(c, path + ".traffic_scale",
                     "arrivals \"log\" replays the requests as logged; traffic_scale must be 1");
            try {
                sc.traffic = sc.traffic.scaled(pv.traffic_scale);
            } catch (const trace_error& e) {
                fail(c, path + ".traffic_scale",
                     detail::format_double(pv.traffic_scale) +
                         " makes the counts too large: " + e.what());
            }
        }
        if (pv.startup) sc.endpoint.startup = *pv.startup;
        if (pv.seed) sc.seed = *pv.seed;
        spec.problem.scenarios.push_back(std::move(sc));
        variants_eff.push_back({{"name", pv.name},
                                {"traffic_scale", pv.traffic_scale},
                                {"startup", pv.startup ? write_fields(*pv.startup) : json()},
                                {"seed", pv.seed ? json(*pv.seed) : json()},
                                {"trace", trace_eff}});
    }

    // search_space's errors name the field "search_space.<display name>": the dimension.
    const auto space_error = [&](const config_error& e) {
        const auto names = space.names();
        for (std::size_t i = 0; i < names.size(); ++i) {
            if (e.field() == "search_space." + names[i])
                fail(c, index("optimize.space", i), e.problem());
        }
        fail(c, "optimize.space", e.field().empty() ? e.problem() : e.what());
    };
    if (dims->empty()) // checked after the section's other fields, as search_space would be
        fail(c, "optimize.space",
             "expected at least one dimension, e.g. {\"parameter\": \"target_value\", \"low\": "
             "10, \"high\": 60, \"step\": 10}");
    try {
        space.validate(base);
        if (spec.method == search_method::grid) (void)space.grid_size();
    } catch (const config_error& e) {
        space_error(e);
    }
    // Each variant is checked here, so its error names its place in the document; scenario 0
    // is the file's own, checked already.
    for (std::size_t i = 1; i < spec.problem.scenarios.size(); ++i) {
        try {
            spec.problem.scenarios[i].validate();
        } catch (const config_error& e) {
            fail(c, index("optimize.scenarios", i - 1), e.what());
        }
    }
    try {
        spec.problem.validate();
    } catch (const config_error& e) {
        fail(c, "optimize", e.what());
    }

    json types_eff = json::array();
    for (const auto& t : space.instance_types)
        types_eff.push_back(write_fields(t));
    eff = {{"space", dims_eff},
           {"instance_types", types_eff},
           {"objectives", spec.problem.objectives},
           {"constraints", constraints_eff},
           {"scenarios", variants_eff},
           {"aggregate", std::string(canonical_name(spec.problem.aggregate))},
           {"method", std::string(canonical_name(spec.method))},
           {"max_evaluations", opt.max_evaluations},
           {"max_seconds", opt.max_seconds},
           {"threads", opt.threads},
           {"seed", opt.seed},
           {"batch_size", opt.batch_size},
           {"keep_evaluations", opt.keep_evaluations},
           {"slice_fraction", opt.fidelity.slice_fraction},
           {"slice_evaluations", opt.fidelity.slice_evaluations},
           {"reference_point", opt.reference_point},
           {"choose", choose_eff}};
    return out;
}

} // namespace autoscalesim::io::detail
