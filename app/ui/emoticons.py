"""Wangwang / Qianniu emoticon codes (`/:^_^`, `/:087`…) drawn as the emoji they stand for.

Buyers' Wangwang sends a smiley as its code; the desk showed the code. The table is data with its source
(wangwang_emoticons.tsv beside this module). Only what is drawn changes: the text stays plain text (no markup,
no pictures), and the store, search and exports keep the code as it was sent.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from PySide6.QtGui import QFont, QFontMetrics, QGuiApplication

TABLE = Path(__file__).with_name("wangwang_emoticons.tsv")


@dataclass(frozen=True)
class Face:
    number: int
    code: str
    name: str
    emoji: str  # "" where no emoji fits (支付宝): the name is shown


def read_table(path: Path = TABLE) -> list[Face]:
    faces = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            number, code, name, emoji = line.split("\t")
            faces.append(Face(int(number), code, name, emoji))
    return faces


@cache
def _faces() -> tuple[dict[str, Face], re.Pattern[str]]:
    by_code = {face.code: face for face in read_table()}
    # longest first: /:O=O (老大) before /:O (惊愕), as Wangwang reads it
    pattern = re.compile("|".join(re.escape(code) for code in sorted(by_code, key=len, reverse=True)))
    return by_code, pattern


def with_faces(text: str, drawable: Callable[[str], bool]) -> str:
    """text with each emoticon code as its emoji, or as [name] where drawable(emoji) says the fonts lack it."""
    if "/:" not in text:
        return text
    by_code, pattern = _faces()

    def face(found: re.Match[str]) -> str:
        shown = by_code[found.group(0)]
        return shown.emoji if shown.emoji and drawable(shown.emoji) else f"[{shown.name}]"

    return pattern.sub(face, text)


class FaceDrawer:
    """with_faces() for one font: an emoji is drawn when the font, or a font Qt falls back to, has every one of
    its characters (a machine without an emoji font gets [微笑], not a box)."""

    def __init__(self, font: QFont | None = None) -> None:
        self._metrics = QFontMetrics(font if font is not None else QGuiApplication.font())
        self._drawable: dict[str, bool] = {}

    def drawable(self, emoji: str) -> bool:
        known = self._drawable.get(emoji)
        if known is None:
            known = self._drawable[emoji] = all(self._metrics.inFontUcs4(ord(c)) for c in emoji)
        return known

    def __call__(self, text: str) -> str:
        return with_faces(text, self.drawable)


@cache
def app_faces() -> FaceDrawer:
    """One drawer for the application's font, shared by the chat's bubbles and the queue's previews."""
    return FaceDrawer()
