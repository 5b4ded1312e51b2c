#!/usr/bin/env bash
# Builds the libFuzzer targets (preset `fuzz`: clang-14, ASan + UBSan) and runs each for
# SECONDS (default 60), seeded from fuzz/seeds/<target>/ plus what earlier runs found
# (build/fuzz/corpus/<target>/). A crash, leak, sanitizer report or uncaught exception leaves
# its input in build/fuzz/findings/<target>/ and makes the script exit 1 after all targets ran.
#   scripts/fuzz.sh 30              # CI smoke run
#   scripts/fuzz.sh 600 cityjson    # one target, longer
#   FUZZ_KEEP_GOING=1 scripts/fuzz.sh 1800   # campaign: go on after a finding, collect them all
# Reproduce a finding: build/fuzz/fuzz/fuzz_<target> build/fuzz/findings/<target>/crash-...
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(scenario cityjson citygml geojson osm tif)

cmake --preset fuzz >/dev/null
cmake --build --preset fuzz -j "${FUZZ_BUILD_JOBS:-2}"

declare -A dict=([scenario]=scenario [cityjson]=json [citygml]=gml [geojson]=json [osm]=osm)
# libcitygml leaks what it had built when Xerces stops on malformed XML (tools/lsan.supp), so
# almost every mutated input would start a leak scan: ten times slower for reports that are
# all suppressed. Its leak checking is off; every other target keeps it.
declare -A leaks=([citygml]=0)
failed=()
for target in "${targets[@]}"; do
  corpus=build/fuzz/corpus/$target
  findings=build/fuzz/findings/$target
  mkdir -p "$corpus" "$findings"
  args=(-max_total_time="$seconds" -timeout=20 -rss_limit_mb=4096 -print_final_stats=1
        -artifact_prefix="$findings/")
  [ -n "${dict[$target]:-}" ] && args+=(-dict="fuzz/dicts/${dict[$target]}.dict")
  [ -n "${FUZZ_KEEP_GOING:-}" ] && args+=(-fork=1 -ignore_crashes=1 -ignore_ooms=1 -ignore_timeouts=1)
  echo "== fuzz_$target for ${seconds}s"
  log=build/fuzz/fuzz_$target.log
  # GDAL and PROJ keep caches in process-wide singletons on purpose: reachable, not leaks.
  if ASAN_OPTIONS=detect_leaks=${leaks[$target]:-1}:allocator_may_return_null=1 LSAN_OPTIONS=suppressions=$PWD/tools/lsan.supp UBSAN_OPTIONS=print_stacktrace=1 \
      "build/fuzz/fuzz/fuzz_$target" "${args[@]}" "$corpus" "fuzz/seeds/$target" >"$log" 2>&1; then
    # The last "#N" status line holds the executions (in plain and fork mode alike).
    echo "fuzz_$target: $(grep -oE '^#[0-9]+' "$log" | tail -n 1 | tr -d "#") executions"
    # Fork mode goes on after findings: count them from the artifacts.
    if [ -n "${FUZZ_KEEP_GOING:-}" ] && [ -n "$(ls -A "$findings")" ]; then
      failed+=("$target")
      echo "fuzz_$target: $(ls "$findings" | wc -l) finding(s) in $findings/ (see $log)"
    fi
  else
    failed+=("$target")
    tail -n 60 "$log"
    echo "fuzz_$target FAILED: input in $findings/, log in $log"
  fi
done
if [ ${#failed[@]} -gt 0 ]; then
  echo "fuzzers with findings: ${failed[*]}"
  exit 1
fi
echo "all fuzzers ran ${seconds}s each without a finding"
