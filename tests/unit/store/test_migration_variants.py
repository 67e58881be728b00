"""Migration 0016 (variants): a store of 0014, where an import kept each text sharing a code as a phrase of its own
tagged 编码:<code>, opens with those texts as variants of the phrase that has the code, in the order imported."""

import sqlite3

from app.store.engine import open_store

from tests.unit.store.test_schema_check import _migrated

T = "2026-11-11 01:00:00.000000"
PHRASES = [  # (id, title, body, abbreviation, slot, tags, uses, owner)
    (1, "发货", "亲，16点前付款当天发货哦～", "fh", None, "[]", 2, ""),
    (2, "今天发出 [fh]", "亲，今天的已经发出啦", "", None, '["编码:fh"]', 1, ""),
    (3, "快递", "默认中通快递", "kd", None, "[]", 0, ""),
    (4, "预售 [fh]", "亲，预售商品按页面时间发货", "", None, '["编码:FH"]', 0, ""),
    (5, "已加标签 [fh]", "亲，加急的给您顺丰", "", None, '["编码:fh", "加急"]', 0, ""),  # the shop tagged it since
    (6, "别人的 [fh]", "小王自己的说法", "", None, '["编码:fh"]', 0, "小王"),  # another owner has no fh
    (7, "有槽位 [kd]", "韵达也可以", "", 2, '["编码:kd"]', 0, ""),  # slotted since: its own phrase
]


def _store_0014(path, rows=PHRASES):
    """A store file as a desk of schema 0014 left it, holding rows as phrases (and a firing of phrase 2)."""
    _migrated(path, "0014")
    with sqlite3.connect(path) as c:
        c.executemany("INSERT INTO phrase (id, title, body, group_name, abbreviation, slot, tags, uses, last_used, "
                      "owner, image) VALUES (?, ?, ?, '售前', ?, ?, ?, ?, NULL, ?, '')", rows)
        if any(row[0] == 2 for row in rows):
            c.execute(f"INSERT INTO phrase_use (phrase_id, prompt, at) VALUES (2, '发了吗', '{T}')")
    c.close()


def test_texts_tagged_with_a_code_become_variants_of_the_phrase_that_has_it(tmp_path):
    _store_0014(tmp_path / "k.db")
    store = open_store(tmp_path / "k.db")
    try:
        by_id = {p.id: p for p in store.phrases()}
        assert sorted(by_id) == [1, 3, 5, 6, 7]  # 2 and 4 joined phrase 1
        fh = by_id[1]
        assert fh.texts == ("亲，16点前付款当天发货哦～", "亲，今天的已经发出啦", "亲，预售商品按页面时间发货")
        assert (fh.abbreviation, fh.uses, fh.rotate) == ("fh", 3, False)
        assert store.phrase_uses() == [(1, "发了吗")]  # the folded phrase's firing counts for the one it joined
        assert by_id[5].variants == by_id[6].variants == by_id[7].variants == by_id[3].variants == ()
        assert by_id[5].tags == ("编码:fh", "加急")
    finally:
        store.close()


def test_a_store_without_tagged_phrases_gets_empty_variants(tmp_path):
    _store_0014(tmp_path / "k.db", [(1, "好", "好的", "hd", None, "[]", 0, "")])
    store = open_store(tmp_path / "k.db")
    try:
        assert [(p.texts, p.rotate) for p in store.phrases()] == [(("好的",), False)]
    finally:
        store.close()
