"""Hostile buyer text through the real window: markup, bidi overrides, zero-width characters, emoji sequences,
a 100 KB paste and buyers imitating the desk's own lines. Each test records what the delegates actually draw
(a QPainter that notes every drawText) or reads what a widget shows, and asserts what the agent would see.
The rules are in app/ui/buyer_text.py."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import timedelta

from PySide6.QtCore import QEvent, QRect, Qt
from PySide6.QtGui import QFont, QHelpEvent, QImage, QPainter, QTextDocument
from PySide6.QtGui import Qt as QtGui
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QLabel,
    QStyle,
    QStyleOptionViewItem,
    QToolTip,
    QWidget,
)

from app.ui.buyer_text import FSI, PDI
from app.ui.delegates import MessageDelegate
from app.ui.models.transcript_model import TRANSCRIPT_CHARS
from app.ui.search_window import SearchWindow
from app.ui.theme import LIGHT

from app import domain
from tests.ui.conftest import NOW

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
MARKUP = "<b>粗体</b><img src='file:///etc/passwd'><a href='http://evil.example/'>点我</a><qt>&amp;"
RLO = "\u202e"
BIDI = tuple(chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A)))


@dataclass
class Draw:
    text: str
    bold: bool
    italic: bool
    colour: str


class RecordingPainter(QPainter):
    """Paints into an image and notes every text drawn (with its font and colour) and every bubble's colour and
    place: what the agent sees, without reading pixels."""

    def __init__(self, image: QImage) -> None:
        super().__init__(image)
        self.draws: list[Draw] = []
        self.bubbles: list[tuple[QRect, str]] = []

    def drawText(self, *args: object) -> None:  # noqa: N802 - QPainter's name
        text = next(a for a in args if isinstance(a, str))
        font = self.font()
        self.draws.append(Draw(text, font.bold(), font.italic(), self.pen().color().name()))
        super().drawText(*args)

    def drawRoundedRect(self, *args: object) -> None:  # noqa: N802 - QPainter's name
        self.bubbles.append((QRect(args[0]), self.brush().color().name()))
        super().drawRoundedRect(*args)


def painted(view: QAbstractItemView, row: int) -> RecordingPainter:
    """Paint one row of a view through its own delegate, as the view would."""
    index = view.model().index(row, 0)
    option = QStyleOptionViewItem()
    option.rect = view.visualRect(index)
    option.font = view.font()
    option.palette = view.palette()
    option.state = QStyle.StateFlag.State_Enabled
    image = QImage(view.viewport().size(), QImage.Format.Format_ARGB32)
    painter = RecordingPainter(image)
    view.itemDelegate().paint(painter, option, index)
    painter.end()
    return painter


def texts(painter: RecordingPainter) -> list[str]:
    return [d.text for d in painter.draws]


def tooltip_document(qtbot, view: QAbstractItemView, row: int) -> QTextDocument:
    """Hover a row until its tool tip shows, and lay the tip's text out as the tip's label does (a QLabel left
    to guess the format: HTML when the text looks like HTML)."""
    point = view.visualRect(view.model().index(row, 0)).center()
    QApplication.sendEvent(view.viewport(), QHelpEvent(QEvent.Type.ToolTip, point, view.viewport().mapToGlobal(point)))
    qtbot.waitUntil(QToolTip.isVisible)
    label = next(w for w in QApplication.topLevelWidgets() if w.metaObject().className() == "QTipLabel")
    assert isinstance(label, QLabel) and label.textFormat() == Qt.TextFormat.AutoText
    document = QTextDocument()
    if QtGui.mightBeRichText(label.text()):
        document.setHtml(label.text())
    else:
        document.setPlainText(label.text())
    QToolTip.hideText()
    return document


def bold_runs(document: QTextDocument) -> list[str]:
    runs = []
    block = document.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            if fragment.charFormat().fontWeight() >= QFont.Weight.Bold:
                runs.append(fragment.text())
            it += 1
        block = block.next()
    return runs


def opened(qtbot, cls: type) -> QWidget:
    qtbot.waitUntil(lambda: any(isinstance(w, cls) and w.isVisible() for w in QApplication.topLevelWidgets()))
    return next(w for w in QApplication.topLevelWidgets() if isinstance(w, cls) and w.isVisible())


def test_markup_from_a_buyer_is_shown_as_the_characters_typed_in_the_queue_tip_and_chat(qtbot, desk):
    win = desk(domain.Message("m1", "c1", "in", MARKUP, NOW))
    row = painted(win.queue_view, 0)
    preview = next(d for d in row.draws if d.text.startswith("<b>粗体</b><img"))
    assert not preview.bold and not preview.italic
    tip = tooltip_document(qtbot, win.queue_view, 0)
    assert tip.toPlainText() == MARKUP and bold_runs(tip) == []  # the literal tags, no bold 粗体, no picture
    bubble = painted(win.conversation.history, 0)
    assert MARKUP in texts(bubble) and not any(d.bold for d in bubble.draws)
    assert "粗体" not in win.windowTitle() and "<b>" not in win.statusBar().currentMessage()


def test_a_buyer_who_writes_like_the_system_or_the_agent_still_looks_like_a_buyer(desk):
    win = desk(domain.Message("m1", "c1", "system", "已为您转接客服小王", NOW - timedelta(seconds=5)),
               domain.Message("m2", "c1", "in", "[System] 您的订单已退款", NOW - timedelta(seconds=4)),
               domain.Message("m3", "c1", "in", "Me: 好的，已经给您退款了", NOW - timedelta(seconds=3)))
    history = win.conversation.history
    system, fake = painted(history, 0), painted(history, 1)
    assert system.draws[0].text.startswith("[System] ")  # the desk labels its own lines above the bubble
    assert fake.draws[0].text == (NOW - timedelta(seconds=4)).astimezone().strftime("%H:%M:%S")  # only the time
    assert fake.draws[-1].text == "[System] 您的订单已退款"  # the buyer's words, inside the buyer's bubble
    (system_bubble, system_colour), (fake_bubble, fake_colour) = system.bubbles[0], fake.bubbles[0]
    assert fake_colour != system_colour and fake_bubble.left() < system_bubble.left()  # grey on the left, not centred
    # the queue: the desk's "Me: " is italic and blue; a buyer's "Me: " is upright and grey like all they say
    buyer_row = painted(win.queue_view, 0)
    assert not any(d.italic for d in buyer_row.draws)
    said = next(d for d in buyer_row.draws if d.text.startswith("Me: 好的"))
    assert said.colour != LIGHT.label.name()
    chat = win.queue_model.chat_at(0)
    win.queue_model.upsert(replace(chat, last_direction="out", last_text="好的，已经给您退款了", waiting_since=None,
                                   last_at=NOW))
    agent_row = painted(win.queue_view, 0)
    label = next(d for d in agent_row.draws if d.italic)
    assert label.text == "Me: " and label.colour == LIGHT.label.name()
    assert any(d.text == "好的，已经给您退款了" and not d.italic for d in agent_row.draws)


def test_bidi_overrides_never_turn_text_around_and_a_nick_stays_inside_its_place(qtbot, desk):
    """A right-to-left override makes "退款 <U+202E>001 元" read "退款 元 100"; it is dropped from everything drawn
    (the store keeps it), and a nick spliced into the desk's own sentence is isolated from it."""
    win = desk(domain.Message("m1", "c1", "in", f"退款 {RLO}001 元", NOW))
    store = win.session.store
    store.upsert_conversation(domain.Conversation("c2", domain.Buyer("b2", f"tb_{RLO}exe.gnp"), "active", NOW))
    store.ingest_message(domain.Message("m2", "c2", "in", f"在吗{RLO}", NOW - timedelta(seconds=40)))
    win.bridge.on_conversation(store.conversation("c2"))
    qtbot.waitUntil(lambda: win.queue_model.rowCount() == 2)
    row = win.queue_model.row_of("c2")
    drawn = texts(painted(win.queue_view, row))
    assert "tb_exe.gnp" in drawn and not any(c in t for t in drawn for c in BIDI)
    assert len(drawn) >= 3  # nick, wait time and preview are each drawn in their own place
    assert "退款 001 元" in texts(painted(win.conversation.history, 0))
    assert win.conversation.model.texts() == [f"退款 {RLO}001 元"]  # nothing lost
    win.select_row(row)
    assert win.conversation.header.text() == "tb_exe.gnp"
    win.status_line.toggle_mute_chat()
    assert win.statusBar().currentMessage() == f"{FSI}tb_exe.gnp{PDI} muted: no sound for this chat."


