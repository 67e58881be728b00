"""The shop's event stream in a running desk: starting it where the last run stopped, each event into the store and
to the front-end, what the stream may have missed fetched again on every (re)connect, and whether the desk is
online. app/gateway/events.py is the stream itself (SSE, resume, backoff); this is what the desk does with it.
Messages are committed in groups (app/desk/live_ingest.py); the stream resumes after the last one committed.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from typing import TYPE_CHECKING

from app.gateway.client import GatewayClient
from app.gateway.errors import GatewayError
from app.gateway.events import EventStream
from app.store.errors import StoreError, StoreUnreachable
from app.store.images import ImageError
from app.store.records import ConversationSummary, MessageRecord
from app.store.store import Store

from app.desk.live_ingest import Arrival, LiveIngest
from app.desk.reasons import Reason
from app.desk.shop_settings import resume_point_key
from app.desk.store_problems import store_problem

from app import domain

if TYPE_CHECKING:
    from app.desk.session import DeskSession

log = logging.getLogger("kefudesk.desk")


def close_locally(store: Store, local: ConversationSummary) -> None:
    """The chat leaves this desk's queue (closed, transferred, or no longer listed by the shop)."""
    store.upsert_conversation(domain.Conversation(
        local.id, domain.Buyer(local.buyer_id, local.buyer_nick), "closed", local.created_at))


