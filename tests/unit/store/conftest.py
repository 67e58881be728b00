from datetime import UTC, datetime, timedelta

import pytest

from app.store.engine import open_store

from app import domain

T0 = datetime(2026, 11, 24, 1, 0, tzinfo=UTC)


def at(seconds: float) -> datetime:
    return T0 + timedelta(seconds=seconds)


def buyer_says(server_id: str, text: str, seconds: float, conv: str = "c1") -> domain.Message:
    return domain.Message(server_id, conv, "in", text, at(seconds))


@pytest.fixture
def store(tmp_path):
    s = open_store(tmp_path / "kefudesk.db")
    s.upsert_conversation(domain.Conversation("c1", domain.Buyer("b1", "tb_小美妈妈"), "waiting", T0))
    yield s
    s.close()
