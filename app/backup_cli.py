"""`kefudesk backup [PATH]`, `kefudesk restore PATH` and `kefudesk export-all PATH.zip`: the store kept safe,
put back, and taken out whole. None of them upgrades or opens the store for the desk; backup and export-all
work while a desk runs."""

from __future__ import annotations

import argparse
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

from app import config

DESCRIPTIONS = {
    "backup": "Copy the store (consistent while the desk runs) to PATH, by default to a new file named by the "
              "time in the backups folder beside it.",
    "restore": "Put a backup in the store's place; the store it replaces is kept beside it. Close KefuDesk first.",
    "export-all": "Write the whole store (every table as JSON Lines, the pictures, a manifest) to a zip that "
                  "needs no KefuDesk to read.",
}


def add_arguments(command: str, parser: argparse.ArgumentParser) -> None:
    if command == "backup":
        parser.add_argument("path", nargs="?", type=Path, metavar="PATH",
                            help="the new backup file, or a folder for it (default: the backups folder)")
    elif command == "restore":
        parser.add_argument("path", type=Path, metavar="PATH", help="the backup to restore (a .db file)")
    else:
        parser.add_argument("path", type=Path, metavar="PATH.zip", help="the archive to write (a new file)")


def run(command: str, args: argparse.Namespace) -> int:
    from app.store import archive, backup
    from app.store.errors import StoreError

    store = config.store_path()
    now = datetime.now(UTC)
    prog = f"kefudesk {command}"
    try:
        team = config.load_settings()["store.url"]
    except config.SettingsError as exc:
        print(f"{prog}: {exc}", file=sys.stderr)
        return 2
    if team:  # this computer's file is not where the desk keeps its work
        print(f"{prog}: this desk works on the team's server (store.url); {command} handles this computer's own "
              "store only: back the server up with PostgreSQL's tools (pg_dump / pg_restore)", file=sys.stderr)
        return 2
    started = time.perf_counter()
    try:
        if command == "backup":
            target = args.path or backup.backups_dir(store)
            if args.path is None or target.is_dir():
                target = backup.new_backup_path(target, now)
            made = backup.backup(store, target)
            print(f"backed up {store} to {made} ({_size(made)}, {time.perf_counter() - started:.1f} s)")
        elif command == "restore":
            revision, kept = backup.restore(store, args.path, now)
            print(f"restored {args.path} (schema {revision}) as {store}")
            if kept is not None:
                print(f"the store it replaced is kept as {kept}")
        else:
            summary = archive.export_all(store, args.path, now)
            tables = ", ".join(f"{name} {count}" for name, count in summary.rows.items() if count)
            print(f"exported {store} (schema {summary.revision}) to {summary.path} ({_size(summary.path)}): "
                  f"{tables or 'no rows'}; {summary.images} pictures")
    except StoreError as exc:
        print(f"{prog}: {exc}", file=sys.stderr)
        return 3
    return 0


def _size(path: Path) -> str:
    size = path.stat().st_size
    return f"{size / 1_000_000:.1f} MB" if size >= 100_000 else f"{size / 1000:.1f} kB"
