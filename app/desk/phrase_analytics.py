"""Phrase analytics (issue 22): per phrase over local days, its uses per day and per agent, how often it was changed
before sending, what the buyer did next, whether it is forgotten, and the library's near-duplicates — for the
phrase manager's analytics tab and `kefudesk report phrases` (docs/phrases.md says what each number means).

What the buyer did next is read from what followed the reply within OUTCOME_WINDOW: a refund asked (an after-sale
issue opened or a refund action for the buyer), else an order paid, else a message from the buyer in the chat,
else quiet. One outcome per sent reply, the first of that order that applies."""

from __future__ import annotations

import bisect
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from pathlib import Path

from app.files.writing import write_atomic
from app.safe_text import keep_as_text, xlsx_text

from app.quickreplies.duplicates import NearDuplicate, near_duplicates
from app.quickreplies.phrase import Phrase
from app.store.phrase_stats import UseRecord, buyers_of, chat_lines, payments, refunds_opened, uses_between
from app.store.store import Store

OUTCOME_WINDOW = timedelta(hours=24)
REFUND, PAID, ASKED_AGAIN, QUIET = "refund", "paid", "asked_again", "quiet"
OUTCOMES = (PAID, ASKED_AGAIN, REFUND, QUIET)  # the order columns show them in
NEVER, NO_LONGER = "never", "no_longer"  # forgotten: never used at all / used before the period, not in it


@dataclass(frozen=True)
class PhraseStats:
    phrase: Phrase
    uses: int  # firings in the period (in the reply box; sent or not)
    sent: int  # of them, went out
    edited: int  # of those sent, changed before sending
    by_day: dict[date, int] = field(default_factory=dict)  # local day → uses
    by_agent: dict[str, int] = field(default_factory=dict)
    outcomes: dict[str, int] = field(default_factory=dict)  # OUTCOMES → sent replies
    forgotten: str = ""  # NEVER / NO_LONGER / "" (used in the period)

    @property
    def edited_share(self) -> float:
        return self.edited / self.sent if self.sent else 0.0


@dataclass(frozen=True)
class PhraseReport:
    first: date
    last: date
    stats: list[PhraseStats]  # most used first
    near: list[NearDuplicate]


def outcome(reply_at: datetime, buyer_wrote: Sequence[datetime], paid: Sequence[datetime],
            refunds: Sequence[datetime], window: timedelta = OUTCOME_WINDOW) -> str:
    """What the buyer did within window after a reply sent at reply_at (each list sorted)."""
    def within(times: Sequence[datetime]) -> bool:
        i = bisect.bisect_right(times, reply_at)
        return i < len(times) and times[i] <= reply_at + window

    if within(refunds):
        return REFUND
    if within(paid):
        return PAID
    if within(buyer_wrote):
        return ASKED_AGAIN
    return QUIET


def local_bounds(first: date, last: date, tz: tzinfo | None = None) -> tuple[datetime, datetime]:
    """The local days first..last (tz: the desk's zone when not given) as a UTC [start, end) pair."""
    def midnight(day: date) -> datetime:
        at = datetime.combine(day, time())
        return at.replace(tzinfo=tz) if tz is not None else at.astimezone()

    return midnight(first).astimezone(UTC), midnight(last + timedelta(days=1)).astimezone(UTC)


def phrase_report(store: Store, phrases: Sequence[Phrase], first: date, last: date,
                  tz: tzinfo | None = None, near: list[NearDuplicate] | None = None) -> PhraseReport:
    """The analytics of phrases over the local days first..last (tz: the desk's zone when not given). near: the
    library's near-duplicates when already known (they do not depend on the days, and take the longest)."""
    start, end = local_bounds(first, last, tz)
    uses = uses_between(store, start, end)
    judged = _outcomes(store, [u for u in uses if u.sent and u.message_id is not None and u.conversation_id])
    by_phrase: dict[int, list[UseRecord]] = defaultdict(list)
    for use in uses:
        by_phrase[use.phrase_id].append(use)
    stats = []
    for phrase in phrases:
        mine = by_phrase.get(phrase.id, [])
        forgotten = "" if mine else (NEVER if phrase.last_used is None and not phrase.uses else NO_LONGER)
        stats.append(PhraseStats(
            phrase, len(mine), sum(u.sent for u in mine), sum(u.sent and u.edited for u in mine),
            dict(sorted(Counter(u.at.astimezone(tz).date() for u in mine).items())),
            dict(Counter(u.agent or "?" for u in mine).most_common()),
            {o: n for o in OUTCOMES if (n := sum(judged.get(id(u)) == o for u in mine))}, forgotten))
    stats.sort(key=lambda s: (-s.uses, s.phrase.group, s.phrase.title, s.phrase.id))
    return PhraseReport(first, last, stats, near_duplicates(phrases) if near is None else near)


