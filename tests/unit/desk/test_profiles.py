"""Roles, passwords and approvals through the desk layer, as a script or a second front-end would meet them:
who may make a supervisor, change a role or a password; that nothing is overwritten; that the audit log names the
supervisor who acted and whom it was about; that nobody approves their own request; the brake on guessing."""

import json
import threading
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import event

from app.store.engine import open_store

from app.desk.issues import IssueDesk
from app.desk.policy import Policy
from app.desk.profiles import LOCK_AFTER, LOCK_FOR, hash_password, password_ok
from app.desk.refused import IssueRefused

from app import domain

NOW = datetime(2026, 11, 24, 3, 0, tzinfo=UTC)
ORDER = domain.Order("3912345678901234567", "b1", (domain.OrderItem("S1", "小鹿运动鞋", 1, 12900),), 12900,
                     "交易成功", NOW - timedelta(days=3))


@pytest.fixture
def store(tmp_path):
    s = open_store(tmp_path / "k.db")
    s.upsert_orders([ORDER], NOW)
    yield s
    s.close()


@pytest.fixture
def shop(store):
    """A store set up the usual way: its first supervisor 店长, and an agent 小李 added by nobody in particular."""
    setup = IssueDesk(store, "terminal:owner", clock=lambda: NOW)
    setup.add_profile("店长", "supervisor", "secret-1")
    setup.add_profile("小李", "agent")
    return store


def test_the_first_supervisor_needs_nobodys_password_once(store):
    setup = IssueDesk(store, "terminal:owner", clock=lambda: NOW)
    assert setup.add_profile("小李", "agent") is False  # an agent before any supervisor: nothing to protect yet
    assert setup.add_profile("店长", "supervisor", "secret-1") is True
    assert refused(setup.add_profile, "老板", "supervisor", "secret-2").code == "supervisor_needed"


def refused(call, *args, **kwargs) -> IssueRefused:
    with pytest.raises(IssueRefused) as caught:
        call(*args, **kwargs)
    return caught.value


def profile_entries(store) -> list:
    desk = IssueDesk(store, "")
    return [e for e in desk.audit.audit_log() if e.issue_id is None and e.what != "policy changed"]


def test_once_a_store_has_a_supervisor_another_takes_a_supervisors_password(shop):
    li = IssueDesk(shop, "小李", clock=lambda: NOW)
    assert refused(li.add_profile, "小李2", "supervisor", "mine-123").code == "supervisor_needed"
    assert refused(li.add_profile, "小李2", "supervisor", "mine-123", supervisor="店长",
                   supervisor_password="guess").code == "wrong_password"
    assert refused(li.add_profile, "小王", "supervisor", "mine-123", supervisor="小李",
                   supervisor_password="").code == "not_supervisor"
    assert li.profiles() == [("小李", "agent"), ("店长", "supervisor")]
    assert li.add_profile("老板", "supervisor", "boss-123", supervisor="店长", supervisor_password="secret-1") is False
    assert li.role("老板") == "supervisor"


def test_nothing_overwrites_a_profile(shop):
    boss = IssueDesk(shop, "店长", clock=lambda: NOW)
    for role, password in (("supervisor", "taken-over"), ("agent", "")):
        assert refused(boss.add_profile, "店长", role, password, supervisor="店长",
                       supervisor_password="secret-1").code == "profile_exists"
    assert refused(boss.add_profile, "小李", "agent").code == "profile_exists"
    assert boss.role("店长") == "supervisor"
    boss.set_policy(Policy(), "店长", "secret-1")  # the password is still the real supervisor's


def test_roles_and_passwords_change_only_with_a_supervisors_password(shop):
    li = IssueDesk(shop, "小李", clock=lambda: NOW)
    assert refused(li.set_role, "小李", "supervisor", supervisor="店长", supervisor_password="guess",
                   password="mine-123").code == "wrong_password"
    assert refused(li.set_role, "小李", "supervisor", supervisor="店长", supervisor_password="secret-1",
                   password="123").code == "weak_password"
    li.set_role("小李", "supervisor", supervisor="店长", supervisor_password="secret-1", password="mine-123")
    assert li.role("小李") == "supervisor"
    assert refused(li.set_role, "小李", "supervisor", supervisor="店长", supervisor_password="secret-1",
                   password="mine-456").code == "same_role"
    # another's password with a supervisor's; one's own with the old one
    assert refused(li.set_password, "店长", "stolen-1", old_password="guess").code == "wrong_password"
    li.set_password("店长", "changed-1", supervisor="小李", supervisor_password="mine-123")
    li.set_password("店长", "secret-2", old_password="changed-1")
    li.set_policy(Policy(), "店长", "secret-2")
    li.set_role("小李", "agent", supervisor="店长", supervisor_password="secret-2")
    assert refused(li.set_password, "小李", "mine-789", old_password="mine-123").code == "agent_password"
    assert refused(li.set_policy, Policy(), "小李", "mine-123").code == "not_supervisor"  # demoted: no password kept


