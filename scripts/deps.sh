#!/usr/bin/env bash
# Installs the Debian/Ubuntu packages Flowmap needs, if any are missing.
#   scripts/deps.sh build   what building the desktop app needs (cgo, GLFW, X11)
#   scripts/deps.sh test    that, plus what the tests need: Xvfb, xdotool,
#                           ImageMagick, LibreOffice Calc and poppler
#   scripts/deps.sh dist    what make dist needs: the build packages, mingw-w64
#                           for the Windows app, xz and zip for the archives
#   scripts/deps.sh dist-check  that, plus what make dist-check runs the
#                           packages with: Wine, Xvfb, xdotool, ImageMagick, and
#                           the desktop's MIME and menu tools (gio, update-*)
# As root it runs apt-get; otherwise it prints the exact line to run and fails.
set -euo pipefail

build=(gcc libc6-dev pkg-config libgl1-mesa-dev libx11-dev libxcursor-dev libxrandr-dev
  libxinerama-dev libxi-dev libxxf86vm-dev libxkbcommon-dev libwayland-dev)
test=(xvfb xauth xdotool imagemagick libreoffice-calc-nogui poppler-utils)
dist=(gcc-mingw-w64-x86-64 xz-utils zip)
dist_check=(wine wine64 unzip make xvfb xauth xdotool imagemagick shared-mime-info
  desktop-file-utils libglib2.0-bin icoutils file)

case "${1:-build}" in
build) want=("${build[@]}") ;;
test) want=("${build[@]}" "${test[@]}") ;;
dist) want=("${build[@]}" "${dist[@]}") ;;
dist-check) want=("${build[@]}" "${dist[@]}" "${dist_check[@]}") ;;
*) echo "usage: $0 build|test|dist|dist-check" >&2; exit 2 ;;
esac

missing=()
for p in "${want[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done
[ ${#missing[@]} -eq 0 ] && exit 0

line="apt-get update && apt-get install -y --no-install-recommends ${missing[*]}"
if [ "$(id -u)" -ne 0 ]; then
  echo "Flowmap needs these system packages: ${missing[*]}" >&2
  echo "Install them with:" >&2
  echo "  sudo sh -c '$line'" >&2
  exit 1
fi
echo "Installing system packages: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
