"""The key settings (Ctrl+F1): a key pressed for an action is shown at once; a key two actions of one window share
is named and cannot be saved; a saved change is in settings.toml, in force in the open windows at once, and in
force again after a restart (the old key then does nothing)."""

import tomllib

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from app.ui.keys.key_settings import KeySettingsDialog
from app.ui.keys.keymap import SHORTCUTS, Keymap
from app.ui.start import configured_keymap

from app import config

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


def open_settings(qtbot, window) -> KeySettingsDialog:
    qtbot.keyClick(window, Qt.Key.Key_F1, CTRL)
    qtbot.waitUntil(lambda: window.findChild(KeySettingsDialog) is not None)
    dialog = window.findChild(KeySettingsDialog)
    qtbot.waitUntil(dialog.isVisible)
    return dialog


def press_new_key(qtbot, dialog: KeySettingsDialog, action_id: str, key: Qt.Key, modifiers) -> None:
    dialog.select(action_id)
    dialog.key_edit.setFocus()
    qtbot.keyClick(dialog.key_edit, key, modifiers)
    qtbot.waitUntil(lambda: dialog.key_edit.keySequence().count() == 1)


def save_button(dialog: KeySettingsDialog):
    return dialog.buttons.button(QDialogButtonBox.StandardButton.Save)


def test_a_key_another_action_of_the_window_has_is_named_and_cannot_be_saved(qtbot, desk, tmp_path, monkeypatch):
    monkeypatch.setenv(config.CONFIG_DIR_ENV, str(tmp_path / "config"))
    window = desk()
    dialog = open_settings(qtbot, window)
    press_new_key(qtbot, dialog, "desk.mute", Qt.Key.Key_K, CTRL)
    qtbot.waitUntil(lambda: "Ctrl+K" in dialog.conflict_label.text())
    assert "Mute all sounds / unmute" in dialog.conflict_label.text()
    assert "Phrase palette" in dialog.conflict_label.text()
    assert not save_button(dialog).isEnabled()
    dialog.save()  # even asked directly: refused
    assert dialog.isVisible() and not config.settings_path().exists()
    assert [k.toString() for k in SHORTCUTS.sequences("desk.mute")] == ["Ctrl+M"], "nothing applied"
    dialog.reset_one.click()  # back to the default: no conflict, savable again
    assert dialog.conflict_label.text() == "" and save_button(dialog).isEnabled()


def test_search_finds_an_action_by_its_words_or_its_key(qtbot, desk):
    dialog = open_settings(qtbot, desk())
    qtbot.keyClicks(dialog.search, "transfer")
    labels = {dialog.proxy.index(row, 1).data() for row in range(dialog.proxy.rowCount())}
    assert labels == {"Transfer to a colleague…"}
    dialog.search.clear()
    qtbot.keyClicks(dialog.search, "Ctrl+Shift+T")
    assert "Transcripts and 质检…" in {dialog.proxy.index(r, 1).data() for r in range(dialog.proxy.rowCount())}
    dialog.search.clear()
    qtbot.keyClicks(dialog.search, "desk.send_anyway")  # the id settings.toml names
    assert [dialog.proxy.index(r, 1).data() for r in range(dialog.proxy.rowCount())] == [
        "Send anyway (banned words, audited)…"]


def test_a_rebinding_is_saved_applies_at_once_and_survives_a_restart(qtbot, desk, tmp_path, monkeypatch):
    monkeypatch.setenv(config.CONFIG_DIR_ENV, str(tmp_path / "config"))
    config.settings_path().parent.mkdir()
    config.settings_path().write_text('[queue]\nafter_reply = "stay"  # the agent\'s own\n', encoding="utf-8")
    window = desk()
    dialog = open_settings(qtbot, window)
    press_new_key(qtbot, dialog, "desk.mute", Qt.Key.Key_U, CTRL | SHIFT)
    assert dialog.conflict_label.text() == ""
    save_button(dialog).click()
    saved = tomllib.loads(config.settings_path().read_text(encoding="utf-8"))
    assert saved["keys"]["bindings"] == {"desk.mute": ["Ctrl+Shift+U"]}
    assert saved["queue"] == {"after_reply": "stay"} and "# the agent's own" in config.settings_path().read_text()
    qtbot.keyClick(window, Qt.Key.Key_U, CTRL | SHIFT)  # in force without a restart
    assert window.status_line.alerts.muted
    window.close()

    SHORTCUTS.set(Keymap())  # a new process starts with the defaults, then reads settings.toml as the desk does
    again = desk(keys=configured_keymap())
    assert not again.status_line.alerts.muted
    qtbot.keyClick(again, Qt.Key.Key_M, CTRL)
    assert not again.status_line.alerts.muted, "the old key no longer mutes"
    qtbot.keyClick(again, Qt.Key.Key_U, CTRL | SHIFT)
    assert again.status_line.alerts.muted


def test_reset_all_and_the_preset_start_from_the_registry(qtbot, desk):
    dialog = open_settings(qtbot, desk())
    dialog.set_keys("desk.transfer", ["Ctrl+Shift+Z"])
    assert dialog.draft.keys("desk.transfer") == ("Ctrl+Shift+Z",)
    dialog.reset_all.click()
    assert dialog.draft == Keymap()
    dialog.preset.setCurrentIndex(dialog.preset.findData("qianniu"))
    assert dialog.draft.preset == "qianniu" and dialog.draft.conflicts() == []


def test_a_key_handled_inside_a_widget_cannot_be_changed(qtbot, desk):
    dialog = open_settings(qtbot, desk())
    dialog.select("desk.enter")
    assert not dialog.key_edit.isEnabled()
    dialog.set_keys("desk.enter", ["Ctrl+J"])
    assert dialog.draft == Keymap()
