"""Team mode's role layout on a real server (kefudesk team setup): every desk operation works from the agents'
shared login, and what that login may not do — rewrite the audit log, change the schema, give more money back than
an order's total, record money over the shop's limits as done, decide an approval, change the limits or the
profiles — the server refuses, whatever client sends it. An approval at an agent's desk signs in as the
supervisor's own login, so it takes the supervisor's password on the server too."""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import psycopg
import pytest
from sqlalchemy import create_engine, text

from app.quickreplies.mining import Mined
from app.quickreplies.phrase import Phrase
from app.store import clips
from app.store.audit_log import Audit
from app.store.engine import open_store
from app.store.errors import ServerRefused
from app.store.profiles import ProfileStore
from app.store.rotation import last_given, record_given
from app.store.search import search_messages

from app.desk.clipboard import ClipHistory
from app.desk.guard import SendGuard, edit_words
from app.desk.issues import IssueDesk
from app.desk.mined_phrases import MinedPhrases
from app.desk.order_import import plan_import, run_import
from app.desk.phrase_analytics import phrase_report
from app.desk.phrase_sends import FiredPhrases
from app.desk.phrases import PhraseBook
from app.desk.policy import Policy
from app.desk.problem_orders import plan_file, run_plan
from app.desk.profiles import hash_password
from app.desk.queue import set_angry_words
from app.desk.refused import IssueRefused
from app.desk.reports import Reports
from app.desk.review import ReviewDesk

from app import domain
from tests.team.conftest import desk_env

pytestmark = pytest.mark.integration
NOW = datetime(2026, 11, 24, 3, 0, tzinfo=UTC)
ORDER = domain.Order("3912345678901234567", "b1", (domain.OrderItem("S1", "小鹿运动鞋", 1, 10000, 420),), 10000,
                     "交易成功", NOW - timedelta(days=3), "中通快递", "73123456789012")
BOSS, BOSS_PASSWORD = "店长", "boss-pass-1"
REFUSED = ("42501", "23514")  # insufficient_privilege, check_violation (team.sql)


def message(server_id: str, text_: str, seconds: float, direction: str = "in", client_id: str = "") -> domain.Message:
    return domain.Message(server_id, "c1", direction, text_, NOW + timedelta(seconds=seconds), client_id)


@pytest.fixture
def desk(team):
    """The agents' desk: the store opened as the shared login, with an order and a chat in it."""
    store = open_store(team.desk)
    store.ensure_shop("shop-1", "小鹿旗舰店", "http://127.0.0.1:1")
    store.ensure_agent("小李", "shop-1", "小李")
    store.upsert_conversation(domain.Conversation("c1", domain.Buyer("b1", "tb_小美妈妈"), "active", NOW,
                                                  agent="小李"))
    store.upsert_orders([ORDER], NOW)
    yield store
    store.close()


