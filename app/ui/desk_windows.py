"""The windows and dialogs the desk opens beside the chats: the owner's review, KPIs and search, the robot and its
review, the word lists, the clipboard history's settings, the daily tables, the limits for agents, the order
export import, the cheat sheet, the key settings and About. Each is a tool window: Esc closes it and gives the
keyboard back to the reply box (ToolWindows)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog, QMessageBox, QWidget

from app.domain import now_utc

from app.ui.theme import follow_theme

# each window's module is imported when it first opens: none of them is on the way to the desk's first paint
if TYPE_CHECKING:
    from app.desk.review import ReviewDesk

    from app.ui.clipboard_dialog import ClipboardDialog
    from app.ui.guard_words_dialog import WordListsDialog
    from app.ui.keys.cheat_sheet import CheatSheet
    from app.ui.keys.key_settings import KeySettingsDialog
    from app.ui.main_window import MainWindow
    from app.ui.policy_dialog import PolicyDialog
    from app.ui.report_dialog import ReportDialog
    from app.ui.review_window import ReviewWindow
    from app.ui.robot_dialog import RobotDialog, RobotReviewDialog
    from app.ui.search_window import SearchWindow
    from app.ui.settings_dialog import SettingsDialog
    from app.ui.sheet_import import OrderImportDialog


class DeskWindows(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window

    def say(self, text: str, ms: int) -> None:
        self.window.statusBar().showMessage(text, ms)

    def _open(self, dialog: QDialog) -> None:
        """A tool window of the desk, deleted when closed; open() keeps the chats arriving meanwhile."""
        self.window.tools.adopt(dialog)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    # --- the owner's review --------------------------------------------------------------------------

    def review_desk(self) -> ReviewDesk:
        from app.desk.review import ReviewDesk

        session = self.window.session
        return ReviewDesk(session.store, session.account.agent, clock=now_utc)

    def open_review(self, first: date | None = None, last: date | None = None, agent: str = "",
                    only: set[str] | None = None, chat: str = "") -> ReviewWindow:
        from app.ui.review_window import ReviewWindow

        window = ReviewWindow(self.review_desk(), self.window, first=first, last=last, agent=agent, only=only,
                              focus_chat=chat)
        self.window.tools.adopt(window)
        window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        window.show()
        return window

    def open_kpis(self) -> QWidget:
        from app.ui.kpi_window import KpiWindow  # QtCharts too: when the dashboard first opens

        window = KpiWindow(self.review_desk(), lambda first, last, agent, only: self.open_review(
            first, last, agent, only), self.window)
        self.window.tools.adopt(window)
        window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        window.show()
        return window

    def open_search(self) -> SearchWindow:
        from app.ui.search_window import SearchWindow

        store = self.window.session.store

        def transcript(conversation_id: str) -> ReviewWindow:
            messages = store.messages(conversation_id, limit=1)
            day = messages[0].sent_at.astimezone().date() if messages else None
            return self.open_review(day, day, chat=conversation_id)

        def open_chat(conversation_id: str) -> object:  # Enter: a buyer still in the queue is answered here
            return self.window.show_chat(conversation_id) or transcript(conversation_id)

        window = self.window.tools.adopt(SearchWindow(store, open_chat, self.window, open_transcript=transcript))
        window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        window.show()
        return window

    # --- the shop's settings ---------------------------------------------------------------------------

    def open_robot(self) -> RobotDialog:
        from app.ui.robot_dialog import RobotDialog

        robot = self.window.session.robot
        dialog = RobotDialog(robot, self.window.session.account.agent, self.window)
        dialog.accepted.connect(lambda: self.say(
            self.tr("Robot settings saved: the robot is on.") if robot.settings.enabled
            else self.tr("Robot settings saved: the robot is off."), 6_000))
        self._open(dialog)
        return dialog

    def open_robot_review(self) -> RobotReviewDialog:
        from app.ui.robot_dialog import RobotReviewDialog

        dialog = RobotReviewDialog(self.window.session.robot, self.window)
        self._open(dialog)
        return dialog

    def open_clipboard_settings(self) -> ClipboardDialog:
        from app.desk.clipboard import ClipHistory

        from app.ui.clipboard_dialog import ClipboardDialog

        # the running palette's own history, so a change applies at once; otherwise one just for the settings
        window = self.window
        dialog = ClipboardDialog(window.clips or ClipHistory(window.session.store, clock=now_utc), window)
        dialog.accepted.connect(lambda: self.say(self.tr("Clipboard history settings saved."), 6_000))
        self._open(dialog)
        return dialog

    def open_word_lists(self) -> WordListsDialog:
        from app.ui.guard_words_dialog import WordListsDialog

        dialog = WordListsDialog(self.window.session, self.window.queue_model.set_angry_words, self.window)
        self._open(dialog)
        return dialog

    def open_reports(self) -> ReportDialog:
        from app.ui.report_dialog import ReportDialog

        session = self.window.session
        dialog = ReportDialog(session.store, session.account.agent, self.window)
        self._open(dialog)
        return dialog

    def open_policy(self) -> PolicyDialog:
        from app.ui.policy_dialog import PolicyDialog

        dialog = PolicyDialog(self.window.issue_desk, self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self.say(self.tr("Limits saved."), 6_000))
        dialog.open()
        return dialog

    # --- the marketplace's order export ----------------------------------------------------------------

    def choose_order_export(self) -> QFileDialog:
        dialog = QFileDialog(self.window, self.tr("The marketplace's order export"))
        dialog.setNameFilter(self.tr("Order exports (*.csv *.xlsx)"))
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.fileSelected.connect(lambda name: self.import_order_export(Path(name)))
        dialog.open()
        return dialog

    def import_order_export(self, path: Path) -> OrderImportDialog:
        from app.ui.sheet_import import OrderImportDialog

        """Previewed off the GUI thread; written in one go on Import; the open chat's orders are shown again."""
        dialog = OrderImportDialog(self.window.session.store, path, self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(self._orders_imported)
        dialog.open()
        return dialog

    def _orders_imported(self) -> None:
        chat = self.window.current_chat()
        if chat is not None and chat.buyer_id:
            self.window.session.request_orders(chat.buyer_id)
        self.say(self.tr("Orders imported."), 6_000)

    # --- help ------------------------------------------------------------------------------------------

    def open_cheat_sheet(self) -> CheatSheet:
        from app.ui.keys.cheat_sheet import CheatSheet

        sheet = CheatSheet(self.window)
        self._open(sheet)
        return sheet

    def open_key_settings(self) -> KeySettingsDialog:
        from app.ui.keys.key_settings import KeySettingsDialog

        dialog = KeySettingsDialog(self.window)
        dialog.accepted.connect(lambda: self.say(self.tr("Shortcuts saved and in force."), 6_000))
        self._open(dialog)
        return dialog

    def open_settings(self) -> SettingsDialog:
        from app.ui.settings_dialog import SettingsDialog

        dialog = SettingsDialog(self.window, open_keys=self.open_key_settings)
        dialog.saved.connect(self._settings_saved)
        self._open(dialog)
        return dialog

    def _settings_saved(self, changed: dict) -> None:
        """What the open desk can take at once; the dialog marks the rest as taking effect at the next start."""
        if "queue.after_reply" in changed:
            self.window.floor.after_reply = changed["queue.after_reply"]
        if "ui.quit_while_waiting" in changed:
            self.window.quit_guard.when_waiting = changed["ui.quit_while_waiting"]
        if "ui.theme" in changed:
            follow_theme(QApplication.instance(), changed["ui.theme"])
        self.say(self.tr("Settings saved.") if changed else self.tr("No setting changed."), 6_000)

    def about(self) -> None:
        QMessageBox.about(self.window, self.tr("About KefuDesk"),
                          self.tr("KefuDesk (客服台): one window for a shop's customer service."))
