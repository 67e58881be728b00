"""The Shop Gateway client: one method per endpoint of docs/gateway-protocol.md, typed results, clear errors.

Whatever the gateway answers, a call ends with a result or a GatewayError within bounded memory and time (see
app/gateway/transport.py): redirects are not followed, answers are capped in size and time, and the event
stream's events are capped in size and reconnected when nothing arrives.
"""

from __future__ import annotations

import hashlib
import json
import time
import unicodedata
from collections.abc import Callable, Iterator
from datetime import datetime
from typing import Any
from urllib.parse import quote

import httpx

from app.gateway.errors import (
    GatewayAuthError,
    GatewayError,
    GatewayInsecure,
    GatewayProtocolError,
    GatewayRejected,
    GatewayUnavailable,
)
from app.gateway.sse import OversizeEvent, RawEvent, SSEReader
from app.gateway.transport import (
    DEFAULT_LIMITS,
    Limits,
    plain_http_refusal,
    read_body,
    redirect_refusal,
    refuse_encoded,
)

from app import domain


class GatewayClient:
    """Talks to one shop gateway. The httpx.Client comes from the caller (its base_url is the gateway's URL).

    Thread-safe as httpx.Client is; the event stream should get its own client so a long-lived stream
    never holds a connection the requests need. Build the httpx.Client with transport.gateway_http(); whatever
    client is given, redirects are not followed and answers are bounded by `limits`.

    allow_plain_http: talk http:// to another machine anyway (a test lab); otherwise every call to such an
    address raises GatewayInsecure before anything is sent.
    """

    def __init__(self, http: httpx.Client, token: str = "", *, limits: Limits = DEFAULT_LIMITS,
                 allow_plain_http: bool = False) -> None:
        self._http = http
        self.token = token
        self.limits = limits
        self._refusal = "" if allow_plain_http else plain_http_refusal(http.base_url)

    @property
    def base_url(self) -> str:
        return str(self._http.base_url).rstrip("/")

    def _headers(self) -> dict[str, str]:
        headers = {"Accept-Encoding": "identity"}  # a compressed answer could expand past every bound
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        return headers

    def _check_address(self) -> None:
        if self._refusal:
            raise GatewayInsecure(self._refusal)

    def _request(self, method: str, path: str, *, json_body: Any = None, params: dict[str, Any] | None = None,
                 content: bytes | None = None, content_type: str = "") -> tuple[int, Any]:
        self._check_address()
        headers = self._headers() | ({"Content-Type": content_type} if content_type else {})
        what = f"the gateway's answer to {method} {path.split('?')[0][:80]}"
        try:
            with self._http.stream(method, path, json=json_body, params=params, content=content, headers=headers,
                                   follow_redirects=False) as response:
                if 300 <= response.status_code < 400:
                    raise redirect_refusal(response, self.base_url)
                body = read_body(response, self.limits.max_response_bytes, self.limits.response_deadline_s, what)
        except httpx.TransportError as exc:
            raise GatewayUnavailable(f"cannot reach the shop gateway at {self.base_url}: {exc}") from exc
        except httpx.HTTPError as exc:  # not a transport fault: what came back was not HTTP as httpx reads it
            raise GatewayProtocolError(f"{what} could not be read: {exc}") from exc
        return response.status_code, _json_of(response.status_code, body)

    def _call(self, method: str, path: str, *, json_body: Any = None, params: dict[str, Any] | None = None,
              content: bytes | None = None, content_type: str = "") -> Any:
        status, body = self._request(method, path, json_body=json_body, params=params, content=content,
                                     content_type=content_type)
        if status >= 400:
            raise _error_for(status, body)
        return body

    # --- endpoints -------------------------------------------------------------------------------

    def login(self, shop: str, agent: str, password: str) -> domain.Session:
        body = self._call("POST", "/v1/sessions", json_body={"shop": shop, "agent": agent, "password": password})
        session = _parse(domain.Session.from_json, body)
        self.token = session.token
        return session

    def conversations(self) -> list[domain.Conversation]:
        body = self._call("GET", "/v1/conversations")
        return _parse_list(body, "conversations", domain.Conversation.from_json)

    def messages(self, conversation_id: str, *, before: str | None = None, limit: int = 50) -> list[domain.Message]:
        params: dict[str, Any] = {"limit": limit}
        if before:
            params["before"] = before
        body = self._call("GET", f"/v1/conversations/{_seg(conversation_id)}/messages", params=params)
        return _parse_list(body, "messages", domain.Message.from_json)

    def send_message(self, conversation_id: str, text: str, client_id: str, image: str = "", *,
                     robot: bool = False) -> domain.Message:
        """Send a reply (with an uploaded image, by its id); the same client_id sent again returns the first
        result and never sends twice. robot: the desk's robot answered, and the buyer sees it marked so."""
        payload: dict[str, Any] = {"text": text, "client_id": client_id}
        if robot:
            payload["robot"] = True
        if image:
            payload["image"] = image
        body = self._call("POST", f"/v1/conversations/{_seg(conversation_id)}/messages", json_body=payload)
        if not isinstance(body, dict):
            raise GatewayProtocolError("send: the gateway's answer is not a JSON object")
        return _parse(domain.Message.from_json, body.get("message"))

    def put_image(self, data: bytes) -> str:
        """Upload an image (idempotent: its id is the SHA-256 of its bytes); returns the id."""
        media_type = domain.image_type(data)
        if not media_type:
            raise ValueError("not a PNG, JPEG, GIF or WebP image")
        image_id = hashlib.sha256(data).hexdigest()
        self._call("PUT", f"/v1/images/{image_id}", content=data, content_type=media_type)
        return image_id

    def image(self, image_id: str, *, max_bytes: int | None = None) -> bytes:
        """The bytes of a picture by its id (a buyer's photo, from Message.image), checked before they are
        returned: at most max_bytes (domain.MAX_IMAGE_BYTES unless given), a PNG, JPEG, GIF or WebP, and
        hashing to the id, so what the desk keeps is the picture the message names.

        A malformed id is refused before any request. The download is streamed and abandoned past the cap
        (at once when Content-Length announces more), so a hostile gateway cannot fill the desk's memory.
        Raises GatewayProtocolError for a bad id or bad bytes, GatewayRejected (status 404) for an image the
        gateway does not have, GatewayAuthError and GatewayUnavailable as every call does.
        """
        if not domain.is_image_id(image_id):
            raise GatewayProtocolError(f"{image_id[:70]!r} is not an image id (64 lower-case hex digits)")
        self._check_address()
        cap = domain.MAX_IMAGE_BYTES if max_bytes is None else max_bytes
        subject = f"image {image_id}"
        deadline = self.limits.response_deadline_s
        try:
            with self._http.stream("GET", f"/v1/images/{image_id}", headers=self._headers(),
                                   follow_redirects=False) as response:
                if 300 <= response.status_code < 400:
                    raise redirect_refusal(response, self.base_url)
                if response.status_code >= 400:
                    body = read_body(response, self.limits.max_response_bytes, deadline,
                                     f"the gateway's error answer for {subject}")
                    raise _error_for(response.status_code, _json_of(response.status_code, body), subject)
                data = read_body(response, cap, deadline, f"the gateway's {subject}")
        except httpx.TransportError as exc:
            raise GatewayUnavailable(f"cannot download {subject} from {self.base_url}: {exc}") from exc
        except httpx.HTTPError as exc:
            raise GatewayProtocolError(f"the gateway's {subject} could not be read: {exc}") from exc
        actual = hashlib.sha256(data).hexdigest()
        if actual != image_id:
            raise GatewayProtocolError(f"the gateway's {subject} is not the picture with that id: "
                                       f"its {len(data)} bytes hash to {actual}")
        if not domain.image_type(data):
            raise GatewayProtocolError(f"the gateway's {subject} is not a PNG, JPEG, GIF or WebP picture")
        return data

    def orders(self, buyer_id: str) -> list[domain.Order]:
        body = self._call("GET", "/v1/orders", params={"buyer": buyer_id})
        return _parse_list(body, "orders", domain.Order.from_json)

    def parcel(self, tracking_no: str) -> domain.Parcel:
        """The courier's record of a parcel: events, weights at the origin and the last station, packing slip."""
        body = self._call("GET", f"/v1/parcels/{_seg(tracking_no)}")
        return _parse(domain.Parcel.from_json, body)

    def problem_orders(self, since: datetime | None = None) -> list[domain.ProblemOrder]:
        """The shop back-end's problem-order list (问题订单), optionally only what was reported since a time."""
        params = {"since": domain.utc_iso(since)} if since is not None else None
        body = self._call("GET", "/v1/problem-orders", params=params)
        return _parse_list(body, "problem_orders", domain.ProblemOrder.from_json)

    def close(self, conversation_id: str) -> domain.Conversation:
        """Close a chat; the buyer writing again opens it again."""
        body = self._call("POST", f"/v1/conversations/{_seg(conversation_id)}/close", json_body={})
        if not isinstance(body, dict):
            raise GatewayProtocolError("expected a JSON object with 'conversation'")
        return _parse(domain.Conversation.from_json, body.get("conversation"))

    def agents(self) -> list[domain.Colleague]:
        """The shop's agents and supervisors with their status, the desk's own agent included."""
        body = self._call("GET", "/v1/agents")
        return _parse_list(body, "agents", domain.Colleague.from_json)

    def transfer(self, conversation_id: str, to: str, note: str) -> domain.Conversation:
        """Hand a chat to a colleague (by agent id) with a note they will see; the chat leaves this desk."""
        body = self._call("POST", f"/v1/conversations/{_seg(conversation_id)}/transfer",
                          json_body={"to": to, "note": note[:domain.MAX_NOTE_CHARS]})
        if not isinstance(body, dict):
            raise GatewayProtocolError("expected a JSON object with 'conversation'")
        return _parse(domain.Conversation.from_json, body.get("conversation"))

    def set_status(self, status: str) -> None:
        if status not in domain.AGENT_STATUSES:
            raise ValueError(f"unknown agent status {status!r}")
        self._call("PUT", "/v1/agents/me/status", json_body={"status": status})

    def events(self, last_event_id: str | None, *,
               on_open: Callable[[httpx.Response], None] | None = None) -> Iterator[domain.Event | GatewayProtocolError]:
        """Open the event stream and yield its events until it ends (the server closed it).

        A malformed, unknown or oversized event is yielded as a GatewayProtocolError for the caller to log and
        skip: one bad event must not end the stream. Connection faults raise GatewayUnavailable, and so does a
        stream that ends no block (event, ping or comment) for limits.stream_idle_s — silent, or trickling
        bytes that never make an event — so the caller reconnects instead of waiting forever.
        """
        self._check_address()
        headers = self._headers() | {"Accept": "text/event-stream"}
        if last_event_id:
            headers["Last-Event-ID"] = last_event_id
        idle = self.limits.stream_idle_s
        configured = self._http.timeout
        timeout = httpx.Timeout(connect=configured.connect, read=idle, write=configured.write, pool=configured.pool)
        try:
            with self._http.stream("GET", "/v1/events", headers=headers, follow_redirects=False,
                                   timeout=timeout) as response:
                if 300 <= response.status_code < 400:
                    raise redirect_refusal(response, self.base_url)
                if response.status_code >= 400:
                    body = read_body(response, self.limits.max_response_bytes, self.limits.response_deadline_s,
                                     "the gateway's refusal of the event stream")
                    raise _error_for(response.status_code, _json_of(response.status_code, body))
                refuse_encoded(response)
                if on_open is not None:
                    on_open(response)
                reader = SSEReader(self.limits.max_event_bytes)
                stalled_at = time.monotonic() + idle
                for chunk in response.iter_bytes():
                    blocks = reader.blocks
                    items = reader.feed(chunk)
                    if reader.blocks != blocks:
                        stalled_at = time.monotonic() + idle
                    elif time.monotonic() > stalled_at:
                        raise GatewayUnavailable(f"the event stream from {self.base_url} completed nothing for "
                                                 f"{idle:g} s (bytes kept trickling in); reconnecting")
                    for item in items:
                        yield _event_of(item)
        except httpx.ReadTimeout as exc:
            raise GatewayUnavailable(f"the event stream from {self.base_url} sent nothing for {idle:g} s, not even "
                                     "a ping; reconnecting") from exc
        except httpx.TransportError as exc:
            raise GatewayUnavailable(f"the event stream from {self.base_url} broke: {exc}") from exc
        except httpx.HTTPError as exc:
            raise GatewayProtocolError(f"the event stream from {self.base_url} could not be read: {exc}") from exc


