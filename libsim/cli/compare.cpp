// `autoscalesim compare`: one trace through several deployments (one scenario file each), one
// table: cost per month with and without a Savings Plan, latency, errors, idle hours, wake-ups,
// and which meet the SLO.

#include "commands.hpp"
#include "output_dir.hpp"
#include "run_cli.hpp"
#include "svg_chart.hpp"

#include "autoscalesim/errors.hpp"
#include "autoscalesim/io/results.hpp"
#include "autoscalesim/io/scenario_file.hpp"
#include "autoscalesim/optimize/search.hpp"
#include "autoscalesim/simulator.hpp"
#include "io/detail/json_docs.hpp"
#include "io/detail/text.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <optional>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

namespace autoscalesim::cli {

namespace {

using ojson = nlohmann::ordered_json;

struct deployment {
    std::string label;
    std::string path;
    std::string listed_in; ///< the compare file that lists it, or "" for a file given alone
};

struct compare_plan {
    std::vector<deployment> deployments;
    std::optional<double> discount;
    std::optional<slo_config> slo;
    /// A row meets its SLO only with an error rate at most this (Python's compare_deployments
    /// has the same default)
    double max_error_rate = 0.01;
};

[[noreturn]] void bad(const std::string& file, const std::string& field, const std::string& what) {
    throw config_error(error_location{file, 0, field}, what);
}

// A compare file: {"version": 1, "deployments": {"label": "scenario.json", ...}, "discount": d,
// "slo": {"latency_s": s, "target": t}, "max_error_rate": r}; scenario paths relative to the
// file.
compare_plan read_compare_file(const std::string& path, const ojson& doc) {
    compare_plan p;
    for (const auto& [key, value] : doc.items()) {
        if (key != "version" && key != "deployments" && key != "discount" && key != "slo" &&
            key != "max_error_rate") {
            bad(path, key,
                "unknown field; expected one of version, deployments, discount, slo, "
                "max_error_rate");
        }
    }
    if (!doc.contains("version") || doc["version"] != 1) {
        bad(path, "version", "expected 1");
    }
    const ojson& d = doc["deployments"];
    if (!d.is_object() || d.empty()) {
        bad(path, "deployments", "expected an object of labels to scenario files");
    }
    const std::filesystem::path dir = std::filesystem::path(path).parent_path();
    std::size_t entry = 0;
    for (const auto& [label, file] : d.items()) {
        ++entry;
        // The label names the row (table, CSV, chart): one that prints as nothing, or breaks
        // the row's line, names none. (Two equal labels are refused by the parser.)
        const bool blank = label.find_first_not_of(" \t") == std::string::npos;
        const bool control = std::any_of(label.begin(), label.end(), [](char c) {
            return static_cast<unsigned char>(c) < 0x20 || c == 0x7f;
        });
        if (blank || control) {
            bad(path, "deployments",
                "entry " + std::to_string(entry) + " (" + io::detail::quoted(label) + ": " +
                    (file.is_string() ? io::detail::quoted(file.get<std::string>())
                                      : std::string("...")) +
                    "): expected a label that names its row, " +
                    (blank ? "got an empty one" : "got one with a control character"));
        }
        if (!file.is_string() || file.get<std::string>().empty()) {
            bad(path, "deployments." + label, "expected a scenario file name");
        }
        const std::filesystem::path f = file.get<std::string>();
        p.deployments.push_back({label, (f.is_absolute() ? f : dir / f).string(), path});
    }
    if (doc.contains("discount")) {
        const ojson& v = doc["discount"];
        if (!v.is_number() || !(v.get<double>() >= 0 && v.get<double>() < 1)) {
            bad(path, "discount", "expected a Savings Plan discount in [0, 1)");
        }
        p.discount = v.get<double>();
    }
    if (doc.contains("max_error_rate")) {
        const ojson& v = doc["max_error_rate"];
        if (!v.is_number() || !(v.get<double>() >= 0 && v.get<double>() <= 1)) {
            bad(path, "max_error_rate", "expected a share of the requests in [0, 1]");
        }
        p.max_error_rate = v.get<double>();
    }
    if (doc.contains("slo")) {
        const ojson& s = doc["slo"];
        slo_config slo;
        if (!s.is_object()) {
            bad(path, "slo", "expected {\"latency_s\": s, \"target\": t}");
        }
        for (const auto& [key, value] : s.items()) {
            if (key != "latency_s" && key != "target") {
                bad(path, "slo." + key, "unknown field; expected latency_s or target");
            }
            if (!value.is_number()) {
                const std::string got = value.dump();
                bad(path, "slo." + key,
                    "expected a number, got " +
                        (got.size() > 60 ? got.substr(0, 57) + "..." : got));
            }
            (key == "latency_s" ? slo.latency_s : slo.target) = value.get<double>();
        }
        try {
            slo.validate();
        } catch (const config_error& e) {
            // The error's field is the whole path ("slo.target"): the file names it once, with
            // it ("c.json: slo: slo.target: ..." named the section twice).
            bad(path, e.field(), e.problem());
        }
        p.slo = slo;
    }
    return p;
}

compare_plan plan_of(const parsed_args& a) {
    if (a.positional.empty()) {
        throw usage_error("compare: missing SCENARIO.json (one per deployment, or a compare "
                          "file listing them)");
    }
    // One file is a compare file or a scenario; of several, each is a scenario (the scenario
    // reader refuses a compare file among them by name).
    compare_plan p;
    if (a.positional.size() == 1) {
        const std::string& f = a.positional[0];
        // read_file refuses a folder, a device and a file too large to be a scenario.
        const std::string text = io::detail::read_file(f);
        // A label given twice would silently keep the last deployment.
        const ojson doc = ojson::parse(text,
                                       io::detail::reject_duplicate_keys<ojson>(
                                           true,
                                           [&f](const std::string& at, const std::string& problem) {
                                               throw config_error(f + ": " + at + ": " + problem);
                                           }),
                                       false);
        if (doc.is_object() && doc.contains("deployments")) {
            p = read_compare_file(f, doc);
        }
    }
    if (p.deployments.empty()) {
        for (std::size_t i = 0; i < a.positional.size(); ++i) {
            const std::string& f = a.positional[i];
            const std::string label = std::filesystem::path(f).stem().string();
            // Rows are named by file name: two files of one name would be two rows no reader
            // can tell apart (the same file twice, two identical ones).
            for (std::size_t j = 0; j < i; ++j) {
                if (p.deployments[j].label == label) {
                    throw usage_error(
                        "compare: SCENARIO " + std::to_string(i + 1) + " (" + f + ") and " +
                        std::to_string(j + 1) + " (" + p.deployments[j].path +
                        ") would both be the row " + io::detail::quoted(label) +
                        " (rows are named by file name); " +
                        (f == p.deployments[j].path
                             ? std::string("give each file once")
                             : std::string("list them in a compare file with a label each")));
                }
            }
            p.deployments.push_back({label, f, ""});
        }
    }
    if (!a.value("--discount").empty()) {
        p.discount = a.number_in("--discount", 0, 0, 1, /*high_open=*/true);
    }
    if (!a.value("--max-error-rate").empty()) {
        p.max_error_rate = a.number_in("--max-error-rate", 0, 0, 1);
    }
    return p;
}

// A deployment whose file has an "optimize" section: its policy is searched as `optimize` would
// (the file's space, objectives, constraints and method), with the comparison's SLO and
// discount, and `sc` becomes the policy best() chooses.
struct search_outcome {
    std::string line;   // what was searched and chosen, for the table's notes
    std::string policy; // the chosen parameters ("min_capacity 2, target_value 30"), or empty
                        // when none met the constraints and `sc` keeps the file's own policy
};

search_outcome searched_policy(const std::string& label, const io::optimization_spec& spec,
                               const compare_plan& plan, scenario& sc) {
    optimize::problem problem = spec.problem;
    for (scenario& v : problem.scenarios) {
        if (plan.slo) {
            v.slo = *plan.slo;
        }
        if (plan.discount) {
            v.endpoint.savings_plan_discount = *plan.discount;
        }
        v.record_timeline = false;
    }
    const optimize::search_result r = spec.method == io::search_method::grid
                                          ? optimize::grid_search(problem, spec.options)
                                          : optimize::adaptive_search(problem, spec.options);
    // The table's error limit too, where a policy meets it; else the section's choice alone.
    std::vector<optimize::constraint> choose = spec.choose;
    choose.push_back(optimize::constraint::at_most("error_rate", plan.max_error_rate));
    std::optional<optimize::evaluation> best = r.best(choose);
    const bool over_limit = !best;
    if (over_limit) {
        best = r.best(spec.choose);
    }
    search_outcome o;
    o.line = strprintf("searched %s: %zu policies, %zu feasible; ", label.c_str(), r.evaluated,
                       r.feasible);
    if (!best) {
        o.line += "none meets the constraints, so the row is the file's own policy";
        return o;
    }
    problem.space.apply(sc, best->parameters);
    o.policy = parameters_text(r.parameter_names, best->parameters);
    o.line += "chosen " + o.policy;
    if (over_limit) {
        o.line += strprintf(" (none has an error rate within %g)", plan.max_error_rate);
    }
    return o;
}

// A deployment's scenario file. When a compare file lists it, the reader's errors also name that
// file and the entry: a listed compare file (the list itself included) is one of them, refused by
// the scenario reader as any command's would be.
io::scenario_file read_deployment(const deployment& d, const io::scenario_overrides& overrides) {
    try {
        return io::read_scenario_file(d.path, overrides);
    } catch (const config_error& e) {
        if (d.listed_in.empty()) throw;
        throw config_error(error_location{d.listed_in, 0, "deployments." + d.label},
                           autoscalesim::detail::render_error(e.where(), e.problem()));
    } catch (const trace_error& e) {
        if (d.listed_in.empty()) throw;
        throw trace_error(error_location{d.listed_in, 0, "deployments." + d.label},
                          autoscalesim::detail::render_error(e.where(), e.problem()));
    } catch (const io_error& e) {
        if (d.listed_in.empty()) throw;
        throw io_error(d.listed_in + ": deployments." + d.label + ": " + e.what());
    }
}

} // namespace

const std::vector<option_spec>& compare_options() {
    static const std::vector<option_spec> specs = {
        {"--out", true, folder_name}, {"--force", false}, {"--trace", true, file_name},
        {"--trace-format", true},     {"--seed", true},   {"--discount", true},
        {"--max-error-rate", true},   {"--quiet", false}};
    return specs;
}

int run_compare(const parsed_args& a, std::ostream& out, std::ostream& /*err*/) {
    const compare_plan plan = plan_of(a);
    const std::string out_dir = a.value("--out");
    const bool force = a.has("--force");
    run_inputs inputs = input_files(a, {"--trace"});
    if (!out_dir.empty()) {
        check_output_dir(out_dir, force, inputs);
    }
    io::scenario_overrides overrides;
    overrides.trace_path = a.value("--trace");
    overrides.trace_format = a.value("--trace-format");
    if (!a.value("--seed").empty()) {
        overrides.seed = a.unsigned_value("--seed", 0);
    }
    // Every deployment read before any runs: the files they name are inputs DIR must not hold.
    std::vector<io::scenario_file> files;
    for (const auto& d : plan.deployments) {
        files.push_back(read_deployment(d, overrides));
        inputs.push_back(d.path);
        inputs.insert(inputs.end(), files.back().files.begin(), files.back().files.end());
    }
    if (!out_dir.empty()) {
        check_output_dir(out_dir, force, inputs);
    }

    std::ostringstream table;
    table << strprintf("%-28s %12s", "deployment", "USD/month");
    if (plan.discount) {
        table << strprintf(" %12s", "with plan");
    }
    table << strprintf(" %9s %9s %10s %10s %9s %6s  %s\n", "inst-h", "idle-h", "p50 s", "p99 s",
                       "errors", "wakes", "SLO");
    std::string csv = "deployment,scenario,cost_usd,cost_per_month_usd,commitment_per_hour,"
                      "cost_per_month_with_plan_usd,instance_hours,idle_instance_hours,"
                      "p50_latency_s,p99_latency_s,error_rate,slo_attainment,wake_ups,feasible,"
                      "cold_starts,model_cache_hit_rate,searched_policy\n";
    std::vector<deployment_bar> bars;
    std::vector<std::string> searched;
    for (std::size_t k = 0; k < plan.deployments.size(); ++k) {
        const deployment& d = plan.deployments[k];
        io::scenario_file& sf = files[k];
        if (plan.slo) {
            sf.base.slo = *plan.slo;
        }
        if (plan.discount) {
            sf.base.endpoint.savings_plan_discount = *plan.discount; // the summary sizes it
        }
        search_outcome search;
        if (sf.optimization) {
            search = searched_policy(d.label, *sf.optimization, plan, sf.base);
            searched.push_back(search.line);
        }
        const result r = simulate(sf.base);
        const summary& s = r.totals;
        const double month = s.duration_s > 0 ? 30.0 * 86400.0 / s.duration_s : 0.0;
        // A serverless endpoint serves on demand at zero provisioned concurrency: nothing wakes.
        int wakes = 0;
        if (sf.base.endpoint.kind != endpoint_kind::serverless) {
            for (const auto& act : r.activities) {
                wakes += act.from == 0 && act.to > 0 ? 1 : 0;
            }
        }
        const bool too_many_errors = !(s.error_rate <= plan.max_error_rate);
        // A run without a request misses nothing (its p99 is NaN: no latency to compare).
        const bool no_requests = s.requests == 0;
        const bool feasible =
            no_requests ||
            (std::isfinite(s.p99_latency_s) && s.p99_latency_s <= sf.base.slo.latency_s &&
             s.slo_attainment >= sf.base.slo.target && !too_many_errors);
        const bool sp = plan.discount.has_value();
        bars.push_back({d.label, s.cost_usd * month,
                        sp ? std::optional<double>(s.cost_with_plan_usd * month) : std::nullopt,
                        feasible, s.p99_latency_s, s.error_rate});
        table << strprintf("%-28s %12.2f", d.label.c_str(), s.cost_usd * month);
        if (sp) {
            table << strprintf(" %12.2f", s.cost_with_plan_usd * month);
        }
        const std::string verdict =
            no_requests
                ? std::string("met (no requests)")
                : strprintf("%s (%.4f within %g s%s)", feasible ? "met" : "missed",
                            s.slo_attainment, sf.base.slo.latency_s,
                            too_many_errors
                                ? strprintf("; errors above %g", plan.max_error_rate).c_str()
                                : "");
        table << strprintf(" %9.1f %9.1f %10.3f %10.3f %9.2e %6d  %s\n", s.instance_hours,
                           s.idle_instance_hours, s.p50_latency_s, s.p99_latency_s, s.error_rate,
                           wakes, verdict.c_str());
        csv += strprintf(
            "%s,%s,%.17g,%.17g,%s,%s,%.17g,%.17g,%.17g,%.17g,%.17g,%.17g,%d,%s,"
            "%.17g,%s,%s\n",
            // every text column quoted; a quote inside doubled, so that a label such as
            // `8 GB "large"` keeps its row's columns
            io::detail::csv_field(d.label, true).c_str(),
            io::detail::csv_field(d.path, true).c_str(), s.cost_usd, s.cost_usd * month,
            sp ? strprintf("%.17g", s.commitment_per_hour).c_str() : "",
            sp ? strprintf("%.17g", s.cost_with_plan_usd * month).c_str() : "", s.instance_hours,
            s.idle_instance_hours, s.p50_latency_s, s.p99_latency_s, s.error_rate, s.slo_attainment,
            wakes, feasible ? "true" : "false", s.cold_starts,
            sf.base.endpoint.kind == endpoint_kind::multi_model
                ? strprintf("%.17g", s.model_cache_hit_rate).c_str()
                : "",
            io::detail::csv_field(search.policy, true).c_str());
    }
    if (!a.has("--quiet")) {
        out << table.str();
        for (const auto& line : searched) {
            out << line << "\n";
        }
        out << "USD/month: the run's cost at its rate over 30 days";
        if (plan.discount) {
            out << strprintf("; with plan: a Savings Plan at a %.10g discount sized on each row's "
                             "own hourly profile (serverless: its compute, not its data)",
                             *plan.discount);
        }
        out << strprintf("; SLO: p99 within the latency, the share of requests within it at "
                         "least the target and the error rate at most %g\n",
                         plan.max_error_rate);
    }
    if (!out_dir.empty()) {
        staged_output dir(out_dir, force, inputs);
        io::write_text_file_atomic(dir.file("comparison.csv"), csv);
        io::write_text_file_atomic(
            dir.file("comparison.svg"),
            deployments_svg(bars, plan.discount
                                      ? strprintf("Deployments compared (hatched: misses the "
                                                  "SLO; green: with a Savings Plan at a %g "
                                                  "discount)",
                                                  *plan.discount)
                                      : std::string("Deployments compared (hatched: misses the "
                                                    "SLO)")));
        dir.commit();
    }
    return exit_ok;
}

} // namespace autoscalesim::cli
