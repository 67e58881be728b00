"""The floor's daily tables from the desk (the same as `kefudesk report`): pick the table and the day, see it,
save it as XLSX for finance or the warehouse; and for the refund table, read finance's result sheet back and
see each refund matched or what differs. Reading, writing and reconciling run off the GUI thread."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QDate, QStandardPaths, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.files.limits import SHEET_BYTES, read_limited

from app.store.store import Store

from app.desk.reconcile import Mark, reconcile
from app.desk.reports import KINDS, Reports, Table, write_xlsx

from app.ui.background import in_background
from app.ui.keys.keymap import SHORTCUTS
from app.ui.labels import say_error
from app.ui.models.preview_table import PreviewTable

RESULT_COLOURS = {"matched": "#1E8449", "mismatched": "#C0392B", "not_in_sheet": "#B9770E", "not_in_desk": "#B9770E"}


class ReportDialog(QDialog):
    def __init__(self, store: Store, agent: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store, self.agent = store, agent
        self.table: Table | None = None
        self.setWindowTitle(self.tr("Daily tables"))
        self.kind = QComboBox()
        self.kind.setObjectName("reportKind")
        names = {"refunds": self.tr("Refunds (退款信息表), for finance"),
                 "reships": self.tr("Reships (补发表), for the warehouse"),
                 "returns": self.tr("Returns (退件表)"),
                 "complaints": self.tr("Complaints to the warehouse (投诉表)"),
                 "reviews": self.tr("Bad reviews (中差评表)"),
                 "problem-orders": self.tr("Open problem orders (问题订单)")}
        for kind in KINDS:
            self.kind.addItem(names[kind], kind)
        self.day = QDateEdit(QDate.currentDate())
        self.day.setObjectName("reportDay")
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("yyyy-MM-dd")
        self.preview_rows = PreviewTable(parent=self, tooltips=False)
        self.preview = QTableView()
        self.preview.setObjectName("reportPreview")
        self.preview.setAccessibleName(self.tr("Preview"))
        self.preview.setModel(self.preview_rows)
        self.preview.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.preview.verticalHeader().hide()
        self.summary = QLabel()
        self.summary.setObjectName("reportSummary")
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.progress.hide()
        self.save_button = QPushButton(self.tr("&Save as XLSX… (Ctrl+S)"))
        self.save_button.clicked.connect(self.choose_target)
        self.reconcile_button = QPushButton(self.tr("&Reconcile with finance's sheet… (Ctrl+R)"))
        self.reconcile_button.clicked.connect(self.choose_sheet)
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.reject)
        top = QHBoxLayout()
        kind_label = QLabel(self.tr("&Table:"))
        kind_label.setBuddy(self.kind)
        top.addWidget(kind_label)
        top.addWidget(self.kind, 1)
        day_label = QLabel(self.tr("&Day:"))
        day_label.setBuddy(self.day)
        top.addWidget(day_label)
        top.addWidget(self.day)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.reconcile_button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.preview, 1)
        layout.addWidget(self.summary)
        layout.addWidget(self.progress)
        layout.addLayout(buttons)
        SHORTCUTS.add_actions(self, {"reports.save": self.choose_target, "reports.reconcile": self.choose_sheet})
        self.kind.currentIndexChanged.connect(self.load)
        self.day.dateChanged.connect(self.load)
        self.resize(1000, 560)
        self.load()

    def day_text(self) -> str:
        return self.day.date().toString("yyyy-MM-dd")

    # --- the table ------------------------------------------------------------------------------

    def load(self) -> None:
        kind, day, store = self.kind.currentData(), self.day_text(), self.store
        self.table = None
        self.save_button.setEnabled(False)
        self.reconcile_button.setEnabled(kind == "refunds")
        self.progress.show()
        self.summary.setStyleSheet("")
        self.summary.setText(self.tr("Reading…"))
        in_background(lambda: (kind, day, Reports(store).table(kind, day)), self._loaded, self)

    def _loaded(self, result: object) -> None:
        if isinstance(result, BaseException):
            self._problem(self.tr("Cannot make the table: %1").replace("%1", str(result)))
            return
        assert isinstance(result, tuple)
        kind, day, table = result
        if (kind, day) != (self.kind.currentData(), self.day_text()):
            return  # the agent picked another table or day meanwhile: that one is on its way
        self.progress.hide()
        self.table = table
        self._fill(list(table.headers), [[_cell(v) for v in row] for row in table.rows])
        self.summary.setText(self.tr("%1, %2: %n row(s).", "", len(table.rows)).replace("%1", table.name)
                             .replace("%2", day))
        self.save_button.setEnabled(True)

    def _fill(self, headers: list[str], rows: list[list[str]], colours: list[str] | None = None) -> None:
        self.preview_rows.show_rows(headers, rows, colours)
        self.preview.resizeColumnsToContents()
        self.preview.horizontalHeader().setStretchLastSection(True)

    def _problem(self, text: str) -> None:
        self.progress.hide()
        self.summary.setStyleSheet("color: #C0392B")
        self.summary.setText(text)

    # --- saving -------------------------------------------------------------------------------

    def choose_target(self) -> QFileDialog | None:
        if self.table is None:
            return None
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        suggested = Path(folder) / f"{self.table.name}-{self.day_text()}.xlsx"
        dialog = QFileDialog(self, self.tr("Save the table"), str(suggested))
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setNameFilter(self.tr("Excel workbooks (*.xlsx)"))
        dialog.setDefaultSuffix("xlsx")
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.fileSelected.connect(lambda name: self.save(Path(name)))
        dialog.open()
        return dialog

    def save(self, path: Path) -> None:
        table = self.table
        if table is None:
            return
        self.progress.show()
        self.save_button.setEnabled(False)
        in_background(lambda: write_xlsx(table, path), lambda result: self._saved(result, path, len(table.rows)), self)

    def _saved(self, result: object, path: Path, rows: int) -> None:
        self.progress.hide()
        self.save_button.setEnabled(True)
        if isinstance(result, BaseException):
            reason = result.strerror if isinstance(result, OSError) and result.strerror else str(result)
            self._problem(self.tr("Not saved: %1 (%2). Choose another folder, or close the file if Excel has it "
                                  "open.").replace("%1", str(path)).replace("%2", reason))
            return
        self.summary.setStyleSheet("")
        self.summary.setText(self.tr("Saved %n row(s) to %1.", "", rows).replace("%1", str(path)))

    # --- reconciling ----------------------------------------------------------------------------

    def choose_sheet(self) -> QFileDialog | None:
        if self.kind.currentData() != "refunds":
            self.summary.setText(self.tr("Reconciling goes with the refund table (退款信息表)."))
            return None
        dialog = QFileDialog(self, self.tr("Finance's result sheet"))
        dialog.setNameFilter(self.tr("Finance sheets (*.xlsx *.csv)"))
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.fileSelected.connect(lambda name: self.reconcile_with(Path(name)))
        dialog.open()
        return dialog

    def reconcile_with(self, path: Path) -> None:
        store, day, who = self.store, self.day_text(), self.agent
        fmt = "xlsx" if path.suffix.lower() == ".xlsx" else "csv"
        self.progress.show()
        in_background(lambda: reconcile(store, read_limited(path, SHEET_BYTES, "finance's sheet"), fmt, day,
                                        who=who),
                      lambda result: self._reconciled(result, path), self)

    def _reconciled(self, result: object, path: Path) -> None:
        self.progress.hide()
        if isinstance(result, BaseException):
            self._problem(self.tr("%1 cannot be read as finance's sheet: %2").replace("%1", path.name)
                          .replace("%2", say_error(result)))
            return
        assert isinstance(result, list)
        marks: list[Mark] = result
        words = {"matched": self.tr("matched"), "mismatched": self.tr("differs"),
                 "not_in_sheet": self.tr("not in finance's sheet"), "not_in_desk": self.tr("no such refund on the desk")}
        self._fill([self.tr("Order no."), self.tr("Result"), self.tr("What differs (desk → finance)")],
                   [[m.order_no, words.get(m.result, m.result), m.detail] for m in marks],
                   [RESULT_COLOURS.get(m.result, "") for m in marks])
        matched = sum(1 for m in marks if m.result == "matched")
        self.summary.setStyleSheet("")
        self.summary.setText(self.tr("%1: %2 of %3 line(s) matched; the rest are marked in the audit log.")
                             .replace("%1", path.name).replace("%2", str(matched)).replace("%3", str(len(marks))))


def _cell(value: object) -> str:
    return "" if value is None else str(value)  # an amount is a Money: its text is the desk's "5.00"
