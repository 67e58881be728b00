"""Agent profiles in the store: names, roles and supervisors' password hashes, each change checked and written
with its audit entry in one transaction. The rules (who may change what, hashing, lockouts) live in
app/desk/profiles.py."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Select, func, select, text
from sqlalchemy.orm import Session

from app.store import models as m
from app.store.audit_log import Audit, add_audit
from app.store.errors import StoreError
from app.store.store import Store

Authority = tuple[str, str]  # (supervisor's name, the password hash their password was checked against)

PROFILES_LOCK = 0x6B6466_70726F66  # PostgreSQL advisory lock: one change to the profiles at a time


class ProfileConflict(StoreError):
    """A profile change the store refused inside its transaction. code: exists, missing, has_supervisor (the
    first supervisor was made meanwhile), last_supervisor, authority_gone (the authorising supervisor's role or
    password changed meanwhile); name: the profile concerned."""

    def __init__(self, code: str, name: str) -> None:
        super().__init__(f"{code}: {name}")
        self.code, self.name = code, name


class ProfileStore:
    def __init__(self, store: Store) -> None:
        self.store = store

    def add_profile(self, name: str, role: str, password_hash: str, at: datetime, audit: Audit, *,
                    authority: Authority | None = None, first_supervisor: bool = False) -> None:
        """A new profile and its audit entry. ProfileConflict if the name exists (nothing is overwritten), if the
        authorising supervisor changed meanwhile, or — for the store's first supervisor — if the store has one
        already: checked inside the write, so two desks making the first supervisor at once cannot both win."""
        with self.store.writing() as s:
            _hold_profiles(s)
            _still_supervisor(s, authority)
            if first_supervisor and s.scalar(_supervisors()):
                raise ProfileConflict("has_supervisor", name)
            if s.get(m.AgentProfile, name) is not None:
                raise ProfileConflict("exists", name)
            s.add(m.AgentProfile(name=name, role=role, password_hash=password_hash))
            add_audit(s, audit, at)

    def set_profile_by_admin(self, name: str, role: str, password_hash: str, at: datetime, audit: Audit) -> None:
        """Make or overwrite a profile with no supervisor's authority: only for the team server's administrator
        (kefudesk team setup, which holds the server's own admin login and gives each supervisor their password);
        the audit entry names that administrator."""
        with self.store.writing() as s:
            _hold_profiles(s)
            s.merge(m.AgentProfile(name=name, role=role, password_hash=password_hash))
            add_audit(s, audit, at)

    def change_profile(self, name: str, at: datetime, audit: Audit, *, authority: Authority,
                       role: str | None = None, password_hash: str | None = None, remove: bool = False) -> None:
        """Change a profile's role and/or password hash, or remove it, with its audit entry: refused
        (ProfileConflict) if it does not exist, if the authorising supervisor changed meanwhile, or if the store
        would be left without a supervisor."""
        with self.store.writing() as s:
            _hold_profiles(s)
            _still_supervisor(s, authority)
            row = s.get(m.AgentProfile, name)
            if row is None:
                raise ProfileConflict("missing", name)
            if remove:
                s.delete(row)
            if role is not None:
                row.role = role
            if password_hash is not None:
                row.password_hash = password_hash
            s.flush()
            if not s.scalar(_supervisors()):
                raise ProfileConflict("last_supervisor", name)
            add_audit(s, audit, at)

    def profiles(self) -> list[tuple[str, str]]:
        """(name, role) of every profile, by name; never the password hashes."""
        query = select(m.AgentProfile.name, m.AgentProfile.role).order_by(m.AgentProfile.name)
        with self.store.reading() as s:
            return [(name, role) for name, role in s.execute(query)]

    def has_supervisor(self) -> bool:
        with self.store.reading() as s:
            return bool(s.scalar(_supervisors()))

    def profile(self, name: str) -> tuple[str, str] | None:
        """(role, password hash) of a profile."""
        with self.store.reading() as s:
            row = s.get(m.AgentProfile, name)
            return (row.role, row.password_hash) if row else None


def _hold_profiles(s: Session) -> None:
    """Serialise profile changes, so what is checked inside one still holds when it commits."""
    if s.get_bind().dialect.name == "postgresql":
        # READ COMMITTED: once the lock is ours, each statement after it sees what the previous holder committed
        s.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": PROFILES_LOCK})
    # SQLite: nothing to do, a write transaction took the store's single write lock at its BEGIN IMMEDIATE
    # (app/store/engine.py), so what it reads holds until it commits


def _still_supervisor(s: Session, authority: Authority | None) -> None:
    if authority is None:
        return
    name, password_hash = authority
    row = s.get(m.AgentProfile, name)
    if row is None or row.role != "supervisor" or row.password_hash != password_hash:
        raise ProfileConflict("authority_gone", name)


def _supervisors() -> Select[tuple[int]]:
    return select(func.count()).select_from(m.AgentProfile).where(m.AgentProfile.role == "supervisor")
