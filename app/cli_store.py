"""The user's store for a `kefudesk` command, or the reason it cannot be opened, said once for every command."""

from __future__ import annotations

import sys

from app import config
from app.store.store import Store


def open_user_store(prog: str) -> Store | None:
    """The store in the user's data dir; None after printing why it cannot be opened (the caller exits 3)."""
    from app.store.engine import open_store
    from app.store.errors import StoreError

    try:
        return open_store(config.store_path())
    except StoreError as exc:
        print(f"{prog}: {exc}", file=sys.stderr)
        return None
