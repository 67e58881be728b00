"""Issues from the desk with real widgets: Ctrl+N from a chat with the selected messages as evidence, a
refund recorded on the selected issue, an over-limit one approved on the spot by a supervisor."""

from datetime import timedelta

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QApplication

from app.ui.issue_dialogs.action import ActionDialog
from app.ui.issue_dialogs.approval import ApprovalDialog
from app.ui.issue_dialogs.new_issue import NewIssueDialog

from app import domain
from tests.ui.conftest import NOW, when_modal

ORDER = domain.Order("3912345678901234567", "b1", (domain.OrderItem("S1", "小鹿运动鞋", 1, 12900),), 12900,
                     "交易成功", NOW - timedelta(days=3))


@pytest.fixture
def window(qtbot, desk):
    win = desk(domain.Message("m1", "c1", "in", "收到的少了一只袜子", NOW),
               domain.Message("m2", "c1", "in", "[图片]", NOW))
    win.session.store.upsert_orders([ORDER], NOW)
    win.session.request_orders("b1")  # as when the chat opens: the cached orders reach the right pane
    qtbot.waitUntil(lambda: win.buyer.model.rowCount() == 1)
    return win


def open_issue(qtbot, window, **choices) -> None:
    def fill(dialog: NewIssueDialog):
        dialog.category.setCurrentIndex(dialog.category.findData(choices.get("category", "missing_item")))
        dialog.note.setPlainText("少发袜子")
        dialog.create()
    when_modal(NewIssueDialog, fill)
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.buyer.issues.count() == 1)


def test_ctrl_n_opens_an_issue_for_the_chats_buyer_with_the_selected_messages(qtbot, window):
    history = window.conversation.history
    for row in (0, 1):
        history.selectionModel().select(window.conversation.model.index(row),
                                        QItemSelectionModel.SelectionFlag.Select)
    open_issue(qtbot, window)
    [issue] = window.issue_desk.issues()
    assert (issue.stage, issue.category, issue.order_no, issue.buyer_nick) == (
        "after_sale", "missing_item", ORDER.no, "tb_小美妈妈")
    assert len(issue.evidence) == 2 and issue.conversation_id == "c1"
    assert "Missing item" in window.buyer.issues.item(0).text()


def test_a_refund_over_the_cap_is_approved_on_the_spot_by_a_supervisor(qtbot, window):
    window.issue_desk.add_profile("店长", "supervisor", "secret-1")
    open_issue(qtbot, window)

    def fill_refund(dialog: ActionDialog):
        dialog.inputs["amount"].setText("12.345")
        dialog.inputs["reason"].setText("少发")
        dialog.record()
        seen["refused"] = dialog.problem.text()
        dialog.inputs["amount"].setText("20")
        dialog.record()

    def approve(dialog: ApprovalDialog):
        dialog.supervisor.setText("店长")
        dialog.password.setText("wrong")
        dialog.decide(True)
        seen["wrong"] = dialog.problem.text()
        dialog.password.setText("secret-1")
        dialog.decide(True)

    seen: dict = {}
    when_modal(ActionDialog, fill_refund)
    window.issues.record_action("partial_refund")
    when_modal(ApprovalDialog, approve)
    qtbot.waitUntil(lambda: "wrong" in seen, timeout=5000)
    issue = window.issue_desk.issues()[0]
    qtbot.waitUntil(lambda: window.issue_desk.actions(issue.id)[0].status == "done")
    assert "Amount (yuan)" in seen["refused"] and "not an amount" in seen["refused"]
    assert "wrong password" in seen["wrong"]
    [refund] = window.issue_desk.actions(issue.id)
    assert (refund.amount_fen, refund.decided_by) == (2000, "店长")


