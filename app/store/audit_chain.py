"""The audit log's hash chain: each row carries an HMAC of itself and of the row before it, so a row changed,
deleted or slipped in afterwards shows as the first broken link. Every audit row is written by append(), in the
caller's write transaction; verify() walks the chain. docs/audit-log.md says what it proves and what it cannot.

The canonical form of a row (version 1) is what the HMAC is taken over, byte for byte:

    b"kefudesk-audit-v1\\n" + JSON of [id, at, who, what, issue_id, action_id, before, after, prev_hash]

- at: the time in UTC to the microsecond, "2026-11-24T01:00:00.000000Z" (SQLite and PostgreSQL both keep
  microseconds); issue_id, action_id: integers or null; before, after: the JSON values as stored (null for none);
- the JSON as Python's json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=True) writes it:
  keys sorted, no blanks, every non-ASCII character as a \\uXXXX escape, numbers as Python writes them. Values
  are first passed through JSON once, as the store does, so what is hashed is exactly what is read back;
- row_hash = hex(HMAC-SHA-256(the store's key, canonical form)); prev_hash is the previous row's row_hash, and
  64 zeros for the first row. The key is 32 random bytes made per store by migration 0011 (table audit_key).

Writers are serialised: the next id and the previous hash are read only once the write is held (SQLite's one
writer; a transaction-scoped advisory lock on PostgreSQL), and the unique index on prev_hash refuses a second row
after the same one whatever happens. The previous hash is read from the last row: there is no chain-head row to
UPDATE, so the desks' database role needs only INSERT and SELECT on the audit table.
"""

from __future__ import annotations

import hmac
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Text, func, insert, select, type_coerce
from sqlalchemy.dialects.sqlite import DATETIME as SQLITE_DATETIME
from sqlalchemy.engine import Connection, Engine

from app.store import models as m
from app.store.errors import StoreError

VERSION = b"kefudesk-audit-v1\n"
GENESIS = "0" * 64  # the prev_hash of the first row
# pg_advisory_xact_lock's key for "appending to the audit log" (the bytes of "kfaudit"); released at commit
PG_LOCK = 0x6B_66_61_75_64_69_74
_AUDIT = m.AuditEntry.__table__
_KEY = m.AuditKey.__table__


@dataclass(frozen=True)
class Entry:
    """One audit row to append (its id, prev_hash and row_hash are the chain's)."""

    at: datetime
    who: str
    what: str
    issue_id: int | None = None
    action_id: int | None = None
    before: Any = None
    after: Any = None


def as_stored(value: Any) -> Any:
    """A JSON column's value as it reads back from either database (tuples become lists, keys strings…)."""
    return None if value is None else json.loads(json.dumps(value))


def canonical(row_id: int, at: datetime, who: str, what: str, issue_id: int | None, action_id: int | None,
              before: Any, after: Any, prev_hash: str) -> bytes:
    """The bytes a row's HMAC is taken over (see the module's docstring)."""
    utc = at.replace(tzinfo=UTC) if at.tzinfo is None else at.astimezone(UTC)
    stamp = utc.replace(tzinfo=None).isoformat(timespec="microseconds") + "Z"
    fields = [row_id, stamp, who, what, issue_id, action_id, before, after, prev_hash]
    return VERSION + json.dumps(fields, sort_keys=True, separators=(",", ":"), ensure_ascii=True).encode("ascii")


def row_hash(key: bytes, row_id: int, at: datetime, who: str, what: str, issue_id: int | None,
             action_id: int | None, before: Any, after: Any, prev_hash: str) -> str:
    body = canonical(row_id, at, who, what, issue_id, action_id, before, after, prev_hash)
    return hmac.digest(key, body, "sha256").hex()


def store_key(connection: Connection) -> bytes:
    found = connection.execute(select(_KEY.c.key).where(_KEY.c.id == 1)).scalar()
    try:
        key = bytes.fromhex(found) if isinstance(found, str) else b""
    except ValueError:
        key = b""
    if len(key) < 16:
        raise StoreError("the store's audit key (table audit_key) is missing or damaged, so the audit log can be "
                         "neither written nor checked: restore a backup you trust (kefudesk restore BACKUP)")
    return key


def hold_the_log(connection: Connection) -> None:
    """Wait until this transaction is the only one appending (until it ends)."""
    dialect = connection.dialect.name
    if dialect == "postgresql":
        connection.execute(select(func.pg_advisory_xact_lock(PG_LOCK)))
    elif dialect == "sqlite":
        # a write that changes nothing takes SQLite's write lock now (waiting for another process's writer), so
        # the last row read next is the last row there is
        connection.exec_driver_sql("UPDATE audit_key SET id = id WHERE 0")


