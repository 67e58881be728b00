"""The desk's send path never sends a 【blank】: a variable left unfilled, an asked value not given, a phrase's
setup placeholder — whatever the front-end, the override or the robot; brackets the buyer or the agent typed are
text and go out."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from app.gateway.secrets import MemorySecretStore
from app.quickreplies.template import MARK, fill
from app.store.engine import open_store

from app.desk.blanks import UnfilledBlank
from app.desk.phrases import PhraseBook
from app.desk.robot import RobotChoice, RobotRule
from app.desk.session import DeskSession, ShopAccount

from app import domain
from tests.conftest import with_starter_phrases

NOW = datetime(2026, 11, 24, 8, 0, tzinfo=UTC)


class Quiet:
    def __getattr__(self, name: str):  # every DeskListener call: nobody listens in these tests
        return lambda *args: None


@pytest.fixture
def session(tmp_path):
    store = with_starter_phrases(open_store(tmp_path / "desk.db"))
    store.upsert_conversation(domain.Conversation("c1", domain.Buyer("b1", "tb_小美妈妈"), "active", NOW))
    store.ingest_message(domain.Message("m1", "c1", "in", "【急】我的【订单号】在哪看？", NOW))
    desk = DeskSession(store, ShopAccount("http://127.0.0.1:9", "s", "小李"), MemorySecretStore(), Quiet(),
                       clock=lambda: NOW)
    yield desk
    desk.stop()
    store.close()


def outbox(session: DeskSession) -> list[str]:
    return [m.text for m in session.store.outbox()]


def composed(session: DeskSession, title: str, values: dict[str, str]) -> str:
    """What the reply box holds after the phrase went in: its blanks marked, as the composer inserts them."""
    phrase = next(p for p in PhraseBook(session.store).phrases if p.title == title)
    return fill(phrase.body, values).marked().text


def test_a_phrase_with_a_variable_left_unfilled_is_not_sent_by_enter_nor_by_the_override(session):
    text = composed(session, "物流查询", {"courier": "中通快递"})
    with pytest.raises(UnfilledBlank) as refused:
        session.send_reply("c1", text)
    assert [b.text for b in refused.value.blanks] == ["【订单号】", "【运单号】"]
    first = refused.value.blanks[0]
    assert text[first.start:first.end] == "【订单号】"  # where the window puts the cursor
    assert refused.value.args[0].key == "reply_blank" and refused.value.args[0].params["blank"] == "【订单号】"
    with pytest.raises(UnfilledBlank):
        session.send_reply("c1", text, override="the buyer asked for it like this")
    assert outbox(session) == []


def test_once_the_agent_typed_over_the_blanks_the_reply_goes_out_without_the_marks(session):
    text = composed(session, "物流查询", {"courier": "中通快递"})
    text = text.replace("【订单号】", "3698123456789012345").replace("【运单号】", "7312345")
    session.send_reply("c1", text)
    assert outbox(session) == ["亲，您的订单3698123456789012345已经由中通快递发出啦，运单号7312345，请耐心等待哦～"]
    assert MARK not in session.store.messages("c1")[-1].text


def test_brackets_the_buyer_wrote_and_the_agent_quotes_are_text(session):
    session.send_reply("c1", "亲，您说的【订单号】在“我的订单”里能看到哦【温馨提示】")
    assert outbox(session) == ["亲，您说的【订单号】在“我的订单”里能看到哦【温馨提示】"]


def test_a_phrase_never_set_up_is_not_sent(session):
    text = composed(session, "退货地址", {"order_no": "3698"})
    with pytest.raises(UnfilledBlank) as refused:
        session.send_reply("c1", text)
    assert refused.value.args[0].key == "reply_setup_blank"
    assert outbox(session) == []


def test_an_unanswered_ask_is_not_sent_even_by_the_robot(session):
    phrase = next(p for p in session.robot.book.phrases if p.title == "质量问题道歉")
    filled = fill(phrase.body, {"amount": "129.00"})
    choice = RobotChoice(RobotRule("质量", phrase.id, ("开胶",)), phrase, filled.text, "开胶了")
    with pytest.raises(UnfilledBlank):
        session.send_reply("c1", filled.marked().text, robot=choice)
    assert outbox(session) == []


def test_a_refused_reply_with_a_blank_is_not_resent(session):
    store = session.store
    # stored before blanks were marked: the shop refused it, and F5 would have sent 【订单号】 to the buyer
    store.add_outgoing("c1", "亲，您的订单【订单号】已经由【快递公司】发出啦", "kd-old", NOW)
    failed = store.mark_failed("kd-old", "the shop refused the reply")
    with pytest.raises(UnfilledBlank) as refused:
        session.resend(failed)
    assert refused.value.blanks[0].text == "【订单号】"
    assert [m.state for m in store.messages("c1") if m.client_id == "kd-old"] == ["failed"]
    store.add_outgoing("c1", "亲，您说的【急】我们收到了", "kd-ok", NOW)
    assert session.resend(store.mark_failed("kd-ok", "refused")) is not None  # brackets of the buyer's: text
