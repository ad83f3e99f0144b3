#!/usr/bin/env bash
# The HTML report (--report) rendered by headless Chromium: it loads with no console message,
# shows every figure (one SVG per chart) and one table row per scaling activity.
# usage: report.sh AUTOSCALESIM WORKDIR
set -u
tool=$1
work=$2
root=$(cd "$(dirname "$0")/../.." && pwd)
rm -rf "$work" && mkdir -p "$work" || exit 1
fail() { echo "FAIL: $*"; exit 1; }
browser=$(command -v chromium || command -v chromium-browser) ||
  fail "chromium is needed (Debian's chromium package; make setup installs it)"

render() { # page -> DOM on stdout, browser log in $1.log
  timeout 120 "$browser" --headless --disable-gpu --no-sandbox --enable-logging=stderr --v=0 \
    --user-data-dir="$work/profile" --dump-dom "file://$1" 2> "$1.log"
}

"$tool" simulate "$root/examples/scenarios/nasa_target_tracking.json" --out "$work/sim" \
  --report "$work/sim.html" --quiet || fail "simulate --report"
dom=$(render "$work/sim.html") || fail "chromium could not render sim.html"
grep -q "CONSOLE" "$work/sim.html.log" && fail "console messages: $(grep CONSOLE "$work/sim.html.log")"
[[ $(grep -o "<svg" <<<"$dom" | wc -l) -eq 1 ]] || fail "sim.html: expected the timeline figure"
grep -q "cost            \$1120.39" "$work/sim.html" || grep -q "\$1120.39" <<<"$dom" ||
  fail "sim.html: the cost is not shown"
rows=$(( $(wc -l < "$work/sim/activities.csv") - 1 ))
shown=$(grep -o "<tr><td>" <<<"$dom" | wc -l)
[[ $shown -eq $(( rows < 1000 ? rows : 1000 )) ]] || fail "sim.html: $shown activity rows, expected $rows"

# an existing report is kept unless --force
"$tool" simulate "$root/examples/scenarios/nasa_target_tracking.json" --out "$work/sim2" \
  --report "$work/sim.html" --quiet 2> "$work/err" && fail "an existing report was replaced"
grep -q "exists; pass --force" "$work/err" || fail "no message for an existing report"

"$tool" recommend "$root/traces/nasa_http_1995_07_per_minute.csv" --instance-type ml.g4dn.xlarge \
  --p99 5 --service-time 1 --service-cv 0.5 --startup-s 381 --initial-capacity 2 \
  --report "$work/rec.html" --quiet || fail "recommend --report"
dom=$(render "$work/rec.html") || fail "chromium could not render rec.html"
grep -q "CONSOLE" "$work/rec.html.log" && fail "console messages in rec.html"
[[ $(grep -o "<svg" <<<"$dom" | wc -l) -eq 2 ]] || fail "rec.html: expected the front and the timeline"
grep -q "rule of thumb" <<<"$dom" || fail "rec.html: no comparison with the rule of thumb"
"$tool" optimize "$root/examples/scenarios/nasa_optimize.json" --out "$work/opt" \
  --report "$work/opt.html" --quiet || fail "optimize --report"
dom=$(render "$work/opt.html") || fail "chromium could not render opt.html"
grep -q "CONSOLE" "$work/opt.html.log" && fail "console messages in opt.html"
[[ $(grep -o "<svg" <<<"$dom" | wc -l) -eq 1 ]] || fail "opt.html: expected the front"
[[ $(grep -o "<circle cx" <<<"$dom" | wc -l) -eq 18 ]] || fail "opt.html: expected 18 policies"
echo "report: sim.html, rec.html and opt.html render with every figure and no console message"
