"""Every parser of what a gateway sends, fed arbitrary and almost-right input: it parses, or it raises the
ProtocolError that names the field (the desk shows that sentence) — never another exception, never a hang.

What parses must also be something the desk can keep: its strings encode as UTF-8 (SQLite refuses lone
surrogates) and its to_json parses back to the same value (the simulator answers with it).
"""

from __future__ import annotations

import json
import re
from typing import Any

from hypothesis import example, given, settings
from hypothesis import strategies as st

from app.gateway.client import _event_of
from app.gateway.errors import GatewayProtocolError
from app.gateway.sse import OversizeEvent, RawEvent, SSEReader, parse_sse

from app import domain

EXAMPLES = settings(max_examples=200, deadline=None)

TIME = "2026-11-24T06:30:01.000000Z"
SHA = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"
CONVERSATION = {"id": "c-88", "buyer": {"id": "b-1024", "nick": "tb_小美妈妈"}, "state": "waiting",
                "created_at": TIME, "agent": None}
MESSAGE = {"id": "m-5012", "conversation_id": "c-88", "direction": "in", "text": "在吗？宝宝脚长14.5cm穿多大码",
           "sent_at": TIME, "client_id": None, "image": SHA, "agent": None}
ORDER = {"no": "3698123456789012345", "buyer_id": "b-1024",
         "items": [{"sku": "XL-RUN-01", "title": "小鹿儿童运动鞋", "qty": 1, "price_fen": 12900, "weight_g": 420}],
         "amount_fen": 12900, "status": "已发货", "created_at": TIME, "courier": "中通快递",
         "tracking_no": "73123456789012", "address": "浙江省杭州市西湖区文三路88号", "ship_by": TIME}
PARCEL = {"tracking_no": "73123456789012", "courier": "中通快递",
          "events": [{"at": TIME, "where": "福建泉州晋江营业部", "what": "已揽收"}],
          "origin_weight_g": 528, "last_weight_g": 523, "last_station": "杭州西湖派送站",
          "packing_slip": [{"title": "小鹿儿童运动鞋", "sku": "XL-RUN-01", "qty": 1, "ticked": True}]}
PROBLEM = {"order_no": "3698123456789012345", "category": "unclear_address", "buyer_nick": "tb_小美妈妈",
           "detail": "收货地址只写到小区", "reported_at": TIME, "phone": "13800138001"}
SESSION = {"token": "sim-3f9c", "agent": {"id": "agent-xiaoli", "name": "小李"}, "shop": {"id": "demo", "name": "小鹿"}}
COLLEAGUE = {"id": "agent-xiaowang", "name": "小王", "role": "agent", "status": "online"}

PARSERS: dict[str, tuple[Any, dict[str, Any]]] = {
    "buyer": (domain.Buyer.from_json, CONVERSATION["buyer"]),
    "conversation": (domain.Conversation.from_json, CONVERSATION),
    "colleague": (domain.Colleague.from_json, COLLEAGUE),
    "message": (domain.Message.from_json, MESSAGE),
    "item": (domain.OrderItem.from_json, ORDER["items"][0]),
    "order": (domain.Order.from_json, ORDER),
    "parcel event": (domain.ParcelEvent.from_json, PARCEL["events"][0]),
    "packed line": (domain.PackedLine.from_json, PARCEL["packing_slip"][0]),
    "parcel": (domain.Parcel.from_json, PARCEL),
    "problem": (domain.ProblemOrder.from_json, PROBLEM),
    "session": (domain.Session.from_json, SESSION),
}
EVENTS: dict[str, dict[str, Any]] = {
    "message.created": {"message": MESSAGE, "conversation": CONVERSATION},
    "conversation.assigned": {"conversation": CONVERSATION},
    "conversation.transferred": {"conversation": CONVERSATION, "from": "agent-a", "to": "agent-b", "note": "退款"},
    "conversation.closed": {"conversation_id": "c-88"},
    "order.updated": {"order": ORDER},
    "agent.status": {"status": "suspended"},
    "ping": {},
}

