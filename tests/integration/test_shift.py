"""A shift at the desk, keyboard only (issue 18): twenty of the demo shop's buyers write, the agent answers each
the way the floor works — the desk opening the longest-waiting buyer after every reply, abbreviations, slots, the
palette, suggestions, phrases with the chat's values and with 【blanks】 typed over, values asked in the inline
form, two phrases stacked in one reply, a guard stop, a chat closed unanswered and answered ones closed — and then
what the shop received is checked, reply by reply.

Every key goes to the widget that has the keyboard (QApplication.focusWidget()), as a real keyboard's would: a
key that lands nowhere, or in the wrong place, fails here rather than being sent to the right widget by the test.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QInputDialog, QWidget

from app.quickreplies.starter import STARTER
from app.quickreplies.template import MARK

from app.desk.asks import date_text

from app import domain
from tests.conftest import ime_type

pytestmark = pytest.mark.integration

BODY = {title: body for title, body, *_ in STARTER}
NO = Qt.KeyboardModifier.NoModifier
CTRL, ALT, SHIFT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.AltModifier, \
    Qt.KeyboardModifier.ShiftModifier
FIRST_WAVE = 8  # buyers writing when the shift starts; one more writes after each answer
RETURN_ADDRESS = "浙江省杭州市余杭区小鹿童鞋售后组 收 0571-88886666"


def body(title: str, **values: str) -> str:
    """A starter phrase as the buyer reads it: these values for its variables and for its asks (by label)."""
    def value(token: re.Match[str]) -> str:
        ask, name = token.groups()
        return values[ask.partition("|")[0]] if ask is not None else values[name]
    return re.sub(r"\{(?:ask:([^{}]*)|([a-z_]+))\}", value, BODY[title].replace("{agent}", "小雪"))


class Agent:
    """The agent's hands: keys and typed text go to whichever widget has the keyboard. Between two keys the desk
    takes what the window system did with the last one (a person's next key comes after it; QTest's come at once,
    and the offscreen platform would otherwise activate the palette's popup after it had closed)."""

    def __init__(self, qtbot, window) -> None:  # noqa: ANN001
        self.qtbot = qtbot
        self.window = window

    def focused(self) -> QWidget:
        widget = QApplication.focusWidget()
        assert widget is not None, "no widget has the keyboard: the agent's next key goes nowhere"
        return widget

    def key(self, key: Qt.Key, modifiers: Qt.KeyboardModifier = NO) -> None:
        self.qtbot.keyClick(self.focused(), key, modifiers)
        QApplication.processEvents()

    def type(self, text: str) -> None:
        if text.isascii():
            self.qtbot.keyClicks(self.focused(), text)
        else:
            ime_type(self.focused(), text)  # a pinyin input method commits the characters
        QApplication.processEvents()

    def expand(self, abbreviation: str) -> None:
        self.type(abbreviation)
        self.key(Qt.Key.Key_Space)

    def enter(self) -> None:
        self.key(Qt.Key.Key_Return)

    def to_group(self, group: str) -> None:
        """Ctrl+G until the slot bar shows the group."""
        bar = self.window.conversation.slot_bar
        for _ in range(bar.group_box.count()):
            if bar.group == group:
                return
            self.key(Qt.Key.Key_G, CTRL)
        assert bar.group == group

    def suggested(self, title: str) -> None:
        """Alt+Q / W / E, whichever the bar shows the phrase under."""
        bar = self.window.conversation.suggestion_bar
        titles = [s.phrase.title for s in bar.suggestions]
        assert title in titles, f"{title} is not suggested: {titles}"
        self.key((Qt.Key.Key_Q, Qt.Key.Key_W, Qt.Key.Key_E)[titles.index(title)], ALT)

    def palette(self, query: str, modifiers: Qt.KeyboardModifier = NO) -> None:
        self.key(Qt.Key.Key_K, CTRL)
        assert self.focused() is self.window.palette.query, "Ctrl+K did not put the keyboard in the palette"
        self.type(query)
        self.key(Qt.Key.Key_Return, modifiers)

    def selected(self) -> str:
        return self.window.conversation.composer.textCursor().selectedText()

    def status(self) -> str:
        return self.window.statusBar().currentMessage()


@dataclass
class Buyer:
    nick: str
    says: str
    answer: Callable[[Agent, Buyer], None]
    expected: str | None  # what the shop receives; None: closed without an answer
    orders: list[domain.Order] = field(default_factory=list)
    chat_id: str = ""

    @property
    def order(self) -> domain.Order:
        return self.orders[0]  # the newest: the one the order card shows first and phrases read


# --- the answers -----------------------------------------------------------------------------------------------

def hi(agent: Agent, _buyer: Buyer) -> None:
    agent.expand("hi")
    agent.enter()


def size_by_suggestion(agent: Agent, _buyer: Buyer) -> None:
    agent.suggested("尺码推荐")
    agent.enter()


def parcel_with_values(agent: Agent, _buyer: Buyer) -> None:
    agent.expand("wl")
    assert agent.selected() == ""  # nothing to fill: the order card gave every value
    agent.enter()


def parcel_with_blanks(agent: Agent, _buyer: Buyer) -> None:
    agent.expand("wl")  # the buyer has no order here: three blanks
    assert agent.selected() == "【订单号】"
    agent.type("3698123456789012345")
    agent.enter()
    assert agent.selected() == "【快递公司】" and "【快递公司】" in agent.status()  # refused, the next blank named
    agent.type("中通快递")
    agent.enter()
    assert agent.selected() == "【运单号】"
    agent.type("7312345")
    agent.enter()


def address_by_palette(agent: Agent, _buyer: Buyer) -> None:
    agent.palette("xgdz")  # 修改地址 by its pinyin initials
    agent.enter()


def compensation(agent: Agent, _buyer: Buyer) -> None:
    agent.expand("zl")
    agent.type("5")  # into the form's money field
    agent.enter()
    agent.enter()


def reship_courier(agent: Agent, _buyer: Buyer) -> None:
    agent.expand("buf")
    agent.key(Qt.Key.Key_Down)  # 顺丰 → 圆通
    agent.key(Qt.Key.Key_Down)  # → 中通
    agent.enter()
    agent.enter()


def restock_date_by_slot(agent: Agent, _buyer: Buyer) -> None:
    agent.to_group("售前/库存")
    agent.key(Qt.Key.Key_2, CTRL)  # 补货
    agent.type("明天")
    agent.enter()
    agent.enter()


def rounding_slot_and_send(agent: Agent, _buyer: Buyer) -> None:
    agent.to_group("售前/优惠")
    agent.key(Qt.Key.Key_2, CTRL | ALT)  # 改价抹零, asked, then sent at once
    agent.type("0.5")
    agent.enter()


def welcome_and_parcel(agent: Agent, _buyer: Buyer) -> None:
    agent.expand("hi")
    agent.expand("wl")
    agent.enter()


def compensation_and_chase(agent: Agent, _buyer: Buyer) -> None:
    agent.expand("zl")
    agent.type("12.5")
    agent.enter()
    agent.key(Qt.Key.Key_Return, SHIFT)
    agent.expand("cj")  # the order has not shipped: no courier yet
    assert agent.selected() == "【快递公司】"
    agent.type("顺丰速运")
    agent.enter()


def guarded(agent: Agent, _buyer: Buyer) -> None:
    agent.type("亲，加微信")
    agent.enter()  # stopped: the text stays, the word is marked
    composer = agent.window.conversation.composer
    assert composer.toPlainText() == "亲，加微信" and "加微信" in agent.status()
    assert [mark.cursor.selectedText() for mark in composer.extraSelections()] == ["加微信"]
    for _ in range(3):
        agent.key(Qt.Key.Key_Backspace)
    agent.type("在这里直接说就可以哦")
    agent.enter()


def apology_gift(agent: Agent, _buyer: Buyer) -> None:
    titles = [s.phrase.title for s in agent.window.conversation.suggestion_bar.suggestions]
    assert "邀请好评" not in titles  # never to a complaining buyer
    agent.expand("dq")
    agent.key(Qt.Key.Key_Down)
    agent.key(Qt.Key.Key_Down)  # 5元无门槛券
    agent.enter()
    agent.enter()


def return_address(agent: Agent, _buyer: Buyer) -> None:
    agent.expand("thdz")  # the shop never wrote its return address into the phrase
    assert agent.selected().startswith("【请在短语管理里填上")
    agent.type(RETURN_ADDRESS)
    agent.enter()


def refund_by_palette_and_send(agent: Agent, _buyer: Buyer) -> None:
    agent.palette("tklc", ALT)  # 退款流程, Alt+Enter: in and sent


def close_unanswered(agent: Agent, _buyer: Buyer) -> None:
    agent.key(Qt.Key.Key_W, CTRL)  # the buyer spoke last: asked why
    agent.qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), QInputDialog)
                          and agent.focused().window() is QApplication.activeModalWidget())
    agent.type("买家已在别家买到，无需回复")
    agent.enter()
    assert "closed" in agent.status()


