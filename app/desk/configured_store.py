"""Opening the store the user configured, for the desk window and every `kefudesk` command: this computer's
SQLite file, or a team's PostgreSQL server (setting store.url). A server's password is never in the settings: it
is asked for once (or given in KEFUDESK_DB_PASSWORD) and kept in the OS keyring, and asked again if the server
refuses it."""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from typing import Any

from app.gateway.secrets import SecretStore
from app.store.store import Store

from app import config

PASSWORD_ENV = "KEFUDESK_DB_PASSWORD"


def open_configured(settings: Mapping[str, Any], secrets: SecretStore,
                    ask_password: Callable[[str], str] | None = None) -> Store:
    """Open the configured store; StoreError says why not. ask_password(where) asks the agent for the server's
    password when neither the keyring nor KEFUDESK_DB_PASSWORD has it ("" or None: ask nobody)."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    from app.store.engine import open_store
    from app.store.errors import StoreError, StoreUnreachable

    url = settings.get("store.url", "")
    if not url:
        return open_store(config.store_path())
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise StoreError(f"store.url {url!r} is not a database address ({exc}); write it as "
                         "postgresql+psycopg://USER@HOST:PORT/DATABASE, or empty it to use this computer's store") \
            from exc
    where = parsed.render_as_string(hide_password=True)
    if parsed.password is not None:
        raise StoreError(f"store.url holds the database password, readable by anyone who reads the settings file: "
                         f"write it without (as {parsed.set(password=None).render_as_string()}); KefuDesk asks for "
                         "the password once and keeps it in the OS keyring")
    key = f"store:{where}"
    saved = secrets.get(key)
    password = saved or os.environ.get(PASSWORD_ENV) or (ask_password(where) if ask_password else "") or ""
    target = parsed.set(password=password or None).render_as_string(hide_password=False)
    try:
        store = open_store(target, images_dir=config.data_dir() / "images")
    except StoreUnreachable as exc:
        if exc.login_refused and saved:
            secrets.delete(key)  # asked again next time
        raise
    if password and password != saved:
        secrets.set(key, password)
    return store

