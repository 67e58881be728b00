"""The live event stream: one background thread that stays connected, resumes with Last-Event-ID after a
drop, and hands every event to the caller. Reconnects back off with jitter so a restarted server is not
stormed by every desk at once."""

from __future__ import annotations

import logging
import random
import threading
from collections.abc import Callable

import httpx

from app.gateway.client import GatewayClient
from app.gateway.errors import GatewayAuthError, GatewayError, GatewayInsecure, GatewayProtocolError

from app import domain

log = logging.getLogger("kefudesk.gateway.events")


class EventStream:
    """Runs `client.events()` in a daemon thread until stop().

    on_connected(first) is called after each (re)connect, before events flow, so the caller can reconcile
    what it missed; on_event(event) for each event; on_offline(reason) when the stream drops;
    on_fatal(reason) when retrying cannot help (the login was refused, the address is not safe to talk to).
    on_unauthorized(refused_token), when given, is asked first when the gateway refuses the token (a restart
    that forgot its sessions): True when the caller put a new token in place, and the stream reconnects with it;
    False ends the stream without on_fatal (the caller asks for a password and starts a new one).
    """

    def __init__(self, client: GatewayClient, *, last_event_id: str | None,
                 on_event: Callable[[domain.Event], None],
                 on_connected: Callable[[bool], None] = lambda first: None,
                 on_offline: Callable[[str], None] = lambda reason: None,
                 on_fatal: Callable[[str], None] = lambda reason: None,
                 on_unauthorized: Callable[[str], bool] | None = None,
                 min_backoff: float = 0.25, max_backoff: float = 10.0) -> None:
        self._client = client
        self.last_event_id = last_event_id
        self._on_event = on_event
        self._on_connected = on_connected
        self._on_offline = on_offline
        self._on_fatal = on_fatal
        self._on_unauthorized = on_unauthorized
        self._min_backoff = min_backoff
        self._max_backoff = max_backoff
        self._stop = threading.Event()
        self._go = threading.Event()  # cleared by pause(): no reconnecting until resume()
        self._go.set()
        self._kick = threading.Event()  # ends a backoff wait early (stop, resume)
        self._response: httpx.Response | None = None
        self._thread = threading.Thread(target=self._run, name="kefudesk-events", daemon=True)
        self.bad_events = 0
        self._backoff = min_backoff
        self._first = True

    def start(self) -> None:
        self._thread.start()

    def pause(self) -> None:
        """Connect no more until resume(): what the events would be written to is away (the team's server).
        A stream that is open stays open until its next event fails, and then waits."""
        self._go.clear()

    def resume(self) -> None:
        """Connect again now (the first attempt at once, the backoff from its start)."""
        self._backoff = self._min_backoff
        self._go.set()
        self._kick.set()

    def stop(self, timeout: float = 3.0) -> None:
        self._stop.set()
        self._go.set()
        self._kick.set()
        response = self._response
        if response is not None:
            try:
                response.close()  # unblocks the reader thread's pending read
            except Exception:  # noqa: BLE001 - closing a dying socket may fail in many ways; we are leaving
                log.debug("closing the event stream failed", exc_info=True)
        if self._thread.is_alive() and threading.current_thread() is not self._thread:
            self._thread.join(timeout)

    @property
    def running(self) -> bool:
        return self._thread.is_alive()

    def _sleep(self, seconds: float) -> None:
        self._kick.wait(seconds)
        self._kick.clear()

    def _opened(self, response: httpx.Response) -> None:
        self._response = response
        self._backoff = self._min_backoff
        self._on_connected(self._first)
        self._first = False

    def _run(self) -> None:
        while not self._stop.is_set():
            self._go.wait()  # paused: no reconnecting in a loop while the events have nowhere to go
            if self._stop.is_set():
                return
            token = self._client.token
            try:
                for item in self._client.events(self.last_event_id, on_open=self._opened):
                    if self._stop.is_set():
                        return
                    if isinstance(item, GatewayProtocolError):
                        self.bad_events += 1
                        log.warning("%s", item)
                        continue
                    self._on_event(item)
                    if item.id:
                        self.last_event_id = item.id
                reason = "the shop gateway closed the event stream"
            except GatewayAuthError as exc:
                if self._on_unauthorized is None:
                    self._on_fatal(str(exc))
                    return
                if not self._on_unauthorized(token):
                    return
                # logged in again: reconnect after the backoff a dropped stream waits anyway (a gateway that
                # refuses every new token is not stormed with logins)
                self._sleep(random.uniform(self._min_backoff / 2, self._backoff))
                self._backoff = min(self._max_backoff, self._backoff * 2)
                continue
            except GatewayInsecure as exc:
                self._on_fatal(str(exc))
                return
            except GatewayError as exc:
                reason = str(exc)
            except httpx.HTTPError as exc:  # a read on a socket closed by stop() lands here
                reason = f"the event stream broke: {exc}"
            except Exception as exc:  # noqa: BLE001 - a handler bug must not kill the stream for the day
                log.exception("handling an event failed")
                reason = f"handling an event failed: {exc}"
            finally:
                self._response = None
            if self._stop.is_set():
                return
            self._on_offline(reason)
            # full jitter: a random wait up to the current cap, the cap doubling to max_backoff
            self._sleep(random.uniform(self._min_backoff / 2, self._backoff))
            self._backoff = min(self._max_backoff, self._backoff * 2)
