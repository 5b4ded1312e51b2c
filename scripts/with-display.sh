#!/usr/bin/env bash
# Runs a command with an X display for OpenGL: the current one if DISPLAY is set, else a
# private Xvfb server (software rendering, Mesa llvmpipe) started here and stopped after.
set -euo pipefail
if [ -n "${DISPLAY:-}" ] && xdpyinfo >/dev/null 2>&1; then
  exec "$@"
fi
for n in $(seq 90 140); do
  [ -e "/tmp/.X${n}-lock" ] || [ -e "/tmp/.X11-unix/X${n}" ] || break
done
Xvfb ":$n" -screen 0 1920x1080x24 -nolisten tcp >/dev/null 2>&1 &
XVFB_PID=$!
trap 'kill $XVFB_PID 2>/dev/null || true' EXIT
for _ in $(seq 1 50); do
  [ -e "/tmp/.X11-unix/X${n}" ] && break
  sleep 0.1
done
export DISPLAY=":$n"
echo "with-display: Xvfb on $DISPLAY"
"$@"
