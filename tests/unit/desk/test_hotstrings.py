"""Hotstrings: which typed words become phrases — only the opted-in groups, only whole words, only at an end key,
and never while paused."""

from __future__ import annotations

from app.quickreplies.phrase import Phrase

from app.desk.hotstrings import Hotstrings

PHRASES = [Phrase(1, "发货时间", "亲，16点前付款当天发", "售中/物流", "fh"),
           Phrase(2, "退款流程", "亲，在订单页点申请退款", "售后/退款", ";tk"),
           Phrase(3, "欢迎语", "亲，您好呀", "通用/问候", "hi")]


def typing(engine: Hotstrings, text: str, end: str = "space"):
    for char in text:
        assert engine.key(char) is None
    return engine.key(end)


def test_an_abbreviation_then_an_end_key_expands_and_says_what_to_erase():
    engine = Hotstrings(PHRASES, ["售中", "售后/退款"])
    found = typing(engine, "好的 fh")
    assert found is not None and found.phrase.title == "发货时间" and found.erase == 3
    found = typing(engine, ";TK", "return")  # case does not matter; ; is part of the abbreviation
    assert found is not None and found.phrase.id == 2 and found.erase == 4


def test_only_whole_words_of_opted_in_groups_and_not_while_paused():
    engine = Hotstrings(PHRASES, ["售中"])
    assert typing(engine, "ifh") is None  # inside a word
    assert typing(engine, "亲fh") is None  # right after Chinese: one word, as in AutoHotKey
    assert typing(engine, "hi") is None  # 通用 is not opted in
    engine.key("f")
    engine.key("x")
    engine.key("backspace")
    assert engine.key("h") is None and engine.key("tab") is not None  # corrected with Backspace: still fh
    engine.key("f")
    engine.key("left")  # moved elsewhere: the word is gone
    engine.key("h")
    assert engine.key("space") is None
    engine.paused = True
    assert typing(engine, " fh") is None
