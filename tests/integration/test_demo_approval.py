"""The demo can approve: its supervisor zhuguan is made through the first-supervisor path and said on the status
line; an agent's refund over the limit shows the limit, waits for approval (the status bar says so, not
"recorded") and is approved by keyboard with the password the demo shows."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from app.desk.demo import DEMO_SUPERVISOR, DEMO_SUPERVISOR_PASSWORD

from app.ui.demo_help import DemoHelp
from app.ui.issue_dialogs.action import ActionDialog
from app.ui.issue_dialogs.approval import ApprovalDialog
from app.ui.issue_dialogs.new_issue import NewIssueDialog

from tests.conftest import ime_type

pytestmark = pytest.mark.integration


def active(qtbot, kind: type) -> QWidget:
    """The dialog of that kind, open and holding the keyboard."""
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), kind)
                    and QApplication.activeWindow() is QApplication.activeModalWidget())
    return QApplication.activeModalWidget()


def test_an_over_limit_refund_is_approved_in_the_demo_with_the_password_it_shows(qtbot, open_desk, control):
    desk = open_desk()
    window = desk.window
    DemoHelp(window).show_supervisor()  # as the demo's start does (app/ui/start.py)
    shown = window.statusBar().findChild(QWidget, "demoSupervisor").text()
    assert DEMO_SUPERVISOR in shown and DEMO_SUPERVISOR_PASSWORD in shown
    assert window.issue_desk.role(DEMO_SUPERVISOR) == "supervisor"
    assert [e.what for e in window.issue_desk.audit.audit_log()] == ["first supervisor"]  # the issue-17 path

    control.post("/sim/say", json={"buyer_nick": "tb_少发宝妈", "text": "收到的鞋子少了一只鞋垫"})
    qtbot.waitUntil(lambda: window.queue_model.rowCount() == 1 and window.queue_model.chat_at(0).waiting_since)
    qtbot.keyClick(window, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: window.buyer.model.rowCount() == 1)  # the buyer's order, from the shop
    order = window.buyer.model.orders()[0]

    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(active(qtbot, NewIssueDialog), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.buyer.issues.count() == 1)
    with qtbot.waitActive(window):  # a window manager hands the keyboard back to the desk; the test screen has none
        window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_J, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(window, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: window.issues.action_kinds.isVisible())
    qtbot.keyClick(window.issues.action_kinds, Qt.Key.Key_2)  # 2 partial refund

    form = active(qtbot, ActionDialog)
    assert form.kind == "partial_refund"
    assert "limit: ¥6.00 and 30% of the order" in form.limit.text()
    assert "supervisor approves before anything is recorded" in form.limit.text()
    qtbot.keyClicks(form.inputs["amount"], "8.00")
    assert "Over your limit" in form.limit.text() and "over ¥6.00" in form.limit.text()
    ime_type(form.inputs["reason"], "少发鞋垫")
    qtbot.keyClick(form.inputs["reason"], Qt.Key.Key_Return)

    approval = active(qtbot, ApprovalDialog)
    said = window.statusBar().currentMessage()
    assert "Waiting for a supervisor's approval" in said and "Recorded" not in said
    [request] = window.issue_desk.actions(window.buyer.current_issue().id)
    assert (request.status, request.amount_fen) == ("awaiting_approval", 800)
    qtbot.keyClicks(approval.supervisor, DEMO_SUPERVISOR)
    qtbot.keyClick(approval.supervisor, Qt.Key.Key_Tab)
    qtbot.keyClicks(approval.password, DEMO_SUPERVISOR_PASSWORD)
    qtbot.keyClick(approval, Qt.Key.Key_A, Qt.KeyboardModifier.AltModifier)  # Alt+A: approve
    qtbot.waitUntil(lambda: "Approved by zhuguan" in window.statusBar().currentMessage())
    assert "Partial refund ¥8.00 recorded" in window.statusBar().currentMessage()
    [refund] = window.issue_desk.actions(window.buyer.current_issue().id)
    assert (refund.status, refund.decided_by, refund.amount_fen) == ("done", DEMO_SUPERVISOR, 800)
    assert order.amount_fen > 800
