"""Instructions per fluid run, counted by callgrind: a speed figure that does not move with the
machine's load.

Wall-clock times on shared cores can move by a third from one run to the next; the number of
instructions a run executes does not. This runs bench_fluid once (summary only, then with the
timeline) under `valgrind --tool=callgrind` and prints the instructions spent in
`autoscalesim::simulate` per run and per step, for one binary or, with --against, for two (e.g.
a build of main and one of a change) and their ratio. Fewer instructions is not always less
time (cache misses and long-latency operations are not counted), so report both.

usage: python bench/count_instructions.py [--bench-bin PATH] [--against PATH] [--trace CSV]
Needs valgrind (Debian: apt-get install valgrind).
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STEPS = 43_200  # bench_fluid's 30 days of one-minute steps
SIMULATE = re.compile(r"^\s*([\d,]+)\s+\([^)]*\)\s+\S*autoscalesim::simulate\(")


def simulate_instructions(binary: Path, trace: Path, timeline: bool) -> int:
    """Instructions inside autoscalesim::simulate for one run of bench_fluid (one repeat)."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "callgrind.out"
        args = [str(binary), str(trace), "1"] + ([] if timeline else ["--summary-only"])
        subprocess.run(["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}", *args],
                       check=True, capture_output=True, text=True)
        report = subprocess.run(["callgrind_annotate", "--inclusive=yes", str(out)], check=True,
                                capture_output=True, text=True).stdout
    for line in report.splitlines():
        m = SIMULATE.match(line)
        if m:
            return int(m.group(1).replace(",", ""))
    raise RuntimeError(f"{binary}: no autoscalesim::simulate in callgrind's report")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--bench-bin", type=Path, default=ROOT / "build/release/bench/bench_fluid")
    ap.add_argument("--against", type=Path, help="a second bench_fluid binary to compare")
    ap.add_argument("--trace", type=Path,
                    default=ROOT / "traces" / "nasa_http_1995_07_per_minute.csv")
    args = ap.parse_args()
    for tool in ("valgrind", "callgrind_annotate"):
        if shutil.which(tool) is None:
            print(f"error: {tool} not found (Debian: apt-get install valgrind)", file=sys.stderr)
            return 2
    binaries = [args.bench_bin] + ([args.against] if args.against else [])
    for b in binaries:
        if not b.is_file():
            print(f"error: {b}: no such binary (make build, or --bench-bin)", file=sys.stderr)
            return 2
    # The run with the timeline includes the summary run's instructions: bench_fluid does both.
    print(f"{'binary':40} {'configuration':14} {'instructions':>14} {'per step':>9}")
    counts = {}
    for b in binaries:
        summary = simulate_instructions(b, args.trace, timeline=False)
        both = simulate_instructions(b, args.trace, timeline=True)
        counts[b] = (summary, both - summary)
        for name, n in (("summary only", summary), ("with timeline", both - summary)):
            print(f"{str(b)[-40:]:40} {name:14} {n:14,d} {n / STEPS:9.0f}")
    if args.against:
        a, b = counts[args.bench_bin], counts[args.against]
        print(f"times fewer instructions with --against: summary only {a[0] / b[0]:.3f}, "
              f"with timeline {a[1] / b[1]:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
