"""Server-Sent Events framing (the WHATWG event-stream format), as a pure line parser."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass


@dataclass(frozen=True)
class RawEvent:
    id: str | None  # None when the event carried no id line: the last id stays as it was
    type: str
    data: str


def parse_sse(lines: Iterable[str]) -> Iterator[RawEvent]:
    """Yield one RawEvent per blank-line-terminated block; comments and unknown fields are ignored."""
    event_id: str | None = None
    event_type = ""
    data: list[str] = []
    seen_field = False
    for raw in lines:
        line = raw.rstrip("\r\n")
        if not line:
            if data or seen_field:
                if data:
                    yield RawEvent(event_id, event_type or "message", "\n".join(data))
            event_id, event_type, data, seen_field = None, "", [], False
            continue
        if line.startswith(":"):
            continue
        name, sep, value = line.partition(":")
        if sep and value.startswith(" "):
            value = value[1:]
        seen_field = True
        if name == "data":
            data.append(value)
        elif name == "event":
            event_type = value
        elif name == "id" and "\0" not in value:
            event_id = value