# strings a gateway might get wrong: times at the calendar's edges, zones missing, lone surrogates (valid JSON
# escapes, invalid Unicode), controls, ids that look like paths, and the right words in the wrong place
TRICKY = st.sampled_from([
    TIME, "2026-11-24T06:30:01Z", "2026-11-24T06:30:01", "2026-11-24", "0001-01-01T00:00:00+01:00",
    "9999-12-31T23:59:59-01:00", "9999-12-31T23:59:59.999999Z", "0001-01-01T00:00:00Z", "2026-02-30T00:00:00Z",
    "Z", "", " ", "\ud800", "a\udfffb", "\x00", "\u202e", "../../etc/passwd", SHA, SHA.upper(), SHA + "\n",
    "in", "out", "closed", "online", "supervisor", "unclear_address", "message.created", "x" * 5001,
])
TEXT = st.text(st.characters(codec=None, exclude_categories=()), max_size=30)  # surrogates included
LEAVES = (st.none() | st.booleans() | st.integers() | st.integers(-2**70, 2**70) | st.floats(allow_nan=True)
          | TEXT | TRICKY)
JSONISH = st.recursive(LEAVES, lambda inner: st.lists(inner, max_size=4)
                       | st.dictionaries(TEXT | TRICKY, inner, max_size=4), max_leaves=12)


def paths(doc: Any, prefix: tuple = ()) -> list[tuple]:
    """Every place in a document that a mutation can hit."""
    found = [prefix]
    if isinstance(doc, dict):
        for key, value in doc.items():
            found += paths(value, (*prefix, key))
    elif isinstance(doc, list):
        for i, value in enumerate(doc):
            found += paths(value, (*prefix, i))
    return found


def mutated(doc: Any, path: tuple, value: Any, delete: bool) -> Any:
    if not path:
        return value
    copy = dict(doc) if isinstance(doc, dict) else list(doc)
    head, rest = path[0], path[1:]
    if delete and not rest and isinstance(copy, dict):
        del copy[head]
    else:
        copy[head] = mutated(copy[head], rest, value, delete)
    return copy


@st.composite
def near(draw: st.DrawFn, doc: Any) -> Any:
    """A valid document with up to three places replaced by arbitrary values or removed."""
    for _ in range(draw(st.integers(1, 3))):
        where = draw(st.sampled_from(paths(doc)))
        doc = mutated(doc, where, draw(JSONISH), delete=bool(where) and draw(st.booleans()))
    return doc


