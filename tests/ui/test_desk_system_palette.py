"""The desk starts the phrase palette over other applications where it can, and says once why not where it
cannot (here: a Wayland session, simulated — the X11 side is tested on Xvfb in tests/systemwide)."""

from __future__ import annotations

from app.config import PaletteSettings

from app.ui.start import _system_palette

from app import systemwide


def test_on_wayland_the_desk_says_the_palette_over_other_applications_is_off(qtbot, desk, monkeypatch):
    win = desk()
    monkeypatch.setattr(systemwide, "detect", lambda: systemwide.Unsupported("wayland", systemwide.WAYLAND))
    assert _system_palette(win, win.session.store, PaletteSettings("Ctrl+Alt+Space")) is None
    qtbot.waitUntil(lambda: "palette over other applications is off" in win.statusBar().currentMessage(),
                    timeout=6000)
    assert "Wayland" in win.statusBar().currentMessage()
    assert _system_palette(win, win.session.store, PaletteSettings("")) is None  # the setting empty: nothing is tried
