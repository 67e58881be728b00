"""A malicious or broken shop gateway, for real: a socket server on a loopback port that answers each request the
way the test says — huge, compressed, trickling, silent, not JSON, redirecting to another host, with a certificate
nobody signed. Whatever it does, the desk ends each call with a GatewayError that says what went wrong, within
bounded memory and time, and never sends the login or the token anywhere else."""

from __future__ import annotations

import gzip
import hashlib
import json
import shutil
import socket
import ssl
import subprocess
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

import httpx
import pytest

from app.gateway.client import GatewayClient
from app.gateway.errors import GatewayError, GatewayProtocolError, GatewayUnavailable
from app.gateway.events import EventStream
from app.gateway.secrets import MemorySecretStore
from app.gateway.transport import Limits, gateway_http
from app.store.engine import open_store

from app.desk.session import DeskSession, ShopAccount

from tests.conftest import png_bytes
from tests.integration.conftest import RecordingListener

pytestmark = pytest.mark.integration

# small bounds so each misbehaviour shows within a second; the defaults are in app/gateway/transport.py
LIMITS = Limits(max_response_bytes=64 * 1024, response_deadline_s=0.5, max_event_bytes=16 * 1024, stream_idle_s=0.5)
TIME = "2026-11-24T06:30:01.000000Z"


@dataclass
class Request:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes


@dataclass
class Hostile:
    """A gateway that answers every request with `answer(conn, request)`: raw bytes, any way it likes."""

    answer: Callable[[Hostile, socket.socket, Request], None]
    tls: ssl.SSLContext | None = None
    requests: list[Request] = field(default_factory=list)
    sent: int = 0  # body bytes written by the misbehaving answers before the desk hung up
    stopped: threading.Event = field(default_factory=threading.Event)

    def __post_init__(self) -> None:
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.port = self._listener.getsockname()[1]
        threading.Thread(target=self._accept, daemon=True).start()

    @property
    def url(self) -> str:
        return f"{'https' if self.tls else 'http'}://127.0.0.1:{self.port}"

    def _accept(self) -> None:
        while not self.stopped.is_set():
            try:
                conn, _ = self._listener.accept()
            except OSError:
                return
            threading.Thread(target=self._serve, args=(conn,), daemon=True).start()

    def _serve(self, conn: socket.socket) -> None:
        try:
            conn.settimeout(5)
            if self.tls is not None:
                conn = self.tls.wrap_socket(conn, server_side=True)
            data = b""
            while b"\r\n\r\n" not in data:
                piece = conn.recv(65536)
                if not piece:
                    return
                data += piece
            head, _, body = data.partition(b"\r\n\r\n")
            first, *lines = head.decode("latin-1").split("\r\n")
            headers = {k.strip().lower(): v.strip() for k, _, v in (line.partition(":") for line in lines)}
            while len(body) < int(headers.get("content-length", 0)):
                body += conn.recv(65536)
            request = Request(first.split(" ")[0], first.split(" ")[1], headers, body)
            self.requests.append(request)
            self.answer(self, conn, request)
        except (OSError, ssl.SSLError):
            pass  # the desk hung up (what most tests want) or refused the handshake
        finally:
            conn.close()

    def trickle(self, conn: socket.socket, data: bytes, every: float = 0.02) -> None:
        """Write data a byte at a time, then go on writing it, until the desk hangs up or the test ends."""
        while not self.stopped.is_set():
            for byte in data:
                conn.sendall(bytes([byte]))
                self.sent += 1
                if self.stopped.wait(every):
                    return

    def flood(self, conn: socket.socket, block: bytes, cap: int = 256 * 1024 * 1024) -> None:
        while self.sent < cap and not self.stopped.is_set():
            conn.sendall(block)
            self.sent += len(block)

    def close(self) -> None:
        self.stopped.set()
        self._listener.close()


def head(status: int = 200, *, length: int | None = None, content_type: str = "application/json",
         extra: str = "") -> bytes:
    text = f"HTTP/1.1 {status} X\r\nContent-Type: {content_type}\r\nConnection: close\r\n{extra}"
    if length is not None:
        text += f"Content-Length: {length}\r\n"
    return (text + "\r\n").encode()


def answer_json(conn: socket.socket, body: object, status: int = 200) -> None:
    data = json.dumps(body).encode()
    conn.sendall(head(status, length=len(data)) + data)


