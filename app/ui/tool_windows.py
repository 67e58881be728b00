"""The desk's tool windows (phrase manager, issue list, worklist, review, KPIs, search, word lists, clipboard
history…): Esc closes one, and the keyboard goes back to the reply box, where the agent's next keystroke belongs.

An Esc that something inside the window uses first (a cell being edited, an open drop-down or calendar, a
menu) never reaches the window: editors and popups take it, so the first Esc cancels that and the next closes.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget

from app.ui.keys.registry import widget_keys
from app.ui.layout_memory import LayoutMemory

Tool = TypeVar("Tool", bound=QWidget)
CLOSE_KEYS = widget_keys("tools.close")  # Esc


class ToolWindows(QObject):
    """Given the desk's window and how to put the keyboard in its reply box; adopt() each tool window."""

    def __init__(self, desk: QWidget, focus_reply: Callable[[], None]) -> None:
        super().__init__(desk)
        self._desk = desk
        self._focus_reply = focus_reply
        self.memory: LayoutMemory | None = None  # the running desk remembers each tool window's layout


    def adopt(self, tool: Tool) -> Tool:
        """Esc closes tool (a dialog is rejected, as its Cancel would); its size and columns are as the agent left
        them last time; returns tool."""
        tool.installEventFilter(self)
        if self.memory is not None:
            self.memory.track(tool)
        return tool

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if not isinstance(watched, QWidget):
            return False
        if (event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent)
                and event.key() in CLOSE_KEYS and event.modifiers() == Qt.KeyboardModifier.NoModifier):
            # a key reaches the window itself only when the widget with the focus left it unused
            watched.close()
            return True
        if event.type() == QEvent.Type.Hide and not event.spontaneous() \
                and QApplication.activeWindow() in (None, watched):  # not when the agent is in another window
            self._back_to_desk()
        return False

    def _back_to_desk(self) -> None:
        if self._desk.isVisible() and not self._desk.isMinimized():
            self._desk.activateWindow()
            self._focus_reply()
