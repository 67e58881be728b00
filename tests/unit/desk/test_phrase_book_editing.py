"""Editing the phrase book: refused edits change nothing, every change can be undone exactly."""

from dataclasses import replace

import pytest

from app.quickreplies.edit import Problem
from app.quickreplies.phrase import Phrase
from app.store.engine import open_store

from app.desk.phrases import PhraseBook, PhraseRejected

from tests.conftest import with_starter_phrases


@pytest.fixture
def book(tmp_path):
    store = with_starter_phrases(open_store(tmp_path / "k.db"))
    yield PhraseBook(store)
    store.close()


def titled(book: PhraseBook, title: str) -> Phrase:
    return next(p for p in book.phrases if p.title == title)


def test_adding_a_batch_with_one_clash_adds_none(book):
    count = len(book.phrases)
    with pytest.raises(PhraseRejected) as refused:
        book.add([Phrase(0, "新一", "内容一", "g", "new1"), Phrase(0, "新二", "内容二", "g", "new1")])
    assert refused.value.findings[0].problem is Problem.ABBREVIATION_TAKEN
    assert len(book.phrases) == count and book.by_abbreviation("new1") is None


def test_an_added_phrase_is_found_at_once(book):
    book.add([Phrase(0, "尺码表图", "请看尺码表", "售前/尺码", "cmb")])
    assert book.by_abbreviation("cmb").title == "尺码表图"
    assert book.search("cmb")[0].phrase.title == "尺码表图"


def test_delete_then_restore_is_exact(book):
    before = book.phrases
    gone = book.delete([titled(book, "发货时间").id, titled(book, "催件").id])
    assert book.by_abbreviation("fh") is None
    book.restore(gone)
    assert book.phrases == before


def test_moving_keeps_a_free_slot_and_gives_up_a_taken_one(book):
    shipping, chase = titled(book, "发货时间"), titled(book, "催件")  # slots 1 and 3 of 售中/物流
    before = book.move([shipping.id, chase.id], "售后/退款")  # 售后/退款 has slots 1 and 2
    assert titled(book, "发货时间").slot is None and titled(book, "催件").slot == 3
    assert {p.group for p in before} == {"售中/物流"}
    book.update(before)  # undo
    assert titled(book, "发货时间") == replace(shipping, uses=0)


def test_arranging_slots_swaps_without_a_clash_and_drops_the_rest(book):
    group = "售中/物流"
    shipping, tracking, chase = (titled(book, t) for t in ("发货时间", "物流查询", "催件"))
    book.arrange_slots(group, [chase.id, shipping.id])
    assert [(p.title, p.slot) for p in book.slotted(group)] == [("催件", 1), ("发货时间", 2)]
    assert titled(book, "物流查询").slot is None
    assert book.in_slot(group, 1) == titled(book, "催件")
    assert tracking.slot == 2


def test_an_import_is_all_new_phrases_at_once_in_the_stores_order_with_slot_clashes_noted(book):
    data = ("标题,内容,分组,缩写,序号\n新发货,今天就发,售中/物流,xfh,1\n自由,随便说说,,zy,\n"
            "坏缩写,有内容,g,有 空格,\n重复,换个说法,g,fh,\n").encode("gbk")
    plan = book.plan_import(data, "csv")
    assert [p.title for p in plan.new] == ["新发货", "自由"] and plan.new[0].slot is None
    assert plan.notes[0].line == 2 and "taken by '发货时间'" in plan.notes[0].reason
    assert [(r.line, r.text) for r in plan.bad] == [(4, "坏缩写")]
    assert [(d.phrase.title, d.why) for d in plan.duplicates] == [("重复", "same abbreviation")]
    ids = book.run_import(plan)
    assert len(ids) == 2 and book.by_abbreviation("zy").title == "自由"
    assert book.phrases == book._store.phrases()


def test_a_personal_phrase_is_only_in_its_owners_book(tmp_path):
    store = open_store(tmp_path / "shared.db")
    mine = PhraseBook(store, agent="小李")
    mine.add([Phrase(0, "我的结束语", "亲～小李祝您生活愉快", "通用/问候", "wbb", owner="小李")])
    assert mine.by_abbreviation("wbb") is not None and mine.search("wbb")[0].phrase.owner == "小李"
    colleague = PhraseBook(store, agent="小王")
    assert colleague.by_abbreviation("wbb") is None
    assert all(not p.owner for p in colleague.phrases)
    # the colleague may use the same abbreviation for a personal phrase of their own
    colleague.add([Phrase(0, "小王的结束语", "亲～小王祝您愉快", "通用/问候", "wbb", owner="小王")])
    assert PhraseBook(store, agent="小李").by_abbreviation("wbb").title == "我的结束语"
    store.close()
