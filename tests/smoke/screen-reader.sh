#!/usr/bin/env bash
# Screen-reader smoke test: start the binary under a private Xvfb with a private session bus and
# AT-SPI bus, turn the screen-reader flag on (as Orca does), and read the app through AT-SPI with
# pyatspi (tests/smoke/screen_reader_check.py says what is checked).
#
# Usage: tests/smoke/screen-reader.sh [BINARY] [OUT_DIR]
#   BINARY   default target/release/hazard-workshop
#   OUT_DIR  default target/smoke (screen-reader.log, screen-reader-app.log)
# Needs: xvfb, dbus (dbus-daemon), at-spi2-core, python3-pyatspi. Kills only what it started;
# every wait has a limit, so it cannot hang CI.
set -euo pipefail
cd "$(dirname "$0")/../.."

BIN=${1:-target/release/hazard-workshop}
OUT=${2:-target/smoke}
CHECK_SECONDS=${CHECK_SECONDS:-90}
# The system python: pyatspi is a Debian package, not on a pyenv or venv python's path.
PYTHON=${PYTHON:-/usr/bin/python3}
BUS_LAUNCHER=${BUS_LAUNCHER:-/usr/libexec/at-spi-bus-launcher}
CHECKER=tests/smoke/screen_reader_check.py
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
[ -x "$BIN" ] || { echo "screen reader: $BIN is not built" >&2; exit 2; }
for tool in Xvfb xdpyinfo dbus-daemon timeout "$BUS_LAUNCHER" "$PYTHON"; do
  command -v "$tool" >/dev/null || { echo "screen reader: $tool is missing (apt-get install xvfb x11-utils dbus at-spi2-core python3-pyatspi)" >&2; exit 2; }
done
"$PYTHON" -c "import pyatspi" 2>/dev/null || { echo "screen reader: $PYTHON has no pyatspi (apt-get install python3-pyatspi)" >&2; exit 2; }

# Private display, session bus, settings and data folders: the run starts like a first start.
HOME_DIR=$(mktemp -d)
RUNTIME_DIR=$(mktemp -d)
chmod 700 "$RUNTIME_DIR"
PIDS=()
cleanup() {
  # Newest first: the app, then the AT-SPI bus, the session bus, the X server.
  for ((i = ${#PIDS[@]} - 1; i >= 0; i--)); do kill "${PIDS[i]}" 2>/dev/null || true; done
  rm -rf "$HOME_DIR" "$RUNTIME_DIR"
}
trap cleanup EXIT

Xvfb -displayfd 3 -screen 0 1280x800x24 -nolisten tcp 3>"$HOME_DIR/display" 2>/dev/null &
PIDS+=($!)
for _ in $(seq 50); do [ -s "$HOME_DIR/display" ] && break; sleep 0.1; done
[ -s "$HOME_DIR/display" ] || { echo "screen reader: Xvfb did not start" >&2; exit 1; }
export DISPLAY=":$(cat "$HOME_DIR/display")"
# Xvfb names its display before it always accepts clients on a cold machine: wait until one can
# connect, or the app would fail with "Failed to open connection to X server".
for _ in $(seq 100); do xdpyinfo >/dev/null 2>&1 && break; sleep 0.1; done
xdpyinfo >/dev/null 2>&1 || { echo "screen reader: Xvfb on $DISPLAY accepts no clients" >&2; exit 1; }
unset WAYLAND_DISPLAY AT_SPI_BUS_ADDRESS
export HOME="$HOME_DIR" XDG_RUNTIME_DIR="$RUNTIME_DIR" XDG_CONFIG_HOME="$HOME_DIR/config" \
  XDG_DATA_HOME="$HOME_DIR/data" XDG_CACHE_HOME="$HOME_DIR/cache" NO_AT_BRIDGE=0

dbus-daemon --session --nofork --nopidfile --address="unix:path=$RUNTIME_DIR/bus" \
  --print-address=4 4>"$HOME_DIR/bus-address" 2>/dev/null &
PIDS+=($!)
for _ in $(seq 50); do [ -s "$HOME_DIR/bus-address" ] && break; sleep 0.1; done
[ -s "$HOME_DIR/bus-address" ] || { echo "screen reader: the session bus did not start" >&2; exit 1; }
export DBUS_SESSION_BUS_ADDRESS="unix:path=$RUNTIME_DIR/bus"

# The AT-SPI bus and its registry, as a desktop session starts them.
"$BUS_LAUNCHER" --launch-immediately >"$OUT/at-spi-bus.log" 2>&1 &
PIDS+=($!)
enabled=""
for _ in $(seq 50); do
  if timeout 10 "$PYTHON" "$CHECKER" enable 2>/dev/null; then enabled=yes; break; fi
  sleep 0.2
done
[ -n "$enabled" ] || { echo "screen reader: could not turn the screen-reader flag on (org.a11y.Status)" >&2; exit 1; }

RUST_LOG=${RUST_LOG:-warn} "$BIN" >"$OUT/screen-reader-app.log" 2>&1 &
APP_PID=$!
PIDS+=("$APP_PID")

status=0
timeout --kill-after=5 $((CHECK_SECONDS + 10)) \
  "$PYTHON" "$CHECKER" check --pid "$APP_PID" --timeout "$CHECK_SECONDS" ${CHECK_ARGS:-} | tee "$OUT/screen-reader.log" \
  || status=$?
if ! kill -0 "$APP_PID" 2>/dev/null; then
  echo "screen reader: the app exited during the check; its log:" >&2
  tail -20 "$OUT/screen-reader-app.log" >&2
  status=1
fi
exit "$status"
