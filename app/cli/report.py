"""`kefudesk report TABLE --date D [--out FILE.xlsx]`: the floor's daily tables from the issues; `kefudesk report
kpi` and `kefudesk report phrases --from D --to D` over days."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from app.files.limits import SHEET_BYTES, read_limited
from app.files.writing import write_atomic
from app.safe_text import csv_cell, for_terminal

from app.cli.common import Exit, user_store

if TYPE_CHECKING:
    from app.desk.reports import Table

KINDS = ("refunds", "reships", "returns", "complaints", "reviews", "problem-orders")  # app.desk.reports.KINDS
PERIODS = ("day", "week", "month")  # app.desk.kpis.PERIODS


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("table", choices=(*KINDS, "kpi", "phrases"),
                        help="which table; kpi: the agents' KPIs (docs/kpis.md); phrases: phrase analytics "
                             "(docs/phrases.md)")
    parser.add_argument("--date", default=datetime.now().astimezone().strftime("%Y-%m-%d"),
                        help="the local day, YYYY-MM-DD (default today)")
    parser.add_argument("--out", type=Path, help="write an .xlsx file (default: tab-separated text on stdout)")
    parser.add_argument("--from", dest="first", metavar="D", help="kpi, phrases: the first local day, YYYY-MM-DD")
    parser.add_argument("--to", dest="last", metavar="D",
                        help="kpi, phrases: the last local day (default: the first)")
    parser.add_argument("--period", choices=PERIODS, default="day", help="kpi: one row per agent and day, week "
                        "or month (default day)")
    parser.add_argument("--reconcile", type=Path, metavar="SHEET",
                        help="refunds only: mark the day's refunds against finance's result sheet (CSV/XLSX)")


def run(args: argparse.Namespace) -> int:
    from app.desk.refused import IssueRefused
    from app.desk.reports import Reports, write_xlsx

    if args.table == "kpi":
        return _kpi(args)
    if args.table == "phrases":
        return _phrases(args)
    if args.out is not None and args.out.suffix.lower() != ".xlsx":
        print(f"kefudesk report: {args.out} must end in .xlsx (the tables open in Excel and WPS)", file=sys.stderr)
        return Exit.REFUSED
    with user_store("kefudesk report") as store:
        if args.reconcile is not None:
            return _reconcile(store, args)
        try:
            table = Reports(store).table(args.table, args.date)
        except IssueRefused as exc:
            print(f"kefudesk report: {exc}", file=sys.stderr)
            return Exit.REFUSED
    if args.out is None:
        print_tsv(table)
        return Exit.OK
    if not _written("kefudesk report", args.out, lambda path: write_xlsx(table, path)):
        return Exit.REFUSED
    print(f"{table.name}: {len(table.rows)} row(s) written to {args.out}")
    return Exit.OK


def _written(prog: str, path: Path, write: Callable[[Path], None]) -> bool:
    """write(path), or False after saying why the file could not be written."""
    try:
        write(path)
    except OSError as exc:
        print(f"{prog}: cannot write {path}: {exc.strerror or exc}", file=sys.stderr)
        return False
    return True


def print_tsv(table: Table) -> None:
    """The table as tab-separated text, as agents paste it into a sheet: a line a row (tabs and line breaks in a
    cell become spaces), formula-like text behind an apostrophe, nothing a terminal would obey."""
    print("\t".join(table.headers))
    for row in table.rows:
        print("\t".join(_tsv_cell(cell) for cell in row))


def _tsv_cell(value: object) -> str:
    if isinstance(value, str):
        value = csv_cell(value.replace("\r\n", " ").replace("\t", " ").replace("\n", " ").replace("\r", " "))
    return for_terminal(value)


def _reconcile(store: object, args: argparse.Namespace) -> int:
    from app.files.refusals import UnreadableFile

    from app.desk.reconcile import reconcile
    from app.desk.refused import IssueRefused

    if args.table != "refunds":
        print("kefudesk report: --reconcile goes with the refunds table", file=sys.stderr)
        return Exit.REFUSED
    fmt = "xlsx" if args.reconcile.suffix.lower() == ".xlsx" else "csv"
    try:
        data = read_limited(args.reconcile, SHEET_BYTES, "finance's sheet")
        marks = reconcile(store, data, fmt, args.date,  # type: ignore[arg-type]
                          who=os.environ.get("USER", "kefudesk"))
    except OSError as exc:
        print(f"kefudesk report: cannot read {args.reconcile}: {exc.strerror or exc}", file=sys.stderr)
        return Exit.REFUSED
    except (UnreadableFile, IssueRefused) as exc:
        print(f"kefudesk report: {args.reconcile}: {for_terminal(exc)}", file=sys.stderr)
        return Exit.REFUSED
    for mark in marks:  # finance's sheet's words: shown, never obeyed by the terminal
        print(f"{for_terminal(mark.order_no)}\t{mark.result}\t{for_terminal(mark.detail)}".rstrip())
    bad = [m for m in marks if m.result != "matched"]
    print(f"{len(marks) - len(bad)} matched, {len(bad)} to look at")
    return Exit.ATTENTION if bad else Exit.OK


def _days(args: argparse.Namespace, prog: str) -> tuple[date, date] | None:
    """--from and --to as local days (--to defaults to --from, --from to --date); None after saying why not."""
    try:
        first = date.fromisoformat(args.first or args.date)
        last = date.fromisoformat(args.last) if args.last else first
    except ValueError:
        print(f"{prog}: --from and --to are days such as 2026-11-11", file=sys.stderr)
        return None
    if last < first:
        print(f"{prog}: --to is before --from", file=sys.stderr)
        return None
    return first, last


def _kpi(args: argparse.Namespace) -> int:
    from app.desk.reports import write_xlsx
    from app.desk.review import ReviewDesk, kpi_table, table_html

    days = _days(args, "kefudesk report kpi")
    if days is None:
        return Exit.REFUSED
    first, last = days
    suffix = args.out.suffix.lower() if args.out is not None else ""
    if args.out is not None and suffix not in (".xlsx", ".html"):
        print(f"kefudesk report kpi: {args.out} must end in .xlsx or .html", file=sys.stderr)
        return Exit.REFUSED
    with user_store("kefudesk report kpi") as store:
        desk = ReviewDesk(store, os.environ.get("USER", "kefudesk"), clock=lambda: datetime.now().astimezone())
        table = kpi_table(desk.kpis(first, last, args.period), desk.names)
    title = f"KPI {first.isoformat()} – {last.isoformat()} ({args.period})"
    try:
        if suffix == ".xlsx":
            write_xlsx(table, args.out)
        elif suffix == ".html":
            write_atomic(args.out, table_html(table, title))
    except OSError as exc:
        print(f"kefudesk report kpi: cannot write {args.out}: {exc.strerror or exc}", file=sys.stderr)
        return Exit.REFUSED
    if args.out is None:
        print_tsv(table)
    else:
        print(f"{title}: {len(table.rows)} row(s) written to {args.out}")
    return Exit.OK



def _phrases(args: argparse.Namespace) -> int:
    """Phrase analytics over the days: one line a phrase on stdout, or the workbook (per phrase, per day, the
    near-duplicates) with --out."""
    from app.desk.phrase_analytics import SUMMARY_HEADERS, phrase_report, summary_rows, write_report
    from app.desk.reports import Table

    prog = "kefudesk report phrases"
    days = _days(args, prog)
    if days is None:
        return Exit.REFUSED
    if args.out is not None and args.out.suffix.lower() != ".xlsx":
        print(f"{prog}: {args.out} must end in .xlsx", file=sys.stderr)
        return Exit.REFUSED
    with user_store(prog) as store:
        report = phrase_report(store, store.phrases(), *days)
    if args.out is None:
        print_tsv(Table("phrases", SUMMARY_HEADERS, summary_rows(report)))
        return Exit.OK
    if not _written(prog, args.out, lambda path: write_report(report, path)):
        return Exit.REFUSED
    print(f"phrases {days[0].isoformat()} – {days[1].isoformat()}: {len(report.stats)} phrase(s), "
          f"{len(report.near)} near-duplicate pair(s) written to {args.out}")
    return Exit.OK
