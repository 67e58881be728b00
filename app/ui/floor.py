"""The floor's order in the window: after a reply or a close the desk opens the next buyer to answer (the
longest-waiting one by default, setting queue.after_reply), Ctrl+↓/↑ walk the unanswered chats (Alt+↓/↑ every
chat), the open chat's row stays in sight, and the queue's tabs say how many chats each view holds."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QObject, Qt
from PySide6.QtWidgets import QAbstractItemView

from app.desk.queue import FILTERS

if TYPE_CHECKING:
    from app.ui.main_window import MainWindow

AFTER_REPLY = ("longest", "next", "stay")


class Floor(QObject):
    def __init__(self, window: MainWindow, after_reply: str = "longest") -> None:
        super().__init__(window)
        if after_reply not in AFTER_REPLY:
            raise ValueError(f"after a reply: one of {', '.join(AFTER_REPLY)}")
        self.window = window
        self.after_reply = after_reply
        self.holding = False  # a reply or a close is changing the queue: the window opens no chat meanwhile
        self._row_before = -1
        model = window.queue_model
        self._fit_tabs()
        model.sig_counts.connect(self.show_counts)
        for moved in (model.rowsMoved, model.rowsInserted, model.rowsRemoved, model.modelReset):
            moved.connect(self.keep_current_visible)
        self.show_counts()

    # --- after a reply or a close -----------------------------------------------------------------

    @contextmanager
    def answering(self, conversation_id: str) -> Iterator[None]:
        """Around the reply's (or the close's) store write: the chat moves down, or leaves a view that shows only
        unanswered chats, and the view would open its neighbour on the way; the desk decides after, in
        moved_on()."""
        self._row_before = self.window.queue_model.row_of(conversation_id)
        self.holding = True
        try:
            yield
        finally:
            self.holding = False

    def moved_on(self, conversation_id: str) -> None:
        """The reply is handed to the writer (or the chat closed): open the buyer to answer next, as the setting says; with
        nobody waiting, stay on this chat if the view still shows it."""
        model, window = self.window.queue_model, self.window
        here = model.row_of(conversation_id)
        # the longest waiter but this chat: the reply is stored after this (off the GUI thread), so the queue may
        # still show its buyer waiting at the top
        longest = model.waiting_row(0, skip=conversation_id) if model.rowCount() else -1
        start = self._row_before if self._row_before >= 0 else 0
        following = model.waiting_row(start, skip=conversation_id) if model.rowCount() else -1
        if self.after_reply == "stay" and here >= 0:
            target = here
        elif self.after_reply == "next":
            target = following
        else:
            target = longest
        if target < 0:
            target = here
        if target >= 0:
            window.select_row(target)
        # the chat the queue points at, whichever way it came to point there (opened once, not on the way)
        window.on_current_changed(window.queue_view.currentIndex(), QModelIndex())

    # --- walking ----------------------------------------------------------------------------------

    def step(self, step: int, *, every: bool = False) -> None:
        """Ctrl+↓/↑: the next / previous buyer who waits for an answer (wrapping round); every: each chat in
        the view, the answered ones too (Alt+↓/↑)."""
        model, window = self.window.queue_model, self.window
        count = model.rowCount()
        if not count:
            return
        current = window.queue_view.currentIndex().row()
        if every:
            window.select_row(0 if current < 0 else (current + step) % count)
            return
        chat = window.current_chat()
        row = model.waiting_row(step if current < 0 else current + step, step, skip=chat.id if chat else "")
        if row >= 0:
            window.select_row(row)
            return
        window.statusBar().showMessage(self.tr("No other buyer waits for an answer here; Alt+↓ / Alt+↑ walk "
                                               "every chat."), 5_000)

    def keep_current_visible(self) -> None:
        """Rows move as buyers write and are answered: the open chat's row is kept in sight."""
        index = self.window.queue_view.currentIndex()
        if index.isValid():
            self.window.queue_view.scrollTo(index, QAbstractItemView.ScrollHint.EnsureVisible)

    # --- the tabs ---------------------------------------------------------------------------------

    def _fit_tabs(self) -> None:
        """The queue is made wide enough for its four tabs with three-digit counts, so no tab scrolls out of
        sight as the counts grow (a queue dragged narrower elides the words, never the counts)."""
        tabs = self.window.queue_views
        tabs.setUsesScrollButtons(False)
        tabs.setElideMode(Qt.TextElideMode.ElideMiddle)
        for index, view in enumerate(FILTERS):
            tabs.setTabText(index, f"{self.window.view_label(view)} 888")
        needed = sum(tabs.tabSizeHint(index).width() for index in range(tabs.count()))
        self.window.queue_view.setMinimumWidth(max(self.window.queue_view.minimumWidth(), needed))

    def show_counts(self) -> None:
        """未回复 12, 紧急 3: each view's tab with how many open chats it holds."""
        counts = self.window.queue_model.counts()
        tabs = self.window.queue_views
        for index, view in enumerate(FILTERS):
            tabs.setTabText(index, f"{self.window.view_label(view)} {counts[view]}")
