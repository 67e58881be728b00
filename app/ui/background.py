"""The home of work done off the GUI thread: in_background() runs a slow read or write on a thread and hands its
result (or its exception) back to the GUI thread, where the window that asked shows it; handed_back() does the
handing back for work queued elsewhere (the desk's writer); Latest shows only the
answer to the newest of questions asked one after another."""

from __future__ import annotations

import threading
from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QObject, Signal


class _Relay(QObject):
    """Carries a worker thread's outcome to the GUI thread (a queued signal)."""

    sig_done = Signal(object)


_UNDER_WAY: set[_Relay] = set()  # relays whose work has not come back yet: kept alive here, not by a window


def in_background(work: Callable[[], object], done: Callable[[object], None], parent: QObject) -> _Relay:
    """Run work() on a thread; done(result or the exception) on the GUI thread, unless parent (the window that
    asked) was deleted meanwhile."""
    relay = _relay(done, parent)

    def run() -> None:
        try:
            result: object = work()
        except Exception as exc:  # noqa: BLE001 - handed to the GUI thread, which shows it
            result = exc
        relay.sig_done.emit(result)

    threading.Thread(target=run, name="background-read", daemon=True).start()
    return relay


def handed_back(done: Callable[[object], None], parent: QObject) -> Callable[[object], None]:
    """A callable for another thread (the desk's writer, a worker) to call once with its outcome: done(outcome) runs
    on the GUI thread, unless parent (the window that asked) was deleted meanwhile. Call it on the GUI thread. The
    relay belongs to no window: a window closed while its question was on the way took its child relay with it,
    and the worker then emitted on an object being deleted on the other thread (the process crashed)."""
    return _relay(done, parent).sig_done.emit


def _relay(done: Callable[[object], None], parent: QObject) -> _Relay:
    relay = _Relay()  # made on the GUI thread: its queued signal is delivered there

    def deliver(result: object) -> None:
        _UNDER_WAY.discard(relay)
        if shiboken6.isValid(parent):
            done(result)

    relay.sig_done.connect(deliver)
    _UNDER_WAY.add(relay)
    return relay


def under_way() -> int:
    """How many background questions have not come back to the GUI thread yet (tests wait for none)."""
    return len(_UNDER_WAY)


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
