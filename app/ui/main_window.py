"""The desk's main window: the queue, the open chat and the buyer's orders, with every action in a menu."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QPaintEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QFileDialog,
    QInputDialog,
    QLabel,
    QListView,
    QMainWindow,
    QMenu,
    QMessageBox,
    QSplitter,
    QStyle,
    QSystemTrayIcon,
    QTabBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.config import FloorSettings
from app.desk.alerts import Alerts
from app.desk.blanks import UnfilledBlank, marked_as_blanks
from app.desk.clipboard import ClipHistory
from app.desk.guard import RepeatedReply, SendBlocked
from app.desk.issues import ACTIONS, OPEN_STATES, IssueDesk, Outcome
from app.desk.phrases import PhraseBook, PhraseRejected, chat_values
from app.desk.queue import FILTERS, angry_words
from app.desk.review import ReviewDesk
from app.desk.session import CloseRefused, DeskSession, ReplyNotSaved
from app.gateway import schema
from app.gateway.schema import now_utc
from app.quickreplies.edit import phrase_from_message
from app.quickreplies.phrase import Phrase
from app.store.errors import StoreError
from app.store.images import ImageError
from app.store.issues import IssueFilter
from app.store.records import ConversationSummary, IssueRecord, MessageRecord
from app.ui.approvals import Approvals
from app.ui.bridge import DeskBridge
from app.ui.buyer_pane import BuyerPane
from app.ui.buyer_text import isolated
from app.ui.clipboard_dialog import ClipboardDialog
from app.ui.conversation_pane import HISTORY_PAGE, ConversationPane
from app.ui.delegates import QueueDelegate
from app.ui.dialog_focus import DialogFocus
from app.ui.floor import Floor
from app.ui.issue_dialogs import ActionDialog, IssueDetails, NewIssueDialog
from app.ui.issue_dialogs import label as issue_label
from app.ui.issue_list import IssueListWindow
from app.ui.keys.cheat_sheet import CheatSheet
from app.ui.keys.key_settings import KeySettingsDialog
from app.ui.keys.keymap import SHORTCUTS, Keymap
from app.ui.keys.registry import MENUS, menu_title
from app.ui.models.message_model import MessageRole
from app.ui.models.queue_model import QueueModel
from app.ui.order_cards import OrderCards
from app.ui.palette import PhrasePalette
from app.ui.phrase_editor import PhraseEditor
from app.ui.phrase_firing import PhraseFiring
from app.ui.phrase_manager import PhraseManager
from app.ui.policy_dialog import PolicyDialog
from app.ui.quit_guard import QuitGuard
from app.ui.report_dialog import ReportDialog
from app.ui.review_window import ReviewWindow
from app.ui.robot_dialog import RobotDialog, RobotReviewDialog
from app.ui.search_window import SearchWindow
from app.ui.sheet_import import OrderImportDialog
from app.ui.shop_login import ShopLogin
from app.ui.tool_windows import ToolWindows
from app.ui.transfer_dialog import TransferDialog
from app.ui.word_lists import WordListsDialog
from app.ui.words import say
from app.ui.worklist import WorklistWindow

TICK_MS = 1000
SLOT_GROUP_KEY = "ui.slot_group"


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
        self.phrases = phrases or PhraseBook(session.store, clock=clock, agent=session.account.agent)
        self.shop_name = shop_name
        self.demo = demo
        self._painted = False
        self.phrase_manager: PhraseManager | None = None
        self.clips: ClipHistory | None = None  # the system-wide palette's history, when it runs (app.ui.app)
        self.issue_desk = IssueDesk(session.store, session.account.agent, clock=clock)
        self._worklist: WorklistWindow | None = None
        self._issue_list: IssueListWindow | None = None
        self._repeat_armed: tuple[str, str] | None = None  # (chat, text) the repeat warning was shown for
        self.online = False
        self._connection_message = ""
        self.setObjectName("mainWindow")
        self.tools = ToolWindows(self, self.focus_composer)  # Esc closes a tool window, back to the reply box
        self.dialog_focus = DialogFocus(self, self.focus_composer)  # a closed dialog gives the keyboard back

        self.queue_model = QueueModel(clock, self)
        self.queue_model.set_angry_words(angry_words(session.store))
        self.queue_model.set_me(session.me)
        self.queue_view = QListView()
        self.queue_view.setObjectName("queue")
        self.queue_view.setModel(self.queue_model)
        self.queue_view.setItemDelegate(QueueDelegate(self.queue_view))
        self.queue_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.queue_view.setUniformItemSizes(True)
        self.queue_view.setMinimumWidth(240)
        self.conversation = ConversationPane()
        self.buyer = BuyerPane()
        self.queue_views = QTabBar()  # 全部 / 未回复 / 紧急: F6 steps through them
        self.queue_views.setObjectName("queueViews")
        self.queue_views.setExpanding(True)
        for view in FILTERS:
            self.queue_views.addTab(self._view_label(view))
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

        self.mode_label = QLabel()
        self.connection_label = QLabel()
        self.outbox_label = QLabel()
        # permanent widgets sit on the right and never collide with the passing messages on the left
        self.statusBar().addPermanentWidget(self.mode_label)
        self.statusBar().addPermanentWidget(self.outbox_label)
        self.statusBar().addPermanentWidget(self.connection_label)
        self.mute_label = QLabel()
        self.mute_label.setObjectName("muted")
        self.statusBar().addPermanentWidget(self.mute_label)
        self.status_button = QToolButton()  # the agent's own status: 在线 / 挂起 / 离线, F9 toggles 挂起
        self.status_button.setObjectName("agentStatus")
        self.status_button.setAutoRaise(True)
        self.status_button.clicked.connect(self.toggle_suspended)
        self.statusBar().addPermanentWidget(self.status_button)
        self._build_menus()
        self.order_cards = OrderCards(self)  # the Orders menu: copy keys, the detail, parcels, problem marks
        self._show_agent_status()

        self.queue_view.selectionModel().currentChanged.connect(self._on_current_changed)
        self.conversation.sig_send.connect(self._send)
        self.conversation.sig_draft.connect(self.session.save_draft)
        self.palette = PhrasePalette(lambda query: self.phrases.search(query, buyer_said=self.buyer_said()), self)
        self.palette.sig_chosen.connect(self.insert_phrase)
        self.palette.offer_new()
        self.palette.sig_new_phrase.connect(self.save_typed_as_phrase)
        self.conversation.composer.sig_palette.connect(self.open_palette)
        self.firing = PhraseFiring(self)  # asks, setup placeholders, and the blanks a send refuses
        self.conversation.composer.expander = self.firing.expand
        self.conversation.suggestion_bar.sig_chosen.connect(self.insert_phrase)
        self.buyer.issues.itemActivated.connect(lambda _item: self.issue_details())  # Enter or double-click
        slot_bar = self.conversation.slot_bar
        slot_bar.set_groups(self.phrases.groups(), session.store.get_meta(SLOT_GROUP_KEY))
        slot_bar.show_slots(self.phrases.slotted(slot_bar.group))
        slot_bar.sig_group_changed.connect(self._slot_group_changed)
        self.conversation.load_older = lambda cid, before: session.store.messages(cid, HISTORY_PAGE, before)
        self.conversation.delegate.load_image = self._image_bytes
        bridge.sig_conversation.connect(self._on_conversation)
        bridge.sig_message.connect(self._on_message)
        bridge.sig_orders.connect(self._on_orders)
        bridge.sig_connection.connect(self._on_connection)
        bridge.sig_problem.connect(self._on_problem)
        bridge.sig_transfer.connect(self._on_transfer)
        self.shop_login = ShopLogin(self, session, bridge)  # the password, when the shop asks for it again

        # one timer for the whole queue: the wait times tick together
        self._tick = QTimer(self)
        self._tick.setInterval(TICK_MS)
        self._tick.timeout.connect(self.queue_model.tick)
        self._tick.timeout.connect(self._alert_tick)
        self._tick.start()
        self.alerts = Alerts()
        self.alerts_rung: list[str] = []  # what sounded, newest last (the status bar shows mute; tests read this)
        self.tray: QSystemTrayIcon | None = None
        if QSystemTrayIcon.isSystemTrayAvailable():  # the unread count stays visible with the window hidden
            self.tray = QSystemTrayIcon(self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxInformation),
                                        self)
            self.tray.activated.connect(lambda _reason: (self.showNormal(), self.activateWindow()))
            self.tray.show()
        self.floor = Floor(self, floor.after_reply)  # the next buyer after a reply, the tabs' counts
        self.quit_guard = QuitGuard(self, floor.quit_while_waiting)
        self.approvals = Approvals(self)
        for chat in session.store.conversation_summaries():
            self.alerts.know(chat)  # chats already there when the desk starts are not "new"
            self.queue_model.upsert(chat)
        self._refresh_trouble()
        self._on_connection(False, self.tr("connecting…"))
        self.resize(1320, 800)

    # --- menus and keyboard ----------------------------------------------------------------------

    def _build_menus(self) -> None:
        """The menus and their keys, from the key registry (app/ui/keys/registry.py)."""
        bar = self.menuBar()
        self._menus: dict[str, QMenu] = {}
        for menu_id in MENUS:
            if menu_id in ("phrase", "edit"):
                continue  # the phrase manager's
            parent, _, _sub = menu_id.rpartition("/")
            self._menus[menu_id] = (self._menus[parent].addMenu(menu_title(menu_id)) if parent
                                    else bar.addMenu(menu_title(menu_id)))
        self.action_kinds = QMenu(self)  # refund, reship, return…: ↑/↓ and Enter, or the digit shown
        for number, kind in enumerate(ACTIONS, start=1):
            action = self.action_kinds.addAction(f"&{number % 10} {issue_label(kind)}" if number <= 10
                                                 else issue_label(kind))
            action.triggered.connect(lambda _checked=False, k=kind: self.record_action(k))
        slots: dict[str, Callable[[], object]] = {
            "desk.import_orders": self.choose_order_export, "desk.phrase_manager": self.open_phrase_manager,
            "desk.robot": self.open_robot, "desk.robot_review": self.open_robot_review,
            "desk.word_lists": self.open_word_lists, "desk.clipboard": self.open_clipboard_settings,
            "desk.quit": lambda: self.quit_guard.request(),
            "desk.next_chat": lambda: self.step_chat(1), "desk.prev_chat": lambda: self.step_chat(-1),
            "desk.next_any": lambda: self.step_chat(1, every=True),
            "desk.prev_any": lambda: self.step_chat(-1, every=True), "desk.longest": self.go_longest_waiting,
            "desk.close_chat": self.close_chat, "desk.transfer": self.transfer_chat, "desk.resend": self.resend_failed,
            "desk.edit_failed": self.edit_failed, "desk.mute": self.toggle_mute, "desk.mute_chat": self.toggle_mute_chat,
            "desk.next_view": lambda: self.queue_views.setCurrentIndex(
                (self.queue_views.currentIndex() + 1) % len(FILTERS)),
            "desk.suspend": self.toggle_suspended, "desk.offline": self.toggle_offline,
            "desk.reply_box": self.focus_composer, "desk.send": self.conversation.send_current,
            "desk.send_anyway": self.send_anyway, "desk.palette": self.open_palette,
            "desk.remove_picture": self.conversation.remove_attachment,
            "desk.next_group": self.conversation.slot_bar.next_group,
            "desk.save_as_phrase": self.save_message_as_phrase,
            "desk.new_issue": self.new_issue,
            "desk.buyer_issues": lambda: self.buyer.issues.setFocus(Qt.FocusReason.ShortcutFocusReason),
            "desk.record": self.choose_action, "desk.issue_details": self.issue_details,
            "desk.issue_list": self.open_issue_list, "desk.worklist": self.open_worklist,
            "desk.reports": self.open_reports, "desk.policy": self.open_policy,
            "desk.review": self.open_review, "desk.kpis": self.open_kpis, "desk.search": self.open_search,
            "desk.cheat_sheet": self.open_cheat_sheet, "desk.key_settings": self.open_key_settings,
            "desk.about": self._about,
        }
        for n in range(1, 10):
            slots[f"desk.goto_{n}"] = lambda n=n: self.select_row(n - 1)
            slots[f"desk.slot_{n}"] = lambda n=n: self.fire_slot(n, send=False)
            slots[f"desk.slot_send_{n}"] = lambda n=n: self.fire_slot(n, send=True)
        for n in range(1, 4):
            slots[f"desk.suggestion_{n}"] = lambda n=n: self.fire_suggestion(n - 1)
        actions = SHORTCUTS.add_actions(self, slots, self._menus)
        self.conversation.history.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.conversation.history.addAction(actions["desk.save_as_phrase"])

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

    # --- phrases ---------------------------------------------------------------------------------

    def open_palette(self) -> None:
        if self.current_chat() is None:
            self.statusBar().showMessage(self.tr("Open a chat first: phrases are filled in for its buyer."), 5_000)
            return
        self.palette.open_at(self.conversation.composer)

    def fire_slot(self, slot: int, *, send: bool) -> None:
        phrase = self.phrases.in_slot(self.conversation.slot_bar.group, slot)
        if phrase is None:
            self.statusBar().showMessage(self.tr("No phrase in slot %n of this group.", "", slot), 5_000)
            return
        if self.current_chat() is None:
            self.open_palette()  # says why nothing was inserted
            return
        self.insert_phrase(phrase, send)

    def open_phrase_manager(self) -> PhraseManager:
        if self.phrase_manager is None:
            self.phrase_manager = self.tools.adopt(PhraseManager(self.phrases, self))
            self.phrase_manager.sig_changed.connect(self._library_changed)
        self.phrase_manager.show()
        self.phrase_manager.raise_()
        self.phrase_manager.activateWindow()
        return self.phrase_manager

    def _library_changed(self) -> None:
        slot_bar = self.conversation.slot_bar
        slot_bar.set_groups(self.phrases.groups(), slot_bar.group)
        slot_bar.show_slots(self.phrases.slotted(slot_bar.group))
        self._refresh_suggestions()
        if self.phrase_manager is not None:
            self.phrase_manager.refresh()
        self.session.robot.reload()  # its rules name phrases: it answers with the edited text

    def save_message_as_phrase(self) -> None:
        """The selected message (or the agent's last one) as a new phrase, this buyer's details as variables."""
        if self.current_chat() is None:
            self.statusBar().showMessage(self.tr("Open a chat first."), 5_000)
            return
        message = self.conversation.chosen_message()
        if message is None:
            self.statusBar().showMessage(self.tr("This chat has no message to save yet."), 5_000)
            return
        self._edit_new_phrase(message.text)

    def save_typed_as_phrase(self, typed: str) -> PhraseEditor:
        """The palette found nothing for what was typed: a new phrase of the reply box's text (this buyer's details
        as variables, titled by the search), or of the search itself when the box is empty."""
        draft = self.conversation.composer.toPlainText()
        return self._edit_new_phrase(draft if draft.strip() else typed, typed if draft.strip() else "")

    def _edit_new_phrase(self, text: str, title: str = "") -> PhraseEditor:
        prefill = phrase_from_message(text, self._template_values())
        prefill = replace(prefill, group=self.conversation.slot_bar.group, title=title or prefill.title)
        editor = PhraseEditor(self.phrases, prefill, self)
        editor.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        editor.accepted.connect(lambda: self._add_phrase(editor.phrase()))
        editor.open()  # window-modal without a nested event loop: the chats keep arriving meanwhile
        return editor

    def _add_phrase(self, phrase: Phrase) -> None:
        try:
            self.phrases.add([phrase])
        except (PhraseRejected, StoreError) as exc:
            self.statusBar().showMessage(self.tr("Not saved: %1").replace("%1", str(exc)), 10_000)
            return
        self._library_changed()
        self.statusBar().showMessage(self.tr("Saved as phrase “%1”.").replace("%1", phrase.title), 5_000)

    def fire_suggestion(self, number: int) -> None:
        phrase = self.conversation.suggestion_bar.phrase(number)
        if phrase is None:
            self.statusBar().showMessage(self.tr("No suggestion %n for this message.", "", number + 1), 5_000)
            return
        self.insert_phrase(phrase)

    def buyer_said(self) -> str:
        return self.conversation.model.buyer_said() if self.current_chat() is not None else ""

    def _refresh_suggestions(self) -> None:
        said = self.buyer_said()
        self.conversation.suggestion_bar.show_suggestions(
            self.phrases.suggest(said, complaining=self.firing.complaining()) if said else [])

    def _fired(self, phrase: Phrase) -> None:
        said = self.buyer_said()
        self.phrases.learn(phrase, said)
        self.session.write_later(self.phrases.used, phrase, said)
        self.phrases.count_use(phrase)

    def _slot_group_changed(self, group: str) -> None:
        self.conversation.slot_bar.show_slots(self.phrases.slotted(group))
        self.session.write_later(self.session.store.set_meta, SLOT_GROUP_KEY, group)

    def _template_values(self) -> dict[str, str]:
        chat = self.current_chat()
        orders = self.buyer.model.orders() if chat and self.buyer.model.buyer_id == chat.buyer_id else []
        return chat_values(buyer_nick=chat.buyer_nick if chat else "", agent=self.session.agent_name,
                           shop=self.shop_name, orders=orders, now=self.clock())

    def insert_phrase(self, phrase: Phrase, send: bool = False) -> None:
        """Insert at the caret without replacing the draft (what it asks answered first); with send, send the
        whole draft, which the desk refuses while a blank is left."""
        self.firing.insert(phrase, send)

    # --- issues ---------------------------------------------------------------------------------------

    def new_issue(self) -> NewIssueDialog:
        """From the open chat: buyer, their orders and the selected messages prefilled. With no chat (companion
        mode) the agent types or pastes the order no. or the buyer's nick."""
        chat = self.current_chat()
        orders = [o.no for o in self.buyer.model.orders()] if chat else []
        evidence: list[int] = []
        if chat is not None:
            rows = self.conversation.history.selectionModel().selectedRows()
            evidence = sorted(index.data(MessageRole).id for index in rows)
        dialog = NewIssueDialog(self.issue_desk, buyer_nick=chat.buyer_nick if chat else "",
                                buyer_id=chat.buyer_id if chat else "", conversation_id=chat.id if chat else "",
                                orders=orders, evidence=evidence, parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._issue_saved(dialog.created))
        dialog.open()
        return dialog

    def _issue_saved(self, issue: IssueRecord | None) -> None:
        self._refresh_issues()
        self._refresh_trouble()
        if issue is None:
            return
        self.statusBar().showMessage(self.tr("Issue #%1 opened.").replace("%1", str(issue.id)), 5_000)
        cluster = self.issue_desk.cluster_around(issue)
        if cluster is not None:
            self.issue_desk.raise_cluster_alert(cluster)
            self.statusBar().showMessage(
                self.tr("%1 issues of this kind on “%2” within a day: probably a defect or a wrong label — tell "
                        "the supervisor.").replace("%1", str(len(cluster.issues))).replace("%2", cluster.item), 20_000)

    def _refresh_issues(self) -> None:
        chat = self.current_chat()
        if chat is None or not chat.buyer_id:
            self.buyer.show_issues([])
            return
        found = self.issue_desk.issues(IssueFilter(buyer_id=chat.buyer_id, limit=50))
        self.buyer.show_issues(sorted(found, key=lambda i: (i.state not in OPEN_STATES, -i.id)))

    def issue_details(self) -> IssueDetails | None:
        issue = self.buyer.current_issue()
        if issue is None:
            self.record_action("")  # says what to do first
            return None
        dialog = IssueDetails(self.issue_desk, issue, self._image_bytes, self, self.session.fetch_parcel)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda _result: (self._refresh_issues(), self._refresh_trouble()))
        dialog.open()
        return dialog

    def open_worklist(self) -> WorklistWindow:
        """The in-sale worklist in its own window, kept open beside the chats; one instance."""
        if self._worklist is None:
            self._worklist = WorklistWindow(self.issue_desk, self, fetch=self.session.fetch_problem_orders,
                                            details=self._details_of)
            self.tools.adopt(self._worklist)
            self._worklist.setModal(False)
        self._worklist.show()
        self._worklist.raise_()
        self._worklist.activateWindow()
        self._worklist.refresh()
        return self._worklist

    def choose_order_export(self) -> QFileDialog:
        dialog = QFileDialog(self, self.tr("The marketplace's order export"))
        dialog.setNameFilter(self.tr("Order exports (*.csv *.xlsx)"))
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.fileSelected.connect(lambda name: self.import_order_export(Path(name)))
        dialog.open()
        return dialog

    def import_order_export(self, path: Path) -> OrderImportDialog:
        """Previewed off the GUI thread; written in one go on Import; the open chat's orders are shown again."""
        dialog = OrderImportDialog(self.session.store, path, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(self._orders_imported)
        dialog.open()
        return dialog

    def _orders_imported(self) -> None:
        chat = self.current_chat()
        if chat is not None and chat.buyer_id:
            self.session.request_orders(chat.buyer_id)
        self.statusBar().showMessage(self.tr("Orders imported."), 6_000)

    def open_policy(self) -> PolicyDialog:
        dialog = PolicyDialog(self.issue_desk, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self.statusBar().showMessage(self.tr("Limits saved."), 6_000))
        dialog.open()
        return dialog

    def review_desk(self) -> ReviewDesk:
        return ReviewDesk(self.session.store, self.session.account.agent, clock=now_utc)

    def open_review(self, first: date | None = None, last: date | None = None, agent: str = "",
                    only: set[str] | None = None, chat: str = "") -> ReviewWindow:
        window = ReviewWindow(self.review_desk(), self, first=first, last=last, agent=agent, only=only,
                              focus_chat=chat)
        self.tools.adopt(window)
        window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        window.show()
        return window

    def open_kpis(self) -> QWidget:
        from app.ui.kpi_window import KpiWindow  # QtCharts loads when the dashboard first opens, not at start

        window = KpiWindow(self.review_desk(), lambda first, last, agent, only: self.open_review(
            first, last, agent, only), self)
        self.tools.adopt(window)
        window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        window.show()
        return window

    def open_search(self) -> SearchWindow:
        def transcript(conversation_id: str) -> ReviewWindow:
            messages = self.session.store.messages(conversation_id, limit=1)
            day = messages[0].sent_at.astimezone().date() if messages else None
            return self.open_review(day, day, chat=conversation_id)

        def open_chat(conversation_id: str) -> object:  # Enter: a buyer still in the queue is answered here
            return self.show_chat(conversation_id) or transcript(conversation_id)

        window = self.tools.adopt(SearchWindow(self.session.store, open_chat, self, open_transcript=transcript))
        window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        window.show()
        return window

    def open_robot(self) -> RobotDialog:
        dialog = self.tools.adopt(RobotDialog(self.session.robot, self.session.account.agent, self))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self.statusBar().showMessage(
            self.tr("Robot settings saved: the robot is on.") if self.session.robot.settings.enabled
            else self.tr("Robot settings saved: the robot is off."), 6_000))
        dialog.open()
        return dialog

    def open_clipboard_settings(self) -> ClipboardDialog:
        # the running palette's own history, so a change applies at once; otherwise one just for the settings
        dialog = self.tools.adopt(ClipboardDialog(self.clips or ClipHistory(self.session.store, clock=now_utc), self))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self.statusBar().showMessage(self.tr("Clipboard history settings saved."),
                                                                     6_000))
        dialog.open()
        return dialog

    def open_word_lists(self) -> WordListsDialog:
        dialog = self.tools.adopt(WordListsDialog(self.session, self.queue_model.set_angry_words, self))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def open_robot_review(self) -> RobotReviewDialog:
        dialog = self.tools.adopt(RobotReviewDialog(self.session.robot, self))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def open_reports(self) -> ReportDialog:
        dialog = self.tools.adopt(ReportDialog(self.session.store, self.session.account.agent, self))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def open_issue_list(self) -> IssueListWindow:
        """Every issue on the desk with filters, in its own window; one instance."""
        if self._issue_list is None:
            self._issue_list = IssueListWindow(
                self.issue_desk, self, details=lambda issue: self._details_of(issue, self._issue_list),
                record=lambda issue, kind: self.record_on(issue, kind, self._issue_list))
            self.tools.adopt(self._issue_list)
            self._issue_list.setModal(False)
        self._issue_list.show()
        self._issue_list.raise_()
        self._issue_list.activateWindow()
        self._issue_list.refresh()
        return self._issue_list

    def _details_of(self, issue: IssueRecord, parent: QWidget | None = None) -> IssueDetails:
        if parent is None:
            parent = self._worklist if self._worklist is not None and self._worklist.isVisible() else self
        dialog = IssueDetails(self.issue_desk, issue, self._image_bytes, parent, self.session.fetch_parcel)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda _result: (self._refresh_issues(), self._refresh_trouble()))
        if self._issue_list is not None and parent is self._issue_list:  # a state changed there shows at once
            dialog.finished.connect(lambda _result: self._issue_list and self._issue_list.refresh())
        dialog.open()
        return dialog

    def choose_action(self) -> None:
        if self.buyer.current_issue() is None:
            self.record_action("")  # says what to do first
            return
        list_view = self.buyer.issues
        rect = list_view.visualItemRect(list_view.currentItem())
        self.action_kinds.popup(list_view.viewport().mapToGlobal(rect.bottomLeft()))

    def record_action(self, kind: str) -> ActionDialog | None:
        issue = self.buyer.current_issue()
        if issue is None:
            self.statusBar().showMessage(self.tr("Select an issue in the right pane first (Ctrl+J), or open one "
                                                 "with Ctrl+N."), 8_000)
            return None
        return self.record_on(issue, kind)

    def record_on(self, issue: IssueRecord, kind: str, parent: QWidget | None = None) -> ActionDialog:
        """The action form for any issue (the buyer's, or one chosen in the issue list)."""
        dialog = ActionDialog(self.issue_desk, issue, kind, parent or self, approve=self.approvals.ask)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._action_saved(dialog.outcome))
        dialog.open()
        return dialog

    def _action_saved(self, outcome: Outcome | None = None) -> None:
        self._refresh_issues()
        self._refresh_trouble()
        if self._issue_list is not None and self._issue_list.isVisible():
            self._issue_list.refresh()
        self.approvals.saved(outcome)  # recorded, or waiting for a supervisor's approval

    def _image_bytes(self, image_id: str) -> bytes | None:
        try:
            return self.session.store.images.read(image_id)
        except (ImageError, OSError):
            return None

    def open_cheat_sheet(self) -> CheatSheet:
        sheet = self.tools.adopt(CheatSheet(self))
        sheet.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        sheet.open()
        return sheet

    def open_key_settings(self) -> KeySettingsDialog:
        dialog = self.tools.adopt(KeySettingsDialog(self))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self.statusBar().showMessage(self.tr("Shortcuts saved and in force."), 6_000))
        dialog.open()
        return dialog

    def _about(self) -> None:
        QMessageBox.about(self, self.tr("About KefuDesk"),
                          self.tr("KefuDesk (客服台): one window for a shop's customer service."))

    # --- the desk's news -------------------------------------------------------------------------

    def current_chat(self) -> ConversationSummary | None:
        return self.queue_model.chat_at(self.queue_view.currentIndex().row())

    def _on_current_changed(self, current: QModelIndex, previous: QModelIndex) -> None:
        if self.floor.holding:  # a reply or a close moves rows: the desk opens the next chat after it
            return
        chat = self.queue_model.chat_at(current.row())
        if chat is None or chat.id == self.conversation.conversation_id:
            return
        store = self.session.store
        self.conversation.open_chat(chat, store.messages(chat.id, limit=HISTORY_PAGE), store.draft(chat.id))
        self.buyer.show_chat(chat)
        self._refresh_issues()
        self._refresh_suggestions()
        self.session.request_orders(chat.buyer_id)
        if chat.unread:
            self.session.mark_read(chat.id)

    def _on_conversation(self, chat: ConversationSummary) -> None:
        self._ring(self.alerts.on_chat(chat, self.queue_model.clock()))
        self.queue_model.upsert(chat)
        if chat.id == self.conversation.conversation_id and chat.unread and self.isActiveWindow():
            self.session.mark_read(chat.id)
        if not self.queue_view.currentIndex().isValid() and self.queue_model.rowCount():
            self.select_row(0)
        self._update_title()

    def _on_message(self, message: MessageRecord) -> None:
        self.conversation.model.upsert(message)
        if message.direction == "in" and message.conversation_id == self.conversation.conversation_id:
            self._refresh_suggestions()
        self._update_outbox()

    def _on_orders(self, buyer_id: str, orders: list[schema.Order]) -> None:
        self.buyer.show_orders(buyer_id, orders)

    def show_read_only(self, why: str) -> None:
        """The store can only be read (a read-only folder or disk): the desk shows what it has and does not go
        online, so buyers' messages wait at the shop instead of arriving where they cannot be kept."""
        self.session.read_only = True
        self.conversation.composer.setReadOnly(True)
        self.conversation.composer.setPlaceholderText(self.tr("Read-only: replies cannot be saved here; answer in "
                                                              "the shop's own client until the store can be written"))
        self.connection_label.setText(self.tr("● read-only"))
        self.connection_label.setStyleSheet("color: #F56C6C")
        self.connection_label.setToolTip(why)
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("KefuDesk can only read its store"), self.tr(
            "KefuDesk shows what it has, but cannot save anything and stays offline: new messages wait at the "
            "shop until it can.\n\n%1").replace("%1", why), QMessageBox.StandardButton.Ok, self)
        box.setObjectName("readOnlyNotice")
        box.open()

    def _on_connection(self, online: bool, detail: str) -> None:
        self.online = online
        if online:
            self.queue_model.set_me(self.session.me)  # known after the first login
            self.connection_label.setText(self.tr("● online"))
            self.connection_label.setStyleSheet("color: #67C23A")
            if self.statusBar().currentMessage() == self._connection_message:
                self.statusBar().clearMessage()  # "connecting…" or the drop's reason no longer holds
        else:
            self.connection_label.setText(self.tr("● offline"))
            self.connection_label.setStyleSheet("color: #F56C6C")
            if detail:
                self._connection_message = say(detail)  # a Reason when the store stopped it (a full disk)
                self.statusBar().showMessage(self._connection_message, 10_000)
        self._update_title()
        self._update_outbox()

    def _view_label(self, view: str) -> str:
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

    def _refresh_trouble(self) -> None:
        """Chats of buyers with an open issue are marked in the queue (and shown under Urgent), and get no
        suggestion not for complaints."""
        self.queue_model.set_in_trouble(self.issue_desk.repo.buyers_with_open_issues(OPEN_STATES))
        self._refresh_suggestions()

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

    def _alert_tick(self) -> None:
        self._ring(self.alerts.on_tick(self.queue_model.open_chats(), self.queue_model.clock()))

    def _ring(self, kind: str) -> None:
        """One sound (throttled by the desk's Alerts) and the taskbar's attention; the unread state is untouched."""
        if not kind:
            return
        self.alerts_rung.append(kind)
        QApplication.beep()
        QApplication.alert(self)
        if self.tray is not None and not self.isActiveWindow():
            self.tray.showMessage(self.tr("KefuDesk"), self.tr("A new chat") if kind == "new" else
                                  self.tr("A buyer has waited over 40 s"), QSystemTrayIcon.MessageIcon.Information,
                                  3_000)

    def toggle_mute(self) -> None:
        self.alerts.muted = not self.alerts.muted
        self.mute_label.setText(self.tr("Sounds muted (Ctrl+M)") if self.alerts.muted else "")
        self.statusBar().showMessage(self.tr("Sounds off: unread chats stay marked.") if self.alerts.muted else
                                     self.tr("Sounds on."), 5_000)

    def toggle_mute_chat(self) -> None:
        chat = self.current_chat()
        if chat is None:
            return
        muted = self.alerts.toggle_chat(chat.id)
        self.statusBar().showMessage((self.tr("%1 muted: no sound for this chat.") if muted else
                                      self.tr("%1: sounds on again.")).replace("%1", isolated(chat.buyer_nick)), 5_000)

    def toggle_suspended(self) -> None:
        self.set_agent_status("online" if self.session.agent_status == "suspended" else "suspended")

    def toggle_offline(self) -> None:
        self.set_agent_status("online" if self.session.agent_status == "offline" else "offline")

    def set_agent_status(self, status: str) -> None:
        self.session.set_agent_status(status)
        self._show_agent_status()
        self._update_title()
        note = {"online": self.tr("Online: new chats come to you."),
                "suspended": self.tr("Suspended (挂起): no new chats; answer the ones you have. F9 resumes."),
                "offline": self.tr("Offline: no new chats. Shift+F9 goes online again.")}[status]
        self.statusBar().showMessage(note, 8_000)

    def _show_agent_status(self) -> None:
        status = self.session.agent_status
        self.status_button.setText({"online": self.tr("Taking chats"), "suspended": self.tr("Suspended (F9)"),
                                    "offline": self.tr("Offline")}[status])
        # an icon, not a symbol character: ⏸ (U+23F8) is in none of DejaVu, Noto CJK or WenQuanYi and was drawn as a box
        pixmap = {"online": QStyle.StandardPixmap.SP_MediaPlay, "suspended": QStyle.StandardPixmap.SP_MediaPause,
                  "offline": QStyle.StandardPixmap.SP_MediaStop}[status]
        self.status_button.setIcon(self.style().standardIcon(pixmap))
        self.status_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.status_button.setToolTip(self.tr("Your status for new chats: F9 suspends or resumes, Shift+F9 goes "
                                              "offline or online"))
        colour = {"online": "#1E8449", "suspended": "#B9770E", "offline": "#707070"}[status]
        self.status_button.setStyleSheet(f"color: {colour}; font-weight: bold")

    def _failed_reply(self) -> MessageRecord | None:
        chat = self.current_chat()
        failed = self.session.last_failed(chat.id) if chat else None
        if failed is None:
            self.statusBar().showMessage(self.tr("No reply of this chat waits to be resent."), 5_000)
        return failed

    def resend_failed(self) -> None:
        failed = self._failed_reply()
        try:
            again = self.session.resend(failed) if failed is not None else None
        except UnfilledBlank as blank:
            self.statusBar().showMessage(self.tr("%1 — Shift+F5 brings the reply back to fill it in.")
                                         .replace("%1", say(blank.args[0])), 15_000)
            return
        if again is not None:
            self.statusBar().showMessage(self.tr("Sending the reply again."), 5_000)

    def edit_failed(self) -> None:
        """The refused reply back in the reply box (it stays in the history, withdrawn); only into an empty
        box, so no draft is overwritten."""
        failed = self._failed_reply()
        if failed is None:
            return
        composer = self.conversation.composer
        if composer.toPlainText().strip():
            self.statusBar().showMessage(self.tr("The reply box is not empty: send or clear it first, then "
                                                 "Shift+F5 brings the reply back."), 8_000)
            return
        if self.session.take_back(failed) is not None:
            composer.setPlainText(marked_as_blanks(failed.text))  # its 【订单号】 is a blank to fill, not text
            if failed.image:
                self.conversation.attach(failed.image, self.tr("picture of the reply"))
            composer.moveCursor(composer.textCursor().MoveOperation.End)
            composer.setFocus()

    def transfer_chat(self) -> TransferDialog | None:
        chat = self.current_chat()
        if chat is None:
            self.statusBar().showMessage(self.tr("Open a chat first, then Ctrl+T transfers it."), 6_000)
            return None
        dialog = TransferDialog(self.session, chat, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self.statusBar().showMessage(
            self.tr("%1 transferred to %2.").replace("%1", isolated(chat.buyer_nick))
            .replace("%2", dialog.colleague_name()),
            8_000))
        dialog.open()
        return dialog

    def _on_transfer(self, chat: ConversationSummary, transfer: schema.Transfer, to_me: bool) -> None:
        if not to_me:
            return
        giver = self.session.colleagues.get(transfer.from_agent)
        text = self.tr("%1 transferred %2 to you.").replace("%1", giver.name if giver else transfer.from_agent) \
            .replace("%2", isolated(chat.buyer_nick))
        if transfer.note:
            text += " " + self.tr("Note: %1").replace("%1", transfer.note)
        self.statusBar().showMessage(text, 30_000)

    def _on_problem(self, text: object) -> None:
        self.statusBar().showMessage(say(text) if isinstance(text, str) else str(text), 15_000)

    def _send(self, conversation_id: str, text: str, image: str = "", override: str = "") -> None:
        repeat_ok = self._repeat_armed == (conversation_id, text.strip())  # Enter pressed again after the warning
        self._repeat_armed = None
        try:
            with self.floor.answering(conversation_id):
                record = self.session.send_reply(conversation_id, text, image, override=override,
                                                 repeat_ok=repeat_ok)
        except SendBlocked as blocked:
            self.conversation.mark_words([(h.start, h.end) for h in blocked.hits])
            self.statusBar().showMessage(self.tr("%1 — change it, or Ctrl+Shift+Return sends it anyway (written to "
                                                 "the audit log).").replace("%1", say(blocked.args[0])), 15_000)
            return
        except UnfilledBlank as blank:
            self.firing.refused(blank, text)
            return
        except RepeatedReply as repeated:
            self._repeat_armed = (conversation_id, text.strip())
            self.statusBar().showMessage(self.tr("%1 — press Enter again to send it anyway.")
                                         .replace("%1", say(repeated.args[0])), 10_000)
            return
        except ReplyNotSaved as exc:
            self.statusBar().showMessage(say(exc.args[0]), 15_000)
            return
        except ValueError as exc:
            self.statusBar().showMessage(str(exc), 8_000)
            return
        self.conversation.model.upsert(record)  # in the chat at once, marked "sending…" until the shop has it
        self.conversation.reply_committed(conversation_id)
        self._update_outbox()
        self.floor.moved_on(conversation_id)  # on to the next buyer (setting queue.after_reply)

    def send_anyway(self) -> QInputDialog | None:
        """The agent overrides the send guard: asked why, and the answer goes to the audit log with the words."""
        cid, text = self.conversation.conversation_id, self.conversation.composer.toPlainText()
        if not cid or not self.session.guard.check(text):
            self.conversation.send_current()
            return None
        dialog = QInputDialog(self)
        dialog.setWindowTitle(self.tr("Send anyway"))
        dialog.setLabelText(self.tr("The reply contains words the guard blocks. Why must it go out as it is? "
                                    "(kept in the audit log for the supervisor)"))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        image = self.conversation.attachment()
        dialog.textValueSelected.connect(lambda why: self._send(cid, text, image, override=why or "-"))
        dialog.open()
        return dialog

    def _update_outbox(self) -> None:
        pending = self.session.pending_count
        self.outbox_label.setText(self.tr("%n reply(s) waiting to be sent", "", pending) if pending else "")

    def _update_title(self) -> None:
        # connected, the title says what the shop was told: 挂起 is not 在线 to anyone glancing at the taskbar
        status = self.session.agent_status if self.online else "offline"
        state = {"online": self.tr("online"), "suspended": self.tr("suspended"), "offline": self.tr("offline")}[status]
        shop = self.tr("%1 — demo shop").replace("%1", self.shop_name) if self.demo else self.shop_name
        unread = self.queue_model.unread_total()
        prefix = f"({unread}) " if unread else ""
        app_name = self.tr("KefuDesk")
        if self.tray is not None:
            self.tray.setToolTip(self.tr("KefuDesk — %n unread", "", unread))
        self.setWindowTitle(f"{prefix}{app_name} — {shop} — {state}")
        mode = self.tr("Demo shop (simulated buyers)") if self.demo else self.tr("Shop")
        self.mode_label.setText(f"{mode}: {self.shop_name}")

    # --- life cycle ------------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            QTimer.singleShot(0, self, self.sig_first_paint.emit)
            # pinyin tables and suggestions load while the agent looks at the queue, not on their first Ctrl+K
            threading.Thread(target=self.phrases.warm, name="phrase-warm", daemon=True).start()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        if not self.quit_guard.may_close(event):  # buyers wait: asked, or kept running in the tray
            return
        self.conversation.flush_draft()
        self._tick.stop()
        super().closeEvent(event)