def welcome_slot_and_send(agent: Agent, _buyer: Buyer) -> None:
    agent.to_group("通用/问候")
    agent.key(Qt.Key.Key_1, CTRL | ALT)


def typed(agent: Agent, _buyer: Buyer) -> None:
    agent.type("亲，27码还有现货的哦，放心拍～")
    agent.enter()


def chase_by_suggestion(agent: Agent, _buyer: Buyer) -> None:
    agent.suggested("催件")
    agent.enter()


def tomorrow() -> str:
    today = datetime.now().astimezone().date()
    return date_text(today + timedelta(days=1), today)


def buyers(world) -> list[Buyer]:  # noqa: ANN001
    """Twenty of the demo shop's buyers and what each says; by what their orders are, not by name."""
    def newest(b) -> list[domain.Order]:  # noqa: ANN001
        return world.orders_of(b.id)

    shipped = iter(b for b in world.buyers if newest(b) and newest(b)[0].tracking_no)
    waiting = iter(b for b in world.buyers if newest(b) and not newest(b)[0].tracking_no)
    none = iter(b for b in world.buyers if not newest(b))

    def wl(b: Buyer) -> str:
        return body("物流查询", order_no=b.order.no, courier=b.order.courier, tracking_no=b.order.tracking_no)

    plan: list[tuple[object, str, Callable[[Agent, Buyer], None], Callable[[Buyer], str | None]]] = [
        (none, "在吗", hi, lambda b: body("欢迎语")),
        (none, "宝宝脚长14.5cm穿多大码", size_by_suggestion, lambda b: body("尺码推荐")),
        (shipped, "我的快递到哪了", parcel_with_values, wl),
        (none, "快递怎么还没到", parcel_with_blanks,
         lambda b: body("物流查询", order_no="3698123456789012345", courier="中通快递", tracking_no="7312345")),
        (none, "地址写错了，能改吗", address_by_palette, lambda b: body("修改地址")),
        (shipped, "鞋子开胶了，质量太差了", compensation, lambda b: body("质量问题道歉", 补偿金额="5.00")),
        (none, "少发了一只袜子", reship_courier, lambda b: body("补发", 快递="中通")),
        (none, "27码什么时候补货", restock_date_by_slot, lambda b: body("补货", 补货日期=tomorrow())),
        (none, "能便宜点吗", rounding_slot_and_send, lambda b: body("改价抹零", 抹零金额="0.50")),
        (shipped, "你好，快递到哪了", welcome_and_parcel, lambda b: body("欢迎语") + wl(b)),
        (waiting, "鞋子坏了，还没给我发货吗", compensation_and_chase,
         lambda b: body("质量问题道歉", 补偿金额="12.50") + "\n" + body("催件", courier="顺丰速运")),
        (none, "怎么联系你们客服", guarded, lambda b: "亲，在这里直接说就可以哦"),
        (shipped, "我要退货，寄到哪里", return_address,
         lambda b: body("退货地址", order_no=b.order.no).replace(
             "【请在短语管理里填上店铺的退货地址、收件人和电话】", RETURN_ADDRESS)),
        (none, "怎么申请退款", refund_by_palette_and_send, lambda b: body("退款流程")),
        (none, "不用了，已经在别家买了", close_unanswered, lambda b: None),
        (shipped, "在不在", welcome_slot_and_send, lambda b: body("欢迎语")),
        (none, "我要投诉！！！鞋子穿一天就开胶", apology_gift, lambda b: body("道歉送礼", 礼物="5元无门槛券")),
        (waiting, "27码还有吗", typed, lambda b: "亲，27码还有现货的哦，放心拍～"),
        (shipped, "快递好几天没动了，能催一下吗", chase_by_suggestion, lambda b: body("催件", courier=b.order.courier)),
        (waiting, "你好", hi, lambda b: body("欢迎语")),
    ]
    out = []
    for source, says, answer, expected in plan:
        who = next(source)  # type: ignore[call-overload]
        buyer = Buyer(who.nick, says, answer, None, newest(who))
        buyer.expected = expected(buyer)
        out.append(buyer)
    return out


