"""The queue's rules: who has waited how long, how late that is, and who goes on top.

The floor's limits (DOMAIN.md): the first answer within 30 s, every later one within 40 s. A chat whose last
message is the agent's is not waiting and sinks below every waiting chat.
"""

from __future__ import annotations

import json
import re
from collections.abc import Container, Iterable
from dataclasses import asdict
from datetime import datetime
from enum import IntEnum
from types import SimpleNamespace

from app.store.audit_log import Audit, AuditLog
from app.store.ingest import apply_to_conversation
from app.store.records import ConversationSummary
from app.store.store import Store

from app.desk import shop_settings
from app.desk.normalise import finder
from app.desk.reasons import Reason

FIRST_RESPONSE_LIMIT_S = 30
RESPONSE_LIMIT_S = 40


class Urgency(IntEnum):
    IDLE = 0  # the agent spoke last
    WAITING = 1  # the buyer waits, within the limit
    FIRST_LIMIT = 2  # past 30 s: the first-response limit
    LATE = 3  # past 40 s: every response is late now


def wait_seconds(chat: ConversationSummary, now: datetime) -> float | None:
    """How long the buyer has waited for an answer, or None when the agent spoke last."""
    if chat.waiting_since is None:
        return None
    return max(0.0, (now - chat.waiting_since).total_seconds())


def answered(chat: ConversationSummary, direction: str, text: str, at: datetime) -> ConversationSummary:
    """The chat as the store will sum it up once this reply is stored (the store's own rule): the queue shows a
    reply handed to the desk's writer at once, not after the write."""
    summary = SimpleNamespace(**asdict(chat))
    apply_to_conversation(summary, direction, text, at, counts_unread=False)
    return ConversationSummary(**vars(summary))


def urgency(chat: ConversationSummary, now: datetime) -> Urgency:
    waited = wait_seconds(chat, now)
    if waited is None:
        return Urgency.IDLE
    if waited >= RESPONSE_LIMIT_S:
        return Urgency.LATE
    if waited >= FIRST_RESPONSE_LIMIT_S:
        return Urgency.FIRST_LIMIT
    return Urgency.WAITING


def queue_key(chat: ConversationSummary) -> tuple[int, float, str]:
    """Sort key: waiting chats first, longest wait on top; then the rest, most recent activity first.

    The key does not depend on the clock, so the order only changes when a chat changes, not every tick.
    """
    if chat.waiting_since is not None:
        return (0, chat.waiting_since.timestamp(), chat.id)
    last = chat.last_at.timestamp() if chat.last_at else 0.0
    return (1, -last, chat.id)


def ordered(chats: Iterable[ConversationSummary]) -> list[ConversationSummary]:
    return sorted(chats, key=queue_key)


def format_wait(seconds: float | None) -> str:
    """"0:07", "1:35", "1:02:10": compact and unambiguous at a glance; empty when nobody waits."""
    if seconds is None:
        return ""
    total = int(seconds)
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


# words and marks of a buyer who is about to complain or leave a bad review (DOMAIN.md's floor; a shop adds its own)
ANGRY_WORDS = ("投诉", "差评", "12315", "骗子", "退款", "举报", "曝光", "工商", "律师", "垃圾")
# ...and of one reporting a problem with the goods or the parcel: not angry (the queue's flag stays off), but no one
# to invite to a five-star review either (the phrases "not for complaints" keep away from them)
PROBLEM_WORDS = ("味道", "臭", "开胶", "坏了", "破了", "破损", "质量问题", "质量太差", "质量差", "发错", "少发", "漏发",
                 "掉色", "褪色", "起球", "瑕疵", "脏了", "有问题", "不满意", "假货", "缩水", "断了", "裂了", "没收到",
                 "丢件", "过敏", "不能用", "用不了")
_SHOUTING = re.compile(r"[!！?？]{3,}")
MAX_WORDS, MAX_WORD_CHARS = 300, 40


def angry_words(store: Store) -> tuple[str, ...]:
    """The shop's urgent words (the defaults until someone changes them)."""
    raw = shop_settings.ANGRY_WORDS.read(store)
    try:
        words = json.loads(raw) if raw else None
    except ValueError:
        words = None
    if not isinstance(words, list):
        return ANGRY_WORDS
    return tuple(w for w in words if isinstance(w, str) and w.strip())


