#!/usr/bin/env bash
# An idle workbench window draws nothing (issue #17): the GUI is opened on a scenario with no
# script (a person's session), left alone, and its CPU time read from /proc/<pid>/stat. Once
# the scenario has loaded, some 3-second window must use under LIMIT_PCT of one core; a window
# that redraws all the time uses most of a core in every window and never passes. Generous on
# purpose (a loaded 2-core machine stretches the load, not the idle).
# With a script, the window is left alone after it (the script ends with `hand_over`): e.g. a
# paused agents timeline must not draw either.
# Usage: idle_cpu_test.sh <sightline> <scenario.yaml> [limit_pct] [script.yaml]   (needs an X display)
set -euo pipefail
SL=$1 SCENARIO=$2 LIMIT_PCT=${3:-15} SCRIPT=${4:-}
WINDOW_S=3 MAX_S=90
tmp=$(mktemp -d)
export HOME=$tmp XDG_CONFIG_HOME=$tmp  # recent-files list kept out of the user's
"$SL" gui "$SCENARIO" --size 1280x720 ${SCRIPT:+--script "$SCRIPT"} >"$tmp/out.log" 2>&1 &
pid=$!
cleanup() { kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; rm -rf "$tmp"; }
trap cleanup EXIT
ticks_per_s=$(getconf CLK_TCK)
cpu_ticks() {  # utime + stime (fields 14 and 15; the name in field 2 has no spaces here)
  awk '{print $14 + $15}' "/proc/$pid/stat"
}
elapsed=0 best=1000
while [ "$elapsed" -lt "$MAX_S" ]; do
  kill -0 "$pid" 2>/dev/null || { echo "the GUI exited early:"; cat "$tmp/out.log"; exit 1; }
  t0=$(cpu_ticks) s0=$(date +%s.%N)
  sleep "$WINDOW_S"
  t1=$(cpu_ticks) s1=$(date +%s.%N)
  elapsed=$((elapsed + WINDOW_S))
  pct=$(awk -v a="$t0" -v b="$t1" -v s="$s0" -v e="$s1" -v hz="$ticks_per_s" \
        'BEGIN { printf "%.1f", 100 * (b - a) / hz / (e - s) }')
  echo "after ${elapsed} s: ${pct} % of a core over the last ${WINDOW_S} s"
  best=$(awk -v a="$best" -v b="$pct" 'BEGIN { print (b < a ? b : a) }')
  if awk -v p="$pct" -v l="$LIMIT_PCT" 'BEGIN { exit !(p < l) }'; then
    echo "idle: ${pct} % of a core (limit ${LIMIT_PCT} %)"
    exit 0
  fi
done
echo "never idle: the lowest was ${best} % of a core in a ${WINDOW_S} s window (limit ${LIMIT_PCT} %)"
exit 1
