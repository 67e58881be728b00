"""One phrase's editor: new, edited, or saved from a chat message. OK stays disabled while the phrase has a
problem, and the problem is said under the field it concerns. A phrase's several texts (its variants) are a numbered
list above the text box, which edits the one chosen: added, removed and moved with buttons or keys in the list
(Insert, Delete, Ctrl+↑/↓)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtGui import QImage, QKeyEvent, QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.quickreplies.edit import Finding, Problem
from app.quickreplies.phrase import Phrase, complaints_choice, with_complaints_choice
from app.quickreplies.template import VARIABLES
from app.store.images import ImageError

from app.desk.phrases import PhraseBook, invites_review, not_for_complaints

from app.ui.dialog_buttons import ok_cancel
from app.ui.labels import problem_label
from app.ui.text_size import lines_high


def describe(finding: Finding) -> str:
    """A problem in the agent's language."""
    texts = {
        Problem.EMPTY_TITLE: QCoreApplication.translate("PhraseEditor", "Give the phrase a title."),
        Problem.EMPTY_BODY: QCoreApplication.translate("PhraseEditor", "The phrase has no text (and no image)."),
        Problem.LONG_TITLE: QCoreApplication.translate("PhraseEditor", "The title is too long (at most %1 characters)."),
        Problem.BAD_ABBREVIATION: QCoreApplication.translate(
            "PhraseEditor", "“%1” cannot be typed before Space: use letters, digits or ; without spaces, at most 40."),
        Problem.ABBREVIATION_TAKEN: QCoreApplication.translate("PhraseEditor", "The abbreviation is already used by “%1”."),
        Problem.SLOT_RANGE: QCoreApplication.translate("PhraseEditor", "Slots are 1 to 9."),
        Problem.SLOT_TAKEN: QCoreApplication.translate("PhraseEditor", "This slot of the group is already “%1”'s."),
        Problem.BAD_ASK: QCoreApplication.translate(
            "PhraseEditor", "%1 asks for nothing: write {ask:label}, {ask:label|money}, {ask:label|date} or "
            "{ask:label|choice 1,choice 2}."),
        Problem.EMPTY_VARIANT: QCoreApplication.translate(
            "PhraseEditor", "Text %1 is empty: write it, or remove it (Delete in the list of texts)."),
        Problem.SAME_VARIANT: QCoreApplication.translate(
            "PhraseEditor", "Text %1 is the same as an earlier one: change it, or remove it."),
    }
    return texts[finding.problem].replace("%1", finding.detail)


