"""Agents by the name people know them by (花名): buyers read it in {agent}, owners in the review and the KPIs.

The records name an agent by an id: the shop's agent id on what the gateway sent (agent-xiaowang), the desk's
login on what this desk did itself (replies, issue actions, the audit log). The store's agent table keeps a
display name for each such id, learned from the shop: its agent list (Colleague.name) and each login's session.
Only an id nothing has named is shown as it is.
"""

from __future__ import annotations

from collections.abc import Iterable

from app.store.store import Store


class AgentNames:
    """A snapshot of the store's display names, read once (a report asks thousands of times)."""

    def __init__(self, store: Store | None = None, known: dict[str, str] | None = None) -> None:
        self._known = dict(known or {})
        if store is not None:
            self._known |= store.agent_names()

    def of(self, agent_id: str) -> str:
        """The agent's display name; the id itself when nothing named it (and "" for no one)."""
        return self._known.get(agent_id, agent_id)

    def all_of(self, agent_ids: Iterable[str]) -> tuple[str, ...]:
        return tuple(self.of(agent_id) for agent_id in agent_ids)
