#!/usr/bin/env bash
# Installs the built wheel into a fresh virtual environment, from binaries only (no compiler is
# run or reachable: PATH holds the environment alone), and runs the command and the Python API
# from a folder outside the repository, on the bundled data.
#   tests/wheel/check.sh dist/autoscalesim-*.whl
set -euo pipefail
wheel=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 -m venv "$work/venv"
"$work/venv/bin/python" -m pip install -q --only-binary :all: "$wheel"
cd "$work"
# PATH: the environment and a few text tools, nothing that compiles
mkdir tools
for tool in grep cmp rm; do ln -s "$(command -v "$tool")" "tools/$tool"; done
export PATH="$work/venv/bin:$work/tools" CC=false CXX=false
for tool in g++ c++ cc cmake ninja; do
  if command -v "$tool" >/dev/null; then echo "check.sh: $tool is on PATH" >&2; exit 1; fi
done

version=$(autoscalesim --version)
[[ $version == "autoscalesim "* ]] || { echo "unexpected: $version" >&2; exit 1; }
nasa=$(python -c 'import autoscalesim as a; print(a.datasets.path(a.datasets.NASA_JULY_1995))')
autoscalesim trace-stats "$nasa" | grep -q '^requests        1891672$'
python -m autoscalesim recommend "$nasa" --instance-type ml.g4dn.xlarge --p99 5 \
  --service-time 1 --service-cv 0.5 --startup-s 381 --initial-capacity 2 --out rec --quiet
test -s rec/aws/register-scalable-target.json
autoscalesim simulate rec/scenario.json --out again --quiet
cmp rec/summary.json again/summary.json
python - <<'PY'
import autoscalesim as asim

trace = asim.datasets.nasa_july_1995()
endpoint = asim.Endpoint(asim.InstanceType("ml.g4dn.xlarge", price_per_hour=0.736, workers=1,
                                           service_time_s=1.0, service_cv=0.5),
                         initial_capacity=2, startup=asim.Startup.lognormal(381, 0.2))
r = asim.simulate(trace, endpoint, [asim.TargetTracking(target_value=30)], min_capacity=1,
                  max_capacity=20, slo_latency_s=5.0, seed=42)
# the demo's figures (README): $1120.39, p99 9.027 s
assert round(r.summary["cost_usd"], 2) == 1120.39, r.summary["cost_usd"]
assert round(r.summary["p99_latency_s"], 3) == 9.027, r.summary["p99_latency_s"]
print("wheel: command, python -m, recommend, simulate and the API work from", __import__("os").getcwd())
PY