# --- the shift -------------------------------------------------------------------------------------------------

def test_a_shift_of_twenty_buyers_answered_by_keyboard_reaches_the_shop_exactly_as_meant(qtbot, open_desk, control,
                                                                                           sim):
    desk = open_desk()
    window = desk.window
    with qtbot.waitActive(window):  # the agent's desk is the window in front
        window.activateWindow()
    agent = Agent(qtbot, window)
    model = window.queue_model
    shift = buyers(sim.world)
    assert len({b.nick for b in shift}) == 20

    def writes(buyer: Buyer) -> None:
        said = control.post("/sim/say", json={"buyer_nick": buyer.nick, "text": buyer.says}).json()
        buyer.chat_id = said["conversation"]["id"]

    def arrived(buyer: Buyer) -> bool:
        row = model.row_of(buyer.chat_id)
        return row >= 0 and model.chat_at(row).last_text == buyer.says

    for buyer in shift[:FIRST_WAVE]:
        writes(buyer)
    qtbot.waitUntil(lambda: all(arrived(b) for b in shift[:FIRST_WAVE]))
    agent.key(Qt.Key.Key_Down, CTRL | SHIFT)  # the longest-waiting buyer

    order = list(range(20))
    order[14:17] = [16, 14, 15]  # the agent takes the complaining buyer out of turn
    arrivals = iter(shift[FIRST_WAVE:])
    for turn, index in enumerate(order):
        buyer = shift[index]
        if index == 16:  # from the longest waiter, Ctrl+↓ twice: past two buyers to the complaint
            agent.key(Qt.Key.Key_Down, CTRL)
            agent.key(Qt.Key.Key_Down, CTRL)
        current = window.current_chat()
        assert current is not None and current.id == buyer.chat_id, \
            f"turn {turn}: the desk opened {current and current.buyer_nick}, not {buyer.nick}"
        assert window.conversation.conversation_id == buyer.chat_id
        assert agent.focused() is window.conversation.composer, f"turn {turn}: the reply box has not the keyboard"
        if buyer.orders:  # the agent glances at the order card before answering about the order
            qtbot.waitUntil(lambda b=buyer: [o.no for o in window.buyer.model.orders()] == [o.no for o in b.orders])
        newcomer = next(arrivals, None)
        if newcomer is not None:  # the next buyer writes while the agent answers: their chat comes in meanwhile
            writes(newcomer)
        buyer.answer(agent, buyer)
        assert window.conversation.composer.toPlainText() == "", f"turn {turn}: {buyer.nick}'s reply was not sent"
        assert not window.conversation.ask_form.isVisible()
        if newcomer is not None:
            qtbot.waitUntil(lambda n=newcomer: arrived(n))
            if turn == 1:
                control.post("/sim/say", json={"buyer_nick": shift[9].nick, "text": "在吗？？"})  # one nags
                qtbot.waitUntil(lambda: model.chat_at(model.row_of(shift[9].chat_id)).last_text == "在吗？？")

    answered = [b for b in shift if b.expected is not None]
    qtbot.waitUntil(lambda: len(control.get("/sim/received").json()["messages"]) >= len(answered))
    assert model.counts()["unanswered"] == 0 and model.longest_waiting_row() < 0

    # the agent closes the answered chats too: Ctrl+W on each, as the desk opens the next
    for _ in range(len(answered)):
        chat = window.current_chat()
        assert chat is not None and agent.focused() is window.conversation.composer
        agent.key(Qt.Key.Key_W, CTRL)
    assert model.rowCount() == 0
    qtbot.waitUntil(lambda: all(sim.world.chats[b.chat_id].conversation.state == "closed" for b in shift))

    received = control.get("/sim/received").json()["messages"]
    texts = [m["text"] for m in received]
    by_chat: dict[str, list[str]] = {}
    for message in received:
        by_chat.setdefault(message["conversation_id"], []).append(message["text"])
    assert len(received) == len(answered) and len({m["client_id"] for m in received}) == len(received)
    for buyer in shift:
        assert by_chat.get(buyer.chat_id, []) == ([buyer.expected] if buyer.expected else []), buyer.nick
    for text in texts:
        assert "【" not in text and "】" not in text and MARK not in text
        assert window.session.guard.check(text) == [], text
    assert {m.state for m in desk.store.outbox()} <= {"sent"} and sim.world.repeated_sends == 0
