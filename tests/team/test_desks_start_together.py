"""Four desks started together on an empty team database: one builds the schema, the others wait for it and
open the store it built (issue 18: three of four crashed, each running the migrations into the others')."""

from __future__ import annotations

import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from app.store.engine import HEAD_REVISION

from tests.team.conftest import desk_env

pytestmark = pytest.mark.integration


def _pipe(source: socket.socket, target: socket.socket) -> None:
    try:
        while data := source.recv(65536):
            target.sendall(data)
    except OSError:
        pass
    finally:
        for end in (source, target):
            try:
                end.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass


@contextmanager
def gate(host: str, port: int, together: int) -> Iterator[int]:
    """A loopback port in front of the server that holds the first `together` connections until all of them have
    come, then lets them through at once: the desks' first transactions start at the same moment however long
    each process took to start. Yields the port."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)
    held: list[socket.socket] = []
    done = threading.Event()

    def through(client: socket.socket) -> None:
        upstream = socket.create_connection((host, port))
        threading.Thread(target=_pipe, args=(client, upstream), daemon=True).start()
        threading.Thread(target=_pipe, args=(upstream, client), daemon=True).start()

    def accept() -> None:
        while not done.is_set():
            try:
                client, _ = listener.accept()
            except OSError:
                return
            if len(held) < together:
                held.append(client)
                if len(held) == together:
                    for waiting in held:
                        through(waiting)
            else:
                through(client)

    threading.Thread(target=accept, daemon=True).start()
    try:
        yield listener.getsockname()[1]
    finally:
        done.set()
        listener.close()


def test_four_desks_started_together_on_an_empty_database_all_open_it(pg_url, tmp_path):
    url = make_url(pg_url)
    with gate(url.host or "127.0.0.1", url.port or 5432, together=4) as port:
        gated = url.set(port=port).render_as_string(hide_password=False)
        desks = []
        for n in range(4):
            home = tmp_path / f"desk{n}"
            home.mkdir()
            # the real kefudesk, each with its own data and settings, all pointed at the same empty database
            desks.append(subprocess.Popen([sys.executable, "-m", "app", "search", "在吗"],
                                          env=desk_env(home, gated), stdout=subprocess.PIPE,
                                          stderr=subprocess.PIPE, text=True))
        outcomes = [desk.communicate(timeout=180) + (desk.returncode,) for desk in desks]
    failed = [[line for line in stderr.splitlines() if "Error" in line][-1:] for _out, stderr, code in outcomes
              if code != 0]
    assert not failed, f"{len(failed)} of 4 desks could not open the store: {failed}"
    engine = create_engine(pg_url)
    try:
        with engine.connect() as c:
            assert c.execute(text("SELECT version_num FROM alembic_version")).scalars().all() == [HEAD_REVISION]
    finally:
        engine.dispose()
