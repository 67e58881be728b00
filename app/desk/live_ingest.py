"""The shop stream's messages into the store in group commits: what arrives within a few milliseconds is committed
in one transaction, together with the stream's resume point, on a thread of its own while the stream reads on.

The resume point is the acknowledgement: the shop resends everything after it (Last-Event-ID). It is written in
the transaction that commits the messages before it, so a message is acknowledged exactly when it is committed,
and a desk killed between receiving and committing gets it again. A group that fails is not acknowledged either:
the stream starts again from `acknowledged` (ShopEvents rewinds it) and the shop resends the group.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from app.store.records import MessageRecord
from app.store.store import Store

from app import domain

log = logging.getLogger("kefudesk.desk")

# a message waits at most this long for others to share its commit (a commit at synchronous=FULL costs ~1 ms);
# a busy stream fills groups faster, an idle one commits each message after this short wait
WINDOW_S = 0.002
MAX_GROUP = 500  # messages in one transaction at most: the chats' summaries and the window's model updates stay small
MAX_WAITING = 5000  # received and not committed: the stream stops reading (the shop holds the rest) beyond this

Stored = Callable[[list[tuple[MessageRecord, bool]]], None]
Failed = Callable[[Exception], None]


@dataclass(frozen=True)
class Arrival:
    """One event of the stream as the group keeps it: a message with the chat it came with, or an event that
    writes nothing but the resume point (a ping, an agent's status)."""

    event_id: str
    conversation: domain.Conversation | None
    message: domain.Message | None


class LiveIngest:
    """Commits the arrivals put() by one stream, in order, a group per transaction, and hands each group's
    outcome (the row, whether it is new) to on_stored once it is committed; on_failed hears a group's failure at
    once (put() and flush() raise it later, on the stream's thread). resume_key: the meta key of the stream's
    resume point (None: a demo, which starts from the beginning every time)."""

    def __init__(self, store: Store, resume_key: str | None, on_stored: Stored, *, on_failed: Failed | None = None,
                 acknowledged: str | None = None, window_s: float = WINDOW_S, max_group: int = MAX_GROUP,
                 max_waiting: int = MAX_WAITING) -> None:
        self._store = store
        self._resume_key = resume_key
        self._on_stored = on_stored
        self._on_failed = on_failed
        self._window_s = window_s
        self._max_group = max_group
        self._max_waiting = max_waiting
        self.acknowledged = acknowledged  # the last event id committed: where the shop resends from
        self.groups = 0  # transactions committed (what a test or the bench reads to see the grouping)
        self._waiting: list[Arrival] = []
        self._in_flight = False
        self._failure: BaseException | None = None
        self._stopping = False
        self._changed = threading.Condition()
        self._thread: threading.Thread | None = None

    @property
    def waiting(self) -> int:
        """Arrivals received and not yet in a group being committed."""
        with self._changed:
            return len(self._waiting)

    def put(self, arrival: Arrival) -> None:
        """Hand an arrival over to be committed; returns at once unless MAX_WAITING are waiting. Raises (once)
        what a group before it failed with: then nothing after `acknowledged` was kept, and the stream must start
        again from there."""
        with self._changed:
            while len(self._waiting) >= self._max_waiting and self._failure is None and not self._stopping:
                self._changed.wait()
            self._raise_failure()
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="kefudesk-ingest", daemon=True)
                self._thread.start()
            self._waiting.append(arrival)
            self._changed.notify_all()

    def flush(self) -> None:
        """Wait until everything put is committed (bounded by the store's own timeouts); raises as put() does."""
        with self._changed:
            while (self._waiting or self._in_flight) and self._failure is None:
                self._changed.wait()
            self._raise_failure()

    def settle(self) -> Exception | None:
        """Wait until no group is waiting or being committed; the failure of one, taken (None: all committed)."""
        try:
            self.flush()
        except Exception as exc:  # noqa: BLE001 - handed to the caller, who says it
            return exc
        return None

    def acknowledge(self, event_id: str) -> None:
        """An event the caller stored itself, after flush(): its resume point, in a transaction of its own."""
        if self._resume_key is not None:
            self._store.set_meta(self._resume_key, event_id)
        with self._changed:
            self.acknowledged = event_id

    def stop(self, timeout: float = 3.0) -> None:
        """Commit what is waiting and end the thread (what is not committed by then the shop resends)."""
        with self._changed:
            self._stopping = True
            self._changed.notify_all()
            thread = self._thread
        if thread is not None and thread is not threading.current_thread():
            thread.join(timeout)

    def _raise_failure(self) -> None:
        failure, self._failure = self._failure, None
        if failure is not None:
            raise failure

    def _next_group(self) -> list[Arrival] | None:
        """The arrivals of the next transaction: what is waiting, and what arrives within the window after the
        first of them, up to max_group. None when stopping with nothing waiting."""
        with self._changed:
            while not self._waiting and not self._stopping:
                self._changed.wait()
            if not self._waiting:
                return None
            closes = time.monotonic() + self._window_s
            while len(self._waiting) < self._max_group and not self._stopping:
                left = closes - time.monotonic()
                if left <= 0:
                    break
                self._changed.wait(left)
            group, self._waiting = self._waiting[:self._max_group], self._waiting[self._max_group:]
            self._in_flight = True
            self._changed.notify_all()  # room for a put() that waited
            return group

    def _run(self) -> None:
        while (group := self._next_group()) is not None:
            last_id = next((a.event_id for a in reversed(group) if a.event_id), None)
            items = [(a.conversation, a.message) for a in group if a.message is not None]
            resume = (self._resume_key, last_id) if self._resume_key is not None and last_id else None
            try:
                outcomes = self._store.ingest_live(items, resume) if items or resume else []
            except Exception as exc:  # noqa: BLE001 - the stream's thread raises it at its next event
                log.warning("a group of %d event(s) from the shop was not stored: %s", len(group), exc)
                with self._changed:  # what waits after the group is not kept either: the shop resends it all
                    self._failure, self._waiting, self._in_flight = exc, [], False
                    self._changed.notify_all()
                try:
                    if self._on_failed is not None:
                        self._on_failed(exc)
                except Exception:  # the stream still ends at its next event and says it
                    log.exception("telling the desk a group was not stored failed")
                continue
            with self._changed:
                self.groups += 1
                if last_id:
                    self.acknowledged = last_id
            try:
                if outcomes:
                    self._on_stored(outcomes)
            except Exception:  # a listener's bug must not stop the stream's messages for the day
                log.exception("telling the desk about stored messages failed")
            finally:
                with self._changed:
                    self._in_flight = False
                    self._changed.notify_all()
