from dataclasses import replace
from datetime import UTC, datetime

from app.quickreplies.phrase import Phrase
from app.quickreplies.starter import STARTER
from app.store.engine import open_store

from app.desk.phrases import PhraseBook, chat_values

from app import domain
from tests.conftest import with_starter_phrases

NOW = datetime(2026, 11, 24, 8, 0, tzinfo=UTC)


def test_a_new_library_starts_empty_and_stays_so(tmp_path):
    store = open_store(tmp_path / "k.db")
    PhraseBook(store, clock=lambda: NOW)
    book = PhraseBook(store, clock=lambda: NOW)  # no start of the desk brings the demo's phrases into a shop's store
    assert book.phrases == [] and store.phrases() == [] and book.groups() == []
    assert book.search("hi") == [] and book.suggest("在吗") == [] and book.by_abbreviation("hi") is None
    store.close()


def test_the_demo_brings_its_starter_phrases_once_and_a_deleted_one_never_comes_back(tmp_path):
    from app.desk.demo import add_starter_phrases

    store = open_store(tmp_path / "k.db")
    assert add_starter_phrases(store) == len(STARTER)
    book = PhraseBook(store, clock=lambda: NOW)
    assert len(book.phrases) == len(STARTER)
    assert book.in_slot("售中/物流", 1).title == "发货时间"
    assert "售后/退款" in book.groups()
    book.delete([book.by_abbreviation("hp").id])
    assert add_starter_phrases(store) == 0  # the demo started again
    store.close()
    store = open_store(tmp_path / "k.db")  # and the desk restarted
    assert add_starter_phrases(store) == 0
    again = PhraseBook(store, clock=lambda: NOW)
    assert again.by_abbreviation("hp") is None and len(again.phrases) == len(STARTER) - 1
    again.delete([p.id for p in again.phrases])  # every one deleted: an empty library is the shop's choice too
    assert add_starter_phrases(store) == 0 and PhraseBook(store).phrases == []
    store.close()


def test_a_store_that_had_phrases_before_the_demo_marked_them_gets_none_added(tmp_path):
    """A store the desk used before the starter phrases became the demo's: its library is the shop's, whatever is
    in it, and the demo adds nothing to it, now or after the shop empties it."""
    from app.desk.demo import add_starter_phrases

    store = open_store(tmp_path / "k.db")
    store.add_phrases([Phrase(0, "我们的欢迎语", "亲，欢迎光临～", "问候", "wh", 1)])
    assert add_starter_phrases(store) == 0
    store.delete_phrases([p.id for p in store.phrases()])
    assert add_starter_phrases(store) == 0 and store.phrases() == []
    store.close()


def test_using_a_phrase_counts_and_survives_a_restart(tmp_path):
    store = with_starter_phrases(open_store(tmp_path / "k.db"))
    book = PhraseBook(store, clock=lambda: NOW)
    phrase = book.by_abbreviation("FH")  # abbreviations ignore case
    book.used(phrase)
    book.used(phrase)
    store.close()
    store = open_store(tmp_path / "k.db")
    again = PhraseBook(store, clock=lambda: NOW).by_abbreviation("fh")
    assert (again.uses, again.last_used) == (2, NOW)


def test_a_use_counted_in_the_book_shows_before_the_store_is_read_again(tmp_path):
    store = with_starter_phrases(open_store(tmp_path / "k.db"))
    book = PhraseBook(store, clock=lambda: NOW)
    told = []
    book.use_listeners.append(told.append)
    phrase = book.by_abbreviation("fh")
    counted = book.count_use(phrase)
    assert (counted.uses, counted.last_used) == (1, NOW) and told == [counted]
    assert next(p for p in book.phrases if p.id == phrase.id) == counted
    assert book.count_use(replace(phrase, id=-5)) is None and told == [counted]  # no longer in the book
    store.close()
    store.close()


def test_chat_values_come_from_the_buyer_and_their_newest_order():
    order = domain.Order("3698123456789012345", "b1", (domain.OrderItem("S", "小鹿运动鞋", 1, 12900),), 12900,
                         "已发货", NOW, "中通快递", "7312345")
    values = chat_values(buyer_nick="tb_小美", agent="小李", shop="小鹿童鞋", orders=[order], now=NOW)
    assert values["order_no"] == "3698123456789012345" and values["amount"] == "129.00"
    assert values["courier"] == "中通快递" and values["buyer"] == "tb_小美"
    assert "order_no" not in chat_values(buyer_nick="x", agent="a", shop="s", orders=[], now=NOW)
    local = NOW.astimezone()  # an imported Sogou expression (#$year年$month_mm月$day_dd日) is filled in the chat
    assert (values["year"], values["month_mm"], values["day_dd"]) == (
        str(local.year), f"{local.month:02d}", f"{local.day:02d}")
    assert values["weekday"] in "一二三四五六日" and values["date"] == local.strftime("%Y-%m-%d")


