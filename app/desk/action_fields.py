"""The fields of each issue action (refund, reship, return, gift, complaint, contact…) as data: their names, kinds
and bounds, and the typing and checking of what an agent or a script typed into them. Forms are built from
ACTION_FIELDS; app/desk/issues.py records the checked values."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from app.desk.money import parse_yuan, yuan_text
from app.desk.reasons import Reason
from app.desk.refused import IssueRefused


@dataclass(frozen=True)
class Field:
    name: str
    kind: str  # text / money / int / bool / choice / time / list
    required: bool = False
    choices: tuple[str, ...] = ()
    low: int | None = None
    high: int | None = None
    max_len: int = 500


ACTION_FIELDS: dict[str, tuple[Field, ...]] = {
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


def validate(kind: str, raw: Mapping[str, object]) -> dict[str, object]:
    """The action's fields, typed and checked; IssueRefused names the first bad field."""
    if kind not in ACTION_FIELDS:
        raise IssueRefused("unknown_action", Reason("unknown_action", f"unknown action {kind!r}", value=kind), "kind", kind)
    specs = {f.name: f for f in ACTION_FIELDS[kind]}
    unknown = set(raw) - set(specs)
    if unknown:
        name = sorted(unknown)[0]
        raise IssueRefused("unknown_field", Reason("unknown_field", f"{kind} has no field {name!r}", action=kind,
                                                   field=name), name)
    out: dict[str, object] = {}
    for spec in ACTION_FIELDS[kind]:
        value = raw.get(spec.name)
        if value is None or value == "" or value == []:
            if spec.required:
                raise IssueRefused("missing_field", Reason("missing_field", f"{kind} needs {spec.name}", action=kind,
                                                           field=spec.name), spec.name)
            continue
        out[spec.name] = typed(spec, value)
    return out


def typed(spec: Field, value: object) -> object:
    """One field's value as typed (money in fen, a whole number, yes/no, a choice, a time, a list, text);
    IssueRefused names what is wrong with it."""
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
