"""`kefudesk team setup URL`: the shop's owner gives the team's PostgreSQL server its role layout (app/store/team.py,
docs/team-setup.md): an owner login that owns the schema and upgrades it, one login for the agents' desks, a
login for each supervisor, and the rules the server holds against any of them. Run with the database superuser
or an admin login; run it again after each upgrade, or to add a supervisor: what is in place stays.

Passwords never come from the command line (it sits in the shell history and the process list): each login's
from KEFUDESK_PASSWORD_<LOGIN> or asked at the terminal, the admin's from KEFUDESK_ADMIN_PASSWORD or asked."""

from __future__ import annotations

import argparse
import getpass
import os
import re
import sys
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

from app.cli.common import Exit, Refused

if TYPE_CHECKING:  # SQLAlchemy and the store are imported by run(): `kefudesk team --help` starts without them
    from sqlalchemy.engine import URL, Connection, Engine

    from app.store.team import TeamRoles

ADMIN_PASSWORD_ENV = "KEFUDESK_ADMIN_PASSWORD"
MIN_PASSWORD = 8
PROG = "kefudesk team setup"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    setup = commands.add_parser("setup", help="create or update the team's role layout on the server",
                                description="Create or update the role layout on the team's PostgreSQL server "
                                "(docs/team-setup.md). Safe to run again: after an upgrade, or to add a supervisor.")
    setup.add_argument("url", metavar="URL", help="the shop's database as the superuser or an admin login, without "
                       "the password: postgresql+psycopg://postgres@HOST:PORT/DATABASE (the password: "
                       f"{ADMIN_PASSWORD_ENV}, or asked)")
    setup.add_argument("--prefix", help="start of the layout's role names (default: kefudesk, or what the "
                       "database already has); one per shop when several shops share a server")
    setup.add_argument("--supervisor", action="append", default=[], metavar="NAME[=LOGIN]",
                       help="a supervisor: their profile NAME on the desk and their LOGIN on the server (needed "
                       "when NAME is not lower-case ASCII); repeat for several")


def password_env(login: str) -> str:
    """The environment variable a setup script gives a login's password in."""
    return "KEFUDESK_PASSWORD_" + re.sub(r"[^A-Z0-9]", "_", login.upper())


def run(args: argparse.Namespace, ask: Callable[[str], str] | None = None) -> int:
    """Set up the layout; 0 done, 2 a refused input, 3 the server cannot be used as asked (each said in a line)."""
    from sqlalchemy import text
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError, OperationalError

    from app.store import team, team_desk
    from app.store.errors import ServerRefused, StoreError, StoreTooNew

    ask = ask or (getpass.getpass if sys.stdin.isatty() else None)
    try:
        url = make_url(args.url)
    except ArgumentError:
        return _say(f"{args.url!r} is not a database address; write it as "
                    "postgresql+psycopg://postgres@HOST:PORT/DATABASE", Exit.REFUSED)
    if not url.drivername.startswith("postgresql") or not url.database:
        return _say("the URL must name a PostgreSQL database: postgresql+psycopg://postgres@HOST:PORT/DATABASE", Exit.REFUSED)
    if url.password is not None:
        return _say(f"the URL holds a password, which would sit in the shell history: give it in "
                    f"{ADMIN_PASSWORD_ENV} or type it when asked", Exit.REFUSED)
    try:
        supervisors = _supervisors(args.supervisor)
    except Refused as exc:
        return _say(str(exc), Exit.REFUSED)
    where = url.render_as_string(hide_password=True)
    engine = None
    try:
        engine = _admin_engine(url, ask)
        team_desk.watch(engine)
        with engine.begin() as connection:
            roles = _roles(team.installed(connection), args.prefix, supervisors)
            existing = set(connection.execute(text("SELECT rolname FROM pg_roles WHERE rolname = ANY(:names)"),
                                              {"names": roles.logins()}).scalars())
            profiles = _profiles(connection, roles)
            passwords = _passwords(roles, existing, profiles, ask)
            team.setup(connection, roles, passwords)
        _supervisor_profiles(engine, roles, passwords, url.username or "")
    except Refused as exc:
        return _say(str(exc), Exit.REFUSED)
    except ServerRefused as exc:
        return _say(f"{exc.detail}: run it as the database superuser (postgres) or an admin login with CREATEROLE "
                    "and CREATEDB that owns the database", Exit.NO_STORE)
    except StoreTooNew as exc:
        return _say(str(exc), Exit.NO_STORE)
    except OperationalError as exc:
        detail = " ".join(str(exc.orig or exc).split())[:300]
        return _say(f"cannot sign in to {where} ({detail}): check the address, and the admin's password "
                    f"({ADMIN_PASSWORD_ENV}, or typed when asked)", Exit.NO_STORE)
    except (StoreError, ValueError) as exc:
        return _say(str(exc), Exit.REFUSED)
    finally:
        if engine is not None:
            engine.dispose()
    _report(url, roles)
    return Exit.OK


def _say(message: str, code: int) -> int:
    print(f"{PROG}: {message}", file=sys.stderr)
    return code