def test_every_desk_operation_works_from_the_agents_login(team, desk, tmp_path):
    # chats: a batch from the shop, a reply and its echo, a refused reply resent, a draft kept and cleared
    desk.ingest_messages([message("m1", "鞋子压坏了", 1), message("m2", "在吗", 2)])
    reply = desk.add_outgoing("c1", "亲，我看一下哦", "k1", NOW + timedelta(seconds=3), agent="小李")
    desk.ingest_message(message("m3", "亲，我看一下哦", 3, "out"))  # the shop's echo without our key
    desk.mark_sent("k1", "m3", NOW + timedelta(seconds=4))  # drops the echo's copy: our row keeps the text
    desk.add_outgoing("c1", "马上处理", "k2", NOW + timedelta(seconds=5), agent="小李")
    desk.mark_failed("k2", "rate limited")
    desk.requeue("k2")
    desk.ingest_message(message("m4", "马上处理", 6, "out", "k2"))  # echo with the key: marks it sent
    desk.mark_read("c1")
    desk.save_draft("c1", "稍等", NOW)
    desk.save_draft("c1", "", NOW)
    assert [m.text for m in desk.messages("c1")] == ["鞋子压坏了", "在吗", "亲，我看一下哦", "马上处理"]
    assert desk.messages("c1")[2].id == reply.id
    assert search_messages(desk, "压坏")

    # phrases: added, edited, fired, deleted (its uses go with it); settings the agents keep in meta
    book = PhraseBook(desk)
    ids = book.add([Phrase(0, "问候", "亲，在的哦", "售前", "zz")])
    book.used(book.by_abbreviation("zz"), "在吗", "c1", "小李")
    sends = FiredPhrases(desk)  # phrase analytics: the firing's send written once the reply went out
    sends.fired("c1", ids[0], "亲，在的哦")
    sends.record_sent("c1", reply.id, sends.sent("c1", "亲，在的哦"))
    today = datetime.now(UTC).date()  # the book counts a firing at the clock's time
    report = phrase_report(desk, book.phrases, today - timedelta(days=1), today + timedelta(days=1), UTC)
    assert [(s.uses, s.sent) for s in report.stats if s.phrase.id == ids[0]] == [(1, 1)]
    mined = MinedPhrases(desk, book)
    mined.dismiss([Mined("亲，我看一下哦", "我看一下", 3, ())])  # the shop's own no to a proposed phrase
    assert mined.proposals() == []
    # a rotating phrase's memory: what the buyer got last, and the phrase's turn, rewritten on every pick
    for number in (1, 2):
        record_given(desk, ids[0], "b1", number, NOW)
        record_given(desk, ids[0], "", number, NOW)
    assert (last_given(desk, ids[0], "b1"), last_given(desk, ids[0], "")) == (2, 2)
    book.update([replace(book.by_abbreviation("zz"), body="亲，在的呢")])
    book.delete(ids)
    assert last_given(desk, ids[0], "b1") is None  # went with the phrase, by the foreign key
    edit_words(desk, "小李", add=["加微信"])
    set_angry_words(desk, ["投诉"], "小李", NOW)
    ClipHistory(desk, clock=lambda: NOW).offer_text("73123456789012")
    clips.prune(desk, NOW + timedelta(days=1), keep=0)

    # orders from the shop's export, a problem-order list, issues and money within the limits
    export = ("订单编号,买家会员名,买家实际支付金额,收货人姓名,支付宝账号\r\n"
              f"{ORDER.no},tb_小美妈妈,100.00,王小美,xm@example.com\r\n").encode("gbk")
    run_import(desk, plan_import(desk, export, "csv", now=NOW), now=NOW)
    li = IssueDesk(desk, "小李", clock=lambda: NOW)
    listing = "订单编号,买家会员名,问题类型,问题描述\r\n3912000000000000001,tb_果果妈妈,超区,新疆不派送\r\n"
    run_plan(li, plan_file(li, listing.encode("gbk"), "csv"), source="问题订单.csv")
    issue = li.open_issue(stage="after_sale", category="damage", order_no=ORDER.no, buyer_nick="tb_小美妈妈",
                          conversation_id="c1", evidence=[reply.id])
    li.act(issue.id, "return", {"shipping_paid_by": "buyer", "return_tracking_no": "SF2001"})
    li.act(issue.id, "contact", {"channel": "phone", "result": "没接", "answered": False})
    done = li.act(issue.id, "partial_refund", {"amount": "5", "reason": "压坏"})
    li.act(issue.id, "gift", {"kind": "coupon", "value": "10"})
    assert done.action.status == "done" and not done.needs_approval
    li.weight_check(issue.id, None)
    li.set_state(issue.id, "waiting_finance", follow_up_at=NOW + timedelta(days=1))

    # over the limit: a request; the supervisor approves it at this desk, with their password
    asked = li.act(issue.id, "partial_refund", {"amount": "20", "reason": "再补一点"})
    assert asked.action.status == "awaiting_approval" and asked.needs_approval
    approved = li.approve(asked.action.id, BOSS, BOSS_PASSWORD)
    assert (approved.status, approved.decided_by) == ("done", BOSS)
    assert li.repo.amount_for_order(ORDER.no, ("partial_refund", "full_refund"), ("done",)) == 2500

    # the supervisor changes the limits at this desk too; a review of the chat
    li.set_policy(Policy(partial_refund_max_fen=1000), BOSS, BOSS_PASSWORD)
    assert li.policy.partial_refund_max_fen == 1000
    review = ReviewDesk(desk, "店长", clock=lambda: NOW)
    review.score("c1", "小李", [name for name, _weight in review.checklist()][:1], "好")
    review.note(reply.id, "语气好", "good")

    day = NOW.astimezone().date().isoformat()
    assert len(Reports(desk).table("refunds", day).rows) == 2
    whats = [entry.what for entry in li.audit.audit_log()]
    assert "partial_refund: money action" in whats and "approved" in whats and "policy changed" in whats


