// Optimizer benchmark: policies per second (1 thread and all cores), the exhaustive grid's wall
// time, and the adaptive search's hypervolume against the exhaustive front at budgets 50, 100,
// 200 and 500 over 5 seeds, with one stage and with multi-fidelity (a first stage on the
// busiest quarter of the trace) at the same cost, and at 100 where the hypervolume still missing
// lies along the cost axis. Writes the grid's evaluations to CSV for
// bench/baselines/optuna_baseline.py, which runs Optuna on the same table and prints the
// comparison. Figures are printed, never asserted.
//
// usage: bench_optimize TRACE.csv OUT_DIR [GRID_DAYS] [--grid-csv FILE [--slice-grid-csv FILE
//        [--slice-cost C]]] [--seeds N] [--simulate-search | --simulate-search-plain]
//   --grid-csv FILE  takes the grid's evaluations from an earlier run's optimize_grid.csv (same
//                    trace and days) instead of simulating them, and skips the speed figures: a
//                    change to the search is measured in seconds
//   --slice-grid-csv FILE  with --grid-csv: the slice's grid (optimize_slice_grid.csv) for the
//                    multi-fidelity rows; --slice-cost C its evaluation's cost (default 0.33)
//   --seeds N        the adaptive search's seeds per budget (default 5, as the Optuna baseline)
//   --simulate-search  the searches simulate each policy rather than look it up in the grid (the
//                    same outcomes, slower): a lookup, like any batch evaluator, gives no
//                    decision margins (result::margins), so the policies they answer for are
//                    simulated
//   --simulate-search-plain  the same through a batch evaluator that simulates each policy (as
//                    a cluster does): no margins, the baseline for them
#include <autoscalesim/autoscalesim.hpp>
#include <autoscalesim/io/csv_trace.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <exception>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

namespace asim = autoscalesim;
namespace opt = autoscalesim::optimize;

// The endpoint of the demo: one request at a time per ml.g4dn.xlarge, about a second each.
constexpr double price_per_hour = 0.736;
constexpr double service_time_s = 1.0;
constexpr double service_cv = 0.5;
constexpr double startup_median_s = 381;
constexpr double startup_sigma = 0.2;
constexpr double max_error_rate = 0.001;
constexpr std::uint64_t seed = 42;
constexpr double default_grid_days = 7;
const std::vector<std::size_t> budgets = {50, 100, 200, 500};
constexpr int default_seeds = 5;
// Multi-fidelity: the share of the trace in the slice, and a slice evaluation's cost in
// whole-trace evaluations when the grids are not simulated (the two grids' CPU-time ratio on the
// NASA week: 0.33 and 0.35 in two idle runs).
constexpr double slice_fraction = 0.25;
constexpr double default_slice_cost = 0.33;
// Normalised space: the exhaustive front's ideal -> 0, nadir -> 1; reference point (1.1, 1.1).
constexpr double reference = 1.1;

asim::scenario base_scenario(const asim::trace& traffic) {
    asim::scenario sc;
    sc.traffic = traffic;
    sc.endpoint.type = {.name = "ml.g4dn.xlarge",
                        .price_per_hour = price_per_hour,
                        .workers = 1,
                        .service_time_s = service_time_s,
                        .service_cv = service_cv};
    sc.endpoint.initial_capacity = 1;
    sc.endpoint.startup = asim::startup_distribution::lognormal(startup_median_s, startup_sigma);
    sc.scaling.min_capacity = 1;
    sc.scaling.max_capacity = 20;
    asim::target_tracking_config tt;
    tt.name = "invocations-target";
    sc.scaling.target_tracking.push_back(tt);
    sc.slo = {2.0, 0.99};
    sc.seed = seed;
    sc.record_timeline = false;
    return sc;
}

