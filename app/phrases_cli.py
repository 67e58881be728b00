"""`kefudesk phrases …`: the phrase library from the command line, with the same matching as the palette."""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING

from app import config

if TYPE_CHECKING:
    from app.desk.phrases import PhraseBook


def add_parsers(parser: argparse.ArgumentParser) -> None:
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    search = commands.add_parser("search", help="print the ranked matches the palette would show")
    search.add_argument("query", help="title, pinyin (tkdz), abbreviation or words of the body")
    search.add_argument("--limit", type=int, default=10, help="how many matches (default 10)")
    search.add_argument("--json", action="store_true", help="print JSON instead of a table")
    suggest = commands.add_parser("suggest", help="print the suggestions the composer would offer for a message")
    suggest.add_argument("message", help="the buyer's message; several lines for several unanswered messages")
    suggest.add_argument("--top", type=int, default=3, help="how many suggestions (default 3)")
    suggest.add_argument("--json", action="store_true", help="print JSON instead of a table")


def run(args: argparse.Namespace) -> int:
    from app.desk.phrases import PhraseBook
    from app.store.engine import open_store
    from app.store.errors import StoreError

    try:
        store = open_store(config.store_path())
    except StoreError as exc:
        print(f"kefudesk phrases: {exc}", file=sys.stderr)
        return 3
    try:
        book = PhraseBook(store)
        if args.command == "search":
            return _search(book, args)
        if args.command == "suggest":
            return _suggest(book, args)
        raise AssertionError(args.command)  # argparse only lets known commands through
    finally:
        store.close()


def _search(book: PhraseBook, args: argparse.Namespace) -> int:
    matches = book.search(args.query, limit=max(1, args.limit))
    if args.json:
        print(json.dumps([{"id": m.phrase.id, "title": m.phrase.title, "group": m.phrase.group,
                           "abbreviation": m.phrase.abbreviation, "body": m.phrase.body, "score": round(m.score, 1)}
                          for m in matches], ensure_ascii=False, indent=2))
        return 0
    if not matches:
        print(f"no phrase matches {args.query!r}")
        return 1
    for m in matches:
        body = " ".join(m.phrase.body.split())
        print(f"{m.phrase.title}\t[{m.phrase.abbreviation}]\t{m.phrase.group}\t{body[:50]}")
    return 0


def _suggest(book: PhraseBook, args: argparse.Namespace) -> int:
    found = book.suggest(args.message.replace("\\n", "\n"), top=max(1, args.top))
    if args.json:
        print(json.dumps([{"id": s.phrase.id, "title": s.phrase.title, "group": s.phrase.group,
                           "abbreviation": s.phrase.abbreviation, "body": s.phrase.body, "score": s.score,
                           "reasons": list(s.reasons)} for s in found], ensure_ascii=False, indent=2))
        return 0
    if not found:
        print("no phrase fits this message: its words are not in the library, and no phrase was fired after one "
              "like it yet")
        return 1
    for s in found:
        print(f"{s.phrase.title}\t[{s.phrase.abbreviation}]\t{s.score}\t{'; '.join(s.reasons)}")
    return 0
