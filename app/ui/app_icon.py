"""The desk's icon (kefudesk.svg beside this module): the window, the taskbar, the tray and the installers'
icon files, all drawn from the one SVG."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QIcon

ICON_SVG = Path(__file__).with_name("kefudesk.svg")
SIZES = (16, 24, 32, 48, 64, 128, 256)


def app_icon() -> QIcon:
    """The icon at every size a window manager, a taskbar or a tray asks for (Qt's SVG plugin draws it; without
    the plugin the icon is empty and Qt shows its default)."""
    return QIcon(str(ICON_SVG))