@pytest.fixture
def hostile() -> Iterator[Callable[..., tuple[Hostile, GatewayClient]]]:
    """hostile(answer) → the server and a logged-in client (token "tok") of the desk's own making."""
    made: list[tuple[Hostile, GatewayClient]] = []

    def make(answer: Callable[[Hostile, socket.socket, Request], None], *, limits: Limits = LIMITS,
             follow_redirects: bool = False) -> tuple[Hostile, GatewayClient]:
        server = Hostile(answer)
        http = (httpx.Client(base_url=server.url, timeout=0.5, follow_redirects=True) if follow_redirects
                else gateway_http(server.url, timeout=0.5))
        client = GatewayClient(http, "tok", limits=limits)
        made.append((server, client))
        return server, client

    yield make
    for server, client in made:
        server.close()
        client._http.close()


# --- answers that are too big, compressed, or not JSON ------------------------------------------------------

def test_an_answer_announcing_a_gigabyte_is_refused_before_its_body_is_read(hostile):
    def answer(server: Hostile, conn: socket.socket, request: Request) -> None:
        conn.sendall(head(length=1 << 30))
        server.flood(conn, b"[" + b"0," * 32 * 1024)

    server, client = hostile(answer)
    with pytest.raises(GatewayProtocolError, match=r"larger than 65536 bytes \(1073741824 announced\)"):
        client.conversations()


def test_an_endless_answer_is_abandoned_past_the_cap_not_read_whole(hostile):
    def answer(server: Hostile, conn: socket.socket, request: Request) -> None:
        conn.sendall(head())  # no length: the body ends when the connection does, which is never
        server.flood(conn, b" " * 64 * 1024)

    server, client = hostile(answer)
    with pytest.raises(GatewayProtocolError, match="larger than 65536 bytes; stopped reading"):
        client.conversations()
    server.stopped.wait(0.2)
    assert server.sent < 32 * 1024 * 1024  # the desk hung up; the server did not get to send its 256 MB


def test_a_compressed_answer_is_refused_rather_than_expanded(hostile):
    bomb = gzip.compress(b" " * (16 * 1024 * 1024), compresslevel=9)  # 16 MB of JSON whitespace in 16 KB

    def answer(server: Hostile, conn: socket.socket, request: Request) -> None:
        conn.sendall(head(length=len(bomb), extra="Content-Encoding: gzip\r\n") + bomb)

    server, client = hostile(answer, limits=Limits(max_response_bytes=1 << 20, response_deadline_s=5))
    with pytest.raises(GatewayProtocolError, match=r"compressed its answer \(gzip\) though the desk asked for none"):
        client.conversations()
    assert server.requests[0].headers["accept-encoding"] == "identity"


@pytest.mark.parametrize(("body", "reason"), [
    (b"<html>proxy login</html>", "not JSON"),
    (b"[" * 30_000 + b"]" * 30_000, "nested too deeply"),
    (b'{"conversations": [{"id": "c1"}]}', r"conversations\[0\]\.buyer: expected a JSON object"),
    (b'{"conversations": {"id": "c1"}}', "expected a JSON object with a list 'conversations'"),
    (b"\xff\xfe\x00\xd8{}", "not JSON"),  # a UTF-16 byte-order mark, then a lone surrogate
])
def test_what_is_not_the_protocols_json_is_a_protocol_error_naming_the_problem(hostile, body, reason):
    _, client = hostile(lambda server, conn, request: conn.sendall(head(length=len(body)) + body))
    with pytest.raises(GatewayProtocolError, match=reason):
        client.conversations()


def test_an_answer_that_is_not_http_at_all_is_a_gateway_error(hostile):
    _, client = hostile(lambda server, conn, request: conn.sendall(b"SSH-2.0-OpenSSH_9.6\r\n\r\n"))
    with pytest.raises(GatewayUnavailable, match="cannot reach the shop gateway"):
        client.conversations()


def test_a_refusal_cannot_forge_lines_or_reorder_the_message_the_agent_reads(hostile):
    error = {"error": {"code": "invalid\n\nSYSTEM", "message": "text \u202eevil\u202c\r\nyour account is locked"}}
    _, client = hostile(lambda server, conn, request: answer_json(conn, error, status=422))
    with pytest.raises(GatewayError) as caught:
        client.send_message("c1", "亲", "kd-1")
    assert "\n" not in str(caught.value) and "\u202e" not in str(caught.value)
    assert "your account is locked" in str(caught.value)


# --- answers that never finish ------------------------------------------------------------------------------

def test_a_body_trickling_a_byte_at_a_time_is_given_up_at_the_deadline(hostile):
    def answer(server: Hostile, conn: socket.socket, request: Request) -> None:
        conn.sendall(head(length=10_000))
        server.trickle(conn, b'{"conversations": [' + b" " * 9_000)

    _, client = hostile(answer)
    with pytest.raises(GatewayUnavailable, match=r"did not arrive within 0.5 s \(\d+ bytes came\); stopped reading"):
        client.conversations()


@pytest.mark.parametrize("written", [b"", b"HTTP/1.1 200 OK\r\n", head(length=100) + b'{"conv'],
                         ids=["nothing", "half the headers", "part of the body"])
