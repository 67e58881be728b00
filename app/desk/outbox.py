"""The outbox: every reply on its way to the shop, never lost and never sent twice.

A reply is committed to the store (or, while the team's server is away, to the local journal) before anything goes
on the wire, under an idempotency key (client id) chosen at that moment and kept through every retry and resend:
the shop takes a client id once, so a send retried after a timeout is not a second reply. Replies go out in the
order they were written; one the shop cannot be reached for holds back the ones after it. A reply the shop refuses
stays in the history, marked failed, for the agent to resend (the same client id) or take back; a refused token is
the login's problem, never the reply's: it waits, pending, for a new one.
"""

from __future__ import annotations

import logging
import threading
import uuid
from collections.abc import Callable
from datetime import datetime
from typing import Protocol

from app.gateway.errors import GatewayAuthError, GatewayError, GatewayRejected, GatewayUnavailable
from app.store.errors import StoreError, StoreUnreachable
from app.store.images import ImageError
from app.store.records import MessageRecord
from app.store.store import Store

from app.desk.blanks import marked_as_blanks, refuse_blanks
from app.desk.journal import LocalJournal
from app.desk.reasons import Reason
from app.desk.store_problems import SERVER_UNREACHABLE, store_problem

from app import domain

log = logging.getLogger("kefudesk.desk")

WAKE_EVERY_S = 2.0  # a reply held back by an unreachable shop is tried again this often without being woken


class ReplyNotSaved(Exception):
    """The reply could not be committed locally, so it was not queued; the text stays with the agent. Its
    argument is a Reason."""


class ReplySender(Protocol):
    """What the outbox needs of the gateway client (app.gateway.client.GatewayClient)."""

    token: str

    def put_image(self, data: bytes) -> str: ...

    def send_message(self, conversation_id: str, text: str, client_id: str, image: str = "", *,
                     robot: bool = False) -> domain.Message: ...


