"""The demo's supervisor: made through the first-supervisor path only, found again on the next run, never beside a
store's own supervisors; and a store that keeps it with the demo's public password is told so."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from app.store.engine import open_store

from app.desk.demo import (
    DEMO_SUPERVISOR,
    DEMO_SUPERVISOR_PASSWORD,
    MADE,
    OTHERS,
    READY,
    demo_password_left,
    demo_supervisor,
)
from app.desk.issues import IssueDesk

NOW = datetime(2026, 11, 24, 3, 0, tzinfo=UTC)


@pytest.fixture
def store(tmp_path):
    s = open_store(tmp_path / "demo.db")
    yield s
    s.close()


def test_a_fresh_store_gets_the_demo_supervisor_as_its_first_and_keeps_it(store):
    desk = IssueDesk(store, "demo", clock=lambda: NOW)
    assert demo_supervisor(desk) == MADE
    assert desk.profiles() == [(DEMO_SUPERVISOR, "supervisor")]
    [entry] = desk.audit.audit_log()
    assert (entry.who, entry.what, entry.after["profile"]) == ("demo", "first supervisor", DEMO_SUPERVISOR)
    desk.confirm_supervisor(DEMO_SUPERVISOR, DEMO_SUPERVISOR_PASSWORD)  # the password the demo shows opens it
    assert demo_supervisor(desk) == READY and len(desk.audit.audit_log()) == 1


def test_a_store_with_its_own_supervisor_gets_none(store):
    owner = IssueDesk(store, "terminal:owner", clock=lambda: NOW)
    owner.add_profile("店长", "supervisor", "secret-1")
    assert demo_supervisor(IssueDesk(store, "demo", clock=lambda: NOW)) == OTHERS
    assert owner.profiles() == [("店长", "supervisor")]  # the issue-17 rule holds: no second first supervisor
    assert not demo_password_left(owner)


def test_the_public_password_left_on_a_store_is_noticed_until_it_is_changed(store):
    desk = IssueDesk(store, "demo", clock=lambda: NOW)
    demo_supervisor(desk)
    assert demo_password_left(desk)
    desk.set_password(DEMO_SUPERVISOR, "only-the-owner-knows", old_password=DEMO_SUPERVISOR_PASSWORD)
    assert not demo_password_left(desk)
