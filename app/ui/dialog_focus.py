"""When one of the desk's dialogs closes (why close a chat unanswered, send anyway, transfer, a new issue, an action
on an issue…), the desk is the active window again and the keyboard is where it was in the desk: in the reply box
after Ctrl+W, in the issue list after Ctrl+Shift+I. Without a window manager that hands the focus back to a
dialog's parent (Xvfb, a kiosk session, the offscreen tests), no window was active after a dialog and the agent's
next keystrokes went nowhere. Tool windows (app/ui/tool_windows.py) give the keyboard to the reply box instead.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QChildEvent, QEvent, QObject
from PySide6.QtWidgets import QApplication, QDialog, QWidget


class DialogFocus(QObject):
    """Given the desk's window and how to put the keyboard in its reply box (where it goes when the window had no
    focus widget of its own); watches every dialog the window is the parent of, as each is first shown."""

    def __init__(self, desk: QWidget, focus_reply: Callable[[], None]) -> None:
        super().__init__(desk)
        self._desk = desk
        self._focus_reply = focus_reply
        desk.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        kind = event.type()
        if watched is self._desk:
            # a child is polished when it is first shown, fully made: the dialogs the desk opens, whichever way
            # (installing the filter again is harmless: Qt keeps one)
            if kind == QEvent.Type.ChildPolished and isinstance(event, QChildEvent):
                child = event.child()
                if isinstance(child, QDialog):
                    child.installEventFilter(self)
            return False
        if kind == QEvent.Type.Hide and not event.spontaneous() and isinstance(watched, QDialog):
            self._back_to_desk(watched)
        return False

    def _back_to_desk(self, dialog: QDialog) -> None:
        # only when the agent was in this dialog (not in another application), and no other dialog of ours is open
        if QApplication.activeWindow() not in (None, dialog):
            return
        if QApplication.activeModalWidget() not in (None, dialog):
            return
        desk = self._desk
        if not desk.isVisible() or desk.isMinimized():
            return
        desk.activateWindow()  # the window's own focus widget has the keyboard again once it is active
        if desk.focusWidget() is None:
            self._focus_reply()