class ShopEvents:
    """The stream's life cycle and its events, for one DeskSession (whose login, status, robot and listener it
    uses)."""

    def __init__(self, desk: DeskSession, gateway: GatewayClient) -> None:
        self._desk = desk
        self.store = desk.store
        self._gateway = gateway  # the stream's own client: its reads wait up to stream_idle_s
        self.stream: EventStream | None = None
        self.online = False
        self._was_online = False  # reached the shop once since start (a drop, not an unreachable shop)
        self._given: set[str] = set()  # chats this desk transferred to a colleague (until one comes back)
        self._store_failed: StoreError | None = None  # why the stream stopped, if the store refused an event
        account = desk.account
        self.live = LiveIngest(self.store, None if account.demo else resume_point_key(account.base_url), self._stored,
                               on_failed=self._group_failed)

    # --- the stream's life cycle -----------------------------------------------------------------

    def stored_resume(self) -> str | None:
        """Where the last run's stream stopped (a demo starts from the beginning every time)."""
        account = self._desk.account
        return None if account.demo else (self.store.get_meta(resume_point_key(account.base_url)) or None)

    def start(self, resume: str | None) -> None:
        desk = self._desk
        self.live.acknowledged = resume
        self.stream = EventStream(self._gateway, last_event_id=resume, on_event=self.handle_event,
                                  on_connected=self._on_connected, on_offline=self._on_offline,
                                  on_fatal=self._on_fatal, on_unauthorized=desk.shop_login.log_in_again)
        if not desk._stopping.is_set():
            self.stream.start()

    def restart_if_ended(self) -> None:
        """After a login the agent gave: the stream ended when the password was asked for."""
        stream = self.stream
        if stream is None or not stream.running:
            if stream is not None:
                self._rewind()
            self.start(stream.last_event_id if stream is not None else self.stored_resume())

    def pause(self) -> None:
        """The team's server is away: the stream's events have nowhere to go."""
        if self.stream is not None:
            self.stream.pause()

    def resume(self) -> None:
        if self.stream is not None:
            self.stream.resume()

    def stop(self) -> None:
        if self.stream is not None:
            self.stream.stop()
        self.live.stop()  # what was received is committed (or the shop resends it at the next start)

    def set_online(self, online: bool, detail: str) -> None:
        changed = online != self.online
        self.online = online
        self._was_online = self._was_online or online
        if changed or not online:
            self._desk._listener.on_connection(online, detail)
        if online:
            self._desk.outbox.wake()

    def _on_connected(self, first: bool) -> None:
        desk = self._desk
        if desk.session is None and desk.account.password:
            desk.shop_login.login()  # the gateway was down at start
        try:
            self.reconcile()
        except StoreUnreachable as exc:  # the stream pauses until the server answers
            desk.watch.lost(exc)
            raise
        if desk.agent_status != "online":  # a restarted gateway forgot it: suspended stays suspended
            desk._tell_status(desk.agent_status)
        self.set_online(True, "")
        if not desk._stopping.is_set():
            desk._io.submit(desk._guarded, desk._learn_names)

    def _on_offline(self, reason: str) -> None:
        log.info("offline: %s", reason)
        self._rewind()
        stored, self._store_failed = self._store_failed, None
        if self._desk.watch.down:  # said once when the server went; the stream waits for it
            return
        if stored is not None:
            why = store_problem(stored)
        elif self._was_online:
            why = Reason("stream_dropped", reason, detail=reason)
        else:  # a stream that never came up is a shop that cannot be reached, not a dropped connection
            why = Reason("shop_unreachable", reason, detail=reason)
        self.set_online(False, why)

    def _on_fatal(self, reason: str) -> None:
        desk = self._desk
        desk.shop_login.forget_token()
        stopped = Reason("shop_stopped", reason, detail=reason)
        self.set_online(False, stopped)
        desk._listener.on_problem(stopped)

    # --- what the stream may have missed ---------------------------------------------------------

    def reconcile(self) -> None:
        """Fetch what the stream may have missed: the open chats and their recent messages.

        Chats the shop no longer lists are closed locally, so a restarted shop never leaves ghosts in the queue.
        """
        gateway = self._desk.gateway
        open_chats = gateway.conversations()
        listed = {chat.id for chat in open_chats}
        for chat in open_chats:
            self.store.upsert_conversation(chat)
            for record, _created in self.store.ingest_messages(gateway.messages(chat.id, limit=50)):
                self._want_image(record)  # one transaction a chat
        ghosts = [local for local in self.store.conversation_summaries() if local.id not in listed]
        for local in ghosts:
            close_locally(self.store, local)
        for conversation_id in [*listed, *(ghost.id for ghost in ghosts)]:
            self._desk._notify_chat(conversation_id)

    def _want_image(self, record: MessageRecord) -> None:
        """A buyer's photo is downloaded into the image store in the background; the chat shows it when it is
        there, and an issue opened from the message keeps it as a photo."""
        if record.image and record.direction == "in" and not self.store.images.has(record.image):
            self._desk._io.submit(self._desk._guarded, self._fetch_image, record)

    def _fetch_image(self, record: MessageRecord) -> None:
        if self.store.images.has(record.image):
            return  # already fetched for a duplicate event
        try:
            data = self._desk.gateway.image(record.image)  # checked against its id by the client
            self.store.images.put(data)
        except (GatewayError, ImageError) as exc:
            log.info("buyer's image %s not kept: %s", record.image[:12], exc)
            return
        self._desk._listener.on_message(record)  # shown again, now with its picture

    # --- each event ------------------------------------------------------------------------------

    def handle_event(self, event: domain.Event) -> None:
        """One event into the store; a store failure (a full disk) ends the stream, which starts again after the
        last event committed (a group of messages may have failed before this event), and the agent is told why
        in words the window can translate."""
        try:
            self._store_event(event)
        except StoreUnreachable as exc:  # the stream pauses: nothing it brings can be kept until the server answers
            self._rewind()
            self._desk.watch.lost(exc)
            raise
        except StoreError as exc:
            self._rewind()
            self._store_failed = exc
            raise
        except Exception:
            self._rewind()
            raise

    def _rewind(self) -> None:
        """On the stream's thread, before it connects again: it resumes after the last event committed, so the shop
        resends what was received and not committed. Waits for the group being committed."""
        failure = self.live.settle()
        if isinstance(failure, StoreUnreachable):
            self._desk.watch.lost(failure)
        elif isinstance(failure, StoreError):
            self._store_failed = self._store_failed or failure
        if self.stream is not None:
            self.stream.last_event_id = self.live.acknowledged

    def _store_event(self, event: domain.Event) -> None:
        desk = self._desk
        if event.message is not None:  # committed with the messages around it; stored() tells the window
            conversation = self._as_here(event.conversation) if event.conversation is not None else None
            self.live.put(Arrival(event.id, conversation, event.message))
            return
        if event.conversation is None and event.order is None and event.type != "conversation.closed":
            self.live.put(Arrival(event.id, None, None))  # a ping, a status: only its resume point to keep
            return
        self.live.flush()  # the messages before it are stored and shown first
        if event.conversation is not None:
            self.store.upsert_conversation(self._as_here(event.conversation))
        if event.transfer is not None and event.conversation is not None:
            self._transferred(event.conversation, event.transfer)
        elif event.type == "conversation.closed":
            local = self.store.conversation(event.conversation_id)
            if local is not None:
                close_locally(self.store, local)
                desk._notify_chat(local.id)
        elif event.conversation is not None:
            desk._notify_chat(event.conversation.id)
        elif event.order is not None:
            self.store.upsert_orders([event.order], desk._clock())
            desk._listener.on_orders(event.order.buyer_id, self.store.orders_for_buyer(event.order.buyer_id))
        if event.id:
            self.live.acknowledge(event.id)

    def _group_failed(self, exc: Exception) -> None:
        """A team's server gone is said at once, and the stream pauses (ServerWatch); the stream itself ends at its
        next event, which raises the failure, and starts again after the last event committed."""
        if isinstance(exc, StoreUnreachable):
            self._desk.watch.lost(exc)

    def _stored(self, outcomes: list[tuple[MessageRecord, bool]]) -> None:
        """A group of messages committed (on the ingest thread): each message to the window, each chat's row once,
        the buyers' photos fetched, the robot asked for a new buyer message while the agent is away."""
        desk = self._desk
        for record, created in outcomes:
            desk._listener.on_message(record)
            self._want_image(record)
            if created and record.direction == "in" and desk.agent_status == "suspended" \
                    and desk.robot.settings.enabled and not desk._stopping.is_set():
                desk._io.submit(desk._guarded, desk.robot_duty.answer, record.conversation_id, "suspended")
        for summary in self.store.conversations([record.conversation_id for record, _created in outcomes]):
            desk._listener.on_conversation(summary)

    # --- transfers -------------------------------------------------------------------------------

    def given_away(self, conversation_id: str) -> None:
        """This desk handed the chat to a colleague: later events about it leave it closed here."""
        self._given.add(conversation_id)

    def _as_here(self, conv: domain.Conversation) -> domain.Conversation:
        """A chat this desk handed to a colleague stays closed here when later events about it arrive: the
        transfer's note, or the echo of the agent's last reply sent before the transfer."""
        if conv.id in self._given and conv.state != "closed":
            return replace(conv, state="closed")
        return conv

    def _transferred(self, conv: domain.Conversation, transfer: domain.Transfer) -> None:
        """A chat handed to this agent: its history is fetched so the agent sees what was said. A chat this agent
        handed away leaves the queue (a supervisor's desk, which sees every chat, keeps it)."""
        desk = self._desk
        me = desk.me
        to_me = bool(me) and transfer.to_agent == me
        if to_me:
            self._given.discard(conv.id)  # it came back
            try:  # on the stream's thread, so the history is stored before the events that follow it
                self._fetch_history(conv.id)
                if transfer.from_agent not in desk.colleagues:  # to name the giver
                    desk._remember(desk.gateway.agents())
            except GatewayError as exc:  # the next reconcile fetches the history
                log.info("transferred chat %s: %s", conv.id, exc)
        elif me and transfer.from_agent == me:
            self._given.add(conv.id)
            local = self.store.conversation(conv.id)
            if local is not None:
                close_locally(self.store, local)
        summary = self.store.conversation(conv.id)
        if summary is not None:
            desk._listener.on_conversation(summary)
            desk._listener.on_transfer(summary, transfer, to_me)

    def _fetch_history(self, conversation_id: str) -> None:
        for record, _created in self.store.ingest_messages(self._desk.gateway.messages(conversation_id, limit=50)):
            self._want_image(record)
        self._desk._notify_chat(conversation_id)
