"""What the issue dialogs (and the buyer pane's issue list) say the same way: an issue in one line, and a refusal
from the desk's issue rules in the agent's language."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from app.store.records import IssueRecord

from app.desk.refused import IssueRefused

from app.ui.labels import label, say


def issue_line(issue: IssueRecord) -> str:
    order = QCoreApplication.translate("IssueLabel", "order %1").replace("%1", issue.order_no) if issue.order_no else ""
    parts = [f"#{issue.id}", f"{label(issue.stage)}·{label(issue.category)}", label(issue.state), order]
    return "  ".join(p for p in parts if p)


def refusal(refused: IssueRefused) -> str:
    """What the rules said, in the agent's language (the reason names the field)."""
    return QCoreApplication.translate("IssueLabel", "Not saved: %1").replace("%1", say(refused.reason))
