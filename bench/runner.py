"""`kefudesk bench`: runs each benchmark (N times with --repeat), compares it with its target and with a baseline
measured in the same run, prints a table (beside a previous run's JSON with --compare) and optionally writes the
JSON records, each with the machine's load and CPU count at its run. Timing lives here, never in tests."""

from __future__ import annotations

import json
import os
import platform
import statistics
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path


@dataclass
class Record:
    name: str
    value: float
    unit: str
    target: float
    baseline: float | None
    ratio: float | None
    passed: bool
    machine: str
    higher_is_better: bool = False  # a throughput passes at or above its target, a time at or below
    # what the machine was doing: a figure taken on a busy shared box is read beside its load
    load: float | None = None  # 1-minute load average when the record was taken (the highest of its repeats)
    cpus: int = 0
    repeats: int = 1  # with --repeat N, value and baseline are the medians of N runs…
    min: float | None = None  # …and this the smallest value of them


def machine() -> str:
    return f"{platform.node()} {platform.machine()} {os.cpu_count()} cpu {platform.python_implementation()} {platform.python_version()}"


def load_average() -> float | None:
    """The 1-minute load average (None where the OS has none, as on Windows)."""
    try:
        return round(os.getloadavg()[0], 2)
    except (AttributeError, OSError):
        return None


def record(name: str, value: float, unit: str, target: float, baseline: float | None, *,
           higher_is_better: bool = False) -> Record:
    """One result; the ratio and the verdict follow from the reported (rounded) numbers, so anyone can check them."""
    value = round(value, 4)
    baseline = None if baseline is None else round(baseline, 4)
    ratio = round(value / baseline, 3) if baseline else None
    passed = value >= target if higher_is_better else value <= target
    return Record(name, value, unit, target, baseline, ratio, passed, machine(), higher_is_better,
                  load_average(), os.cpu_count() or 0, 1, value)


def repeated(bench: Callable[[], list[Record]], times: int) -> list[Record]:
    """Run a benchmark `times` times; each record's value and baseline become the medians of its runs, `min`
    the smallest value, `load` the busiest run's. A record missing from some runs is summarised over the rest."""
    runs: dict[str, list[Record]] = {}
    for _ in range(times):
        for r in bench():
            runs.setdefault(r.name, []).append(r)
    summary = []
    for name, same in runs.items():
        baselines = [r.baseline for r in same if r.baseline is not None]
        first = same[0]
        merged = record(name, median([r.value for r in same]), first.unit, first.target,
                        median(baselines) if baselines else None, higher_is_better=first.higher_is_better)
        loads = [r.load for r in same if r.load is not None]
        merged.load = max(loads) if loads else None
        merged.repeats = len(same)
        merged.min = min(r.value for r in same)
        summary.append(merged)
    return summary


def compare_lines(records: list[Record], previous_json: Path) -> list[str]:
    """Each record beside its value in an earlier run's JSON and the change, for reading only: a shared machine's
    noise is no verdict, so nothing passes or fails from this."""
    try:
        previous = {r["name"]: r for r in json.loads(previous_json.read_text(encoding="utf-8"))}
    except (OSError, ValueError, TypeError, KeyError) as error:
        return [f"no comparison: {previous_json} could not be read ({error})"]
    lines = [f"{'name':<28}{'now':>10}{'before':>10} {'unit':<5}{'change':>8}  load now / before"]
    for r in records:
        before = previous.get(r.name)
        if before is None or not isinstance(before.get("value"), int | float):
            lines.append(f"{r.name:<28}{_figure(r.value):>10}{'new':>10} {r.unit:<5}")
            continue
        change = f"{(r.value - before['value']) / before['value'] * 100:+.0f}%" if before["value"] else ""
        load = f"{_load(r.load)} / {_load(before.get('load'))}"
        lines.append(f"{r.name:<28}{_figure(r.value):>10}{_figure(before['value']):>10} {r.unit:<5}{change:>8}  {load}")
    return lines


def _load(load: float | None) -> str:
    return "?" if load is None else f"{load:.2f}"


def _figure(number: float) -> str:
    """Four significant digits, but a throughput in whole units (25740, not 2.574e+04)."""
    return f"{number:.0f}" if abs(number) >= 10_000 else f"{number:.4g}"


def p95(samples: list[float]) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]


def median(samples: list[float]) -> float:
    return statistics.median(samples)


