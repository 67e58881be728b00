"""The keys in force: the registry's defaults, a preset over them and the agent's own changes over both
(settings.toml [keys]); conflicts within a window; and the live bindings, so that a change applies at once to
every open window, its menus and its hint line."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import shiboken6
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLabel, QMenu, QWidget

from app.ui.keys.registry import ACTIONS, BY_ID, Action, in_window

log = logging.getLogger("kefudesk.ui.keys")

PRESETS: dict[str, dict[str, tuple[str, ...]]] = {
    "kefudesk": {},  # the registry's defaults
    # 千牛 (Qianniu) agents' muscle memory. Only keys found documented may go here, each with where it came from.
    # Searched (issue 19): the stored web and documentation corpora for 千牛 快捷键 发送 Ctrl+Enter, 快捷短语,
    # 切换会话 / 下一个联系人, 旺旺 卖家版 快捷键, and Qianniu keyboard shortcuts. No page documents a key of
    # 千牛's chat window (one, dongwu.xikan.tv's 千牛多店 guide, says only that the multi-shop panel has
    # configurable keys, without naming one); so the preset changes nothing yet. Add an entry only with its source.
    "qianniu": {},
}
PRESET_NAMES: dict[str, str] = {
    "kefudesk": QT_TRANSLATE_NOOP("Keys", "KefuDesk"),
    "qianniu": QT_TRANSLATE_NOOP("Keys", "千牛-like"),
}
SHOWN = {"Down": "↓", "Up": "↑", "Left": "←", "Right": "→", "Return": "Enter"}  # the main Enter key is Qt's Return


def normal(key: str) -> str:
    """One spelling per key ("ctrl+return" and "Ctrl+Return" are the same), "" for no key."""
    return QKeySequence(key).toString(QKeySequence.SequenceFormat.PortableText)


def shown(key: str) -> str:
    """A key as the cheat sheet, the hint lines and the README write it: Ctrl+↓, Ctrl+Shift+Return."""
    text = QKeySequence(key).toString(QKeySequence.SequenceFormat.NativeText) or key
    return "+".join(SHOWN.get(part, part) for part in text.split("+"))


def shown_all(keys: Iterable[str], joiner: str = " / ") -> str:
    """Several keys of one action, each once as shown (Shift+Return and Shift+Enter both read Shift+Enter)."""
    return joiner.join(dict.fromkeys(shown(k) for k in keys))


@dataclass(frozen=True)
class Conflict:
    window: str
    key: str
    ids: tuple[str, ...]


@dataclass(frozen=True)
class Keymap:
    preset: str = "kefudesk"
    changed: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # the agent's own, over the preset

    def keys(self, action_id: str) -> tuple[str, ...]:
        if action_id in self.changed:
            return self.changed[action_id]
        return self.preset_keys(action_id)

    def preset_keys(self, action_id: str) -> tuple[str, ...]:
        return PRESETS[self.preset].get(action_id, BY_ID[action_id].keys)

    def with_keys(self, action_id: str, keys: Iterable[str]) -> Keymap:
        """This map with the action's keys changed (back to the preset's: no longer a change of the agent's)."""
        if BY_ID[action_id].fixed:
            raise ValueError(f"{action_id} is handled inside its widget and cannot be rebound")
        wanted = tuple(dict.fromkeys(normal(k) for k in keys if normal(k)))
        changed = {k: v for k, v in self.changed.items() if k != action_id}
        if wanted != tuple(normal(k) for k in self.preset_keys(action_id)):
            changed[action_id] = wanted
        return Keymap(self.preset, changed)

    def with_preset(self, preset: str) -> Keymap:
        return Keymap(preset, dict(self.changed))

    def conflicts(self) -> list[Conflict]:
        """Two actions of one window on the same key: Qt would fire neither."""
        owners: dict[tuple[str, str], list[str]] = {}
        for action in ACTIONS:
            if action.fixed:
                continue  # a widget's own key goes to that widget first; its window's shortcuts do not see it
            for key in self.keys(action.id):
                owners.setdefault((action.window, normal(key)), []).append(action.id)
        return [Conflict(window, key, tuple(ids)) for (window, key), ids in owners.items() if len(ids) > 1]

    def to_settings(self) -> tuple[str, dict[str, list[str]]]:
        return self.preset, {action_id: list(keys) for action_id, keys in sorted(self.changed.items())}

    @classmethod
    def from_settings(cls, settings: Mapping[str, Any]) -> Keymap:
        """From settings.toml's [keys]; an action this version does not have, or a key Qt cannot read, is left
        out with a warning in the log (a settings file from a newer version must not stop the desk)."""
        changed: dict[str, tuple[str, ...]] = {}
        for action_id, value in settings.get("keys.bindings", {}).items():
            keys = (value,) if isinstance(value, str) else tuple(value)
            action = BY_ID.get(action_id)
            unreadable = [k for k in keys if k and not normal(k)]
            if action is None or action.fixed or unreadable:
                log.warning("settings: keys.bindings.%s left out (%s)", action_id,
                            "no such action" if action is None else "fixed in its widget" if action.fixed
                            else f"no key {unreadable[0]!r}")
                continue
            changed[action_id] = tuple(normal(k) for k in keys if k)
        return cls(settings.get("keys.preset", "kefudesk"), changed)


