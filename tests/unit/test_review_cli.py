"""`kefudesk search` and `kefudesk report kpi` against the real store file."""

from __future__ import annotations

import json
from datetime import datetime, timedelta

from openpyxl import load_workbook

from app import config
from app.cli import main
from app.gateway import schema
from app.store.engine import open_store

T0 = datetime(2026, 11, 11, 9, 0).astimezone()  # 09:00 local on the 11th


def fill() -> None:
    store = open_store(config.store_path())
    store.upsert_conversation(schema.Conversation("c1", schema.Buyer("b1", "果果妈"), "active", T0))
    for i, (direction, agent, seconds, text) in enumerate((("in", "", 0, "我要退款，鞋子开胶了"),
                                                           ("out", "小李", 20, "亲，已为您申请退款"),
                                                           ("in", "", 60, "订单3698123456789012345呢"),
                                                           ("out", "小李", 70, "查到了亲"))):
        store.ingest_message(schema.Message(f"m{i}", "c1", direction, text, T0 + timedelta(seconds=seconds),
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


def test_report_kpi_prints_and_writes_xlsx_and_html(tmp_path, capsys):
    fill()
    assert main(["report", "kpi", "--from", "2026-11-11"]) == 0
    header, row = capsys.readouterr().out.splitlines()
    assert header.startswith("客服 agent\t起始日 period\t接待量 served")
    assert row.split("\t")[:5] == ["小李", "2026-11-11", "1", "20.0", "20.0"]
    assert main(["report", "kpi", "--from", "2026-11-01", "--to", "2026-11-30", "--period", "month",
                 "--out", str(tmp_path / "k.xlsx")]) == 0
    sheet = load_workbook(tmp_path / "k.xlsx").active
    assert [c.value for c in sheet[2]][:3] == ["小李", "2026-11-01", 1]
    assert main(["report", "kpi", "--from", "2026-11-11", "--out", str(tmp_path / "k.html")]) == 0
    assert "<td>小李</td>" in (tmp_path / "k.html").read_text(encoding="utf-8")
    assert main(["report", "kpi", "--from", "2026-11-12", "--to", "2026-11-11"]) == 2
    assert main(["report", "kpi", "--from", "2026-11-11", "--out", str(tmp_path / "k.csv")]) == 2
