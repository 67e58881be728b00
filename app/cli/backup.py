"""`kefudesk backup [PATH]`, `kefudesk restore PATH` and `kefudesk export-all PATH.zip`: the store kept safe,
put back, and taken out whole. Backup and export-all work while a desk runs and never open the store for the desk.

Restoring replaces every record (refunds, profiles, limits, the audit log) with the backup's, so on a store that
has a supervisor it takes one's name and password, checked against the store being replaced (a backup could
name anyone), and the restored store's audit log says who restored what and where the replaced log ended. A
store that cannot be read at all (the usual reason to restore) is replaced without."""

from __future__ import annotations

import argparse
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

from app.cli.common import SUPERVISOR_PASSWORD, Exit, Refused, ask, at_terminal, user_settings


def add_backup_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("path", nargs="?", type=Path, metavar="PATH",
                        help="the new backup file, or a folder for it (default: the backups folder)")


def add_restore_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("path", type=Path, metavar="PATH", help="the backup to restore (a .db file)")
    parser.add_argument("--supervisor", metavar="NAME", default="",
                        help="a supervisor of the store being replaced, who authorises it (its password is asked, "
                        "or KEFUDESK_SUPERVISOR_PASSWORD); needed whenever that store has a supervisor")


def add_export_all_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("path", type=Path, metavar="PATH.zip", help="the archive to write (a new file)")


def run_backup(args: argparse.Namespace) -> int:
    return _run("backup", args)


def run_restore(args: argparse.Namespace) -> int:
    return _run("restore", args)


def run_export_all(args: argparse.Namespace) -> int:
    return _run("export-all", args)


def _run(command: str, args: argparse.Namespace) -> int:
    from app.store import archive, backup
    from app.store.errors import StoreError

    from app import config

    store = config.store_path()
    now = datetime.now(UTC)
    prog = f"kefudesk {command}"
    team = user_settings(prog)["store.url"]
    if team:  # this computer's file is not where the desk keeps its work
        print(f"{prog}: this desk works on the team's server (store.url); {command} handles this computer's own "
              "store only: back the server up with PostgreSQL's tools (pg_dump / pg_restore)", file=sys.stderr)
        return Exit.REFUSED
    started = time.perf_counter()
    try:
        if command == "backup":
            target = args.path or backup.backups_dir(store)
            if args.path is None or target.is_dir():
                target = backup.new_backup_path(target, now)
            made = backup.backup(store, target)
            print(f"backed up {store} to {made} ({_size(made)}, {time.perf_counter() - started:.1f} s)")
        elif command == "restore":
            replaced: list[str | None] = []  # the replaced store's audit head, once a supervisor authorised it
            try:
                revision, kept = backup.restore(
                    store, args.path, now, authorise=lambda: replaced.append(_authorise_restore(store, args.supervisor)))
            except Refused as exc:
                print(f"{prog}: {exc}; nothing was changed", file=sys.stderr)
                return Exit.REFUSED
            print(f"restored {args.path} (schema {revision}) as {store}")
            if kept is not None:
                print(f"the store it replaced is kept as {kept}")
            if replaced[0] is not None:
                _audit_restore(store, args.supervisor, args.path, kept, replaced[0], now)
        else:
            summary = archive.export_all(store, args.path, now)
            tables = ", ".join(f"{name} {count}" for name, count in summary.rows.items() if count)
            print(f"exported {store} (schema {summary.revision}) to {summary.path} ({_size(summary.path)}): "
                  f"{tables or 'no rows'}; {summary.images} pictures")
    except StoreError as exc:
        print(f"{prog}: {exc}", file=sys.stderr)
        return Exit.NO_STORE
    return Exit.OK


def _authorise_restore(store_path: Path, supervisor: str) -> str | None:
    """The replaced store's audit head ("ID:HASH", "" when it cannot be read) once a supervisor of it has
    authorised the restore, None when none had to (no store, one that cannot be opened, or no supervisor); Refused
    when one must and has not. A wrong password is written to the replaced store's log, as everywhere."""
    from app.store import audit_chain
    from app.store.engine import open_store
    from app.store.errors import StoreError

    from app.desk.issues import IssueDesk
    from app.desk.refused import IssueRefused

    if not store_path.is_file():
        return None
    try:
        current = open_store(store_path)
    except StoreError:  # damaged or changed outside KefuDesk: what a restore is for, and nothing to check it with
        return None
    try:
        desk = IssueDesk(current, at_terminal())
        if not desk.people.has_supervisor():
            return None
        if not supervisor:
            raise Refused("restoring replaces every refund, profile, limit and audit entry of this store, so it "
                          "takes one of its supervisors: give --supervisor NAME (see `kefudesk profiles list`)")
        try:
            desk.confirm_supervisor(supervisor, ask(SUPERVISOR_PASSWORD, f"password of supervisor {supervisor}"))
        except IssueRefused as exc:
            raise Refused(str(exc)) from exc
        try:
            head = audit_chain.verify_store(current.engine).head
        except StoreError:
            head = None
        return f"{head[0]}:{head[1]}" if head else ""
    finally:
        current.close()


def _audit_restore(store_path: Path, supervisor: str, source: Path, kept: Path | None, replaced_head: str,
                   now: datetime) -> None:
    """The restored store's audit log says who put it back, from where, and where the replaced log ended (so
    `kefudesk audit verify --anchor` on the kept store still proves what it held)."""
    from app.store.audit_log import Audit, AuditLog
    from app.store.engine import open_store

    restored = open_store(store_path)
    try:
        AuditLog(restored).write_audit(Audit(supervisor, "store restored", {"audit_head": replaced_head},
                                             {"from": str(source), "kept": str(kept or ""),
                                              "typed_at": at_terminal()}), now)
    finally:
        restored.close()


def _size(path: Path) -> str:
    size = path.stat().st_size
    return f"{size / 1_000_000:.1f} MB" if size >= 100_000 else f"{size / 1000:.1f} kB"
