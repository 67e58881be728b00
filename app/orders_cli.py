"""`kefudesk orders import FILE`: the marketplace's order export into the store (companion mode)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from app.cli_store import open_user_store
from app.files.limits import SHEET_BYTES, read_limited
from app.safe_text import for_terminal


def add_parsers(parser: argparse.ArgumentParser) -> None:
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    load = commands.add_parser("import", help="import an order export (CSV or XLSX, GBK or UTF-8)",
                               description="Every bad row is reported; nothing is imported unless every row is "
                               "good (or --skip-bad). Importing the same export again updates, never duplicates. "
                               "Orders the shop sent keep its data: the export only fills what the shop left "
                               "empty, and every field where the two differ is listed.")
    load.add_argument("file", type=Path)
    load.add_argument("--format", choices=("csv", "xlsx"), help="default: from the file name")
    load.add_argument("--map", action="append", default=[], metavar="FIELD=HEADER",
                      help="which column holds a field, e.g. no=订单编号 (remembered for this shop)")
    load.add_argument("--dry-run", action="store_true", help="report, import nothing")
    load.add_argument("--skip-bad", action="store_true", help="import the good rows even if some are bad")


def read_sheet_args(args: argparse.Namespace, prog: str, example: str, what: str = "an order export",
                    ) -> tuple[str, dict[str, str], bytes] | int:
    """FILE, --format and --map of an import command: (format, mapping, bytes), or the exit code after saying
    what is wrong."""
    fmt = args.format or {".csv": "csv", ".xlsx": "xlsx"}.get(args.file.suffix.lower())
    if fmt is None:
        print(f"{prog}: cannot tell the format of {args.file} (use --format csv|xlsx)", file=sys.stderr)
        return 2
    mapping = {}
    for pair in args.map:
        field, _, header = pair.partition("=")
        if not header:
            print(f"{prog}: --map {pair!r}: write FIELD=HEADER, e.g. {example}", file=sys.stderr)
            return 2
        mapping[field.strip()] = header.strip()
    try:
        data = read_limited(args.file, SHEET_BYTES, what, "split it by date and import the parts")
    except OSError as exc:
        print(f"{prog}: cannot read {args.file}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    return fmt, mapping, data


def run(args: argparse.Namespace) -> int:
    from app.desk.order_import import OrderFileError, plan_import, run_import
    from app.quickreplies.formats.base import PhraseFileError

    read = read_sheet_args(args, "kefudesk orders", "no=订单编号")
    if isinstance(read, int):
        return read
    fmt, mapping, data = read
    store = open_user_store("kefudesk orders")
    if store is None:
        return 3
    try:
        try:
            plan = plan_import(store, data, fmt, mapping=mapping)
        except (OrderFileError, PhraseFileError) as exc:
            print(f"kefudesk orders: {args.file}: {for_terminal(exc)}. Nothing was imported.", file=sys.stderr)
            return 2
        encoding = f", {plan.encoding}" if plan.encoding else ""
        print(f"{args.file} ({fmt}{encoding}): {plan.new} new order(s), {plan.updated} to update, "
              f"{len(plan.conflicts)} conflict(s) with the shop's data, {len(plan.rejected)} bad row(s)")
        print("columns: " + ", ".join(f"{field}={for_terminal(header)}" for field, header in plan.mapping.items()))
        for bad in plan.rejected:  # the file's own words: shown, never obeyed by the terminal
            print(f"  line {bad.line}: {for_terminal(bad.reason)} — {for_terminal(bad.text)}")
        for conflict in plan.conflicts:
            column = plan.mapping.get(conflict.field, conflict.field)
            print(f"  line {conflict.line}: order {for_terminal(conflict.order_no)}: {for_terminal(column)} is "
                  f"{for_terminal(repr(conflict.shop))} at the shop, {for_terminal(repr(conflict.export))} in the "
                  "export: the shop's is kept")
        if args.dry_run:
            print("dry run: nothing was changed")
            return 1 if plan.rejected else 0
        if plan.rejected and not args.skip_bad:
            print(f"nothing imported: {len(plan.rejected)} bad row(s). Fix them, or import the {len(plan.rows)} "
                  "good one(s) with --skip-bad", file=sys.stderr)
            return 1
        print(f"imported {run_import(store, plan)} order(s)")
        return 0
    finally:
        store.close()
