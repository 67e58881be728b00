"""The limits an import checks are the schema's own, read from the models: change a column and the check follows."""

from datetime import UTC, datetime, timedelta, timezone

from sqlalchemy import BigInteger, String
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from app.store import models as m
from app.store.limits import Misfit, misfit


def test_text_and_numbers_are_checked_against_their_columns():
    assert misfit(m.Order.buyer_id, "买" * 100) is None
    assert misfit(m.Order.buyer_id, "买" * 101) == Misfit("shop_order.buyer_id", "too_long", 100)
    assert misfit(m.Order.amount_fen, 2**31 - 1) is None  # ¥21,474,836.47
    assert misfit(m.Order.amount_fen, 2**31) == Misfit("shop_order.amount_fen", "too_large", 2**31 - 1)
    assert misfit(m.PhraseRow.uses, -(2**31) - 1) == Misfit("phrase.uses", "too_small", -(2**31))
    assert misfit(m.Order.address, "文三路\x0088号") == Misfit("shop_order.address", "nul")  # Text: no length
    assert misfit(m.Order.address, "半个\ud800字") == Misfit("shop_order.address", "half_character")


def test_times_must_be_utc_convertible_and_showable_in_any_zone():
    assert misfit(m.PhraseRow.last_used, datetime(2026, 11, 24, tzinfo=UTC)) is None
    for bad in (datetime(2026, 11, 24), datetime(9999, 12, 31, 23, tzinfo=timezone(-timedelta(hours=5))),
                datetime(9999, 12, 31, 23, tzinfo=UTC), datetime(1, 1, 1, 1, tzinfo=UTC)):
        assert misfit(m.PhraseRow.last_used, bad) == Misfit("phrase.last_used", "time"), bad


def test_the_limits_follow_the_model():
    class Base(DeclarativeBase):
        pass

    class Wider(Base):
        __tablename__ = "wider"
        id: Mapped[int] = mapped_column(primary_key=True)
        nick: Mapped[str] = mapped_column(String(7))
        total: Mapped[int] = mapped_column(BigInteger)

    assert misfit(Wider.nick, "八个字八个字八个") == Misfit("wider.nick", "too_long", 7)
    assert misfit(Wider.total, 2**31) is None and misfit(Wider.total, 2**63) == Misfit("wider.total", "too_large",
                                                                                         2**63 - 1)