def append(connection: Connection, entry: Entry) -> int:
    """Write one audit row at the end of the chain, in the connection's transaction; returns its id."""
    hold_the_log(connection)
    key = store_key(connection)
    last = connection.execute(select(_AUDIT.c.id, _AUDIT.c.row_hash).order_by(_AUDIT.c.id.desc()).limit(1)).first()
    row_id, prev = (last[0] + 1, last[1]) if last is not None else (1, GENESIS)
    before, after = as_stored(entry.before), as_stored(entry.after)
    digest = row_hash(key, row_id, entry.at, entry.who, entry.what, entry.issue_id, entry.action_id, before, after,
                      prev)
    # the id is given here, not by the database, because the hash covers it
    connection.execute(insert(_AUDIT).values(id=row_id, at=entry.at, who=entry.who, what=entry.what,
                                             issue_id=entry.issue_id, action_id=entry.action_id, before=before,
                                             after=after, prev_hash=prev, row_hash=digest))
    return row_id


# --- checking ----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Break:
    """The first broken link: the entry it shows at, and what is wrong, in a sentence."""

    row_id: int
    kind: str  # changed / missing / forked / reordered
    detail: str


@dataclass(frozen=True)
class AnchorCheck:
    row_id: int
    noted: str
    holds: bool
    detail: str


@dataclass(frozen=True)
class Verdict:
    count: int
    head: tuple[int, str] | None  # the last entry's (id, row_hash)
    broken: Break | None
    anchors: tuple[AnchorCheck, ...] = ()

    @property
    def whole(self) -> bool:
        return self.broken is None and all(a.holds for a in self.anchors)


def parse_anchor(text: str) -> tuple[int, str]:
    """ID:HASH as `audit verify` prints the head; ValueError names what is wrong."""
    row, _sep, digest = text.strip().partition(":")
    digest = digest.strip().lower()
    if not row.strip().isdigit() or len(digest) != 64 or any(c not in "0123456789abcdef" for c in digest):
        raise ValueError(f"{text!r} is not an anchor: write it as ID:HASH, the entry id and its 64 hex digits "
                         "as `kefudesk audit verify` printed the head")
    return int(row), digest


def verify(connection: Connection, anchors: Sequence[tuple[int, str]] = ()) -> Verdict:
    """Walk the whole chain (in the connection's snapshot) and stop at the first broken link; anchors (id, hash)
    noted earlier must still be on the chain, unbroken up to them."""
    key = store_key(connection)
    count = int(connection.execute(select(func.count()).select_from(_AUDIT)).scalar() or 0)
    last = connection.execute(select(_AUDIT.c.id, _AUDIT.c.row_hash).order_by(_AUDIT.c.id.desc()).limit(1)).first()
    head = (int(last[0]), str(last[1])) if last is not None else None
    broken: Break | None = None
    prev_id, prev = 0, GENESIS
    seen: dict[int, str] = {}
    wanted = {row_id for row_id, _digest in anchors}
    for row in _rows(connection):
        row_id, stored_prev, stored_hash = row[0], row[-2], row[-1]
        if _expected(key, row) != stored_hash:
            broken = Break(row_id, "changed", f"entry {row_id} was changed after it was written: its contents no "
                                              "longer match its hash")
        elif stored_prev != prev:
            broken = _broken_link(connection, row_id, stored_prev, prev_id)
        if broken is not None:
            break
        if row_id in wanted:
            seen[row_id] = stored_hash
        prev_id, prev = row_id, stored_hash
    return Verdict(count, head, broken, tuple(_anchor(connection, a, seen, broken) for a in anchors))


def verify_store(engine: Engine, anchors: Sequence[tuple[int, str]] = ()) -> Verdict:
    """verify() in one consistent snapshot of the store, while desks go on writing."""
    with engine.connect() as connection:
        if connection.dialect.name == "sqlite":
            connection.begin()  # a live store's engine says BEGIN itself here (app/store/engine.py)
            if not connection.connection.driver_connection.in_transaction:  # type: ignore[union-attr]
                connection.exec_driver_sql("BEGIN")  # pysqlite would read each query at a different moment
            return verify(connection, anchors)
        with connection.execution_options(isolation_level="REPEATABLE READ").begin() as snapshot:
            return verify(snapshot.connection, anchors)


