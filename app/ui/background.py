"""The home of work done off the GUI thread: in_background() runs a slow read or write on a thread and hands its
result (or its exception) back to the GUI thread, where the window that asked shows it; Latest shows only the
answer to the newest of questions asked one after another."""

from __future__ import annotations

import threading
from collections.abc import Callable

from PySide6.QtCore import QObject, Signal


class _Relay(QObject):
    """Carries a worker thread's outcome to the GUI thread (a queued signal)."""

    sig_done = Signal(object)


def in_background(work: Callable[[], object], done: Callable[[object], None], parent: QObject) -> _Relay:
    """Run work() on a thread; done(result or the exception) on the GUI thread."""
    relay = _Relay(parent)
    relay.sig_done.connect(done)

    def run() -> None:
        try:
            result: object = work()
        except Exception as exc:  # noqa: BLE001 - handed to the GUI thread, which shows it
            result = exc
        try:
            relay.sig_done.emit(result)
        except RuntimeError:
            pass  # the dialog was cancelled and deleted meanwhile: nobody waits for this any more

    threading.Thread(target=run, name="background-read", daemon=True).start()
    return relay


class Latest:
    """A question a window may ask again before its answer comes (a filter changed, another day chosen): only the
    newest question's answer is shown; an older one arriving late is dropped."""

    def __init__(self, parent: QObject) -> None:
        self._parent = parent
        self._asked = 0

    def ask(self, work: Callable[[], object], done: Callable[[object], None]) -> None:
        """Run work() on a thread; done(result or the exception) on the GUI thread unless asked again since."""
        self._asked += 1
        asked = self._asked
        in_background(work, lambda result: self._answered(asked, result, done), self._parent)

    def forget(self) -> None:
        """Drop the answer on its way: the question was taken back (the search box emptied)."""
        self._asked += 1

    def _answered(self, asked: int, result: object, done: Callable[[object], None]) -> None:
        if asked == self._asked:
            done(result)
