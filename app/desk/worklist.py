"""The in-sale agent's worklist: every open problem order with the step it is at and when that step is due.

The floor's rule (DOMAIN.md): each problem needs a message, a follow-up date, then a phone call — a buyer who
has not answered a message within 2 days is phoned, with the number one click away. The step is worked out
from the issue's contact attempts and, when the desk holds the chat, from whether the buyer wrote back since;
nothing has to flip a flag on time for a problem to move to "phone".
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timedelta

from app.store.issues import IssueFilter
from app.store.records import ActionRecord, IssueRecord

from app.desk.issues import OPEN_STATES, IssueDesk

PHONE_AFTER = timedelta(days=2)  # no answer to a message within this → phone
PHONE_RETRY = timedelta(hours=4)  # an unanswered call is tried again after this, unless a next try is set
STEPS = ("message", "waiting", "phone", "follow_up")


@dataclass(frozen=True)
class WorkItem:
    issue: IssueRecord
    step: str  # message: write to the buyer; waiting: messaged, waiting for an answer; phone: call; follow_up
    due_at: datetime | None  # when the step is due; None: nothing is scheduled
    attempts: int  # contact attempts so far (messages and calls)
    last_contact_at: datetime | None
    phone: str  # the buyer's number, from the order export, the problem list or the gateway; "" if unknown

    def overdue(self, now: datetime) -> bool:
        return self.due_at is not None and self.due_at <= now


def worklist(desk: IssueDesk, *, now: datetime | None = None, stage: str = "in_sale", category: str = "",
             step: str = "", limit: int = 5_000) -> list[WorkItem]:
    """Open issues of a stage (problem orders by default), most urgent first: overdue steps by how long they
    are overdue, then the ones due later, then those with nothing scheduled."""
    now = now or desk.clock()
    issues = [i for i in desk.issues(IssueFilter(states=OPEN_STATES, stage=stage, category=category, limit=limit))]
    contacts = desk.repo.contact_actions([i.id for i in issues])
    by_order, by_buyer = desk.repo.phones(sorted({i.order_no for i in issues if i.order_no}),
                                          sorted({i.buyer_id for i in issues if i.buyer_id}))
    wrote = desk.repo.last_buyer_messages(sorted({i.buyer_id for i in issues if i.buyer_id}))
    items = []
    for issue in issues:
        attempts = contacts.get(issue.id, [])
        found_step, due = step_of(issue, attempts, wrote.get(issue.buyer_id), now)
        if step and found_step != step:
            continue
        phone = by_order.get(issue.order_no) or by_buyer.get(issue.buyer_id, "")
        items.append(WorkItem(issue, found_step, due, len(attempts), attempts[-1].at if attempts else None, phone))
    far = datetime.max.replace(tzinfo=now.tzinfo)
    items.sort(key=lambda w: (w.due_at is None, w.due_at or far, w.issue.id))
    return items


def counts(items: list[WorkItem]) -> tuple[Counter[str], Counter[str]]:
    """(items per step, items per category), for the worklist's tabs."""
    return Counter(w.step for w in items), Counter(w.issue.category for w in items)


def step_of(issue: IssueRecord, attempts: list[ActionRecord], buyer_wrote_at: datetime | None,
            now: datetime) -> tuple[str, datetime | None]:
    """The step a problem is at and when it is due, from its contact attempts (oldest first) and the last time
    the buyer wrote in any chat the desk holds."""
    if not attempts:
        return "message", issue.follow_up_at or issue.opened_at
    last = attempts[-1]
    next_try = _time(last.fields.get("next_try"))
    answered = last.fields.get("answered") is True or (buyer_wrote_at is not None and buyer_wrote_at > last.at)
    if answered:
        return "follow_up", next_try or issue.follow_up_at
    if last.fields.get("channel") == "phone":
        return "phone", next_try or last.at + PHONE_RETRY
    # messages since the buyer last answered: the two days run from the first of them
    unanswered = []
    for attempt in reversed(attempts):
        if attempt.fields.get("channel") != "message" or attempt.fields.get("answered") is True or (
                buyer_wrote_at is not None and buyer_wrote_at > attempt.at):
            break
        unanswered.append(attempt)
    first = min(a.at for a in unanswered)
    phone_at = first + PHONE_AFTER
    if now >= phone_at:
        return "phone", phone_at
    if next_try is not None and next_try < phone_at:
        return ("message", next_try) if now >= next_try else ("waiting", next_try)
    return "waiting", phone_at


def _time(value: object) -> datetime | None:
    if not isinstance(value, str) or not value:
        return None
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        return None
