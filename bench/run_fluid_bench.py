"""Fluid mode against its SimPy baseline, in one go, on this machine.

Runs bench_fluid --fixed-startup (C++) and bench/baselines/simpy_fluid.py (the same model on SimPy)
on the same 30-day trace, checks that they agree (cost and every scaling activity exactly, mean
latency to 1e-6 relative) and prints the speed ratio. The C++ benchmark runs before and after the
SimPy one so that both see the same machine load; its ms/run is the mean of the two medians.

usage: python bench/run_fluid_bench.py [--trace CSV] [--bench-bin PATH] [--cpp-repeats N]
                                       [--simpy-repeats N]
Exits 1 if the two disagree.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MEAN_LATENCY_RTOL = 1e-6
# Fields compared for the record; the checks are the ones the benchmark promises.
SHOWN = [
    "cost_usd",
    "instance_hours",
    "scale_out_count",
    "scale_in_count",
    "peak_in_service",
    "requests",
    "served",
    "errors",
    "mean_latency_s",
    "p50_latency_s",
    "p99_latency_s",
    "slo_attainment",
]


def cpu_model():
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def run_cpp(binary, trace, repeats, activities):
    out = subprocess.run(
        [str(binary), str(trace), str(repeats), "--fixed-startup", "--activities", str(activities)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    ms = {}
    summary = {}
    for line in out.splitlines():
        m = re.match(r"(summary only|with timeline)\s+([0-9.]+)", line)
        if m:
            ms[m.group(1)] = float(m.group(2))
        if line.startswith("summary:"):
            for kv in line.split()[1:]:
                k, v = kv.split("=")
                summary[k] = float(v)
    return ms, summary


def run_simpy(trace, repeats, activities):
    out = subprocess.run(
        [
            sys.executable,
            str(ROOT / "bench" / "baselines" / "simpy_fluid.py"),
            str(trace),
            "--repeats",
            str(repeats),
            "--activities",
            str(activities),
            "--json",
        ],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return json.loads(out)


def rel_diff(a, b):
    if a == b:
        return 0.0
    return abs(a - b) / max(abs(a), abs(b))


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--trace", default=ROOT / "traces" / "nasa_http_1995_07_per_minute.csv")
    ap.add_argument("--bench-bin", default=ROOT / "build" / "release" / "bench" / "bench_fluid")
    ap.add_argument("--cpp-repeats", type=int, default=21)
    ap.add_argument("--simpy-repeats", type=int, default=3)
    args = ap.parse_args(argv)

    import simpy  # benchmark-only dependency (bench/requirements.txt)

    print(
        f"machine: {cpu_model()}, {os.cpu_count()} CPUs, {platform.system()} "
        f"{platform.release()}, Python {platform.python_version()}, SimPy {simpy.__version__}"
    )
    print("load average before: {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()))
    with tempfile.TemporaryDirectory() as tmp:
        cpp_acts = Path(tmp) / "activities_cpp.csv"
        py_acts = Path(tmp) / "activities_simpy.csv"
        cpp_before, cpp = run_cpp(args.bench_bin, args.trace, args.cpp_repeats, cpp_acts)
        py = run_simpy(args.trace, args.simpy_repeats, py_acts)
        cpp_after, _ = run_cpp(args.bench_bin, args.trace, args.cpp_repeats, cpp_acts)
        cpp_lines = cpp_acts.read_text().splitlines()
        py_lines = py_acts.read_text().splitlines()
    print("load average after:  {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()))

    ps = py["summary"]
    print()
    print(f"{'field':<18} {'C++':>24} {'SimPy':>24} {'rel. diff':>10}")
    for f in SHOWN:
        print(f"{f:<18} {cpp[f]:>24.17g} {ps[f]:>24.17g} {rel_diff(cpp[f], ps[f]):>10.1e}")

    failures = []
    if cpp["cost_usd"] != ps["cost_usd"]:
        failures.append("cost_usd differs")
    for f in ("scale_out_count", "scale_in_count"):
        if cpp[f] != ps[f]:
            failures.append(f"{f} differs")
    if cpp_lines != py_lines:
        n = sum(1 for a, b in zip(cpp_lines, py_lines) if a != b)
        n += abs(len(cpp_lines) - len(py_lines))
        first = next(
            (i for i, (a, b) in enumerate(zip(cpp_lines, py_lines)) if a != b),
            min(len(cpp_lines), len(py_lines)),
        )
        failures.append(f"activity logs differ in {n} rows, first at row {first}")
    if rel_diff(cpp["mean_latency_s"], ps["mean_latency_s"]) > MEAN_LATENCY_RTOL:
        failures.append(f"mean_latency_s differs by more than {MEAN_LATENCY_RTOL:g} relative")
    print()
    print(
        f"agreement: cost {'equal' if cpp['cost_usd'] == ps['cost_usd'] else 'DIFFERENT'}, "
        f"{len(cpp_lines) - 1} vs {len(py_lines) - 1} scaling activities "
        f"({'identical logs' if cpp_lines == py_lines else 'logs DIFFER'}), mean latency rel. "
        f"diff {rel_diff(cpp['mean_latency_s'], ps['mean_latency_s']):.1e}"
    )

    cpp_ms = 0.5 * (cpp_before["summary only"] + cpp_after["summary only"])
    cpp_tl_ms = 0.5 * (cpp_before["with timeline"] + cpp_after["with timeline"])
    steps = 30 * 24 * 60
    print()
    print(f"{'engine':<34} {'ms/run':>10} {'us/step':>9}")
    print(
        f"{'C++ fluid, summary only':<34} {cpp_ms:>10.2f} {cpp_ms * 1e3 / steps:>9.2f}"
        f"   (before {cpp_before['summary only']:.2f}, after {cpp_after['summary only']:.2f},"
        f" median of {args.cpp_repeats} each)"
    )
    print(f"{'C++ fluid, with timeline':<34} {cpp_tl_ms:>10.2f} {cpp_tl_ms * 1e3 / steps:>9.2f}")
    print(
        f"{'SimPy fluid (summary only)':<34} {py['ms_per_run']:>10.1f} "
        f"{py['ms_per_run'] * 1e3 / steps:>9.2f}"
        f"   (median of {args.simpy_repeats}, wall {py['wall_s']:.1f} s)"
    )
    print(
        f"speed ratio SimPy / C++ (summary only, like for like): {py['ms_per_run'] / cpp_ms:.1f}x"
    )
    print(f"speed ratio SimPy / C++ with timeline: {py['ms_per_run'] / cpp_tl_ms:.1f}x")
    if failures:
        print("DISAGREEMENT: " + "; ".join(failures))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
