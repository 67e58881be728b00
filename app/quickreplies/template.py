"""Template variables in phrase bodies: {buyer}, {order_no}, {cursor}… and the values asked each time,
{ask:补偿金额|money}.

A variable without a value is never dropped: it becomes a visible 【label】 placeholder whose span is returned
so the composer can select it and the agent types over it. Braces that are not a known variable (an emoticon
such as {^_^}) are left exactly as written.

Asked variables are for values that are the agent's decision, never the chat's (a compensation amount is not
the order's total): `{ask:LABEL}` free text, `{ask:LABEL|money}` an amount, `{ask:LABEL|date}` a date,
`{ask:LABEL|顺丰,圆通,中通}` one of a list. The front-end asks for them in a small form before the phrase goes in;
one not answered is a blank like any other.

A blank must never reach a buyer, but a 【】 in a reply is not always a blank: buyers write 【急】, shops write
【温馨提示】 into their phrases, an agent quotes either. So a placeholder this module makes is marked, in the
text the composer holds, with an invisible WORD JOINER on each side (Filled.marked()); find_blanks() finds the
marked ones, and a reply goes out without the marks (unmarked()). A bracket the agent types, pastes or quotes
is never marked. The one exception is a setup placeholder, 【请在短语管理里填上…】 (the starter phrases use it
for what only the shop knows, such as its return address): it is a blank wherever it stands.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

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
    # parts of the date and time, as input methods' custom phrases write them (Sogou's $year, $month_mm…)
    "year": "年份",
    "year_yy": "年份(两位)",
    "month": "月份",
    "month_mm": "月份(两位)",
    "day": "几号",
    "day_dd": "几号(两位)",
    "weekday": "星期几",
    "hour": "小时",
    "minute": "分钟",
    "second": "秒钟",
}
_WEEKDAYS = "一二三四五六日"


CLOCK_VARIABLES = frozenset({"date", "time", "year", "year_yy", "month", "month_mm", "day", "day_dd", "weekday", "hour",
                             "minute", "second"})  # what clock_values fills: the moment of sending, not the chat


def clock_values(local: datetime) -> dict[str, str]:
    """The values of the date and time variables at local time: {date} 2026-12-06, {time} 09:05, {year} 2026,
    {month} 12, {month_mm} 12, {day} 6, {day_dd} 06, {weekday} 日 (星期{weekday}), {hour} 09, {minute} 05…"""
    return {"date": local.strftime("%Y-%m-%d"), "time": local.strftime("%H:%M"), "year": f"{local.year}",
            "year_yy": f"{local.year % 100:02d}", "month": f"{local.month}", "month_mm": f"{local.month:02d}",
            "day": f"{local.day}", "day_dd": f"{local.day:02d}", "weekday": _WEEKDAYS[local.weekday()],
            "hour": f"{local.hour:02d}", "minute": f"{local.minute:02d}", "second": f"{local.second:02d}"}


CURSOR = "cursor"
_TOKEN = re.compile(r"\{(?:ask:([^{}\n]*)|([a-z_]+))\}")

# what an asked value is: free text, an amount in yuan, a date, or one of a list
TEXT, MONEY, DATE, CHOICE = "text", "money", "date", "choice"
ASK_KINDS = (TEXT, MONEY, DATE)
MAX_ASK_LABEL = 40
MAX_CHOICES = 20
_CHOICE_SPLIT = re.compile(r"[,，、]")

MARK = "\u2060"  # WORD JOINER: invisible, no width, never typed by anyone; marks a placeholder made here
_MARKED = re.compile(MARK + r"(【[^【】\n" + MARK + r"]*】)" + MARK)
SETUP = re.compile(r"【请在短语管理[^【】\n]*】")  # a phrase the shop has still to finish: a blank everywhere


@dataclass(frozen=True)
class Ask:
    """A value asked each time the phrase is used."""

    label: str  # shown in the form, and as the 【label】 blank while it is not answered
    kind: str = TEXT  # TEXT, MONEY, DATE or CHOICE
    choices: tuple[str, ...] = ()  # for CHOICE, in the phrase's order


@dataclass(frozen=True)
class Filled:
    text: str
    cursor: int | None  # where {cursor} stood, after filling; None: at the end
    blanks: tuple[tuple[int, int], ...]  # (start, end) of each placeholder left for the agent, in text order
    setup: tuple[tuple[int, int], ...] = ()  # those of blanks that are setup placeholders of the phrase itself

    def marked(self) -> Filled:
        """The same text with each placeholder made here marked (MARK on each side), the spans moved to match:
        what the composer holds, so the desk can tell these blanks from brackets anybody typed."""
        out: list[str] = []
        position = 0
        shift = 0
        blanks: list[tuple[int, int]] = []
        setup = set(self.setup)
        for start, end in self.blanks:
            out.append(self.text[position:start])
            if (start, end) in setup:
                out.append(self.text[start:end])
                blanks.append((start + shift, end + shift))
            else:
                out.append(MARK + self.text[start:end] + MARK)
                blanks.append((start + shift + 1, end + shift + 1))
                shift += 2
            position = end
        out.append(self.text[position:])
        cursor = None
        if self.cursor is not None:  # {cursor} never stands inside a placeholder
            cursor = self.cursor + sum(2 for start, end in self.blanks
                                       if end <= self.cursor and (start, end) not in setup)
        return Filled("".join(out), cursor, tuple(blanks),
                      tuple(b for b, (s, e) in zip(blanks, self.blanks, strict=True) if (s, e) in setup))


def parse_ask(spec: str) -> Ask | None:
    """`补偿金额|money` → Ask("补偿金额", MONEY); None when it is no ask (no label, a label of brackets)."""
    label, _, kind = spec.partition("|")
    label, kind = label.strip(), kind.strip()
    if not label or len(label) > MAX_ASK_LABEL or any(c in label for c in "【】" + MARK):
        return None
    if kind.lower() in ASK_KINDS or not kind:
        return Ask(label, kind.lower() or TEXT)
    choices = tuple(dict.fromkeys(c.strip() for c in _CHOICE_SPLIT.split(kind) if c.strip()))
    if not choices or len(choices) > MAX_CHOICES or any(len(c) > MAX_ASK_LABEL for c in choices):
        return None
    return Ask(label, CHOICE, choices)


def variables_in(body: str) -> list[str]:
    return [name for _ask, name in _TOKEN.findall(body) if name in VARIABLES or name == CURSOR]


def asks_in(body: str) -> list[Ask]:
    """The values the phrase asks for, once each (a label used twice is asked once), in the body's order."""
    found: dict[str, Ask] = {}
    for spec, _name in _TOKEN.findall(body):
        ask = parse_ask(spec) if spec else None
        if ask is not None and ask.label not in found:
            found[ask.label] = ask
    return list(found.values())


