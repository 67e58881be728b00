"""One phrase's editor: new, edited, or saved from a chat message. OK stays disabled while the phrase has a
problem, and the problem is said under the field it concerns."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QImage, QPixmap
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
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
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
    }
    return texts[finding.problem].replace("%1", finding.detail)


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
        form.addRow(self.tr("&Text"), self.body)
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
        self.resize(520, 460)

    def phrase(self) -> Phrase:
        edited = replace(self.original, title=self.title.text().strip(), body=self.body.toPlainText(),
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
