"""The simulator over a real loopback socket, through the desk's own protocol client."""

from __future__ import annotations

import socket
import subprocess
import sys
import threading

import httpx
import pytest

from app.gateway import schema
from app.gateway.client import GatewayClient
from app.gateway.errors import GatewayAuthError, GatewayRejected
from app.shopsim.runner import SimPortInUse, SimServer

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
    assert orders and all(isinstance(o, schema.Order) for o in orders)
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
