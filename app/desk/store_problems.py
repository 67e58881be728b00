"""A store failure the agent can act on, in words: a full disk, a read-only store, another program holding it, the
team's server away. Every background task of the desk (the outbox, the event stream, the drafts' writer) says its
store failures through here."""

from __future__ import annotations

from app.store.errors import StoreBusy, StoreError, StoreFull, StoreReadOnly, StoreUnreachable

from app.desk.reasons import Reason

SERVER_UNREACHABLE = Reason("server_unreachable", "the team's server cannot be reached: drafts and replies are kept on "
                            "this computer and saved there when it answers again; buyers' new messages wait at the shop")


def store_problem(exc: StoreError) -> str:
    """A store failure the agent can act on (a full disk, a read-only store, another program holding it) as a
    Reason the window words in the agent's language; any other as its own text."""
    if isinstance(exc, StoreFull):
        return Reason("store_full", str(exc), path=exc.path)
    if isinstance(exc, StoreReadOnly):
        return Reason("store_read_only", str(exc), path=exc.path)
    if isinstance(exc, StoreBusy):
        return Reason("store_busy", str(exc), path=exc.path, seconds=f"{exc.seconds:g}")
    if isinstance(exc, StoreUnreachable):
        return SERVER_UNREACHABLE
    return str(exc)
