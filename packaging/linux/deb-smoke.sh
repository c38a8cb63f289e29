#!/usr/bin/env bash
# Installs a built .deb with apt (so its Depends are resolved and checked), starts the installed
# /usr/bin/hazard-workshop under Xvfb with the real-window smoke test, then removes the package.
# Usage: packaging/linux/deb-smoke.sh target/debian/hazard-workshop_VERSION_amd64.deb   (as root)
set -euo pipefail
cd "$(dirname "$0")/../.."
DEB=$(readlink -f "$1")
SUDO=""
[ "$(id -u)" = 0 ] || SUDO=sudo
$SUDO apt-get install -y -qq "$DEB" >/dev/null
dpkg -s hazard-workshop | sed -n 's/^\(Version\|Depends\): /  \1: /p'
desktop-file-validate /usr/share/applications/io.github.hazardworkshop.HazardWorkshop.desktop 2>/dev/null || true
status=0
bash tests/smoke/real-window.sh /usr/bin/hazard-workshop target/deb-smoke || status=$?
$SUDO apt-get remove -y -qq hazard-workshop >/dev/null
exit $status
