"""The limits for agents from the desk (Ctrl+Shift+R) with real widgets: shown as they are, a wrong password or a
malformed amount is named and nothing changes, the supervisor's password saves them."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from app.ui.policy_dialog import PolicyDialog


def test_a_supervisor_changes_the_limits_from_the_desk(qtbot, desk):
    window = desk()
    window.issue_desk.add_profile("店长", "supervisor", "secret-1")
    qtbot.keyClick(window, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), PolicyDialog))
    dialog = QApplication.activeModalWidget()
    assert (dialog.refund_max.text(), dialog.refund_share.value(), dialog.rounding_per_day.value()) == ("6.00", 30, 3)

    dialog.refund_max.setText("30块")
    dialog.supervisor.setText("店长")
    dialog.password.setText("secret-1")
    dialog.save()
    assert "not an amount" in dialog.problem.text() and dialog.password.text() == ""
    dialog.refund_max.setText("30")
    dialog.password.setText("guess")
    dialog.save()
    assert "wrong password for 店长" in dialog.problem.text()
    assert window.issue_desk.policy.partial_refund_max_fen == 600  # nothing changed

    dialog.password.setText("secret-1")
    dialog.refund_share.setValue(50)
    dialog.save()
    qtbot.waitUntil(lambda: window.statusBar().currentMessage() == "Limits saved.")
    policy = window.issue_desk.policy
    assert (policy.partial_refund_max_fen, policy.partial_refund_max_share) == (3000, 0.5)


def test_guessing_the_supervisors_password_in_the_dialog_locks_it(qtbot, desk):
    from app.desk.profiles import LOCK_AFTER

    window = desk()
    window.issue_desk.add_profile("店长", "supervisor", "secret-1")
    dialog = window.opens.open_policy()
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is dialog)
    dialog.refund_max.setText("50")
    dialog.supervisor.setText("店长")
    for _ in range(LOCK_AFTER):
        dialog.password.setText("guess")
        dialog.save()
        assert "wrong password for 店长" in dialog.problem.text()
    dialog.password.setText("secret-1")
    dialog.save()
    assert f"{LOCK_AFTER} wrong passwords for 店长: it is locked until" in dialog.problem.text()
    assert window.issue_desk.policy.partial_refund_max_fen == 600 and dialog.isVisible()
    tries = [e for e in window.issue_desk.audit.audit_log() if e.what == "wrong password"]
    assert [(e.who, e.after) for e in tries] == [("小李", {"profile": "店长"})] * LOCK_AFTER  # the desk that tried
