"""The robot's settings and review from the keyboard, on a real desk window and store."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox

from app.desk.robot import RobotRule, RobotSettings

from app.ui.delegates import preview_text
from app.ui.robot_dialog import PHRASE, RobotDialog, RobotReviewDialog

from app import domain
from tests.ui.conftest import NOW, when_modal


def open_dialog(qtbot, win, key: Qt.Key, cls):
    qtbot.keyClick(win, key, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), cls))
    dialog = QApplication.activeModalWidget()
    qtbot.waitUntil(dialog.isActiveWindow)  # its mnemonics work once it has the focus
    return dialog


def test_a_rule_added_in_the_dialog_switches_the_robot_on(qtbot, desk):
    win = desk()
    dialog = open_dialog(qtbot, win, Qt.Key.Key_B, RobotDialog)
    assert not dialog.enabled.isChecked()  # off by default
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_A, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(dialog.enabled.isChecked)  # a mnemonic clicks after a short animation
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_R, Qt.KeyboardModifier.AltModifier)  # Add rule
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 1)
    dialog.table.item(0, 1).setText("什么时候发、 几天发")  # QTest cannot type Chinese
    combo = dialog.table.cellWidget(0, PHRASE)
    assert isinstance(combo, QComboBox)
    combo.setCurrentIndex(combo.findText("售中/物流 › 发货时间"))
    dialog.after.setValue(45)
    dialog.save()
    qtbot.waitUntil(lambda: not dialog.isVisible())
    settings = win.session.robot.settings
    assert settings.enabled and settings.after_seconds == 45
    assert [(r.keywords, r.similar) for r in settings.rules] == [(("什么时候发", "几天发"), False)]
    assert "robot is on" in win.statusBar().currentMessage()


def test_a_rule_without_a_trigger_is_refused_with_the_reason_and_the_dialog_stays(qtbot, desk):
    win = desk()
    dialog = open_dialog(qtbot, win, Qt.Key.Key_B, RobotDialog)
    dialog.add_rule()
    dialog.table.item(0, 1).setText("")
    dialog.save()
    assert dialog.isVisible()
    assert "give keywords" in dialog.problem.text()
    assert win.session.robot.settings == RobotSettings()  # nothing saved
    dialog.reject()


def test_the_review_shows_what_the_robot_answered_and_what_the_buyer_said_next(qtbot, desk):
    win = desk(domain.Message("m1", "c1", "in", "什么时候发货", NOW - timedelta(minutes=2)))
    robot = win.session.robot
    phrase = next(p for p in robot.book.phrases if p.title == "发货时间")
    robot.save(RobotSettings(True, after_seconds=30, rules=(RobotRule("发货", phrase.id, ("发货",)),)), "owner")
    chat = win.session.store.conversation("c1")
    choice = robot.choose(chat, robot.question("c1"))
    win.session.send_reply("c1", choice.text, robot=choice)
    win.session.store.ingest_message(domain.Message("m2", "c1", "in", "好的谢谢", NOW))
    assert preview_text(win.session.store.conversation("c1")) == "好的谢谢"
    assert preview_text(replace(chat, last_direction="robot", last_text=choice.text)) == "Robot: " + choice.text

    seen = []
    when_modal(RobotReviewDialog, seen.append)
    open_dialog(qtbot, win, Qt.Key.Key_Y, RobotReviewDialog)
    qtbot.waitUntil(lambda: bool(seen) and seen[0].table.model().rowCount() == 1)
    table = seen[0].table
    row = [table.model().index(0, c).data() for c in range(table.model().columnCount())]
    assert row[1:] == ["tb_小美妈妈", "什么时候发货", choice.text, "发货", "好的谢谢"]
    assert "1" in seen[0].status.text()
    seen[0].reject()
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow)
    reopened = open_dialog(qtbot, win, Qt.Key.Key_B, RobotDialog)
    qtbot.waitUntil(lambda: reopened.table.item(0, 4).text() == "1")  # the rule fired once
