"""Transfer a chat to a colleague (or the supervisor) with a note: the colleagues are asked from the shop and the
transfer is made off the GUI thread; the dialog closes only when the shop has taken it."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QListView,
    QPlainTextEdit,
    QWidget,
)

from app.store.records import ConversationSummary

from app.desk.session import DeskSession

from app.ui.background import in_background
from app.ui.buyer_text import shown
from app.ui.dialog_buttons import ok_cancel
from app.ui.labels import say
from app.ui.models.colleague_list import ColleagueList
from app.ui.text_size import lines_high

from app import domain


class TransferDialog(QDialog):
    def __init__(self, session: DeskSession, chat: ConversationSummary, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.chat = chat
        self.setWindowTitle(self.tr("Transfer %1 to a colleague").replace("%1", shown(chat.buyer_nick)))
        self.found = ColleagueList(self)
        self.colleagues = QListView()
        self.colleagues.setObjectName("transferColleagues")
        self.colleagues.setModel(self.found)
        self.note = QPlainTextEdit()
        self.note.setTabChangesFocus(True)
        self.note.setPlaceholderText(self.tr("What the colleague should know: the order, what was promised, what "
                                             "is left to do"))
        self.note.setMaximumHeight(lines_high(self.note, 6))
        self.status = QLabel(self.tr("Asking the shop who is there…"))
        self.status.setWordWrap(True)
        self.buttons = ok_cancel(self, self.transfer)
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText(self.tr("&Transfer"))
        self.ok.setEnabled(False)
        self.colleagues.activated.connect(lambda _index: self.note.setFocus())
        form = QFormLayout(self)
        colleagues_label = QLabel(self.tr("&Colleague"))
        colleagues_label.setBuddy(self.colleagues)
        form.addRow(colleagues_label, self.colleagues)
        note_label = QLabel(self.tr("&Note"))
        note_label.setBuddy(self.note)
        form.addRow(note_label, self.note)
        form.addRow(self.status)
        form.addRow(self.buttons)
        self.resize(460, 380)
        self._asking = in_background(session.list_colleagues, self._show, self)
        self.colleagues.setFocus()

    def _show(self, found: object) -> None:
        if not isinstance(found, list):
            self.status.setText(say(found.args[0]) if isinstance(found, Exception) and found.args else str(found))
            return
        self.found.set_rows([c for c in found if isinstance(c, domain.Colleague)])
        if found:
            self.colleagues.setCurrentIndex(self.found.index(0))
            self.status.setText("")
            self.ok.setEnabled(True)
        else:
            self.status.setText(self.tr("Nobody else is at this shop's desks: there is no one to transfer to."))

    def transfer(self) -> None:
        colleague = self.found.row_at(self.colleagues.currentIndex())
        if colleague is None:
            self.status.setText(self.tr("Choose a colleague first."))
            return
        to, note = colleague.id, self.note.toPlainText().strip()
        self.ok.setEnabled(False)
        self.status.setText(self.tr("Transferring…"))
        self._sending = in_background(lambda: self.session.transfer(self.chat.id, to, note), self._done, self)

    def _done(self, result: object) -> None:
        if isinstance(result, Exception):
            self.ok.setEnabled(True)
            self.status.setText(self.tr("Not transferred: %1").replace(
                "%1", say(result.args[0]) if result.args else str(result)))
            return
        self.accept()

    def colleague_name(self) -> str:
        colleague = self.found.row_at(self.colleagues.currentIndex())
        return colleague.name if colleague else ""
