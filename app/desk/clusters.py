"""Clusters: several buyers with the same problem on the same item in a short time (a defect, a wrong label), found
among the issues so the supervisor hears of it once instead of reading it five times."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

from app.store.audit_log import Audit
from app.store.issues import IssueFilter, IssueStore
from app.store.records import IssueRecord

from app import domain

CLUSTER_SIZE = 5
CLUSTER_WINDOW = timedelta(hours=24)
CLUSTER_ALERT = "cluster alert"  # the audit entry the supervisor reviews


@dataclass(frozen=True)
class Cluster:
    """Several buyers with the same problem on the same item in a short time: a defect or a wrong label."""

    category: str
    item: str
    issues: tuple[int, ...]

    def alert(self, by: str) -> Audit:
        """The audit entry that puts the cluster where the supervisor reviews overrides and approvals."""
        return Audit(by, CLUSTER_ALERT, None,
                     {"category": self.category, "item": self.item, "issues": list(self.issues)})


def cluster_around(issue: IssueRecord, repo: IssueStore,
                   order: Callable[[str], domain.Order | None]) -> Cluster | None:
    """The cluster this issue completes or belongs to (≥ CLUSTER_SIZE issues of its category on one of its
    order's items within CLUSTER_WINDOW); None when there is none. order: an order by its no."""
    found = order(issue.order_no) if issue.order_no else None
    if found is None or issue.stage not in ("after_sale", "bad_review"):
        return None
    since = issue.opened_at - CLUSTER_WINDOW
    recent = [i for i in repo.issues(IssueFilter(category=issue.category, limit=10_000))
              if i.opened_at >= since and i.order_no]
    for item in found.items:
        key = item.sku or item.title
        ids = tuple(sorted(i.id for i in recent
                           if (o := order(i.order_no)) is not None
                           and any((x.sku or x.title) == key for x in o.items)))
        if len(ids) >= CLUSTER_SIZE:
            return Cluster(issue.category, item.title, ids)
    return None
