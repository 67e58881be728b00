"""The desk's main window: the queue, the open chat and the buyer's orders, with every action in a menu.

This module is the wiring: the window lays out its panes and hands each concern to a small helper given the window
— the menus (desk_menus), phrases (phrase_firing, library_edits), issues (issue_actions), the other windows
(desk_windows), sending and refused replies (replies), the status bar, title, tray and sounds (status_line), the
floor's order (floor), quitting (quit_guard) and the keyboard after dialogs (dialog_focus, tool_windows)."""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QPaintEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QInputDialog,
    QListView,
    QMainWindow,
    QSplitter,
    QTabBar,
    QVBoxLayout,
    QWidget,
)

from app.config import FloorSettings
from app.domain import now_utc

from app.store.images import ImageError
from app.store.records import ConversationSummary, MessageRecord

from app.desk.clipboard import ClipHistory
from app.desk.issues import IssueDesk
from app.desk.phrases import PhraseBook
from app.desk.queue import FILTERS, angry_words, build_word_tables
from app.desk.session import CloseRefused, DeskSession

from app.ui.approvals import Approvals
from app.ui.background import in_background
from app.ui.bridge import DeskBridge
from app.ui.buyer_pane import BuyerPane
from app.ui.buyer_text import isolated
from app.ui.conversation_pane import HISTORY_PAGE, ConversationPane
from app.ui.delegates import QueueDelegate
from app.ui.desk_menus import build_desk_menus
from app.ui.desk_windows import DeskWindows
from app.ui.dialog_focus import DialogFocus
from app.ui.floor import Floor
from app.ui.issue_actions import IssueActions
from app.ui.keys.keymap import SHORTCUTS, Keymap
from app.ui.labels import say
from app.ui.library_edits import LibraryEdits
from app.ui.models.queue_model import QueueModel
from app.ui.order_cards import OrderCards
from app.ui.phrase_firing import PhraseFiring
from app.ui.phrase_palette import PhrasePalette
from app.ui.quit_guard import QuitGuard
from app.ui.replies import Replies
from app.ui.shop_login import ShopLogin
from app.ui.status_line import StatusLine
from app.ui.tool_windows import ToolWindows
from app.ui.transfer_dialog import TransferDialog

TICK_MS = 1000


