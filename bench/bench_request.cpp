// Request-mode speed: requests simulated per second on one core, against the same model on SimPy,
// and peak memory on a one-day trace at 2,000 requests/s.
//
//   bench_request [--quick] [--simpy PYTHON]
//
// --quick runs a tenth of each length (a smoke test: the compressed day then ramps faster than
// the policy can follow, so its latencies are an overload's) and skips the one-day run.
//
// --simpy runs bench/baselines/simpy_request.py with that interpreter (SimPy installed, see
// bench/requirements.txt) on the fixed-fleet model and prints the speed ratio.

#include <autoscalesim/autoscalesim.hpp>

#include <sys/resource.h>
#include <time.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

using namespace autoscalesim;

namespace {

constexpr int workers = 4;
constexpr double mean_service_s = 0.05; // 80 req/s per instance at full load
constexpr double service_cv = 1.0;
constexpr double price_per_hour = 0.204;
constexpr double pi = 3.14159265358979323846;

long peak_rss_kb() {
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return u.ru_maxrss;
}

endpoint_config endpoint(routing r) {
    endpoint_config e;
    e.type = {.name = "ml.c5.xlarge",
              .price_per_hour = price_per_hour,
              .workers = workers,
              .service_time_s = mean_service_s,
              .service_cv = service_cv};
    e.type.service = service_family::lognormal;
    e.startup = startup_distribution::fixed(300);
    e.routing_policy = r;
    return e;
}

// Fixed fleet, constant Poisson rate: the model the SimPy baseline implements.
scenario fixed_fleet(double rate, int instances, double hours) {
    scenario sc;
    sc.traffic =
        trace(std::vector<double>(static_cast<std::size_t>(hours * 60), rate * 60), ms_per_minute);
    sc.endpoint = endpoint(routing::random);
    sc.endpoint.initial_capacity = instances;
    sc.scaling.min_capacity = sc.scaling.max_capacity = instances;
    sc.mode = plane_mode::request;
    return sc;
}

// A day-shaped load (500 -> 2,500 req/s and back) scaled by target tracking between 10 and 50
// instances at 60 % of an instance's capacity.
scenario realistic(routing r, double hours) {
    std::vector<double> counts;
    const auto n = static_cast<int>(hours * 60);
    for (int m = 0; m < n; ++m) {
        const double s = std::sin(pi * m / n);
        counts.push_back((500 + 2000 * s * s) * 60);
    }
    scenario sc;
    sc.traffic = trace(counts, ms_per_minute);
    sc.endpoint = endpoint(r);
    sc.endpoint.initial_capacity = 10;
    sc.scaling.min_capacity = 10;
    sc.scaling.max_capacity = 50;
    target_tracking_config tt;
    tt.target_value = 0.6 * workers / mean_service_s * 60;
    sc.scaling.target_tracking.push_back(tt);
    sc.slo.latency_s = 0.25;
    sc.mode = plane_mode::request;
    return sc;
}

double cpu_seconds() {
    timespec ts{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) + 1e-9 * static_cast<double>(ts.tv_nsec);
}

// Speed is requests per CPU second (per core); wall time is shown beside it because a shared
// machine stretches the wall clock.
struct timed {
    result res;
    double wall_s = 0;
    double cpu_s = 0;
    double per_s() const { return res.totals.requests / cpu_s; }
};

timed run(const scenario& sc) {
    const auto t0 = std::chrono::steady_clock::now();
    const double c0 = cpu_seconds();
    timed t{simulate(sc), 0, 0};
    t.cpu_s = cpu_seconds() - c0;
    t.wall_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    return t;
}

void row(const char* name, const timed& t) {
    std::printf("%-46s %11.0f %8.3f %8.3f %8.2f %8.4f %8.4f %8ld\n", name, t.res.totals.requests,
                t.wall_s, t.cpu_s, t.per_s() / 1e6, t.res.totals.mean_latency_s,
                t.res.totals.p99_latency_s, peak_rss_kb());
}

struct simpy_run {
    bool ok = false;
    double requests = 0, served = 0, errors = 0, mean_latency_s = 0, wall_s = 0, cpu_s = 0;
    long peak_rss_kb = 0;
};

simpy_run run_simpy(const std::string& python, double rate, int instances, double seconds) {
    char args[256];
    std::snprintf(args, sizeof args,
                  " %s/bench/baselines/simpy_request.py --rate %g --instances %d --seconds %g",
                  ASIM_SOURCE_DIR, rate, instances, seconds);
    std::string cmd = python;
    cmd += args;
    simpy_run r;
    FILE* p = popen(cmd.c_str(), "r");
    if (p == nullptr) {
        return r;
    }
    char line[512] = {};
    if (std::fgets(line, sizeof line, p) != nullptr) {
        r.ok = std::sscanf(line,
                           "requests=%lf served=%lf errors=%lf mean_latency_s=%lf wall_s=%lf "
                           "cpu_s=%lf peak_rss_kb=%ld",
                           &r.requests, &r.served, &r.errors, &r.mean_latency_s, &r.wall_s,
                           &r.cpu_s, &r.peak_rss_kb) == 7;
    }
    r.ok = pclose(p) == 0 && r.ok;
    return r;
}

} // namespace

