#!/usr/bin/env bash
# Builds the Debian package with cargo-deb (installed from crates.io if missing).
# Output: target/debian/hazard-workshop_VERSION-1_amd64.deb
set -euo pipefail
cd "$(dirname "$0")/../.."
command -v cargo-deb >/dev/null || cargo install cargo-deb --locked
cargo deb --profile dist
ls -l target/debian/*.deb
