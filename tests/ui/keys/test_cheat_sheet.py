"""The cheat sheet (F1) lists every action of every window with its keys, and saves as HTML or PDF."""

import html

from PySide6.QtCore import Qt

from app.ui.keys.cheat_sheet import CheatSheet, sheet_html
from app.ui.keys.keymap import SHORTCUTS, Keymap, shown_all
from app.ui.keys.registry import ACTIONS, WINDOWS, window_title


def test_the_sheet_lists_every_action_with_its_keys():
    page = sheet_html()
    for window in WINDOWS:
        assert window_title(window) in page
    for action in ACTIONS:
        row = f"<b>{html.escape(shown_all(action.keys))}</b></td><td>{html.escape(action.plain_label())}</td>"
        assert row in page, action.id


def test_the_sheet_shows_a_changed_key_and_leaves_out_an_action_without_one():
    page = sheet_html(Keymap().with_keys("desk.transfer", ["Ctrl+Shift+Z"]).with_keys("desk.mute", []))
    assert "<b>Ctrl+Shift+Z</b></td><td>Transfer to a colleague…</td>" in page
    assert "Mute all sounds / unmute" not in page


def test_f1_opens_the_sheet_and_it_saves_as_html_and_pdf(qtbot, desk, tmp_path):
    window = desk()
    qtbot.keyClick(window, Qt.Key.Key_F1)
    qtbot.waitUntil(lambda: window.findChild(CheatSheet) is not None and window.findChild(CheatSheet).isVisible())
    sheet = window.findChild(CheatSheet)
    assert "Transfer to a colleague" in sheet.text.toPlainText()
    sheet.save(tmp_path / "keys.html")
    sheet.save(tmp_path / "keys.pdf")
    assert "Ctrl+Shift+T" in (tmp_path / "keys.html").read_text(encoding="utf-8")
    assert (tmp_path / "keys.pdf").read_bytes().startswith(b"%PDF")
    assert SHORTCUTS.keymap == Keymap()
