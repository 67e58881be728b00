"""All issues in one window with real widgets: open / mine / due / closed views, stage and category filters and a
search, overdue follow-ups in red, details and an action on the selected issue from the keyboard."""

from datetime import timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMenu

from app.desk.issues import IssueDesk

from app.ui.issue_dialogs.action import ActionDialog
from app.ui.issue_dialogs.details import IssueDetails
from app.ui.issue_list import IssueListWindow
from app.ui.models.record_table import OVERDUE

from app import domain
from tests.ui.conftest import NOW

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def fill(window) -> dict[str, int]:
    """Four issues: two of this agent's (one overdue), a colleague's, and one resolved."""
    mine = window.issue_desk
    colleague = IssueDesk(mine.store, "小王", clock=mine.clock)
    window.session.store.upsert_orders([domain.Order("3912000000000000001", "b1", (), 5000, "交易成功", NOW)], NOW)
    ids = {
        "late": mine.open_issue(stage="after_sale", category="damage", order_no="3912000000000000001",
                                buyer_nick="tb_小美妈妈", note="鞋盒压坏",
                                follow_up_at=NOW - timedelta(hours=2)).id,
        "size": mine.open_issue(stage="pre_sale", category="size_advice", buyer_nick="豆豆8899", note="30码偏小?").id,
        "theirs": colleague.open_issue(stage="in_sale", category="out_of_area", order_no="3912000000000000777",
                                       buyer_nick="tb_果果妈妈", note="新疆不派送").id,
        "done": mine.open_issue(stage="after_sale", category="quality", order_no="3912000000000000888",
                                buyer_nick="kk_lee").id,
    }
    mine.set_state(ids["done"], "resolved")
    return ids


def open_list(qtbot, window) -> IssueListWindow:
    qtbot.keyClick(window, Qt.Key.Key_L, CTRL_SHIFT)
    qtbot.waitUntil(lambda: window.issues.issue_list is not None and window.issues.issue_list.isActiveWindow())
    return window.issues.issue_list


def shown(issues: IssueListWindow) -> set[int]:
    return {issue.id for issue in issues.model.issues}


def test_views_filters_and_search_narrow_the_list_and_overdue_follow_ups_are_red(qtbot, desk):
    window = desk()
    ids = fill(window)
    issues = open_list(qtbot, window)
    qtbot.waitUntil(lambda: shown(issues) == {ids["late"], ids["size"], ids["theirs"]})
    assert "3 issue(s) · 1 follow-up(s) due" == issues.status.text()
    late_row = [i.id for i in issues.model.issues].index(ids["late"])
    assert issues.model.index(late_row, 1).data(Qt.ItemDataRole.ForegroundRole).color() == OVERDUE

    for keys, expected in ((Qt.Key.Key_2, {ids["late"], ids["size"]}), (Qt.Key.Key_3, {ids["late"]}),
                           (Qt.Key.Key_4, {ids["done"]}), (Qt.Key.Key_5, set(ids.values()))):
        qtbot.keyClick(issues, keys, Qt.KeyboardModifier.AltModifier)
        qtbot.waitUntil(lambda expected=expected: shown(issues) == expected)

    issues.stage.setCurrentIndex(issues.stage.findData("after_sale"))
    qtbot.waitUntil(lambda: shown(issues) == {ids["late"], ids["done"]})
    assert issues.category.findData("size_advice") == -1  # only after-sale categories are offered
    issues.category.setCurrentIndex(issues.category.findData("damage"))
    qtbot.waitUntil(lambda: shown(issues) == {ids["late"]})

    issues.stage.setCurrentIndex(0)
    qtbot.keyClick(issues, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert issues.search.hasFocus()
    issues.search.setText("果果")  # typed through an input method: QTest cannot type CJK keys
    qtbot.waitUntil(lambda: shown(issues) == {ids["theirs"]})
    issues.search.clear()
    qtbot.keyClicks(issues.search, "0888")  # part of an order no.
    qtbot.waitUntil(lambda: shown(issues) == {ids["done"]})
    issues.search.setText("没有这个买家")
    qtbot.waitUntil(lambda: issues.model.rowCount() == 0 and issues.status.text() == "0 issue(s)")


def test_enter_opens_the_details_and_ctrl_r_records_on_the_selected_issue(qtbot, desk):
    window = desk()
    ids = fill(window)
    issues = open_list(qtbot, window)
    qtbot.waitUntil(lambda: ids["late"] in shown(issues))
    issues.table.selectRow([i.id for i in issues.model.issues].index(ids["late"]))
    issues.table.setFocus()
    qtbot.keyClick(issues.table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), IssueDetails))
    details = QApplication.activeModalWidget()
    assert details.issue_id == ids["late"]
    details.reject()
    issues.activateWindow()  # the offscreen platform has no window manager to give it back after a dialog
    qtbot.waitUntil(issues.isActiveWindow)

    qtbot.keyClick(issues, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    menu = issues.findChild(QMenu)
    qtbot.waitUntil(lambda: menu.isVisible())
    refund = next(a for a in menu.actions() if "Partial refund" in a.text())
    refund.trigger()
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), ActionDialog))
    form = QApplication.activeModalWidget()
    form.inputs["amount"].setText("5")
    form.inputs["reason"].setText("鞋盒压坏补偿")
    form.record()
    qtbot.waitUntil(lambda: [a.kind for a in window.issue_desk.actions(ids["late"])] == ["partial_refund"])
    assert window.issue_desk.actions(ids["late"])[0].amount_fen == 500
