"""Search every stored chat (Ctrl+Shift+F): messages newest first with the hit highlighted in its context, and
buyers, order nos. and issue notes that match; Enter opens the chat (in the desk while the buyer is still in the
queue), Shift+Enter its transcript in the owner's review."""

from __future__ import annotations

import math
from collections.abc import Callable

from PySide6.QtCore import QDate, QModelIndex, QPersistentModelIndex, QSize, Qt, QTimer
from PySide6.QtGui import QTextDocument, QTextOption
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from app.store.search import search_history, search_messages, search_others
from app.store.search_hits import HistoryHit, MessageHit, OtherHit, SearchFilter
from app.store.store import Store

from app.desk.review import local_days

from app.ui.background import Latest
from app.ui.day_range import DayRange
from app.ui.keys.keymap import SHORTCUTS
from app.ui.models.search_results import HtmlRole, SearchResults

Index = QModelIndex | QPersistentModelIndex


class HitDelegate(QStyledItemDelegate):
    """Draws an item's HTML (escaped text with marked hits) instead of its plain text: in the view's font, wrapped
    to the view's width. The size hint lays the text out the same way, so a row is as tall as what is drawn in it.

    Before, the hint was laid out in the application's font whatever the view's, at 200 px when Qt asked without a
    width, its size cut to whole pixels, and rows were not laid out again when the window's width changed."""

    @staticmethod
    def _document(option: QStyleOptionViewItem, index: Index, width: float) -> QTextDocument:
        doc = QTextDocument()
        doc.setDefaultFont(option.font)
        wrap = QTextOption()
        wrap.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)  # an order no. too long for a line
        doc.setDefaultTextOption(wrap)
        doc.setHtml(str(index.data(HtmlRole) or ""))
        doc.setTextWidth(max(1.0, width))
        return doc

    @staticmethod
    def _width(option: QStyleOptionViewItem) -> int:
        view = option.widget
        return view.viewport().width() if isinstance(view, QAbstractItemView) else option.rect.width()

    def paint(self, painter, option: QStyleOptionViewItem, index: Index) -> None:  # noqa: ANN001 - Qt override
        self.initStyleOption(option, index)
        doc = self._document(option, index, option.rect.width())
        painter.save()
        painter.setClipRect(option.rect)  # nothing of a row is ever drawn over the next
        if option.state & option.state.State_Selected:
            painter.fillRect(option.rect, option.palette.highlight())
        painter.translate(option.rect.topLeft())
        doc.drawContents(painter)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:  # noqa: N802 - Qt override
        width = self._width(option)
        doc = self._document(option, index, width)
        return QSize(width, math.ceil(doc.size().height()))


