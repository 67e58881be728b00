"""The small form above the reply box for the values a phrase asks each time ({ask:补偿金额|money}): one field a
value, keyboard only — Tab / Shift+Tab between the fields, Enter puts the phrase in, Esc puts nothing in. An
answer the desk refuses (not an amount, not a date) keeps the form open on that field, saying why."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QComboBox, QFormLayout, QFrame, QLabel, QLineEdit, QWidget

from app.quickreplies.template import CHOICE, DATE, MONEY, Ask

from app.desk.asks import AnswerRefused

from app.ui.labels import problem_label, say

Check = Callable[[Ask, str], str]  # the desk's check: the answer as it goes into the reply, or AnswerRefused
_OURS = (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Escape, Qt.Key.Key_Tab, Qt.Key.Key_Backtab)


class AskForm(QFrame):
    sig_done = Signal(dict)
    """{label: answer as it goes into the reply}: every field was answered and checked."""
    sig_cancelled = Signal()
    """Esc: the phrase does not go in."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("askForm")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.form = QFormLayout(self)
        self.form.setContentsMargins(6, 4, 6, 4)
        self.problem = problem_label("askProblem")  # made again with each form: the rows own their widgets
        self.fields: list[tuple[Ask, QLineEdit | QComboBox]] = []
        self._check: Check = lambda ask, raw: raw
        self.hide()

    def ask(self, title: str, asks: list[Ask], remembered: Mapping[str, str], check: Check) -> None:
        """Show a field for each ask, filled with what this chat answered last time, and focus the first."""
        while self.form.rowCount():
            self.form.removeRow(0)
        self.fields = []
        self._check = check
        heading = QLabel(self.tr("%1 asks — Enter puts it in, Esc does not, Tab: next field").replace("%1", title))
        heading.setTextFormat(Qt.TextFormat.PlainText)
        self.form.addRow(heading)
        for ask in asks:
            field: QLineEdit | QComboBox
            if ask.kind == CHOICE:
                field = QComboBox()
                field.addItems(list(ask.choices))
                if remembered.get(ask.label) in ask.choices:
                    field.setCurrentText(remembered[ask.label])
            else:
                field = QLineEdit(remembered.get(ask.label, ""))
                field.selectAll()
                field.setPlaceholderText({MONEY: self.tr("yuan, such as 5 or 12.50"),
                                          DATE: self.tr("a date, such as 11-24 or 明天")}.get(ask.kind, ""))
            field.setObjectName(f"ask:{ask.label}")
            field.installEventFilter(self)
            self.fields.append((ask, field))
            self.form.addRow(ask.label, field)
        self.problem = problem_label("askProblem")
        self.form.addRow(self.problem)
        self.show()
        self.fields[0][1].setFocus(Qt.FocusReason.OtherFocusReason)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if not isinstance(event, QKeyEvent) or event.key() not in _OURS:
            return super().eventFilter(watched, event)
        if event.type() == QEvent.Type.ShortcutOverride:  # the keys are the form's, not the window's Esc
            event.accept()
            return True
        if event.type() != QEvent.Type.KeyPress:
            return super().eventFilter(watched, event)
        key = event.key()
        if key in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
            backwards = key == Qt.Key.Key_Backtab or bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
            self._step(watched, -1 if backwards else 1)
        elif key == Qt.Key.Key_Escape:
            self.cancel()
        else:
            self.submit()
        return True

    def _step(self, current: QObject, step: int) -> None:
        widgets = [field for _ask, field in self.fields]
        at = widgets.index(current) if current in widgets else 0
        widgets[(at + step) % len(widgets)].setFocus(Qt.FocusReason.TabFocusReason)

    def submit(self) -> None:
        answers: dict[str, str] = {}
        for ask, field in self.fields:
            raw = field.currentText() if isinstance(field, QComboBox) else field.text()
            try:
                answers[ask.label] = self._check(ask, raw)
            except AnswerRefused as refused:
                self.problem.setText(say(refused.args[0]))
                field.setFocus(Qt.FocusReason.OtherFocusReason)
                if isinstance(field, QLineEdit):
                    field.selectAll()
                return
        self._close()
        self.sig_done.emit(answers)

    def cancel(self) -> None:
        if self.isVisible():
            self._close()
            self.sig_cancelled.emit()

    def _close(self) -> None:
        self.hide()
        for _ask, field in self.fields:
            field.removeEventFilter(self)
