"""GatewayClient against malformed and failing servers. httpx.MockTransport stands in for a broken shop
gateway here because the simulator is well-behaved by design; the happy paths run against the real
simulator in tests/integration."""

import httpx
import pytest

from app.gateway.client import GatewayClient
from app.gateway.errors import GatewayAuthError, GatewayProtocolError, GatewayRejected, GatewayUnavailable


def client_for(handler) -> GatewayClient:
    return GatewayClient(httpx.Client(base_url="http://gw.test", transport=httpx.MockTransport(handler)), "tok")


def test_a_401_becomes_an_auth_error_naming_the_gateways_reason():
    gw = client_for(lambda r: httpx.Response(401, json={"error": {"code": "unauthorized", "message": "token expired"}}))
    with pytest.raises(GatewayAuthError, match="token expired"):
        gw.conversations()


def test_a_422_is_a_rejection_that_keeps_the_code():
    gw = client_for(lambda r: httpx.Response(422, json={"error": {"code": "invalid", "message": "text is empty"}}))
    with pytest.raises(GatewayRejected) as caught:
        gw.send_message("c1", "x", "k1")
    assert caught.value.code == "invalid" and caught.value.status == 422


def test_html_instead_of_json_is_a_protocol_error_and_a_502_page_means_unavailable():
    with pytest.raises(GatewayProtocolError, match="not JSON"):
        client_for(lambda r: httpx.Response(200, text="<html>proxy login</html>")).conversations()
    with pytest.raises(GatewayUnavailable):
        client_for(lambda r: httpx.Response(502, text="<html>bad gateway</html>")).conversations()


def test_a_conversation_missing_its_buyer_names_the_field():
    body = {"conversations": [{"id": "c1", "state": "waiting", "created_at": "2026-11-24T01:00:00Z"}]}
    with pytest.raises(GatewayProtocolError, match=r"conversations\[0\]\.buyer"):
        client_for(lambda r: httpx.Response(200, json=body)).conversations()


def test_ids_cannot_steer_the_request_to_another_endpoint():
    seen = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request.url.raw_path.decode())
        return httpx.Response(200, json={"messages": []})

    client_for(handler).messages("../../v1/sessions?x=1")
    assert seen == ["/v1/conversations/..%2F..%2Fv1%2Fsessions%3Fx%3D1/messages?limit=50"]


def test_connection_refused_is_unavailable_with_the_url():
    gw = GatewayClient(httpx.Client(base_url="http://127.0.0.1:9", timeout=2))
    with pytest.raises(GatewayUnavailable, match="127.0.0.1:9"):
        gw.conversations()


def test_a_bad_event_in_the_stream_is_reported_and_the_stream_goes_on():
    stream = (b"id: 1\nevent: message.created\ndata: {not json\n\n"
              b"id: 2\nevent: no.such.type\ndata: {}\n\n"
              b"id: 3\nevent: agent.status\ndata: {\"status\": \"suspended\"}\n\n")
    gw = client_for(lambda r: httpx.Response(200, content=stream, headers={"content-type": "text/event-stream"}))
    items = list(gw.events(None))
    assert [type(i).__name__ for i in items] == ["GatewayProtocolError", "GatewayProtocolError", "Event"]
    assert items[2].status == "suspended" and items[2].id == "3"


def test_resume_sends_last_event_id():
    headers = {}

    def handler(request: httpx.Request) -> httpx.Response:
        headers.update(request.headers)
        return httpx.Response(200, content=b"", headers={"content-type": "text/event-stream"})

    list(client_for(handler).events("41"))
    assert headers["last-event-id"] == "41" and headers["authorization"] == "Bearer tok"


def test_image_messages_and_picture_sniffing():
    from app.gateway import schema
    from tests.conftest import png_bytes

    assert schema.image_type(png_bytes()) == "image/png"
    assert schema.image_type(b"\xff\xd8\xff\xe0 jpeg") == "image/jpeg"
    assert schema.image_type(b"RIFF\x00\x00\x00\x00WEBPVP8 ") == "image/webp"
    assert schema.image_type(b"%PDF-1.7") == ""
    picture_only = {"id": "m1", "conversation_id": "c1", "direction": "out", "text": "", "image": "a" * 64,
                    "sent_at": "2026-11-24T06:30:01Z"}
    assert schema.Message.from_json(picture_only).image == "a" * 64
    with pytest.raises(schema.ProtocolError, match="message.image: not an image id"):
        schema.Message.from_json(picture_only | {"image": "../etc/passwd"})


def test_parcels_and_problem_orders_parse_strictly_with_the_path_named():
    from datetime import UTC, datetime

    from app.gateway import schema

    at = datetime(2026, 11, 24, 2, 0, tzinfo=UTC)
    parcel = schema.Parcel("SF1", "顺丰速运", (schema.ParcelEvent(at, "杭州", "已揽收"),), 650, 640, "杭州转运中心",
                           (schema.PackedLine("运动鞋", "S1", 1, True),))
    assert schema.Parcel.from_json(parcel.to_json()) == parcel
    problem = schema.ProblemOrder("3912", "out_of_area", "果果", "新疆", at, "13800138001")
    assert schema.ProblemOrder.from_json(problem.to_json()) == problem
    bad = {**parcel.to_json(), "origin_weight_g": -5}
    with pytest.raises(schema.ProtocolError, match="parcel.origin_weight_g: must not be negative"):
        schema.Parcel.from_json(bad)
    bad = {**parcel.to_json(), "packing_slip": [{"title": "鞋", "sku": "", "qty": 1, "ticked": "yes"}]}
    with pytest.raises(schema.ProtocolError, match=r"packing_slip\[0\].ticked"):
        schema.Parcel.from_json(bad)
    with pytest.raises(schema.ProtocolError, match="'weather' is not one of"):
        schema.ProblemOrder.from_json({**problem.to_json(), "category": "weather"})
    with pytest.raises(schema.ProtocolError, match="reported_at: not an ISO 8601 time"):
        schema.ProblemOrder.from_json({**problem.to_json(), "reported_at": "yesterday"})
    item = {"sku": "S1", "title": "鞋", "qty": 1, "price_fen": 100}
    assert schema.OrderItem.from_json(item).weight_g == 0  # gateways that know no weights still parse
    with pytest.raises(schema.ProtocolError, match="weight_g: must not be negative"):
        schema.OrderItem.from_json({**item, "weight_g": -1})
