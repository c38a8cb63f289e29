# Shared by msi-smoke.sh and nsis-smoke.sh (sourced, not run; they set TEST_NAME first): a
# private Xvfb and Wine prefix for one test run, the checks and their tally, registry look-ups,
# and starting an installed exe with a screenshot. Kills only what it started, by process id
# (and the wineserver of its own prefix).
# Needs: apt-get install wine64 xvfb xdotool imagemagick gcc-mingw-w64-x86-64

for tool in Xvfb xdotool import convert x86_64-w64-mingw32-gcc; do
  command -v "$tool" >/dev/null || { echo "$TEST_NAME: $tool is missing (apt-get install wine64 xvfb xdotool imagemagick gcc-mingw-w64-x86-64)" >&2; exit 2; }
done
WINE=$(command -v wine64 || echo /usr/lib/wine/wine64)
WINESERVER=$(command -v wineserver || echo /usr/lib/wine/wineserver)
[ -x "$WINE" ] || { echo "$TEST_NAME: wine64 is missing (apt-get install wine64)" >&2; exit 2; }

# A fresh prefix, so the run starts like a machine that never had the app, and a private HOME;
# winemenubuilder is off, as it would mirror Start menu entries and file types into the desktop
# menus of the real user. All removed at the end.
WORK=$(mktemp -d "/tmp/$TEST_NAME.XXXXXX")
mkdir -m 700 "$WORK/home" "$WORK/xdg"
export HOME="$WORK/home" XDG_RUNTIME_DIR="$WORK/xdg" WINEPREFIX="$WORK/prefix" WINEDEBUG=${WINEDEBUG:--all}
NO_MENUS='winemenubuilder.exe=d'
export WINEDLLOVERRIDES=$NO_MENUS
unset WAYLAND_DISPLAY
XVFB_PID=""
APP_PID=""
stop_app() {
  [ -n "$APP_PID" ] || return 0
  kill -TERM -- "-$APP_PID" 2>/dev/null || true
  for _ in $(seq 20); do kill -0 "$APP_PID" 2>/dev/null || break; sleep 0.2; done
  kill -KILL -- "-$APP_PID" 2>/dev/null || true
  wait "$APP_PID" 2>/dev/null || true
  APP_PID=""
}
wine_cleanup() {
  stop_app
  "$WINESERVER" -k 2>/dev/null || true
  [ -z "$XVFB_PID" ] || { kill "$XVFB_PID" 2>/dev/null; wait "$XVFB_PID" 2>/dev/null; } || true
  rm -rf "$WORK"
}
trap wine_cleanup EXIT

# One X server for the whole run (Wine's own helper processes keep using it).
Xvfb -displayfd 3 -screen 0 1280x800x24 -nolisten tcp -noreset 3>"$WORK/display" 2>/dev/null &
XVFB_PID=$!
for _ in $(seq 100); do [ -s "$WORK/display" ] && break; sleep 0.1; done
[ -s "$WORK/display" ] || { echo "$TEST_NAME: Xvfb did not start" >&2; exit 2; }
export DISPLAY=":$(tr -dc 0-9 <"$WORK/display")"

echo "$TEST_NAME: creating a Wine prefix in $WINEPREFIX"
"$WINE" wineboot -i >/dev/null 2>&1 || true
"$WINESERVER" -w
[ -d "$WINEPREFIX/drive_c/windows/system32" ] || { echo "$TEST_NAME: wineboot did not create the prefix" >&2; exit 2; }
DRIVE_C="$WINEPREFIX/drive_c"
# Debian's Wine 8 lacks bcryptprimitives.dll (see wine-shim/): the stand-in goes into the
# prefix's system32, not beside the installed exe, so the install folder holds exactly what the
# installer put there.
x86_64-w64-mingw32-gcc -shared -O2 -o "$DRIVE_C/windows/system32/bcryptprimitives.dll" \
  packaging/windows/wine-shim/bcryptprimitives.c -ladvapi32

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

# reg_value KEY [VALUE]: prints the data of VALUE (the default value without one) in KEY; fails
# if it is not set.
reg_value() {
  local out data
  if [ $# -ge 2 ]; then
    out=$("$WINE" reg query "$1" /v "$2" 2>/dev/null) || return 1
  else
    out=$("$WINE" reg query "$1" /ve 2>/dev/null) || return 1
  fi
  data=$(printf '%s\n' "$out" | tr -d '\r' | grep '    REG_' | head -1) || return 1
  [[ $data == *"(value not set)"* ]] && return 1
  printf '%s\n' "$data" | sed 's/^ *[^ ].*    REG_[A-Z_]*    //'
}
reg_key_exists() { "$WINE" reg query "$1" >/dev/null 2>&1; }
# value_is KEY VALUE|"" EXPECTED: the value's data is EXPECTED.
value_is() {
  local got
  if [ -n "$2" ]; then got=$(reg_value "$1" "$2"); else got=$(reg_value "$1"); fi || return 1
  [ "$got" = "$3" ] || { echo "    $1 ${2:-(default)} is '$got', not '$3'" >&2; return 1; }
}

# The Windows path of a Linux path.
win_path() { "$WINE" winepath -w "$1" 2>/dev/null | tr -d '\r'; }

# run_app OUT.png SECONDS [ENV=VALUE...] -- WINDOWS_EXE [ARGS...]: starts the exe under Wine,
# screenshots the screen after SECONDS and writes the names of the visible windows to
# OUT.windows and the program's output to OUT.log, then stops it. Fails if it exited before.
run_app() {
  local out=$1 secs=$2 alive=1
  shift 2
  local env=()
  while [ "$1" != "--" ]; do env+=("$1"); shift; done
  shift
  env ${env[@]+"${env[@]}"} setsid "$WINE" "$@" >"${out%.png}.log" 2>&1 </dev/null &
  APP_PID=$!
  for _ in $(seq $((secs * 10))); do
    kill -0 "$APP_PID" 2>/dev/null || { alive=0; break; }
    sleep 0.1
  done
  if [ "$alive" = 1 ]; then
    xdotool search --onlyvisible --name . getwindowname %@ >"${out%.png}.windows" 2>/dev/null || true
    import -window root "$out"
  else
    echo "    the program exited within $secs s; its last output:" >&2
    tail -n 15 "${out%.png}.log" | sed 's/^/      /' >&2
  fi
  stop_app
  "$WINESERVER" -w
  [ "$alive" = 1 ]
}
# A real picture, not a blank or single-colour screen.
not_blank() {
  local colours
  [ -s "$1" ] || { echo "    there is no screenshot $1" >&2; return 1; }
  colours=$(convert "$1" -format '%k' info:)
  [ "$colours" -gt 64 ] || { echo "    $1 has $colours colours: blank" >&2; return 1; }
}
# shows_window OUT.windows TITLE: a visible window is TITLE, or "FILE — TITLE".
shows_window() {
  local line
  while IFS= read -r line; do
    [[ $line == "$2" || $line == *" — $2" ]] && return 0
  done <"$1"
  return 1
}
