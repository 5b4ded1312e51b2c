#!/usr/bin/env bash
# The README's first command: installs what is missing, builds, and runs the main job on the
# bundled real sample city (Delft centre). Outputs go to the folder printed at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
bash scripts/build.sh
OUT="${1:-out/demo}"
mkdir -p "$OUT"
SL=build/release/app/sightline
echo
echo "== sightline info scenarios/delft.yaml"
"$SL" info scenarios/delft.yaml | tee "$OUT/city-info.txt"
"$SL" info --json scenarios/delft.yaml > "$OUT/city-info.json"
echo
echo "== sightline export-mesh scenarios/delft.yaml -o $OUT/delft-city.ply"
"$SL" export-mesh scenarios/delft.yaml -o "$OUT/delft-city.ply"
"$SL" export-mesh scenarios/delft.yaml -o "$OUT/delft-city.obj"
echo
echo "Outputs written to $(cd "$OUT" && pwd):"
ls -1 "$OUT"
