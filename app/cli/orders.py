"""`kefudesk orders import FILE`: the marketplace's order export into the store (companion mode)."""

from __future__ import annotations

import argparse

from app.files.refusals import UnreadableFile
from app.safe_text import for_terminal

from app.cli.common import Exit, user_store
from app.cli.file_imports import add_sheet_arguments, print_plan, read_sheet, stops_before_import, unusable

PROG = "kefudesk orders"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    load = commands.add_parser("import", help="import an order export (CSV or XLSX, GBK or UTF-8)",
                               description="Every bad row is reported; nothing is imported unless every row is "
                               "good (or --skip-bad). Importing the same export again updates, never duplicates. "
                               "Orders the shop sent keep its data: the export only fills what the shop left "
                               "empty, and every field where the two differ is listed.")
    add_sheet_arguments(load, "no=订单编号", "rows")


def run(args: argparse.Namespace) -> int:
    from app.desk.order_import import plan_import, run_import

    fmt, mapping, data = read_sheet(args, PROG, "no=订单编号", "an order export")
    with user_store(PROG) as store:
        try:
            plan = plan_import(store, data, fmt, mapping=mapping)
        except UnreadableFile as exc:
            raise unusable(PROG, args.file, exc) from exc
        print_plan(args.file, fmt, plan.encoding, f"{plan.new} new order(s), {plan.updated} to update, "
                   f"{len(plan.conflicts)} conflict(s) with the shop's data, {len(plan.rejected)} bad row(s)",
                   plan.rejected, plan.mapping)
        for conflict in plan.conflicts:
            column = plan.mapping.get(conflict.field, conflict.field)
            print(f"  line {conflict.line}: order {for_terminal(conflict.order_no)}: {for_terminal(column)} is "
                  f"{for_terminal(repr(conflict.shop))} at the shop, {for_terminal(repr(conflict.export))} in the "
                  "export: the shop's is kept")
        stop = stops_before_import(args, len(plan.rejected), "dry run: nothing was changed",
                                   f"nothing imported: {len(plan.rejected)} bad row(s). Fix them, or import the "
                                   f"{len(plan.rows)} good one(s) with --skip-bad")
        if stop is not None:
            return stop
        print(f"imported {run_import(store, plan)} order(s)")
        return Exit.OK
