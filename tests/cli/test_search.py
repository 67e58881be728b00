"""`kefudesk search` against the real store file: hits marked, JSON for scripts, a buyer's escape sequences shown."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import datetime, timedelta

from app.store.engine import open_store

from app import config, domain
from app.cli.main import main

T0 = datetime(2026, 11, 11, 9, 0).astimezone()  # 09:00 local on the 11th


def fill() -> None:
    store = open_store(config.store_path())
    store.upsert_conversation(domain.Conversation("c1", domain.Buyer("b1", "果果妈"), "active", T0))
    for i, (direction, agent, seconds, text) in enumerate((("in", "", 0, "我要退款，鞋子开胶了"),
                                                           ("out", "小李", 20, "亲，已为您申请退款"),
                                                           ("in", "", 60, "订单3698123456789012345呢"),
                                                           ("out", "小李", 70, "查到了亲"))):
        store.ingest_message(domain.Message(f"m{i}", "c1", direction, text, T0 + timedelta(seconds=seconds),
                                            agent=agent))
    store.close()


def test_search_marks_the_hits_and_json_has_what_a_script_needs(capsys):
    fill()
    assert main(["search", "退款"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].endswith("果果妈  out    亲，已为您申请【退款】")
    assert lines[1].endswith("in     我要【退款】，鞋子开胶了")
    assert main(["search", "退款", "--json", "--direction", "in"]) == 0
    found = json.loads(capsys.readouterr().out)
    assert [m["text"] for m in found["messages"]] == ["我要退款，鞋子开胶了"]
    assert found["messages"][0]["spans"] == [[2, 4]] and found["others"] == []
    assert main(["search", "3698", "--from", "2026-11-11", "--to", "2026-11-11"]) == 0
    assert "【3698】123456789012345" in capsys.readouterr().out
    assert main(["search", "退款", "--from", "2026-11-12"]) == 0
    assert "nothing found" in capsys.readouterr().out
    assert main(["search", "退款", "--from", "11/11"]) == 2


def test_search_shows_a_buyers_escape_sequences_instead_of_obeying_them(capsys):
    from tests.conftest import obeyed_by_a_terminal

    store = open_store(config.store_path())
    nick, text = "果果妈\x1b]0;店长已批准\x07", "退款\x1b[2J\x1b[H\x9b31m快\u202e001\r不然差评"
    store.upsert_conversation(domain.Conversation("c9", domain.Buyer("b9", nick), "active", T0))
    store.ingest_message(domain.Message("m9", "c9", "in", text, T0))
    store.close()
    assert main(["search", "退款"]) == 0
    out = capsys.readouterr().out
    assert obeyed_by_a_terminal(out) == []  # printed raw before: the title changed, the screen cleared
    assert "果果妈␛]0;店长已批准␇" in out and "【退款】␛[2J␛[H\\x9b31m快001 不然差评" in out
    assert main(["search", "退款", "--json"]) == 0
    out = capsys.readouterr().out
    assert obeyed_by_a_terminal(out) == []
    [hit] = json.loads(out)["messages"]
    assert (hit["buyer"], hit["text"]) == (nick, text)  # a script still gets the exact words


def test_a_search_without_days_does_not_load_the_review_desk():
    """The review desk brings the pinyin tables (~0.3 s of a search's start); only --from / --to need it."""
    fill()
    started = subprocess.run([sys.executable, "-X", "importtime", "-m", "app", "search", "退款"], env=dict(os.environ),
                             capture_output=True, text=True, timeout=60, check=True)
    assert "【退款】" in started.stdout
    loaded = {line.split("|")[-1].strip() for line in started.stderr.splitlines() if "|" in line}
    assert "app.store.search_file" in loaded and "app.desk.review" not in loaded and "pypinyin" not in loaded
    assert "sqlalchemy" not in loaded  # this computer's store read with plain sqlite3 (app/store/search_file.py)


def test_imported_history_is_found_after_the_live_messages_and_marked_as_history(tmp_path, capsys):
    fill()
    chats = tmp_path / "chats.jsonl"
    chats.write_text('{"conversation": "old1", "from": "buyer", "text": "去年也想退款", "buyer": "果果妈"}\n'
                     '{"conversation": "old1", "from": "agent", "text": "好的亲", "agent": "小王", '
                     '"time": "2025-11-11T10:00:00+08:00"}\n', encoding="utf-8")
    assert main(["history", "import", str(chats)]) == 0
    capsys.readouterr()
    assert main(["search", "退款", "--direction", "in"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].endswith("in     我要【退款】，鞋子开胶了")
    assert lines[1] == "history -  果果妈  buyer  去年也想【退款】"
    assert main(["search", "好的", "--json"]) == 0
    found = json.loads(capsys.readouterr().out)
    assert found["messages"] == [] and [(h["conversation"], h["from"], h["agent"]) for h in found["history"]] == [
        ("old1", "agent", "小王")]
    assert found["history"][0]["at"] == "2025-11-11T02:00:00+00:00"