def _outcomes(store: Store, sent: list[UseRecord]) -> dict[int, str]:
    """id(use) → its outcome, from the chats', orders' and issues' rows of the period and the window after it."""
    if not sent:
        return {}
    start = min(u.at for u in sent)
    end = max(u.at for u in sent) + OUTCOME_WINDOW + timedelta(seconds=1)
    chats = {u.conversation_id for u in sent}
    buyers = buyers_of(store, chats)
    reply_at: dict[int, datetime] = {}
    buyer_wrote: dict[str, list[datetime]] = defaultdict(list)
    for message_id, chat, direction, at in chat_lines(store, chats, start - timedelta(hours=1), end):
        reply_at[message_id] = at
        if direction == "in":
            buyer_wrote[chat].append(at)
    paid: dict[str, list[datetime]] = defaultdict(list)
    for buyer, at in payments(store, buyers.values(), start, end):
        paid[buyer].append(at)
    refunds: dict[str, list[datetime]] = defaultdict(list)
    for buyer, _, at in refunds_opened(store, buyers.values(), start, end):
        refunds[buyer].append(at)
    for times in (*buyer_wrote.values(), *paid.values(), *refunds.values()):
        times.sort()
    judged = {}
    for use in sent:
        at = reply_at.get(use.message_id or 0, use.at)  # the reply's own time; the firing's when it is not stored
        buyer = buyers.get(use.conversation_id, "")
        judged[id(use)] = outcome(at, buyer_wrote[use.conversation_id], paid[buyer] if buyer else [],
                                  refunds[buyer] if buyer else [])
    return judged


# --- the report as an Excel file ----------------------------------------------------------------------------

SUMMARY_HEADERS = ("标题", "分组", "内容", "使用", "发出", "改后发出", "改动率", "付款", "再次询问", "申请退款", "沉默",
                   "遗忘", "按客服")
FORGOTTEN_ZH = {NEVER: "从未使用", NO_LONGER: "期间未用", "": ""}


def summary_rows(report: PhraseReport) -> list[tuple[object, ...]]:
    return [(s.phrase.title, s.phrase.group, s.phrase.body, s.uses, s.sent, s.edited, round(s.edited_share, 3),
             *(s.outcomes.get(o, 0) for o in OUTCOMES), FORGOTTEN_ZH[s.forgotten],
             "、".join(f"{agent} {n}" for agent, n in s.by_agent.items())) for s in report.stats]


def write_report(report: PhraseReport, path: Path) -> None:
    """Three sheets: 短语 (one row a phrase), 按天 (phrase, day, uses: one row each, for a pivot table), 相似短语
    (near-duplicate pairs). Text as text, never a formula (app/safe_text.py), whole or not at all."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheets = (
        ("短语", SUMMARY_HEADERS, summary_rows(report)),
        ("按天", ("标题", "分组", "日期", "使用"),
         [(s.phrase.title, s.phrase.group, day.isoformat(), n) for s in report.stats for day, n in s.by_day.items()]),
        ("相似短语", ("标题", "内容", "相似标题", "相似内容", "相似度"),
         [(d.phrase.title, d.phrase.body, d.other.title, d.other.body, d.score) for d in report.near]),
    )
    for number, (name, headers, rows) in enumerate(sheets):
        sheet = book.active if number == 0 else book.create_sheet()
        sheet.title = name
        sheet.append(list(headers))
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in rows:
            sheet.append([xlsx_text(v) if isinstance(v, str) else v for v in row])
        for row in sheet.iter_rows(min_row=2):
            for cell in row:
                keep_as_text(cell)
        sheet.freeze_panes = "A2"
    write_atomic(path, book.save)
