#!/usr/bin/env bash
# The operating-system parts the desk needs on Linux and pip cannot install: Qt's X11 (xcb) and EGL libraries,
# fontconfig, CJK and emoji fonts (without them Chinese shows as empty boxes); with --test also Xvfb, the virtual screen
# the tests and screenshots use on a box without a monitor. Debian/Ubuntu (apt) and Fedora (dnf) names.
# Idempotent: asks the package manager only for what is missing. Needs root (runs apt/dnf through sudo when not).
# Usage: packaging/os-deps.sh [--test] [--check]   (--check: only list what is missing; exit 1 if anything is)
set -euo pipefail

with_test=0 check=0
for arg in "$@"; do
  case $arg in
    --test) with_test=1 ;;
    --check) check=1 ;;
    -h|--help) sed -n '2,6p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "os-deps: unknown option $arg (use --test, --check)" >&2; exit 2 ;;
  esac
done

if command -v apt-get >/dev/null; then manager=apt
elif command -v dnf >/dev/null; then manager=dnf
else
  echo "os-deps: neither apt-get nor dnf found; install by hand Qt 6's xcb libraries (libxcb-cursor, libxkbcommon-x11," \
       "libEGL, fontconfig) and a CJK font (Noto Sans CJK or WenQuanYi)" >&2
  exit 2
fi

# library file → package (Debian name, Fedora name); read the linker's cache once
libs=$(ldconfig -p 2>/dev/null || true)
need=()
while read -r lib deb rpm; do
  [ -z "$lib" ] && continue
  grep -q "$lib" <<<"$libs" && continue
  if [ $manager = apt ]; then need+=("$deb"); else need+=("$rpm"); fi
done <<'EOF'
libEGL.so.1 libegl1 mesa-libEGL
libGL.so.1 libgl1 mesa-libGL
libfontconfig.so.1 libfontconfig1 fontconfig
libxkbcommon.so.0 libxkbcommon0 libxkbcommon
libxkbcommon-x11.so.0 libxkbcommon-x11-0 libxkbcommon-x11
libxcb-cursor.so.0 libxcb-cursor0 xcb-util-cursor
libxcb-icccm.so.4 libxcb-icccm4 xcb-util-wm
libxcb-keysyms.so.1 libxcb-keysyms1 xcb-util-keysyms
libxcb-image.so.0 libxcb-image0 xcb-util-image
libxcb-render-util.so.0 libxcb-render-util0 xcb-util-renderutil
libxcb-xkb.so.1 libxcb-xkb1 libxcb
libxcb-shape.so.0 libxcb-shape0 libxcb
libxcb-randr.so.0 libxcb-randr0 libxcb
libxcb-xinerama.so.0 libxcb-xinerama0 libxcb
libdbus-1.so.3 libdbus-1-3 dbus-libs
EOF

fonts=$(fc-list 2>/dev/null || true)
if ! grep -qiE 'noto (sans|serif) cjk|wenquanyi|wqy' <<<"$fonts"; then
  if [ $manager = apt ]; then need+=(fonts-noto-cjk fontconfig); else need+=(google-noto-sans-cjk-fonts fontconfig); fi
fi
if ! grep -qi 'emoji' <<<"$fonts"; then  # buyers' 😊 and the phrases' ～😣 as pictures, not empty boxes
  if [ $manager = apt ]; then need+=(fonts-noto-color-emoji); else need+=(google-noto-color-emoji-fonts); fi
fi
if [ $with_test = 1 ] && ! command -v Xvfb >/dev/null; then
  if [ $manager = apt ]; then need+=(xvfb xauth); else need+=(xorg-x11-server-Xvfb xorg-x11-xauth); fi
fi

# one name once (several libraries come in one package)
mapfile -t need < <(printf '%s\n' "${need[@]+"${need[@]}"}" | awk 'NF && !seen[$0]++')

if ((${#need[@]} == 0)); then
  echo "os-deps: nothing missing"
  exit 0
fi
if [ $check = 1 ]; then
  echo "os-deps: missing ${need[*]}"
  exit 1
fi

run=()
[ "$(id -u)" != 0 ] && run=(sudo)
echo "os-deps: installing ${need[*]}"
if [ $manager = apt ]; then
  "${run[@]+"${run[@]}"}" apt-get update -qq
  "${run[@]+"${run[@]}"}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}"
else
  "${run[@]+"${run[@]}"}" dnf install -y -q "${need[@]}"
fi
echo "os-deps: done"
