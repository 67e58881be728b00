"""Server-Sent Events framing (the WHATWG event-stream format): a line parser, and a bounded reader that turns
the stream's bytes into events without ever holding more than one event's worth of them."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

_EOL = re.compile(rb"\r\n|\r|\n")  # the format allows all three line ends


@dataclass(frozen=True)
class RawEvent:
    id: str | None  # None when the event carried no id line: the last id stays as it was
    type: str
    data: str


@dataclass(frozen=True)
class OversizeEvent:
    """An event longer than the reader's limit: its bytes were dropped as they came, only its size is known."""

    limit: int  # the reader's max_event_bytes, which the event passed


class _Fields:
    """One block's fields as its lines arrive; a blank line dispatches it."""

    def __init__(self) -> None:
        self.reset()

    def reset(self) -> None:
        self.event_id: str | None = None
        self.event_type = ""
        self.data: list[str] = []

    def line(self, line: str) -> RawEvent | None:
        if not line:
            event = RawEvent(self.event_id, self.event_type or "message", "\n".join(self.data)) if self.data else None
            self.reset()
            return event
        if line.startswith(":"):
            return None
        name, sep, value = line.partition(":")
        if sep and value.startswith(" "):
            value = value[1:]
        if name == "data":
            self.data.append(value)
        elif name == "event":
            self.event_type = value
        elif name == "id" and "\0" not in value:
            self.event_id = value
        return None


def parse_sse(lines: Iterable[str]) -> Iterator[RawEvent]:
    """Yield one RawEvent per blank-line-terminated block; comments and unknown fields are ignored."""
    fields = _Fields()
    for raw in lines:
        event = fields.line(raw.rstrip("\r\n"))
        if event is not None:
            yield event


class SSEReader:
    """Feeds on the stream's bytes in whatever pieces they arrive and returns the events they complete.

    Memory stays bounded whatever the server sends: an event (all its lines, the one still arriving included)
    longer than max_event_bytes is dropped as its bytes come and reported once as an OversizeEvent when its
    blank line ends it, so one huge event costs neither the memory nor the events after it. A line that never
    ends is therefore never kept either; noticing that nothing complete arrives is the caller's clock's job
    (`blocks` counts the blocks ended so far, comments-only keep-alive blocks included).
    """

    def __init__(self, max_event_bytes: int) -> None:
        self.max_event_bytes = max_event_bytes
        self.blocks = 0
        self._fields = _Fields()
        self._partial = bytearray()  # the line still arriving
        self._event_bytes = 0  # bytes of the current block's finished lines
        self._skipping = False  # the current block passed the limit: drop it up to its blank line
        self._partial_len = 0  # while skipping: the length of the dropped line still arriving
        self._after_cr = False  # the last piece ended in CR: an LF opening the next one belongs to it
        self._first_line = True  # a byte-order mark may open the stream

    def feed(self, chunk: bytes) -> list[RawEvent | OversizeEvent]:
        out: list[RawEvent | OversizeEvent] = []
        if not chunk:
            return out
        if self._after_cr and chunk.startswith(b"\n"):
            chunk = chunk[1:]
        self._after_cr = chunk.endswith(b"\r")
        start = 0
        for end in _EOL.finditer(chunk):
            self._grow(chunk, start, end.start())
            self._end_line(out)
            start = end.end()
        self._grow(chunk, start, len(chunk))
        return out

    def _grow(self, chunk: bytes, start: int, stop: int) -> None:
        if self._skipping:
            self._partial_len += stop - start
            return
        if self._event_bytes + len(self._partial) + (stop - start) > self.max_event_bytes:
            self._skip()
            self._partial_len = stop - start
            return
        self._partial += chunk[start:stop]

    def _skip(self) -> None:
        self._skipping = True
        self._fields.reset()
        self._partial.clear()

    def _end_line(self, out: list[RawEvent | OversizeEvent]) -> None:
        if self._skipping:
            blank = self._partial_len == 0
            self._partial_len = 0
            if blank:
                out.append(OversizeEvent(self.max_event_bytes))
                self._skipping, self._event_bytes = False, 0
                self._fields.reset()
                self.blocks += 1
            return
        line = self._partial.decode("utf-8", errors="replace")
        if self._first_line:
            self._first_line = False
            line = line.removeprefix("\ufeff")
        self._event_bytes += len(self._partial) + 1
        self._partial.clear()
        event = self._fields.line(line)
        if not line:
            self._event_bytes = 0
            self.blocks += 1
        if event is not None:
            out.append(event)
