"""The KPIs' rollups (docs/kpis.md): each chat's answered runs, and each agent's local day rolled up from them, so a
year's figures merge 365 days per agent instead of reading millions of messages.

Kept in step on every write of messages: refresh(s, chat ids) in the writer's own transaction recomputes those
chats' answers from all their messages (a chat's first answer does not depend on any range) and the days they
touch. Kept per time zone (a local day is the zone's): ensure() registers a zone and builds it in short
transactions the first time its KPIs are read; from the registration on, every write keeps it too.

    ensure(store, zone_key(tz))                       # app/store/zones.py names a zone
    for cell in days(store, zone, first, last): …      # one agent's local day
    converted(store, zone, start, end, window)        # (agent, day, chat) with an order in the window
"""

from __future__ import annotations

import sys
from array import array
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import String, and_, bindparam, delete, func, insert, literal, select, type_coerce, update
from sqlalchemy.orm import Session

from app.store import models as m
from app.store.models import as_utc
from app.store.upsert import insert_new
from app.store.zones import zone_of

if TYPE_CHECKING:
    from app.store.store import Store  # the store calls refresh(): only its type here

ROBOT = "robot"  # whom an answer of direction "robot" belongs to
CHUNK = 500  # chats per statement: far below any bound-parameter limit
# while a zone is built, a desk's write (an agent's reply) waits for one of these transactions at most (at 5M
# ~0.6 s each on average on a busy two-core machine: docs/performance.md)
_BUILD_CHATS = 500  # chats per transaction (8,000 messages at 16 a chat)
_BUILD_DAYS = 1  # local days per transaction when the built zone's days are rolled up (a busy day: 7,000 answers)
_PG_LOCK = 20_020_015  # PostgreSQL: one writer of the rollups at a time (two desks' ingests of one chat)
_ZONE, _ANSWER, _DAY = m.KpiZone.__table__, m.KpiAnswer.__table__, m.KpiDay.__table__
_MESSAGE, _CHAT, _ORDER = m.Message.__table__, m.Conversation.__table__, m.Order.__table__


def runs(said: Iterable[tuple[datetime, str, str]]) -> Iterator[tuple[str, datetime, datetime, bool]]:
    """A chat's answered runs, from all its messages in order: (who answered, when the run began, when it was
    answered, whether it was that answerer's first answer in the chat). A run is a buyer's message and the buyer's
    messages after it until an answer (an agent's, or the robot's); system lines neither start nor end one."""
    run_start: datetime | None = None
    answered_by: set[str] = set()
    for at, direction, sender in said:
        if direction == "in":
            if run_start is None:
                run_start = at
        elif direction == "out" or direction == "robot":
            agent = ROBOT if direction == "robot" else (sender or "?")
            if run_start is not None:
                yield agent, run_start, at, agent not in answered_by
                run_start = None
            answered_by.add(agent)


class _Days:
    """Local days of UTC times in one zone, converted once per quarter hour (every zone's offset is a multiple
    of 15 minutes)."""

    def __init__(self, key: str) -> None:
        self.tz = zone_of(key)
        self.seen: dict[int, date] = {}

    def of(self, at: datetime) -> date:
        quarter = int(at.timestamp()) // 900
        day = self.seen.get(quarter)
        if day is None:
            day = self.seen[quarter] = at.astimezone(self.tz).date()
        return day


# --- keeping them in step --------------------------------------------------------------------------------------

def refresh(s: Session, conversation_ids: Iterable[str]) -> None:
    """Recompute these chats' answers and the days they touch, in the writer's transaction, in every kept zone
    (call it after any write that adds, changes or removes a chat's messages)."""
    ids = sorted(set(conversation_ids))
    if not ids:
        return
    zones = list(s.execute(select(_ZONE.c.zone)).scalars())
    if not zones:
        return
    s.flush()  # the ORM's pending changes (a reply just added) are what the answers are read from
    _lock(s)
    for zone in zones:
        cells: set[tuple[date, str]] = set()
        for start in range(0, len(ids), CHUNK):
            chunk = ids[start:start + CHUNK]
            cells |= _rewrite_answers(s, zone, _ANSWER.c.conversation_id.in_(chunk),
                                      _MESSAGE.c.conversation_id.in_(chunk))
        _roll_up(s, zone, sorted(cells))


def buyers(s: Session, buyer_of: dict[str, str]) -> None:
    """The chats' buyers as the shop now says (chat id → buyer id), in their answers: the conversions join
    orders by buyer (call it where a chat's buyer is written)."""
    if buyer_of:
        s.execute(update(_ANSWER).where(_ANSWER.c.conversation_id == bindparam("chat"),
                                        _ANSWER.c.buyer_id != bindparam("buyer")).values(buyer_id=bindparam("buyer")),
                  [{"chat": chat, "buyer": buyer} for chat, buyer in sorted(buyer_of.items())])


