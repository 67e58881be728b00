"""Team mode's role layout on a PostgreSQL server: which login may read and write what, and the rules the server
holds against any desk (team.sql). `kefudesk team setup` builds it; the owner's desk keeps it in step after an
upgrade; a desk's login that cannot change the schema says so instead of trying.

The layout (docs/team-setup.md), for a prefix (default "kefudesk"):
- PREFIX_owner: a login that owns the database, its schema and every table, and runs the upgrades;
- PREFIX_agent: the group of what a desk may do; PREFIX_desk: the one login every agent's desk uses;
- PREFIX_supervisor: the agents' rights plus deciding approvals, changing the limits and the profiles; each
  supervisor has a login of their own in it, whose password is also their password on the desk (an approval at
  an agent's desk signs in as that login for the moment it takes).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from importlib import resources

from sqlalchemy import text
from sqlalchemy.engine import Connection

from app.store.errors import ServerRefused, StoreError, StoreTooNew

PREFIX = "kefudesk"
ROLES_KEY = "team.roles"  # the layout's role names, in meta (only the owner's login may change team.* keys)
RULES_KEY = "team.rules"  # which version of team.sql is installed
# the server's refusals: a privilege the login lacks (insufficient_privilege), a rule nobody may break
# (check_violation); team.sql raises these two only
REFUSALS = ("42501", "23514")
# pg_advisory_xact_lock's key for "looking at or changing the schema" (the bytes of "kfschem"); held from the first
# look until the upgrade commits, so desks started together on an empty database build it once
SCHEMA_LOCK = 0x6B_66_73_63_68_65_6D

# The desk's rules (app/desk/issues.py) as the server checks them: the store cannot import the desk.
# tests/unit/store/test_team.py keeps these equal to the desk's.
MONEY_KINDS = ("price_rounding", "partial_refund", "full_refund", "gift")
REFUND_KINDS = ("partial_refund", "full_refund")
COUNTING = ("done", "awaiting_approval")
POLICY_KEY = "issues.policy"  # the shop's settings in meta are declared in app/desk/shop_settings.py
GUARD_ADDED_KEY, GUARD_REMOVED_KEY = "guard.added", "guard.removed"  # the send guard's lists (app/desk/guard.py)
DEFAULT_POLICY = {"rounding_max_share": 0.01, "rounding_per_day": 3, "partial_refund_max_fen": 600,
                  "partial_refund_max_share": 0.30, "gift_max_fen": 2_000}

# What a desk's login may do to each table (found by running every desk operation as that login,
# tests/team/test_team_roles.py). The owner owns them all; a table not named here is closed to the desks, and
# tests/unit/store/test_team.py fails for a model without an entry. Nobody but the owner has TRUNCATE, DDL or
# DELETE on the records money and trust rest on (issue, issue_action, audit, agent_profile, shop_order).
AGENT_GRANTS: dict[str, tuple[str, ...]] = {
    "alembic_version": ("SELECT",),
    "shop": ("SELECT", "INSERT", "UPDATE"),
    "agent": ("SELECT", "INSERT", "UPDATE"),
    "buyer": ("SELECT", "INSERT", "UPDATE"),
    "conversation": ("SELECT", "INSERT", "UPDATE"),
    # the text of what was said is never updated; a delete is checked (team.sql)
    "message": ("SELECT", "INSERT", "DELETE", "UPDATE (server_id, state, sent_at, error)"),
    "shop_order": ("SELECT", "INSERT", "UPDATE"),
    "phrase": ("SELECT", "INSERT", "UPDATE", "DELETE"),
    # a deleted phrase's uses go by the foreign key, run as the table's owner; a firing's send is written once it
    # went out (app/store/phrase_stats.py), nothing else of it changes
    "phrase_use": ("SELECT", "INSERT", "UPDATE (message_id, sent, edited)"),
    "phrase_dismissal": ("SELECT", "INSERT"),  # mined replies the shop does not want proposed again
    # which text of a rotating phrase each buyer got last (app/store/rotation.py): rewritten on every firing; a deleted
    # phrase's rows go by the foreign key, as its uses do
    "phrase_rotation": ("SELECT", "INSERT", "UPDATE"),
    "draft": ("SELECT", "INSERT", "UPDATE", "DELETE"),
    "meta": ("SELECT", "INSERT", "UPDATE"),  # the policy and team.* keys are checked (team.sql)
    "agent_profile": ("SELECT",),
    "issue": ("SELECT", "INSERT", "UPDATE"),
    "issue_action": ("SELECT", "INSERT"),  # checked (team.sql)
    "audit": ("SELECT", "INSERT"),  # append-only; table-level, so columns added later are covered
    "audit_key": ("SELECT",),  # every desk chains its audit rows with the store's key (app/store/audit_chain.py)
    "order_contact": ("SELECT", "INSERT", "UPDATE"),
    "chat_review": ("SELECT", "INSERT"),
    "message_note": ("SELECT", "INSERT"),
    "clip": ("SELECT", "INSERT", "UPDATE", "DELETE"),
    "history_message": ("SELECT", "INSERT"),  # a shop's past chats (kefudesk history import): kept as imported
    # the KPIs' rollups (app/store/rollups.py): derived from the messages, rewritten by every desk that writes them
    "kpi_zone": ("SELECT", "INSERT", "UPDATE"),
    "kpi_answer": ("SELECT", "INSERT", "UPDATE", "DELETE"),
    "kpi_day": ("SELECT", "INSERT", "UPDATE", "DELETE"),
}
SUPERVISOR_GRANTS: dict[str, tuple[str, ...]] = {
    "agent_profile": ("INSERT", "UPDATE"),
    "issue_action": ("UPDATE (status, decided_by, decided_at)",),  # a decision, and nothing else of the action
}

_LOGIN_NAME = re.compile(r"[a-z_][a-z0-9_]{0,62}")


def login_name(name: str) -> str:
    """A role name the layout accepts: lower-case ASCII letters, digits and _, at most 63, not the server's own."""
    if not _LOGIN_NAME.fullmatch(name) or name.startswith("pg_") or name == "postgres":
        raise ValueError(f"{name!r} cannot be a login name: use lower-case letters, digits and _ (at most 63, "
                         "not starting with pg_)")
    return name


