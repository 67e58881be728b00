"""What a desk keeps on this computer while the team's server is away: kept on the disk at once, the agent's
alone, written back in order and once, whatever a kill left half written."""

from __future__ import annotations

import os
from datetime import UTC, datetime, timedelta

from app.store.engine import open_store

from app.desk.journal import LocalJournal

from app import domain

T0 = datetime(2026, 11, 24, 1, 0, tzinfo=UTC)


def test_kept_drafts_and_replies_are_written_back_once_in_order(tmp_path):
    journal = LocalJournal(tmp_path / "data" / "team-journal.jsonl")
    journal.keep_draft("c1", "亲，稍等", T0)
    kept = journal.keep_reply("c1", "亲，有货的哦", "kd-1", T0 + timedelta(seconds=1), "", "out", "小李")
    journal.keep_draft("c1", "", T0 + timedelta(seconds=1))  # the reply emptied the box
    journal.keep_draft("c2", "草稿二", T0 + timedelta(seconds=2))
    assert kept.id < 0 and kept.state == "pending" and kept.client_id == "kd-1"
    if os.name == "posix":
        assert journal.path.stat().st_mode & 0o777 == 0o600
        assert journal.path.parent.stat().st_mode & 0o777 == 0o700
    with journal.path.open("a", encoding="utf-8") as torn:  # a desk killed while writing its last line
        torn.write('{"kind": "reply", "conversation": "c2", "te')
    store = open_store(tmp_path / "store.db")
    try:
        store.upsert_conversation(domain.Conversation("c1", domain.Buyer("b1", "tb_小美妈妈"), "active", T0))
        again = LocalJournal(journal.path)  # as the next start finds it
        assert len(again) == 4
        back = again.write_back(store)
        assert [r.client_id for r in back.replies] == ["kd-1"] and back.replies[0].id > 0 and back.drafts == 2
        assert store.draft("c1") == "" and store.draft("c2") == "草稿二"
        assert not journal.path.exists()
        journal.keep_reply("c1", "亲，有货的哦", "kd-1", T0, "", "out", "小李")  # written back once already
        journal.write_back(store)
        assert [m.client_id for m in store.outbox()] == ["kd-1"]
    finally:
        store.close()
