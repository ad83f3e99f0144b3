"""The fluid mode of an asynchronous endpoint against the request mode (docs/fluid-model.md,
"Asynchronous endpoints" has the results).

The endpoint and policies of examples/scenarios/async_scale_to_zero.json (20-s requests, scale to
zero: target tracking on ApproximateBacklogSizePerInstance at 5 and AWS's wake-up step policy on
HasBacklogWithoutCapacity) replay the first week of NASA July at 0.5 % and 5 % of its traffic
(Max 4 and 20 instances). Each minute's count is drawn once as a whole number (Poisson, seed 7),
so both modes see the same per-minute counts: the fluid mode takes them as they are, the request
mode draws each minute's arrival times at random within it (arrivals "poisson_counts"), mean of
seeds 1-5. The request mode is the reference.

Run from the repository root after `pip install .`: python bench/compare_async_fluid.py
"""
from __future__ import annotations

import csv
import json
import pathlib
import tempfile
import time

import numpy as np

import autoscalesim as asim

ROOT = pathlib.Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "scenarios" / "async_scale_to_zero.json"
TRACE = ROOT / "traces" / "nasa_http_1995_07_per_minute.csv"
WEEK = 7 * 1440
SEEDS = range(1, 6)


def sampled_week(scale: float, path: pathlib.Path) -> None:
    rng = np.random.default_rng(7)
    with open(TRACE, newline="") as f, open(path, "w", newline="") as out:
        rows = csv.reader(f)
        w = csv.writer(out)
        w.writerow(next(rows))
        for i, row in enumerate(rows):
            if i == WEEK:
                break
            w.writerow([row[0], int(rng.poisson(float(row[1]) * scale))])


def run(scenario: dict, folder: pathlib.Path, name: str) -> dict:
    path = folder / f"{name}.json"
    path.write_text(json.dumps(scenario))
    return asim.load_scenario(path).simulate(timeline=False).summary


def main() -> None:
    base = json.loads(EXAMPLE.read_text())
    cols = ["cost_usd", "mean_latency_s", "p95_latency_s", "p99_latency_s", "scale_out_count"]
    print(f"{'workload':<22} {'mode':<8} " + " ".join(f"{c:>16}" for c in cols) + "   run s")
    with tempfile.TemporaryDirectory() as tmp:
        folder = pathlib.Path(tmp)
        for label, scale, max_capacity in [("NASA week x 0.005", 0.005, 4),
                                           ("NASA week x 0.05", 0.05, 20)]:
            trace = folder / f"nasa_{scale}.csv"
            sampled_week(scale, trace)
            sc = dict(base)
            sc["trace"] = {"file": str(trace), "format": "csv"}
            sc["scaling"] = dict(base["scaling"], max_capacity=max_capacity)
            sc["mode"] = "fluid"
            t = time.perf_counter()
            fluid = run(sc, folder, "fluid")
            fluid_s = time.perf_counter() - t
            sc["mode"] = "request"
            sc["arrivals"] = "poisson_counts"
            t = time.perf_counter()
            runs = []
            for seed in SEEDS:
                sc["seed"] = seed
                runs.append(run(sc, folder, f"request{seed}"))
            request_s = (time.perf_counter() - t) / len(SEEDS)
            request = {c: float(np.mean([r[c] for r in runs])) for c in cols}
            for mode, s, secs in [("fluid", fluid, fluid_s), ("request", request, request_s)]:
                print(f"{label:<22} {mode:<8} " + " ".join(f"{s[c]:>16.2f}" for c in cols)
                      + f"   {secs:.2f}")
            print(f"{'':<22} {'ratio':<8} "
                  + " ".join(f"{fluid[c] / request[c]:>16.3f}" if request[c] else f"{'':>16}"
                             for c in cols))


if __name__ == "__main__":
    main()
