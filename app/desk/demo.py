"""The demo shop's supervisor, so an over-limit refund can be approved in the demo: `zhuguan` with a password the
demo shows on its status line and in Help.

It is made through the desk's first-supervisor path (IssueDesk.add_profile), so the store's rules hold as they
do for anyone: only in a store that has no supervisor yet, audited as the first supervisor. A store with
supervisors of its own gets none, and its approvals take one of them. Because the password is public, a desk
that is not the demo warns while that supervisor still opens with it (demo_password_left).
"""

from __future__ import annotations

from app.store.errors import StoreError

from app.desk.issues import IssueDesk
from app.desk.profiles import password_ok
from app.desk.refused import IssueRefused

DEMO_SUPERVISOR = "zhuguan"  # as the demo shop's own supervisor logs in (app/shopsim/world.py)
DEMO_SUPERVISOR_PASSWORD = "zhuguan-demo"

READY, MADE, OTHERS = "ready", "made", "others"


def demo_supervisor(desk: IssueDesk) -> str:
    """MADE: zhuguan is now the store's first supervisor; READY: it was already one; OTHERS: the store has
    supervisors of its own (or a team's server that keeps that to its owner), so the demo has none."""
    if desk.role(DEMO_SUPERVISOR) == "supervisor":
        return READY
    try:
        desk.add_profile(DEMO_SUPERVISOR, "supervisor", DEMO_SUPERVISOR_PASSWORD)
    except (IssueRefused, StoreError):
        return OTHERS
    return MADE


def demo_password_left(desk: IssueDesk) -> bool:
    """The store's zhuguan is a supervisor who still opens with the demo's published password (a store the demo
    ran on, then used for the real shop): anyone who read the README could approve refunds."""
    found = desk.people.profile(DEMO_SUPERVISOR)
    return found is not None and found[0] == "supervisor" and password_ok(DEMO_SUPERVISOR_PASSWORD, found[1])
