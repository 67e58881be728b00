"""What a column can hold, read from the models themselves: an import checks each value against the limits the
schema declares before it writes anything, the same on every store. PostgreSQL enforces them (a 101-character nick
in a String(100) column, ¥21,474,836.48 in an Integer column of fen, a NUL in any text), SQLite does not: without
this a dry run on one desk passes a file that the team's server refuses halfway through the real run."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import BigInteger, Integer, SmallInteger, String

from app.store.models import UTCDateTime

_BITS = ((BigInteger, 64), (SmallInteger, 16), (Integer, 32))  # the subclasses first: both are Integers
_EDGE = timedelta(days=1)  # a stored time must also be shown in local time without leaving the calendar


@dataclass(frozen=True)
class Misfit:
    """Why a value does not fit its column: too_long (limit: characters), too_large / too_small (limit: the
    largest or smallest whole number), nul (a NUL character, which PostgreSQL text cannot hold), half_character
    (a lone surrogate, which is not UTF-8), time (outside the times the store keeps and shows)."""

    column: str  # table.column
    why: str
    limit: int = 0


def largest(attribute: Any) -> int:
    """The largest whole number an Integer column holds (2,147,483,647 for Integer)."""
    kind = attribute.property.columns[0].type
    bits = next(bits for cls, bits in _BITS if isinstance(kind, cls))
    return 2 ** (bits - 1) - 1


def misfit(attribute: Any, value: object) -> Misfit | None:
    """Why value cannot be written to the model's attribute (m.Order.amount_fen…), None when it can."""
    column = attribute.property.columns[0]
    kind = column.type
    name = f"{column.table.name}.{column.name}"
    if value is None:
        return None
    if isinstance(kind, String) and isinstance(value, str):  # Text is a String without a length
        if "\x00" in value:
            return Misfit(name, "nul")
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            return Misfit(name, "half_character")
        if kind.length is not None and len(value) > kind.length:
            return Misfit(name, "too_long", kind.length)
    elif isinstance(kind, Integer) and isinstance(value, int):
        most = largest(attribute)
        if value > most:
            return Misfit(name, "too_large", most)
        if value < -most - 1:
            return Misfit(name, "too_small", -most - 1)
    elif isinstance(kind, UTCDateTime) and isinstance(value, datetime):
        try:
            stored = kind.process_bind_param(value, None)  # type: ignore[arg-type]  # the dialect is not used
        except (ValueError, OverflowError):  # naive, or a time zone that pushes it past year 1 or 9999
            return Misfit(name, "time")
        if stored is None or not datetime.min + _EDGE <= stored <= datetime.max - _EDGE:
            return Misfit(name, "time")
    return None

