#!/usr/bin/env bash
# Builds the libFuzzer targets (preset `fuzz`: clang-14, ASan + UBSan) and runs each for
# SECONDS (default 60), seeded from fuzz/seeds/<target>/ plus what earlier runs found
# (build/fuzz/corpus/<target>/). A crash, leak, sanitizer report or uncaught exception leaves
# its input in build/fuzz/findings/<target>/ and makes the script exit 1 after all targets ran.
#   scripts/fuzz.sh 30              # CI smoke run
#   scripts/fuzz.sh 600 cityjson    # one target, longer
#   FUZZ_KEEP_GOING=1 scripts/fuzz.sh 1800   # campaign: go on after a finding, collect them all
#   FUZZ_JOBS=4 scripts/fuzz.sh 30  # up to 4 targets at a time (each still runs SECONDS)
#   FUZZ_KEEP_GOING=1 FUZZ_FORKS=2 scripts/fuzz.sh 3600 osm  # a campaign on 2 cores, one target
#   FUZZ_PRESET=fuzz-ubsan scripts/fuzz.sh 3600 osm   # UBSan alone: where ASan's allocator is
#                                   # most of the time (GDAL's OSM driver), about twice the
#                                   # executions; same corpus and findings folders as the ASan build
# Reproduce a finding: build/fuzz/fuzz/fuzz_<target> build/fuzz/findings/<target>/crash-...
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(scenario cityjson citygml geojson osm osm_tags tif)

preset=${FUZZ_PRESET:-fuzz}
cmake --preset "$preset" >/dev/null
cmake --build --preset "$preset" -j "${FUZZ_BUILD_JOBS:-2}"

declare -A dict=([scenario]=scenario [cityjson]=json [citygml]=gml [geojson]=json [osm]=osm [osm_tags]=osm_tags)
# libcitygml leaks what it had built when Xerces stops on malformed XML (tools/lsan.supp), so
# almost every mutated input would start a leak scan: ten times slower for reports that are
# all suppressed. Its leak checking is off; every other target keeps it.
declare -A leaks=([citygml]=0)
# Runs one target; its summary goes to build/<preset>/fuzz_<target>.result, its first line "ok" or
# "failed", so that targets can run side by side and still report in order.
run_target() {
  local target=$1
  local corpus=build/fuzz/corpus/$target findings=build/fuzz/findings/$target
  local log=build/$preset/fuzz_$target.log result=build/$preset/fuzz_$target.result
  mkdir -p "$corpus" "$findings"
  rm -f "$result"
  local args=(-max_total_time="$seconds" -timeout=20 -rss_limit_mb=4096 -print_final_stats=1
              -artifact_prefix="$findings/")
  [ -n "${dict[$target]:-}" ] && args+=(-dict="fuzz/dicts/${dict[$target]}.dict")
  [ -n "${FUZZ_KEEP_GOING:-}" ] && args+=(-fork="${FUZZ_FORKS:-1}" -ignore_crashes=1 -ignore_ooms=1 -ignore_timeouts=1)
  # GDAL and PROJ keep caches in process-wide singletons on purpose: reachable, not leaks.
  if ASAN_OPTIONS=detect_leaks=${leaks[$target]:-1}:allocator_may_return_null=1 LSAN_OPTIONS=suppressions=$PWD/tools/lsan.supp UBSAN_OPTIONS=print_stacktrace=1 \
      "build/$preset/fuzz/fuzz_$target" "${args[@]}" "$corpus" "fuzz/seeds/$target" >"$log" 2>&1; then
    {
      # The last "#N" status line holds the executions (in plain and fork mode alike).
      local status=ok
      # Fork mode goes on after findings: count them from the artifacts.
      [ -n "${FUZZ_KEEP_GOING:-}" ] && [ -n "$(ls -A "$findings")" ] && status=failed
      echo "$status"
      echo "fuzz_$target: $(grep -oE '^#[0-9]+' "$log" | tail -n 1 | tr -d "#") executions"
      [ "$status" = failed ] && echo "fuzz_$target: $(ls "$findings" | wc -l) finding(s) in $findings/ (see $log)"
    } >"$result"
  else
    { echo failed; tail -n 60 "$log"; echo "fuzz_$target FAILED: input in $findings/, log in $log"; } >"$result"
  fi
}

jobs_at_once=${FUZZ_JOBS:-1}
for target in "${targets[@]}"; do
  echo "== fuzz_$target for ${seconds}s"
  while [ "$(jobs -rp | wc -l)" -ge "$jobs_at_once" ]; do wait -n || true; done
  run_target "$target" &
done
wait
failed=()
for target in "${targets[@]}"; do
  result=build/$preset/fuzz_$target.result
  if [ ! -f "$result" ]; then
    echo "fuzz_$target: no result (the run was cut short)"
    failed+=("$target")
    continue
  fi
  tail -n +2 "$result"
  [ "$(head -n 1 "$result")" = ok ] || failed+=("$target")
done
if [ ${#failed[@]} -gt 0 ]; then
  echo "fuzzers with findings: ${failed[*]}"
  exit 1
fi
echo "all fuzzers ran ${seconds}s each without a finding"
