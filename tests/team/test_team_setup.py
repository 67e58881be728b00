"""`kefudesk team setup` on a real server: run again it changes nothing (and keeps every login's password), it
adds a supervisor; an admin login that owns the database can run it and hands the tables a desk made before to
the owner role; it refuses what it should with the way out. A desk on the agents' login never changes the schema:
behind this version, it says whom to ask; the owner's desk upgrades and the agents' login can use the new table.
The real kefudesk answers buyers from the agents' login."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta

import pytest
from alembic import command
from sqlalchemy import create_engine, text

from app.store import clips
from app.store.engine import HEAD_REVISION, _alembic_config, open_store
from app.store.errors import StoreNeedsOwner, StoreTooNew

from app.desk.issues import IssueDesk

from app import domain
from app.cli import team as team_cli
from tests.team.conftest import desk_env, run_setup

pytestmark = pytest.mark.integration
NOW = datetime(2026, 11, 24, 3, 0, tzinfo=UTC)
ORDER = domain.Order("3912345678901234567", "b1", (domain.OrderItem("S1", "小鹿运动鞋", 1, 10000, 420),), 10000,
                     "交易成功", NOW - timedelta(days=3))


def layout(url: str) -> dict[str, object]:
    """Everything the layout decides, read from the server's catalogues: owners, grants, triggers, members."""
    engine = create_engine(url)
    queries = {
        "owners": "SELECT c.relname, pg_get_userbyid(c.relowner) FROM pg_class c JOIN pg_namespace n "
                  "ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relkind IN ('r', 'S') ORDER BY 1",
        "grants": "SELECT grantee, table_name, privilege_type FROM information_schema.role_table_grants "
                  "WHERE table_schema = 'public' AND grantee LIKE 'kefudesk%' ORDER BY 1, 2, 3",
        "columns": "SELECT grantee, table_name, column_name, privilege_type FROM information_schema.column_privileges "
                   "WHERE table_schema = 'public' AND grantee LIKE 'kefudesk%' ORDER BY 1, 2, 3, 4",
        "triggers": "SELECT tgrelid::regclass::text, tgname, tgenabled FROM pg_trigger WHERE NOT tgisinternal ORDER BY 1, 2",
        "functions": "SELECT proname, pg_get_userbyid(proowner), prosecdef, md5(prosrc) FROM pg_proc "
                     "WHERE proname LIKE 'team%' ORDER BY 1",
        "members": "SELECT r.rolname, m.rolname FROM pg_auth_members a JOIN pg_roles r ON r.oid = a.roleid "
                   "JOIN pg_roles m ON m.oid = a.member WHERE r.rolname LIKE 'kefudesk%' ORDER BY 1, 2",
        "database": "SELECT pg_get_userbyid(datdba), datacl::text FROM pg_database WHERE datname = current_database()",
        "meta": "SELECT key, value FROM meta WHERE key LIKE 'team.%' ORDER BY 1",
    }
    with engine.connect() as c:
        found = {name: c.execute(text(sql)).all() for name, sql in queries.items()}
    engine.dispose()
    return found


def test_setup_run_again_changes_nothing_and_keeps_the_passwords(team):
    desk = open_store(team.desk)
    desk.upsert_orders([ORDER], NOW)
    li = IssueDesk(desk, "小李", clock=lambda: NOW)
    issue = li.open_issue(stage="after_sale", category="damage", order_no=ORDER.no, buyer_nick="tb_小美妈妈")
    li.act(issue.id, "partial_refund", {"amount": "5", "reason": "压坏"})
    audit = [(e.id, e.what) for e in li.audit.audit_log()]
    desk.close()
    before = layout(team.admin)

    again = run_setup(team.admin, passwords={})  # no password given for anyone: each login keeps its own
    assert again.returncode == 0, again.stderr
    assert layout(team.admin) == before
    desk = open_store(team.desk)  # the same password still opens it
    li = IssueDesk(desk, "小李", clock=lambda: NOW)
    assert [(e.id, e.what) for e in li.audit.audit_log()] == audit
    assert li.repo.amount_for_order(ORDER.no, ("partial_refund",), ("done",)) == 500
    assert "store.url = postgresql+psycopg://kefudesk_desk@" in again.stdout and "desk-pass" not in again.stdout

    more = run_setup(team.admin, "--supervisor", "小组长=zuzhang", passwords={"zuzhang": "zu-pass-12"})
    assert more.returncode == 0, more.stderr
    asked = li.act(issue.id, "partial_refund", {"amount": "20", "reason": "压坏"})
    assert li.approve(asked.action.id, "小组长", "zu-pass-12").decided_by == "小组长"
    assert li.approve(li.act(issue.id, "gift", {"kind": "coupon", "value": "50"}).action.id, "店长",
                      "boss-pass-1").status == "done"  # the first supervisor is still there
    desk.close()


