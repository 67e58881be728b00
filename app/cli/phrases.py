"""`kefudesk phrases …`: the phrase library from the command line, with the same matching as the palette."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from app.files.limits import read_limited
from app.files.writing import write_atomic
from app.safe_text import for_terminal, terminal_json

from app.cli.common import Exit, user_store
from app.cli.file_imports import more_lines, print_plan, print_rejected, stops_before_import, unusable

if TYPE_CHECKING:
    from app.desk.phrases import ImportPlan, PhraseBook

PROG = "kefudesk phrases"
DETAILS = 20  # detail lines of each kind an import prints without --details
# app.quickreplies.formats.registry.FORMATS, without importing it
FORMATS = ("ahk", "espanso", "csv", "xlsx", "json", "sogou", "qq", "baidu", "rime", "mspy")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    search = commands.add_parser("search", help="print the ranked matches the palette would show")
    search.add_argument("query", help="title, pinyin (tkdz), abbreviation or words of the body")
    search.add_argument("--limit", type=int, default=10, help="how many matches (default 10)")
    search.add_argument("--json", action="store_true", help="print JSON instead of a table")
    suggest = commands.add_parser("suggest", help="print the suggestions the composer would offer for a message")
    suggest.add_argument("message", nargs="?", help="the buyer's message; several lines for several unanswered "
                         "messages")
    suggest.add_argument("--top", type=int, default=3, help="how many suggestions (default 3)")
    suggest.add_argument("--json", action="store_true", help="print JSON instead of a table")
    load = commands.add_parser("import", help="import phrases from AutoHotKey, Espanso, CSV, XLSX, KefuDesk JSON or an "
                               "input method's custom phrases (Sogou, QQ, Baidu, Rime, Microsoft Pinyin)",
                               description="Reports every line it cannot take and every duplicate. Imports only "
                               "when every line parsed (or with --skip-bad), and then all the good ones at once.")
    load.add_argument("file", type=Path)
    load.add_argument("--format", choices=FORMATS, help="default: from the file name (.ahk .yml .csv .xlsx .json), and "
                      "an input method's .txt, .ini, .dat or .lex from what it holds")
    load.add_argument("--group", default="", help="put every imported phrase in this group")
    load.add_argument("--dry-run", action="store_true", help="report what would be imported, import nothing")
    load.add_argument("--skip-bad", action="store_true", help="import the good lines even if some are bad")
    load.add_argument("--details", action="store_true",
                      help=f"list every line not imported or imported with a note (default: the summary and the "
                           f"first {DETAILS} of each kind)")
    _add_learning_arguments(commands, suggest)
    save = commands.add_parser("export", help="write the library (or one group) to a file")
    save.add_argument("file", type=Path)
    save.add_argument("--format", choices=FORMATS, help="default: from the file name; an input method's file (sogou: "
                      "UTF-16 with CRLF, as Sogou reads it) needs it")
    save.add_argument("--group", default="", help="only this group (and its sub-groups)")


def run(args: argparse.Namespace) -> int:
    if args.command == "suggest" and args.batch is None and args.message is None:  # said before the store opens
        return _fail("suggest: give the buyer's message, or --batch FILE")
    from app.desk.phrases import PhraseBook

    with user_store(PROG) as store:
        book = PhraseBook(store)
        if args.command == "search":
            return _search(book, args)
        if args.command == "suggest" and args.batch is not None:
            return _suggest_batch(book, args)
        if args.command == "suggest":
            return _suggest(book, args)
        if args.command == "evaluate":
            return _evaluate(book, args)
        if args.command == "import":
            return _import(book, args)
        if args.command == "export":
            return _export(book, args)
        raise AssertionError(args.command)  # argparse only lets known commands through


def _search(book: PhraseBook, args: argparse.Namespace) -> int:
    matches = book.search(args.query, limit=max(1, args.limit))
    if args.json:
        print(terminal_json(json.dumps([{"id": m.phrase.id, "title": m.phrase.title, "group": m.phrase.group,
                                         "abbreviation": m.phrase.abbreviation, "body": m.phrase.body,
                                         "variants": list(m.phrase.variants), "score": round(m.score, 1)} for m in matches], ensure_ascii=False, indent=2)))
        return Exit.OK
    if not matches:
        print(f"no phrase matches {args.query!r}")
        return Exit.ATTENTION
    for m in matches:
        body = " ".join(m.phrase.body.split())
        print(f"{for_terminal(m.phrase.title)}\t[{for_terminal(m.phrase.abbreviation)}]\t{for_terminal(m.phrase.group)}"
              f"\t{for_terminal(body[:50])}")
    return Exit.OK


def _suggest(book: PhraseBook, args: argparse.Namespace) -> int:
    found = book.suggest(args.message.replace("\\n", "\n"), top=max(1, args.top))
    if args.json:
        print(terminal_json(json.dumps([{"id": s.phrase.id, "title": s.phrase.title, "group": s.phrase.group,
                                         "abbreviation": s.phrase.abbreviation, "body": s.phrase.body,
                                         "score": s.score, "reasons": list(s.reasons)} for s in found],
                                       ensure_ascii=False, indent=2)))
        return Exit.OK
    if not found:
        print("no phrase fits this message: its words are not in the library, and no phrase was fired after one "
              "like it yet")
        return Exit.ATTENTION
    for s in found:
        print(f"{for_terminal(s.phrase.title)}\t[{for_terminal(s.phrase.abbreviation)}]\t{s.score}\t"
              f"{for_terminal('; '.join(s.reasons))}")
    return Exit.OK


def _fail(message: str) -> int:
    print(f"{PROG}: {message}", file=sys.stderr)
    return Exit.REFUSED


def _import(book: PhraseBook, args: argparse.Namespace) -> int:
    from app.quickreplies.formats.base import PhraseFileError
    from app.quickreplies.formats.registry import BY_CONTENT, byte_limit, format_for

    try:
        if args.format:
            fmt = args.format
            data = read_limited(args.file, *byte_limit(fmt))
        else:
            try:
                fmt = format_for(args.file)
            except PhraseFileError:
                if args.file.suffix.lower() not in BY_CONTENT or not args.file.is_file():
                    raise
                fmt = format_for(args.file, read_limited(args.file, *byte_limit("sogou"))[:65536])
            data = read_limited(args.file, *byte_limit(fmt))
        plan = book.plan_import(data, fmt, group=args.group)
    except OSError as exc:
        return _fail(f"cannot read {args.file}: {exc.strerror or exc}")
    except PhraseFileError as exc:
        raise unusable(PROG, args.file, exc) from exc
    _report(plan, args.file, args.details)
    stop = stops_before_import(args, len(plan.bad),
                               f"dry run: {len(plan.new)} phrase(s) would be imported; nothing was changed",
                               f"nothing imported: {len(plan.bad)} line(s) could not be read. Fix them, or import "
                               f"the {len(plan.new)} good phrase(s) with --skip-bad")
    if stop is not None:
        return stop
    ids = book.run_import(plan)
    print(f"imported {len(ids)} phrase(s)")
    return Exit.OK


def summary(plan: ImportPlan) -> str:
    """The import in one line, before its details: how many phrases, how many further texts of a code they bring
    as variants, how many are found only by a code that cannot be typed as an abbreviation, the duplicates, and the
    refused lines counted by reason."""
    import re

    from app.quickreplies.formats.base import CODE_TAG

    coded_only = [p for p in plan.new if not p.abbreviation and any(t.startswith(CODE_TAG) for t in p.tags)]
    variants = sum(len(p.variants) for p in plan.new)
    reasons: dict[str, int] = {}
    for bad in plan.bad:
        reason = str(bad.reason).removesuffix(": not imported").split(" (")[0].split(": ")[0]
        reason = re.sub(r"\{\{[^{}]*\}\}", "{{…}}", reason)  # one count for every Espanso variable of a kind
        reasons[reason] = reasons.get(reason, 0) + 1
    refused = "; ".join(f"{count} {why}" for why, count in sorted(reasons.items(), key=lambda item: -item[1]))
    return (f"summary: {len(plan.new)} to import ({variants} further text(s) of a code kept as variants, "
            f"{len(coded_only)} found only by a code that is no abbreviation), "
            f"{len(plan.duplicates)} duplicate(s), {len(plan.bad)} refused" + (f" — {refused}" if refused else ""))


def _report(plan: ImportPlan, file: Path, details: bool) -> None:
    at_most = None if details else DETAILS
    print(for_terminal(summary(plan)))
    print_plan(file, plan.parsed.format, plan.parsed.encoding, f"{len(plan.new)} new, {len(plan.duplicates)} "
               f"duplicate(s), {len(plan.bad)} bad line(s)", plan.bad, at_most=at_most)
    print_rejected(plan.notes, note="note: ", at_most=at_most)
    for duplicate in plan.duplicates[:at_most]:
        line = plan.parsed.line_of(duplicate.phrase)
        print(f"  line {line}: duplicate ({duplicate.why}) of {duplicate.existing.title!r}: not imported again — "
              f"{for_terminal(duplicate.phrase.title)}")
    more_lines(len(plan.duplicates), at_most)


def _export(book: PhraseBook, args: argparse.Namespace) -> int:
    from app.quickreplies.formats.base import PhraseFileError
    from app.quickreplies.formats.registry import export, format_for, left_out

    try:
        fmt = args.format or format_for(args.file)
    except PhraseFileError as exc:
        return _fail(str(exc))
    group = args.group.strip("/")
    phrases = [p for p in book.phrases if not group or p.group == group or p.group.startswith(group + "/")]
    if not phrases:
        return _fail(f"no phrases in group {group!r}" if group else "the library is empty")
    data = export(phrases, fmt)
    try:
        write_atomic(args.file, data)
    except OSError as exc:
        return _fail(f"cannot write {args.file}: {exc.strerror or exc}")
    skipped = left_out(phrases, fmt)
    print(f"exported {len(phrases) - len(skipped)} phrase(s) to {args.file}")
    if skipped and fmt in ("ahk", "espanso"):
        print(f"left out {len(skipped)} phrase(s) without an abbreviation ({fmt} needs a trigger): "
              + ", ".join(for_terminal(p.title) for p in skipped[:10]) + (" …" if len(skipped) > 10 else ""))
    elif skipped:
        print(f"left out {len(skipped)} phrase(s) {fmt} cannot hold (no code to type it by, or a text it would read "
              "otherwise, such as several lines for rime, baidu and qq): "
              + ", ".join(for_terminal(p.title) for p in skipped[:10]) + (" …" if len(skipped) > 10 else ""))
    return Exit.OK


def _add_learning_arguments(commands: argparse._SubParsersAction[argparse.ArgumentParser],
                            suggest: argparse.ArgumentParser) -> None:
    """suggest --batch and evaluate: how a shop measures the suggestions on its own chats."""
    suggest.add_argument("--batch", type=Path, metavar="FILE",
                         help='JSON Lines of {"text": …, "conversation": optional}: one JSON array of suggestions '
                         "per line, in order (with --json)")
    evaluate = commands.add_parser(
        "evaluate", help="how often the suggestions would have offered what the agent sent, on a history file",
        description="Splits the file's conversations in two (always the same way), learns from one half with this "
        "store's phrase library, and reports hit@1 / hit@3 on the other half's buyer messages answered with a "
        "phrase, beside the three most-sent phrases and a TF-IDF nearest neighbour computed in the same run.")
    evaluate.add_argument("history", type=Path, help="a history file as `kefudesk history import` reads it")
    evaluate.add_argument("--format", choices=("jsonl", "csv", "xlsx"), help="default: from the file name")
    evaluate.add_argument("--json", action="store_true", help="print JSON instead of a table")


def _suggest_batch(book: PhraseBook, args: argparse.Namespace) -> int:
    try:
        lines = read_limited(args.batch, 64 * 1_000_000, "a batch file").decode("utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        return _fail(f"cannot read {args.batch}: {getattr(exc, 'strerror', None) or exc}")
    asked: list[str] = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():  # a blank line still gets its answer line, so the output stays line for line
            asked.append("")
            continue
        try:
            item = json.loads(line)
            asked.append(item["text"] if isinstance(item["text"], str) else "")
        except (ValueError, TypeError, KeyError):
            return _fail(f"{args.batch}: line {number}: not a JSON object with a \"text\"; nothing was suggested")
    top = max(1, args.top)
    for text in asked:
        found = book.suggest(text, top=top) if text.strip() else []
        print(terminal_json(json.dumps([{"id": s.phrase.id, "title": s.phrase.title, "body": s.phrase.body,
                                         "abbreviation": s.phrase.abbreviation, "group": s.phrase.group,
                                         "score": s.score} for s in found], ensure_ascii=False)))
    return Exit.OK


def _evaluate(book: PhraseBook, args: argparse.Namespace) -> int:
    from app.files.refusals import UnreadableFile

    from app.quickreplies.evaluate import evaluate

    from app.desk.history_import import format_for, parse

    try:
        parsed = parse(read_limited(args.history, 512 * 1_000_000, "a history file"),
                       args.format or format_for(args.history.name))
    except OSError as exc:
        return _fail(f"cannot read {args.history}: {exc.strerror or exc}")
    except UnreadableFile as exc:
        raise unusable(PROG, args.history, exc) from exc
    if not book.phrases:
        return _fail("the library is empty: import the shop's phrases first (kefudesk phrases import)")
    result = evaluate(book.phrases, parsed.conversations())
    if args.json:
        print(json.dumps({**result.as_dict(), "bad_lines": len(parsed.rejected)}, ensure_ascii=False, indent=2))
        return Exit.OK
    print_rejected(parsed.rejected)
    print(f"learned from {result.learned_from} buyer turns; asked about {result.asked} answered with a phrase")
    for name, hits in (("suggestions", result.suggester), ("three most-sent phrases", result.most_frequent),
                       ("TF-IDF nearest neighbour", result.nearest)):
        print(f"{name:26s} hit@1 {hits.hit1:6.1%}   hit@3 {hits.hit3:6.1%}")
    return Exit.OK if result.asked else Exit.ATTENTION