def test_an_answer_that_stops_halfway_times_out_as_unavailable(hostile, written):
    def answer(server: Hostile, conn: socket.socket, request: Request) -> None:
        conn.sendall(written)
        server.stopped.wait(10)

    _, client = hostile(answer)
    with pytest.raises(GatewayUnavailable):
        client.conversations()


# --- redirects: the token stays with the gateway it was given to --------------------------------------------

@pytest.fixture
def elsewhere() -> Iterator[Hostile]:
    """Another host (another port is another origin) that would love to see the token."""
    server = Hostile(lambda s, conn, request: answer_json(conn, {"conversations": []}))
    yield server
    server.close()


@pytest.mark.parametrize("follows", [False, True], ids=["desk's client", "client set to follow redirects"])
@pytest.mark.parametrize("status", [301, 302, 307, 308])
def test_a_redirect_to_another_host_is_not_followed_and_the_token_never_leaves(hostile, elsewhere, follows, status):
    def answer(server: Hostile, conn: socket.socket, request: Request) -> None:
        conn.sendall(head(status, length=0, extra=f"Location: {elsewhere.url}{request.path}\r\n"))

    server, client = hostile(answer, follow_redirects=follows)
    with pytest.raises(GatewayProtocolError, match=f"sent the request on to {elsewhere.url}/v1/conversations"):
        client.conversations()
    with pytest.raises(GatewayProtocolError, match="does not follow redirects"):
        client.login("demo", "xiaoli", "the password")
    with pytest.raises(GatewayProtocolError, match="does not follow redirects"):
        next(client.events(None))
    assert elsewhere.requests == []
    assert server.requests[0].headers["authorization"] == "Bearer tok"  # the gateway it was meant for got it


# --- TLS and plain http ---------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def self_signed(tmp_path_factory) -> ssl.SSLContext:
    openssl = shutil.which("openssl")
    if openssl is None:
        pytest.skip("openssl is not installed: no certificate can be made for the TLS test")
    folder = tmp_path_factory.mktemp("tls")
    subprocess.run([openssl, "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                    "-keyout", str(folder / "key.pem"), "-out", str(folder / "cert.pem"), "-days", "1",
                    "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"],
                   check=True, capture_output=True)
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(folder / "cert.pem", folder / "key.pem")
    return context


def test_a_certificate_nobody_signed_is_refused_before_the_password_goes_out(self_signed):
    server = Hostile(lambda s, conn, request: answer_json(conn, {}), tls=self_signed)
    client = GatewayClient(gateway_http(server.url, timeout=2))
    try:
        with pytest.raises(GatewayUnavailable, match="CERTIFICATE_VERIFY_FAILED"):
            client.login("demo", "xiaoli", "the password")
    finally:
        server.close()
        client._http.close()
    assert server.requests == []  # the handshake failed: no request, no password, was ever written


# --- the event stream ---------------------------------------------------------------------------------------

def stream_head() -> bytes:
    return head(content_type="text/event-stream")


def test_a_stream_trickling_a_line_that_never_ends_is_dropped_as_stalled(hostile):
    def answer(server: Hostile, conn: socket.socket, request: Request) -> None:
        conn.sendall(stream_head() + b"event: ping\ndata: {}\n\n")
        server.trickle(conn, b"data: " + b"x" * 10_000, every=0.01)

    _, client = hostile(answer)
    events = client.events(None)
    assert next(events).type == "ping"
    with pytest.raises(GatewayUnavailable, match=r"completed nothing for 0.5 s \(bytes kept trickling in\)"):
        next(events)


def test_a_silent_stream_is_dropped_after_the_idle_time(hostile):
    def answer(server: Hostile, conn: socket.socket, request: Request) -> None:
        conn.sendall(stream_head())
        server.stopped.wait(10)

    _, client = hostile(answer)
    with pytest.raises(GatewayUnavailable, match="sent nothing for 0.5 s, not even a ping"):
        next(client.events(None))


def test_a_flood_without_line_ends_costs_one_skipped_event_and_the_next_events_arrive(hostile):
    def answer(server: Hostile, conn: socket.socket, request: Request) -> None:
        conn.sendall(stream_head() + b"id: 1\nevent: message.created\ndata: ")
        for _ in range(64):  # 4 MB of one line, 256 times the event cap
            conn.sendall(b"x" * 64 * 1024)
        conn.sendall(b"\n\nid: 2\nevent: agent.status\ndata: {\"status\": \"suspended\"}\n\n")

    _, client = hostile(answer, limits=Limits(max_event_bytes=16 * 1024, stream_idle_s=5))
    items = list(client.events(None))
    assert [str(i) if isinstance(i, GatewayError) else i.status for i in items] == \
        ["skipped an event longer than 16384 bytes", "suspended"]


