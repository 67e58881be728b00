"""The triggers, indexes and views of an SQLite store, checked against what this version's migrations make.

A trigger runs on every write: one slipped into the file (a backup from elsewhere, a script with the file) can
zero each new refund or stop the audit log's protection without a line of KefuDesk changing. So a store at
HEAD_REVISION opens only if its sqlite_master holds exactly these objects, each with the same SQL (compared
after normalised(): case, blanks and identifier quotes aside, string literals exactly), and nothing more.

The list is written out here, not derived from the migrations, so the check costs one small query at start-up
and no Alembic import; tests/unit/store/test_schema_check.py keeps it equal to what migrating an empty store
makes. Tables are not compared: their SQL text is whatever the SQLAlchemy of the day wrote when they were made
or rebuilt, and a table holds no code that runs on a write of another. The search indexes (message_fts and
history_fts, virtual tables) make no triggers or indexes of their own.
"""

from __future__ import annotations

import functools
import re
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

MANIFEST_REVISION = "0019"  # the schema the lists below describe: engine.HEAD_REVISION
QUERY = "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE type IN ('trigger', 'index', 'view')"

_INDEXES = {  # name: (table, columns); every one made by op.create_index / index=True in a migration
    "ix_chat_review_agent": ("chat_review", "agent"),
    "ix_chat_review_at": ("chat_review", "at"),
    "ix_chat_review_conversation_id": ("chat_review", "conversation_id"),
    "ix_clip_at": ("clip", "at"),
    "ix_conversation_waiting_since": ("conversation", "waiting_since"),
    "ix_history_message_buyer": ("history_message", "buyer"),
    "ix_issue_action_at": ("issue_action", "at"),
    "ix_issue_action_issue_id": ("issue_action", "issue_id"),
    "ix_issue_action_kind": ("issue_action", "kind"),
    "ix_issue_action_status": ("issue_action", "status"),
    "ix_issue_buyer_id": ("issue", "buyer_id"),
    "ix_issue_buyer_nick": ("issue", "buyer_nick"),
    "ix_issue_category": ("issue", "category"),
    "ix_issue_order_no": ("issue", "order_no"),
    "ix_issue_state": ("issue", "state"),
    "ix_kpi_answer_buyer": ("kpi_answer", "zone, day_first, buyer_id, answered_at"),
    "ix_kpi_answer_cell": ("kpi_answer", "zone, day, agent"),
    "ix_message_conversation": ("message", "conversation_id, id"),
    "ix_message_note_message_id": ("message_note", "message_id"),
    "ix_message_sent_at": ("message", "sent_at"),
    "ix_message_state": ("message", "state"),
    "ix_order_contact_buyer_nick": ("order_contact", "buyer_nick"),
    "ix_phrase_abbreviation": ("phrase", "abbreviation"),
    "ix_phrase_use_at": ("phrase_use", "at"),
    "ix_phrase_use_phrase_id": ("phrase_use", "phrase_id"),
    "ix_shop_order_buyer_id": ("shop_order", "buyer_id"),
}
_UNIQUE_INDEXES = {"ux_audit_prev_hash": ("audit", "prev_hash")}
# SQLite's own indexes for primary keys and unique columns: no SQL, made and dropped only with their table
_AUTOINDEXES = {
    "sqlite_autoindex_agent_1": "agent",
    "sqlite_autoindex_agent_profile_1": "agent_profile",
    "sqlite_autoindex_alembic_version_1": "alembic_version",
    "sqlite_autoindex_buyer_1": "buyer",
    "sqlite_autoindex_conversation_1": "conversation",
    "sqlite_autoindex_draft_1": "draft",
    "sqlite_autoindex_history_message_1": "history_message",
    "sqlite_autoindex_message_1": "message",
    "sqlite_autoindex_message_2": "message",
    "sqlite_autoindex_kpi_answer_1": "kpi_answer",
    "sqlite_autoindex_kpi_day_1": "kpi_day",
    "sqlite_autoindex_kpi_zone_1": "kpi_zone",
    "sqlite_autoindex_meta_1": "meta",
    "sqlite_autoindex_order_contact_1": "order_contact",
    "sqlite_autoindex_phrase_dismissal_1": "phrase_dismissal",
    "sqlite_autoindex_phrase_rotation_1": "phrase_rotation",
    "sqlite_autoindex_shop_1": "shop",
    "sqlite_autoindex_shop_order_1": "shop_order",
}
_TRIGGERS = {  # name: (table, SQL as migrations 0006 and 0011 wrote it)
    "audit_no_update": ("audit", "CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit "
                                 "BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END"),
    "audit_no_delete": ("audit", "CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit "
                                 "BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END"),
    "audit_key_no_update": ("audit_key", "CREATE TRIGGER audit_key_no_update BEFORE UPDATE ON audit_key "
                                         "BEGIN SELECT RAISE(ABORT, 'the audit key never changes'); END"),
    "audit_key_no_delete": ("audit_key", "CREATE TRIGGER audit_key_no_delete BEFORE DELETE ON audit_key "
                                         "BEGIN SELECT RAISE(ABORT, 'the audit key never changes'); END"),
}


def expected() -> dict[tuple[str, str], tuple[str, str | None]]:
    """{(type, name): (table, SQL)} of every trigger, index and view this version's migrations make."""
    objects: dict[tuple[str, str], tuple[str, str | None]] = {}
    for unique, indexes in (("", _INDEXES), ("UNIQUE ", _UNIQUE_INDEXES)):
        for name, (table, columns) in indexes.items():
            objects["index", name] = (table, f"CREATE {unique}INDEX {name} ON {table} ({columns})")
    objects.update({("index", name): (table, None) for name, table in _AUTOINDEXES.items()})
    objects.update({("trigger", name): (table, sql) for name, (table, sql) in _TRIGGERS.items()})
    return objects


