"""Money is integer fen everywhere; this is the one place it becomes text."""

from __future__ import annotations

import re


def yuan_text(fen: int) -> str:
    """12900 → "129.00", -5 → "-0.05": exact, no float ever touches the amount."""
    sign = "-" if fen < 0 else ""
    whole, cents = divmod(abs(fen), 100)
    return f"{sign}{whole}.{cents:02d}"


# full-width digits and signs as a Chinese input method types them; nothing else is read as a digit
_FULL_WIDTH = str.maketrans("０１２３４５６７８９．，－￥　\xa0", "0123456789.,-¥  ")
# whole yuan (at most 999,999,999, commas only as thousands separators), then at most two decimals
_YUAN = re.compile(r"¥?\s*(-)?(\d{1,9}|\d{1,3}(?:,\d{3}){1,2})(?:\.(\d{1,2}))?\s*(?:元)?", re.ASCII)


def parse_yuan(text: str) -> int:
    """"12.5" / "¥12.50" / "12元" / "1,234.50" / "１２.５" → fen, exactly. Anything else (three decimals, 1e3,
    12,50 — a decimal comma or a typo, never guessed — letters, an empty string) raises ValueError saying what
    an amount looks like."""
    match = _YUAN.fullmatch(text.strip().translate(_FULL_WIDTH))
    if match is None:
        raise ValueError(f"{text.strip()[:20]!r} is not an amount: write yuan with at most two decimals, "
                         "such as 12.50")
    sign, whole, cents = match.groups()
    fen = int(whole.replace(",", "")) * 100 + int((cents or "0").ljust(2, "0"))
    return -fen if sign else fen
