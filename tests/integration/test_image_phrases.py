"""Image phrases end to end: the picture is kept by hash, fired like any phrase, uploaded, and the buyer's
chat gets text and picture as one message — through a real simulator on a loopback port."""

from __future__ import annotations

import hashlib

import httpx
import pytest
from PySide6.QtCore import Qt

from app.gateway.client import GatewayClient
from app.gateway.errors import GatewayRejected
from app.quickreplies.phrase import Phrase

from app.ui.models.message_model import MessageRole

from tests.conftest import png_bytes

pytestmark = pytest.mark.integration


def test_a_slot_fires_an_image_phrase_and_the_buyer_gets_text_and_picture_once(qtbot, open_desk, control, tmp_path):
    desk = open_desk()
    chart = tmp_path / "尺码表.png"
    chart.write_bytes(png_bytes(40, 30))
    book = desk.window.phrases
    image_id = book.keep_image(chart)
    group = desk.window.conversation.slot_bar.group
    free = next(n for n in range(1, 10) if book.in_slot(group, n) is None)
    book.add([Phrase(0, "尺码表", "亲，尺码表请看图哦～", group, "cmb", free, image=image_id)])
    desk.window.library.library_changed()
    control.post("/sim/say", json={"buyer_nick": "tb_小美妈妈", "text": "有尺码表吗"})
    qtbot.waitUntil(lambda: desk.window.queue_model.rowCount() == 1, timeout=5000)
    desk.window.select_row(0)

    qtbot.keyClick(desk.window, getattr(Qt.Key, f"Key_{free}"), Qt.KeyboardModifier.ControlModifier)
    pane = desk.window.conversation
    assert pane.attachment() == image_id and pane.attachment_bar.isVisible()
    assert "尺码表" in pane.attachment_bar.label.text()
    qtbot.keyClick(pane.composer, Qt.Key.Key_Return)

    def received():
        return [m for m in control.get("/sim/received").json()["messages"] if m["image"]]
    qtbot.waitUntil(lambda: len(received()) == 1, timeout=5000)
    [sent] = received()
    assert (sent["text"], sent["image"]) == ("亲，尺码表请看图哦～", image_id)
    assert not pane.attachment_bar.isVisible() and pane.composer.toPlainText() == ""
    # the bubble shows the picture: taller than the same text alone
    qtbot.waitUntil(lambda: pane.model.rowCount() == 2, timeout=5000)
    rows = [pane.model.index(r) for r in range(pane.model.rowCount())]
    ours = next(i for i in rows if i.data(MessageRole).image == image_id)
    plain = next(i for i in rows if i.data(MessageRole).direction == "in")
    assert pane.delegate.thumbnail(image_id).width() == 160
    assert pane.history.visualRect(ours).height() > pane.history.visualRect(plain).height() + 100


def test_ctrl_shift_backspace_takes_the_picture_off_and_only_the_text_goes(qtbot, open_desk, control, tmp_path):
    desk = open_desk()
    (tmp_path / "qr.png").write_bytes(png_bytes())
    book = desk.window.phrases
    book.add([Phrase(0, "收款码", "亲，扫码付款哦", "", "skm", image=book.keep_image(tmp_path / "qr.png"))])
    control.post("/sim/say", json={"buyer_nick": "买家乙", "text": "怎么付款"})
    qtbot.waitUntil(lambda: desk.window.queue_model.rowCount() == 1, timeout=5000)
    desk.window.select_row(0)
    composer = desk.window.conversation.composer
    qtbot.keyClicks(composer, "skm")
    qtbot.keyClick(composer, Qt.Key.Key_Space)
    assert desk.window.conversation.attachment()
    qtbot.keyClick(desk.window, Qt.Key.Key_Backspace,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert desk.window.conversation.attachment() == ""
    qtbot.keyClick(composer, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: any(m["text"] == "亲，扫码付款哦" for m in control.get("/sim/received").json()["messages"]),
                    timeout=5000)
    assert all(not m["image"] for m in control.get("/sim/received").json()["messages"])


def test_the_gateway_takes_only_real_pictures_under_their_own_hash(sim):
    with httpx.Client(base_url=sim.url, timeout=5) as http:
        client = GatewayClient(http)
        client.login(sim.shop_id, *sim.credentials)
        data = png_bytes()
        assert client.put_image(data) == hashlib.sha256(data).hexdigest()
        assert client.put_image(data) == hashlib.sha256(data).hexdigest()  # again: idempotent
        wrong = http.put(f"/v1/images/{'0' * 64}", content=data, headers=client._headers())
        assert wrong.status_code == 422 and "SHA-256" in wrong.json()["error"]["message"]
        chat = client.conversations()
        if chat:
            with pytest.raises(GatewayRejected, match="upload it first"):
                client.send_message(chat[0].id, "看图", "k-1", "f" * 64)