def _rows(connection: Connection) -> Iterable[Any]:
    a = _AUDIT.c
    if connection.dialect.name == "sqlite":
        # read as stored: a value someone wrote by hand that the column's type cannot read is a changed row,
        # not a crash (PostgreSQL's types refuse such values when they are written)
        columns = [a.id, type_coerce(a.at, Text), a.who, a.what, a.issue_id, a.action_id,
                   type_coerce(a.before, Text), type_coerce(a.after, Text), a.prev_hash, a.row_hash]
    else:
        columns = [a.id, a.at, a.who, a.what, a.issue_id, a.action_id, a.before, a.after, a.prev_hash, a.row_hash]
    result = connection.execution_options(yield_per=2000).execute(select(*columns).order_by(a.id))
    if connection.dialect.name != "sqlite":
        return result
    parse_time = SQLITE_DATETIME().result_processor(connection.dialect, None)
    assert parse_time is not None
    return ((r[0], _or_raw(parse_time, r[1]), r[2], r[3], r[4], r[5], _or_raw(json.loads, r[6]),
             _or_raw(json.loads, r[7]), r[8], r[9]) for r in result)


def _or_raw(parse: Any, value: Any) -> Any:
    if value is None:
        return None
    try:
        return parse(value)
    except (TypeError, ValueError):
        return _Unreadable(value)


class _Unreadable:
    """A stored value its column's type cannot read: it never hashes to what a writer wrote."""

    def __init__(self, value: Any) -> None:
        self.value = value


def _expected(key: bytes, row: Sequence[Any]) -> str | None:
    row_id, at, who, what, issue_id, action_id, before, after, prev_hash = row[:9]
    if any(isinstance(v, _Unreadable) for v in (at, before, after)) or not isinstance(at, datetime):
        return None
    try:
        return row_hash(key, row_id, at, who, what, issue_id, action_id, before, after, prev_hash)
    except (TypeError, ValueError):  # a blob or another type no writer writes
        return None


def _broken_link(connection: Connection, row_id: int, stored_prev: str, prev_id: int) -> Break:
    """The row is as it was written, but it does not follow the row before it: say why."""
    a = _AUDIT.c
    follows = connection.execute(select(a.id).where(a.row_hash == stored_prev).order_by(a.id).limit(1)).scalar()
    if follows is None and stored_prev == GENESIS:
        follows = 0
    if follows is not None and follows < prev_id:
        other = connection.execute(select(a.id).where(a.prev_hash == stored_prev, a.id != row_id)
                                   .order_by(a.id).limit(1)).scalar()
        after = f"entry {follows}" if follows else "the start of the log"
        return Break(row_id, "forked", f"the chain forks at entry {row_id}: it follows {after}, as entry "
                                       f"{other if other is not None else follows + 1} already does (two writers "
                                       "appended after the same entry, or an entry was slipped in)")
    if follows is not None:
        return Break(row_id, "reordered", f"entry {row_id} follows entry {follows}, which comes after it: entries "
                                          "were renumbered")
    if prev_id == 0:
        return Break(row_id, "missing", f"the log's first entries are missing: entry {row_id} follows an entry "
                                        "that is no longer there")
    if row_id - prev_id > 1:
        gone = f"entry {prev_id + 1} is" if row_id - prev_id == 2 else f"entries {prev_id + 1}–{row_id - 1} are"
        return Break(row_id, "missing", f"{gone} missing: deleted from the middle of the log (entry {row_id} "
                                        "follows an entry that is no longer there)")
    return Break(prev_id, "changed", f"entry {prev_id} was changed after it was written and given a new hash: "
                                     f"entry {row_id} still follows the entry as it was")


def _anchor(connection: Connection, anchor: tuple[int, str], seen: dict[int, str],
            broken: Break | None) -> AnchorCheck:
    row_id, noted = anchor
    if row_id in seen:
        if seen[row_id] == noted:
            return AnchorCheck(row_id, noted, True, f"the log still passes through entry {row_id} as noted")
        return AnchorCheck(row_id, noted, False, f"entry {row_id} is not the entry noted: the log up to it was "
                                                 "rewritten and chained again since the head was noted")
    stored = connection.execute(select(_AUDIT.c.row_hash).where(_AUDIT.c.id == row_id)).scalar()
    if stored is None:
        return AnchorCheck(row_id, noted, False, f"entry {row_id}, noted as a head, is gone: the log was cut "
                                                 "short (or rebuilt) since")
    if stored != noted:
        return AnchorCheck(row_id, noted, False, f"entry {row_id} is not the entry noted: the log up to it was "
                                                 "rewritten and chained again since the head was noted")
    where = f"at entry {broken.row_id}" if broken is not None else "before it"
    return AnchorCheck(row_id, noted, False, f"entry {row_id} is as noted, but the chain breaks {where}")
