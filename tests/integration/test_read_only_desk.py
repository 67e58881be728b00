"""The real desk started on a data folder it cannot write (chmod 0500; as root, inside a user namespace of its own,
where permissions bind root too): it opens, shows what the store holds, changes no byte of it, and says why."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from datetime import UTC, datetime

import pytest

from app.store.engine import open_store

from app import domain

pytestmark = pytest.mark.integration


def test_the_desk_opens_a_store_in_a_read_only_folder_and_changes_nothing(tmp_path):
    wrapper = ["unshare", "-U"] if os.geteuid() == 0 else []
    if wrapper and (shutil.which("unshare") is None or subprocess.run([*wrapper, "true"]).returncode != 0):
        pytest.skip("root ignores permissions and no user namespace is allowed here to make a read-only folder")
    data = tmp_path / "data"
    store = open_store(data / "kefudesk.db")
    now = datetime.now(UTC)
    store.upsert_conversation(domain.Conversation("c1", domain.Buyer("b1", "tb_只读的买家"), "active", now))
    store.ingest_message(domain.Message("m1", "c1", "in", "我的快递到哪了", now))
    store.close()
    before = {p.name: p.read_bytes() for p in data.iterdir() if p.is_file()}
    os.chmod(data, 0o500)
    shot = tmp_path / "shot.png"
    env = os.environ | {"KEFUDESK_DATA_DIR": str(data), "KEFUDESK_CONFIG_DIR": str(tmp_path / "config"),
                        "QT_QPA_PLATFORM": "offscreen"}
    try:
        done = subprocess.run([*wrapper, sys.executable, "-m", "app", "--demo", "--lang", "en", "--screenshot",
                               str(shot), "--after", "1.5"], env=env, capture_output=True, text=True, timeout=60)
    finally:
        os.chmod(data, 0o700)
    assert done.returncode == 0, done.stderr
    assert shot.stat().st_size > 10_000  # the window, with the stored chat in it
    assert {p.name: p.read_bytes() for p in data.iterdir() if p.is_file()} == before  # not a byte changed
    assert "cannot open its store" not in done.stderr
