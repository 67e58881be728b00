"""The KPIs the desk reads from a store (ReviewDesk.kpis) equal a plain reference written here from docs/kpis.md,
over generated stores of varied chats: long gaps, agents taking over, the robot, chats over local midnight and
over the range's edges, runs left unanswered, orders paid within and after 24 h, refunds, returns, reships and
changed reviews recorded (or only awaiting approval), chats closed with the buyer last and 质检 scores, in a zone
without and one with summer time (times are UTC in the store, days local). Any faster reading of the KPIs must
keep every figure of the report equal.

The reference reads every message of the store, each chat whole in the order its messages were stored: an agent's
first answer in a chat is the first in the whole chat, whatever the range (docs/kpis.md), and a run that began
days before the range is measured from its start. (Before issue 20 the desk, and this reference, read from a day
before the range's first local midnight only, so a longer range could take an answer's "first" away.)"""

from __future__ import annotations

import math
import random
import statistics
from collections import defaultdict
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from app.store import models
from app.store import review as repo
from app.store.audit_log import Audit, AuditLog
from app.store.engine import open_store, open_store_to_read
from app.store.issues import IssueStore
from app.store.models import as_utc
from app.store.store import Store

from app.desk.review import ReviewDesk, kpi_table

AGENTS = ("小李", "小王", "阿芳")
ZONES = (ZoneInfo("Asia/Shanghai"), ZoneInfo("Europe/Berlin"))
FIRST = date(2026, 3, 27)  # Berlin's clocks go forward on the 29th: a local day of 23 hours inside the range
KINDS = ("partial_refund", "full_refund", "return", "reship", "review_outcome")


def _gap(rng: random.Random) -> timedelta:
    """Mostly seconds, sometimes minutes, hours or more than a day (a buyer coming back), with microseconds."""
    roll = rng.random()
    seconds = (rng.uniform(1, 90) if roll < 0.7 else rng.uniform(60, 3_600) if roll < 0.85
               else rng.uniform(3_600, 30 * 3_600) if roll < 0.95 else rng.uniform(30 * 3_600, 80 * 3_600))
    return timedelta(seconds=round(seconds, 6))


