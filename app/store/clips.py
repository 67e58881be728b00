"""The clipboard history's rows (app/desk/clipboard.py decides what is kept)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, func, select

from app.store import models as m
from app.store.models import as_utc
from app.store.store import Store


@dataclass(frozen=True)
class ClipRecord:
    id: int
    at: datetime
    kind: str  # text / image
    text: str
    image: str  # the picture's id in the image store ("" for text)
    source: str
    pinned: bool


def add_clip(store: Store, at: datetime, kind: str, text: str, image: str, source: str) -> ClipRecord:
    with store.writing() as s:
        row = m.Clip(at=at, kind=kind, text=text, image=image, source=source[:200], pinned=False)
        s.add(row)
        s.flush()
        return _clip(row)


def latest(store: Store) -> ClipRecord | None:
    with store.reading() as s:
        row = s.scalar(select(m.Clip).order_by(m.Clip.id.desc()).limit(1))
        return _clip(row) if row is not None else None


def clips(store: Store, query: str = "", limit: int = 50) -> list[ClipRecord]:
    """Newest first; with a query, the text entries holding every space-separated part of it (a history of
    thousands: a scan is enough)."""
    statement = select(m.Clip).order_by(m.Clip.pinned.desc(), m.Clip.id.desc()).limit(limit)
    for part in query.split():
        statement = statement.where(func.lower(m.Clip.text).contains(part.lower(), autoescape=True))
    with store.reading() as s:
        return [_clip(r) for r in s.scalars(statement)]


def set_pinned(store: Store, clip_id: int, pinned: bool) -> None:
    with store.writing() as s:
        row = s.get(m.Clip, clip_id)
        if row is not None:
            row.pinned = pinned


def remove(store: Store, clip_ids: list[int]) -> None:
    with store.writing() as s:
        s.execute(delete(m.Clip).where(m.Clip.id.in_(clip_ids)))


def prune(store: Store, before: datetime, keep: int) -> int:
    """Drop unpinned entries older than `before`, and beyond the newest `keep`; returns how many went."""
    with store.writing() as s:
        gone = s.execute(delete(m.Clip).where(m.Clip.pinned.is_(False), m.Clip.at < before)).rowcount or 0
        newest = select(m.Clip.id).where(m.Clip.pinned.is_(False)).order_by(m.Clip.id.desc()).limit(keep)
        gone += s.execute(delete(m.Clip).where(m.Clip.pinned.is_(False), m.Clip.id.not_in(newest))).rowcount or 0
        return gone


def _clip(r: m.Clip) -> ClipRecord:
    return ClipRecord(r.id, as_utc(r.at), r.kind, r.text, r.image, r.source, bool(r.pinned))
