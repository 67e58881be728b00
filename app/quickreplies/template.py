"""Template variables in phrase bodies: {buyer}, {order_no}, {cursor}…

A variable without a value is never dropped: it becomes a visible 【label】 placeholder whose span is returned
so the composer can select it and the agent types over it. Braces that are not a known variable (an emoticon
such as {^_^}) are left exactly as written.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

# name → the label shown when the chat has no value for it (the agent's language: these are shown, not keys)
VARIABLES: dict[str, str] = {
    "buyer": "买家",
    "agent": "客服",
    "shop": "店铺",
    "order_no": "订单号",
    "items": "商品",
    "amount": "金额",
    "courier": "快递公司",
    "tracking_no": "运单号",
    "ship_by": "发货日期",
    "date": "日期",
    "time": "时间",
}
CURSOR = "cursor"
_TOKEN = re.compile(r"\{([a-z_]+)\}")


@dataclass(frozen=True)
class Filled:
    text: str
    cursor: int | None  # where {cursor} stood, after filling; None: at the end
    blanks: tuple[tuple[int, int], ...]  # (start, end) of each placeholder left for the agent


def variables_in(body: str) -> list[str]:
    return [name for name in _TOKEN.findall(body) if name in VARIABLES or name == CURSOR]


def fill(body: str, values: Mapping[str, str]) -> Filled:
    out: list[str] = []
    blanks: list[tuple[int, int]] = []
    cursor: int | None = None
    length = 0
    position = 0
    for token in _TOKEN.finditer(body):
        name = token.group(1)
        if name != CURSOR and name not in VARIABLES:
            continue  # not ours: keep as written
        literal = body[position:token.start()]
        out.append(literal)
        length += len(literal)
        position = token.end()
        if name == CURSOR:
            if cursor is None:
                cursor = length
            continue
        value = values.get(name, "")
        if not value:
            value = f"【{VARIABLES[name]}】"
            blanks.append((length, length + len(value)))
        out.append(value)
        length += len(value)
    out.append(body[position:])
    return Filled("".join(out), cursor, tuple(blanks))
