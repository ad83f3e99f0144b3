// Capacity planner: what will the endpoint cost per month if traffic grows, and which scaling
// policy still meets the latency SLO? Replays a traffic forecast (a CSV trace of requests per
// interval) scaled by each growth factor through each candidate policy, and prints the monthly
// cost and SLO attainment of every pair, then the cheapest candidate that meets the SLO at each
// growth factor.
//
// usage: asim_capacity_planner [TRACE.csv]   (default: the bundled NASA-HTTP July 1995 trace)
#include <autoscalesim/autoscalesim.hpp>
#include <autoscalesim/io/csv_trace.hpp>

#include <cstdint>
#include <cstdio>
#include <exception>
#include <filesystem>
#include <string>
#include <vector>

namespace asim = autoscalesim;

// The endpoint: one model per ml.g4dn.xlarge instance, one request at a time, about a second each.
constexpr double price_per_hour = 0.736; // ml.g4dn.xlarge, us-east-1 on-demand
constexpr int workers = 1;
constexpr double service_time_s = 1.0;
constexpr double service_cv = 0.5;
constexpr double startup_median_s = 381; // measured P50 for a new g4dn.xlarge instance
constexpr double startup_sigma = 0.2;
constexpr int max_capacity = 30;
// The objective: 99 % of requests served within 5 s (timeouts and errors count as misses).
constexpr double slo_latency_s = 5.0;
constexpr double slo_target = 0.99;
// Costs are reported per 30-day month, whatever the length of the forecast.
constexpr double month_days = 30;
constexpr std::uint64_t seed = 42;

// Traffic growth to plan for: today's forecast, +30 %, +60 %.
const std::vector<double> growth_factors = {1.0, 1.3, 1.6};

/// A candidate: a target-tracking policy on InvocationsPerInstance and its MinCapacity.
struct candidate {
    double target_invocations; ///< TargetValue, invocations per instance per minute
    int min_capacity;          ///< MinCapacity
};

// SageMaker's sizing rule gives 30 (1 request/s x safety 0.5 x 60); lower targets leave headroom
// for the ~6 minutes a new instance takes, a higher MinCapacity a floor for sudden bursts.
const std::vector<candidate> candidates = {
    {15, 1}, {20, 1}, {30, 1}, {20, 2}, {30, 4}, {30, 6},
};

namespace {

asim::scenario make_scenario(const asim::trace& traffic, const candidate& c) {
    asim::scenario sc;
    sc.traffic = traffic;
    sc.endpoint.type = {.name = "ml.g4dn.xlarge",
                        .price_per_hour = price_per_hour,
                        .workers = workers,
                        .service_time_s = service_time_s,
                        .service_cv = service_cv};
    sc.endpoint.initial_capacity = c.min_capacity;
    sc.endpoint.startup = asim::startup_distribution::lognormal(startup_median_s, startup_sigma);
    sc.scaling.min_capacity = c.min_capacity;
    sc.scaling.max_capacity = max_capacity;
    asim::target_tracking_config tt;
    tt.target_value = c.target_invocations;
    sc.scaling.target_tracking.push_back(tt);
    sc.slo = {slo_latency_s, slo_target};
    sc.seed = seed;
    sc.record_timeline = false;
    return sc;
}

std::string describe(const candidate& c) {
    char text[64];
    std::snprintf(text, sizeof text, "target %g, min %d", c.target_invocations, c.min_capacity);
    return text;
}

} // namespace

int main(int argc, char** argv) {
    if (argc > 2) {
        std::fprintf(stderr, "usage: %s [TRACE.csv]\n", argv[0]);
        return 2;
    }
    const std::string path = argc == 2 ? argv[1] : ASIM_DEFAULT_TRACE;
    try {
        const asim::trace forecast = asim::io::read_csv_trace(path);
        const auto st = forecast.stats();
        const double days = asim::ms_to_seconds(forecast.duration_ms()) / 86400;
        const double per_month = month_days / days;
        std::printf("forecast  %s: %.1f days of %g-s counts, %.0f requests, peak %.2f req/s\n",
                    std::filesystem::path(path).filename().string().c_str(), days,
                    asim::ms_to_seconds(forecast.interval_ms()), st.total, st.peak_rate_per_s);
        std::printf("endpoint  ml.g4dn.xlarge at $%.3f/h, %d worker, service %.1f s (cv %.1f), "
                    "start-up ~%.0f s, MaxCapacity %d\n",
                    price_per_hour, workers, service_time_s, service_cv, startup_median_s,
                    max_capacity);
        std::printf("SLO       %.0f %% of requests within %g s; costs per %g-day month\n\n",
                    100 * slo_target, slo_latency_s, month_days);

        std::printf("%-6s  %-17s  %10s  %9s  %9s  %8s  %7s  %5s\n", "growth", "policy", "$/month",
                    "inst-h/mo", "mean inst", "SLO", "p99 s", "meets");
        struct best {
            double growth;
            std::string policy;
            double cost_per_month;
        };
        std::vector<best> cheapest;
        for (double growth : growth_factors) {
            if (growth != growth_factors.front()) {
                std::printf("\n");
            }
            const asim::trace traffic = forecast.scaled(growth);
            best b{growth, "", 0};
            for (const candidate& c : candidates) {
                const asim::summary s = asim::simulate(make_scenario(traffic, c)).totals;
                const bool meets = s.slo_attainment >= slo_target;
                const double cost = s.cost_usd * per_month;
                std::printf("%5.1fx  %-17s  %10.2f  %9.1f  %9.2f  %8.5f  %7.3f  %5s\n", growth,
                            describe(c).c_str(), cost, s.instance_hours * per_month,
                            s.mean_in_service, s.slo_attainment, s.p99_latency_s,
                            meets ? "yes" : "no");
                if (meets && (b.policy.empty() || cost < b.cost_per_month)) {
                    b = {growth, describe(c), cost};
                }
            }
            cheapest.push_back(b);
        }
        std::printf("\ncheapest policy that meets the SLO:\n");
        for (const best& b : cheapest) {
            if (b.policy.empty()) {
                std::printf("  %.1fx  none of the candidates\n", b.growth);
            } else {
                std::printf("  %.1fx  %-17s  $%.2f/month\n", b.growth, b.policy.c_str(),
                            b.cost_per_month);
            }
        }
    } catch (const std::exception& e) {
        std::fprintf(stderr, "error: %s\n", e.what());
        return 1;
    }
    return 0;
}
