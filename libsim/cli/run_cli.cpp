#include "run_cli.hpp"

#include "arguments.hpp"
#include "commands.hpp"

#include "autoscalesim/errors.hpp"

#include <exception>
#include <iostream>

#ifdef _WIN32
#include <io.h>
#else
#include <unistd.h>
#endif

#ifndef ASIM_VERSION
#define ASIM_VERSION "unknown"
#endif

namespace autoscalesim::cli {

namespace {

constexpr const char* exit_codes_help = R"(exit codes:
  0    success
  1    bad input: a scenario or trace that cannot be read or is invalid (the message names the
       file, line or JSON path), an output folder or report that may not be written (it exists
       without --force, or holds or is something the user gave), a failed write
  2    usage: unknown command or option, missing or malformed argument
  3    calibrate: the endpoint's history does not follow the policy given (a mismatch)
  130  interrupted by Ctrl-C (optimize still writes the policies evaluated so far)
  143  stopped by SIGTERM, e.g. from a scheduler or `timeout` (optimize writes them too)
)";

constexpr const char* tool_help =
    R"(autoscalesim: replay traffic through a cloud endpoint and its autoscaling policies
(SageMaker target tracking, step scaling, scheduled, predictive, Kubernetes HPA), and search for
the cheapest policy that meets a latency objective.

usage: autoscalesim <command> [options]
       autoscalesim <command> --help

commands:
  simulate SCENARIO.json --out DIR   run the scenario once; print its summary and write
                                     summary.json, timeline.csv, activities.csv, scenario.json
  optimize SCENARIO.json --out DIR   search the policies of the file's "optimize" section; print
                                     the cost/latency Pareto front and the recommended policy
  recommend EXPORT... --instance-type NAME --p99 S --service-time S
                                     a target-tracking policy for this traffic: searched on the
                                     trace, checked on its held-out tail, written for the AWS CLI
  calibrate EXPORT... --activities FILE --policy-from FILE...
                                     replay the deployed policy on the observed traffic, measure
                                     it against the endpoint's scaling history and ModelLatency,
                                     fit start-up, service time and publish delay
  compare SCENARIO.json...           one trace through several deployments (a scenario file
                                     each, or a compare file listing them): cost per month with
                                     and without a Savings Plan, latency, errors, idle hours
  trace-stats TRACE...               interval, window, requests and rates of a traffic trace

options:
  -h, --help    show this help (or a command's help after the command)
  --version     print the version

example:
  autoscalesim trace-stats traces/nasa_http_1995_07_per_minute.csv
  autoscalesim simulate examples/scenarios/nasa_target_tracking.json --out results/nasa
  autoscalesim optimize examples/scenarios/nasa_optimize.json --out results/nasa-opt

docs/cli.md describes every option and output file.

)";

constexpr const char* simulate_help =
    R"(usage: autoscalesim simulate SCENARIO.json --out DIR [options]

Reads the scenario (trace, endpoint, scaling policies, SLO, seed), simulates it, prints the
summary and writes into DIR:
  summary.json    every summary figure (cost_usd, p99_latency_s, ...; null where undefined)
  timeline.csv    one row per trace interval (traffic, capacity, metric, queue, latency)
  activities.csv  one row per scaling activity
  scenario.json   the effective scenario with every default filled in: simulating it again
                  gives the same results bit for bit
  margins.json    with --margins: each setting's range within which the run repeats

options:
  --out DIR            output folder (required); must not exist, or be empty, unless --force
  --force              replace DIR if it holds autoscalesim's results and nothing else (only
                       once the new results are complete); a folder holding anything else
                       (a file autoscalesim did not write, an input, the current folder) is
                       refused even with --force
  --trace FILE         use this trace instead of the file's trace.file
  --trace-format F     csv, cloudwatch, json or access_log (default: the file's or its default)
  --seed N             replace the scenario's seed
  --policy-from F[,F]  replace the scaling with the one AWS describes: the JSON of aws
                       application-autoscaling describe-scalable-targets, describe-scaling-
                       policies, describe-scheduled-actions and aws cloudwatch describe-alarms
                       (docs/aws.md): what the policy deployed today does on this traffic
  --resource-id ID     which scalable target, when the files describe several
  --report FILE        also write one self-contained HTML page: the report, the timeline and
                       the scaling activities (an existing FILE is replaced only with --force
                       and only when it is an HTML report autoscalesim wrote; never an input)
  --margins            also print and write (margins.json) the decision margins: the ranges of
                       TargetValue, ScaleOutCooldown, ScaleInCooldown and MaxCapacity, ends
                       included, within which the run comes out the same bit for bit (a run
                       scaled by one target-tracking policy alone; else "known": false)
  --quiet              print nothing but errors
  -h, --help           show this help

DIR is written as DIR.tmp-<pid> beside it and renamed when every file is complete, so a failed
run never leaves a folder that looks complete; DIR/.autoscalesim-results lists the files written.
docs/cli.md ("The output folder") says what --force replaces and what it refuses.

example:
  autoscalesim simulate examples/scenarios/nasa_target_tracking.json --out results/nasa
  autoscalesim simulate results/nasa/scenario.json --out results/nasa-again   # same figures

)";

