// `autoscalesim calibrate`: the endpoint's own history in (Invocations,
// describe-scaling-activities, the deployed policy, ModelLatency and utilization exports), the
// replay's error before and after fitting and a calibrated scenario out.
#include "commands.hpp"
#include "html_report.hpp"
#include "output_dir.hpp"
#include "run_cli.hpp"
#include "svg_chart.hpp"
#include "trace_input.hpp"

#include "autoscalesim/calibrate.hpp"
#include "autoscalesim/describe.hpp"
#include "autoscalesim/errors.hpp"
#include "autoscalesim/instance_catalog.hpp"
#include "autoscalesim/io/aws_activities.hpp"
#include "autoscalesim/io/aws_policy.hpp"
#include "autoscalesim/io/calibration_report.hpp"
#include "autoscalesim/io/cloudwatch.hpp"
#include "autoscalesim/io/csv_trace.hpp"
#include "autoscalesim/io/results.hpp"
#include "autoscalesim/io/scenario_file.hpp"

#include <nlohmann/json.hpp>

#include <cmath>
#include <sstream>

namespace autoscalesim::cli {

const std::vector<option_spec>& calibrate_options() {
    static const std::vector<option_spec> specs = [] {
        std::vector<option_spec> s = trace_input_options();
        for (const char* name :
             {"--resource-id", "--latency-stat", "--utilization-scale", "--instance-type",
              "--price-per-hour", "--workers", "--service-time", "--service-cv", "--startup-s",
              "--startup-sigma", "--initial-capacity", "--max-workers", "--resamples", "--seed"}) {
            s.push_back({name, true});
        }
        for (const char* name :
             {"--activities", "--policy-from", "--latency", "--latency-p99", "--utilization"}) {
            s.push_back({name, true, file_names});
        }
        s.push_back({"--out", true, folder_name});
        s.push_back({"--report", true, file_name});
        s.push_back({"--no-fit", false});
        s.push_back({"--force", false});
        s.push_back({"--quiet", false});
        return s;
    }();
    return specs;
}

namespace {

// A metric export as one value per trace interval, times scale.
std::vector<double> metric(const parsed_args& a, const std::string& option,
                           const std::string& statistic, const trace& t, double scale,
                           const std::string& metric_name = {}, const std::string& unit = {}) {
    const std::string files = a.value(option);
    if (files.empty()) return {};
    io::cloudwatch_options o;
    o.statistic = statistic;
    o.metric = metric_name; // (named in a unit's error only: the series reader takes any Label)
    o.unit = unit;
    const auto s = io::read_cloudwatch_series(split_commas(files), o);
    auto v = calibration::per_interval(s.epoch_ms, s.values, t, scale);
    std::size_t present = 0;
    for (const double x : v)
        present += std::isfinite(x) ? 1 : 0;
    if (present == 0) {
        throw usage_error(option + ": no datapoint of " + files + " falls in the trace's window (" +
                          window_text(t) + ")");
    }
    return v;
}

} // namespace

int run_calibrate(const parsed_args& a, std::ostream& out, std::ostream& err) {
    if (a.positional.empty()) {
        throw usage_error("calibrate: missing EXPORT (the variant's Invocations: a CloudWatch "
                          "export, or a trace)");
    }
    if (a.value("--activities").empty()) {
        throw usage_error("calibrate: missing --activities FILE (aws application-autoscaling "
                          "describe-scaling-activities --service-namespace sagemaker ...)");
    }
    if (a.value("--policy-from").empty()) {
        throw usage_error("calibrate: missing --policy-from FILE[,FILE...] (the deployed "
                          "policy: describe-scalable-targets and describe-scaling-policies)");
    }
    const std::string out_dir = a.value("--out");
    const bool force = a.has("--force");
    const bool quiet = a.has("--quiet");
    const run_inputs inputs = input_files(
        a, {"--activities", "--policy-from", "--latency", "--latency-p99", "--utilization"});
    if (!out_dir.empty()) check_output_dir(out_dir, force, inputs);
    const std::string report_path = a.value("--report");
    check_report_path(report_path, force, inputs, out_dir);

    const trace_input in = read_trace_input(a.positional, a, 6 * 3600);
    const io::aws_scaling deployed = read_deployed_variant(a);
    const io::aws_activities listed =
        io::read_aws_activities(split_commas(a.value("--activities")), deployed.resource_id);

    scenario sc;
    sc.traffic = in.traffic;
    sc.scaling = deployed.scaling;
    instance_type& it = sc.endpoint.type;
    it.name = a.value("--instance-type", "ml.c5.xlarge");
    it.price_per_hour = instance_price(a, it.name);
    it.workers = static_cast<int>(a.whole_in("--workers", 1, 1, 10'000));
    it.service_time_s = a.positive_value("--service-time", 1, request_time_limit_s);
    it.service_cv = a.number_in("--service-cv", 1, 0, 10);
    const double startup_s = a.positive_value("--startup-s", 360);
    const double sigma = a.number_in("--startup-sigma", 0, 0, 3);
    sc.endpoint.startup = sigma > 0 ? startup_distribution::lognormal(startup_s, sigma)
                                    : startup_distribution::fixed(startup_s);
    sc.seed = a.unsigned_value("--seed", 1);
    const int initial = static_cast<int>(a.whole_in(
        "--initial-capacity", static_cast<std::uint64_t>(sc.scaling.min_capacity), 0, 1'000'000));
    sc.endpoint.initial_capacity = initial;

    const trace& t = in.traffic;
    const io::observed_scaling observed = io::successful_activities(
        listed, t.start_epoch_ms(), t.start_epoch_ms() + t.duration_ms(), initial);
    calibration::observed obs;
    obs.activities = observed.activities;
    obs.initial_capacity = observed.initial_capacity;
    // (ModelLatency is published in microseconds: an export in another unit is refused)
    obs.latency_s = metric(a, "--latency", a.value("--latency-stat", "Average"), t, 1e-6,
                           "ModelLatency", "Microseconds");
    obs.p99_latency_s = metric(a, "--latency-p99", "p99", t, 1e-6, "ModelLatency", "Microseconds");
    const double util_scale = a.positive_value("--utilization-scale", 100);
    obs.utilization = metric(a, "--utilization", "Average", t, 1 / util_scale);

    calibration::calibrate_options o;
    o.max_workers = static_cast<int>(a.whole_in("--max-workers", 16, 1, 1000));
    // The intervals are the 5th and 95th percentiles of the resamples' fits: with a handful, both
    // ends are one resample's fit, which can miss the estimate.
    o.resamples = static_cast<int>(a.whole_in("--resamples", 100, 20, 100'000));
    if (a.has("--no-fit")) o.fit_startup = o.fit_service = o.fit_delay = false;
    const auto c = calibration::calibrate(sc, obs, o);

    std::ostringstream text;
    text << strprintf("trace           %s (%s): %s\n", in.names.c_str(), in.format.c_str(),
                      window_text(t).c_str());
    for (const auto& note : in.notes)
        text << "                " << note << "\n";
    text << strprintf("history         %zu activities of %s listed, %zu successful in the "
                      "window; %d instance(s) at its start\n",
                      listed.listed.size(), listed.resource_id.c_str(), obs.activities.size(),
                      obs.initial_capacity);
    text << "replay          the deployed policy on the observed Invocations\n";
    for (const auto& note : deployed.notes)
        text << "note            " << note << "\n";
    text << io::calibration_table(c);
    if (!quiet) out << text.str();
    const std::vector<double> no_latency;
    const auto as_double = [](const std::vector<float>& v) {
        return std::vector<double>(v.begin(), v.end());
    };
    const auto given_latency = as_double(c.before_run.steps.mean_latency_s);
    const auto calibrated_latency = as_double(c.after_run.steps.mean_latency_s);
    const std::string picture = comparison_svg(
        t,
        {{&c.after.observed_capacity, "#000000", "observed"},
         {&c.before.simulated_capacity, "#ff7f0e", "replay, as given"},
         {&c.after.simulated_capacity, "#2ca02c", "replay, calibrated"}},
        {{obs.latency_s.empty() ? &no_latency : &obs.latency_s, "#000000", "observed ModelLatency"},
         {&given_latency, "#ff7f0e", "replay, as given"},
         {&calibrated_latency, "#2ca02c", "replay, calibrated"}},
        "observed and replayed: " + listed.resource_id);
    if (!report_path.empty()) {
        io::write_text_file_atomic(report_path, html_report("autoscalesim calibrate " + in.names,
                                                            text.str(), {picture}, obs.activities));
    }
    if (out_dir.empty()) return c.policy_mismatch ? exit_policy_mismatch : exit_ok;

    staged_output dir(out_dir, force, inputs);
    io::write_text_file_atomic(dir.file("report.txt"), text.str());
    io::write_text_file_atomic(dir.file("calibration.json"), io::calibration_json(c));
    io::write_text_file_atomic(dir.file("comparison.svg"), picture);
    io::write_csv_trace(t, dir.file("trace.csv"));
    io::write_text_file_atomic(
        dir.file("scenario.json"),
        io::write_scenario_json(c.calibrated, io::trace_spec{.file = "trace.csv"}));
    io::write_activities_csv(c.after_run.activities, dir.file("replay_activities.csv"));
    io::write_activities_csv(obs.activities, dir.file("observed_activities.csv"));
    {
        std::string csv = "time_s,observed_instances,given_instances,calibrated_instances,"
                          "observed_latency_s,given_latency_s,calibrated_latency_s\n";
        for (std::size_t k = 0; k < t.size(); ++k) {
            const auto cell = [](double v) { return std::isfinite(v) ? strprintf("%.9g", v) : ""; };
            csv += strprintf("%.9g,", ms_to_seconds(static_cast<time_ms>(k) * t.interval_ms())) +
                   cell(c.after.observed_capacity[k]) + "," + cell(c.before.simulated_capacity[k]) +
                   "," + cell(c.after.simulated_capacity[k]) + "," +
                   cell(obs.latency_s.empty() ? NAN : obs.latency_s[k]) + "," +
                   cell(given_latency[k]) + "," + cell(calibrated_latency[k]) + "\n";
        }
        io::write_text_file_atomic(dir.file("comparison.csv"), csv);
    }
    dir.commit();
    if (!quiet) {
        err << "wrote           " << dir.final_dir().string()
            << ": report.txt, calibration.json, scenario.json (calibrated), trace.csv, "
               "comparison.csv, comparison.svg, observed_activities.csv, "
               "replay_activities.csv\n";
    }
    return c.policy_mismatch ? exit_policy_mismatch : exit_ok;
}

} // namespace autoscalesim::cli
