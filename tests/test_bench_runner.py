"""`kefudesk bench` writes the records later issues build on. Times are not asserted here (shared, noisy
machines): only that each record is complete and its verdict follows from its own numbers."""

import json
import os

from app.cli.main import main
from bench.runner import compare_lines, record, repeated

FIELDS = {"name", "value", "unit", "target", "baseline", "ratio", "passed", "machine", "higher_is_better",
          "load", "cpus", "repeats", "min"}


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
    assert record["cpus"] == os.cpu_count() and record["load"] >= 0
    assert record["repeats"] == 1 and record["min"] == record["value"]
    assert "chat_switch_2000_messages" in capsys.readouterr().out


def test_repeat_reports_the_median_as_the_value_and_the_smallest_beside_it():
    runs = iter([(30.0, 3.0), (10.0, 1.0), (20.0, 5.0)])

    def bench() -> list:
        value, baseline = next(runs)
        return [record("chat_switch", value, "ms", 25, baseline)]

    [r] = repeated(bench, 3)
    assert (r.value, r.min, r.baseline, r.repeats) == (20.0, 10.0, 3.0, 3)
    assert r.ratio == round(20 / 3, 3) and r.passed  # the verdict is the median's, not the best run's
    [one] = repeated(lambda: [record("chat_switch", 30, "ms", 25, 3)], 1)
    assert one.value == one.min == 30 and not one.passed


def test_compare_prints_each_record_beside_the_previous_run_without_a_verdict(tmp_path):
    previous = tmp_path / "baseline.json"
    previous.write_text(json.dumps([{"name": "chat_switch", "value": 10.0, "load": 0.5}]), encoding="utf-8")
    lines = compare_lines([record("chat_switch", 15, "ms", 50, 1), record("ingest", 9000, "msg/s", 5000, None)],
                          previous)
    switch = next(line for line in lines if line.startswith("chat_switch"))
    assert "15" in switch and "10" in switch and "+50%" in switch and "0.50" in switch
    assert any(line.startswith("ingest") and "new" in line for line in lines)
    assert "could not be read" in compare_lines([], tmp_path / "missing.json")[0]


def test_bench_compares_with_an_earlier_json_and_its_exit_code_ignores_the_change(tmp_path, qapp, capsys):
    earlier = tmp_path / "earlier.json"
    earlier.write_text(json.dumps([{"name": "chat_switch_2000_messages", "value": 0.0001}]), encoding="utf-8")
    code = main(["bench", "--quick", "--only", "chat_switch", "--repeat", "2", "--compare", str(earlier)])
    out = capsys.readouterr().out
    # orders of magnitude slower than "before": the exit code still follows the targets alone
    assert code == (1 if "  NO" in out else 0)
    assert "against" in out and "min of 2" in out
    row = next(line for line in out.splitlines() if line.startswith("chat_switch_2000_messages") and "%" in line)
    assert "0.0001" in row


def test_a_throughput_passes_at_or_above_its_target_a_time_at_or_below():
    assert record("ingest", 20_000, "msg/s", 20_000, 100_000, higher_is_better=True).passed
    assert not record("ingest", 19_999, "msg/s", 20_000, 100_000, higher_is_better=True).passed
    assert record("ingest", 20_000, "msg/s", 20_000, 100_000, higher_is_better=True).ratio == 0.2
    assert record("chat_switch", 50, "ms", 50, 10).passed and not record("chat_switch", 51, "ms", 50, 10).passed


def test_an_unknown_benchmark_name_says_which_exist(capsys):
    assert main(["bench", "--only", "warp_speed"]) == 2
    out = capsys.readouterr().out
    assert "warp_speed" in out and "cold_start" in out
