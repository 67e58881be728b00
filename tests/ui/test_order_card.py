"""The order card in the real window, on a seeded store and by keyboard: what each card shows (sizes, pay time,
receiver with the phone masked, the buyer's note, the seller's memo, the parcel), what the copy keys and buttons put
on the clipboard, the order's detail opened in the right pane and left with Esc, and problem orders marked."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QTextDocument
from PySide6.QtWidgets import QApplication

from app.ui.issue_dialogs.new_issue import NewIssueDialog
from app.ui.models.orders_model import PROBLEM_BACKGROUND, local_time

from app import domain
from tests.ui.conftest import NOW, when_modal
from tests.ui.test_hostile_text import MARKUP, RLO, bold_runs, tooltip_document

CTRL = Qt.KeyboardModifier.ControlModifier
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
SHOES = domain.OrderItem("XL-RUN-01", "小鹿儿童运动鞋 透气网面 白蓝", 1, 12900, 420, "颜色分类:白蓝;尺码:27")
SOCKS = domain.OrderItem("XL-SOCK-05", "纯棉儿童袜 5双装", 2, 2990, 120, "颜色分类:混色5双;尺码:M(3-5岁)")
PAID = NOW - timedelta(days=2, minutes=3)
ORDER = domain.Order("3912345678901234567", "b1", (SHOES, SOCKS), 18880, "已发货", NOW - timedelta(days=2),
                     "中通快递", "73123456789012", "浙江省杭州市西湖区文三路88号", NOW - timedelta(hours=2), paid_at=PAID,
                     buyer_note="请发顺丰，运费可以补", seller_memo="已核对尺码：脚长15cm，发27码", receiver_name="王芳",
                     receiver_phone="13812345678")
OLDER = domain.Order("1000000000000000001", "b1", (domain.OrderItem("XL-TEE-01", "儿童纯棉短袖T恤", 1, 4900),), 4900,
                     "等待发货", NOW - timedelta(days=9))


def press(qtbot, key: Qt.Key, modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    """A key as the agent presses it: to whatever has the focus (once a closed dialog has given it back)."""
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    qtbot.keyClick(QApplication.focusWidget(), key, modifiers)


@pytest.fixture
def window(qtbot, desk):
    win = desk(domain.Message("m1", "c1", "in", "我的鞋子到哪了", NOW))
    win.session.store.upsert_orders([ORDER, OLDER], NOW)
    win.session.request_orders("b1")  # as when the chat opens: the cached orders reach the right pane
    qtbot.waitUntil(lambda: win.buyer.model.rowCount() == 2)
    return win


def card(window, row: int = 0) -> str:
    return window.buyer.model.index(row).data(Qt.ItemDataRole.DisplayRole)


def test_the_card_shows_sizes_pay_time_receiver_notes_and_parcel(qtbot, window):
    shown = card(window).splitlines()
    assert shown[0] == "Order 3912345678901234567 · 已发货"
    assert shown[1:3] == ["小鹿儿童运动鞋 透气网面 白蓝（颜色分类:白蓝;尺码:27） ×1", "纯棉儿童袜 5双装（颜色分类:混色5双;尺码:M(3-5岁)） ×2"]
    assert shown[3] == f"¥188.80 · paid {PAID.astimezone():%Y-%m-%d %H:%M}"  # the agent's local time
    assert shown[4] == "To: 王芳 138****5678 · 浙江省杭州市西湖区文三路88号"
    assert shown[5:7] == ["Buyer's note: 请发顺丰，运费可以补", "Seller's memo: 已核对尺码：脚长15cm，发27码"]
    # offline (the desk fixture's shop does not answer): the courier cannot be asked, and the card says so
    qtbot.waitUntil(lambda: card(window).splitlines()[-1] == "中通快递 73123456789012 · no courier record")
    assert "13812345678" not in card(window) and "13812345678" not in window.buyer.model.index(0).data(
        Qt.ItemDataRole.ToolTipRole)
    assert card(window, 1).splitlines()[-1] == "not shipped yet"


def test_the_copy_keys_and_buttons_put_the_exact_text_on_the_clipboard(qtbot, window):
    clipboard = QGuiApplication.clipboard()
    press(qtbot, Qt.Key.Key_C, CTRL_SHIFT)
    assert clipboard.text() == ORDER.no
    press(qtbot, Qt.Key.Key_E, CTRL_SHIFT)
    assert clipboard.text() == ORDER.tracking_no
    press(qtbot, Qt.Key.Key_A, CTRL_SHIFT)
    assert clipboard.text() == "王芳，138****5678，浙江省杭州市西湖区文三路88号"
    assert "Copied the address of order 3912345678901234567" in window.statusBar().currentMessage()
    assert window.conversation.composer.hasFocus()  # copying while typing leaves the reply box where it was

    press(qtbot, Qt.Key.Key_O, CTRL)  # the buyer's orders: ↓ to the older one
    assert window.buyer.table.hasFocus()
    press(qtbot, Qt.Key.Key_Down)
    press(qtbot, Qt.Key.Key_C, CTRL_SHIFT)
    assert clipboard.text() == OLDER.no
    press(qtbot, Qt.Key.Key_E, CTRL_SHIFT)
    assert clipboard.text() == OLDER.no and "has no tracking no. yet" in window.statusBar().currentMessage()
    assert not window.buyer.copy_tracking.isEnabled()

    window.buyer.table.setCurrentIndex(window.buyer.model.index(0))
    qtbot.mouseClick(window.buyer.copy_tracking, Qt.MouseButton.LeftButton)
    assert clipboard.text() == ORDER.tracking_no
    qtbot.mouseClick(window.buyer.copy_no, Qt.MouseButton.LeftButton)
    assert clipboard.text() == ORDER.no
    qtbot.mouseClick(window.buyer.copy_address, Qt.MouseButton.LeftButton)
    assert clipboard.text() == "王芳，138****5678，浙江省杭州市西湖区文三路88号"


def test_the_detail_opens_in_the_right_pane_and_esc_goes_back(qtbot, window):
    pane = window.buyer
    press(qtbot, Qt.Key.Key_F8)
    assert pane.detail_open() and pane.detail.text.hasFocus() and not pane.table.isVisible()
    text = pane.detail.text.toPlainText()
    for expected in ("Order 3912345678901234567 · 已发货", "小鹿儿童运动鞋 透气网面 白蓝（颜色分类:白蓝;尺码:27） ×1",
                     "¥129.00 each · 420 g each · SKU XL-RUN-01", "¥29.90 each · 120 g each · SKU XL-SOCK-05",
                     "The items weigh 660 g; packed, the parcel should weigh 740–810 g.",
                     f"paid {local_time(PAID)}", f"ship by {local_time(ORDER.ship_by)}", "王芳 138****5678",
                     "请发顺丰，运费可以补", "已核对尺码：脚长15cm，发27码", "中通快递 73123456789012",
                     "No courier record: not connected to the shop"):
        assert expected in text
    press(qtbot, Qt.Key.Key_C, CTRL_SHIFT)  # the keys act on the order open in full
    assert QGuiApplication.clipboard().text() == ORDER.no
    press(qtbot, Qt.Key.Key_Escape)
    assert not pane.detail_open() and pane.table.isVisible()
    assert window.conversation.composer.hasFocus()  # F8 was pressed while typing: back in the reply box

    press(qtbot, Qt.Key.Key_O, CTRL)
    press(qtbot, Qt.Key.Key_Down)
    press(qtbot, Qt.Key.Key_Return)  # Enter on a card opens it
    assert pane.detail_open() and pane.detail.order == OLDER and "Not shipped yet." in pane.detail.text.toPlainText()
    assert "What the items weigh is not known." in pane.detail.text.toPlainText()
    press(qtbot, Qt.Key.Key_Escape)
    assert not pane.detail_open() and pane.table.hasFocus()  # back on the cards, where the agent was
    press(qtbot, Qt.Key.Key_Escape)
    assert window.conversation.composer.hasFocus()  # and Esc again: the reply box, as always
    press(qtbot, Qt.Key.Key_F8)
    assert pane.detail_open() and pane.detail.order == OLDER  # the card chosen last
    press(qtbot, Qt.Key.Key_F8)  # F8 again goes back too
    assert not pane.detail_open()
    qtbot.mouseClick(pane.details_button, Qt.MouseButton.LeftButton)
    assert pane.detail_open() and pane.detail.order == OLDER
    qtbot.mouseClick(pane.detail.back, Qt.MouseButton.LeftButton)
    assert not pane.detail_open()


def test_a_problem_order_is_marked_on_its_card_until_its_issue_is_resolved(qtbot, window):
    def fill(dialog: NewIssueDialog):
        dialog.stage.setCurrentIndex(dialog.stage.findData("in_sale"))
        dialog.category.setCurrentIndex(dialog.category.findData("unclear_address"))
        dialog.order.setCurrentIndex(dialog.order.findText(ORDER.no))
        dialog.note.setPlainText("地址只写到小区，没有门牌号")
        dialog.create()
    assert not card(window).startswith("⚠")
    when_modal(NewIssueDialog, fill)
    press(qtbot, Qt.Key.Key_N, CTRL)
    qtbot.waitUntil(lambda: card(window).startswith("⚠ Problem order: Unclear address\n"))
    assert window.buyer.model.index(0).data(Qt.ItemDataRole.BackgroundRole) == PROBLEM_BACKGROUND
    assert not card(window, 1).startswith("⚠")  # only the order the issue is about
    window.activateWindow()  # the offscreen platform does not give the window back its activation after a dialog
    qtbot.waitUntil(window.isActiveWindow)  # a busy machine takes its time: F8 is the active window's key
    press(qtbot, Qt.Key.Key_F8)
    assert "⚠ Problem order: Unclear address\n地址只写到小区，没有门牌号" in window.buyer.detail.text.toPlainText()
    [issue] = window.issue_desk.issues()
    window.issue_desk.set_state(issue.id, "resolved")
    window.issues.refresh_issues()  # as when the issue's details close
    assert not card(window).startswith("⚠") and window.buyer.model.index(0).data(
        Qt.ItemDataRole.BackgroundRole) is None
    assert "Problem order" not in window.buyer.detail.text.toPlainText()


def test_a_buyers_note_and_address_show_as_the_characters_typed(qtbot, window):
    hostile = replace(ORDER, buyer_note=f"{MARKUP}\n第二行", address=f"{RLO}号88路三文 {MARKUP}",
                      receiver_name="<i>王芳</i>")
    window.session.store.upsert_orders([hostile], NOW)
    window.session.request_orders("b1")
    qtbot.waitUntil(lambda: "粗体" in card(window))
    assert f"Buyer's note: {MARKUP} 第二行" in card(window).splitlines()  # one plain line on the card
    assert RLO not in card(window)  # no override turns the desk's line around
    tip = tooltip_document(qtbot, window.buyer.table, 0)
    assert MARKUP in tip.toPlainText() and not bold_runs(tip)
    press(qtbot, Qt.Key.Key_F8)
    document: QTextDocument = window.buyer.detail.text.document()
    shown = document.toPlainText()
    assert f"{MARKUP}\n第二行" in shown and "<i>王芳</i> 138****5678" in shown and RLO not in shown
    assert not any("粗体" in run or "王芳" in run for run in bold_runs(document))
    assert "<img" not in document.toHtml().replace("&lt;img", "")  # the buyer's <img> is text, not a picture


def test_a_cards_last_line_the_parcel_is_drawn_not_cut_off(qtbot, window):
    """The style sums the lines' fractional heights (CJK fallback fonts) and rounded the card's height down: the last
    line, the parcel's, was not drawn at all. Each card must have ink in its last few pixel rows."""
    more = [replace(OLDER, no=f"100000000000000000{n}", seller_memo="催发货，优先打包" if n % 2 else None,
                    buyer_note=None if n % 2 else "尽量今天发货，宝宝周末要穿", receiver_name="陈静",
                    receiver_phone="13512348185", address="浙江省杭州市西湖区文三路223号", paid_at=PAID)
            for n in range(2, 6)]
    window.session.store.upsert_orders(more, NOW)
    window.session.request_orders("b1")
    qtbot.waitUntil(lambda: window.buyer.model.rowCount() == 6)
    view = window.buyer.table
    image = view.viewport().grab().toImage()
    for row in range(view.model().rowCount()):
        rect = view.visualRect(view.model().index(row, 0))
        if rect.bottom() >= image.height():
            break  # below the fold

        def ink(y: int, rect=rect) -> int:
            ground = image.pixelColor(rect.right() - 1, y).lightness()  # the card's background at that height
            return sum(1 for x in range(rect.left(), rect.right() - 1)
                       if abs(image.pixelColor(x, y).lightness() - ground) > 60)
        assert sum(ink(y) for y in range(rect.bottom() - 6, rect.bottom())) > 0, f"card {row}'s last line is missing"


