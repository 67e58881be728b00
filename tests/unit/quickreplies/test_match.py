from datetime import UTC, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from app.quickreplies.match import (
    ABBREVIATION_PREFIX,
    BODY,
    EXACT_ABBREVIATION,
    FUZZY,
    INITIALS,
    PINYIN,
    TITLE_PREFIX,
    PhraseIndex,
)
from app.quickreplies.phrase import Phrase
from app.quickreplies.starter import STARTER

NOW = datetime(2026, 11, 24, 8, 0, tzinfo=UTC)


def starter_index(**overrides) -> PhraseIndex:
    phrases = []
    for i, (title, body, group, abbr, slot) in enumerate(STARTER, start=1):
        phrases.append(Phrase(i, title, body, group, abbr, slot, **overrides.get(title, {})))
    return PhraseIndex(phrases)


def titles(matches) -> list[str]:
    return [m.phrase.title for m in matches]


def test_pinyin_initials_find_chinese_titles():
    first = starter_index().search("thdz")[0]
    assert (first.phrase.title, first.kind) == ("退货地址", EXACT_ABBREVIATION)
    first = starter_index().search("tkl")[0]
    assert (first.phrase.title, first.kind) == ("退款流程", INITIALS)


def test_full_pinyin_and_a_homophone_slip_find_the_same_phrase():
    assert titles(starter_index().search("tuikuan"))[0] == "退款流程"
    matches = starter_index().search("退宽")  # the IME offered the wrong 宽
    assert titles(matches)[0] == "退款流程" and matches[0].kind == PINYIN


def test_an_exact_abbreviation_beats_everything_and_a_prefix_comes_next():
    matches = starter_index().search("fh")
    assert (matches[0].phrase.title, matches[0].kind) == ("发货时间", EXACT_ABBREVIATION)
    assert starter_index().search("yh")[0].kind == EXACT_ABBREVIATION
    assert starter_index().search("yhq")[0].phrase.title == "优惠券"
    prefix = [m for m in starter_index().search("yh") if m.phrase.title == "优惠券"][0]
    assert prefix.kind == ABBREVIATION_PREFIX


def test_titles_then_bodies():
    matches = starter_index().search("尺码")
    assert matches[0].phrase.title == "尺码推荐" and matches[0].kind == TITLE_PREFIX
    assert any(m.kind == BODY for m in starter_index().search("运单号"))


def test_typos_still_find_the_phrase_but_rank_below_real_matches():
    matches = starter_index().search("fahup")
    assert titles(matches)[0] == "发货时间" and matches[0].kind == FUZZY


def test_frequency_and_recency_order_equal_matches_but_never_a_worse_kind():
    used = {"补发": {"uses": 50, "last_used": NOW - timedelta(minutes=5)}}
    matches = starter_index(**used).search("b", now=NOW)
    # 补发's abbreviation "buf" and 补货's "bh" and 结束语's "bb" all start with b: the habit decides among them
    assert titles(matches)[0] == "补发"
    exact = starter_index(**used).search("bb", now=NOW)
    assert titles(exact)[0] == "结束语"  # an exact abbreviation is not outranked by a busy phrase


def test_ties_are_broken_the_same_way_every_time():
    first = titles(starter_index().search("亲"))
    assert first == titles(starter_index().search("亲")) and len(first) == 20


def test_an_empty_query_lists_the_most_used_first():
    used = {"稍等": {"uses": 9}, "欢迎语": {"uses": 3}}
    assert titles(starter_index(**used).search(""))[:2] == ["稍等", "欢迎语"]


@given(st.text(max_size=12))
def test_any_query_returns_at_most_the_limit_without_raising(query):
    assert len(starter_index().search(query, limit=5)) <= 5


def test_the_fast_reading_is_pypinyins_for_polyphones_words_and_mixed_text():
    from pypinyin import lazy_pinyin

    from app.quickreplies.match import KEEP, syllables

    texts = [t for t, *_ in STARTER] + [b for _, b, *_ in STARTER] + [
        "头发", "发货", "重庆", "重量", "长度", "成长", "银行", "行不行", "还没到", "还款", "绿色", "女鞋",
        "iPhone壳", "尺码表2024", "😊好评返现", "SF顺丰 到付", "了解", "好了"]
    for text in texts:
        mine = "".join(s.removeprefix(KEEP) for s in syllables(text))
        assert mine == "".join(lazy_pinyin(text, errors=lambda chars: chars)), text
