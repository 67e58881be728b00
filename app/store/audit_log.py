"""The audit log in the store: what a change writes to it (Audit), writing entries in a transaction of their own
or in the caller's (add_audit), and reading them back. The hash chain each entry joins is app/store/audit_chain.py."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.store import audit_chain
from app.store import models as m
from app.store.records import AuditRecord
from app.store.store import Store


@dataclass(frozen=True)
class Audit:
    """What to write to the audit log with a change."""

    who: str
    what: str
    before: dict[str, Any] | None = None
    after: dict[str, Any] | None = None


class AuditLog:
    def __init__(self, store: Store) -> None:
        self.store = store

    def write_audit(self, audit: Audit, at: datetime) -> None:
        with self.store.writing() as s:
            add_audit(s, audit, at)

    def write_audits(self, audits: Sequence[Audit], at: datetime) -> None:
        """Several entries in one transaction: all of them or none (a reconciliation's marks)."""
        with self.store.writing() as s:
            for audit in audits:
                add_audit(s, audit, at)

    def set_meta(self, values: Mapping[str, str], audit: Audit, at: datetime) -> None:
        """Settings kept in meta and the audit entry that records their change, in one transaction: a rule
        loosened (a banned word switched off) is never in force without its entry."""
        with self.store.writing() as s:
            for key, value in values.items():
                s.merge(m.Meta(key=key, value=value))
            add_audit(s, audit, at)

    def audit_between(self, what: str, start: datetime, end: datetime) -> list[AuditRecord]:
        """Entries of one kind written in [start, end), oldest first."""
        query = (select(m.AuditEntry).where(m.AuditEntry.what == what, m.AuditEntry.at >= start,
                                            m.AuditEntry.at < end).order_by(m.AuditEntry.id))
        with self.store.reading() as s:
            return [_audit_record(r) for r in s.scalars(query)]

    def audit_log(self, issue_id: int | None = None) -> list[AuditRecord]:
        query = select(m.AuditEntry).order_by(m.AuditEntry.id)
        if issue_id is not None:
            query = query.where(m.AuditEntry.issue_id == issue_id)
        with self.store.reading() as s:
            return [_audit_record(r) for r in s.scalars(query)]


def add_audit(s: Session, audit: Audit, at: datetime, *, issue_id: int | None = None,
              action_id: int | None = None) -> None:
    """The audit entry, chained to the last one, in the session's transaction (after the change it records)."""
    s.flush()
    audit_chain.append(s.connection(), audit_chain.Entry(at, audit.who, audit.what, issue_id, action_id,
                                                         audit.before, audit.after))


def _audit_record(r: m.AuditEntry) -> AuditRecord:
    return AuditRecord(r.id, r.at, r.who, r.what, r.issue_id, r.action_id, r.before, r.after)