// The research protocol's space (about 9.4k policies): Min 1..8, Max Min..20, TargetValue
// 5..75 step 5 invocations per instance-minute, scale-in cooldown {60, 300, 600} s, scale-out
// cooldown {60, 300} s. Max is a plain range; the grid skips Max < Min.
opt::problem make_problem(const asim::trace& traffic) {
    opt::problem p;
    p.scenarios.push_back(base_scenario(traffic));
    p.space.add(opt::dimension::range("min_capacity", 1, 8))
        .add(opt::dimension::range("max_capacity", 1, 20))
        .add(opt::dimension::range("target_value", 5, 75, 5))
        .add(opt::dimension::choice("scale_in_cooldown_s", {60, 300, 600}))
        .add(opt::dimension::choice("scale_out_cooldown_s", {60, 300}));
    p.objectives = {"cost_usd", "p99_latency_s"};
    p.constraints = {opt::constraint::at_most("error_rate", max_error_rate)};
    return p;
}

// The process's CPU time (every thread), in seconds: the ratio of two runs' CPU times does not
// move with other load on a shared machine, as their wall times do.
double cpu_seconds() {
    return static_cast<double>(std::clock()) / CLOCKS_PER_SEC;
}

double seconds_since(std::chrono::steady_clock::time_point t0) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

struct normaliser {
    std::vector<double> ideal, nadir;
    opt::point_set operator()(const opt::point_set& pts) const {
        return opt::normalize(pts, ideal, nadir);
    }
    double hv(const opt::point_set& pts) const {
        return opt::hypervolume((*this)(pts), {reference, reference});
    }
};

// Where a front falls short of the exhaustive one: the hypervolume between their staircases in
// the normalised space, split by tenths of the normalised cost (the last bin, 1.0-1.1, runs to the
// reference point). Both fronts are normalised; `found` is a subset of the grid, so its staircase
// lies on or above the exhaustive one's.
std::vector<double> missing_by_tenth(const opt::point_set& found, const opt::point_set& exact) {
    const auto staircase = [](const opt::point_set& f, double x) {
        double y = reference;
        for (const auto& q : f) {
            if (q[0] <= x) y = std::min(y, q[1]);
        }
        return y;
    };
    std::vector<double> cuts;
    for (int k = 0; k <= 11; ++k)
        cuts.push_back(0.1 * k);
    for (const auto* f : {&found, &exact}) {
        for (const auto& q : *f) {
            if (q[0] > 0 && q[0] < reference) cuts.push_back(q[0]);
        }
    }
    std::sort(cuts.begin(), cuts.end());
    std::vector<double> bins(11, 0.0);
    for (std::size_t i = 0; i + 1 < cuts.size(); ++i) {
        const double a = cuts[i], b = cuts[i + 1];
        if (b <= a) continue;
        const auto bin = std::min<std::size_t>(10, static_cast<std::size_t>(a * 10 + 1e-9));
        bins[bin] += (staircase(found, a) - staircase(exact, a)) * (b - a);
    }
    return bins;
}

// A grid's evaluations read back from optimize_grid.csv: a policy's parameters -> its summary,
// and the exhaustive front.
struct grid_table {
    std::map<std::vector<double>, std::vector<asim::summary>> summaries;
    opt::point_set front;
};

grid_table read_grid_csv(const std::string& path) {
    // Columns: index, the five parameters, cost_usd, p99_latency_s, error_rate, feasible, then
    // scale_out_count, scale_in_count, instance_hours and duration_s (absent from older files,
    // which tell the search nothing about the fleet).
    std::ifstream in(path);
    if (!in) throw std::runtime_error(path + ": cannot open");
    std::string line;
    std::getline(in, line);
    grid_table g;
    opt::point_set feasible;
    while (std::getline(in, line)) {
        std::istringstream row(line);
        std::vector<double> cells;
        for (std::string cell; std::getline(row, cell, ',');)
            cells.push_back(std::stod(cell));
        if (cells.size() != 10 && cells.size() != 14) {
            throw std::runtime_error(path + ": expected 10 or 14 columns");
        }
        asim::summary s;
        asim::set_summary_value(s, "cost_usd", cells[6]);
        asim::set_summary_value(s, "p99_latency_s", cells[7]);
        asim::set_summary_value(s, "error_rate", cells[8]);
        if (cells.size() == 14) {
            asim::set_summary_value(s, "scale_out_count", cells[10]);
            asim::set_summary_value(s, "scale_in_count", cells[11]);
            asim::set_summary_value(s, "instance_hours", cells[12]);
            asim::set_summary_value(s, "duration_s", cells[13]);
        }
        g.summaries[std::vector<double>(cells.begin() + 1, cells.begin() + 6)] = {s};
        if (cells[9] != 0) feasible.push_back({cells[6], cells[7]});
    }
    for (std::size_t i : opt::pareto_front(feasible))
        g.front.push_back(feasible[i]);
    return g;
}

