// Fluid-mode speed: a 30-day, one-minute trace (the bundled NASA-HTTP July 1995 trace tiled to
// 43,200 minutes and scaled x3 so the fleet moves between a few and about 40 instances).
// Prints ns per simulated step and ms per run, with and without the per-minute timeline, and
// how many queue states the fluid plane's tables computed exactly against the number of steps.
//
// usage: bench_fluid TRACE.csv [REPEATS] [--fixed-startup] [--summary-only] [--per-second]
//                    [--activities FILE]
//   --fixed-startup    every start-up takes the median, 381 s, instead of lognormal(381 s, 0.2)
//                      (the scenario of bench/baselines/simpy_fluid.py, which must match exactly)
//   --summary-only     skips the runs with the timeline (for profiling the summary-only runs)
//   --per-second       splits each minute evenly into 60 one-second intervals (2,592,000 steps)
//                      and prints the peak resident memory of the process after the runs
//   --activities FILE  writes the scaling activities of the last run as CSV
#include <autoscalesim/autoscalesim.hpp>
#include <autoscalesim/io/csv_trace.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <sys/resource.h>
#include <vector>

namespace asim = autoscalesim;

constexpr std::size_t minutes_30_days = 30 * 24 * 60;
constexpr double traffic_scale = 3.0;

constexpr double startup_median_s = 381;

asim::scenario bench_scenario(const asim::trace& base, bool fixed_startup) {
    std::vector<double> counts;
    counts.reserve(minutes_30_days);
    while (counts.size() < minutes_30_days) {
        for (double c : base.counts()) {
            if (counts.size() == minutes_30_days) break;
            counts.push_back(c * traffic_scale);
        }
    }
    asim::scenario sc;
    sc.traffic = asim::trace(std::move(counts), base.interval_ms(), base.start_epoch_ms());
    sc.endpoint.type = {.name = "ml.g4dn.xlarge",
                        .price_per_hour = 0.736,
                        .workers = 1,
                        .service_time_s = 1.0,
                        .service_cv = 0.5};
    sc.endpoint.initial_capacity = 4;
    sc.endpoint.startup = fixed_startup
                              ? asim::startup_distribution::fixed(startup_median_s)
                              : asim::startup_distribution::lognormal(startup_median_s, 0.2);
    sc.scaling.min_capacity = 2;
    sc.scaling.max_capacity = 40;
    asim::target_tracking_config tt;
    tt.target_value = 30;
    sc.scaling.target_tracking.push_back(tt);
    sc.slo = {5.0, 0.99};
    sc.seed = 42;
    return sc;
}

double time_run_ms(const asim::scenario& sc, int repeats, asim::result& out) {
    std::vector<double> ms;
    for (int i = 0; i < repeats; ++i) {
        out = asim::result{}; // one result alive at a time, for the peak memory
        const auto t0 = std::chrono::steady_clock::now();
        out = asim::simulate(sc);
        const auto t1 = std::chrono::steady_clock::now();
        ms.push_back(std::chrono::duration<double, std::milli>(t1 - t0).count());
    }
    std::sort(ms.begin(), ms.end());
    return ms[ms.size() / 2];
}

int main(int argc, char** argv) {
    const char* trace_path = nullptr;
    const char* activities_path = nullptr;
    int repeats = 21;
    bool fixed_startup = false;
    bool summary_only = false;
    bool per_second = false;
    int positional = 0;
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--fixed-startup") == 0) {
            fixed_startup = true;
        } else if (std::strcmp(argv[i], "--summary-only") == 0) {
            summary_only = true;
        } else if (std::strcmp(argv[i], "--per-second") == 0) {
            per_second = true;
        } else if (std::strcmp(argv[i], "--activities") == 0 && i + 1 < argc) {
            activities_path = argv[++i];
        } else if (argv[i][0] != '-' && positional == 0) {
            trace_path = argv[i];
            ++positional;
        } else if (argv[i][0] != '-' && positional == 1) {
            repeats = std::atoi(argv[i]);
            ++positional;
        } else {
            trace_path = nullptr;
            break;
        }
    }
    if (trace_path == nullptr || repeats < 1) {
        std::fprintf(stderr,
                     "usage: %s TRACE.csv [REPEATS] [--fixed-startup] [--summary-only] "
                     "[--per-second] [--activities FILE]\n",
                     argv[0]);
        return 2;
    }
    auto sc = bench_scenario(asim::io::read_csv_trace(trace_path), fixed_startup);
    if (per_second) {
        sc.traffic = sc.traffic.resampled(1000, std::vector<double>(60, 1.0));
    }
    const double steps = static_cast<double>(sc.traffic.size());
    asim::result r;
    std::printf("fluid mode, %zu %s steps (30 days), %s start-up %g s, median of %d runs\n",
                sc.traffic.size(), per_second ? "one-second" : "one-minute",
                fixed_startup ? "fixed" : "lognormal", startup_median_s, repeats);
    std::printf("%-22s %12s %12s\n", "configuration", "ms/run", "ns/step");
    sc.record_timeline = false;
    const double summary_ms = time_run_ms(sc, repeats, r);
    std::printf("%-22s %12.3f %12.1f\n", "summary only", summary_ms, summary_ms * 1e6 / steps);
    if (!summary_only) {
        sc.record_timeline = true;
        const double timeline_ms = time_run_ms(sc, repeats, r);
        std::printf("%-22s %12.3f %12.1f\n", "with timeline", timeline_ms,
                    timeline_ms * 1e6 / steps);
    }
    if (!summary_only) {
        // The plane alone, on the run's traffic and instances in service (the timeline's
        // time-weighted mean, rounded): the exact states its tables compute, against the steps.
        asim::fluid_plane plane(sc.endpoint);
        const double span_s = static_cast<double>(sc.traffic.interval_ms()) / 1000.0;
        for (std::size_t i = 0; i < sc.traffic.size(); ++i) {
            plane.advance(span_s, sc.traffic.counts()[i],
                          static_cast<int>(std::lround(r.steps.in_service[i])));
        }
        std::printf("queue states computed exactly: %zu over %zu steps\n", plane.states_computed(),
                    sc.traffic.size());
    }
    const auto& s = r.totals;
    std::printf("run: cost $%.2f, p99 %.3f s, %d scale-outs, %d scale-ins, peak %d instances\n",
                s.cost_usd, s.p99_latency_s, s.scale_out_count, s.scale_in_count,
                s.peak_in_service);
    // Full precision, one field per key, for bench/run_fluid_bench.py.
    std::printf("summary:");
    for (const auto& f : asim::summary_fields()) {
        std::printf(" %s=%.17g", f.c_str(), asim::summary_value(s, f));
    }
    std::printf("\n");
    if (per_second) {
        rusage usage{};
        getrusage(RUSAGE_SELF, &usage);
        const double kib = static_cast<double>(usage.ru_maxrss);
        std::printf("peak resident memory %.1f MB (%.1f MiB)\n", kib * 1024 / 1e6, kib / 1024);
    }
    if (activities_path != nullptr) {
        asim::io::write_activities_csv(r.activities, activities_path);
    }
    return 0;
}