constexpr const char* compare_help =
    R"(usage: autoscalesim compare SCENARIO.json... [options]
       autoscalesim compare COMPARE.json [options]

Simulates each scenario file (one deployment each: a real-time endpoint, an inference component,
an asynchronous endpoint, other policies...) and prints one table: cost per month (the run's
rate over 30 days), with a Savings Plan when a discount is given (the commitment that minimises
each row's cost, sized on its own hourly profile), billed and idle instance-hours, p50 and p99
latency, error rate, wake-ups from zero, and whether it meets its SLO (p99 within the latency,
the share within it at least the target, and the error rate at most 0.01 or --max-error-rate).

A compare file names the deployments and may set one SLO, the error limit and the discount for
all:
  {"version": 1, "deployments": {"real-time": "a.json", "async": "b.json"},
   "discount": 0.3, "slo": {"latency_s": 900, "target": 0.95}, "max_error_rate": 0.01}
(scenario paths relative to it).

options:
  --trace FILE         give every deployment this trace instead of its own
  --trace-format F     csv, cloudwatch, json or access_log
  --seed N             replace every scenario's seed
  --discount D         a Machine Learning Savings Plan's discount in [0, 1) (replaces the file's)
  --max-error-rate R   the largest error rate that meets the SLO, in [0, 1] (default 0.01;
                       replaces the file's)
  --out DIR            also write DIR/comparison.csv and DIR/comparison.svg (must not
                       exist, or be empty, unless --force)
  --force              replace DIR if it holds autoscalesim's results and nothing else
  --quiet              print nothing but errors
  -h, --help           show this help

example:
  autoscalesim compare examples/scenarios/compare_deployments.json

)";

constexpr const char* optimize_help =
    R"(usage: autoscalesim optimize SCENARIO.json --out DIR [options]

Runs the search the file's "optimize" section describes (grid or adaptive, over MinCapacity,
MaxCapacity, TargetValue, cooldowns...), shows progress on stderr, prints the Pareto front and the
recommended policy (the cheapest feasible one under the section's "choose" constraints) and writes
into DIR:
  front.csv        the Pareto front: index, one column per parameter, objective_<name> per
                   objective, feasible, violation, then every summary figure
  evaluations.csv  every evaluated policy, same columns
  summary.json     evaluated, feasible, hypervolume, reference_point, stop_reason, recommended...
  scenario.json    the effective scenario with every default filled in
  recommended.json the recommended policy as a scenario file simulate runs (when there is one)

options:
  --out DIR               output folder (required); must not exist, or be empty, unless --force
  --force                 replace DIR if it holds autoscalesim's results and nothing else (only
                          once the new results are complete; as for simulate)
  --trace FILE            use this trace instead of the file's trace.file
  --trace-format F        csv, cloudwatch, json or access_log
  --seed N                replace the scenario's seed
  --policy-from F[,F]     replace the scaling with the one AWS describes (as for simulate)
  --resource-id ID        which scalable target of those files
  --report FILE           also write an HTML page: the report and every evaluated policy's
                          cost against p99, the front and the recommended one
  --max-evaluations N     stop after N policies (grid: a cap, 0 all; adaptive: the budget,
                          0 the default 200), as the file's optimize.max_evaluations
  --max-seconds S         stop after S seconds of wall time (0: no limit)
  --threads N             worker threads (0: all cores); results do not depend on it
  --quiet                 no progress and no report; errors only
  -h, --help              show this help

