"""Optuna NSGA-II, TPE and random search on the optimizer benchmark's objective.

bench_optimize writes every policy of the exhaustive grid with its objectives to
OUT_DIR/optimize_grid.csv. The simulator is deterministic, so answering each Optuna trial by
looking the policy up in that table is exactly equivalent to simulating it. The script runs each
sampler for 500 trials per seed (Optuna samplers do not plan around n_trials, so the prefixes give
the 50/100/200 budgets), and prints the hypervolume ratio against the exhaustive front next to
ours (OUT_DIR/optimize_ours.csv) in the same normalised space: the exhaustive front's ideal -> 0,
nadir -> 1, reference point (1.1, 1.1).

usage: python optuna_baseline.py OUT_DIR [SEEDS]
"""

import csv
import statistics
import sys
import time

import optuna

BUDGETS = (50, 100, 200, 500)
MAX_ERROR_RATE = 0.001
REFERENCE = 1.1


def read_grid(path):
    table = {}
    with open(path, newline="") as f:
        for row in csv.DictReader(f):
            key = (
                int(float(row["min_capacity"])),
                int(float(row["max_capacity"])),
                float(row["target_value"]),
                float(row["scale_in_cooldown_s"]),
                float(row["scale_out_cooldown_s"]),
            )
            table[key] = (
                float(row["cost_usd"]),
                float(row["p99_latency_s"]),
                float(row["error_rate"]),
                row["feasible"] == "1",
            )
    return table


def front(points):
    """Non-dominated points (minimisation), first of equals kept."""
    out = []
    for p in sorted(set(points)):
        if not out or p[1] < out[-1][1]:
            out.append(p)
    return out


def hypervolume(points, ideal, nadir):
    """2-D hypervolume in the normalised space against (REFERENCE, REFERENCE)."""
    norm = []
    for cost, latency in points:
        x = (cost - ideal[0]) / (nadir[0] - ideal[0])
        y = (latency - ideal[1]) / (nadir[1] - ideal[1])
        if x < REFERENCE and y < REFERENCE:
            norm.append((x, y))
    volume, last_y = 0.0, REFERENCE
    for x, y in sorted(norm):
        if y < last_y:
            volume += (REFERENCE - x) * (last_y - y)
            last_y = y
    return volume


def run_sampler(name, make_sampler, table, seed, n_trials):
    def objective(trial):
        mn = trial.suggest_int("min_capacity", 1, 8)
        mx = trial.suggest_int("max_capacity", 1, 20)
        tv = trial.suggest_float("target_value", 5, 75, step=5)
        cin = trial.suggest_categorical("scale_in_cooldown_s", [60.0, 300.0, 600.0])
        cout = trial.suggest_categorical("scale_out_cooldown_s", [60.0, 300.0])
        # Same repair as ours: MaxCapacity is raised to MinCapacity when below it.
        cost, p99, err, _ = table[(mn, max(mn, mx), tv, cin, cout)]
        trial.set_user_attr("constraint", (err - MAX_ERROR_RATE,))
        if NEW_CONSTRAINT_API:
            trial.set_constraint("error_rate", err - MAX_ERROR_RATE)
        return cost, p99

    study = optuna.create_study(
        directions=["minimize", "minimize"], sampler=make_sampler(seed)
    )
    start = time.perf_counter()
    study.optimize(objective, n_trials=n_trials)
    elapsed = time.perf_counter() - start
    history = []
    for t in study.trials:
        feasible = t.user_attrs["constraint"][0] <= 0
        history.append((tuple(t.values), feasible, tuple(sorted(t.params.items()))))
    return history, elapsed


def constraints(trial):
    return trial.user_attrs["constraint"]


# Optuna 5 takes constraints through Trial.set_constraint and deprecates constraints_func.
NEW_CONSTRAINT_API = hasattr(optuna.trial.Trial, "set_constraint")
CONSTRAINT_ARGS = {} if NEW_CONSTRAINT_API else {"constraints_func": constraints}

