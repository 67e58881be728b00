from datetime import UTC, datetime, timedelta

import pytest
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


def every_phrase_scored(index: PhraseIndex, query: str, limit: int, now, fit) -> list[tuple[int, float, int]]:
    """The palette's ranking the slow way, as it was computed before: every matching phrase scored, then sorted
    (phrase id, score, kind)."""
    from rapidfuzz import fuzz, process

    from app.quickreplies.match import FIT_POINTS, FIT_POINTS_EMPTY_QUERY, FUZZY_CUTOFF, _recency_score

    phrases = index._phrases
    fuzzy = index.warm()[2]
    keys = [""] * len(phrases)
    for key, owners in zip(fuzzy.keys, fuzzy.owners, strict=True):
        for position in owners:
            keys[position] = key
    fit = fit or {}

    def habit(position: int) -> float:
        last_used = phrases[position].last_used
        return index._usage[position] + (_recency_score(last_used, now) if now and last_used else 0.0)

    q = query.strip().lower().replace("\x00", "")
    if not q:
        scored = {position: (habit(position) + FIT_POINTS_EMPTY_QUERY * fit.get(p.id, 0.0), 0)
                  for position, p in enumerate(phrases)}
    else:
        scored = {}
        for kind, way in index._kinds(q):
            for position in way() if callable(way) else way[0]().containing(way[1]):
                scored.setdefault(position, (kind * 1000, kind))
            if len(scored) >= limit:
                break
        if len(scored) < limit and len(q) >= 2:
            for _key, similarity, position in process.extract(q, keys, scorer=fuzz.partial_ratio,
                                                              score_cutoff=FUZZY_CUTOFF, limit=limit * 2):
                scored.setdefault(position, (FUZZY * 1000 + similarity * 5, FUZZY))
        scored = {position: (base + habit(position) + FIT_POINTS * fit.get(phrases[position].id, 0.0), kind)
                  for position, (base, kind) in scored.items()}
    ranked = sorted(scored, key=lambda position: (-scored[position][0], phrases[position].title, phrases[position].id))
    return [(phrases[p].id, scored[p][0], scored[p][1]) for p in ranked[:limit]]


def test_the_palette_ranks_a_large_library_as_scoring_every_phrase_would():
    from bench.phrase_corpus import corpus

    phrases = corpus(3000)
    index = PhraseIndex(phrases)
    now = max(p.last_used for p in phrases if p.last_used) + timedelta(hours=5)
    fit = {phrases[n].id: share for n, share in ((40, 1.0), (700, 0.6), (1500, 0.25), (2999, 0.1))}
    queries = ["", "t", "s", "sh", "tu", "tkdz", "tuikuan", "fahup", ";tk", "vip", "type-c", "退", "退款", "退宽",
               "亲", "发货时间", "x", "15", "kaijiao", "shunfen", "zzzz", "ok", "iphone", "pu", "c 3", "a\x02b"]
    for query in queries:
        for limit, when, fits in ((20, now, fit), (20, None, None), (5, now, None), (60, now, fit)):
            mine = [(m.phrase.id, m.score, m.kind) for m in index.search(query, limit=limit, now=when, fit=fits)]
            slow = every_phrase_scored(index, query, limit, when, fits)
            assert [(i, k) for i, _s, k in mine] == [(i, k) for i, _s, k in slow], (query, limit)
            assert [s for _i, s, _k in mine] == pytest.approx([s for _i, s, _k in slow], abs=1e-9), (query, limit)


def test_a_word_only_a_later_text_of_a_phrase_says_finds_the_phrase():
    from app.quickreplies.match import PhraseIndex

    index = PhraseIndex([Phrase(1, "发货", "亲，16点前付款当天发", abbreviation="fh", variants=("亲，预售商品按页面时间发货",)),
                         Phrase(2, "快递", "默认中通快递", abbreviation="kd")])
    assert [m.phrase.id for m in index.search("预售")] == [1]
