"""No reply leaves the desk with a 【blank】 in it: a variable the chat had no value for, an asked value not
given, or a phrase's setup placeholder (app/quickreplies/template.py says how a blank is told from a bracket
anybody typed). The session refuses such a reply before anything is stored, whichever way it was sent.
"""

from __future__ import annotations

import re

from app.quickreplies.template import MARK, VARIABLES, Blank, find_blanks

from app.desk.reasons import Reason

# 【订单号】 as a reply held it before placeholders were marked: a reply stored then (a refused one, waiting for F5)
# is read as if it were marked, so it is not sent again with the blank the shop never delivered
_OLD_PLACEHOLDER = re.compile("(?<!" + MARK + ")(【(?:" + "|".join(map(re.escape, VARIABLES.values())) + ")】)(?!"
                              + MARK + ")")


class UnfilledBlank(ValueError):
    """The reply still has a blank; args[0] is a Reason naming the first, blanks lists them all (spans in the text
    as it was given), so a front-end can put the cursor on the first."""

    def __init__(self, reason: Reason, blanks: list[Blank]) -> None:
        super().__init__(reason)
        self.blanks = blanks


def refuse_blanks(text: str) -> None:
    """UnfilledBlank if text has a blank, else nothing."""
    blanks = find_blanks(text)
    if not blanks:
        return
    first = blanks[0]
    if first.setup:
        raise UnfilledBlank(Reason("reply_setup_blank", f"not sent: {first.text} is still in the reply — the phrase "
                                   "was never finished; write the shop's own words there, and in the phrase "
                                   "manager for next time", blank=first.text), blanks)
    raise UnfilledBlank(Reason("reply_blank", f"not sent: fill in the blank {first.text} first",
                               blank=first.text, count=len(blanks)), blanks)


def marked_as_blanks(text: str) -> str:
    """A reply from before blanks were marked, with each variable's 【label】 marked as the blank it was."""
    return _OLD_PLACEHOLDER.sub(lambda m: MARK + m.group(1) + MARK, text)
