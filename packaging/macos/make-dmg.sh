#!/usr/bin/env bash
# Builds Hazard Workshop.app and a .dmg on macOS (run by the release workflow on a macOS runner).
# Usage: packaging/macos/make-dmg.sh TARGET   (aarch64-apple-darwin or x86_64-apple-darwin)
set -euo pipefail
cd "$(dirname "$0")/../.."
TARGET=${1:-aarch64-apple-darwin}
VERSION=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -1)
cargo build --profile dist --target "$TARGET"
APP="target/macos/Hazard Workshop.app"
rm -rf "$APP" && mkdir -p "$APP/Contents/MacOS" "$APP/Contents/Resources"
cp "target/$TARGET/dist/hazard-workshop" "$APP/Contents/MacOS/"
sed "s/VERSION/$VERSION/g" packaging/macos/Info.plist > "$APP/Contents/Info.plist"
ICONSET=target/macos/hazard-workshop.iconset
rm -rf "$ICONSET" && mkdir -p "$ICONSET"
for size in 16 32 128 256 512; do
  sips -z $size $size packaging/icons/hazard-workshop-512.png --out "$ICONSET/icon_${size}x${size}.png" >/dev/null
  double=$((size * 2))
  sips -z $double $double packaging/icons/hazard-workshop-512.png --out "$ICONSET/icon_${size}x${size}@2x.png" >/dev/null
done
iconutil -c icns "$ICONSET" -o "$APP/Contents/Resources/hazard-workshop.icns"
codesign --force --deep --sign - "$APP"
hdiutil create -volname "Hazard Workshop" -srcfolder "$APP" -ov -format UDZO \
  "target/macos/HazardWorkshop-$VERSION-$TARGET.dmg"
