"""The outbox's promise, against a fake shop: a reply is never lost and never sent twice, and replies reach the
shop in the order they were written. (tests/integration drives the same outbox against the real simulator.)"""

from __future__ import annotations

import threading
import time
from datetime import UTC, datetime

import pytest

from app.gateway.errors import GatewayAuthError, GatewayRejected, GatewayUnavailable
from app.store.engine import open_store
from app.store.records import MessageRecord

from app.desk.journal import LocalJournal
from app.desk.outbox import Outbox

from app import domain

NOW = datetime(2026, 11, 24, 8, 0, tzinfo=UTC)


class FakeShop:
    """A FAKE of the gateway client's sending side (app.gateway.client.GatewayClient), in memory: like the real
    gateway it keeps a client id's message once, however often it is sent. plan: what the next sends meet, one
    word each — "down" (unreachable, nothing received), "lost_answer" (received, then the answer timed out),
    "refused" (the shop says no), "token" (401); an empty plan lets every send through."""

    def __init__(self) -> None:
        self.token = "token-1"
        self.received: dict[str, domain.Message] = {}  # by client id, in the order the shop took them
        self.tried: list[str] = []  # the client id of every send, as it came
        self.robot_marked: list[str] = []
        self.plan: list[str] = []

    def put_image(self, data: bytes) -> str:
        raise AssertionError("no image in these tests")

    def send_message(self, conversation_id: str, text: str, client_id: str, image: str = "", *,
                     robot: bool = False) -> domain.Message:
        self.tried.append(client_id)
        step = self.plan.pop(0) if self.plan else ""
        if step == "down":
            raise GatewayUnavailable("connection refused")
        if step == "token":
            raise GatewayAuthError("the token is not known")
        if step == "refused":
            raise GatewayRejected(422, "bad_text", "the platform does not take this text")
        if client_id not in self.received:
            self.received[client_id] = domain.Message(f"srv-{len(self.received) + 1}", conversation_id, "out", text,
                                                      NOW, client_id)
            if robot:
                self.robot_marked.append(client_id)
        if step == "lost_answer":
            raise GatewayUnavailable("read timed out")
        return self.received[client_id]

    def texts(self) -> list[str]:
        return [m.text for m in self.received.values()]


class Heard:
    """What the front-end would hear, and the logins the outbox asked for."""

    def __init__(self, shop: FakeShop) -> None:
        self.shop = shop
        self.messages: list[MessageRecord] = []
        self.problems: list[str] = []
        self.logins: list[str] = []  # the refused tokens the outbox handed over
        self.login_works = False

    def log_in_again(self, refused: str) -> bool:
        self.logins.append(refused)
        if self.login_works:
            self.shop.token = "token-2"
        return self.login_works


@pytest.fixture
def store(tmp_path):
    store = open_store(tmp_path / "desk.db")
    store.upsert_conversation(domain.Conversation("c1", domain.Buyer("b1", "tb_小美妈妈"), "active", NOW))
    yield store
    store.close()


@pytest.fixture
def shop() -> FakeShop:
    return FakeShop()


@pytest.fixture
def heard(shop) -> Heard:
    return Heard(shop)


def make_outbox(store, shop, heard, **kwargs) -> Outbox:
    return Outbox(store, shop, stopping=threading.Event(), may_send=lambda: True, log_in_again=heard.log_in_again,
                  on_message=heard.messages.append, on_problem=heard.problems.append, **kwargs)


@pytest.fixture
def outbox(store, shop, heard) -> Outbox:
    return make_outbox(store, shop, heard)


def reply(outbox: Outbox, text: str, direction: str = "out") -> MessageRecord:
    return outbox.add("c1", text, "", NOW, direction=direction, agent="小李", keep_locally=True)


def state(store, client_id: str | None) -> str:
    return next(m.state for m in store.messages("c1") if m.client_id == client_id)


def test_a_reply_is_committed_pending_before_anything_goes_to_the_shop(store, shop, outbox):
    record = reply(outbox, "亲，今天发货")
    assert record.state == "pending" and record.client_id and record.client_id.startswith("kd-")
    assert shop.tried == [] and [m.client_id for m in store.outbox()] == [record.client_id]
    assert outbox.pending_count == 1


def test_a_send_retried_after_a_lost_answer_reaches_the_buyer_once(store, shop, heard, outbox):
    record = reply(outbox, "亲，今天发货")
    shop.plan = ["lost_answer"]
    outbox.send_pending()
    assert state(store, record.client_id) == "pending"  # the desk cannot know the shop took it
    outbox.send_pending()
    assert shop.tried == [record.client_id, record.client_id]  # the same idempotency key both times
    assert shop.texts() == ["亲，今天发货"]  # one message at the shop, not two
    sent = next(m for m in store.messages("c1") if m.client_id == record.client_id)
    assert sent.state == "sent" and sent.server_id == "srv-1"
    assert heard.messages[-1].state == "sent"
    assert outbox.pending_count == 0