// Writes a grid's evaluations as read_grid_csv() reads them.
void write_grid_csv(const std::filesystem::path& path, const opt::search_result& grid) {
    std::ofstream csv(path);
    csv << "index";
    for (const auto& n : grid.parameter_names)
        csv << ',' << n;
    csv << ",cost_usd,p99_latency_s,error_rate,feasible,scale_out_count,scale_in_count,"
           "instance_hours,duration_s\n";
    char buf[160];
    for (const auto& e : grid.evaluations) {
        csv << e.index;
        for (double v : e.parameters) {
            std::snprintf(buf, sizeof buf, ",%.17g", v);
            csv << buf;
        }
        std::snprintf(buf, sizeof buf, ",%.17g,%.17g,%.17g,%d,%.0f,%.0f,%.17g,%.17g\n",
                      e.objectives[0], e.objectives[1], e.field("error_rate"), e.feasible ? 1 : 0,
                      e.field("scale_out_count"), e.field("scale_in_count"),
                      e.field("instance_hours"), e.field("duration_s"));
        csv << buf;
    }
}

// A batch evaluator that looks each policy up in a grid's table.
opt::batch_evaluator lookup(const std::map<std::vector<double>, std::vector<asim::summary>>& t) {
    return [&t](const std::vector<std::vector<double>>& batch) {
        std::vector<opt::batch_row> r;
        for (const auto& v : batch)
            r.push_back({t.at(v), {}});
        return r;
    };
}

// A batch evaluator that simulates each policy of p and returns summaries only, no decision
// margins: the search without the policies the margins answer.
opt::batch_evaluator simulate_each(const opt::problem& p) {
    return [&p](const std::vector<std::vector<double>>& batch) {
        std::vector<opt::batch_row> r;
        for (const auto& v : batch)
            r.push_back({opt::evaluate(p, v).per_scenario, {}});
        return r;
    };
}

// Multi-fidelity at the cost of `budget` whole-trace evaluations: up to half of it (at most 50)
// on the slice, whose evaluations cost slice_cost each; returns the whole-trace evaluations the
// slice stage costs.
std::size_t split_budget(opt::search_options& o, std::size_t budget, double slice_cost) {
    const double share = std::min(0.5 * static_cast<double>(budget), 50.0);
    o.fidelity.slice_fraction = slice_fraction;
    o.fidelity.slice_evaluations = static_cast<std::size_t>(share / slice_cost);
    const auto spent = static_cast<std::size_t>(
        std::ceil(static_cast<double>(o.fidelity.slice_evaluations) * slice_cost));
    o.max_evaluations = budget - spent;
    return spent;
}

