"""The shop's limits on what an agent may give back without a supervisor (refund caps, price roundings a day, gift
value), per shop in the store: their bounds, how they are typed, and the words that name a limit or say why an
amount waits for a supervisor. app/desk/issues.py applies them to each money action."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass

from app.desk.action_fields import Field, typed
from app.desk.money import over_share, yuan_text
from app.desk.reasons import Reason
from app.desk.refused import IssueRefused

from app import domain


@dataclass(frozen=True)
class Policy:
    """Role limits for agents, per shop (kept in the store's meta as JSON)."""

    rounding_max_share: float = 0.01  # of the order amount
    rounding_per_day: int = 3
    partial_refund_max_fen: int = 600
    partial_refund_max_share: float = 0.30
    gift_max_fen: int = 2_000

    def limit_text(self, kind: str) -> str:
        """An agent's limit for a money action (gift, price_rounding, partial_refund), as a Reason."""
        if kind == "gift":
            return Reason("limit_gift", f"your limit: ¥{yuan_text(self.gift_max_fen)} a gift",
                          limit=yuan_text(self.gift_max_fen))
        if kind == "price_rounding":
            share = f"{self.rounding_max_share:.0%}"
            return Reason("limit_rounding", f"your limit: {share} of the order, {self.rounding_per_day} roundings "
                          "a day", share=share, count=self.rounding_per_day)
        share = f"{self.partial_refund_max_share:.0%}"
        return Reason("limit_partial_refund", f"your limit: ¥{yuan_text(self.partial_refund_max_fen)} and "
                      f"{share} of the order", limit=yuan_text(self.partial_refund_max_fen), share=share)

    def gift_reason(self, amount: int) -> str:
        """Why a gift of this value waits for a supervisor ("" within the limit)."""
        limit = self.gift_max_fen
        return Reason("gift_over_limit", f"a gift over ¥{yuan_text(limit)} needs a supervisor",
                      limit=yuan_text(limit)) if amount > limit else ""

    def order_reason(self, order: domain.Order, kind: str, amount: int, roundings_today: Callable[[], int]) -> str:
        """Why a price rounding or a partial refund of this amount on this order waits for a supervisor ("" within
        the limits); roundings_today: the agent's roundings done today, asked only when it matters."""
        if kind == "price_rounding":
            if over_share(amount, order.amount_fen, self.rounding_max_share):
                return Reason("rounding_over_share", f"rounding over {self.rounding_max_share:.0%} of the order needs a "
                              "supervisor", share=f"{self.rounding_max_share:.0%}")
            if roundings_today() >= self.rounding_per_day:
                return Reason("rounding_per_day", f"more than {self.rounding_per_day} roundings a day need a supervisor",
                              count=self.rounding_per_day)
        if kind == "partial_refund":
            if amount > self.partial_refund_max_fen:
                return Reason("partial_over_amount", f"a partial refund over ¥{yuan_text(self.partial_refund_max_fen)} "
                              "needs a supervisor", limit=yuan_text(self.partial_refund_max_fen))
            if over_share(amount, order.amount_fen, self.partial_refund_max_share):
                return Reason("partial_over_share", f"a partial refund over {self.partial_refund_max_share:.0%} of the "
                              "order needs a supervisor", share=f"{self.partial_refund_max_share:.0%}")
        return ""


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
            values[name] = typed(Field(name, "money"), value)
        elif kind == "count":
            values[name] = typed(Field(name, "int", low=0, high=100), value)
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
