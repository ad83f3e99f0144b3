#!/usr/bin/env bash
# The command under SIGTERM and SIGINT, with real signals: a search is stopped once its first
# progress line is out (an event, not a timer), writes the policies evaluated so far and exits
# 143 (SIGTERM) or 130 (SIGINT); with --force, partial results never replace complete ones.
# usage: signals.sh AUTOSCALESIM WORKDIR
set -u
tool=$1
work=$2
rm -rf "$work" && mkdir -p "$work" || exit 1
fail() { echo "FAIL: $*"; exit 1; }

# 30 days of minutes and 1,500 policies: minutes of work, stopped after the first batch.
cat > "$work/s.json" <<'JSON'
{"version": 1,
 "trace": {"generator": {"kind": "seasonal", "intervals": 43200, "mean_rate_per_s": 3}},
 "endpoint": {"instance_type": {"workers": 1, "service_time_s": 1.0}},
 "scaling": {"policies": [{"type": "target_tracking", "target_value": 30}]},
 "optimize": {"space": [{"parameter": "min_capacity", "low": 1, "high": 3, "step": 1},
                        {"parameter": "target_value", "low": 1, "high": 500, "step": 1}]}}
JSON

# Starts a search in the background and sends `sig` once it has reported progress; prints the
# exit code.
stop_after_progress() {
    local sig=$1 out=$2
    shift 2
    "$tool" optimize "$work/s.json" --out "$out" --threads 1 "$@" > "$out.out" 2> "$out.err" &
    local pid=$!
    for _ in $(seq 1 1200); do
        grep -q "evaluated" "$out.err" 2>/dev/null && break
        sleep 0.05
    done
    kill "-$sig" "$pid"
    wait "$pid"
    echo $?
}

code=$(stop_after_progress TERM "$work/term")
[ "$code" = 143 ] || fail "SIGTERM: exit $code, expected 143 ($(cat "$work/term.err"))"
grep -q '"stop_reason": "cancelled"' "$work/term/summary.json" || fail "SIGTERM: no partial results"
grep -q "terminated (SIGTERM)" "$work/term.err" || fail "SIGTERM: not said"

"$tool" optimize "$work/s.json" --out "$work/kept" --max-evaluations 3 --quiet || fail "small run"
code=$(stop_after_progress INT "$work/kept" --force)
[ "$code" = 130 ] || fail "SIGINT: exit $code, expected 130"
grep -q '"stop_reason": "evaluation cap reached"' "$work/kept/summary.json" ||
    fail "--force: the complete results were replaced"
grep -q '"stop_reason": "cancelled"' "$work/kept.partial/summary.json" ||
    fail "--force: no partial results beside them"
grep -q "are kept" "$work/kept.err" || fail "--force: not said"
echo "signals: 2 passed, 0 failed"
