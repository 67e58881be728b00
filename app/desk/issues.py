"""Order issues and their typed actions, with the shop's rules enforced here — below any UI, so a script or a
second front-end cannot bypass them: money in integer fen, never over what the order can still give back,
role limits that turn an over-limit action into an approval request, and an audit entry for every money
action, override and approval.

Problems are IssueRefused (app/desk/refused.py) with a code, the field and the detail: the UI words them, the CLI
prints them. Beside it: each action's fields (action_fields.py), the limits (policy.py), the people and their
passwords (profiles.py, which IssueDesk is built on) and clusters of one problem on one item (clusters.py).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

from app.store.audit_log import Audit, AuditLog
from app.store.errors import OverOrderTotal, ServerRefused
from app.store.images import ImageError
from app.store.issues import IssueFilter, IssueStore, RefundCap
from app.store.records import ActionRecord, IssueRecord
from app.store.store import Store

from app.desk import shop_settings
from app.desk.action_fields import validate
from app.desk.checks import WeightCheck, missing_item_check, return_weight_flag
from app.desk.clusters import Cluster, cluster_around
from app.desk.money import yuan_text
from app.desk.policy import Policy, parse_policy
from app.desk.profiles import ProfileDesk
from app.desk.reasons import Reason
from app.desk.refused import IssueRefused

from app import domain

STAGES = ("pre_sale", "in_sale", "after_sale", "bad_review")
CATEGORIES: dict[str, tuple[str, ...]] = {
    "pre_sale": ("size_advice", "stock", "coupon", "price_rounding", "product_question"),
    "in_sale": ("multiple_addresses", "unclear_address", "out_of_area", "out_of_stock", "free_shipping_not_met",
                "buyer_note", "tracking_timeout", "address_change", "lost_parcel"),
    "after_sale": ("damage", "wrong_item", "missing_item", "not_received", "quality", "return", "exchange"),
    "bad_review": ("bad_review",),
}
SEVERITIES = ("low", "normal", "high", "urgent")
STATES = ("open", "waiting_buyer", "waiting_warehouse", "waiting_finance", "resolved", "rejected")
OPEN_STATES = STATES[:4]

REFUNDS = ("partial_refund", "full_refund")
MONEY_KINDS = ("price_rounding", *REFUNDS, "gift")
COUNTING = ("done", "awaiting_approval")  # what the order can still give back takes pending requests into account


@dataclass(frozen=True)
class Outcome:
    action: ActionRecord
    needs_approval: str = ""  # why a supervisor must approve; "" when it is done
    warnings: tuple[str, ...] = field(default_factory=tuple)  # fraud signals to look at before money goes out


class IssueDesk(ProfileDesk):
    """The issue book of one desk's agent: issues opened, their typed actions recorded under the shop's rules."""

    def __init__(self, store: Store, agent: str, *, clock: Callable[[], datetime] = domain.now_utc) -> None:
        super().__init__(store, agent, clock=clock)
        self.repo = IssueStore(store)

    # the limits

    @property
    def policy(self) -> Policy:
        raw = shop_settings.POLICY.read(self.store)
        return Policy(**json.loads(raw)) if raw else Policy()

    def set_policy(self, policy: Policy, supervisor: str, password: str) -> None:
        supervisor, _hash = self._supervisor(supervisor, password)
        policy = parse_policy(asdict(policy), Policy())  # a script passing a Policy meets the same bounds
        before = shop_settings.POLICY.read(self.store)
        with self.writing_as_supervisor(supervisor, password) as store:
            shop_settings.POLICY.write(store, json.dumps(asdict(policy)))
            AuditLog(store).write_audit(Audit(supervisor, "policy changed", json.loads(before) if before else None,
                                              asdict(policy)), self.clock())

    # issues

    def open_issue(self, *, stage: str, category: str, severity: str = "normal", order_no: str = "",
                   buyer_id: str = "", buyer_nick: str = "", conversation_id: str = "", note: str = "",
                   evidence: Sequence[int] = (), follow_up_at: datetime | None = None) -> IssueRecord:
        if stage not in STAGES:
            raise IssueRefused("unknown_stage", Reason("unknown_stage", f"stage must be one of {', '.join(STAGES)}",
                                                       value=stage), "stage", stage)
        if category not in CATEGORIES[stage]:
            raise IssueRefused("unknown_category", Reason("unknown_category", f"{category!r} is not a {stage} category",
                                                           value=category, stage=stage), "category", category)
        if severity not in SEVERITIES:
            raise IssueRefused("unknown_severity", Reason("unknown_severity", "severity must be one of "
                               f"{', '.join(SEVERITIES)}", value=severity), "severity", severity)
        if not (order_no.strip() or buyer_nick.strip() or buyer_id):
            raise IssueRefused("missing_field", Reason("needs_order_or_buyer", "an issue needs an order no. or a buyer"),
                               "order_no")
        values = {"stage": stage, "category": category, "severity": severity, "order_no": order_no.strip(),
                  "buyer_id": buyer_id, "buyer_nick": buyer_nick.strip(), "conversation_id": conversation_id,
                  "owner": self.agent, "state": "open", "note": note, "follow_up_at": follow_up_at}
        if order_no.strip() and not buyer_id:  # companion mode: the order no. was typed or pasted
            order = self._order(order_no.strip())
            if order is not None:
                values["buyer_id"] = order.buyer_id
        if evidence:  # pictures the buyer sent among the chosen messages become the issue's photos
            values["photos"] = list(dict.fromkeys(
                msg.image for msg in self.store.messages_by_id(evidence)
                if msg.image and msg.direction == "in" and self.store.images.has(msg.image)))
        return self.repo.add_issue(values, evidence, self.clock(), Audit(self.agent, "issue opened", None,
                                                                           _jsonable(values)))

    def attach_photos(self, issue_id: int, paths: Sequence[Path]) -> IssueRecord:
        """Keep the pictures (item, packing slip, parcel) in the image store and on the issue; all or none —
        one file that is not a picture stops the lot, named."""
        issue = self._issue(issue_id)
        kept: list[str] = []
        for path in paths:
            try:
                kept.append(self.store.images.put_file(path))
            except ImageError as exc:
                raise IssueRefused("bad_photo", Reason("bad_photo", f"{path.name}: {exc}", file=path.name, problem=exc),
                                   "photos", path.name) from exc
        photos = list(dict.fromkeys([*issue.photos, *kept]))
        return self.repo.update_issue(issue_id, {"photos": photos}, self.clock(),
                                      Audit(self.agent, "photos attached", None, {"photos": kept}))

    def cluster_around(self, issue: IssueRecord) -> Cluster | None:
        """The cluster this issue completes or belongs to (app/desk/clusters.py), for an alert to the supervisor;
        None when there is none."""
        return cluster_around(issue, self.repo, self._order)

    def raise_cluster_alert(self, cluster: Cluster) -> None:
        """Put the cluster where the supervisor reviews overrides and approvals: the audit log."""
        self.audit.write_audit(cluster.alert(self.agent), self.clock())

    def set_state(self, issue_id: int, state: str, *, follow_up_at: datetime | None = None,
                  satisfaction: int | None = None) -> IssueRecord:
        if state not in STATES:
            raise IssueRefused("unknown_state", Reason("unknown_state", f"state must be one of {', '.join(STATES)}",
                                                       value=state), "state", state)
        if satisfaction is not None and not 1 <= satisfaction <= 5:
            raise IssueRefused("bad_value", Reason("out_of_range", "satisfaction: 1–5", field="satisfaction", low=1, high=5,
                                                   value=satisfaction), "satisfaction", str(satisfaction))
        before = self._issue(issue_id)
        changes: dict[str, object] = {"state": state,
                                      "resolved_at": self.clock() if state in ("resolved", "rejected") else None}
        if follow_up_at is not None:
            changes["follow_up_at"] = follow_up_at
        if satisfaction is not None:
            changes["satisfaction"] = satisfaction
        return self.repo.update_issue(issue_id, changes, self.clock(),
                                      Audit(self.agent, "state changed", {"state": before.state}, _jsonable(changes)))

    def issues(self, where: IssueFilter = IssueFilter()) -> list[IssueRecord]:  # noqa: B008 - frozen default
        return self.repo.issues(where)

    def _issue(self, issue_id: int) -> IssueRecord:
        issue = self.repo.issue(issue_id)
        if issue is None:
            raise IssueRefused("no_issue", Reason("no_issue", f"issue {issue_id} does not exist", issue=issue_id), "issue",
                               str(issue_id))
        return issue

    def _order(self, order_no: str) -> domain.Order | None:
        return self.store.order(order_no)

    # actions

    def act(self, issue_id: int, kind: str, raw: Mapping[str, object]) -> Outcome:
        """Record a typed action. Money actions are checked against the order and the agent's limits: over a
        limit the action waits for a supervisor and counts for nothing until approved."""
        issue = self._issue(issue_id)
        if issue.state in ("resolved", "rejected"):
            raise IssueRefused("closed", Reason("closed", f"issue {issue_id} is {issue.state}: reopen it first",
                                                issue=issue_id, state=issue.state), "state", issue.state)
        fields = validate(kind, raw)
        amount, needs, warnings = 0, "", []
        if kind in MONEY_KINDS:
            amount, needs = self._money(issue, kind, fields)
        if kind == "return":
            warnings += self._return_flags(issue, fields)
        elif kind in MONEY_KINDS:
            warnings += self.flags(issue_id)  # what the returns on this issue showed, before money goes out
        status = "awaiting_approval" if needs else "done"
        audit = None
        if kind in MONEY_KINDS or warnings:
            what = "approval requested" if needs else ("override" if self.role(self.agent) == "supervisor"
                                                       and self._over_limit(issue, kind, amount) else "money action")
            audit = Audit(self.agent, f"{kind}: {what}", None, {"amount_fen": amount, **_jsonable(fields),
                                                                  "warnings": warnings, "why": needs})
        changes: dict[str, object] | None = None
        if kind in REFUNDS and status == "done":
            changes = {"state": "waiting_finance"}
        elif kind == "contact":  # a message or call that got no answer leaves the issue waiting for the buyer
            changes = {"state": "open" if fields.get("answered") else "waiting_buyer"}
            if fields.get("next_try"):
                changes["follow_up_at"] = datetime.fromisoformat(str(fields["next_try"])).astimezone(UTC)
        order = self._order(issue.order_no) if kind in REFUNDS else None
        cap = RefundCap(order.no, order.amount_fen, REFUNDS, COUNTING) if order is not None else None
        try:
            action = self.repo.add_action(issue_id, kind, _jsonable(fields), amount, status, self.agent,
                                          self.clock(), audit, changes, cap)
        except OverOrderTotal as exc:  # another desk's refund on this order was saved a moment earlier
            raise _over_refundable(amount, exc.order_no, exc.left_fen, cap.total_fen if cap else 0) from exc
        except ServerRefused as exc:  # the team's server holds the rules too (a supervisor's profile on an agent's login)
            raise IssueRefused("server_refused", Reason("server_refused", f"the team's server refused it: {exc.detail}",
                                                        detail=exc.detail), "kind", kind) from exc
        return Outcome(action, needs, tuple(warnings))

    def flags(self, issue_id: int) -> list[str]:
        """Fraud signals on an issue's returns (a return tracking no. seen on another issue, a return far lighter
        than its items), to show before money goes out."""
        issue = self._issue(issue_id)
        found: list[str] = []
        for action in self.repo.actions(issue_id):
            if action.kind == "return" and action.status == "done":
                found += [f for f in self._return_flags(issue, action.fields) if f not in found]
        return found

    def weight_check(self, issue_id: int, parcel: domain.Parcel | None) -> WeightCheck:
        """The missing-item check for an issue's order against the courier's record (or weights the agent read
        off the courier's site); the suggestion is kept in the audit log with the figures it came from."""
        issue = self._issue(issue_id)
        order = self._order(issue.order_no) if issue.order_no else None
        if order is None:
            raise _unknown_order(issue.order_no)
        check = missing_item_check(order, parcel)
        self.audit.write_audit(Audit(self.agent, f"weight check: {check.verdict}", None,
                                     {"issue": issue_id, "origin_g": check.origin_g, "last_g": check.last_g,
                                      "expected_g": [check.expected_low_g, check.expected_high_g],
                                      "reasons": list(check.reasons)}), self.clock())
        return check

    def _return_flags(self, issue: IssueRecord, fields: Mapping[str, object]) -> list[str]:
        flags: list[str] = []
        tracking = str(fields.get("return_tracking_no") or "")
        if tracking:
            for _other, other_issue in self.repo.actions_with_field("return", "return_tracking_no", tracking):
                if other_issue.id != issue.id:
                    flags.append(Reason(
                        "return_tracking_reused", f"return tracking no. {tracking} was already used on issue "
                        f"{other_issue.id} (order {other_issue.order_no or '?'}, buyer {other_issue.buyer_nick or '?'})",
                        tracking=tracking, issue=other_issue.id, order=other_issue.order_no or "?",
                        buyer=other_issue.buyer_nick or "?"))
        weight = fields.get("weight_g")
        order = self._order(issue.order_no) if issue.order_no else None
        if fields.get("received") and isinstance(weight, int) and order is not None:
            returned = re.split(r"[、,，;；]", str(fields.get("items") or ""))  # a partial return names its items
            flag = return_weight_flag(order, weight, [name for name in returned if name.strip()])
            if flag:
                flags.append(flag)
        return flags

    def approve(self, action_id: int, supervisor: str, password: str, *, approve: bool = True) -> ActionRecord:
        """A supervisor decides an over-limit request. Never their own: the limits would mean nothing for an
        agent made supervisor later (a supervisor's own over-limit action is done at once, as an override, so a
        shop with one supervisor never needs this); withdrawing (refusing) one's own request is allowed."""
        action = self.repo.action(action_id)
        if action is None:
            raise IssueRefused("no_action", Reason("no_action", f"action {action_id} does not exist", action=action_id),
                               "action", str(action_id))
        supervisor, _hash = self._supervisor(supervisor, password)
        if approve and supervisor == action.by:
            raise IssueRefused("own_request", Reason("own_request", f"{action.by!r} asked for this: another supervisor "
                                                     "approves it", name=action.by), "supervisor", action.by)
        cap = None
        if approve and action.kind in REFUNDS:  # the order may have been refunded meanwhile
            order = self._order(self._issue(action.issue_id).order_no)
            cap = RefundCap(order.no, order.amount_fen, REFUNDS, ("done",)) if order is not None else None
        status = "done" if approve else "refused"
        try:
            with self.writing_as_supervisor(supervisor, password) as store:
                return IssueStore(store).decide(
                    action_id, status, supervisor, self.clock(),
                    Audit(supervisor, "approved" if approve else "refused", {"status": action.status},
                          {"status": status, "amount_fen": action.amount_fen, "by": action.by}), cap)
        except OverOrderTotal as exc:
            left = yuan_text(exc.left_fen)
            raise IssueRefused("over_order_total", Reason("approval_over_total", "approving would refund more than "
                               f"the order's total (¥{left} left)", left=left), "amount", left) from exc

    def actions(self, issue_id: int) -> list[ActionRecord]:
        return self.repo.actions(issue_id)

    def prefill(self, issue_id: int, kind: str) -> dict[str, object]:
        """What the desk already knows for an action's form: the buyer's real name and Alipay account from the
        imported order export, the order's address and items for a reship."""
        from app.desk.order_import import contact

        issue = self._issue(issue_id)
        known = contact(self.store, issue.order_no) if issue.order_no else {}
        order = self._order(issue.order_no) if issue.order_no else None
        values: dict[str, object] = {}
        if kind in REFUNDS:
            values |= {k: known[k] for k in ("real_name", "alipay") if known.get(k)}
        if kind == "reship" and order is not None:
            values |= {"address": order.address, "items": "、".join(i.title for i in order.items),
                       "courier": order.courier}
        return {k: v for k, v in values.items() if v}

    def limit(self, kind: str) -> str:
        """This desk's agent's limit for a money action, to show before it is recorded (a Reason); "" where none
        applies: a supervisor, a full refund (the order's total is its cap), an action without money."""
        if kind not in MONEY_KINDS or kind == "full_refund" or self.role(self.agent) == "supervisor":
            return ""
        return self.policy.limit_text(kind)

    def over_limit(self, issue_id: int, kind: str, amount_fen: int) -> str:
        """Why this amount would wait for a supervisor before it is recorded, as act() decides it ("" when it is
        within this agent's limits, or the order is not known yet: act() says so)."""
        if kind not in MONEY_KINDS or kind == "full_refund" or self.role(self.agent) == "supervisor":
            return ""
        if kind == "gift":
            return self.policy.gift_reason(amount_fen)
        issue = self._issue(issue_id)
        order = self._order(issue.order_no) if issue.order_no else None
        return self._limit_reason(order, kind, amount_fen) if order is not None else ""

    def _money(self, issue: IssueRecord, kind: str, fields: dict[str, object]) -> tuple[int, str]:
        if kind == "gift":
            amount = int(fields.get("value") or 0)  # type: ignore[call-overload]
            return amount, self.policy.gift_reason(amount) if self.role(self.agent) != "supervisor" else ""
        order = self._order(issue.order_no) if issue.order_no else None
        if order is None:
            raise _unknown_order(issue.order_no)
        refunded = self.repo.amount_for_order(order.no, REFUNDS, COUNTING)
        left = order.amount_fen - refunded
        if kind == "full_refund":
            if left <= 0:
                raise IssueRefused("over_order_total", Reason("nothing_left", f"order {order.no} has nothing left to refund",
                                                               order=order.no), "amount", "0.00")
            fields["amount"] = left
            return left, ""
        amount = int(fields["amount"])  # type: ignore[call-overload]
        if amount <= 0:
            raise IssueRefused("bad_amount", Reason("amount_not_positive", "the amount must be more than ¥0.00"), "amount",
                               yuan_text(amount))
        if kind in REFUNDS and amount > left:
            raise _over_refundable(amount, order.no, left, order.amount_fen)
        if kind == "price_rounding" and amount > order.amount_fen:
            raise IssueRefused("over_order_total", Reason("rounding_over_total", "rounding cannot exceed the order "
                               f"amount (¥{yuan_text(order.amount_fen)})", total=yuan_text(order.amount_fen)), "amount")
        if self.role(self.agent) == "supervisor":
            return amount, ""
        return amount, self._limit_reason(order, kind, amount)

    def _limit_reason(self, order: domain.Order, kind: str, amount: int) -> str:
        day_start = self.clock().astimezone().replace(hour=0, minute=0, second=0, microsecond=0)
        return self.policy.order_reason(
            order, kind, amount, lambda: self.repo.count_actions("price_rounding", self.agent, day_start, ("done",)))

    def _over_limit(self, issue: IssueRecord, kind: str, amount: int) -> bool:
        if kind == "gift":  # its limit is not the order's: a supervisor's big gift is an override too
            return amount > self.policy.gift_max_fen
        order = self._order(issue.order_no) if issue.order_no else None
        return order is not None and bool(self._limit_reason(order, kind, amount))


def _over_refundable(amount: int, order_no: str, left: int, total: int) -> IssueRefused:
    return IssueRefused("over_order_total", Reason(
        "over_refundable", f"¥{yuan_text(amount)} is more than order {order_no} can still refund "
        f"(¥{yuan_text(left)} of ¥{yuan_text(total)})", amount=yuan_text(amount), order=order_no, left=yuan_text(left),
        total=yuan_text(total)), "amount", yuan_text(left))


def _unknown_order(order_no: str) -> IssueRefused:
    return IssueRefused("unknown_order", Reason(
        "unknown_order", f"order {order_no or '(none)'} is not in the store: import the shop's order export (or open "
        "the buyer's chat) first", order=order_no), "order_no", order_no)


def _jsonable(values: Mapping[str, object]) -> dict[str, object]:
    return {k: (v.isoformat() if isinstance(v, datetime) else v) for k, v in values.items()}


def day_bounds(day: str) -> tuple[datetime, datetime]:
    """A local calendar day (YYYY-MM-DD) as a UTC [start, end) pair: the tables are per local day."""
    try:
        start = datetime.fromisoformat(day).astimezone()
    except ValueError as exc:
        raise IssueRefused("bad_value", Reason("not_a_date", f"{day!r} is not a date such as 2026-11-24", value=day),
                           "date", day) from exc
    start = start.replace(hour=0, minute=0, second=0, microsecond=0)
    return start.astimezone(UTC), (start + timedelta(days=1)).astimezone(UTC)
