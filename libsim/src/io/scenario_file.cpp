#include "autoscalesim/io/scenario_file.hpp"

#include "detail/json_docs.hpp"
#include "detail/json_fields.hpp"
#include "detail/scenario_sections.hpp"
#include "detail/text.hpp"

#include "autoscalesim/arrival_log.hpp"
#include "autoscalesim/describe.hpp"
#include "autoscalesim/errors.hpp"
#include "autoscalesim/generators.hpp"
#include "autoscalesim/instance_catalog.hpp"
#include "autoscalesim/io/access_log.hpp"
#include "autoscalesim/io/aws_policy.hpp"
#include "autoscalesim/io/cloudwatch.hpp"
#include "autoscalesim/io/csv_trace.hpp"
#include "autoscalesim/io/json_trace.hpp"
#include "autoscalesim/simulator.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <limits>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace autoscalesim {

namespace io::detail {
/// The "type" of an entry of scaling.policies.
enum class policy_type {
    target_tracking,
    target_tracking_high_resolution,
    step_scaling,
    scheduled,
    predictive,
    hpa
};
} // namespace io::detail

template <> struct enum_names<io::detail::policy_type> {
    using t = io::detail::policy_type;
    static constexpr std::array<enum_name<t>, 6> names{{
        {"target_tracking", t::target_tracking},
        {"target_tracking_high_resolution", t::target_tracking_high_resolution},
        {"step_scaling", t::step_scaling},
        {"scheduled", t::scheduled},
        {"predictive", t::predictive},
        {"hpa", t::hpa},
    }};
};

} // namespace autoscalesim

