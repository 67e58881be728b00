"""Checks that catch false claims, from weights the courier and the warehouse already have.

Missing item (少发): the packing slip's ticks and the courier's weights at the origin and at the last station,
side by side with what the order should weigh, give a suggestion — genuine (the item never left, or the parcel
lost weight on the way) or doubtful (a complete parcel left and arrived). Returns: a parcel that comes back far
lighter than the items it should hold is probably empty or swapped. These suggest; the agent decides.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from app.desk.reasons import Reason

from app import domain

PACKAGING_G = (80, 150)  # box, filler and slip: what a parcel weighs on top of its items
SCALE_TOLERANCE = 0.05  # courier scales and packing vary: differences under 5 % (at least 30 g) are noise
MIN_TOLERANCE_G = 30
RETURN_SHARE = 0.5  # a return weighing under half its items' weight is flagged


_ASK_PHOTOS = Reason("ask_for_photos", "ask the buyer for photos of the parcel and the slip")


def items_weight(order: domain.Order, named: Sequence[str] = ()) -> int | None:
    """What the order's items weigh, in grams; None when an item's weight is unknown. named: only the lines whose
    SKU or title contains one of these words (a partial return); all lines when none matches."""
    lines = [item for item in order.items if any(_names(item, word) for word in named)] or list(order.items)
    if not lines or any(item.weight_g <= 0 for item in lines):
        return None
    return sum(item.weight_g * item.qty for item in lines)


def _names(item: domain.OrderItem, word: str) -> bool:
    word = word.strip()
    return bool(word) and (word == item.sku or word in item.title or item.title in word)


def _tolerance(grams: int) -> int:
    return max(MIN_TOLERANCE_G, round(grams * SCALE_TOLERANCE))


@dataclass(frozen=True)
class WeightCheck:
    expected_low_g: int | None  # items plus the lightest packaging; None when an item's weight is unknown
    expected_high_g: int | None
    origin_g: int | None  # the courier's weight at the origin
    last_g: int | None  # and at the last station
    last_station: str
    slip: tuple[domain.PackedLine, ...]
    verdict: str  # genuine / doubtful / unknown
    reasons: tuple[str, ...]


def missing_item_check(order: domain.Order, parcel: domain.Parcel | None) -> WeightCheck:
    items = items_weight(order)
    low = items + PACKAGING_G[0] if items is not None else None
    high = items + PACKAGING_G[1] if items is not None else None
    if parcel is None:
        return WeightCheck(low, high, None, None, "", (), "unknown",
                           (Reason("no_courier_record", "no courier record for this parcel"), _ASK_PHOTOS))
    origin, last = parcel.origin_weight_g, parcel.last_weight_g
    station = parcel.last_station or "the last station"
    genuine: list[str] = []
    unticked = [line for line in parcel.packing_slip if not line.ticked]
    if unticked:
        lines = "、".join(f"{line.title} ×{line.qty}" for line in unticked)
        genuine.append(Reason("slip_unticked", f"packing slip: not ticked as packed — {lines}", lines=lines))
    if origin is not None and last is not None and origin - last > _tolerance(origin):
        genuine.append(Reason("lost_in_transit", f"the parcel lost {origin - last} g between the origin ({origin} g) "
                              f"and {station} ({last} g): opened or damaged in transit", lost=origin - last,
                              origin=origin, station=parcel.last_station, last=last))
    if origin is not None and low is not None and origin < low - _tolerance(low):
        lightest = min(item.weight_g for item in order.items)
        genuine.append(Reason("light_at_origin", f"the parcel weighed {origin} g at the origin, {low - origin} g under "
                              f"the {low}–{high} g the order should weigh (the lightest item is {lightest} g): an item "
                              "probably never left", origin=origin, under=low - origin, low=low, high=high,
                              lightest=lightest))
    if genuine:
        return WeightCheck(low, high, origin, last, parcel.last_station, parcel.packing_slip, "genuine", tuple(genuine))
    complete_slip = bool(parcel.packing_slip) and not unticked
    weights_match = (origin is not None and low is not None and high is not None
                     and low - _tolerance(low) <= origin <= high + _tolerance(high)
                     and (last is None or abs(origin - last) <= _tolerance(origin)))
    if weights_match:
        reasons = [Reason("complete_at_origin", f"the parcel weighed {origin} g at the origin, within the "
                          f"{low}–{high} g a complete order weighs", origin=origin, low=low, high=high)]
        if last is not None:
            reasons.append(Reason("same_at_last_station", f"and {last} g at {station}: nothing left it on the way",
                                  last=last, station=parcel.last_station))
        if complete_slip:
            reasons.append(Reason("slip_all_ticked", "every line of the packing slip is ticked"))
        return WeightCheck(low, high, origin, last, parcel.last_station, parcel.packing_slip, "doubtful",
                           tuple(reasons))
    missing: list[str] = []
    if items is None:
        missing.append(Reason("item_weight_unknown", "an item's weight is unknown"))
    if origin is None:
        missing.append(Reason("no_origin_weight", "the courier gave no origin weight"))
    if not missing:
        missing.append(Reason("weights_undecided", "the weights do not decide it"))
    return WeightCheck(low, high, origin, last, parcel.last_station, parcel.packing_slip, "unknown",
                       (*missing, _ASK_PHOTOS))


def return_weight_flag(order: domain.Order, received_g: int, items_returned: Sequence[str] = ()) -> str:
    """Why a return that came back weighing received_g looks wrong ("" when it does not). items_returned: the
    SKUs or titles sent back, when only part of the order is returned."""
    items = items_weight(order, items_returned)
    if items is None or received_g <= 0 or received_g >= items * RETURN_SHARE:
        return ""
    return Reason("return_too_light", f"the return weighed {received_g} g, far below the {items} g its items weigh: "
                  "possibly an empty or swapped parcel — open it before refunding", received=received_g, items=items)
