"""`kefudesk report kpi`: the agents' KPIs as text, XLSX and HTML, agents named as the shop named them, and a name
that looks like a formula or an escape sequence kept text in every form. (The daily tables through the command are
tested beside the tables, in tests/unit/desk/test_reports.py, on the store their fixture fills.)"""

from datetime import UTC, datetime, timedelta

import pytest
from openpyxl import load_workbook

from app.store.engine import open_store

from app import config, domain
from app.cli.main import main
from tests.cli.test_search import T0, fill
from tests.conftest import many_chats, obeyed_by_a_terminal


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


def test_the_kpi_report_keeps_an_agents_name_text_in_every_form(tmp_path, capsys):
    name = "=cmd|' /C calc'!A0\x1b[2J"
    store = open_store(config.store_path())
    store.upsert_conversation(domain.Conversation("c1", domain.Buyer("b1", "果果妈"), "active", T0))
    store.ingest_message(domain.Message("m1", "c1", "in", "在吗", T0))
    store.ingest_message(domain.Message("m2", "c1", "out", "在的亲", T0 + timedelta(seconds=5), agent=name))
    store.close()
    assert main(["report", "kpi", "--from", "2026-11-11", "--out", str(tmp_path / "k.xlsx")]) == 0
    cell = load_workbook(tmp_path / "k.xlsx").active["A2"]
    assert (cell.value, cell.data_type, cell.quotePrefix) == ("=cmd|' /C calc'!A0␛[2J", "s", True)
    capsys.readouterr()
    assert main(["report", "kpi", "--from", "2026-11-11"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[1].startswith("'=cmd|' /C calc'!A0␛[2J\t") and not obeyed_by_a_terminal(out)
    assert main(["report", "kpi", "--from", "2026-11-11", "--out", str(tmp_path / "k.html")]) == 0
    assert "<td>=cmd|&#x27; /C calc&#x27;!A0␛[2J</td>" in (tmp_path / "k.html").read_text(encoding="utf-8")


def test_the_kpi_report_names_agents_by_the_name_the_shop_gave_them(tmp_path, capsys):
    store = open_store(config.store_path())
    store.ensure_agent("agent-xiaowang", "demo", "小王")  # as the desk kept it from the shop's agent list
    store.upsert_conversation(domain.Conversation("c1", domain.Buyer("b1", "果果妈"), "active", T0))
    store.ingest_message(domain.Message("m1", "c1", "in", "在吗", T0))
    store.ingest_message(domain.Message("m2", "c1", "out", "在的亲", T0 + timedelta(seconds=5), agent="agent-xiaowang"))
    store.ingest_message(domain.Message("m3", "c1", "in", "27码有吗", T0 + timedelta(seconds=30)))
    store.ingest_message(domain.Message("m4", "c1", "out", "有的", T0 + timedelta(seconds=40), agent="agent-gone"))
    store.close()
    assert main(["report", "kpi", "--from", "2026-11-11"]) == 0
    rows = [line.split("\t")[0] for line in capsys.readouterr().out.splitlines()[1:]]
    assert sorted(rows) == ["agent-gone", "小王"]  # an id nothing named stays as it is


@pytest.mark.usefixtures("sqlite_as_shipped")
def test_the_kpi_report_reads_more_chats_than_sqlite_takes_variables(capsys):
    """40,000 chats in the day: once all their ids went into one query, past SQLite's 32,766 variables, and a year
    of a busy shop crashed the report ('too many SQL variables')."""
    store = open_store(config.store_path())
    many_chats(store, 40_000, T0)
    store.close()
    assert main(["report", "kpi", "--from", "2026-11-11"]) == 0
    rows = [line.split("\t") for line in capsys.readouterr().out.splitlines()[1:]]
    assert [row[:5] for row in rows] == [["小李", "2026-11-11", "20000", "20.0", "20.0"],
                                         ["小王", "2026-11-11", "20000", "50.0", "50.0"]]
    assert main(["report", "kpi", "--from", "2026-11-01", "--to", "2026-11-30", "--period", "month"]) == 0
    rows = [line.split("\t") for line in capsys.readouterr().out.splitlines()[1:]]
    assert [row[:3] for row in rows] == [["小李", "2026-11-01", "20000"], ["小王", "2026-11-01", "20000"]]


def test_report_phrases_prints_and_writes_the_workbook_with_a_formula_looking_phrase_as_text(tmp_path, capsys):
    from app.quickreplies.phrase import Phrase
    from app.store.phrase_stats import phrase_sent

    noon = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)  # 1 December wherever the test runs, but past ±12 h
    store = open_store(config.store_path())
    first, second = store.add_phrases([Phrase(0, "=1+1", "=HYPERLINK(\"http://x\")", "售前"),
                                       Phrase(0, "尺码", "亲，按平时的码数拍就可以", "售前")])
    store.upsert_conversation(domain.Conversation("c1", domain.Buyer("b1", "果果妈"), "active", noon))
    store.phrase_used(first, noon, "在吗", conversation_id="c1", agent="xiaowang")
    record, _ = store.ingest_message(domain.Message("m1", "c1", "out", "=HYPERLINK(\"http://x\") 亲", noon,
                                                    agent="xiaowang"))
    phrase_sent(store, "c1", record.id, {first: True})
    store.close()

    assert main(["report", "phrases", "--from", "2026-12-01"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("标题\t分组\t内容\t使用\t发出\t改后发出")
    assert lines[1].split("\t")[:7] == ["'=1+1", "售前", "'=HYPERLINK(\"http://x\")", "1", "1", "1", "1.0"]
    assert lines[2].split("\t")[11] == "从未使用"
    out = tmp_path / "p.xlsx"
    assert main(["report", "phrases", "--from", "2026-12-01", "--to", "2026-12-02", "--out", str(out)]) == 0
    cell = load_workbook(out)["短语"]["A2"]
    assert (cell.value, cell.data_type, cell.quotePrefix) == ("=1+1", "s", True)
    assert main(["report", "phrases", "--from", "2026-12-02", "--to", "2026-12-01"]) == 2
    assert main(["report", "phrases", "--from", "2026-12-01", "--out", str(tmp_path / "p.csv")]) == 2
    assert main(["report", "phrases", "--from", "12/1"]) == 2