def _supervisors(given: list[str]) -> dict[str, str]:
    from app.store.team import login_name

    found: dict[str, str] = {}
    for item in given:
        name, _, login = item.partition("=")
        name, login = name.strip(), (login or name).strip()
        if not name or len(name) > 100:
            raise Refused(f"--supervisor {item!r}: a profile name of 1–100 characters is needed")
        try:
            found[name] = login_name(login)
        except ValueError as exc:
            raise Refused(f"--supervisor {item!r}: {exc}; give it as NAME=LOGIN") from exc
    return found


def _admin_engine(url: URL, ask: Callable[[str], str] | None) -> Engine:
    """The admin's connection; a password from the environment, or asked when the server wants one."""
    from sqlalchemy import create_engine
    from sqlalchemy.exc import OperationalError
    from sqlalchemy.pool import NullPool

    password = os.environ.get(ADMIN_PASSWORD_ENV)
    engine = create_engine(url.set(password=password or None), poolclass=NullPool)
    if password or ask is None:
        return engine
    try:
        engine.connect().close()
        return engine
    except OperationalError as exc:
        if "password" not in str(exc).lower():
            raise
    engine.dispose()
    typed = ask(f"{PROG}: password for {url.render_as_string(hide_password=True)}: ")
    return create_engine(url.set(password=typed or None), poolclass=NullPool)


def _roles(installed: TeamRoles | None, prefix: str | None, supervisors: Mapping[str, str]) -> TeamRoles:
    from app.store.team import PREFIX, TeamRoles

    try:
        wanted = TeamRoles.named(prefix or PREFIX)
    except ValueError as exc:
        raise Refused(f"--prefix {prefix!r}: {exc}") from exc
    if installed is None:
        return wanted.with_supervisors(supervisors)
    if prefix and installed.owner != wanted.owner:
        raise Refused(f"this database's layout already has the owner role {installed.owner}: run it without "
                      "--prefix, or with the prefix it was made with")
    for name, login in supervisors.items():
        known = installed.supervisors.get(name)
        if known and known != login:
            raise Refused(f"supervisor {name} already signs in as {known}: give --supervisor {name}={known}")
    return installed.with_supervisors(supervisors)


def _profiles(connection: Connection, roles: TeamRoles) -> set[str]:
    """Supervisors who have a profile on the desk already."""
    from sqlalchemy import text

    if not connection.execute(text("SELECT to_regclass('public.agent_profile') IS NOT NULL")).scalar():
        return set()
    return set(connection.execute(text("SELECT name FROM public.agent_profile WHERE role = 'supervisor' "
                                        "AND name = ANY(:names)"), {"names": list(roles.supervisors)}).scalars())


def _passwords(roles: TeamRoles, existing: set[str], profiles: set[str],
               ask: Callable[[str], str] | None) -> dict[str, str | None]:
    """Each login's new password, or None to keep it. A new login, or a supervisor without a profile yet, needs
    one; a supervisor's is also their password on the desk."""
    names = {roles.owner: "the owner (upgrades)", roles.desk: "the agents' desks",
             **{login: f"supervisor {name}" for name, login in roles.supervisors.items()}}
    without_profile = {login for name, login in roles.supervisors.items() if name not in profiles}
    passwords: dict[str, str | None] = {}
    for login, who in names.items():
        needed = login not in existing or login in without_profile
        given = os.environ.get(password_env(login))
        if given is None and ask is not None:
            keep = "" if needed else " (Enter keeps the current one)"
            given = ask(f"{PROG}: password of {login}, {who}{keep}: ") or None
            if given is not None and ask(f"{PROG}: the same again: ") != given:
                raise Refused(f"the two passwords for {login} differ; nothing was changed")
        if given is None and needed:
            raise Refused(f"{login} ({who}) needs a password: set {password_env(login)} or run it at a terminal")
        if given is not None and len(given) < MIN_PASSWORD:
            raise Refused(f"the password of {login} needs at least {MIN_PASSWORD} characters; nothing was changed")
        passwords[login] = given
    return passwords


def _supervisor_profiles(engine: Engine, roles: TeamRoles, passwords: Mapping[str, str | None], admin: str) -> None:
    """Each supervisor given a password gets it on the desk too (one password for the person: an approval at an
    agent's desk checks it there and signs in to the server with it), with the audit entry any profile change has."""
    from app.domain import now_utc

    from app.store.audit_log import Audit
    from app.store.profiles import ProfileStore
    from app.store.store import Store

    from app.desk.profiles import hash_password

    store = Store(engine, None)
    for name, login in roles.supervisors.items():
        password = passwords.get(login)
        if password:
            ProfileStore(store).set_profile_by_admin(
                name, "supervisor", hash_password(password), now_utc(),
                Audit(f"{admin} (kefudesk team setup)", "profile set", None,
                      {"name": name, "role": "supervisor", "login": login}))


def _report(url: URL, roles: TeamRoles) -> None:
    from app.store.engine import HEAD_REVISION

    def desk(login: str) -> str:
        return url.set(username=login, password=None).render_as_string(hide_password=True)

    print(f"{PROG}: {url.database} is at schema {HEAD_REVISION}, owned by {roles.owner}, with the team's rules. "
          "Set store.url on each desk (its password is asked once and kept in the OS keyring):")
    rows = [("agents' desks", roles.desk), *((f"supervisor {n}", login) for n, login in roles.supervisors.items()),
            ("the owner, for upgrades only", roles.owner)]
    for who, login in rows:
        print(f"  {who}: store.url = {desk(login)}")
