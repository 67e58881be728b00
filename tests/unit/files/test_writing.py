"""An export the agent chose a name for is written whole or not at all, and the desk's own folders and files are
the user's alone."""

from __future__ import annotations

import logging
import os
import stat
from pathlib import Path

import pytest

from app.files.writing import private_dir, write_atomic


def test_a_write_that_fails_half_way_leaves_the_old_file_and_no_scraps(tmp_path):
    target = tmp_path / "退款表.xlsx"
    write_atomic(target, "第一版")

    def breaks(handle) -> None:  # noqa: ANN001 - the open file
        handle.write(b"half a workb")
        raise OSError(28, "No space left on device")

    with pytest.raises(OSError, match="No space"):
        write_atomic(target, breaks)
    assert target.read_text(encoding="utf-8") == "第一版"
    assert os.listdir(tmp_path) == ["退款表.xlsx"]  # the temporary part is gone too


def test_the_file_is_the_agents_alone_and_its_folder_is_made(tmp_path):
    target = tmp_path / "exports" / "day.html"
    write_atomic(target, b"<html></html>")
    assert target.read_bytes() == b"<html></html>"
    if os.name == "posix":
        assert target.stat().st_mode & 0o777 == 0o600


POSIX = pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")


def mode(path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def umask_022():
    before = os.umask(0o022)  # the usual desktop umask: what a folder made without care gets
    yield
    os.umask(before)


@POSIX
def test_an_exports_temporary_part_is_the_agents_alone_while_it_is_written(tmp_path, umask_022):
    seen = []
    write_atomic(tmp_path / "退款表.xlsx", lambda handle: seen.append(mode(Path(handle.name))))
    assert seen == [0o600] and mode(tmp_path / "退款表.xlsx") == 0o600


@POSIX
def test_a_private_folder_is_made_0700_and_an_open_one_closed_but_never_opened(tmp_path, umask_022, caplog):
    made = private_dir(tmp_path / "a" / "images")
    assert mode(made) == 0o700
    os.chmod(made, 0o755)
    assert mode(private_dir(made)) == 0o700
    os.chmod(made, 0o550)  # read-only by choice (a locked-down data dir): stays read-only
    assert mode(private_dir(made)) == 0o500
    os.chmod(made, 0o755)

    def refused(path, new_mode):  # noqa: ARG001 - os.chmod's signature
        raise PermissionError(1, "Operation not permitted")

    with caplog.at_level(logging.WARNING, logger="kefudesk.files"), pytest.MonkeyPatch.context() as patch:
        patch.setattr(os, "chmod", refused)
        private_dir(made)  # someone else's folder: said, with the way out, and the desk goes on
    assert f"chmod go= {made}" in caplog.text


@POSIX
def test_every_folder_and_file_the_desk_makes_in_its_data_dir_is_the_users_alone(tmp_path, umask_022):
    from datetime import UTC, datetime

    from app.store.backup import backups_dir, daily_backup
    from app.store.engine import open_store

    from app import config, crash
    from tests.conftest import png_bytes

    root = logging.getLogger("kefudesk")
    before = list(root.handlers)
    try:
        config.setup_logging()
        logging.getLogger("kefudesk.test").warning("something to log")
        store = open_store(config.store_path(), images_dir=config.data_dir() / "images")
        store.images.put(png_bytes())
        daily_backup(store.path, backups_dir(store.path), datetime.now(UTC))
        try:
            raise RuntimeError("a bug")
        except RuntimeError as exc:
            crash.write_report(config.data_dir() / "crash-reports", exc, exc.__traceback__)
        store.close()
    finally:
        for handler in root.handlers[len(before):]:
            handler.close()
        root.handlers[:] = before
    data = config.data_dir()
    made = {p.relative_to(data).parts[0] for p in data.rglob("*")}
    assert {"images", "backups", "logs", "crash-reports", "kefudesk.db"} <= made
    assert {str(p.relative_to(data)): oct(mode(p)) for p in [data, *data.rglob("*")]
            if mode(p) != (0o700 if p.is_dir() else 0o600)} == {}


@POSIX
def test_the_desks_own_folders_left_open_by_an_earlier_version_are_closed_when_it_starts(tmp_path, umask_022):
    from datetime import UTC, datetime

    from app.store.backup import backups_dir, daily_backup
    from app.store.engine import open_store

    from app import config, crash

    data = config.data_dir()
    for name in ("", "logs", "backups", "crash-reports", "images"):
        (data / name).mkdir(parents=True, exist_ok=True)
        os.chmod(data / name, 0o755)
    root = logging.getLogger("kefudesk")
    before = list(root.handlers)
    try:
        config.setup_logging()
    finally:
        for handler in root.handlers[len(before):]:
            handler.close()
        root.handlers[:] = before
    store = open_store(config.store_path(), images_dir=data / "images")
    daily_backup(store.path, backups_dir(store.path), datetime.now(UTC))
    store.close()
    try:
        raise RuntimeError("a bug")
    except RuntimeError as exc:
        crash.write_report(data / "crash-reports", exc, exc.__traceback__)
    assert {name: oct(mode(data / name)) for name in ("", "logs", "backups", "crash-reports", "images")} == dict.fromkeys(
        ("", "logs", "backups", "crash-reports", "images"), "0o700")
