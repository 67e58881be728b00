"""`kefudesk bench`: the benchmarks in the source checkout's bench/ folder against their targets, or the long
crash and bad-input runs (--reliability)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from app.cli.common import Exit

CHECKOUT = Path(__file__).resolve().parents[2]  # app/cli/bench.py → the checkout that holds app/ and bench/


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--quick", action="store_true", help="fewer repetitions; finishes in under a minute")
    parser.add_argument("--only", metavar="NAME", help="run only benchmarks whose name contains NAME")
    parser.add_argument("--store-size", choices=("100k", "1m", "5m"), default="100k",
                        help="messages in the year-long store the scale benches read (built once, then cached in "
                        "~/.cache/kefudesk-bench; 5m takes minutes to build)")
    parser.add_argument("--json", type=Path, metavar="FILE", help="also write the records as JSON to FILE")
    parser.add_argument("--repeat", type=int, default=1, metavar="N",
                        help="run each benchmark N times: the median is the value, the smallest beside it")
    parser.add_argument("--compare", type=Path, metavar="PREVIOUS.json",
                        help="print each record beside its value in an earlier --json file (no verdict from it)")
    parser.add_argument("--reliability", action="store_true", help="instead: the long crash and bad-input runs "
                        "(150 kills of a working desk, property tests at 20× their inputs; about 15 minutes, "
                        "or 2 with --quick); see docs/reliability.md")


def run(args: argparse.Namespace) -> int:
    if not (CHECKOUT / "bench" / "runner.py").exists():
        print("kefudesk bench: the benchmarks live in the source checkout's bench/ folder; "
              "run this from a clone of the repository", file=sys.stderr)
        return Exit.REFUSED
    sys.path.insert(0, str(CHECKOUT))
    if args.reliability:
        from bench.reliability import run_reliability

        return run_reliability(quick=args.quick, json_path=args.json)
    from bench.runner import run_benchmarks

    return run_benchmarks(quick=args.quick, only=args.only, json_path=args.json, store_size=args.store_size,
                          repeat=args.repeat, compare=args.compare)
