#!/usr/bin/env bash
# Installs this KefuDesk folder for the current user (no root): the program in ~/.local/opt/kefudesk, the
# `kefudesk` command in ~/.local/bin, the menu entry and its icon. Run it again to update; --remove takes it out.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
data=${XDG_DATA_HOME:-$HOME/.local/share}
opt=$HOME/.local/opt/kefudesk
if [ "${1:-}" = --remove ]; then
  rm -rf "$opt" "$HOME/.local/bin/kefudesk" "$data/applications/kefudesk.desktop"
  find "$data/icons/hicolor" -name kefudesk.png -delete 2>/dev/null || true
  echo "KefuDesk removed (your chats and settings stay in $data/kefudesk and ${XDG_CONFIG_HOME:-$HOME/.config}/kefudesk)"
  exit 0
fi
mkdir -p "$HOME/.local/opt" "$HOME/.local/bin" "$data/applications" "$data/icons"
rm -rf "$opt" && cp -a "$here/kefudesk" "$opt"
ln -sf "$opt/kefudesk" "$HOME/.local/bin/kefudesk"
cp -a "$here/share/icons-hicolor/." "$data/icons/hicolor/"
sed "s#^Exec=kefudesk#Exec=$opt/kefudesk#" "$here/share/applications/kefudesk.desktop" > "$data/applications/kefudesk.desktop"
command -v update-desktop-database >/dev/null && update-desktop-database -q "$data/applications" || true
echo "KefuDesk installed: run kefudesk, or find 客服台 / KefuDesk in the menu"