def _fill(store: Store, seed: int, chats: int) -> None:
    """chats chats starting anywhere from three days before FIRST to ten days after, and orders of their buyers."""
    rng = random.Random(seed)
    origin = datetime.combine(FIRST, time(), UTC) - timedelta(days=3)
    buyers = [f"b{n}" for n in range(max(2, chats // 3))]
    chat_rows, message_rows, order_rows, done = [], [], [], []
    for c in range(chats):
        at = origin + timedelta(seconds=rng.uniform(0, 13 * 86_400))
        buyer = rng.choice(buyers)
        chat_rows.append({"id": f"c{c}", "buyer_id": buyer, "state": "closed", "created_at": at})
        agent = rng.choice(AGENTS)
        for _n in range(rng.randrange(1, 16)):
            at += _gap(rng)
            roll = rng.random()
            if roll < 0.08:
                agent = rng.choice(AGENTS)  # a transfer: a colleague answers from here on
            direction = ("in" if roll < 0.5 else "out" if roll < 0.82 else "robot" if roll < 0.9
                         else "system" if roll < 0.95 else "in")
            message_rows.append({"conversation_id": f"c{c}", "direction": direction, "text": "在吗", "state": "sent",
                                 "sent_at": at, "agent": agent if direction == "out" and rng.random() > 0.02 else
                                 "robot" if direction == "robot" else ""})
            if direction == "out" and rng.random() < 0.1:
                done.append((f"c{c}", buyer, agent, at + timedelta(minutes=rng.uniform(0, 600))))
            if direction == "out" and rng.random() < 0.15:
                paid = at + timedelta(hours=rng.choice((0.1, 5, 23.9, 24.1, 40))) - timedelta(minutes=rng.choice((0, 1)))
                order_rows.append({"no": f"o{len(order_rows)}", "buyer_id": buyer, "items": [], "amount_fen": 100,
                                   "status": "已付款", "created_at": paid, "fetched_at": paid})
    with store.engine.begin() as connection:
        connection.execute(models.Buyer.__table__.insert(), [{"id": b, "nick": b} for b in buyers])
        connection.execute(models.Conversation.__table__.insert(), chat_rows)
        # stored out of time order across chats (ids are not times), each chat's own messages in order
        order = {id(r): n for n, r in enumerate(message_rows)}
        message_rows.sort(key=lambda r: (int(r["conversation_id"][1:]) % 7, order[id(r)]))
        connection.execute(models.Message.__table__.insert(), message_rows)
        if order_rows:
            connection.execute(models.Order.__table__.insert(), order_rows)
    issues, audit = IssueStore(store), AuditLog(store)
    for cid, buyer, agent, at in done:
        issue = issues.add_issue({"stage": "after_sale", "category": "quality", "severity": "normal", "order_no": "",
                                  "buyer_id": buyer, "buyer_nick": buyer, "conversation_id": cid, "owner": agent,
                                  "state": "open", "note": ""}, [], at, Audit(agent, "issue opened"))
        kind = rng.choice(KINDS)
        amount = rng.choice((0, 150, 600)) if kind in KINDS[:2] else 0
        issues.add_action(issue.id, kind, {"changed": rng.random() < 0.5}, amount,
                          rng.choice(("done", "done", "awaiting_approval")), agent, at, None)
        if rng.random() < 0.5:
            audit.write_audit(Audit(agent, "chat closed unanswered", None, {"conversation": cid, "why": "买家不回"}), at)
        if rng.random() < 0.5:
            repo.add_review(store, cid, agent, "店长", at, rng.randrange(0, 101), {}, "")


def _rank(values: list[float], q: float) -> float | None:
    ordered = sorted(values)
    return ordered[max(0, math.ceil(q * len(ordered)) - 1)] if ordered else None


def reference(store: Store, first: date, last: date, period: str, tz: tzinfo) -> dict[tuple[str, date], dict]:
    """Each (agent, period's first day): the figures docs/kpis.md defines, counted the plain way."""
    table, chat = models.Message.__table__, models.Conversation.__table__
    with store.engine.connect() as connection:
        rows = connection.execute(select(table.c.conversation_id, table.c.direction, table.c.sent_at, table.c.agent)
                                  .order_by(table.c.conversation_id, table.c.id)).all()
        buyer_of = dict(connection.execute(select(chat.c.id, chat.c.buyer_id)).all())
        paid = defaultdict(list)
        for buyer, created in connection.execute(select(models.Order.buyer_id, models.Order.created_at)):
            paid[buyer].append(as_utc(created))
    said = defaultdict(list)
    for cid, direction, at, agent in rows:
        said[cid].append((as_utc(at), direction, agent or ""))

    def period_of(day: date) -> date:
        return {"day": day, "week": day - timedelta(days=day.weekday()), "month": day.replace(day=1)}[period]

    out: dict[tuple[str, date], dict] = defaultdict(lambda: {
        "served": set(), "first": [], "all": [], "slow": set(), "converted": set(), "closed": set(), "refunds": 0,
        "refund_fen": 0, "returns": 0, "reships": 0, "changed": 0, "scores": []})
    for cid, lines in said.items():
        run_start, answered_by, first_of_day = None, set(), {}
        for at, direction, agent in lines:
            if direction == "in":
                run_start = run_start or at
                continue
            if direction not in ("out", "robot"):
                continue
            who = "robot" if direction == "robot" else agent or "?"
            day = at.astimezone(tz).date()
            if run_start is not None and first <= day <= last:
                seconds = (at - run_start).total_seconds()
                row = out[(who, period_of(day))]
                row["served"].add(cid)
                row["all"].append(seconds)
                if who not in answered_by:
                    row["first"].append(seconds)
                if seconds > (30 if who not in answered_by else 40):
                    row["slow"].add(cid)
                first_of_day.setdefault((who, day), at)
            if run_start is not None:
                run_start = None
            answered_by.add(who)
        for (who, day), answered in first_of_day.items():
            if who != "robot" and any(answered <= p <= answered + timedelta(hours=24) for p in paid[buyer_of[cid]]):
                out[(who, period_of(day))]["converted"].add(cid)

    def kept(at: datetime) -> bool:
        return first <= as_utc(at).astimezone(tz).date() <= last

    def row(agent: str, at: datetime) -> dict:
        return out[(agent, period_of(as_utc(at).astimezone(tz).date()))]

    action, audit, review = models.IssueAction, models.AuditEntry, models.ChatReview
    with store.engine.connect() as connection:
        for kind, fen, fields, by, at in connection.execute(
                select(action.kind, action.amount_fen, action.fields, action.by, action.at)
                .where(action.status == "done", action.kind.in_(KINDS))):
            if kept(at):
                counts = row(by, at)
                if kind in ("partial_refund", "full_refund"):
                    counts["refunds"] += 1
                    counts["refund_fen"] += fen
                else:
                    counts[{"return": "returns", "reship": "reships", "review_outcome": "changed"}[kind]] += (
                        kind != "review_outcome" or bool(fields.get("changed")))
        for who, after, at in connection.execute(select(audit.who, audit.after, audit.at)
                                                 .where(audit.what == "chat closed unanswered")):
            if kept(at):
                row(who, at)["closed"].add(after["conversation"])
        for agent, score, at in connection.execute(select(review.agent, review.score, review.at)):
            if kept(at):
                row(agent, at)["scores"].append(score)
    return dict(out)


@pytest.mark.parametrize("seed", range(6))
def test_the_desks_kpis_equal_the_plain_count_over_varied_chats(tmp_path, seed):
    rng = random.Random(seed)
    store = open_store(tmp_path / "kpis.db")
    _fill(store, seed, 120)
    try:
        for _attempt in range(4):
            tz = ZONES[rng.randrange(2)]
            first = FIRST + timedelta(days=rng.randrange(-2, 6))
            last = first + timedelta(days=rng.choice((0, 0, 1, 3, 9)))
            period = rng.choice(("day", "week", "month"))
            desk = ReviewDesk(store, "店长", clock=lambda: datetime.now(UTC), tz=tz)
            figures = desk.kpis(first, last, period)
            expected = reference(store, first, last, period, tz)
            where = f"seed {seed}, {first}..{last} by {period} in {tz}"
            assert {(f.agent, f.period) for f in figures} == set(expected), where
            for f in figures:
                want = expected[(f.agent, f.period)]
                assert (f.served, f.slow, f.converted) == (want["served"], want["slow"], want["converted"]), where
                assert sorted(f.first_times) == sorted(want["first"]) and sorted(f.times) == sorted(want["all"]), where
                assert (f.first_median, f.first_p90, f.median, f.p90) == (
                    _rank(want["first"], 0.5), _rank(want["first"], 0.9), _rank(want["all"], 0.5),
                    _rank(want["all"], 0.9)), where
                assert f.mean == (statistics.fmean(want["all"]) if want["all"] else None), where
                assert f.first_within_30 == (sum(s <= 30 for s in want["first"]) / len(want["first"])
                                             if want["first"] else None), where
                assert f.within_40 == (sum(s <= 40 for s in want["all"]) / len(want["all"])
                                       if want["all"] else None), where
                assert (f.closed_buyer_last, f.refunds, f.refund_fen, f.returns, f.reships, f.reviews_changed) == (
                    want["closed"], want["refunds"], want["refund_fen"], want["returns"], want["reships"],
                    want["changed"]), where
                assert f.quality == (statistics.fmean(want["scores"]) if want["scores"] else None), where
            assert kpi_table(figures).rows == kpi_table(desk.kpis(first, last, period)).rows  # read twice, alike
    finally:
        store.close()


def test_the_generated_chats_reach_every_case_the_comparison_is_for(tmp_path):
    """The generator is worth its comparisons: transfers, the robot, slow and unanswered runs, runs over local
    midnight and over the range's start, conversions and orders paid too late all occur."""
    store = open_store(tmp_path / "kpis.db")
    _fill(store, 0, 120)
    tz = ZONES[0]
    first = FIRST
    expected = reference(store, first, first + timedelta(days=9), "day", tz)
    store.close()
    agents = {agent for agent, _day in expected}
    assert {"robot", *AGENTS} <= agents
    assert any(row["slow"] for row in expected.values()) and any(row["converted"] for row in expected.values())
    assert any(len(row["first"]) < len(row["all"]) for row in expected.values())  # later answers, not first ones
    assert any(s > 86_400 for row in expected.values() for s in row["all"])  # a run answered a day or more later
    for figure in ("closed", "refunds", "refund_fen", "returns", "reships", "changed", "scores"):
        assert any(row[figure] for row in expected.values()), figure
    assert any(not row["all"] and row["refunds"] for row in expected.values())  # an agent's row of only a refund


@pytest.mark.parametrize("seed", range(3))
def test_a_longer_range_never_changes_a_days_figures(tmp_path, seed):
    """Each day's row is the same asked alone or inside a range of two weeks: a chat's first response is the
    agent's first answer in the whole chat, not in what the range reads (the generated chats have buyers coming
    back after more than a day, which a look-back of a day took for a new first answer)."""
    store = open_store(tmp_path / "kpis.db")
    _fill(store, seed, 120)
    try:
        desk = ReviewDesk(store, "店长", clock=lambda: datetime.now(UTC), tz=ZONES[seed % 2])
        longer = kpi_table(desk.kpis(FIRST - timedelta(days=3), FIRST + timedelta(days=10))).rows
        compared = 0
        for n in range(-3, 11):
            day = FIRST + timedelta(days=n)
            alone = kpi_table(desk.kpis(day, day)).rows
            assert alone == [row for row in longer if row[1] == day.isoformat()], day
            compared += len(alone)
        assert compared == len(longer) > 20
    finally:
        store.close()


def test_a_store_only_read_counts_from_its_messages_the_same_figures(tmp_path):
    """A store that can only be read (a read-only folder) cannot get rollups built: its KPIs are counted from the
    messages, equal to the reference all the same; nothing is written."""
    path = tmp_path / "kpis.db"
    store = open_store(path)
    _fill(store, 7, 80)
    store.close()
    before = path.read_bytes()
    store = open_store_to_read(path)
    try:
        tz = ZONES[0]
        first, last = FIRST, FIRST + timedelta(days=6)
        figures = ReviewDesk(store, "店长", clock=lambda: datetime.now(UTC), tz=tz).kpis(first, last, "week")
        expected = reference(store, first, last, "week", tz)
        assert {(f.agent, f.period) for f in figures} == set(expected)
        for f in figures:
            want = expected[(f.agent, f.period)]
            assert (f.served, f.slow, f.converted, sorted(f.first_times), sorted(f.times)) == (
                want["served"], want["slow"], want["converted"], sorted(want["first"]), sorted(want["all"]))
    finally:
        store.close()
    assert path.read_bytes() == before