int main(int argc, char** argv) {
    bool quick = false;
    std::string python;
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--quick") == 0) {
            quick = true;
        } else if (std::strcmp(argv[i], "--simpy") == 0 && i + 1 < argc) {
            python = argv[++i];
        } else {
            std::fprintf(stderr, "usage: %s [--quick] [--simpy PYTHON]\n", argv[0]);
            return 2;
        }
    }
    const double scale = quick ? 0.1 : 1.0;
    std::printf("request mode, one core: %d workers per instance, lognormal service %.3g s "
                "(cv %g)\n\n",
                workers, mean_service_s, service_cv);
    std::printf("%-46s %11s %8s %8s %8s %8s %8s %8s\n", "scenario", "requests", "wall_s", "cpu_s",
                "M req/s", "mean_s", "p99_s", "rss_kb");

    const double fixed_rate = 1500;
    const int fixed_instances = 25;
    const timed fixed = run(fixed_fleet(fixed_rate, fixed_instances, 1.0 * scale));
    const long rss_fixed = peak_rss_kb();
    row("fixed 25 instances, 1,500 req/s, random", fixed);
    row("day shape 10-50 instances, random (6 h)", run(realistic(routing::random, 6 * scale)));
    row("day shape 10-50 instances, least-outst. (6 h)",
        run(realistic(routing::least_outstanding, 6 * scale)));

    // Memory: one hour, then one day, at 2,000 req/s; the peak must not grow with the length.
    scenario hour = realistic(routing::random, 1);
    hour.traffic = trace(std::vector<double>(60, 2000.0 * 60), ms_per_minute);
    hour.endpoint.initial_capacity = 42; // about the 60 % target at 2,000 req/s
    const timed h = run(hour);
    const long rss_hour = peak_rss_kb();
    row("2,000 req/s, 1 hour", h);
    if (!quick) {
        scenario day = hour;
        day.traffic = trace(std::vector<double>(1440, 2000.0 * 60), ms_per_minute);
        const timed d = run(day);
        row("2,000 req/s, 24 hours", d);
        std::printf("\npeak RSS after 1 hour %ld kB, after 24 hours %ld kB (growth %ld kB for "
                    "%.0f M more requests)\n",
                    rss_hour, peak_rss_kb(), peak_rss_kb() - rss_hour,
                    (d.res.totals.requests - h.res.totals.requests) / 1e6);
    }

    if (!python.empty()) {
        const double seconds = quick ? 10 : 60;
        const simpy_run s = run_simpy(python, fixed_rate, fixed_instances, seconds);
        if (!s.ok) {
            std::printf("\nSimPy baseline failed (is simpy installed for %s?)\n", python.c_str());
            return 1;
        }
        const double simpy_per_s = s.requests / s.cpu_s;
        std::printf("\nSimPy, same fixed-fleet model, %.0f s simulated: %.0f requests in %.2f s "
                    "CPU (%.2f s wall) = %.3f M req/s, mean latency %.4f s (C++ %.4f s), peak RSS "
                    "%ld kB (C++ %ld kB after the fixed-fleet run)\n",
                    seconds, s.requests, s.cpu_s, s.wall_s, simpy_per_s / 1e6, s.mean_latency_s,
                    fixed.res.totals.mean_latency_s, s.peak_rss_kb, rss_fixed);
        std::printf("ratio C++ / SimPy: %.0fx\n", fixed.per_s() / simpy_per_s);
    }
    return 0;
}