def test_a_card_is_measured_again_when_its_lines_or_the_panes_width_change(qtbot, window):
    """Card sizes are kept between layouts (the cards are laid out on every chat opened): a card given another
    item grows by a line, and a narrower pane makes every card narrower, never wider than the pane."""
    view, pane = window.buyer.table, window.buyer
    qtbot.waitUntil(lambda: view.visualRect(view.model().index(0, 0)).height() > 0)
    before = view.visualRect(view.model().index(0, 0)).height()
    third = domain.OrderItem("XL-HAT-02", "儿童遮阳帽 可调节", 1, 3900, 80, "颜色分类:粉色")
    pane.show_orders("b1", [replace(ORDER, items=(SHOES, SOCKS, third)), OLDER])
    qtbot.waitUntil(lambda: view.visualRect(view.model().index(0, 0)).height() > before)
    window.resize(window.width() - 200, window.height())
    pane.resize(pane.width() - 200, pane.height())
    qtbot.waitUntil(lambda: all(view.visualRect(view.model().index(row, 0)).width() <= view.viewport().width()
                                for row in range(view.model().rowCount())))


def test_a_parcel_is_asked_once_while_fresh_and_a_failure_keeps_the_record_already_shown(qtbot):
    from app.gateway.errors import GatewayUnavailable

    from app.ui.order_cards import FRESH_S, RETRY_S, ParcelLookup

    parcel = domain.Parcel("73123456789012", "中通快递", (domain.ParcelEvent(NOW, "杭州西湖派送站", "派送中"),))
    asked: list[str] = []
    answers: list[object] = [parcel, GatewayUnavailable("the shop did not answer"), parcel]
    now, online = [0.0], [True]

    def fetch(tracking: str) -> domain.Parcel:
        asked.append(tracking)
        answer = answers.pop(0)
        if isinstance(answer, Exception):
            raise answer
        return answer

    lookup = ParcelLookup(fetch, lambda: online[0], clock=lambda: now[0])
    lookup.want(["73123456789012", "73123456789012"])
    qtbot.waitUntil(lambda: lookup.state("73123456789012").parcel == parcel)
    lookup.want(["73123456789012"])  # switching back to the chat: still fresh, not asked
    assert asked == ["73123456789012"]
    now[0] += FRESH_S
    lookup.want(["73123456789012"])
    qtbot.waitUntil(lambda: len(asked) == 2 and not lookup._asking)
    assert lookup.state("73123456789012").parcel == parcel  # the shop did not answer: the record shown stays
    now[0] += RETRY_S  # and is asked again soon
    lookup.want(["73123456789012"])
    qtbot.waitUntil(lambda: len(asked) == 3 and not lookup._asking)
    online[0] = False
    lookup.want(["SF1"])
    assert lookup.state("SF1").problem == "not connected to the shop" and asked.count("SF1") == 0
