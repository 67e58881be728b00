"""The per-shop settings the desk keeps in the store's meta table, declared once: each one's key, the shape of its
stored value, what a store without it uses, who may change it and what it is for. Every desk (and, in team mode,
every agent) sharing the store shares them. Code reads and writes them through these declarations, never by a
key of its own; the module that owns a setting still types and checks its value.

The keys are stored data: existing stores hold them and a team's server checks some of them by name
(app/store/team.py, team.sql; tests/unit/store/test_team.py keeps the two in step), so a key never changes.

Not here: what one window remembers of itself (geometry, shortcuts), which lives in settings.toml (app/config.py);
and at the end, the few things a desk remembers in the store about its own connection, which are no settings.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.store.store import Store

ANYONE = "anyone at the desk"
SUPERVISOR = "a supervisor (name and password; on a team's server only a supervisor's login)"


@dataclass(frozen=True)
class ShopSetting:
    key: str  # in the store's meta table: never changes (see above)
    shape: str  # the stored value, in words
    default: str  # what a store without it, or with a value that cannot be read, uses
    changed_by: str
    help: str

    def read(self, store: Store) -> str:
        """The stored value as text ("" when the shop never set it)."""
        return store.get_meta(self.key)

    def write(self, store: Store, value: str) -> None:
        """Store the value (already checked by the setting's owner, which also writes the audit entry)."""
        store.set_meta(self.key, value)


POLICY = ShopSetting(
    "issues.policy", "JSON object of app.desk.policy.Policy's fields (shares as fractions, money in fen)",
    "Policy()'s limits: 1% rounding, 3 a day, ¥6.00 and 30% partial refund, ¥20.00 gift", SUPERVISOR,
    "what an agent may give back without a supervisor (kefudesk policy; Issues → Limits for agents)")
GUARD_ADDED = ShopSetting(
    "guard.added", "JSON list of words", "none", f"{ANYONE} (it only makes the guard stricter)",
    "the shop's own banned words, added to the shipped lists (app/desk/guard.py)")
GUARD_REMOVED = ShopSetting(
    "guard.removed", "JSON list of words", "none", f"{SUPERVISOR}, when the store has one",
    "banned words switched off, shipped ones included: replies with them reach buyers")
ANGRY_WORDS = ShopSetting(
    "queue.angry_words", "JSON list of words (1–40 characters each, at most 300)",
    "app.desk.queue.ANGRY_WORDS (投诉, 差评, 12315…)", ANYONE,
    "words that put a buyer's chat at the top of the queue as urgent")
ROBOT = ShopSetting(
    "robot.settings", "JSON object of app.desk.robot.RobotSettings (its rules with their phrase ids)",
    "RobotSettings(): off", f"{ANYONE} (audited)",
    "the robot first answer: when it answers and with which phrase")
CLIPBOARD = ShopSetting(
    "clipboard.settings", "JSON object of app.desk.clipboard.ClipSettings",
    "ClipSettings(): on, 30 days, 5000 entries, password managers excluded", ANYONE,
    "the clipboard history: whether it is kept, how long, which programs it never keeps")
REVIEW_CHECKLIST = ShopSetting(
    "review.checklist", "JSON list of [item, weight 1–100] pairs", "app.desk.review.DEFAULT_CHECKLIST",
    f"{ANYONE} (audited)", "the quality review's (质检) checklist and each item's weight")
ORDER_MAPPING = ShopSetting(
    "orders.mapping", "JSON object: field → column header", "found from the known header names",
    "whoever imports an order export (remembered by the import)",
    "which column of the marketplace's order export holds which field")
PROBLEM_MAPPING = ShopSetting(
    "problems.mapping", "JSON object: field → column header", "found from the known header names",
    "whoever imports a problem-order list (remembered by the import)",
    "which column of the back-end's problem-order list holds which field")

SHOP_SETTINGS = (POLICY, GUARD_ADDED, GUARD_REMOVED, ANGRY_WORDS, ROBOT, CLIPBOARD, REVIEW_CHECKLIST, ORDER_MAPPING,
                 PROBLEM_MAPPING)


# --- what a desk remembers in the store about its own work: no settings, nobody changes them ----------------------

def resume_point_key(base_url: str) -> str:
    """The id of the last event this store took from the shop at base_url: the stream resumes after it."""
    return f"last_event_id:{base_url}"


def agent_id_key(base_url: str, shop: str, login: str) -> str:
    """This login's agent id at the shop, for the logins with a saved token after the first."""
    return f"agent_id:{base_url}|{shop}|{login}"


def recent_answers_key(agent: str) -> str:
    """The values an agent gave in each recent chat's ask form, offered again (app/desk/asks.py)."""
    return f"asks.recent:{agent}"
