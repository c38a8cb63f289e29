#!/usr/bin/env bash
# The per-machine MSI, end to end under Wine (a fresh prefix each run):
#  1. silent install (msiexec /i /qn): files in Program Files, Start menu entry, .hazlog
#     association, Add/Remove Programs entry;
#  2. the installed exe, started as the association would start it on the bundled example, shows
#     the app under Xvfb (screenshot, window title);
#  3. with only OpenGL 1.1 (glow cannot start) the app still opens, on wgpu; with no renderer at
#     all (also no DX12 or Vulkan) a message box names each failure and HAZARD_WORKSHOP_RENDERER:
#     never a silent exit;
#  4. a newer version of the same package upgrades it in place (one entry, the old one gone);
#  5. silent uninstall (msiexec /x /qn) leaves no file, shortcut or registry entry behind.
# Slow (a few minutes) and separate from `cargo test` and .ci/run:
#   packaging/windows/build.sh && packaging/windows/msi-smoke.sh [MSI]
# Screenshots and logs go to target/windows/msi-smoke/.
set -euo pipefail
cd "$(dirname "$0")/../.."
TEST_NAME=msi-smoke
VERSION=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -1)
MSI=$(readlink -f "${1:-${CARGO_TARGET_DIR:-target}/windows/HazardWorkshop-$VERSION-x64.msi}")
[ -f "$MSI" ] || { echo "$TEST_NAME: $MSI is missing (packaging/windows/build.sh builds it)" >&2; exit 2; }
command -v msiinfo >/dev/null || { echo "$TEST_NAME: msiinfo is missing (apt-get install msitools)" >&2; exit 2; }
OUT=$(readlink -f "${CARGO_TARGET_DIR:-target}")/windows/msi-smoke
rm -rf "$OUT" && mkdir -p "$OUT"
# shellcheck source=packaging/windows/wine-test-lib.sh
source packaging/windows/wine-test-lib.sh

msi_property() { msiinfo export "$1" Property | tr -d '\r' | awk -F'\t' -v p="$2" '$1 == p { print $2 }'; }
PRODUCT_CODE=$(msi_property "$MSI" ProductCode)
UPGRADE_CODE=$(msi_property "$MSI" UpgradeCode)
MSI_VERSION=$(msi_property "$MSI" ProductVersion)
echo "$TEST_NAME: $(basename "$MSI"): version $MSI_VERSION, product $PRODUCT_CODE, upgrade $UPGRADE_CODE"

INSTALL_DIR="$DRIVE_C/Program Files/Hazard Workshop"
EXE_WIN='C:\Program Files\Hazard Workshop\hazard-workshop.exe'
CLASSES='HKLM\Software\Classes'
UNINSTALL='HKLM\Software\Microsoft\Windows\CurrentVersion\Uninstall'
msiexec() { "$WINE" msiexec "$@" /qn /l*v "$(win_path "$WORK")\\msiexec.log"; }
# The shortcut goes to ProgramMenuFolder: with ALLUSERS=1 Windows makes that the all-users Start
# menu; Wine's msi keeps the user's one, so both are looked at.
start_menu_entries() {
  find "$DRIVE_C/ProgramData" "$DRIVE_C/users" -ipath '*/Start Menu/*' \
    -iname 'Hazard Workshop*.lnk' 2>/dev/null
}
has_start_menu_entry() { [ -n "$(start_menu_entries)" ]; }
same_file() { cmp -s "$1" "$2"; }
exit_code_was_zero() { [ "$1" -eq 0 ] || { echo "    msiexec exited $1 (log: $OUT/msiexec-$2.log)" >&2; return 1; }; }
keep_msiexec_log() { cp "$WORK/msiexec.log" "$OUT/msiexec-$1.log" 2>/dev/null || true; }

echo "$TEST_NAME: the package"
check "per-machine (ALLUSERS=1)" test "$(msi_property "$MSI" ALLUSERS)" = 1
check "x64 package" bash -c "msiinfo suminfo '$MSI' | grep -q '^Template: x64;'"
check "upgrade code is the fixed one" test "$UPGRADE_CODE" = "{C49B1A44-D002-440D-A1CC-F0B8F7F97941}"

echo "$TEST_NAME: silent install"
rc=0; msiexec /i "$(win_path "$MSI")" || rc=$?; keep_msiexec_log install
check "msiexec /i /qn succeeds" exit_code_was_zero "$rc" install
check "the exe is in Program Files" test -s "$INSTALL_DIR/hazard-workshop.exe"
check "the README is beside it" test -s "$INSTALL_DIR/README.md"
msiextract -C "$WORK/extracted" "$MSI" >/dev/null
check "the installed exe is the packaged one" same_file "$INSTALL_DIR/hazard-workshop.exe" \
  "$(find "$WORK/extracted" -name hazard-workshop.exe | head -1)"
check "Start menu entry" has_start_menu_entry
check ".hazlog opens as a Hazard Workshop project" value_is "$CLASSES\\.hazlog" "" HazardWorkshop.Project
check "the project type opens with the installed exe" value_is \
  "$CLASSES\\HazardWorkshop.Project\\shell\\open\\command" "" "\"$EXE_WIN\" \"%1\""
check "Add/Remove Programs lists it" value_is "$UNINSTALL\\$PRODUCT_CODE" DisplayName "Hazard Workshop"

