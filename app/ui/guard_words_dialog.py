"""The shop's two word lists, edited while the desk runs: banned words (the send guard: nothing with them leaves
the desk without an audited override) and urgent words (the queue marks a buyer who writes them). Each change
takes effect at once and is written to the audit log. Removing a banned word lets it reach buyers, so on a store
with a supervisor it asks for one's name and password (the desk layer checks them: app/desk/guard.py)."""

from __future__ import annotations

import re
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.domain import now_utc

from app.desk.guard import SendGuard, edit_words, removal_needs_supervisor
from app.desk.queue import angry_words, set_angry_words
from app.desk.refused import IssueRefused
from app.desk.session import DeskSession

from app.ui.keys.keymap import SHORTCUTS
from app.ui.labels import problem_label, say
from app.ui.models.word_list_model import WordListModel
from app.ui.supervisor_fields import SupervisorFields

_SPLIT = re.compile(r"[,，、;；\s]+")


class WordList(QWidget):
    """A filterable list with a box to add words and a key to remove the selected ones."""

    def __init__(self, intro: str, add: Callable[[list[str]], None], remove: Callable[[list[str]], None],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._add, self._remove = add, remove
        self.entry = QLineEdit()
        self.entry.setPlaceholderText(self.tr("Type words (separated by 、 or spaces) to add, or to find in the list"))
        self.entry.textChanged.connect(self._filter)
        self.entry.returnPressed.connect(self.add)
        self.shown = WordListModel(self)
        self.list = QListView()
        self.list.setAccessibleName(self.tr("Words"))
        self.list.setModel(self.shown)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        for key in SHORTCUTS.sequences("word_lists.remove"):  # read as the dialog opens: a new key from the next one
            QShortcut(key, self.list, self.remove)
        add_button = QPushButton(self.tr("&Add"))
        add_button.clicked.connect(self.add)
        remove_button = QPushButton(self.tr("&Remove selected"))
        remove_button.clicked.connect(self.remove)
        self.problem = problem_label()
        label = QLabel(intro)
        label.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.entry, 1)
        row.addWidget(add_button)
        row.addWidget(remove_button)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addLayout(row)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.problem)

    def show_words(self, words: list[tuple[str, str]]) -> None:
        """(word, note) pairs; the note (its kind) is shown after the word."""
        self.shown.set_rows(sorted(words))
        self._filter(self.entry.text())

    def words(self) -> list[str]:
        return [word for word, _note in self.shown.rows]

    def _filter(self, text: str) -> None:
        needles = [w for w in _SPLIT.split(text.strip()) if w]
        for row, (word, _note) in enumerate(self.shown.rows):
            self.list.setRowHidden(row, bool(needles) and not any(n in word for n in needles))

    def add(self) -> None:
        words = [w for w in _SPLIT.split(self.entry.text().strip()) if w]
        if not words:
            self.problem.setText(self.tr("Type the words to add first."))
            return
        if self._apply(self._add, words):
            self.entry.clear()

    def remove(self) -> None:
        words = [index.data(Qt.ItemDataRole.UserRole) for index in self.list.selectionModel().selectedIndexes()
                 if not self.list.isRowHidden(index.row())]
        if not words:
            self.problem.setText(self.tr("Select the words to remove first (Tab to the list, then Shift+arrows)."))
            return
        self._apply(self._remove, words)

    def _apply(self, change: Callable[[list[str]], None], words: list[str]) -> bool:
        try:
            change(words)
        except ValueError as exc:
            self.problem.setText(self.tr("Not changed: %1").replace("%1", say(exc.args[0])))
            return False
        self.problem.clear()
        return True


