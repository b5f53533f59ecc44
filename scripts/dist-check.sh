#!/usr/bin/env bash
# Proves the files make dist wrote work, by using them as a person would
# (make dist-check):
#   - SHA256SUMS match; the Linux archive and the Windows zip are under 30 MB;
#     every binary was built stripped, with -trimpath and the version stamped.
#   - Linux: unpack the archive, `make user-install` into a fresh home folder,
#     start the installed app under Xvfb on that account's first run and wait
#     for its window (the terminal must stay quiet, the store must be made in
#     ~/.config); open a .flowmap.json the way a file manager does (gio open)
#     and see it open in the app; `make user-uninstall`; `make install` into
#     a system-wide prefix.
#   - Windows, under Wine: flowmap-cli.exe metrics --json on the sample sheets
#     gives exactly the Linux CLI's output; Flowmap.exe shows a window named
#     Flowmap (screenshot), keeps its store in %AppData%, and opens a map file
#     given to it as "Open with" does.
# The version is the one in the files' names, which make dist took from
# `git describe`.
#   scripts/dist-check.sh DIST [SCREENSHOT_DIR]
set -euo pipefail
. "$(dirname "$0")/xvfb.sh"
dist=$(cd "$1" && pwd)
shots=${2:-}
archives=("$dist"/flowmap-*-linux-amd64.tar.xz)
[ ${#archives[@]} -eq 1 ] && [ -f "${archives[0]}" ] || { echo "dist-check: want one flowmap-VERSION-linux-amd64.tar.xz in $dist (run make dist first)" >&2; exit 1; }
version=${archives[0]##*/flowmap-}
version=${version%-linux-amd64.tar.xz}
root=$(cd "$(dirname "$0")/.." && pwd)
go=${GO:-go}
[ -n "$shots" ] && mkdir -p "$shots" && shots=$(cd "$shots" && pwd)

linux=flowmap-$version-linux-amd64
windows=flowmap-$version-windows-amd64
samples=$root/importers/testdata/stagesheet
limit=30000000 # bytes: "under 30 MB"

work=$(mktemp -d)
xpid=
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill -9 "$p" 2>/dev/null || true; done
  if [ -n "${WINEPREFIX:-}" ] && [ -d "$WINEPREFIX" ]; then wineserver -k 2>/dev/null || true; fi
  [ -n "$xpid" ] && kill "$xpid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "dist-check: FAIL: $*" >&2; exit 1; }
ok() { echo "dist-check: ok: $*"; }
step() { printf '\ndist-check: %s\n' "$*"; }

# waitwin PATTERN SECONDS [PID]: the id of the first window whose name matches.
waitwin() {
  local pattern=$1 tries=$(($2 * 10)) pid=${3:-} win
  for _ in $(seq "$tries"); do
    win=$(xdotool search --name "$pattern" 2>/dev/null | head -1) && [ -n "$win" ] && { echo "$win"; return 0; }
    if [ -n "$pid" ] && ! kill -0 "$pid" 2>/dev/null; then return 1; fi
    sleep 0.1
  done
  return 1
}
# shot NAME: a screenshot of the whole screen, checked not to be blank.
shot() {
  local f=$work/$1.png colors
  import -window root "$f"
  colors=$(identify -format '%k' "$f")
  [ "$colors" -gt 16 ] || fail "$1: the screenshot has $colors colours: the window looks blank"
  if [ -n "$shots" ]; then cp "$f" "$shots/$1.png"; ok "screenshot $shots/$1.png ($colors colours)"; else ok "screenshot $1 has $colors colours"; fi
}
# built BINARY: stripped (-s -w: no symbols of its own, only the imports a
# macOS binary names) and built with -trimpath (go version -m).
built() {
  local info
  info=$("$go" version -m "$1") || fail "$1 is not a Go binary"
  grep -q -- "-trimpath=true" <<<"$info" || fail "$1 was built without -trimpath"
  [ "$("$go" tool nm "$1" 2>/dev/null | awk '$2 == "T"' | wc -l)" -eq 0 ] || fail "$1 has a symbol table: not stripped (-s -w)"
}
# stamped BINARY: the version is in it (-X main.Version, read by About and
# --version; the linker drops a variable nothing reads).
stamped() {
  grep -a -q -F -- "$version" "$1" || fail "$1 does not carry the version $version"
}

step "files, checksums and sizes"
cd "$dist"
for f in "$linux.tar.xz" "$windows.zip" SHA256SUMS \
  "flowmap-cli-$version-linux-amd64" "flowmap-cli-$version-linux-arm64" \
  "flowmap-cli-$version-darwin-amd64" "flowmap-cli-$version-darwin-arm64"; do
  [ -s "$f" ] || fail "$dist/$f is missing (run make dist first)"
done
sha256sum --quiet -c SHA256SUMS || fail "SHA256SUMS does not match the files"
[ "$(wc -l <SHA256SUMS)" -eq "$(find . -maxdepth 1 -type f ! -name SHA256SUMS | wc -l)" ] || fail "SHA256SUMS does not list every file"
ok "SHA256SUMS lists and matches every file"
for f in "$linux.tar.xz" "$windows.zip"; do
  n=$(stat -c %s "$f")
  [ "$n" -lt "$limit" ] || fail "$f is $n bytes, over 30 MB"
  ok "$f: $(awk -v n="$n" 'BEGIN{printf "%.1f MB", n/1e6}') (under 30 MB)"
done
for pair in linux-amd64:x86-64 linux-arm64:aarch64 darwin-amd64:x86_64 darwin-arm64:arm64; do
  f=flowmap-cli-$version-${pair%:*}
  built "$f"
  grep -q "${pair#*:}" <<<"$(file -b "$f")" || fail "$f is not a ${pair#*:} binary: $(file -b "$f")"
done
grep -q 'statically linked' <<<"$(file -b "flowmap-cli-$version-linux-amd64")" || fail "the Linux CLI is not static (cgo?)"
ok "the CLI for linux/amd64, linux/arm64, darwin/amd64, darwin/arm64: stripped, -trimpath; Linux's static"
cli=$dist/flowmap-cli-$version-linux-amd64
chmod +x "$cli"
# flowmap-cli --version comes with the CLI's move to a command-line library;
# until then nothing reads its Version and the linker drops the stamp.
if out=$("$cli" --version 2>&1); then
  [ "$out" = "flowmap-cli $version" ] || fail "flowmap-cli --version printed \"$out\", want \"flowmap-cli $version\""
  for f in flowmap-cli-"$version"-*; do stamped "$f"; done
  ok "flowmap-cli --version: $out; every CLI binary carries $version"
  cli_version=yes
else
  echo "dist-check: note: this flowmap-cli has no --version yet (\"$out\"); its version is checked once it has"
  cli_version=
fi

# --- Linux ------------------------------------------------------------------
step "Linux: unpack and install user-local into a new account"
mkdir -p "$work/unpack"
tar -xJf "$linux.tar.xz" -C "$work/unpack"
pkg=$work/unpack/$linux
for f in Makefile README.txt usr/local/bin/flowmap usr/local/share/applications/io.flowmap.app.desktop \
  usr/local/share/icons/hicolor/512x512/apps/io.flowmap.app.png usr/local/share/mime/packages/io.flowmap.app.xml; do
  [ -f "$pkg/$f" ] || fail "the archive has no $f"
done
built "$pkg/usr/local/bin/flowmap"
stamped "$pkg/usr/local/bin/flowmap"
desktop-file-validate "$pkg/usr/local/share/applications/io.flowmap.app.desktop" || fail "the desktop entry is not valid"
ok "the archive holds the app (stripped, -trimpath, version $version), its desktop entry (valid), icon, MIME type and Makefile"

# A new account: no ~/.cache, no ~/.config, no D-Bus, no XDG_RUNTIME_DIR, as
# on a first login over ssh -X or in a fresh container.
home=$work/home
mkdir -p "$home"
unset XDG_RUNTIME_DIR XDG_CONFIG_HOME XDG_CACHE_HOME XDG_DATA_HOME XDG_SESSION_TYPE \
  DBUS_SESSION_BUS_ADDRESS WAYLAND_DISPLAY FYNE_THEME FLOWMAP_DB
export HOME=$home XDG_DATA_DIRS=/usr/local/share:/usr/share
make -s -C "$pkg" user-install >"$work/install.log" 2>&1 || { cat "$work/install.log" >&2; fail "make user-install"; }
app=$home/.local/bin/flowmap
data=$home/.local/share
[ -x "$app" ] || fail "user-install put no $app"
grep -qx "Exec=\"$app\" %f" "$data/applications/io.flowmap.app.desktop" || fail "the installed desktop entry does not run $app:
$(cat "$data/applications/io.flowmap.app.desktop")"
grep -q 'application/x-flowmap+json:\*\.flowmap\.json' "$data/mime/globs2" || fail "the MIME database has no *.flowmap.json"
ok "installed into $home/.local: bin, applications, icons, mime"

step "Linux: the installed app's first run under Xvfb"
start_xvfb "$work" 1920x1080x24 || fail "no X display"
[ ! -e "$home/.cache" ] || fail "the new account already has ~/.cache"
"$app" >"$work/first-run.log" 2>&1 &
apid=$!
pids+=("$apid")
win=$(waitwin '^Flowmap' 20 "$apid") || { cat "$work/first-run.log" >&2; fail "the installed app showed no window named Flowmap within 20 s"; }
ok "window \"$(xdotool getwindowname "$win")\""
sleep 2 # the first frames
shot linux-installed
kill -TERM "$apid" # a polite quit: the store is closed and backed up
for _ in $(seq 100); do kill -0 "$apid" 2>/dev/null || break; sleep 0.1; done
kill -0 "$apid" 2>/dev/null && fail "the app did not quit on SIGTERM within 10 s"
wait "$apid" || fail "the app exited with status $? on SIGTERM"
[ -s "$home/.config/flowmap/flowmap.db" ] || fail "the first run made no store in ~/.config/flowmap/flowmap.db"
ok "the store is $home/.config/flowmap/flowmap.db"
if [ -s "$work/first-run.log" ]; then
  cat "$work/first-run.log" >&2
  fail "the first run wrote to the terminal (above); it should be quiet"
fi
ok "the first run wrote nothing to the terminal"

step "Linux: a .flowmap.json opened from the file manager"
mapname="Team Alpha delivery"
"$cli" import --db "$work/cli.db" --name "$mapname" "$samples/feature-delivery.csv" >/dev/null
mkdir -p "$work/files"
"$cli" export --db "$work/cli.db" --map "$mapname" --out "$work/files/team.flowmap.json" >/dev/null
type=$(gio info -a standard::content-type "$work/files/team.flowmap.json" | sed -n 's/^ *standard::content-type: //p')
[ "$type" = application/x-flowmap+json ] || fail "the file manager sees team.flowmap.json as \"$type\""
grep -q 'io.flowmap.app.desktop' <<<"$(gio mime application/x-flowmap+json)" || fail "no application opens application/x-flowmap+json:
$(gio mime application/x-flowmap+json)"
ok "team.flowmap.json is $type, which io.flowmap.app.desktop opens"
# gio open is what GNOME's file manager does on a double-click: it finds the
# app for the file's type and runs its desktop entry's Exec line.
gio open "$work/files/team.flowmap.json" >"$work/open.log" 2>&1 || { cat "$work/open.log" >&2; fail "gio open"; }
win=$(waitwin "^Flowmap — $mapname\$" 20) || { cat "$work/open.log" >&2; fail "no window \"Flowmap — $mapname\" within 20 s"; }
ok "window \"$(xdotool getwindowname "$win")\""
sleep 1.5
shot linux-opened-file
apid=$(xdotool getwindowpid "$win")
pids+=("$apid")
kill -TERM "$apid"
for _ in $(seq 100); do kill -0 "$apid" 2>/dev/null || break; sleep 0.1; done
grep -q "$mapname" <<<"$("$cli" list --db "$home/.config/flowmap/flowmap.db")" || fail "the opened map is not in the store"
ok "the map is in the app's store"

step "Linux: uninstall, and a system-wide install"
make -s -C "$pkg" user-uninstall >"$work/uninstall.log" 2>&1 || { cat "$work/uninstall.log" >&2; fail "make user-uninstall"; }
left=$(find "$home/.local" -type f \( -name 'flowmap' -o -name 'io.flowmap.app*' \))
[ -z "$left" ] || fail "user-uninstall left $left"
grep -q 'flowmap' "$data/mime/globs2" && fail "user-uninstall left *.flowmap.json in the MIME database"
ok "user-uninstall removed the app, its entry, icon and MIME type"
sys=$work/system
make -s -C "$pkg" install PREFIX="$sys" >"$work/sysinstall.log" 2>&1 || { cat "$work/sysinstall.log" >&2; fail "make install PREFIX=$sys"; }
grep -qx "Exec=\"$sys/bin/flowmap\" %f" "$sys/share/applications/io.flowmap.app.desktop" || fail "system-wide: wrong Exec line"
grep -q 'application/x-flowmap+json:\*\.flowmap\.json' "$sys/share/mime/globs2" || fail "system-wide: no MIME type"
[ -x "$sys/bin/flowmap" ] && [ -f "$sys/share/icons/hicolor/512x512/apps/io.flowmap.app.png" ] || fail "system-wide: files missing"
make -s -C "$pkg" uninstall PREFIX="$sys" >/dev/null 2>&1 || fail "make uninstall PREFIX=$sys"
[ ! -e "$sys/bin/flowmap" ] || fail "make uninstall left $sys/bin/flowmap"
ok "make install and uninstall with PREFIX=$sys (sudo make install uses /usr/local)"

# --- Windows under Wine -------------------------------------------------------
step "Windows: unpack the zip"
mkdir -p "$work/win"
unzip -q "$dist/$windows.zip" -d "$work/win"
wdir=$work/win/$windows
for f in Flowmap.exe flowmap-cli.exe README.txt; do [ -f "$wdir/$f" ] || fail "the zip has no $f"; done
built "$wdir/Flowmap.exe"
stamped "$wdir/Flowmap.exe"
built "$wdir/flowmap-cli.exe"
if [ -n "$cli_version" ]; then stamped "$wdir/flowmap-cli.exe"; fi
grep -q 'Subsystem.*Windows GUI' <<<"$(x86_64-w64-mingw32-objdump -p "$wdir/Flowmap.exe")" || fail "Flowmap.exe is not a GUI program"
grep -q 'Subsystem.*Windows CUI' <<<"$(x86_64-w64-mingw32-objdump -p "$wdir/flowmap-cli.exe")" || fail "flowmap-cli.exe is not a console program"
wrestool -l "$wdir/Flowmap.exe" >"$work/resources" || fail "Flowmap.exe has no resources"
grep -q 'type=14' "$work/resources" || fail "Flowmap.exe has no icon: $(cat "$work/resources")"
grep -q 'type=16' "$work/resources" || fail "Flowmap.exe has no version information: $(cat "$work/resources")"
wrestool -x -t14 "$wdir/Flowmap.exe" >"$work/icon.ico"
width=$(icotool -l "$work/icon.ico" | sed -n 's/.*--width=\([0-9]*\).*/\1/p' | sort -n | tail -1)
[ "${width:-0}" -ge 256 ] || fail "Flowmap.exe's icon is smaller than 256 px: $(icotool -l "$work/icon.ico")"
grep -qx 'Flowmap' <<<"$(strings -el "$wdir/Flowmap.exe")" || fail "the version information does not name Flowmap"
ok "Flowmap.exe: stripped, -trimpath, version $version, GUI subsystem, icon ($width px), version information; flowmap-cli.exe: console"

step "Windows: a fresh Wine prefix"
export WINEPREFIX=$work/wineprefix WINEARCH=win64 WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml="
wine=$(command -v wine64 || echo /usr/lib/wine/wine64)
[ -x "$wine" ] || fail "wine64 is not installed"
start=$(date +%s)
"$wine" wineboot --init >"$work/wineboot.log" 2>&1 || { cat "$work/wineboot.log" >&2; fail "wineboot"; }
wineserver -w
ok "Wine prefix ready in $(($(date +%s) - start)) s"
# Go programs need Windows 10's bcryptprimitives.dll, which Wine 8 (Debian 12)
# lacks; a newer Wine has its own, and then the stand-in is not needed.
sys32=$WINEPREFIX/drive_c/windows/system32
if [ ! -e "$sys32/bcryptprimitives.dll" ]; then
  x86_64-w64-mingw32-gcc -shared -O2 -o "$sys32/bcryptprimitives.dll" "$root/scripts/wine/bcryptprimitives.c" -lbcrypt
  ok "this Wine has no bcryptprimitives.dll: the stand-in of scripts/wine is in its system32"
fi

step "Windows: flowmap-cli.exe metrics --json under Wine against the Linux CLI"
if [ -n "$cli_version" ]; then
  out=$("$wine" "$wdir/flowmap-cli.exe" --version 2>&1 | tr -d '\r')
  [ "$out" = "flowmap-cli $version" ] || fail "flowmap-cli.exe --version printed \"$out\""
  ok "flowmap-cli.exe --version: $out"
fi
for sheet in feature-delivery.csv mbpm-team.xlsx; do
  (cd "$samples" && "$cli" metrics --json "$sheet") >"$work/linux-$sheet.json"
  (cd "$samples" && "$wine" "$wdir/flowmap-cli.exe" metrics --json "$sheet") >"$work/windows-$sheet.json" 2>"$work/windows-$sheet.err" ||
    { cat "$work/windows-$sheet.err" >&2; fail "flowmap-cli.exe metrics --json $sheet failed under Wine"; }
  cmp -s "$work/linux-$sheet.json" "$work/windows-$sheet.json" ||
    fail "flowmap-cli.exe and the Linux CLI differ on $sheet:
$(diff "$work/linux-$sheet.json" "$work/windows-$sheet.json" | head -20)"
  ok "$sheet: the same $(wc -c <"$work/linux-$sheet.json") bytes of JSON from both"
done

step "Windows: Flowmap.exe under Wine"
"$wine" "$wdir/Flowmap.exe" >"$work/wine-app.log" 2>&1 &
pids+=($!)
win=$(waitwin '^Flowmap' 90) || { cat "$work/wine-app.log" >&2; fail "Flowmap.exe showed no window named Flowmap within 90 s"; }
ok "window \"$(xdotool getwindowname "$win")\""
sleep 3 # Wine and llvmpipe draw the first frames slowly
shot windows-wine
appdata=$(find "$WINEPREFIX/drive_c/users" -maxdepth 3 -path '*/AppData/Roaming' | head -1)
[ -s "$appdata/flowmap/flowmap.db" ] || fail "Flowmap.exe made no store in %AppData%\\flowmap\\flowmap.db"
ok "the store is %AppData%\\flowmap\\flowmap.db ($appdata/flowmap/flowmap.db)"
wineserver -k
wineserver -w

step "Windows: a map file opened with Flowmap.exe (as \"Open with\" does)"
"$wine" "$wdir/Flowmap.exe" 'Z:'"$(sed 's|/|\\|g' <<<"$work/files/team.flowmap.json")" >"$work/wine-open.log" 2>&1 &
pids+=($!)
win=$(waitwin "^Flowmap — $mapname\$" 90) || { cat "$work/wine-open.log" >&2; fail "no window \"Flowmap — $mapname\" within 90 s"; }
ok "window \"$(xdotool getwindowname "$win")\""
sleep 3
shot windows-wine-opened-file
wineserver -k
wineserver -w
grep -q "$mapname" <<<"$("$wine" "$wdir/flowmap-cli.exe" list 2>&1)" || fail "flowmap-cli.exe list (the default store, %AppData%) does not show the opened map"
ok "flowmap-cli.exe finds the opened map in the app's store, %AppData%"

printf '\ndist-check: all checks passed for %s\n' "$version"
