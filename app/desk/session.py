"""One agent's working session with one shop: log in, keep the event stream and the local store in step,
send replies through a local outbox, fetch orders. Everything slow runs on background threads; the
front-end learns about changes through a DeskListener (the Qt UI turns those calls into signals).

This is the façade the front-end talks to; the parts live beside it: the outbox (app/desk/outbox.py: a reply is
never lost and never sent twice), the shop's event stream and being online (app/desk/shop_events.py), logging in to the
shop and again when it forgets the token (app/desk/shop_login.py), the robot at work (app/desk/robot.py, RobotDuty).
"""

from __future__ import annotations

import itertools
import logging
import threading
import uuid
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol, cast

import httpx

from app.gateway.client import GatewayClient
from app.gateway.errors import GatewayAuthError, GatewayError
from app.gateway.secrets import SecretStore
from app.gateway.transport import gateway_http
from app.quickreplies.learn import Turn, turns
from app.quickreplies.template import unmarked
from app.store import backup, fts, integrity
from app.store.audit_log import Audit, AuditLog
from app.store.errors import Abandoned, StoreError, StoreUnreachable
from app.store.records import ConversationSummary, MessageRecord
from app.store.store import Store

from app.desk.blanks import refuse_blanks
from app.desk.guard import Hit as GuardHit
from app.desk.guard import RepeatedReply, SendBlocked, SendGuard
from app.desk.journal import Kept, LocalJournal
from app.desk.outbox import Outbox, ReplyNotSaved
from app.desk.phrases import chat_values
from app.desk.reasons import Reason
from app.desk.robot import ANSWERED, ROBOT, Robot, RobotChoice, RobotDuty
from app.desk.server_watch import ServerWatch
from app.desk.shop_events import ShopEvents, close_locally
from app.desk.shop_login import LoginKeeper
from app.desk.store_problems import SERVER_UNREACHABLE, store_problem

from app import domain

log = logging.getLogger("kefudesk.desk")

Clock = Callable[[], datetime]
INDEX_EVERY_S = 2.0
UPKEEP_GIVES_UP_S = 2.0  # how long quitting waits for the day's backup or check to give up (normally milliseconds)


@dataclass(frozen=True)
class CheckedReply:
    """A reply that passed DeskSession.check_reply, with the time and client id it is stored under."""

    conversation_id: str
    text: str  # stripped, the blanks' marks taken out
    image: str
    at: datetime
    client_id: str
    hits: tuple[GuardHit, ...]  # the send guard's words the agent overrode
    override: str  # why (written to the audit log with the words)
    robot: RobotChoice | None
    answered: Turn | None  # the buyer's turn it answers, for the phrase book to learn from


# the replies the window shows before the writer has stored them: local ids far below the journal's (-1, -2…)
_ON_THE_WAY_IDS = itertools.count(-(2**40), -1)


class CloseRefused(Exception):
    """The chat was not closed: the buyer spoke last and no reason was given."""


class TransferRefused(Exception):
    """The chat was not transferred; the message names why (not connected, no such colleague, the shop said no)."""


_OFFLINE = Reason("transfer_offline", "not connected to the shop: a chat can be transferred when the connection is "
                  "back")


JOURNAL_NAME = "team-journal.jsonl"  # beside the pictures in the data dir: what was kept while the server was away


class DeskListener(Protocol):
    """What the front-end hears. Called from background threads: implementations must hand over to their
    own thread (the Qt UI emits queued signals)."""

    def on_conversation(self, chat: ConversationSummary) -> None: ...
    def on_message(self, message: MessageRecord) -> None: ...
    def on_orders(self, buyer_id: str, orders: list[domain.Order]) -> None: ...
    def on_connection(self, online: bool, detail: str) -> None: ...
    def on_problem(self, text: str) -> None: ...
    def on_transfer(self, chat: ConversationSummary, transfer: domain.Transfer, to_me: bool) -> None: ...

    def on_login_needed(self, reason: str) -> None:
        """The shop wants the password again and the desk has none it may use (none typed this session, or the
        shop refused it): ask the agent, and hand the answer to DeskSession.log_in."""


