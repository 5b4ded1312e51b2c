#!/usr/bin/env bash
# The optimiser over MPI ranks, end to end through the CLI: a generated city
# (bench/make_city.py --optimise) in one process, then on 1, 2 and 4 ranks. Prints wall time,
# peak memory (per rank under MPI) and whether the plan is the same; figures and their reading
# in bench/README.md.
#   bench/optimise_scale.sh [build dir, default build/release] [city km, default 1] [new cameras, default 20]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build/release}
km=${2:-1}
cams=${3:-20}
sl=$build/app/sightline
work=$(mktemp -d /tmp/sightline-optscale.XXXXXX)
trap 'rm -rf "$work"' EXIT
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1

python3 "$root/bench/make_city.py" --size-km "$km" --cameras 0 --optimise "$cams" --out "$work/city"
/usr/bin/time -f '%e %M' -o "$work/time" "$sl" optimise "$work/city/city.yaml" -o "$work/one" 2> "$work/log1p" > /dev/null
read -r s kb < "$work/time"
summary() { python3 -c "import json,sys; j=json.load(open(sys.argv[1])); print(j['candidates'], 'candidates,', j['matrix']['targets'], 'targets,', j['matrix']['memory_mb'], 'MB matrix; plan', j['plan']['method'], round(j['plan']['objective']))" "$1"; }
phases() { python3 -c "import json,sys; j=json.load(open(sys.argv[1])); print(f\"matrix {j['matrix']['seconds']:.1f} s, search {j['seconds_solve']:.1f} s\")" "$1"; }
printf '%-14s %8.2f s (%s)   peak %6.0f MB   %s\n' "one process" "$s" "$(phases "$work/one/optimise.json")" "$((kb / 1024))" "$(summary "$work/one/optimise.json")"
if ! command -v mpirun > /dev/null; then echo "mpirun not found: no MPI figures"; exit 0; fi
for n in 1 2 4; do
  start=$(date +%s.%N)
  mpirun --oversubscribe -np "$n" "$sl" optimise "$work/city/city.yaml" -o "$work/m$n" 2> "$work/log$n" > /dev/null
  end=$(date +%s.%N)
  cmp -s "$work/one/optimised.yaml" "$work/m$n/optimised.yaml" && same=identical || same=DIFFERENT
  peaks=$(grep -o 'rank [0-9]*: rows [0-9.]*, peak memory [0-9.]* [MG]B' "$work/log$n" | sed 's/.*peak memory //' | paste -sd, -)
  printf 'mpirun -np %d  %8.2f s (%s)   peak per rank: %s   optimised.yaml %s\n' "$n" "$(echo "$end - $start" | bc -l)" \
    "$(phases "$work/m$n/optimise.json")" "$peaks" "$same"
done
