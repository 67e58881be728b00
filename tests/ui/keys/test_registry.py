"""The key registry is the one list of the desk's keys: no window has a key twice (for the defaults and for every
preset), every key is one Qt can read, and the desk's menus hold exactly the registry's desk actions."""

import pytest
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QLabel

from app.ui.keys.keymap import PRESETS, SHORTCUTS, Keymap, normal
from app.ui.keys.registry import ACTIONS, BY_ID, in_window


@pytest.mark.parametrize("preset", sorted(PRESETS))
def test_no_window_has_a_key_twice(preset):
    assert Keymap(preset).conflicts() == []


def test_a_key_given_twice_in_one_window_is_a_conflict_naming_both_actions():
    clashes = Keymap().with_keys("desk.mute", ["Ctrl+K"]).conflicts()
    assert [(c.window, c.key, set(c.ids)) for c in clashes] == [("desk", "Ctrl+K", {"desk.mute", "desk.palette"})]
    assert Keymap().with_keys("review.save", ["Ctrl+K"]).conflicts() == [], "another window may use it"


def test_every_action_has_one_id_and_readable_keys():
    assert len(BY_ID) == len(ACTIONS)
    for action in ACTIONS:
        assert action.keys, action.id
        if not action.fixed:
            assert all(normal(k) for k in action.keys), action.id
        assert action.plain_label() and "&" not in action.plain_label().replace("&&", ""), action.id


def test_preset_actions_exist_and_are_rebindable():
    for preset in PRESETS.values():
        for action_id in preset:
            assert not BY_ID[action_id].fixed


def test_the_desk_binds_every_desk_action_of_the_registry_with_its_keys(desk):
    window = desk()
    bound = {a.text(): [k.toString() for k in a.shortcuts()] for a in window.actions()}
    for action in in_window("desk"):
        if action.fixed or action.id == "desk.demo_supervisor":  # the demo's own entry: only in the demo
            continue
        assert bound.get(action.label()) == [QKeySequence(k).toString() for k in action.keys], action.id


def test_a_changed_key_applies_to_an_open_window_its_hint_line_and_the_suggestions(desk):
    window = desk()
    worklist = window.issues.open_worklist()
    hint = worklist.findChild(QLabel, "worklistKeys")
    assert hint.text().startswith("Ctrl+L message sent · Ctrl+P phone call")
    SHORTCUTS.set(Keymap().with_keys("worklist.message", ["Ctrl+Shift+L"]))
    assert [k.toString() for k in worklist.action_message.shortcuts()] == ["Ctrl+Shift+L"]
    assert hint.text().startswith("Ctrl+Shift+L message sent · Ctrl+P phone call")


def test_keys_from_settings_leave_out_what_this_version_cannot_use(caplog):
    keymap = Keymap.from_settings({"keys.preset": "kefudesk", "keys.bindings": {
        "desk.mute": "ctrl+shift+u", "desk.quit": [], "desk.teleport": ["F12"], "desk.enter": ["F11"],
        "desk.transfer": ["Ctrl+Bogus"]}})
    assert keymap.changed == {"desk.mute": ("Ctrl+Shift+U",), "desk.quit": ()}
    assert keymap.keys("desk.transfer") == ("Ctrl+T",)
    # read as the log file has them: once the desk's logging is set up (earlier tests in a run do), its redacting
    # filter formats each record's arguments into its message
    said = " ".join(r.getMessage() for r in caplog.records if r.name == "kefudesk.ui.keys")
    for action_id in ("desk.teleport", "desk.enter", "desk.transfer"):
        assert f"keys.bindings.{action_id} left out" in said


def test_lists_and_the_cheat_sheet_show_a_chinese_menu_text_without_its_mnemonic(qapp):
    from pathlib import Path

    from PySide6.QtCore import QCoreApplication, QTranslator

    translator = QTranslator()
    assert translator.load(str(Path(__file__).resolve().parents[3] / "app" / "ui" / "i18n" / "kefudesk_zh_CN.qm"))
    QCoreApplication.installTranslator(translator)
    try:
        quit_action = BY_ID["desk.quit"]
        assert quit_action.label() == "退出(&Q)"  # the menu keeps Alt+Q
        assert quit_action.plain_label() == "退出"
    finally:
        QCoreApplication.removeTranslator(translator)
