"""GatewayClient against malformed and failing servers. httpx.MockTransport stands in for a broken shop
gateway here because the simulator is well-behaved by design; the happy paths run against the real
simulator in tests/integration."""

import httpx
import pytest

from app.gateway.client import GatewayClient
from app.gateway.errors import GatewayAuthError, GatewayProtocolError, GatewayRejected, GatewayUnavailable


def client_for(handler) -> GatewayClient:
    return GatewayClient(httpx.Client(base_url="https://gw.test", transport=httpx.MockTransport(handler)), "tok")


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
    from app import domain
    from tests.conftest import png_bytes

    assert domain.image_type(png_bytes()) == "image/png"
    assert domain.image_type(b"\xff\xd8\xff\xe0 jpeg") == "image/jpeg"
    assert domain.image_type(b"RIFF\x00\x00\x00\x00WEBPVP8 ") == "image/webp"
    assert domain.image_type(b"%PDF-1.7") == ""
    picture_only = {"id": "m1", "conversation_id": "c1", "direction": "out", "text": "", "image": "a" * 64,
                    "sent_at": "2026-11-24T06:30:01Z"}
    assert domain.Message.from_json(picture_only).image == "a" * 64
    with pytest.raises(domain.ProtocolError, match="message.image: not an image id"):
        domain.Message.from_json(picture_only | {"image": "../etc/passwd"})



def test_a_tracking_no_is_one_path_segment_and_since_goes_as_utc():
    from datetime import datetime, timedelta, timezone

    seen = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request.url.raw_path.decode())
        if request.url.path.startswith("/v1/parcels/"):
            return httpx.Response(200, json={"tracking_no": "SF/1", "courier": "顺丰速运", "events": []})
        return httpx.Response(200, json={"problem_orders": []})

    gw = client_for(handler)
    assert gw.parcel("SF/1?x=1").origin_weight_g is None  # a gateway that weighs nothing still parses
    beijing = timezone(timedelta(hours=8))
    assert gw.problem_orders(since=datetime(2026, 11, 24, 9, 30, tzinfo=beijing)) == []
    assert gw.problem_orders() == []
    assert seen == ["/v1/parcels/SF%2F1%3Fx%3D1", "/v1/problem-orders?since=2026-11-24T01%3A30%3A00.000000Z",
                    "/v1/problem-orders"]


def test_a_malformed_problem_order_names_its_place_in_the_list():
    line = {"order_no": "1", "category": "unclear_address", "buyer_nick": "果果", "detail": "",
            "reported_at": "2026-11-24T01:00:00Z"}
    body = {"problem_orders": [line, {**line, "category": "weather"}]}
    with pytest.raises(GatewayProtocolError, match=r"problem_orders\[1\]\.category: 'weather' is not one of"):
        client_for(lambda r: httpx.Response(200, json=body)).problem_orders()
    with pytest.raises(GatewayProtocolError, match="a list 'problem_orders'"):
        client_for(lambda r: httpx.Response(200, json={"problems": []})).problem_orders()


def test_an_unknown_parcel_is_a_rejection_naming_the_gateways_reason():
    gw = client_for(lambda r: httpx.Response(404, json={"error": {"code": "not_found", "message": "no such parcel"}}))
    with pytest.raises(GatewayRejected, match="no such parcel") as caught:
        gw.parcel("X1")
    assert caught.value.status == 404


@pytest.mark.parametrize("bad_id", ["", "A" * 64, "a" * 63, "a" * 65, "../sessions", "a" * 62 + "/x", "g" * 64])
def test_a_malformed_image_id_is_refused_before_any_request(bad_id):
    # the transport only records: any request at all would fail the test
    requests = []
    gw = client_for(lambda r: requests.append(r) or httpx.Response(200, content=b""))
    with pytest.raises(GatewayProtocolError, match="not an image id"):
        gw.image(bad_id)
    assert requests == []


def test_an_unknown_image_is_a_404_rejection_naming_the_id():
    image_id = "0" * 64
    gw = client_for(lambda r: httpx.Response(404, json={"error": {"code": "not_found", "message": "no such image"}}))
    with pytest.raises(GatewayRejected, match=f"image {image_id}: no such image") as caught:
        gw.image(image_id)
    assert caught.value.status == 404 and caught.value.code == "not_found"
