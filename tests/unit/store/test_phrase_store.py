"""The phrase library in the store: edits are all-or-nothing, a delete can be undone exactly, firings are learnt."""

from dataclasses import replace

import pytest

from app.quickreplies.phrase import Phrase
from app.store.engine import open_store
from app.store.errors import StoreError

from .conftest import T0, at


def test_a_phrase_keeps_every_field_including_emoji_lines_owner_and_image(tmp_path):
    store = open_store(tmp_path / "k.db")
    body = "亲～/:^_^ 尺码表请看图👇\n  第二行保留缩进\n"
    [pid] = store.add_phrases([Phrase(0, "尺码表", body, "售前/尺码", ";cm", 3, ("图", "尺码"), owner="小王",
                                      image="ab" * 32)])
    store.close()
    again = open_store(tmp_path / "k.db")
    [p] = again.phrases()
    assert p == Phrase(pid, "尺码表", body, "售前/尺码", ";cm", 3, ("图", "尺码"), 0, None, "小王", "ab" * 32)
    again.close()


def test_deleting_then_putting_back_restores_the_same_phrases_with_their_usage(store):
    ids = store.add_phrases([Phrase(0, "甲", "一", "g"), Phrase(0, "乙", "二", "g")])
    store.phrase_used(ids[0], at(5), "怎么退款")
    before = store.phrases()
    gone = store.delete_phrases(ids)
    assert store.phrases() == [] and store.phrase_uses() == []  # the learnt firings go with the phrase
    store.add_phrases(gone, keep_ids=True)
    assert store.phrases() == before


def test_an_edit_of_a_phrase_deleted_elsewhere_changes_nothing(store):
    a, b = store.add_phrases([Phrase(0, "甲", "一", "g"), Phrase(0, "乙", "二", "g")])
    store.delete_phrases([b])
    with pytest.raises(StoreError, match="no longer in the library"):
        store.update_phrases([Phrase(a, "甲改", "一", "g"), Phrase(b, "乙改", "二", "g")])
    assert [p.title for p in store.phrases()] == ["甲"]


def test_an_edit_keeps_the_usage_the_store_counted(store):
    [a] = store.add_phrases([Phrase(0, "甲", "一", "g")])
    store.phrase_used(a, T0)
    stale = replace(store.phrases()[0], uses=0, last_used=None, title="甲2", slot=2)
    store.update_phrases([stale])
    [p] = store.phrases()
    assert (p.title, p.slot, p.uses, p.last_used) == ("甲2", 2, 1, T0)


def test_firings_are_remembered_with_the_buyer_message_newest_first(store):
    a, b = store.add_phrases([Phrase(0, "甲", "一", "g"), Phrase(0, "乙", "二", "g")])
    store.phrase_used(a, at(1), "什么时候发货")
    store.phrase_used(b, at(2), "  ")  # typed with no buyer message open: counted, not learnt
    store.phrase_used(b, at(3), "能退款吗")
    assert store.phrase_uses() == [(b, "能退款吗"), (a, "什么时候发货")]
    assert [p.uses for p in store.phrases()] == [1, 2]


def test_a_phrases_variants_and_rotate_choice_are_kept_in_order_and_edited(tmp_path):
    store = open_store(tmp_path / "k.db")
    [pid] = store.add_phrases([Phrase(0, "发货", "亲，16点前付款当天发", abbreviation="fh",
                                      variants=("亲，今天的已经发出啦", "亲，预售按页面时间发"), rotate=True)])
    store.close()
    again = open_store(tmp_path / "k.db")
    [p] = again.phrases()
    assert p.texts == ("亲，16点前付款当天发", "亲，今天的已经发出啦", "亲，预售按页面时间发") and p.rotate
    again.update_phrases([replace(p, variants=("亲，预售按页面时间发",), rotate=False)])
    assert again.phrases()[0].texts == ("亲，16点前付款当天发", "亲，预售按页面时间发")
    assert again.phrases()[0].rotate is False and again.phrases()[0].id == pid
    gone = again.delete_phrases([pid])
    again.add_phrases(gone, keep_ids=True)  # undo of a delete brings the variants back too
    assert again.phrases()[0].variants == ("亲，预售按页面时间发",)
    again.close()
