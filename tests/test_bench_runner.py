"""`kefudesk bench` writes the records later issues build on. Times are not asserted here (shared, noisy
machines): only that each record is complete and its verdict follows from its own numbers."""

import json

from app.cli.main import main
from bench.runner import record

FIELDS = {"name", "value", "unit", "target", "baseline", "ratio", "passed", "machine", "higher_is_better"}


def test_bench_writes_complete_records_with_a_baseline_from_the_same_run(tmp_path, qapp, capsys):
    out = tmp_path / "bench.json"
    main(["bench", "--quick", "--only", "chat_switch", "--json", str(out)])
    records = json.loads(out.read_text(encoding="utf-8"))
    assert [r["name"] for r in records] == ["chat_switch_2000_messages"]
    record = records[0]
    assert set(record) == FIELDS
    assert record["value"] > 0 and record["baseline"] > 0
    assert record["ratio"] == round(record["value"] / record["baseline"], 3)
    assert record["passed"] == (record["value"] <= record["target"]) and record["higher_is_better"] is False
    assert "chat_switch_2000_messages" in capsys.readouterr().out


def test_a_throughput_passes_at_or_above_its_target_a_time_at_or_below():
    assert record("ingest", 20_000, "msg/s", 20_000, 100_000, higher_is_better=True).passed
    assert not record("ingest", 19_999, "msg/s", 20_000, 100_000, higher_is_better=True).passed
    assert record("ingest", 20_000, "msg/s", 20_000, 100_000, higher_is_better=True).ratio == 0.2
    assert record("chat_switch", 50, "ms", 50, 10).passed and not record("chat_switch", 51, "ms", 50, 10).passed


def test_an_unknown_benchmark_name_says_which_exist(capsys):
    assert main(["bench", "--only", "warp_speed"]) == 2
    out = capsys.readouterr().out
    assert "warp_speed" in out and "cold_start" in out
