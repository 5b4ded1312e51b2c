#!/usr/bin/env bash
# The README's first command: installs what is missing, builds, and runs the main job on the
# bundled real sample city (Delft centre): camera coverage maps, GIS layers, figures and the
# PDF project report, then compares the plan with a planned extension and measures the
# people-time the cameras see of walkers crossing the plaza, and renders labelled video of them.
# Outputs go to the folder printed at the end (default out/demo, or the first argument).
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
echo
echo "== sightline report scenarios/delft.yaml -o $OUT"
# Camera-eye thumbnails in the report and the GUI screenshot need a display (Xvfb if none).
bash scripts/with-display.sh "$SL" report scenarios/delft.yaml -o "$OUT"
echo
echo "== sightline compare scenarios/delft.yaml scenarios/delft-planned.yaml -o $OUT/compare"
"$SL" compare scenarios/delft.yaml scenarios/delft-planned.yaml -o "$OUT/compare"
"$SL" export-mesh scenarios/delft.yaml -o "$OUT/delft-city.ply" --quiet
echo
echo "== sightline agents scenarios/delft.yaml -o $OUT/agents"
"$SL" agents scenarios/delft.yaml -o "$OUT/agents"
echo
echo "== sightline feeds scenarios/delft.yaml -o $OUT/feeds (4 s of video from two cameras)"
bash scripts/with-display.sh "$SL" feeds scenarios/delft.yaml -o "$OUT/feeds"   # its feeds: section
echo
echo "== sightline network scenarios/delft.yaml -o $OUT/network (closed form and ns-3)"
"$SL" network scenarios/delft.yaml -o "$OUT/network"
echo
echo "== sightline gui scenarios/delft.yaml --screenshot $OUT/gui.png"
bash scripts/with-display.sh "$SL" gui scenarios/delft.yaml --screenshot "$OUT/gui.png" --size 1600x960
echo
echo "Outputs written to $(cd "$OUT" && pwd):"
ls -1 "$OUT"
