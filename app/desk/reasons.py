"""Why the desk refused, flagged or suggested something, in a form every front-end can word for itself.

A Reason is the English sentence (what the CLI prints and the audit log keeps) that also carries a stable key and
the values it was built from, so the Qt UI can show the same reason in the agent's language. It is a str, so code
that only logs or joins reasons needs nothing special.
"""

from __future__ import annotations


class Reason(str):
    key: str
    params: dict[str, str]

    def __new__(cls, key: str, text: str, **params: object) -> Reason:
        reason = super().__new__(cls, text)
        reason.key = key
        reason.params = {name: str(value) for name, value in params.items()}
        return reason

    def __reduce__(self) -> tuple[object, ...]:  # survives copy and pickle with its key and values
        return (_rebuild, (self.key, str(self), self.params))


def _rebuild(key: str, text: str, params: dict[str, str]) -> Reason:
    return Reason(key, text, **params)