def _lock(s: Session) -> None:
    if s.get_bind().dialect.name == "postgresql":  # SQLite: the write transaction already holds the whole store
        s.execute(select(func.pg_advisory_xact_lock(_PG_LOCK)))


_KEPT = ("seq", "agent", "day", "answered_at", "seconds", "first", "day_first", "buyer_id")


def _rewrite_answers(s: Session, zone: str, old: object, messages: object) -> set[tuple[date, str]]:
    """Make the answers of the chats `old` selects (kpi_answer) those of their messages (`messages` selects them),
    writing only the chats whose answers changed (a buyer's message changes none); the (day, agent) cells either
    way touches."""
    where = and_(_ANSWER.c.zone == zone, old)  # type: ignore[arg-type]
    before: dict[str, list[tuple[object, ...]]] = {}
    for cid, *kept in s.execute(select(_ANSWER.c.conversation_id, *(_ANSWER.c[n] for n in _KEPT)).where(where)
                                .order_by(_ANSWER.c.conversation_id, _ANSWER.c.seq)):
        before.setdefault(cid, []).append(tuple(kept))
    # the times as the driver gives them (SQLite: text, parsed here at a third of the ORM type's cost)
    query = (select(_MESSAGE.c.conversation_id, type_coerce(_MESSAGE.c.sent_at, String), _MESSAGE.c.direction,
                    _MESSAGE.c.agent, _CHAT.c.buyer_id)
             .join(_CHAT, _CHAT.c.id == _MESSAGE.c.conversation_id, isouter=True)
             .where(messages).order_by(_MESSAGE.c.conversation_id, _MESSAGE.c.id))  # type: ignore[arg-type]
    days = _Days(zone)
    parse = datetime.fromisoformat
    after: dict[str, list[dict[str, object]]] = {}
    current, buyer, said = None, "", []
    for cid, at, direction, agent, buyer_id in [*s.execute(query), (None, None, None, None, None)]:
        if cid != current:
            if current is not None:
                after[current] = _answers(zone, current, buyer, said, days)
            current, buyer, said = cid, buyer_id or "", []
        if cid is not None:
            said.append((parse(at + "+00:00") if isinstance(at, str) else as_utc(at), direction, agent or ""))
    changed = sorted(cid for cid in before.keys() | after.keys()
                     if before.get(cid, []) != [tuple(r[n] for n in _KEPT) for r in after.get(cid, [])])
    cells: set[tuple[date, str]] = set()
    for cid in changed:
        cells.update((r[2], r[1]) for r in before.get(cid, []))  # type: ignore[misc]
        cells.update((r["day"], r["agent"]) for r in after.get(cid, []))  # type: ignore[misc]
    if changed:
        for start in range(0, len(changed), CHUNK):
            s.execute(delete(_ANSWER).where(_ANSWER.c.zone == zone,
                                            _ANSWER.c.conversation_id.in_(changed[start:start + CHUNK])))
        rows = [row for cid in changed for row in after.get(cid, [])]
        if rows:
            s.execute(insert(_ANSWER), rows)
    return cells


def _answers(zone: str, cid: str, buyer: str, said: Sequence[tuple[datetime, str, str]], days: _Days
             ) -> list[dict[str, object]]:
    seen: set[tuple[str, date]] = set()
    rows: list[dict[str, object]] = []
    for seq, (agent, run_start, answered_at, first) in enumerate(runs(said)):
        day = days.of(answered_at)
        rows.append({"zone": zone, "conversation_id": cid, "seq": seq, "buyer_id": buyer, "agent": agent, "day": day,
                     "answered_at": answered_at,
                     "seconds": (answered_at - run_start).total_seconds(), "first": first,
                     "day_first": (agent, day) not in seen})
        seen.add((agent, day))
    return rows


def _roll_up(s: Session, zone: str, cells: Sequence[tuple[date, str]]) -> None:
    """Rewrite these (day, agent) rollups from their answers: one read, one delete, one insert."""
    if not cells:
        return
    wanted = set(cells)
    found: dict[tuple[date, str], list[Sequence[object]]] = {cell: [] for cell in wanted}
    for day, agent, cid, seconds, first in s.execute(
            select(_ANSWER.c.day, _ANSWER.c.agent, _ANSWER.c.conversation_id, _ANSWER.c.seconds, _ANSWER.c.first)
            .where(_ANSWER.c.zone == zone, _ANSWER.c.day.in_(sorted({d for d, _a in wanted})),
                   _ANSWER.c.agent.in_(sorted({a for _d, a in wanted})))):
        if (day, agent) in wanted:  # the days and agents asked make a few more pairs than the cells
            found[(day, agent)].append((cid, seconds, first))
    s.execute(delete(_DAY).where(_DAY.c.zone == zone, _DAY.c.day == bindparam("cell_day"),
                                 _DAY.c.agent == bindparam("cell_agent")),
              [{"cell_day": day, "cell_agent": agent} for day, agent in sorted(wanted)])
    rows = [_cell(zone, day, agent, answers) for (day, agent), answers in sorted(found.items()) if answers]
    if rows:
        s.execute(insert(_DAY), rows)


