"""`kefudesk problems import FILE` and `kefudesk problems list`: the in-sale problem-order list (问题订单) from
the shop back-end's export, and the worklist it feeds (who to message, who to phone, what is due)."""

from __future__ import annotations

import argparse
import getpass
import json
import sys
from typing import TYPE_CHECKING

from app.safe_text import for_terminal, terminal_json

from app.cli.common import Exit, user_store
from app.cli.file_imports import add_sheet_arguments, print_plan, read_sheet, stops_before_import, unusable

if TYPE_CHECKING:
    from app.desk.issues import IssueDesk

PROG = "kefudesk problems"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--as", dest="agent", default="", metavar="NAME",
                        help="the agent the new problems are assigned to (default: your login name)")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    load = commands.add_parser("import", help="import the back-end's problem-order list (CSV or XLSX)",
                               description="Every bad line is reported; nothing is imported unless every line "
                               "is good (or --skip-bad). Importing the list again never duplicates a problem.")
    add_sheet_arguments(load, "category=异常类型", "lines")
    show = commands.add_parser("list", help="the worklist: open problem orders, most urgent first")
    show.add_argument("--step", choices=("message", "waiting", "phone", "follow_up"),
                      help="only problems at this step (phone: no answer to a message within 2 days)")
    show.add_argument("--category", help="only this category, e.g. out_of_area or 超区")
    show.add_argument("--json", action="store_true", help="one JSON object per line")


def run(args: argparse.Namespace) -> int:
    from app.desk.issues import IssueDesk

    with user_store(PROG) as store:
        desk = IssueDesk(store, args.agent or getpass.getuser())
        return _import(desk, args) if args.command == "import" else _list(desk, args)


def _import(desk: IssueDesk, args: argparse.Namespace) -> int:
    from app.files.refusals import UnreadableFile

    from app.desk.problem_orders import plan_file, run_plan

    fmt, mapping, data = read_sheet(args, PROG, "category=异常类型", "a problem-order list")
    try:
        plan = plan_file(desk, data, fmt, mapping=mapping)
    except UnreadableFile as exc:
        raise unusable(PROG, args.file, exc) from exc
    print_plan(args.file, fmt, plan.encoding, f"{plan.new} new problem(s), {plan.refreshed} refreshed, "
               f"{plan.unchanged} already on the worklist, {plan.resolved_before} resolved before (not reopened), "
               f"{len(plan.rejected)} bad line(s)", plan.rejected, plan.mapping)
    stop = stops_before_import(args, len(plan.rejected), "dry run: nothing was changed",
                               f"nothing imported: {len(plan.rejected)} bad line(s). Fix them, or import the good "
                               "ones with --skip-bad")
    if stop is not None:
        return stop
    ids = run_plan(desk, plan, source=str(args.file))
    print(f"imported: {len(ids)} new problem(s) on the worklist")
    return Exit.OK


def _list(desk: IssueDesk, args: argparse.Namespace) -> int:
    from app.desk.problem_orders import category_label, category_of
    from app.desk.worklist import worklist

    category = ""
    if args.category:
        category = category_of(args.category) or ""
        if not category:
            print(f"{PROG}: {args.category!r} is not a problem-order category", file=sys.stderr)
            return Exit.REFUSED
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
    return Exit.OK