def test_an_approval_at_an_agents_desk_takes_the_supervisors_password_on_the_server(team, desk):
    li = IssueDesk(desk, "小李", clock=lambda: NOW)
    issue = li.open_issue(stage="after_sale", category="damage", order_no=ORDER.no, buyer_nick="tb_小美妈妈")
    asked = li.act(issue.id, "partial_refund", {"amount": "20", "reason": "压坏"})
    admin = create_engine(team.admin)
    with admin.begin() as c:  # the server's password of 店长's login no longer matches the desk's profile
        c.execute(text("ALTER ROLE dianzhang PASSWORD 'changed-on-the-server'"))
    with pytest.raises(IssueRefused) as refused:
        li.approve(asked.action.id, BOSS, BOSS_PASSWORD)
    assert refused.value.code == "wrong_password"
    assert li.repo.action(asked.action.id).status == "awaiting_approval"

    with admin.begin() as c:  # a supervisor's profile made on the desk, without a login on the server
        c.execute(text("INSERT INTO agent_profile (name, role, password_hash) "
                       "SELECT '副主管', 'supervisor', password_hash FROM agent_profile WHERE name = :boss"),
                  {"boss": BOSS})
    admin.dispose()
    with pytest.raises(IssueRefused) as refused:
        li.approve(asked.action.id, "副主管", BOSS_PASSWORD)
    assert refused.value.code == "no_team_login" and "kefudesk team setup" in str(refused.value)
    assert li.repo.action(asked.action.id).status == "awaiting_approval"


def test_the_agents_login_cannot_make_a_supervisor(team, desk):
    """The desk refuses it (the store has a supervisor); a script going round the desk to the store layer meets
    the server's refusal."""
    li = IssueDesk(desk, "小李", clock=lambda: NOW)
    with pytest.raises(IssueRefused) as refused:
        li.add_profile("小李", "supervisor", "my-own-pass")
    assert refused.value.code == "supervisor_needed"
    with pytest.raises(ServerRefused, match="agent_profile"):
        ProfileStore(desk).add_profile("小李", "supervisor", hash_password("my-own-pass"), NOW,
                                       Audit("小李", "profile added"))
    assert li.role("小李") == "agent"


def test_a_supervisors_profile_on_the_agents_login_cannot_skip_the_limits(team, desk):
    """店长 working at an agent's desk: the desk would record over-limit money as done, the server asks for a
    supervisor's login; the desk says so."""
    boss_here = IssueDesk(desk, BOSS, clock=lambda: NOW)
    issue = boss_here.open_issue(stage="after_sale", category="damage", order_no=ORDER.no, buyer_nick="tb_小美妈妈")
    with pytest.raises(IssueRefused) as refused:
        boss_here.act(issue.id, "partial_refund", {"amount": "50", "reason": "压坏"})
    assert refused.value.code == "server_refused" and "awaiting_approval" in str(refused.value)
    at_own_desk = open_store(team.supervisor)
    try:
        done = IssueDesk(at_own_desk, BOSS, clock=lambda: NOW).act(issue.id, "partial_refund",
                                                                   {"amount": "50", "reason": "压坏"})
    finally:
        at_own_desk.close()
    assert done.action.status == "done"