class SearchWindow(QWidget):
    def __init__(self, store: Store, open_chat: Callable[[str], object], parent: QWidget | None = None, *,
                 open_transcript: Callable[[str], object] | None = None) -> None:
        """open_chat(conversation id) on Enter (the desk shows a chat still in its queue, else its transcript);
        open_transcript on Shift+Enter (the owner's review)."""
        super().__init__(parent, Qt.WindowType.Window)
        self.store = store
        self.open_chat = open_chat
        self.open_transcript = open_transcript or open_chat
        self.setObjectName("searchWindow")
        self.setWindowTitle(self.tr("Search all chats"))
        self.query = QLineEdit()
        self.query.setObjectName("searchQuery")
        self.query.setClearButtonEnabled(True)
        self.query.setPlaceholderText(self.tr("退款, 尺码 开胶, an order no.… every part must occur"))
        self._typing = QTimer(self, singleShot=True, interval=250)
        self._typing.timeout.connect(self.refresh)
        self.query.textChanged.connect(lambda _t: self._typing.start())
        self.query.returnPressed.connect(self.refresh)
        self.direction = QComboBox()
        for text, value in ((self.tr("All messages"), ""), (self.tr("Buyers' messages"), "in"),
                            (self.tr("Agents' answers"), "out"), (self.tr("Robot answers"), "robot")):
            self.direction.addItem(text, value)
        self.direction.currentIndexChanged.connect(lambda _i: self.refresh())
        self.has_issue = QCheckBox(self.tr("Only buyers with an &issue"))
        self.has_issue.toggled.connect(lambda _on: self.refresh())
        self.agent = QLineEdit()
        self.agent.setPlaceholderText(self.tr("any agent"))
        self.buyer = QLineEdit()
        self.buyer.setPlaceholderText(self.tr("any buyer"))
        for box in (self.agent, self.buyer):
            box.setClearButtonEnabled(True)
            box.textChanged.connect(lambda _t: self._typing.start())
        self.only_days = QCheckBox(self.tr("Only &days"))
        self.range = DayRange(QDate.currentDate().addDays(-30), QDate.currentDate(), self)
        self.range.changed.connect(self.refresh)
        self.first, self.last = self.range.first, self.range.last
        self.first.setAccessibleName(self.tr("First day"))  # beside a check box and a dash: no label to be a buddy
        self.last.setAccessibleName(self.tr("Last day"))
        self.only_days.toggled.connect(lambda _on: self.refresh())
        self.found = SearchResults(self)
        self.results = QListView()
        self.results.setObjectName("searchResults")
        self.results.setAccessibleName(self.tr("Messages found"))
        self.results.setModel(self.found)
        self.results.setItemDelegate(HitDelegate(self.results))
        self.results.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.results.setResizeMode(QListView.ResizeMode.Adjust)  # rows wrapped again at a new width
        self.results.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)  # rows wrap instead
        self.results.activated.connect(lambda index: self.open_item(index))
        self.status = QLabel()
        self.status.setObjectName("searchStatus")
        top = QHBoxLayout()
        caption = QLabel(self.tr("&Find"))
        caption.setBuddy(self.query)
        top.addWidget(caption)
        top.addWidget(self.query, 1)
        shown = QLabel(self.tr("&Show"))
        shown.setBuddy(self.direction)
        top.addWidget(shown)
        top.addWidget(self.direction)
        top.addWidget(self.has_issue)
        more = QHBoxLayout()
        for text, widget in ((self.tr("&Agent"), self.agent), (self.tr("&Buyer"), self.buyer)):
            caption = QLabel(text)
            caption.setBuddy(widget)
            more.addWidget(caption)
            more.addWidget(widget)
        more.addWidget(self.only_days)
        more.addWidget(self.first)
        more.addWidget(QLabel("–"))
        more.addWidget(self.last)
        more.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(more)
        layout.addWidget(self.results, 1)
        layout.addWidget(self.status)
        keys = SHORTCUTS.hint_label("search")
        keys.setWordWrap(True)  # a narrow window is allowed: the results wrap to it
        layout.addWidget(keys)
        SHORTCUTS.add_actions(self, {"search.results": lambda: self.results.setFocus(),
                                     "search.transcript": lambda: self.open_item(transcript=True)})
        self.reading = Latest(self)
        self.resize(900, 640)
        self.query.setFocus()

    def refresh(self) -> None:
        query = self.query.text().strip()
        if not query:
            self.reading.forget()
            self.found.set_rows([])
            self.status.setText("")
            return
        since = until = None
        if self.only_days.isChecked():
            since, until = local_days(*self.range.days())
        where = SearchFilter(agent=self.agent.text().strip(), buyer_nick=self.buyer.text().strip(),
                             direction=str(self.direction.currentData() or ""), since=since, until=until,
                             has_issue=self.has_issue.isChecked())

        def work() -> tuple[list[MessageHit], list[HistoryHit], list[OtherHit]]:
            return (search_messages(self.store, query, where, limit=200),
                    search_history(self.store, query, where, limit=200), search_others(self.store, query))

        self.status.setText(self.tr("Searching…"))
        self.reading.ask(work, self._show)

    def _show(self, found: object) -> None:
        if isinstance(found, ValueError):
            self.status.setText(self.tr("Not searched: %1").replace("%1", str(found)))
            return
        if not isinstance(found, tuple):
            self.status.setText(self.tr("The search failed: %1").replace("%1", str(found)))
            return
        messages, history, others = found
        self.found.set_rows([*messages, *history, *others])
        status = [self.tr("%n message(s)", "", len(messages))]
        if history:  # only when there is some: most shops never import past chats
            status.append(self.tr("%n in imported history", "", len(history)))
        self.status.setText(" · ".join([*status, self.tr("%n other match(es)", "", len(others))]))
        if self.found.rows:
            self.results.setCurrentIndex(self.found.index(0))

    def open_item(self, index: Index | None = None, *, transcript: bool = False) -> object:
        hit = self.found.row_at(index if index is not None else self.results.currentIndex())
        if isinstance(hit, MessageHit):
            return (self.open_transcript if transcript else self.open_chat)(hit.message.conversation_id)
        return None