class Shortcuts:
    """The keymap in force and everything shown with its keys: set() rebinds every live action and rewrites
    every hint line, so a change in the key settings applies without a restart."""

    def __init__(self) -> None:
        self.keymap = Keymap()
        self._actions: list[tuple[QAction, str]] = []
        self._hints: list[tuple[QLabel, str]] = []
        self._listeners: list[tuple[QObject, Callable[[], None]]] = []  # who shows a key in words of its own

    def set(self, keymap: Keymap) -> None:
        self.keymap = keymap
        self._actions = [(a, i) for a, i in self._actions if shiboken6.isValid(a)]
        for action, action_id in self._actions:
            action.setShortcuts(self.sequences(action_id))
        self._hints = [(label, w) for label, w in self._hints if shiboken6.isValid(label)]
        for label, window in self._hints:
            label.setText(self.hint_line(window))
        self._listeners = [(owner, f) for owner, f in self._listeners if shiboken6.isValid(owner)]
        for _owner, show_again in self._listeners:
            show_again()

    def listen(self, owner: QObject, show_again: Callable[[], None]) -> None:
        """show_again() after each change of keys, for as long as owner lives (a tooltip naming a key)."""
        self._listeners.append((owner, show_again))

    def sequences(self, action_id: str) -> list[QKeySequence]:
        return [QKeySequence(k) for k in self.keymap.keys(action_id)]

    def shown(self, action_id: str) -> str:
        """The action's keys as the agent reads them ("" for none)."""
        return shown_all(self.keymap.keys(action_id))

    def bind(self, action: QAction, action_id: str) -> QAction:
        action.setShortcuts(self.sequences(action_id))
        self._actions.append((action, action_id))
        return action

    def add_actions(self, widget: QWidget, slots: Mapping[str, Callable[[], object] | QAction],
                    menus: Mapping[str, QMenu] | None = None) -> dict[str, QAction]:
        """An action on widget for each id in slots (a callable, or an action made elsewhere such as an undo
        stack's), in the registry's order, with its translated text, its keys and its menu entry."""
        unknown = sorted(set(slots) - set(BY_ID))
        if unknown:
            raise KeyError(f"not in the key registry: {', '.join(unknown)}")
        made: dict[str, QAction] = {}
        for entry in (BY_ID[action_id] for action_id in sorted(slots, key=_registry_order)):
            slot = slots[entry.id]
            if isinstance(slot, QAction):
                action = slot  # its maker keeps its text (an undo stack's names what it undoes)
            else:
                action = QAction(entry.label(), widget)
                action.triggered.connect(lambda _checked=False, s=slot: s())
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            self.bind(action, entry.id)
            widget.addAction(action)
            if menus is not None and entry.menu:
                menu = menus[entry.menu]
                if entry.separator and menu.actions():
                    menu.addSeparator()
                menu.addAction(action)
            made[entry.id] = action
        return made

    def hint_label(self, window: str) -> QLabel:
        """The grey line of keys at the bottom of a window, kept in step with the keymap."""
        label = QLabel(self.hint_line(window))
        label.setStyleSheet("color: #707070")
        self._hints.append((label, window))
        return label

    def hint_line(self, window: str) -> str:
        """"Alt+F / Alt+T days · Alt+A agent · …": actions that share their words share one entry, and a run of
        three or more reads first … last."""
        groups: list[tuple[str, list[Action]]] = []
        for action in in_window(window):
            if not action.hint:
                continue
            if groups and groups[-1][0] == action.hint:
                groups[-1][1].append(action)
            else:
                groups.append((action.hint, [action]))
        parts = []
        for _hint, actions in groups:
            keys = [self.shown(a.id) for a in actions if self.keymap.keys(a.id)]
            if not keys:
                continue
            text = f"{keys[0]} … {keys[-1]}" if len(keys) > 2 else " / ".join(keys)
            parts.append(f"{text} {actions[0].hint_words()}")
        return " · ".join(parts)


def _registry_order(action_id: str) -> int:
    return _ORDER[action_id]


_ORDER = {action.id: index for index, action in enumerate(ACTIONS)}

SHORTCUTS = Shortcuts()
"""The one keymap in force in this process (the desk applies settings.toml's at start, the key settings change
it); every window binds its actions here."""


def preset_name(preset: str) -> str:
    return QCoreApplication.translate("Keys", PRESET_NAMES[preset])