def _cell(zone: str, day: date, agent: str, rows: Iterable[Sequence[object]]) -> dict[str, object]:
    first_of: dict[str, float] = {}
    longest: dict[str, float] = {}
    times, first_times = [], []
    for cid, raw, first in rows:
        seconds = float(raw)  # type: ignore[arg-type]
        times.append(seconds)
        if first:
            first_of[str(cid)] = seconds
            first_times.append(seconds)
            longest.setdefault(str(cid), -1.0)
        else:
            longest[str(cid)] = max(longest.get(str(cid), -1.0), seconds)
    chats = sorted(longest)
    return {"zone": zone, "day": day, "agent": agent, "chats": "\n".join(chats),
            "chat_first": _blob(first_of.get(cid, -1.0) for cid in chats),
            "chat_longest": _blob(longest[cid] for cid in chats),
            "times": _blob(sorted(times)), "first_times": _blob(sorted(first_times))}


def _blob(values: Iterable[float]) -> bytes:
    numbers = array("d", values)
    if _SWAP:
        numbers.byteswap()
    return numbers.tobytes()


def _numbers(blob: bytes) -> array[float]:
    numbers = array("d")
    numbers.frombytes(blob)
    if _SWAP:
        numbers.byteswap()
    return numbers


_SWAP = sys.byteorder == "big"  # kept little-endian: a store moves between machines


# --- building a zone ------------------------------------------------------------------------------------------

def is_ready(store: Store, zone: str) -> bool:
    with store.engine.connect() as connection:
        return bool(connection.execute(select(_ZONE.c.ready).where(_ZONE.c.zone == zone)).scalar())


def ensure(store: Store, zone: str) -> None:
    """Keep rollups in this zone from now on, and build them from the stored messages if they are not yet:
    chats 500 per transaction, then the days one per transaction, so a desk's writes go on
    between them (a zone half built is finished by the next call)."""
    if is_ready(store, zone):
        return
    with store.writing() as s:
        s.execute(insert_new(s, _ZONE, ["zone"]), [{"zone": zone, "ready": False}])
    after = ""
    while True:
        with store.engine.connect() as connection:
            last = connection.execute(select(_MESSAGE.c.conversation_id).where(_MESSAGE.c.conversation_id > after)
                                      .order_by(_MESSAGE.c.conversation_id).distinct()
                                      .offset(_BUILD_CHATS - 1).limit(1)).scalar()
        with store.writing() as s:
            _lock(s)
            upto = [] if last is None else [_MESSAGE.c.conversation_id <= last]
            answers_upto = [] if last is None else [_ANSWER.c.conversation_id <= last]
            _rewrite_answers(s, zone, and_(_ANSWER.c.conversation_id > after, *answers_upto),
                             and_(_MESSAGE.c.conversation_id > after, *upto))
        if last is None:
            break
        after = last
    with store.engine.connect() as connection:
        first, final = connection.execute(select(func.min(_ANSWER.c.day), func.max(_ANSWER.c.day))
                                          .where(_ANSWER.c.zone == zone)).one()
    if first is not None:
        day = first
        while day <= final:
            until = day + timedelta(days=_BUILD_DAYS)
            with store.writing() as s:
                _lock(s)
                _roll_up_days(s, zone, day, until)
            day = until
    with store.writing() as s:
        s.execute(update(_ZONE).where(_ZONE.c.zone == zone).values(ready=True))


def _roll_up_days(s: Session, zone: str, first: date, until: date) -> None:
    """Rewrite the rollups of the local days [first, until) from their answers, one read of them."""
    s.execute(delete(_DAY).where(_DAY.c.zone == zone, _DAY.c.day >= first, _DAY.c.day < until))
    query = (select(_ANSWER.c.day, _ANSWER.c.agent, _ANSWER.c.conversation_id, _ANSWER.c.seconds, _ANSWER.c.first)
             .where(_ANSWER.c.zone == zone, _ANSWER.c.day >= first, _ANSWER.c.day < until)
             .order_by(_ANSWER.c.day, _ANSWER.c.agent))
    cells: list[dict[str, object]] = []
    key: tuple[date, str] | None = None
    rows: list[Sequence[object]] = []
    for day, agent, cid, seconds, first_answer in [*s.execute(query), (None, None, None, None, None)]:
        if (day, agent) != key:
            if key is not None:
                cells.append(_cell(zone, key[0], key[1], rows))
            key, rows = (day, agent), []
        rows.append((cid, seconds, first_answer))
    if cells:
        s.execute(insert(_DAY), cells)