class MainWindow(QMainWindow):
    sig_first_paint = Signal()
    """The window has painted once (the cold-start benchmark waits for this)."""

    def __init__(self, session: DeskSession, bridge: DeskBridge, *, shop_name: str, demo: bool,
                 clock: Callable[[], datetime] = now_utc, phrases: PhraseBook | None = None,
                 floor: FloorSettings = FloorSettings(), keys: Keymap | None = None,  # noqa: B008
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        SHORTCUTS.set(keys or Keymap())  # settings.toml's keys, in force in this window and every tool window
        self.session = session
        self.clock = clock
        self.phrases = phrases or PhraseBook(session.store, clock=clock, agent=session.account.agent,
                                             history_in_background=True)
        session.reply_learners.append(self.phrases.learn_reply)  # every reply sent teaches the suggestions
        self.shop_name = shop_name
        self.demo = demo
        self._painted = False
        self.clips: ClipHistory | None = None  # the system-wide palette's history, when it runs (app.ui.start)
        self.issue_desk = IssueDesk(session.store, session.account.agent, clock=clock)
        self.setObjectName("mainWindow")
        self.tools = ToolWindows(self, self.focus_composer)  # Esc closes a tool window, back to the reply box
        self.dialog_focus = DialogFocus(self, self.focus_composer)  # a closed dialog gives the keyboard back

        self.queue_model = QueueModel(clock, self)
        # until their tables are built, off the GUI thread once the window has painted (paintEvent)
        self.queue_model.set_angry_words(angry_words(session.store), ready=False)
        self.queue_model.set_me(session.me)
        self.queue_view = QListView()
        self.queue_view.setObjectName("queue")
        self.queue_view.setAccessibleName(self.tr("Chats"))  # no caption above the queue: said by screen readers
        self.queue_view.setModel(self.queue_model)
        self.queue_view.setItemDelegate(QueueDelegate(self.queue_view))
        self.queue_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.queue_view.setUniformItemSizes(True)
        self.queue_view.setMinimumWidth(240)
        self.conversation = ConversationPane()
        self.buyer = BuyerPane()
        self.buyer.read_past_chats_from(session.store)
        self.queue_views = QTabBar()  # 全部 / 未回复 / 紧急: F6 steps through them
        self.queue_views.setObjectName("queueViews")
        self.queue_views.setExpanding(True)
        for view in FILTERS:
            self.queue_views.addTab(self.view_label(view))
        self.queue_views.currentChanged.connect(lambda index: self._set_queue_view(FILTERS[index]))
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.setSpacing(0)
        left_layout.addWidget(self.queue_views)
        left_layout.addWidget(self.queue_view, 1)
        split = QSplitter(Qt.Orientation.Horizontal)
        for pane in (left, self.conversation, self.buyer):
            split.addWidget(pane)
        split.setStretchFactor(0, 2)
        split.setStretchFactor(1, 5)
        split.setStretchFactor(2, 3)
        split.setSizes([280, 620, 400])
        self.setCentralWidget(split)

        self.status_line = StatusLine(self)  # the status bar, the title, the tray and the sounds
        self.palette = PhrasePalette(lambda query: self.phrases.search(query, buyer_said=self.firing.buyer_said()),
                                     self)
        self.firing = PhraseFiring(self)  # palette, slots, suggestions, asks, and the blanks a send refuses
        self.palette.sig_chosen.connect(self.firing.insert)
        self.palette.offer_new()
        self.library = LibraryEdits(self)  # new phrases from the chat, the phrase manager
        self.replies = Replies(self)  # sending, the guard's stop, NOT SENT replies
        self.approvals = Approvals(self)
        self.issues = IssueActions(self)  # new issue, actions, details, the issue windows
        self.opens = DeskWindows(self)  # review, KPIs, search, settings dialogs, help
        self.quit_guard = QuitGuard(self, floor.quit_while_waiting)
        self.menus = build_desk_menus(self)
        self.order_cards = OrderCards(self)  # the Orders menu: copy keys, the detail, parcels, problem marks

        self.queue_view.selectionModel().currentChanged.connect(self.on_current_changed)
        self.conversation.sig_draft.connect(self.session.save_draft)
        self.conversation.load_older = lambda cid, before: session.store.messages(cid, HISTORY_PAGE, before)
        self.conversation.delegate.load_image = self.image_bytes
        bridge.sig_conversation.connect(self._on_conversation)
        bridge.sig_message.connect(self._on_message)
        bridge.sig_orders.connect(self.buyer.show_orders)
        bridge.sig_connection.connect(self.status_line.on_connection)
        bridge.sig_problem.connect(self.status_line.on_problem)
        bridge.sig_transfer.connect(self.status_line.on_transfer)
        self.shop_login = ShopLogin(self, session, bridge)  # the password, when the shop asks for it again

        # one timer for the whole queue: the wait times tick together
        self._tick = QTimer(self)
        self._tick.setInterval(TICK_MS)
        self._tick.timeout.connect(self.queue_model.tick)
        self._tick.timeout.connect(self.status_line.alert_tick)
        self._tick.start()
        self.floor = Floor(self, floor.after_reply)  # the next buyer after a reply, the tabs' counts
        chats = session.store.conversation_summaries()
        for chat in chats:
            self.status_line.alerts.know(chat)  # chats already there when the desk starts are not "new"
        self.queue_model.load(chats)
        self.issues.refresh_trouble()
        self.status_line.on_connection(False, self.tr("connecting…"))
        self.resize(1320, 800)

    # --- moving through the queue ---------------------------------------------------------------

    def select_row(self, row: int) -> None:
        if 0 <= row < self.queue_model.rowCount():
            index = self.queue_model.index(row)
            self.queue_view.selectionModel().setCurrentIndex(
                index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
            self.queue_view.scrollTo(index)
            self.focus_composer()

    def step_chat(self, step: int, *, every: bool = False) -> None:
        """Ctrl+↓/↑ the buyers waiting for an answer; every (Alt+↓/↑): each chat of the view."""
        self.floor.step(step, every=every)

    def show_chat(self, conversation_id: str) -> bool:
        """Bring the desk forward on a chat still in the queue (whichever view hides it), the reply box ready;
        False for a chat that is closed."""
        if all(chat.id != conversation_id for chat in self.queue_model.open_chats()):
            return False
        if self.queue_model.row_of(conversation_id) < 0:
            self.queue_views.setCurrentIndex(FILTERS.index("all"))
        self.select_row(self.queue_model.row_of(conversation_id))
        self.raise_()
        self.activateWindow()
        return True

    def go_longest_waiting(self) -> None:
        row = self.queue_model.longest_waiting_row()
        self.select_row(row if row >= 0 else 0)

    def focus_composer(self) -> None:
        self.conversation.composer.setFocus(Qt.FocusReason.ShortcutFocusReason)

    # --- the desk's news -------------------------------------------------------------------------

    def current_chat(self) -> ConversationSummary | None:
        return self.queue_model.chat_at(self.queue_view.currentIndex().row())

    def on_current_changed(self, current: QModelIndex, previous: QModelIndex) -> None:
        if self.floor.holding:  # a reply or a close moves rows: the desk opens the next chat after it
            return
        chat = self.queue_model.chat_at(current.row())
        if chat is None or chat.id == self.conversation.conversation_id:
            return
        store = self.session.store
        self.conversation.open_chat(chat, store.messages(chat.id, limit=HISTORY_PAGE), store.draft(chat.id))
        for reply in self.replies.not_saved(chat.id):  # not in the store: NOT SENT under the history, to resend
            self.conversation.model.upsert(reply)
        self.buyer.show_chat(chat)
        self.issues.refresh_issues()
        self.firing.refresh_suggestions()
        self.session.request_orders(chat.buyer_id)
        if chat.unread:
            self.session.mark_read(chat.id)

    def _on_conversation(self, chat: ConversationSummary) -> None:
        self.status_line.ring(self.status_line.alerts.on_chat(chat, self.queue_model.clock()))
        self.queue_model.upsert(chat)
        if chat.id == self.conversation.conversation_id and chat.unread and self.isActiveWindow():
            self.session.mark_read(chat.id)
        if not self.queue_view.currentIndex().isValid() and self.queue_model.rowCount():
            self.select_row(0)
        self.status_line.update_title()

    def _on_message(self, message: MessageRecord) -> None:
        self.conversation.model.upsert(message)
        if message.direction == "in" and message.conversation_id == self.conversation.conversation_id:
            self.firing.refresh_suggestions()
        if message.direction != "in":  # a buyer's message never changes what waits to be sent: no store count
            self.status_line.update_outbox_soon()

    def image_bytes(self, image_id: str) -> bytes | None:
        try:
            return self.session.store.images.read(image_id)
        except (ImageError, OSError):
            return None

    # --- the queue's views -------------------------------------------------------------------------

    def view_label(self, view: str) -> str:
        return {"all": self.tr("All"), "mine": self.tr("Mine"), "unanswered": self.tr("Unanswered"),
                "urgent": self.tr("Urgent")}[view]

    def _set_queue_view(self, view: str) -> None:
        current = self.current_chat()
        self.queue_model.set_view(view)
        row = self.queue_model.row_of(current.id) if current else -1
        self.select_row(row if row >= 0 else 0)
        self._update_view_counts()

    def _update_view_counts(self) -> None:
        hidden = self.queue_model.hidden_count()
        self.queue_views.setTabToolTip(self.queue_views.currentIndex(),
                                       self.tr("%n chat(s) not shown in this view", "", hidden) if hidden else "")

    # --- ending a chat here -----------------------------------------------------------------------

    def close_chat(self, reason: str = "") -> QInputDialog | None:
        """Ctrl+W: closed when the agent spoke last; otherwise the agent is asked why (kept in the audit log)."""
        chat = self.current_chat()
        if chat is None:
            return None
        try:
            with self.floor.answering(chat.id):
                self.session.close_chat(chat.id, reason)
        except CloseRefused as refused:
            dialog = QInputDialog(self)
            dialog.setWindowTitle(self.tr("Close without answering?"))
            dialog.setLabelText(say(refused.args[0]) + "\n" + self.tr("Why close it (kept in the audit log)?"))
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            dialog.textValueSelected.connect(lambda why: why.strip() and self.close_chat(why))
            dialog.open()
            return dialog
        self.statusBar().showMessage(self.tr("Chat with %1 closed; it opens again if the buyer writes.")
                                     .replace("%1", isolated(chat.buyer_nick)), 6_000)
        self.floor.moved_on(chat.id)
        return None

    def transfer_chat(self) -> TransferDialog | None:
        chat = self.current_chat()
        if chat is None:
            self.statusBar().showMessage(self.tr("Open a chat first, then %1 transfers it.")
                                         .replace("%1", SHORTCUTS.shown("desk.transfer")), 6_000)
            return None
        dialog = TransferDialog(self.session, chat, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self.statusBar().showMessage(
            self.tr("%1 transferred to %2.").replace("%1", isolated(chat.buyer_nick))
            .replace("%2", dialog.colleague_name()),
            8_000))
        dialog.open()
        return dialog

    # --- life cycle ------------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            QTimer.singleShot(0, self, self.sig_first_paint.emit)
            # pinyin tables and suggestions load while the agent looks at the queue, not on their first Ctrl+K
            threading.Thread(target=self.phrases.warm, name="phrase-warm", daemon=True).start()
            # and the urgent words' (a thread beside the first paint slowed it: they share the interpreter)
            words = self.queue_model.angry_words
            in_background(lambda: build_word_tables(words),
                          lambda _built: self.queue_model.set_angry_words(self.queue_model.angry_words), self)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        if not self.quit_guard.may_close(event):  # buyers wait: asked, or kept running in the tray
            return
        self.conversation.flush_draft()
        self._tick.stop()
        super().closeEvent(event)
