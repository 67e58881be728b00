"""The key settings (Help → Change shortcuts, Ctrl+F1): find an action, press its new key, see a clash within its
window before saving (Save waits until there is none), reset one or all, or start from a preset; saved to
settings.toml and in force in every open window at once."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtGui import QKeySequence, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QKeySequenceEdit,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.ui.keys.keymap import PRESETS, SHORTCUTS, Conflict, Keymap, preset_name, shown_all
from app.ui.keys.registry import ACTIONS, BY_ID, window_title

from app import config

ID_ROLE = Qt.ItemDataRole.UserRole + 1


class KeySettingsDialog(QDialog):
    def __init__(self, parent: QWidget | None = None, settings_file: Path | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("keySettings")
        self.setWindowTitle(self.tr("Keyboard shortcuts"))
        self.settings_file = settings_file or config.settings_path()
        self.draft: Keymap = SHORTCUTS.keymap
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Find an action, a window or a key"))
        self.search.setClearButtonEnabled(True)
        self.model = QStandardItemModel(0, 4, self)  # the fourth, hidden: the id settings.toml names (searchable)
        self.model.setHorizontalHeaderLabels([self.tr("Window"), self.tr("Action"), self.tr("Keys")])
        for action in ACTIONS:
            row = [QStandardItem(window_title(action.window)), QStandardItem(action.plain_label()), QStandardItem(),
                   QStandardItem(action.id)]
            for item in row:
                item.setEditable(False)
                item.setData(action.id, ID_ROLE)
                if action.fixed:
                    item.setEnabled(False)
                    item.setToolTip(self.tr("Handled inside its widget: it cannot be changed here."))
            self.model.appendRow(row)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.proxy.setFilterKeyColumn(-1)
        self.table = QTableView()
        self.table.setAccessibleName(self.tr("Shortcuts"))
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.setColumnHidden(3, True)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.key_edit = QKeySequenceEdit()
        self.key_edit.setMaximumSequenceLength(1)
        self.key_edit.setClearButtonEnabled(True)
        key_caption = QLabel(self.tr("&New key:"))
        key_caption.setBuddy(self.key_edit)
        self.no_key = QPushButton(self.tr("No &key"))
        self.reset_one = QPushButton(self.tr("&Reset this one"))
        self.reset_all = QPushButton(self.tr("Reset &all"))
        self.preset = QComboBox()
        for preset in PRESETS:
            self.preset.addItem(preset_name(preset), preset)
        preset_caption = QLabel(self.tr("&Preset:"))
        preset_caption.setBuddy(self.preset)
        self.conflict_label = QLabel()
        self.conflict_label.setObjectName("keyConflicts")
        self.conflict_label.setStyleSheet("color: #C0392B")
        self.conflict_label.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        edit_row = QHBoxLayout()
        for widget in (key_caption, self.key_edit, self.no_key, self.reset_one, self.reset_all):
            edit_row.addWidget(widget)
        edit_row.addStretch(1)
        edit_row.addWidget(preset_caption)
        edit_row.addWidget(self.preset)
        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(self.table, 1)
        layout.addLayout(edit_row)
        layout.addWidget(self.conflict_label)
        layout.addWidget(self.buttons)

        self.search.textChanged.connect(self.proxy.setFilterFixedString)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._show_current())
        self.key_edit.editingFinished.connect(self._key_pressed)
        self.no_key.clicked.connect(lambda: self.set_keys(self.current_id(), []))
        self.reset_one.clicked.connect(self._reset_current)
        self.reset_all.clicked.connect(lambda: self._show_draft(Keymap(self.draft.preset)))
        self.preset.currentIndexChanged.connect(lambda _i: self._show_draft(self.draft.with_preset(
            self.preset.currentData())))
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self.preset.setCurrentIndex(self.preset.findData(self.draft.preset))
        self._show_draft(self.draft)
        self.resize(820, 640)
        self.search.setFocus()

    # --- the list --------------------------------------------------------------------------------------

    def current_id(self) -> str:
        index = self.table.currentIndex()
        return index.data(ID_ROLE) if index.isValid() else ""

    def select(self, action_id: str) -> None:
        for row in range(self.proxy.rowCount()):
            if self.proxy.index(row, 0).data(ID_ROLE) == action_id:
                self.table.setCurrentIndex(self.proxy.index(row, 2))
                return

    def _show_current(self) -> None:
        action_id = self.current_id()
        editable = bool(action_id) and not BY_ID[action_id].fixed
        for widget in (self.key_edit, self.no_key, self.reset_one):
            widget.setEnabled(editable)
        keys = self.draft.keys(action_id) if action_id else ()
        self.key_edit.setKeySequence(QKeySequence(keys[0]) if keys else QKeySequence())

    def _show_draft(self, draft: Keymap) -> None:
        self.draft = draft
        for row in range(self.model.rowCount()):
            item = self.model.item(row, 2)
            action_id = item.data(ID_ROLE)
            item.setText(shown_all(draft.keys(action_id)))
            font = item.font()
            font.setBold(action_id in draft.changed)  # the agent's own, not the preset's
            item.setFont(font)
        clashes = draft.conflicts()
        self.conflict_label.setText("\n".join(self.describe(c) for c in clashes))
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(not clashes)
        self._show_current()

    def describe(self, conflict: Conflict) -> str:
        names = " / ".join(BY_ID[i].plain_label() for i in conflict.ids)
        return (self.tr("%1 in %2 is the key of more than one action (%3): change one before saving.")
                .replace("%1", shown_all([conflict.key])).replace("%2", window_title(conflict.window))
                .replace("%3", names))

    # --- changing --------------------------------------------------------------------------------------

    def set_keys(self, action_id: str, keys: list[str]) -> None:
        """What pressing a new key (or No key) does to the selected action; shown at once, saved on Save."""
        if not action_id or BY_ID[action_id].fixed:
            return
        self._show_draft(self.draft.with_keys(action_id, keys))

    def _key_pressed(self) -> None:
        sequence = self.key_edit.keySequence()
        if not sequence.isEmpty():
            self.set_keys(self.current_id(), [sequence.toString(QKeySequence.SequenceFormat.PortableText)])

    def _reset_current(self) -> None:
        action_id = self.current_id()
        if action_id:
            self._show_draft(self.draft.with_keys(action_id, self.draft.preset_keys(action_id)))

    def save(self) -> None:
        """Refused while two actions of a window share a key; otherwise written and in force everywhere."""
        if self.draft.conflicts():
            return
        preset, bindings = self.draft.to_settings()
        try:
            config.save_keys(preset, bindings, self.settings_file)
        except OSError as exc:  # a read-only config folder: said here, the keys stay as they were
            self.conflict_label.setText(self.tr("Not saved: %1").replace("%1", exc.strerror or str(exc)))
            return
        SHORTCUTS.set(self.draft)
        self.accept()
