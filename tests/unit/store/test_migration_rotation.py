"""Migration 0019 (rotation): a store of 0018 opens with its phrases and their firings as they were (every row:
test_migrations_upgrade.py), and an empty memory of who got which text of a rotating phrase, which it then keeps
until the phrase is deleted."""

from app.store.engine import open_store
from app.store.rotation import last_given, record_given

from tests.unit.store.conftest import at
from tests.unit.store.test_migrations_upgrade import _store_at


def test_a_0018_store_upgrades_and_keeps_what_each_buyer_got(tmp_path):
    path = tmp_path / "k.db"
    _store_at("0018", path)  # phrase 7 (fh), fired once
    store = open_store(path)
    try:
        [phrase] = store.phrases()
        assert (phrase.id, phrase.abbreviation, store.phrase_uses()) == (7, "fh", [(7, "什么时候发货")])
        assert last_given(store, 7, "b1") is None
        record_given(store, 7, "b1", 1, at(0))
        record_given(store, 7, "", 1, at(0))
        assert (last_given(store, 7, "b1"), last_given(store, 7, "")) == (1, 1)
        store.delete_phrases([7])
        with store.engine.connect() as connection:  # its rows went with it (the foreign key cascades)
            assert connection.exec_driver_sql("SELECT count(*) FROM phrase_rotation").scalar() == 0
    finally:
        store.close()
