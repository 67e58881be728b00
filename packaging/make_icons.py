"""Draws the installers' icon files from the desk's one SVG (app/ui/kefudesk.svg): PNGs for the Linux .desktop
entry at the hicolor theme's sizes and a .ico for Windows. Usage: python packaging/make_icons.py OUT_DIR"""

from __future__ import annotations

import os
import sys
from pathlib import Path

SVG = Path(__file__).resolve().parents[1] / "app" / "ui" / "kefudesk.svg"
SIZES = (16, 24, 32, 48, 64, 128, 256)


def main(out: Path) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication, QIcon

    app = QGuiApplication.instance() or QGuiApplication([])  # noqa: F841 - pixmaps need an application
    icon = QIcon(str(SVG))
    out.mkdir(parents=True, exist_ok=True)
    for size in SIZES:
        folder = out / "hicolor" / f"{size}x{size}" / "apps"
        folder.mkdir(parents=True, exist_ok=True)
        if not icon.pixmap(size, size).save(str(folder / "kefudesk.png"), "PNG"):
            print(f"make_icons: could not draw {size}x{size} from {SVG} (Qt's SVG plugin missing?)", file=sys.stderr)
            return 1
    if not icon.pixmap(256, 256).save(str(out / "kefudesk.ico"), "ICO"):
        print("make_icons: Qt could not write the .ico (its ICO image plugin is missing)", file=sys.stderr)
        return 1
    print(f"make_icons: {len(SIZES)} PNG sizes and kefudesk.ico in {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1] if len(sys.argv) > 1 else "build/icons")))
