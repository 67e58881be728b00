"""Heights in lines of text rather than pixels: a text box made as high as four lines of its own font still shows
four lines when the font grows (a bigger system font, text at 150–200 %), where a height in pixels would cut it
to two."""

from __future__ import annotations

from PySide6.QtWidgets import QPlainTextEdit, QTextEdit

LAYOUT_SLACK = 6  # what Qt's text layout needs beyond the lines, frame and margins before the scroll bar goes (5)


def lines_high(box: QPlainTextEdit | QTextEdit, lines: int) -> int:
    """The height that shows `lines` lines of box's font without scrolling."""
    return (lines * box.fontMetrics().lineSpacing() + 2 * box.frameWidth()
            + 2 * round(box.document().documentMargin()) + LAYOUT_SLACK)
