"""A full disk and a read-only data dir: the store says which, and the way out, and loses nothing.

In-process, the full disk is SQLite's own: PRAGMA max_page_count makes SQLite meet SQLITE_FULL ("database or
disk is full") exactly where a full disk would. In child processes, the kernel's: chmod'ed folders and files
(root runs that child in a user namespace of its own, where permissions bind it too), a read-only bind mount
and a small tmpfs in a private mount namespace (unshare -rm); skipped, saying why, where not allowed.
"""

import json
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from sqlalchemy import event

from app.store.engine import open_store
from app.store.errors import StoreFull, StoreReadOnly

from tests.unit.store.conftest import buyer_says

# the engine's own tests: every new store here is built by the migrations (tests/conftest.py)
pytestmark = pytest.mark.real_migrations

ROOT = Path(__file__).resolve().parents[3]


def test_a_full_disk_is_said_nothing_saved_is_lost_and_work_goes_on_once_space_is_freed(store):
    store.ingest_message(buyer_says("m0", "鞋子开胶了", 0))
    with store.engine.connect() as c:
        pages = c.exec_driver_sql("PRAGMA page_count").scalar()
    event.listen(store.engine, "connect", lambda conn, _r: conn.execute(f"PRAGMA max_page_count = {pages + 4}"))
    store.engine.dispose()

    saved = 1
    with pytest.raises(StoreFull) as caught:
        for n in range(1, 100):
            store.ingest_messages([buyer_says(f"a{n}", "亲" * 3000, n), buyer_says(f"b{n}", "照片", n)])
            saved += 2
    message = str(caught.value)
    assert str(store.path) in message and "is full" in message and "Free some space" in message
    assert store.message_count() == saved  # the batch that hit the full disk is not there, not even half
    assert store.messages("c1")[0].text == "鞋子开胶了"  # the desk keeps showing what it has
    assert store.integrity_ok()

    store.close()  # space freed: the same store, without the limit
    s = open_store(store.path)
    s.ingest_message(buyer_says("later", "又能写了", 200))
    assert s.message_count() == saved + 1 and s.integrity_ok()
    s.close()


def test_a_store_that_turned_read_only_says_so_at_the_next_write_and_still_reads(store):
    store.ingest_message(buyer_says("m0", "鞋子开胶了", 0))
    # SQLite refuses the write with the same SQLITE_READONLY a file without write permission gives (and root too)
    event.listen(store.engine, "connect", lambda conn, _r: conn.execute("PRAGMA query_only = ON"))
    store.engine.dispose()

    with pytest.raises(StoreReadOnly) as caught:
        store.save_draft("c1", "亲，已经帮您", buyer_says("x", "", 1).sent_at)
    message = str(caught.value)
    assert str(store.path) in message and "read-only" in message and "chmod u+w" in message
    assert [m.text for m in store.messages("c1")] == ["鞋子开胶了"]


@pytest.mark.parametrize("what", ["folder", "file"])
def test_a_read_only_data_dir_or_file_is_refused_with_the_way_out(tmp_path, what):
    path = tmp_path / "data" / "kefudesk.db"
    open_store(path).close()
    before = path.read_bytes()
    os.chmod(path.parent if what == "folder" else path, 0o500 if what == "folder" else 0o400)
    try:
        # as root, in a user namespace of its own: the same user, without the power to ignore permissions
        said = _run_child(tmp_path, ["unshare", "-U"] if os.geteuid() == 0 else [], f"""
            from app.store.engine import open_store
            from app.store.errors import StoreReadOnly
            try:
                open_store({str(path)!r})
                print(json.dumps("opened"))
            except StoreReadOnly as exc:
                print(json.dumps(str(exc)))
        """)
    finally:
        os.chmod(path.parent, 0o700)
        os.chmod(path, 0o600)
    assert str(path) in said and "read-only" in said and "Nothing was changed" in said and "chmod u+w" in said
    assert path.read_bytes() == before


def _run_child(tmp_path, wrapper: list[str], body: str, shell_first: str = "") -> object:
    """Run body (Python printing one JSON line) in another process, under wrapper (unshare…) and after
    shell_first (mounts); skipped, saying why, where the system does not allow the wrapper."""
    if wrapper:
        if os.name != "posix" or shutil.which(wrapper[0]) is None:
            pytest.skip(f"no {wrapper[0]} here: the namespace this test needs is not available")
        probe = subprocess.run([*wrapper, "true"], capture_output=True, text=True)
        if probe.returncode != 0:
            pytest.skip(f"{' '.join(wrapper)} is not allowed here ({probe.stderr.strip()})")
    script = tmp_path / "child.py"
    script.write_text(f"import json, sys\nsys.path.insert(0, {str(ROOT)!r})\n" + textwrap.dedent(body))
    command = f"{shell_first} && exec {sys.executable} {script}" if shell_first else f"exec {sys.executable} {script}"
    done = subprocess.run([*wrapper, "sh", "-c", command], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.splitlines()[-1])