def test_an_unreachable_shop_holds_back_the_later_replies_so_the_order_is_kept(store, shop, outbox):
    first, second, third = (reply(outbox, text) for text in ("第一句", "第二句", "第三句"))
    shop.plan = ["down"]
    outbox.send_pending()
    assert shop.tried == [first.client_id]  # nothing after it was tried
    assert [state(store, r.client_id) for r in (first, second, third)] == ["pending"] * 3
    outbox.send_pending()
    assert shop.texts() == ["第一句", "第二句", "第三句"]
    assert [state(store, r.client_id) for r in (first, second, third)] == ["sent"] * 3


def test_a_refused_reply_is_kept_failed_and_the_next_one_still_goes(store, shop, heard, outbox):
    refused, after = reply(outbox, "加微信聊"), reply(outbox, "好的亲")
    shop.plan = ["refused"]
    outbox.send_pending()
    failed = next(m for m in store.messages("c1") if m.client_id == refused.client_id)
    assert failed.state == "failed" and "does not take this text" in failed.error  # in the history, not lost
    assert heard.problems and "does not take this text" in heard.problems[0]
    assert shop.texts() == ["好的亲"] and state(store, after.client_id) == "sent"
    assert outbox.last_failed("c1") == failed
    outbox.send_pending()
    assert state(store, refused.client_id) == "failed"  # never sent again by itself


def test_resend_sends_a_refused_reply_with_its_own_client_id(store, shop, heard, outbox):
    record = reply(outbox, "亲，已为您改好地址")
    shop.plan = ["refused"]
    outbox.send_pending()
    again = outbox.resend(outbox.last_failed("c1"))
    assert again is not None and again.state == "pending" and again.client_id == record.client_id
    outbox.send_pending()
    assert shop.tried == [record.client_id, record.client_id]
    assert shop.texts() == ["亲，已为您改好地址"] and state(store, record.client_id) == "sent"
    assert outbox.last_failed("c1") is None


def test_a_reply_taken_back_stays_in_the_history_and_is_never_sent(store, shop, outbox):
    record = reply(outbox, "加微信聊")
    shop.plan = ["refused"]
    outbox.send_pending()
    withdrawn = outbox.take_back(outbox.last_failed("c1"))
    assert withdrawn is not None and withdrawn.state == "withdrawn"
    outbox.send_pending()
    assert shop.texts() == [] and state(store, record.client_id) == "withdrawn"
    assert outbox.resend(withdrawn) is None  # only a refused reply goes again


def test_a_refused_token_keeps_the_reply_pending_until_a_login_gives_a_new_one(store, shop, heard, outbox):
    first, second = reply(outbox, "第一句"), reply(outbox, "第二句")
    shop.plan = ["token"]
    outbox.send_pending()
    assert heard.logins == ["token-1"]  # the login is asked about the token that was refused
    assert [state(store, r.client_id) for r in (first, second)] == ["pending", "pending"]  # never "failed"
    assert shop.tried == [first.client_id] and heard.problems == []
    heard.login_works = True
    shop.plan = ["token"]
    outbox.send_pending()
    outbox.send_pending()  # the loop goes again at once when a new token is in place
    assert shop.texts() == ["第一句", "第二句"]
    assert [state(store, r.client_id) for r in (first, second)] == ["sent", "sent"]


def test_the_robots_answer_goes_out_marked_as_the_robots(store, shop, outbox):
    record = reply(outbox, "亲，48小时内发货", direction="robot")
    outbox.send_pending()
    assert shop.robot_marked == [record.client_id]


def test_while_the_teams_server_is_away_a_reply_waits_in_the_journal(store, shop, heard, tmp_path):
    journal = LocalJournal(tmp_path / "team-journal.jsonl")
    outbox = make_outbox(store, shop, heard, journal=journal, server_down=lambda: True)
    kept = reply(outbox, "亲，稍等")
    assert kept.id < 0 and kept.state == "pending" and len(journal) == 1  # on this computer, not lost
    assert store.outbox() == []
    written = journal.write_back(store)  # the server answers again
    assert [r.client_id for r in written.replies] == [kept.client_id]
    outbox.send_pending()
    assert shop.texts() == ["亲，稍等"] and state(store, kept.client_id) == "sent"


def test_the_outbox_thread_sends_when_woken_and_stops_when_told(store, shop, heard):
    stopping = threading.Event()
    outbox = Outbox(store, shop, stopping=stopping, may_send=lambda: True, log_in_again=heard.log_in_again,
                    on_message=heard.messages.append, on_problem=heard.problems.append)
    outbox.start()
    try:
        reply(outbox, "亲，在的")
        outbox.wake()
        deadline = time.monotonic() + 30
        while not shop.received and time.monotonic() < deadline:  # a deadline, not a timing
            stopping.wait(0.01)
        assert shop.texts() == ["亲，在的"]
    finally:
        stopping.set()
        outbox.join(5.0)
    assert not outbox.thread.is_alive()
