"""What the demo shop brings into the store: its starter phrases (once) and its supervisor, so an over-limit refund
can be approved in the demo: `zhuguan` with a password the demo shows on its status line and in Help.

The supervisor is made through the desk's first-supervisor path (IssueDesk.add_profile), so the store's rules hold as they
do for anyone: only in a store that has no supervisor yet, audited as the first supervisor. A store with
supervisors of its own gets none, and its approvals take one of them. Because the password is public, a desk
that is not the demo warns while that supervisor still opens with it (demo_password_left).
"""

from __future__ import annotations

import logging

from app.quickreplies.phrase import Phrase
from app.quickreplies.starter import STARTER
from app.store.errors import StoreError
from app.store.store import Store

from app.desk.issues import IssueDesk
from app.desk.profiles import password_ok
from app.desk.refused import IssueRefused

DEMO_SUPERVISOR = "zhuguan"  # as the demo shop's own supervisor logs in (app/shopsim/world.py)
DEMO_SUPERVISOR_PASSWORD = "zhuguan-demo"

log = logging.getLogger("kefudesk.demo")

READY, MADE, OTHERS = "ready", "made", "others"

# In the store's meta table once the demo's starter phrases were offered to this store: a starter phrase the shop
# deleted stays deleted, across restarts and upgrades. Stored data: the key never changes.
STARTER_OFFERED_KEY = "phrases.starter_offered"


def add_starter_phrases(store: Store) -> int:
    """The demo's starter phrases (app/quickreplies/starter.py) into a library that is empty and never had them;
    returns how many were added. Only once per store: a library that already holds phrases (a store the desk used
    before they became the demo's own) is marked as offered and left as it is."""
    if store.get_meta(STARTER_OFFERED_KEY):
        return 0
    try:
        added = 0 if store.phrases() else len(store.add_phrases(
            Phrase(0, title, body, group, abbreviation, slot) for title, body, group, abbreviation, slot in STARTER))
        store.set_meta(STARTER_OFFERED_KEY, "1")
    except StoreError as exc:  # e.g. a store that can only be read: the demo runs without them, offered next time
        log.warning("starter phrases not added: %s", exc)
        return 0
    return added


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
