#!/usr/bin/env bash
# Starts the real desktop binary in a real X window (Xvfb) on a fresh store,
# checks that its window appears and is not blank, types an edit into it with
# xdotool as a person would, kills it without warning, and checks with
# flowmap-cli that the edit reached the store.
#   scripts/smoke.sh BIN/flowmap BIN/flowmap-cli [SCREENSHOT_DIR]
set -euo pipefail
. "$(dirname "$0")/xvfb.sh"
app=$(realpath "$1"); cli=$(realpath "$2"); shots=${3:-}

work=$(mktemp -d); trap 'cleanup' EXIT
export XDG_RUNTIME_DIR=$work/run HOME=$work/home
mkdir -p -m 700 "$XDG_RUNTIME_DIR"; mkdir -p "$HOME/.cache"
db=$work/flowmap.db
xpid= apid=
cleanup() {
  [ -n "$apid" ] && kill -9 "$apid" 2>/dev/null || true
  [ -n "$xpid" ] && kill "$xpid" 2>/dev/null || true
  rm -rf "$work"
}
fail() { echo "smoke: FAIL: $*" >&2; [ -f "$work/app.log" ] && tail -20 "$work/app.log" >&2; exit 1; }

start_xvfb "$work" 1280x800x24 || fail "no X display"

start=$(date +%s%N)
"$app" --db "$db" >"$work/app.log" 2>&1 &
apid=$!
for _ in $(seq 100); do
  win=$(xdotool search --name 'Flowmap' 2>/dev/null | head -1) && [ -n "$win" ] && break
  kill -0 "$apid" 2>/dev/null || fail "the app exited before showing a window"
  sleep 0.1
done
[ -n "${win:-}" ] || fail "no window named Flowmap within 10 s"
echo "smoke: window after $(( ($(date +%s%N) - start) / 1000000 )) ms: $(xdotool getwindowname "$win")"
sleep 1.5 # let the first frames render

shot=$work/window.png
import -window root "$shot"
colors=$(identify -format '%k' "$shot")
[ "$colors" -gt 16 ] || fail "the screenshot has $colors colours: the window looks blank"
echo "smoke: screenshot has $colors colours"
[ -n "$shots" ] && cp "$shot" "$shots/smoke-window.png"

# Type as a person would: add a stage with the keyboard, name it, give it a wait.
xdotool windowactivate --sync "$win" 2>/dev/null || xdotool windowfocus --sync "$win"
# Ctrl+N adds a stage at the end and puts the cursor in its name; Tab moves
# to the next cell (team, then wait); Return commits the cell.
xdotool key ctrl+n; sleep 0.5
xdotool type --delay 30 "Smoke stage"; xdotool key Tab; sleep 0.2
xdotool type --delay 30 "Ops"; xdotool key Tab; sleep 0.2
xdotool type --delay 30 "3d"; xdotool key Return
sleep 1
[ -n "$shots" ] && import -window root "$shots/smoke-typed.png"

# No save button and no clean exit: whatever was typed must already be stored.
kill -9 "$apid"; wait "$apid" 2>/dev/null || true; apid=
out=$("$cli" metrics --db "$db" --map "Feature delivery (example)") || fail "flowmap-cli could not read the store"
echo "$out" | grep -Eq "^ *Smoke stage +3d +0h +3d " || fail "the typed stage is not in the store:
$out"
echo "smoke: the typed stage 'Smoke stage' (wait 3d) is in the store after kill -9"
echo "smoke: OK"
