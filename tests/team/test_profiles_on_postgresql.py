"""Team mode: two desks on one PostgreSQL server making the store's first supervisor at the same moment — the
check that there is none and the insert are one transaction there too, so only one of them wins."""

import pytest

from app.store.engine import open_store

from app.desk.issues import IssueDesk

from tests.unit.desk.test_profiles import race_for_the_first_supervisor

pytestmark = pytest.mark.integration


def test_two_desks_making_the_first_supervisor_at_once_on_one_server(pg_url):
    first, second = open_store(pg_url), open_store(pg_url)
    try:
        assert race_for_the_first_supervisor(first, second) == {"店长": "ok", "老板": "supervisor_needed"}
        assert IssueDesk(second, "").profiles() == [("店长", "supervisor")]
    finally:
        first.close()
        second.close()