class PhraseTexts(QWidget):
    """A phrase's texts, numbered as the palette shows them; the editor's text box edits the current one. Keys in
    the list: Insert adds a text after the current one, Delete removes it, Ctrl+↑/↓ moves it."""

    def __init__(self, texts: tuple[str, ...], body: QPlainTextEdit, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.texts = list(texts)
        self._body = body
        self.list = QListWidget()
        self.list.setObjectName("phraseTexts")
        self.list.setAccessibleName(self.tr("The phrase's texts, numbered as the palette shows them"))
        # four rows of its own font: the list grows with a bigger font, as the text boxes do (text_size.py)
        self.list.setMaximumHeight(4 * self.list.fontMetrics().lineSpacing() + 2 * self.list.frameWidth() + 8)
        self.list.installEventFilter(self)
        self.add = QPushButton(self.tr("Add &variant"))
        self.remove = QPushButton(self.tr("Re&move"))
        self.up = QPushButton(self.tr("Move &up"))
        self.down = QPushButton(self.tr("Move do&wn"))
        buttons = QVBoxLayout()
        for button in (self.add, self.remove, self.up, self.down):
            buttons.addWidget(button)
        buttons.addStretch()
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.list, 1)
        row.addLayout(buttons)
        self.add.clicked.connect(self.add_text)
        self.remove.clicked.connect(self.remove_text)
        self.up.clicked.connect(lambda: self.move_text(-1))
        self.down.clicked.connect(lambda: self.move_text(1))
        self.list.currentRowChanged.connect(self._show)
        body.textChanged.connect(self._edited)
        self._refresh(0)

    def current(self) -> int:
        return max(self.list.currentRow(), 0)

    def _label(self, number: int) -> str:
        first = next((line for line in self.texts[number].splitlines() if line.strip()), "").strip()
        shown = first[:40] if first else self.tr("(empty)")
        return f"{number + 1}  {shown}"

    def _refresh(self, current: int) -> None:
        self.list.blockSignals(True)
        self.list.clear()
        self.list.addItems([self._label(n) for n in range(len(self.texts))])
        self.list.setCurrentRow(current)
        self.list.blockSignals(False)
        self._show(current)
        self.remove.setEnabled(len(self.texts) > 1)
        self.up.setEnabled(current > 0)
        self.down.setEnabled(current < len(self.texts) - 1)

    def _show(self, number: int) -> None:
        if 0 <= number < len(self.texts) and self._body.toPlainText() != self.texts[number]:
            self._body.setPlainText(self.texts[number])
        self.up.setEnabled(number > 0)
        self.down.setEnabled(number < len(self.texts) - 1)

    def _edited(self) -> None:
        number = self.current()
        self.texts[number] = self._body.toPlainText()
        item = self.list.item(number)
        if item is not None:
            item.setText(self._label(number))

    def add_text(self) -> None:
        """A new empty text after the current one, ready to be written."""
        at = self.current() + 1
        self.texts.insert(at, "")
        self._refresh(at)
        self._body.setFocus()
        self._body.textChanged.emit()  # the editor checks again: an empty text is a problem until written

    def remove_text(self) -> None:
        if len(self.texts) > 1:
            at = self.current()
            del self.texts[at]
            self._refresh(min(at, len(self.texts) - 1))
            self._body.textChanged.emit()

    def move_text(self, step: int) -> None:
        at = self.current()
        to = at + step
        if 0 <= to < len(self.texts):
            self.texts[at], self.texts[to] = self.texts[to], self.texts[at]
            self._refresh(to)
            self._body.textChanged.emit()

    def eventFilter(self, watched: object, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if watched is self.list and event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            key, control = event.key(), bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)
            if key == Qt.Key.Key_Insert:
                self.add_text()
                return True
            if key == Qt.Key.Key_Delete:
                self.remove_text()
                return True
            if control and key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
                self.move_text(-1 if key == Qt.Key.Key_Up else 1)
                return True
        return super().eventFilter(watched, event)  # type: ignore[arg-type]


