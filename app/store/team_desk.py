"""A desk at work on a team's server (the layout of app/store/team.py): the server's refusals said as
ServerRefused, naming why, and a supervisor's decision at an agent's desk written through the supervisor's own
login, which the server lets in only with their password."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

from sqlalchemy import create_engine, event, text
from sqlalchemy.engine import ExceptionContext
from sqlalchemy.exc import OperationalError
from sqlalchemy.pool import NullPool

from app.store.errors import ServerRefused, StoreError, StoreUnreachable
from app.store.store import Store
from app.store.team import REFUSALS, installed


def say_refusals(context: ExceptionContext) -> None:
    """The server's refusals (a privilege the login lacks, a rule of team.sql) become ServerRefused, naming why."""
    orig = context.original_exception
    if getattr(orig, "sqlstate", None) in REFUSALS:
        diag = getattr(orig, "diag", None)
        raise ServerRefused(getattr(diag, "message_primary", None) or str(orig).splitlines()[0]) from orig


def watch(engine: object) -> None:
    """Say the server's refusals on everything this engine runs."""
    event.listen(engine, "handle_error", say_refusals)


class NoTeamLogin(StoreError):
    """A supervisor profile without a login of its own on the team's server."""

    def __init__(self, name: str) -> None:
        super().__init__(f"{name} has no supervisor's login on the team's server: the owner adds one with "
                         f"kefudesk team setup URL --supervisor {name}=LOGIN")
        self.name = name


@contextlib.contextmanager
def as_supervisor(store: Store, name: str, password: str) -> Iterator[Store]:
    """The store to write a supervisor's decision through. On a team server where this desk's login may not
    decide (an agent's desk), a short connection as the supervisor's own login, which the server lets in only
    with their password; elsewhere (a local store, a supervisor's own desk) the store itself."""
    engine = store.engine
    if engine.dialect.name != "postgresql":
        yield store
        return
    with engine.connect() as connection:
        roles = installed(connection)
        may_decide = roles is None or bool(connection.execute(
            text("SELECT pg_has_role(session_user, :role, 'MEMBER')"), {"role": roles.supervisor}).scalar())
    if roles is None or may_decide:
        yield store
        return
    login = roles.supervisors.get(name)
    if login is None:
        raise NoTeamLogin(name)
    signed_in = create_engine(engine.url.set(username=login, password=password), poolclass=NullPool)
    watch(signed_in)
    try:
        try:
            signed_in.connect().close()  # the server checks the password now, before anything is written
        except OperationalError as exc:
            raise StoreUnreachable(signed_in.url.render_as_string(hide_password=True), exc.orig or exc) from exc
        yield Store(signed_in, None, store.images.root)
    finally:
        signed_in.dispose()
