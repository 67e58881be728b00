"""`kefudesk audit verify`: is the audit log as it was written? It walks the hash chain (app/store/audit_chain.py)
and prints the number of entries, the head (ID:HASH, to note somewhere the store's users cannot change) and the
first broken link; --anchor ID:HASH proves the log still passes through a head noted earlier. Exit 0 when whole,
1 when broken. Works on this computer's store (or a backup, --file) and on the team's server (store.url).

`kefudesk audit repair-schema --supervisor NAME`: a store refused because its triggers, indexes or views were
changed gets this version's back, extra ones dropped, in one transaction with an audit entry; it takes a
supervisor's password (asked at the terminal, or KEFUDESK_SUPERVISOR_PASSWORD for setup scripts)."""

from __future__ import annotations

import argparse
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from app.cli.common import SUPERVISOR_PASSWORD, Exit, Refused, ask, at_terminal, user_settings, user_store

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

VERIFY = "kefudesk audit verify"
REPAIR = "kefudesk audit repair-schema"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    verify = commands.add_parser("verify", help="check the audit log's hash chain; print its head")
    verify.add_argument("--anchor", action="append", default=[], metavar="ID:HASH",
                        help="a head printed earlier: the log must still pass through it (may be repeated)")
    verify.add_argument("--file", type=Path, metavar="PATH",
                        help="check this store file (a backup, a copy) instead of the configured store")
    repair = commands.add_parser("repair-schema", help="put back this version's triggers, indexes and views "
                                 "(a supervisor's password is asked)")
    repair.add_argument("--supervisor", required=True, help="a supervisor profile of this desk")


def run(args: argparse.Namespace) -> int:
    return _verify(args) if args.command == "verify" else _repair(args)


def _verify(args: argparse.Namespace) -> int:
    from app.store.audit_chain import parse_anchor, verify_store
    from app.store.errors import StoreError

    from app import config

    try:
        anchors = [parse_anchor(text) for text in args.anchor]
    except ValueError as exc:
        print(f"{VERIFY}: {exc}", file=sys.stderr)
        return Exit.REFUSED
    team = "" if args.file else user_settings(VERIFY)["store.url"]
    diffs: list[str] = []
    try:
        if team:
            with user_store(VERIFY) as store:
                where = store.engine.url.render_as_string(hide_password=True)
                verdict = verify_store(store.engine, anchors)
        else:
            path = args.file or config.store_path()
            where = str(path)
            found = _read_local(path)
            if isinstance(found, int):
                return found
            engine, diffs = found
            try:
                verdict = verify_store(engine, anchors)
            finally:
                engine.dispose()
    except StoreError as exc:
        print(f"{VERIFY}: {exc}", file=sys.stderr)
        return Exit.NO_STORE
    print(f"audit log of {where}: {verdict.count} entries")
    if verdict.head is not None:
        print(f"head: {verdict.head[0]}:{verdict.head[1]}")
    if verdict.broken is not None:
        print(f"BROKEN at entry {verdict.broken.row_id} ({verdict.broken.kind}): {verdict.broken.detail}")
    for check in verdict.anchors:
        print(f"anchor {check.row_id}: {'holds' if check.holds else 'BROKEN'}: {check.detail}")
    if diffs:
        print(f"schema: changed outside KefuDesk ({', '.join(diffs)}): the desk will not open this store until "
              f"a trusted backup is restored or a supervisor runs {REPAIR}")
    if verdict.whole and not diffs:
        print("whole: every entry is as it was written and follows the one before it")
        if verdict.head is not None and not anchors:
            print(f"note the head where the store's users cannot change it; `{VERIFY} --anchor "
                  f"{verdict.head[0]}:{verdict.head[1]}` later proves the log still passes through it")
        return Exit.OK
    return Exit.ATTENTION


def _read_local(path: Path) -> tuple[Engine, list[str]] | int:
    """A read-only engine on the store file and its schema's differences, or the exit code after saying why not."""
    from sqlalchemy import create_engine
    from sqlalchemy.pool import StaticPool

    from app.store import schema_check
    from app.store.engine import HEAD_REVISION, inspect_store
    from app.store.files import connect_readonly

    if not path.is_file():
        print(f"{VERIFY}: there is no store at {path}", file=sys.stderr)
        return Exit.NO_STORE
    revision = inspect_store(path)  # the schema is reported below, not refused: the log is read, never written
    if revision != HEAD_REVISION:
        print(f"{VERIFY}: {path} has schema {revision}, which has no chained audit log yet: start KefuDesk (or any "
              "kefudesk command) once to upgrade it, then verify", file=sys.stderr)
        return Exit.REFUSED
    connection = connect_readonly(path, 5.0)
    try:
        diffs = [str(d) for d in schema_check.check(connection)]
    finally:
        connection.close()
    engine = create_engine("sqlite://", creator=lambda: connect_readonly(path, 5.0), poolclass=StaticPool)
    return engine, diffs


def _repair(args: argparse.Namespace) -> int:
    from app.store import schema_check
    from app.store.engine import open_store
    from app.store.errors import StoreError

    from app.desk.issues import IssueDesk
    from app.desk.refused import IssueRefused

    from app import config

    team = user_settings(REPAIR)["store.url"]
    if team:
        print(f"{REPAIR}: this desk works on the team's server (store.url), whose schema only its owner role can "
              "change; repair-schema puts back this computer's own store", file=sys.stderr)
        return Exit.REFUSED
    path = config.store_path()
    if not path.is_file():
        print(f"{REPAIR}: there is no store at {path}", file=sys.stderr)
        return Exit.NO_STORE
    try:
        store = open_store(path, check_schema=False)  # upgraded if older: the repair puts back this version's
    except StoreError as exc:
        print(f"{REPAIR}: {exc}", file=sys.stderr)
        return Exit.NO_STORE
    try:
        with store.engine.connect() as connection:
            differ = schema_check.differences(connection.exec_driver_sql(schema_check.QUERY))
        if not differ:
            print(f"{path}: the schema is this version's; nothing to repair")
            return Exit.OK
        print(f"{path} differs: {schema_check.describe(differ)}")
        password = ask(SUPERVISOR_PASSWORD, f"password of supervisor {args.supervisor}")
        IssueDesk(store, at_terminal()).confirm_supervisor(args.supervisor, password)
    except (IssueRefused, Refused) as exc:
        print(f"{REPAIR}: {exc}; nothing was changed", file=sys.stderr)
        return Exit.REFUSED
    finally:
        store.close()
    try:
        repaired = schema_check.repair(path, args.supervisor, datetime.now(UTC))
    except StoreError as exc:
        print(f"{REPAIR}: {exc}", file=sys.stderr)
        return Exit.NO_STORE
    dropped = [d.name for d in repaired if d.change == "extra"]
    made = [d.name for d in repaired if d.change != "extra"]
    print(f"repaired {path}: dropped {', '.join(dropped) or 'nothing'}; made {', '.join(made) or 'nothing'}; "
          "written to the audit log. Check what the dropped objects did to the records since they appeared "
          f"(`{VERIFY}`, the refund table)")
    return Exit.OK
