"""Chinese must render as characters, not as the empty boxes Qt draws when no CJK font is installed."""

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QImage, QPainter


def glyph(char: str, font: QFont) -> bytes:
    image = QImage(40, 40, QImage.Format.Format_Grayscale8)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.setFont(font)
    painter.setPen(QColor("black"))
    painter.drawText(image.rect(), int(Qt.AlignmentFlag.AlignCenter), char)
    painter.end()
    return bytes(image.constBits())


def test_chinese_characters_render_as_distinct_glyphs(qapp):
    font = QFont()
    font.setPixelSize(28)
    drawn = {char: glyph(char, font) for char in "客服台退款"}
    blank = glyph(" ", font)
    assert all(image != blank for image in drawn.values()), "nothing drawn: is a CJK font installed?"
    assert len(set(drawn.values())) == len(drawn), (
        "different characters draw the same box: no CJK font (run: sudo packaging/os-deps.sh)")
