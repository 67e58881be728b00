"""`kefudesk problems import FILE` and `kefudesk problems list`: the in-sale problem-order list (问题订单) from
the shop back-end's export, and the worklist it feeds (who to message, who to phone, what is due)."""

from __future__ import annotations

import argparse
import getpass
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from app.cli_store import open_user_store
from app.safe_text import for_terminal, terminal_json

if TYPE_CHECKING:
    from app.desk.issues import IssueDesk


def add_parsers(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--as", dest="agent", default="", metavar="NAME",
                        help="the agent the new problems are assigned to (default: your login name)")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    load = commands.add_parser("import", help="import the back-end's problem-order list (CSV or XLSX)",
                               description="Every bad line is reported; nothing is imported unless every line "
                               "is good (or --skip-bad). Importing the list again never duplicates a problem.")
    load.add_argument("file", type=Path)
    load.add_argument("--format", choices=("csv", "xlsx"), help="default: from the file name")
    load.add_argument("--map", action="append", default=[], metavar="FIELD=HEADER",
                      help="which column holds a field, e.g. category=异常类型 (remembered for this shop)")
    load.add_argument("--dry-run", action="store_true", help="report, import nothing")
    load.add_argument("--skip-bad", action="store_true", help="import the good lines even if some are bad")
    show = commands.add_parser("list", help="the worklist: open problem orders, most urgent first")
    show.add_argument("--step", choices=("message", "waiting", "phone", "follow_up"),
                      help="only problems at this step (phone: no answer to a message within 2 days)")
    show.add_argument("--category", help="only this category, e.g. out_of_area or 超区")
    show.add_argument("--json", action="store_true", help="one JSON object per line")


def run(args: argparse.Namespace) -> int:

    store = open_user_store("kefudesk problems")
    if store is None:
        return 3
    try:
        from app.desk.issues import IssueDesk

        desk = IssueDesk(store, args.agent or getpass.getuser())
        return _import(desk, args) if args.command == "import" else _list(desk, args)
    finally:
        store.close()


def _import(desk: IssueDesk, args: argparse.Namespace) -> int:
    from app.desk.order_import import OrderFileError
    from app.desk.problem_orders import plan_file, run_plan
    from app.orders_cli import read_sheet_args
    from app.quickreplies.formats.base import PhraseFileError

    read = read_sheet_args(args, "kefudesk problems", "category=异常类型", "a problem-order list")
    if isinstance(read, int):
        return read
    fmt, mapping, data = read
    try:
        plan = plan_file(desk, data, fmt, mapping=mapping)
    except (OrderFileError, PhraseFileError) as exc:
        print(f"kefudesk problems: {args.file}: {for_terminal(exc)}. Nothing was imported.", file=sys.stderr)
        return 2
    encoding = f", {plan.encoding}" if plan.encoding else ""
    print(f"{args.file} ({fmt}{encoding}): {plan.new} new problem(s), {plan.refreshed} refreshed, {plan.unchanged} "
          f"already on the worklist, {plan.resolved_before} resolved before (not reopened), "
          f"{len(plan.rejected)} bad line(s)")
    print("columns: " + ", ".join(f"{field}={for_terminal(header)}" for field, header in plan.mapping.items()))
    for bad in plan.rejected:  # the file's own words: shown, never obeyed by the terminal
        print(f"  line {bad.line}: {for_terminal(bad.reason)} — {for_terminal(bad.text)}")
    if args.dry_run:
        print("dry run: nothing was changed")
        return 1 if plan.rejected else 0
    if plan.rejected and not args.skip_bad:
        print(f"nothing imported: {len(plan.rejected)} bad line(s). Fix them, or import the good ones with "
              "--skip-bad", file=sys.stderr)
        return 1
    ids = run_plan(desk, plan, source=str(args.file))
    print(f"imported: {len(ids)} new problem(s) on the worklist")
    return 0


def _list(desk: IssueDesk, args: argparse.Namespace) -> int:
    from app.desk.problem_orders import category_label, category_of
    from app.desk.worklist import worklist

    category = ""
    if args.category:
        category = category_of(args.category) or ""
        if not category:
            print(f"kefudesk problems: {args.category!r} is not a problem-order category", file=sys.stderr)
            return 2
    now = desk.clock()
    items = worklist(desk, now=now, category=category, step=args.step or "")
    for w in items:
        due = w.due_at.astimezone().strftime("%m-%d %H:%M") if w.due_at else "-"
        if args.json:
            print(terminal_json(json.dumps({
                "issue": w.issue.id, "order_no": w.issue.order_no, "buyer": w.issue.buyer_nick,
                "category": w.issue.category, "step": w.step, "overdue": w.overdue(now),
                "due_at": w.due_at.isoformat() if w.due_at else None, "attempts": w.attempts, "phone": w.phone,
                "detail": w.issue.note}, ensure_ascii=False)))
        else:
            flag = "!" if w.overdue(now) else " "
            print(f"{flag} #{w.issue.id:<5} {due:>11}  {w.step:<9} {category_label(w.issue.category):<6} "
                  f"{for_terminal(w.issue.order_no)}  {for_terminal(w.issue.buyer_nick)}  {for_terminal(w.phone or '')}  "
                  f"{for_terminal(w.issue.note[:40])}")
    if not args.json:
        print(f"{len(items)} problem(s); ! = due now")
    return 0
