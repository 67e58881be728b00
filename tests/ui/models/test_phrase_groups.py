"""The phrase manager's group tree (app/ui/models/phrase_groups.py): Qt's model checks pass with groups in it; a
sub-group sits under its parent, every node knows its whole path, and a group that is gone chooses all phrases."""

from __future__ import annotations

from app.ui.models.phrase_groups import GroupRole, PhraseGroups


def test_the_tree_passes_qts_checks_and_nests_sub_groups(qtmodeltester):
    model = PhraseGroups()
    chosen = model.show_groups(["售前", "售后", "售后/退款"], 12, "售后/退款")
    qtmodeltester.check(model)
    everything = model.index(0, 0)
    assert model.rowCount() == 1 and everything.data() == "All phrases (12)" and everything.data(GroupRole) == ""
    assert [model.index(r, 0, everything).data() for r in range(model.rowCount(everything))] == ["售前", "售后"]
    after_sale = model.index(1, 0, everything)
    assert model.index(0, 0, after_sale).data(GroupRole) == "售后/退款" == chosen.data(GroupRole)
    assert model.show_groups(["售前"], 3, "售后/退款") == model.index(0, 0)  # gone: all phrases
