"""Order issues from the desk: a new issue from the open chat (Ctrl+N), the buyer's issues in the right pane, an
action recorded on one (Ctrl+Shift+I, or an approval when it is over the agent's limit), its details, and the two
issue windows kept open beside the chats (all issues, the problem-order worklist); a buyer with an open issue is
marked in the queue."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QMenu, QWidget

from app.store.issues import IssueFilter
from app.store.records import IssueRecord

from app.desk.action_fields import ACTION_FIELDS
from app.desk.issues import OPEN_STATES, Outcome

from app.ui.issue_dialogs.action import ActionDialog
from app.ui.issue_dialogs.details import IssueDetails
from app.ui.issue_dialogs.new_issue import NewIssueDialog
from app.ui.issue_list import IssueListWindow
from app.ui.keys.keymap import SHORTCUTS
from app.ui.labels import label as issue_label
from app.ui.models.message_model import MessageRole
from app.ui.worklist import WorklistWindow

if TYPE_CHECKING:
    from app.ui.main_window import MainWindow


class IssueActions(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.worklist: WorklistWindow | None = None
        self.issue_list: IssueListWindow | None = None
        self.action_kinds = QMenu(window)  # refund, reship, return…: ↑/↓ and Enter, or the digit shown
        for number, kind in enumerate(ACTION_FIELDS, start=1):
            action = self.action_kinds.addAction(f"&{number % 10} {issue_label(kind)}" if number <= 10
                                                 else issue_label(kind))
            action.triggered.connect(lambda _checked=False, k=kind: self.record_action(k))
        window.buyer.issues.itemActivated.connect(lambda _item: self.issue_details())  # Enter or double-click

    def say(self, text: str, ms: int) -> None:
        self.window.statusBar().showMessage(text, ms)

    def new_issue(self) -> NewIssueDialog:
        """From the open chat: buyer, their orders and the selected messages prefilled. With no chat (companion
        mode) the agent types or pastes the order no. or the buyer's nick."""
        window = self.window
        chat = window.current_chat()
        orders = [o.no for o in window.buyer.model.orders()] if chat else []
        evidence: list[int] = []
        if chat is not None:
            rows = window.conversation.history.selectionModel().selectedRows()
            evidence = sorted(index.data(MessageRole).id for index in rows)
        dialog = NewIssueDialog(window.issue_desk, buyer_nick=chat.buyer_nick if chat else "",
                                buyer_id=chat.buyer_id if chat else "", conversation_id=chat.id if chat else "",
                                orders=orders, evidence=evidence, parent=window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self.issue_saved(dialog.created))
        dialog.open()
        return dialog

    def issue_saved(self, issue: IssueRecord | None) -> None:
        self.refresh_issues()
        self.refresh_trouble()
        if issue is None:
            return
        self.say(self.tr("Issue #%1 opened.").replace("%1", str(issue.id)), 5_000)
        issue_desk = self.window.issue_desk
        cluster = issue_desk.cluster_around(issue)
        if cluster is not None:
            issue_desk.raise_cluster_alert(cluster)
            self.say(self.tr("%1 issues of this kind on “%2” within a day: probably a defect or a wrong label — tell "
                             "the supervisor.").replace("%1", str(len(cluster.issues))).replace("%2", cluster.item),
                     20_000)

    def refresh_issues(self) -> None:
        window = self.window
        chat = window.current_chat()
        if chat is None or not chat.buyer_id:
            window.buyer.show_issues([])
            return
        found = window.issue_desk.issues(IssueFilter(buyer_id=chat.buyer_id, limit=50))
        window.buyer.show_issues(sorted(found, key=lambda i: (i.state not in OPEN_STATES, -i.id)))

    def refresh_trouble(self) -> None:
        """Chats of buyers with an open issue are marked in the queue (and shown under Urgent), and get no
        suggestion not for complaints."""
        window = self.window
        window.queue_model.set_in_trouble(window.issue_desk.repo.buyers_with_open_issues(OPEN_STATES))
        window.firing.refresh_suggestions()

    def issue_details(self) -> IssueDetails | None:
        issue = self.window.buyer.current_issue()
        if issue is None:
            self.record_action("")  # says what to do first
            return None
        return self.details_of(issue, self.window)

    def details_of(self, issue: IssueRecord, parent: QWidget | None = None) -> IssueDetails:
        window = self.window
        if parent is None:
            parent = self.worklist if self.worklist is not None and self.worklist.isVisible() else window
        dialog = IssueDetails(window.issue_desk, issue, window.image_bytes, parent, window.session.fetch_parcel)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda _result: (self.refresh_issues(), self.refresh_trouble()))
        if self.issue_list is not None and parent is self.issue_list:  # a state changed there shows at once
            dialog.finished.connect(lambda _result: self.issue_list and self.issue_list.refresh())
        dialog.open()
        return dialog

    def choose_action(self) -> None:
        if self.window.buyer.current_issue() is None:
            self.record_action("")  # says what to do first
            return
        list_view = self.window.buyer.issues
        rect = list_view.visualItemRect(list_view.currentItem())
        self.action_kinds.popup(list_view.viewport().mapToGlobal(rect.bottomLeft()))

    def record_action(self, kind: str) -> ActionDialog | None:
        issue = self.window.buyer.current_issue()
        if issue is None:
            self.say(self.tr("Select an issue in the right pane first (%1), or open one with %2.")
                     .replace("%1", SHORTCUTS.shown("desk.buyer_issues")).replace("%2", SHORTCUTS.shown("desk.new_issue")),
                     8_000)
            return None
        return self.record_on(issue, kind)

    def record_on(self, issue: IssueRecord, kind: str, parent: QWidget | None = None) -> ActionDialog:
        """The action form for any issue (the buyer's, or one chosen in the issue list)."""
        window = self.window
        dialog = ActionDialog(window.issue_desk, issue, kind, parent or window, approve=window.approvals.ask)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._action_saved(dialog.outcome))
        dialog.open()
        return dialog

    def _action_saved(self, outcome: Outcome | None = None) -> None:
        self.refresh_issues()
        self.refresh_trouble()
        if self.issue_list is not None and self.issue_list.isVisible():
            self.issue_list.refresh()
        self.window.approvals.saved(outcome)  # recorded, or waiting for a supervisor's approval

    # --- the issue windows beside the chats ------------------------------------------------------------

    def open_worklist(self) -> WorklistWindow:
        """The in-sale worklist in its own window, kept open beside the chats; one instance."""
        window = self.window
        if self.worklist is None:
            self.worklist = WorklistWindow(window.issue_desk, window, fetch=window.session.fetch_problem_orders,
                                           details=self.details_of)
            window.tools.adopt(self.worklist)
            self.worklist.setModal(False)
        self.worklist.show()
        self.worklist.raise_()
        self.worklist.activateWindow()
        self.worklist.refresh()
        return self.worklist

    def open_issue_list(self) -> IssueListWindow:
        """Every issue on the desk with filters, in its own window; one instance."""
        window = self.window
        if self.issue_list is None:
            self.issue_list = IssueListWindow(
                window.issue_desk, window, details=lambda issue: self.details_of(issue, self.issue_list),
                record=lambda issue, kind: self.record_on(issue, kind, self.issue_list))
            window.tools.adopt(self.issue_list)
            self.issue_list.setModal(False)
        self.issue_list.show()
        self.issue_list.raise_()
        self.issue_list.activateWindow()
        self.issue_list.refresh()
        return self.issue_list
