#!/usr/bin/env bash
# Builds the release files into DIST (make dist):
#   flowmap-V-linux-amd64.tar.xz    the app, packaged by Fyne's packaging tool,
#                                   with a Makefile that installs it
#   flowmap-V-windows-amd64.zip     Flowmap.exe (built with mingw-w64, icon and
#                                   version information embedded) and flowmap-cli.exe
#   flowmap-cli-V-OS-ARCH           the command line for Linux and macOS
#   SHA256SUMS
# V is the version `git describe` gives; every binary carries it (-X main.Version).
# Binaries are stripped (-s -w) and built with -trimpath.
#   scripts/dist.sh VERSION DIST
set -euo pipefail
version=$1
dist=$2
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
case "$version" in *[!A-Za-z0-9._+-]*|'') echo "dist: version \"$version\" has characters a file name cannot take" >&2; exit 1 ;; esac

go=${GO:-go}
tags=migrated_fynedo
ldflags="-s -w -X main.Version=$version"
app=cmd/flowmap
fyneapp=$app/FyneApp.toml
# Windows shows FyneApp.toml's Version with this build number: the commit count
# grows with every commit, so a later build always has the larger number
# (Windows allows at most 65535).
build=$(git rev-list --count HEAD 2>/dev/null || echo 1)
build=$((build % 65536))

rm -rf "$dist"
mkdir -p "$dist"
dist=$(cd "$dist" && pwd)
stage=$(mktemp -d)
cp "$fyneapp" "$stage/FyneApp.toml"
cleanup() {
  # Fyne's packaging tool raises the Build number in FyneApp.toml after each
  # package, and leaves its Windows resource and metadata files in the app's
  # folder if it is interrupted: put the tree back as it was.
  cp "$stage/FyneApp.toml" "$fyneapp"
  rm -f "$app/fyne.syso" "$app/fyne_metadata_init.go" "$app/flowmap.exe" "$app/Flowmap.exe"
  rm -rf "$stage"
}
trap cleanup EXIT
restore_fyneapp() { cp "$stage/FyneApp.toml" "$fyneapp"; }

step() { printf '\ndist: %s\n' "$*"; }
size() { awk -v n="$(stat -c %s "$1")" 'BEGIN { printf "%.1f MB", n / 1e6 }'; }

step "the packaging tool (fyne, pinned in tools/go.mod)"
"$go" -C tools build -o "$stage/fyne" fyne.io/tools/cmd/fyne
"$stage/fyne" version

# --- the command line: no cgo, so every platform builds here ---------------
for target in linux/amd64 linux/arm64 darwin/amd64 darwin/arm64 windows/amd64; do
  os=${target%/*} arch=${target#*/}
  out=$dist/flowmap-cli-$version-$os-$arch
  [ "$os" = windows ] && out=$stage/windows/flowmap-cli.exe
  step "flowmap-cli for $os/$arch"
  CGO_ENABLED=0 GOOS=$os GOARCH=$arch "$go" build -trimpath -tags "$tags" -ldflags "$ldflags" \
    -o "$out" ./cmd/flowmap-cli
done

# --- Linux: the app, packaged by Fyne's tool, completed for file managers ---
step "Flowmap for linux/amd64 (cgo, the release build of Fyne)"
mkdir -p "$stage/linux"
CGO_ENABLED=1 GOOS=linux GOARCH=amd64 "$go" build -trimpath -tags "$tags,release" -ldflags "$ldflags" \
  -o "$stage/linux/flowmap" ./$app
step "fyne package -os linux"
(cd "$stage/linux" && "$stage/fyne" package -os linux -release -src "$root/$app" \
  -exe "$stage/linux/flowmap" -app-build "$build")
restore_fyneapp
# Fyne's archive holds the binary, the .desktop file (name, icon, MIME type)
# and the icon under usr/local (usr where the build machine has no
# /usr/local). Its Makefile and desktop entry are completed here: Fyne's
# Makefile installs no MIME type, so a file manager would not know a
# .flowmap.json file, and its desktop entry passes several files (%F) to an
# app that opens one.
linux=flowmap-$version-linux-amd64
tree=$stage/linux/tree/$linux
mkdir -p "$stage/linux/unpacked" "$tree/usr/local/bin" "$tree/usr/local/share/applications" \
  "$tree/usr/local/share/icons/hicolor/512x512/apps" "$tree/usr/local/share/mime/packages"