@functools.cache
def _expected() -> dict[tuple[str, str], tuple[str, str | None]]:
    return expected()  # built once: the check runs at every start


_LITERAL = re.compile(r"('(?:[^']|'')*')")
_QUOTED = re.compile(r'"([A-Za-z_][A-Za-z0-9_]*)"|\[([A-Za-z_][A-Za-z0-9_]*)\]|`([A-Za-z_][A-Za-z0-9_]*)`')


def normalised(sql: str | None) -> str:
    """SQL as compared: outside string literals lower case, blanks collapsed (and none beside punctuation),
    simple identifiers unquoted; literals exactly as written."""
    if not sql:
        return ""
    parts = _LITERAL.split(sql.strip().rstrip(";").strip())
    for i in range(0, len(parts), 2):  # the even parts are outside literals
        code = _QUOTED.sub(lambda q: q.group(1) or q.group(2) or q.group(3), parts[i]).lower()
        code = re.sub(r"\s+", " ", code)
        parts[i] = re.sub(r" ?([(),;=]) ?", r"\1", code)
    return "".join(parts)


@dataclass(frozen=True)
class Difference:
    change: str  # missing / changed / extra
    type: str  # trigger / index / view
    name: str
    table: str

    def __str__(self) -> str:
        on = "" if self.table == self.name else f" on {self.table}"  # a view is its own table
        return f"{self.change} {self.type} {self.name}{on}"


def differences(rows: Iterable[Sequence[Any]]) -> list[Difference]:
    """What the store's objects (rows of QUERY) have that this version's do not, and the other way round."""
    want = _expected()
    found = {(str(t), str(name)): (str(table), sql) for t, name, table, sql in rows}
    diffs = []
    for key in sorted(set(want) | set(found)):
        if key not in found:
            diffs.append(Difference("missing", key[0], key[1], want[key][0]))
        elif key not in want:
            diffs.append(Difference("extra", key[0], key[1], found[key][0]))
        elif found[key][0] != want[key][0] or (found[key][1] != want[key][1]
                                              and normalised(found[key][1]) != normalised(want[key][1])):
            diffs.append(Difference("changed", key[0], key[1], found[key][0]))
    order = {"extra": 0, "changed": 1, "missing": 2}  # what runs code the desk did not write comes first
    return sorted(diffs, key=lambda d: (order[d.change], d.type != "trigger", d.name))


def check(connection: sqlite3.Connection) -> list[Difference]:
    return differences(connection.execute(QUERY))


def describe(diffs: Sequence[object], most: int = 6) -> str:
    shown = ", ".join(str(d) for d in diffs[:most])
    return shown + (f" and {len(diffs) - most} more" if len(diffs) > most else "")


def repair(path: Path, who: str, at: datetime, *, busy_timeout: float = 5.0) -> list[Difference]:
    """Put the schema back as this version makes it, in one transaction with an audit entry saying what was
    dropped and made: extra objects dropped, changed ones made again, missing ones made. The caller has
    checked that `who` is a supervisor. Returns what differed ([]: nothing to do, nothing written)."""
    from sqlalchemy import create_engine, event
    from sqlalchemy.exc import SQLAlchemyError
    from sqlalchemy.pool import NullPool

    from app.store import audit_chain
    from app.store.errors import StoreError

    # SQLite runs DDL outside the driver's transactions; taking the transaction by hand makes it all-or-nothing
    engine = create_engine("sqlite://", poolclass=NullPool, creator=lambda: sqlite3.connect(
        path, timeout=busy_timeout, isolation_level=None, check_same_thread=False))
    event.listen(engine, "begin", lambda connection: connection.exec_driver_sql("BEGIN IMMEDIATE"))
    want = expected()
    try:
        with engine.begin() as connection:
            diffs = differences(connection.exec_driver_sql(QUERY))
            if not diffs:
                return []
            built_in = [d for d in diffs if d.name.startswith("sqlite_autoindex_")]
            if built_in:
                raise StoreError(f"{path} cannot be repaired: its tables were rebuilt ({describe(built_in)}); "
                                 "restore a backup you trust instead (kefudesk restore BACKUP)")
            for d in diffs:  # triggers first: nothing foreign may run on the writes below
                if d.change != "missing":
                    kind = {"trigger": "TRIGGER", "index": "INDEX", "view": "VIEW"}[d.type]
                    connection.exec_driver_sql(f'DROP {kind} IF EXISTS "{d.name.replace(chr(34), chr(34) * 2)}"')
            for d in sorted(diffs, key=lambda d: d.type == "trigger"):  # indexes, then triggers
                if d.change != "extra":
                    connection.exec_driver_sql(str(want[d.type, d.name][1]))
            left = differences(connection.exec_driver_sql(QUERY))
            if left:
                raise StoreError(f"{path} could not be repaired ({describe(left)} remain); nothing was changed")
            audit_chain.append(connection, audit_chain.Entry(
                at, who, "schema repaired", before={"differences": [str(d) for d in diffs]},
                after={"dropped": [d.name for d in diffs if d.change == "extra"],
                       "made": [d.name for d in diffs if d.change != "extra"], "schema": MANIFEST_REVISION}))
            return diffs
    except SQLAlchemyError as exc:
        raise StoreError(f"{path} could not be repaired ({exc.orig or exc}); nothing was changed. Restore a backup "
                         "you trust instead (kefudesk restore BACKUP)") from exc
    finally:
        engine.dispose()
