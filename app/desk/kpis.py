"""The owner's figures per agent and period, as docs/kpis.md defines them. Pure functions over plain records, so
the dashboard, `kefudesk report kpi` and the tests compute the same numbers; reading them from the store is the
caller's job (app/desk/review.py). compute() is the definition over whole chats; from_days() merges the store's
daily rollups (app/store/rollups.py, built from the same runs) into the same figures."""

from __future__ import annotations

import math
import statistics
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, tzinfo
from typing import NamedTuple

from app.store.rollups import ROBOT, Cell, runs

FIRST_LIMIT_S, LIMIT_S = 30, 40  # DOMAIN.md: the first answer within 30 s, every answer within 40 s
CONVERSION_WINDOW = timedelta(hours=24)
REFUNDS = ("partial_refund", "full_refund")
PERIODS = ("day", "week", "month")


class Said(NamedTuple):
    """One message of a chat as the KPIs read it (a named tuple: a month is hundreds of thousands of them)."""

    at: datetime  # UTC
    direction: str  # in / out / robot / system
    agent: str = ""  # who sent an out message; "robot" for the robot's


@dataclass(frozen=True)
class ChatLog:
    id: str
    buyer_id: str
    said: Sequence[tuple[datetime, str, str]]  # Said (at, direction, agent) or plain tuples of them, in order


class Response(NamedTuple):
    conversation_id: str
    agent: str
    run_start: datetime
    answered_at: datetime
    first: bool  # the agent's first answer in this chat (the robot's answers aside)

    @property
    def seconds(self) -> float:
        return (self.answered_at - self.run_start).total_seconds()


@dataclass(frozen=True)
class Done:
    """An action of an issue recorded as done, a chat closed with the buyer last, or a 质检 score: something an
    agent did at a time, with its kind and amount."""

    agent: str
    at: datetime
    kind: str  # an issue action kind, "closed_buyer_last" or "quality"
    conversation_id: str = ""
    amount: int = 0  # fen for refunds; the score for quality
    changed: bool = False  # review outcomes: the bad review was changed


@dataclass
class Figures:
    """One agent's figures for one period; the conversation ids behind each count, for drill-down."""

    agent: str
    period: date  # the period's first day
    served: set[str] = field(default_factory=set)
    first_times: list[float] = field(default_factory=list)  # sorted when read from the rollups (from_days)
    times: list[float] = field(default_factory=list)
    closed_buyer_last: set[str] = field(default_factory=set)
    converted: set[str] = field(default_factory=set)
    refunds: int = 0
    refund_fen: int = 0
    returns: int = 0
    reships: int = 0
    reviews_changed: int = 0
    scores: list[int] = field(default_factory=list)
    slow: set[str] = field(default_factory=set)  # chats with a response over the limit

    @property
    def first_median(self) -> float | None:
        return _rank(self.first_times, 0.5)

    @property
    def first_p90(self) -> float | None:
        return _rank(self.first_times, 0.9)

    @property
    def mean(self) -> float | None:
        return statistics.fmean(self.times) if self.times else None

    @property
    def median(self) -> float | None:
        return _rank(self.times, 0.5)

    @property
    def p90(self) -> float | None:
        return _rank(self.times, 0.9)

    @property
    def first_within_30(self) -> float | None:
        return _share(self.first_times, FIRST_LIMIT_S)

    @property
    def within_40(self) -> float | None:
        return _share(self.times, LIMIT_S)

    @property
    def conversion(self) -> float | None:
        return len(self.converted) / len(self.served) if self.served else None

    @property
    def quality(self) -> float | None:
        return statistics.fmean(self.scores) if self.scores else None


def _rank(values: Sequence[float], q: float) -> float | None:
    """Nearest-rank quantile: the smallest value with at least q of the values at or below it."""
    if not values:
        return None
    ordered = sorted(values)
    return ordered[max(0, math.ceil(q * len(ordered)) - 1)]


def _share(values: Sequence[float], limit: float) -> float | None:
    return sum(1 for v in values if v <= limit) / len(values) if values else None


def responses(chat: ChatLog) -> list[Response]:
    """Every answered run of the chat, with who answered it; chat.said is the whole chat, so that an agent's first
    answer is the first in the chat whatever range is asked (docs/kpis.md)."""
    return [Response(chat.id, agent, start, at, first) for agent, start, at, first in runs(chat.said)]


def period_start(day: date, period: str) -> date:
    if period == "week":
        return day - timedelta(days=day.weekday())
    if period == "month":
        return day.replace(day=1)
    return day


