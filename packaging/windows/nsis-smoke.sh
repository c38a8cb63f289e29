#!/usr/bin/env bash
# The per-user installer (NSIS, 64-bit), end to end under Wine (a fresh prefix each run): silent
# install (setup.exe /S) into %LOCALAPPDATA%\Programs with the Start menu entry, the user's .hazlog
# association and Add/Remove Programs entry; the installed exe, started as the association would
# start it on the bundled example, shows the app under Xvfb; the silent uninstall
# (uninstall.exe /S) leaves no file, shortcut or registry entry behind.
# Slow and separate from `cargo test` and .ci/run:
#   packaging/windows/build.sh && packaging/windows/nsis-smoke.sh [SETUP_EXE]
# Screenshots and logs go to target/windows/nsis-smoke/.
set -euo pipefail
cd "$(dirname "$0")/../.."
TEST_NAME=nsis-smoke
VERSION=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -1)
SETUP=$(readlink -f "${1:-${CARGO_TARGET_DIR:-target}/windows/HazardWorkshop-$VERSION-setup.exe}")
[ -f "$SETUP" ] || { echo "$TEST_NAME: $SETUP is missing (packaging/windows/build.sh builds it)" >&2; exit 2; }
OUT=$(readlink -f "${CARGO_TARGET_DIR:-target}")/windows/nsis-smoke
rm -rf "$OUT" && mkdir -p "$OUT"
# shellcheck source=packaging/windows/wine-test-lib.sh
source packaging/windows/wine-test-lib.sh

LOCAL_APPDATA_WIN=$("$WINE" cmd /c echo %LOCALAPPDATA% 2>/dev/null | tr -d '\r')
LOCAL_APPDATA=$("$WINE" winepath -u "$LOCAL_APPDATA_WIN" 2>/dev/null | tr -d '\r')
INSTALL_DIR="${LOCAL_APPDATA%/}/Programs/Hazard Workshop"
EXE_WIN="$LOCAL_APPDATA_WIN\\Programs\\Hazard Workshop\\hazard-workshop.exe"
CLASSES='HKCU\Software\Classes'
UNINSTALL_KEY='HKCU\Software\Microsoft\Windows\CurrentVersion\Uninstall\HazardWorkshop'
start_menu_entries() {
  find "$DRIVE_C/users" -ipath '*/Start Menu/*' -iname 'Hazard Workshop*.lnk' 2>/dev/null
}
has_start_menu_entry() { [ -n "$(start_menu_entries)" ]; }
installer_is_64_bit() { file "$SETUP" | grep -q 'PE32+ executable.*x86-64'; }

echo "$TEST_NAME: $(basename "$SETUP")"
check "a 64-bit installer (Debian's Wine runs 64-bit programs only)" installer_is_64_bit

echo "$TEST_NAME: silent install"
rc=0; "$WINE" "$SETUP" /S || rc=$?
check "setup.exe /S succeeds" test "$rc" -eq 0
check "the exe is in the user's programs folder" test -s "$INSTALL_DIR/hazard-workshop.exe"
check "the README and the uninstaller are beside it" test -s "$INSTALL_DIR/README.md" -a -s "$INSTALL_DIR/uninstall.exe"
check "Start menu entry" has_start_menu_entry
check ".hazlog opens as a Hazard Workshop project (for this user)" value_is "$CLASSES\\.hazlog" "" HazardWorkshop.Project
check "the project type opens with the installed exe" value_is \
  "$CLASSES\\HazardWorkshop.Project\\shell\\open\\command" "" "\"$EXE_WIN\" \"%1\""
check "Add/Remove Programs lists it" value_is "$UNINSTALL_KEY" DisplayVersion "$VERSION"

echo "$TEST_NAME: the installed app"
cp assets/example-workshop.hazlog "$DRIVE_C/users/Public/example-workshop.hazlog"
check "the app starts on the example and stays up" \
  run_app "$OUT/installed.png" 40 -- "$EXE_WIN" 'C:\users\Public\example-workshop.hazlog'
check "its window is shown" shows_window "$OUT/installed.windows" "Hazard Workshop"
check "the screenshot shows the app" not_blank "$OUT/installed.png"
grep -h 'running with\|failed:' "$OUT/installed.log" | sed 's/^/    app: /' || true

echo "$TEST_NAME: silent uninstall"
rc=0; "$WINE" "$INSTALL_DIR/uninstall.exe" /S || rc=$?
check "uninstall.exe /S starts" test "$rc" -eq 0
# NSIS's uninstaller copies itself to the temp folder and finishes from there: wait for it.
for _ in $(seq 60); do [ -e "$INSTALL_DIR" ] || break; sleep 0.5; done
"$WINESERVER" -w
check "nothing left in the programs folder" not test -e "$INSTALL_DIR"
check "no Start menu entry" not has_start_menu_entry
check "no project type" not reg_key_exists "$CLASSES\\HazardWorkshop.Project"
check "no .hazlog association" not reg_value "$CLASSES\\.hazlog"
check "no app key" not reg_key_exists 'HKCU\Software\Hazard Workshop'
check "not in Add/Remove Programs" not reg_key_exists "$UNINSTALL_KEY"

echo "$TEST_NAME: screenshots and logs in $OUT"
finish