def set_angry_words(store: Store, words: Iterable[str], who: str, at: datetime) -> tuple[str, ...]:
    """Replace the shop's urgent words (checked: 1–40 characters each, at most 300); audited."""
    kept = tuple(dict.fromkeys(w.strip() for w in words if w.strip()))
    for word in kept:
        if len(word) > MAX_WORD_CHARS:
            raise ValueError(Reason("queue_bad_word", f"{word[:40]!r}: an urgent word is 1–{MAX_WORD_CHARS} "
                                    "characters", word=word[:40], most=MAX_WORD_CHARS))
    if len(kept) > MAX_WORDS:
        raise ValueError(Reason("queue_too_many_words", f"at most {MAX_WORDS} urgent words", most=MAX_WORDS))
    before = angry_words(store)
    shop_settings.ANGRY_WORDS.write(store, json.dumps(list(kept), ensure_ascii=False))
    AuditLog(store).write_audit(Audit(who, "urgent words changed", {"words": list(before)}, {"words": list(kept)}),
                                at)
    return kept


def flags(chat: ConversationSummary, now: datetime, *, angry_words: Iterable[str] = ANGRY_WORDS,
          in_trouble: Container[str] = frozenset(), me: str = "") -> frozenset[str]:
    """What the queue marks on a chat, computed from its summary:
    mine — assigned to this agent (me: the agent's id), or the gateway does not say to whom;
    unfinished — the buyer spoke last (DOMAIN.md: the last message must be the agent's);
    late — waiting past 40 s;
    angry — the buyer's last message has a complaint word, however written (投 诉, 投訴, a zero-width space
            inside: the send guard's matching, app/desk/normalise.py), or !!!/???;
    trouble — the buyer has an open issue or problem order (in_trouble: buyer ids)."""
    found = set()
    if not chat.agent or not me or chat.agent == me:
        found.add("mine")
    if chat.last_direction == "in":
        found.add("unfinished")
        if _angry(chat.last_text, tuple(angry_words)):
            found.add("angry")
    if urgency(chat, now) >= Urgency.LATE:
        found.add("late")
    if chat.buyer_id and chat.buyer_id in in_trouble:
        found.add("trouble")
    return frozenset(found)


def _angry(text: str, words: tuple[str, ...]) -> bool:
    return bool((words and finder(words).search(text)) or _SHOUTING.search(text))


def build_word_tables(angry_words: tuple[str, ...]) -> None:
    """Build the tables that find the urgent words however written (and with the problem words, for complaining):
    a second or two with the pinyin and the variants, once a process, kept. The desk calls it off the GUI thread
    before the queue marks angry buyers by word."""
    finder(angry_words)
    finder(angry_words + PROBLEM_WORDS)


COMPLAINT_LOOKBACK = 20  # the buyer's messages read for a complaint: a shift's chat with one buyer, not a year's


def complaining(buyer_texts: Iterable[str], *, angry_words: Iterable[str] = ANGRY_WORDS,
                in_trouble: bool = False) -> bool:
    """A buyer who is complaining, by the queue's urgent rules: an open issue or problem order (in_trouble), or
    a complaint word, a problem with the goods (PROBLEM_WORDS) or !!!/??? in any of buyer_texts (their recent
    messages, newest last; the last COMPLAINT_LOOKBACK are read). More than the angry flag's last message: a buyer
    who wrote 我要投诉 and then 那怎么办 still complains, and is still no one to invite to a five-star review."""
    if in_trouble:
        return True
    words = tuple(angry_words) + PROBLEM_WORDS
    return any(_angry(text, words) for text in list(buyer_texts)[-COMPLAINT_LOOKBACK:])


FILTERS = ("all", "mine", "unanswered", "urgent")


def shown_by(view: str, chat_flags: frozenset[str]) -> bool:
    """all; mine — assigned to this agent (a supervisor's desk sees the whole shop's chats under all);
    unanswered — the buyer spoke last; urgent — angry or in trouble. (Late is not a filter: it changes with the
    clock, and the queue already puts the longest wait on top in red.)"""
    if view == "mine":
        return "mine" in chat_flags
    if view == "unanswered":
        return "unfinished" in chat_flags
    if view == "urgent":
        return bool(chat_flags & {"angry", "trouble"})
    return True
