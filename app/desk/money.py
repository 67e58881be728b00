"""Money is integer fen everywhere; this is the one place it becomes text."""

from __future__ import annotations


def yuan_text(fen: int) -> str:
    """12900 → "129.00", -5 → "-0.05": exact, no float ever touches the amount."""
    sign = "-" if fen < 0 else ""
    whole, cents = divmod(abs(fen), 100)
    return f"{sign}{whole}.{cents:02d}"
