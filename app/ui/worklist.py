"""The in-sale worklist (问题订单): every open problem order with its step — message the buyer, wait, phone, follow
up — most urgent first, overdue ones in red; the buyer's number one keystroke from the clipboard; each attempt
logged from the keyboard. The back-end's list is imported here (read off the GUI thread, previewed, written in
one go), or fetched from the gateway when the desk is connected."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabBar,
    QVBoxLayout,
    QWidget,
)

from app.store.records import IssueRecord

from app.desk.issues import CATEGORIES, IssueDesk
from app.desk.problem_orders import ProblemPlan, plan_file, run_plan
from app.desk.worklist import STEPS, WorkItem, counts, worklist

from app.ui.background import Latest
from app.ui.issue_dialogs.action import ActionDialog
from app.ui.keys.keymap import SHORTCUTS
from app.ui.labels import label, say
from app.ui.models.work_model import WorkModel, step_label
from app.ui.record_view import record_view
from app.ui.sheet_import import Preview, SheetImportDialog, file_format, read_sheet

from app import domain

Index = QModelIndex | QPersistentModelIndex


class WorklistWindow(QDialog):
    """Non-modal: the in-sale agent keeps it open beside the chats (or beside the marketplace's client)."""

    def __init__(self, desk: IssueDesk, parent: QWidget | None = None,
                 fetch: Callable[[], list[domain.ProblemOrder]] | None = None,
                 details: Callable[[IssueRecord], object] | None = None) -> None:
        super().__init__(parent)
        self.desk, self.fetch, self.details = desk, fetch, details
        self.setWindowTitle(self.tr("Problem orders — worklist"))
        self.all_items: list[WorkItem] = []
        self.now = domain.now_utc()
        self.steps = QTabBar()
        self.steps.setObjectName("worklistSteps")
        for step in ("", *STEPS):
            self.steps.addTab(step_label(step) if step else self.tr("All"))
            self.steps.setTabData(self.steps.count() - 1, step)
        self.steps.currentChanged.connect(self._show)
        self.category = QComboBox()
        self.category.setObjectName("worklistCategory")
        self.category.currentIndexChanged.connect(self._show)
        self.model = WorkModel(self)
        self.table = record_view(self.model, "worklistTable", stretch_last=True)
        self.table.setAccessibleName(self.tr("Problem orders"))
        self.table.doubleClicked.connect(lambda _index: self.open_details())
        self.phone = QLabel()
        self.phone.setObjectName("worklistPhone")
        big = self.phone.font()
        big.setPointSizeF(big.pointSizeF() * 1.6)
        big.setBold(True)
        self.phone.setFont(big)
        self.phone.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.copy_button = QPushButton(self.tr("&Copy number (Ctrl+Shift+C)"))
        self.copy_button.clicked.connect(self.copy_phone)
        self.status = QLabel()
        self.status.setObjectName("worklistStatus")
        self.status.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(self.steps, 1)
        category_caption = QLabel(self.tr("Category:"))
        category_caption.setBuddy(self.category)
        top.addWidget(category_caption)
        top.addWidget(self.category)
        call = QHBoxLayout()
        call.addWidget(self.phone, 1)
        call.addWidget(self.copy_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addLayout(call)
        layout.addWidget(self.status)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._show_phone())
        self._actions()
        self.resize(1100, 600)
        self.reading = Latest(self)  # an earlier, slower load must not overwrite a later one with an older list
        self.refresh()

    def _actions(self) -> None:
        slots: dict[str, Callable[[], object]] = {
            "worklist.message": lambda: self.log("message"), "worklist.call": lambda: self.log("phone"),
            "worklist.copy_phone": self.copy_phone, "worklist.import": self.choose_file,
            "worklist.fetch": self.fetch_list, "worklist.refresh": self.refresh, "worklist.details": self.open_details}
        for number in range(len(STEPS) + 1):
            slots[f"worklist.step_{number}"] = lambda n=number: self.steps.setCurrentIndex(n)
        actions = SHORTCUTS.add_actions(self, slots)
        self.action_message, self.action_call = actions["worklist.message"], actions["worklist.call"]
        self.action_copy, self.action_import = actions["worklist.copy_phone"], actions["worklist.import"]
        self.action_fetch, self.action_refresh = actions["worklist.fetch"], actions["worklist.refresh"]
        self.action_details = actions["worklist.details"]
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.action_fetch.setEnabled(self.fetch is not None)
        keys = SHORTCUTS.hint_label("worklist")
        keys.setObjectName("worklistKeys")
        self.layout().addWidget(keys)

    # --- the list -----------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Recompute the worklist off the GUI thread (contact attempts, phones and buyers' answers are read)."""
        desk = self.desk
        self.status.setText(self.tr("Loading…"))
        self.reading.ask(lambda: (worklist(desk), desk.clock()), self._loaded)

    def _loaded(self, result: object) -> None:
        if isinstance(result, BaseException):
            self.status.setText(self.tr("Cannot read the worklist: %1").replace("%1", str(result)))
            return
        assert isinstance(result, tuple)
        self.all_items, self.now = result
        per_step, per_category = counts(self.all_items)
        for index in range(self.steps.count()):
            step = self.steps.tabData(index)
            n = per_step.get(step, 0) if step else len(self.all_items)
            self.steps.setTabText(index, f"{step_label(step) if step else self.tr('All')} ({n})")
        chosen = self.category.currentData() or ""
        self.category.blockSignals(True)
        self.category.clear()
        self.category.addItem(self.tr("All (%1)").replace("%1", str(len(self.all_items))), "")
        for category in CATEGORIES["in_sale"]:
            self.category.addItem(f"{label(category)} ({per_category.get(category, 0)})", category)
        self.category.setCurrentIndex(max(0, self.category.findData(chosen)))
        self.category.blockSignals(False)
        overdue = sum(1 for w in self.all_items if w.overdue(self.now))
        self.status.setText(self.tr("%1 open problem order(s), %2 due now.").replace("%1", str(len(self.all_items)))
                            .replace("%2", str(overdue)))
        self._show()

    def _show(self) -> None:
        step = self.steps.tabData(self.steps.currentIndex()) or ""
        category = self.category.currentData() or ""
        current = self.current()
        shown = [w for w in self.all_items if (not step or w.step == step)
                 and (not category or w.issue.category == category)]
        self.model.set_rows(shown, self.now)
        row = next((r for r, w in enumerate(shown) if current and w.issue.id == current.issue.id), 0)
        if shown:
            self.table.selectRow(row)
        self._show_phone()

    def current(self) -> WorkItem | None:
        index = self.table.currentIndex()
        return self.model.row_at(index)

    def _show_phone(self) -> None:
        item = self.current()
        if item is None:
            self.phone.setText("")
            self.copy_button.setEnabled(False)
            return
        number = item.phone
        self.phone.setText(f"{item.issue.buyer_nick}  {number}" if number else
                           self.tr("%1 — no phone number known (import the order export)")
                           .replace("%1", item.issue.buyer_nick or item.issue.order_no))
        self.copy_button.setEnabled(bool(number))

    # --- doing the work -----------------------------------------------------------------------------

    def copy_phone(self) -> None:
        item = self.current()
        if item is None or not item.phone:
            self.status.setText(self.tr("No number to copy for this problem."))
            return
        QGuiApplication.clipboard().setText(item.phone)
        self.status.setText(self.tr("%1 copied: dial it, then log the call with Ctrl+P.").replace("%1", item.phone))

    def log(self, channel: str) -> ActionDialog | None:
        item = self.current()
        if item is None:
            self.status.setText(self.tr("Select a problem order first."))
            return None
        dialog = ActionDialog(self.desk, item.issue, "contact", self, preset={"channel": channel})
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(self.refresh)
        dialog.open()
        return dialog

    def open_details(self) -> None:
        item = self.current()
        if item is not None and self.details is not None:
            self.details(item.issue)

    # --- importing --------------------------------------------------------------------------------

    def choose_file(self) -> QFileDialog:
        dialog = QFileDialog(self, self.tr("The shop back-end's problem-order list"))
        dialog.setNameFilter(self.tr("Problem-order lists (*.csv *.xlsx)"))
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.fileSelected.connect(lambda name: self.import_file(Path(name)))
        dialog.open()
        return dialog

    def import_file(self, path: Path) -> ProblemImportDialog:
        dialog = ProblemImportDialog(self.desk, path.name, lambda: _plan_path(self.desk, path), str(path), self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(self.refresh)
        dialog.open()
        return dialog

    def fetch_list(self) -> ProblemImportDialog | None:
        if self.fetch is None:
            self.status.setText(self.tr("Not connected to a shop: import the back-end's list instead (Ctrl+I)."))
            return None
        fetch, desk = self.fetch, self.desk
        from app.desk.problem_orders import plan_gateway

        dialog = ProblemImportDialog(desk, self.tr("the shop"), lambda: plan_gateway(desk, fetch()), "gateway", self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(self.refresh)
        dialog.open()
        return dialog


def _plan_path(desk: IssueDesk, path: Path) -> ProblemPlan:
    return plan_file(desk, read_sheet(path, "a problem-order list"), file_format(path))


class ProblemImportDialog(SheetImportDialog):
    """The back-end's list read and checked off the GUI thread: what it adds, refreshes and rejects; written on
    Import."""

    def __init__(self, desk: IssueDesk, name: str, plan: Callable[[], ProblemPlan], source: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(QCoreApplication.translate("ProblemImportDialog", "Import problem orders — %1")
                         .replace("%1", name), name, plan, self._preview,
                         lambda plan: run_plan(desk, plan, source=source), parent)  # type: ignore[arg-type]

    def _preview(self, plan: object) -> Preview:
        assert isinstance(plan, ProblemPlan)
        return Preview(
            self.tr("%1: %2 new, %3 refreshed, %4 already on the worklist, %5 resolved before (not reopened), "
                    "%6 bad line(s).").replace("%1", self.name).replace("%2", str(plan.new))
            .replace("%3", str(plan.refreshed)).replace("%4", str(plan.unchanged))
            .replace("%5", str(plan.resolved_before)).replace("%6", str(len(plan.rejected))),
            [(self.tr("To write (%1)").replace("%1", str(len(plan.rows))),
              [self.tr("Category"), self.tr("Order no."), self.tr("Buyer"), self.tr("Detail")],
              [[label(r.category), r.order_no, r.buyer_nick, r.detail] for r in plan.rows]),
             (self.tr("Bad lines (%1)").replace("%1", str(len(plan.rejected))),
              [self.tr("Line"), self.tr("Why"), self.tr("Source")],
              [[str(r.line), say(r.reason), r.text] for r in plan.rejected])],
            len(plan.rows), len(plan.rejected))