def test_the_promised_ship_by_time_is_offered_until_the_parcel_has_a_tracking_no(tmp_path):
    from dataclasses import replace
    from datetime import timedelta

    waiting = domain.Order("3698123456789012345", "b1", (), 12900, "等待发货", NOW, ship_by=NOW + timedelta(hours=48))
    values = chat_values(buyer_nick="b", agent="a", shop="s", orders=[waiting], now=NOW)
    assert values["ship_by"] == (NOW + timedelta(hours=48)).astimezone().strftime("%Y-%m-%d %H:%M")
    shipped = replace(waiting, courier="中通快递", tracking_no="7312345")
    assert "ship_by" not in chat_values(buyer_nick="b", agent="a", shop="s", orders=[shipped], now=NOW)
    # the promise survives the store and the protocol
    store = open_store(tmp_path / "k.db")
    store.upsert_orders([waiting], NOW)
    assert store.orders_for_buyer("b1")[0].ship_by == NOW + timedelta(hours=48)
    assert domain.Order.from_json(waiting.to_json()) == waiting
    store.close()


def test_a_complaining_buyer_is_not_suggested_a_review_invitation_unless_the_shop_says_so(tmp_path):
    from app.quickreplies.phrase import FOR_COMPLAINTS, NOT_FOR_COMPLAINTS

    from app.desk.phrases import invites_review, not_for_complaints

    store = with_starter_phrases(open_store(tmp_path / "k.db"))
    book = PhraseBook(store, clock=lambda: NOW)
    invite = next(p for p in book.phrases if p.title == "邀请好评")
    assert invites_review(invite) and not_for_complaints(invite)
    assert [p.title for p in book.phrases if not_for_complaints(p)] == ["邀请好评"]  # the starters' only one
    said = "收到了，给你们好评"
    assert "邀请好评" in [s.phrase.title for s in book.suggest(said)]
    assert "邀请好评" not in [s.phrase.title for s in book.suggest(said, complaining=True)]
    book.set_not_for_complaints([invite.id], False)  # the shop decides otherwise: a tag says so, the text does not
    assert FOR_COMPLAINTS in book.by_abbreviation("hp").tags
    assert "邀请好评" in [s.phrase.title for s in book.suggest(said, complaining=True)]
    before = book.set_not_for_complaints([invite.id], True)  # back to what the text says: no tag at all
    assert book.by_abbreviation("hp").tags == () and before[0].tags == (FOR_COMPLAINTS,)
    thanks = book.by_abbreviation("bb")
    book.set_not_for_complaints([thanks.id], True)
    assert book.by_abbreviation("bb").tags == (NOT_FOR_COMPLAINTS,) and thanks.id in book.held_back()
    store.close()


def test_starter_phrases_as_they_were_shipped_now_ask_for_what_is_a_decision(tmp_path):
    store = open_store(tmp_path / "k.db")
    old = "亲，真的非常抱歉让您遇到这样的问题😣 给您两个方案：1. 退货退款，运费我们承担；2. 补偿{amount}元，您看哪个更合适呢？"
    store.add_phrases([Phrase(0, "质量问题道歉", old, "售后/质量", "zl", 1),
                       Phrase(0, "我们的道歉", old.replace("两个", "2个"), "售后/质量", "zl2", 2)])
    book = PhraseBook(store, clock=lambda: NOW)
    assert "{ask:补偿金额|money}" in book.by_abbreviation("zl").body and "{amount}" not in book.by_abbreviation("zl").body
    assert "{amount}" in book.by_abbreviation("zl2").body  # edited by the shop: the shop's
    store.close()


def test_a_phrase_import_that_fails_after_its_first_batches_adds_nothing(tmp_path):
    """Phrases are written in short batches a running desk writes between; a failure after some removes them."""
    import json

    import pytest
    from sqlalchemy import text

    from app.store.errors import StoreFull

    store = open_store(tmp_path / "k.db")
    try:
        book = PhraseBook(store)
        before = sorted(p.id for p in store.phrases())
        phrases = [{"title": f"导入{n}", "body": f"亲，第{n}条导入的话术哦", "group": "导入"} for n in range(300)]
        document = {"format": "kefudesk-phrases", "version": 1, "phrases": phrases}
        plan = book.plan_import(json.dumps(document, ensure_ascii=False).encode(), "json")
        assert len(plan.new) == 300
        with store.engine.begin() as db:
            db.execute(text(f"CREATE TRIGGER full BEFORE INSERT ON phrase WHEN (SELECT count(*) FROM phrase) >= "
                            f"{len(before) + 200} BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END"))
        with pytest.raises(StoreFull):
            book.run_import(plan)
        assert sorted(p.id for p in store.phrases()) == before
    finally:
        store.close()
