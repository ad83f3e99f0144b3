// `autoscalesim recommend`: a CloudWatch export (or any trace) and an instance type in, a
// target-tracking policy to apply out, checked on held-out traffic and written as AWS CLI input.
#include "commands.hpp"
#include "html_report.hpp"
#include "output_dir.hpp"
#include "run_cli.hpp"
#include "svg_chart.hpp"
#include "trace_input.hpp"

#include "autoscalesim/describe.hpp"
#include "autoscalesim/errors.hpp"
#include "autoscalesim/instance_catalog.hpp"
#include "autoscalesim/io/aws_policy.hpp"
#include "autoscalesim/io/csv_trace.hpp"
#include "autoscalesim/io/results.hpp"
#include "autoscalesim/io/scenario_file.hpp"
#include "autoscalesim/optimize/recommend.hpp"
#include "autoscalesim/simulator.hpp"

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <optional>
#include <sstream>
#include <string_view>
#include <utility>

namespace autoscalesim::cli {

const std::vector<option_spec>& recommend_options() {
    static const std::vector<option_spec> specs = [] {
        std::vector<option_spec> s = trace_input_options();
        for (const char* name :
             {"--instance-type", "--p99", "--max-error-rate", "--price-per-hour", "--workers",
              "--service-time", "--service-cv", "--startup-s", "--startup-sigma",
              "--initial-capacity", "--resource-id", "--min-capacity", "--max-capacity",
              "--target-value", "--test-fraction", "--budget", "--seed", "--threads"}) {
            s.push_back({name, true});
        }
        s.push_back({"--policy-from", true, file_names});
        s.push_back({"--out", true, folder_name});
        s.push_back({"--slice-fraction", true});
        s.push_back({"--report", true, file_name});
        s.push_back({"--force", false});
        s.push_back({"--quiet", false});
        return s;
    }();
    return specs;
}

namespace {

// "1,2,3", "1-4" (whole numbers) or "10:60:5" (low:high:step); `whole`: every level a whole
// number (capacities).
std::vector<double> levels(const parsed_args& a, const std::string& name, bool whole = false) {
    const std::string text = a.value(name);
    std::vector<double> out;
    if (text.empty()) {
        return out;
    }
    const auto parse = [&](const std::string& s) {
        char* end = nullptr;
        const double v = std::strtod(s.c_str(), &end);
        if (s.empty() || end != s.c_str() + s.size() || !std::isfinite(v) || v <= 0) {
            throw usage_error(name +
                              ": expected numbers > 0 (\"1,2,3\", \"1-4\" or "
                              "\"10:60:5\"), got \"" +
                              text + "\"");
        }
        return v;
    };
    std::stringstream parts(text);
    std::string part;
    while (std::getline(parts, part, ',')) {
        const auto colon = part.find(':');
        const auto dash = part.find('-', 1);
        if (colon != std::string::npos) {
            const auto colon2 = part.find(':', colon + 1);
            if (colon2 == std::string::npos) {
                throw usage_error(name + ": a range is low:high:step, got \"" + part + "\"");
            }
            const double lo = parse(part.substr(0, colon));
            const double hi = parse(part.substr(colon + 1, colon2 - colon - 1));
            const double step = parse(part.substr(colon2 + 1));
            if (hi < lo) {
                throw usage_error(name + ": range \"" + part + "\" ends below its start");
            }
            const double levels = std::floor((hi - lo) / step * (1 + 1e-12)) + 1;
            if (levels > 10000) {
                throw usage_error(name + ": range \"" + part + "\" has more than 10,000 levels");
            }
            // by index: at 1e17 a step of 1 adds nothing, and v += step never ended
            for (int k = 0; k < static_cast<int>(levels); ++k) {
                out.push_back(lo + k * step);
            }
        } else if (dash != std::string::npos) {
            const double lo = parse(part.substr(0, dash));
            const double hi = parse(part.substr(dash + 1));
            if (hi < lo) {
                throw usage_error(name + ": range \"" + part + "\" ends below its start");
            }
            const double levels = std::floor(hi - lo) + 1;
            if (levels > 10000) {
                throw usage_error(name + ": range \"" + part + "\" has more than 10,000 levels");
            }
            for (int k = 0; k < static_cast<int>(levels); ++k) {
                out.push_back(lo + k);
            }
        } else {
            out.push_back(parse(part));
        }
    }
    for (const double v : out) {
        if (whole && v != std::floor(v)) {
            throw usage_error(name + ": capacities are whole numbers, got " + strprintf("%g", v) +
                              " in \"" + text + "\"");
        }
    }
    return out;
}

std::string policy_line(const scaling_config& s) {
    const auto& tt = s.target_tracking.front();
    return strprintf("MinCapacity %d, MaxCapacity %d, TargetValue %g %s", s.min_capacity,
                     s.max_capacity, tt.target_value, std::string(metric_name(tt.metric)).c_str());
}

double per_30_days(const summary& s, const trace& t) {
    const double days = ms_to_seconds(t.duration_ms()) / 86400.0;
    return days > 0 ? s.cost_usd / days * 30 : 0;
}

std::string check_row(const optimize::policy_check& pc, const optimize::recommendation& r) {
    const auto part = [&](const summary& s, const trace& t, bool ok) {
        return strprintf("$%9.2f %8.3f s %7.4f %9.2e %-5s", per_30_days(s, t), s.p99_latency_s,
                         s.slo_attainment, s.error_rate, ok ? "yes" : "NO");
    };
    std::string row =
        strprintf("  %-14s %s", pc.label.c_str(), part(pc.train, r.train, pc.meets_train).c_str());
    if (pc.test) {
        row += "  | " + part(*pc.test, r.test, pc.meets_test.value_or(false));
    }
    return row + "\n";
}

} // namespace

double instance_price(const parsed_args& a, const std::string& fallback_type) {
    if (a.values.count("--price-per-hour") != 0) {
        return a.positive_value("--price-per-hour", 0);
    }
    const std::string name = a.value("--instance-type", fallback_type);
    if (const auto* e = lookup_catalog_instance(name)) {
        return e->price_per_hour;
    }
    throw config_error(error_location{"", 0, "--instance-type"},
                       not_in_catalog(name, "--price-per-hour"));
}

int run_recommend(const parsed_args& a, std::ostream& out, std::ostream& err) {
    if (a.positional.empty()) {
        throw usage_error("recommend: missing EXPORT (a CloudWatch export of Invocations, or a "
                          "trace)");
    }
    const std::string type_name = a.value("--instance-type");
    if (type_name.empty()) {
        throw usage_error("recommend: missing --instance-type NAME (e.g. ml.g5.xlarge)");
    }
    if (a.value("--p99").empty()) {
        throw usage_error("recommend: missing --p99 SECONDS (the latency 99 % of requests must "
                          "meet)");
    }
    if (a.value("--service-time").empty()) {
        throw usage_error("recommend: missing --service-time SECONDS (one request's mean "
                          "service time; docs/recommend.md shows how to read it off "
                          "ModelLatency)");
    }
    optimize::recommend_options o;
    o.max_p99_latency_s = a.positive_value("--p99", 1);
    o.max_error_rate = a.number_in("--max-error-rate", 1e-3, 0, 1);
    o.test_fraction = a.number_in("--test-fraction", 0.25, 0, 1, true);
    o.budget = static_cast<std::size_t>(a.whole_in("--budget", 200, 1, 10'000'000));
    o.slice_fraction = a.number_in("--slice-fraction", 0, 0, 1, true);
    o.seed = a.unsigned_value("--seed", 1);
    o.threads = static_cast<unsigned>(a.whole_in("--threads", 0, 0, 4096));
    o.min_capacity = levels(a, "--min-capacity", true);
    o.max_capacity = levels(a, "--max-capacity", true);
    o.target_value = levels(a, "--target-value");
    // The id aws/ is written for, checked before the trace is read and the search runs (it was
    // refused only after them, when aws/ was written, and not at all when no policy qualified).
    if (const std::string id = a.value("--resource-id"); !id.empty()) {
        try {
            io::check_resource_id(id);
        } catch (const config_error& e) {
            throw config_error(error_location{"", 0, "--resource-id"}, e.problem());
        }
        if (id.rfind("inference-component/", 0) == 0) {
            throw config_error(
                error_location{"", 0, "--resource-id"},
                "\"" + id + "\": recommend searches an endpoint variant's " +
                    "instance count; an inference component scales copies (simulate " +
                    "or optimize a scenario of endpoint.kind \"inference_component\")");
        }
    }
    const std::string out_dir = a.value("--out");
    const bool force = a.has("--force");
    const bool quiet = a.has("--quiet");
    const run_inputs inputs = input_files(a, {"--policy-from"});
    if (!out_dir.empty()) {
        check_output_dir(out_dir, force, inputs);
    }
    const std::string report_path = a.value("--report");
    check_report_path(report_path, force, inputs, out_dir);

    scenario base;
    instance_type& it = base.endpoint.type;
    it.name = type_name;
    it.price_per_hour = instance_price(a, type_name);
    it.workers = static_cast<int>(a.whole_in("--workers", 1, 1, 10'000));
    it.service_time_s = a.positive_value("--service-time", 1, request_time_limit_s);
    it.service_cv = a.number_in("--service-cv", 1, 0, 10);
    const double startup_s = a.seconds_value("--startup-s", 360);
    const double sigma = a.number_in("--startup-sigma", 0, 0, 3);
    base.endpoint.startup = sigma > 0 ? startup_distribution::lognormal(startup_s, sigma)
                                      : startup_distribution::fixed(startup_s);
    base.endpoint.initial_capacity =
        static_cast<int>(a.whole_in("--initial-capacity", 1, 0, 1'000'000));
    base.seed = o.seed;

    // A real export of Invocations has gaps (no datapoint for a minute without a request): zero
    // traffic, but a gap of more than 6 hours is refused as missing data (--max-gap-s).
    const trace_input in = read_trace_input(a.positional, a, 6 * 3600);
    base.traffic = in.traffic;

    std::optional<io::aws_scaling> deployed;
    const std::string policy_from = a.value("--policy-from");
    if (!policy_from.empty()) {
        deployed = read_deployed_variant(a);
    }
    const std::string resource_id =
        a.value("--resource-id",
                deployed ? deployed->resource_id : "endpoint/my-endpoint/variant/AllTraffic");
    if (deployed) {
        // the deployed policy's settings (cooldowns) are the base the search varies
        for (const auto& tt : deployed->scaling.target_tracking) {
            if (tt.metric == metric_kind::invocations_per_instance) {
                base.scaling.target_tracking = {tt};
                break;
            }
        }
    }

    const optimize::recommendation r = [&] {
        try {
            return optimize::recommend(base, o, deployed ? &deployed->scaling : nullptr);
        } catch (const config_error& e) {
            // recommend() names its options as the library spells them; here they are flags.
            // (not static: the trace's names are this run's)
            const std::pair<std::string_view, std::string_view> flags[] = {
                {"max_p99_latency_s", "--p99"},
                {"max_error_rate", "--max-error-rate"},
                {"test_fraction", "--test-fraction"},
                {"slice_fraction", "--slice-fraction"},
                {"min_capacity", "--min-capacity"},
                {"max_capacity", "--max-capacity"},
                {"target_value", "--target-value"},
                {"trace", in.names},
                {"endpoint.startup.fixed_s", "--startup-s"},
                {"endpoint.startup.median_s", "--startup-s"},
                {"endpoint.instance_type.service_time_s", "--service-time"},
                {"endpoint.instance_type.price_per_hour", "--price-per-hour"}};
            for (const auto& [name, flag] : flags) {
                if (e.field() == name) {
                    throw config_error(error_location{"", 0, std::string(flag)}, e.problem());
                }
            }
            throw;
        }
    }();

    const double train_days = ms_to_seconds(r.train.duration_ms()) / 86400.0;
    const double test_days = ms_to_seconds(r.test.duration_ms()) / 86400.0;
    std::ostringstream text;
    {
        text << strprintf("trace           %s (%s): %s\n", in.names.c_str(), in.format.c_str(),
                          window_text(in.traffic).c_str());
        for (const auto& note : in.notes) {
            text << strprintf("                %s\n", note.c_str());
        }
        if (test_days > 0) {
            text << strprintf("                tuned on the first %.3g days, checked on the last "
                              "%.3g days\n",
                              train_days, test_days);
        } else {
            text << strprintf("                tuned on the whole %.3g days, none held out "
                              "(--test-fraction 0)\n",
                              train_days);
        }
        if (deployed) {
            for (const auto& note : deployed->notes) {
                text << "note            " << note << "\n";
            }
        }
        for (const auto& caveat : r.tuned.scenarios.front().caveats()) {
            text << "note            " << caveat.text << "\n";
        }
        text << strprintf(
            "endpoint        %s at $%g/h, %d worker(s), service %g s (cv %g), "
            "start-up %g s%s\n",
            it.name.c_str(), it.price_per_hour, it.workers, it.service_time_s, it.service_cv,
            startup_s, sigma > 0 ? strprintf(" (lognormal median, sigma %g)", sigma).c_str() : "");
        text << strprintf("instance        %.4g req/s with p99 <= %g s (steady state); "
                          "throughput %.4g req/s\n",
                          r.sustainable_rate_per_s, o.max_p99_latency_s, r.max_rate_per_s);
        for (const auto& note : r.space_notes) {
            text << "space           " << note << "\n";
        }
        text << strprintf("search          %zu policies evaluated (%s), %zu meet p99 <= %g s and "
                          "error rate <= %g\n",
                          r.search.evaluated, r.search.stop_reason_words().c_str(),
                          r.search.feasible, o.max_p99_latency_s, o.max_error_rate);
        // recommend() searches a space within the budget whole, by the grid.
        if (r.search.answered > 0 && r.tuned.space.grid_size() <= o.budget) {
            text << strprintf("                %zu of them not simulated: an evaluated policy's "
                              "outcome tells theirs, and is theirs\n",
                              r.search.answered);
        } else if (r.search.answered > 0) {
            text << strprintf("                %zu more not run: an evaluated policy's outcome "
                              "tells theirs\n",
                              r.search.answered);
        }
        if (r.search.slice_evaluated > 0) {
            text << strprintf("                after %zu on the tuning part's busiest slice "
                              "(--slice-fraction %g)\n",
                              r.search.slice_evaluated, o.slice_fraction);
        }
        if (r.recommended) {
            text << "recommended     " << policy_line(r.recommended->scaling) << "\n";
        } else {
            text << "recommended     none: no policy of the space meets the SLO on the tuning "
                    "part; widen the space (--max-capacity, --target-value) or relax --p99\n";
        }
        const std::string head =
            strprintf("%10s %10s %7s %9s %-5s", "cost/30d", "p99", "SLO", "errors", "meets");
        text << strprintf("  %-14s %s%s\n", "", head.c_str(),
                          r.test.empty() ? "" : ("  | " + head + " (held out)").c_str());
        if (r.recommended) {
            text << check_row(*r.recommended, r);
        }
        text << check_row(r.rule_of_thumb, r);
        if (r.current) {
            text << check_row(*r.current, r);
        }
        text << strprintf("rule of thumb   %s (TargetValue = %.4g req/s x 0.5 x 60)\n",
                          policy_line(r.rule_of_thumb.scaling).c_str(), r.max_rate_per_s);
        if (r.current) {
            text << "current         " << policy_line(r.current->scaling) << "\n";
        }
    }
    if (!quiet) {
        out << text.str();
    }
    // The recommended policy on the whole trace and the pictures, shared by the report and DIR.
    const std::string pareto =
        pareto_svg(r.search, r.search.best(), o.max_p99_latency_s,
                   strprintf("%zu policies on the first %.3g days; %zu meet the SLO",
                             r.search.evaluated, train_days, r.search.feasible),
                   "cost on the tuning part (USD)");
    scenario whole = r.tuned.scenarios.front();
    std::optional<result> whole_run;
    std::string timeline_picture;
    if (r.recommended && (!report_path.empty() || !out_dir.empty())) {
        whole.traffic = in.traffic;
        whole.scaling = r.recommended->scaling;
        whole.record_timeline = true;
        whole_run = simulate(whole);
        timeline_picture = timeline_svg(in.traffic, whole_run->steps,
                                        "recommended: " + policy_line(r.recommended->scaling));
    }
    if (!report_path.empty()) {
        std::vector<std::string> figures = {pareto};
        if (whole_run) figures.push_back(timeline_picture);
        io::write_text_file_atomic(
            report_path, html_report("autoscalesim recommend " + in.names, text.str(), figures,
                                     whole_run ? whole_run->activities : std::vector<activity>{}));
    }
    if (out_dir.empty()) {
        return exit_ok;
    }
    staged_output dir(out_dir, force, inputs);
    io::write_front_csv(r.search, dir.file("front.csv"));
    io::write_evaluations_csv(r.search, dir.file("evaluations.csv"));
    io::write_search_summary_json(r.search, r.search.best(), dir.file("search.json"));
    io::write_text_file_atomic(dir.file("pareto.svg"), pareto);
    if (whole_run) {
        const result& run = *whole_run;
        io::write_summary_json(run.totals, dir.file("summary.json"));
        io::write_timeline_csv(run.steps, dir.file("timeline.csv"));
        io::write_activities_csv(run.activities, dir.file("activities.csv"));
        io::write_csv_trace(in.traffic, dir.file("trace.csv"));
        io::write_text_file_atomic(dir.file("timeline.svg"), timeline_picture);
        // the trace is written beside it, so the folder is self-contained
        io::write_text_file_atomic(
            dir.file("scenario.json"),
            io::write_scenario_json(whole, io::trace_spec{.file = "trace.csv"}));
        if (!quiet && a.value("--resource-id").empty() && !deployed) {
            err << "note            aws/ is written for " << resource_id
                << "; give --resource-id endpoint/NAME/variant/VARIANT for yours\n";
        }
        std::filesystem::create_directories(dir.file("aws"));
        std::vector<std::string> notes;
        for (const auto& f : io::aws_cli_inputs(r.recommended->scaling, resource_id, &notes)) {
            io::write_text_file_atomic(dir.file("aws/" + f.name), f.text);
        }
        if (!quiet) {
            for (const auto& n : notes) {
                err << "note            " << n << "\n";
            }
        }
    }
    dir.commit();
    if (!quiet) {
        err << strprintf("wrote           %s: front.csv, evaluations.csv, search.json, "
                         "pareto.svg%s\n",
                         dir.final_dir().string().c_str(),
                         r.recommended ? ", summary.json, timeline.csv, timeline.svg, "
                                         "activities.csv, trace.csv, scenario.json, aws/"
                                       : "");
    }
    return exit_ok;
}

} // namespace autoscalesim::cli