# --- reading them ---------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Cell:
    """One agent's local day: the chats served, each with its first response that day (-1: none) and its
    longest other response (-1: none), and all the day's response times and first response times, sorted."""

    day: date
    agent: str
    chats: list[str]
    chat_first: array[float]
    chat_longest: array[float]
    times: array[float]
    first_times: array[float]


def days(store: Store, zone: str, first: date, last: date) -> Iterator[Cell]:
    """The rollups of the local days first..last (inclusive), by day then agent."""
    query = (select(_DAY.c.day, _DAY.c.agent, _DAY.c.chats, _DAY.c.chat_first, _DAY.c.chat_longest, _DAY.c.times,
                    _DAY.c.first_times)
             .where(_DAY.c.zone == zone, _DAY.c.day >= first, _DAY.c.day <= last).order_by(_DAY.c.day, _DAY.c.agent))
    seen: dict[object, date] = {}
    with store.engine.connect() as connection:
        # SQLite: the driver's rows as they are (a year is 18,000 of them), the day parsed once
        rows = connection.exec_driver_sql(
            "SELECT day, agent, chats, chat_first, chat_longest, times, first_times FROM kpi_day "
            "WHERE zone = ? AND day >= ? AND day <= ? ORDER BY day, agent", (zone, first.isoformat(), last.isoformat())
        ) if connection.dialect.name == "sqlite" else connection.execute(query)
        for day, agent, chats, chat_first, chat_longest, times, first_times in rows:
            when = seen.get(day)
            if when is None:
                when = seen[day] = day if isinstance(day, date) else date.fromisoformat(day)
            yield Cell(when, agent, chats.split("\n") if chats else [], _numbers(chat_first),
                       _numbers(chat_longest), _numbers(times), _numbers(first_times))


def converted(store: Store, zone: str, start: datetime, end: datetime, window: timedelta
              ) -> list[tuple[str, date, str]]:
    """(agent, local day, chat) where the chat's buyer created an order within `window` after the agent's first
    answer in that chat that day, for the answers in [start, end) (UTC: the range's local days). One query, driven
    by the orders that can count: each finds its buyer's first answers of the window before it by index."""
    if store.engine.dialect.name == "postgresql":
        a, o = _ANSWER, _ORDER
        query = (select(a.c.agent, a.c.day, a.c.conversation_id).distinct()
                 .select_from(o.join(a, and_(a.c.zone == zone, a.c.buyer_id == o.c.buyer_id,
                                             a.c.answered_at <= o.c.created_at,
                                             a.c.answered_at >= o.c.created_at - literal(window))))
                 .where(o.c.created_at >= start, o.c.created_at <= end + window, a.c.day_first,
                        a.c.answered_at >= start, a.c.answered_at < end, a.c.agent != ROBOT))
        with store.engine.connect() as connection:
            return [(r[0], r[1], r[2]) for r in connection.execute(query)]
    # SQLite: CROSS JOIN keeps the orders the outer loop (its planner, without statistics, would read every answer
    # of the range instead), each seeking its buyer's first answers of the day before it; times are text to the
    # microsecond, and strftime's %f gives milliseconds
    stamp = "%Y-%m-%d %H:%M:%S.%f"
    with store.engine.connect() as connection:
        rows = connection.exec_driver_sql(
            "SELECT DISTINCT a.agent, a.day, a.conversation_id FROM shop_order o CROSS JOIN kpi_answer a "
            "WHERE o.created_at >= ? AND o.created_at <= ? AND a.zone = ? AND a.day_first = 1 "
            "AND a.buyer_id = o.buyer_id AND a.answered_at <= o.created_at "
            "AND a.answered_at >= strftime('%Y-%m-%d %H:%M:%f', o.created_at, ?) "
            "AND +a.answered_at >= ? AND +a.answered_at < ? AND a.agent != ?",  # +: the order's bounds seek
            (start.astimezone(UTC).strftime(stamp), (end + window).astimezone(UTC).strftime(stamp), zone,
             f"-{window.total_seconds()} seconds", start.astimezone(UTC).strftime(stamp),
             end.astimezone(UTC).strftime(stamp), ROBOT)).all()
    return [(agent, date.fromisoformat(day), cid) for agent, day, cid in rows]
