"""IssueRefused: the desk's rules said no — to an issue, an action's field, a limit, a profile or a password.

Raised below any UI, so a script or a second front-end meets the same rules: the code says what is wrong, the
field which input, the reason the words a front-end shows (the UI words it, the CLI prints it).
"""

from __future__ import annotations


class IssueRefused(ValueError):
    """code: what is wrong (unknown_category, bad_amount, over_order_total, missing_field, not_supervisor…);
    field: which input; detail: the value or limit involved."""

    def __init__(self, code: str, message: str, field: str = "", detail: str = "") -> None:
        super().__init__(message)
        self.code, self.field, self.detail = code, field, detail
        self.reason = message  # a Reason: the key and values a front-end words in its own language
