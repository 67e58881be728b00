"""The desk's menu bar, built from the key registry (app/ui/keys/registry.py): which helper of the window each
desk action calls. The texts, keys and menu places are the registry's; this is only the wiring."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMenu

from app.desk.queue import FILTERS

from app.ui.history_import import choose_history_file
from app.ui.keys.keymap import SHORTCUTS
from app.ui.keys.registry import menu_title

if TYPE_CHECKING:
    from app.ui.main_window import MainWindow

DESK_MENUS = ("file", "chat", "chat/goto", "chat/slots", "chat/suggestions", "orders", "issues", "review", "help")


def build_desk_menus(window: MainWindow) -> dict[str, QMenu]:
    """The menus (by registry menu id) with every desk action the window's helpers carry out; the order cards and
    the demo's help add their own entries to them later."""
    bar = window.menuBar()
    menus: dict[str, QMenu] = {}
    for menu_id in DESK_MENUS:
        parent = menu_id.rpartition("/")[0]
        menus[menu_id] = (menus[parent] if parent else bar).addMenu(menu_title(menu_id))
    issues, firing, replies, status = window.issues, window.firing, window.replies, window.status_line
    opens, library, conversation = window.opens, window.library, window.conversation
    slots: dict[str, Callable[[], object]] = {
        "desk.import_orders": opens.choose_order_export, "desk.phrase_manager": library.open_phrase_manager,
        "desk.import_history": lambda: choose_history_file(window, window.session.store, window.phrases,
                                                           lambda words: window.statusBar().showMessage(words, 15_000)),
        "desk.robot": opens.open_robot, "desk.robot_review": opens.open_robot_review,
        "desk.word_lists": opens.open_word_lists, "desk.clipboard": opens.open_clipboard_settings,
        "desk.quit": lambda: window.quit_guard.request(),
        "desk.next_chat": lambda: window.step_chat(1), "desk.prev_chat": lambda: window.step_chat(-1),
        "desk.next_any": lambda: window.step_chat(1, every=True),
        "desk.prev_any": lambda: window.step_chat(-1, every=True), "desk.longest": window.go_longest_waiting,
        "desk.close_chat": window.close_chat, "desk.transfer": window.transfer_chat,
        "desk.resend": replies.resend_failed, "desk.edit_failed": replies.edit_failed,
        "desk.mute": status.toggle_mute, "desk.mute_chat": status.toggle_mute_chat,
        "desk.next_view": lambda: window.queue_views.setCurrentIndex(
            (window.queue_views.currentIndex() + 1) % len(FILTERS)),
        "desk.suspend": status.toggle_suspended, "desk.offline": status.toggle_offline,
        "desk.reply_box": window.focus_composer, "desk.send": conversation.send_current,
        "desk.send_anyway": replies.send_anyway, "desk.palette": firing.open_palette,
        "desk.remove_picture": conversation.remove_attachment, "desk.next_group": conversation.slot_bar.next_group,
        "desk.save_as_phrase": library.save_message_as_phrase,
        "desk.new_issue": issues.new_issue,
        "desk.buyer_issues": lambda: window.buyer.issues.setFocus(Qt.FocusReason.ShortcutFocusReason),
        "desk.record": issues.choose_action, "desk.issue_details": issues.issue_details,
        "desk.issue_list": issues.open_issue_list, "desk.worklist": issues.open_worklist,
        "desk.reports": opens.open_reports, "desk.policy": opens.open_policy,
        "desk.review": opens.open_review, "desk.kpis": opens.open_kpis, "desk.search": opens.open_search,
        "desk.cheat_sheet": opens.open_cheat_sheet, "desk.key_settings": opens.open_key_settings,
        "desk.settings": opens.open_settings,
        "desk.about": opens.about,
    }
    for n in range(1, 10):
        slots[f"desk.goto_{n}"] = lambda n=n: window.select_row(n - 1)
        slots[f"desk.slot_{n}"] = lambda n=n: firing.fire_slot(n, send=False)
        slots[f"desk.slot_send_{n}"] = lambda n=n: firing.fire_slot(n, send=True)
    for n in range(1, 4):
        slots[f"desk.suggestion_{n}"] = lambda n=n: firing.fire_suggestion(n - 1)
    actions = SHORTCUTS.add_actions(window, slots, menus)
    conversation.history.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
    conversation.history.addAction(actions["desk.save_as_phrase"])
    return menus
