#!/usr/bin/env bash
# Builds the parser fuzz targets with clang (libFuzzer + ASan + UBSan) in their own build directory
# and runs each for a fixed number of inputs from its seed corpus under tests/fuzz/corpus/<name>/.
# Exits non-zero on a crash, a hang, a sanitizer report or an unexpected exception.
#   ASIM_FUZZ_RUNS (default 20000)   inputs per target
#   ASIM_FUZZ_BUILD_DIR              build directory (default build/fuzz)
#   ASIM_JOBS (default 2)            build parallelism
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
build=${ASIM_FUZZ_BUILD_DIR:-$root/build/fuzz}
runs=${ASIM_FUZZ_RUNS:-20000}
cxx=${ASIM_FUZZ_CXX:-$(command -v clang++-14 || command -v clang++)}
targets=(csv cloudwatch access_log json_trace scenario aws_policy aws_activities)

cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER="$cxx" \
  -DASIM_BUILD_FUZZ=ON -DASIM_BUILD_TESTS=OFF -DASIM_BUILD_TOOLS=OFF -DASIM_BUILD_BENCH=OFF \
  -DASIM_INSTALL=OFF >"$build.configure.log" 2>&1 || { cat "$build.configure.log"; exit 1; }
cmake --build "$build" -j "${ASIM_JOBS:-2}" --target "${targets[@]/#/fuzz_}"

status=0
for name in "${targets[@]}"; do
  # New inputs go to a scratch directory (the first one given), never into the committed corpus.
  work="$build/work/$name"
  rm -rf "$work" && mkdir -p "$work"
  log="$build/work/$name.log"
  if "$build/tests/fuzz/fuzz_$name" -runs="$runs" -seed=1 -max_len=4096 -timeout=10 -rss_limit_mb=2048 \
       -artifact_prefix="$build/work/$name-" "$work" "$here/corpus/$name" >"$log" 2>&1; then
    echo "fuzz_$name: $runs runs, no finding"
  else
    echo "fuzz_$name: FAILED (log: $log)"
    tail -n 40 "$log"
    status=1
  fi
done
exit $status
