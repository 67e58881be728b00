"""Migration 0019 (rotation): a store of 0018 opens with its phrases and their firings as they were, and an empty
memory of who got which text of a rotating phrase, which it then keeps."""

import sqlite3

from alembic import command
from sqlalchemy import create_engine

from app.store import engine as store_engine
from app.store.engine import open_store
from app.store.rotation import last_given, record_given

from tests.unit.store.conftest import at

T = "2026-11-11 01:00:00.000000"


def test_a_0018_store_upgrades_and_keeps_what_each_buyer_got(tmp_path):
    path = tmp_path / "k.db"
    cfg = store_engine._alembic_config()
    old = create_engine(f"sqlite:///{path}")
    with old.begin() as connection:
        cfg.attributes["connection"] = connection
        command.upgrade(cfg, "0018")
    old.dispose()
    with sqlite3.connect(path) as c:
        c.execute("INSERT INTO phrase (id, title, body, group_name, abbreviation, slot, tags, uses, last_used, owner, "
                  "image, variants, rotate) VALUES (5, '问候', '您好呀', '售前', 'nhx', NULL, '[]', 1, NULL, '', '', "
                  "'[\"在的亲\"]', 1)")
        c.execute(f"INSERT INTO phrase_use (phrase_id, prompt, at) VALUES (5, '在吗', '{T}')")
    c.close()

    store = open_store(path)
    try:
        [phrase] = store.phrases()
        assert (phrase.id, phrase.texts, phrase.rotate) == (5, ("您好呀", "在的亲"), True)
        assert store.phrase_uses() == [(5, "在吗")]
        assert last_given(store, 5, "b1") is None
        record_given(store, 5, "b1", 1, at(0))
        assert last_given(store, 5, "b1") == 1
        store.delete_phrases([5])
        assert last_given(store, 5, "b1") is None  # its rows went with it (the foreign key cascades)
    finally:
        store.close()