def _event_of(item: RawEvent | OversizeEvent) -> domain.Event | GatewayProtocolError:
    """One event of the stream, or the error that says why it is skipped."""
    if isinstance(item, OversizeEvent):
        return GatewayProtocolError(f"skipped an event longer than {item.limit} bytes")
    try:
        data = json.loads(item.data) if item.data else {}
        return domain.Event.from_sse(item.id or "", item.type, data)
    except (ValueError, RecursionError) as exc:  # ProtocolError is a ValueError; deep nesting is RecursionError
        kind, number = _printable(item.type, 60), _printable(item.id or "", 60)
        return GatewayProtocolError(f"skipped a bad event {kind!r} #{number}: {_reason(exc)}")


def _seg(value: str) -> str:
    """Quote an id for use as one path segment, so an id can never change which endpoint is called."""
    return quote(value, safe="")


def _json_of(status: int, content: bytes) -> Any:
    if not content:
        return None
    try:
        return json.loads(content)
    except (ValueError, RecursionError) as exc:  # RecursionError: arrays nested thousands deep
        if status >= 500:
            raise GatewayUnavailable(f"the shop gateway failed ({status})") from exc
        raise GatewayProtocolError(f"the gateway answered {status} with something that is not JSON "
                                   f"({_reason(exc)})") from exc


