"""What a search of every stored chat found, as a list model: messages newest first, then the imported past chats'
(marked as history), then buyers, order nos. and issue notes. Each row's text is the plain hit (what a screen reader says); HtmlRole gives the head line and
the hit in its context with the matched words marked, which the search window's delegate draws. Its words are
the search window's (one translation context for the window and its list)."""

from __future__ import annotations

import html
from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, QModelIndex, QPersistentModelIndex, Qt

from app.store.search_hits import HistoryHit, MessageHit, OtherHit

from app.ui.buyer_text import isolated, shown
from app.ui.models.record_list import RecordList

Index = QModelIndex | QPersistentModelIndex
translate = QCoreApplication.translate  # (lupdate finds the calls by this name)
HtmlRole = Qt.ItemDataRole.UserRole + 1
HitRole = Qt.ItemDataRole.UserRole + 2
CONTEXT = 40  # characters shown either side of the first hit


def _escaped(text: str) -> str:
    return html.escape(shown(text))


def marked(text: str, spans: tuple[tuple[int, int], ...]) -> str:
    """The text around the first hit as HTML: everything escaped, the hits in bold red (the only markup); bidi
    controls are dropped piece by piece, so the spans, counted in the stored text, still fit."""
    if spans:
        first = max(0, spans[0][0] - CONTEXT)
        last = min(len(text), spans[0][1] + CONTEXT)
    else:
        first, last = 0, min(len(text), 2 * CONTEXT)
    out, position = [], first
    for start, end in spans:
        if start < first or end > last:
            continue
        out.append(_escaped(text[position:start]))
        out.append(f"<b style='color:#C0392B'>{_escaped(text[start:end])}</b>")
        position = end
    out.append(_escaped(text[position:last]))
    return ("…" if first else "") + "".join(out).replace("\n", " ") + ("…" if last < len(text) else "")


class SearchResults(RecordList[MessageHit | HistoryHit | OtherHit]):
    def __init__(self, parent: object = None) -> None:
        super().__init__(parent)
        self._shown: list[tuple[str, str]] = []  # (plain, html) per hit, worked out once

    def set_rows(self, rows: Sequence[MessageHit | HistoryHit | OtherHit]) -> None:
        """A new search's results, each worked out before the views hear of them."""
        shown = [self._row(hit) for hit in rows]
        self.beginResetModel()
        self.rows, self._shown = list(rows), shown
        self.endResetModel()

    @staticmethod
    def _row(hit: MessageHit | HistoryHit | OtherHit) -> tuple[str, str]:
        if isinstance(hit, MessageHit):
            who = {"in": translate("SearchWindow", "buyer"), "out": translate("SearchWindow", "agent"),
                   "robot": translate("SearchWindow", "robot"), "system": translate("SearchWindow", "system")}
            when = hit.message.sent_at.astimezone().strftime("%Y-%m-%d %H:%M")
            head = html.escape(f"{when} · {isolated(hit.buyer_nick)} · {who.get(hit.message.direction, '')}")
            body = marked(hit.message.text, hit.spans)
            plain = hit.message.text
        elif isinstance(hit, HistoryHit):  # imported past chats: said so first, their time only when the file gave one
            who = {"buyer": translate("SearchWindow", "buyer"), "agent": translate("SearchWindow", "agent")}
            when = hit.at.astimezone().strftime("%Y-%m-%d %H:%M") if hit.at is not None else ""
            parts = [translate("SearchWindow", "History"), when, isolated(hit.buyer), who.get(hit.sender, "")]
            head = html.escape(" · ".join(p for p in parts if p))
            body, plain = marked(hit.text, hit.spans), hit.text
        else:
            kinds = {"buyer": translate("SearchWindow", "Buyer"), "order": translate("SearchWindow", "Order"),
                     "issue": translate("SearchWindow", "Issue")}
            head = html.escape(kinds.get(hit.kind, hit.kind))
            body, plain = marked(hit.title, hit.spans), hit.title
        return plain, f"<span style='color:#707070'>{head}</span><br>{body}"

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        hit = self.row_at(index)
        if hit is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._shown[index.row()][0]
        if role == HtmlRole:
            return self._shown[index.row()][1]
        if role == HitRole:
            return hit
        return None
