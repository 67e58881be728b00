"""Every issue on the desk in one list (the floor's Excel sheet, replaced): open / mine / due / closed / all as
tabs, stage and category filters and a search over order no., buyer and note; overdue follow-ups in red. Enter
opens the details, Ctrl+R records an action on the selected issue. Read off the GUI thread."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import (
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
)
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QTabBar,
    QVBoxLayout,
    QWidget,
)

from app.store.issues import IssueFilter
from app.store.records import IssueRecord

from app.desk.action_fields import ACTION_FIELDS
from app.desk.issues import CATEGORIES, OPEN_STATES, STAGES, STATES, IssueDesk

from app.ui.background import Latest
from app.ui.keys.keymap import SHORTCUTS
from app.ui.labels import label
from app.ui.models.issue_table import IssueTable
from app.ui.record_view import record_view

Index = QModelIndex | QPersistentModelIndex
SHOWN = 500  # rows at most; the status line says when there are more (narrow the filter)
VIEWS = ("open", "mine", "due", "closed", "all")


class IssueListWindow(QDialog):
    """Non-modal, one instance, kept beside the chats (or beside the marketplace's own client)."""

    def __init__(self, desk: IssueDesk, parent: QWidget | None = None,
                 details: Callable[[IssueRecord], object] | None = None,
                 record: Callable[[IssueRecord, str], object] | None = None) -> None:
        super().__init__(parent)
        self.desk, self.details, self.record = desk, details, record
        self.setWindowTitle(self.tr("All issues"))
        self.views = QTabBar()
        self.views.setObjectName("issueViews")
        for view in VIEWS:
            self.views.addTab(self.view_label(view))
            self.views.setTabData(self.views.count() - 1, view)
        self.views.currentChanged.connect(self.refresh)
        self.stage = QComboBox()
        self.stage.setObjectName("issueStage")
        self.stage.addItem(self.tr("All stages"), "")
        for stage in STAGES:
            self.stage.addItem(label(stage), stage)
        self.stage.currentIndexChanged.connect(self._stage_changed)
        self.category = QComboBox()
        self.category.setObjectName("issueCategory")
        self.search = QLineEdit()
        self.search.setObjectName("issueSearch")
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(self.tr("Order no., buyer or note (Ctrl+F)"))
        self._typing = QTimer(self, singleShot=True, interval=250)  # one query when the agent stops typing
        self._typing.timeout.connect(self.refresh)
        self.search.textChanged.connect(lambda _text: self._typing.start())
        self.model = IssueTable(self)
        self.table = record_view(self.model, "issueTable", stretch_last=True)
        self.table.setAccessibleName(self.tr("Issues"))
        self.table.doubleClicked.connect(lambda _index: self.open_details())
        self.status = QLabel()
        self.status.setObjectName("issueStatus")
        filters = QHBoxLayout()
        filters.addWidget(self.views, 1)
        filters.addWidget(self.stage)
        filters.addWidget(self.category)
        filters.addWidget(self.search, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status)
        self.reading = Latest(self)  # a slower earlier query must not overwrite a later one
        self._stage_changed()
        self._actions()
        self.resize(1150, 600)

    @staticmethod
    def view_label(view: str) -> str:
        return {"open": QCoreApplication.translate("IssueListWindow", "Open"),
                "mine": QCoreApplication.translate("IssueListWindow", "Mine"),
                "due": QCoreApplication.translate("IssueListWindow", "Due now"),
                "closed": QCoreApplication.translate("IssueListWindow", "Closed"),
                "all": QCoreApplication.translate("IssueListWindow", "All")}[view]

    def _actions(self) -> None:
        focus = Qt.FocusReason.ShortcutFocusReason
        slots: dict[str, Callable[[], object]] = {
            "issues.search": lambda: self.search.setFocus(focus), "issues.details": self.open_details,
            "issues.record": self.choose_action, "issues.refresh": self.refresh,
            "issues.stage": lambda: self.stage.setFocus(focus), "issues.category": lambda: self.category.setFocus(focus),
            "issues.list": lambda: self.table.setFocus(focus)}
        for number in range(1, len(VIEWS) + 1):
            slots[f"issues.view_{number}"] = lambda n=number: self.views.setCurrentIndex(n - 1)
        SHORTCUTS.add_actions(self, slots)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        keys = SHORTCUTS.hint_label("issues")
        keys.setObjectName("issueKeys")
        self.layout().addWidget(keys)

    def _stage_changed(self) -> None:
        stage = self.stage.currentData() or ""
        self.category.blockSignals(True)
        self.category.clear()
        self.category.addItem(self.tr("All categories"), "")
        for category in (CATEGORIES[stage] if stage else [c for s in STAGES for c in CATEGORIES[s]]):
            self.category.addItem(label(category), category)
        self.category.blockSignals(False)
        self.category.currentIndexChanged.connect(self.refresh, Qt.ConnectionType.UniqueConnection)
        self.refresh()

    def where(self) -> IssueFilter:
        view = self.views.tabData(self.views.currentIndex()) or "open"
        now = self.desk.clock()
        states: tuple[str, ...] = {"open": OPEN_STATES, "mine": OPEN_STATES, "due": OPEN_STATES,
                                   "closed": tuple(s for s in STATES if s not in OPEN_STATES), "all": ()}[view]
        return IssueFilter(states=states, stage=self.stage.currentData() or "",
                           category=self.category.currentData() or "", owner=self.desk.agent if view == "mine" else "",
                           due_before=now if view == "due" else None, text=self.search.text().strip(),
                           limit=SHOWN + 1)

    def refresh(self) -> None:
        where, desk = self.where(), self.desk
        self.status.setText(self.tr("Loading…"))
        self.reading.ask(lambda: (desk.issues(where), desk.clock()), self._loaded)

    def _loaded(self, result: object) -> None:
        if isinstance(result, BaseException):
            self.status.setText(self.tr("Cannot read the issues: %1").replace("%1", str(result)))
            return
        assert isinstance(result, tuple)
        issues, now = result
        current = self.current()
        more = len(issues) > SHOWN
        self.model.set_rows(issues[:SHOWN], now)
        row = next((r for r, i in enumerate(self.model.issues) if current and i.id == current.id), 0)
        if self.model.issues:
            self.table.selectRow(row)
        late = sum(1 for i in self.model.issues if self.model.overdue(i))
        text = self.tr("%n issue(s)", "", len(self.model.issues))
        if late:
            text += " · " + self.tr("%n follow-up(s) due", "", late)
        if more:
            text += " · " + self.tr("only the first %1 are shown: narrow the filter").replace("%1", str(SHOWN))
        self.status.setText(text)

    def current(self) -> IssueRecord | None:
        index = self.table.currentIndex()
        return self.model.row_at(index)

    def open_details(self) -> None:
        issue = self.current()
        if issue is None:
            self.status.setText(self.tr("Select an issue first."))
        elif self.details is not None:
            self.details(issue)

    def choose_action(self) -> QMenu | None:
        issue = self.current()
        if issue is None or self.record is None:
            self.status.setText(self.tr("Select an issue first."))
            return None
        menu = QMenu(self)
        for number, kind in enumerate(ACTION_FIELDS, start=1):
            action = menu.addAction(f"&{number % 10} {label(kind)}" if number <= 10 else label(kind))
            action.triggered.connect(lambda _checked=False, k=kind: self.record(issue, k))  # type: ignore[misc]
        rect = self.table.visualRect(self.table.currentIndex())
        menu.popup(self.table.viewport().mapToGlobal(rect.bottomLeft()))
        return menu
