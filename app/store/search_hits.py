"""What a search asks and finds: the filter, a message hit, an imported past chat's message hit and a buyer, order
or issue hit, the same whichever way the store is read (search.py through the ORM, search_file.py with plain
sqlite3 for the command line)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from app.store.records import MessageRecord


@dataclass(frozen=True)
class SearchFilter:
    agent: str = ""  # who sent it (an agent id, or "robot")
    buyer_id: str = ""
    buyer_nick: str = ""  # as the desk shows it (tb_果果妈)
    direction: str = ""  # in / out / robot; "" for any
    since: datetime | None = None  # UTC, inclusive
    until: datetime | None = None  # UTC, exclusive
    has_issue: bool = False  # only chats of buyers with an issue


@dataclass(frozen=True)
class MessageHit:
    message: MessageRecord
    buyer_id: str
    buyer_nick: str
    spans: tuple[tuple[int, int], ...]  # where the query occurs in message.text, for highlighting


@dataclass(frozen=True)
class OtherHit:
    kind: str  # buyer / order / issue
    key: str  # the buyer id, the order no., the issue id
    title: str  # what to show: the nick, the order no. with its buyer, the issue's note
    spans: tuple[tuple[int, int], ...]


@dataclass(frozen=True)
class HistoryHit:
    """A message of the shop's imported past chats (`kefudesk history import`), not of a live chat."""

    conversation: str  # as the imported file named it
    seq: int
    sender: str  # buyer | agent
    text: str
    at: datetime | None  # UTC; None when the file gave no time
    buyer: str  # the buyer's nick, as the file gave it ("" if none)
    agent: str
    spans: tuple[tuple[int, int], ...]
