"""The optimizer benchmark on a set of traces, not one: the adaptive search against Optuna's
NSGA-II, TPE and random sampling at budgets 50, 100, 200 and 500 (5 seeds each), with one
stage ("ours") and with multi-fidelity ("two-stage": a first stage on the busiest quarter of the
trace, at the same cost), as
bench_optimize and bench/baselines/optuna_baseline.py measure them on one trace.

The set:
- nasa: the bundled NASA-HTTP July 1995 trace, per minute (the search was developed on it);
- azure: the bundled Azure LLM inference trace (conversation, 2023), per second, 58 minutes;
- diurnal, weekly, bursty, growth: seeded synthetic per-minute traces of 7 days, about 45
  requests per minute on average (NASA's scale), Poisson counts around an expected rate:
  - diurnal: a daily cycle (amplitude 0.6, peak at 15:00 UTC);
  - weekly: the daily cycle times a weekly one (amplitude 0.4, quiet weekend);
  - bursty: the daily cycle plus 8 flash crowds (a linear rise over 2-10 minutes to 2-6 times
    the mean rate, then an exponential decay of 5-30 minutes) at seeded random times;
  - growth: the daily cycle on a mean that grows 5 % per day.

Each trace's grid is the whole trace or its first 7 days. Figures are medians over the seeds
of the hypervolume ratio against the exhaustive front (normalised as bench_optimize prints).

Run: python bench/bench_search_set.py [--out DIR] [--only NAME...] (after make build and
pip install -r bench/requirements.txt); it takes several minutes per trace on 2 cores.
"""

from __future__ import annotations

import argparse
import datetime as dt
import math
import re
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "build" / "release" / "bench" / "bench_optimize"
OPTUNA = ROOT / "bench" / "baselines" / "optuna_baseline.py"
DAYS = 7
MINUTES = DAYS * 1440
MEAN_PER_MINUTE = 45.0
SEED = 20261205
START = dt.datetime(2026, 1, 5, tzinfo=dt.timezone.utc)  # a Monday


def daily(minutes: np.ndarray) -> np.ndarray:
    hour = (minutes / 60.0) % 24
    return 1 + 0.6 * np.cos(2 * math.pi * (hour - 15) / 24)


def synthetic(name: str, rng: np.random.Generator) -> np.ndarray:
    t = np.arange(MINUTES) + 0.5
    rate = MEAN_PER_MINUTE * daily(t)
    if name == "weekly":
        day = t / 1440.0
        rate *= 1 + 0.4 * np.cos(2 * math.pi * (day - 2) / 7)
    elif name == "bursty":
        for _ in range(8):
            onset = rng.uniform(0, MINUTES - 120)
            rise = rng.uniform(2, 10)
            peak = rng.uniform(2, 6) * MEAN_PER_MINUTE
            decay = rng.uniform(5, 30)
            up = (t >= onset) & (t < onset + rise)
            down = t >= onset + rise
            rate[up] += peak * (t[up] - onset) / rise
            rate[down] += peak * np.exp(-(t[down] - onset - rise) / decay)
    elif name == "growth":
        rate *= 1 + 0.05 * t / 1440.0
    elif name != "diurnal":
        raise ValueError(name)
    return rng.poisson(rate).astype(float)


def write_csv(path: Path, counts: np.ndarray) -> None:
    with path.open("w") as f:
        f.write("timestamp,requests\n")
        for i, c in enumerate(counts):
            stamp = (START + dt.timedelta(minutes=i)).strftime("%Y-%m-%dT%H:%M:%SZ")
            f.write(f"{stamp},{int(c)}\n")


def traces(out: Path) -> dict[str, Path]:
    found = {
        "nasa": ROOT / "traces" / "nasa_http_1995_07_per_minute.csv",
        "azure": ROOT / "traces" / "azure_llm_inference_2023_conv_per_second.csv",
    }
    for k, name in enumerate(("diurnal", "weekly", "bursty", "growth")):
        path = out / f"{name}.csv"
        write_csv(path, synthetic(name, np.random.default_rng(SEED + k)))
        found[name] = path
    return found


OURS = re.compile(r"^(ours|two-stage)\s+(\d+)\s+([0-9.]+) \[")
OPTUNA_ROW = re.compile(r"^\s*(\d+)\s+(.*)$")
REACH = re.compile(r"^\s+([\w-]+)\s+median (\d+) over the (\d+) of (\d+) seeds")


def run_one(name: str, path: Path, out: Path) -> dict:
    work = out / name
    work.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    cpp = subprocess.run([str(BENCH), str(path), str(work), str(DAYS)], check=True,
                         capture_output=True, text=True).stdout
    (work / "bench_optimize.txt").write_text(cpp)
    py = subprocess.run([sys.executable, str(OPTUNA), str(work)], check=True,
                        capture_output=True, text=True).stdout
    (work / "optuna_baseline.txt").write_text(py)
    row: dict = {"name": name, "seconds": time.perf_counter() - t0, "hv": {}, "reach": {}}
    for line in cpp.splitlines():
        m = OURS.match(line)
        if m:
            row["hv"].setdefault(m.group(1), {})[int(m.group(2))] = float(m.group(3))
        if line.startswith("grid "):
            row["grid"] = line.split(":", 1)[1].strip()
    # Optuna's table: budget, then "median [min, max]" per method (nsga2, tpe, random).
    header = None
    for line in py.splitlines():
        if line.strip().startswith("budget"):
            header = line.split()[1:]
            continue
        m = OPTUNA_ROW.match(line)
        if header and m:
            medians = re.findall(r"([0-9.]+) \[", m.group(2))
            for method, med in zip(header, medians):
                row["hv"].setdefault(method, {})[int(m.group(1))] = float(med)
        r = REACH.match(line)
        if r:
            row["reach"][r.group(1)] = f"{r.group(2)} ({r.group(3)}/{r.group(4)})"
    return row


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", type=Path, default=Path("build/bench_search_set"))
    ap.add_argument("--only", nargs="*", default=None)
    args = ap.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    rows = []
    for name, path in traces(args.out).items():
        if args.only and name not in args.only:
            continue
        print(f"{name}: {path}", flush=True)
        rows.append(run_one(name, path, args.out))
        print(f"  {rows[-1]['seconds']:.0f} s", flush=True)
    methods = ["ours", "two-stage", "nsga2", "tpe", "random"]
    print("\nHV ratio against the exhaustive front, median of 5 seeds")
    print(f"{'trace':<8} {'budget':>6}  " + "  ".join(f"{m:>7}" for m in methods))
    for row in rows:
        for b in (50, 100, 200, 500):
            cells = [row["hv"].get(m, {}).get(b, float("nan")) for m in methods]
            best = max(c for c in cells if c == c)
            print(f"{row['name']:<8} {b:>6}  " + "  ".join(
                f"{c:7.4f}" + ("*" if c == best else " ") for c in cells))
    print("\nevaluations to 99 % of the exhaustive hypervolume (median of the seeds that reach it)")
    for row in rows:
        print(f"{row['name']:<8} " + "; ".join(f"{m} {v}" for m, v in row["reach"].items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
