"""The Shop Gateway client: one method per endpoint of docs/gateway-protocol.md, typed results, clear errors."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from datetime import datetime
from typing import Any
from urllib.parse import quote

import httpx

from app.gateway import schema
from app.gateway.errors import (
    GatewayAuthError,
    GatewayError,
    GatewayProtocolError,
    GatewayRejected,
    GatewayUnavailable,
)
from app.gateway.sse import parse_sse

MAX_RESPONSE_BYTES = 8 * 1024 * 1024  # a shop answer bigger than this is a broken or hostile server


class GatewayClient:
    """Talks to one shop gateway. The httpx.Client comes from the caller (its base_url is the gateway's URL).

    Thread-safe as httpx.Client is; the event stream should get its own client so a long-lived stream
    never holds a connection the requests need.
    """

    def __init__(self, http: httpx.Client, token: str = "") -> None:
        self._http = http
        self.token = token

    @property
    def base_url(self) -> str:
        return str(self._http.base_url).rstrip("/")

    def _headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"} if self.token else {}

    def _request(self, method: str, path: str, *, json_body: Any = None, params: dict[str, Any] | None = None,
                 content: bytes | None = None, content_type: str = "") -> tuple[int, Any]:
        headers = self._headers() | ({"Content-Type": content_type} if content_type else {})
        try:
            response = self._http.request(method, path, json=json_body, params=params, content=content,
                                          headers=headers)
        except httpx.TransportError as exc:
            raise GatewayUnavailable(f"cannot reach the shop gateway at {self.base_url}: {exc}") from exc
        return response.status_code, _decode(response)

    def _call(self, method: str, path: str, *, json_body: Any = None, params: dict[str, Any] | None = None,
              content: bytes | None = None, content_type: str = "") -> Any:
        status, body = self._request(method, path, json_body=json_body, params=params, content=content,
                                     content_type=content_type)
        if status >= 400:
            raise _error_for(status, body)
        return body

    # --- endpoints -------------------------------------------------------------------------------

    def login(self, shop: str, agent: str, password: str) -> schema.Session:
        body = self._call("POST", "/v1/sessions", json_body={"shop": shop, "agent": agent, "password": password})
        session = _parse(schema.Session.from_json, body)
        self.token = session.token
        return session

    def conversations(self) -> list[schema.Conversation]:
        body = self._call("GET", "/v1/conversations")
        return _parse_list(body, "conversations", schema.Conversation.from_json)

    def messages(self, conversation_id: str, *, before: str | None = None, limit: int = 50) -> list[schema.Message]:
        params: dict[str, Any] = {"limit": limit}
        if before:
            params["before"] = before
        body = self._call("GET", f"/v1/conversations/{_seg(conversation_id)}/messages", params=params)
        return _parse_list(body, "messages", schema.Message.from_json)

    def send_message(self, conversation_id: str, text: str, client_id: str, image: str = "", *,
                     robot: bool = False) -> schema.Message:
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
        return _parse(schema.Message.from_json, body.get("message"))

    def put_image(self, data: bytes) -> str:
        """Upload an image (idempotent: its id is the SHA-256 of its bytes); returns the id."""
        media_type = schema.image_type(data)
        if not media_type:
            raise ValueError("not a PNG, JPEG, GIF or WebP image")
        image_id = hashlib.sha256(data).hexdigest()
        self._call("PUT", f"/v1/images/{image_id}", content=data, content_type=media_type)
        return image_id

    def image(self, image_id: str, *, max_bytes: int | None = None) -> bytes:
        """The bytes of a picture by its id (a buyer's photo, from Message.image), checked before they are
        returned: at most max_bytes (schema.MAX_IMAGE_BYTES unless given), a PNG, JPEG, GIF or WebP, and
        hashing to the id, so what the desk keeps is the picture the message names.

        A malformed id is refused before any request. The download is streamed and abandoned past the cap
        (at once when Content-Length announces more), so a hostile gateway cannot fill the desk's memory.
        Raises GatewayProtocolError for a bad id or bad bytes, GatewayRejected (status 404) for an image the
        gateway does not have, GatewayAuthError and GatewayUnavailable as every call does.
        """
        if not schema.is_image_id(image_id):
            raise GatewayProtocolError(f"{image_id[:70]!r} is not an image id (64 lower-case hex digits)")
        cap = schema.MAX_IMAGE_BYTES if max_bytes is None else max_bytes
        subject = f"image {image_id}"
        try:
            with self._http.stream("GET", f"/v1/images/{image_id}", headers=self._headers()) as response:
                if response.status_code >= 400:
                    body = _read_capped(response, MAX_RESPONSE_BYTES, f"the gateway's error answer for {subject}")
                    raise _error_for(response.status_code, _json_of(response.status_code, body), subject)
                data = _read_capped(response, cap, f"the gateway's {subject}")
        except httpx.TransportError as exc:
            raise GatewayUnavailable(f"cannot download {subject} from {self.base_url}: {exc}") from exc
        actual = hashlib.sha256(data).hexdigest()
        if actual != image_id:
            raise GatewayProtocolError(f"the gateway's {subject} is not the picture with that id: "
                                       f"its {len(data)} bytes hash to {actual}")
        if not schema.image_type(data):
            raise GatewayProtocolError(f"the gateway's {subject} is not a PNG, JPEG, GIF or WebP picture")
        return data

    def orders(self, buyer_id: str) -> list[schema.Order]:
        body = self._call("GET", "/v1/orders", params={"buyer": buyer_id})
        return _parse_list(body, "orders", schema.Order.from_json)

    def parcel(self, tracking_no: str) -> schema.Parcel:
        """The courier's record of a parcel: events, weights at the origin and the last station, packing slip."""
        body = self._call("GET", f"/v1/parcels/{_seg(tracking_no)}")
        return _parse(schema.Parcel.from_json, body)

    def problem_orders(self, since: datetime | None = None) -> list[schema.ProblemOrder]:
        """The shop back-end's problem-order list (问题订单), optionally only what was reported since a time."""
        params = {"since": schema.utc_iso(since)} if since is not None else None
        body = self._call("GET", "/v1/problem-orders", params=params)
        return _parse_list(body, "problem_orders", schema.ProblemOrder.from_json)

    def close(self, conversation_id: str) -> schema.Conversation:
        """Close a chat; the buyer writing again opens it again."""
        body = self._call("POST", f"/v1/conversations/{_seg(conversation_id)}/close", json_body={})
        if not isinstance(body, dict):
            raise GatewayProtocolError("expected a JSON object with 'conversation'")
        return _parse(schema.Conversation.from_json, body.get("conversation"))

    def agents(self) -> list[schema.Colleague]:
        """The shop's agents and supervisors with their status, the desk's own agent included."""
        body = self._call("GET", "/v1/agents")
        return _parse_list(body, "agents", schema.Colleague.from_json)

    def transfer(self, conversation_id: str, to: str, note: str) -> schema.Conversation:
        """Hand a chat to a colleague (by agent id) with a note they will see; the chat leaves this desk."""
        body = self._call("POST", f"/v1/conversations/{_seg(conversation_id)}/transfer",
                          json_body={"to": to, "note": note[:schema.MAX_NOTE_CHARS]})
        if not isinstance(body, dict):
            raise GatewayProtocolError("expected a JSON object with 'conversation'")
        return _parse(schema.Conversation.from_json, body.get("conversation"))

    def set_status(self, status: str) -> None:
        if status not in schema.AGENT_STATUSES:
            raise ValueError(f"unknown agent status {status!r}")
        self._call("PUT", "/v1/agents/me/status", json_body={"status": status})

    def events(self, last_event_id: str | None, *, on_open: Any = None) -> Iterator[schema.Event | GatewayProtocolError]:
        """Open the event stream and yield its events until it ends (the server closed it).

        A malformed or unknown event is yielded as a GatewayProtocolError for the caller to log and skip:
        one bad event must not end the stream. Connection faults raise GatewayUnavailable.
        """
        headers = self._headers() | {"Accept": "text/event-stream"}
        if last_event_id:
            headers["Last-Event-ID"] = last_event_id
        try:
            with self._http.stream("GET", "/v1/events", headers=headers) as response:
                if response.status_code >= 400:
                    response.read()
                    raise _error_for(response.status_code, _decode(response))
                if on_open is not None:
                    on_open(response)
                for raw in parse_sse(response.iter_lines()):
                    try:
                        data = json.loads(raw.data) if raw.data else {}
                        yield schema.Event.from_sse(raw.id or "", raw.type, data)
                    except (ValueError, KeyError) as exc:
                        yield GatewayProtocolError(f"skipped a bad event {raw.type!r} #{raw.id}: {exc}")
        except httpx.TransportError as exc:
            raise GatewayUnavailable(f"the event stream from {self.base_url} broke: {exc}") from exc


def _seg(value: str) -> str:
    """Quote an id for use as one path segment, so an id can never change which endpoint is called."""
    return quote(value, safe="")


def _decode(response: httpx.Response) -> Any:
    if len(response.content) > MAX_RESPONSE_BYTES:
        raise GatewayProtocolError(f"the gateway's answer is larger than {MAX_RESPONSE_BYTES} bytes")
    return _json_of(response.status_code, response.content)


def _json_of(status: int, content: bytes) -> Any:
    if not content:
        return None
    try:
        return json.loads(content)
    except ValueError as exc:
        if status >= 500:
            raise GatewayUnavailable(f"the shop gateway failed ({status})") from exc
        raise GatewayProtocolError(f"the gateway answered {status} with something that is not JSON") from exc


def _read_capped(response: httpx.Response, limit: int, what: str) -> bytes:
    """A streamed body, refused once it passes limit bytes: the rest is never read into memory."""
    announced = response.headers.get("content-length", "")
    if announced.isdigit() and int(announced) > limit:
        raise GatewayProtocolError(f"{what} is larger than {limit} bytes ({announced} announced); not downloaded")
    chunks, size = [], 0
    for chunk in response.iter_bytes():
        size += len(chunk)
        if size > limit:
            raise GatewayProtocolError(f"{what} is larger than {limit} bytes; stopped reading")
        chunks.append(chunk)
    return b"".join(chunks)


def _error_for(status: int, body: Any, subject: str = "") -> GatewayError:
    """The error for a status and the protocol's error body; subject (what was asked for) leads a refusal's
    message, so "404" says which image or parcel."""
    code, message = "error", ""
    if isinstance(body, dict) and isinstance(body.get("error"), dict):
        code = str(body["error"].get("code", code))[:60]
        message = str(body["error"].get("message", ""))[:300]
    if status == 401:
        return GatewayAuthError(f"the shop gateway did not accept the login: {message or code}")
    if status >= 500 or status == 429:
        return GatewayUnavailable(f"the shop gateway is unavailable ({status} {code}) {message}".rstrip())
    return GatewayRejected(status, code, f"{subject}: {message}" if subject else message)


def _parse(parser: Any, data: Any) -> Any:
    try:
        return parser(data)
    except schema.ProtocolError as exc:
        raise GatewayProtocolError(str(exc)) from exc


def _parse_list(body: Any, key: str, parser: Any) -> list[Any]:
    if not isinstance(body, dict) or not isinstance(body.get(key), list):
        raise GatewayProtocolError(f"expected a JSON object with a list '{key}'")
    return [_parse(lambda d, i=i: parser(d, f"{key}[{i}]"), item) for i, item in enumerate(body[key])]
