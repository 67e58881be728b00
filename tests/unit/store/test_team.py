"""The server's copy of the desk's rules (app/store/team.py) says what the desk says, and every table has its
grants: a table added by a migration without them would be closed to every agent's desk on a team server
(the team tests run the desk's operations against the real grants)."""

from dataclasses import asdict

import pytest

from app.store import team
from app.store.models import Base

from app.desk import issues, policy, shop_settings


def test_the_server_checks_the_desks_own_rules():
    assert team.MONEY_KINDS == issues.MONEY_KINDS
    assert team.REFUND_KINDS == issues.REFUNDS
    assert team.COUNTING == issues.COUNTING
    assert team.POLICY_KEY == shop_settings.POLICY.key
    assert team.GUARD_ADDED_KEY == shop_settings.GUARD_ADDED.key
    assert team.GUARD_REMOVED_KEY == shop_settings.GUARD_REMOVED.key
    assert team.DEFAULT_POLICY == asdict(policy.Policy())


def test_every_table_has_the_agents_grants():
    tables = set(Base.metadata.tables) | {"alembic_version"}
    assert tables == set(team.AGENT_GRANTS), "say in team.AGENT_GRANTS what a desk's login may do to it"
    assert set(team.SUPERVISOR_GRANTS) <= tables


def test_no_desk_login_may_truncate_or_remove_the_records_money_rests_on():
    for grants in (team.AGENT_GRANTS, team.SUPERVISOR_GRANTS):
        for table, privileges in grants.items():
            assert "TRUNCATE" not in privileges and "ALL" not in privileges, table
            if table in ("audit", "issue", "issue_action", "agent_profile", "shop_order", "meta"):
                assert "DELETE" not in privileges, table
    assert team.AGENT_GRANTS["audit"] == ("SELECT", "INSERT")


@pytest.mark.parametrize("name", ["店长", "Boss", "pg_boss", "postgres", "a-b", "x" * 64, ""])
def test_a_login_name_is_plain_lower_case_ascii(name):
    with pytest.raises(ValueError, match="cannot be a login name"):
        team.login_name(name)


def test_the_role_names_fit_the_server():
    roles = team.TeamRoles.named("shop_2", {"店长": "dianzhang"})
    assert roles.logins() == ["shop_2_owner", "shop_2_desk", "dianzhang"]
    assert team.TeamRoles.from_json(roles.to_json()) == roles
    with pytest.raises(ValueError):
        team.TeamRoles.named("x" * 60)
