// Fluid-mode speed: a 30-day, one-minute trace (the bundled NASA-HTTP July 1995 trace tiled to
// 43,200 minutes and scaled x3 so the fleet moves between a few and about 40 instances).
// Prints ns per simulated step and ms per run, with and without the per-minute timeline.
//
// usage: bench_fluid TRACE.csv [REPEATS]
#include <autoscalesim/autoscalesim.hpp>
#include <autoscalesim/io/csv_trace.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <vector>

namespace asim = autoscalesim;

constexpr std::size_t minutes_30_days = 30 * 24 * 60;
constexpr double traffic_scale = 3.0;

asim::scenario bench_scenario(const asim::trace &base) {
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
    sc.endpoint.type = {"ml.g4dn.xlarge", 0.736, 1, 1.0, 0.5};
    sc.endpoint.initial_capacity = 4;
    sc.endpoint.startup = asim::startup_distribution::lognormal(381, 0.2);
    sc.scaling.min_capacity = 2;
    sc.scaling.max_capacity = 40;
    asim::target_tracking_config tt;
    tt.target_value = 30;
    sc.scaling.target_tracking.push_back(tt);
    sc.slo = {5.0, 0.99};
    sc.seed = 42;
    return sc;
}

double time_run_ms(const asim::scenario &sc, int repeats, asim::summary &out) {
    std::vector<double> ms;
    for (int i = 0; i < repeats; ++i) {
        const auto t0 = std::chrono::steady_clock::now();
        out = asim::simulate(sc).totals;
        const auto t1 = std::chrono::steady_clock::now();
        ms.push_back(std::chrono::duration<double, std::milli>(t1 - t0).count());
    }
    std::sort(ms.begin(), ms.end());
    return ms[ms.size() / 2];
}

int main(int argc, char **argv) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: %s TRACE.csv [REPEATS]\n", argv[0]);
        return 2;
    }
    const int repeats = argc > 2 ? std::atoi(argv[2]) : 21;
    auto sc = bench_scenario(asim::io::read_csv_trace(argv[1]));
    const double steps = static_cast<double>(sc.traffic.size());
    asim::summary s;
    std::printf("fluid mode, %zu one-minute steps (30 days), median of %d runs\n",
                sc.traffic.size(), repeats);
    std::printf("%-22s %12s %12s\n", "configuration", "ms/run", "ns/step");
    sc.record_timeline = false;
    const double summary_ms = time_run_ms(sc, repeats, s);
    std::printf("%-22s %12.3f %12.1f\n", "summary only", summary_ms, summary_ms * 1e6 / steps);
    sc.record_timeline = true;
    const double timeline_ms = time_run_ms(sc, repeats, s);
    std::printf("%-22s %12.3f %12.1f\n", "with timeline", timeline_ms, timeline_ms * 1e6 / steps);
    std::printf("run: cost $%.2f, p99 %.3f s, %d scale-outs, %d scale-ins, peak %d instances\n",
                s.cost_usd, s.p99_latency_s, s.scale_out_count, s.scale_in_count,
                s.peak_in_service);
    return 0;
}
