// The README's demo: replay the bundled NASA-HTTP July 1995 trace (per minute) through a
// SageMaker-like GPU endpoint with a target-tracking policy, print the summary and write the
// timeline and activities as CSV.
//
// usage: asim_demo TRACE.csv OUT_DIR
#include <autoscalesim/autoscalesim.hpp>
#include <autoscalesim/io/csv_trace.hpp>

#include <cstdio>
#include <exception>
#include <filesystem>
#include <string>

namespace asim = autoscalesim;

// The endpoint: one model per ml.g4dn.xlarge instance, one request at a time, about a second each.
constexpr double price_per_hour = 0.736; // ml.g4dn.xlarge, us-east-1 on-demand
constexpr double service_time_s = 1.0;
constexpr double service_cv = 0.5;
constexpr double startup_median_s = 381; // measured P50 for a new g4dn.xlarge instance
constexpr double startup_sigma = 0.2;
// The policy: SageMaker's sizing rule, target = max RPS per instance x safety 0.5 x 60.
constexpr double target_invocations = 1.0 * 0.5 * 60;
constexpr int min_capacity = 1;
constexpr int max_capacity = 20;
constexpr std::uint64_t seed = 42;

int main(int argc, char** argv) {
    if (argc != 3) {
        std::fprintf(stderr, "usage: %s TRACE.csv OUT_DIR\n", argv[0]);
        return 2;
    }
    try {
        asim::scenario sc;
        sc.traffic = asim::io::read_csv_trace(argv[1]);
        sc.endpoint.type = {.name = "ml.g4dn.xlarge",
                            .price_per_hour = price_per_hour,
                            .workers = 1,
                            .service_time_s = service_time_s,
                            .service_cv = service_cv};
        sc.endpoint.initial_capacity = 2;
        sc.endpoint.startup =
            asim::startup_distribution::lognormal(startup_median_s, startup_sigma);
        sc.scaling.min_capacity = min_capacity;
        sc.scaling.max_capacity = max_capacity;
        asim::target_tracking_config tt;
        tt.name = "invocations-target";
        tt.target_value = target_invocations;
        sc.scaling.target_tracking.push_back(tt);
        sc.slo = {5.0, 0.99};
        sc.seed = seed;

        const asim::result r = asim::simulate(sc);
        const auto& s = r.totals;
        const auto st = sc.traffic.stats();
        std::printf("trace           %s: %zu intervals of %g s, %.0f requests, peak %.2f req/s\n",
                    argv[1], st.intervals, asim::ms_to_seconds(sc.traffic.interval_ms()), st.total,
                    st.peak_rate_per_s);
        std::printf("policy          TargetValue %g InvocationsPerInstance, Min %d, Max %d\n",
                    target_invocations, min_capacity, max_capacity);
        std::printf("cost            $%.2f (%.1f instance-hours of %s)\n", s.cost_usd,
                    s.instance_hours, sc.endpoint.type.name.c_str());
        std::printf("latency         mean %.3f s, p50 %.3f s, p95 %.3f s, p99 %.3f s\n",
                    s.mean_latency_s, s.p50_latency_s, s.p95_latency_s, s.p99_latency_s);
        std::printf("SLO             %.4f of requests within %g s (target %g)\n", s.slo_attainment,
                    sc.slo.latency_s, sc.slo.target);
        std::printf("errors          %.0f of %.0f requests (rate %.2e)\n", s.errors, s.requests,
                    s.error_rate);
        std::printf(
            "scaling         %d scale-outs, %d scale-ins; mean %.2f and peak %d in service\n",
            s.scale_out_count, s.scale_in_count, s.mean_in_service, s.peak_in_service);
        std::printf("provisioning    under %.1f %% of the time, over %.1f %%\n",
                    100 * s.under_provisioned_share, 100 * s.over_provisioned_share);

        const std::filesystem::path out = argv[2];
        std::filesystem::create_directories(out);
        asim::io::write_timeline_csv(r.steps, (out / "timeline.csv").string());
        asim::io::write_activities_csv(r.activities, (out / "activities.csv").string());
        std::printf("wrote           %s and %s\n", (out / "timeline.csv").c_str(),
                    (out / "activities.csv").c_str());
    } catch (const std::exception& e) {
        std::fprintf(stderr, "error: %s\n", e.what());
        return 1;
    }
    return 0;
}