# --- the agents' login trying to get round the desk ---------------------------------------------------------

@pytest.fixture
def raw(team, desk):
    """psql, as it were: the agents' login on a connection of its own, each statement committed on its own; the
    ids of an issue on ORDER with a ¥5 refund done and a ¥20 request waiting, and of an audit entry."""
    li = IssueDesk(desk, "小李", clock=lambda: NOW)
    issue = li.open_issue(stage="after_sale", category="damage", order_no=ORDER.no, buyer_nick="tb_小美妈妈")
    li.act(issue.id, "partial_refund", {"amount": "5", "reason": "压坏"})
    waiting = li.act(issue.id, "partial_refund", {"amount": "20", "reason": "压坏"}).action
    desk.ingest_message(message("m1", "你们这是骗子", 1))
    conninfo = team.desk.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(conninfo, autocommit=True) as connection:
        yield connection, {"issue": issue.id, "waiting": waiting.id, "order": ORDER.no}


def refused(connection: psycopg.Connection, sql: str, **values: object) -> str:
    """The server's refusal of one statement (a test failure if it runs)."""
    with pytest.raises(psycopg.Error) as caught:
        connection.execute(sql, values)
    assert caught.value.sqlstate in REFUSED, f"{sql}: {caught.value.sqlstate} {caught.value}"
    return str(caught.value)


def insert_action(kind: str, amount: int, status: str, fields: str = "{}") -> str:
    return ("INSERT INTO issue_action (issue_id, kind, fields, amount_fen, status, by, at, decided_by) "
            f"VALUES (%(issue)s, '{kind}', '{fields}', {amount}, '{status}', '小李', now(), '')")


# each refused on one database: a team setup per statement cost a second each (one that ran would fail the test
# whatever it did to the rest)
BYPASSES = [
    "UPDATE audit SET what = 'nothing happened'",
    "DELETE FROM audit",
    "TRUNCATE audit",
    "TRUNCATE message, issue_action CASCADE",
    "DROP TABLE audit",
    "ALTER TABLE audit ADD COLUMN note text",
    "ALTER TABLE issue_action DISABLE TRIGGER team_check_action",
    "DROP TRIGGER team_check_action ON issue_action",
    "DROP FUNCTION team_check_action() CASCADE",
    "CREATE OR REPLACE FUNCTION public.team_is_supervisor() RETURNS boolean LANGUAGE sql AS $$ SELECT true $$",
    "CREATE TABLE mine (id int)",
    "CREATE TEMP TABLE issue_action (id int)",  # would stand in for the real one where pg_temp is searched
    "CREATE SCHEMA mine",
    "CREATE INDEX ix_mine ON message (text)",
    "DELETE FROM issue_action",
    "DELETE FROM issue",
    "DELETE FROM shop_order",
    "UPDATE message SET text = '亲，有什么可以帮您' WHERE text = '你们这是骗子'",
    "DELETE FROM message WHERE text = '你们这是骗子'",
]


def test_the_agents_login_cannot_rewrite_records_or_change_the_schema(raw):
    connection, _ids = raw
    ran = []
    for sql in BYPASSES:
        try:
            connection.execute(sql)
        except psycopg.Error as exc:
            assert exc.sqlstate in REFUSED, f"{sql}: {exc.sqlstate} {exc}"
        else:
            ran.append(sql)
    assert ran == [], f"the agents' login ran: {ran}"
    assert connection.execute("SELECT count(*) FROM audit").fetchone()[0] >= 3
    assert connection.execute("SELECT count(*) FROM message WHERE text = '你们这是骗子'").fetchone()[0] == 1


