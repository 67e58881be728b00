"""`kefudesk export-all`: the whole store as a portable archive that needs no KefuDesk to read.

A zip of JSON Lines, one file per table (tables/message.jsonl…), the pictures under images/, and
manifest.json saying the schema revision, each table's row count and when it was made (UTC). Values are
plain JSON: money stays integer fen, times are ISO 8601 in UTC, JSON columns are JSON. The search index is
left out: it is derived from the messages. Read with one consistent snapshot, also while a desk writes.
"""

from __future__ import annotations

import json
import os
import zipfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, select
from sqlalchemy.pool import StaticPool

from app.domain import is_image_id

from app.store.engine import HEAD_REVISION, inspect_store
from app.store.errors import StoreError, disk_problem
from app.store.files import connect_readonly, remove_database, replace_file
from app.store.models import Base

from app import __version__

FORMAT = "kefudesk-export"
FORMAT_VERSION = 1


@dataclass(frozen=True)
class ExportSummary:
    path: Path
    revision: str
    rows: dict[str, int]  # table → rows written
    images: int


def export_all(store_path: Path, target: Path, now: datetime, *, busy_timeout: float = 5.0) -> ExportSummary:
    """Write the archive to target (a new file, user-only: it holds buyers' phone numbers and addresses)."""
    if target.exists():
        raise StoreError(f"{target} already exists; choose another name (an export never overwrites a file)")
    if not store_path.is_file():
        raise StoreError(f"there is no store at {store_path} to export")
    revision = inspect_store(store_path, busy_timeout)
    if revision != HEAD_REVISION:
        raise StoreError(f"{store_path} has schema {revision}, this version exports {HEAD_REVISION}: start "
                         "KefuDesk (or any kefudesk command) once to upgrade it, then export")
    partial = target.with_name(f"{target.name}.partial")
    remove_database(partial)
    try:
        os.close(os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
        with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            rows = _write_tables(store_path, archive, now, busy_timeout)
            images = _write_images(store_path.parent / "images", archive)
            manifest = {"format": FORMAT, "format_version": FORMAT_VERSION, "app_version": __version__,
                        "schema_revision": revision, "created_at": _iso(now), "tables": rows, "images": images,
                        "money": "integer fen", "times": "ISO 8601, UTC"}
            archive.writestr("manifest.json", json.dumps(manifest, ensure_ascii=False, indent=2))
        replace_file(partial, target)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise disk_problem(exc, target) or StoreError(f"writing {target} failed: {exc}") from exc
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return ExportSummary(target, revision, rows, images)


def _write_tables(store_path: Path, archive: zipfile.ZipFile, now: datetime, busy_timeout: float) -> dict[str, int]:
    engine = create_engine("sqlite://", creator=lambda: connect_readonly(store_path, busy_timeout),
                           poolclass=StaticPool)
    rows: dict[str, int] = {}
    try:
        with engine.connect() as connection:
            connection.exec_driver_sql("BEGIN")  # one snapshot for every table (pysqlite would not begin one)
            for table in Base.metadata.sorted_tables:
                count = 0
                result = connection.execution_options(yield_per=2000).execute(
                    select(table).order_by(*table.primary_key.columns))
                entry = zipfile.ZipInfo(f"tables/{table.name}.jsonl", now.astimezone(UTC).timetuple()[:6])
                entry.compress_type = zipfile.ZIP_DEFLATED
                with archive.open(entry, "w") as out:
                    for row in result:
                        out.write(json.dumps(dict(row._mapping), ensure_ascii=False, default=_plain).encode())
                        out.write(b"\n")
                        count += 1
                rows[table.name] = count
    finally:
        engine.dispose()
    return rows


def _write_images(root: Path, archive: zipfile.ZipFile) -> int:
    count = 0
    for path in sorted(root.glob("??/*")) if root.is_dir() else []:
        if is_image_id(path.name) and path.is_file():
            archive.write(path, f"images/{path.name}", compress_type=zipfile.ZIP_STORED)  # already compressed
            count += 1
    return count


def _plain(value: Any) -> Any:
    if isinstance(value, datetime):
        return _iso(value)
    raise TypeError(f"{type(value).__name__} has no JSON form")


def _iso(at: datetime) -> str:
    return at.astimezone(UTC).isoformat().replace("+00:00", "Z")