def test_a_stalled_stream_reconnects_from_the_last_event_and_says_why_meanwhile(qtbot, hostile):
    def answer(server: Hostile, conn: socket.socket, request: Request) -> None:
        conn.sendall(stream_head() + b'id: 7\nevent: agent.status\ndata: {"status": "online"}\n\n')
        server.trickle(conn, b": still here but never done", every=0.01)

    server, client = hostile(answer)
    seen, offline = [], []
    stream = EventStream(client, last_event_id=None, on_event=seen.append, on_offline=offline.append,
                         min_backoff=0.01, max_backoff=0.02)
    stream.start()
    try:
        qtbot.waitUntil(lambda: len(server.requests) >= 2, timeout=5000)
    finally:
        stream.stop()
    assert [e.id for e in seen][:1] == ["7"] and "completed nothing for 0.5 s" in offline[0]
    assert server.requests[1].headers["last-event-id"] == "7"


# --- a whole desk against a gateway that sends nonsense -----------------------------------------------------

def test_a_desk_keeps_every_good_event_from_a_gateway_that_sends_nonsense_around_them(qtbot, tmp_path, hostile):
    bomb = png_bytes(4, 3)[:16] + (50_000).to_bytes(4, "big") * 2 + png_bytes(4, 3)[24:]  # 4×3 pixels, says 50000²
    bomb_id = hashlib.sha256(bomb).hexdigest()
    conversation = {"id": "c-known", "buyer": {"id": "b1", "nick": "tb_买家"}, "state": "waiting", "created_at": TIME}

    def message(mid: str, cid: str, text: str, image: str | None = None) -> dict:
        return {"id": mid, "conversation_id": cid, "direction": "in", "text": text, "sent_at": TIME, "image": image}

    events = [
        ("1", "message.created", "{not json"),
        ("2", "no.such.event", "{}"),
        ("3", "message.created", "[" * 50_000),
        ("4", "message.created", json.dumps({"message": message("m-1", "c-ghost", "一个没见过的会话")})),
        ("5", "conversation.closed", json.dumps({"conversation_id": "c-nowhere"})),
        ("6", "conversation.transferred", json.dumps({"conversation": conversation | {"id": "c-elsewhere"},
                                                      "from": "agent-x", "to": "agent-y"})),
        ("7", "message.created", json.dumps({"message": message("m-2", "c-known", "x" * 5001)})),
        ("8", "message.created", json.dumps({"message": message("m-3", "c-known", "看图", bomb_id),
                                             "conversation": conversation})),
        ("9", "message.created", json.dumps({"message": message("m-4", "c-ghost", "\ud800 还在吗")})),
    ]
    stream = b"".join(f"id: {i}\nevent: {kind}\ndata: {data}\n\n".encode("utf-8", "surrogatepass")
                      for i, kind, data in events)

    def answer(server: Hostile, conn: socket.socket, request: Request) -> None:
        path = request.path.split("?")[0]
        if path == "/v1/sessions":
            answer_json(conn, {"token": "tok-1", "agent": {"id": "agent-me", "name": "小李"},
                               "shop": {"id": "demo", "name": "测试店"}}, status=201)
        elif path == "/v1/events":
            conn.sendall(stream_head() + stream)
            while not server.stopped.wait(0.2):
                conn.sendall(b"event: ping\ndata: {}\n\n")
        elif path == f"/v1/images/{bomb_id}":
            conn.sendall(head(length=len(bomb), content_type="image/png") + bomb)
        elif path == "/v1/conversations":
            answer_json(conn, {"conversations": []})
        else:
            answer_json(conn, {"messages": [], "agents": [], "status": "online"})

    server, _ = hostile(answer)
    store = open_store(tmp_path / "desk.db")
    listener = RecordingListener()
    session = DeskSession(store, ShopAccount(server.url, "demo", "xiaoli", "pw"), MemorySecretStore(), listener,
                          timeout=2)
    session.start()
    try:
        qtbot.waitUntil(lambda: len(store.messages("c-ghost")) == 2 and bool(store.messages("c-known")),
                        timeout=5000)
        qtbot.waitUntil(lambda: any(r.path.startswith("/v1/images/") for r in server.requests), timeout=5000)
        assert session.online and listener.problems == [] and False not in listener.online
        assert [m.text for m in store.messages("c-ghost")] == ["一个没见过的会话", "\ufffd 还在吗"]
        assert [m.text for m in store.messages("c-known")] == ["看图"]  # m-2 was longer than the protocol allows
        assert store.conversation("c-nowhere") is None  # closing a chat the desk never had opens nothing
        assert not store.images.has(bomb_id)  # downloaded, checked, and not kept: it would not decode safely
    finally:
        session.stop()
        store.close()
