// Compare scaling policies on the bundled NASA-HTTP July 1995 trace (per minute): target
// tracking alone, step scaling, predictive scaling with target tracking, and a Kubernetes HPA, on
// the same SageMaker-like endpoint as the demo. Prints cost, latency and errors for each.
//
// usage: asim_compare_policies TRACE.csv
#include <autoscalesim/autoscalesim.hpp>
#include <autoscalesim/io/csv_trace.hpp>

#include <cstdio>
#include <exception>
#include <limits>
#include <string>
#include <vector>

namespace asim = autoscalesim;

// The endpoint: one model per ml.g4dn.xlarge instance, one request at a time, about a second each.
constexpr double price_per_hour = 0.736; // ml.g4dn.xlarge, us-east-1 on-demand
constexpr double service_time_s = 1.0;
constexpr double service_cv = 0.5;
constexpr double startup_median_s = 381; // measured P50 for a new g4dn.xlarge instance
constexpr double startup_sigma = 0.2;
constexpr int initial_capacity = 2;
constexpr int min_capacity = 1;
constexpr int max_capacity = 20;
constexpr double slo_latency_s = 5.0;
constexpr std::uint64_t seed = 42;
// Every policy aims at the same load per instance: SageMaker's sizing rule (1 request/s x safety
// 0.5 x 60 = 30 invocations per instance per minute), which is 50 % of a worker's time.
constexpr double target_invocations = 1.0 * 0.5 * 60;
constexpr double target_cpu_percent = 50;
constexpr double predictive_buffer_s = 600; // launch 10 min ahead: start-up is about 6.5 min

namespace {

asim::scenario base_scenario(const asim::trace& traffic) {
    asim::scenario sc;
    sc.traffic = traffic;
    sc.endpoint.type = {.name = "ml.g4dn.xlarge",
                        .price_per_hour = price_per_hour,
                        .workers = 1,
                        .service_time_s = service_time_s,
                        .service_cv = service_cv};
    sc.endpoint.initial_capacity = initial_capacity;
    sc.endpoint.startup = asim::startup_distribution::lognormal(startup_median_s, startup_sigma);
    sc.scaling.min_capacity = min_capacity;
    sc.scaling.max_capacity = max_capacity;
    sc.slo = {slo_latency_s, 0.99};
    sc.seed = seed;
    sc.record_timeline = false;
    return sc;
}

asim::target_tracking_config target_tracking() {
    asim::target_tracking_config tt;
    tt.name = "target-tracking";
    tt.target_value = target_invocations;
    return tt;
}

// Step scaling on the same metric: out in three steps above the target, in by one instance
// after 15 minutes below half of it.
std::vector<asim::step_scaling_config> step_scaling() {
    constexpr double inf = std::numeric_limits<double>::infinity();
    asim::step_scaling_config out;
    out.name = "step-out";
    out.threshold = target_invocations;
    out.steps = {{0, 15, 1}, {15, 45, 2}, {45, inf, 4}};
    asim::step_scaling_config in;
    in.name = "step-in";
    in.threshold = target_invocations / 2;
    in.alarm_comparison = asim::comparison::less;
    in.evaluation_periods = 15;
    in.datapoints_to_alarm = 15;
    in.steps = {{-inf, 0, -1}};
    return {out, in};
}

asim::predictive_config predictive(double buffer_s) {
    asim::predictive_config p;
    p.target_per_instance = target_invocations;
    p.scheduling_buffer_s = buffer_s;
    return p;
}

asim::hpa_config hpa() {
    asim::hpa_config h;
    h.metric = asim::metric_kind::cpu_utilization;
    h.target_value = target_cpu_percent;
    return h;
}

} // namespace

int main(int argc, char** argv) {
    if (argc != 2) {
        std::fprintf(stderr, "usage: %s TRACE.csv\n", argv[0]);
        return 2;
    }
    try {
        const asim::trace traffic = asim::io::read_csv_trace(argv[1]);
        struct run {
            std::string name;
            asim::scenario sc;
        };
        std::vector<run> runs;
        runs.push_back({"target tracking", base_scenario(traffic)});
        runs.back().sc.scaling.target_tracking = {target_tracking()};
        runs.push_back({"step scaling", base_scenario(traffic)});
        runs.back().sc.scaling.step_scaling = step_scaling();
        runs.push_back({"predictive + TT", base_scenario(traffic)});
        runs.back().sc.scaling.target_tracking = {target_tracking()};
        runs.back().sc.scaling.predictive = {predictive(0)};
        runs.push_back({"predictive 10 min early + TT", base_scenario(traffic)});
        runs.back().sc.scaling.target_tracking = {target_tracking()};
        runs.back().sc.scaling.predictive = {predictive(predictive_buffer_s)};
        runs.push_back({"Kubernetes HPA (CPU 50 %)", base_scenario(traffic)});
        runs.back().sc.scaling.hpa = {hpa()};

        const auto st = traffic.stats();
        std::printf("trace %s: %zu minutes, %.0f requests, peak %.2f req/s\n", argv[1],
                    st.intervals, st.total, st.peak_rate_per_s);
        std::printf("endpoint ml.g4dn.xlarge, 1 worker, service %.1f s, start-up ~%.0f s, "
                    "capacity [%d, %d]\n\n",
                    service_time_s, startup_median_s, min_capacity, max_capacity);
        std::printf("%-30s %9s %9s %9s %9s %11s %8s %7s\n", "policy", "cost $", "mean s", "p95 s",
                    "p99 s", "error rate", "SLO", "scales");
        std::vector<asim::summary> sums;
        for (const auto& r : runs) {
            const auto s = asim::simulate(r.sc).totals;
            sums.push_back(s);
            std::printf("%-30s %9.2f %9.3f %9.3f %9.3f %11.2e %8.5f %7d\n", r.name.c_str(),
                        s.cost_usd, s.mean_latency_s, s.p95_latency_s, s.p99_latency_s,
                        s.error_rate, s.slo_attainment, s.scale_out_count + s.scale_in_count);
        }
        const auto& tt = sums[0];
        for (std::size_t i : {std::size_t{2}, std::size_t{3}}) {
            const auto& p = sums[i];
            std::printf("\n%s against target tracking alone: p99 %+.3f s (%+.1f %%), mean %+.3f s, "
                        "requests over %g s %+.0f, cost %+.2f $\n",
                        runs[i].name.c_str(), p.p99_latency_s - tt.p99_latency_s,
                        100 * (p.p99_latency_s / tt.p99_latency_s - 1),
                        p.mean_latency_s - tt.mean_latency_s, slo_latency_s,
                        (p.slo_violation_share - tt.slo_violation_share) * p.requests,
                        p.cost_usd - tt.cost_usd);
        }
    } catch (const std::exception& e) {
        std::fprintf(stderr, "error: %s\n", e.what());
        return 1;
    }
    return 0;
}