int main(int argc, char** argv) {
    std::vector<std::string> args;
    std::string grid_csv, slice_csv;
    double slice_cost = 0;
    int seeds = default_seeds;
    bool simulate_search = false, plain_search = false;
    for (int i = 1; i < argc; ++i) {
        if (std::string(argv[i]) == "--grid-csv" && i + 1 < argc) {
            grid_csv = argv[++i];
        } else if (std::string(argv[i]) == "--slice-grid-csv" && i + 1 < argc) {
            slice_csv = argv[++i];
        } else if (std::string(argv[i]) == "--slice-cost" && i + 1 < argc) {
            slice_cost = std::stod(argv[++i]);
        } else if (std::string(argv[i]) == "--simulate-search") {
            simulate_search = true;
        } else if (std::string(argv[i]) == "--simulate-search-plain") {
            simulate_search = plain_search = true;
        } else if (std::string(argv[i]) == "--seeds" && i + 1 < argc) {
            seeds = std::max(1, std::atoi(argv[++i]));
        } else {
            args.emplace_back(argv[i]);
        }
    }
    if (args.size() < 2) {
        std::fprintf(stderr,
                     "usage: %s TRACE.csv OUT_DIR [GRID_DAYS] [--grid-csv FILE [--slice-grid-csv "
                     "FILE [--slice-cost C]]] [--seeds N] [--simulate-search | "
                     "--simulate-search-plain]\n",
                     argv[0]);
        return 2;
    }
    try {
        const asim::trace full = asim::io::read_csv_trace(args[0]);
        const std::filesystem::path out = args[1];
        std::filesystem::create_directories(out);
        // Intervals per day (1,440 for a per-minute trace).
        const double per_day = 86'400'000.0 / static_cast<double>(full.interval_ms());
        const double grid_days = args.size() > 2 ? std::stod(args[2]) : default_grid_days;
        const unsigned cores = std::max(1U, std::thread::hardware_concurrency());
        std::printf("machine         %u hardware threads\n", cores);
        std::printf("trace           %s: %zu intervals of %g s (%.2f days)\n", args[0].c_str(),
                    full.size(), static_cast<double>(full.interval_ms()) / 1000.0,
                    static_cast<double>(full.size()) / per_day);

        // 1. Policies per second on the whole trace, fluid mode, summary only.
        if (grid_csv.empty()) {
            const opt::problem p = make_problem(full);
            std::vector<std::vector<double>> policies;
            for (double mn : {1.0, 2.0, 3.0, 4.0})
                for (double tv : {10.0, 20.0, 30.0, 40.0, 50.0})
                    policies.push_back({mn, mn + 8, tv, 300, 60});
            for (unsigned threads : {1U, cores}) {
                const auto t0 = std::chrono::steady_clock::now();
                const auto res = opt::evaluate_all(p, policies, threads);
                const double dt = seconds_since(t0);
                std::printf("evals/s         %u thread(s): %.1f policies/s on the %.1f-day trace "
                            "(%zu policies in %.2f s)\n",
                            threads, static_cast<double>(res.size()) / dt,
                            static_cast<double>(full.size()) / per_day, res.size(), dt);
            }
        }

        // 2. The exhaustive grid on a slice.
        const auto slice_len = std::min(full.size(), static_cast<std::size_t>(grid_days * per_day));
        const asim::trace traffic = full.slice(0, slice_len);
        const opt::problem p = make_problem(traffic);
        // The grid's table: a policy's parameters -> its summaries, and the exhaustive front.
        std::map<std::vector<double>, std::vector<asim::summary>> table;
        opt::point_set true_front;
        double grid_elapsed_s = 0;
        double grid_cpu_s = 0;
        if (grid_csv.empty()) {
            opt::search_options grid_opts;
            grid_opts.threads = cores;
            const double cpu0 = cpu_seconds();
            const auto grid = opt::grid_search(p, grid_opts);
            grid_cpu_s = cpu_seconds() - cpu0;
            grid_elapsed_s = grid.elapsed_s;
            std::printf(
                "grid            %zu policies (of %zu lattice points) on %.1f days, %u threads: "
                "%.1f s wall, %.1f s CPU, %.1f policies/s; %zu feasible, front of %zu; %zu "
                "simulated, %zu given an evaluated policy's outcome (answered)\n",
                grid.evaluated, grid.space_size, static_cast<double>(slice_len) / per_day, cores,
                grid.elapsed_s, grid_cpu_s, static_cast<double>(grid.evaluated) / grid.elapsed_s,
                grid.feasible, grid.front.size(), grid.evaluated - grid.answered, grid.answered);
            write_grid_csv(out / "optimize_grid.csv", grid);
            for (const auto& e : grid.evaluations)
                table[e.parameters] = e.per_scenario;
            true_front = grid.front_objectives();
        } else {
            grid_table g = read_grid_csv(grid_csv);
            table = std::move(g.summaries);
            true_front = std::move(g.front);
            std::printf("grid            %zu policies from %s; front of %zu\n", table.size(),
                        grid_csv.c_str(), true_front.size());
        }
        normaliser norm;
        norm.ideal = norm.nadir = true_front.front();
        for (const auto& q : true_front) {
            for (std::size_t k = 0; k < 2; ++k) {
                norm.ideal[k] = std::min(norm.ideal[k], q[k]);
                norm.nadir[k] = std::max(norm.nadir[k], q[k]);
            }
        }
        const double hv_true = norm.hv(true_front);
        const auto true_front_n = norm(true_front);
        std::printf("reference       normalised: exhaustive front ideal (%.2f USD, %.3f s) -> 0, "
                    "nadir (%.2f USD, %.3f s) -> 1; reference point (%.1f, %.1f); HV %.4f\n",
                    norm.ideal[0], norm.ideal[1], norm.nadir[0], norm.nadir[1], reference,
                    reference, hv_true);

        // 3. The adaptive search at equal budgets. The objective is deterministic, so looking each
        //    policy up in the grid's table is exactly equivalent to simulating it again.
        //    Multi-fidelity ("two-stage") first searches the busiest quarter of the trace, looked
        //    up in that slice's own grid; each slice evaluation costs slice_cost whole-trace
        //    evaluations (the two grids' CPU-time ratio), and the budget is split so that the
        //    total cost equals the one-stage budget.
        std::optional<grid_table> slice;
        if (!slice_csv.empty()) {
            slice = read_grid_csv(slice_csv);
            if (slice_cost <= 0) slice_cost = default_slice_cost;
        } else if (grid_csv.empty()) {
            const opt::problem sp = make_problem(traffic.busiest(static_cast<std::size_t>(
                std::llround(slice_fraction * static_cast<double>(traffic.size())))));
            opt::search_options grid_opts;
            grid_opts.threads = cores;
            const auto grid = opt::grid_search(sp, grid_opts);
            write_grid_csv(out / "optimize_slice_grid.csv", grid);
            slice = grid_table{};
            for (const auto& e : grid.evaluations)
                slice->summaries[e.parameters] = e.per_scenario;
            // A slice evaluation's cost in whole-trace evaluations: the CPU time of every 99th
            // policy simulated on each (the grids copy answered policies, so their times are not
            // per-policy costs).
            std::vector<std::vector<double>> sample;
            for (std::size_t i = 0; i < grid.evaluations.size(); i += 99)
                sample.push_back(grid.evaluations[i].parameters);
            double cpu0 = cpu_seconds();
            opt::evaluate_all(sp, sample, cores);
            const double slice_cpu_s = cpu_seconds() - cpu0;
            cpu0 = cpu_seconds();
            opt::evaluate_all(p, sample, cores);
            slice_cost = slice_cpu_s / (cpu_seconds() - cpu0);
            std::printf("slice grid      the busiest %.0f %% of the trace: %.1f s wall, %zu "
                        "answered; a slice evaluation costs %.2f of a whole one's CPU time (%zu "
                        "policies on each)\n",
                        100 * slice_fraction, grid.elapsed_s, grid.answered, slice_cost,
                        sample.size());
        }
        // The slice the searches simulate with --simulate-search-plain (as the slice grid's).
        const opt::problem plain_slice = make_problem(traffic.busiest(static_cast<std::size_t>(
            std::llround(slice_fraction * static_cast<double>(traffic.size())))));
        std::ofstream ours(out / "optimize_ours.csv");
        ours << "method,seed,budget,hv_ratio,igd_plus,evals_to_99\n";
        std::printf("\n%-10s %6s  %-28s %s\n", "method", "budget", "HV ratio median [min, max]",
                    "evals to 99 % (median of reached)");
        const auto measure = [&](const char* method, bool two_stage) {
            for (std::size_t budget : budgets) {
                std::vector<double> ratios;
                std::vector<double> reach;
                std::vector<double> missing(11, 0.0);
                for (int s = 1; s <= seeds; ++s) {
                    opt::search_options o;
                    if (!simulate_search) o.evaluator = lookup(table);
                    if (plain_search) o.evaluator = simulate_each(p);
                    o.seed = static_cast<std::uint64_t>(s);
                    o.max_evaluations = budget;
                    // The whole-trace evaluations the slice stage costs.
                    std::size_t spent = 0;
                    if (two_stage) {
                        if (!simulate_search) o.fidelity.evaluator = lookup(slice->summaries);
                        if (plain_search) o.fidelity.evaluator = simulate_each(plain_slice);
                        spent = split_budget(o, budget, slice_cost);
                    }
                    opt::point_set archive;
                    std::size_t n = spent, reached = 0;
                    o.on_evaluation = [&](const opt::evaluation& e) {
                        ++n;
                        if (!e.feasible) return;
                        archive.push_back(e.objectives);
                        if (reached == 0 && norm.hv(archive) >= 0.99 * hv_true) reached = n;
                    };
                    const auto found = opt::adaptive_search(p, o).front_objectives();
                    const double ratio = norm.hv(found) / hv_true;
                    const auto found_n = norm(found);
                    const double igd = opt::igd_plus(found_n, true_front_n);
                    ratios.push_back(ratio);
                    const auto by_tenth = missing_by_tenth(found_n, true_front_n);
                    for (std::size_t k = 0; k < missing.size(); ++k)
                        missing[k] += by_tenth[k] / seeds;
                    if (reached > 0) reach.push_back(static_cast<double>(reached));
                    ours << method << ',' << s << ',' << budget << ',' << ratio << ',' << igd << ','
                         << reached << '\n';
                }
                std::sort(ratios.begin(), ratios.end());
                std::sort(reach.begin(), reach.end());
                char reached_txt[64] = "not reached";
                if (!reach.empty()) {
                    std::snprintf(reached_txt, sizeof reached_txt, "%.0f (%zu of %d seeds)",
                                  reach[reach.size() / 2], reach.size(), seeds);
                }
                std::printf("%-10s %6zu  %.4f [%.4f, %.4f]      %s\n", method, budget,
                            ratios[ratios.size() / 2], ratios.front(), ratios.back(), reached_txt);
                if (budget == 100) {
                    std::printf("%-10s %6s  missing HV by tenth of normalised cost (mean):", "",
                                "");
                    for (double m : missing)
                        std::printf(" %.4f", m);
                    std::printf("\n");
                }
            }
        };
        measure("ours", false);
        if (slice) measure("two-stage", true);

        // 4. Real adaptive runs (simulating, not looking up) for their wall time: one stage,
        //    and multi-fidelity with the same split as above.
        if (grid_csv.empty()) {
            std::printf("\n");
            for (std::size_t budget : {std::size_t{100}, std::size_t{500}}) {
                for (bool two_stage : {false, true}) {
                    opt::search_options real;
                    real.threads = cores;
                    real.max_evaluations = budget;
                    real.seed = 1;
                    if (two_stage) split_budget(real, budget, slice_cost);
                    const auto res = opt::adaptive_search(p, real);
                    std::printf("%-10s %4zu  simulated on %u threads (%zu on the slice, %zu "
                                "whole): %.2f s wall (%.1f %% of the grid's), HV ratio %.4f\n",
                                two_stage ? "two-stage" : "adaptive", budget, cores,
                                res.slice_evaluated, res.evaluated, res.elapsed_s,
                                100 * res.elapsed_s / grid_elapsed_s,
                                norm.hv(res.front_objectives()) / hv_true);
                }
            }
        }
        if (grid_csv.empty()) {
            std::printf("wrote           %s and %s\n", (out / "optimize_grid.csv").c_str(),
                        (out / "optimize_ours.csv").c_str());
        } else {
            std::printf("wrote           %s\n", (out / "optimize_ours.csv").c_str());
        }
    } catch (const std::exception& e) {
        std::fprintf(stderr, "error: %s\n", e.what());
        return 1;
    }
    return 0;
}
