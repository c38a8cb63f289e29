#!/usr/bin/env bash
# Cross-builds the Windows app on Linux and packages it: a per-user installer (NSIS, no
# administrator rights) and a portable zip (exe + README) for a user folder or USB stick.
# Needs: rustup target add x86_64-pc-windows-gnu; apt-get install gcc-mingw-w64-x86-64 nsis zip
# Output: target/windows/HazardWorkshop-VERSION-setup.exe and HazardWorkshop-VERSION-portable.zip
set -euo pipefail
cd "$(dirname "$0")/../.."
PROFILE=${PROFILE:-dist}
VERSION=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -1)
TARGET=x86_64-pc-windows-gnu
cargo build --profile "$PROFILE" --target "$TARGET"
EXE="target/$TARGET/$PROFILE/hazard-workshop.exe"
OUT=target/windows
mkdir -p "$OUT"
rm -rf "$OUT/portable" && mkdir -p "$OUT/portable/HazardWorkshop"
cp "$EXE" README.md "$OUT/portable/HazardWorkshop/"
(cd "$OUT/portable" && rm -f "../HazardWorkshop-$VERSION-portable.zip" && zip -qr "../HazardWorkshop-$VERSION-portable.zip" HazardWorkshop)
if command -v makensis >/dev/null; then
  (cd packaging/windows && makensis -V2 -DVERSION="$VERSION" -DEXE="$(readlink -f "../../$EXE")" \
    -DOUT="$(readlink -f "../../$OUT")/HazardWorkshop-$VERSION-setup.exe" installer.nsi)
else
  echo "build.sh: makensis not found (apt-get install nsis): the installer was not built" >&2
fi
ls -l "$OUT"/HazardWorkshop-"$VERSION"-*