def strings_in(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if hasattr(value, "__dataclass_fields__"):
        return [s for name in value.__dataclass_fields__ if name != "raw" for s in strings_in(getattr(value, name))]
    if isinstance(value, (tuple, list)):
        return [s for item in value for s in strings_in(item)]
    return []


def parses_or_names_the_field(parser: Any, data: Any) -> Any:
    try:
        parsed = parser(data)
    except domain.ProtocolError as exc:
        assert str(exc) and ":" in str(exc), "the message names where the gateway went wrong"
        return None
    for text in strings_in(parsed):
        text.encode("utf-8")  # what the store will do with it
    if hasattr(parsed, "to_json"):
        assert type(parsed).from_json(parsed.to_json()) == parsed
    return parsed


@EXAMPLES
@given(name=st.sampled_from(sorted(PARSERS)), data=st.data())
def test_every_shape_parses_almost_right_documents_or_names_the_field(name, data):
    parser, valid = PARSERS[name]
    parses_or_names_the_field(parser, data.draw(near(valid), label=name))


@EXAMPLES
@given(name=st.sampled_from(sorted(PARSERS)), value=JSONISH)
def test_every_shape_survives_any_json_value(name, value):
    parses_or_names_the_field(PARSERS[name][0], value)


@EXAMPLES
@given(event_type=st.sampled_from(sorted(EVENTS)) | TEXT, event_id=TEXT | TRICKY, data=st.data())
def test_events_of_every_type_parse_or_name_the_field(event_type, event_id, data):
    payload = data.draw(near(EVENTS[event_type]) if event_type in EVENTS else JSONISH)
    parses_or_names_the_field(lambda d: domain.Event.from_sse(event_id, event_type, d), payload)


@EXAMPLES
@given(moment=TRICKY | TEXT | st.datetimes(timezones=st.timezones()).map(lambda d: d.isoformat()))
def test_a_time_parses_to_utc_or_names_the_field(moment):
    try:
        parsed = domain.parse_time(moment, "m.sent_at")
    except domain.ProtocolError as exc:
        assert str(exc).startswith("m.sent_at: ")
        return
    assert parsed.utcoffset().total_seconds() == 0
    assert domain.parse_time(domain.utc_iso(parsed), "again") == parsed


JSON_TEXT = (JSONISH.map(json.dumps) | st.builds(lambda d, n: "[" * n + "]" * d, st.integers(0, 5), st.integers(0, 50_000))
             | st.builds(lambda e, d: json.dumps(d[e]), st.sampled_from(sorted(EVENTS)), st.just(EVENTS))
             | st.text(max_size=60) | st.sampled_from(["", "{", "1" * 5000, "NaN", '{"status": "online"}']))


@EXAMPLES
@given(event_type=st.sampled_from(sorted(EVENTS)) | TEXT, data=JSON_TEXT, event_id=st.none() | TEXT)
def test_the_event_stream_turns_any_data_line_into_an_event_or_a_reason_to_skip_it(event_type, data, event_id):
    item = _event_of(RawEvent(event_id, event_type, data))
    assert isinstance(item, domain.Event | GatewayProtocolError)
    if isinstance(item, GatewayProtocolError):
        assert str(item).startswith("skipped ") and "\n" not in str(item)


# --- Server-Sent Events framing -----------------------------------------------------------------------------

SSE_PIECES = st.sampled_from([b"data: ", b"data:", b"event: ", b"id: ", b"id: 7", b": comment", b"retry: 9",
                              b"\n", b"\r\n", b"\r", b"\n\n", b"{}", b'{"status": "online"}', b"\xef\xbb\xbf",
                              b"\xe4\xbd\xa0", b"\xff\xfe", b"\x00", "在吗".encode(), b"ping", b"x" * 40])
SSE_BYTES = st.lists(SSE_PIECES | st.binary(max_size=12), max_size=40).map(b"".join)


def reference(stream: bytes) -> list[RawEvent]:
    """The events the WHATWG rules give for a whole stream, through the plain line parser."""
    text = stream.decode("utf-8", errors="replace").removeprefix("\ufeff")
    return list(parse_sse(re.split(r"\r\n|\r|\n", text)[:-1]))  # the last piece is a line still arriving


def fed(stream: bytes, cuts: list[int], limit: int) -> list[RawEvent | OversizeEvent]:
    reader, out, start = SSEReader(limit), [], 0
    for cut in sorted({c % (len(stream) + 1) for c in cuts}) + [len(stream)]:
        out += reader.feed(stream[start:cut])
        start = cut
        assert len(reader._partial) <= limit, "the reader never holds more than one event's worth"
    return out


@EXAMPLES
@given(stream=SSE_BYTES, cuts=st.lists(st.integers(0, 10_000), max_size=8))
def test_sse_bytes_in_any_pieces_give_the_events_the_format_defines(stream, cuts):
    assert fed(stream, cuts, 1 << 20) == reference(stream)


@EXAMPLES
@given(stream=SSE_BYTES, cuts=st.lists(st.integers(0, 10_000), max_size=8), limit=st.integers(1, 64))
@example(stream=b'data: data: data: {"status": "online"}\x00\x80\x00\x00\x80\x80\x80\n\n', cuts=[], limit=46)
def test_an_event_past_the_limit_is_reported_once_and_the_others_come_through(stream, cuts, limit):
    got = fed(stream, cuts, limit)
    whole = [e for e in reference(stream)]
    kept = [e for e in got if isinstance(e, RawEvent)]
    # the limit is on the bytes read: a byte that is not UTF-8 reads as U+FFFD, 3 bytes once encoded again
    assert all(len(e.data.encode()) - 2 * e.data.count("\ufffd") <= limit for e in kept)
    assert all(e in whole for e in kept)  # nothing invented, nothing merged
    assert len(got) <= stream.count(b"\n") + stream.count(b"\r")  # at most one item per block end


@EXAMPLES
@given(lines=st.lists(TEXT | st.sampled_from(["", "data: x", "id: 1", "event: ping", ":", "\r"]), max_size=30))
def test_the_line_parser_takes_any_lines(lines):
    for event in parse_sse(lines):
        assert isinstance(event, RawEvent) and event.type
