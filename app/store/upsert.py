"""Writes that another desk may make at the same moment (two desks on one team server receive the same stream):
INSERT … ON CONFLICT, which PostgreSQL and SQLite both speak, instead of looking for the row and adding it — the
look finds nothing in both desks, and the second insert fails on the key.

On SQLite one writer at a time holds the store (writes begin IMMEDIATE), so a look inside the transaction is
already the truth; the same statements are used there so both databases run one code path.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from sqlalchemy import Table
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session
from sqlalchemy.sql.dml import Insert


def insert(s: Session, table: Table) -> Any:
    """The dialect's INSERT, the one that can say ON CONFLICT (PostgreSQL's or SQLite's)."""
    return (postgresql.insert if s.get_bind().dialect.name == "postgresql" else sqlite.insert)(table)


def insert_new(s: Session, table: Table, keys: Sequence[str]) -> Insert:
    """INSERT that keeps the row already there under the same keys, for execution with rows."""
    return insert(s, table).on_conflict_do_nothing(index_elements=list(keys))


def upsert(s: Session, table: Table, keys: Sequence[str], rows: Sequence[Mapping[str, Any]],
           update: Sequence[str] | None = None, *,
           overrides: Callable[[Any], Mapping[str, Any]] | None = None) -> None:
    """Insert the rows, or where one is there under the same keys, set its `update` columns (default: every
    column given but the keys) to the new values; overrides(excluded): column → an SQL expression used instead,
    which may read the would-be row (excluded[NAME])."""
    if not rows:
        return
    statement = insert(s, table)
    columns = update if update is not None else [name for name in rows[0] if name not in keys]
    values = {name: statement.excluded[name] for name in columns}
    if overrides is not None:
        values |= dict(overrides(statement.excluded))
    s.execute(statement.on_conflict_do_update(index_elements=list(keys), set_=values), list(rows))
