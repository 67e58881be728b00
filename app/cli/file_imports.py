"""The steps the file-import commands (`kefudesk orders import`, `problems import`, `phrases import`) share: a
sheet's arguments and bytes, the plan's report with every line not taken, and the stop before importing on a dry
run or bad lines."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Protocol

from app.files.limits import SHEET_BYTES, read_limited
from app.safe_text import for_terminal

from app.cli.common import Exit, Stop


class Rejected(Protocol):
    """A line of an import file that was not taken (or was, with a note)."""

    @property
    def line(self) -> int: ...
    @property
    def reason(self) -> str: ...
    @property
    def text(self) -> str: ...


def add_sheet_arguments(parser: argparse.ArgumentParser, example: str, unit: str) -> None:
    """FILE, --format, --map, --dry-run and --skip-bad of a command that imports a sheet (CSV or XLSX); example is
    a --map pair, unit what the sheet has a line of ("rows", "lines")."""
    parser.add_argument("file", type=Path)
    parser.add_argument("--format", choices=("csv", "xlsx"), help="default: from the file name")
    parser.add_argument("--map", action="append", default=[], metavar="FIELD=HEADER",
                        help=f"which column holds a field, e.g. {example} (remembered for this shop)")
    parser.add_argument("--dry-run", action="store_true", help="report, import nothing")
    parser.add_argument("--skip-bad", action="store_true", help=f"import the good {unit} even if some are bad")


def read_sheet(args: argparse.Namespace, prog: str, example: str, what: str) -> tuple[str, dict[str, str], bytes]:
    """FILE, --format and --map of a sheet import: (format, mapping, bytes); Stop(2) after saying what is wrong."""
    fmt = args.format or {".csv": "csv", ".xlsx": "xlsx"}.get(args.file.suffix.lower())
    if fmt is None:
        print(f"{prog}: cannot tell the format of {args.file} (use --format csv|xlsx)", file=sys.stderr)
        raise Stop(Exit.REFUSED)
    mapping = {}
    for pair in args.map:
        field, _, header = pair.partition("=")
        if not header:
            print(f"{prog}: --map {pair!r}: write FIELD=HEADER, e.g. {example}", file=sys.stderr)
            raise Stop(Exit.REFUSED)
        mapping[field.strip()] = header.strip()
    try:
        data = read_limited(args.file, SHEET_BYTES, what, "split it by date and import the parts")
    except OSError as exc:
        print(f"{prog}: cannot read {args.file}: {exc.strerror or exc}", file=sys.stderr)
        raise Stop(Exit.REFUSED) from exc
    return fmt, mapping, data


def unusable(prog: str, file: Path, error: Exception) -> Stop:
    """Say that an import file cannot be taken at all; the Stop to raise."""
    print(f"{prog}: {file}: {for_terminal(error)}. Nothing was imported.", file=sys.stderr)
    return Stop(Exit.REFUSED)


def print_plan(file: Path, fmt: str, encoding: str | None, counts: str, rejected: Iterable[Rejected],
               mapping: Mapping[str, str] | None = None, *, at_most: int | None = None) -> None:
    """The head of an import's report: the file, its format and text encoding, the counts, the columns each field
    was read from (sheets), then each line not taken, with why (the first at_most of them; None: all)."""
    print(f"{file} ({fmt}{f', {encoding}' if encoding else ''}): {counts}")
    if mapping is not None:
        print("columns: " + ", ".join(f"{field}={for_terminal(header)}" for field, header in mapping.items()))
    print_rejected(rejected, at_most=at_most)


def print_rejected(rejected: Iterable[Rejected], note: str = "", *, at_most: int | None = None) -> None:
    """Each line of the file that was not taken, with why (note: "note: " for lines taken with a remark); after
    at_most of them, how many more there are and how to see them (a 30,000-line package's report is read by its
    summary, not scrolled through)."""
    rejected = list(rejected)
    for bad in rejected[:at_most]:  # the file's own words: shown, never obeyed by the terminal
        print(f"  line {bad.line}: {note}{for_terminal(bad.reason)} — {for_terminal(bad.text)}")
    more_lines(len(rejected), at_most)


def more_lines(count: int, at_most: int | None) -> None:
    """The line that says how many details were left out after the first at_most, and how to list them all."""
    if at_most is not None and count > at_most:
        print(f"  … and {count - at_most} more line(s) like these: --details lists every one")


def stops_before_import(args: argparse.Namespace, bad: int, dry_run: str, refusal: str) -> Exit | None:
    """The exit code when an import ends at its plan: a dry run (1 when a line was bad, after dry_run) or bad lines
    without --skip-bad (1, after the refusal); None when it goes on to import."""
    if args.dry_run:
        print(dry_run)
        return Exit.ATTENTION if bad else Exit.OK
    if bad and not args.skip_bad:
        print(refusal, file=sys.stderr)
        return Exit.ATTENTION
    return None