namespace autoscalesim::io {

namespace {

using namespace detail;

// Runs a struct's validate() and names its error's field (a C++ path such as
// "scaling.target_tracking[name].target_value") by the document's JSON path.
template <class F>
void validated(const context& c, F&& check, const std::string& from, const std::string& to) {
    try {
        check();
    } catch (const config_error& e) {
        in_document(c, e, from, to);
    }
}

// ---------------------------------------------------------------------------------------------
// Endpoint.

instance_type read_instance_type(const context& c, const json& j, const std::string& path) {
    const instance_type t = read_struct<instance_type>(c, j, path);
    validated(c, [&] { t.validate(); }, "endpoint.instance_type", path);
    return t;
}

} // namespace

template <>
instance_type detail::read_nested(const context& c, const json& j, const std::string& path,
                                  instance_type) {
    return read_instance_type(c, j, path);
}

// "seconds" and "spread" are other names for fixed_s and sigma.
template <>
startup_distribution detail::read_nested(const context& c, const json& j, const std::string& path,
                                         startup_distribution s) {
    // Another kind than the default's starts from the plain defaults: a serverless cold start
    // (lognormal, median 5 s) given "kind": "fixed" keeps no median of 5 s, which the fixed
    // start-up would not use (and validate() refuses).
    object_reader o(c, j, path);
    if (o.enumeration("kind", s.family) != s.family) s = startup_distribution{};
    read_fields(c, o, s);
    if (const json* a = o.alias("seconds", "fixed_s")) s.fixed_s = o.as_number(*a, o.at("seconds"));
    if (const json* a = o.alias("spread", "sigma")) s.sigma = o.as_number(*a, o.at("spread"));
    // Another family's field without "kind" is a kind forgotten: {"median_s": 381, "sigma": 0.2}
    // would run the default fixed 360 s, the median given read and never used.
    if (!o.present("kind")) {
        using kind = startup_distribution::kind;
        using field_family = std::pair<const char*, kind>;
        for (const auto& [key, family] :
             {field_family{"fixed_s", kind::fixed}, field_family{"seconds", kind::fixed},
              field_family{"median_s", kind::lognormal}, field_family{"sigma", kind::lognormal},
              field_family{"spread", kind::lognormal}, field_family{"low_s", kind::uniform},
              field_family{"high_s", kind::uniform}}) {
            if (family != s.family && o.present(key)) {
                const std::string named(canonical_name(family));
                fail(c, o.at(key),
                     "is for kind \"" + named + "\", not \"" +
                         std::string(canonical_name(s.family)) +
                         "\" (the default: kind is not given): give \"kind\": \"" + named +
                         "\", or no " + key);
            }
        }
    }
    o.done();
    validated(c, [&] { s.validate(); }, "endpoint.startup", path);
    return s;
}

namespace {

// ---------------------------------------------------------------------------------------------
// Policies.

target_tracking_config read_target_tracking(const context& c, object_reader& o, bool high_res) {
    target_tracking_config t;
    if (high_res) {
        const json& v = o.required("target_value");
        t = target_tracking_config::high_resolution(
            o.as_number(v, o.at("target_value"), "a number > 0"));
    }
    read_fields(c, o, t);
    o.done();
    validated(c, [&] { t.validate(); }, "scaling.target_tracking[" + t.name + "]", o.path());
    return t;
}

step_scaling_config read_step_scaling(const context& c, object_reader& o) {
    step_scaling_config s;
    const json& steps = o.required("steps");
    if (!steps.is_array()) fail(c, o.at("steps"), "expected an array, got " + show(steps));
    read_fields(c, o, s);
    o.done();
    validated(c, [&] { s.validate(); }, "scaling.step_scaling[" + s.name + "]", o.path());
    return s;
}

scheduled_action_config read_scheduled(const context& c, object_reader& o) {
    scheduled_action_config s;
    read_fields(c, o, s);
    // at_s and at_epoch_s: the same times in seconds (fractions allowed), appended.
    if (const json* a = o.array("at_s")) {
        for (std::size_t i = 0; i < a->size(); ++i) {
            const std::string p = index(o.at("at_s"), i);
            const double sec = o.as_number((*a)[i], p, "a number of seconds");
            if (!(sec >= 0 && sec < 1e13)) {
                fail(c, p, "expected a number of seconds in [0, 1e13) from the trace's start");
            }
            s.at_ms.push_back(seconds_to_ms(sec));
        }
    }
    if (const json* a = o.array("at_epoch_s")) {
        const char* expected = "seconds since the epoch or an ISO-8601 time with a zone";
        for (std::size_t i = 0; i < a->size(); ++i) {
            const json& v = (*a)[i];
            const std::string p = index(o.at("at_epoch_s"), i);
            if (v.is_string()) {
                s.at_epoch_ms.push_back(epoch_ms(c, o, v, p));
                continue;
            }
            const double sec = o.as_number(v, p, expected);
            if (!(std::fabs(sec) < 1e13)) fail(c, p, std::string("expected ") + expected);
            s.at_epoch_ms.push_back(seconds_to_ms(sec));
        }
    }
    o.done();
    validated(c, [&] { s.validate(); }, "scaling.scheduled[" + s.name + "]", o.path());
    return s;
}

predictive_config read_predictive(const context& c, object_reader& o) {
    predictive_config p;
    read_fields(c, o, p);
    o.done();
    validated(c, [&] { p.validate(); }, "scaling.predictive[" + p.name + "]", o.path());
    return p;
}

hpa_config read_hpa(const context& c, object_reader& o) {
    hpa_config h;
    read_fields(c, o, h);
    // Kubernetes spells them behavior.scaleUp / behavior.scaleDown.
    if (const json* b = o.get("behavior")) {
        object_reader bo(c, *b, o.at("behavior"));
        const bool has_up = o.present("scale_up");
        const bool has_down = o.present("scale_down");
        if (const json* r = bo.get("scale_up")) {
            if (has_up) fail(c, bo.at("scale_up"), "give scale_up or behavior.scale_up, not both");
            h.scale_up = read_struct<hpa_scaling_rules>(c, *r, bo.at("scale_up"), h.scale_up);
        }
        if (const json* r = bo.get("scale_down")) {
            if (has_down)
                fail(c, bo.at("scale_down"), "give scale_down or behavior.scale_down, not both");
            h.scale_down = read_struct<hpa_scaling_rules>(c, *r, bo.at("scale_down"), h.scale_down);
        }
        bo.done();
    }
    o.done();
    validated(c, [&] { h.validate(); }, "scaling.hpa[" + h.name + "]", o.path());
    return h;
}

// Prefixes of the field paths of scaling_config::validate()'s errors and the JSON paths they stand
// for, for the checks across policies (two target-tracking policies on one metric).
using path_map = std::vector<std::pair<std::string, std::string>>;

// `deployed` receives the AWS reader's result when the section has from_aws.
void read_scaling(const context& c, const json& j, scaling_config& s, path_map& paths,
                  std::optional<aws_scaling>& deployed) {
    object_reader o(c, j, "scaling");
    read_fields(c, o, s);
    // The deployed scaling, from the AWS CLI's output (io/aws_policy.hpp): the one AWS reader the
    // command's --policy-from uses too.
    if (const json* a = o.array("from_aws")) {
        for (const char* key : {"policies", "min_capacity", "max_capacity"}) {
            if (j.contains(key)) {
                fail(c, o.at(key),
                     "cannot be given with from_aws, whose files give MinCapacity, MaxCapacity "
                     "and the policies");
            }
        }
        std::vector<std::string> files;
        for (std::size_t i = 0; i < a->size(); ++i) {
            if (!(*a)[i].is_string()) {
                fail(c, index(o.at("from_aws"), i), "expected a file name");
            }
            files.push_back(resolve_path(c, (*a)[i].get<std::string>()));
        }
        if (files.empty()) fail(c, o.at("from_aws"), "expected at least one file");
        deployed = read_aws_scaling(files, o.string("resource_id", ""));
        s.min_capacity = deployed->scaling.min_capacity;
        s.max_capacity = deployed->scaling.max_capacity;
        s.target_tracking = deployed->scaling.target_tracking;
        s.step_scaling = deployed->scaling.step_scaling;
        s.scheduled = deployed->scaling.scheduled;
        o.done();
        return;
    }
    if (const json* a = o.array("policies")) {
        // Each policy's name is its own (the activity log and the messages tell them apart by
        // it, as AWS's PolicyName): a second policy left with its kind's default name is
        // numbered ("target-tracking-2"), a name given twice is an error.
        std::set<std::string> taken;
        const auto own_name = [&](std::string& name, const json& p, const std::string& path) {
            if (taken.count(name) != 0) {
                if (p.contains("name")) {
                    fail(c, path + ".name",
                         detail::quoted(name) +
                             " is an earlier policy's name too; give each policy its own");
                }
                const std::string base = name;
                for (int n = 2; taken.count(name) != 0; ++n)
                    name = base + "-" + std::to_string(n);
            }
            taken.insert(name);
        };
        for (std::size_t i = 0; i < a->size(); ++i) {
            const std::string path = index(o.at("policies"), i);
            object_reader po(c, (*a)[i], path);
            const json& type =
                po.required("type", "; expected one of " + quoted_names<policy_type>());
            switch (po.as_enum<policy_type>(type, po.at("type"))) {
            case policy_type::target_tracking:
            case policy_type::target_tracking_high_resolution: {
                const bool hr = type == "target_tracking_high_resolution";
                s.target_tracking.push_back(read_target_tracking(c, po, hr));
                own_name(s.target_tracking.back().name, (*a)[i], path);
                paths.emplace_back("scaling.target_tracking[" + s.target_tracking.back().name + "]",
                                   path);
                break;
            }
            case policy_type::step_scaling:
                s.step_scaling.push_back(read_step_scaling(c, po));
                own_name(s.step_scaling.back().name, (*a)[i], path);
                paths.emplace_back("scaling.step_scaling[" + s.step_scaling.back().name + "]",
                                   path);
                break;
            case policy_type::scheduled:
                s.scheduled.push_back(read_scheduled(c, po));
                own_name(s.scheduled.back().name, (*a)[i], path);
                break;
            case policy_type::predictive:
                s.predictive.push_back(read_predictive(c, po));
                own_name(s.predictive.back().name, (*a)[i], path);
                break;
            case policy_type::hpa:
                s.hpa.push_back(read_hpa(c, po));
                own_name(s.hpa.back().name, (*a)[i], path);
                break;
            }
        }
    }
    o.done();
}

json write_scaling(const scaling_config& s) {
    json policies = json::array();
    for (const auto& p : s.target_tracking)
        policies.push_back(write_policy("target_tracking", p));
    for (const auto& p : s.step_scaling)
        policies.push_back(write_policy("step_scaling", p));
    for (const auto& p : s.scheduled)
        policies.push_back(write_policy("scheduled", p));
    for (const auto& p : s.predictive)
        policies.push_back(write_policy("predictive", p));
    for (const auto& p : s.hpa)
        policies.push_back(write_policy("hpa", p));
    json out = write_fields(s);
    out["policies"] = std::move(policies);
    return out;
}

// The effective document of a scenario with the given trace section.
json scenario_document(const scenario& sc, json trace_section) {
    return {{"version", 1},
            {"trace", std::move(trace_section)},
            {"endpoint", write_fields(sc.endpoint)},
            {"scaling", write_scaling(sc.scaling)},
            {"mode", canonical_name(sc.mode)},
            {"arrivals", canonical_name(sc.arrivals)},
            {"slo", write_fields(sc.slo)},
            {"seed", sc.seed},
            {"record_timeline", sc.record_timeline}};
}

// ---------------------------------------------------------------------------------------------
// The document.

// The overrides, applied to the document before it is read. A trace format given as an override
// (the command's --trace-format, Python's trace_format=) is checked here, so that its error says
// it was given as one rather than blaming the file.
void apply_overrides(const context& c, json& doc, const scenario_overrides& ov) {
    if (!doc.is_object()) return;
    if (!ov.trace_format.empty()) {
        const auto& names = trace_format_names();
        if (std::find(names.begin(), names.end(), ov.trace_format) == names.end()) {
            std::string known;
            for (const auto& n : names)
                known += (known.empty() ? "\"" : ", \"") + n + "\"";
            fail(c, "trace.format",
                 "expected one of " + known + ", got " + detail::quoted(ov.trace_format) +
                     " (given as an override: --trace-format, trace_format=)");
        }
        const auto t = doc.find("trace");
        if (ov.trace_path.empty() && t != doc.end() && t->is_object() && t->contains("generator") &&
            !(*t)["generator"].is_null())
            fail(c, "trace.format",
                 detail::quoted(ov.trace_format) +
                     " is given as an override (--trace-format, trace_format=) but the trace "
                     "is a generator, not a file; give the trace file too (--trace, trace=)");
    }
    if (!ov.trace_path.empty() || !ov.trace_format.empty()) {
        json& t = doc["trace"];
        if (!t.is_object()) t = json::object();
        if (!ov.trace_path.empty()) {
            t.erase("generator");
            t["file"] = std::filesystem::absolute(ov.trace_path).lexically_normal().string();
        }
        if (!ov.trace_format.empty() && t.value("format", std::string("csv")) != ov.trace_format) {
            // The reader options belong to the old format; keep only the transformations.
            json kept = json::object();
            for (const char* key : {"file", "scale", "slice"}) {
                if (t.contains(key)) kept[key] = t[key];
            }
            kept["format"] = ov.trace_format;
            t = kept;
        }
    }
    if (ov.seed) doc["seed"] = *ov.seed;
}

} // namespace

namespace {

scenario_file read_one(const context& c, const json& doc, const scenario_overrides& overrides);

// "components": several inference components on one endpoint's instances. Each is the document
// without "components", with the component's object merged over it; each is read as a scenario
// of its own (its messages name the component), and the instance settings must agree
// (simulate_components checks them).
scenario_file parse_components(const context& c, json doc, const scenario_overrides& overrides) {
    const json list = doc["components"];
    doc.erase("components");
    if (!list.is_array() || list.empty()) {
        fail(c, "components",
             "expected a non-empty array of objects, got " +
                 (list.is_array() ? std::string("an empty array") : show(list)));
    }
    if (doc.contains("optimize")) {
        fail(c, "optimize",
             "not available with \"components\": optimise one component's policy "
             "in a file of its own");
    }
    if (!overrides.policy_from.empty()) {
        fail(c, "components",
             "a deployed policy (--policy-from, policy_from=) names one scalable target; give "
             "each component's policies in its object instead");
    }
    scenario_file out;
    json effective = json::array();
    for (std::size_t i = 0; i < list.size(); ++i) {
        const std::string at = "components[" + std::to_string(i) + "]";
        json patch = list[i];
        if (!patch.is_object()) {
            fail(c, at,
                 "expected an object (the changes to the file's scenario), got " + show(patch));
        }
        // A component's own optimize section or components would be read and then dropped:
        // the whole file's run is the components' simulation.
        for (const char* key : {"optimize", "components"}) {
            if (patch.contains(key)) {
                fail(c, at + "." + key,
                     std::string(key) == "optimize"
                         ? "not available in a component: optimise one component's policy in a "
                           "file of its own"
                         : "components do not nest: list every component in the top-level "
                           "\"components\"");
            }
        }
        std::string name = "component " + std::to_string(i);
        if (const auto n = patch.find("name"); n != patch.end()) {
            if (!n->is_string() || n->get<std::string>().empty()) {
                fail(c, at + ".name", "expected a non-empty string, got " + show(*n));
            }
            name = n->get<std::string>();
            patch.erase("name");
        }
        json merged = doc;
        merged.merge_patch(patch);
        std::vector<std::string> named; // the files this component's document names
        const context one_c{c.source + " " + at + " (" + name + ")", c.base_dir, &named};
        scenario_file one = read_one(one_c, merged, {});
        out.files.insert(out.files.end(), named.begin(), named.end());
        if (i == 0) {
            out.version = one.version;
            out.base = one.base;
            out.trace = one.trace;
            out.trace_cut = one.trace_cut;
        }
        for (const auto& n : one.notes)
            out.notes.push_back(name + ": " + n);
        json e = json::parse(one.effective_json);
        e.erase("version");
        e["name"] = name;
        effective.push_back(std::move(e));
        out.components.push_back(std::move(one.base));
        out.component_names.push_back(std::move(name));
    }
    for (std::size_t i = 0; i < out.component_names.size(); ++i) {
        for (std::size_t j = 0; j < i; ++j) {
            if (out.component_names[i] == out.component_names[j]) {
                fail(c, "components[" + std::to_string(i) + "].name",
                     detail::quoted(out.component_names[i]) + " is also components[" +
                         std::to_string(j) + "]'s name; names tell the components apart");
            }
        }
    }
    try {
        validate_components(out.components);
    } catch (const config_error& e) {
        fail(c, e.field(), e.problem());
    }
    json eff = {{"version", 1}, {"components", std::move(effective)}};
    out.effective_json = eff.dump(2) + "\n";
    return out;
}

// One scenario's document (without "components"), the overrides applied; the files it names are
// added to c.files.
scenario_file read_one(const context& c, const json& doc, const scenario_overrides& overrides) {
    scenario_file out;
    scenario& sc = out.base;
    object_reader top(c, doc, "");
    const json* version = top.get("version");
    if (version == nullptr) {
        fail(c, "version",
             "missing required field (this reader reads 1)" + top.misspelt("version"));
    }
    // (1.0 too: integer fields accept a whole number written with a point)
    if (!version->is_number() || version->get<double>() != 1)
        fail(c, "version", "unsupported version " + show(*version) + "; this reader reads 1");
    out.version = 1;
    const json& trace_json = top.required("trace");
    const json* endpoint = top.get("endpoint");
    const json* scaling = top.get("scaling");
    sc.mode = top.enumeration("mode", sc.mode);
    sc.arrivals = top.enumeration("arrivals", sc.arrivals);
    const json* slo = top.get("slo");
    sc.seed = top.unsigned64("seed", sc.seed, "an integer in [0, 18446744073709551615]");
    sc.record_timeline = top.boolean("record_timeline", sc.record_timeline);
    const json* optimize_json = top.get("optimize");
    top.done();

    if (endpoint != nullptr) {
        sc.endpoint = read_struct<endpoint_config>(c, *endpoint, "endpoint", sc.endpoint);
        // A type of the catalogue given without its price takes the catalogue's: the default,
        // ml.c5.xlarge's 0.204 USD/h, made a 7.09 USD/h ml.g5.12xlarge cost as much.
        const auto type = endpoint->find("instance_type");
        // A SageMaker name ("ml.") the catalogue does not list would take that default too: a
        // typo ("ml.g4dn.xlarg") or an unlisted type is refused, asking for its price.
        if (type != endpoint->end() && type->is_object() && !type->contains("price_per_hour")) {
            if (const auto* e = lookup_catalog_instance(sc.endpoint.type.name)) {
                sc.endpoint.type.price_per_hour = e->price_per_hour;
            } else if (sc.endpoint.type.name.rfind("ml.", 0) == 0) {
                fail(c, "endpoint.instance_type.name",
                     not_in_catalog(sc.endpoint.type.name,
                                    "endpoint.instance_type.price_per_hour (USD per hour)"));
            }
        }
    }
    path_map paths;
    std::optional<aws_scaling> deployed;
    if (scaling != nullptr) read_scaling(c, *scaling, sc.scaling, paths, deployed);
    if (!overrides.policy_from.empty()) {
        // The deployed scaling replaces the file's capacities and policies; the simulator's own
        // settings (cooldown_from, basis, ...) stay the file's.
        deployed = read_aws_scaling(overrides.policy_from, overrides.resource_id);
        scaling_config s = deployed->scaling;
        s.cooldown_from = sc.scaling.cooldown_from;
        s.basis = sc.scaling.basis;
        s.scale_out_while_updating = sc.scaling.scale_out_while_updating;
        sc.scaling = std::move(s);
    }
    if (deployed) {
        try {
            check_endpoint_kind(*deployed, sc.endpoint.kind);
        } catch (const config_error& e) {
            fail(c, e.field(), e.problem());
        }
        out.notes = deployed->notes;
    }
    if (slo != nullptr) sc.slo = read_struct<slo_config>(c, *slo, "slo", sc.slo);
    try {
        sc.endpoint.type.validate();
        sc.endpoint.startup.validate();
        sc.scaling.validate();
        sc.slo.validate();
    } catch (const config_error& e) {
        for (const auto& [from, to] : paths) {
            if (e.field().rfind(from, 0) == 0) in_document(c, e, from, to);
        }
        in_document(c, e, "", "");
    }

    out.trace = read_trace_section(c, trace_json, "trace");
    const loaded_trace lt = load_section(c, out.trace, "trace.");
    attach_trace(c, sc, lt, out.trace.scale);
    try {
        sc.validate();
    } catch (const config_error& e) {
        // a policy's field by its place in the file (scaling.policies[i]), as above
        for (const auto& [from, to] : paths) {
            if (e.field().rfind(from, 0) == 0) in_document(c, e, from, to);
        }
        throw config_error(c.source + ": " + e.what());
    } catch (const trace_error& e) {
        throw trace_error(c.source + ": " + e.what()); // e.g. "trace: the trace is empty"
    }

    json eff = scenario_document(sc, write_trace_section(out.trace));
    if (optimize_json != nullptr) {
        optimize_section os = read_optimize(c, *optimize_json, sc);
        out.optimization = std::move(os.spec);
        eff["optimize"] = std::move(os.effective);
    }
    out.effective_json = eff.dump(2) + "\n";
    out.trace_cut = lt.cut.empty() || lt.gaps.empty() ? lt.cut + lt.gaps : lt.cut + "; " + lt.gaps;
    return out;
}

} // namespace

// A key given twice in one object is refused (JSON allows it, and the last value would silently
// win), naming its path; so is a value nested too deep to copy safely.
json::parser_callback_t duplicate_key_check(const context& c) {
    return detail::reject_duplicate_keys<json>(
        true,
        [&c](const std::string& path, const std::string& problem) { fail(c, path, problem); });
}

scenario_file parse_scenario(std::string_view text, const std::string& source,
                             const std::string& base_dir, const scenario_overrides& overrides) {
    std::vector<std::string> files;
    for (const auto& f : overrides.policy_from) {
        files.push_back(std::filesystem::absolute(f).lexically_normal().string());
    }
    const context c{source, base_dir, &files};
    json doc;
    try {
        doc = json::parse(text.begin(), text.end(), duplicate_key_check(c));
    } catch (const json::parse_error& e) {
        throw config_error(source + ":" + line_column(text, e.byte) +
                           ": not valid JSON: " + parse_problem(e.what()));
    } catch (const json::exception& e) {
        // A number too large for a double (out_of_range.406) comes without a position.
        std::string what = e.what();
        const auto bracket = what.find("] ");
        if (bracket != std::string::npos) what = what.substr(bracket + 2);
        if (what.size() > 120) what = what.substr(0, 117) + "...";
        throw config_error(source + ": not valid JSON: " + what);
    }
    // A compare file lists scenario files; read as one, it would be refused for lacking a trace,
    // a message that does not say what the file is.
    if (doc.is_object() && doc.contains("deployments")) {
        fail(c, "",
             "is a compare file (it lists \"deployments\"), not a scenario; run it with "
             "`autoscalesim compare " +
                 source + "`");
    }
    apply_overrides(c, doc, overrides);
    if (doc.is_object() && doc.contains("components")) {
        scenario_file out = parse_components(c, std::move(doc), overrides);
        files.insert(files.end(), out.files.begin(), out.files.end());
        out.files = std::move(files);
        return out;
    }
    scenario_file out = read_one(c, doc, overrides);
    out.files = std::move(files);
    return out;
}

std::string write_scenario_json(const scenario& sc, const trace_spec& trace) {
    if (!sc.scaling.custom.empty()) {
        throw config_error(error_location{"", 0, "scaling.custom"},
                           "custom policies are code and cannot be written to a scenario file");
    }
    return scenario_document(sc, write_trace_section(trace)).dump(2) + "\n";
}

const std::vector<std::string>& trace_format_names() {
    static const std::vector<std::string> names = [] {
        std::vector<std::string> v;
        for (const auto& n : autoscalesim::enum_names<trace_format>::names)
            if (!n.alias) v.emplace_back(n.name);
        return v;
    }();
    return names;
}

scenario_file read_scenario_file(const std::string& path, const scenario_overrides& overrides) {
    const std::string text = detail::read_file(path);
    const std::filesystem::path p(path);
    return parse_scenario(text, path, p.parent_path().string(), overrides);
}

} // namespace autoscalesim::io
