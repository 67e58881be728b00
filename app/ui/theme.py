"""Light and dark (setting ui.theme: auto follows the system's colour scheme, Qt 6's QStyleHints). Where the
platform's own style does not change its colours with the scheme (a bare X11 session, the offscreen platform),
the desk switches to Qt's Fusion style with a dark palette itself. What the desk paints in its own colours (the
chat bubbles, the queue's labels) asks colours() at paint time, so a change of scheme shows at once."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QStyleFactory

THEMES = ("auto", "light", "dark")


@dataclass(frozen=True)
class Colours:
    """The desk's own colours for one scheme: chat bubbles and their text, the queue's labels."""

    buyer: QColor
    agent: QColor
    failed: QColor
    system: QColor
    text: QColor
    label: QColor


LIGHT = Colours(QColor("#F2F3F5"), QColor("#D9ECFF"), QColor("#FDE2E2"), QColor("#FDF6EC"), QColor("#303133"),
                QColor("#2E6DB4"))
DARK = Colours(QColor("#2B2D31"), QColor("#1D3B5C"), QColor("#5C2B2B"), QColor("#4A3B22"), QColor("#E5EAF3"),
               QColor("#79B4F2"))


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def colours(palette: QPalette) -> Colours:
    """The bubbles and labels that read on this palette's background."""
    return DARK if is_dark(palette) else LIGHT


def dark_palette() -> QPalette:
    """Fusion's palette for a dark scheme (the platform gave none): text contrast ≥ 7:1 on every surface."""
    palette = QPalette()
    window, base, text = QColor("#1F2023"), QColor("#17181A"), QColor("#E5EAF3")
    for role, colour in ((QPalette.ColorRole.Window, window), (QPalette.ColorRole.WindowText, text),
                         (QPalette.ColorRole.Base, base), (QPalette.ColorRole.AlternateBase, QColor("#26282C")),
                         (QPalette.ColorRole.ToolTipBase, QColor("#2B2D31")), (QPalette.ColorRole.ToolTipText, text),
                         (QPalette.ColorRole.Text, text), (QPalette.ColorRole.Button, QColor("#2B2D31")),
                         (QPalette.ColorRole.ButtonText, text), (QPalette.ColorRole.BrightText, QColor("#FF7B7B")),
                         (QPalette.ColorRole.Highlight, QColor("#2F6FB5")),
                         (QPalette.ColorRole.HighlightedText, QColor("#FFFFFF")),
                         (QPalette.ColorRole.Link, QColor("#79B4F2")),
                         (QPalette.ColorRole.PlaceholderText, QColor("#9AA0A8"))):
        palette.setColor(role, colour)
    for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text, QPalette.ColorRole.ButtonText):
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor("#6B7078"))
    return palette


def apply_theme(app: QApplication, theme: str) -> str:
    """Put the application in the theme ("auto", "light" or "dark"); returns the scheme in force ("light"/"dark")."""
    if theme not in THEMES:
        raise ValueError(f"theme must be one of {', '.join(THEMES)}")
    hints = QGuiApplication.styleHints()
    wanted = {"light": Qt.ColorScheme.Light, "dark": Qt.ColorScheme.Dark}.get(theme, Qt.ColorScheme.Unknown)
    if hasattr(hints, "setColorScheme"):  # Qt 6.8+: the style follows where it can
        hints.setColorScheme(wanted)
    dark = wanted == Qt.ColorScheme.Dark or (theme == "auto" and hints.colorScheme() == Qt.ColorScheme.Dark)
    if dark and not is_dark(app.palette()):  # the platform's style stayed light: Fusion, dark, by hand
        app.setStyle(QStyleFactory.create("Fusion"))
        app.setPalette(dark_palette())
    elif not dark and is_dark(app.palette()) and app.property("kefudesk_dark_by_hand"):
        app.setPalette(app.style().standardPalette())
    app.setProperty("kefudesk_dark_by_hand", dark and app.palette() == dark_palette())
    return "dark" if is_dark(app.palette()) else "light"


def follow_theme(app: QApplication, theme: str) -> None:
    """apply_theme now and, for "auto", again whenever the system switches between light and dark."""
    apply_theme(app, theme)
    app.setProperty("kefudesk_theme", theme)
    if not app.property("kefudesk_theme_followed"):
        app.setProperty("kefudesk_theme_followed", True)
        QGuiApplication.styleHints().colorSchemeChanged.connect(
            lambda _scheme: apply_theme(app, str(app.property("kefudesk_theme") or "auto")))
