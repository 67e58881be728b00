"""The simulator over a real loopback socket, through the desk's own protocol client (and, for what the
simulator never does, a small broken gateway on a loopback socket too)."""

from __future__ import annotations

import hashlib
import http.server
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator

import httpx
import pytest
from PySide6.QtGui import QImage

from app.gateway.client import GatewayClient
from app.gateway.errors import GatewayAuthError, GatewayProtocolError, GatewayRejected
from app.shopsim.runner import SimPortInUse, SimServer
from app.shopsim.world import PHOTO_INTENTS

from app import domain
from tests.conftest import png_bytes

pytestmark = pytest.mark.integration


def test_a_wrong_password_is_refused(sim):
    client = GatewayClient(httpx.Client(base_url=sim.url, timeout=5))
    with pytest.raises(GatewayAuthError):
        client.login(sim.shop_id, "demo", "wrong")


def test_requests_without_a_token_get_401_in_the_error_shape(sim, control):
    response = control.get("/v1/conversations")
    assert response.status_code == 401 and response.json()["error"]["code"] == "unauthorized"


def test_sending_is_idempotent_and_validated(sim, gw, control):
    chat = control.post("/sim/say", json={"buyer_nick": "tb_小美妈妈", "text": "在吗"}).json()["conversation"]
    body = {"text": "亲，在的呢～", "client_id": "kd-1"}
    headers = {"Authorization": f"Bearer {gw.token}"}
    first = control.post(f"/v1/conversations/{chat['id']}/messages", json=body, headers=headers)
    second = control.post(f"/v1/conversations/{chat['id']}/messages", json=body, headers=headers)
    assert (first.status_code, second.status_code) == (201, 200)
    assert first.json() == second.json()
    assert [m["text"] for m in control.get("/sim/received").json()["messages"]] == ["亲，在的呢～"]
    with pytest.raises(GatewayRejected) as caught:
        gw.send_message(chat["id"], "   ", "kd-2")
    assert caught.value.status == 422 and caught.value.code == "invalid"
    with pytest.raises(GatewayRejected) as caught:
        gw.send_message("no-such-chat", "hi", "kd-3")
    assert caught.value.status == 404


def collect(client: GatewayClient, last_id: str | None, want: int, out: list) -> threading.Thread:
    def run() -> None:
        for event in client.events(last_id):
            if getattr(event, "type", "") == "ping":
                continue
            out.append(event)
            if len(out) >= want:
                return

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    return thread


def test_the_stream_delivers_buyer_messages_and_resumes_after_an_id(sim, gw, control):
    control.post("/sim/say", json={"buyer_nick": "买家一", "text": "第一句"})
    events: list = []
    collect(gw, None, 2, events).join(5)
    assert [e.type for e in events] == ["conversation.assigned", "message.created"]
    assert events[1].message.text == "第一句"
    control.post("/sim/say", json={"buyer_nick": "买家一", "text": "第二句"})
    later: list = []
    collect(gw, events[1].id, 1, later).join(5)
    assert [e.message.text for e in later] == ["第二句"]


def test_orders_parcels_and_status(sim, gw, control):
    chat = control.post("/sim/say", json={"buyer_nick": "查订单", "text": "我的快递呢"}).json()["conversation"]
    orders = gw.orders(chat["buyer"]["id"])
    assert orders and all(isinstance(o, domain.Order) for o in orders)
    shipped = [o for o in orders if o.tracking_no]
    if shipped:
        parcel = control.get(f"/v1/parcels/{shipped[0].tracking_no}",
                             headers={"Authorization": f"Bearer {gw.token}"}).json()
        assert parcel["courier"] == shipped[0].courier and parcel["events"]
    gw.set_status("suspended")
    assert sim.world.agent_status == "suspended"


def test_a_taken_port_is_named_and_the_cli_exits_2():
    holder = socket.socket()
    holder.bind(("127.0.0.1", 0))
    holder.listen(1)
    port = holder.getsockname()[1]
    try:
        with pytest.raises(SimPortInUse, match=f"port {port} on 127.0.0.1 is already in use"):
            SimServer(port=port).start()
        result = subprocess.run([sys.executable, "-m", "app", "sim", "--port", str(port)],
                                capture_output=True, text=True, timeout=60)
        assert result.returncode == 2
        assert result.stderr.strip().splitlines() == [f"kefudesk sim: port {port} on 127.0.0.1 is already in use; "
                                                      "pick another with --port or use --port 0 for a free one"]
    finally:
        holder.close()


