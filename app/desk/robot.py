"""Robot first answer (自动回复): a phrase from the library sent for the agent when a buyer would otherwise wait.

A shop's rules map what a buyer says to a phrase: by keywords (any of them in the message), or by similarity
(the phrase is the library's best suggestion for the message, with a score of at least SIMILAR_MIN). The robot
answers
- while the agent is suspended (挂起), as soon as a buyer writes, and
- when a buyer has waited after_seconds without an answer (0: never),
at most once in a chat until the agent answers it, never with a phrase that still has blanks (a value the chat
lacks, a value the agent would be asked for, a setup placeholder), never with a phrase not for complaints to a
buyer who complains (app.desk.queue.complaining), and always through the send guard. Off by default. Every robot
answer is written to the audit log with the rule that fired and the question it answered: the review list and
the settings' fire counts are read back from there.
"""

from __future__ import annotations

import json
import logging
import threading
import unicodedata
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass, field
from datetime import datetime, timedelta

from app.quickreplies.phrase import Phrase
from app.store.audit_log import Audit, AuditLog
from app.store.errors import StoreUnreachable
from app.store.issues import IssueStore
from app.store.records import ConversationSummary, MessageRecord
from app.store.store import Store

from app.desk import shop_settings
from app.desk.guard import SendBlocked
from app.desk.issues import OPEN_STATES
from app.desk.outbox import ReplyNotSaved
from app.desk.phrases import PhraseBook, not_for_complaints
from app.desk.queue import angry_words, complaining
from app.desk.reasons import Reason

log = logging.getLogger("kefudesk.desk")

ANSWERED = "robot answer"  # the audit entry of each answer
BLOCKED = "robot blocked"  # the guard stopped an answer: the agent has to see that chat
SIMILAR_MIN = 6.0  # suggestion score: two rare title words of the phrase in the buyer's message
MAX_AFTER_SECONDS = 3600
MAX_RULES = 200
ROBOT = "robot"  # who the audit names


class RobotSettingsInvalid(ValueError):
    """Settings that cannot be used; the message names the field and the way out."""


@dataclass(frozen=True)
class RobotRule:
    name: str
    phrase_id: int
    keywords: tuple[str, ...] = ()
    similar: bool = False  # also fire when the phrase is the best suggestion for the message

    def matches(self, folded: str) -> bool:
        return any(_fold(k) in folded for k in self.keywords if k.strip())


@dataclass(frozen=True)
class RobotSettings:
    enabled: bool = False
    when_suspended: bool = True
    after_seconds: int = 0
    rules: tuple[RobotRule, ...] = field(default_factory=tuple)

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False)


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text).casefold()


def parse_settings(raw: Mapping[str, object], phrase_ids: set[int] | None = None) -> RobotSettings:
    """Settings from their JSON form, checked: rules need a name and a phrase of the library, and a way to
    fire (keywords or similarity); the wait is 0–3600 s."""
    after = raw.get("after_seconds", 0)
    if not isinstance(after, int) or isinstance(after, bool) or not 0 <= after <= MAX_AFTER_SECONDS:
        raise RobotSettingsInvalid(Reason("robot_bad_wait", f"the robot's wait must be 0–{MAX_AFTER_SECONDS} "
                                          "seconds (0: do not answer waiting buyers)", most=MAX_AFTER_SECONDS))
    rules_raw = raw.get("rules", [])
    if not isinstance(rules_raw, list) or len(rules_raw) > MAX_RULES:
        raise RobotSettingsInvalid(Reason("robot_too_many_rules", f"at most {MAX_RULES} robot rules",
                                          most=MAX_RULES))
    rules: list[RobotRule] = []
    names: set[str] = set()
    for item in rules_raw:
        if not isinstance(item, dict):
            raise RobotSettingsInvalid(Reason("robot_bad_rule", "a robot rule is not readable; remove it"))
        name = str(item.get("name", "")).strip()
        keywords = tuple(dict.fromkeys(str(k).strip() for k in item.get("keywords", []) if str(k).strip()))
        phrase_id, similar = item.get("phrase_id"), bool(item.get("similar", False))
        if not name or name in names:
            raise RobotSettingsInvalid(Reason("robot_rule_name", f"every robot rule needs its own name ({name!r})",
                                              name=name))
        if not isinstance(phrase_id, int) or (phrase_ids is not None and phrase_id not in phrase_ids):
            raise RobotSettingsInvalid(Reason("robot_rule_phrase", f"rule {name!r}: choose a phrase from the "
                                              "library", name=name))
        if not keywords and not similar:
            raise RobotSettingsInvalid(Reason("robot_rule_trigger", f"rule {name!r}: give keywords, or let it "
                                              "answer similar questions", name=name))
        names.add(name)
        rules.append(RobotRule(name, phrase_id, keywords, similar))
    return RobotSettings(bool(raw.get("enabled", False)), bool(raw.get("when_suspended", True)), after,
                         tuple(rules))


