"""KPI definitions (docs/kpis.md) on hand-built days with known answers, edge cases included: a run over
midnight, a transferred chat, robot answers, conversion inside and outside 24 h, weeks from days."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from app.desk.kpis import ChatLog, Done, Said, compute, responses

T0 = datetime(2026, 11, 11, 1, 0, tzinfo=UTC)  # 09:00 in Shanghai
SH = __import__("zoneinfo").ZoneInfo("Asia/Shanghai")


def at(seconds: float) -> datetime:
    return T0 + timedelta(seconds=seconds)


def chat(cid: str, *said: tuple[float, str, str], buyer: str = "b1") -> ChatLog:
    return ChatLog(cid, buyer, tuple(Said(at(s), d, a) for s, d, a in said))


def test_runs_end_at_the_first_answer_and_robot_answers_are_the_robots():
    log = chat("c1", (0, "in", ""), (5, "in", ""), (20, "out", "xiaoli"), (30, "in", ""), (31, "system", ""),
               (75, "robot", "robot"), (80, "in", ""), (90, "out", "xiaoli"))
    got = [(r.agent, r.seconds, r.first) for r in responses(log)]
    assert got == [("xiaoli", 20, True), ("robot", 45, True), ("xiaoli", 10, False)]


def test_a_day_of_two_agents_with_known_figures():
    chats = [
        chat("c1", (0, "in", ""), (12, "out", "xiaoli"), (60, "in", ""), (110, "out", "xiaoli")),  # 12 s, 50 s
        chat("c2", (0, "in", ""), (35, "out", "xiaoli"), buyer="b2"),  # a first response over 30 s
        chat("c3", (0, "in", ""), (8, "out", "xiaowang"), (20, "in", ""), (25, "system", ""),  # transferred
             (40, "out", "xiaoli"), buyer="b3"),
    ]
    done = [Done("xiaoli", at(200), "partial_refund", "c1", 600), Done("xiaoli", at(300), "full_refund", "c2", 0),
            Done("xiaoli", at(400), "closed_buyer_last", "c2"), Done("xiaowang", at(500), "reship"),
            Done("xiaowang", at(510), "review_outcome", changed=True),
            Done("xiaowang", at(520), "review_outcome", changed=False), Done("xiaoli", at(600), "quality", "c1", 90),
            Done("xiaoli", at(601), "quality", "c2", 70)]
    orders = [("b1", at(3600)), ("b2", at(35) + timedelta(hours=25)), ("b3", at(100))]
    li, wang = compute(chats, done, orders, tz=SH)
    assert (li.agent, li.period, wang.agent) == ("xiaoli", date(2026, 11, 11), "xiaowang")
    assert li.served == {"c1", "c2", "c3"} and wang.served == {"c3"}
    assert sorted(li.first_times) == [12, 20, 35]  # c3: 小李's own first answer after the transfer
    assert sorted(li.times) == [12, 20, 35, 50]
    assert (li.first_median, li.first_p90, li.median, li.p90, li.mean) == (20, 35, 20, 50, 29.25)
    assert li.first_within_30 == pytest.approx(2 / 3) and li.within_40 == 0.75
    assert li.slow == {"c1", "c2"}
    assert li.converted == {"c1", "c3"} and li.conversion == pytest.approx(2 / 3)  # b2 paid after 24 h
    assert wang.converted == {"c3"}  # both agents who served the chat that day
    assert (li.refunds, li.refund_fen, li.closed_buyer_last, li.quality) == (2, 600, {"c2"}, 80)
    assert (wang.reships, wang.reviews_changed, wang.first_times, wang.quality) == (1, 1, [8], None)


def test_a_run_over_midnight_counts_on_the_day_of_the_answer():
    midnight = datetime(2026, 11, 11, 16, 0, tzinfo=UTC)  # 00:00 on the 12th in Shanghai
    log = ChatLog("c9", "b9", (Said(midnight - timedelta(seconds=10), "in"),
                               Said(midnight + timedelta(seconds=20), "out", "xiaoli"),
                               Said(midnight + timedelta(seconds=30), "in"),
                               Said(midnight + timedelta(seconds=40), "out", "xiaoli")))
    [day] = compute([log], [], [], tz=SH)
    assert (day.period, day.first_times, day.times) == (date(2026, 11, 12), [30], [30, 10])
    assert compute([log], [], [], tz=SH, keep=lambda d: d == date(2026, 11, 11)) == []


def test_a_week_pools_the_days_responses_instead_of_averaging_their_medians():
    days = [chat(f"c{i}", (i * 86400, "in", ""), (i * 86400 + s, "out", "xiaoli"), buyer=f"b{i}")
            for i, s in enumerate((10, 10, 10, 100))]  # Wed 11th … Sat 14th
    [week] = compute(days, [], [], period="week", tz=SH)
    assert week.period == date(2026, 11, 9)  # the Monday
    assert week.times == [10, 10, 10, 100] and week.median == 10 and week.p90 == 100
    [month] = compute(days, [], [], period="month", tz=SH)
    assert month.period == date(2026, 11, 1) and len(month.served) == 4
    with pytest.raises(ValueError, match="period"):
        compute(days, [], [], period="year")


def test_robot_answers_get_their_own_row_and_never_convert():
    log = chat("c1", (0, "in", ""), (2, "robot", "robot"), (30, "in", ""), (45, "out", "xiaoli"))
    li, robot = compute([log], [], [("b1", at(100))], tz=SH)
    assert (li.agent, li.first_times, li.converted) == ("xiaoli", [15], {"c1"})
    assert (robot.agent, robot.first_times, robot.converted) == ("robot", [2], set())