def test_a_buyers_photo_downloads_with_its_type_and_unknown_or_anonymous_asks_are_refused(sim, gw, control):
    said = control.post("/sim/say", json={"buyer_nick": "拍照的买家", "text": "鞋子开胶了", "photo": True}).json()
    image_id = said["message"]["image"]
    assert said["message"]["direction"] == "in" and said["message"]["text"] == ""
    data = gw.image(image_id)
    assert hashlib.sha256(data).hexdigest() == image_id and data == sim.world.images[image_id]
    raw = control.get(f"/v1/images/{image_id}", headers={"Authorization": f"Bearer {gw.token}"})
    assert raw.headers["content-type"] == "image/png" and raw.content == data
    assert control.get(f"/v1/images/{image_id}").json()["error"]["code"] == "unauthorized"
    unknown = "e" * 64
    missing = control.get(f"/v1/images/{unknown}", headers={"Authorization": f"Bearer {gw.token}"})
    assert missing.status_code == 404 and missing.json()["error"]["code"] == "not_found"
    with pytest.raises(GatewayRejected, match=f"image {unknown}") as caught:
        gw.image(unknown)
    assert caught.value.status == 404


def test_with_a_seed_after_sale_buyers_send_photos_the_stream_names_them_and_each_is_a_real_png():
    with SimServer(port=0, buyers=40, initial_chats=30, reply_delay=None, ping_interval=1.0, seed=3) as server:
        client = GatewayClient(httpx.Client(base_url=server.url, timeout=httpx.Timeout(5, read=10)))
        client.login(server.shop_id, *server.credentials)
        photos = {}
        for conv in client.conversations():
            for message in client.messages(conv.id):
                if message.image:
                    photos[message.image] = (conv.id, message)
        assert photos, "seed 3 opens after-sale chats with photos"
        for image_id, (cid, message) in photos.items():
            assert server.world.chats[cid].intent in PHOTO_INTENTS and message.direction == "in"
            data = client.image(image_id)
            assert hashlib.sha256(data).hexdigest() == image_id
            picture = QImage.fromData(data)
            assert not picture.isNull() and (picture.width(), picture.height()) == (64, 48)
        streamed: list = []
        collect(client, None, len(server.world.events), streamed).join(10)
        assert {e.message.image for e in streamed if e.type == "message.created" and e.message.image} == set(photos)
        client._http.close()


class BrokenImages(http.server.BaseHTTPRequestHandler):
    """Serves GET /v1/images/{id} the way a broken or hostile gateway might; `mode` says which way."""

    mode = ""
    written = 0  # body bytes written before the client hung up
    timeout = 5

    def do_GET(self) -> None:
        cls = type(self)
        if cls.mode in ("endless", "announced"):
            self.send_response(200)
            self.send_header("Content-Type", "image/png")
            if cls.mode == "announced":
                self.send_header("Content-Length", str(domain.MAX_IMAGE_BYTES + 1))
            self.end_headers()  # without a length the body ends when the connection closes
            block = png_bytes() + bytes(64 * 1024)
            try:
                while cls.written < 64 * 1024 * 1024:
                    self.wfile.write(block)
                    cls.written += len(block)
            except OSError:
                pass  # the client stopped reading and closed: what the test wants
            return
        body = {"other_bytes": png_bytes(rgb=(1, 2, 3)), "not_a_picture": b"%PDF-1.7 not a picture"}[cls.mode]
        self.send_response(200)
        self.send_header("Content-Type", "image/png")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args) -> None:
        pass


@pytest.fixture
def broken() -> Iterator[GatewayClient]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), BrokenImages)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    BrokenImages.written = 0
    client = GatewayClient(httpx.Client(base_url=f"http://127.0.0.1:{server.server_port}", timeout=5), "tok")
    yield client
    client._http.close()
    server.shutdown()
    server.server_close()
    thread.join(5)


def test_an_image_past_the_cap_is_abandoned_while_streaming_not_read_whole(broken):
    BrokenImages.mode = "endless"
    with pytest.raises(GatewayProtocolError, match=f"larger than {domain.MAX_IMAGE_BYTES} bytes; stopped reading"):
        broken.image("a" * 64)
    # the server had 64 MB to send; the client hung up after the cap (plus what the socket buffers took)
    assert BrokenImages.written < 32 * 1024 * 1024


def test_an_announced_length_past_the_cap_is_refused_before_the_body(broken):
    BrokenImages.mode = "announced"
    with pytest.raises(GatewayProtocolError, match=r"announced\); not downloaded"):
        broken.image("a" * 64)
    with pytest.raises(GatewayProtocolError, match="larger than 50 bytes"):
        BrokenImages.mode = "other_bytes"
        broken.image("a" * 64, max_bytes=50)  # a lower cap for one call (the picture is 73 bytes)


def test_bytes_that_are_not_the_id_or_not_a_picture_are_refused(broken):
    BrokenImages.mode = "other_bytes"
    with pytest.raises(GatewayProtocolError, match="not the picture with that id: its .* bytes hash to"):
        broken.image("a" * 64)
    BrokenImages.mode = "not_a_picture"
    pdf_id = hashlib.sha256(b"%PDF-1.7 not a picture").hexdigest()
    with pytest.raises(GatewayProtocolError, match="not a PNG, JPEG, GIF or WebP"):
        broken.image(pdf_id)