def test_recording_without_a_selected_issue_says_what_to_do(qtbot, window):
    qtbot.keyClick(window, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert "Ctrl+N" in window.statusBar().currentMessage()


def test_companion_mode_an_order_no_typed_without_a_chat(qtbot, desk):
    win = desk()
    win.session.store.upsert_orders([ORDER], NOW)
    win.queue_view.selectionModel().clearCurrentIndex()

    def fill(dialog: NewIssueDialog):
        dialog.stage.setCurrentIndex(dialog.stage.findData("in_sale"))
        dialog.category.setCurrentIndex(dialog.category.findData("lost_parcel"))
        dialog.order.setEditText(ORDER.no)
        dialog.create()
    when_modal(NewIssueDialog, fill)
    win.issues.new_issue()
    qtbot.waitUntil(lambda: len(win.issue_desk.issues()) == 1)
    assert win.issue_desk.issues()[0].buyer_id == "b1"  # found from the imported order


def test_the_fifth_same_problem_on_one_item_in_a_day_alerts_the_supervisor(qtbot, window):
    store = window.session.store
    item = ORDER.items[0]
    others = [domain.Order(f"20000000000000000{n}", f"x{n}", (item,), 12900, "交易成功", NOW) for n in range(4)]
    store.upsert_orders(others, NOW)
    for order in others:
        window.issue_desk.open_issue(stage="after_sale", category="missing_item", order_no=order.no)
    open_issue(qtbot, window)  # the fifth, from the chat
    assert "5 issues of this kind on “小鹿运动鞋”" in window.statusBar().currentMessage()
    assert window.issue_desk.audit.audit_log()[-1].what == "cluster alert"


def test_enter_on_an_issue_shows_its_history_and_photos_and_changes_its_state(qtbot, window, tmp_path):
    from app.ui.issue_dialogs.details import IssueDetails

    from tests.conftest import png_bytes

    open_issue(qtbot, window)
    issue = window.buyer.current_issue()
    window.issue_desk.act(issue.id, "contact", {"channel": "message", "result": "已请买家拍照"})
    seen = {}

    def look(dialog: IssueDetails):
        (tmp_path / "parcel.png").write_bytes(png_bytes(20, 20))
        (tmp_path / "notes.txt").write_text("not a picture")
        seen["bad"] = dialog.attach_files([tmp_path / "notes.txt"]), dialog.problem.text()
        seen["good"] = dialog.attach_files([tmp_path / "parcel.png"])
        seen["history"] = [dialog.history.model().index(i).data() for i in range(dialog.history.model().rowCount())]
        seen["photos"] = dialog.photos.model().rowCount()
        dialog.state.setCurrentIndex(dialog.state.findData("waiting_buyer"))
        dialog.reject()

    when_modal(IssueDetails, look)
    window.buyer.issues.setFocus()
    qtbot.keyClick(window.buyer.issues, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "photos" in seen)
    assert seen["bad"][0] is False and "not a PNG" in seen["bad"][1]
    assert seen["good"] and seen["photos"] == 1
    assert "Contact attempt" in seen["history"][0]
    qtbot.waitUntil(lambda: window.issue_desk.repo.issue(issue.id).state == "waiting_buyer")


def test_the_status_bar_says_recorded_only_for_what_was_recorded(qtbot, window):
    window.issue_desk.add_profile("店长", "supervisor", "secret-1")
    open_issue(qtbot, window)
    issue = window.buyer.current_issue() or window.issue_desk.issues()[0]

    def within(dialog: ActionDialog):
        assert dialog.limit.text().startswith("Your limit: ¥6.00 and 30% of the order.")
        dialog.inputs["amount"].setText("5.00")
        dialog.inputs["reason"].setText("少发")
        dialog.record()

    when_modal(ActionDialog, within)
    window.issues.record_on(issue, "partial_refund")
    qtbot.waitUntil(lambda: window.statusBar().currentMessage() == "Recorded.")

    def over(dialog: ActionDialog):
        dialog.inputs["amount"].setText("9.00")
        seen["ok"] = dialog.ok.text()
        dialog.inputs["reason"].setText("少发")
        dialog.record()

    seen: dict = {}
    when_modal(ActionDialog, over)
    window.issues.record_on(issue, "partial_refund")
    when_modal(ApprovalDialog, lambda dialog: dialog.reject())  # Later: the request waits
    qtbot.waitUntil(lambda: "ok" in seen and not isinstance(QApplication.activeModalWidget(), ApprovalDialog)
                    and window.issue_desk.actions(issue.id)[-1].amount_fen == 900)
    qtbot.waitUntil(lambda: "Waiting for a supervisor's approval" in window.statusBar().currentMessage())
    assert seen["ok"] == "Ask a supervisor…"
    assert "Partial refund ¥9.00 is not recorded until approved" in window.statusBar().currentMessage()
    assert window.issue_desk.actions(issue.id)[-1].status == "awaiting_approval"
