"""The phrase palette's list: the phrases matching what the agent typed, best first, a phrase with several texts
followed by one row a text, numbered 1, 2, 3; with no match, one line that says so (and, where the window offers it,
one that saves a new phrase)."""

from __future__ import annotations

from PySide6.QtCore import QAbstractListModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from app.quickreplies.match import Match
from app.quickreplies.phrase import Phrase

Index = QModelIndex | QPersistentModelIndex
PhraseRole = Qt.ItemDataRole.UserRole + 4  # a variant's row gives the phrase with that text only (Phrase.as_variant)
VariantRole = Qt.ItemDataRole.UserRole + 5  # the text's number on a variant's row (1 the first), None on a phrase's
NEW_PHRASE_ROW = 1  # with no match: row 0 says so, row 1 offers to save a new phrase


def one_line(text: str, limit: int = 60) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def _line(phrase: Phrase) -> str:
    abbreviation = f"  [{phrase.abbreviation}]" if phrase.abbreviation else ""
    picture = "🖼 " if phrase.image else ""  # an image phrase: its picture goes with the reply
    return f"{picture}{phrase.title}{abbreviation}\n{one_line(phrase.body)}"


def _variant_line(number: int, text: str) -> str:
    return f"      {number}  {one_line(text, 54)}"


class PaletteModel(QAbstractListModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._matches: list[Match] = []
        self._rows: list[tuple[Phrase, int | None]] = []  # (phrase, its text's index on a variant's row)
        self._lines: list[str] = []
        self._query = ""
        self.offer_new = False  # with no match, a row that saves a new phrase

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        if parent.isValid():
            return 0
        return len(self._rows) or (2 if self.offer_new else 1)

    def matched(self) -> bool:
        return bool(self._matches)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not self._matches and index.row() != NEW_PHRASE_ROW:
            return Qt.ItemFlag.NoItemFlags  # the "nothing matches" line is a note, never chosen
        return super().flags(index)

    def _no_match(self, row: int, role: int) -> object:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if row == NEW_PHRASE_ROW:
            return self.tr("Save as a new phrase… (Enter)")
        if not self._query.strip():
            return self.tr("No phrases yet")
        return self.tr("No phrase matches “%1”").replace("%1", one_line(self._query, 40))

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < self.rowCount():
            return None
        if not self._matches:
            return self._no_match(index.row(), role)
        phrase, variant = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._lines[index.row()]
        if role == Qt.ItemDataRole.ToolTipRole:
            return phrase.texts[variant or 0]
        if role == PhraseRole:
            return phrase if variant is None else phrase.as_variant(variant)
        if role == VariantRole:
            return None if variant is None else variant + 1
        return None

    def show_matches(self, matches: list[Match], query: str = "") -> None:
        # a new result list per keystroke: a reset is the honest signal here, and the list is short
        self.beginResetModel()
        self._matches = matches
        self._rows = [row for m in matches for row in [(m.phrase, None), *self._variant_rows(m.phrase)]]
        # the view asks for each line several times a paint
        self._lines = [_line(p) if n is None else _variant_line(n + 1, p.texts[n]) for p, n in self._rows]
        self._query = query
        self.endResetModel()

    @staticmethod
    def _variant_rows(phrase: Phrase) -> list[tuple[Phrase, int | None]]:
        return [(phrase, n) for n in range(len(phrase.texts))] if phrase.variants else []

    def has_variants(self) -> bool:
        return len(self._rows) > len(self._matches)

    def titles(self) -> list[str]:
        return [m.phrase.title for m in self._matches]

    def phrase_row(self, row: int) -> int:
        """The row of the phrase that row belongs to (itself on a phrase's row)."""
        while row > 0 and self._rows[row][1] is not None:
            row -= 1
        return row