def test_the_agents_login_cannot_give_more_than_the_order_or_the_limits_allow(raw):
    connection, ids = raw
    # ¥100 order, ¥5 given and ¥20 pending: ¥75 left, whatever the kind and however it is asked
    assert "75" in refused(connection, insert_action("full_refund", 8000, "done"), **ids)
    refused(connection, insert_action("partial_refund", 7600, "awaiting_approval"), **ids)
    refused(connection, insert_action("partial_refund", -10000, "done"), **ids)  # room made by a negative one
    # over the shop's limits (¥6, 30 %; a ¥20 gift; 1 % rounding): only as a request
    assert "awaiting_approval" in refused(connection, insert_action("partial_refund", 601, "done"), **ids)
    refused(connection, insert_action("gift", 2001, "done", '{"kind": "coupon", "value": 2001}'), **ids)
    refused(connection, insert_action("price_rounding", 101, "done"), **ids)
    connection.execute(insert_action("partial_refund", 601, "awaiting_approval"), ids)  # asking is allowed
    connection.execute(insert_action("partial_refund", 600, "done"), ids)  # within the limits, as the desk does
    # a decision is not the agent's: not approving a request, not writing one already decided
    refused(connection, "UPDATE issue_action SET status = 'done' WHERE id = %(waiting)s", **ids)
    refused(connection, insert_action("partial_refund", 100, "done").replace("''", "'店长'"), **ids)
    # nor making room: a bigger total on the order, the issue moved to another order
    refused(connection, "UPDATE shop_order SET amount_fen = 1000000 WHERE no = %(order)s", **ids)
    refused(connection, "UPDATE issue SET order_no = '3912000000000000009' WHERE id = %(issue)s", **ids)
    given = connection.execute("SELECT sum(amount_fen) FROM issue_action WHERE status = 'done'").fetchone()[0]
    assert given == 500 + 600


def test_the_agents_login_cannot_change_the_limits_or_the_people(raw):
    connection, _ids = raw
    refused(connection, "INSERT INTO meta (key, value) VALUES ('issues.policy', '{\"partial_refund_max_fen\": 1000000}')")
    connection.execute("INSERT INTO meta (key, value) VALUES ('guard.added', '[]') "
                       "ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value")  # the agents' own settings
    with psycopg.connect(connection.info.dsn.replace("user=kefudesk_desk", "user=postgres"),
                         autocommit=True) as admin:  # a policy a supervisor saved, as the desk saves it
        admin.execute("INSERT INTO meta (key, value) VALUES ('issues.policy', '{}')")
    refused(connection, "UPDATE meta SET value = '{\"partial_refund_max_fen\": 1000000}' WHERE key = 'issues.policy'")
    refused(connection, "DELETE FROM meta WHERE key = 'issues.policy'")
    refused(connection, "UPDATE meta SET value = '{}' WHERE key = 'team.roles'")
    refused(connection, "INSERT INTO agent_profile (name, role, password_hash) VALUES ('小李', 'supervisor', '')")
    refused(connection, "UPDATE agent_profile SET role = 'supervisor'")
    refused(connection, "UPDATE agent_profile SET password_hash = 'scrypt$mine' WHERE name = '店长'")
    for sql in ("SET ROLE kefudesk_supervisor", "SET ROLE kefudesk_owner", "GRANT kefudesk_supervisor TO kefudesk_desk",
                "ALTER ROLE kefudesk_desk SUPERUSER", "ALTER ROLE dianzhang PASSWORD 'mine-now-1'"):
        refused(connection, sql)


def test_the_supervisors_login_decides_but_cannot_rewrite_the_record(team, raw):
    _connection, ids = raw
    conninfo = team.supervisor.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(conninfo, autocommit=True) as boss:
        refused(boss, "UPDATE issue_action SET amount_fen = 1 WHERE id = %(waiting)s", **ids)
        refused(boss, "UPDATE audit SET who = '小王'")
        refused(boss, "DELETE FROM audit")
        refused(boss, "TRUNCATE audit")
        refused(boss, "DROP TABLE audit")
        boss.execute("UPDATE issue_action SET status = 'refused', decided_by = '店长' WHERE id = %(waiting)s", ids)
        refused(boss, "UPDATE issue_action SET status = 'done' WHERE id = %(waiting)s", **ids)  # decided once
        boss.execute(insert_action("full_refund", 9500, "done"), ids)  # a supervisor may: within the order
        refused(boss, insert_action("partial_refund", 1, "awaiting_approval"), **ids)  # the order is all given