echo "$TEST_NAME: the installed app"
cp assets/example-workshop.hazlog "$DRIVE_C/users/Public/example-workshop.hazlog"
# As a double-click would: the association's command line with the example file.
command_line=$(reg_value "$CLASSES\\HazardWorkshop.Project\\shell\\open\\command")
example='C:\users\Public\example-workshop.hazlog'
check "the app starts from the association and stays up" \
  run_app "$OUT/installed.png" 40 -- "$EXE_WIN" "$example"
check "the association's command line is the exe and the file" \
  test "$command_line" = "\"$EXE_WIN\" \"%1\""
check "its window is shown" shows_window "$OUT/installed.windows" "Hazard Workshop"
check "the screenshot shows the app" not_blank "$OUT/installed.png"
check "the app says which renderer runs" grep -q 'running with' "$OUT/installed.log"
grep -h 'running with\|failed:' "$OUT/installed.log" | sed 's/^/    app: /' || true

# Only OpenGL 1.1, as over Remote Desktop, Citrix and basic display drivers: glow (and wgpu's GL
# backend) cannot start; the app must still open, on wgpu.
echo "$TEST_NAME: only OpenGL 1.1 (glow cannot start)"
check "the app starts and stays up" run_app "$OUT/opengl-1.1.png" 40 MESA_GL_VERSION_OVERRIDE=1.1 -- "$EXE_WIN"
check "its window is shown" shows_window "$OUT/opengl-1.1.windows" "Hazard Workshop"
check "it runs on wgpu" grep -q 'running with wgpu' "$OUT/opengl-1.1.log"
check "the screenshot shows the app" not_blank "$OUT/opengl-1.1.png"

# Nothing works: OpenGL 1.1 and no DX12 or Vulkan either. Not a silent exit: a message box that
# names each failure and the switch.
echo "$TEST_NAME: no renderer can start (OpenGL 1.1, no DX12, no Vulkan)"
check "the program stays up showing a window" run_app "$OUT/no-renderer.png" 40 MESA_GL_VERSION_OVERRIDE=1.1 \
  "WINEDLLOVERRIDES=$NO_MENUS;d3d12=d;vulkan-1=d;winevulkan=d" -- "$EXE_WIN"
check "the window is the message box" shows_window "$OUT/no-renderer.windows" "Hazard Workshop could not start"
check "the message names the renderer switch" grep -q HAZARD_WORKSHOP_RENDERER "$OUT/no-renderer.log"
for attempt in 'wgpu' 'wgpu on the software adapter (WARP or llvmpipe)' 'glow (OpenGL)'; do
  check "the message names the failure of $attempt" grep -qF -- "- $attempt: " "$OUT/no-renderer.log"
done
grep -hF -- '- ' "$OUT/no-renderer.log" | sed 's/^/    message: /' || true

echo "$TEST_NAME: upgrade in place"
NEXT_VERSION=$(echo "$MSI_VERSION" | awk -F. -v OFS=. '{ $NF = $NF + 1; print }')
CARGO_TARGET_DIR="$WORK/next" VERSION="$NEXT_VERSION" PACKAGES=msi \
  EXE="$(find "$WORK/extracted" -name hazard-workshop.exe | head -1)" \
  packaging/windows/build.sh >"$OUT/build-next.log" 2>&1
NEXT_MSI="$WORK/next/windows/HazardWorkshop-$NEXT_VERSION-x64.msi"
NEXT_CODE=$(msi_property "$NEXT_MSI" ProductCode)
check "the next version has its own product code" not test "$NEXT_CODE" = "$PRODUCT_CODE"
rc=0; msiexec /i "$(win_path "$NEXT_MSI")" || rc=$?; keep_msiexec_log upgrade
check "msiexec /i /qn of $NEXT_VERSION succeeds" exit_code_was_zero "$rc" upgrade
check "Add/Remove Programs lists $NEXT_VERSION" value_is "$UNINSTALL\\$NEXT_CODE" DisplayVersion "$NEXT_VERSION"
check "and no longer lists $MSI_VERSION" not reg_key_exists "$UNINSTALL\\$PRODUCT_CODE"
check "the exe is still installed" test -s "$INSTALL_DIR/hazard-workshop.exe"
check "one Start menu entry" test "$(start_menu_entries | wc -l)" -eq 1

echo "$TEST_NAME: silent uninstall"
rc=0; msiexec /x "$NEXT_CODE" || rc=$?; keep_msiexec_log uninstall
check "msiexec /x /qn succeeds" exit_code_was_zero "$rc" uninstall
check "nothing left in Program Files" not test -e "$INSTALL_DIR"
check "no Start menu entry" not has_start_menu_entry
check "no .hazlog association" not reg_key_exists "$CLASSES\\.hazlog"
check "no project type" not reg_key_exists "$CLASSES\\HazardWorkshop.Project"
check "no app key" not reg_key_exists 'HKLM\Software\Hazard Workshop'
check "not in Add/Remove Programs" not reg_key_exists "$UNINSTALL\\$NEXT_CODE"
check "the user's settings and data are the user's: only they remain" \
  bash -c "! find '$DRIVE_C' -ipath '*hazard*' -not -ipath '*/AppData/Roaming/hazard-workshop*' -not -path '*/users/Public/example-workshop.hazlog' | grep -q ."

echo "$TEST_NAME: screenshots and logs in $OUT"
finish
