"""`kefudesk guard list|check|add|remove`: the send guard's words for this desk — the zh_CN defaults (insults,
off-platform contact and payment, bought reviews) plus the shop's own, minus the ones it switched off. Anyone may
add words; removing one (it then reaches buyers) takes a supervisor on a store that has one: --supervisor NAME,
the password asked at the terminal or, for setup scripts, taken from KEFUDESK_SUPERVISOR_PASSWORD."""

from __future__ import annotations

import argparse
import sys

from app.cli.common import SUPERVISOR_PASSWORD, Exit, Refused, ask, at_terminal, user_store

PROG = "kefudesk guard"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    commands.add_parser("list", help="print the words in force, with their kind")
    check = commands.add_parser("check", help="what the guard would stop in TEXT (exit 1 when it would)")
    check.add_argument("text")
    add = commands.add_parser("add", help="block these words too")
    add.add_argument("words", nargs="+", metavar="WORD")
    remove = commands.add_parser("remove", help="stop blocking these words (a supervisor's, on a store with one)")
    remove.add_argument("words", nargs="+", metavar="WORD")
    remove.add_argument("--supervisor", metavar="NAME", default="",
                        help="a supervisor who authorises it, needed whenever the store has one (the password is "
                        f"asked, or {SUPERVISOR_PASSWORD})")


def run(args: argparse.Namespace) -> int:
    from app.desk.guard import SendGuard, edit_words
    from app.desk.refused import IssueRefused

    with user_store(PROG) as store:
        if args.command in ("add", "remove"):
            supervisor = getattr(args, "supervisor", "")
            try:
                password = ask(SUPERVISOR_PASSWORD, f"password of supervisor {supervisor}") if supervisor else ""
                guard = edit_words(store, at_terminal(), supervisor=supervisor, password=password,
                                   **{args.command: args.words})
            except IssueRefused as exc:
                hint = "; give --supervisor NAME (see `kefudesk profiles list`)" if exc.code == "supervisor_needed" else ""
                print(f"{PROG}: {exc}{hint}; nothing was changed", file=sys.stderr)
                return Exit.REFUSED
            except (ValueError, Refused) as exc:
                print(f"{PROG}: {exc}", file=sys.stderr)
                return Exit.REFUSED
            print(f"{len(guard.words)} words in force")
            return Exit.OK
        guard = SendGuard.for_store(store)
        if args.command == "list":
            for word, kind in sorted(guard.words.items(), key=lambda item: (item[1], item[0])):
                print(f"{kind}\t{word}")
            return Exit.OK
        hits = guard.check(args.text)
        for hit in hits:
            print(f"{hit.start}-{hit.end}\t{hit.kind}\t{hit.word}\t{args.text[hit.start:hit.end]}")
        return Exit.ATTENTION if hits else Exit.OK
