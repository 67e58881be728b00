"""The KPI dashboard (Ctrl+Shift+D): the agents' figures (docs/kpis.md) per day, week or month as a table and as
a bar chart of one figure (QtCharts); Enter on a figure opens the chats behind it in the owner's review."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date, datetime, timedelta

from PySide6.QtCharts import QBarCategoryAxis, QBarSeries, QBarSet, QChart, QChartView, QValueAxis
from PySide6.QtCore import QDate, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.desk.kpis import PERIODS, ROBOT
from app.desk.money import Money
from app.desk.review import ReviewDesk

from app.ui.background import Latest
from app.ui.day_range import DayRange
from app.ui.keys.keymap import SHORTCUTS
from app.ui.models.kpi_table import COLUMNS, KpiTable
from app.ui.record_view import record_view

Index = QModelIndex | QPersistentModelIndex
log = logging.getLogger("kefudesk.ui")

# the review filter that shows the chats behind a figure (by its index in COLUMNS); the others show all its chats
DRILL = {**dict.fromkeys(range(1, 8), "slow"), 8: "unanswered_at_close", 10: "refunds", 11: "refunds"}


def _period_end(start: date, period: str) -> date:
    if period == "week":
        return start + timedelta(days=6)
    if period == "month":
        following = (start.replace(day=28) + timedelta(days=4)).replace(day=1)
        return following - timedelta(days=1)
    return start


def _height(value: float | Money | None) -> float:
    """A bar's height: a drawing, so an amount may be a float here (its text never is)."""
    if isinstance(value, Money):
        return value.fen / 100
    return float(value or 0)


class KpiWindow(QWidget):
    def __init__(self, desk: ReviewDesk, open_review: Callable[[date, date, str, set[str]], object],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.desk = desk
        self.open_review = open_review
        self.setObjectName("kpiWindow")
        self.setWindowTitle(self.tr("KPIs"))
        today = QDate.currentDate()
        self.range = DayRange(today.addDays(-6), today, self)
        self.range.changed.connect(self.refresh)
        self.first, self.last = self.range.first, self.range.last
        self.period = QComboBox()
        for period, text in zip(PERIODS, (self.tr("Day"), self.tr("Week"), self.tr("Month")), strict=True):
            self.period.addItem(text, period)
        self.period.currentIndexChanged.connect(lambda _i: self.refresh())
        self.figure = QComboBox()
        self.figure.setObjectName("kpiMetric")
        for title, _value in COLUMNS:
            self.figure.addItem(self.tr(title))
        self.figure.setCurrentIndex(1)  # first answer, median
        self.figure.currentIndexChanged.connect(lambda _i: self._chart())
        self.model = KpiTable([self.tr("Agent"), self.tr("Period"), *(self.tr(t) for t, _v in COLUMNS)], self)
        self.names = desk.names  # agents by their 花名; the drill-down keeps the id
        self.model.who = self.who
        self.table = record_view(self.model, "kpiTable", rows=False)
        self.table.setAccessibleName(self.tr("KPIs by agent"))
        self.table.doubleClicked.connect(lambda index: self.drill(index))
        self.chart = QChart()
        self.chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        self.chart_view = QChartView(self.chart)
        self.chart_view.setObjectName("kpiChart")
        self.chart_view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.status = QLabel()
        self.status.setObjectName("kpiStatus")
        top = QHBoxLayout()
        for text, widget in ((self.tr("&From"), self.first), (self.tr("&To"), self.last),
                             (self.tr("&Period"), self.period), (self.tr("&Chart"), self.figure)):
            caption = QLabel(text)
            caption.setBuddy(widget)
            top.addWidget(caption)
            top.addWidget(widget)
        top.addStretch(1)
        self.chart_view.setMinimumHeight(260)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.chart_view)
        split.addWidget(self.table)
        split.setSizes([430, 270])
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(split, 1)
        layout.addWidget(self.status)
        layout.addWidget(SHORTCUTS.hint_label("kpi"))
        SHORTCUTS.add_actions(self, {"kpi.table": lambda: self.table.setFocus(), "kpi.drill": lambda: self.drill(),
                                     "kpi.refresh": self.refresh})
        self.reading = Latest(self)
        self.resize(1250, 760)
        self.refresh()

    def days(self) -> tuple[date, date]:
        return self.range.days()

    def who(self, agent: str) -> str:
        """An agent as the owner knows them: their 花名, the robot in the window's language."""
        return self.tr("Robot") if agent == ROBOT else self.names.of(agent)

    def refresh(self) -> None:
        first, last = self.days()
        if self.range.problem():
            self.status.setText(self.range.problem())
            return
        period = str(self.period.currentData())
        self.status.setText(self.tr("Reading…"))
        self.reading.ask(lambda: self.desk.kpis(first, last, period), self._show)

    def _show(self, rows: object) -> None:
        if not isinstance(rows, list):
            # the error's own text may be a whole SQL statement (900 KB once: it froze the window): in the log
            log.error("the KPIs could not be read", exc_info=rows if isinstance(rows, BaseException) else None)
            self.status.setText(self.tr("The figures could not be read; the details are in the log."))
            return
        self.model.set_rows(rows, datetime.now().astimezone())
        self.status.setText(self.tr("%n row(s).", "", len(rows)))
        self._chart()

    def _chart(self) -> None:
        """One bar set per agent over the periods, for the chosen figure (an empty figure draws no bar)."""
        self.chart.removeAllSeries()
        for axis in self.chart.axes():
            self.chart.removeAxis(axis)
        column = self.figure.currentIndex()
        title, value = COLUMNS[column]
        self.chart.setTitle(self.tr(title))
        rows = self.model.rows
        periods = sorted({f.period for f in rows})
        series = QBarSeries()
        highest = 0.0
        for agent in sorted({f.agent for f in rows}, key=self.who):
            bars = QBarSet(self.who(agent))
            by_period = {f.period: value(f) for f in rows if f.agent == agent}
            for period in periods:
                height = _height(by_period.get(period))
                bars.append(height)
                highest = max(highest, height)
            series.append(bars)
        self.chart.addSeries(series)
        categories = QBarCategoryAxis()
        categories.append([p.isoformat() for p in periods])
        self.chart.addAxis(categories, Qt.AlignmentFlag.AlignBottom)
        series.attachAxis(categories)
        values = QValueAxis()
        values.setRange(0, highest * 1.1 if highest else 1)
        if rows and isinstance(value(rows[0]), Money):
            values.setLabelFormat("%.2f")  # yuan on the axis, as in the table
        self.chart.addAxis(values, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(values)

    def drill(self, index: Index | None = None) -> object:
        """The chats behind the chosen figure, in the owner's review: that agent, that period, and the filter
        that figure counts (slow answers, chats closed with the buyer last, refunds)."""
        index = index if index is not None else self.table.currentIndex()
        row = self.model.row_at(index)
        if row is None:
            self.status.setText(self.tr("Choose a figure in the table first (Alt+L)."))
            return None
        period = str(self.period.currentData())
        first, last = self.days()
        start = max(row.period, first)
        end = min(_period_end(row.period, period), last)
        drill = DRILL.get(index.column() - 2)
        return self.open_review(start, end, row.agent, {drill} if drill else set())
