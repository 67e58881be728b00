"""What the demo says about its supervisor (status line, Shift+F1), and the warning a real shop's desk gives while
that supervisor still has the demo's public password."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox

from app.desk.demo import DEMO_SUPERVISOR, DEMO_SUPERVISOR_PASSWORD

from app.ui.demo_help import DemoHelp

from app import domain
from tests.ui.conftest import NOW


def test_the_demo_says_its_supervisor_on_the_status_line_and_shift_f1_explains(qtbot, desk):
    window = desk(domain.Message("m1", "c1", "in", "在吗", NOW))
    DemoHelp(window).show_supervisor()
    label = window.statusBar().findChild(QLabel, "demoSupervisor")
    assert label.text() == f"Demo supervisor: {DEMO_SUPERVISOR}, password {DEMO_SUPERVISOR_PASSWORD}"
    qtbot.keyClick(window, Qt.Key.Key_F1, Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), QMessageBox))
    box = QApplication.activeModalWidget()
    assert box.objectName() == "demoSupervisorHelp" and DEMO_SUPERVISOR_PASSWORD in box.text()
    box.accept()


def test_a_store_with_its_own_supervisor_gets_no_demo_supervisor_and_is_told(qtbot, desk):
    window = desk()
    window.issue_desk.add_profile("店长", "supervisor", "secret-1")
    DemoHelp(window).show_supervisor()
    assert "this store's own supervisors" in window.statusBar().findChild(QLabel, "demoSupervisor").text()
    assert window.issue_desk.profiles() == [("店长", "supervisor")]


def test_a_real_shops_desk_warns_while_the_demo_password_still_opens_its_supervisor(qtbot, desk):
    window = desk()
    DemoHelp(window).show_supervisor()  # the demo ran on this store first
    assert DemoHelp(window).warn_if_left()
    qtbot.waitUntil(lambda: "public password" in window.statusBar().currentMessage())
    window.issue_desk.set_password(DEMO_SUPERVISOR, "changed-by-the-owner", old_password=DEMO_SUPERVISOR_PASSWORD)
    assert not DemoHelp(window).warn_if_left()