SAMPLERS = {
    "nsga2": lambda s: optuna.samplers.NSGAIISampler(seed=s, **CONSTRAINT_ARGS),
    "tpe": lambda s: optuna.samplers.TPESampler(seed=s, **CONSTRAINT_ARGS),
    "random": lambda s: optuna.samplers.RandomSampler(seed=s),
}


def summarise(values):
    v = sorted(values)
    return f"{statistics.median(v):.4f} [{v[0]:.4f}, {v[-1]:.4f}]"


def main():
    out_dir = sys.argv[1]
    seeds = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    optuna.logging.set_verbosity(optuna.logging.WARNING)
    table = read_grid(f"{out_dir}/optimize_grid.csv")
    true_front = front([(cost, lat) for cost, lat, _, ok in table.values() if ok])
    ideal = (min(p[0] for p in true_front), min(p[1] for p in true_front))
    nadir = (max(p[0] for p in true_front), max(p[1] for p in true_front))
    hv_true = hypervolume(true_front, ideal, nadir)
    print(f"optuna {optuna.__version__}; grid of {len(table)} policies, front of {len(true_front)}")
    print(f"normalised: ideal {ideal} -> 0, nadir {nadir} -> 1, "
          f"reference ({REFERENCE}, {REFERENCE}), exhaustive HV {hv_true:.4f}")

    ratios = {}  # (method, budget) -> [ratio per seed]
    reach = {}  # method -> [evaluations to 99 %, or None]
    distinct = {}  # (method, budget) -> [distinct policies per seed]
    ours = []  # our methods, in the file's order ("ours", then "two-stage" with multi-fidelity)
    with open(f"{out_dir}/optimize_ours.csv", newline="") as f:
        for row in csv.DictReader(f):
            method = row["method"]
            if method not in ours:
                ours.append(method)
            ratios.setdefault((method, int(row["budget"])), []).append(float(row["hv_ratio"]))
            if int(row["budget"]) == max(BUDGETS):
                n = int(row["evals_to_99"])
                reach.setdefault(method, []).append(n if n > 0 else None)
    for name, make in SAMPLERS.items():
        for seed in range(1, seeds + 1):
            history, elapsed = run_sampler(name, make, table, seed, max(BUDGETS))
            archive, hit = [], None
            for i, (values, feasible, _) in enumerate(history, start=1):
                if feasible:
                    archive.append(values)
                if hit is None and hypervolume(front(archive), ideal, nadir) >= 0.99 * hv_true:
                    hit = i
                if i in BUDGETS:
                    ratios.setdefault((name, i), []).append(
                        hypervolume(front(archive), ideal, nadir) / hv_true)
                    distinct.setdefault((name, i), []).append(
                        len({h[2] for h in history[:i]}))
            reach.setdefault(name, []).append(hit)
            print(f"  {name} seed {seed}: {len(history)} trials in {elapsed:.1f} s", flush=True)

    methods = ours + list(SAMPLERS)
    print(f"\nHV ratio vs the exhaustive front, median [min, max] over {seeds} seeds")
    print(f"{'budget':>6}  " + "  ".join(f"{m:<26}" for m in methods))
    for b in BUDGETS:
        cells = [summarise(ratios[(m, b)]) if (m, b) in ratios else "-" for m in methods]
        print(f"{b:>6}  " + "  ".join(f"{c:<26}" for c in cells))
    print("\nevaluations (trials, duplicates included for Optuna) to reach 99 % of the "
          "exhaustive HV")
    for m in methods:
        hits = [h for h in reach.get(m, []) if h is not None]
        med = statistics.median(hits) if hits else float("nan")
        print(f"  {m:<8} median {med:.0f} over the {len(hits)} of {len(reach.get(m, []))} seeds"
              f" that reached it within {max(BUDGETS)}")
    print("\ndistinct policies among Optuna's trials, median")
    for m in SAMPLERS:
        print("  " + m + ": " + ", ".join(
            f"{b}: {statistics.median(distinct[(m, b)]):.0f}" for b in BUDGETS))


if __name__ == "__main__":
    main()