def test_on_a_read_only_disk_the_store_is_refused_with_the_way_out_and_can_still_be_saved(tmp_path):
    from tests.unit.store.test_migrations_upgrade import _store_at

    ro = tmp_path / "ro"
    ro.mkdir()
    open_store(ro / "kefudesk.db").close()
    _store_at("0004", ro / "old.db")
    before = {p.name: p.read_bytes() for p in ro.iterdir()}
    out = tmp_path / "out"
    mounts = f"mount --bind {ro} {ro} && mount -o remount,bind,ro {ro}"
    result = _run_child(tmp_path, ["unshare", "-rm"], shell_first=mounts, body=f"""
        from datetime import UTC, datetime
        from pathlib import Path
        from app.store.archive import export_all
        from app.store.backup import backup
        from app.store.engine import open_store
        from app.store.errors import StoreError
        said = {{}}
        for name in ("kefudesk.db", "old.db"):
            try:
                open_store(Path({str(ro)!r}) / name)
                said[name] = "opened"
            except StoreError as exc:
                said[name] = type(exc).__name__ + ": " + str(exc)
        store = Path({str(ro)!r}) / "kefudesk.db"
        said["backup"] = backup(store, Path({str(out)!r}) / "rescued.db").name
        said["export"] = sorted(export_all(store, Path({str(out)!r}) / "all.zip", datetime.now(UTC)).rows)[:2]
        print(json.dumps(said))
    """)
    for name in ("kefudesk.db", "old.db"):  # an old store is not "upgrade failed": the folder is the problem
        assert result[name].startswith("StoreReadOnly: ") and str(ro / name) in result[name]
        assert "Make the folder and the file writable" in result[name]
    assert result["backup"] == "rescued.db" and result["export"] == ["agent", "agent_profile"]
    assert {p.name: p.read_bytes() for p in ro.iterdir()} == before


def test_a_disk_too_full_to_upgrade_says_so_and_the_store_upgrades_once_space_is_freed(tmp_path):
    disk = tmp_path / "disk"
    disk.mkdir()
    # room, once the filler is gone, for the 0005 store, its copy before the upgrade and the copy being upgraded to
    # the head: 600k no longer held them once 0019 added a table (620k did); the filler leaves ~40 kB whatever the size
    mounts = f"mount -t tmpfs -o size=700k tmpfs {disk}"
    result = _run_child(tmp_path, ["unshare", "-rm"], shell_first=mounts, body=f"""
        import os
        from datetime import UTC, datetime
        from pathlib import Path
        from app.store.backup import daily_backup
        from app.store.engine import open_store
        from app.store.errors import StoreError
        from tests.unit.store.test_migrations_upgrade import _store_at
        disk = Path({str(disk)!r})
        _store_at("0005", disk / "kefudesk.db")
        filler = disk / "filler"
        fd = os.open(filler, os.O_WRONLY | os.O_CREAT)  # the rest of the disk but ~40 kB: no room for a copy
        try:
            while True:
                os.write(fd, b"x" * 4096)
        except OSError:
            os.close(fd)
        os.truncate(filler, os.path.getsize(filler) - 40_000)
        said = {{}}
        for step in ("open", "daily"):
            try:
                if step == "open":
                    open_store(disk / "kefudesk.db")
                else:
                    daily_backup(disk / "kefudesk.db", disk / "backups", datetime.now(UTC))
                said[step] = "ok"
            except StoreError as exc:
                said[step] = type(exc).__name__ + ": " + str(exc)
        said["left"] = sorted(p.name for p in disk.iterdir() if p.name != "filler") + sorted(
            p.name for p in (disk / "backups").glob("*"))
        filler.unlink()
        s = open_store(disk / "kefudesk.db")
        said["after"] = [s.buyer("b1").nick, s.draft("c1"), s.integrity_ok()]
        print(json.dumps(said, ensure_ascii=False))
    """)
    assert result["open"].startswith("StoreFull: ") and "Free some space" in result["open"]
    assert result["daily"].startswith("StoreFull: ")
    # no half copies taking the space (the whole copy made before the upgrade may stay: it is a good backup)
    assert set(result["left"]) - {"kefudesk.db.bak-0005"} == {"backups", "kefudesk.db"}
    assert result["after"] == ["tb_果果妈", "亲，已经帮您", True]
