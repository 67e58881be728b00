"""`kefudesk history import FILE`: a shop's past chats into the store, for the suggestions to learn from."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from app.files.refusals import UnreadableFile

from app.cli.common import Exit, user_store
from app.cli.file_imports import print_plan, stops_before_import, unusable

PROG = "kefudesk history"
HISTORY_BYTES = 512 * 1_000_000  # a year of a busy shop's chats as JSON Lines is about 200 MB


def add_arguments(parser: argparse.ArgumentParser) -> None:
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    load = commands.add_parser(
        "import", help="import past chats (JSON Lines, CSV or XLSX; one message a line)",
        description="Columns: conversation, from (buyer/agent, 买家/客服), text, optional time (ISO 8601), buyer, "
        "agent; sheets may use the Chinese headers 会话, 发送方/角色, 内容, 时间, 买家, 客服. Every bad line is "
        "reported and nothing is imported unless every line is good; importing the same file again adds nothing.")
    load.add_argument("file", type=Path)
    load.add_argument("--format", choices=("jsonl", "csv", "xlsx"), help="default: from the file name")
    load.add_argument("--dry-run", action="store_true", help="report, import nothing")
    load.set_defaults(skip_bad=False)  # all or nothing: a history with holes would teach the wrong replies


def run(args: argparse.Namespace) -> int:
    from app.files.limits import read_limited

    from app.store.history import add_history

    from app.desk.history_import import format_for, parse

    try:
        data = read_limited(args.file, HISTORY_BYTES, "a history file", "split it by month and import the parts")
    except OSError as exc:
        print(f"{PROG}: cannot read {args.file}: {exc.strerror or exc}", file=sys.stderr)
        return Exit.REFUSED
    try:
        parsed = parse(data, args.format or format_for(args.file.name))
    except UnreadableFile as exc:
        raise unusable(PROG, args.file, exc) from exc
    chats = len(parsed.conversations())
    print_plan(args.file, parsed.format, parsed.encoding,
               f"{len(parsed.messages)} message(s) in {chats} conversation(s), {len(parsed.rejected)} bad line(s)",
               parsed.rejected)
    stop = stops_before_import(args, len(parsed.rejected), "dry run: nothing was changed",
                               f"nothing imported: {len(parsed.rejected)} bad line(s). Fix them and import again")
    if stop is not None:
        return stop
    with user_store(PROG) as store:
        added = add_history(store, parsed.messages)
    print(f"imported {added} message(s); {len(parsed.messages) - added} were already there")
    return Exit.OK
