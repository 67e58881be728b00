"""`kefudesk guard list|check|add|remove`: the send guard's words for this desk — the zh_CN defaults (insults,
off-platform contact and payment, bought reviews) plus the shop's own, minus the ones it switched off."""

from __future__ import annotations

import argparse
import getpass
import sys

from app.cli_store import open_user_store


def add_parsers(parser: argparse.ArgumentParser) -> None:
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    commands.add_parser("list", help="print the words in force, with their kind")
    check = commands.add_parser("check", help="what the guard would stop in TEXT (exit 1 when it would)")
    check.add_argument("text")
    for name, text in (("add", "block these words too"), ("remove", "stop blocking these words")):
        change = commands.add_parser(name, help=text)
        change.add_argument("words", nargs="+", metavar="WORD")


def run(args: argparse.Namespace) -> int:
    from app.desk.guard import SendGuard, edit_words

    store = open_user_store("kefudesk guard")
    if store is None:
        return 3
    try:
        if args.command in ("add", "remove"):
            who = getpass.getuser()
            try:
                guard = edit_words(store, who, **{args.command: args.words})
            except ValueError as exc:
                print(f"kefudesk guard: {exc}", file=sys.stderr)
                return 2
            print(f"{len(guard.words)} words in force")
            return 0
        guard = SendGuard.for_store(store)
        if args.command == "list":
            for word, kind in sorted(guard.words.items(), key=lambda item: (item[1], item[0])):
                print(f"{kind}\t{word}")
            return 0
        hits = guard.check(args.text)
        for hit in hits:
            print(f"{hit.start}-{hit.end}\t{hit.kind}\t{hit.word}\t{args.text[hit.start:hit.end]}")
        return 1 if hits else 0
    finally:
        store.close()
