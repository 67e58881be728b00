"""The desk killed with SIGKILL at random moments (issue 9), the short version: a headless desk in a process of
its own answers simulated buyers, saves drafts, opens issues, records actions and exports tables, and is killed
five times; then twice while it upgrades a store an older version left. bench/crash.py says what is checked after
each kill; `kefudesk bench --reliability` runs 150 kills."""

from __future__ import annotations

import pytest

from bench.crash import run

pytestmark = pytest.mark.integration


def test_nothing_committed_is_lost_or_doubled_when_the_desk_is_killed(tmp_path):
    result = run(5, seed=3, data=tmp_path)
    assert result.findings == []
    # the kills landed while the desk was busy: there was work to lose
    assert result.kills == 5 + 2 and result.migration_kills == 2
    assert result.replies > 5 and result.drafts_checked > 5 and result.issues and result.exports
    assert result.messages > 20  # the shop's and the desk's messages compared once it had caught up
    assert result.repeated_sends <= 5  # at most the reply on the wire at each kill went out twice
