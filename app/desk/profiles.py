"""The people on a store and what only a supervisor may do: profiles (agent or supervisor), supervisors' passwords
(salted scrypt, never stored in the clear), the lock-out after wrong ones, and writing a supervisor's decision
(on a team's server, through the supervisor's own login). IssueDesk (app/desk/issues.py) is built on it.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import os
import unicodedata
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta

from app.store.audit_log import Audit, AuditLog
from app.store.errors import StoreUnreachable
from app.store.profiles import Authority, ProfileConflict, ProfileStore
from app.store.store import Store
from app.store.team_desk import NoTeamLogin, as_supervisor

from app.desk.reasons import Reason
from app.desk.refused import IssueRefused

from app import domain

ROLES = ("agent", "supervisor")

# --- passwords: salted scrypt, never stored in the clear ----------------------------------------------

_SCRYPT = {"n": 2**14, "r": 8, "p": 1}


def hash_password(password: str) -> str:
    salt = os.urandom(16)
    digest = hashlib.scrypt(password.encode(), salt=salt, **_SCRYPT, dklen=32)
    return f"scrypt${_SCRYPT['n']}${_SCRYPT['r']}${_SCRYPT['p']}${salt.hex()}${digest.hex()}"


def password_ok(password: str, stored: str) -> bool:
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
    except ValueError:
        return False
    if scheme != "scrypt":
        return False
    try:
        candidate = hashlib.scrypt(password.encode(), salt=bytes.fromhex(salt), n=int(n), r=int(r), p=int(p),
                                   dklen=32)
    except ValueError:  # a hash that is not one of ours (or asks scrypt for more memory than it allows)
        return False
    return hmac.compare_digest(candidate.hex(), digest)


# --- people: who may change roles, passwords and limits ------------------------------------------------

MIN_PASSWORD = 6
NAME_MAX = 100  # the profile column's width
# a brake on guessing a supervisor's password: LOCK_AFTER wrong ones within LOCK_FOR lock it until LOCK_FOR after
# the last (the wrong tries are counted from the audit log, so every desk on a team's server counts them all)
LOCK_AFTER = 5
LOCK_FOR = timedelta(minutes=15)
WRONG_PASSWORD = "wrong password"


def _profile_name(name: str) -> str:
    """A person's name as kept: NFC, no surrounding spaces, nothing invisible that would make two names that
    read the same (the audit log names people by it)."""
    name = unicodedata.normalize("NFC", name.strip())
    if not name:
        raise IssueRefused("missing_field", Reason("profile_needs_name", "a profile needs a name"), "name")
    if len(name) > NAME_MAX or any(unicodedata.category(c)[0] == "C" or unicodedata.category(c) in ("Zl", "Zp")
                                   for c in name):
        raise IssueRefused("bad_value", Reason("bad_profile_name", f"a name of at most {NAME_MAX} characters, "
                                               "without control or invisible characters", limit=NAME_MAX), "name")
    return name


def _strong(password: str) -> None:
    if len(password) < MIN_PASSWORD:
        raise IssueRefused("weak_password", Reason("weak_password", "a supervisor's password needs at least "
                                                   f"{MIN_PASSWORD} characters", minimum=MIN_PASSWORD), "password")


def _agent_password(name: str) -> IssueRefused:
    return IssueRefused("agent_password", Reason("agent_password", f"{name!r} is an agent: only a supervisor has a "
                                                 "password on this desk", name=name), "password", name)


def _supervisor_needed() -> IssueRefused:
    return IssueRefused("supervisor_needed", Reason(
        "supervisor_needed", "this store has a supervisor: adding another takes an existing supervisor's name and "
        "password"), "supervisor")


def _conflict(exc: ProfileConflict) -> IssueRefused:
    """A refusal about the profiles in the desk's words, also when the store found it inside its transaction
    (another desk changed the profiles a moment earlier)."""
    name = exc.name
    if exc.code == "exists":
        return IssueRefused("profile_exists", Reason("profile_exists", f"{name!r} already has a profile: nothing was "
                                                     "changed", name=name), "name", name)
    if exc.code == "missing":
        return IssueRefused("no_profile", Reason("no_profile", f"{name!r} has no profile on this desk", name=name),
                            "name", name)
    if exc.code == "has_supervisor":
        return _supervisor_needed()
    if exc.code == "last_supervisor":
        return IssueRefused("last_supervisor", Reason("last_supervisor", f"{name!r} is the store's last supervisor: "
                                                      "make another supervisor first", name=name), "name", name)
    return IssueRefused("authority_gone", Reason("authority_gone", f"{name!r} stopped being a supervisor or changed "
                                                 "password meanwhile: nothing was changed", name=name), "supervisor", name)


class ProfileDesk:
    """One desk's agent on a store: the profiles, and a supervisor's name and password checked (and counted)
    before anything only a supervisor may do."""

    def __init__(self, store: Store, agent: str, *, clock: Callable[[], datetime] = domain.now_utc) -> None:
        self.store = store
        self.people = ProfileStore(store)
        self.audit = AuditLog(store)
        self.agent = agent
        self.clock = clock

    def profiles(self) -> list[tuple[str, str]]:
        """(name, role) of the people on this store, by name."""
        return self.people.profiles()

    def add_profile(self, name: str, role: str, password: str = "", *, supervisor: str = "",
                    supervisor_password: str = "") -> bool:
        """Add a person; a name that exists is refused, never overwritten. An agent needs nobody's password (the
        profile grants nothing a desk without one lacks). A supervisor needs an existing supervisor's name and
        password — except the store's very first, made once while it has none: then True is returned."""
        name = _profile_name(name)
        if role not in ROLES:
            raise IssueRefused("unknown_role", Reason("unknown_role", f"role must be one of {', '.join(ROLES)}",
                                                       value=role), "role", role)
        if role == "supervisor":
            _strong(password)
        elif password:
            raise _agent_password(name)
        authority = self._supervisor(supervisor, supervisor_password) if supervisor else None
        first = role == "supervisor" and authority is None
        if first and self.people.has_supervisor():
            raise _supervisor_needed()
        audit = Audit(authority[0] if authority else self.agent, "first supervisor" if first else "profile added",
                      None, {"profile": name, "role": role, "desk": self.agent})
        try:
            self.people.add_profile(name, role, hash_password(password) if password else "", self.clock(), audit,
                                    authority=authority, first_supervisor=first)
        except ProfileConflict as exc:
            raise _conflict(exc) from exc
        return first

    def set_role(self, name: str, role: str, *, supervisor: str, supervisor_password: str,
                 password: str = "") -> None:
        """Make a person an agent or a supervisor, on an existing supervisor's name and password. A new supervisor
        is given their password here; an agent keeps none. The store's last supervisor stays one."""
        name = _profile_name(name)
        if role not in ROLES:
            raise IssueRefused("unknown_role", Reason("unknown_role", f"role must be one of {', '.join(ROLES)}",
                                                       value=role), "role", role)
        before = self._profile(name)
        if before == role:
            raise IssueRefused("same_role", Reason("same_role", f"{name!r} already has that role", name=name), "role",
                               role)
        if role == "supervisor":
            _strong(password)
        elif password:
            raise _agent_password(name)
        authority = self._supervisor(supervisor, supervisor_password)
        self._change(name, Audit(authority[0], "role changed", {"profile": name, "role": before},
                                 {"profile": name, "role": role, "desk": self.agent}), authority,
                     role=role, password_hash=hash_password(password) if password else "")

    def set_password(self, name: str, new_password: str, *, old_password: str = "", supervisor: str = "",
                     supervisor_password: str = "") -> None:
        """A supervisor's new password: their own with their old one, or anyone's with a supervisor's name and
        password (written down as that supervisor's doing)."""
        name = _profile_name(name)
        if self._profile(name) != "supervisor":
            raise _agent_password(name)
        _strong(new_password)
        authority = (self._supervisor(supervisor, supervisor_password) if supervisor
                     else self._supervisor(name, old_password))
        self._change(name, Audit(authority[0], "password changed", None, {"profile": name, "desk": self.agent}),
                     authority, password_hash=hash_password(new_password))

    def remove_profile(self, name: str, *, supervisor: str, supervisor_password: str) -> None:
        """Take a person off this store, on a supervisor's name and password; never the last supervisor."""
        name = _profile_name(name)
        before = self._profile(name)
        authority = self._supervisor(supervisor, supervisor_password)
        self._change(name, Audit(authority[0], "profile removed", {"profile": name, "role": before},
                                 {"desk": self.agent}), authority, remove=True)

    def role(self, name: str) -> str:
        found = self.people.profile(name)
        return found[0] if found else "agent"

    def _profile(self, name: str) -> str:
        found = self.people.profile(name)
        if found is None:
            raise _conflict(ProfileConflict("missing", name))
        return found[0]

    def _change(self, name: str, audit: Audit, authority: Authority, *, role: str | None = None,
                password_hash: str | None = None, remove: bool = False) -> None:
        try:
            self.people.change_profile(name, self.clock(), audit, authority=authority, role=role,
                                       password_hash=password_hash, remove=remove)
        except ProfileConflict as exc:
            raise _conflict(exc) from exc

    @contextlib.contextmanager
    def writing_as_supervisor(self, name: str, password: str) -> Iterator[Store]:
        """Where a supervisor's decision is written: on a team's server, an agent's desk signs in as the
        supervisor's own login for it (the server lets only that decide; app/store/team.py)."""
        try:
            with as_supervisor(self.store, name, password) as store:
                yield store
        except NoTeamLogin as exc:
            raise IssueRefused("no_team_login", Reason(
                "no_team_login", f"{name!r} has no supervisor's login on the team's server: the owner adds one with "
                "kefudesk team setup", name=name), "supervisor", name) from exc
        except StoreUnreachable as exc:
            if not exc.login_refused:
                raise
            raise IssueRefused("wrong_password", Reason("wrong_password", f"wrong password for {name!r}", name=name),
                               "password") from exc

    def confirm_supervisor(self, name: str, password: str) -> Authority:
        """(name, password hash) when name is a supervisor on this desk and password is theirs, else IssueRefused
        (a wrong one logged and counted towards the lock-out): for what is not a profile or a limit but still
        takes a supervisor — repairing the store's schema, restoring it, switching a banned word off."""
        return self._supervisor(name, password)

    def _supervisor(self, name: str, password: str) -> Authority:
        """(name, password hash) when name is a supervisor and the password is theirs. A wrong one is written to
        the audit log (by this desk, about that supervisor); LOCK_AFTER within LOCK_FOR lock the password."""
        name = unicodedata.normalize("NFC", name.strip())
        found = self.people.profile(name)
        if found is None or found[0] != "supervisor":
            raise IssueRefused("not_supervisor", Reason("not_supervisor", f"{name!r} is not a supervisor on this desk",
                                                         name=name), "supervisor", name)
        now = self.clock()
        wrong = sorted(e.at for e in self.audit.audit_between(WRONG_PASSWORD, now - 2 * LOCK_FOR, now + LOCK_FOR)
                       if (e.after or {}).get("profile") == name)[-LOCK_AFTER:]
        if len(wrong) == LOCK_AFTER and wrong[-1] - wrong[0] <= LOCK_FOR and now < wrong[-1] + LOCK_FOR:
            until = (wrong[-1] + LOCK_FOR).astimezone().strftime("%H:%M")
            raise IssueRefused("password_locked", Reason(
                "password_locked", f"{LOCK_AFTER} wrong passwords for {name!r}: it is locked until {until}",
                name=name, count=LOCK_AFTER, until=until), "password", name)
        if not found[1] or not password_ok(password, found[1]):
            self.audit.write_audit(Audit(self.agent, WRONG_PASSWORD, None, {"profile": name}), now)
            raise IssueRefused("wrong_password", Reason("wrong_password", f"wrong password for {name!r}", name=name),
                               "password")
        return name, found[1]
