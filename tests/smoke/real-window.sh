#!/usr/bin/env bash
# Real-window smoke test: start the release binary under a private Xvfb on the bundled example,
# wait for its first frame, screenshot it, check it is alive and the picture is not blank,
# measure the time to the first frame and the CPU the idle app uses over 10 seconds.
#
# Usage: tests/smoke/real-window.sh [BINARY] [OUT_DIR]
#   BINARY   default target/release/hazard-workshop
#   OUT_DIR  default target/smoke (screenshot.png, app.log, smoke.json)
# Needs: xvfb, xdotool, imagemagick (import, convert). Kills only what it started.
set -euo pipefail
cd "$(dirname "$0")/../.."

BIN=${1:-target/release/hazard-workshop}
OUT=${2:-target/smoke}
IDLE_SECONDS=${IDLE_SECONDS:-10}
# The idle app must use next to no CPU: egui repaints only on input.
MAX_IDLE_CPU_PERCENT=${MAX_IDLE_CPU_PERCENT:-2}
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
[ -x "$BIN" ] || { echo "smoke: $BIN is not built (cargo build --release)" >&2; exit 2; }
for tool in Xvfb xdpyinfo xdotool import convert; do
  command -v "$tool" >/dev/null || { echo "smoke: $tool is missing (apt-get install xvfb x11-utils xdotool imagemagick)" >&2; exit 2; }
done

# A private display, and private settings/data folders so the run starts like a first start.
HOME_DIR=$(mktemp -d)
RUNTIME_DIR=$(mktemp -d)
chmod 700 "$RUNTIME_DIR"
Xvfb -displayfd 3 -screen 0 1280x800x24 -nolisten tcp 3>"$HOME_DIR/display" 2>/dev/null &
XVFB_PID=$!
APP_PID=""
cleanup() {
  [ -n "$APP_PID" ] && kill "$APP_PID" 2>/dev/null || true
  kill "$XVFB_PID" 2>/dev/null || true
  rm -rf "$HOME_DIR" "$RUNTIME_DIR"
}
trap cleanup EXIT
for _ in $(seq 50); do [ -s "$HOME_DIR/display" ] && break; sleep 0.1; done
export DISPLAY=":$(cat "$HOME_DIR/display")"
# Xvfb names its display before it always accepts clients on a cold machine: wait until one can
# connect, or the app would fail with "Failed to open connection to X server".
for _ in $(seq 100); do xdpyinfo >/dev/null 2>&1 && break; sleep 0.1; done
xdpyinfo >/dev/null 2>&1 || { echo "smoke: Xvfb on $DISPLAY accepts no clients" >&2; exit 1; }
unset WAYLAND_DISPLAY

start_ns=$(date +%s%N)
XDG_RUNTIME_DIR="$RUNTIME_DIR" XDG_CONFIG_HOME="$HOME_DIR/config" XDG_DATA_HOME="$HOME_DIR/data" \
  "$BIN" >"$OUT/app.log" 2>&1 &
APP_PID=$!

# The first frame: the window is mapped and its picture is no longer one flat colour.
first_frame_ms=""
for _ in $(seq 300); do
  if ! kill -0 "$APP_PID" 2>/dev/null; then
    echo "smoke: the app exited before its first frame; log:" >&2
    tail -20 "$OUT/app.log" >&2
    exit 1
  fi
  if xdotool search --name "Hazard Workshop" >/dev/null 2>&1 \
    && import -window root "$OUT/screenshot.png" 2>/dev/null \
    && [ "$(convert "$OUT/screenshot.png" -format '%k' info:)" -gt 16 ]; then
    first_frame_ms=$(( ($(date +%s%N) - start_ns) / 1000000 ))
    break
  fi
  sleep 0.05
done
[ -n "$first_frame_ms" ] || { echo "smoke: no frame within 15 s" >&2; exit 1; }

# Let it settle, then take the screenshot that is kept, and measure the idle CPU time.
sleep 2
import -window root "$OUT/screenshot.png"
colours=$(convert "$OUT/screenshot.png" -format '%k' info:)
[ "$colours" -gt 64 ] || { echo "smoke: the screenshot is blank ($colours colours)" >&2; exit 1; }
ticks() { awk '{print $14 + $15}' "/proc/$APP_PID/stat"; }
hz=$(getconf CLK_TCK)
before=$(ticks)
sleep "$IDLE_SECONDS"
after=$(ticks)
kill -0 "$APP_PID" 2>/dev/null || { echo "smoke: the app died while idle" >&2; exit 1; }
idle_cpu_ms=$(( (after - before) * 1000 / hz ))
idle_percent=$(awk -v ms="$idle_cpu_ms" -v s="$IDLE_SECONDS" 'BEGIN { printf "%.2f", ms / (s * 10) }')
rss_kb=$(awk '/VmRSS/ {print $2}' "/proc/$APP_PID/status")

cat >"$OUT/smoke.json" <<JSON
{"first_frame_ms": $first_frame_ms, "idle_seconds": $IDLE_SECONDS, "idle_cpu_ms": $idle_cpu_ms, "idle_cpu_percent": $idle_percent, "rss_kb": $rss_kb, "screenshot_colours": $colours}
JSON
echo "smoke: first frame after ${first_frame_ms} ms; idle CPU ${idle_cpu_ms} ms over ${IDLE_SECONDS} s (${idle_percent} %); RSS ${rss_kb} kB; screenshot $OUT/screenshot.png"
awk -v p="$idle_percent" -v max="$MAX_IDLE_CPU_PERCENT" 'BEGIN { exit !(p <= max) }' \
  || { echo "smoke: the idle app used ${idle_percent} % CPU (limit ${MAX_IDLE_CPU_PERCENT} %)" >&2; exit 1; }
echo "smoke: 1 passed, 0 failed"