def all_benchmarks() -> dict[str, Callable[[bool], list[Record]]]:
    from bench import (
        bench_audit,
        bench_desk,
        bench_guard,
        bench_history_search,
        bench_hostile_text,
        bench_import_lock,
        bench_ingest,
        bench_issues,
        bench_kpi,
        bench_phrase_analytics,
        bench_phrase_files,
        bench_phrases,
        bench_queue,
        bench_review,
        bench_rotation,
        bench_search,
        bench_soak,
        bench_store_open,
        bench_suggest,
        bench_system_palette,
    )

    return {
        "cold_start": bench_desk.cold_start,
        "cli_start": bench_desk.cli_start,
        "message_to_queue": bench_desk.message_to_queue,
        "chat_switch": bench_desk.chat_switch,
        "palette_filter": bench_phrases.palette_filter,
        "palette_repaint": bench_phrases.palette_repaint,
        "abbreviation_expansion": bench_phrases.abbreviation_expansion,
        "ahk_import": bench_phrases.ahk_import,
        "issue_filter": bench_issues.issue_filter,
        "refund_xlsx": bench_issues.refund_xlsx,
        "ingest_live": bench_ingest.ingest_live,
        "ingest_batch": bench_ingest.ingest_batch,
        "soak": bench_soak.soak,
        "review": bench_review.review,
        "kpi_year": bench_kpi.kpi_year,
        "system_palette": bench_system_palette.system_palette,
        "hostile_text": bench_hostile_text.hostile_text,
        "guard": bench_guard.guard,
        "audit_log": bench_audit.audit_log,
        "store_open": bench_store_open.store_open,
        "import_lock": bench_import_lock.import_lock,
        "espanso_import": bench_phrase_files.espanso_import,
        "sogou_variants": bench_phrase_files.sogou_variants,
        "search": bench_search.search,
        "chat_scroll_back": bench_desk.chat_scroll_back,
        "suggest_hit3": bench_suggest.suggest_quality,
        "suggest_p99": bench_suggest.suggest_speed,
        "history_import": bench_suggest.history_import,
        "phrase_report": bench_phrase_analytics.phrase_report,
        "phrase_mining": bench_phrase_analytics.phrase_mining,
        "queue_fill": bench_queue.queue_fill,
        "history_search": bench_history_search.history_search,
        "rotation_pick": bench_rotation.rotation_pick,
    }


def run_benchmarks(*, quick: bool, only: str | None, json_path: Path | None, store_size: str = "100k",
                   repeat: int = 1, compare: Path | None = None) -> int:
    """store_size: the year-long store the scale benches read (bench/scale.py store_size())."""
    from bench import scale

    scale.set_store_size(store_size)
    records: list[Record] = []
    for name, bench in all_benchmarks().items():
        if only and only not in name:
            continue
        print(f"running {name}…", flush=True)
        records.extend(repeated(lambda bench=bench: bench(quick), max(1, repeat)))
    if not records:
        print(f"no benchmark matches {only!r}; known: {', '.join(all_benchmarks())}")
        return 2
    print(f"\n{'name':<28}{'value':>10} {'unit':<5}{'target':>9}{'baseline':>10}{'ratio':>8}  ok"
          + (f"  min of {repeat}" if repeat > 1 else ""))
    for r in records:
        base = "" if r.baseline is None else _figure(r.baseline)
        ratio = "" if r.ratio is None else f"{r.ratio:.2f}"
        target = f"{'≥' if r.higher_is_better else ''}{_figure(r.target)}"
        print(f"{r.name:<28}{_figure(r.value):>10} {r.unit:<5}{target:>9}{base:>10}{ratio:>8}  {'yes' if r.passed else 'NO'}"
              + (f"  {_figure(r.min)}" if repeat > 1 and r.min is not None else ""))
    print(f"load {_load(max((r.load for r in records if r.load is not None), default=None))} on "
          f"{os.cpu_count()} CPUs" + (f"; each value the median of {repeat} runs" if repeat > 1 else ""))
    if compare is not None:
        print(f"\nagainst {compare} (no verdict from this):")
        print("\n".join(compare_lines(records, compare)))
    if json_path is not None:
        json_path.parent.mkdir(parents=True, exist_ok=True)
        json_path.write_text(json.dumps([asdict(r) for r in records], ensure_ascii=False, indent=2), encoding="utf-8")
        print(f"\nwrote {json_path}")
    return 0 if all(r.passed for r in records) else 1
