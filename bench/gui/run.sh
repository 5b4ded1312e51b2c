#!/usr/bin/env bash
# Frame time and per-move coverage update of `sightline gui` on the sample city, in a real
# window (Xvfb with Mesa llvmpipe when no display is set: software rendering, so frame times
# are an upper bound for any machine with a GPU).
set -euo pipefail
cd "$(dirname "$0")/../.."
exec bash scripts/with-display.sh build/release/app/sightline gui scenarios/delft.yaml \
  --script bench/gui/delft.yaml --size "${1:-1600x960}"