class PhraseEditor(QDialog):
    def __init__(self, book: PhraseBook, phrase: Phrase, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.book = book
        self.original = phrase
        self.setWindowTitle(self.tr("New phrase") if not phrase.id else self.tr("Edit phrase"))
        self.title = QLineEdit(phrase.title)
        self.body = QPlainTextEdit(phrase.body)
        self.body.setTabChangesFocus(True)
        self.body.setMinimumHeight(lines_high(self.body, 7))
        self.texts = PhraseTexts(phrase.texts, self.body)
        self.rotate = QCheckBox(self.tr("&Rotate the texts: each new buyer gets the next one, never the same one twice "
                                        "in a row"))
        self.rotate.setObjectName("rotateTexts")
        self.rotate.setChecked(phrase.rotate)
        self.group = QComboBox()
        self.group.setEditable(True)
        self.group.addItems(book.groups())
        self.group.setCurrentText(phrase.group)
        self.abbreviation = QLineEdit(phrase.abbreviation)
        self.slot = QSpinBox()
        self.slot.setRange(0, 9)
        self.slot.setSpecialValueText(self.tr("none"))
        self.slot.setValue(phrase.slot or 0)
        self.personal = QCheckBox(self.tr("Only for me (%1) — others on this desk do not see it")
                                  .replace("%1", book.agent))
        self.personal.setChecked(bool(phrase.owner))
        self.personal.setEnabled(bool(book.agent))
        self.not_for_complaints = QCheckBox(self.tr("Not for &complaining buyers: never suggested to an angry buyer "
                                                    "or one with an open issue, never sent to them by the robot"))
        self.not_for_complaints.setObjectName("notForComplaints")
        self.not_for_complaints.setChecked(not_for_complaints(phrase))
        self._complaints_touched = False  # until the agent decides, the box follows the text (a review invitation)
        self.not_for_complaints.clicked.connect(lambda: setattr(self, "_complaints_touched", True))
        names = ("  ".join("{" + name + "}" for name in VARIABLES) + "  {cursor}  "
                 + self.tr("asked each time: {ask:补偿金额|money}  {ask:日期|date}  {ask:备注}  {ask:快递|顺丰,圆通}"))
        variables = QLabel(self.tr("Variables: %1").replace("%1", names))
        variables.setWordWrap(True)
        variables.setEnabled(False)
        variables.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.image_id = phrase.image
        self.picture = QLabel()
        self.picture.setObjectName("phrasePicture")
        self.choose_picture = QPushButton(self.tr("&Picture…"))
        self.choose_picture.clicked.connect(self._choose_picture)
        self.drop_picture = QPushButton(self.tr("&No picture"))
        self.drop_picture.clicked.connect(lambda: self.set_picture(""))
        picture_row = QHBoxLayout()
        picture_row.addWidget(self.picture, 1)
        picture_row.addWidget(self.choose_picture)
        picture_row.addWidget(self.drop_picture)
        self.problem = problem_label("problem")
        form = QFormLayout(self)
        form.addRow(self.tr("&Title"), self.title)
        form.addRow(self.tr("Te&xts"), self.texts)
        form.addRow(self.tr("&Text"), self.body)
        form.addRow("", self.rotate)
        form.addRow("", variables)
        form.addRow(self.tr("&Group"), self.group)
        form.addRow(self.tr("&Abbreviation"), self.abbreviation)
        form.addRow(self.tr("&Slot"), self.slot)
        form.addRow(self.tr("Picture"), picture_row)
        form.addRow("", self.personal)
        form.addRow("", self.not_for_complaints)
        form.addRow(self.problem)
        self.buttons = ok_cancel(self, self.accept)
        form.addRow(self.buttons)
        for edit in (self.title, self.abbreviation):
            edit.textChanged.connect(self._check)
        self.body.textChanged.connect(self._check)
        for edit in (self.title, self.body):
            edit.textChanged.connect(self._follow_text)
        self.group.currentTextChanged.connect(self._check)
        self.slot.valueChanged.connect(self._check)
        self.set_picture(self.image_id)
        self.resize(520, 560)

    def phrase(self) -> Phrase:
        edited = replace(self.original, title=self.title.text().strip(), body=self.texts.texts[0],
                         variants=tuple(self.texts.texts[1:]), rotate=self.rotate.isChecked(),
                         group=self.group.currentText().strip(), abbreviation=self.abbreviation.text().strip(),
                         slot=self.slot.value() or None, image=self.image_id,
                         owner=self.book.agent if self.personal.isChecked() else "")
        wanted = self.not_for_complaints.isChecked()
        # a tag only where the box differs from what the text says: the flag then follows the text's edits
        return with_complaints_choice(edited, None if wanted == invites_review(edited) else wanted)

    def _follow_text(self) -> None:
        if not self._complaints_touched and complaints_choice(self.original) is None:
            current = replace(self.original, title=self.title.text(), body=self.body.toPlainText())
            self.not_for_complaints.setChecked(invites_review(current))

    def _choose_picture(self) -> None:
        dialog = QFileDialog(self, self.tr("Picture for the phrase"))
        dialog.setNameFilter(self.tr("Pictures (*.png *.jpg *.jpeg *.gif *.webp)"))
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.fileSelected.connect(lambda name: self.use_picture_file(Path(name)))
        dialog.open()

    def use_picture_file(self, path: Path) -> bool:
        """Keep the picture in the desk's image store and attach it to the phrase; says why when it cannot."""
        try:
            image_id = self.book.keep_image(path)
        except ImageError as exc:
            self.problem.setText(self.tr("Picture not used: %1").replace("%1", str(exc)))
            return False
        self.set_picture(image_id)
        return True

    def set_picture(self, image_id: str) -> None:
        self.image_id = image_id
        data = self.book.image_bytes(image_id) if image_id else None
        image = QImage.fromData(data) if data else QImage()
        if image.isNull():
            self.picture.setPixmap(QPixmap())
            self.picture.setText(self.tr("none — a text phrase") if not image_id else self.tr("[picture missing]"))
        else:
            self.picture.setPixmap(QPixmap.fromImage(image).scaled(
                96, 96, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation))
        self.drop_picture.setEnabled(bool(image_id))
        self._check()

    def _check(self) -> None:
        found = self.book.problems(self.phrase())
        self.problem.setText("\n".join(describe(f) for f in found))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not found)
