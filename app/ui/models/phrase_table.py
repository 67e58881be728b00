"""The phrase manager's table: every phrase of the library a row (slot, title, abbreviation, group, text, uses,
last used, whose, complaining buyers), edited in place and dragged to reorder slots; GroupFilter shows one group's
phrases that match the filter text. Edits and drops go out as signals: the window writes them through the book."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import (
    QAbstractTableModel,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtWidgets import QWidget

from app.quickreplies.phrase import Phrase

from app.desk.phrases import not_for_complaints

Index = QModelIndex | QPersistentModelIndex
PhraseRole = Qt.ItemDataRole.UserRole + 1
SortRole = Qt.ItemDataRole.UserRole + 2
MIME = "application/x-kefudesk-phrase-ids"

SLOT, TITLE, ABBREVIATION, GROUP, BODY, USES, LAST_USED, OWNER, COMPLAINTS = range(9)
EDITABLE = {SLOT, TITLE, ABBREVIATION, GROUP, BODY}


class PhraseTableModel(QAbstractTableModel):
    sig_edit = Signal(object)
    """An edited Phrase from an in-place edit, for the window to write (and make undoable)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.phrases: list[Phrase] = []

    def headers(self) -> list[str]:
        return [self.tr("Slot"), self.tr("Title"), self.tr("Abbreviation"), self.tr("Group"), self.tr("Text"),
                self.tr("Uses"), self.tr("Last used"), self.tr("For"), self.tr("Complaining buyers")]

    def show(self, phrases: list[Phrase]) -> None:
        self.beginResetModel()
        self.phrases = list(phrases)
        self.endResetModel()

    def counted(self, phrase: Phrase) -> None:
        """A phrase fired meanwhile: its uses and last use shown again, the row where it is."""
        for row, shown in enumerate(self.phrases):
            if shown.id == phrase.id:
                self.phrases[row] = phrase
                self.dataChanged.emit(self.index(row, USES), self.index(row, LAST_USED))
                return

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.phrases)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else 9

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers()[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        p = self.phrases[index.row()]
        column = index.column()
        if role == PhraseRole:
            return p
        if role == SortRole:
            return [p.slot or 99, p.title, p.abbreviation, p.group, p.body, p.uses,
                    p.last_used.timestamp() if p.last_used else 0, p.owner, not_for_complaints(p)][column]
        if role == Qt.ItemDataRole.ToolTipRole and column == BODY:  # every text, numbered as the palette shows them
            return p.body if not p.variants else "\n\n".join(f"{n}. {text}" for n, text in enumerate(p.texts, 1))
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            editing = role == Qt.ItemDataRole.EditRole
            if column == SLOT:
                return (p.slot or 0) if editing else (str(p.slot) if p.slot else "")
            if column == BODY and not editing:  # the first text, and how many more the phrase has
                more = f"  (+{len(p.variants)})" if p.variants else ""
                return " ⏎ ".join(line for line in p.body.splitlines() if line.strip()) + more
            if column == OWNER:
                return self.tr("me (%1)").replace("%1", p.owner) if p.owner else self.tr("the shop")
            if column == COMPLAINTS:
                return self.tr("not for them") if not_for_complaints(p) else ""
            if column == TITLE and p.image and not editing:
                return "🖼 " + p.title
            if column == LAST_USED:
                return p.last_used.astimezone().strftime("%Y-%m-%d %H:%M") if p.last_used else ""
            return [None, p.title, p.abbreviation, p.group, p.body, p.uses, None][column]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():  # below the last row: a drop there moves the phrases to the end
            return super().flags(index) | Qt.ItemFlag.ItemIsDropEnabled
        flags = super().flags(index) | Qt.ItemFlag.ItemIsDragEnabled | Qt.ItemFlag.ItemIsDropEnabled
        return flags | Qt.ItemFlag.ItemIsEditable if index.column() in EDITABLE else flags

    def setData(self, index: Index, value: object, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or index.column() not in EDITABLE:
            return False
        p = self.phrases[index.row()]
        column = index.column()
        if column == SLOT:
            edited = replace(p, slot=int(value) or None)  # type: ignore[call-overload]
        else:
            field = {TITLE: "title", ABBREVIATION: "abbreviation", GROUP: "group", BODY: "body"}[column]
            text = str(value) if column == BODY else str(value).strip()
            edited = replace(p, **{field: text})
        if edited != p:
            self.sig_edit.emit(edited)  # the window writes it; the model is refreshed from the book after
        return False  # shown from the book, not from here: a refused edit leaves the old value in place

    def supportedDropActions(self) -> Qt.DropAction:  # noqa: N802 - Qt override
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:  # noqa: N802 - Qt override
        return [MIME]

    def mimeData(self, indexes: list[QModelIndex]) -> QMimeData:  # noqa: N802 - Qt override
        ids = list(dict.fromkeys(self.phrases[i.row()].id for i in indexes if i.isValid()))
        data = QMimeData()
        data.setData(MIME, ",".join(map(str, ids)).encode())
        return data


class GroupFilter(QSortFilterProxyModel):
    """Phrases of one group (and its sub-groups), matching the filter text the way the palette matches."""

    sig_dropped = Signal(list, int)
    """(dragged phrase ids, the phrase id they were dropped on, 0 for the end): reorder slots."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.group = ""
        self.matching: set[int] | None = None
        self.setSortRole(SortRole)

    def set_filter(self, group: str, matching: set[int] | None) -> None:
        if hasattr(self, "beginFilterChange"):  # Qt 6.10 and later; invalidateFilter() is deprecated there
            self.beginFilterChange()
            self.group, self.matching = group, matching
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            self.group, self.matching = group, matching
            self.invalidateFilter()

    def filterAcceptsRow(self, row: int, parent: Index) -> bool:  # noqa: N802 - Qt override
        p: Phrase = self.sourceModel().phrases[row]  # type: ignore[attr-defined]
        if self.group and p.group != self.group and not p.group.startswith(self.group + "/"):
            return False
        return self.matching is None or p.id in self.matching

    def dropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int,  # noqa: N802
                     parent: Index) -> bool:
        if not data.hasFormat(MIME):
            return False
        ids = [int(x) for x in bytes(data.data(MIME).data()).decode().split(",") if x]
        target = self.index(row, 0) if row >= 0 else parent
        onto = target.data(PhraseRole) if target.isValid() else None
        self.sig_dropped.emit(ids, onto.id if onto else 0)
        return False  # the window rearranges through the book; nothing is removed by the view
