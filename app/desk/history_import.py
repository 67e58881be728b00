"""A shop's past chats from a file (`kefudesk history import`, `kefudesk phrases evaluate`): one message a line,
JSON Lines or a CSV/XLSX sheet with the columns conversation, from (buyer/agent, also 买家/客服), text, and
optionally time (ISO 8601), buyer, agent — or their Chinese headers (会话, 发送方/角色, 内容, 时间, 买家, 客服).

Every line that cannot be taken is reported with its number and why; the store's part (app/store/history.py)
writes all of a file or nothing, and the same file again adds nothing. Once written, a running desk's suggestions
learn the file's chats at once (learn_imported); a desk started later reads them from the store.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from app.files.limits import ENTRIES
from app.files.refusals import Rejected, UnreadableFile
from app.files.sheets import csv_rows, sheet_values
from app.files.text import decode_text

from app.quickreplies.learn import AGENT_NAMES, BUYER_NAMES, turns
from app.store.history import HistoryMessage

if TYPE_CHECKING:  # `kefudesk history import` needs no phrase book: not loaded for it
    from app.desk.phrases import PhraseBook

FORMATS = ("jsonl", "csv", "xlsx")
HEADERS: dict[str, tuple[str, ...]] = {
    "conversation": ("conversation", "会话", "会话id", "会话编号"),
    "from": ("from", "发送方", "角色", "发送者"),
    "text": ("text", "内容", "消息", "消息内容"),
    "time": ("time", "时间", "发送时间"),
    "buyer": ("buyer", "买家", "买家昵称"),
    "agent": ("agent", "客服", "客服昵称"),
}
REQUIRED = ("conversation", "from", "text")
SENDER = {**{name: "buyer" for name in BUYER_NAMES}, **{name: "agent" for name in AGENT_NAMES}}


class HistoryFileError(UnreadableFile):
    """A history file that cannot be read at all."""


@dataclass(frozen=True)
class ParsedHistory:
    format: str
    encoding: str | None
    messages: list[HistoryMessage]
    rejected: list[Rejected]

    def conversations(self) -> dict[str, list[tuple[str, str]]]:
        """conversation → its (from, text) in the file's order."""
        found: dict[str, list[tuple[str, str]]] = {}
        for message in self.messages:
            found.setdefault(message.conversation, []).append((message.sender, message.text))
        return found


def format_for(name: str) -> str:
    """The format a file name says (.jsonl/.json, .csv, .xlsx); HistoryFileError when it says none."""
    suffix = name.lower().rsplit(".", 1)[-1] if "." in name else ""
    fmt = {"jsonl": "jsonl", "json": "jsonl", "ndjson": "jsonl", "csv": "csv", "xlsx": "xlsx"}.get(suffix)
    if fmt is None:
        raise HistoryFileError(f"cannot tell the format of {name} (use --format jsonl|csv|xlsx)")
    return fmt


def parse(data: bytes, fmt: str) -> ParsedHistory:
    """Every message of the file, or why each line is not one."""
    if fmt == "xlsx":
        encoding = None
        rows: Iterator[tuple[int, Mapping[str, object]]] = _sheet(
            (n, list(v)) for n, v in sheet_values(data, HistoryFileError))
    else:
        text, encoding = decode_text(data, HistoryFileError)
        rows = _json_lines(text) if fmt == "jsonl" else _sheet(csv_rows(text, HistoryFileError))
    messages: list[HistoryMessage] = []
    rejected: list[Rejected] = []
    seen: dict[str, int] = {}  # conversation → its lines so far: the key of a line is its place in its chat
    for line, row in rows:
        if len(messages) + len(rejected) >= ENTRIES * 10:
            raise HistoryFileError(f"more than {ENTRIES * 10:,} messages: split the file and import the parts")
        if isinstance(row, Rejected):
            rejected.append(row)
            continue
        message = _message(line, row, seen)
        (rejected if isinstance(message, Rejected) else messages).append(message)  # type: ignore[arg-type]
    return ParsedHistory(fmt, encoding, messages, rejected)


def _json_lines(text: str) -> Iterator[tuple[int, Mapping[str, object] | Rejected]]:
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except ValueError:
            yield number, Rejected(number, "not a JSON object", line[:80])
            continue
        yield number, row if isinstance(row, dict) else Rejected(number, "not a JSON object", line[:80])


def _sheet(rows: Iterator[tuple[int, Sequence[object]]]) -> Iterator[tuple[int, Mapping[str, object] | Rejected]]:
    columns: dict[str, int] | None = None
    for number, cells in rows:
        if not any(str(c or "").strip() for c in cells):
            continue
        if columns is None:
            names = [str(c or "").strip().lower() for c in cells]
            columns = {field: names.index(h) for field, heads in HEADERS.items() for h in heads if h in names}
            missing = [f for f in REQUIRED if f not in columns]
            if missing:
                raise HistoryFileError(f"line {number}: no column for {', '.join(missing)} (headers: "
                                       f"{', '.join(HEADERS[f][0] + '/' + HEADERS[f][1] for f in REQUIRED)})")
            continue
        yield number, {field: cells[at] if at < len(cells) else None for field, at in columns.items()}


def _message(line: int, row: Mapping[str, object], seen: dict[str, int]) -> HistoryMessage | Rejected:
    conversation, who, text = _text(row.get("conversation")), _text(row.get("from")), _text(row.get("text"))
    for field, value in (("conversation", conversation), ("from", who), ("text", text)):
        if not value:
            return Rejected(line, f"no {field}", _shown(row))
    sender = SENDER.get(who.lower())
    if sender is None:
        return Rejected(line, f"from is {who!r}, not buyer/agent (买家/客服)", _shown(row))
    at = row.get("time")
    when: datetime | None = at if isinstance(at, datetime) else None
    if when is None and (written := _text(at)):
        try:
            when = datetime.fromisoformat(written)
        except ValueError:
            return Rejected(line, f"time {written!r} is not ISO 8601 (2024-05-01T14:30:00+08:00)", _shown(row))
    if when is not None and when.tzinfo is None:
        when = when.astimezone()  # a time without a zone is the shop's local time
    seen[conversation] = place = seen.get(conversation, 0) + 1
    return HistoryMessage(conversation, place, sender, text, None if when is None else when.astimezone(UTC),
                          _text(row.get("buyer")), _text(row.get("agent")))


def _shown(row: Mapping[str, object]) -> str:
    return json.dumps(row, ensure_ascii=False, default=str)[:80]


def _text(value: object) -> str:
    if value is None:
        return ""
    return (value if isinstance(value, str) else str(value)).strip()


def learn_imported(book: PhraseBook, parsed: ParsedHistory) -> int:
    """The book's learnt suggestions take in the file's chats now (a running desk; its history index counts a
    generation for each, so no suggestion kept from before is shown again). Returns the buyer turns learnt. Call
    it after the import was committed, off the GUI thread for a big file."""
    learnt = 0
    for said in parsed.conversations().values():
        for turn in turns(said):
            book.learn_reply(turn)
            learnt += 1
    return learnt