@dataclass(frozen=True)
class ShopAccount:
    """Where and as whom to log in. The password is only held in memory; the token goes to SecretStore."""

    base_url: str
    shop: str
    agent: str
    password: str = ""
    demo: bool = False
    allow_plain_http: bool = False  # http:// to another machine (a test lab); refused otherwise

    @property
    def secret_key(self) -> str:
        return f"token:{self.base_url}|{self.shop}|{self.agent}"


class _ClientOnFirstUse:
    """A gateway's httpx client built when first used (the login and the stream, on their threads), not with the
    session before the window's first paint: each costs ~85 ms, its TLS context loading the CA certificates. Its
    base URL is known at once: GatewayClient checks it when made."""

    def __init__(self, base_url: str, timeout: float) -> None:
        self.base_url = httpx.URL(base_url)
        self._timeout = timeout
        self._client: httpx.Client | None = None
        self._lock = threading.Lock()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._built(), name)

    def _built(self) -> httpx.Client:
        with self._lock:
            if self._client is None:
                self._client = gateway_http(str(self.base_url), timeout=self._timeout)
            return self._client

    def close(self) -> None:
        with self._lock:
            if self._client is not None:
                self._client.close()


class DeskSession:
    def __init__(self, store: Store, account: ShopAccount, secrets: SecretStore, listener: DeskListener,
                 *, clock: Clock = domain.now_utc, timeout: float = 10.0) -> None:
        self.store = store
        self._listener = listener
        self._clock = clock
        self.guard = SendGuard.for_store(store)
        self.robot = Robot(store, clock=clock, values=self._chat_values)
        self.agent_status = "online"  # online / suspended (挂起: no new chats) / offline, as the shop was told
        # requests and the long-lived stream get separate connection pools
        self._http = _ClientOnFirstUse(account.base_url, timeout)
        self._stream_http = _ClientOnFirstUse(account.base_url, timeout)  # its reads wait up to stream_idle_s
        self.gateway = GatewayClient(cast(httpx.Client, self._http), allow_plain_http=account.allow_plain_http)
        self._stream_gateway = GatewayClient(cast(httpx.Client, self._stream_http),
                                             allow_plain_http=account.allow_plain_http)
        self.shop_login = LoginKeeper(store, account, secrets, (self.gateway, self._stream_gateway),
                                    offline=lambda why: self.events.set_online(False, why),
                                    ask=listener.on_login_needed, logged_in=self._logged_in, guarded=self._guarded)
        self._writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="kefudesk-writer")
        self._io = ThreadPoolExecutor(max_workers=2, thread_name_prefix="kefudesk-io")
        self._stopping = threading.Event()
        self._index_thread = threading.Thread(target=self._index_loop, name="kefudesk-search-index", daemon=True)
        self._upkeep_thread = threading.Thread(target=self._upkeep, name="kefudesk-upkeep", daemon=True)
        self.colleagues: dict[str, domain.Colleague] = {}  # by agent id, as the shop last listed them
        self.read_only = False  # the store can only be read: the desk shows it and writes nothing
        # a team's server can go away mid-shift: drafts and replies are kept on this computer meanwhile
        self.journal = LocalJournal(store.images.root.parent / JOURNAL_NAME) if store.path is None else None
        self._kept = Kept([], 0)  # what the last write-back wrote
        self.watch = ServerWatch(store.ping, on_lost=self._server_lost, on_back=self._server_back,
                                 on_up=self._server_up, stopping=self._stopping)
        self.outbox = Outbox(store, self.gateway, stopping=self._stopping, may_send=lambda: self.online,
                             log_in_again=self.shop_login.log_in_again, on_message=listener.on_message,
                             on_problem=listener.on_problem, journal=self.journal,
                             server_down=lambda: self.watch.down, server_lost=self.watch.lost)
        self.events = ShopEvents(self, self._stream_gateway)
        # told of each reply the agent sends (typed, pasted or a phrase) with the buyer's turn it answered: the
        # window's phrase book learns from it (PhraseBook.learn_reply)
        self.reply_learners: list[Callable[[Turn], None]] = []
        self.robot_duty = RobotDuty(self.robot, clock=clock, agent_status=lambda: self.agent_status,
                                    send=lambda cid, text, image, choice: self.send_reply(cid, text, image,
                                                                                          robot=choice),
                                    on_problem=listener.on_problem, server_down=lambda: self.watch.down,
                                    server_lost=self.watch.lost, stopping=self._stopping)

    @property
    def account(self) -> ShopAccount:
        """Where and as whom this session logs in; the password in it is the one the agent gave last."""
        return self.shop_login.account

    @account.setter
    def account(self, account: ShopAccount) -> None:
        self.shop_login.account = account

    @property
    def session(self) -> domain.Session | None:
        """The shop's answer to this run's password login (None until one)."""
        return self.shop_login.session

    @property
    def online(self) -> bool:
        """Connected to the shop: its stream is up (app/desk/shop_events.py)."""
        return self.events.online

    # --- life cycle ------------------------------------------------------------------------------

    def start(self) -> None:
        """Log in and start streaming, without blocking the caller."""
        self.outbox.start()
        self.robot_duty.start()
        self._index_thread.start()
        threading.Thread(target=self._connect, name="kefudesk-login", daemon=True).start()
        if self.store.path is not None:  # a team's PostgreSQL server is backed up and checked by its own tools
            # its own daemon thread: neither starting nor quitting waits for it (a pool's threads are joined at exit)
            self._upkeep_thread.start()

    def _logged_in(self) -> None:
        """The password the agent gave worked (or the shop was away): the stream comes back, the outbox goes out."""
        self.events.restart_if_ended()
        self.outbox.wake()

    def _upkeep(self) -> None:
        """The day's backup, then the day's check of every page of the store, in the background; quitting gives
        up what is under way (nothing of it is left) and the next start does it again."""
        try:
            self._guarded(self._daily_backup)
            self._guarded(self._check_store)
        except Abandoned:
            log.info("the store's backup or check was left for the next start: the desk is quitting")

    def _daily_backup(self) -> None:
        """A copy of the store a day, the last seven kept, beside it in backups/ (kefudesk restore PATH brings
        one back); a failure (a full disk) is told to the agent and tried again at the next start."""
        assert self.store.path is not None
        made = backup.daily_backup(self.store.path, backup.backups_dir(self.store.path), self._clock(),
                                   stop=self._stopping)
        if made is not None:
            log.info("daily backup of the store: %s", made)

    def _check_store(self) -> None:
        """A damaged store is told to the agent in the words a refused open uses (StoreCorrupt)."""
        if self.read_only:  # nothing may be written there, not even when it was checked
            return
        if integrity.check_store(self.store, self._clock(), self._stopping):
            log.info("the store passed its daily integrity check")

    def stop(self) -> None:
        """Stop the threads and flush pending local writes (drafts) to the store."""
        self._stopping.set()
        self.outbox.wake()
        self.events.stop()
        self._writer.shutdown(wait=True)
        self._io.shutdown(wait=False, cancel_futures=True)
        # none may write to the store after the caller closes it
        self.outbox.join(3.0)
        self.robot_duty.join(3.0)
        if self._index_thread.is_alive():
            self._index_thread.join(3.0)
        if self._upkeep_thread.is_alive():
            # a backup or check under way gives up within a step (milliseconds) and removes its half copy; its
            # reader gone, closing the store folds the -wal in, and the next start opens without quick_check.
            # Bounded: a copy stuck on a hung disk must not keep the desk from quitting
            self._upkeep_thread.join(UPKEEP_GIVES_UP_S)
        self._http.close()
        self._stream_http.close()

    def _connect(self) -> None:
        if self.journal is not None and len(self.journal):  # kept while the server was away, the desk closed
            self._guarded(self._write_back_kept)
        try:
            self.shop_login.login()
        except GatewayAuthError as exc:
            refused = Reason("login_refused", str(exc), detail=str(exc))
            if self.account.password:  # a wrong one: asked again, and log_in() starts the stream with the answer
                self.shop_login.forget_password()
                self.shop_login.want_login(refused)
            else:  # none given (the agent cancelled the question at start): offline on what the store has
                self._listener.on_problem(refused)
                self.events.set_online(False, refused)
            return
        except GatewayError as exc:
            # unreachable at start: keep working offline; the stream keeps trying
            self.events.set_online(False, Reason("shop_unreachable", str(exc), detail=str(exc)))
        self.events.start(self.events.stored_resume())

    def log_in(self, password: str) -> None:
        """The agent's answer to on_login_needed: log in with it off the caller's thread; the stream comes back and
        the outbox goes out, or the agent is asked again."""
        self.shop_login.log_in(password)

    @property
    def me(self) -> str:
        """This desk's agent id at the shop ("" until the first password login told it)."""
        return self.shop_login.me

    @property
    def agent_name(self) -> str:
        """The name buyers and reports know this agent by (花名): the shop's, from this run's login or an earlier
        one; the login itself only when the shop never named it."""
        if self.session is not None and self.session.agent_name:
            return self.session.agent_name
        known = self.store.agent_names([i for i in (self.me, self.account.agent) if i])
        return known.get(self.me) or known.get(self.account.agent) or self.account.agent

    def _learn_names(self) -> None:
        """The shop's agent list, for the names of colleagues whose replies and transfers the desk keeps."""
        try:
            found = self.gateway.agents()
        except GatewayError as exc:  # a gateway without the list: their ids stay what the review shows
            log.info("the shop's agents not listed: %s", exc)
            return
        self._remember(found)

    def _remember(self, colleagues: list[domain.Colleague]) -> None:
        self.colleagues = {c.id: c for c in colleagues}
        shop = self.session.shop_id if self.session else self.account.shop
        try:
            self.store.ensure_agents(shop, {c.id: c.name for c in colleagues})
        except StoreError as exc:  # names are a nicety: a transfer or the stream must not fail for them
            log.warning("the colleagues' names not kept: %s", exc)

    # --- the team's server going away and coming back ----------------------------------------------

    def _server_lost(self, exc: StoreUnreachable) -> None:
        """Said once: the shop's stream pauses (its events have nowhere to go), the outbox waits, drafts and new
        replies go to the journal."""
        self.events.pause()
        self.events.set_online(False, SERVER_UNREACHABLE)

    def _server_back(self) -> None:
        """The server answers: what was kept goes in first (raises if it went again; the watch keeps asking)."""
        self._kept = self._write_back_kept()

    def _server_up(self) -> None:
        kept = self._kept
        late = self._write_back_kept()  # kept between the write-back and the end of the outage
        replies, drafts = len(kept.replies) + len(late.replies), kept.drafts + late.drafts
        self._listener.on_problem(Reason("server_back", f"the team's server answers again; {drafts} draft(s) and "
                                         f"{replies} reply(ies) kept on this computer were saved to it",
                                         drafts=drafts, replies=replies))
        self.outbox.wake()
        self.events.resume()

    def _write_back_kept(self) -> Kept:
        if self.journal is None or not len(self.journal):
            return Kept([], 0)
        kept = self.journal.write_back(self.store)
        for record in kept.replies:  # now with the store's id, for the window to put in place of the kept one
            self._listener.on_message(record)
        log.info("wrote back %d draft(s) and %d reply(ies) kept while the team's server was away", kept.drafts,
                 len(kept.replies))
        return kept

    def reconcile(self) -> None:
        """Fetch what the stream may have missed (ShopEvents.reconcile); the stream does it on every connect."""
        self.events.reconcile()

    def known_failure(self, exc: BaseException) -> bool:
        """Whether an error nothing caught (the window reading a chat, say) is the team's server being away: it is
        said once through the watch, not written up as a crash."""
        if isinstance(exc, StoreUnreachable):
            self.watch.lost(exc)
            return True
        return False

    # --- chats: closing, status, transfers --------------------------------------------------------

    def close_chat(self, conversation_id: str, reason: str = "") -> None:
        """Close a chat. The floor's rule (DOMAIN.md): the last message must be the agent's — a chat whose buyer
        spoke last closes only with a reason, which goes to the audit log. It leaves the queue at once; the
        shop is told off the GUI thread, and the buyer writing again opens it again."""
        chat = self.store.conversation(conversation_id)
        if chat is None or chat.state == "closed":
            return
        if chat.last_direction == "in" and not reason.strip():
            raise CloseRefused(Reason("close_buyer_last", "the buyer spoke last: answer first, or give a reason "
                                      "to close the chat anyway"))
        if chat.last_direction == "in":
            AuditLog(self.store).write_audit(Audit(
                self.account.agent, "chat closed unanswered", None,
                {"conversation": conversation_id, "buyer": chat.buyer_nick, "why": reason.strip()[:500]}),
                self._clock())
        close_locally(self.store, chat)
        self._notify_chat(conversation_id)
        if not self._stopping.is_set():
            self._io.submit(self._guarded, self._tell_close, conversation_id)

    def _tell_close(self, conversation_id: str) -> None:
        try:
            self.gateway.close(conversation_id)
        except GatewayError as exc:  # closed here; the next reconcile brings it back if the shop still has it open
            log.info("chat %s not closed at the shop: %s", conversation_id, exc)

    def set_agent_status(self, status: str) -> None:
        """Online, suspended (挂起: the shop assigns no new chats, the open ones stay) or offline; told to the
        shop off the GUI thread, and again after every reconnect."""
        if status not in domain.AGENT_STATUSES:
            raise ValueError(f"unknown agent status {status!r}")
        self.agent_status = status
        if not self._stopping.is_set():
            self._io.submit(self._guarded, self._tell_status, status)

    def _tell_status(self, status: str) -> None:
        if status != self.agent_status:
            return  # changed again meanwhile: the newer request says it
        try:
            self.gateway.set_status(status)
        except GatewayError as exc:
            log.info("status %s not told to the shop: %s", status, exc)
            if self.online:
                self._listener.on_problem(Reason("status_not_taken", f"the shop did not take the status change "
                                                 f"({exc}); it is tried again when the connection comes back",
                                                 detail=str(exc)))

    def list_colleagues(self) -> list[domain.Colleague]:
        """The shop's other agents and supervisors, online ones first (blocking: call it off the GUI thread)."""
        if not self.online:
            raise TransferRefused(_OFFLINE)
        try:
            found = self.gateway.agents()
        except GatewayError as exc:
            raise TransferRefused(Reason("transfer_no_list", f"the shop did not list the colleagues ({exc})",
                                         detail=str(exc))) from exc
        self._remember(found)
        order = {"online": 0, "suspended": 1, "offline": 2}
        return sorted((c for c in found if c.id != self.me), key=lambda c: (order.get(c.status, 3), c.name))

    def transfer(self, conversation_id: str, to: str, note: str) -> None:
        """Hand the chat to a colleague with a note (blocking: call it off the GUI thread). The shop adds the
        note to the chat, so the colleague reads it after the history; the chat leaves this desk's queue."""
        if not self.online:
            raise TransferRefused(_OFFLINE)
        if to == self.me:
            raise TransferRefused(Reason("transfer_to_self", "the chat is already yours: choose a colleague"))
        try:
            conv = self.gateway.transfer(conversation_id, to, note.strip())
        except GatewayError as exc:
            raise TransferRefused(Reason("transfer_refused", f"the shop did not transfer the chat ({exc})",
                                         detail=str(exc))) from exc
        self.events.given_away(conversation_id)
        self.store.upsert_conversation(conv)
        local = self.store.conversation(conversation_id)
        if local is not None:
            close_locally(self.store, local)  # the colleague's now; the stream's transfer event says the same
        self._notify_chat(conversation_id)

    def _notify_chat(self, conversation_id: str) -> None:
        summary = self.store.conversation(conversation_id)
        if summary is not None:
            self._listener.on_conversation(summary)

    # --- replies and the outbox ------------------------------------------------------------------

    def send_reply(self, conversation_id: str, text: str, image: str = "", *, override: str = "",
                   repeat_ok: bool = False, robot: RobotChoice | None = None) -> MessageRecord:
        """Commit the reply locally (state pending) and queue it; returns once it is stored, with the stored record.
        image: the id of a picture in the store's image store, sent with the text (or alone). The checks are
        check_reply's; the desk's window stores a checked reply with send_reply_soon instead, off its thread."""
        reply = self.check_reply(conversation_id, text, image, override=override, repeat_ok=repeat_ok, robot=robot)
        record = self._store_reply(reply)
        if robot is None:
            self.save_draft(conversation_id, "")  # through the writer, so an older draft save cannot win
        self._reply_stored(reply, record)
        self._learn(reply)
        return record

    def check_reply(self, conversation_id: str, text: str, image: str = "", *, override: str = "",
                    repeat_ok: bool = False, robot: RobotChoice | None = None) -> CheckedReply:
        """The checks a reply passes before it is stored; they read the store and write nothing.

        The send guard runs first: banned words raise SendBlocked unless override says why the agent sends it
        anyway (written to the audit log); the same text as the chat's last message, the agent's own, raises
        RepeatedReply unless repeat_ok. robot: the robot's choice this reply is (the robot is never overridden,
        and the agent's draft stays).

        Before all that, a reply with a blank in it (a variable left unfilled, an asked value not given, a phrase's
        setup placeholder) raises UnfilledBlank, whatever the override: nothing of it is stored or sent."""
        refuse_blanks(text)
        text = text.strip()
        if not text and not image:
            raise ValueError("an empty reply is not sent")
        hits = self.guard.check(text)  # the marks of filled-in blanks are invisible to it: spans stay the box's
        if hits and (robot is not None or not override.strip()):
            raise SendBlocked(hits)
        text = unmarked(text)
        if text and robot is None and not repeat_ok and self._just_sent(conversation_id, text):
            raise RepeatedReply()
        if image and not self.store.images.has(image):
            raise ValueError("the picture of this phrase is missing from the image store; choose it again in the "
                             "phrase manager")
        if len(text) > domain.MAX_TEXT_CHARS:
            raise ValueError(f"a reply is limited to {domain.MAX_TEXT_CHARS} characters")
        answered = self._answered(conversation_id, text) if robot is None and text and self.reply_learners else None
        return CheckedReply(conversation_id, text, image, self._clock(), f"kd-{uuid.uuid4()}", tuple(hits),
                            override.strip(), robot, answered)

    def send_reply_soon(self, reply: CheckedReply,
                        done: Callable[[MessageRecord | ReplyNotSaved], None]) -> MessageRecord:
        """Store a checked reply on the writer thread, after every draft and reply handed to it before: the GUI
        thread never waits for the store's write lock. Returns at once with the reply as the chat shows it until
        stored (pending, a local id below 0, the client id it will be stored under); done(the stored record, or
        ReplyNotSaved) is called on the writer thread. Until stored the reply is the chat's draft (hand the
        draft over first): a desk killed in between finds it in the reply box. The same reply handed over again
        after ReplyNotSaved is stored once (its client id)."""
        self._learn(reply)
        self._writer.submit(self._store_soon, reply, done)
        return MessageRecord(next(_ON_THE_WAY_IDS), reply.conversation_id, "robot" if reply.robot else "out",
                             reply.text, reply.at, None, reply.client_id, "pending", "", reply.image,
                             self.account.agent)

    def _store_soon(self, reply: CheckedReply, done: Callable[[MessageRecord | ReplyNotSaved], None]) -> None:
        try:
            record = self._store_reply(reply)
        except Exception as exc:  # noqa: BLE001 - not stored (an audit entry neither): said on the message
            if not isinstance(exc, ReplyNotSaved):
                log.exception("a reply could not be stored")
            said = exc.args[0] if isinstance(exc, ReplyNotSaved) and exc.args else exc
            params = getattr(said, "params", {"why": str(exc)})
            why = params.get("why", "")
            # the box was cleared when it was handed over: the reply waits in the chat, not in the box
            done(ReplyNotSaved(Reason("reply_not_stored", f"the reply was not saved ({why}); it waits in the chat, "
                                      "NOT SENT: F5 tries again, Shift+F5 brings it back to the reply box", why=why,
                                      why_key=params.get("why_key", ""), path=params.get("path", ""))))
            return
        if reply.robot is None:
            # here, not through the queue: a draft the agent has typed since is queued after this job, and wins
            self._guarded(self._save_draft, reply.conversation_id, "", self._clock())
        if record.id > 0:
            self._guarded(self._notify_chat, reply.conversation_id)
        done(record)  # after the chat's news, before the outbox is woken: the window hears "stored" before "sent"
        self.outbox.wake()

    def _store_reply(self, reply: CheckedReply) -> MessageRecord:
        """Commit a checked reply as pending, with its audit entry; ReplyNotSaved when it could be kept nowhere."""
        conversation_id, text, hits = reply.conversation_id, reply.text, reply.hits
        # kept on this computer while the team's server is away, unless it needs an audit entry written with it
        # (an override of the guard, the robot's answer): those wait for the server
        record = self.outbox.add(conversation_id, text, reply.image, reply.at,
                                 direction="robot" if reply.robot else "out",
                                 agent=self.account.agent,  # as issues and the audit name agents
                                 keep_locally=not hits and reply.robot is None, client_id=reply.client_id)
        if hits:
            AuditLog(self.store).write_audit(Audit(
                self.account.agent, "guard override", None,
                {"conversation": conversation_id, "message": record.id, "words": [h.word for h in hits],
                 "kinds": sorted({h.kind for h in hits}), "why": reply.override[:500]}), self._clock())
        if reply.robot is not None:
            robot = reply.robot
            AuditLog(self.store).write_audit(Audit(ROBOT, ANSWERED, None, {
                "conversation": conversation_id, "message": record.id, "rule": robot.rule.name,
                "phrase": robot.phrase.id, "question": robot.question[:500], "answer": text[:500]}), self._clock())
        return record

    def _reply_stored(self, reply: CheckedReply, record: MessageRecord) -> None:
        if record.id > 0:  # a reply kept on this computer changes no chat the store can show yet
            self._notify_chat(reply.conversation_id)
        self.outbox.wake()

    def _learn(self, reply: CheckedReply) -> None:
        if reply.answered is not None:
            for learner in self.reply_learners:
                learner(reply.answered)

    def _answered(self, conversation_id: str, reply: str) -> Turn | None:
        """The buyer's turn this reply answers, read before the reply is stored (None when the chat has no buyer
        line since the agent's last one, or the store cannot be read now: learning can wait for the next start)."""
        if self.watch.down:
            return None
        try:
            said = self.store.messages(conversation_id, limit=30)
        except StoreUnreachable:
            return None
        lines = [("buyer" if m.direction == "in" else "agent", m.text) for m in said if m.direction != "system"]
        last = list(turns([*lines, ("agent", reply)]))[-1:]
        return last[0] if last and last[0].reply == reply.strip() and lines and lines[-1][0] == "buyer" else None

    def _just_sent(self, conversation_id: str, text: str) -> bool:
        """The chat's last message is this very reply of the agent's (a double Enter or hotkey), with nothing
        from the buyer in between; answering each new question with the same 好的亲 is not a repeat."""
        if self.watch.down:
            return False  # cannot be looked up; the shop keeps a repeat by its own key apart
        try:
            chat = self.store.conversation(conversation_id)
        except StoreUnreachable as exc:
            self.watch.lost(exc)
            return False
        return chat is not None and chat.last_direction == "out" and chat.last_text == text

    # --- the robot first answer ------------------------------------------------------------------

    def _chat_values(self, chat: ConversationSummary) -> dict[str, str]:
        shop = self.session.shop_name if self.session else self.account.shop
        return chat_values(buyer_nick=chat.buyer_nick, agent=self.agent_name, shop=shop,
                           orders=self.store.orders_for_buyer(chat.buyer_id), now=self._clock())

    def robot_answer(self, conversation_id: str, trigger: str) -> MessageRecord | None:
        """The robot answers the chat for the agent if it is the robot's to answer (RobotDuty.answer)."""
        return self.robot_duty.answer(conversation_id, trigger)

    # --- refused replies (app/desk/outbox.py) ----------------------------------------------------

    def last_failed(self, conversation_id: str) -> MessageRecord | None:
        """The chat's newest reply the shop refused, if any."""
        return self.outbox.last_failed(conversation_id)

    def resend(self, message: MessageRecord) -> MessageRecord | None:
        """Send a refused reply again, with its own idempotency key (the shop never took it); UnfilledBlank for
        one with a blank (Outbox.resend)."""
        return self.outbox.resend(message)

    def take_back(self, message: MessageRecord) -> MessageRecord | None:
        """Withdraw a refused reply so the agent can edit it; it stays in the history as withdrawn."""
        return self.outbox.take_back(message)

    def _index_loop(self) -> None:
        """Keep the search index a couple of seconds behind the store, in slices (app/store/fts.py says why)."""
        while not self._stopping.wait(INDEX_EVERY_S):
            if self.watch.down:
                continue
            try:
                while fts.index_pending(self.store) and not self._stopping.is_set():
                    pass
            except StoreUnreachable as exc:
                self.watch.lost(exc)
            except Exception:  # noqa: BLE001 - a search scans what is not indexed; the next round tries again
                log.exception("the search index did not catch up")

    @property
    def pending_count(self) -> int:
        return self.outbox.pending_count

    # --- drafts, read state, orders --------------------------------------------------------------

    def save_draft(self, conversation_id: str, text: str) -> None:
        """Write the draft off the caller's thread; stop() waits for the last one. While the team's server is away
        it is kept on this computer, and written to the server when it answers again."""
        if self.read_only:
            return
        at = self._clock()
        self._writer.submit(self._guarded, self._save_draft, conversation_id, text, at)

    def _save_draft(self, conversation_id: str, text: str, at: datetime) -> None:
        if self.journal is not None and self.watch.down:
            self.journal.keep_draft(conversation_id, text, at)
            return
        try:
            self.store.save_draft(conversation_id, text, at)
        except StoreUnreachable as exc:
            if self.journal is None:
                raise
            self.journal.keep_draft(conversation_id, text, at)
            self.watch.lost(exc)

    def write_later(self, fn: Callable[..., object], *args: object) -> None:
        """Run a small store write on the writer thread, in order with drafts and read marks."""
        self._writer.submit(self._guarded, fn, *args)

    def mark_read(self, conversation_id: str) -> None:
        # looking at a chat in a store that cannot be written (or is away) is no change to report
        if not self.read_only and not self.watch.down:
            self._writer.submit(self._guarded, self._mark_read, conversation_id)

    def _mark_read(self, conversation_id: str) -> None:
        self.store.mark_read(conversation_id)
        self._notify_chat(conversation_id)

    def request_orders(self, buyer_id: str) -> None:
        """Report the cached orders at once, then the shop's fresh ones when they arrive."""
        if not buyer_id or self._stopping.is_set():
            return
        self._io.submit(self._guarded, self._fetch_orders, buyer_id)

    def _fetch_orders(self, buyer_id: str) -> None:
        self._listener.on_orders(buyer_id, self.store.orders_for_buyer(buyer_id))
        if not self.online:
            return
        try:
            orders = self.gateway.orders(buyer_id)
        except GatewayError as exc:
            log.info("orders for %s not refreshed: %s", buyer_id, exc)
            return
        self.store.upsert_orders(orders, self._clock())
        self._listener.on_orders(buyer_id, self.store.orders_for_buyer(buyer_id))

    def fetch_problem_orders(self) -> list[domain.ProblemOrder]:
        """The shop back-end's problem-order list, now (blocking: call it off the GUI thread)."""
        if not self.online:
            raise GatewayError("not connected to the shop: import the back-end's list from a file instead")
        return self.gateway.problem_orders()

    def fetch_parcel(self, tracking_no: str) -> domain.Parcel:
        """The courier's record of a parcel (blocking: call it off the GUI thread)."""
        if not self.online:
            raise GatewayError("not connected to the shop: type the weights from the courier's site")
        return self.gateway.parcel(tracking_no)

    def _guarded(self, fn: Callable[..., object], *args: object) -> None:
        try:
            fn(*args)
        except StoreUnreachable as exc:  # said once by the watch, which waits for the server
            self.watch.lost(exc)
        except Abandoned:  # the desk is quitting: nothing to tell
            raise
        except StoreError as exc:  # a full disk, a read-only store: the message says it all
            log.warning("%s", exc)
            self._listener.on_problem(store_problem(exc))
        except Exception as exc:  # noqa: BLE001 - reported to the agent instead of dying in a pool thread
            log.exception("background work failed")
            self._listener.on_problem(str(exc))
