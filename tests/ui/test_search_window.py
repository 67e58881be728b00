"""The search window on a real desk: rows as tall as their text at any font and width, and Enter answers a buyer
who is still in the queue (Shift+Enter reads the transcript)."""

import math
from datetime import timedelta

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QTextDocument, QTextOption
from PySide6.QtWidgets import QApplication, QStyleOptionViewItem

from app.ui.review_window import ReviewWindow
from app.ui.search_window import SearchWindow

from app import domain
from tests.ui.conftest import NOW

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
TEXTS = ("退款", "亲，关于退款：\n第二行写在这里\n第三行也是", "您好" * 40 + "退款" + "谢谢" * 40,
         "Refund please 退款 " * 12, "订单号" + "1234567890" * 12 + " 退款", "😀😀 退款 😡 gjpqy")


def opened(qtbot, cls):
    qtbot.waitUntil(lambda: any(isinstance(w, cls) and w.isVisible() for w in QApplication.topLevelWidgets()))
    return next(w for w in QApplication.topLevelWidgets() if isinstance(w, cls) and w.isVisible())


def search_for(qtbot, window, query: str, count: int) -> SearchWindow:
    qtbot.keyClick(window, Qt.Key.Key_F, CTRL_SHIFT)
    search = opened(qtbot, SearchWindow)
    search.query.setText(query)
    qtbot.waitUntil(lambda: search.results.model().rowCount() == count)
    return search


def text_height(search: SearchWindow, row: int, width: int) -> int:
    """How tall a row's text is in the window's font at that width (the marked HTML, wrapped as a browser would)."""
    doc = QTextDocument()
    doc.setDefaultFont(search.results.font())
    wrap = QTextOption()
    wrap.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    doc.setDefaultTextOption(wrap)
    doc.setHtml(search.results.model().index(row).data(Qt.ItemDataRole.UserRole + 1))
    doc.setTextWidth(width)
    return math.ceil(doc.size().height())


def bleeds(search: SearchWindow, row: int) -> bool:
    """Whether painting the row puts anything above or below its own rectangle (onto its neighbours)."""
    view = search.results
    index = view.model().index(row, 0)
    rect = view.visualRect(index)
    image = QImage(rect.width(), 3 * rect.height(), QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    option = QStyleOptionViewItem()
    view.initViewItemOption(option)
    option.rect = QRect(0, rect.height(), rect.width(), rect.height())
    view.itemDelegate().paint(painter, option, index)
    painter.end()
    blank = QImage(rect.width(), rect.height(), QImage.Format.Format_RGB32)
    blank.fill(QColor("white"))
    return image.copy(0, 0, rect.width(), rect.height()) != blank or \
        image.copy(0, 2 * rect.height(), rect.width(), rect.height()) != blank


@pytest.mark.parametrize("pixels", [11, 15, 20, 28])
def test_every_row_is_as_tall_as_its_text_at_any_font_size_and_width(qtbot, desk, pixels):
    window = desk()
    for i in range(60):  # enough for a scroll bar
        text = TEXTS[i % len(TEXTS)]
        window.session.store.ingest_message(domain.Message(f"r{i}", "c1", "in", text, NOW - timedelta(seconds=i)))
    search = search_for(qtbot, window, "退款", 60)
    font = search.font()
    font.setPixelSize(pixels)
    search.setFont(font)
    for width in (search.width(), 520, 1300):
        search.resize(width, 600)
        qtbot.waitUntil(lambda: search.results.visualRect(search.results.model().index(0, 0)).width()
                        == search.results.viewport().width())
        short = []
        for row in range(search.results.model().rowCount()):
            rect = search.results.visualRect(search.results.model().index(row, 0))
            if text_height(search, row, rect.width()) > rect.height() or bleeds(search, row):
                short.append((row, rect.height(), text_height(search, row, rect.width())))
        assert short == [], f"at {pixels} px and {width} px wide: (row, height, text height)"


@pytest.fixture
def day(desk):
    window = desk()
    store = window.session.store
    store.upsert_conversation(domain.Conversation("c2", domain.Buyer("b2", "果果妈"), "active", NOW))
    store.upsert_conversation(domain.Conversation("c9", domain.Buyer("b9", "已走的买家"), "closed", NOW))
    for i, (cid, text) in enumerate((("c2", "还能退款吗"), ("c9", "退款到了，谢谢"))):
        store.ingest_message(domain.Message(f"s{i}", cid, "in", text, NOW - timedelta(minutes=i)))
    window.bridge.sig_conversation.emit(store.conversation("c2"))  # as the shop's stream brings a new buyer
    return window


def row_of(search: SearchWindow, text: str) -> int:
    return next(r for r in range(search.results.model().rowCount()) if search.results.model().index(r).data() == text)


def test_enter_opens_a_buyer_still_in_the_queue_in_the_desk(qtbot, day):
    window = day
    search = search_for(qtbot, window, "退款", 2)
    search.results.setFocus()
    search.results.setCurrentIndex(search.results.model().index(row_of(search, "还能退款吗")))
    assert window.current_chat().id == "c1"
    window.queue_views.setCurrentIndex(3)  # 紧急 (urgent): 果果妈 is not shown there, Enter finds her anyway
    qtbot.keyClick(search.results, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.conversation.composer)
    assert window.current_chat().id == "c2" and window.conversation.conversation_id == "c2"
    assert not any(isinstance(w, ReviewWindow) and w.isVisible() for w in QApplication.topLevelWidgets())


def test_shift_enter_opens_the_transcript_and_enter_on_a_closed_chat_too(qtbot, day):
    window = day
    search = search_for(qtbot, window, "退款", 2)
    search.results.setFocus()
    search.results.setCurrentIndex(search.results.model().index(row_of(search, "还能退款吗")))
    qtbot.keyClick(search.results, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    review = opened(qtbot, ReviewWindow)
    qtbot.waitUntil(lambda: review.current_chat() is not None and review.current_chat().conversation_id == "c2")
    review.close()
    with qtbot.waitActive(search):
        search.activateWindow()
    search.results.setCurrentIndex(search.results.model().index(row_of(search, "退款到了，谢谢")))  # the buyer who left: only the transcript is left to read
    qtbot.keyClick(search.results, Qt.Key.Key_Return)
    review = opened(qtbot, ReviewWindow)
    qtbot.waitUntil(lambda: review.current_chat() is not None and review.current_chat().conversation_id == "c9")
