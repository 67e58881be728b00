"""Money is integer fen everywhere; this is the one place it becomes text."""

from __future__ import annotations

import re


def yuan_text(fen: int) -> str:
    """12900 → "129.00", -5 → "-0.05": exact, no float ever touches the amount."""
    sign = "-" if fen < 0 else ""
    whole, cents = divmod(abs(fen), 100)
    return f"{sign}{whole}.{cents:02d}"


_YUAN = re.compile(r"^[¥￥]?\s*(-)?(\d{1,9})(?:\.(\d{1,2}))?\s*(?:元)?$")


def parse_yuan(text: str) -> int:
    """"12.5" / "¥12.50" / "12元" → 1250 fen, exactly. Anything else (three decimals, letters, 1e3, an empty
    string) raises ValueError saying what an amount looks like."""
    match = _YUAN.match(text.strip().replace(",", ""))
    if match is None:
        raise ValueError(f"{text.strip()[:20]!r} is not an amount: write yuan with at most two decimals, "
                         "such as 12.50")
    sign, whole, cents = match.groups()
    fen = int(whole) * 100 + int((cents or "0").ljust(2, "0"))
    return -fen if sign else fen