@dataclass(frozen=True)
class RobotChoice:
    rule: RobotRule
    phrase: Phrase
    text: str
    question: str


@dataclass(frozen=True)
class RobotReview:
    """One robot answer for the review list."""

    at: datetime
    conversation_id: str
    buyer_nick: str
    question: str
    answer: str
    rule: str
    then: str  # what the buyer wrote next ("" if nothing yet)
    then_at: datetime | None


class Robot:
    """The rules and the decision; DeskSession sends what it chooses."""

    def __init__(self, store: Store, *, clock: Callable[[], datetime], values: Callable[[ConversationSummary],
                 dict[str, str]]) -> None:
        self.store = store
        self._clock = clock
        self._values = values  # template values for a chat: buyer, shop, its newest order
        self.book = PhraseBook(store, clock=clock)
        self.settings = self._load()

    def _load(self) -> RobotSettings:
        raw = shop_settings.ROBOT.read(self.store)
        if not raw:
            return RobotSettings()
        try:
            return parse_settings(json.loads(raw))
        except (ValueError, RobotSettingsInvalid):
            return RobotSettings()  # unreadable settings never switch a robot on

    def reload(self) -> None:
        """Read the phrase library again (after it was edited)."""
        self.book.reload()

    def save(self, settings: RobotSettings, who: str) -> RobotSettings:
        checked = parse_settings(json.loads(settings.to_json()), {p.id for p in self.book.phrases})
        before = shop_settings.ROBOT.read(self.store)
        shop_settings.ROBOT.write(self.store, checked.to_json())
        AuditLog(self.store).write_audit(Audit(who, "robot settings changed",
                                               json.loads(before) if before else None,
                                               json.loads(checked.to_json())), self._clock())
        self.settings = checked
        return checked

    def choose(self, chat: ConversationSummary, question: str) -> RobotChoice | None:
        """The answer for what the buyer is waiting on, or None when no rule fits or the phrase would go out
        with blanks."""
        if not question.strip():
            return None
        folded = _fold(question)
        by_id = {p.id: p for p in self.book.phrases}
        best_id: int | None = None
        complains: bool | None = None  # looked up once, and only when a rule fires
        for rule in self.settings.rules:
            phrase = by_id.get(rule.phrase_id)
            if phrase is None:
                continue
            fired = rule.matches(folded)
            if not fired and rule.similar:
                if best_id is None:
                    if complains is None:
                        complains = self.complains(chat)
                    top = self.book.suggest(question, top=1, complaining=complains)
                    best_id = top[0].phrase.id if top and top[0].score >= SIMILAR_MIN else -1
                fired = best_id == rule.phrase_id
            if fired:
                filled = self.book.fill(phrase, self._values(chat))
                if filled.blanks or not filled.text.strip():
                    continue
                if complains is None:
                    complains = self.complains(chat)
                if complains and not_for_complaints(phrase):
                    continue
                return RobotChoice(rule, phrase, filled.text, question)
        return None

    def complains(self, chat: ConversationSummary) -> bool:
        """The buyer complains, by the queue's urgent rules over their recent messages and open issues."""
        said = [m.text for m in self.store.messages(chat.id, limit=50) if m.direction == "in"]
        trouble = bool(chat.buyer_id) and chat.buyer_id in IssueStore(self.store).buyers_with_open_issues(OPEN_STATES)
        return complaining(said, angry_words=angry_words(self.store), in_trouble=trouble)

    def due(self, chat: ConversationSummary, trigger: str, now: datetime) -> bool:
        """Whether this chat is the robot's to answer now, before looking at what the buyer asked. trigger:
        "suspended" (the buyer just wrote and the agent is suspended) or "waited" (the wait check)."""
        s = self.settings
        if not s.enabled or chat.state == "closed" or chat.last_direction != "in" or chat.waiting_since is None:
            return False
        if trigger == "suspended":
            return s.when_suspended
        return s.after_seconds > 0 and now - chat.waiting_since >= timedelta(seconds=s.after_seconds)

    def answered_since_agent(self, conversation_id: str) -> bool:
        """The robot already answered this chat after the agent's last reply: it answers once, then waits for
        the agent."""
        for message in reversed(self.store.messages(conversation_id, limit=50)):
            if message.direction == "out":
                return False
            if message.direction == "robot":
                return True
        return False

    def question(self, conversation_id: str) -> str:
        """The buyer's messages since the last answer, one a line (what suggestions read too)."""
        lines: list[str] = []
        for message in reversed(self.store.messages(conversation_id, limit=50)):
            if message.direction in ("out", "robot"):
                break
            if message.direction == "in" and message.text.strip():
                lines.append(message.text)
        return "\n".join(reversed(lines))

    def fired_counts(self, since: datetime | None = None) -> Counter[str]:
        """How often each rule answered (all time unless since)."""
        start = since or datetime(1970, 1, 1, tzinfo=self._clock().tzinfo)
        entries = AuditLog(self.store).audit_between(ANSWERED, start, self._clock() + timedelta(days=1))
        return Counter(str((e.after or {}).get("rule", "")) for e in entries)

    def review(self, start: datetime, end: datetime) -> list[RobotReview]:
        """The robot's answers between start and end (UTC), each with the buyer's next message."""
        rows = []
        for entry in AuditLog(self.store).audit_between(ANSWERED, start, end):
            after = entry.after or {}
            cid, message_id = str(after.get("conversation", "")), after.get("message")
            chat = self.store.conversation(cid)
            nxt = self.store.next_message(cid, message_id, "in") if isinstance(message_id, int) else None
            rows.append(RobotReview(entry.at, cid, chat.buyer_nick if chat else "", str(after.get("question", "")),
                                    str(after.get("answer", "")), str(after.get("rule", "")),
                                    nxt.text if nxt else "", nxt.sent_at if nxt else None))
        return rows