def test_two_agents_refunding_at_the_same_moment_from_psql_never_exceed_the_order(team, desk):
    """Both insert ¥70 of a ¥100 order, bypassing the desk: the second waits for the first's lock on the order,
    then is refused."""
    li = IssueDesk(desk, "小李", clock=lambda: NOW)
    issue = li.open_issue(stage="after_sale", category="damage", order_no=ORDER.no, buyer_nick="tb_小美妈妈")
    conninfo = team.desk.replace("postgresql+psycopg://", "postgresql://")
    sql = insert_action("full_refund", 7000, "done")
    outcome: list[BaseException | None] = []
    with psycopg.connect(conninfo) as first, psycopg.connect(conninfo, autocommit=True) as second:
        first.execute(sql, {"issue": issue.id})  # its transaction holds the order
        second_pid = second.info.backend_pid

        def insert() -> None:
            try:
                second.execute(sql, {"issue": issue.id})
                outcome.append(None)
            except psycopg.Error as exc:
                outcome.append(exc)

        racer = threading.Thread(target=insert)
        racer.start()
        with psycopg.connect(conninfo.replace("kefudesk_desk:desk-pass-1", "postgres"), autocommit=True) as watch:
            deadline = time.monotonic() + 30
            while watch.execute("SELECT wait_event_type FROM pg_stat_activity WHERE pid = %s",
                                (second_pid,)).fetchone()[0] != "Lock":
                assert time.monotonic() < deadline, "the second insert never waited for the first"
                time.sleep(0.02)
        first.commit()
        racer.join(30)
    assert len(outcome) == 1 and isinstance(outcome[0], psycopg.Error) and outcome[0].sqlstate == "23514"
    assert li.repo.amount_for_order(ORDER.no, ("partial_refund", "full_refund"), ("done",)) == 7000


def test_the_profiles_command_on_the_agents_login_says_whom_to_ask(team, tmp_path):
    env = desk_env(tmp_path, team.desk, KEFUDESK_NEW_PASSWORD="my-own-pass", KEFUDESK_SUPERVISOR_PASSWORD="my-own-pass")
    done = subprocess.run([sys.executable, "-m", "app", "profiles", "add", "小李", "--role", "supervisor"], env=env,
                          capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL)
    assert done.returncode == 2 and "Traceback" not in done.stderr, done.stderr
    assert done.stderr.splitlines()[-1].startswith("kefudesk profiles: ")  # after this machine's keyring note
    admin = create_engine(team.admin)
    with admin.connect() as c:
        assert c.execute(text("SELECT name FROM agent_profile")).scalars().all() == [BOSS]
    admin.dispose()


def test_only_a_supervisor_switches_a_banned_word_off_on_the_server(team, desk):
    """The desk asks a supervisor before a word is switched off; the server holds the same against the agents'
    login in raw SQL (it may make the guard stricter, never looser), and a supervisor's removal at an agent's
    desk goes through their own login."""
    edit_words(desk, "小李", add=["加我私聊"])  # stricter: anyone's
    conninfo = team.desk.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(conninfo, autocommit=True) as connection:
        refused(connection, "UPDATE meta SET value = '[\"加微信\"]' WHERE key = 'guard.removed'")
        refused(connection, "UPDATE meta SET value = '[]' WHERE key = 'guard.added'")
        refused(connection, "DELETE FROM meta WHERE key = 'guard.added'")
    assert SendGuard.for_store(desk).check("加我私聊") and SendGuard.for_store(desk).check("加微信")
    edit_words(desk, "小李", remove=["加微信", "加我私聊"], supervisor=BOSS, password=BOSS_PASSWORD)
    assert not SendGuard.for_store(desk).check("加微信") and not SendGuard.for_store(desk).check("加我私聊")
    edit_words(desk, "小李", add=["加微信"])  # switching a default back on is stricter again: anyone's
    assert SendGuard.for_store(desk).check("加微信")
