"""The reply box: Enter sends, Shift+Enter starts a new line, an abbreviation + Space/Tab expands in place
(one Ctrl+Z restores what was typed; Space/Tab again right after puts the phrase's next text there instead), and `/`
in an empty box opens the phrase palette."""

from __future__ import annotations

import re
from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent, QTextCursor
from PySide6.QtWidgets import QPlainTextEdit, QWidget

from app.quickreplies.template import Filled

from app.ui.keys.registry import widget_keys

# word → its phrase filled in, None (not an abbreviation: the key is typed), or True (an abbreviation whose phrase
# goes in later, once the agent has answered what it asks; the word stays until then)
Expander = Callable[[str], Filled | bool | None]
# the phrase just expanded, its next text filled in; None when it has no other
NextText = Callable[[], Filled | None]
TRAILING_ASCII = re.compile(r"[!-~]+$")
EXPAND_KEYS = widget_keys("desk.expand")  # Space, Tab


def utf16_len(text: str) -> int:
    """Qt counts positions in UTF-16 units: an emoji outside the BMP is two of them."""
    return len(text.encode("utf-16-le")) // 2


class Composer(QPlainTextEdit):
    sig_send = Signal()
    """The agent pressed Enter (or Ctrl+Enter) to send what is in the box."""
    sig_palette = Signal()
    """`/` typed into an empty box: open the phrase palette."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTabChangesFocus(False)
        self.setPlaceholderText(self.tr("Type a reply — Enter sends, Shift+Enter starts a new line, / finds a phrase"))
        self.expander: Expander = lambda word: None
        self.next_text: NextText = lambda: None
        # (start, the text put there, the box and caret right after): the expansion Space/Tab can still cycle
        self._expanded: tuple[int, str, str, int, int] | None = None

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        key, modifiers = event.key(), event.modifiers()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if modifiers & Qt.KeyboardModifier.ShiftModifier:
                self.insertPlainText("\n")
                return
            if not modifiers & ~(Qt.KeyboardModifier.KeypadModifier | Qt.KeyboardModifier.ControlModifier):
                self.sig_send.emit()
                return
        expanded, self._expanded = self._expanded, None  # any key but the expansion key ends the cycling
        if key in EXPAND_KEYS and not modifiers and (self._cycle(expanded) or self._expand_word_before_caret()):
            return
        if event.text() == "/" and not self.toPlainText():
            self.sig_palette.emit()
            return
        super().keyPressEvent(event)

    def _expand_word_before_caret(self) -> bool:
        cursor = self.textCursor()
        if cursor.hasSelection():
            return False
        before = cursor.block().text()[: cursor.positionInBlock()]
        # Chinese has no spaces: the abbreviation is the run of printable ASCII right before the caret
        # ("亲，fh" → "fh"), and only that whole run can match, so "shift" never fires "fh"
        match = TRAILING_ASCII.search(before)
        word = match.group(0) if match else ""
        filled = self.expander(word) if word else None
        if filled is None or filled is False:
            return False
        if isinstance(filled, Filled):
            self.insert_filled(filled, replacing=word)
            self._remember_expansion(filled)
        return True

    def _remember_expansion(self, filled: Filled) -> None:
        cursor = self.textCursor()
        start = min(cursor.position(), cursor.anchor()) - utf16_len(filled.marked().text[: self._caret_in(filled)])
        self._expanded = (start, filled.marked().text, self.toPlainText(), cursor.position(), cursor.anchor())

    @staticmethod
    def _caret_in(filled: Filled) -> int:
        """Where insert_filled leaves the caret (or the selection's start) in the text it put in."""
        marked = filled.marked()
        if marked.blanks:
            return marked.blanks[0][0]
        return marked.cursor if marked.cursor is not None else len(marked.text)

    def _cycle(self, expanded: tuple[int, str, str, int, int] | None) -> bool:
        """Right after an expansion, untouched since: its text replaced by the phrase's next one."""
        if expanded is None:
            return False
        start, text, box, position, anchor = expanded
        cursor = self.textCursor()
        if (cursor.position(), cursor.anchor()) != (position, anchor) or self.toPlainText() != box:
            return False
        filled = self.next_text()
        if filled is None:
            return False
        cursor.setPosition(start)
        cursor.setPosition(start + utf16_len(text), QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)
        self.insert_filled(filled)
        self._remember_expansion(filled)
        return True

    def insert_filled(self, filled: Filled, *, replacing: str = "") -> None:
        """Insert at the caret (after removing `replacing` before it) as one undo step, then put the caret at
        {cursor} or select the first blank the agent must fill. The blanks go in marked (Filled.marked()), so
        the desk knows them from brackets anybody typed."""
        filled = filled.marked()
        cursor = self.textCursor()
        cursor.beginEditBlock()
        if replacing:
            cursor.movePosition(QTextCursor.MoveOperation.Left, QTextCursor.MoveMode.KeepAnchor, utf16_len(replacing))
        cursor.removeSelectedText()
        start = cursor.position()
        cursor.insertText(filled.text)
        cursor.endEditBlock()
        if filled.blanks:
            first, last = filled.blanks[0]
            cursor.setPosition(start + utf16_len(filled.text[:first]))
            cursor.setPosition(start + utf16_len(filled.text[:last]), QTextCursor.MoveMode.KeepAnchor)
        elif filled.cursor is not None:
            cursor.setPosition(start + utf16_len(filled.text[: filled.cursor]))
        self.setTextCursor(cursor)
        self.setFocus()

    def select_span(self, start: int, end: int) -> None:
        """Select text[start:end] (Python indices of toPlainText()) and take the focus: a blank to type over."""
        text = self.toPlainText()
        cursor = self.textCursor()
        cursor.setPosition(utf16_len(text[:start]))
        cursor.setPosition(utf16_len(text[:end]), QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)
        self.setFocus()
