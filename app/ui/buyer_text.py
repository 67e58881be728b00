"""Text written by buyers, made safe to show: never markup, never able to reorder what the desk draws around it.

Rules (tests/ui/test_hostile_text.py holds the desk to them):
- Buyer text is drawn as plain text (QPainter.drawText, item views, PlainText labels). Where Qt would guess
  "rich text" on its own (tool tips, AutoText labels), it gets `tooltip()`: escaped HTML, shown literally.
- The explicit bidi controls (U+202A–U+202E embeddings and overrides, U+2066–U+2069 isolates) are dropped
  from what is shown. A buyer has no honest use for them in a Chinese shop's chat, and an override makes
  "退款 <U+202E>001" read as "退款 100" or turns a nick's tail around; Arabic or Hebrew letters still read right to
  left by their own nature. The stored text, search and copy keep every character.
- Spliced into a sentence of the desk's own (the status bar's "%1 muted…"), buyer text is also wrapped in a
  first-strong isolate, so even its natural right-to-left letters cannot move the desk's words.
- Zero-width characters stay: ZWJ and ZWNJ join emoji (👩‍👩‍👧) and scripts; an invisible one changes
  nothing that is drawn around it.
"""

from __future__ import annotations

import html
import re

from PySide6.QtCore import QCoreApplication

_ANY_BIDI_CONTROL = re.compile("[\u202a-\u202e\u2066-\u2069]")
FSI, PDI = "\u2068", "\u2069"  # first-strong isolate … pop directional isolate
PREVIEW_CHARS = 400  # a one-line preview never needs more than this; a 100 KB message is cut before layout


def shown(text: str) -> str:
    """What is drawn for a buyer's text: the text without explicit bidi controls."""
    return _ANY_BIDI_CONTROL.sub("", text)


def isolated(text: str) -> str:
    """Buyer text to splice into a sentence of the desk's own: shown() and isolated from its neighbours."""
    return f"{FSI}{shown(text)}{PDI}"


def one_line(text: str, limit: int = PREVIEW_CHARS) -> str:
    """The start of a text on one line (runs of white space, line breaks included, become one space)."""
    return " ".join(shown(text[: limit * 2]).split())[:limit]


def tooltip(text: str) -> str:
    """A tool tip showing the text literally: Qt renders a tool tip as HTML when it looks like HTML."""
    escaped = html.escape(shown(text), quote=False).replace("\n", "<br>")
    return f"<p style='white-space:pre-wrap'>{escaped}</p>"


def cut_note(text: str, limit: int) -> str:
    """What the desk says where it shows only the first `limit` characters of a text, else ""."""
    left = len(text) - limit
    if left <= 0:
        return ""
    return QCoreApplication.translate("BuyerText", "%1 more characters not shown").replace("%1", f"{left:,}")