class RobotDuty:
    """The robot at work in a running desk: it answers a buyer who writes while the agent is suspended (answer(),
    called for each new message) and, once a second, buyers who have waited the robot's time. What it chooses goes
    out through send (DeskSession.send_reply, so the send guard decides as for any reply); a chat is looked at
    again only when something new was said in it."""

    def __init__(self, robot: Robot, *, clock: Callable[[], datetime], agent_status: Callable[[], str],
                 send: Callable[[str, str, str, RobotChoice], MessageRecord], on_problem: Callable[[str], None],
                 server_down: Callable[[], bool], server_lost: Callable[[StoreUnreachable], None],
                 stopping: threading.Event) -> None:
        self.robot = robot
        self.store = robot.store
        self._clock = clock
        self._agent_status = agent_status
        self._send = send
        self._on_problem = on_problem
        self._server_down = server_down
        self._server_lost = server_lost
        self._stopping = stopping
        self._lock = threading.Lock()
        self._looked: dict[str, datetime | None] = {}  # chat → its last message when the robot last looked
        self.thread = threading.Thread(target=self._loop, name="kefudesk-robot", daemon=True)

    def considered(self, conversation_id: str) -> datetime | None:
        """The chat's last message when the robot last decided about it (None: not yet); a decision under way is
        waited for, so what it sent is stored by the time this returns."""
        with self._lock:
            return self._looked.get(conversation_id)

    def answer(self, conversation_id: str, trigger: str) -> MessageRecord | None:
        """Answer the chat for the agent if it is the robot's to answer (trigger: "suspended", a buyer wrote
        while the agent is suspended; "waited", the buyer waited the robot's time) and a rule fits; the send
        guard decides as for any reply. Returns the queued answer, or None."""
        with self._lock:  # the stream and the wait check must not both answer one question
            chat = self.store.conversation(conversation_id)
            if trigger == "suspended" and self._agent_status() != "suspended":
                return None
            if chat is None or not self.robot.due(chat, trigger, self._clock()):
                return None
            self._looked[conversation_id] = chat.last_at
            if self.robot.answered_since_agent(conversation_id):
                return None
            question = self.robot.question(conversation_id)
            choice = self.robot.choose(chat, question)
            if choice is None:
                return None
            try:
                return self._send(conversation_id, choice.text, choice.phrase.image, choice)
            except SendBlocked as blocked:
                AuditLog(self.store).write_audit(Audit(ROBOT, BLOCKED, None, {
                    "conversation": conversation_id, "rule": choice.rule.name, "phrase": choice.phrase.id,
                    "words": [h.word for h in blocked.hits]}), self._clock())
                self._on_problem(Reason(
                    "robot_blocked", f"the robot did not answer {chat.buyer_nick}: its phrase "
                    f"{choice.phrase.title!r} has banned words ({'、'.join(h.word for h in blocked.hits)}); edit "
                    "the phrase or the rule", buyer=chat.buyer_nick, phrase=choice.phrase.title,
                    words="、".join(h.word for h in blocked.hits)))
            except (ValueError, ReplyNotSaved) as exc:
                log.info("the robot did not answer %s: %s", conversation_id, exc)
            return None

    def start(self) -> None:
        self.thread.start()

    def join(self, timeout: float) -> None:
        """Wait for the wait check to end (after stopping was set); none may write once the store closes."""
        if self.thread.is_alive():
            self.thread.join(timeout)

    def _loop(self) -> None:
        """Once a second: answer buyers who have waited the robot's time."""
        while not self._stopping.wait(1.0):
            if self._server_down():
                continue
            try:
                settings = self.robot.settings
                if not settings.enabled or settings.after_seconds == 0:
                    continue
                now = self._clock()
                for chat in self.store.conversation_summaries():
                    if self._looked.get(chat.id, 0) == chat.last_at:
                        continue
                    if self.robot.due(chat, "waited", now):
                        self.answer(chat.id, "waited")
            except StoreUnreachable as exc:
                self._server_lost(exc)
            except Exception:  # noqa: BLE001 - the robot must outlive a bad row or a closed store
                log.exception("the robot's wait check failed")
