"""Team mode against a real PostgreSQL server: a throwaway cluster started for the test session on a free
loopback port (initdb + pg_ctl from the machine's PostgreSQL; as root, run as the postgres user, which the
server insists on). KEFUDESK_TEST_PG=postgresql+psycopg://… uses a server you already have instead.
Without either, the team tests are skipped and say why. The superuser signs in without a password; every other
login (the team layout's) with its own, so a wrong one is refused as on a shop's server. `team` gives a database
the layout through the real `kefudesk team setup`."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

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


class Cluster:
    """A throwaway PostgreSQL cluster on a free loopback port, which a test may stop and start again (the
    superuser signs in without a password; every other login with its own, as on a shop's server)."""

    def __init__(self) -> None:
        initdb, pg_ctl = _bin("initdb"), _bin("pg_ctl")
        if not initdb or not pg_ctl:
            pytest.skip("no PostgreSQL server binaries (initdb, pg_ctl) on this machine and KEFUDESK_TEST_PG not set")
        self.pg_ctl = pg_ctl
        self.root = Path(tempfile.mkdtemp(prefix="kefudesk-pg-"))
        self.data = self.root / "data"
        if os.geteuid() == 0:
            shutil.chown(self.root, "postgres", "postgres")
        self.port = _free_port()
        subprocess.run(_as_server_user([initdb, "-D", str(self.data), "-U", "postgres", "--auth=trust", "-E", "UTF8",
                                        "--locale=C"]), check=True, capture_output=True)
        # the superuser signs in without a password, as before; every other login (the team layout's, set up by
        # kefudesk team setup) with its SCRAM password, as on a shop's server, so a wrong one is refused
        (self.data / "pg_hba.conf").write_text("local all all trust\n"
                                               "host all postgres 127.0.0.1/32 trust\n"
                                               "host all all 127.0.0.1/32 scram-sha-256\n", encoding="utf-8")

    @property
    def url(self) -> str:
        """The server's URL, without the database."""
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}"

    def start(self) -> None:
        subprocess.run(_as_server_user([self.pg_ctl, "-D", str(self.data), "-l", str(self.root / "server.log"), "-w",
                                        "-t", "30", "-o", f"-p {self.port} -k {self.root} "
                                        "-c listen_addresses=127.0.0.1 -c fsync=off"]) + ["start"],
                       check=True, capture_output=True)

    def stop(self, mode: str = "fast") -> None:
        """Stop the server (fast: every session ended, as an administrator's restart or a crash looks to a desk)."""
        subprocess.run(_as_server_user([self.pg_ctl, "-D", str(self.data), "-m", mode, "-w", "stop"]),
                       capture_output=True)

    def remove(self) -> None:
        self.stop("immediate")
        shutil.rmtree(self.root, ignore_errors=True)


@pytest.fixture(scope="session")
def pg_server() -> Iterator[str]:
    """A server URL (without the database) for the session."""
    given = os.environ.get("KEFUDESK_TEST_PG")
    if given and int(os.environ.get("PYTEST_XDIST_WORKER_COUNT", "1")) > 1:
        # each xdist worker starts a cluster of its own; a server given is one for all, and the team logins that
        # `kefudesk team setup` makes are the server's, not a database's: two workers would change each other's
        pytest.fail("KEFUDESK_TEST_PG is one server for every pytest-xdist worker: run the team tests with -n 0")
    if given:
        yield given.rsplit("/", 1)[0]
        return
    cluster = Cluster()
    cluster.start()
    try:
        yield cluster.url
    finally:
        cluster.remove()


@pytest.fixture
def own_pg() -> Iterator[Cluster]:
    """A cluster of this test's own, started, which the test may stop and start (it never touches
    KEFUDESK_TEST_PG's server)."""
    cluster = Cluster()
    cluster.start()
    try:
        yield cluster
    finally:
        cluster.remove()


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


@dataclass(frozen=True)
class Team:
    """A database given the team layout by kefudesk team setup, and each login's address with its password."""

    admin: str  # the superuser's address, as the owner runs setup with it
    owner: str
    desk: str  # the agents' shared login
    supervisor: str  # 店长's own login


TEAM_PASSWORDS = {"kefudesk_owner": "owner-pass-1", "kefudesk_desk": "desk-pass-1", "dianzhang": "boss-pass-1"}


def run_setup(admin_url: str, *args: str, passwords: dict[str, str] | None = None,
              env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """The real `kefudesk team setup`, each login's password from the environment (never the command line);
    no terminal, so nothing is asked."""
    given = {f"KEFUDESK_PASSWORD_{login.upper()}": password
             for login, password in (TEAM_PASSWORDS if passwords is None else passwords).items()}
    clean = {k: v for k, v in os.environ.items() if not k.startswith("KEFUDESK_PASSWORD_")}
    return subprocess.run([sys.executable, "-m", "app", "team", "setup", admin_url, *args],
                          env=clean | given | (env or {}), capture_output=True, text=True, timeout=120,
                          stdin=subprocess.DEVNULL)


@pytest.fixture
def team(pg_url: str) -> Team:
    done = run_setup(pg_url, "--supervisor", "店长=dianzhang")
    assert done.returncode == 0, done.stderr

    def login(name: str) -> str:
        return make_url(pg_url).set(username=name, password=TEAM_PASSWORDS[name]).render_as_string(hide_password=False)

    return Team(pg_url, login("kefudesk_owner"), login("kefudesk_desk"), login("dianzhang"))


def desk_env(tmp_path: Path, url: str, **more: str) -> dict[str, str]:
    """The environment of a real kefudesk whose store.url is url (its password taken out, given as
    KEFUDESK_DB_PASSWORD as a desk's keyring would), with data and settings under tmp_path."""
    parsed = make_url(url)
    config = tmp_path / "config"
    config.mkdir(exist_ok=True)
    where = parsed._replace(password=None).render_as_string(hide_password=False)  # set(password=None) keeps it
    (config / "settings.toml").write_text(f'[store]\nurl = "{where}"\n', encoding="utf-8")
    return os.environ | {"KEFUDESK_DATA_DIR": str(tmp_path / "data"), "KEFUDESK_CONFIG_DIR": str(config),
                         "KEFUDESK_DB_PASSWORD": parsed.password or "", "QT_QPA_PLATFORM": "offscreen", **more}
