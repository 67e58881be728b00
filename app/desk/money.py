"""Money is integer fen everywhere; this is the one place it becomes text, a spreadsheet's number or a share.

Every screen, table, workbook and command shows an amount as yuan_text() does ("5.00"): a table's money cell is a
Money, whose text that is, and whose spreadsheet cell is the same exact number with MONEY_FORMAT.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

MONEY_FORMAT = "0.00"  # a spreadsheet's number format for yuan: 5 shows as 5.00, as everywhere else


def yuan_text(fen: int) -> str:
    """12900 → "129.00", -5 → "-0.05": exact, no float ever touches the amount."""
    sign = "-" if fen < 0 else ""
    whole, cents = divmod(abs(fen), 100)
    return f"{sign}{whole}.{cents:02d}"


@dataclass(frozen=True, order=True)
class Money:
    """An amount on its way to a person, in a table's cell: integer fen inside. Its text (str, f-strings, a
    window's cell, a terminal, a web page) is yuan_text's; yuan() is the exact number for a spreadsheet cell."""

    fen: int

    def __post_init__(self) -> None:
        if not isinstance(self.fen, int) or isinstance(self.fen, bool):  # a float here is the bug this prevents
            raise TypeError(f"money is whole fen, not {self.fen!r}")

    def __str__(self) -> str:
        return yuan_text(self.fen)

    def __format__(self, spec: str) -> str:
        return format(str(self), spec)

    def yuan(self) -> Decimal:
        """500 fen → Decimal("5.00"), exactly (written to a workbook as the number 5.00)."""
        return Decimal(self.fen).scaleb(-2)


def over_share(amount_fen: int, total_fen: int, share: float) -> bool:
    """Whether amount is more than share (a fraction of the total, such as 0.29 for 29 %) of total, exactly: the
    share is read as the decimal it was typed as, so 29 fen of a 1-yuan order is not over 29 % (in floats,
    100 × 0.29 is 28.999999999999996)."""
    return amount_fen > total_fen * Fraction(repr(share))


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
