"""Each issue action's fields, typed and checked as a form or a script gives them (app/desk/action_fields.py)."""

import pytest

from app.desk.action_fields import validate
from app.desk.refused import IssueRefused


def test_typed_actions_check_their_fields():
    assert validate("review_outcome", {"group": "2", "changed": "是"}) == {"group": 2, "changed": True}
    for kind, fields, code, field in (
            ("review_outcome", {"group": 5, "changed": True}, "bad_value", "group"),
            ("reship", {"items": "袜子"}, "missing_field", "reason"),
            ("return", {"shipping_paid_by": "courier"}, "bad_value", "shipping_paid_by"),
            ("gift", {"kind": "coupon", "value": -3}, "bad_amount", "value"),
            ("contact", {"channel": "phone", "result": "未接", "colour": "red"}, "unknown_field", "colour"),
            ("teleport", {}, "unknown_action", "kind")):
        with pytest.raises(IssueRefused) as refused:
            validate(kind, fields)
        assert (refused.value.code, refused.value.field) == (code, field)
