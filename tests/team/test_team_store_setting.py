"""A desk pointed at the team's PostgreSQL server by the setting store.url: the password is asked for once and
kept in the keyring — never in the settings, the log or the store — a password in the setting is refused with the
way out, and a server that cannot be reached is a clear message, not a traceback. The real kefudesk runs on it.
(The throwaway server trusts local logins, so any password opens it: a refused password is not tested here.)"""

from __future__ import annotations

import os
import socket
import subprocess
import sys

import pytest
from sqlalchemy import create_engine, text

from app.gateway.secrets import MemorySecretStore
from app.store.errors import StoreError

from app.desk.configured_store import open_configured

pytestmark = pytest.mark.integration


def test_the_password_is_asked_once_and_kept_in_the_keyring(pg_url):
    secrets = MemorySecretStore()
    asked: list[str] = []

    def ask(where: str) -> str:
        asked.append(where)
        return "团队密码-7"

    first = open_configured({"store.url": pg_url}, secrets, ask)
    first.close()
    again = open_configured({"store.url": pg_url}, secrets, lambda _w: pytest.fail("asked twice"))
    assert again.message_count() == 0  # the team's store, set up and opened without asking
    again.close()
    assert len(asked) == 1 and "团队密码" not in asked[0]  # asked with the address, the address without it
    assert secrets.get(f"store:{pg_url}") == "团队密码-7"


def test_a_password_in_the_setting_is_refused_with_the_way_out(pg_url):
    with_password = pg_url.replace("postgres@", "postgres:hunter2@")
    with pytest.raises(StoreError, match="without") as refused:
        open_configured({"store.url": with_password}, MemorySecretStore())
    assert "hunter2" not in str(refused.value) and "OS keyring" in str(refused.value)


def test_a_server_that_cannot_be_reached_is_a_clear_message():
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(StoreError, match="cannot be reached") as failed:
        open_configured({"store.url": f"postgresql+psycopg://kefu@127.0.0.1:{port}/kefudesk"}, MemorySecretStore())
    assert "store.url" in str(failed.value)


def test_the_desk_works_on_the_team_server(pg_url, tmp_path):
    config = tmp_path / "config"
    config.mkdir()
    (config / "settings.toml").write_text(f'[store]\nurl = "{pg_url}"\n', encoding="utf-8")
    env = os.environ | {"KEFUDESK_DATA_DIR": str(tmp_path / "data"), "KEFUDESK_CONFIG_DIR": str(config),
                        "KEFUDESK_DB_PASSWORD": "团队密码-9", "QT_QPA_PLATFORM": "offscreen"}
    shot = tmp_path / "shot.png"
    done = subprocess.run([sys.executable, "-m", "app", "--lang", "en", "--screenshot", str(shot), "--after", "2"],
                          env=env, capture_output=True, text=True, timeout=90)
    assert done.returncode == 0, done.stderr
    engine = create_engine(pg_url)
    with engine.connect() as c:
        messages = c.execute(text("SELECT count(*) FROM message")).scalar_one()
    engine.dispose()
    assert messages > 0  # the demo buyers' messages went to the team's server
    assert not (tmp_path / "data" / "kefudesk.db").exists()  # not to a local file
    written = [p for p in (tmp_path / "data").rglob("*") if p.is_file()]
    assert all("团队密码-9".encode() not in p.read_bytes() for p in written), written
