"""Python-side costs, as ratios in one run on the bundled 27-day per-minute trace:

1. custom policies in Python against the built-in target tracking (the C++ loop calls back into
   Python once per evaluation, taking the GIL each time);
2. optimize() (the C++ grid search behind a Python API) against the C++ search called directly
   and against one _core.simulate call per policy (what optimize did before it used the C++
   optimizer), in policies per second, on 1 thread and on every core;
3. optimize() on a local Dask cluster (two worker processes) against local threads;
4. how long optimize() takes to return its partial results after Ctrl-C (KeyboardInterrupt).

Run: make bench-python (or python bench/bench_python.py after pip install ".[test]").
"""

import math
import pathlib
import time

import autoscalesim as asim

ROOT = pathlib.Path(__file__).resolve().parents[1]
TRACE = asim.Trace.from_csv(ROOT / "traces" / "nasa_http_1995_07_per_minute.csv")
ENDPOINT = asim.Endpoint(
    asim.InstanceType("ml.g4dn.xlarge", price_per_hour=0.736, workers=1, service_time_s=1.0,
                      service_cv=0.5),
    startup=300,
)
REPEATS = 7


class Noop(asim.Policy):
    def decide(self, obs):
        return None


class Proportional(asim.Policy):
    def decide(self, obs):
        return max(1, math.ceil(obs.arrivals / 30))


class PyTargetTracking(asim.Policy):
    """Target tracking's alarms (3 of 3 above, 15 of 15 below 90 %) written in Python."""

    def __init__(self, target):
        super().__init__()
        self.target = target

    def reset(self):
        self.history = []

    def decide(self, obs):
        m = obs.invocations_per_instance
        self.history.append(m)
        high, low = self.history[-3:], self.history[-15:]
        if len(high) == 3 and all(v > self.target for v in high):
            return math.ceil(obs.desired * m / self.target)
        if len(low) == 15 and all(v < 0.9 * self.target for v in low):
            return math.ceil(obs.desired * m / self.target)
        return None


def best_of(policies):
    best = math.inf
    for _ in range(REPEATS):
        start = time.perf_counter()
        asim.simulate(TRACE, ENDPOINT, policies, max_capacity=20, slo_latency_s=5.0,
                      timeline=False)
        best = min(best, time.perf_counter() - start)
    return best


def policies_table():
    rows = [
        ("target tracking (C++, built in)", [asim.TargetTracking(target_value=30)]),
        ("no policy", []),
        ("Python: returns None", [Noop()]),
        ("Python: proportional", [Proportional()]),
        ("Python: target tracking", [PyTargetTracking(30)]),
    ]
    base = None
    print(f"{len(TRACE)} one-minute intervals, best of {REPEATS}")
    print(f"{'policy':36} {'ms':>8} {'x built-in':>11} {'us/eval more':>13}")
    for name, pols in rows:
        t = best_of(pols)
        base = base or t
        per_call = ""
        if pols and isinstance(pols[0], asim.Policy):
            per_call = f"{(t - base) / len(TRACE) * 1e6:13.2f}"
        print(f"{name:36} {t * 1e3:8.1f} {t / base:11.2f} {per_call:>13}")


def optimize_table():
    import os

    from autoscalesim import _core

    space = dict(min_capacity=[1, 2, 3, 4], max_capacity=[8, 20],
                 target_value=list(range(10, 61, 5)))
    front = asim.optimize(TRACE, ENDPOINT, slo_latency_s=5.0, progress=False, **space)
    n = len(front.points)
    core = front.problem.core()
    policies = front.result.arrays()["parameters"].tolist()
    print(f"\noptimize throughput: {n} policies on the whole trace, best of 3")
    print(f"{'how':44} {'threads':>7} {'s':>7} {'policies/s':>11}")
    for threads in (1, os.cpu_count() or 1):
        rows = [
            ("asim.optimize (C++ grid + DataFrame)",
             lambda t=threads: asim.optimize(TRACE, ENDPOINT, slo_latency_s=5.0, progress=False,
                                             threads=t, **space)),
            ("_core.grid_search (C++ only)", lambda t=threads: _core.grid_search(core, threads=t)),
        ]
        if threads == 1:
            rows.append(("_core.evaluate_batch (no search)",
                         lambda: _core.evaluate_batch(core, policies, 1)))
        for name, run in rows:
            best = math.inf
            for _ in range(3):
                start = time.perf_counter()
                run()
                best = min(best, time.perf_counter() - start)
            print(f"{name:44} {threads:7d} {best:7.2f} {n / best:11.1f}")


def dask_table():
    from dask.distributed import Client, LocalCluster

    space = dict(min_capacity=[1, 2, 3, 4], max_capacity=[8, 20],
                 target_value=list(range(10, 61, 5)))
    start = time.perf_counter()
    local = asim.optimize(TRACE, ENDPOINT, slo_latency_s=5.0, progress=False, **space)
    local_s = time.perf_counter() - start
    with LocalCluster(n_workers=2, threads_per_worker=1, dashboard_address=None) as cluster, \
            Client(cluster) as client:
        start = time.perf_counter()
        remote = asim.optimize(TRACE, ENDPOINT, slo_latency_s=5.0, progress=False,
                               client=client, **space)
        dask_s = time.perf_counter() - start
    same = local.points.equals(remote.points)
    n = len(local.points)
    print(f"\noptimize: {n} policies on the whole trace")
    print(f"{'where':36} {'s':>8} {'policies/s':>11}")
    print(f"{'local threads (2 cores)':36} {local_s:8.2f} {n / local_s:11.1f}")
    print(f"{'Dask LocalCluster, 2 processes':36} {dask_s:8.2f} {n / dask_s:11.1f}")
    print(f"identical fronts: {same}")


def interrupt_table():
    import _thread
    import threading

    space = dict(min_capacity=[1, 2, 3, 4], max_capacity=[10, 20],
                 target_value=list(range(5, 100, 2)))
    print("\nCtrl-C during optimize (interrupt 0.5 s into a 384-policy grid), 5 tries")
    print(f"{'try':>3} {'evaluated':>9} {'s after Ctrl-C':>15}")
    for i in range(5):
        interrupted_at = []

        def interrupt(at=interrupted_at):
            at.append(time.perf_counter())
            _thread.interrupt_main()

        timer = threading.Timer(0.5, interrupt)
        timer.start()
        front = asim.optimize(TRACE, ENDPOINT, progress=False, threads=2, **space)
        returned = time.perf_counter()
        timer.join()
        print(f"{i + 1:3d} {len(front.points):9d} {returned - interrupted_at[0]:15.3f}")


if __name__ == "__main__":
    policies_table()
    optimize_table()
    dask_table()
    interrupt_table()
