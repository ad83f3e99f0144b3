// `autoscalesim simulate` and `autoscalesim optimize`: a scenario file in, a results folder out.
#include "commands.hpp"
#include "html_report.hpp"
#include "output_dir.hpp"
#include "run_cli.hpp"
#include "svg_chart.hpp"
#include "trace_input.hpp"

#include "autoscalesim/errors.hpp"
#include "autoscalesim/io/csv_trace.hpp"
#include "autoscalesim/io/results.hpp"
#include "autoscalesim/io/scenario_file.hpp"
#include "autoscalesim/optimize/search.hpp"
#include "autoscalesim/simulator.hpp"
#include "io/detail/text.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <csignal>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <sstream>

namespace autoscalesim::cli {

namespace {

struct common_args {
    std::string scenario_path;
    std::string out_dir;
    std::string report_path;
    io::scenario_overrides overrides;
    run_inputs inputs; // the scenario, --trace and --policy-from; then the files it names
    bool force = false;
    bool quiet = false;
};

common_args common(const parsed_args& a, const std::string& what) {
    if (a.positional.empty()) {
        throw usage_error(what + ": missing SCENARIO.json");
    }
    if (a.positional.size() > 1) {
        throw usage_error(what + ": expected one SCENARIO.json, got " +
                          std::to_string(a.positional.size()) + " operands");
    }
    common_args c;
    c.scenario_path = a.positional[0];
    c.out_dir = a.value("--out");
    if (c.out_dir.empty()) {
        throw usage_error(what + ": missing --out DIR (the folder the results go to)");
    }
    c.overrides.trace_path = a.value("--trace");
    c.overrides.trace_format = a.value("--trace-format");
    if (!c.overrides.trace_format.empty()) {
        const auto& formats = io::trace_format_names();
        if (std::find(formats.begin(), formats.end(), c.overrides.trace_format) == formats.end()) {
            std::string known;
            for (const auto& f : formats)
                known += (known.empty() ? "" : ", ") + f;
            throw usage_error("--trace-format: expected one of " + known + ", got \"" +
                              c.overrides.trace_format + "\"");
        }
    }
    std::stringstream files(a.value("--policy-from"));
    for (std::string f; std::getline(files, f, ',');) {
        if (!f.empty()) c.overrides.policy_from.push_back(f);
    }
    c.overrides.resource_id = a.value("--resource-id");
    if (!c.overrides.resource_id.empty() && c.overrides.policy_from.empty()) {
        // Alone it would be ignored: a scenario's own scaling.from_aws names its resource_id.
        throw usage_error("--resource-id: picks a scalable target of the --policy-from files, "
                          "and none were given (a scenario's scaling.from_aws takes its own "
                          "\"resource_id\")");
    }
    if (a.values.count("--seed") != 0) {
        c.overrides.seed = a.unsigned_value("--seed", 0);
    }
    c.report_path = a.value("--report");
    c.inputs = input_files(a, {"--trace", "--policy-from"});
    c.force = a.has("--force");
    c.quiet = a.has("--quiet");
    return c;
}

// The scenario read, once DIR and the report are known not to replace anything the user gave:
// DIR is checked before the read (the trace may be long to read) and both after it, with the
// files the scenario names (its trace, its AWS files), before the work, so that a long run does
// not end refused.
io::scenario_file read_checked(common_args& c) {
    check_output_dir(c.out_dir, c.force, c.inputs);
    io::scenario_file sf = io::read_scenario_file(c.scenario_path, c.overrides);
    c.inputs.insert(c.inputs.end(), sf.files.begin(), sf.files.end());
    check_output_dir(c.out_dir, c.force, c.inputs);
    check_report_path(c.report_path, c.force, c.inputs, c.out_dir);
    return sf;
}

// The trace's file for the report: as the user typed it on the command line, else relative to the
// current directory.
std::string trace_name(const io::scenario_file& sf, const common_args& c) {
    if (!c.overrides.trace_path.empty()) {
        return c.overrides.trace_path;
    }
    if (sf.trace.file.empty()) {
        return "trace";
    }
    std::error_code ec;
    const auto cwd = std::filesystem::current_path(ec);
    const std::filesystem::path file = sf.trace.file;
    return ec ? file.string() : file.lexically_proximate(cwd).string();
}

std::string policy_text(const scaling_config& s, endpoint_kind kind) {
    std::string out;
    auto add = [&](const std::string& part) { out += (out.empty() ? "" : "; ") + part; };
    const bool copies = kind == endpoint_kind::inference_component;
    for (const auto& tt : s.target_tracking) {
        // An inference component's per-instance metrics are per copy (InvocationsPerCopy).
        std::string metric(metric_name(tt.metric));
        if (copies && tt.metric == metric_kind::invocations_per_instance) {
            metric = "InvocationsPerCopy";
        } else if (copies && tt.metric == metric_kind::concurrent_requests_per_model) {
            metric = "ConcurrentRequestsPerCopy";
        }
        add(strprintf("TargetValue %g %s", tt.target_value, metric.c_str()));
    }
    for (const auto& p : s.step_scaling) {
        add("step scaling \"" + p.name + "\"");
    }
    for (const auto& p : s.scheduled) {
        add("scheduled \"" + p.name + "\"");
    }
    for (const auto& p : s.predictive) {
        add("predictive \"" + p.name + "\"");
    }
    if (!s.hpa.empty()) {
        add(std::to_string(s.hpa.size()) + " HPA");
    }
    if (out.empty()) {
        out = "no scaling policy";
    }
    const char* unit = copies                              ? " copies"
                       : kind == endpoint_kind::serverless ? " provisioned concurrency"
                                                           : "";
    return out + strprintf(", Min %d, Max %d%s", s.min_capacity, s.max_capacity, unit);
}

// What the report's capacity chart counts: an inference component's capacity is copies.
std::string capacity_unit(endpoint_kind kind) {
    return kind == endpoint_kind::inference_component ? "copies" : "instances";
}

// An error rate as the report prints it: below one request in a billion (the fluid mode's
// expected errors can be 1e-250 of a request, a residue of its formulas) it is 0.
std::string rate_text(double rate) {
    return rate < 1e-9 ? std::string("0") : strprintf("%.2e", rate);
}

// A count of requests, to the request; below one, with the digits that show it (a fluid run's
// 0.0211 errors are not "0").
std::string count_text(double n) {
    return n > 0 && n < 0.5 ? strprintf("%.3g", n) : strprintf("%.0f", n);
}

// The lines examples/cpp/demo.cpp prints (its errors rounded to whole requests), and more.
// `policy_notes`: what the AWS reader had to choose (io::scenario_file::notes).
void print_summary(std::ostream& out, const scenario& sc, const result& r,
                   const std::string& trace_label, const std::string& cut,
                   const std::vector<std::string>& policy_notes) {
    const summary& s = r.totals;
    const auto st = sc.traffic.stats();
    out << strprintf("trace           %s: %zu intervals of %g s, %.0f requests, peak %.2f req/s\n",
                     trace_label.c_str(), st.intervals, ms_to_seconds(sc.traffic.interval_ms()),
                     st.total, st.peak_rate_per_s);
    out << strprintf("window          %s\n", window_text(sc.traffic).c_str());
    if (!cut.empty()) {
        out << "note            " << cut << "\n";
    }
    out << strprintf("policy          %s\n", policy_text(sc.scaling, sc.endpoint.kind).c_str());
    for (const auto& note : policy_notes) {
        out << "note            " << note << "\n";
    }
    for (const auto& caveat : sc.caveats()) {
        out << "note            " << caveat.text << "\n";
    }
    for (const auto& note : r.notes) {
        out << "note            " << note << "\n";
    }
    if (!sc.scaling.predictive.empty()) {
        out << "note            predictive scaling follows EC2 Auto Scaling / ECS; SageMaker "
               "variants do not offer it\n";
    }
    const bool serverless = sc.endpoint.kind == endpoint_kind::serverless;
    if (serverless) {
        out << strprintf("cost            $%.2f (%d MB; %.1f provisioned-concurrency hours)\n",
                         s.cost_usd, sc.endpoint.serverless.memory_mb, s.instance_hours);
        out << strprintf("cold starts     %.0f of %.0f requests; %.0f throttled beyond "
                         "MaxConcurrency %d\n",
                         s.cold_starts, s.requests, s.throttled,
                         sc.endpoint.serverless.max_concurrency);
    } else {
        out << strprintf("cost            $%.2f (%.1f instance-hours of %s)\n", s.cost_usd,
                         s.instance_hours, sc.endpoint.type.name.c_str());
    }
    if (sc.endpoint.kind == endpoint_kind::multi_model) {
        out << strprintf("models          %d; %.4f of requests found their model loaded; %.0f "
                         "loads, mean wait %.2f s\n",
                         sc.endpoint.multi_model.models, s.model_cache_hit_rate, s.model_loads,
                         s.mean_model_load_wait_s);
    }
    if (sc.endpoint.kind != endpoint_kind::real_time &&
        sc.endpoint.kind != endpoint_kind::multi_model && !serverless) {
        out << strprintf("idle            %.1f instance-hours in service with no request ($%.2f)\n",
                         s.idle_instance_hours,
                         s.idle_instance_hours * sc.endpoint.type.price_per_hour);
    }
    if (std::isnan(s.mean_latency_s) && std::isnan(s.p99_latency_s)) {
        out << (s.requests > 0 ? "latency         none: no request completed within the timeout\n"
                               : "latency         none: no request arrived\n");
    } else {
        out << strprintf("latency         mean %.3f s, p50 %.3f s, p95 %.3f s, p99 %.3f s\n",
                         s.mean_latency_s, s.p50_latency_s, s.p95_latency_s, s.p99_latency_s);
    }
    out << strprintf("SLO             %.4f of requests within %g s (target %g)\n", s.slo_attainment,
                     sc.slo.latency_s, sc.slo.target);
    // (a residue of the arithmetic, 1e-300 errors, reads 0 with its rate)
    out << strprintf("errors          %s of %s requests (rate %s)",
                     rate_text(s.error_rate) == "0" ? "0" : count_text(s.errors).c_str(),
                     count_text(s.requests).c_str(), rate_text(s.error_rate).c_str());
    if (!serverless && s.throttled > 0) {
        out << strprintf("; %.0f refused by max_queue", s.throttled);
    }
    out << "\n";
    out << strprintf(
        "scaling         %d scale-outs, %d scale-ins; mean %.2f and peak %d in service\n",
        s.scale_out_count, s.scale_in_count, s.mean_in_service, s.peak_in_service);
    if (!serverless) { // the provisioning shares count instances against the SLO's need
        out << strprintf("provisioning    under %.1f %% of the time, over %.1f %%\n",
                         100 * s.under_provisioned_share, 100 * s.over_provisioned_share);
    }
}

// The decision margins as text: one line per setting, both ends included.
void print_margins(std::ostream& out, const decision_margins& dm) {
    if (!dm.known) {
        out << "margins         none: a run has them when one target-tracking policy alone scales "
               "a real-time or asynchronous endpoint\n";
        return;
    }
    const auto line = [&](const char* name, decision_margins::range r, const std::string& unit) {
        const std::string high =
            std::isinf(r.high) ? "no limit" : io::detail::format_double(r.high) + unit;
        out << strprintf("                %-18s %s to %s\n", name,
                         (io::detail::format_double(r.low) + unit).c_str(), high.c_str());
    };
    out << "margins         the same run, bit for bit, for any settings within (ends included):\n";
    line("TargetValue", dm.target_value(), "");
    line("ScaleOutCooldown", dm.scale_out_cooldown_s(), " s");
    line("ScaleInCooldown", dm.scale_in_cooldown_s(), " s");
    line("MaxCapacity", dm.max_capacity(), "");
}

// margins.json: {"known": false} or each setting's [low, high], null for no upper limit.
std::string margins_json(const decision_margins& dm) {
    nlohmann::ordered_json j;
    j["known"] = dm.known;
    if (dm.known) {
        // (MaxCapacity's ends as integers)
        const auto pair = [](decision_margins::range r, bool count = false) {
            const auto value = [count](double v) {
                return count ? nlohmann::ordered_json(static_cast<long long>(v))
                             : nlohmann::ordered_json(v);
            };
            return nlohmann::ordered_json::array(
                {value(r.low), std::isinf(r.high) ? nlohmann::ordered_json() : value(r.high)});
        };
        j["target_value"] = pair(dm.target_value());
        j["scale_out_cooldown_s"] = pair(dm.scale_out_cooldown_s());
        j["scale_in_cooldown_s"] = pair(dm.scale_in_cooldown_s());
        j["max_capacity"] = pair(dm.max_capacity(), true);
    }
    return j.dump(2) + "\n";
}

void write_scenario_json(const io::scenario_file& sf, const std::string& path) {
    std::string text = sf.effective_json;
    if (text.empty() || text.back() != '\n') {
        text += '\n';
    }
    io::write_text_file_atomic(path, text);
}

// Several inference components on one endpoint's instances: the endpoint's figures, then each
// component's summary (its cost: its copies' share of the instances).
int run_components(const io::scenario_file& sf, const common_args& c, std::ostream& out,
                   std::ostream& err) {
    const std::string& report_path = c.report_path;
    const shared_result r = simulate_components(sf.components);
    const scenario& first = sf.components.front();
    const auto& ic = first.endpoint.inference_component;
    const double price = first.endpoint.type.price_per_hour;
    std::ostringstream text;
    text << strprintf(
        "endpoint        %zu inference components on %s instances (Min %d, Max %d, "
        "%s)\n",
        sf.components.size(), first.endpoint.type.name.c_str(), ic.min_instances, ic.max_instances,
        ic.scale_in == instance_scale_in::consolidation ? "CONSOLIDATION" : "IDLE_RELEASE");
    text << strprintf("cost            $%.2f (%.1f instance-hours, %.1f of them room no copy "
                      "took)\n",
                      r.cost_usd, r.instance_hours, r.unallocated_instance_hours);
    text << strprintf("instances       %d launched, peak %d; %d copies moved by consolidation\n",
                      r.instances_launched, r.peak_instances, r.moved_copies);
    text << strprintf("idle            %.1f instance-hours in service with no request to any "
                      "component ($%.2f)\n",
                      r.idle_instance_hours, r.idle_instance_hours * price);
    for (std::size_t i = 0; i < sf.components.size(); ++i) {
        text << "\n"
             << strprintf("component       %s (%zu of %zu): cost and idle hours are its copies' "
                          "share of the instances\n",
                          sf.component_names[i].c_str(), i + 1, sf.components.size());
        print_summary(text, sf.components[i], r.components[i], trace_name(sf, c),
                      i == 0 ? sf.trace_cut : std::string(),
                      i == 0 ? sf.notes : std::vector<std::string>());
    }
    if (!c.quiet) {
        out << text.str();
    }
    if (!report_path.empty()) {
        std::vector<std::string> figures;
        for (std::size_t i = 0; i < sf.components.size(); ++i) {
            if (r.components[i].steps.size() > 0) {
                const auto kind = sf.components[i].endpoint.kind;
                figures.push_back(timeline_svg(sf.components[i].traffic, r.components[i].steps,
                                               sf.component_names[i] + ": " +
                                                   policy_text(sf.components[i].scaling, kind),
                                               capacity_unit(kind)));
            }
        }
        // Every component's activities in time order, each cause named by its component.
        std::vector<activity> activities;
        for (std::size_t i = 0; i < sf.components.size(); ++i) {
            for (activity act : r.components[i].activities) {
                act.cause = sf.component_names[i] + ": " + act.cause;
                activities.push_back(std::move(act));
            }
        }
        std::stable_sort(
            activities.begin(), activities.end(),
            [](const activity& x, const activity& y) { return x.start_ms < y.start_ms; });
        io::write_text_file_atomic(report_path,
                                   html_report("autoscalesim simulate " + c.scenario_path,
                                               text.str(), figures, activities));
    }
    staged_output dir(c.out_dir, c.force, c.inputs);
    io::write_text_file_atomic(dir.file("summary.json"),
                               io::format_shared_summary_json(r, sf.component_names));
    for (std::size_t i = 0; i < sf.components.size(); ++i) {
        const std::string n = std::to_string(i);
        io::write_summary_json(r.components[i].totals, dir.file("summary-" + n + ".json"));
        io::write_timeline_csv(r.components[i].steps, dir.file("timeline-" + n + ".csv"));
        io::write_activities_csv(r.components[i].activities, dir.file("activities-" + n + ".csv"));
    }
    write_scenario_json(sf, dir.file("scenario.json"));
    dir.commit();
    if (!c.quiet) {
        err << strprintf("wrote           %s: summary.json (the endpoint's bill), summary-N.json, "
                         "timeline-N.csv, activities-N.csv (N: the component's index), "
                         "scenario.json\n",
                         dir.final_dir().string().c_str());
    }
    return exit_ok;
}

// SIGINT (Ctrl-C) and SIGTERM (what a scheduler or `timeout` sends) set the search's cancel flag,
// so the policies evaluated so far are written; a second one gets the default behaviour (the
// handler restores it), so a user is never stuck.
std::atomic<int>& stop_signal() {
    static std::atomic<int> sig{0};
    return sig;
}

extern "C" void on_stop_signal(int sig) {
    stop_signal().store(sig);
    interrupt_flag().store(true);
    std::signal(sig, SIG_DFL);
}

class stop_signal_guard {
public:
    stop_signal_guard()
        : int_(std::signal(SIGINT, on_stop_signal)), term_(std::signal(SIGTERM, on_stop_signal)) {}
    ~stop_signal_guard() {
        std::signal(SIGINT, int_ == SIG_ERR ? SIG_DFL : int_);
        std::signal(SIGTERM, term_ == SIG_ERR ? SIG_DFL : term_);
    }
    stop_signal_guard(const stop_signal_guard&) = delete;
    stop_signal_guard& operator=(const stop_signal_guard&) = delete;

private:
    using handler = void (*)(int);
    handler int_, term_;
};

std::string best_text(const optimize::progress& p, const std::vector<std::string>& objectives) {
    if (p.best.empty()) {
        return "none feasible yet";
    }
    std::string out = "best";
    for (std::size_t i = 0; i < p.best.size() && i < objectives.size(); ++i) {
        out += strprintf(" %s %.6g", objectives[i].c_str(), p.best[i]);
    }
    return out;
}

std::string number_cell(double v, std::size_t width) {
    return strprintf("%*.6g", static_cast<int>(width), v);
}

void print_search(std::ostream& out, const optimize::search_result& r,
                  const std::optional<optimize::evaluation>& best, bool grid, bool choosing) {
    out << strprintf("search          %zu policies evaluated, %zu feasible, %s\n", r.evaluated,
                     r.feasible, r.stop_reason_words().c_str());
    if (r.skipped > 0) {
        out << strprintf(
            "                %zu of the grid's %zu policies skipped: MinCapacity above "
            "MaxCapacity\n",
            r.skipped, r.space_size);
    }
    if (r.answered > 0 && grid) {
        out << strprintf("                %zu of them not simulated: an evaluated policy's outcome "
                         "tells theirs, and is theirs\n",
                         r.answered);
    } else if (r.answered > 0) {
        out << strprintf("                %zu more not run: an evaluated policy's outcome tells "
                         "theirs\n",
                         r.answered);
    }
    if (r.slice_evaluated > 0) {
        out << strprintf("                after %zu on the traffic's busiest slice\n",
                         r.slice_evaluated);
    }
    out << strprintf("front           %zu policies, hypervolume %.6g\n", r.front.size(),
                     r.hypervolume);
    if (!r.message.empty()) {
        out << "                " << r.message << "\n";
    }
    std::vector<std::string> columns = r.parameter_names;
    columns.insert(columns.end(), r.objective_names.begin(), r.objective_names.end());
    if (!r.front.empty()) {
        std::string header = "  index";
        for (const auto& c : columns) {
            header += "  " + strprintf("%*s", static_cast<int>(std::max<std::size_t>(c.size(), 10)),
                                       c.c_str());
        }
        out << header << "\n";
        for (const auto& e : r.front) {
            std::string row = strprintf("  %5zu", e.index);
            std::vector<double> values = e.parameters;
            values.insert(values.end(), e.objectives.begin(), e.objectives.end());
            for (std::size_t i = 0; i < columns.size() && i < values.size(); ++i) {
                row += "  " + number_cell(values[i], std::max<std::size_t>(columns[i].size(), 10));
            }
            out << row << "\n";
        }
    }
    if (!best) {
        // (feasible policies, none of which meets `choose`, the recommended policy's own)
        out << "recommended     none: no evaluated policy meets the constraints"
            << (choosing && r.feasible > 0 ? " and `choose`" : "") << "\n";
        return;
    }
    out << strprintf("recommended     %s (index %zu)\n",
                     parameters_text(r.parameter_names, best->parameters).c_str(), best->index);
    // (chosen by the cost with the plan when that is what the search minimised)
    const std::string plan =
        optimize::cost_field(r.objective_names) == "cost_usd"
            ? ""
            : strprintf(" ($%.2f with the Savings Plan)", best->field("cost_with_plan_usd"));
    out << strprintf(
        "                cost $%.2f%s, p99 %.3f s, SLO attainment %.4f, error rate %s\n",
        best->field("cost_usd"), plan.c_str(), best->field("p99_latency_s"),
        best->field("slo_attainment"), rate_text(best->field("error_rate")).c_str());
}

} // namespace

std::string request_mode_notice(const scenario& sc) {
    if (sc.mode != plane_mode::request) {
        return "";
    }
    const double requests = sc.traffic.stats().total;
    if (!(requests > 1e8)) {
        return "";
    }
    return strprintf("note: the request mode simulates the trace's %.3g requests one by one, some "
                     "millions a second, so this run takes a while; Ctrl-C stops it (the fluid "
                     "mode's time does not grow with the requests)\n",
                     requests);
}

int run_simulate(const parsed_args& a, std::ostream& out, std::ostream& err) {
    common_args c = common(a, "simulate");
    const io::scenario_file sf = read_checked(c);
    const std::string& report_path = c.report_path;
    if (!sf.components.empty()) {
        return run_components(sf, c, out, err);
    }
    const bool margins = a.has("--margins");
    if (!c.quiet) {
        err << request_mode_notice(sf.base) << std::flush;
    }
    const result r = simulate(sf.base, autoscalesim::simulate_options{.margins = margins});
    std::ostringstream text;
    print_summary(text, sf.base, r, trace_name(sf, c), sf.trace_cut, sf.notes);
    if (margins) {
        print_margins(text, r.margins);
    }
    if (!c.quiet) {
        out << text.str();
    }
    if (!report_path.empty()) {
        std::vector<std::string> figures;
        if (r.steps.size() > 0) {
            figures.push_back(timeline_svg(sf.base.traffic, r.steps,
                                           policy_text(sf.base.scaling, sf.base.endpoint.kind),
                                           capacity_unit(sf.base.endpoint.kind)));
        }
        io::write_text_file_atomic(report_path,
                                   html_report("autoscalesim simulate " + c.scenario_path,
                                               text.str(), figures, r.activities));
    }
    staged_output dir(c.out_dir, c.force, c.inputs);
    io::write_summary_json(r.totals, dir.file("summary.json"));
    io::write_timeline_csv(r.steps, dir.file("timeline.csv"));
    io::write_activities_csv(r.activities, dir.file("activities.csv"));
    write_scenario_json(sf, dir.file("scenario.json"));
    if (margins) {
        io::write_text_file_atomic(dir.file("margins.json"), margins_json(r.margins));
    }
    dir.commit();
    if (!c.quiet) {
        err << strprintf("wrote           %s: summary.json, timeline.csv, activities.csv, "
                         "scenario.json%s\n",
                         dir.final_dir().string().c_str(), margins ? ", margins.json" : "");
    }
    return exit_ok;
}

int run_optimize(const parsed_args& a, std::ostream& out, std::ostream& err, bool err_is_tty) {
    common_args c = common(a, "optimize");
    // Usage errors before the (possibly slow) trace read.
    const bool have_max_evaluations = a.values.count("--max-evaluations") != 0;
    const std::uint64_t max_evaluations = a.unsigned_value("--max-evaluations", 0);
    const bool have_max_seconds = a.values.count("--max-seconds") != 0;
    const double max_seconds = a.seconds_value("--max-seconds", 0);
    const bool have_threads = a.values.count("--threads") != 0;
    const std::uint64_t threads = a.unsigned_value("--threads", 0);
    if (threads > 4096) {
        throw usage_error("--threads: expected at most 4096, got " + std::to_string(threads));
    }
    const io::scenario_file sf = read_checked(c);
    const std::string& report_path = c.report_path;
    if (!sf.optimization) {
        throw config_error(c.scenario_path +
                           ": no \"optimize\" section; add one or use `autoscalesim simulate`");
    }
    const io::optimization_spec& spec = *sf.optimization;
    optimize::search_options options = spec.options;
    if (have_max_evaluations) {
        options.max_evaluations = static_cast<std::size_t>(max_evaluations);
    }
    if (have_max_seconds) {
        options.max_seconds = max_seconds;
    }
    if (have_threads) {
        options.threads = static_cast<unsigned>(threads);
    }
    options.cancel = &interrupt_flag();

    // Progress: a line rewritten in place on a terminal, a line every few seconds in a log.
    const double every_s = err_is_tty ? 0.25 : 5.0;
    double last_s = -every_s;
    bool progress_shown = false;
    if (!c.quiet) {
        options.on_progress = [&](const optimize::progress& p) {
            if (p.elapsed_s - last_s < every_s && p.evaluations < p.total) {
                return true;
            }
            last_s = p.elapsed_s;
            // Multi-fidelity's first stage: only its count on the slice means anything yet.
            const std::string line =
                p.evaluations == 0 && p.slice_evaluations > 0
                    ? strprintf("on the busiest slice: evaluated %zu, %.1f s", p.slice_evaluations,
                                p.elapsed_s)
                    : strprintf("evaluated %zu/%zu, feasible %zu, %s, %.1f s", p.evaluations,
                                p.total, p.feasible, best_text(p, spec.problem.objectives).c_str(),
                                p.elapsed_s);
            if (err_is_tty) {
                err << "\r" << line << "\x1b[K" << std::flush;
            } else {
                err << line << "\n" << std::flush;
            }
            progress_shown = true;
            return true;
        };
    }

    optimize::search_result r;
    {
        const stop_signal_guard guard;
        r = spec.method == io::search_method::grid
                ? optimize::grid_search(spec.problem, options)
                : optimize::adaptive_search(spec.problem, options);
    }
    if (progress_shown && err_is_tty) {
        err << "\n";
    }
    // Cleared at once so that a failed write below cannot leave the next run cancelled.
    const bool interrupted = interrupt_flag().exchange(false);
    const std::optional<optimize::evaluation> best = r.best(spec.choose);
    std::ostringstream text;
    text << strprintf("trace           %s: %s\n", trace_name(sf, c).c_str(),
                      window_text(sf.base.traffic).c_str());
    if (!sf.trace_cut.empty()) {
        text << "note            " << sf.trace_cut << "\n";
    }
    for (const auto& note : sf.notes) {
        text << "note            " << note << "\n";
    }
    for (const auto& caveat : sf.base.caveats()) {
        // An SLO out of the base scenario's reach may be within another searched instance
        // type's; the search's constraints say what is met.
        if (caveat.what == caveat::kind::slo) continue;
        text << "note            " << caveat.text << "\n";
    }
    // The recommended policy as a scenario of its own: run again when it has scheduled actions,
    // the one source of a run's notes (an action that failed), so that they are said.
    std::optional<scenario> chosen;
    if (best) {
        chosen = spec.problem.scenarios.front();
        spec.problem.space.apply(*chosen, best->parameters);
        chosen->record_timeline = sf.base.record_timeline;
        if (!chosen->scaling.scheduled.empty()) {
            scenario quiet = *chosen;
            quiet.record_timeline = false;
            for (const auto& note : simulate(quiet).notes) {
                text << "note            the recommended policy's run: " << note << "\n";
            }
        }
    }
    print_search(text, r, best, spec.method == io::search_method::grid, !spec.choose.empty());
    if (!c.quiet) {
        out << text.str();
    }
    if (!report_path.empty()) {
        // the p99 line: the search's constraint on p99_latency_s, if it has one
        double max_p99 = 0;
        for (const auto& k : spec.problem.constraints) {
            if (k.field == "p99_latency_s" && std::isfinite(k.max_value)) max_p99 = k.max_value;
        }
        io::write_text_file_atomic(
            report_path,
            html_report("autoscalesim optimize " + c.scenario_path, text.str(),
                        {pareto_svg(r, best, max_p99,
                                    strprintf("%zu policies evaluated, %zu feasible", r.evaluated,
                                              r.feasible),
                                    spec.problem.scenarios.size() == 1 ? "cost over the trace (USD)"
                                    : spec.problem.aggregate == optimize::aggregation::mean
                                        ? "cost over the trace, mean of the "
                                          "scenarios (USD)"
                                        : "cost over the trace, worst of the "
                                          "scenarios (USD)")},
                        {}));
    }
    // Partial results never replace complete ones: with --force and an existing DIR they go to
    // DIR.partial beside it (itself replaced).
    std::filesystem::path target = c.out_dir;
    std::error_code exists_ec;
    const bool keep_old = interrupted && c.force && std::filesystem::exists(target, exists_ec);
    if (keep_old) target += ".partial";
    staged_output dir(target, c.force, c.inputs);
    io::write_front_csv(r, dir.file("front.csv"));
    io::write_evaluations_csv(r, dir.file("evaluations.csv"));
    io::write_search_summary_json(r, best, dir.file("summary.json"));
    write_scenario_json(sf, dir.file("scenario.json"));
    if (chosen) {
        // the recommended policy as a scenario file `simulate` re-runs
        io::write_text_file_atomic(dir.file("recommended.json"),
                                   io::write_scenario_json(*chosen, sf.trace));
    }
    dir.commit();
    if (!c.quiet) {
        err << strprintf("wrote           %s: front.csv, evaluations.csv, summary.json, "
                         "scenario.json%s\n",
                         dir.final_dir().string().c_str(), best ? ", recommended.json" : "");
    }
    if (interrupted) {
        const bool term = stop_signal().exchange(0) == SIGTERM;
        err << strprintf("autoscalesim: %s: the search stopped after %zu policies; "
                         "partial results are in %s%s\n",
                         term ? "terminated (SIGTERM)" : "interrupted", r.evaluated,
                         dir.final_dir().string().c_str(),
                         keep_old ? (" (the earlier results in " + c.out_dir + " are kept)").c_str()
                                  : "");
        return term ? exit_terminated : exit_interrupted;
    }
    return exit_ok;
}

} // namespace autoscalesim::cli
