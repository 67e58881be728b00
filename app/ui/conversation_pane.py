"""The middle pane: the open chat's history and the composer, with the per-chat draft."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QColor, QImage, QPixmap, QResizeEvent, QTextCursor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QListView,
    QSplitter,
    QTextEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.store.records import ConversationSummary, MessageRecord

from app.ui.ask_form import AskForm
from app.ui.buyer_text import shown
from app.ui.composer import Composer
from app.ui.delegates import MessageDelegate
from app.ui.models.message_model import MessageModel, MessageRole
from app.ui.slot_bar import SlotBar
from app.ui.suggestion_bar import SuggestionBar


class AttachmentBar(QWidget):
    """The picture that goes with the next reply: a thumbnail, what it is, and a way to take it off."""

    sig_removed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.thumb = QLabel()
        self.label = QLabel()
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.remove = QToolButton()
        self.remove.setText("✕")
        self.remove.setObjectName("removePicture")
        self.remove.setToolTip(self.tr("Do not send the picture (Ctrl+Shift+Backspace)"))
        self.remove.clicked.connect(self.sig_removed)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.thumb)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.remove)
        self.hide()

    def show_picture(self, thumb: QImage | None, label: str) -> None:
        if thumb is None and not label:
            self.hide()
            return
        if thumb is not None:
            self.thumb.setPixmap(QPixmap.fromImage(thumb).scaledToHeight(48, Qt.TransformationMode.SmoothTransformation))
        else:
            self.thumb.setText(self.tr("[picture]"))
        self.label.setText(self.tr("Picture sent with the reply: %1").replace("%1", label))
        self.show()

DRAFT_SAVE_DELAY_MS = 400
HISTORY_PAGE = 200  # messages shown on opening a chat; older pages load when scrolled to the top

OlderLoader = Callable[[str, int], list[MessageRecord]]


class HistoryView(QListView):
    """Re-lays out wrapped bubbles when the width changes."""

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self.doItemsLayout()


class ConversationPane(QWidget):
    sig_send = Signal(str, str, str)
    """(conversation id, text, image id or ""): the agent sends what is in the composer, with its picture."""
    sig_draft = Signal(str, str)
    """(conversation id, text): the draft changed and should be kept."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.conversation_id = ""
        self.load_older: OlderLoader = lambda conversation_id, before_id: []
        self._has_older = False
        self.header = QLabel(self.tr("Select a chat on the left"))
        self.header.setObjectName("paneTitle")
        self.header.setTextFormat(Qt.TextFormat.PlainText)
        self.model = MessageModel(self)
        self.history = HistoryView()
        self.history.setObjectName("history")
        self.history.setAccessibleName(self.tr("Messages of the chat"))  # the header above names the buyer only
        self.history.setModel(self.model)
        self.delegate = MessageDelegate(self.history)
        self.history.setItemDelegate(self.delegate)
        self.history.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.history.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.history.setUniformItemSizes(False)
        self.history.setWordWrap(True)
        self.composer = Composer()
        self.composer.setObjectName("composer")
        self.composer.setEnabled(False)
        self.slot_bar = SlotBar()
        self.suggestion_bar = SuggestionBar()
        self.attachment_bar = AttachmentBar()
        self.attachment_bar.sig_removed.connect(self.remove_attachment)
        self.ask_form = AskForm()  # the values a phrase asks each time, above the reply box
        self.ask_form.sig_cancelled.connect(lambda: self.composer.setFocus())
        self._attachments: dict[str, tuple[str, str]] = {}  # chat → (image id, what it is) waiting to be sent
        reply = QWidget()
        reply_layout = QVBoxLayout(reply)
        reply_layout.setContentsMargins(0, 0, 0, 0)
        reply_layout.addWidget(self.suggestion_bar)
        reply_layout.addWidget(self.slot_bar)
        reply_layout.addWidget(self.attachment_bar)
        reply_layout.addWidget(self.ask_form)
        reply_layout.addWidget(self.composer, 1)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.history)
        split.addWidget(reply)
        split.setStretchFactor(0, 4)
        split.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.header)
        layout.addWidget(split, 1)
        self._drafts: dict[str, str] = {}
        self._draft_timer = QTimer(self)
        self._draft_timer.setSingleShot(True)
        self._draft_timer.setInterval(DRAFT_SAVE_DELAY_MS)
        self._draft_timer.timeout.connect(self.flush_draft)
        self.composer.textChanged.connect(self._draft_timer.start)
        self.composer.textChanged.connect(lambda: self.composer.extraSelections() and self.composer.setExtraSelections([]))
        self.composer.sig_send.connect(self.send_current)
        self.model.rowsInserted.connect(self._follow_new_rows)
        self.history.verticalScrollBar().valueChanged.connect(self._maybe_load_older)

    def open_chat(self, chat: ConversationSummary, messages: list[MessageRecord], stored_draft: str) -> None:
        self.ask_form.cancel()  # its phrase was for the chat being left
        self.flush_draft()
        self.conversation_id = chat.id
        self.header.setText(shown(chat.buyer_nick))
        self._has_older = len(messages) >= HISTORY_PAGE
        self.model.show_conversation(chat.id, messages)
        self.history.scrollToBottom()
        self.composer.blockSignals(True)
        self.composer.setPlainText(self._drafts.get(chat.id, stored_draft))
        self.composer.blockSignals(False)
        self.composer.moveCursor(self.composer.textCursor().MoveOperation.End)
        self.composer.setEnabled(True)
        self._show_attachment()

    def chosen_message(self) -> MessageRecord | None:
        """The message selected in the history, else the agent's last one (what is worth keeping)."""
        index = self.history.currentIndex()
        if index.isValid() and self.history.selectionModel().isSelected(index):
            return index.data(MessageRole)
        count = self.model.rowCount()
        rows = (self.model.index(row).data(MessageRole) for row in range(count - 1, -1, -1))
        return next((m for m in rows if m.direction in ("out", "robot")), None)

    def flush_draft(self) -> None:
        """Hand the composer's text to the caller now (on switch, on close, after a typing pause)."""
        self._draft_timer.stop()
        if not self.conversation_id:
            return
        text = self.composer.toPlainText()
        if self._drafts.get(self.conversation_id) != text:
            self._drafts[self.conversation_id] = text
            self.sig_draft.emit(self.conversation_id, text)

    def send_current(self) -> None:
        """Send what is in the composer, with its picture (Enter, Ctrl+Enter or the menu)."""
        text = self.composer.toPlainText()
        image = self.attachment()
        if not self.conversation_id or (not text.strip() and not image):
            return
        self.sig_send.emit(self.conversation_id, text, image)

    # --- a picture waiting to go with the reply (an image phrase) --------------------------------------

    def attach(self, image_id: str, label: str) -> None:
        """The next reply of this chat carries this picture (one a reply, as on the marketplaces)."""
        if self.conversation_id:
            self._attachments[self.conversation_id] = (image_id, label)
            self._show_attachment()

    def attachment(self) -> str:
        return self._attachments.get(self.conversation_id, ("", ""))[0]

    def remove_attachment(self) -> None:
        self._attachments.pop(self.conversation_id, None)
        self._show_attachment()
        self.composer.setFocus()

    def _show_attachment(self) -> None:
        image_id, label = self._attachments.get(self.conversation_id, ("", ""))
        self.attachment_bar.show_picture(self.delegate.thumbnail(image_id) if image_id else None, label)

    def mark_words(self, spans: list[tuple[int, int]]) -> None:
        """Paint the send guard's hits red in the reply box; typing clears them."""
        text = self.composer.toPlainText()

        def utf16(index: int) -> int:  # Qt counts UTF-16 units: an emoji before the word is two
            return len(text[:index].encode("utf-16-le")) // 2

        selections = []
        for start, end in ((utf16(a), utf16(b)) for a, b in spans):
            selection = QTextEdit.ExtraSelection()
            selection.format.setBackground(QColor("#F5B7B1"))
            selection.format.setForeground(QColor("#922B21"))
            selection.format.setFontUnderline(True)
            cursor = self.composer.textCursor()
            cursor.setPosition(start)
            cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
            selection.cursor = cursor
            selections.append(selection)
        self.composer.setExtraSelections(selections)

    def reply_committed(self, conversation_id: str) -> None:
        """The reply is safely in the store: clear the box, its picture (and the draft, which the desk cleared)."""
        self._attachments.pop(conversation_id, None)
        if conversation_id == self.conversation_id:
            self._show_attachment()
        self._drafts[conversation_id] = ""
        if conversation_id == self.conversation_id:
            self.composer.blockSignals(True)
            self.composer.clear()
            self.composer.blockSignals(False)

    def _follow_new_rows(self, _parent: object = None, first: int = 0, _last: int = 0) -> None:
        bar = self.history.verticalScrollBar()
        if first > 0 and bar.value() >= bar.maximum() - 80:
            QTimer.singleShot(0, self.history.scrollToBottom)

    def _maybe_load_older(self, value: int) -> None:
        oldest = self.model.oldest_id()
        if value > 0 or not self._has_older or oldest is None:
            return
        older = self.load_older(self.conversation_id, oldest)
        self._has_older = len(older) >= HISTORY_PAGE
        bar = self.history.verticalScrollBar()
        before = bar.maximum()
        self.model.prepend(older)
        self.history.doItemsLayout()
        bar.setValue(bar.maximum() - before)  # keep the message the agent was reading where it was
