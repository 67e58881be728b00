"""Whether the team's server answers, for a desk whose store is on one: lost once, said once, then asked again
with a growing wait (exponential with jitter, capped) until it answers, and back once.

Everything that meets StoreUnreachable hands it to lost(); the first call while the server was up starts the
outage (on_lost), later ones are the same outage. The probe thread asks the server (SELECT 1); once it answers,
on_back writes back what the desk kept meanwhile — if that fails because the server went again, the probe goes
on — and then, the outage over, on_up resumes the desk's work.
"""

from __future__ import annotations

import logging
import random
import threading
from collections.abc import Callable

from app.store.errors import StoreUnreachable

log = logging.getLogger("kefudesk.desk.server")

FIRST_WAIT_S = 0.5
MOST_WAIT_S = 30.0  # an outage of an hour is 120 questions, not 18,000


class ServerWatch:
    def __init__(self, ping: Callable[[], None], *, on_lost: Callable[[StoreUnreachable], None],
                 on_back: Callable[[], None], on_up: Callable[[], None], stopping: threading.Event,
                 first_wait: float = FIRST_WAIT_S, most_wait: float = MOST_WAIT_S) -> None:
        self._ping = ping
        self._on_lost = on_lost
        self._on_back = on_back
        self._on_up = on_up
        self._stopping = stopping
        self._first_wait = first_wait
        self._most_wait = most_wait
        self._lock = threading.Lock()
        self._down = threading.Event()
        self.outages = 0  # since the desk started
        self.attempts = 0  # questions asked in the current (or last) outage

    @property
    def down(self) -> bool:
        return self._down.is_set()

    def lost(self, exc: StoreUnreachable) -> bool:
        """The server did not answer a store call; True when this starts an outage (the caller's is the first)."""
        with self._lock:
            if self._down.is_set():
                return False
            self._down.set()
            self.outages += 1
            self.attempts = 0
        log.warning("the team's server cannot be reached: %s", exc)
        self._on_lost(exc)
        threading.Thread(target=self._probe, name="kefudesk-server-watch", daemon=True).start()
        return True

    def _probe(self) -> None:
        wait = self._first_wait
        while not self._stopping.wait(random.uniform(wait / 2, wait)):  # jitter: a team's desks do not ask at once
            self.attempts += 1
            try:
                self._ping()
                self._on_back()
            except StoreUnreachable as exc:
                log.info("the team's server still cannot be reached (%d): %s", self.attempts, exc)
                wait = min(self._most_wait, wait * 2)
                continue
            except Exception:  # noqa: BLE001 - a bug writing back must not end the watch: the outage stays said
                log.exception("writing back after the team's server returned failed")
                wait = min(self._most_wait, wait * 2)
                continue
            with self._lock:
                self._down.clear()
            log.warning("the team's server answers again (after %d questions)", self.attempts)
            self._on_up()
            return