Ctrl-C (or SIGTERM) stops the search cleanly: the policies evaluated so far are written to DIR,
summary.json says "stop_reason": "cancelled", and the exit code is 130 (143 for SIGTERM).
Partial results never replace complete ones: with --force and an existing DIR they go to
DIR.partial and DIR is kept.

example:
  autoscalesim optimize examples/scenarios/nasa_optimize.json --out results/nasa-opt --threads 2

)";

constexpr const char* calibrate_help =
    R"(usage: autoscalesim calibrate EXPORT... --activities FILE[,FILE...]
                              --policy-from FILE[,FILE...] [options]

Replays the deployed policy (--policy-from: describe-scalable-targets and describe-scaling-policies
output, as for recommend) on the observed Invocations (EXPORT), compares the replay with what the
endpoint did (--activities: aws application-autoscaling describe-scaling-activities output;
--latency: a ModelLatency export), fits what the history identifies (the start-up time from the
scale-outs' durations, the service time and workers from ModelLatency and utilization against the
load per instance, the metric publish delay from the activities' start times), replays again
and reports both errors side by side. docs/calibrate.md has the method and the exports.

options:
  --activities FILE[,FILE...]  describe-scaling-activities output (pages may be appended)
  --policy-from FILE[,FILE...] the deployed scaling (describe-scalable-targets, -policies, ...)
  --resource-id ID             the variant, when the files describe several
  --latency FILE[,FILE...]     ModelLatency export (microseconds); --latency-stat picks the
                               statistic (default Average)
  --latency-p99 FILE[,...]     ModelLatency p99 export, compared where given
  --utilization FILE[,...]     CPUUtilization or GPUUtilization export; --utilization-scale is
                               the value of all workers busy (default 100: one GPU)
  --instance-type NAME         for the price (default ml.c5.xlarge); --price-per-hour overrides
  --workers N --service-time S --service-cv X --startup-s S --startup-sigma X
                               the endpoint as given before fitting (defaults 1, 1, 1, 360, 0)
  --initial-capacity N         instances at the window's start when no activity precedes it
                               (default MinCapacity)
  --max-workers N              the most workers tried (default 16)
  --resamples N                bootstrap resamples for the 90 % intervals, 20 to 100000
                               (default 100)
  --no-fit                     only replay and compare
  --seed N                     replay and bootstrap seed (default 1)
  --out DIR                    write report.txt, calibration.json (every figure),
                               scenario.json (the calibrated scenario), trace.csv,
                               comparison.csv and comparison.svg (observed, given and
                               calibrated instances and latency per interval),
                               observed_activities.csv, replay_activities.csv
  --report FILE                one self-contained HTML page: the report, the picture and the
                               observed activities
  --force, --quiet             as for simulate
  plus the trace reader options of recommend (--gaps, --max-gap-s, --statistic, --id, ...)

The exit code is 3 when the replay of the given policy disagrees with the history in a way no
fitted value explains (most activities unpaired, or pairs setting other counts): the deployed
policy is probably not the one given.

example:
  autoscalesim calibrate invocations.json --activities activities.json \
      --policy-from targets.json,policies.json --latency model-latency.json --out calibrated
)";

constexpr const char* recommend_help =
    R"(usage: autoscalesim recommend EXPORT... --instance-type NAME --p99 SECONDS
                              --service-time SECONDS [options]

Reads a CloudWatch export of the endpoint's Invocations (or any trace), picks a search space from
the trace and the instance's capacity (MinCapacity from the troughs, MaxCapacity from the peak
with headroom, TargetValue around the load one instance sustains within the p99), searches it on
the first part of the trace, and checks the cheapest policy meeting the SLO on the held-out rest,
beside AWS's rule of thumb (TargetValue = max RPS x 0.5 x 60) and the deployed policy.

endpoint:
  --instance-type NAME   e.g. ml.g5.xlarge; its price comes from the catalogue
  --price-per-hour P     the price (required for a type not in the catalogue)
  --service-time S       mean service time of one request, seconds (ModelLatency)
  --service-cv CV        its coefficient of variation (default 1)
  --workers W            requests one instance serves at once (default 1)
  --startup-s S          seconds from launch to in service (default 360)
  --startup-sigma G      lognormal start-up with median S and log-space sigma G (default 0:
                         fixed)
  --initial-capacity N   instances at the start (default 1)