def test_zero_width_characters_and_emoji_sequences_are_drawn_whole(desk):
    family = "👩\u200d👩\u200d👧"
    text = f"{family} 有亲子\u200b装吗\u200c？"
    win = desk(domain.Message("m1", "c1", "in", text, NOW))
    assert text in texts(painted(win.conversation.history, 0))
    assert any(t.startswith(f"{family} 有亲子\u200b装") for t in texts(painted(win.queue_view, 0)))


def test_a_100_kb_message_is_kept_whole_shown_in_part_and_says_so(desk):
    big = ("亲<b>在吗</b>，" * 12_500)[:100_000]
    win = desk(domain.Message("m1", "c1", "in", big, NOW))
    preview = next(t for t in texts(painted(win.queue_view, 0)) if t.startswith("亲<b>在吗</b>"))
    assert len(preview) < 400  # one line of the queue, cut before it is laid out
    bubble = texts(painted(win.conversation.history, 0))
    cut = MessageDelegate.MAX_CHARS_PAINTED
    assert big[:cut] in bubble
    assert any(t.endswith(f"{100_000 - cut:,} more characters not shown") for t in bubble)
    assert win.conversation.model.texts() == [big]  # the store and the model keep every character
    said = win.firing.buyer_said()  # what suggestions and learning read: the newest words only
    assert 0 < len(said) <= 2000 and big.endswith(said)


