"""`kefudesk bench`: runs each benchmark, compares it with its target and with a baseline measured in the
same run, prints a table and optionally writes the JSON records. Timing lives here, never in tests."""

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


def machine() -> str:
    return f"{platform.node()} {platform.machine()} {os.cpu_count()} cpu {platform.python_implementation()} {platform.python_version()}"


def record(name: str, value: float, unit: str, target: float, baseline: float | None, *,
           higher_is_better: bool = False) -> Record:
    """One result; the ratio and the verdict follow from the reported (rounded) numbers, so anyone can check them."""
    value = round(value, 4)
    baseline = None if baseline is None else round(baseline, 4)
    ratio = round(value / baseline, 3) if baseline else None
    passed = value >= target if higher_is_better else value <= target
    return Record(name, value, unit, target, baseline, ratio, passed, machine(), higher_is_better)


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
        bench_hostile_text,
        bench_import_lock,
        bench_ingest,
        bench_issues,
        bench_kpi,
        bench_phrases,
        bench_review,
        bench_soak,
        bench_store_open,
        bench_suggest,
        bench_system_palette,
    )

    return {
        "cold_start": bench_desk.cold_start,
        "message_to_queue": bench_desk.message_to_queue,
        "chat_switch": bench_desk.chat_switch,
        "palette_filter": bench_phrases.palette_filter,
        "palette_repaint": bench_phrases.palette_repaint,
        "abbreviation_expansion": bench_phrases.abbreviation_expansion,
        "ahk_import": bench_phrases.ahk_import,
        "issue_filter": bench_issues.issue_filter,
        "refund_xlsx": bench_issues.refund_xlsx,
        "ingest": bench_ingest.ingest,
        "soak": bench_soak.soak,
        "review": bench_review.review,
        "kpi_year": bench_kpi.kpi_year,
        "system_palette": bench_system_palette.system_palette,
        "hostile_text": bench_hostile_text.hostile_text,
        "guard": bench_guard.guard,
        "audit_log": bench_audit.audit_log,
        "store_open": bench_store_open.store_open,
        "import_lock": bench_import_lock.import_lock,
        "suggest_hit3": bench_suggest.suggest_quality,
        "suggest_p99": bench_suggest.suggest_speed,
        "history_import": bench_suggest.history_import,
    }


def run_benchmarks(*, quick: bool, only: str | None, json_path: Path | None) -> int:
    records: list[Record] = []
    for name, bench in all_benchmarks().items():
        if only and only not in name:
            continue
        print(f"running {name}…", flush=True)
        records.extend(bench(quick))
    if not records:
        print(f"no benchmark matches {only!r}; known: {', '.join(all_benchmarks())}")
        return 2
    print(f"\n{'name':<28}{'value':>10} {'unit':<5}{'target':>9}{'baseline':>10}{'ratio':>8}  ok")
    for r in records:
        base = "" if r.baseline is None else _figure(r.baseline)
        ratio = "" if r.ratio is None else f"{r.ratio:.2f}"
        target = f"{'≥' if r.higher_is_better else ''}{_figure(r.target)}"
        print(f"{r.name:<28}{_figure(r.value):>10} {r.unit:<5}{target:>9}{base:>10}{ratio:>8}  {'yes' if r.passed else 'NO'}")
    if json_path is not None:
        json_path.parent.mkdir(parents=True, exist_ok=True)
        json_path.write_text(json.dumps([asdict(r) for r in records], ensure_ascii=False, indent=2), encoding="utf-8")
        print(f"\nwrote {json_path}")
    return 0 if all(r.passed for r in records) else 1
