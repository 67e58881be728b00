from hypothesis import given
from hypothesis import strategies as st

from app.desk.money import yuan_text


def test_fen_become_exact_yuan_text():
    assert [yuan_text(f) for f in (12900, 5, 0, -5, 100_000_001)] == ["129.00", "0.05", "0.00", "-0.05", "1000000.01"]


@given(st.integers(min_value=-10**12, max_value=10**12))
def test_the_text_reads_back_as_the_same_number_of_fen(fen):
    text = yuan_text(fen)
    whole, cents = text.lstrip("-").split(".")
    assert (-1 if text.startswith("-") else 1) * (int(whole) * 100 + int(cents)) == fen
