"""Whether an imported value fits the store, worded for the agent: the schema's own limits (app/store/limits.py)
as the Reason a bad line is reported with, in the dry run and the preview alike, before anything is written."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from app.store.limits import Misfit, misfit

from app.desk.money import yuan_text
from app.desk.reasons import Reason


def misfit_reason(column: str, value: object, found: Misfit, *, money: bool = False) -> Reason:
    """Why value (read from the file's column) cannot be kept; money: the value is fen, said in yuan."""
    if found.why == "too_long":
        length = len(value) if isinstance(value, str) else 0
        return Reason("value_too_long", f"{column} is {length:,} characters, more than the store keeps "
                      f"({found.limit:,})", column=column, length=f"{length:,}", limit=f"{found.limit:,}")
    if found.why in ("too_large", "too_small") and money:
        amount, most = yuan_text(int(value)), yuan_text(found.limit)  # type: ignore[call-overload]
        return Reason("amount_too_large", f"{column} ¥{amount} is more than the store keeps (at most ¥{most})",
                      column=column, value=amount, limit=most)
    if found.why in ("too_large", "too_small"):
        high = found.limit if found.why == "too_large" else -found.limit - 1
        return Reason("number_out_of_range", f"{column} {value} is outside what the store keeps ({-high - 1:,} to "
                      f"{high:,})", column=column, value=value, low=f"{-high - 1:,}", high=f"{high:,}")
    if found.why == "nul":
        return Reason("value_has_nul", f"{column} holds a NUL character (\\x00), which the store cannot keep",
                      column=column)
    if found.why == "half_character":
        return Reason("value_half_character", f"{column} holds half a character (a lone UTF-16 surrogate), which "
                      "the store cannot keep", column=column)
    shown = value.isoformat() if isinstance(value, datetime) else str(value)
    return Reason("time_out_of_range", f"{column} {shown} is outside the times the store keeps", column=column,
                  value=shown)


def first_misfit(values: Sequence[tuple[str, object, Sequence[Any]]], *, money: Sequence[str] = ()) -> Reason | None:
    """The first (column, value, model attributes it is written to) whose value one of them cannot keep, worded;
    None when every value fits."""
    for column, value, attributes in values:
        for attribute in attributes:
            found = misfit(attribute, value)
            if found is not None:
                return misfit_reason(column, value, found, money=column in money)
    return None
