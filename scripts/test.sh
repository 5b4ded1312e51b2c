#!/usr/bin/env bash
# The README's second command: installs what is missing, builds, and runs every test (ctest).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
bash scripts/build.sh
# GUI and rendering tests need an X display: Xvfb when none is set.
bash scripts/with-display.sh ctest --preset release --output-on-failure -j "$(nproc)"