def test_the_last_supervisor_stays_one(shop):
    boss = IssueDesk(shop, "店长", clock=lambda: NOW)
    assert refused(boss.set_role, "店长", "agent", supervisor="店长", supervisor_password="secret-1").code == \
        "last_supervisor"
    assert refused(boss.remove_profile, "店长", supervisor="店长", supervisor_password="secret-1").code == \
        "last_supervisor"
    boss.remove_profile("小李", supervisor="店长", supervisor_password="secret-1")
    assert boss.profiles() == [("店长", "supervisor")]
    assert refused(boss.remove_profile, "小李", supervisor="店长", supervisor_password="secret-1").code == "no_profile"


def test_the_audit_log_names_the_supervisor_who_acted_and_whom_it_was_about_never_a_hash(shop):
    desk = IssueDesk(shop, "小李", clock=lambda: NOW)
    desk.add_profile("老板", "supervisor", "boss-123", supervisor="店长", supervisor_password="secret-1")
    desk.set_password("店长", "reset-1", supervisor="老板", supervisor_password="boss-123")
    desk.set_role("小李", "supervisor", supervisor="老板", supervisor_password="boss-123", password="mine-123")
    desk.remove_profile("小李", supervisor="店长", supervisor_password="reset-1")
    made = [(e.who, e.what, (e.after or {}).get("profile") or e.before["profile"]) for e in profile_entries(shop)]
    assert made == [("terminal:owner", "first supervisor", "店长"), ("terminal:owner", "profile added", "小李"),
                    ("店长", "profile added", "老板"), ("老板", "password changed", "店长"),
                    ("老板", "role changed", "小李"), ("店长", "profile removed", "小李")]
    role_change = profile_entries(shop)[4]
    assert (role_change.before, role_change.after) == ({"profile": "小李", "role": "agent"},
                                                       {"profile": "小李", "role": "supervisor", "desk": "小李"})
    log = json.dumps([[e.who, e.what, e.before, e.after] for e in desk.audit.audit_log()], ensure_ascii=False)
    assert "scrypt" not in log and "reset-1" not in log and "boss-123" not in log


def test_a_name_is_what_it_reads(shop):
    setup = IssueDesk(shop, "terminal:owner", clock=lambda: NOW)
    for name in ("店长\u200b", "小\u202e李", "a\nb", "x" * 101, "  "):
        assert refused(setup.add_profile, name, "agent").code in ("bad_value", "missing_field"), name
    assert refused(setup.add_profile, " 小李 ", "agent").code == "profile_exists"  # spaces around are not a name


def test_nobody_approves_their_own_request(shop):
    """The hole: an agent asks for a ¥50 refund over the cap, is made a supervisor, and approves it. A
    supervisor's own over-limit action is an override (audited), so a shop with one supervisor loses nothing."""
    li = IssueDesk(shop, "小李", clock=lambda: NOW)
    issue = li.open_issue(stage="after_sale", category="damage", order_no=ORDER.no)
    asked = li.act(issue.id, "partial_refund", {"amount": "50", "reason": "鞋子开胶"})
    assert asked.action.status == "awaiting_approval"
    li.set_role("小李", "supervisor", supervisor="店长", supervisor_password="secret-1", password="mine-123")
    own = refused(li.approve, asked.action.id, "小李", "mine-123")
    assert own.code == "own_request" and "another supervisor approves it" in str(own)
    assert li.repo.action(asked.action.id).status == "awaiting_approval"
    assert li.approve(asked.action.id, "店长", "secret-1").decided_by == "店长"

    again = li.act(issue.id, "gift", {"kind": "coupon", "value": "30"})  # a supervisor now: an override, no request
    assert again.action.status == "done" and li.audit.audit_log(issue.id)[-1].what == "gift: override"
    wang = IssueDesk(shop, "小王", clock=lambda: NOW)
    withdrawn = wang.act(issue.id, "gift", {"kind": "gift", "value": "30"})
    assert withdrawn.needs_approval
    wang.add_profile("小王", "supervisor", "wang-123", supervisor="店长", supervisor_password="secret-1")
    assert wang.approve(withdrawn.action.id, "小王", "wang-123", approve=False).status == "refused"  # withdrawing is fine


