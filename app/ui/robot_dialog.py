"""The robot first answer: its settings and rules (with how often each fired), and the day's answers to review,
each with what the buyer wrote next. The rules and the decisions live in app/desk/robot.py."""

from __future__ import annotations

import re
from collections import Counter
from datetime import UTC, datetime, time, timedelta

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.desk.robot import (
    MAX_AFTER_SECONDS,
    Robot,
    RobotReview,
    RobotRule,
    RobotSettings,
    RobotSettingsInvalid,
)

from app.ui.background import Latest, in_background
from app.ui.dialog_buttons import ok_cancel
from app.ui.keys.keymap import SHORTCUTS
from app.ui.labels import problem_label, say
from app.ui.models.robot_answers import RobotAnswers

_KEYWORD_SPLIT = re.compile(r"[,，、;；\s]+")
NAME, KEYWORDS, PHRASE, SIMILAR, FIRED = range(5)


class RobotDialog(QDialog):
    """Robot on or off for this shop, when it answers, and its rules."""

    def __init__(self, robot: Robot, who: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.robot = robot
        self.who = who
        self.setWindowTitle(self.tr("Robot first answer"))
        settings = robot.settings
        self.enabled = QCheckBox(self.tr("&Answer buyers automatically with the rules below"))
        self.enabled.setChecked(settings.enabled)
        self.when_suspended = QCheckBox(self.tr("While I am s&uspended (挂起), answer a buyer as soon as they write"))
        self.when_suspended.setChecked(settings.when_suspended)
        self.after = QSpinBox()
        self.after.setRange(0, MAX_AFTER_SECONDS)
        self.after.setSuffix(self.tr(" s"))
        self.after.setSpecialValueText(self.tr("never"))
        self.after.setValue(settings.after_seconds)
        self.table = QTableWidget(0, 5)
        self.table.setHorizontalHeaderLabels([self.tr("Rule"), self.tr("Keywords (separated by 、 or spaces)"),
                                              self.tr("Phrase"), self.tr("Similar questions"), self.tr("Fired")])
        self.table.horizontalHeader().setSectionResizeMode(KEYWORDS, QHeaderView.ResizeMode.Stretch)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self._phrases = sorted(robot.book.phrases, key=lambda p: (p.group, p.title))
        for rule in settings.rules:
            self.add_rule(rule)
        add = QPushButton(self.tr("Add &rule"))
        add.clicked.connect(lambda: self.add_rule())
        remove = QPushButton(self.tr("Remo&ve rule"))
        remove.clicked.connect(self.remove_rule)
        for key in SHORTCUTS.sequences("robot.remove"):  # read as the dialog opens: a new key from the next one
            QShortcut(key, self.table, self.remove_rule)
        self.problem = problem_label("robotProblem")
        intro = QLabel(self.tr("The robot answers a buyer once, then waits for you; its answers are marked as the "
                               "robot's, pass the banned-word check like yours, and are listed for review. A "
                               "phrase that still needs values (an order no., a courier) is never sent by the "
                               "robot."))
        intro.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.enabled)
        form.addRow(self.when_suspended)
        form.addRow(self.tr("Answer a buyer who has &waited"), self.after)
        buttons_row = QHBoxLayout()
        buttons_row.addWidget(add)
        buttons_row.addWidget(remove)
        buttons_row.addStretch(1)
        buttons = ok_cancel(self, self.save, save=True)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        rules_label = QLabel(self.tr("Ru&les, tried from the top"))
        rules_label.setBuddy(self.table)
        layout.addWidget(rules_label)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons_row)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        self.resize(860, 480)
        self._counts = in_background(robot.fired_counts, self._show_counts, self)

    def add_rule(self, rule: RobotRule | None = None) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        self.table.setItem(row, NAME, QTableWidgetItem(rule.name if rule else self.tr("Rule %1").replace(
            "%1", str(row + 1))))
        self.table.setItem(row, KEYWORDS, QTableWidgetItem("、".join(rule.keywords) if rule else ""))
        combo = QComboBox()
        for phrase in self._phrases:
            combo.addItem(f"{phrase.group} › {phrase.title}", phrase.id)
        if rule is not None:
            combo.setCurrentIndex(max(0, combo.findData(rule.phrase_id)))
        self.table.setCellWidget(row, PHRASE, combo)
        similar = QTableWidgetItem()
        similar.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
        similar.setCheckState(Qt.CheckState.Checked if rule and rule.similar else Qt.CheckState.Unchecked)
        self.table.setItem(row, SIMILAR, similar)
        fired = QTableWidgetItem("")
        fired.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
        self.table.setItem(row, FIRED, fired)
        if rule is None:
            self.table.setCurrentCell(row, KEYWORDS)
            self.table.editItem(self.table.item(row, KEYWORDS))

    def remove_rule(self) -> None:
        row = self.table.currentRow()
        if row >= 0:
            self.table.removeRow(row)

    def _show_counts(self, counts: object) -> None:
        if not isinstance(counts, Counter):
            return  # the audit log could not be read: the column stays empty
        for row in range(self.table.rowCount()):
            name = self.table.item(row, NAME).text().strip()
            self.table.item(row, FIRED).setText(str(counts.get(name, 0)))

    def rules(self) -> list[RobotRule]:
        rules = []
        for row in range(self.table.rowCount()):
            combo = self.table.cellWidget(row, PHRASE)
            keywords = tuple(k for k in _KEYWORD_SPLIT.split(self.table.item(row, KEYWORDS).text()) if k)
            rules.append(RobotRule(self.table.item(row, NAME).text().strip(),
                                   int(combo.currentData()) if isinstance(combo, QComboBox) else -1, keywords,
                                   self.table.item(row, SIMILAR).checkState() == Qt.CheckState.Checked))
        return rules

    def save(self) -> None:
        settings = RobotSettings(self.enabled.isChecked(), self.when_suspended.isChecked(), self.after.value(),
                                 tuple(self.rules()))
        try:
            self.robot.save(settings, self.who)
        except RobotSettingsInvalid as invalid:
            self.problem.setText(self.tr("Not saved: %1").replace("%1", say(invalid.args[0])))
            return
        self.accept()


