"""Values a phrase asks for each time: each answer checked and written as the buyer reads it, and a chat's answers
offered again next time, across a restart."""

from __future__ import annotations

import json
from datetime import date

import pytest

from app.quickreplies.template import CHOICE, DATE, MONEY, TEXT, Ask
from app.store.engine import open_store

from app.desk.asks import KEEP_CHATS, AnswerRefused, AskMemory, check_answer

TODAY = date(2026, 11, 24)


def refused(ask: Ask, raw: str) -> str:
    with pytest.raises(AnswerRefused) as caught:
        check_answer(ask, raw, today=TODAY)
    return caught.value.args[0].key


def test_an_amount_is_read_as_any_amount_and_written_as_every_amount():
    money = Ask("补偿金额", MONEY)
    assert [check_answer(money, raw, today=TODAY) for raw in ("5", "5.5", "¥12.50", "12元", "１２.５")] == \
        ["5.00", "5.50", "12.50", "12.00", "12.50"]
    assert refused(money, "五块") == "ask_not_amount"
    assert refused(money, "12.345") == "ask_not_amount"  # never rounded behind the agent's back
    assert refused(money, "0") == "ask_amount_not_positive"
    assert refused(money, "  ") == "ask_empty"


def test_a_date_is_read_the_ways_agents_type_it_and_written_as_a_buyer_reads_it():
    day = Ask("补货日期", DATE)
    read = {raw: check_answer(day, raw, today=TODAY) for raw in
            ("2026-11-30", "11-30", "11/30", "11.30", "11月30日", "12月1号", "明天", "后天", "今天", "２０２７－１－３")}
    assert read == {"2026-11-30": "11月30日", "11-30": "11月30日", "11/30": "11月30日", "11.30": "11月30日",
                    "11月30日": "11月30日", "12月1号": "12月1日", "明天": "11月25日", "后天": "11月26日",
                    "今天": "11月24日", "２０２７－１－３": "2027年1月3日"}
    # without a year, the nearest such day: in late December 1-3 is next month, not eleven months ago
    assert check_answer(day, "1-3", today=date(2026, 12, 28)) == "2027年1月3日"
    assert refused(day, "下周") == "ask_not_a_date" and refused(day, "13-40") == "ask_not_a_date"
    assert refused(day, "2026-02-30") == "ask_not_a_date"


def test_a_choice_is_one_of_the_list_and_free_text_one_line():
    courier = Ask("快递", CHOICE, ("顺丰", "圆通"))
    assert check_answer(courier, "顺丰", today=TODAY) == "顺丰"
    assert refused(courier, "中通") == "ask_not_a_choice"
    note = Ask("备注", TEXT)
    assert check_answer(note, " 红色\n35码 ", today=TODAY) == "红色 35码"
    assert refused(note, "长" * 201) == "ask_too_long"


def test_a_chats_answers_come_back_next_time_also_after_a_restart(tmp_path):
    store = open_store(tmp_path / "k.db")
    memory = AskMemory(store, "小李")
    store.set_meta(memory.key, memory.remember("c1", {"补偿金额": "5.00"}))
    store.set_meta(memory.key, memory.remember("c1", {"快递": "顺丰"}))
    assert memory.answers("c2") == {}
    store.close()
    store = open_store(tmp_path / "k.db")
    assert AskMemory(store, "小李").answers("c1") == {"补偿金额": "5.00", "快递": "顺丰"}
    assert AskMemory(store, "小王").answers("c1") == {}  # each agent's own
    store.close()


def test_only_the_most_recent_chats_are_remembered(tmp_path):
    store = open_store(tmp_path / "k.db")
    memory = AskMemory(store, "小李")
    for n in range(KEEP_CHATS + 5):
        written = memory.remember(f"c{n}", {"补偿金额": "5.00"})
    kept = json.loads(written)
    assert len(kept) == KEEP_CHATS and "c0" not in kept and f"c{KEEP_CHATS + 4}" in kept
    store.set_meta(memory.key, "{not json")
    assert AskMemory(store, "小李").answers("c1") == {}  # an unreadable entry forgets, never fails
    store.close()