tar -xJf "$stage/linux/Flowmap.tar.xz" -C "$stage/linux/unpacked"
found() { # found NAME: the one file of that name in Fyne's archive
  local f
  f=$(find "$stage/linux/unpacked" -type f -name "$1")
  [ -n "$f" ] && [ "$(printf '%s\n' "$f" | wc -l)" -eq 1 ] || { echo "dist: Fyne's archive has no single $1:" >&2; find "$stage/linux/unpacked" >&2; exit 1; }
  printf '%s' "$f"
}
cp -p "$(found flowmap)" "$tree/usr/local/bin/flowmap"
cp "$(found io.flowmap.app.png)" "$tree/usr/local/share/icons/hicolor/512x512/apps/io.flowmap.app.png"
desktop=$tree/usr/local/share/applications/io.flowmap.app.desktop
sed -e 's/^Exec=flowmap %F$/Exec=flowmap %f/' "$(found io.flowmap.app.desktop)" >"$desktop"
grep -qx 'Exec=flowmap %f' "$desktop" || { echo "dist: unexpected Exec line in Fyne's desktop file:" >&2; cat "$desktop" >&2; exit 1; }
grep -q '^MimeType=application/x-flowmap+json;' "$desktop" || { echo "dist: Fyne's desktop file names no MIME type (CanOpen in $fyneapp)" >&2; exit 1; }
cp scripts/package/linux/io.flowmap.app.xml "$tree/usr/local/share/mime/packages/"
cp scripts/package/linux/Makefile scripts/package/linux/README.txt "$tree/"
chmod 755 "$tree/usr/local/bin/flowmap"
step "$linux.tar.xz"
tar --owner=0 --group=0 --numeric-owner -cJf "$dist/$linux.tar.xz" -C "$stage/linux/tree" "$linux"

# --- Windows: the app with mingw-w64, packaged by Fyne's tool ---------------
step "Flowmap.exe for windows/amd64 (cgo with mingw-w64; fyne package -os windows)"
command -v x86_64-w64-mingw32-gcc >/dev/null || { echo "dist: x86_64-w64-mingw32-gcc is missing (scripts/deps.sh dist)" >&2; exit 1; }
# The tool builds in the app's folder, embeds the icon, the manifest and the
# version information (a .syso it removes after), and adds -H=windowsgui, -s -w
# and -trimpath for a release; it takes further linker flags from GOFLAGS.
# Without an existing executable it builds twice, and the second build (the
# one it keeps) has lost GOFLAGS' -ldflags: the tool (v1.7.4) unsets GOFLAGS
# once read. An empty file where it expects the executable skips the first
# build; the second writes the real one over it.
: >"$root/$app/flowmap.exe"
(cd "$root/$app" && GOOS=windows GOARCH=amd64 CC=x86_64-w64-mingw32-gcc \
  GOFLAGS="-ldflags=-X=main.Version=$version" \
  "$stage/fyne" package -os windows -release -app-build "$build" -tags "$tags" \
  -exe "$root/$app/flowmap.exe")
restore_fyneapp
mv "$root/$app/Flowmap.exe" "$stage/windows/Flowmap.exe"
windows=flowmap-$version-windows-amd64
mkdir -p "$stage/windows/tree/$windows"
mv "$stage/windows/Flowmap.exe" "$stage/windows/flowmap-cli.exe" "$stage/windows/tree/$windows/"
sed 's/$/\r/' scripts/package/windows/README.txt >"$stage/windows/tree/$windows/README.txt"
step "$windows.zip"
(cd "$stage/windows/tree" && zip -q -9 -r "$dist/$windows.zip" "$windows")

# --- checksums and sizes -----------------------------------------------------
(cd "$dist" && sha256sum -- * >SHA256SUMS)
step "done: $dist"
(cd "$dist" && for f in *; do printf '  %-48s %9s\n' "$f" "$(size "$f")"; done)
unzip -l "$dist/$windows.zip" | sed -n '4,$p' | sed '/^-/,$d' | awk '{printf "    %-44s %6.1f MB\n", $4, $1/1e6}'
tar -tvJf "$dist/$linux.tar.xz" | awk '$3 > 1e6 {printf "    %-44s %6.1f MB\n", $6, $3/1e6}'