class RobotReviewDialog(QDialog):
    """The robot's answers of one day, each with the question, the rule and what the buyer wrote next."""

    def __init__(self, robot: Robot, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.robot = robot
        self.setWindowTitle(self.tr("Robot answers to review"))
        self.day = QDateEdit(QDate.currentDate())
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("yyyy-MM-dd")
        self.day.dateChanged.connect(lambda _date: self.load())
        self.answers = RobotAnswers([self.tr("Time"), self.tr("Buyer"), self.tr("Buyer asked"),
                                     self.tr("Robot answered"), self.tr("Rule"), self.tr("Buyer then said")], self)
        self.table = QTableView()
        self.table.setAccessibleName(self.tr("Robot answers"))
        self.table.setModel(self.answers)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.status = QLabel()
        form = QFormLayout()
        form.addRow(self.tr("&Day"), self.day)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout.addWidget(close)
        self.resize(980, 520)
        self.rows: list[RobotReview] = []
        self.reading = Latest(self)
        self.load()

    def load(self) -> None:
        """Read the chosen local day's answers off the GUI thread; an older answer arriving late is dropped."""
        day = self.day.date().toPython()
        start = datetime.combine(day, time()).astimezone().astimezone(UTC)
        end = datetime.combine(day + timedelta(days=1), time()).astimezone().astimezone(UTC)
        self.status.setText(self.tr("Reading…"))
        self.reading.ask(lambda: self.robot.review(start, end), self._show)

    def _show(self, rows: object) -> None:
        if not isinstance(rows, list):
            self.status.setText(self.tr("The robot's answers could not be read: %1").replace("%1", str(rows)))
            return
        self.rows = rows
        self.answers.set_rows(rows, self.answers.now)
        self.table.resizeColumnsToContents()
        self.status.setText(self.tr("%n robot answer(s) this day.", "", len(rows)))
