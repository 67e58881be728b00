"""Light and dark: the dark theme darkens the window even where the platform's style would not (offscreen here, a
bare X11 session), the chat bubbles and their text change with it and stay readable, and auto follows the
system's scheme."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from PySide6.QtGui import QPalette

from app.ui.theme import DARK, LIGHT, apply_theme, colours, is_dark

from app import domain


def contrast(a, b) -> float:
    def lum(c) -> float:
        def ch(v: float) -> float:
            return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4
        return 0.2126 * ch(c.redF()) + 0.7152 * ch(c.greenF()) + 0.0722 * ch(c.blueF())
    hi, lo = sorted((lum(a), lum(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


@pytest.fixture
def app_theme(qapp):
    style, palette = qapp.style().name(), QPalette(qapp.palette())
    yield qapp
    apply_theme(qapp, "light")
    qapp.setStyle(style)
    qapp.setPalette(palette)


def test_dark_darkens_the_window_and_light_brings_it_back(app_theme):
    assert apply_theme(app_theme, "dark") == "dark"
    assert is_dark(app_theme.palette())
    assert colours(app_theme.palette()) is DARK
    assert apply_theme(app_theme, "light") == "light"
    assert not is_dark(app_theme.palette()) and colours(app_theme.palette()) is LIGHT


@pytest.mark.parametrize("scheme", [LIGHT, DARK])
def test_bubble_text_reads_on_every_bubble(scheme):
    for bubble in (scheme.buyer, scheme.agent, scheme.failed, scheme.system):
        assert contrast(scheme.text, bubble) >= 7  # WCAG AAA for body text


def test_the_desk_paints_its_bubbles_in_the_dark_colours(qtbot, desk, app_theme):
    window = desk(domain.Message("m1", "c1", "in", "在吗", datetime.now(UTC)))
    apply_theme(app_theme, "dark")
    view = window.conversation.history
    qtbot.waitUntil(lambda: view.model().rowCount() >= 1)

    def painted() -> set[str]:
        image = view.viewport().grab().toImage()
        return {image.pixelColor(x, y).name() for x in range(0, image.width(), 2) for y in range(0, image.height(), 2)}

    qtbot.waitUntil(lambda: DARK.buyer.name() in painted())  # the palette reaches the view through its events
    assert LIGHT.buyer.name() not in painted()


def test_an_unknown_theme_is_refused(app_theme):
    with pytest.raises(ValueError, match="auto, light, dark"):
        apply_theme(app_theme, "purple")