@dataclass(frozen=True)
class TeamRoles:
    owner: str
    agent: str
    supervisor: str
    desk: str
    supervisors: Mapping[str, str] = field(default_factory=dict)  # supervisor profile name -> their login

    @classmethod
    def named(cls, prefix: str = PREFIX, supervisors: Mapping[str, str] | None = None) -> TeamRoles:
        login_name(f"{prefix}_supervisor")  # the longest of the four
        for login in (supervisors or {}).values():
            login_name(login)
        return cls(f"{prefix}_owner", f"{prefix}_agent", f"{prefix}_supervisor", f"{prefix}_desk",
                   dict(supervisors or {}))

    def with_supervisors(self, more: Mapping[str, str]) -> TeamRoles:
        return TeamRoles(self.owner, self.agent, self.supervisor, self.desk, {**self.supervisors, **more})

    def logins(self) -> list[str]:
        return [self.owner, self.desk, *self.supervisors.values()]

    def to_json(self) -> str:
        return json.dumps({"owner": self.owner, "agent": self.agent, "supervisor": self.supervisor, "desk": self.desk,
                           "supervisors": dict(self.supervisors)}, ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_json(cls, raw: str) -> TeamRoles:
        data = json.loads(raw)
        return cls(data["owner"], data["agent"], data["supervisor"], data["desk"], dict(data.get("supervisors") or {}))


# --- what a desk finds when it opens the server --------------------------------------------------------------

def hold_schema(connection: Connection) -> None:
    """Wait until no other desk or setup is looking at or upgrading the schema, and keep them waiting until this
    transaction ends: the one that finds an empty or older database upgrades it, the others then find it done
    (PostgreSQL runs DDL in transactions, but two upgrades at once collide on the catalog's unique names)."""
    if connection.dialect.name == "postgresql":
        connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": SCHEMA_LOCK})


def schema_state(connection: Connection) -> tuple[str | None, bool]:
    """(the schema revision on the server or None for none, whether this login may change the schema: it owns
    it, or could create it in an empty database)."""
    if connection.dialect.name != "postgresql":
        has = connection.dialect.has_table(connection, "alembic_version")
        return (connection.execute(text("SELECT version_num FROM alembic_version")).scalar() if has else None), True
    row = connection.execute(text(
        "SELECT to_regclass('public.alembic_version') IS NOT NULL, "
        "       CASE WHEN to_regclass('public.alembic_version') IS NULL "
        "            THEN has_schema_privilege('public', 'CREATE') "
        "            ELSE pg_has_role((SELECT relowner FROM pg_class "
        "                              WHERE oid = to_regclass('public.alembic_version')), 'USAGE') END")).one()
    revision = connection.execute(text("SELECT version_num FROM public.alembic_version")).scalar() if row[0] else None
    return revision, bool(row[1])


def installed(connection: Connection) -> TeamRoles | None:
    """The team layout's roles, if kefudesk team setup was run on this database."""
    if connection.dialect.name != "postgresql" or not connection.execute(
            text("SELECT to_regclass('public.meta') IS NOT NULL")).scalar():
        return None
    raw = connection.execute(text("SELECT value FROM public.meta WHERE key = :key"), {"key": ROLES_KEY}).scalar()
    return TeamRoles.from_json(raw) if raw else None


@contextlib.contextmanager
def as_owner(connection: Connection, roles: TeamRoles | None) -> Iterator[None]:
    """Within the open transaction, act as the owner role (an upgrade's new tables and the rules belong to it,
    whoever signed in: the owner, the superuser or an admin)."""
    if roles is None:
        yield
        return
    connection.execute(text(f"SET LOCAL ROLE {_ident(roles.owner)}"))
    yield
    connection.execute(text("RESET ROLE"))


def refresh(connection: Connection, *, force: bool = False) -> bool:
    """Put the rules and grants in step with this version where the layout is installed: after an upgrade (a new
    table must be granted), or when team.sql changed. Run by a login that may change the schema. Returns whether
    anything was done."""
    roles = installed(connection)
    if roles is None:
        return False
    current = connection.execute(text("SELECT value FROM public.meta WHERE key = :key"), {"key": RULES_KEY}).scalar()
    if current == rules_version() and not force:
        return False
    with as_owner(connection, roles):
        apply_rules(connection, roles)
    return True


# --- kefudesk team setup ------------------------------------------------------------------------------------

def setup(connection: Connection, roles: TeamRoles, passwords: Mapping[str, str | None]) -> None:
    """Create or bring up to date the whole layout, in the open transaction of a login that may create roles (the
    superuser, or an admin with CREATEROLE that owns the database): roles and logins (a password given sets it,
    None keeps it), the database and its schema owned by the owner role, the schema upgraded as the owner,
    the rules and the grants. Idempotent: run it again after an upgrade or to add a supervisor."""
    # imported here: the engine imports this module
    from app.store.engine import HEAD_REVISION, known_revisions, migrate_connection

    hold_schema(connection)
    revision, _may = schema_state(connection)
    if revision is not None and revision != HEAD_REVISION and revision not in known_revisions():
        raise StoreTooNew(f"the database holds schema {revision}, from a newer KefuDesk than this one (which knows "
                          f"schemas up to {HEAD_REVISION}): run the setup of that version")
    database = connection.execute(text("SELECT current_database()")).scalar_one()
    superuser = bool(connection.execute(text("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")).scalar())
    for group in (roles.agent, roles.supervisor):
        _ensure_role(connection, group, login=False, password=None)
    for login in roles.logins():
        _ensure_role(connection, login, login=True, password=passwords.get(login))
    memberships = [(roles.agent, roles.desk), (roles.agent, roles.supervisor), (roles.supervisor, roles.owner),
                   *((roles.supervisor, login) for login in roles.supervisors.values())]
    if not superuser:  # an admin login must be able to act as the owner to hand it the schema
        memberships.append((roles.owner, connection.execute(text("SELECT current_user")).scalar_one()))
    for group, member in memberships:
        connection.execute(text(f"GRANT {_ident(group)} TO {_ident(member)}"))
    owner = _ident(roles.owner)
    connection.execute(text(f"ALTER DATABASE {_ident(database)} OWNER TO {owner}"))
    connection.execute(text(f"ALTER SCHEMA public OWNER TO {owner}"))
    _take_ownership(connection, roles.owner)
    with as_owner(connection, roles):
        migrate_connection(connection)
        connection.execute(text("INSERT INTO public.meta (key, value) VALUES (:key, :value) "
                                "ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value"),
                           {"key": ROLES_KEY, "value": roles.to_json()})
        apply_rules(connection, roles)


def _ensure_role(connection: Connection, name: str, *, login: bool, password: str | None) -> None:
    # a role already there with powers over other roles or the rules (a superuser, CREATEROLE could make itself
    # a supervisor, BYPASSRLS, REPLICATION) is somebody else's: the layout does not hand it to a desk
    found = connection.execute(text("SELECT rolsuper OR rolcreaterole OR rolbypassrls OR rolreplication "
                                    "FROM pg_roles WHERE rolname = :name"), {"name": name}).first()
    if found is not None and found[0]:
        raise StoreError(f"{name} is already a role on this server with powers over other roles (superuser, "
                         "CREATEROLE, BYPASSRLS or REPLICATION): the layout will not use it. Choose another name "
                         "(--prefix, or NAME=LOGIN for a supervisor).")
    verb = "CREATE" if found is None else "ALTER"
    if not login:
        if found is None:
            connection.execute(text(f"CREATE ROLE {_ident(name)} NOLOGIN"))
        return
    if found is None and not password:
        raise StoreError(f"the new login {name} needs a password")
    words = [f"{verb} ROLE {_ident(name)} LOGIN"]
    if password:
        words.append("PASSWORD " + _literal(connection, _verifier(connection, name, password)))
    _as_written(connection, " ".join(words))  # a verifier holds colons, which text() would take for parameters


def _verifier(connection: Connection, name: str, password: str) -> str:
    """The SCRAM verifier of a password, made here: the password itself never reaches the server's log or its
    list of running statements."""
    raw = connection.connection.driver_connection
    return raw.pgconn.encrypt_password(password.encode(), name.encode(), b"scram-sha-256").decode()


def _take_ownership(connection: Connection, owner: str) -> None:
    """Tables made before the layout (desks that signed in as another login) pass to the owner role; a table's
    indexes and serial sequences go with it."""
    found = connection.execute(text(
        "SELECT c.relname, c.relkind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
        "WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm', 'S') "
        "AND c.relowner <> (SELECT oid FROM pg_roles WHERE rolname = :owner) "
        "AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype IN ('a', 'i', 'e')) "
        "ORDER BY c.relkind = 'S'"), {"owner": owner}).all()
    kinds = {"r": "TABLE", "p": "TABLE", "v": "VIEW", "m": "MATERIALIZED VIEW", "S": "SEQUENCE"}
    for name, kind in found:
        connection.execute(text(f"ALTER {kinds[kind]} public.{_ident(name)} OWNER TO {_ident(owner)}"))
    for (signature,) in connection.execute(text(
            "SELECT p.oid::regprocedure::text FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace "
            "WHERE n.nspname = 'public' AND p.proname LIKE 'team\\_%' "
            "AND p.proowner <> (SELECT oid FROM pg_roles WHERE rolname = :owner)"), {"owner": owner}).all():
        connection.execute(text(f"ALTER FUNCTION {signature} OWNER TO {_ident(owner)}"))


def apply_rules(connection: Connection, roles: TeamRoles) -> None:
    """The rules (team.sql, with the role names and the desk's constants) and the grants, as the owner role."""
    database = connection.execute(text("SELECT current_database()")).scalar_one()
    _as_written(connection, _constants_sql(roles))
    _as_written(connection, _rules_sql())
    for (signature,) in connection.execute(text(
            "SELECT p.oid::regprocedure::text FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace "
            "WHERE n.nspname = 'public' AND p.proname LIKE 'team\\_%'")).all():
        connection.execute(text(f"REVOKE ALL ON FUNCTION {signature} FROM PUBLIC"))
    agent, supervisor = _ident(roles.agent), _ident(roles.supervisor)
    tables = set(connection.execute(text("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")).scalars())
    connection.execute(text(f"REVOKE ALL ON ALL TABLES IN SCHEMA public FROM PUBLIC, {agent}, {supervisor}"))
    connection.execute(text(f"REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM PUBLIC, {agent}, {supervisor}"))
    for role, grants in ((agent, AGENT_GRANTS), (supervisor, SUPERVISOR_GRANTS)):
        for table, privileges in grants.items():
            if table in tables:
                connection.execute(text(f"GRANT {', '.join(privileges)} ON public.{_ident(table)} TO {role}"))
    connection.execute(text(f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {agent}"))
    # no DDL anywhere: nothing made in the schema, no schema or temporary table made in the database
    connection.execute(text("REVOKE CREATE ON SCHEMA public FROM PUBLIC"))
    connection.execute(text(f"GRANT USAGE ON SCHEMA public TO {agent}"))
    connection.execute(text(f"REVOKE ALL ON DATABASE {_ident(database)} FROM PUBLIC"))
    connection.execute(text(f"GRANT CONNECT ON DATABASE {_ident(database)} TO {agent}, {_ident(roles.owner)}"))
    connection.execute(text("INSERT INTO public.meta (key, value) VALUES (:key, :value) "
                            "ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value"),
                       {"key": RULES_KEY, "value": rules_version()})


def _as_written(connection: Connection, sql: str) -> None:
    """Statements sent as they are, several at once and without parameters (the driver's own execute: SQLAlchemy
    would read colons and percent signs as parameters); the server's refusals said as ServerRefused."""
    import psycopg

    try:
        connection.connection.driver_connection.execute(sql)
    except psycopg.Error as exc:
        if exc.sqlstate in REFUSALS:
            raise ServerRefused(exc.diag.message_primary or str(exc)) from exc
        raise


def _rules_sql() -> str:
    return resources.files("app.store").joinpath("team.sql").read_text(encoding="utf-8")


def rules_version() -> str:
    """Which rules this version installs: changes whenever team.sql, the grants or the desk's constants do."""
    source = _rules_sql() + repr((AGENT_GRANTS, SUPERVISOR_GRANTS, MONEY_KINDS, REFUND_KINDS, COUNTING, POLICY_KEY,
                                  GUARD_ADDED_KEY, GUARD_REMOVED_KEY,
                                  sorted(DEFAULT_POLICY.items())))
    return hashlib.sha256(source.encode()).hexdigest()[:16]


def _constants_sql(roles: TeamRoles) -> str:
    """The functions team.sql asks who is acting and what the desk's constants are."""
    def array(values: tuple[str, ...]) -> str:
        return "ARRAY[" + ", ".join(_quote(v) for v in values) + "]::text[]"

    fixed = "LANGUAGE sql IMMUTABLE SET search_path = pg_catalog, pg_temp"
    member = "LANGUAGE sql STABLE SET search_path = pg_catalog, pg_temp"
    return f"""
CREATE OR REPLACE FUNCTION public.team_is_supervisor() RETURNS boolean {member}
    AS $$ SELECT pg_has_role(session_user, {_quote(roles.supervisor)}, 'MEMBER') $$;
CREATE OR REPLACE FUNCTION public.team_is_owner() RETURNS boolean {member}
    AS $$ SELECT pg_has_role(session_user, {_quote(roles.owner)}, 'MEMBER') $$;
CREATE OR REPLACE FUNCTION public.team_money_kinds() RETURNS text[] {fixed} AS $$ SELECT {array(MONEY_KINDS)} $$;
CREATE OR REPLACE FUNCTION public.team_refund_kinds() RETURNS text[] {fixed} AS $$ SELECT {array(REFUND_KINDS)} $$;
CREATE OR REPLACE FUNCTION public.team_counting() RETURNS text[] {fixed} AS $$ SELECT {array(COUNTING)} $$;
CREATE OR REPLACE FUNCTION public.team_policy_key() RETURNS text {fixed} AS $$ SELECT {_quote(POLICY_KEY)} $$;
CREATE OR REPLACE FUNCTION public.team_guard_added_key() RETURNS text {fixed} AS $$ SELECT {_quote(GUARD_ADDED_KEY)} $$;
CREATE OR REPLACE FUNCTION public.team_guard_removed_key() RETURNS text {fixed}
    AS $$ SELECT {_quote(GUARD_REMOVED_KEY)} $$;
-- the shop's limits as the desk reads them: its defaults, and what a supervisor saved over them
CREATE OR REPLACE FUNCTION public.team_policy() RETURNS jsonb
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
    AS $$ SELECT {_quote(json.dumps(DEFAULT_POLICY))}::jsonb
                 || coalesce((SELECT value::jsonb FROM public.meta WHERE key = public.team_policy_key()), '{{}}') $$;
"""


def _ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _quote(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def _literal(connection: Connection, value: str) -> str:
    from psycopg import sql

    return sql.Literal(value).as_string(connection.connection.driver_connection)