def downgrade(url: str, revision: str) -> None:
    engine = create_engine(url)
    with engine.begin() as connection:
        cfg = _alembic_config()
        cfg.attributes["connection"] = connection
        command.downgrade(cfg, revision)
    engine.dispose()


def version(url: str) -> tuple[str, bool]:
    engine = create_engine(url)
    with engine.connect() as c:
        found = (c.execute(text("SELECT version_num FROM alembic_version")).scalar_one(),
                 c.execute(text("SELECT to_regclass('public.clip') IS NOT NULL")).scalar_one())
    engine.dispose()
    return found


def test_a_desk_on_the_agents_login_never_changes_the_schema_and_says_whom_to_ask(team, tmp_path):
    downgrade(team.owner, "0009")  # the server as an older KefuDesk left it (0010 added the clipboard history)
    with pytest.raises(StoreNeedsOwner) as refused:
        open_store(team.desk)
    assert "ask the owner to run kefudesk team setup" in str(refused.value)
    assert "kefudesk_desk" in str(refused.value) and "desk-pass" not in str(refused.value)
    assert version(team.admin) == ("0009", False)  # nothing was tried
    said = subprocess.run([sys.executable, "-m", "app", "search", "压坏"], env=desk_env(tmp_path, team.desk),
                          capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL)
    assert said.returncode == 3 and "ask the owner to run kefudesk team setup" in said.stderr, said.stderr

    open_store(team.owner).close()  # the owner's desk upgrades, and grants the new table to the desks
    assert version(team.admin) == (HEAD_REVISION, True)
    desk = open_store(team.desk)
    clips.add_clip(desk, NOW, "text", "73123456789012", "", "Firefox")
    assert clips.latest(desk).text == "73123456789012"
    desk.close()

    downgrade(team.owner, "0009")
    open_store(team.admin).close()  # the superuser's desk upgrades as the owner role too
    assert layout(team.admin)["owners"] == [(name, "kefudesk_owner") for name, _owner in layout(team.admin)["owners"]]
    desk = open_store(team.desk)
    clips.add_clip(desk, NOW, "text", "again", "", "")
    desk.close()

    admin = create_engine(team.admin)
    with admin.begin() as c:
        c.execute(text("UPDATE alembic_version SET version_num = '0099'"))
    admin.dispose()
    with pytest.raises(StoreTooNew, match="newer KefuDesk"):
        open_store(team.desk)


def test_an_admin_login_that_owns_the_database_sets_it_up_and_takes_the_tables_made_before(pg_url):
    admin_url = pg_url.replace("postgres@", "shopadmin:admin-pass-1@")
    superuser = create_engine(pg_url, isolation_level="AUTOCOMMIT")
    with superuser.connect() as c:
        c.execute(text("DROP ROLE IF EXISTS shopadmin"))
        c.execute(text("CREATE ROLE shopadmin LOGIN CREATEROLE CREATEDB PASSWORD 'admin-pass-1'"))
        c.execute(text(f"ALTER DATABASE {pg_url.rsplit('/', 1)[1]} OWNER TO shopadmin"))
    before = open_store(admin_url)  # desks used the server before the layout, signed in as the admin
    before.upsert_orders([ORDER], NOW)
    before.close()

    done = run_setup(pg_url.replace("postgres@", "shopadmin@"), "--prefix", "adm", "--supervisor", "boss",
                     passwords={"adm_owner": "owner-pass-2", "adm_desk": "desk-pass-2", "boss": "boss-pass-2"},
                     env={"KEFUDESK_ADMIN_PASSWORD": "admin-pass-1"})
    assert done.returncode == 0, done.stderr
    owners = {owner for _name, owner in layout(pg_url)["owners"]}
    assert owners == {"adm_owner"}
    desk = open_store(pg_url.replace("postgres@", "adm_desk:desk-pass-2@"))
    assert desk.order(ORDER.no) == ORDER
    li = IssueDesk(desk, "小李", clock=lambda: NOW)
    issue = li.open_issue(stage="after_sale", category="damage", order_no=ORDER.no, buyer_nick="tb_小美妈妈")
    asked = li.act(issue.id, "partial_refund", {"amount": "20", "reason": "压坏"})
    assert li.approve(asked.action.id, "boss", "boss-pass-2").status == "done"
    desk.close()
    superuser.dispose()


