#!/usr/bin/env bash
# Cross-builds the Windows app on Linux and packages it three ways, with their SHA-256 sums:
#   HazardWorkshop-VERSION-x64.msi       per-machine, into Program Files, for trust IT (wixl)
#   HazardWorkshop-VERSION-setup.exe     per-user, no administrator rights (NSIS, 64-bit)
#   HazardWorkshop-VERSION-portable.zip  exe + README for a user folder or USB stick
#   SHA256SUMS                           one line per file above (`sha256sum -c SHA256SUMS`)
# Signing (Authenticode, osslsigncode) happens only when a certificate is given:
#   SIGN_PKCS12=cert.pfx SIGN_PASSWORD_FILE=pass.txt [SIGN_TIMESTAMP_URL=http://...] build.sh
# the exe is signed before it is packaged, then the MSI and the installer; without SIGN_PKCS12
# the script says that it skipped signing.
# Needs: rustup target add x86_64-pc-windows-gnu
#        apt-get install gcc-mingw-w64-x86-64 nsis zip wixl msitools python3 (osslsigncode to sign)
# PROFILE=release for a quicker build (default dist); EXE=path packages an existing build;
# PACKAGES="msi setup zip" (the default) chooses what to build; VERSION overrides Cargo.toml's
# (msi-smoke.sh builds a newer version of the same exe to test upgrading in place).
# Output: $CARGO_TARGET_DIR/windows (default target/windows).
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$(pwd)
PROFILE=${PROFILE:-dist}
VERSION=${VERSION:-$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -1)}
PACKAGES=${PACKAGES:-msi setup zip}
TARGET=x86_64-pc-windows-gnu
TARGET_DIR=$(readlink -f "${CARGO_TARGET_DIR:-target}")
# Never change: it is how a new version of the MSI finds and replaces the old one.
UPGRADE_CODE=C49B1A44-D002-440D-A1CC-F0B8F7F97941

if [ -z "${EXE:-}" ]; then
  cargo build --profile "$PROFILE" --target "$TARGET"
  EXE="$TARGET_DIR/$TARGET/$PROFILE/hazard-workshop.exe"
fi
EXE=$(readlink -f "$EXE")
OUT="$TARGET_DIR/windows"
STAGE="$OUT/stage"
rm -rf "$STAGE" && mkdir -p "$STAGE"
NAME="HazardWorkshop-$VERSION"
rm -f "$OUT/$NAME-x64.msi" "$OUT/$NAME-setup.exe" "$OUT/$NAME-portable.zip" "$OUT/SHA256SUMS"

# sign FILE DESCRIPTION: Authenticode-sign FILE in place when a certificate is configured.
sign() {
  [ -n "${SIGN_PKCS12:-}" ] || return 0
  command -v osslsigncode >/dev/null || { echo "build.sh: SIGN_PKCS12 is set but osslsigncode is missing (apt-get install osslsigncode)" >&2; exit 1; }
  local args=(sign -pkcs12 "$SIGN_PKCS12" -n "$2" -h sha256)
  [ -n "${SIGN_PASSWORD_FILE:-}" ] && args+=(-readpass "$SIGN_PASSWORD_FILE")
  [ -n "${SIGN_TIMESTAMP_URL:-}" ] && args+=(-ts "$SIGN_TIMESTAMP_URL")
  osslsigncode "${args[@]}" -in "$1" -out "$1.signed"
  mv "$1.signed" "$1"
  osslsigncode verify -in "$1" >/dev/null 2>&1 || echo "build.sh: note: $1 is signed, but the certificate does not chain to a root this machine trusts" >&2
  echo "build.sh: signed $(basename "$1")"
}
if [ -z "${SIGN_PKCS12:-}" ]; then
  echo "build.sh: no code-signing certificate (SIGN_PKCS12 unset): the exe, the MSI and the installer are NOT signed"
fi

cp "$EXE" "$STAGE/hazard-workshop.exe"
cp README.md "$STAGE/README.md"
sign "$STAGE/hazard-workshop.exe" "Hazard Workshop"

zip_package() {
  mkdir -p "$STAGE/portable/HazardWorkshop"
  cp "$STAGE/hazard-workshop.exe" "$STAGE/README.md" "$STAGE/portable/HazardWorkshop/"
  (cd "$STAGE/portable" && zip -qr "$OUT/$NAME-portable.zip" HazardWorkshop)
}

# The product code is a name-based UUID of the version under the upgrade code: a new one for
# each version (as a major upgrade needs), the same one every time a version is built.
msi_package() {
  local product_code
  product_code=$(python3 -c 'import sys, uuid; print(str(uuid.uuid5(uuid.UUID(sys.argv[1]), sys.argv[2])).upper())' "$UPGRADE_CODE" "$VERSION")
  # wixl reads sources relative to the .wxs file's folder.
  rel() { realpath --relative-to="$ROOT/packaging/windows" "$1"; }
  wixl -a x64 -D Version="$VERSION" -D ProductCode="$product_code" \
    -D Exe="$(rel "$STAGE/hazard-workshop.exe")" -D Readme="$(rel "$STAGE/README.md")" \
    -D Icon="$(rel "$ROOT/packaging/hazard-workshop.ico")" \
    -o "$OUT/$NAME-x64.msi" packaging/windows/hazard-workshop.wxs
  sign "$OUT/$NAME-x64.msi" "Hazard Workshop $VERSION"
  echo "build.sh: MSI product code {$product_code}, upgrade code {$UPGRADE_CODE}"
}

setup_package() {
  if ! command -v makensis >/dev/null; then
    echo "build.sh: makensis not found (apt-get install nsis): the per-user installer was not built" >&2
    return
  fi
  (cd packaging/windows && makensis -V2 -DVERSION="$VERSION" -DEXE="$STAGE/hazard-workshop.exe" \
    -DOUT="$OUT/$NAME-setup.exe" installer.nsi)
  sign "$OUT/$NAME-setup.exe" "Hazard Workshop $VERSION setup"
}

for package in $PACKAGES; do
  case $package in
    zip) zip_package ;;
    msi) msi_package ;;
    setup) setup_package ;;
    *) echo "build.sh: unknown package '$package' in PACKAGES (msi, setup, zip)" >&2; exit 2 ;;
  esac
done

(cd "$OUT" && for f in "$NAME-x64.msi" "$NAME-setup.exe" "$NAME-portable.zip"; do
  [ ! -f "$f" ] || sha256sum "$f"; done >SHA256SUMS)
rm -rf "$STAGE"
cat "$OUT/SHA256SUMS"
ls -l "$OUT/$NAME"-*