the SLO and the search:
  --p99 S                the p99 latency the policy must meet (seconds)
  --max-error-rate R     and the error rate (default 0.001)
  --min-capacity L       levels searched, e.g. 1-4 or 1,2,3 (default: from the trace)
  --max-capacity L       e.g. 20 or 16,20,24 (default: from the peak)
  --target-value L       e.g. 10:60:5 (low:high:step) (default: from the instance's capacity)
  --test-fraction F      the trace's tail held out to check the choice (default 0.25)
  --budget N             most policies evaluated (default 200; a smaller space is searched whole)
  --slice-fraction F     first search the busiest share F of the tuning part, whose front seeds
                         the search on all of it (multi-fidelity; default 0: one stage)
  --seed N, --threads N  the search's seed; worker threads (results never depend on the threads)
the deployed policy and AWS:
  --policy-from F[,F]    the output of aws application-autoscaling describe-scalable-targets,
                         describe-scaling-policies (and describe-scheduled-actions,
                         aws cloudwatch describe-alarms): the policy deployed today, compared
  --resource-id ID       endpoint/NAME/variant/VARIANT, for the AWS files written
output:
  --out DIR              write front.csv, evaluations.csv, search.json, pareto.svg, and for the
                         recommended policy on the whole trace summary.json, timeline.csv,
                         timeline.svg, activities.csv,
                         trace.csv, scenario.json (autoscalesim simulate re-runs it) and aws/
                         (register-scalable-target.json, put-scaling-policy-*.json, apply.sh)
  --report FILE          also write one self-contained HTML page: the report, both figures and
                         the recommended run's scaling activities
  --force, --quiet       replace DIR (and FILE) when autoscalesim wrote it (as for simulate);
                         print nothing but errors
trace: the options of trace-stats (--gaps, --id, --period, --mixed-periods, --max-gap-s, ...);
CloudWatch gaps are read as zero traffic, a gap of more than 6 hours is refused (--max-gap-s).

example:
  python examples/aws/cloudwatch_export.py traces/nasa_http_1995_07_per_minute.csv nasa.json
  autoscalesim recommend nasa.json --instance-type ml.g4dn.xlarge --p99 5 --service-time 1 \
      --service-cv 0.5 --startup-s 381 --startup-sigma 0.2 --initial-capacity 2 --out rec

)";

constexpr const char* trace_stats_help = R"(usage: autoscalesim trace-stats TRACE... [options]

Prints a trace's interval, window (first and last timestamp), length, total requests, mean and
peak requests per second, peak-to-mean ratio and percentiles of the per-interval counts; for a
CloudWatch export also each file's period and the periods without a datapoint it filled.

options:
  --format F           csv, cloudwatch (aws cloudwatch get-metric-statistics/-data output),
                       json (autoscalesim trace JSON) or access_log; default: from the file
                       name (.csv, .json, .log/.txt)
  --gaps G             error, zero, hold or interpolate: missing intervals (default: zero for
                       CloudWatch, which writes no datapoint for a period without invocations;
                       error for CSV)
  --id ID              get-metric-data: the MetricDataResults Id to read
  --statistic S        get-metric-statistics: Sum (default) or SampleCount, the statistics
                       that count requests (another is refused)
  --metric NAME        the metric the export must be (its Label), default Invocations; an
                       export of another (ModelLatency) is refused; "" accepts any
  --period S           the period in seconds (default: inferred from the datapoints)
  --mixed-periods M    error (default) or spread: files of different periods (CloudWatch keeps
                       1-minute data 15 days, then 5-minute), spread evenly over the finest
  --max-gap-s S        refuse one gap longer than S seconds (default: no limit)
  --max-gap-ratio R    refuse one gap R times longer than the rest of the data (default 10;
                       0 allows it)
  --interval-s S       access logs: count requests per S seconds (default 60)
  --delimiter C        CSV: the field separator, one character (default ","; \t for a tab)
  -h, --help           show this help

Several TRACE files are read as one CloudWatch export (pages, or the older 5-minute and the
recent 1-minute part of a month).

example:
  autoscalesim trace-stats traces/nasa_http_1995_07_per_minute.csv
  autoscalesim trace-stats older-5min.json recent-1min.json --mixed-periods spread

)";