def test_wrong_passwords_lock_the_supervisors_password_for_a_while(shop):
    clock = [NOW]
    li = IssueDesk(shop, "小李", clock=lambda: clock[0])
    for _ in range(LOCK_AFTER):
        assert refused(li.set_policy, Policy(), "店长", "guess").code == "wrong_password"
        clock[0] += timedelta(minutes=1)
    locked = refused(li.set_policy, Policy(), "店长", "secret-1")  # even the right one, until the lock ends
    until = (NOW + timedelta(minutes=LOCK_AFTER - 1) + LOCK_FOR).astimezone().strftime("%H:%M")
    assert locked.code == "password_locked" and f"locked until {until}" in str(locked)
    assert refused(li.set_password, "店长", "stolen-1", old_password="secret-1").code == "password_locked"
    wrong = [e for e in li.audit.audit_log() if e.what == "wrong password"]
    assert [(e.who, e.after) for e in wrong] == [("小李", {"profile": "店长"})] * LOCK_AFTER  # who tried, about whom
    clock[0] = NOW + timedelta(minutes=LOCK_AFTER - 1) + LOCK_FOR
    li.set_policy(Policy(), "店长", "secret-1")
    assert refused(li.set_policy, Policy(), "店长", "guess").code == "wrong_password"  # one slip is not a lock


def test_two_desks_making_the_first_supervisor_at_once_cannot_both_win(tmp_path):
    """Both desks look, find no supervisor, and write; the first desk's write waits until the second has looked
    and is writing too, so the check inside the write transaction is what decides."""
    path = tmp_path / "k.db"
    first, second = open_store(path), open_store(path)
    try:
        assert race_for_the_first_supervisor(first, second) == {"店长": "ok", "老板": "supervisor_needed"}
        assert IssueDesk(first, "").profiles() == [("店长", "supervisor")]
    finally:
        first.close()
        second.close()


def race_for_the_first_supervisor(first, second) -> dict[str, str]:
    """店长 on the first store and 老板 on the second, at once; what each got (also used on PostgreSQL)."""
    first_writing, second_writing = threading.Event(), threading.Event()
    one, two = IssueDesk(first, "desk-1", clock=lambda: NOW), IssueDesk(second, "desk-2", clock=lambda: NOW)
    write = two.people.add_profile

    def second_writes(*args, **kwargs) -> None:
        second_writing.set()  # past every check outside the transaction, found no supervisor
        write(*args, **kwargs)

    two.people.add_profile = second_writes

    @event.listens_for(first.engine, "before_cursor_execute")
    def first_waits(_conn, _cursor, statement, *_rest) -> None:
        if statement.lstrip().upper().startswith("INSERT INTO AGENT_PROFILE"):
            first_writing.set()
            assert second_writing.wait(30), "the second desk never got to its write"

    got: dict[str, str] = {}

    def make(desk: IssueDesk, name: str, password: str, after: threading.Event | None = None) -> None:
        if after is not None:
            assert after.wait(30), "the first desk never got to its write"
        try:
            desk.add_profile(name, "supervisor", password)
            got[name] = "ok"
        except IssueRefused as exc:
            got[name] = exc.code

    threads = [threading.Thread(target=make, args=(one, "店长", "secret-1")),
               threading.Thread(target=make, args=(two, "老板", "secret-2", first_writing))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    event.remove(first.engine, "before_cursor_execute", first_waits)
    return got


def test_passwords_are_salted_hashes():
    stored = hash_password("secret-1")
    assert "secret-1" not in stored and stored != hash_password("secret-1")
    assert password_ok("secret-1", stored) and not password_ok("secret-2", stored) and not password_ok("x", "")
