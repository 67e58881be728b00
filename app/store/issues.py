"""Issues and their actions in the store. Rules live in app.desk.issues; this only keeps records, each change
and its audit entry in one transaction."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from app.store import models as m
from app.store.audit_log import Audit, add_audit
from app.store.batches import Batch, batched
from app.store.errors import OverOrderTotal, StoreError
from app.store.records import ActionRecord, IssueRecord
from app.store.store import Store

ISSUE_FIELDS = ("stage", "category", "severity", "order_no", "buyer_id", "buyer_nick", "conversation_id", "owner",
                "state", "note", "follow_up_at", "satisfaction", "resolved_at", "photos")


@dataclass(frozen=True)
class RefundCap:
    """Checked inside the write, with the order's row locked: what counts as refunded (kinds in statuses) plus
    this amount may not pass the order's total. Two desks on one server saving together cannot both pass."""

    order_no: str
    total_fen: int
    kinds: tuple[str, ...]
    statuses: tuple[str, ...]


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
            fields = {k: values[k] for k in ISSUE_FIELDS if k in values}
            fields["photos"] = list(fields.get("photos") or ())  # the buyer's pictures among the evidence
            row = m.Issue(**fields, evidence=list(evidence), opened_at=opened_at)
            s.add(row)
            s.flush()
            add_audit(s, audit, opened_at, issue_id=row.id)
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
            add_audit(s, audit, at, issue_id=issue_id)
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

    def buyers_with_open_issues(self, open_states: Sequence[str]) -> frozenset[str]:
        """Buyer ids that have at least one issue in these states (the queue marks their chats)."""
        query = select(m.Issue.buyer_id).where(m.Issue.state.in_(list(open_states)), m.Issue.buyer_id != "").distinct()
        with self.store.reading() as s:
            return frozenset(s.scalars(query))

    def issues_for_orders(self, order_nos: Sequence[str], stage: str) -> list[IssueRecord]:
        """Every issue of a stage on any of these orders, whatever its state (for deduplicating imports)."""
        found: list[IssueRecord] = []
        with self.store.reading() as s:
            for start in range(0, len(order_nos), 500):
                chunk = list(order_nos[start:start + 500])
                query = select(m.Issue).where(m.Issue.stage == stage, m.Issue.order_no.in_(chunk))
                found.extend(_issue(row) for row in s.scalars(query))
        return found

    def import_issues(self, new: Sequence[dict[str, Any]], updates: Sequence[tuple[int, dict[str, Any]]],
                      phones: dict[str, tuple[str, str]], at: datetime, audit: Audit) -> list[int]:
        """A whole import, all of it or none, in short batches a running desk writes between
        (app/store/batches.py): new issues (each with an "issue opened" audit entry), changes to known ones, buyers'
        phone numbers by order no. ({order no.: (nick, phone)}, kept beside the order export's contacts without
        overwriting them), and one audit entry for the import, in its last step. Undone, the issues go and an
        audit entry says so (the entries of the issues opened stay: the log is append-only). Returns the new
        ids."""
        ids: list[int] = []
        work: list[tuple[str, Any]] = [*(("new", v) for v in new), *(("update", u) for u in updates),
                                       *(("phone", p) for p in phones.items())]

        def write(batch: Batch, items: Sequence[tuple[str, Any]]) -> None:
            s = batch.s
            batch.new_rows(m.Issue.__table__)
            batch.rows(m.Issue.__table__, [item[0] for kind, item in items if kind == "update"])
            batch.rows(m.OrderContact.__table__, [item[0] for kind, item in items if kind == "phone"])
            for kind, item in items:
                if kind == "new":
                    row = m.Issue(**{k: item[k] for k in ISSUE_FIELDS if k in item}, evidence=[], photos=[],
                                  opened_at=at)
                    s.add(row)
                    s.flush()
                    ids.append(row.id)
                    add_audit(s, Audit(audit.who, "issue opened", None, _plain(item)), at, issue_id=row.id)
                elif kind == "update":
                    issue_id, changes = item
                    found = s.get(m.Issue, issue_id)
                    if found is None:
                        raise StoreError(f"issue {issue_id} does not exist")
                    for key, value in changes.items():
                        setattr(found, key, value)
                else:
                    order_no, (nick, phone) = item
                    known = s.get(m.OrderContact, order_no)
                    if known is None:
                        s.add(m.OrderContact(order_no=order_no, buyer_nick=nick, receiver_name="", alipay="",
                                             phone=phone, imported_at=at))
                    elif not known.phone:
                        known.phone = phone

        with batched(self.store, "problem_orders", audited=True, who=audit.who) as job:
            job.write(work, write)
            job.finish(lambda s: add_audit(s, audit, at))
        return ids

    def phones(self, order_nos: Sequence[str], buyer_ids: Sequence[str]) -> tuple[dict[str, str], dict[str, str]]:
        """Known phone numbers: ({order no.: phone} from imports, {buyer id: phone} from the gateway)."""
        by_order: dict[str, str] = {}
        by_buyer: dict[str, str] = {}
        with self.store.reading() as s:
            for start in range(0, len(order_nos), 500):
                chunk = list(order_nos[start:start + 500])
                query = select(m.OrderContact.order_no, m.OrderContact.phone).where(
                    m.OrderContact.order_no.in_(chunk), m.OrderContact.phone != "")
                by_order.update({no: phone for no, phone in s.execute(query)})
            for start in range(0, len(buyer_ids), 500):
                chunk = list(buyer_ids[start:start + 500])
                query = select(m.Buyer.id, m.Buyer.phone).where(m.Buyer.id.in_(chunk), m.Buyer.phone != "")
                by_buyer.update({buyer: phone for buyer, phone in s.execute(query)})
        return by_order, by_buyer

    def last_buyer_messages(self, buyer_ids: Sequence[str]) -> dict[str, datetime]:
        """When each buyer last wrote in any of their chats (to tell whether they answered a message)."""
        c, msg = m.Conversation, m.Message
        last: dict[str, datetime] = {}
        with self.store.reading() as s:
            for start in range(0, len(buyer_ids), 500):
                chunk = list(buyer_ids[start:start + 500])
                query = (select(c.buyer_id, func.max(msg.sent_at)).join(msg, msg.conversation_id == c.id)
                         .where(c.buyer_id.in_(chunk), msg.direction == "in").group_by(c.buyer_id))
                for buyer, at in s.execute(query):
                    if at is not None:
                        last[buyer] = at
        return last

    def contact_actions(self, issue_ids: Sequence[int]) -> dict[int, list[ActionRecord]]:
        """The contact attempts of these issues, oldest first."""
        a = m.IssueAction
        found: dict[int, list[ActionRecord]] = {}
        with self.store.reading() as s:
            for start in range(0, len(issue_ids), 500):
                chunk = list(issue_ids[start:start + 500])
                query = select(a).where(a.issue_id.in_(chunk), a.kind == "contact", a.status == "done").order_by(a.id)
                for row in s.scalars(query):
                    found.setdefault(row.issue_id, []).append(_action(row))
        return found

    # --- actions -----------------------------------------------------------------------------------

    def add_action(self, issue_id: int, kind: str, fields: dict[str, Any], amount_fen: int, status: str, by: str,
                   at: datetime, audit: Audit | None, issue_changes: dict[str, Any] | None = None,
                   cap: RefundCap | None = None) -> ActionRecord:
        """The action, its audit entry and any change to the issue's state: one transaction. With a cap, the
        order's refunds are summed again under a lock on the order and OverOrderTotal raised if it would pass."""
        with self.store.writing() as s:
            issue = s.get(m.Issue, issue_id)
            if issue is None:
                raise StoreError(f"issue {issue_id} does not exist")
            if cap is not None:
                _check_cap(s, cap, amount_fen)
            row = m.IssueAction(issue_id=issue_id, kind=kind, fields=fields, amount_fen=amount_fen, status=status,
                                by=by, at=at, decided_by="", decided_at=None)
            s.add(row)
            s.flush()
            for key, value in (issue_changes or {}).items():
                setattr(issue, key, value)
            if audit is not None:
                add_audit(s, audit, at, issue_id=issue_id, action_id=row.id)
            return _action(row)

    def decide(self, action_id: int, status: str, by: str, at: datetime, audit: Audit,
               cap: RefundCap | None = None) -> ActionRecord:
        with self.store.writing() as s:
            row = s.get(m.IssueAction, action_id)
            if row is None:
                raise StoreError(f"action {action_id} does not exist")
            if cap is not None:
                _check_cap(s, cap, row.amount_fen)
            if row.status != "awaiting_approval":
                raise StoreError(f"action {action_id} was already decided ({row.status})")
            row.status, row.decided_by, row.decided_at = status, by, at
            add_audit(s, audit, at, issue_id=row.issue_id, action_id=action_id)
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
                        statuses: Sequence[str] = ("done",), *,
                        by_decision: bool = False) -> list[tuple[ActionRecord, IssueRecord]]:
        """Actions recorded in [start, end); by_decision: that took effect then instead — an approved one when it
        was approved (a refund is payable from then, and falls in that day's table), the others when recorded."""
        a, i = m.IssueAction, m.Issue
        when = func.coalesce(a.decided_at, a.at) if by_decision else a.at
        query = (select(a, i).join(i, i.id == a.issue_id)
                 .where(a.kind.in_(list(kinds)), a.status.in_(list(statuses)), when >= start, when < end)
                 .order_by(when, a.id))
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
                 .where(a.kind == kind, a.fields[field].as_string() == value))  # json_extract / ->> per dialect
        with self.store.reading() as s:
            return [(_action(action), _issue(issue)) for action, issue in s.execute(query)]


