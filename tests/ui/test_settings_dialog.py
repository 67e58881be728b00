"""The settings dialog (Ctrl+,): every setting of docs/settings.md is there, a saved change lands in settings.toml
beside the user's own lines, what the open desk can take is in force at once, and a bad value is named and
nothing is written."""

from __future__ import annotations

import tomllib

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QDialogButtonBox, QLineEdit

from app.ui.settings_dialog import HIDDEN, SettingsDialog

from app import config

CTRL = Qt.KeyboardModifier.ControlModifier


def open_settings(qtbot, window) -> SettingsDialog:
    qtbot.keyClick(window, Qt.Key.Key_Comma, CTRL)
    qtbot.waitUntil(lambda: window.findChild(SettingsDialog) is not None)
    dialog = window.findChild(SettingsDialog)
    qtbot.waitUntil(dialog.isVisible)
    return dialog


def choose(combo: QComboBox, value: str) -> None:
    combo.setCurrentIndex(combo.findData(value))


def test_every_documented_setting_has_a_field_with_its_current_value(qtbot, desk):
    config.settings_path().parent.mkdir(parents=True, exist_ok=True)
    config.settings_path().write_text('[demo]\nbuyers = 120\n', encoding="utf-8")
    dialog = open_settings(qtbot, desk())
    assert set(dialog.fields) == {s.name for s in config.SETTINGS} - HIDDEN
    assert dialog.fields["demo.buyers"].value() == 120
    assert dialog.fields["queue.after_reply"].currentData() == "longest"
    assert all(field.toolTip() for field in dialog.fields.values())  # each says what it does


def test_saved_settings_land_in_the_file_beside_the_users_lines_and_the_live_ones_apply_at_once(qtbot, desk):
    path = config.settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text('# 我的设置\n[keys]\npreset = "kefudesk"\n\n[keys.bindings]\n"desk.mute" = ["F12"]\n',
                    encoding="utf-8")
    window = desk()
    dialog = open_settings(qtbot, window)
    choose(dialog.fields["queue.after_reply"], "stay")
    choose(dialog.fields["ui.quit_while_waiting"], "tray")
    dialog.fields["demo.rate"].setValue(30)
    qtbot.keyClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: not dialog.isVisible())

    saved = tomllib.loads(path.read_text(encoding="utf-8"))
    assert saved["queue"]["after_reply"] == "stay" and saved["ui"]["quit_while_waiting"] == "tray"
    assert saved["demo"]["rate"] == 30.0
    assert saved["keys"] == {"preset": "kefudesk", "bindings": {"desk.mute": ["F12"]}}  # the user's own, kept
    assert path.read_text(encoding="utf-8").startswith("# 我的设置\n")
    assert "gateway" not in saved  # only what changed is written
    assert window.floor.after_reply == "stay" and window.quit_guard.when_waiting == "tray"  # no restart needed
    assert "Settings saved" in window.statusBar().currentMessage()


def test_a_team_server_url_with_its_password_is_refused_and_nothing_is_written(qtbot, desk):
    dialog = open_settings(qtbot, desk())
    url: QLineEdit = dialog.fields["store.url"]
    url.setText("postgresql+psycopg://xiaowang:secret123@db.shop.lan/kefu")
    choose(dialog.fields["queue.after_reply"], "next")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    assert dialog.isVisible()
    assert "Team PostgreSQL server" in dialog.problem.text() and "password" in dialog.problem.text()
    assert url.hasFocus() or dialog.focusWidget() is url
    assert not config.settings_path().exists()  # all or none

    url.setText("postgresql+psycopg://xiaowang@db.shop.lan/kefu")
    dialog.fields["palette.hotkey"].setText("Ctrl+Alt+Nowhere")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    assert "Phrase palette hotkey" in dialog.problem.text() and not config.settings_path().exists()


def test_a_settings_file_broken_by_hand_is_named_and_not_overwritten(qtbot, desk):
    window = desk()
    path = config.settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("[ui\nlanguage = \n", encoding="utf-8")
    dialog = open_settings(qtbot, window)
    assert "not valid TOML" in dialog.problem.text()
    assert not dialog.buttons.button(QDialogButtonBox.StandardButton.Save).isEnabled()
    dialog.save()  # even asked directly
    assert path.read_text(encoding="utf-8") == "[ui\nlanguage = \n"


def test_esc_closes_without_saving(qtbot, desk):
    window = desk()
    dialog = open_settings(qtbot, window)
    choose(dialog.fields["queue.after_reply"], "stay")
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert not config.settings_path().exists() and window.floor.after_reply == "longest"


def test_save_settings_keeps_other_sections_and_refuses_a_bad_value_whole(tmp_path):
    path = tmp_path / "settings.toml"
    path.write_text('[ui]\nlanguage = "en"\n\n[palette]\nhotkey = ""\n', encoding="utf-8")
    config.save_settings({"ui.language": "zh_CN", "demo.buyers": 7}, path)
    assert tomllib.loads(path.read_text(encoding="utf-8")) == {"ui": {"language": "zh_CN"}, "palette": {"hotkey": ""},
                                                                "demo": {"buyers": 7}}
    before = path.read_text(encoding="utf-8")
    try:
        config.save_settings({"ui.language": "fr", "demo.buyers": 9}, path)
    except config.SettingsError as exc:
        assert "ui.language" in str(exc)
    else:
        raise AssertionError("a language the desk does not have was saved")
    assert path.read_text(encoding="utf-8") == before
