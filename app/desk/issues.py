"""Order issues and their typed actions, with the shop's rules enforced here — below any UI, so a script or a
second front-end cannot bypass them: money in integer fen, never over what the order can still give back,
role limits that turn an over-limit action into an approval request, and an audit entry for every money
action, override and approval.

Problems are IssueRefused with a code, the field and the detail: the UI words them, the CLI prints them.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import json
import os
import re
import unicodedata
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

from app.desk.checks import WeightCheck, missing_item_check, return_weight_flag
from app.desk.money import over_share, parse_yuan, yuan_text
from app.desk.reasons import Reason
from app.gateway import schema
from app.store.errors import OverOrderTotal, ServerRefused, StoreUnreachable
from app.store.images import ImageError
from app.store.issues import Audit, Authority, IssueFilter, IssueStore, ProfileConflict, RefundCap
from app.store.records import ActionRecord, IssueRecord
from app.store.store import Store
from app.store.team_desk import NoTeamLogin, as_supervisor

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
ROLES = ("agent", "supervisor")

REFUNDS = ("partial_refund", "full_refund")
MONEY_KINDS = ("price_rounding", *REFUNDS, "gift")
COUNTING = ("done", "awaiting_approval")  # what the order can still give back takes pending requests into account


@dataclass(frozen=True)
class Field:
    name: str
    kind: str  # text / money / int / bool / choice / time / list
    required: bool = False
    choices: tuple[str, ...] = ()
    low: int | None = None
    high: int | None = None
    max_len: int = 500


ACTIONS: dict[str, tuple[Field, ...]] = {
    "price_rounding": (Field("amount", "money", True), Field("reason", "text")),
    "partial_refund": (Field("amount", "money", True), Field("reason", "text", True), Field("real_name", "text"),
                       Field("alipay", "text")),
    "full_refund": (Field("reason", "text", True), Field("real_name", "text"), Field("alipay", "text")),
    "return": (Field("shipping_paid_by", "choice", True, ("buyer", "shop")), Field("items", "text"),
               Field("reason", "text"), Field("return_tracking_no", "text", max_len=40), Field("received", "bool"),
               Field("weight_g", "int", low=0, high=100_000)),
    "reship": (Field("items", "text", True), Field("reason", "text", True), Field("address", "text"),
               Field("courier", "text", max_len=40), Field("new_tracking_no", "text", max_len=40)),
    "gift": (Field("kind", "choice", True, ("gift", "coupon")), Field("value", "money"), Field("note", "text")),
    "complaint": (Field("problem", "choice", True, ("wrong_item", "damage", "missing")), Field("detail", "text"),
                  Field("photos", "list"), Field("packer", "text", max_len=40)),
    "address_change": (Field("new_address", "text", True),),
    "contact": (Field("channel", "choice", True, ("message", "phone")), Field("result", "text", True),
                Field("answered", "bool"), Field("next_try", "time")),
    "review_outcome": (Field("group", "int", True, low=1, high=4), Field("rating", "int", low=1, high=5),
                       Field("review_text", "text", max_len=2000), Field("offer", "text"),
                       Field("changed", "bool", True)),
}


class IssueRefused(ValueError):
    """code: what is wrong (unknown_category, bad_amount, over_order_total, missing_field, not_supervisor…);
    field: which input; detail: the value or limit involved."""

    def __init__(self, code: str, message: str, field: str = "", detail: str = "") -> None:
        super().__init__(message)
        self.code, self.field, self.detail = code, field, detail
        self.reason = message  # a Reason: the key and values a front-end words in its own language


@dataclass(frozen=True)
class Policy:
    """Role limits for agents, per shop (kept in the store's meta as JSON)."""

    rounding_max_share: float = 0.01  # of the order amount
    rounding_per_day: int = 3
    partial_refund_max_fen: int = 600
    partial_refund_max_share: float = 0.30
    gift_max_fen: int = 2_000


# each limit, how it is typed: a share of the order in percent, a count, or yuan (stored as fen)
POLICY_FIELDS = {"rounding_max_share": "percent", "rounding_per_day": "count", "partial_refund_max_fen": "money",
                 "partial_refund_max_share": "percent", "gift_max_fen": "money"}


def parse_policy(raw: Mapping[str, object], base: Policy) -> Policy:
    """A policy from typed values ("1%" or 0.01 for a share, "6.00" yuan or fen as int for money, a whole number
    for a count), on top of base; IssueRefused names the first value out of bounds."""
    unknown = set(raw) - set(POLICY_FIELDS)
    if unknown:
        name = sorted(unknown)[0]
        raise IssueRefused("unknown_field", Reason("unknown_field", f"the policy has no field {name!r}",
                                                   action="policy", field=name), name)
    values = asdict(base)
    for name, value in raw.items():
        kind = POLICY_FIELDS[name]
        if kind == "money":
            values[name] = _typed(Field(name, "money"), value)
        elif kind == "count":
            values[name] = _typed(Field(name, "int", low=0, high=100), value)
        else:
            values[name] = _share(name, value)
    return Policy(**values)


def _share(name: str, value: object) -> float:
    """Typed text is in percent ("1%" or "1"), a number is the fraction itself (0.01); a share lies in (0, 1]."""
    text = str(value).strip().rstrip("%").strip()
    try:
        share = float(text) / 100 if isinstance(value, str) else float(text)  # type: ignore[arg-type]
    except ValueError as exc:
        raise IssueRefused("bad_value", Reason("not_a_share", f"{name}: {value!r} is not a share such as 30%",
                                               field=name, value=value), name, str(value)) from exc
    if not 0 < share <= 1:
        raise IssueRefused("bad_value", Reason("share_out_of_range", f"{name}: {value!r} is not between 0 and 100%",
                                               field=name, value=value), name, str(value))
    return round(share, 4)


@dataclass(frozen=True)
class Cluster:
    """Several buyers with the same problem on the same item in a short time: a defect or a wrong label."""

    category: str
    item: str
    issues: tuple[int, ...]


CLUSTER_SIZE = 5
CLUSTER_WINDOW = timedelta(hours=24)


@dataclass(frozen=True)
class Outcome:
    action: ActionRecord
    needs_approval: str = ""  # why a supervisor must approve; "" when it is done
    warnings: tuple[str, ...] = field(default_factory=tuple)  # fraud signals to look at before money goes out


# --- passwords: salted scrypt, never stored in the clear ----------------------------------------------

_SCRYPT = {"n": 2**14, "r": 8, "p": 1}


def hash_password(password: str) -> str:
    salt = os.urandom(16)
    digest = hashlib.scrypt(password.encode(), salt=salt, **_SCRYPT, dklen=32)
    return f"scrypt${_SCRYPT['n']}${_SCRYPT['r']}${_SCRYPT['p']}${salt.hex()}${digest.hex()}"


def password_ok(password: str, stored: str) -> bool:
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
    except ValueError:
        return False
    if scheme != "scrypt":
        return False
    try:
        candidate = hashlib.scrypt(password.encode(), salt=bytes.fromhex(salt), n=int(n), r=int(r), p=int(p),
                                   dklen=32)
    except ValueError:  # a hash that is not one of ours (or asks scrypt for more memory than it allows)
        return False
    return hmac.compare_digest(candidate.hex(), digest)


# --- people: who may change roles, passwords and limits ------------------------------------------------

MIN_PASSWORD = 6
NAME_MAX = 100  # the profile column's width
# a brake on guessing a supervisor's password: LOCK_AFTER wrong ones within LOCK_FOR lock it until LOCK_FOR after
# the last (the wrong tries are counted from the audit log, so every desk on a team's server counts them all)
LOCK_AFTER = 5
LOCK_FOR = timedelta(minutes=15)
WRONG_PASSWORD = "wrong password"


def _profile_name(name: str) -> str:
    """A person's name as kept: NFC, no surrounding spaces, nothing invisible that would make two names that
    read the same (the audit log names people by it)."""
    name = unicodedata.normalize("NFC", name.strip())
    if not name:
        raise IssueRefused("missing_field", Reason("profile_needs_name", "a profile needs a name"), "name")
    if len(name) > NAME_MAX or any(unicodedata.category(c)[0] == "C" or unicodedata.category(c) in ("Zl", "Zp")
                                   for c in name):
        raise IssueRefused("bad_value", Reason("bad_profile_name", f"a name of at most {NAME_MAX} characters, "
                                               "without control or invisible characters", limit=NAME_MAX), "name")
    return name


def _strong(password: str) -> None:
    if len(password) < MIN_PASSWORD:
        raise IssueRefused("weak_password", Reason("weak_password", "a supervisor's password needs at least "
                                                   f"{MIN_PASSWORD} characters", minimum=MIN_PASSWORD), "password")


def _agent_password(name: str) -> IssueRefused:
    return IssueRefused("agent_password", Reason("agent_password", f"{name!r} is an agent: only a supervisor has a "
                                                 "password on this desk", name=name), "password", name)


def _supervisor_needed() -> IssueRefused:
    return IssueRefused("supervisor_needed", Reason(
        "supervisor_needed", "this store has a supervisor: adding another takes an existing supervisor's name and "
        "password"), "supervisor")


def _conflict(exc: ProfileConflict) -> IssueRefused:
    """A refusal about the profiles in the desk's words, also when the store found it inside its transaction
    (another desk changed the profiles a moment earlier)."""
    name = exc.name
    if exc.code == "exists":
        return IssueRefused("profile_exists", Reason("profile_exists", f"{name!r} already has a profile: nothing was "
                                                     "changed", name=name), "name", name)
    if exc.code == "missing":
        return IssueRefused("no_profile", Reason("no_profile", f"{name!r} has no profile on this desk", name=name),
                            "name", name)
    if exc.code == "has_supervisor":
        return _supervisor_needed()
    if exc.code == "last_supervisor":
        return IssueRefused("last_supervisor", Reason("last_supervisor", f"{name!r} is the store's last supervisor: "
                                                      "make another supervisor first", name=name), "name", name)
    return IssueRefused("authority_gone", Reason("authority_gone", f"{name!r} stopped being a supervisor or changed "
                                                 "password meanwhile: nothing was changed", name=name), "supervisor", name)


# --- the desk ---------------------------------------------------------------------------------------------

POLICY_KEY = "issues.policy"


class IssueDesk:
    def __init__(self, store: Store, agent: str, *, clock: Callable[[], datetime] = schema.now_utc) -> None:
        self.store = store
        self.repo = IssueStore(store)
        self.agent = agent
        self.clock = clock

    # policy and people

    @property
    def policy(self) -> Policy:
        raw = self.store.get_meta(POLICY_KEY)
        return Policy(**json.loads(raw)) if raw else Policy()

    def set_policy(self, policy: Policy, supervisor: str, password: str) -> None:
        supervisor, _hash = self._supervisor(supervisor, password)
        policy = parse_policy(asdict(policy), Policy())  # a script passing a Policy meets the same bounds
        before = self.store.get_meta(POLICY_KEY)
        with self.writing_as_supervisor(supervisor, password) as store:
            store.set_meta(POLICY_KEY, json.dumps(asdict(policy)))
            IssueStore(store).write_audit(Audit(supervisor, "policy changed", json.loads(before) if before else None,
                                                asdict(policy)), self.clock())

    def profiles(self) -> list[tuple[str, str]]:
        """(name, role) of the people on this store, by name."""
        return self.repo.profiles()

    def add_profile(self, name: str, role: str, password: str = "", *, supervisor: str = "",
                    supervisor_password: str = "") -> bool:
        """Add a person; a name that exists is refused, never overwritten. An agent needs nobody's password (the
        profile grants nothing a desk without one lacks). A supervisor needs an existing supervisor's name and
        password — except the store's very first, made once while it has none: then True is returned."""
        name = _profile_name(name)
        if role not in ROLES:
            raise IssueRefused("unknown_role", Reason("unknown_role", f"role must be one of {', '.join(ROLES)}",
                                                       value=role), "role", role)
        if role == "supervisor":
            _strong(password)
        elif password:
            raise _agent_password(name)
        authority = self._supervisor(supervisor, supervisor_password) if supervisor else None
        first = role == "supervisor" and authority is None
        if first and self.repo.has_supervisor():
            raise _supervisor_needed()
        audit = Audit(authority[0] if authority else self.agent, "first supervisor" if first else "profile added",
                      None, {"profile": name, "role": role, "desk": self.agent})
        try:
            self.repo.add_profile(name, role, hash_password(password) if password else "", self.clock(), audit,
                                  authority=authority, first_supervisor=first)
        except ProfileConflict as exc:
            raise _conflict(exc) from exc
        return first

    def set_role(self, name: str, role: str, *, supervisor: str, supervisor_password: str,
                 password: str = "") -> None:
        """Make a person an agent or a supervisor, on an existing supervisor's name and password. A new supervisor
        is given their password here; an agent keeps none. The store's last supervisor stays one."""
        name = _profile_name(name)
        if role not in ROLES:
            raise IssueRefused("unknown_role", Reason("unknown_role", f"role must be one of {', '.join(ROLES)}",
                                                       value=role), "role", role)
        before = self._profile(name)
        if before == role:
            raise IssueRefused("same_role", Reason("same_role", f"{name!r} already has that role", name=name), "role",
                               role)
        if role == "supervisor":
            _strong(password)
        elif password:
            raise _agent_password(name)
        authority = self._supervisor(supervisor, supervisor_password)
        self._change(name, Audit(authority[0], "role changed", {"profile": name, "role": before},
                                 {"profile": name, "role": role, "desk": self.agent}), authority,
                     role=role, password_hash=hash_password(password) if password else "")

    def set_password(self, name: str, new_password: str, *, old_password: str = "", supervisor: str = "",
                     supervisor_password: str = "") -> None:
        """A supervisor's new password: their own with their old one, or anyone's with a supervisor's name and
        password (written down as that supervisor's doing)."""
        name = _profile_name(name)
        if self._profile(name) != "supervisor":
            raise _agent_password(name)
        _strong(new_password)
        authority = (self._supervisor(supervisor, supervisor_password) if supervisor
                     else self._supervisor(name, old_password))
        self._change(name, Audit(authority[0], "password changed", None, {"profile": name, "desk": self.agent}),
                     authority, password_hash=hash_password(new_password))

    def remove_profile(self, name: str, *, supervisor: str, supervisor_password: str) -> None:
        """Take a person off this store, on a supervisor's name and password; never the last supervisor."""
        name = _profile_name(name)
        before = self._profile(name)
        authority = self._supervisor(supervisor, supervisor_password)
        self._change(name, Audit(authority[0], "profile removed", {"profile": name, "role": before},
                                 {"desk": self.agent}), authority, remove=True)

    def role(self, name: str) -> str:
        found = self.repo.profile(name)
        return found[0] if found else "agent"

    def _profile(self, name: str) -> str:
        found = self.repo.profile(name)
        if found is None:
            raise _conflict(ProfileConflict("missing", name))
        return found[0]

    def _change(self, name: str, audit: Audit, authority: Authority, *, role: str | None = None,
                password_hash: str | None = None, remove: bool = False) -> None:
        try:
            self.repo.change_profile(name, self.clock(), audit, authority=authority, role=role,
                                     password_hash=password_hash, remove=remove)
        except ProfileConflict as exc:
            raise _conflict(exc) from exc

    @contextlib.contextmanager
    def writing_as_supervisor(self, name: str, password: str) -> Iterator[Store]:
        """Where a supervisor's decision is written: on a team's server, an agent's desk signs in as the
        supervisor's own login for it (the server lets only that decide; app/store/team.py)."""
        try:
            with as_supervisor(self.store, name, password) as store:
                yield store
        except NoTeamLogin as exc:
            raise IssueRefused("no_team_login", Reason(
                "no_team_login", f"{name!r} has no supervisor's login on the team's server: the owner adds one with "
                "kefudesk team setup", name=name), "supervisor", name) from exc
        except StoreUnreachable as exc:
            if not exc.login_refused:
                raise
            raise IssueRefused("wrong_password", Reason("wrong_password", f"wrong password for {name!r}", name=name),
                               "password") from exc

    def confirm_supervisor(self, name: str, password: str) -> Authority:
        """(name, password hash) when name is a supervisor on this desk and password is theirs, else IssueRefused
        (a wrong one logged and counted towards the lock-out): for what is not a profile or a limit but still
        takes a supervisor — repairing the store's schema, restoring it, switching a banned word off."""
        return self._supervisor(name, password)

    def _supervisor(self, name: str, password: str) -> Authority:
        """(name, password hash) when name is a supervisor and the password is theirs. A wrong one is written to
        the audit log (by this desk, about that supervisor); LOCK_AFTER within LOCK_FOR lock the password."""
        name = unicodedata.normalize("NFC", name.strip())
        found = self.repo.profile(name)
        if found is None or found[0] != "supervisor":
            raise IssueRefused("not_supervisor", Reason("not_supervisor", f"{name!r} is not a supervisor on this desk",
                                                         name=name), "supervisor", name)
        now = self.clock()
        wrong = sorted(e.at for e in self.repo.audit_between(WRONG_PASSWORD, now - 2 * LOCK_FOR, now + LOCK_FOR)
                       if (e.after or {}).get("profile") == name)[-LOCK_AFTER:]
        if len(wrong) == LOCK_AFTER and wrong[-1] - wrong[0] <= LOCK_FOR and now < wrong[-1] + LOCK_FOR:
            until = (wrong[-1] + LOCK_FOR).astimezone().strftime("%H:%M")
            raise IssueRefused("password_locked", Reason(
                "password_locked", f"{LOCK_AFTER} wrong passwords for {name!r}: it is locked until {until}",
                name=name, count=LOCK_AFTER, until=until), "password", name)
        if not found[1] or not password_ok(password, found[1]):
            self.repo.write_audit(Audit(self.agent, WRONG_PASSWORD, None, {"profile": name}), now)
            raise IssueRefused("wrong_password", Reason("wrong_password", f"wrong password for {name!r}", name=name),
                               "password")
        return name, found[1]

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

    def cluster_around(self, issue: IssueRecord) -> Cluster | None:
        """The cluster this issue completes or belongs to (≥ CLUSTER_SIZE issues of its category on one of its
        order's items within CLUSTER_WINDOW), for an alert to the supervisor; None when there is none."""
        order = self._order(issue.order_no) if issue.order_no else None
        if order is None or issue.stage not in ("after_sale", "bad_review"):
            return None
        since = issue.opened_at - CLUSTER_WINDOW
        recent = [i for i in self.repo.issues(IssueFilter(category=issue.category, limit=10_000))
                  if i.opened_at >= since and i.order_no]
        for item in order.items:
            key = item.sku or item.title
            ids = tuple(sorted(i.id for i in recent
                               if (o := self._order(i.order_no)) is not None
                               and any((x.sku or x.title) == key for x in o.items)))
            if len(ids) >= CLUSTER_SIZE:
                return Cluster(issue.category, item.title, ids)
        return None

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

    def raise_cluster_alert(self, cluster: Cluster) -> None:
        """Put the cluster where the supervisor reviews overrides and approvals: the audit log."""
        self.repo.write_audit(Audit(self.agent, "cluster alert", None,
                                    {"category": cluster.category, "item": cluster.item, "issues": list(cluster.issues)}),
                              self.clock())

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

    def _order(self, order_no: str) -> schema.Order | None:
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

    def weight_check(self, issue_id: int, parcel: schema.Parcel | None) -> WeightCheck:
        """The missing-item check for an issue's order against the courier's record (or weights the agent read
        off the courier's site); the suggestion is kept in the audit log with the figures it came from."""
        issue = self._issue(issue_id)
        order = self._order(issue.order_no) if issue.order_no else None
        if order is None:
            raise _unknown_order(issue.order_no)
        check = missing_item_check(order, parcel)
        self.repo.write_audit(Audit(self.agent, f"weight check: {check.verdict}", None,
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
        policy = self.policy
        if kind == "gift":
            return Reason("limit_gift", f"your limit: ¥{yuan_text(policy.gift_max_fen)} a gift",
                          limit=yuan_text(policy.gift_max_fen))
        if kind == "price_rounding":
            share = f"{policy.rounding_max_share:.0%}"
            return Reason("limit_rounding", f"your limit: {share} of the order, {policy.rounding_per_day} roundings "
                          "a day", share=share, count=policy.rounding_per_day)
        share = f"{policy.partial_refund_max_share:.0%}"
        return Reason("limit_partial_refund", f"your limit: ¥{yuan_text(policy.partial_refund_max_fen)} and "
                      f"{share} of the order", limit=yuan_text(policy.partial_refund_max_fen), share=share)

    def over_limit(self, issue_id: int, kind: str, amount_fen: int) -> str:
        """Why this amount would wait for a supervisor before it is recorded, as act() decides it ("" when it is
        within this agent's limits, or the order is not known yet: act() says so)."""
        if kind not in MONEY_KINDS or kind == "full_refund" or self.role(self.agent) == "supervisor":
            return ""
        if kind == "gift":
            return self._gift_reason(amount_fen)
        issue = self._issue(issue_id)
        order = self._order(issue.order_no) if issue.order_no else None
        return self._limit_reason(order, kind, amount_fen) if order is not None else ""

    def _gift_reason(self, amount: int) -> str:
        limit = self.policy.gift_max_fen
        return Reason("gift_over_limit", f"a gift over ¥{yuan_text(limit)} needs a supervisor",
                      limit=yuan_text(limit)) if amount > limit else ""

    def _money(self, issue: IssueRecord, kind: str, fields: dict[str, object]) -> tuple[int, str]:
        if kind == "gift":
            amount = int(fields.get("value") or 0)  # type: ignore[call-overload]
            return amount, self._gift_reason(amount) if self.role(self.agent) != "supervisor" else ""
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

    def _limit_reason(self, order: schema.Order, kind: str, amount: int) -> str:
        policy = self.policy
        if kind == "price_rounding":
            if over_share(amount, order.amount_fen, policy.rounding_max_share):
                return Reason("rounding_over_share", f"rounding over {policy.rounding_max_share:.0%} of the order needs a "
                              "supervisor", share=f"{policy.rounding_max_share:.0%}")
            day_start = self.clock().astimezone().replace(hour=0, minute=0, second=0, microsecond=0)
            if self.repo.count_actions("price_rounding", self.agent, day_start, ("done",)) >= policy.rounding_per_day:
                return Reason("rounding_per_day", f"more than {policy.rounding_per_day} roundings a day need a supervisor",
                              count=policy.rounding_per_day)
        if kind == "partial_refund":
            if amount > policy.partial_refund_max_fen:
                return Reason("partial_over_amount", f"a partial refund over ¥{yuan_text(policy.partial_refund_max_fen)} "
                              "needs a supervisor", limit=yuan_text(policy.partial_refund_max_fen))
            if over_share(amount, order.amount_fen, policy.partial_refund_max_share):
                return Reason("partial_over_share", f"a partial refund over {policy.partial_refund_max_share:.0%} of the "
                              "order needs a supervisor", share=f"{policy.partial_refund_max_share:.0%}")
        return ""

    def _over_limit(self, issue: IssueRecord, kind: str, amount: int) -> bool:
        if kind == "gift":  # its limit is not the order's: a supervisor's big gift is an override too
            return amount > self.policy.gift_max_fen
        order = self._order(issue.order_no) if issue.order_no else None
        return order is not None and bool(self._limit_reason(order, kind, amount))


def validate(kind: str, raw: Mapping[str, object]) -> dict[str, object]:
    """The action's fields, typed and checked; IssueRefused names the first bad field."""
    if kind not in ACTIONS:
        raise IssueRefused("unknown_action", Reason("unknown_action", f"unknown action {kind!r}", value=kind), "kind", kind)
    specs = {f.name: f for f in ACTIONS[kind]}
    unknown = set(raw) - set(specs)
    if unknown:
        name = sorted(unknown)[0]
        raise IssueRefused("unknown_field", Reason("unknown_field", f"{kind} has no field {name!r}", action=kind,
                                                   field=name), name)
    out: dict[str, object] = {}
    for spec in ACTIONS[kind]:
        value = raw.get(spec.name)
        if value is None or value == "" or value == []:
            if spec.required:
                raise IssueRefused("missing_field", Reason("missing_field", f"{kind} needs {spec.name}", action=kind,
                                                           field=spec.name), spec.name)
            continue
        out[spec.name] = _typed(spec, value)
    return out


def _typed(spec: Field, value: object) -> object:
    name = spec.name
    if spec.kind == "money":
        if isinstance(value, bool) or not isinstance(value, int | str):
            raise IssueRefused("bad_amount", Reason("not_an_amount", f"{name}: an amount in yuan such as 12.50",
                                                 field=name, value=value), name, str(value))
        try:
            fen = value if isinstance(value, int) else parse_yuan(value)
        except ValueError as exc:
            raise IssueRefused("bad_amount", Reason("not_an_amount", f"{name}: {exc}", field=name, value=value), name,
                               str(value)) from exc
        if fen < 0:
            raise IssueRefused("bad_amount", Reason("negative_amount", f"{name}: a negative amount is not an amount",
                                                 field=name, value=yuan_text(fen)), name, yuan_text(fen))
        return fen
    if spec.kind == "int":
        try:
            number = int(str(value).strip())
        except ValueError as exc:
            raise IssueRefused("bad_value", Reason("not_whole_number", f"{name}: a whole number", field=name,
                                                value=value), name, str(value)) from exc
        if (spec.low is not None and number < spec.low) or (spec.high is not None and number > spec.high):
            raise IssueRefused("bad_value", Reason("out_of_range", f"{name}: {spec.low}–{spec.high}", field=name,
                                                low=spec.low, high=spec.high, value=number), name, str(number))
        return number
    if spec.kind == "bool":
        if isinstance(value, bool):
            return value
        text = str(value).strip().lower()
        if text in ("1", "true", "yes", "是", "y"):
            return True
        if text in ("0", "false", "no", "否", "n"):
            return False
        raise IssueRefused("bad_value", Reason("not_yes_no", f"{name}: yes or no", field=name, value=value), name,
                           str(value))
    if spec.kind == "choice":
        if value not in spec.choices:
            raise IssueRefused("bad_value", Reason("not_a_choice", f"{name}: one of {', '.join(spec.choices)}", field=name,
                                                value=value, choices=",".join(spec.choices)), name, str(value))
        return value
    if spec.kind == "time":
        if isinstance(value, datetime):
            moment = value
        else:
            try:
                moment = datetime.fromisoformat(str(value))
            except ValueError as exc:
                raise IssueRefused("bad_value", Reason("not_a_time", f"{name}: a date and time", field=name, value=value),
                                   name, str(value)) from exc
        return (moment if moment.tzinfo else moment.astimezone()).isoformat()
    if spec.kind == "list":
        if not isinstance(value, list | tuple) or not all(isinstance(v, str) for v in value):
            raise IssueRefused("bad_value", Reason("not_a_list", f"{name}: a list", field=name), name, str(value))
        return list(value)
    text = str(value).strip()
    if len(text) > spec.max_len:
        raise IssueRefused("too_long", Reason("too_long", f"{name}: at most {spec.max_len} characters", field=name,
                                              limit=spec.max_len, length=len(text)), name, str(len(text)))
    return text


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
