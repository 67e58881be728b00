"""Importing a sheet (the marketplace's order export, the back-end's problem-order list): read and checked off the
GUI thread, previewed — what it writes, what it rejects and why — and written in one transaction on Import.
Nothing is written before the agent says so, and a file that cannot be read writes nothing."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QWidget,
)

from app.files.limits import SHEET_BYTES, read_limited
from app.files.refusals import UnreadableFile

from app.store.errors import StoreError
from app.store.store import Store

from app.desk.money import yuan_text
from app.desk.order_import import OrderFileError, OrderPlan, plan_import, run_import

from app.ui.background import in_background
from app.ui.import_preview import ImportPreview
from app.ui.labels import say, say_error

from app import domain

READ_ERRORS = (UnreadableFile, OSError, StoreError, domain.ProtocolError)


@dataclass(frozen=True)
class Preview:
    summary: str
    tabs: Sequence[tuple[str, list[str], list[list[str]]]]  # title, headers, rows
    writes: int  # rows Import would write
    bad: int  # rows it would skip


def file_format(path: Path) -> str:
    fmt = {".csv": "csv", ".xlsx": "xlsx"}.get(path.suffix.lower())
    if fmt is None:
        raise OrderFileError(f"{path.name} is neither .csv nor .xlsx: save it from Excel as one of them")
    return fmt


def read_sheet(path: Path, what: str) -> bytes:
    """A sheet's bytes, refused (TooLarge, an OSError) before reading when the file is over the limit."""
    return read_limited(path, SHEET_BYTES, what, "split it by date and import the parts")


class SheetImportDialog(ImportPreview):
    """plan() runs off the GUI thread and returns a plan; preview(plan) says what it holds; write(plan) runs off
    the GUI thread too when the agent presses Import."""

    def __init__(self, title: str, name: str, plan: Callable[[], object], preview: Callable[[object], Preview],
                 write: Callable[[object], object], parent: QWidget | None = None) -> None:
        super().__init__(title, self.tr("Reading %1…").replace("%1", name), parent)
        self.name, self.preview, self.write = name, preview, write
        self.plan: object = None
        self.summary.setObjectName("sheetImportSummary")
        self.resize(860, 480)
        in_background(plan, self._planned, self)

    def _failed(self, exc: BaseException, prefix: str) -> None:
        self.failed(prefix.replace("%1", self.name).replace("%2", say_error(exc)))

    def _planned(self, result: object) -> None:
        if isinstance(result, READ_ERRORS):
            self._failed(result, self.tr("%1 cannot be imported: %2"))
            return
        if isinstance(result, BaseException):  # the gateway's own errors (offline, refused) say what happened
            self._failed(result, self.tr("Cannot get the list from %1: %2"))
            return
        self.plan = result
        shown = self.preview(result)
        self.progress.hide()
        self.summary.setText(shown.summary)
        for title, headers, rows in shown.tabs:
            self.add_tab(title, headers, rows)
        if shown.bad:
            self.tabs.setCurrentIndex(self.tabs.count() - 1)  # the bad lines are the last tab, shown first
            self.import_button.setText(self.tr("Import, skipping %n bad line(s)", "", shown.bad))
        self.tabs.show()
        self.import_button.setEnabled(shown.writes > 0)
        self.import_button.setFocus()

    def _import(self) -> None:
        if self.plan is None:
            return
        plan, write = self.plan, self.write
        self.import_button.setEnabled(False)
        self.progress.show()
        in_background(lambda: write(plan), self._done, self)

    def _done(self, result: object) -> None:
        self.progress.hide()
        if isinstance(result, BaseException):
            self._failed(result, self.tr("%1 was not imported: %2"))
            self.import_button.setEnabled(True)
            return
        self.accept()


class OrderImportDialog(SheetImportDialog):
    """The marketplace's order export (Taobao's 订单报表 and the like): orders, buyers' real names, Alipay accounts
    and phones for companion mode, the refund tables and the weight checks. Re-importing updates, never
    duplicates."""

    def __init__(self, store: Store, path: Path, parent: QWidget | None = None) -> None:
        super().__init__(QCoreApplication.translate("OrderImportDialog", "Import orders — %1").replace("%1", path.name),
                         path.name,
                         lambda: plan_import(store, read_sheet(path, "an order export"), file_format(path)), self._preview,
                         lambda plan: run_import(store, plan), parent)  # type: ignore[arg-type]

    def _preview(self, plan: object) -> Preview:
        assert isinstance(plan, OrderPlan)
        encoding = f" ({plan.encoding})" if plan.encoding else ""
        conflicts = [(self.tr("Conflicts with the shop (%1)").replace("%1", str(len(plan.conflicts))),
                      [self.tr("Line"), self.tr("Order no."), self.tr("Column"), self.tr("The shop's (kept)"),
                       self.tr("The export's (not written)")],
                      [[str(c.line), c.order_no, plan.mapping.get(c.field, c.field), c.shop, c.export]
                       for c in plan.conflicts])] if plan.conflicts else []
        return Preview(
            self.tr("%1%2: %3 new order(s), %4 to update, %5 bad line(s).").replace("%1", self.name)
            .replace("%2", encoding).replace("%3", str(plan.new)).replace("%4", str(plan.updated))
            .replace("%5", str(len(plan.rejected)))
            + (" " + self.tr("%n field(s) differ from the shop's own data: the shop's are kept.", "",
                             len(plan.conflicts)) if plan.conflicts else ""),
            [(self.tr("To write (%1)").replace("%1", str(len(plan.rows))),
              [self.tr("Order no."), self.tr("Buyer"), self.tr("Amount"), self.tr("Status"), self.tr("Items"),
               self.tr("Tracking no.")],
              [[o.no, r.buyer_nick, yuan_text(o.amount_fen), o.status, "、".join(i.title for i in o.items),
                o.tracking_no] for r in plan.rows for o in [r.written or r.order]]),
             (self.tr("Columns"), [self.tr("Field"), self.tr("Read from column")],
              [[field, header] for field, header in plan.mapping.items()]),
             *conflicts,
             (self.tr("Bad lines (%1)").replace("%1", str(len(plan.rejected))),
              [self.tr("Line"), self.tr("Why"), self.tr("Source")],
              [[str(r.line), say(r.reason), r.text] for r in plan.rejected])],
            len(plan.rows), len(plan.rejected))
