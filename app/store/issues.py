"""Issues, their actions, agent profiles and the audit log in the store. Rules live in app.desk.issues; this
only keeps records, each change and its audit entry in one transaction."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, or_, select

from app.store import models as m
from app.store.errors import StoreError
from app.store.records import ActionRecord, AuditRecord, IssueRecord
from app.store.store import Store

ISSUE_FIELDS = ("stage", "category", "severity", "order_no", "buyer_id", "buyer_nick", "conversation_id", "owner",
                "state", "note", "follow_up_at", "satisfaction", "resolved_at", "photos")


@dataclass(frozen=True)
class Audit:
    """What to write to the audit log with a change."""

    who: str
    what: str
    before: dict[str, Any] | None = None
    after: dict[str, Any] | None = None


@dataclass(frozen=True)
class IssueFilter:
    states: Sequence[str] = ()
    stage: str = ""
    category: str = ""
    buyer_id: str = ""
    order_no: str = ""
    owner: str = ""
    due_before: datetime | None = None
    text: str = ""  # in the order no., buyer nick or note
    limit: int = 500


class IssueStore:
    def __init__(self, store: Store) -> None:
        self.store = store

    # --- issues ------------------------------------------------------------------------------------

    def add_issue(self, values: dict[str, Any], evidence: Sequence[int], opened_at: datetime, audit: Audit) -> IssueRecord:
        with self.store.writing() as s:
            row = m.Issue(**{k: values[k] for k in ISSUE_FIELDS if k in values}, evidence=list(evidence),
                          photos=[], opened_at=opened_at)
            s.add(row)
            s.flush()
            s.add(_audit(audit, opened_at, issue_id=row.id))
            return _issue(row)

    def update_issue(self, issue_id: int, changes: dict[str, Any], at: datetime, audit: Audit) -> IssueRecord:
        with self.store.writing() as s:
            row = s.get(m.Issue, issue_id)
            if row is None:
                raise StoreError(f"issue {issue_id} does not exist")
            for key, value in changes.items():
                if key not in ISSUE_FIELDS:
                    raise ValueError(f"an issue has no field {key!r}")
                setattr(row, key, value)
            s.add(_audit(audit, at, issue_id=issue_id))
            return _issue(row)

    def issue(self, issue_id: int) -> IssueRecord | None:
        with self.store.reading() as s:
            row = s.get(m.Issue, issue_id)
            return _issue(row) if row else None

    def issues(self, where: IssueFilter = IssueFilter()) -> list[IssueRecord]:  # noqa: B008 - frozen default
        i = m.Issue
        query = select(i)
        if where.states:
            query = query.where(i.state.in_(list(where.states)))
        for column, value in ((i.stage, where.stage), (i.category, where.category), (i.buyer_id, where.buyer_id),
                              (i.order_no, where.order_no), (i.owner, where.owner)):
            if value:
                query = query.where(column == value)
        if where.due_before is not None:
            query = query.where(i.follow_up_at.is_not(None), i.follow_up_at <= where.due_before)
        if where.text:
            like = f"%{where.text}%"
            query = query.where(or_(i.order_no.like(like), i.buyer_nick.like(like), i.note.like(like)))
        query = query.order_by(i.follow_up_at.is_(None), i.follow_up_at, i.id.desc()).limit(where.limit)
        with self.store.reading() as s:
            return [_issue(row) for row in s.scalars(query)]

    # --- actions -----------------------------------------------------------------------------------

    def add_action(self, issue_id: int, kind: str, fields: dict[str, Any], amount_fen: int, status: str, by: str,
                   at: datetime, audit: Audit | None, issue_changes: dict[str, Any] | None = None) -> ActionRecord:
        """The action, its audit entry and any change to the issue's state: one transaction."""
        with self.store.writing() as s:
            issue = s.get(m.Issue, issue_id)
            if issue is None:
                raise StoreError(f"issue {issue_id} does not exist")
            row = m.IssueAction(issue_id=issue_id, kind=kind, fields=fields, amount_fen=amount_fen, status=status,
                                by=by, at=at, decided_by="", decided_at=None)
            s.add(row)
            s.flush()
            for key, value in (issue_changes or {}).items():
                setattr(issue, key, value)
            if audit is not None:
                s.add(_audit(audit, at, issue_id=issue_id, action_id=row.id))
            return _action(row)

    def decide(self, action_id: int, status: str, by: str, at: datetime, audit: Audit) -> ActionRecord:
        with self.store.writing() as s:
            row = s.get(m.IssueAction, action_id)
            if row is None:
                raise StoreError(f"action {action_id} does not exist")
            if row.status != "awaiting_approval":
                raise StoreError(f"action {action_id} was already decided ({row.status})")
            row.status, row.decided_by, row.decided_at = status, by, at
            s.add(_audit(audit, at, issue_id=row.issue_id, action_id=action_id))
            return _action(row)

    def action(self, action_id: int) -> ActionRecord | None:
        with self.store.reading() as s:
            row = s.get(m.IssueAction, action_id)
            return _action(row) if row else None

    def actions(self, issue_id: int) -> list[ActionRecord]:
        with self.store.reading() as s:
            rows = s.scalars(select(m.IssueAction).where(m.IssueAction.issue_id == issue_id).order_by(m.IssueAction.id))
            return [_action(r) for r in rows]

    def actions_between(self, kinds: Sequence[str], start: datetime, end: datetime,
                        statuses: Sequence[str] = ("done",)) -> list[tuple[ActionRecord, IssueRecord]]:
        a, i = m.IssueAction, m.Issue
        query = (select(a, i).join(i, i.id == a.issue_id)
                 .where(a.kind.in_(list(kinds)), a.status.in_(list(statuses)), a.at >= start, a.at < end)
                 .order_by(a.at, a.id))
        with self.store.reading() as s:
            return [(_action(action), _issue(issue)) for action, issue in s.execute(query)]

    def amount_for_order(self, order_no: str, kinds: Sequence[str], statuses: Sequence[str]) -> int:
        a, i = m.IssueAction, m.Issue
        query = (select(func.coalesce(func.sum(a.amount_fen), 0)).join(i, i.id == a.issue_id)
                 .where(i.order_no == order_no, a.kind.in_(list(kinds)), a.status.in_(list(statuses))))
        with self.store.reading() as s:
            return int(s.scalar(query) or 0)

    def count_actions(self, kind: str, by: str, since: datetime, statuses: Sequence[str]) -> int:
        a = m.IssueAction
        query = select(func.count()).where(a.kind == kind, a.by == by, a.at >= since, a.status.in_(list(statuses)))
        with self.store.reading() as s:
            return int(s.scalar(query) or 0)

    def actions_with_field(self, kind: str, field: str, value: str) -> list[tuple[ActionRecord, IssueRecord]]:
        """Actions whose JSON field equals value (e.g. a return tracking no. seen before), any buyer."""
        a, i = m.IssueAction, m.Issue
        query = (select(a, i).join(i, i.id == a.issue_id)
                 .where(a.kind == kind, func.json_extract(a.fields, f"$.{field}") == value))
        with self.store.reading() as s:
            return [(_action(action), _issue(issue)) for action, issue in s.execute(query)]

    # --- people and the audit log ----------------------------------------------------------------------

    def set_profile(self, name: str, role: str, password_hash: str, at: datetime, audit: Audit) -> None:
        with self.store.writing() as s:
            s.merge(m.AgentProfile(name=name, role=role, password_hash=password_hash))
            s.add(_audit(audit, at))

    def write_audit(self, audit: Audit, at: datetime) -> None:
        with self.store.writing() as s:
            s.add(_audit(audit, at))

    def profile(self, name: str) -> tuple[str, str] | None:
        """(role, password hash) of a profile."""
        with self.store.reading() as s:
            row = s.get(m.AgentProfile, name)
            return (row.role, row.password_hash) if row else None

    def audit_log(self, issue_id: int | None = None) -> list[AuditRecord]:
        query = select(m.AuditEntry).order_by(m.AuditEntry.id)
        if issue_id is not None:
            query = query.where(m.AuditEntry.issue_id == issue_id)
        with self.store.reading() as s:
            return [AuditRecord(r.id, r.at, r.who, r.what, r.issue_id, r.action_id, r.before, r.after)
                    for r in s.scalars(query)]


def _audit(audit: Audit, at: datetime, *, issue_id: int | None = None, action_id: int | None = None) -> m.AuditEntry:
    return m.AuditEntry(at=at, who=audit.who, what=audit.what, issue_id=issue_id, action_id=action_id,
                        before=audit.before, after=audit.after)


def _issue(r: m.Issue) -> IssueRecord:
    return IssueRecord(r.id, r.stage, r.category, r.severity, r.order_no, r.buyer_id, r.buyer_nick,
                       r.conversation_id, r.owner, r.state, r.note or "", tuple(r.evidence or ()), r.follow_up_at,
                       r.satisfaction, r.opened_at, r.resolved_at, tuple(r.photos or ()))


def _action(r: m.IssueAction) -> ActionRecord:
    return ActionRecord(r.id, r.issue_id, r.kind, dict(r.fields or {}), r.amount_fen, r.status, r.by, r.at,
                        r.decided_by or "", r.decided_at)