class SupervisorRemoves(QDialog):
    """A supervisor authorises switching banned words off, with their name and password; a refusal (a wrong
    password, a lock-out) is said here and the words stay banned."""

    def __init__(self, words: list[str], remove: Callable[[str, str], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._remove = remove
        self.setWindowTitle(self.tr("Remove banned words"))
        why = QLabel(self.tr("Without them in the list, replies with %1 reach buyers. A supervisor authorises this "
                             "with their name and password; the audit log names them and this desk.")
                     .replace("%1", "、".join(words[:10]) + ("…" if len(words) > 10 else "")))
        why.setWordWrap(True)
        self.problem = problem_label()
        form = QFormLayout(self)
        form.addRow(why)
        self.fields = SupervisorFields(form)
        form.addRow(self.problem)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.remove_button = buttons.addButton(self.tr("&Remove"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.remove_button.clicked.connect(self.confirm)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.remove_button.setDefault(True)  # Return in either box removes (set once it is in the dialog)
        self.fields.supervisor.setFocus()

    def confirm(self) -> None:
        try:
            self._remove(self.fields.name(), self.fields.take_password())
        except IssueRefused as refused:
            self.problem.setText(self.tr("Not removed: %1").replace("%1", say(refused.reason)))
            self.fields.password.setFocus()
            return
        self.accept()


class WordListsDialog(QDialog):
    def __init__(self, session: DeskSession, on_angry_words: Callable[[tuple[str, ...]], None],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self._on_angry_words = on_angry_words
        self.setWindowTitle(self.tr("Banned and urgent words"))
        intro = self.tr("A reply with one of these words is not sent; Ctrl+Shift+Return sends it anyway and writes "
                        "why to the audit log. Removing a word that came with KefuDesk switches it off; adding it "
                        "again switches it back on.")
        if removal_needs_supervisor(session.store):
            intro += " " + self.tr("Anyone may add a word; removing one takes a supervisor's name and password.")
        self.banned = WordList(intro, self._add_banned, self._remove_banned)
        self.asking: SupervisorRemoves | None = None  # the supervisor's dialog while it is open
        self.urgent = WordList(self.tr("A buyer whose last message has one of these words (or !!! / ???) is "
                                       "marked angry in the queue and shown under Urgent (F6)."),
                               self._add_urgent, self._remove_urgent)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.banned, self.tr("&Banned words (send guard)"))
        self.tabs.addTab(self.urgent, self.tr("&Urgent words (queue)"))
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(close)
        self.resize(640, 560)
        self._show_banned(session.guard)
        self.urgent.show_words([(w, "") for w in angry_words(session.store)])
        self.banned.entry.setFocus()

    def _show_banned(self, guard: SendGuard) -> None:
        kinds = {"insult": self.tr("insult"), "off_platform": self.tr("off-platform"), "custom": self.tr("this shop's")}
        self.banned.show_words([(w, kinds.get(k, k)) for w, k in guard.words.items()])

    def _add_banned(self, words: list[str]) -> None:
        self.session.guard = edit_words(self.session.store, self.session.account.agent, add=words)
        self._show_banned(self.session.guard)

    def _remove_banned(self, words: list[str]) -> None:
        if not removal_needs_supervisor(self.session.store):  # a one-person shop: nobody else to ask
            self._remove_as(words)
            return
        self.asking = SupervisorRemoves(words, lambda name, password: self._remove_as(words, name, password), self)
        self.asking.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.asking.finished.connect(self._asked)
        self.asking.open()

    def _asked(self) -> None:
        self.asking = None
        self.activateWindow()  # back to the lists, whichever window the system would have picked
        self.banned.list.setFocus()

    def _remove_as(self, words: list[str], supervisor: str = "", password: str = "") -> None:
        self.session.guard = edit_words(self.session.store, self.session.account.agent, remove=words,
                                        supervisor=supervisor, password=password)
        self._show_banned(self.session.guard)

    def _set_urgent(self, words: list[str]) -> None:
        kept = set_angry_words(self.session.store, words, self.session.account.agent, now_utc())
        self.urgent.show_words([(w, "") for w in kept])
        self._on_angry_words(kept)

    def _add_urgent(self, words: list[str]) -> None:
        self._set_urgent(self.urgent.words() + words)

    def _remove_urgent(self, words: list[str]) -> None:
        self._set_urgent([w for w in self.urgent.words() if w not in words])