def _reason(exc: BaseException) -> str:
    return "nested too deeply" if isinstance(exc, RecursionError) else _printable(str(exc), 300)


def _printable(text: str, limit: int) -> str:
    """The gateway's words as one line of visible text: control and format characters (newlines, bidi
    overrides, zero-width) are dropped, so a hostile message cannot fake lines or reorder the sentence."""
    return "".join(ch for ch in text[: limit * 2] if unicodedata.category(ch) not in ("Cc", "Cf", "Cs"))[:limit]


def _error_for(status: int, body: Any, subject: str = "") -> GatewayError:
    """The error for a status and the protocol's error body; subject (what was asked for) leads a refusal's
    message, so "404" says which image or parcel."""
    code, message = "error", ""
    if isinstance(body, dict) and isinstance(body.get("error"), dict):
        code = _printable(str(body["error"].get("code", code)), 60)
        message = _printable(str(body["error"].get("message", "")), 300)
    if status == 401:
        return GatewayAuthError(f"the shop gateway did not accept the login: {message or code}")
    if status >= 500 or status == 429:
        return GatewayUnavailable(f"the shop gateway is unavailable ({status} {code}) {message}".rstrip())
    return GatewayRejected(status, code, f"{subject}: {message}" if subject else message)


def _parse(parser: Any, data: Any) -> Any:
    try:
        return parser(data)
    except domain.ProtocolError as exc:
        raise GatewayProtocolError(str(exc)) from exc


def _parse_list(body: Any, key: str, parser: Any) -> list[Any]:
    if not isinstance(body, dict) or not isinstance(body.get(key), list):
        raise GatewayProtocolError(f"expected a JSON object with a list '{key}'")
    return [_parse(lambda d, i=i: parser(d, f"{key}[{i}]"), item) for i, item in enumerate(body[key])]
