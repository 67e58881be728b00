"""`kefudesk search QUERY [--json]`: search every stored message, the imported past chats (marked as history), and
buyers, order nos., issue notes."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date

from app.safe_text import for_terminal, terminal_json

from app.store.search_hits import HistoryHit, MessageHit, OtherHit, SearchFilter

from app import config
from app.cli.common import Exit, user_store


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("query", help="words to find; each space-separated part must occur (退款, 尺码 开胶, 3698…)")
    parser.add_argument("--agent", default="", help="only answers sent by this agent (or robot)")
    parser.add_argument("--buyer", default="", metavar="BUYER_ID", help="only this buyer's chats")
    parser.add_argument("--direction", choices=("in", "out", "robot"), help="only the buyers' (in) or the answers")
    parser.add_argument("--from", dest="first", metavar="D", help="from this local day, YYYY-MM-DD")
    parser.add_argument("--to", dest="last", metavar="D", help="up to this local day, inclusive")
    parser.add_argument("--has-issue", action="store_true", help="only chats of buyers with an issue")
    parser.add_argument("--limit", type=int, default=50, help="at most this many messages (default 50, newest first)")
    parser.add_argument("--json", action="store_true", help="print JSON for scripts")


def run(args: argparse.Namespace) -> int:
    if not 1 <= args.limit <= 1000:
        print("kefudesk search: --limit is 1–1000", file=sys.stderr)
        return Exit.REFUSED
    try:
        first = date.fromisoformat(args.first) if args.first else None
        last = date.fromisoformat(args.last) if args.last else None
    except ValueError:
        print("kefudesk search: --from and --to are days such as 2026-11-11", file=sys.stderr)
        return Exit.REFUSED
    since = until = None
    if first or last:  # the review desk brings the pinyin tables along (~0.3 s): only for a search by days
        from app.desk.review import local_days

        since = local_days(first, first)[0] if first else None
        until = local_days(last, last)[1] if last else None
    where = SearchFilter(agent=args.agent, buyer_id=args.buyer, direction=args.direction or "", since=since,
                         until=until, has_issue=args.has_issue)
    try:
        hits, history, others = _search(args.query, where, args.limit)
    except ValueError as exc:
        print(f"kefudesk search: {for_terminal(exc)}", file=sys.stderr)
        return Exit.REFUSED
    if args.json:
        print(terminal_json(json.dumps({
            "messages": [{"id": h.message.id, "conversation": h.message.conversation_id, "buyer": h.buyer_nick,
                          "buyer_id": h.buyer_id, "direction": h.message.direction, "agent": h.message.agent,
                          "sent_at": h.message.sent_at.isoformat(), "text": h.message.text,
                          "spans": [list(s) for s in h.spans]} for h in hits],
            "history": [{"conversation": h.conversation, "seq": h.seq, "buyer": h.buyer, "from": h.sender,
                         "agent": h.agent, "at": h.at.isoformat() if h.at is not None else None, "text": h.text,
                         "spans": [list(s) for s in h.spans]} for h in history],
            "others": [{"kind": o.kind, "key": o.key, "title": o.title} for o in others]},
            ensure_ascii=False, indent=2)))
        return Exit.OK
    for hit in hits:  # buyers' words, shown: an escape sequence in them must not retitle or clear the terminal
        when = hit.message.sent_at.astimezone().strftime("%Y-%m-%d %H:%M")
        print(f"{when}  {for_terminal(hit.buyer_nick)}  {hit.message.direction:<5}  "
              f"{_marked(hit.message.text, hit.spans)}")
    for past in history:
        when = past.at.astimezone().strftime("%Y-%m-%d %H:%M") if past.at is not None else "-"
        print(f"history {when}  {for_terminal(past.buyer or past.conversation)}  {past.sender:<5}  "
              f"{_marked(past.text, past.spans)}")
    for other in others:
        print(f"{other.kind}: {for_terminal(other.title)} ({for_terminal(other.key)})")
    if not hits and not history and not others:
        print(f"nothing found for {args.query!r}")
    return Exit.OK


def _search(query: str, where: SearchFilter, limit: int
            ) -> tuple[list[MessageHit], list[HistoryHit], list[OtherHit]]:
    """This computer's SQLite store read with plain sqlite3 (app/store/search_file.py: no SQLAlchemy to import,
    no store to open); a team's server, or a file that is not the current schema's store, through the ORM."""
    from app.store.search_file import NotReadable, search_file

    try:
        settings = config.load_settings()
    except config.SettingsError:
        settings = {}  # user_store says what is wrong with them
    path = config.store_path()
    if not settings.get("store.url") and path.is_file():
        try:
            return search_file(path, query, where, limit)
        except NotReadable:
            pass  # opened as the desk opens it: upgraded, or said why not
    from app.store.search import search_history, search_messages, search_others

    with user_store("kefudesk search") as store:
        return (search_messages(store, query, where, limit=limit), search_history(store, query, where, limit=limit),
                search_others(store, query))


def _marked(text: str, spans: tuple[tuple[int, int], ...]) -> str:
    """The text on one line with its hits in 【】, safe to print."""
    for start, end in reversed(spans):
        text = f"{text[:start]}【{text[start:end]}】{text[end:]}"
    return for_terminal(" ".join(text.split()))
