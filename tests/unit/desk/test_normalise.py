"""The one way the desk reads texts against word lists (app/desk/normalise.py), measured the way it is used: the
share of dodged words the send guard and the queue's angry flag still catch (tests/unit/desk/data/dodges.tsv,
target ≥ 95 %), and ordinary replies the guard stops (tests/unit/desk/data/ordinary_replies.txt, the starter
phrases, the simulator's replies and buyers; target 0). Both figures are printed with the test output."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.quickreplies.starter import STARTER
from app.quickreplies.template import fill
from app.shopsim import vocab, world
from app.store.records import ConversationSummary

from app.desk.guard import SendGuard, default_words
from app.desk.normalise import (
    BREAK,
    GAP,
    JOINER,
    WordFinder,
    _within_clause,
    finder,
    fold,
    fold_word,
    folded_text,
)
from app.desk.queue import flags

DATA = Path(__file__).with_name("data")
NOW = datetime(2026, 11, 24, 8, 0, tzinfo=UTC)


@dataclass(frozen=True)
class Dodge:
    kind: str  # off_platform / insult (the guard must stop it) or angry (the queue must flag it)
    word: str
    text: str
    how: str
    source: str


def dodges() -> list[Dodge]:
    rows = []
    for line in (DATA / "dodges.tsv").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            kind, word, text, how, source = line.split("\t")
            text = re.sub(r"\\u([0-9a-fA-F]{4})", lambda m: chr(int(m.group(1), 16)), text)
            rows.append(Dodge(kind, word, text.replace("\\n", "\n").replace("\\t", "\t"), how, source))
    return rows


def ordinary_replies() -> list[str]:
    lines = (DATA / "ordinary_replies.txt").read_text(encoding="utf-8").splitlines()
    return [line for line in lines if line and not line.startswith("#")]


def shop_texts() -> list[str]:
    """Everything the desk or its demo says or hears every day: the list of ordinary replies, the starter phrases
    (which the robot answers with) as written and filled in, the simulator's colleagues, handover notes and
    buyers."""
    texts = [*ordinary_replies()]
    values = {"agent": "小王", "order_no": "3698123456", "courier": "中通快递", "tracking_no": "75312345678",
              "amount": "5", "cursor": ""}
    for title, body, *_rest in STARTER:
        texts += [title, body, fill(body, values).text]
    texts += [*world.COLLEAGUE_OPENERS, *(note for notes in world.HANDOVER_NOTES.values() for note in notes)]
    for _stage, openers, follow_ups, answers in vocab.INTENTS.values():
        texts += [*openers, *follow_ups, *answers]
    return [*texts, *vocab.CLOSINGS]


def buyer_said(text: str) -> ConversationSummary:
    return ConversationSummary(id="c", buyer_id="b", buyer_nick="n", state="active", created_at=NOW, last_text=text,
                               last_direction="in", last_at=NOW, waiting_since=NOW - timedelta(seconds=5),
                               first_response_at=None, unread=1)


def report(capsys, lines: list[str]) -> None:
    with capsys.disabled():  # the measured shares belong in the test output, not only in a failure
        print("\n" + "\n".join(lines))


def test_the_guard_still_stops_at_least_95_percent_of_dodged_words(capsys):
    guard = SendGuard(default_words())
    rows = [d for d in dodges() if d.kind in ("off_platform", "insult")]
    missed = [d for d in rows if not any(h.kind == d.kind for h in guard.check(d.text))]
    share = 1 - len(missed) / len(rows)
    report(capsys, [f"send guard: {len(rows) - len(missed)} of {len(rows)} dodged words stopped ({share:.1%}); "
                    f"missed: {', '.join(f'{d.text!r} ({d.how})' for d in missed) or 'none'}"])
    assert len(rows) >= 300
    assert share >= 0.95


def test_the_angry_flag_still_sees_at_least_95_percent_of_dodged_complaints(capsys):
    rows = [d for d in dodges() if d.kind == "angry"]
    missed = [d for d in rows if "angry" not in flags(buyer_said(d.text), NOW)]
    share = 1 - len(missed) / len(rows)
    report(capsys, [f"angry flag: {len(rows) - len(missed)} of {len(rows)} dodged complaint words seen "
                    f"({share:.1%}); missed: {', '.join(f'{d.text!r} ({d.how})' for d in missed) or 'none'}"])
    assert len(rows) >= 100
    assert share >= 0.95


def test_no_ordinary_reply_is_stopped(capsys):
    guard = SendGuard(default_words())
    texts = shop_texts()
    stopped = {text: [(h.word, text[h.start:h.end]) for h in guard.check(text)] for text in texts
               if guard.check(text)}
    report(capsys, [f"send guard: {len(stopped)} of {len(texts)} ordinary replies and shop texts stopped "
                    f"({len(ordinary_replies())} written replies, the starter phrases, the simulator)"])
    assert len(ordinary_replies()) >= 250
    assert stopped == {}


@pytest.mark.parametrize(("text", "folded"), [
    ("加 微 信", f"加{GAP}微{GAP}信"),
    ("ＶＸ-200", f"vx{JOINER}200"),
    ("好評返現", "好评返现"),
    ("投\u200b诉", "投诉"),  # invisible: nothing stands for it
    ("加，微😊信", f"加{BREAK}微{GAP}信"),
    ("  ！加 - 微  ", f"加{GAP}微"),  # no marks at the ends; a joiner with spaces is a gap
])
def test_folding_keeps_letters_and_marks_where_separators_stood(text, folded):
    assert fold(text).text == folded


def test_every_folded_character_knows_where_it_came_from():
    text = "亲😊，加\u200bＶ  信㈱"
    folded = fold(text)
    assert len(folded.origin) == len(folded.text)
    for char, at in zip(folded.text, folded.origin, strict=True):
        if char not in (GAP, JOINER, BREAK):
            assert char in fold_word(text[at])  # ㈱ folds to three characters, each from index 9


@pytest.mark.parametrize(("text", "span"), [
    ("亲，加 微 信聊吧", "加 微 信"),
    ("亲，加\u200b薇\u200b信聊吧", "加\u200b薇\u200b信"),
    ("👩\u200d👩\u200d👧加ＶＸ吧", "加ＶＸ"),  # an emoji sequence before: Python indexes, the window converts
    ("好評返現5元", "好評返現"),
    ("jia wei xin 联系", "jia wei xin"),
])
def test_a_hit_names_its_span_in_the_text_as_written(text, span):
    [found] = WordFinder(["加微信", "好评返现"]).find(text)
    assert text[found.start:found.end] == span


def test_latin_words_stay_whole_words_and_clauses_stay_apart():
    find = WordFinder(["sb", "加微信", "杂种", "vx"]).find
    assert find("usb接口") == [] and find("型号VX-200") == [] and find("vx1000") == []
    assert [text for text in ("you sb", "s b", "S.B") if find(text)] == ["you sb", "s b", "S.B"]
    assert find("款式复杂，种类多") == []  # a word does not run from one clause into the next…
    assert find("加，微，信") and find("杂，种")  # …unless it is spelled out on its own


def test_a_word_is_widened_from_what_the_list_holds_never_back():
    assert WordFinder(["加微信"]).find("加vx")  # 加微信 covers its street forms
    assert WordFinder(["vx"]).find("不支持微信付款") == []  # banning vx does not ban every 微信


def test_the_table_keeps_clothes_and_sweets_out_of_contacts():
    guard = SendGuard(default_words())
    for text in ("加V领的款式我帮您查一下", "加QQ糖的那个套餐已经卖完了", "我操作一下退款", "给我草莓色的吧"):
        assert guard.check(text) == [], text
    assert guard.check("加V 领券")  # a space and then the offer: still a contact


def test_a_shop_word_of_punctuation_alone_is_never_found_and_breaks_nothing():
    shop = WordFinder(["！！", "差评"])
    assert shop.words == ["差评"] and [(f.start, f.end) for f in shop.find("给你差评！！")] == [(2, 4)]


# any text: letters of every script, the separators and invisible characters dodges use, and the words themselves
TEXTS = st.text(st.one_of(st.characters(), st.sampled_from(list("加微信薇vVxX+ 　.,，。\u200b\u200d\ufe0f😊丨-_/投訴"))),
                max_size=40)


@settings(max_examples=150, deadline=None)
@given(TEXTS)
def test_the_quick_fold_and_the_indexed_fold_agree_and_every_span_is_in_the_text(text):
    folded = fold(text)
    assert folded.text == folded_text(text)
    assert folded.origin == sorted(folded.origin) and all(0 <= i < len(text) for i in folded.origin)
    for hit in SendGuard(default_words()).check(text):
        assert 0 <= hit.start < hit.end <= len(text)
        assert fold_word(text[hit.start:hit.end])  # a hit never starts or ends on a separator alone


WORD_BITS = st.sampled_from(["加", "微", "信", "薇", "v", "x", "q", "好评", "返现", "傻", "逼", "b", "投", "诉", "jia",
                             "wei", "xin", "差", "评", "12315", "你妈", "的", "他", "我", "操", "领"])
NOISE = st.sampled_from(["", " ", ".", "，", "😊", "\u200b", "-", "a", "1"])


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(WORD_BITS, NOISE), max_size=12))
def test_looking_only_where_a_word_can_begin_misses_nothing_a_full_scan_finds(bits):
    text = "".join(bit + noise for bit, noise in bits)
    words = finder(tuple(default_words()))
    line = folded_text(text)
    everywhere = []  # every pattern tried at every character, as if there were no heads to look for
    for i in range(len(line)):
        for pattern, word in words._patterns.get(line[i], []):
            match = pattern.match(line, i)
            if match and match.end() > max((end for _s, end, _w in everywhere), default=0) and \
                    _within_clause(line, i, match.end()):
                everywhere.append((i, match.end(), word))
                break
    assert words._scan(line) == everywhere
