"""Checks that catch false claims, from weights the courier and the warehouse already have.

Missing item (少发): the packing slip's ticks and the courier's weights at the origin and at the last station,
side by side with what the order should weigh, give a suggestion — genuine (the item never left, or the parcel
lost weight on the way) or doubtful (a complete parcel left and arrived). Returns: a parcel that comes back far
lighter than the items it should hold is probably empty or swapped. These suggest; the agent decides.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.gateway import schema

PACKAGING_G = (80, 150)  # box, filler and slip: what a parcel weighs on top of its items
SCALE_TOLERANCE = 0.05  # courier scales and packing vary: differences under 5 % (at least 30 g) are noise
MIN_TOLERANCE_G = 30
RETURN_SHARE = 0.5  # a return weighing under half its items' weight is flagged


def items_weight(order: schema.Order) -> int | None:
    """What the order's items weigh, in grams; None when an item's weight is unknown."""
    if not order.items or any(item.weight_g <= 0 for item in order.items):
        return None
    return sum(item.weight_g * item.qty for item in order.items)


def _tolerance(grams: int) -> int:
    return max(MIN_TOLERANCE_G, round(grams * SCALE_TOLERANCE))


@dataclass(frozen=True)
class WeightCheck:
    expected_low_g: int | None  # items plus the lightest packaging; None when an item's weight is unknown
    expected_high_g: int | None
    origin_g: int | None  # the courier's weight at the origin
    last_g: int | None  # and at the last station
    last_station: str
    slip: tuple[schema.PackedLine, ...]
    verdict: str  # genuine / doubtful / unknown
    reasons: tuple[str, ...]


def missing_item_check(order: schema.Order, parcel: schema.Parcel | None) -> WeightCheck:
    items = items_weight(order)
    low = items + PACKAGING_G[0] if items is not None else None
    high = items + PACKAGING_G[1] if items is not None else None
    if parcel is None:
        return WeightCheck(low, high, None, None, "", (), "unknown",
                           ("no courier record for this parcel: ask the buyer for photos of the parcel and the slip",))
    origin, last = parcel.origin_weight_g, parcel.last_weight_g
    genuine: list[str] = []
    unticked = [line for line in parcel.packing_slip if not line.ticked]
    if unticked:
        genuine.append("packing slip: not ticked as packed — " + "、".join(f"{line.title} ×{line.qty}" for line in unticked))
    if origin is not None and last is not None and origin - last > _tolerance(origin):
        genuine.append(f"the parcel lost {origin - last} g between the origin ({origin} g) and {parcel.last_station or 'the last station'} "
                       f"({last} g): opened or damaged in transit")
    if origin is not None and low is not None and origin < low - _tolerance(low):
        lightest = min(item.weight_g for item in order.items)
        genuine.append(f"the parcel weighed {origin} g at the origin, {low - origin} g under the {low}–{high} g the "
                       f"order should weigh (the lightest item is {lightest} g): an item probably never left")
    if genuine:
        return WeightCheck(low, high, origin, last, parcel.last_station, parcel.packing_slip, "genuine", tuple(genuine))
    complete_slip = bool(parcel.packing_slip) and not unticked
    weights_match = (origin is not None and low is not None and high is not None
                     and low - _tolerance(low) <= origin <= high + _tolerance(high)
                     and (last is None or abs(origin - last) <= _tolerance(origin)))
    if weights_match:
        reasons = [f"the parcel weighed {origin} g at the origin, within the {low}–{high} g a complete order weighs"]
        if last is not None:
            reasons.append(f"and {last} g at {parcel.last_station or 'the last station'}: nothing left it on the way")
        if complete_slip:
            reasons.append("every line of the packing slip is ticked")
        return WeightCheck(low, high, origin, last, parcel.last_station, parcel.packing_slip, "doubtful",
                           tuple(reasons))
    missing = []
    if items is None:
        missing.append("an item's weight is unknown")
    if origin is None:
        missing.append("the courier gave no origin weight")
    reason = "; ".join(missing) or "the weights do not decide it"
    return WeightCheck(low, high, origin, last, parcel.last_station, parcel.packing_slip, "unknown",
                       (reason + ": ask the buyer for photos of the parcel and the slip",))


def return_weight_flag(order: schema.Order, received_g: int) -> str:
    """Why a return that came back weighing received_g looks wrong ("" when it does not)."""
    items = items_weight(order)
    if items is None or received_g <= 0 or received_g >= items * RETURN_SHARE:
        return ""
    return (f"the return weighed {received_g} g, far below the {items} g its items weigh: possibly an empty or "
            "swapped parcel — open it before refunding")
