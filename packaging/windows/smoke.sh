#!/usr/bin/env bash
# Starts the Windows build under Wine and Xvfb on the bundled example, screenshots it, and checks
# it shows the app (not a blank or an error box). Slower than the default tests; run by hand:
#   packaging/windows/smoke.sh [EXE]       (default: the release cross-build)
# Needs: wine64 xvfb imagemagick gcc-mingw-w64-x86-64, and ../shared/tools beside the project.
set -euo pipefail
cd "$(dirname "$0")/../.."
EXE=${1:-target/x86_64-pc-windows-gnu/release/hazard-workshop.exe}
[ -f "$EXE" ] || cargo build --release --target x86_64-pc-windows-gnu
OUT=target/windows
mkdir -p "$OUT"
TOOLS=../shared/tools
[ -x "$TOOLS/windows-smoke.sh" ] || { echo "windows smoke: $TOOLS/windows-smoke.sh is missing" >&2; exit 2; }
# Under Wine wgpu's first choice (Wine's DX12 adapter) fails and the app falls back by itself;
# forcing glow saves time.
HAZARD_WORKSHOP_RENDERER=glow "$TOOLS/windows-smoke.sh" "$EXE" "$OUT/windows-smoke.png" 25
colours=$(convert "$OUT/windows-smoke.png" -format '%k' info:)
[ "$colours" -gt 64 ] || { echo "windows smoke: the screenshot is blank ($colours colours)" >&2; exit 1; }
echo "windows smoke: screenshot $OUT/windows-smoke.png ($colours colours)"
echo "windows smoke: 1 passed, 0 failed"
