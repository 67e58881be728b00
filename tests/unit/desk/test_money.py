from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.desk.money import Money, over_share, yuan_text


def test_fen_become_exact_yuan_text():
    assert [yuan_text(f) for f in (12900, 5, 0, -5, 100_000_001)] == ["129.00", "0.05", "0.00", "-0.05", "1000000.01"]


@given(st.integers(min_value=-10**12, max_value=10**12))
def test_the_text_reads_back_as_the_same_number_of_fen(fen):
    text = yuan_text(fen)
    whole, cents = text.lstrip("-").split(".")
    assert (-1 if text.startswith("-") else 1) * (int(whole) * 100 + int(cents)) == fen


def test_an_amount_in_a_table_reads_as_yuan_and_is_the_exact_number_for_a_workbook():
    five = Money(500)
    assert (str(five), f"{five}", f"{five:>6}", str(Money(-5)), str(Money(590))) == (
        "5.00", "5.00", "  5.00", "-0.05", "5.90")
    assert five.yuan() == Decimal("5.00") and str(five.yuan()) == "5.00" and str(Money(-5).yuan()) == "-0.05"
    assert Money(10**17 + 1).yuan() == Decimal("1000000000000000.01")  # no float could hold it


@pytest.mark.parametrize("not_fen", [5.0, Decimal("5"), "5.00", True])
def test_money_is_made_of_whole_fen_only(not_fen):
    with pytest.raises(TypeError, match="whole fen"):
        Money(not_fen)


def test_a_share_of_an_order_is_compared_exactly():
    assert 100 * 0.29 < 29  # what the float comparison saw: 29 fen over 29 % of 1 yuan
    assert not over_share(29, 100, 0.29) and over_share(30, 100, 0.29)
    assert not over_share(3741, 12900, 0.29) and over_share(3742, 12900, 0.29)
    assert not over_share(5700, 10000, 0.57) and not over_share(100, 100, 1.0) and over_share(101, 100, 1.0)


@given(st.integers(min_value=0, max_value=10**11), st.integers(min_value=1, max_value=10_000))
def test_over_share_agrees_with_exact_arithmetic_in_basis_points(total, points):
    share = round(points / 10_000, 4)  # as the policy keeps a typed percentage
    limit_times_10000 = total * points
    for amount in (limit_times_10000 // 10_000, limit_times_10000 // 10_000 + 1):
        assert over_share(amount, total, share) == (amount * 10_000 > limit_times_10000)