def _plain(values: dict[str, Any]) -> dict[str, Any]:
    return {k: (v.isoformat() if isinstance(v, datetime) else v) for k, v in values.items()}


def _issue(r: m.Issue) -> IssueRecord:
    return IssueRecord(r.id, r.stage, r.category, r.severity, r.order_no, r.buyer_id, r.buyer_nick,
                       r.conversation_id, r.owner, r.state, r.note or "", tuple(r.evidence or ()), r.follow_up_at,
                       r.satisfaction, r.opened_at, r.resolved_at, tuple(r.photos or ()))


def _action(r: m.IssueAction) -> ActionRecord:
    return ActionRecord(r.id, r.issue_id, r.kind, dict(r.fields or {}), r.amount_fen, r.status, r.by, r.at,
                        r.decided_by or "", r.decided_at)


def _check_cap(s: Session, cap: RefundCap, amount_fen: int) -> None:
    # FOR UPDATE on PostgreSQL: a second desk's transaction waits here until the first commits, then sums again
    # and sees its refund. SQLite ignores the clause: there the write transaction took the write lock at its BEGIN
    # (app/store/engine.py), so no other process writes between this sum and the commit
    s.execute(select(m.Order.no).where(m.Order.no == cap.order_no).with_for_update())
    a, i = m.IssueAction, m.Issue
    given = s.scalar(select(func.coalesce(func.sum(a.amount_fen), 0)).join(i, i.id == a.issue_id)
                     .where(i.order_no == cap.order_no, a.kind.in_(list(cap.kinds)),
                            a.status.in_(list(cap.statuses)))) or 0
    if int(given) + amount_fen > cap.total_fen:
        raise OverOrderTotal(cap.order_no, cap.total_fen - int(given))
