"""Where the desk will send a password and a token: https anywhere, plain http only to this machine; and TLS
verification is never turned off. (tests/integration/test_hostile_gateway.py has the real servers.)"""

from __future__ import annotations

import ast
from pathlib import Path

import httpx
import pytest

from app.gateway.client import GatewayClient
from app.gateway.errors import GatewayInsecure
from app.gateway.events import EventStream
from app.gateway.transport import gateway_http, plain_http_refusal

import app


@pytest.mark.parametrize("url", ["https://shop.example.com", "https://10.0.0.5:8443", "http://127.0.0.1:8765",
                                 "http://127.8.9.1", "http://localhost:8765", "http://LOCALHOST.", "http://[::1]:80",
                                 "http://desk.localhost"])
def test_https_anywhere_and_plain_http_on_this_machine_are_fine(url):
    assert plain_http_refusal(url) == ""


@pytest.mark.parametrize("url", ["http://shop.example.com", "http://192.168.1.5:8765", "http://0.0.0.0:8765",
                                 "http://127.0.0.1.nip.io", "http://localhost.example.com", "http://[::ffff:10.0.0.1]"])
def test_plain_http_to_another_machine_is_refused_with_the_way_out(url):
    assert "use its https:// address" in plain_http_refusal(url)


def recording() -> tuple[list[httpx.Request], httpx.MockTransport]:
    sent: list[httpx.Request] = []
    return sent, httpx.MockTransport(lambda request: sent.append(request) or httpx.Response(200, json={}))


def test_nothing_is_sent_to_a_plain_http_gateway_on_another_machine():
    sent, transport = recording()
    client = GatewayClient(httpx.Client(base_url="http://shop.example.com", transport=transport))
    with pytest.raises(GatewayInsecure, match="would send the password and the token unencrypted"):
        client.login("demo", "xiaoli", "the password")
    with pytest.raises(GatewayInsecure):
        next(client.events(None))
    with pytest.raises(GatewayInsecure):
        client.image("a" * 64)
    assert sent == []
    lab = GatewayClient(httpx.Client(base_url="http://shop.example.com", transport=transport), allow_plain_http=True)
    lab.set_status("online")
    assert len(sent) == 1  # a test lab can say so explicitly


def test_the_event_stream_gives_up_on_an_insecure_address_instead_of_retrying_it(qtbot):
    sent, transport = recording()
    client = GatewayClient(httpx.Client(base_url="http://shop.example.com", transport=transport), "tok")
    fatal: list[str] = []
    stream = EventStream(client, last_event_id=None, on_event=lambda e: None, on_fatal=fatal.append)
    stream.start()
    qtbot.waitUntil(lambda: not stream.running, timeout=3000)
    assert "https://" in fatal[0] and sent == []


def test_the_desks_client_verifies_certificates_and_follows_no_redirects():
    http = gateway_http("https://shop.example.com")
    assert http.follow_redirects is False and http.headers["accept-encoding"] == "identity"
    http.close()


def test_no_code_in_the_app_turns_tls_verification_off():
    offenders = []
    for path in Path(app.__file__).parent.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.keyword) and node.arg == "verify":
                offenders.append(f"{path.name}:{node.value.lineno}")
            if isinstance(node, ast.Attribute) and node.attr in ("CERT_NONE", "_create_unverified_context"):
                offenders.append(f"{path.name}:{node.lineno}")
    assert offenders == []