bool stderr_is_tty(const std::ostream& err) {
    if (&err != &std::cerr) {
        return false;
    }
#ifdef _WIN32
    return _isatty(_fileno(stderr)) != 0;
#else
    return ::isatty(STDERR_FILENO) != 0;
#endif
}

// The options simulate and optimize share.
const std::vector<option_spec>& scenario_options() {
    static const std::vector<option_spec> specs = {{"--out", true, folder_name},
                                                   {"--trace", true, file_name},
                                                   {"--trace-format", true},
                                                   {"--seed", true},
                                                   {"--policy-from", true, file_names},
                                                   {"--resource-id", true},
                                                   {"--report", true, file_name},
                                                   {"--force", false},
                                                   {"--quiet", false}};
    return specs;
}

} // namespace

const std::vector<option_spec>& simulate_options() {
    static const std::vector<option_spec> specs = [] {
        auto v = scenario_options();
        v.push_back({"--margins", false});
        return v;
    }();
    return specs;
}

const std::vector<option_spec>& optimize_options() {
    static const std::vector<option_spec> specs = [] {
        auto v = scenario_options();
        v.push_back({"--max-evaluations", true});
        v.push_back({"--max-seconds", true});
        v.push_back({"--threads", true});
        return v;
    }();
    return specs;
}

std::atomic<bool>& interrupt_flag() {
    static std::atomic<bool> flag{false};
    static_assert(std::atomic<bool>::is_always_lock_free, "set from a signal handler");
    return flag;
}

int run_cli(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
    const std::string usage_hint = "Try 'autoscalesim --help'.\n";
    if (args.empty()) {
        err << "autoscalesim: error: missing command\n" << usage_hint;
        return exit_usage;
    }
    const std::string& command = args[0];
    if (command == "-h" || command == "--help" || command == "help") {
        out << tool_help << exit_codes_help;
        return exit_ok;
    }
    if (command == "--version") {
        if (args.size() > 1) {
            err << "autoscalesim: error: --version takes nothing after it, got \"" << args[1]
                << "\"\n"
                << usage_hint;
            return exit_usage;
        }
        out << "autoscalesim " << ASIM_VERSION << "\n";
        return exit_ok;
    }
    try {
        if (command == "simulate") {
            const auto a = parse_args(args, 1, simulate_options(), "simulate");
            if (a.help) {
                out << simulate_help << exit_codes_help;
                return exit_ok;
            }
            return run_simulate(a, out, err);
        }
        if (command == "optimize") {
            const auto a = parse_args(args, 1, optimize_options(), "optimize");
            if (a.help) {
                out << optimize_help << exit_codes_help;
                return exit_ok;
            }
            return run_optimize(a, out, err, stderr_is_tty(err));
        }
        if (command == "recommend") {
            const auto a = parse_args(args, 1, recommend_options(), "recommend");
            if (a.help) {
                out << recommend_help << exit_codes_help;
                return exit_ok;
            }
            return run_recommend(a, out, err);
        }
        if (command == "calibrate") {
            const auto a = parse_args(args, 1, calibrate_options(), "calibrate");
            if (a.help) {
                out << calibrate_help << exit_codes_help;
                return exit_ok;
            }
            return run_calibrate(a, out, err);
        }
        if (command == "compare") {
            const auto a = parse_args(args, 1, compare_options(), "compare");
            if (a.help) {
                out << compare_help << exit_codes_help;
                return exit_ok;
            }
            return run_compare(a, out, err);
        }
        if (command == "trace-stats") {
            const auto a = parse_args(args, 1, trace_stats_options(), "trace-stats");
            if (a.help) {
                out << trace_stats_help << exit_codes_help;
                return exit_ok;
            }
            return run_trace_stats(a, out);
        }
        err << "autoscalesim: error: unknown command '" << command << "'\n" << usage_hint;
        return exit_usage;
    } catch (const usage_error& e) {
        err << "autoscalesim: error: " << e.what() << "\nTry 'autoscalesim " << command
            << " --help'.\n";
        return exit_usage;
    } catch (const std::exception& e) {
        // config_error, trace_error, io_error: their messages already name file, line or field.
        err << "autoscalesim: error: " << e.what() << "\n";
        return exit_bad_input;
    }
}

} // namespace autoscalesim::cli
