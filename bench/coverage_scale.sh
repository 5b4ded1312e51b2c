#!/usr/bin/env bash
# Coverage at scale, end to end through the CLI (each run a fresh process, so its peak memory
# is its own): Monaco with 0 cameras (31 M cells: grid set-up and output writers), then a
# generated city (bench/make_city.py) on 1, 2 and 4 MPI ranks, writing one coverage.tif and
# per-rank tiles under coverage.vrt (--tiles always). Prints wall time, peak memory and bytes
# per cell; figures and their reading in bench/README.md.
#   bench/coverage_scale.sh [build dir, default build/release] [city km, default 4] [cameras, default 400]
#   SKIP_MONACO=1: the generated city only
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build/release}
km=${2:-4}
cams=${3:-400}
sl=$build/app/sightline
work=$(mktemp -d /tmp/sightline-scale.XXXXXX)
trap 'rm -rf "$work"' EXIT
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1

cells() { python3 -c "import json,sys; g=json.load(open(sys.argv[1]))['grid']; print(g['columns']*g['rows'])" "$1"; }

# One process: wall seconds and peak RSS (GNU time) -> "s MB bytes/cell".
one() {  # scenario out
  /usr/bin/time -f '%e %M' -o "$work/time" "$sl" coverage "$1" -o "$2" -q
  read -r s kb < "$work/time"
  n=$(cells "$2/summary.json")
  printf '%8.2f s %8.0f MB %6.0f B/cell  (%d cells)\n' "$s" "$((kb / 1024))" "$(echo "$kb * 1024 / $n" | bc -l)" "$n"
}

if [ -z "${SKIP_MONACO:-}" ]; then
  echo "== Monaco, 0 cameras, one process"
  one "$root/scenarios/monaco.yaml" "$work/monaco"
fi

echo "== Synthetic city ${km} x ${km} km, ${cams} cameras (bench/make_city.py)"
python3 "$root/bench/make_city.py" --size-km "$km" --cameras "$cams" --out "$work/city" > /dev/null
printf '%-12s' "1 process"; one "$work/city/city.yaml" "$work/c1"
if ! command -v mpirun > /dev/null; then echo "mpirun not found: no MPI figures"; exit 0; fi
checksums() { gdalinfo -checksum "$1" | grep -o 'Checksum=[0-9]*' | head -4 | paste -sd, -; }
reference=$(checksums "$work/c1/coverage.tif")
for tiles in never always; do
  for n in 1 2 4; do
    start=$(date +%s.%N)
    mpirun --oversubscribe -np "$n" "$sl" coverage "$work/city/city.yaml" --tiles "$tiles" -o "$work/m$n" \
      2> "$work/log$n" > /dev/null
    end=$(date +%s.%N)
    if [ "$tiles" = never ]; then
      cmp -s "$work/c1/coverage.tif" "$work/m$n/coverage.tif" && same="coverage.tif identical" || same="coverage.tif DIFFERENT"
    else  # the full-resolution bands' checksums through GDAL
      [ "$(checksums "$work/m$n/coverage.vrt")" = "$reference" ] && same="coverage.vrt same pixels" || same="coverage.vrt DIFFERENT"
    fi
    peaks=$(grep -o 'peak memory [0-9.]* [MG]B' "$work/log$n" | sed 's/peak memory //' | paste -sd, -)
    printf 'mpirun -np %d --tiles %-6s %8.2f s   peak per rank: %s   %s\n' "$n" "$tiles" "$(echo "$end - $start" | bc -l)" "$peaks" "$same"
    rm -rf "$work/m$n"
  done
done
