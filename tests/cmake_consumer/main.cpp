// Uses an installed autoscalesim through find_package: simulates a generated day of traffic and a
// day of the bundled NASA trace read with autoscalesim::io, and checks the figures. Exits 1 if a
// check fails, 2 on a usage error.
//
// usage: asim_consumer traces/nasa_http_1995_07_per_minute.csv
#include <autoscalesim/autoscalesim.hpp>
#include <autoscalesim/io/csv_trace.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <exception>
#include <string>

namespace asim = autoscalesim;

constexpr double price_per_hour = 0.736;
constexpr int min_capacity = 1;
constexpr int max_capacity = 20;
constexpr double target_invocations = 30;
constexpr std::uint64_t seed = 7;
constexpr std::size_t minutes_per_day = 1440;
// The bundled trace as committed (traces/README.md): July 1995, one row per minute.
constexpr std::size_t nasa_intervals = 39692;
constexpr double nasa_requests = 1891672;
constexpr double nasa_first_day_requests = 64714;

namespace {

int failures = 0;
int checks = 0;

void check(bool ok, const std::string& what) {
    ++checks;
    if (!ok) {
        ++failures;
        std::fprintf(stderr, "FAILED: %s\n", what.c_str());
    }
}

bool close(double a, double b, double rel = 1e-9) {
    return std::abs(a - b) <= rel * std::max({1.0, std::abs(a), std::abs(b)});
}

asim::scenario make_scenario(const asim::trace& traffic) {
    asim::scenario sc;
    sc.traffic = traffic;
    sc.endpoint.type = {"ml.g4dn.xlarge", price_per_hour, 1, 1.0, 0.5};
    sc.endpoint.initial_capacity = 2;
    sc.endpoint.startup = asim::startup_distribution::lognormal(381, 0.2);
    sc.scaling.min_capacity = min_capacity;
    sc.scaling.max_capacity = max_capacity;
    asim::target_tracking_config tt;
    tt.target_value = target_invocations;
    sc.scaling.target_tracking.push_back(tt);
    sc.slo = {5.0, 0.99};
    sc.seed = seed;
    return sc;
}

// The invariants every run must satisfy, whatever the traffic.
void check_run(const std::string& name, const asim::scenario& sc) {
    const asim::result r = asim::simulate(sc);
    const asim::summary& s = r.totals;
    const double hours = asim::ms_to_seconds(sc.traffic.duration_ms()) / 3600;
    check(close(s.requests, sc.traffic.total()), name + ": requests equal the trace's total");
    check(close(s.served + s.errors + s.in_flight_at_end, s.requests, 1e-6),
          name + ": served + errors + in flight = requests");
    check(close(s.cost_usd, s.instance_hours * price_per_hour), name + ": cost = hours x price");
    check(s.instance_hours >= min_capacity * hours, name + ": at least MinCapacity billed");
    check(s.peak_in_service >= 1 && s.peak_in_service <= max_capacity,
          name + ": peak in service within [1, MaxCapacity]");
    check(s.slo_attainment > 0.5 && s.slo_attainment <= 1, name + ": SLO attainment plausible");
    check(close(s.slo_attainment + s.slo_violation_share, 1),
          name + ": attainment + violation = 1");
    check(s.p50_latency_s <= s.p95_latency_s && s.p95_latency_s <= s.p99_latency_s,
          name + ": p50 <= p95 <= p99");
    check(r.steps.size() == sc.traffic.size(), name + ": one timeline row per interval");
    check(s.scale_out_count > 0, name + ": the policy scaled out");

    const asim::summary again = asim::simulate(sc).totals;
    check(again.cost_usd == s.cost_usd && again.p99_latency_s == s.p99_latency_s,
          name + ": the same scenario gives the same bits");
    std::printf("%-10s %6zu min  %9.0f requests  $%8.2f  p99 %6.3f s  SLO %.5f\n", name.c_str(),
                sc.traffic.size(), s.requests, s.cost_usd, s.p99_latency_s, s.slo_attainment);
}

} // namespace

int main(int argc, char** argv) {
    if (argc != 2) {
        std::fprintf(stderr, "usage: %s NASA_TRACE.csv\n", argv[0]);
        return 2;
    }
    try {
        // A generated day: daily seasonality around 5 req/s with Poisson noise.
        asim::seasonal_options shape;
        shape.mean_rate_per_s = 5;
        shape.daily_amplitude = 0.6;
        const asim::trace expected = asim::generate_seasonal(shape, 60'000, minutes_per_day);
        const asim::trace generated = asim::add_noise(expected, {}, seed);
        check(generated.counts() == asim::add_noise(expected, {}, seed).counts(),
              "noise is reproducible from the seed");
        check(close(expected.total(), 5.0 * 86400, 1e-6), "the seasonal shape keeps its mean");
        check_run("generated", make_scenario(generated));

        // The CSV writer and reader round-trip bit for bit.
        const std::string csv = asim::io::format_csv_trace(generated);
        check(asim::io::parse_csv_trace(csv, {}).counts() == generated.counts(),
              "CSV round trip keeps every count");

        // Errors cross the library boundary as the library's own types.
        bool threw = false;
        try {
            asim::io::parse_csv_trace("timestamp,requests\nnot-a-time,1\n", {}, "bad.csv");
        } catch (const asim::trace_error& e) {
            threw = std::string(e.what()).find("bad.csv:2") != std::string::npos;
        }
        check(threw, "a bad row throws trace_error naming file:line");

        // The bundled trace through autoscalesim::io.
        const asim::trace nasa = asim::io::read_csv_trace(argv[1]);
        check(nasa.size() == nasa_intervals, "NASA trace: interval count");
        check(nasa.total() == nasa_requests, "NASA trace: total requests");
        check(nasa.interval_ms() == 60'000, "NASA trace: one-minute interval");
        check(asim::io::format_iso8601(nasa.start_epoch_ms()) == "1995-07-01T04:00:00Z",
              "NASA trace: start time");
        const asim::trace first_day = nasa.slice(0, minutes_per_day);
        check(first_day.total() == nasa_first_day_requests, "NASA trace: first day's requests");
        check_run("nasa day 1", make_scenario(first_day));
    } catch (const std::exception& e) {
        std::fprintf(stderr, "error: %s\n", e.what());
        return 1;
    }
    std::printf("%d of %d checks passed\n", checks - failures, checks);
    return failures == 0 ? 0 : 1;
}
