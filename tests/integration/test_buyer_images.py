"""Pictures buyers send: the simulator's claimants send real PNGs, the client downloads them checked against
their id and within the size cap, and the desk keeps them — shown in the chat, and kept as the photos of an
issue opened from those messages."""

import hashlib
import random
import struct

import pytest
from PySide6.QtCore import QItemSelectionModel

from app.gateway.errors import GatewayProtocolError, GatewayRejected
from app.shopsim.world import PHOTO_INTENTS, ShopWorld, photo_png

from app.ui.issue_dialogs.new_issue import NewIssueDialog

from app import domain
from tests.ui.conftest import when_modal

pytestmark = pytest.mark.integration


def test_the_generated_photo_is_a_real_png_and_differs_per_draw():
    first, second = photo_png(random.Random(1)), photo_png(random.Random(2))
    assert first.startswith(b"\x89PNG\r\n\x1a\n") and first[12:16] == b"IHDR"
    assert struct.unpack(">II", first[16:24]) == (64, 48) and domain.image_type(first) == "image/png"
    assert first != second and photo_png(random.Random(1)) == first  # the world's seed decides


def test_half_the_claimants_send_a_photo_and_every_photo_is_kept_by_the_world():
    world = ShopWorld(buyers=60, seed=11)
    for buyer in world.buyers:
        world.buyer_writes(nick=buyer.nick)
    claims = [c for c in world.chats.values() if c.intent in PHOTO_INTENTS]
    with_photo = [c for c in claims if any(m.image for m in c.messages)]
    assert claims and 0.2 < len(with_photo) / len(claims) < 0.8
    assert not any(m.image for c in world.chats.values() if c.intent not in PHOTO_INTENTS for m in c.messages)
    for chat in with_photo:
        [photo] = [m for m in chat.messages if m.image]
        assert hashlib.sha256(world.images[photo.image]).hexdigest() == photo.image and photo.text == ""


def test_the_client_downloads_a_buyers_photo_checked_against_its_id(gw, control, sim, monkeypatch):
    said = control.post("/sim/say", json={"buyer_nick": sim.world.buyers[0].nick, "text": "鞋子压坏了",
                                          "photo": True}).json()["message"]
    image_id = said["image"]
    data = gw.image(image_id)
    assert hashlib.sha256(data).hexdigest() == image_id and domain.image_type(data) == "image/png"
    with pytest.raises(GatewayRejected) as unknown:
        gw.image("0" * 64)
    assert unknown.value.status == 404
    with pytest.raises(GatewayProtocolError, match="not an image id"):
        gw.image("../sessions")  # refused before any request: an id never becomes another path
    sim.world.images[image_id] = data[:-4] + b"XXXX"  # a gateway answering with other bytes than the id says
    with pytest.raises(GatewayProtocolError, match="not the picture with that id"):
        gw.image(image_id)
    sim.world.images[image_id] = data
    monkeypatch.setattr(domain, "MAX_IMAGE_BYTES", 100)  # a small cap stands in for a 10 MB download
    with pytest.raises(GatewayProtocolError, match="larger than"):
        gw.image(image_id)


def test_the_desk_shows_a_buyers_photo_and_an_issue_from_it_keeps_it(qtbot, open_desk, control, sim):
    desk = open_desk()
    nick = sim.world.buyers[1].nick
    said = control.post("/sim/say", json={"buyer_nick": nick, "text": "收到的鞋子开胶了", "photo": True}).json()
    image_id = said["message"]["image"]
    qtbot.waitUntil(lambda: desk.store.images.has(image_id), timeout=10_000)
    window = desk.window
    qtbot.waitUntil(lambda: window.queue_model.rowCount() == 1)
    window.select_row(0)
    qtbot.waitUntil(lambda: window.conversation.model.rowCount() == 2)
    assert window.conversation.delegate.thumbnail(image_id) is not None  # the bubble shows the picture
    history = window.conversation.history
    for row in (0, 1):
        history.selectionModel().select(window.conversation.model.index(row), QItemSelectionModel.SelectionFlag.Select)

    def create(dialog: NewIssueDialog) -> None:
        dialog.category.setCurrentIndex(dialog.category.findData("quality"))
        dialog.create()

    when_modal(NewIssueDialog, create)
    window.issues.new_issue()
    qtbot.waitUntil(lambda: len(window.issue_desk.issues()) == 1)
    [issue] = window.issue_desk.issues()
    assert issue.photos == (image_id,) and len(issue.evidence) == 2
