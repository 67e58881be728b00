"""The phrase manager: groups on the left, the phrases of the chosen group on the right (sortable, filtered
the way the palette matches), edited in place or in the editor, slots reordered by dragging or Alt+↑/↓,
moved and deleted in bulk — every change undoable with Ctrl+Z."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import (
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QUndoCommand, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QInputDialog,
    QLineEdit,
    QMainWindow,
    QSplitter,
    QTableView,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from app.files.writing import write_atomic

from app.quickreplies.formats.base import PhraseFileError
from app.quickreplies.formats.registry import export, format_for, left_out
from app.quickreplies.phrase import Phrase
from app.store.errors import StoreError

from app.desk.phrases import PhraseBook, PhraseRejected, not_for_complaints

from app.ui.keys.keymap import SHORTCUTS
from app.ui.keys.registry import menu_title
from app.ui.models.phrase_groups import GroupRole, PhraseGroups
from app.ui.models.phrase_table import (
    ABBREVIATION,
    BODY,
    GROUP,
    SLOT,
    TITLE,
    USES,
    GroupFilter,
    PhraseRole,
    PhraseTableModel,
)
from app.ui.phrase_editor import PhraseEditor, describe
from app.ui.phrase_import import ImportDialog
from app.ui.phrase_insights import PhraseInsights

Index = QModelIndex | QPersistentModelIndex


class _Done(QUndoCommand):
    """A change already made: undo() reverses it, redo() makes it again (not on push, it is done)."""

    def __init__(self, text: str, undo: Callable[[], None], redo: Callable[[], None]) -> None:
        super().__init__(text)
        self._undo, self._redo, self._pushed = undo, redo, False

    def undo(self) -> None:
        self._undo()

    def redo(self) -> None:
        if self._pushed:
            self._redo()
        self._pushed = True


class PhraseManager(QMainWindow):
    sig_changed = Signal()
    """The library changed: the desk refreshes its slots and groups."""

    def __init__(self, book: PhraseBook, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.book = book
        self.setObjectName("phraseManager")
        self.setWindowTitle(self.tr("Phrases — KefuDesk"))
        self.undo_stack = QUndoStack(self)
        self.groups = PhraseGroups(self)
        self.group_view = QTreeView()
        self.group_view.setObjectName("phraseGroups")
        self.group_view.setAccessibleName(self.tr("Groups"))
        self.group_view.setModel(self.groups)
        self.group_view.setHeaderHidden(True)
        self.filter = QLineEdit()
        self.filter.setObjectName("phraseFilter")
        self.filter.setPlaceholderText(self.tr("Filter: title, text, abbreviation or pinyin (Ctrl+F)"))
        self.filter.setClearButtonEnabled(True)
        self.model = PhraseTableModel(self)
        self.proxy = GroupFilter(self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView()
        self.table.setObjectName("phraseTable")
        self.table.setAccessibleName(self.tr("Phrases"))
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(SLOT, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.EditKeyPressed
                                   | QAbstractItemView.EditTrigger.DoubleClicked)
        self.table.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.table.setDragEnabled(True)
        self.table.setAcceptDrops(True)
        self.table.setDropIndicatorShown(True)
        self.table.horizontalHeader().setStretchLastSection(False)
        for column, width in ((SLOT, 48), (TITLE, 130), (ABBREVIATION, 80), (GROUP, 110), (BODY, 420), (USES, 70)):
            self.table.horizontalHeader().resizeSection(column, width)
        self.table.verticalHeader().hide()
        right = QWidget()
        layout = QVBoxLayout(right)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.filter)
        layout.addWidget(self.table, 1)
        split = QSplitter()
        split.addWidget(self.group_view)
        split.addWidget(right)
        split.setSizes([220, 900])
        self.setCentralWidget(split)
        self._build_menus()
        self.model.sig_edit.connect(self._edit_in_place)
        book.use_listeners.append(self.model.counted)
        self.proxy.sig_dropped.connect(self._dropped)
        self.filter.textChanged.connect(self._apply_filter)
        self.group_view.selectionModel().currentChanged.connect(lambda *_: self._apply_filter())
        self.refresh()
        self.resize(1150, 650)

    def _build_menus(self) -> None:
        bar = self.menuBar()
        self.menus = {menu: bar.addMenu(menu_title(menu)) for menu in ("phrase", "edit")}
        focus = Qt.FocusReason.ShortcutFocusReason
        SHORTCUTS.add_actions(self, {
            "phrases.new": self.new_phrase, "phrases.edit": self.edit_current, "phrases.import": self.choose_import,
            "phrases.export": self.choose_export, "phrases.close": self.close,
            "phrases.undo": self.undo_stack.createUndoAction(self, self.tr("&Undo")),
            "phrases.redo": self.undo_stack.createRedoAction(self, self.tr("&Redo")),
            "phrases.delete": self.delete_selected, "phrases.move": self.move_selected,
            "phrases.complaints": self.toggle_complaints, "phrases.slot_up": lambda: self.shift_slot(-1),
            "phrases.slot_down": lambda: self.shift_slot(1), "phrases.filter": lambda: self.filter.setFocus(focus),
            "phrases.groups": lambda: self.group_view.setFocus(focus), "phrases.analytics": self.open_insights,
            "phrases.phrases": lambda: self.table.setFocus(focus)}, self.menus)

    # --- files ----------------------------------------------------------------------------------------

    def _file_dialog(self, save: bool) -> QFileDialog:
        dialog = QFileDialog(self)
        self._ime_filters = {  # an input method's file is told by the filter chosen (its name says nothing)
            self.tr("Sogou Pinyin custom phrases (*.txt *.ini)"): "sogou",
            self.tr("QQ Pinyin custom phrases (*.txt *.ini)"): "qq",
            self.tr("Baidu input custom phrases (*.txt *.ini)"): "baidu",
            self.tr("Rime custom_phrase.txt (*.txt)"): "rime",
            self.tr("Microsoft Pinyin self-made phrases (*.dat *.lex)"): "mspy"}
        dialog.setNameFilters([
            self.tr("Phrase files (*.ahk *.yml *.yaml *.csv *.xlsx *.json *.txt *.ini *.dat *.lex)"),
            self.tr("AutoHotKey (*.ahk)"), self.tr("Espanso (*.yml *.yaml)"), self.tr("CSV (*.csv)"),
            self.tr("Excel (*.xlsx)"), self.tr("KefuDesk JSON (*.json)"), *self._ime_filters])
        if save:
            dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
            dialog.selectNameFilter(self.tr("KefuDesk JSON (*.json)"))
            dialog.setDefaultSuffix("json")
        else:
            dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        return dialog

    def choose_import(self) -> None:
        dialog = self._file_dialog(save=False)
        dialog.fileSelected.connect(lambda name: self.import_file(
            Path(name), self._ime_filters.get(dialog.selectedNameFilter(), "")))
        dialog.open()

    def import_file(self, path: Path, fmt: str = "") -> ImportDialog:
        """Preview the file; on Import the new phrases are added at once and selected (Ctrl+Z takes them out)."""
        preview = ImportDialog(self.book, path, fmt, self)
        preview.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        preview.sig_imported.connect(self._imported)
        preview.open()
        return preview

    def _imported(self, ids: list[int]) -> None:
        done = [list(ids)]

        def undo() -> None:
            self.book.delete(done[0])
        self.undo_stack.push(_Done(self.tr("Import %n phrase(s)", "", len(ids)), lambda: self._safely(undo),
                                   lambda: self._problem(self.tr("Import the file again to redo an import."))))
        self.filter.clear()
        self._fill_groups("")
        self._changed()
        self.select_ids(set(ids))
        self.activateWindow()
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)  # the keyboard is on what was just imported
        self._problem(self.tr("%n phrase(s) imported and selected — Ctrl+Shift+M moves them to a group.", "",
                              len(ids)))

    def choose_export(self) -> None:
        dialog = self._file_dialog(save=True)
        dialog.fileSelected.connect(lambda name: self.export_to(
            Path(name), self._ime_filters.get(dialog.selectedNameFilter(), "")))
        dialog.open()

    def shown_phrases(self) -> list[Phrase]:
        return [self.proxy.index(row, 0).data(PhraseRole) for row in range(self.proxy.rowCount())]

    def export_to(self, path: Path, fmt: str = "") -> bool:
        """Write the phrases the table shows (this group, this filter) to path, whole or not at all; fmt: the
        format (by the file's name when not given)."""
        phrases = self.shown_phrases()
        try:
            fmt = fmt or format_for(path)
            data = export(phrases, fmt)
            write_atomic(path, data)
        except PhraseFileError as exc:
            self._problem(str(exc))
            return False
        except OSError as exc:
            self._problem(self.tr("Cannot write %1: %2").replace("%1", str(path)).replace("%2", exc.strerror or ""))
            return False
        skipped = left_out(phrases, fmt)
        message = self.tr("%n phrase(s) exported to %1.", "", len(phrases) - len(skipped)).replace("%1", path.name)
        if skipped:
            message += " " + self.tr("%n without an abbreviation left out (the format needs a trigger).", "",
                                     len(skipped))
        self._problem(message)
        return True

    # --- showing ---------------------------------------------------------------------------------

    @property
    def group(self) -> str:
        index = self.group_view.currentIndex()
        return (index.data(GroupRole) or "") if index.isValid() else ""

    def refresh(self) -> None:
        """Show the book as it is now, keeping the chosen group and the selected phrases."""
        chosen, selected = self.group, set(self.selected_ids())
        self._fill_groups(chosen)
        self.model.show(self.book.phrases)
        self._apply_filter()
        self.select_ids(selected)

    def _fill_groups(self, chosen: str) -> None:
        target = self.groups.show_groups(self.book.groups(), len(self.book.phrases), chosen)
        self.group_view.expandAll()
        self.group_view.setCurrentIndex(target)

    def _apply_filter(self) -> None:
        query = self.filter.text().strip()
        matching = {m.phrase.id for m in self.book.search(query, limit=len(self.book.phrases))} if query else None
        self.proxy.set_filter(self.group, matching)

    def selected_ids(self) -> list[int]:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        return [index.data(PhraseRole).id for index in sorted(rows, key=lambda i: i.row())]

    def select_ids(self, ids: set[int]) -> None:
        selection = self.table.selectionModel()
        selection.clearSelection()
        first = True
        for row in range(self.proxy.rowCount()):
            index = self.proxy.index(row, 0)
            if index.data(PhraseRole).id in ids:
                flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
                if first:
                    selection.setCurrentIndex(index, flags)
                    first = False
                else:
                    selection.select(index, flags)

    def _problem(self, text: str) -> None:
        self.statusBar().showMessage(text, 10_000)

    # --- changing: each change made through the book, then pushed as done -----------------------------

    def _change(self, text: str, do: Callable[[], Callable[[], None]]) -> bool:
        """do() makes the change and returns how to undo it. Refusals are shown, never raised into Qt."""
        try:
            undo = do()
        except PhraseRejected as refused:
            self._problem(self.tr("Not saved: %1").replace("%1", "; ".join(describe(f) for f in refused.findings)))
            return False
        except StoreError as exc:
            self._problem(str(exc))
            return False
        redo_undo: list[Callable[[], None]] = [undo]

        def again() -> None:
            redo_undo[0] = self._safely(do) or redo_undo[0]

        self.undo_stack.push(_Done(text, lambda: self._safely(redo_undo[0]), again))
        self._changed()
        return True

    def _safely(self, fn: Callable[[], object]) -> object:
        try:
            return fn()
        except (PhraseRejected, StoreError) as exc:
            self._problem(str(exc))
            return None
        finally:
            self._changed()

    def _changed(self) -> None:
        self.refresh()
        self.sig_changed.emit()

    def _edit_in_place(self, edited: Phrase) -> None:
        def do() -> Callable[[], None]:
            before = self.book.update([edited])
            return lambda: self.book.update(before)
        self._change(self.tr("Edit “%1”").replace("%1", edited.title), do)

    def _open_editor(self, phrase: Phrase, done: Callable[[Phrase], None]) -> PhraseEditor:
        editor = PhraseEditor(self.book, phrase, self)
        editor.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        editor.accepted.connect(lambda: done(editor.phrase()))
        editor.open()  # window-modal, no nested event loop
        return editor

    def open_insights(self) -> PhraseInsights:
        """Phrase analytics and the proposed phrases; an accepted proposal opens the editor, then is a new phrase."""
        insights = PhraseInsights(self.book, self)
        insights.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def accepted(proposed: Phrase) -> None:
            editor = self._open_editor(replace(proposed, group=self.group), self._add)
            editor.accepted.connect(insights.refresh_proposals)
        insights.sig_accept.connect(accepted)
        insights.open()
        return insights

    def new_phrase(self) -> None:
        self._open_editor(Phrase(0, "", "", self.group), self._add)

    def _add(self, made: Phrase) -> None:
        added: list[int] = []

        def do() -> Callable[[], None]:
            added[:] = self.book.add([made])

            def undo() -> None:
                self.book.delete(added)
            return undo
        if self._change(self.tr("New phrase “%1”").replace("%1", made.title), do):
            self.select_ids(set(added))

    def edit_current(self) -> None:
        index = self.table.currentIndex()
        if not index.isValid():
            self._problem(self.tr("Select a phrase to edit."))
            return
        self._open_editor(index.data(PhraseRole), self._edit_in_place)

    def delete_selected(self) -> None:
        ids = self.selected_ids()
        if not ids:
            self._problem(self.tr("Select the phrases to delete."))
            return

        def do() -> Callable[[], None]:
            gone = self.book.delete(ids)
            return lambda: self.book.restore(gone)
        if self._change(self.tr("Delete %n phrase(s)", "", len(ids)), do):
            self._problem(self.tr("%n phrase(s) deleted — Ctrl+Z brings them back.", "", len(ids)))

    def move_selected(self, group: str | None = None) -> None:
        ids = self.selected_ids()
        if not ids:
            self._problem(self.tr("Select the phrases to move."))
            return
        if group is None:
            ask = QInputDialog(self)
            ask.setWindowTitle(self.tr("Move to group"))
            ask.setLabelText(self.tr("Group:"))
            ask.setComboBoxItems(self.book.groups())
            ask.setComboBoxEditable(True)
            ask.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            ask.textValueSelected.connect(lambda chosen: self.move_selected(chosen) if chosen.strip() else None)
            ask.open()
            return

        def do() -> Callable[[], None]:
            before = self.book.move(ids, group.strip())
            return lambda: self.book.update(before)
        self._change(self.tr("Move %n phrase(s)", "", len(ids)), do)
        self.select_ids(set(ids))

    def toggle_complaints(self) -> None:
        """The selected phrases become not for complaining buyers (all on, unless all already are: then off)."""
        ids = self.selected_ids()
        if not ids:
            self._problem(self.tr("Select the phrases first."))
            return
        by_id = {p.id: p for p in self.book.phrases}
        on = not all(not_for_complaints(by_id[i]) for i in ids if i in by_id)

        def do() -> Callable[[], None]:
            before = self.book.set_not_for_complaints(ids, on)
            return lambda: self.book.update(before)
        if self._change(self.tr("Not for complaining buyers") if on else self.tr("For complaining buyers too"), do):
            self._problem(self.tr("%n phrase(s) no longer suggested to complaining buyers — Ctrl+Z undoes it.", "",
                                  len(ids)) if on else
                          self.tr("%n phrase(s) suggested to complaining buyers too — Ctrl+Z undoes it.", "",
                                  len(ids)))
        self.select_ids(set(ids))

    def _arrange(self, group: str, order: list[int]) -> None:
        def do() -> Callable[[], None]:
            before = self.book.arrange_slots(group, order)
            return lambda: self.book.update(before)
        self._change(self.tr("Reorder slots of %1").replace("%1", group), do)

    def shift_slot(self, step: int) -> None:
        index = self.table.currentIndex()
        phrase: Phrase | None = index.data(PhraseRole) if index.isValid() else None
        if phrase is None or not phrase.slot:
            self._problem(self.tr("Select a phrase with a slot to move it up or down."))
            return
        order = [p.id for p in self.book.slotted(phrase.group)]
        at = order.index(phrase.id)
        to = at + step
        if not 0 <= to < len(order):
            return
        order[at], order[to] = order[to], order[at]
        self._arrange(phrase.group, order)
        self.select_ids({phrase.id})

    def _dropped(self, ids: list[int], onto_id: int) -> None:
        by_id = {p.id: p for p in self.book.phrases}
        onto = by_id.get(onto_id)
        group = onto.group if onto else (by_id[ids[0]].group if ids and ids[0] in by_id else "")
        if any(by_id.get(i) is None or by_id[i].group != group for i in ids):
            self._problem(self.tr("Slots are reordered within one group: use Move to group (Ctrl+Shift+M) first."))
            return
        order = [p.id for p in self.book.slotted(group) if p.id not in ids]
        at = order.index(onto_id) if onto_id in order else len(order)
        order[at:at] = ids
        if len(order) > 9:
            self._problem(self.tr("A group has nine slots: the phrases after the ninth lose theirs."))
        self._arrange(group, order)
        self.select_ids(set(ids))
