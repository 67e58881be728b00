"""A desk connected to the simulator: the worklist fetches the back-end's problem-order list (Ctrl+Shift+F) with
a preview, and a missing-item issue's details fetch the courier's weights and slip and show the suggestion."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from app.ui.issue_dialogs.details import IssueDetails
from app.ui.worklist import ProblemImportDialog

pytestmark = pytest.mark.integration


def test_the_worklist_fetches_the_shops_problem_list_and_imports_it_once(qtbot, sim, open_desk):
    desk = open_desk()
    worklist = desk.window.issues.open_worklist()
    qtbot.waitUntil(worklist.isActiveWindow)
    expected = len(sim.world.problem_orders)
    qtbot.keyClick(worklist, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: isinstance(worklist.findChild(ProblemImportDialog), ProblemImportDialog))
    dialog = worklist.findChild(ProblemImportDialog)
    qtbot.waitUntil(dialog.import_button.isEnabled, timeout=10_000)
    assert f"{expected} new" in dialog.summary.text()
    dialog.import_button.click()
    qtbot.waitUntil(lambda: worklist.model.rowCount() == expected, timeout=10_000)
    assert all(item.phone for item in worklist.model.items)
    again = worklist.fetch_list()
    qtbot.waitUntil(lambda: f"{expected} already on the worklist" in again.summary.text(), timeout=10_000)
    again.reject()


def test_a_missing_item_issue_fetches_the_couriers_weights_and_shows_the_suggestion(qtbot, sim, open_desk):
    desk = open_desk()
    buyer, order = next((b, o) for b in sim.world.buyers for o in b.orders if o.tracking_no)
    sim.world._chat_for(buyer, "missing", sim.world.clock())  # quiet simulator: safe to touch its world
    desk.store.upsert_orders([order], order.created_at)
    issue = desk.window.issue_desk.open_issue(stage="after_sale", category="missing_item", order_no=order.no,
                                              buyer_id=buyer.id, buyer_nick=buyer.nick)
    details = desk.window.issues.details_of(issue)
    assert isinstance(details, IssueDetails) and details.weights is not None
    qtbot.waitUntil(details.weights.fetch_button.isEnabled)
    details.weights.fetch_button.click()
    qtbot.waitUntil(lambda: details.weights.check is not None, timeout=10_000)
    parcel = sim.world.parcel(order.tracking_no)
    shown = details.weights.result.text()
    assert details.weights.origin.value() == parcel.origin_weight_g
    assert ("Probably genuine" in shown) == any(not line.ticked for line in parcel.packing_slip)
    assert "Packing slip:" in shown and order.items[0].title in shown
    details.reject()
