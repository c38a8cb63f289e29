# Shared by msi-smoke.sh and nsis-smoke.sh (sourced, not run): a private Wine prefix for one
# test run, the checks and their tally, registry look-ups, and starting an installed exe under
# Xvfb with a screenshot. Needs: wine64 xvfb xdotool imagemagick gcc-mingw-w64-x86-64, and
# ../shared/tools beside the project (or TOOLS=...).

TOOLS=${TOOLS:-../shared/tools}
[ -x "$TOOLS/screenshot-app.sh" ] || { echo "$TEST_NAME: $TOOLS/screenshot-app.sh is missing (set TOOLS)" >&2; exit 2; }
for tool in xvfb-run xdotool convert x86_64-w64-mingw32-gcc; do
  command -v "$tool" >/dev/null || { echo "$TEST_NAME: $tool is missing (apt-get install wine64 xvfb xdotool imagemagick gcc-mingw-w64-x86-64)" >&2; exit 2; }
done
WINE=$(command -v wine64 || echo /usr/lib/wine/wine64)
WINESERVER=$(command -v wineserver || echo /usr/lib/wine/wineserver)
[ -x "$WINE" ] || { echo "$TEST_NAME: wine64 is missing (apt-get install wine64)" >&2; exit 2; }

# A fresh prefix, so the run starts like a machine that never had the app; removed at the end
# with the wineserver that served it. A private HOME, and winemenubuilder switched off: Wine
# would otherwise mirror Start menu entries and file types into the real user's desktop menus.
WORK=$(mktemp -d "/tmp/$TEST_NAME.XXXXXX")
mkdir -m 700 "$WORK/home"
export HOME="$WORK/home" WINEPREFIX="$WORK/prefix" WINEDEBUG=${WINEDEBUG:--all}
NO_MENUS='winemenubuilder.exe=d'
export WINEDLLOVERRIDES=$NO_MENUS
wine_cleanup() {
  "$WINESERVER" -k 2>/dev/null || true
  rm -rf "$WORK"
}
trap wine_cleanup EXIT
echo "$TEST_NAME: creating a Wine prefix in $WINEPREFIX"
xvfb-run -a "$WINE" wineboot -i >/dev/null 2>&1 || true
"$WINESERVER" -w
[ -d "$WINEPREFIX/drive_c/windows/system32" ] || { echo "$TEST_NAME: wineboot did not create the prefix" >&2; exit 2; }
# Debian's Wine 8 lacks bcryptprimitives.dll, which Rust's standard library loads on Windows 10
# and later (real Windows has it): the test-only stand-in goes into the prefix's system32, not
# beside the installed exe, so the install folder holds exactly what the installer put there.
x86_64-w64-mingw32-gcc -shared -O2 -o "$WINEPREFIX/drive_c/windows/system32/bcryptprimitives.dll" \
  "$TOOLS/wine-shim/bcryptprimitives.c" -ladvapi32
DRIVE_C="$WINEPREFIX/drive_c"

PASSED=0
FAILED=0
# check DESCRIPTION COMMAND...: runs COMMAND and counts it as passed if it succeeds.
check() {
  local what=$1
  shift
  if "$@"; then
    PASSED=$((PASSED + 1))
    echo "  ok    $what"
  else
    FAILED=$((FAILED + 1))
    echo "  FAIL  $what" >&2
  fi
}
# not COMMAND...: succeeds when COMMAND fails.
not() { ! "$@"; }
finish() {
  echo "$TEST_NAME: $PASSED passed, $FAILED failed"
  [ "$FAILED" -eq 0 ]
}

# reg_value KEY [VALUE]: prints the data of VALUE (the default value without one) in KEY, fails
# if there is none.
reg_value() {
  local out
  if [ $# -ge 2 ]; then
    out=$("$WINE" reg query "$1" /v "$2" 2>/dev/null) || return 1
  else
    out=$("$WINE" reg query "$1" /ve 2>/dev/null) || return 1
  fi
  printf '%s\n' "$out" | tr -d '\r' | sed -n 's/^ \{4\}[^ ].*    REG_[A-Z_]*    //p' | head -1
}
reg_key_exists() { "$WINE" reg query "$1" >/dev/null 2>&1; }
# value_is KEY VALUE|"" EXPECTED: the value's data is EXPECTED.
value_is() {
  local got
  if [ -n "$2" ]; then got=$(reg_value "$1" "$2"); else got=$(reg_value "$1"); fi || return 1
  [ "$got" = "$3" ] || { echo "    $1 ${2:-(default)} is '$got', not '$3'" >&2; return 1; }
}

# Windows path of a file under the prefix's C: drive.
win_path() { "$WINE" winepath -w "$1" 2>/dev/null | tr -d '\r'; }

# run_app OUT.png SECONDS [ENV=VALUE...] -- WINDOWS_EXE [ARGS...]: starts the exe under Wine on
# a private Xvfb, screenshots the screen after SECONDS, and writes the names of the visible
# windows to OUT.windows and the program's output to OUT.log. Fails if the program exits early.
run_app() {
  local out=$1 secs=$2
  shift 2
  local env=()
  while [ "$1" != "--" ]; do env+=("$1"); shift; done
  shift
  env "${env[@]}" "$TOOLS/screenshot-app.sh" -s 1280x800x24 -l "${out%.png}.log" \
    -x "xdotool search --onlyvisible --name . getwindowname %@ >'${out%.png}.windows' 2>/dev/null" -d 0.5 \
    "$out" "$secs" -- "$WINE" "$@"
}
# A real picture, not a blank or single-colour screen.
not_blank() {
  local colours
  [ -s "$1" ] || { echo "    there is no screenshot $1" >&2; return 1; }
  colours=$(convert "$1" -format '%k' info:)
  [ "$colours" -gt 64 ] || { echo "    $1 has $colours colours: blank" >&2; return 1; }
}
shows_window() { grep -qxF "$2" "$1" 2>/dev/null; }
