"""How the desk's HTTP stays safe whatever a shop gateway does: the httpx client it uses (TLS verified, redirects
never followed, answers not compressed), the bounds on answers and on the event stream, and the refusal to send a
password or token in clear text to another machine."""

from __future__ import annotations

import ipaddress
import time
from dataclasses import dataclass

import httpx

from app.gateway.errors import GatewayProtocolError, GatewayUnavailable


@dataclass(frozen=True)
class Limits:
    """What the desk accepts from a gateway before calling it broken. Generous for a real shop, small enough that
    a hostile or broken one costs a bounded amount of memory and time."""

    max_response_bytes: int = 8 * 1024 * 1024  # a JSON answer; pictures have their own cap (MAX_IMAGE_BYTES)
    response_deadline_s: float = 120.0  # reading one answer's body, however it trickles (5 MB at 1 Mbit/s: 42 s)
    max_event_bytes: int = 1024 * 1024  # one event of the stream, all its lines
    stream_idle_s: float = 60.0  # no block ended (event, ping or comment) for this long: the stream is stalled


DEFAULT_LIMITS = Limits()


def gateway_http(base_url: str, *, timeout: float = 10.0) -> httpx.Client:
    """The httpx client for a gateway: certificates verified (httpx's default, never turned off here), redirects
    not followed, no compressed answers asked for. timeout bounds connecting and each wait for the next bytes;
    GatewayClient bounds the rest (see Limits)."""
    return httpx.Client(base_url=base_url, timeout=timeout, follow_redirects=False,
                        headers={"Accept-Encoding": "identity"})


def is_loopback(host: str) -> bool:
    """This machine: localhost or a loopback address, where clear text never crosses a network."""
    name = host.strip("[]").lower().rstrip(".")
    if name == "localhost" or name.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def plain_http_refusal(url: httpx.URL | str) -> str:
    """Why the desk will not talk to this address ("" when it will): http:// to another machine would carry the
    password and the token in clear text, readable and replayable by anyone on the way."""
    url = httpx.URL(url)
    if url.scheme == "https" or (url.scheme == "http" and is_loopback(url.host)):
        return ""
    if url.scheme == "http":
        return (f"the shop gateway's address {url.scheme}://{url.host} is plain http to another machine, which "
                "would send the password and the token unencrypted: use its https:// address (in a test lab, "
                "the setting gateway.allow_plain_http allows it)")
    return f"the shop gateway's address must start with https:// (not {url.scheme or 'nothing'}://)"


def redirect_refusal(response: httpx.Response, base_url: str) -> GatewayProtocolError:
    """A 3xx answer is not followed: the request would carry the token (or the password) to wherever the
    gateway points, which may be another host."""
    target = response.headers.get("location", "")[:200] or "nowhere"
    return GatewayProtocolError(
        f"the shop gateway at {base_url} sent the request on to {target} ({response.status_code}); the desk does "
        "not follow redirects, so the login stays where it was given: set the gateway's final address instead")


def refuse_encoded(response: httpx.Response) -> None:
    """The desk asks for answers as they are (Accept-Encoding: identity); a compressed one could expand to
    hundreds of times the size it was read at, so it is refused rather than decompressed."""
    encoding = response.headers.get("content-encoding", "identity").strip().lower()
    if encoding not in ("", "identity"):
        raise GatewayProtocolError(f"the gateway compressed its answer ({encoding[:40]}) though the desk asked for "
                                   "none; it is not read")


def read_body(response: httpx.Response, limit: int, deadline_s: float, what: str) -> bytes:
    """A streamed body, refused once it passes limit bytes (at once when Content-Length announces more) or when
    it has not finished deadline_s after it started: the rest is never read."""
    refuse_encoded(response)
    announced = response.headers.get("content-length", "")
    if announced.isdigit() and int(announced) > limit:
        raise GatewayProtocolError(f"{what} is larger than {limit} bytes ({announced} announced); not downloaded")
    deadline = time.monotonic() + deadline_s
    chunks, size = [], 0
    for chunk in response.iter_bytes():  # decodes nothing: only identity answers got past refuse_encoded
        size += len(chunk)
        if size > limit:
            raise GatewayProtocolError(f"{what} is larger than {limit} bytes; stopped reading")
        if time.monotonic() > deadline:
            raise GatewayUnavailable(f"{what} did not arrive within {deadline_s:g} s ({size} bytes came); "
                                     "stopped reading")
        chunks.append(chunk)
    return b"".join(chunks)