def test_setup_refuses_what_it_should_with_the_way_out(team, pg_url):
    def refused(*args: str, code: int = 2, **kwargs: object) -> str:
        done = run_setup(*args, **kwargs)
        assert done.returncode == code, done.stdout + done.stderr
        assert done.stderr.startswith("kefudesk team setup: ") and done.stderr.count("\n") == 1, done.stderr
        return done.stderr

    assert "KEFUDESK_ADMIN_PASSWORD" in refused(pg_url.replace("postgres@", "postgres:secret@"))
    assert "NAME=LOGIN" in refused(pg_url, "--supervisor", "店长")
    assert "already signs in as dianzhang" in refused(pg_url, "--supervisor", "店长=boss")
    assert "already has the owner role kefudesk_owner" in refused(pg_url, "--prefix", "other")
    assert "at least 8" in refused(pg_url, "--supervisor", "小组长=zuzhang", passwords={"zuzhang": "short"})
    superuser = create_engine(pg_url, isolation_level="AUTOCOMMIT")
    with superuser.connect() as c:  # somebody else's role, able to make itself anything: not a supervisor's login
        c.execute(text("DROP ROLE IF EXISTS sneaky"))
        c.execute(text("CREATE ROLE sneaky LOGIN CREATEROLE"))
    superuser.dispose()
    assert "powers over other roles" in refused(pg_url, "--supervisor", "小王=sneaky", passwords={"sneaky": "x" * 8})
    not_admin = pg_url.replace("postgres@", "kefudesk_desk@")
    assert "superuser" in refused(not_admin, code=3, env={"KEFUDESK_ADMIN_PASSWORD": "desk-pass-1"})
    assert layout(pg_url)["meta"][0][1].count("zuzhang") == 0  # nothing of the refused runs was kept

    server = create_engine(pg_url.rsplit("/", 1)[0] + "/postgres", isolation_level="AUTOCOMMIT")
    with server.connect() as c:
        c.execute(text("DROP DATABASE IF EXISTS kd_fresh"))
        c.execute(text("CREATE DATABASE kd_fresh"))
    try:
        fresh = pg_url.rsplit("/", 1)[0] + "/kd_fresh"
        assert "KEFUDESK_PASSWORD_FRESH_OWNER" in refused(fresh, "--prefix", "fresh", passwords={})
        with server.connect() as c:
            assert not c.execute(text("SELECT 1 FROM pg_roles WHERE rolname LIKE 'fresh%'")).all()
    finally:
        with server.connect() as c:
            c.execute(text("DROP DATABASE kd_fresh WITH (FORCE)"))
        server.dispose()


def test_passwords_are_asked_at_the_terminal_twice_and_never_taken_from_the_command_line(team, monkeypatch):
    for name in [k for k in os.environ if k.startswith("KEFUDESK_PASSWORD_")]:
        monkeypatch.delenv(name)
    parser = argparse.ArgumentParser()
    team_cli.add_arguments(parser)
    args = parser.parse_args(["setup", team.admin, "--supervisor", "小组长=zuzhang"])
    prompts: list[str] = []
    answers = iter(["", "", "", "zu-pass-12", "zu-pass-13"])  # the owner, desk and 店长 kept; the new one mistyped

    def ask(prompt: str) -> str:
        prompts.append(prompt)
        return next(answers)

    assert team_cli.run(args, ask) == 2
    assert "Enter keeps" in prompts[0] and "zuzhang" in prompts[3] and "Enter keeps" not in prompts[3]
    assert "the same again" in prompts[4]
    answers = iter(["", "", "", "zu-pass-12", "zu-pass-12"])
    assert team_cli.run(args, ask) == 0
    with pytest.raises(SystemExit):
        parser.parse_args(["setup", team.admin, "--password", "x"])


def test_the_real_desk_answers_buyers_from_the_agents_login(team, tmp_path):
    env = desk_env(tmp_path, team.desk)
    done = subprocess.run([sys.executable, "-m", "app", "--lang", "en", "--screenshot", str(tmp_path / "shot.png"),
                           "--screenshot-of", "review", "--after", "2"],
                          env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "answered" in done.stdout and "answered 0 " not in done.stdout, done.stdout
    engine = create_engine(team.admin)
    with engine.connect() as c:
        answers = c.execute(text("SELECT count(*) FROM message WHERE direction = 'out'")).scalar_one()
    engine.dispose()
    assert answers > 0