def compute(chats: Iterable[ChatLog], done: Iterable[Done], orders: Iterable[tuple[str, datetime]], *,
            period: str = "day", tz: tzinfo | None = None,
            keep: Callable[[date], bool] = lambda _day: True) -> list[Figures]:
    """The figures per (agent, period), sorted by period then agent. orders: (buyer id, created at UTC);
    tz: the shop's time zone (the machine's when None); keep: which local days count (the report's range)."""
    if period not in PERIODS:
        raise ValueError(f"period must be one of {', '.join(PERIODS)}")

    days: dict[int, date] = {}

    def local_day(at: datetime) -> date:
        # every time zone's offset is a multiple of 15 minutes: one conversion per quarter hour, not per message
        quarter = int(at.timestamp()) // 900
        day = days.get(quarter)
        if day is None:
            day = days[quarter] = at.astimezone(tz).date()
        return day

    table: dict[tuple[str, date], Figures] = {}
    kept: dict[date, date | None] = {}  # local day → its period's first day, None when the range leaves it out

    def figures(agent: str, at: datetime, day: date | None = None) -> Figures | None:
        day = day or local_day(at)
        if day not in kept:
            kept[day] = period_start(day, period) if keep(day) else None
        start = kept[day]
        if start is None:
            return None
        key = (agent, start)
        if key not in table:
            table[key] = Figures(agent, key[1])
        return table[key]

    orders_by_buyer: dict[str, list[datetime]] = defaultdict(list)
    for buyer_id, created in orders:
        orders_by_buyer[buyer_id].append(created)
    for chat in chats:
        first_answer: dict[tuple[str, date], datetime] = {}  # (agent, local day) → first answer in this chat
        for response in responses(chat):
            day = local_day(response.answered_at)
            row = figures(response.agent, response.answered_at, day)
            if row is None:
                continue
            seconds = response.seconds
            row.served.add(chat.id)
            row.times.append(seconds)
            if response.first:
                row.first_times.append(seconds)
            if seconds > (FIRST_LIMIT_S if response.first else LIMIT_S):
                row.slow.add(chat.id)
            if (response.agent, day) not in first_answer:  # the day's first: conversion counts from it
                first_answer[(response.agent, day)] = response.answered_at
        for (agent, day), answered in first_answer.items():
            if agent == ROBOT:
                continue
            if any(answered <= created <= answered + CONVERSION_WINDOW for created in orders_by_buyer[chat.buyer_id]):
                row = figures(agent, answered, day)
                if row is not None:
                    row.converted.add(chat.id)
    for item in done:
        row = figures(item.agent, item.at)
        if row is not None:
            _count(row, item)
    return sorted(table.values(), key=lambda f: (f.period, f.agent == ROBOT, f.agent))


def from_days(cells: Iterable[Cell], converted: Iterable[tuple[str, date, str]], done: Iterable[Done], *,
              period: str = "day", tz: tzinfo | None = None) -> list[Figures]:
    """The figures per (agent, period) from the store's rollups of the range's local days, the (agent, day, chat)
    conversions and what was done in the range: the same figures compute() gives over the same days."""
    if period not in PERIODS:
        raise ValueError(f"period must be one of {', '.join(PERIODS)}")
    table: dict[tuple[str, date], Figures] = {}
    starts: dict[date, date] = {}

    def figures(agent: str, day: date) -> Figures:
        start = starts.get(day)
        if start is None:
            start = starts[day] = period_start(day, period)
        key = (agent, start)
        row = table.get(key)
        if row is None:
            row = table[key] = Figures(agent, key[1])
        return row

    for cell in cells:
        row = figures(cell.agent, cell.day)
        row.served.update(cell.chats)
        row.times.extend(cell.times)
        row.first_times.extend(cell.first_times)
        row.slow.update(cid for cid, first, longest in zip(cell.chats, cell.chat_first, cell.chat_longest, strict=True)
                        if first > FIRST_LIMIT_S or longest > LIMIT_S)
    for agent, day, cid in converted:
        figures(agent, day).converted.add(cid)
    for item in done:
        _count(figures(item.agent, item.at.astimezone(tz).date()), item)
    for row in table.values():  # the days' sorted runs merge in one pass; the quantiles then find them in order
        row.times.sort()
        row.first_times.sort()
    return sorted(table.values(), key=lambda f: (f.period, f.agent == ROBOT, f.agent))


def _count(row: Figures, item: Done) -> None:
    """An action, a close or a score in its agent's figures."""
    if item.kind == "closed_buyer_last":
        row.closed_buyer_last.add(item.conversation_id)
    elif item.kind in REFUNDS:
        row.refunds += 1
        row.refund_fen += item.amount
    elif item.kind == "return":
        row.returns += 1
    elif item.kind == "reship":
        row.reships += 1
    elif item.kind == "review_outcome" and item.changed:
        row.reviews_changed += 1
    elif item.kind == "quality":
        row.scores.append(item.amount)
