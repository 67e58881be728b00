"""The phrase palette over any application (issue 8): a global hotkey opens it at the mouse; the chosen phrase
is pasted into the application that was in front — through the clipboard and a Ctrl+V keystroke, the clipboard
given back afterwards — or typed key by key where pastes are refused (Shift+Enter, or the applications in
palette.type_in); Alt+Enter presses Enter after it, which sends it in a seller client. A phrase used here counts
in the phrase statistics like a phrase used in the desk. Copies made in any
application go to the clipboard history, except from the excluded ones (password managers).

The desktop layer (app/systemwide) does the windowing-system work; this is the Qt side of it.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import (
    QEvent,
    QMimeData,
    QObject,
    QPoint,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QCursor, QGuiApplication, QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QFrame,
    QLabel,
    QLineEdit,
    QListView,
    QVBoxLayout,
)

from app.domain import now_utc

from app.quickreplies.phrase import Phrase
from app.quickreplies.template import CHOICE, CURSOR, VARIABLES, Ask, asks_in, clock_values, variables_in
from app.store.clips import ClipRecord
from app.store.images import ImageError
from app.systemwide import Desktop, DesktopUnavailable

from app.desk.asks import AnswerRefused, check_answer
from app.desk.clipboard import ClipHistory
from app.desk.hotstrings import Hotstrings
from app.desk.phrases import PhraseBook, PhraseRejected

from app.ui.labels import problem_label, say
from app.ui.models.clip_list import THUMB, ClipList
from app.ui.models.palette_model import one_line
from app.ui.phrase_palette import PhrasePalette

TRACE = bool(os.environ.get("KEFUDESK_TRACE"))  # times printed for the benchmark
PASTE_AFTER_MS = 80  # the popup is gone and the clipboard is ours before the keystroke
RESTORE_AFTER_MS = 600  # the target application has read the clipboard


def _copy(mime: QMimeData | None) -> QMimeData:
    """A detached copy of the clipboard's contents (the clipboard's own object changes under us)."""
    copy = QMimeData()
    if mime is not None:
        for fmt in mime.formats():
            copy.setData(fmt, mime.data(fmt))
    return copy


class VariableForm(QFrame):
    """The values a phrase needs that nothing outside a chat knows (the buyer, the order no.) and the values it
    asks each time ({ask:补偿金额|money}): a small popup at the palette's place, so the keys stay with it and the
    focus with the application being typed in. Enter pastes, Esc gives up. An asked value must be given (and
    be an amount, a date… as asked); a chat's value left empty is pasted as its 【blank】 to type over, but not
    when the phrase is to be sent (Alt+Enter): then every field must be filled."""

    sig_filled = Signal(object, dict, dict)  # (Phrase, {variable: value}, {asked label: answer})

    def __init__(self) -> None:
        super().__init__(None, Qt.WindowType.Popup)
        self.setObjectName("phraseVariables")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.form = QFormLayout(self)
        self.fields: dict[str, QLineEdit] = {}
        self.asked: list[tuple[Ask, QLineEdit | QComboBox]] = []
        self.problem = QLabel()
        self.phrase: Phrase | None = None
        self.send = False

    def ask(self, phrase: Phrase, names: list[str], at: QPoint, asks: list[Ask] | None = None,
            send: bool = False) -> None:
        while self.form.rowCount():
            self.form.removeRow(0)
        self.fields = {}
        self.asked = []
        self.phrase, self.send = phrase, send
        self.form.addRow(QLabel(self.tr("%1 needs:").replace("%1", phrase.title)))
        for name in names:
            field = QLineEdit()
            field.installEventFilter(self)
            self.fields[name] = field
            self.form.addRow(VARIABLES.get(name, name), field)
        for ask in asks or []:
            asked: QLineEdit | QComboBox
            if ask.kind == CHOICE:
                asked = QComboBox()
                asked.addItems(list(ask.choices))
            else:
                asked = QLineEdit()
            asked.installEventFilter(self)
            self.asked.append((ask, asked))
            self.form.addRow(ask.label, asked)
        self.problem = problem_label("variablesProblem")
        self.form.addRow(self.problem)
        self.adjustSize()
        self.move(at)
        self.show()
        first = next(iter(self.fields.values()), None) or self.asked[0][1]
        first.setFocus()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.phrase is not None:
                self._submit()
                return True
            if event.key() == Qt.Key.Key_Escape:
                self.hide()
                return True
        return super().eventFilter(watched, event)

    def _submit(self) -> None:
        assert self.phrase is not None
        values = {name: field.text().strip() for name, field in self.fields.items()}
        empty = next((name for name, value in values.items() if not value), None)
        if self.send and empty is not None:  # a blank is never sent: the agent fills it or pastes without sending
            self.problem.setText(self.tr("Fill in %1 to send it; Enter without Alt pastes it with the blank to "
                                         "type over.").replace("%1", VARIABLES.get(empty, empty)))
            self.fields[empty].setFocus()
            return
        answers: dict[str, str] = {}
        for ask, field in self.asked:
            raw = field.currentText() if isinstance(field, QComboBox) else field.text()
            try:
                answers[ask.label] = check_answer(ask, raw, today=now_utc().astimezone().date())
            except AnswerRefused as refused:
                self.problem.setText(say(refused.args[0]))
                field.setFocus()
                return
        self.hide()
        self.sig_filled.emit(self.phrase, values, answers)


class ClipPalette(QFrame):
    """The clipboard history (Ditto-style), searchable: Enter pastes the entry, Ctrl+S keeps it as a phrase."""

    sig_paste = Signal(object)  # ClipRecord
    sig_keep = Signal(object)  # ClipRecord

    def __init__(self, clips: ClipHistory) -> None:
        super().__init__(None, Qt.WindowType.Popup)
        self.setObjectName("clipPalette")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.clips = clips
        self.query = QLineEdit()
        self.query.setPlaceholderText(self.tr("Search what you copied; Enter pastes it, Ctrl+S keeps it as a phrase"))
        self.query.textChanged.connect(lambda _t: self.refresh())
        self.query.installEventFilter(self)
        self.listed = ClipList(clips.store.images.read, self)
        self.results = QListView()
        self.results.setModel(self.listed)
        self.results.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.results.setIconSize(THUMB)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.query)
        layout.addWidget(self.results)
        self.resize(520, 360)

    def open_at(self, at: QPoint) -> None:
        self.query.setText("")
        self.refresh()
        self.move(at)
        self.show()
        self.query.setFocus()

    def refresh(self) -> None:
        self.listed.set_rows(self.clips.search(self.query.text(), limit=50))
        if self.listed.rows:
            self.results.setCurrentIndex(self.listed.index(0))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if watched is self.query and event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            key, row, entries = event.key(), self.results.currentIndex().row(), self.listed.rows
            if key in (Qt.Key.Key_Down, Qt.Key.Key_Up) and entries:
                self.results.setCurrentIndex(self.listed.index((row + (1 if key == Qt.Key.Key_Down else -1))
                                                               % len(entries)))
                return True
            chosen = entries[row] if 0 <= row < len(entries) else None
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.hide()
                if chosen is not None:
                    self.sig_paste.emit(chosen)
                return True
            if key == Qt.Key.Key_S and event.modifiers() & Qt.KeyboardModifier.ControlModifier:
                if chosen is not None:
                    self.sig_keep.emit(chosen)
                return True
            if key == Qt.Key.Key_Escape:
                self.hide()
                return True
        return super().eventFilter(watched, event)


class SystemPalette(QObject):
    sig_hotkey = Signal()  # from the desktop layer's thread, queued to the GUI thread
    sig_clip_hotkey = Signal()
    sig_key = Signal(str)  # a key typed in any application (hotstrings), from the watcher's thread
    sig_kept = Signal(str)  # a copied text kept as a phrase (its title)
    sig_problem = Signal(str)  # why something was not pasted
    sig_pasted = Signal(str)  # the text pasted (tests and the tray read it)

    def __init__(self, desktop: Desktop, book: PhraseBook, clips: ClipHistory, *, shop: str = "",
                 agent: str = "", parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.desktop = desktop
        self.book = book
        self.clips = clips
        self.shop, self.agent = shop, agent
        self.palette = PhrasePalette(lambda query: book.search(query))
        self.palette.setObjectName("systemPalette")
        self.palette.query.setPlaceholderText(self.tr("Search phrases — Enter pastes, Shift+Enter types it, "
                                                      "Alt+Enter pastes and presses Enter"))
        self.palette.sig_chosen.connect(lambda phrase, send: self.chosen(phrase, typed=self.palette.shifted,
                                                                         send=send))
        self.form = VariableForm()
        self.form.sig_filled.connect(lambda phrase, values, answers: self.paste_phrase(phrase, values, answers))
        self.sig_hotkey.connect(self.open)
        self.clip_palette = ClipPalette(clips)
        self.clip_palette.sig_paste.connect(self.paste_clip)
        self.clip_palette.sig_keep.connect(self.keep_clip)
        self.sig_clip_hotkey.connect(lambda: None if self.paused else self.clip_palette.open_at(QCursor.pos()))
        self.paused = False
        self.hotstrings: Hotstrings | None = None
        self.sig_key.connect(self._typed)
        self._saved: QMimeData | None = None
        self._ours = ""  # the text we put on the clipboard: not a copy of the agent's
        self.type_in: set[str] = set()  # applications (lower case) that refuse a paste: the phrase is typed there
        self._how = (False, False)  # the phrase being filled in: (type it, press Enter after it)
        QGuiApplication.clipboard().dataChanged.connect(self._copied)

    def start(self, combo: str, clip_combo: str = "") -> None:
        """Listen for the hotkeys (the phrases, and the clipboard history if clip_combo); DesktopUnavailable
        says why it cannot be."""
        self.desktop.grab_hotkey(combo, self.sig_hotkey.emit)
        if clip_combo:
            self.desktop.grab_hotkey(clip_combo, self.sig_clip_hotkey.emit)

    def watch_hotstrings(self, groups: list[str]) -> None:
        """Expand the abbreviations of these phrase groups wherever the agent types (DesktopUnavailable where
        the windowing system does not allow it)."""
        if not groups:
            return
        self.hotstrings = Hotstrings(self.book.phrases, groups)
        self.desktop.watch_keys(self.sig_key.emit)

    def _typed(self, key: str) -> None:
        if self.hotstrings is None or self.paused:
            return
        found = self.hotstrings.key(key)
        if found is not None:
            self.desktop.tap("BackSpace", found.erase)  # the abbreviation and its end key go
            self.chosen(found.phrase)  # as it is set for the application: pasted, or typed where pastes are refused

    def stop(self) -> None:
        self.desktop.release_hotkeys()

    def open(self, at: QPoint | None = None) -> None:
        if self.paused:
            return
        point = at or QCursor.pos()
        self.palette.query.setText("")
        self.palette.refresh()
        self.palette.move(point)
        # a popup takes the keyboard while it is open without taking the focus from the application the agent
        # was typing in, which therefore gets the paste (activating it would leave that application unfocused)
        self.palette.show()
        self.palette.query.setFocus()
        if TRACE:  # bench/bench_system_palette.py: when the palette could be seen
            QGuiApplication.processEvents()
            print(f"trace palette-shown {time.monotonic():.6f}", flush=True)

    def values(self, now: datetime) -> dict[str, str]:
        """What a template can be filled with outside a chat: the shop, the agent, today, the last order no.
        copied (no buyer, no order: those stay blank for the agent to type)."""
        local = now.astimezone()
        values = {"shop": self.shop, "agent": self.agent} | clock_values(local)
        order_no = self.clips.last_order_no()
        if order_no:
            values["order_no"] = order_no
        return values

    def chosen(self, phrase: Phrase, *, typed: bool = False, send: bool = False) -> None:
        """Paste (or type) at once, or first ask for the values only the agent knows here; send presses Enter
        after it."""
        self._how = (typed, send)
        known = self.values(now_utc())
        missing = list(dict.fromkeys(n for n in variables_in(phrase.body) if n != CURSOR and n not in known))
        asks = asks_in(phrase.body)
        if missing or asks:
            self.form.ask(phrase, missing, self.palette.pos(), asks, send)
        else:
            self.paste_phrase(phrase)

    def paste_phrase(self, phrase: Phrase, given: dict[str, str] | None = None,
                     answers: dict[str, str] | None = None) -> None:
        values = self.values(now_utc()) | {k: v for k, v in (given or {}).items() if v}
        filled = self.book.fill(phrase, values, answers)
        text = filled.text
        typed, send = self._how
        self._how = (False, False)
        if send and filled.blanks:  # pasted for the agent to finish, never sent with the blank
            send = False
            blank = filled.text[filled.blanks[0][0]:filled.blanks[0][1]]
            self.sig_problem.emit(self.tr("Pasted, not sent: %1 still has to be filled in; then press Enter there.")
                                  .replace("%1", blank))

        def counted() -> None:
            self.book.used(phrase, "")
            self.book.count_use(phrase)

        front = self.desktop.active_app()
        if typed or (front is not None and front.app.lower() in self.type_in):
            QTimer.singleShot(PASTE_AFTER_MS, lambda: self._type(text, counted, send))
        else:
            self._paste_text(text, counted, send)

    def paste_clip(self, entry: ClipRecord) -> None:
        """An entry of the clipboard history, pasted where the agent was typing (a picture as a picture)."""
        if entry.kind == "text":
            self._paste_text(entry.text, lambda: None)
            return
        try:
            data = self.clips.store.images.read(entry.image)
        except ImageError as exc:  # gone from the image store, or changed on disk: nothing is pasted
            self.sig_problem.emit(str(exc))
            return
        mime = QMimeData()
        mime.setData("image/png", data)
        self._put_and_paste(mime, "", lambda: None)

    def keep_clip(self, entry: ClipRecord) -> None:
        """A copied text kept as a shared phrase in the group 剪贴板, titled by its start (numbered if taken)."""
        if entry.kind != "text":
            return
        base = one_line(entry.text, 16)
        for n in range(1, 50):
            title = base if n == 1 else f"{base} ({n})"
            try:
                self.book.add([Phrase(0, title, entry.text, "剪贴板")])
            except PhraseRejected:
                continue
            self.sig_kept.emit(title)
            return

    def _paste_text(self, text: str, counted: Callable[[], None], send: bool = False) -> None:
        mime = QMimeData()
        mime.setText(text)
        self._put_and_paste(mime, text, counted, send)

    def _put_and_paste(self, mime: QMimeData, text: str, counted: Callable[[], None], send: bool = False) -> None:
        clipboard = QGuiApplication.clipboard()
        self._saved = _copy(clipboard.mimeData())
        self._ours = text
        clipboard.setMimeData(mime)
        QTimer.singleShot(PASTE_AFTER_MS, lambda: self._paste(text, counted, send))

    def _paste(self, text: str, counted: Callable[[], None], send: bool) -> None:
        try:
            self.desktop.paste()
        except DesktopUnavailable:
            return  # it stays on the clipboard: the agent pastes it by hand
        self._done(text, counted, send)
        QTimer.singleShot(RESTORE_AFTER_MS, self._restore)

    def _type(self, text: str, counted: Callable[[], None], send: bool) -> None:
        """Key by key, for an application that refuses a paste; where typing is impossible, pasted after all."""
        try:
            self.desktop.type_text(text)
        except DesktopUnavailable:
            self._paste_text(text, counted, send)
            return
        self._done(text, counted, send)

    def _done(self, text: str, counted: Callable[[], None], send: bool) -> None:
        if send:
            self.desktop.tap("Return")
        counted()
        self.sig_pasted.emit(text)

    def _restore(self) -> None:
        if self._saved is not None:
            QGuiApplication.clipboard().setMimeData(self._saved)
            self._saved = None

    def _copied(self) -> None:
        """Something was copied (by the agent, anywhere): into the history, unless it was our own paste."""
        mime = QGuiApplication.clipboard().mimeData()
        if mime is None or self._saved is not None:
            return  # our phrase on its way, or the agent's clipboard coming back
        owner = self.desktop.clipboard_owner()
        source = owner.app if owner else ""
        if mime.hasText() and mime.text() != self._ours:
            self.clips.offer_text(mime.text(), source)
        elif mime.hasImage():
            data = mime.data("image/png")
            if data:
                self.clips.offer_image(bytes(data), source)
