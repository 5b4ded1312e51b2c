#!/usr/bin/env bash
# ThreadSanitizer run of the coverage, incremental-update (LiveCoverage, Coverage::Sync) and
# optimiser tests (preset `tsan`). Why it runs on one CPU and what tools/tsan.supp silences:
# see that file. Exit 1 on any report (halt_on_error), with the report on stderr.
#   scripts/tsan.sh                # the default selection
#   scripts/tsan.sh 'Coverage*'    # a gtest filter of your own
set -euo pipefail
cd "$(dirname "$0")/.."
filter=${1:-'Coverage.*:DelftCoverage.*:TinyInstances.*:Optimise.*:Candidates.*:DelftProject.*:Project.*:CameraHistory.*'}
cmake --preset tsan >/dev/null
cmake --build --preset tsan -j "${TSAN_BUILD_JOBS:-2}"
export TSAN_OPTIONS="suppressions=$PWD/tools/tsan.supp halt_on_error=1 second_deadlock_stack=1 history_size=4"
taskset -c 0 build/tsan/tests/sightline_tests --gtest_filter="$filter"