def bad_asks(body: str) -> list[str]:
    """`{ask:…}` written in a way that is no ask (no label, an empty choice list…), as written: the phrase would
    send it to the buyer as it stands."""
    return [token.group(0) for token in _TOKEN.finditer(body)
            if token.group(1) is not None and parse_ask(token.group(1)) is None]


def needs_setup(body: str) -> bool:
    """The phrase still holds a setup placeholder (【请在短语管理里填上…】): it is not ready to be used."""
    return SETUP.search(body) is not None


def fill(body: str, values: Mapping[str, str], answers: Mapping[str, str] | None = None) -> Filled:
    """The body with the chat's values and the agent's answers to its asks; anything without a value is a
    【label】 blank, and so is a setup placeholder standing in the body."""
    out: list[str] = []
    blanks: list[tuple[int, int]] = []
    setup: list[tuple[int, int]] = []
    cursor: int | None = None
    length = 0
    position = 0

    def literal(text: str) -> None:
        nonlocal length
        for found in SETUP.finditer(text):
            span = (length + found.start(), length + found.end())
            blanks.append(span)
            setup.append(span)
        out.append(text)
        length += len(text)

    for token in _TOKEN.finditer(body):
        spec, name = token.groups()
        ask = parse_ask(spec) if spec is not None else None
        if ask is not None:
            value, label = (answers or {}).get(ask.label, ""), ask.label
        elif name == CURSOR or name in VARIABLES:
            value, label = values.get(name, ""), VARIABLES.get(name, "")
        else:
            continue  # not ours: keep as written
        literal(body[position:token.start()])
        position = token.end()
        if name == CURSOR:
            if cursor is None:
                cursor = length
            continue
        if not value:
            value = f"【{label}】"
            blanks.append((length, length + len(value)))
        out.append(value)
        length += len(value)
    literal(body[position:])
    return Filled("".join(out), cursor, tuple(sorted(blanks)), tuple(setup))


@dataclass(frozen=True)
class Blank:
    start: int  # the 【…】 in the text as given (without its marks)
    end: int
    text: str  # 【订单号】
    setup: bool  # a setup placeholder of the phrase, not a value of this chat


def find_blanks(text: str) -> list[Blank]:
    """The blanks still in a reply: placeholders marked by fill (whatever the agent left inside their brackets,
    until the brackets go) and setup placeholders; brackets anybody typed are text."""
    found = [Blank(m.start(1), m.end(1), m.group(1), False) for m in _MARKED.finditer(text)]
    marked = {b.start for b in found}
    found += [Blank(m.start(), m.end(), m.group(0), True) for m in SETUP.finditer(text) if m.start() not in marked]
    return sorted(found, key=lambda b: b.start)


def unmarked(text: str) -> str:
    """The reply as the buyer gets it: without the invisible marks of filled-in placeholders."""
    return text.replace(MARK, "")
