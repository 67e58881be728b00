"""A canned reply (快捷短语) as the library keeps it."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


@dataclass(frozen=True)
class Phrase:
    id: int
    title: str
    body: str  # may hold template variables such as {buyer} and {cursor}; multi-line, emoji kept as is
    group: str = ""  # e.g. 售前/尺码, 售后/退款
    abbreviation: str = ""  # e.g. "fh", ";tk": typed then Space/Tab expands it
    slot: int | None = None  # 1–9 within its group: Ctrl+1..9
    tags: tuple[str, ...] = field(default_factory=tuple)
    uses: int = 0
    last_used: datetime | None = None
    owner: str = ""  # "" shared with the whole shop, else the agent profile it belongs to
    image: str = ""  # sha256 of an image in the data dir's image store, sent with (or as) the phrase
