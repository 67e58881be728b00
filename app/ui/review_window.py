"""The owner's review (Ctrl+Shift+T): pick the days, an agent and what to look for; read the chats with their
figures, each transcript with the wait before every answer (slow ones red); score a chat on the shop's 质检
checklist, comment on a message or mark it a good / bad example; export a day per agent as HTML and text.
Everything is read off the GUI thread (app/desk/review.py does the work)."""

from __future__ import annotations

import logging
from datetime import date, datetime
from pathlib import Path

from PySide6.QtCore import QDate, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.files.writing import write_atomic

from app.desk.kpis import ROBOT
from app.desk.review import ChatFilter, ChatRow, Line, ReviewDesk, ReviewRefused

from app.ui.background import Latest, in_background
from app.ui.day_range import DayRange
from app.ui.keys.keymap import SHORTCUTS
from app.ui.labels import say
from app.ui.models.chat_table import ChatTable
from app.ui.models.transcript_model import MESSAGE, TranscriptModel
from app.ui.record_view import record_view

Index = QModelIndex | QPersistentModelIndex
log = logging.getLogger("kefudesk.ui")


class ReviewWindow(QWidget):
    def __init__(self, desk: ReviewDesk, parent: QWidget | None = None, *, first: date | None = None,
                 last: date | None = None, agent: str = "", only: set[str] | None = None,
                 focus_chat: str = "") -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.desk = desk
        self.names = desk.names  # agents by their 花名 wherever a person reads them; filters keep the ids
        self.focus_chat = focus_chat  # a chat to select once the list is read (opened from a search)
        self.setObjectName("reviewWindow")
        self.setWindowTitle(self.tr("Owner review: transcripts and 质检"))
        today = QDate.currentDate()
        self.range = DayRange(QDate(first) if first else today, QDate(last) if last else today, self)
        self.range.changed.connect(self.refresh)
        self.first, self.last = self.range.first, self.range.last
        self.agent = QComboBox()
        self.agent.setObjectName("reviewAgent")
        self.agent.addItem(self.tr("Every agent"), "")
        self.agent.addItem(self.tr("The robot"), ROBOT)
        if agent:
            self.agent.addItem(self.who(agent), agent)
            self.agent.setCurrentIndex(self.agent.count() - 1)
        self.agent.currentIndexChanged.connect(lambda _i: self.refresh())
        self.only: dict[str, QCheckBox] = {}
        labels = {"unanswered_at_close": self.tr("&Unanswered at close"), "slow": self.tr("&Slow answers"),
                  "overrides": self.tr("&Guard overrides"), "refunds": self.tr("&Refunds"),
                  "angry": self.tr("A&ngry buyers"), "robot": self.tr("Ro&bot answered")}
        for name, text in labels.items():
            box = QCheckBox(text)
            box.setChecked(name in (only or set()))
            box.toggled.connect(lambda _on: self.refresh())
            self.only[name] = box
        self.model = ChatTable([self.tr("Started"), self.tr("Buyer"), self.tr("Agents"), self.tr("Messages"),
                                self.tr("First answer (s)"), self.tr("Slow"), self.tr("Buyer last"),
                                self.tr("Overrides"), self.tr("Refunds"), self.tr("Angry"), self.tr("Score")], self)
        self.model.who = self.who
        self.table = record_view(self.model, "reviewChats")
        self.table.setAccessibleName(self.tr("Chats"))
        self.table.selectionModel().currentRowChanged.connect(lambda current, _prev: self._open(current))
        self.transcript_model = TranscriptModel(self.who, self)
        self.transcript = QTableView()
        self.transcript.setObjectName("reviewTranscript")
        self.transcript.setAccessibleName(self.tr("Transcript"))
        self.transcript.setModel(self.transcript_model)
        self.transcript.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.transcript.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.transcript.setWordWrap(True)
        self.transcript.verticalHeader().hide()
        self.transcript.horizontalHeader().setSectionResizeMode(MESSAGE, QHeaderView.ResizeMode.Stretch)
        self.checks: list[QCheckBox] = []
        self.checks_box = QVBoxLayout()
        self.scored_agent = QComboBox()
        self.scored_agent.setObjectName("reviewScoredAgent")
        self.comment = QLineEdit()
        self.comment.setPlaceholderText(self.tr("Comment on this chat (optional)"))
        save = QPushButton(self.tr("Sa&ve score"))
        save.clicked.connect(self.save_score)
        self.status = QLabel()
        self.status.setObjectName("reviewStatus")
        self.status.setWordWrap(True)
        top = QHBoxLayout()
        for text, widget in ((self.tr("&From"), self.first), (self.tr("&To"), self.last),
                             (self.tr("&Agent"), self.agent)):
            caption = QLabel(text)
            caption.setBuddy(widget)
            top.addWidget(caption)
            top.addWidget(widget)
        top.addStretch(1)
        only = QHBoxLayout()  # a row of its own: beside the days the window was wider than a 200 % screen
        for box in self.only.values():
            only.addWidget(box)
        only.addStretch(1)
        scoring = QVBoxLayout()
        scoring.addWidget(QLabel(self.tr("质检 checklist")))
        scoring.addLayout(self.checks_box)
        scored = QHBoxLayout()
        scored_caption = QLabel(self.tr("Whose &work"))
        scored_caption.setBuddy(self.scored_agent)
        scored.addWidget(scored_caption)
        scored.addWidget(self.scored_agent, 1)
        scoring.addLayout(scored)
        scoring.addWidget(self.comment)
        scoring.addWidget(save)
        scoring.addStretch(1)
        scoring_widget = QWidget()
        scoring_widget.setLayout(scoring)
        right = QSplitter(Qt.Orientation.Horizontal)
        right.addWidget(self.transcript)
        right.addWidget(scoring_widget)
        right.setStretchFactor(0, 3)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.table)
        split.addWidget(right)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(only)
        layout.addWidget(split, 1)
        layout.addWidget(self.status)
        layout.addWidget(SHORTCUTS.hint_label("review"))
        self._actions()
        self._show_checklist()
        self.reading = Latest(self)  # the chats of the newest days and filters asked for
        self._notice = ""  # said after the list is read again (a saved score)
        self.resize(1300, 800)
        self.refresh()

    def _actions(self) -> None:
        SHORTCUTS.add_actions(self, {
            "review.chats": lambda: self.table.setFocus(Qt.FocusReason.ShortcutFocusReason),
            "review.messages": lambda: self.transcript.setFocus(Qt.FocusReason.ShortcutFocusReason),
            "review.save": self.save_score, "review.comment": self.comment_message,
            "review.good": lambda: self.mark_example("good"), "review.bad": lambda: self.mark_example("bad"),
            "review.export": self.choose_export, "review.refresh": self.refresh})
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)

    # --- reading ----------------------------------------------------------------------------------

    def who(self, agent: str) -> str:
        """An agent as the owner knows them: their 花名, the robot in the window's language."""
        return self.tr("Robot") if agent == ROBOT else self.names.of(agent)

    def days(self) -> tuple[date, date]:
        return self.range.days()

    def refresh(self) -> None:
        first, last = self.days()
        if self.range.problem():
            self.status.setText(self.range.problem())
            return
        where = ChatFilter(agent=str(self.agent.currentData() or ""),
                           only={name for name, box in self.only.items() if box.isChecked()})
        self.status.setText(self.tr("Reading…"))
        self.reading.ask(lambda: self.desk.chats(first, last, where), self._show)

    def _show(self, rows: object) -> None:
        if not isinstance(rows, list):  # the error's text may be a statement of thousands of ids: to the log
            log.error("the review's chats could not be read", exc_info=rows if isinstance(rows, BaseException) else None)
            self.status.setText(self.tr("The chats could not be read; the details are in the log."))
            return
        self.model.set_rows(rows, datetime.now().astimezone())
        known = {self.agent.itemData(i) for i in range(self.agent.count())}
        for agent in sorted({a for r in rows for a in r.agents if a != ROBOT} - known, key=self.who):
            self.agent.addItem(self.who(agent), agent)
        self.status.setText(" ".join(p for p in (self.tr("%n chat(s).", "", len(rows)), self._notice) if p))
        self._notice = ""
        if rows:
            wanted = next((i for i, r in enumerate(rows) if r.conversation_id == self.focus_chat), 0)
            self.table.selectRow(wanted)
            self.focus_chat = ""

    def current_chat(self) -> ChatRow | None:
        return self.model.row_at(self.table.currentIndex())

    def _open(self, index: Index) -> None:
        row = self.model.row_at(index)
        if row is None:
            return
        self.scored_agent.clear()
        for agent in row.agents:
            if agent != ROBOT:
                self.scored_agent.addItem(self.who(agent), agent)
        self._transcript = in_background(lambda: self.desk.transcript(row.conversation_id),
                                         lambda lines: self._show_lines(row.conversation_id, lines), self)

    def _show_lines(self, conversation_id: str, lines: object) -> None:
        current = self.current_chat()
        if current is None or current.conversation_id != conversation_id or not isinstance(lines, list):
            return
        self.transcript_model.show_lines(conversation_id, lines)
        self.transcript.resizeRowsToContents()

    # --- 质检 ---------------------------------------------------------------------------------------

    def _show_checklist(self) -> None:
        for box in self.checks:
            box.deleteLater()
        self.checks = []
        for name, weight in self.desk.checklist():
            box = QCheckBox(f"{name} ({weight})")
            box.setProperty("item", name)
            self.checks_box.addWidget(box)
            self.checks.append(box)

    def save_score(self) -> None:
        row = self.current_chat()
        if row is None:
            self.status.setText(self.tr("Choose a chat first."))
            return
        ticked = [str(box.property("item")) for box in self.checks if box.isChecked()]
        try:
            review = self.desk.score(row.conversation_id, str(self.scored_agent.currentData() or ""), ticked,
                                     self.comment.text())
        except ReviewRefused as refused:
            self.status.setText(self.tr("Not saved: %1").replace("%1", say(refused.args[0])))
            return
        for box in self.checks:
            box.setChecked(False)
        self.comment.clear()
        self._notice = self.tr("Scored %1 for %2.").replace("%1", str(review.score)).replace("%2", self.who(review.agent))
        self.status.setText(self._notice)
        self.focus_chat = row.conversation_id  # stay on the chat when the list comes back
        self.refresh()

    def current_line(self) -> Line | None:
        return self.transcript_model.line_at(self.transcript.currentIndex())

    def comment_message(self) -> None:
        line = self.current_line()
        if line is None:
            self.status.setText(self.tr("Choose a message first (Alt+M, then the arrows)."))
            return
        text, ok = QInputDialog.getText(self, self.tr("Comment on the message"), self.tr("Comment:"))
        if ok:
            self.add_note(line, text, "")

    def mark_example(self, example: str) -> None:
        line = self.current_line()
        if line is None:
            self.status.setText(self.tr("Choose a message first (Alt+M, then the arrows)."))
            return
        self.add_note(line, "", example)

    def add_note(self, line: Line, text: str, example: str) -> None:
        try:
            self.desk.note(line.message.id, text, example)
        except ReviewRefused as refused:
            self.status.setText(self.tr("Not saved: %1").replace("%1", say(refused.args[0])))
            return
        row = self.current_chat()
        if row is not None:
            self._show_lines(row.conversation_id, self.desk.transcript(row.conversation_id))

    # --- export -----------------------------------------------------------------------------------

    def choose_export(self) -> None:
        agent = str(self.agent.currentData() or "") or str(self.scored_agent.currentData() or "")
        if not agent or agent == ROBOT:
            self.status.setText(self.tr("Choose an agent (Alt+A) whose day to export."))
            return
        day = self.days()[0]
        path, _filter = QFileDialog.getSaveFileName(self, self.tr("Export the day"),
                                                    f"{self.who(agent).replace('/', '_').replace(chr(92), '_')}-{day.isoformat()}.html",
                                                    self.tr("Web page (*.html);;Plain text (*.txt)"))
        if path:
            self.export(Path(path), agent, day)

    def export(self, path: Path, agent: str, day: date) -> None:
        fmt = "txt" if path.suffix.lower() == ".txt" else "html"
        self.status.setText(self.tr("Exporting…"))

        def write() -> Path:
            write_atomic(path, self.desk.export_day(day, agent, fmt))
            return path

        def done(result: object) -> None:
            if isinstance(result, Exception):
                self.status.setText(self.tr("Not exported: %1").replace("%1", str(result)))
            else:
                self.status.setText(self.tr("Exported to %1.").replace("%1", str(result)))

        self._exporting = in_background(write, done, self)
