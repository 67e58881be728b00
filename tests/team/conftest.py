"""Team mode against a real PostgreSQL server: a throwaway cluster started for the test session on a free
loopback port (initdb + pg_ctl from the machine's PostgreSQL; as root, run as the postgres user, which the
server insists on). KEFUDESK_TEST_PG=postgresql+psycopg://… uses a server you already have instead.
Without either, the team tests are skipped and say why."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

PG_BIN = [Path("/usr/lib/postgresql") / v / "bin" for v in ("17", "16", "15", "14")]


def _bin(name: str) -> str | None:
    for folder in PG_BIN:
        if (folder / name).is_file():
            return str(folder / name)
    return shutil.which(name)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _as_server_user(args: list[str]) -> list[str]:
    return ["runuser", "-u", "postgres", "--", *args] if os.geteuid() == 0 else args


@pytest.fixture(scope="session")
def pg_server() -> Iterator[str]:
    """A server URL (without the database) for the session."""
    given = os.environ.get("KEFUDESK_TEST_PG")
    if given:
        yield given.rsplit("/", 1)[0]
        return
    initdb, pg_ctl = _bin("initdb"), _bin("pg_ctl")
    if not initdb or not pg_ctl:
        pytest.skip("no PostgreSQL server binaries (initdb, pg_ctl) on this machine and KEFUDESK_TEST_PG not set")
    root = Path(tempfile.mkdtemp(prefix="kefudesk-pg-"))
    data = root / "data"
    if os.geteuid() == 0:
        shutil.chown(root, "postgres", "postgres")
    port = _free_port()
    subprocess.run(_as_server_user([initdb, "-D", str(data), "-U", "postgres", "--auth=trust", "-E", "UTF8",
                                    "--locale=C"]), check=True, capture_output=True)
    log = root / "server.log"
    subprocess.run(_as_server_user([pg_ctl, "-D", str(data), "-l", str(log), "-w", "-t", "30", "-o",
                                    f"-p {port} -k {root} -c listen_addresses=127.0.0.1 -c fsync=off"]) + ["start"],
                   check=True, capture_output=True)
    try:
        yield f"postgresql+psycopg://postgres@127.0.0.1:{port}"
    finally:
        subprocess.run(_as_server_user([pg_ctl, "-D", str(data), "-m", "immediate", "stop"]), capture_output=True)
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture
def pg_url(pg_server: str, request: pytest.FixtureRequest) -> Iterator[str]:
    """A fresh, empty database per test."""
    name = "kd_" + "".join(c if c.isalnum() else "_" for c in request.node.name.lower())[:50]
    admin = create_engine(f"{pg_server}/postgres", isolation_level="AUTOCOMMIT")
    with admin.connect() as c:
        c.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
        c.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield f"{pg_server}/{name}"
    finally:
        with admin.connect() as c:
            c.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
