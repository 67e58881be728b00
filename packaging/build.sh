#!/usr/bin/env bash
# Builds KefuDesk's Linux bundle (PyInstaller one-folder) and its tarball, then smoke-tests the bundle: it starts
# offscreen on the demo shop with --screenshot and the PNG is checked. Prints the bundle's size and its cold start
# beside the build venv's. Output in build/: dist/kefudesk/ and kefudesk-VERSION-linux-ARCH.tar.gz.
# Usage: packaging/build.sh            (needs python3 ≥ 3.11 and the OS libraries of packaging/os-deps.sh)
# The Windows installer: build the bundle the same way on Windows, then compile packaging/windows/kefudesk.iss.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
version=$(sed -n 's/^__version__ = "\(.*\)"/\1/p' app/__init__.py)
arch=$(uname -m)
venv=build/venv

echo "build: KefuDesk $version for linux-$arch"
[ -x $venv/bin/python ] || python3 -m venv $venv
$venv/bin/pip install -q . pyinstaller
$venv/bin/python packaging/make_icons.py build/icons
$venv/bin/pyinstaller --noconfirm --log-level WARN --distpath build/dist --workpath build/work packaging/kefudesk.spec
bundle=build/dist/kefudesk
find "$bundle" -xtype l -delete  # links PyInstaller left to the Qt libraries the spec took out

# what the bundle must carry: our translations, Qt's own Chinese ones, and no QML/WebEngine
for needed in "_internal/app/ui/i18n/kefudesk_zh_CN.qm" "_internal/app/ui/kefudesk.svg" \
              "_internal/app/desk/guard_words/insults_zh_CN.txt" "_internal/app/store/migrations/env.py"; do
  [ -e "$bundle/$needed" ] || { echo "build: the bundle lacks $needed" >&2; exit 1; }
done
find "$bundle" -name 'qtbase_zh_CN.qm' | grep -q . || { echo "build: the bundle lacks Qt's qtbase_zh_CN.qm" >&2; exit 1; }
if find "$bundle" \( -name 'libQt6Qml*' -o -name 'libQt6WebEngine*' -o -name 'libQt6Quick*' \) | grep -q .; then
  echo "build: QML, Quick or WebEngine got into the bundle:" >&2
  find "$bundle" \( -name 'libQt6Qml*' -o -name 'libQt6WebEngine*' -o -name 'libQt6Quick*' \) >&2
  exit 1
fi

# smoke test: a fresh user's home, offscreen, the demo shop, a screenshot
home=$(mktemp -d)
trap 'rm -rf "$home"' EXIT
shot=$home/shot.png
env -i PATH=/usr/bin:/bin HOME="$home" LANG=C.UTF-8 QT_QPA_PLATFORM=offscreen \
  "$bundle/kefudesk" --screenshot "$shot" --after 3 --lang zh_CN
head -c 8 "$shot" | od -An -tx1 | grep -q "89 50 4e 47 0d 0a 1a 0a" || { echo "build: the screenshot is not a PNG" >&2; exit 1; }
[ "$(stat -c %s "$shot")" -gt 20000 ] || { echo "build: the screenshot is nearly empty" >&2; exit 1; }
echo "build: smoke test passed ($(stat -c %s "$shot") byte screenshot)"

# size, and cold start to first paint (median of 3) beside the venv's
first_paint() {  # the median seconds of three starts to the first painted window
  local times=()
  for _ in 1 2 3; do
    local start end
    start=$(date +%s.%N)
    env -i PATH=/usr/bin:/bin HOME="$home" QT_QPA_PLATFORM=offscreen "$@" --exit-on-first-paint >/dev/null 2>&1
    end=$(date +%s.%N)
    times+=("$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.2f", b - a }')")
  done
  printf '%s\n' "${times[@]}" | sort -n | sed -n 2p
}
size=$(du -sm "$bundle" | cut -f1)
echo "build: bundle $size MB; cold start $(first_paint "$bundle/kefudesk") s (venv: $(first_paint $venv/bin/kefudesk) s)"

# the tarball: the bundle, the .desktop entry, the icons and a per-user installer
stage=build/stage/kefudesk-$version
rm -rf build/stage && mkdir -p "$stage/share/applications"
cp -a "$bundle" "$stage/kefudesk"
cp -a build/icons/hicolor "$stage/share/icons-hicolor"
cp packaging/kefudesk.desktop "$stage/share/applications/"
cp packaging/linux/install.sh "$stage/install.sh"
tar -C build/stage -czf "build/kefudesk-$version-linux-$arch.tar.gz" "kefudesk-$version"
echo "build: $root/build/kefudesk-$version-linux-$arch.tar.gz ($(du -sm "build/kefudesk-$version-linux-$arch.tar.gz" | cut -f1) MB)"