class Outbox:
    """The replies waiting for the shop, and the thread that sends them.

    may_send: whether to try now (connected, the team's server up); log_in_again: given the token the shop refused,
    whether a new one is in place; on_message / on_problem: what the front-end hears; journal, server_down,
    server_lost: where a reply is kept while the team's server is away."""

    def __init__(self, store: Store, gateway: ReplySender, *, stopping: threading.Event,
                 may_send: Callable[[], bool], log_in_again: Callable[[str], bool],
                 on_message: Callable[[MessageRecord], None], on_problem: Callable[[str], None],
                 journal: LocalJournal | None = None, server_down: Callable[[], bool] = lambda: False,
                 server_lost: Callable[[StoreUnreachable], None] | None = None) -> None:
        self.store = store
        self._gateway = gateway
        self._stopping = stopping
        self._may_send = may_send
        self._log_in_again = log_in_again
        self._on_message = on_message
        self._on_problem = on_problem
        self._journal = journal
        self._server_down = server_down
        self._server_lost = server_lost
        self._wake = threading.Event()
        self.thread = threading.Thread(target=self._loop, name="kefudesk-outbox", daemon=True)

    # --- putting a reply in ----------------------------------------------------------------------

    def add(self, conversation_id: str, text: str, image: str, at: datetime, *, direction: str, agent: str,
            keep_locally: bool, client_id: str = "") -> MessageRecord:
        """Commit a reply as pending under client_id (a new one when not given: the store keeps the first row with
        a client id, so a reply added again after a failure is stored once); returns it as stored. keep_locally: while the team's
        server is away it may wait in the journal (not for a reply that needs an audit entry written with it).
        ReplyNotSaved when it could be kept nowhere: the agent still has the text. Call wake() to send it."""
        client_id = client_id or f"kd-{uuid.uuid4()}"
        keep = self._journal is not None and keep_locally
        try:
            if keep and self._server_down():
                return self._keep(conversation_id, text, client_id, at, image, direction, agent)
            return self.store.add_outgoing(conversation_id, text, client_id, at, image, direction=direction,
                                           agent=agent)
        except StoreUnreachable as exc:
            if self._server_lost is not None:
                self._server_lost(exc)
            if not keep:
                raise ReplyNotSaved(Reason("reply_not_saved", f"the reply was not saved ({SERVER_UNREACHABLE}); it "
                                           "is still in the reply box", why=SERVER_UNREACHABLE,
                                           why_key=SERVER_UNREACHABLE.key, path="")) from exc
            return self._keep(conversation_id, text, client_id, at, image, direction, agent)
        except StoreError as exc:  # disk full, read-only: the agent must know it is not on its way
            log.warning("a reply could not be stored: %s", exc)
            why = store_problem(exc)
            raise ReplyNotSaved(Reason("reply_not_saved", f"the reply was not saved ({why}); it is still in the "
                                       "reply box", why=why, why_key=getattr(why, "key", ""),
                                       path=getattr(exc, "path", ""))) from exc
        except Exception as exc:  # locked, or a bug: still the agent must know
            log.exception("a reply could not be stored")
            raise ReplyNotSaved(Reason("reply_not_saved", f"the reply was not saved ({exc}); it is still in the "
                                       "reply box", why=str(exc), why_key="", path="")) from exc

    def _keep(self, conversation_id: str, text: str, client_id: str, at: datetime, image: str, direction: str,
              agent: str) -> MessageRecord:
        assert self._journal is not None
        try:
            return self._journal.keep_reply(conversation_id, text, client_id, at, image, direction, agent)
        except OSError as exc:  # the data dir cannot take it either: the reply stays with the agent
            raise ReplyNotSaved(Reason("reply_not_saved", f"the reply was not saved ({exc}); it is still in the "
                                       "reply box", why=str(exc), why_key="",
                                       path=str(self._journal.path))) from exc

    # --- the agent and refused replies -----------------------------------------------------------

    def last_failed(self, conversation_id: str) -> MessageRecord | None:
        """The chat's newest reply the shop refused, if any."""
        return next((m for m in reversed(self.store.messages(conversation_id, limit=200))
                     if m.state == "failed"), None)

    def resend(self, message: MessageRecord) -> MessageRecord | None:
        """Send a refused reply again, with its own idempotency key (the shop never took it). One with a blank
        raises UnfilledBlank (take_back() gives it back to fill in): a reply stored before blanks were marked
        is read with its variables' 【labels】 as blanks."""
        refuse_blanks(marked_as_blanks(message.text))
        again = self.store.requeue(message.client_id or "")
        if again is not None:
            self._on_message(again)
            self.wake()
        return again

    def take_back(self, message: MessageRecord) -> MessageRecord | None:
        """Withdraw a refused reply so the agent can edit it; it stays in the history as withdrawn."""
        withdrawn = self.store.withdraw(message.client_id or "")
        if withdrawn is not None:
            self._on_message(withdrawn)
        return withdrawn

    @property
    def pending_count(self) -> int:
        return self.store.outbox_count()

    # --- sending ---------------------------------------------------------------------------------

    def start(self) -> None:
        self.thread.start()

    def wake(self) -> None:
        """Try now rather than at the next round (a new reply, the connection back, a new token)."""
        self._wake.set()

    def join(self, timeout: float) -> None:
        """Wait for the sending thread to end (after stopping was set); none may write once the store closes."""
        self._wake.set()
        if self.thread.is_alive():
            self.thread.join(timeout)

    def _loop(self) -> None:
        while not self._stopping.is_set():
            self._wake.wait(timeout=WAKE_EVERY_S)
            self._wake.clear()
            if self._stopping.is_set() or not self._may_send() or self._server_down():
                continue
            try:
                self.send_pending()
            except StoreUnreachable as exc:
                if self._server_lost is not None:
                    self._server_lost(exc)
            except Exception:  # noqa: BLE001 - the outbox must outlive any single bad row
                log.exception("the outbox failed; it will try again")

    def send_pending(self) -> None:
        """One pass over the pending replies, oldest first, until one has to wait (the shop unreachable, the token
        refused): nothing later goes out before it."""
        for item in self.store.outbox():
            if item.state != "pending" or self._stopping.is_set():
                continue
            token = self._gateway.token
            try:
                if item.image:  # uploading again is harmless: the gateway names images by their hash
                    self._gateway.put_image(self.store.images.read(item.image))
                sent = self._gateway.send_message(item.conversation_id, item.text, item.client_id or "", item.image,
                                                  robot=item.direction == "robot")
            except GatewayUnavailable as exc:
                log.info("reply %s waits in the outbox: %s", item.client_id, exc)
                return  # keep the order: nothing later goes out before this one; the loop retries
            except GatewayAuthError as exc:  # the token, not the reply: it waits for a new one, never "failed"
                log.info("reply %s waits for a login: %s", item.client_id, exc)
                if self._log_in_again(token):
                    self.wake()  # again at once, with the new token, from this reply on
                return
            except (GatewayRejected, GatewayError, ImageError) as exc:
                failed = self.store.mark_failed(item.client_id or "", str(exc))
                self._on_problem(str(exc))
                if failed is not None:
                    self._on_message(failed)
                continue
            record = self.store.mark_sent(item.client_id or "", sent.id, sent.sent_at)
            self._on_message(record)
