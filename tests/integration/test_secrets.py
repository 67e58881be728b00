"""Secrets stay in the keyring and the agent's files stay the agent's (issue 9).

The real `kefudesk` runs against the simulator with a known login password, on a store that holds a supervisor
with a known password; it logs in, takes the buyers' messages and answers some through the reply box (the
review screenshot's warm-up does that), and is then killed with SIGKILL, as a power cut would, so the store's
-wal is left behind. While it runs and after the kill, every byte of every file under its data and config dirs
(store, -wal, -shm, settings, logs, images, any crash report) and under XDG's dirs is searched for the token
and both passwords.

The OS keyring (Secret Service) cannot run here: this machine has no gnome-keyring daemon. A file-backed
stand-in keyring, written outside the scanned dirs and named by PYTHON_KEYRING_BACKEND, takes its place, so
the desk goes through the keyring API as it would on a desktop, and the test sees the token arrive there (which
shows the scan would have found it anywhere else).
"""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import httpx
import pytest

from app.shopsim.runner import SimServer
from app.shopsim.world import Credentials
from app.store.engine import open_store

from app.desk.issues import IssueDesk

pytestmark = pytest.mark.integration

LOGIN_PASSWORD = "Xq7-login-pw-9f3e2c"
SUPERVISOR_PASSWORD = "Bz4-supervisor-pw-61d0aa"

STAND_IN_KEYRING = '''
    """A keyring backend in a JSON file (see tests/integration/test_secrets.py)."""
    import json
    import os
    from pathlib import Path

    from keyring.backend import KeyringBackend


    class FileKeyring(KeyringBackend):
        priority = 1

        def _path(self):
            return Path(os.environ["STAND_IN_KEYRING_FILE"])

        def _all(self):
            path = self._path()
            return json.loads(path.read_text()) if path.exists() else {}

        def get_password(self, service, username):
            return self._all().get(f"{service}/{username}")

        def set_password(self, service, username, password):
            values = self._all()
            values[f"{service}/{username}"] = password
            self._path().write_text(json.dumps(values))

        def delete_password(self, service, username):
            values = self._all()
            values.pop(f"{service}/{username}", None)
            self._path().write_text(json.dumps(values))
'''


def found_in(roots: list[Path], secrets: list[str]) -> list[str]:
    """Every (file, secret) where the secret's bytes occur, as UTF-8 or UTF-16."""
    hits = []
    for root in roots:
        for path in sorted(p for p in root.rglob("*") if p.is_file()):
            try:
                data = path.read_bytes()
            except FileNotFoundError:  # -wal or -shm gone between listing and reading
                continue
            for secret in secrets:
                if any(secret.encode(codec) in data for codec in ("utf-8", "utf-16-le", "utf-16-be")):
                    hits.append(f"{path.relative_to(root.parent)}: {secret}")
    return hits


def test_a_desk_session_leaves_token_and_passwords_in_the_keyring_only(tmp_path):
    data, config, xdg, outside = (tmp_path / name for name in ("data", "config", "xdg", "outside"))
    (outside / "keyring").mkdir(parents=True)
    (outside / "keyring" / "stand_in_keyring.py").write_text(textwrap.dedent(STAND_IN_KEYRING), encoding="utf-8")
    keyring_file = outside / "keyring.json"
    config.mkdir()
    env = os.environ | {
        "QT_QPA_PLATFORM": "offscreen", "KEFUDESK_DATA_DIR": str(data), "KEFUDESK_CONFIG_DIR": str(config),
        "XDG_DATA_HOME": str(xdg / "data"), "XDG_CONFIG_HOME": str(xdg / "config"),
        "XDG_CACHE_HOME": str(xdg / "cache"), "XDG_STATE_HOME": str(xdg / "state"),
        "PYTHONPATH": os.pathsep.join(p for p in (str(outside / "keyring"), os.environ.get("PYTHONPATH", "")) if p),
        "PYTHON_KEYRING_BACKEND": "stand_in_keyring.FileKeyring", "STAND_IN_KEYRING_FILE": str(keyring_file),
        "KEFUDESK_PASSWORD": LOGIN_PASSWORD, "KEFUDESK_NEW_PASSWORD": SUPERVISOR_PASSWORD}
    with SimServer(port=0, rate=0, initial_chats=0, reply_delay=None, seed=11,
                   credentials=Credentials(password=LOGIN_PASSWORD)) as sim:
        (config / "settings.toml").write_text(
            f'[gateway]\nurl = "{sim.url}"\nshop = "{sim.shop_id}"\nagent = "{sim.credentials[0]}"\n', encoding="utf-8")
        store = open_store(data / "kefudesk.db")
        IssueDesk(store, "店长").add_profile("店长", "supervisor", SUPERVISOR_PASSWORD)  # as `kefudesk profiles add`
        store.close()
        with httpx.Client(base_url=sim.url, timeout=5) as control:
            for i, text in enumerate(("在吗", "37码有货吗？", "寄到浙江省杭州市西湖区文三路138号，电话13812345678")):
                control.post("/sim/say", json={"buyer_nick": f"买家{i}", "text": text}).raise_for_status()
        desk = subprocess.Popen([sys.executable, "-m", "app", "--verbose", "--lang", "en", "--screenshot",
                                 str(outside / "review.png"), "--screenshot-of", "review", "--after", "1"],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
        try:
            deadline = time.monotonic() + 60
            while not sim.world.received and desk.poll() is None and time.monotonic() < deadline:
                time.sleep(0.05)
            assert sim.world.received, "the desk answered nobody"
            secrets = [LOGIN_PASSWORD, SUPERVISOR_PASSWORD, *sim.world.tokens]
            hits_while_running = found_in([data, config, xdg], secrets)
        finally:
            desk.kill()
            out, err = desk.communicate(timeout=30)
    assert sim.world.tokens and all(token in keyring_file.read_text() for token in sim.world.tokens)
    assert hits_while_running == []
    assert (data / "kefudesk.db-wal").exists() and (data / "logs" / "kefudesk.log").exists()
    assert found_in([data, config, xdg], secrets) == []
    assert not any(secret in out + err for secret in secrets)  # nor printed on the terminal
    # the agent's files are theirs alone: the data dir and everything the desk made in it
    for path in [data, *data.rglob("*")]:
        mode = stat.S_IMODE(path.stat().st_mode)
        assert mode == (0o700 if path.is_dir() else 0o600), f"{path.relative_to(tmp_path)} is {oct(mode)}"
    assert [p.name for p in config.iterdir()] == ["settings.toml"]  # the desk wrote nothing beside it