def test_search_marks_the_hit_in_escaped_text_and_the_review_shows_plain_text(qtbot, desk):
    big = "退款" + "x" * 9_998
    win = desk(domain.Message("m1", "c1", "in", f"<b>退款</b><img src=x> {RLO}001", NOW - timedelta(seconds=9)),
               domain.Message("m2", "c1", "in", "[System] 已退款", NOW - timedelta(seconds=8)),
               domain.Message("m3", "c1", "in", big, NOW - timedelta(seconds=7)))
    qtbot.keyClick(win, Qt.Key.Key_F, CTRL_SHIFT)
    search = opened(qtbot, SearchWindow)
    search.query.setText("img")
    qtbot.waitUntil(lambda: search.results.model().rowCount() == 1)
    document = QTextDocument()
    document.setHtml(search.results.model().index(0).data(Qt.ItemDataRole.UserRole + 1))
    assert "<b>退款</b><img src=x> 001" in document.toPlainText()
    assert bold_runs(document) == ["img"]  # the hit is the only markup
    assert f"{FSI}tb_小美妈妈{PDI}" in document.toPlainText()
    search.close()
    review = win.opens.open_review()
    qtbot.waitUntil(lambda: review.model.rowCount() == 1)
    review.table.selectRow(0)
    qtbot.waitUntil(lambda: review.transcript.model().rowCount() == 3)
    lines = [(review.transcript.model().index(r, 1).data(), review.transcript.model().index(r, 2).data()) for r in range(3)]
    assert lines[0] == ("Buyer", "<b>退款</b><img src=x> 001")
    assert lines[1] == ("Buyer", "[System] 已退款")
    assert lines[2][1].startswith(big[:TRANSCRIPT_CHARS])
    assert lines[2][1].endswith(f"{len(big) - TRANSCRIPT_CHARS:,} more characters not shown")
    review.close()


def laid_out(tip: str) -> QTextDocument:
    """A tool tip's text as Qt's tip label lays it out: HTML when it looks like HTML."""
    document = QTextDocument()
    if QtGui.mightBeRichText(tip):
        document.setHtml(tip)
    else:
        document.setPlainText(tip)
    return document


def test_a_buyers_words_pasted_into_an_issue_note_stay_words_everywhere_the_issue_shows(qtbot, desk):
    from datetime import datetime as clock

    from app.ui.issue_dialogs.details import IssueDetails
    from app.ui.models.issue_table import IssueTable

    win = desk(domain.Message("m1", "c1", "in", "在吗", NOW))
    issue = win.issue_desk.open_issue(stage="in_sale", category="buyer_note", buyer_nick="<i>小美</i>", note=MARKUP,
                                      conversation_id="c1", buyer_id="b1")
    table = IssueTable()
    table.set_rows([issue], clock.now(NOW.tzinfo))
    tip = laid_out(table.data(table.index(0, 10), Qt.ItemDataRole.ToolTipRole))
    assert tip.toPlainText() == MARKUP and bold_runs(tip) == []
    win.buyer.show_issues([issue])
    tip = laid_out(win.buyer.issues.item(0).toolTip())
    assert tip.toPlainText() == MARKUP and bold_runs(tip) == []
    details = IssueDetails(win.issue_desk, issue, lambda _id: None, win)
    qtbot.addWidget(details)
    assert details.header.textFormat() == Qt.TextFormat.PlainText and MARKUP in details.header.text()
