#!/usr/bin/env bash
# Configures and builds sightline (Release, Ninja) into build/release. Incremental.
set -euo pipefail
cd "$(dirname "$0")/.."
cmake --preset release >/dev/null
cmake --build --preset release
