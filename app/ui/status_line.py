"""What the desk says outside the chat: the status bar (shop, connection, replies waiting, mute, the agent's own
status 在线 / 挂起 / 离线), the window title and tray icon with the unread count, and the sounds of new and
long-waiting chats (throttled by the desk's Alerts)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox, QStyle, QSystemTrayIcon, QToolButton

from app.store.records import ConversationSummary

from app.desk.alerts import Alerts

from app.ui.app_icon import app_icon
from app.ui.buyer_text import isolated
from app.ui.keys.keymap import SHORTCUTS
from app.ui.labels import say

from app import domain

if TYPE_CHECKING:
    from app.ui.main_window import MainWindow


# the shop takes replies in bursts (a sent mark and its echo each): one store count on the GUI thread for the
# burst, not one a message
OUTBOX_RECOUNT_MS = 250


class StatusLine(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self._recount = QTimer(self)
        self._recount.setSingleShot(True)
        self._recount.setInterval(OUTBOX_RECOUNT_MS)
        self._recount.timeout.connect(self.update_outbox)
        self.online = False
        self._connection_message = ""
        bar = window.statusBar()
        self.mode_label = QLabel()
        self.connection_label = QLabel()
        self.outbox_label = QLabel()
        # permanent widgets sit on the right and never collide with the passing messages on the left
        bar.addPermanentWidget(self.mode_label)
        bar.addPermanentWidget(self.outbox_label)
        bar.addPermanentWidget(self.connection_label)
        self.mute_label = QLabel()
        self.mute_label.setObjectName("muted")
        bar.addPermanentWidget(self.mute_label)
        self.status_button = QToolButton()  # the agent's own status: 在线 / 挂起 / 离线, F9 toggles 挂起
        self.status_button.setObjectName("agentStatus")
        self.status_button.setAutoRaise(True)
        self.status_button.clicked.connect(self.toggle_suspended)
        bar.addPermanentWidget(self.status_button)
        self.alerts = Alerts()
        self.alerts_rung: list[str] = []  # what sounded, newest last (the status bar shows mute; tests read this)
        self.tray: QSystemTrayIcon | None = None
        if QSystemTrayIcon.isSystemTrayAvailable():  # the unread count stays visible with the window hidden
            self.tray = QSystemTrayIcon(app_icon(), window)
            self.tray.activated.connect(lambda _reason: (window.showNormal(), window.activateWindow()))
            self.tray.show()
        self.show_agent_status()
        SHORTCUTS.listen(self.status_button, self.show_agent_status)  # its text and tooltip name the keys in force

    def say(self, text: str, ms: int = 0) -> None:
        self.window.statusBar().showMessage(text, ms)

    # --- the connection and the title ------------------------------------------------------------------

    def on_connection(self, online: bool, detail: str) -> None:
        window = self.window
        self.online = online
        if online:
            window.queue_model.set_me(window.session.me)  # known after the first login
            self.connection_label.setText(self.tr("● online"))
            self.connection_label.setStyleSheet("color: #67C23A")
            if window.statusBar().currentMessage() == self._connection_message:
                window.statusBar().clearMessage()  # "connecting…" or the drop's reason no longer holds
        else:
            self.connection_label.setText(self.tr("● offline"))
            self.connection_label.setStyleSheet("color: #F56C6C")
            if detail:
                self._connection_message = say(detail)  # a Reason when the store stopped it (a full disk)
                self.say(self._connection_message, 10_000)
        self.update_title()
        self.update_outbox()

    def show_read_only(self, why: str) -> None:
        """The store can only be read (a read-only folder or disk): the desk shows what it has and does not go
        online, so buyers' messages wait at the shop instead of arriving where they cannot be kept."""
        window = self.window
        window.session.read_only = True
        window.conversation.composer.setReadOnly(True)
        window.conversation.composer.setPlaceholderText(self.tr("Read-only: replies cannot be saved here; answer in "
                                                                "the shop's own client until the store can be "
                                                                "written"))
        self.connection_label.setText(self.tr("● read-only"))
        self.connection_label.setStyleSheet("color: #F56C6C")
        self.connection_label.setToolTip(why)
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("KefuDesk can only read its store"), self.tr(
            "KefuDesk shows what it has, but cannot save anything and stays offline: new messages wait at the "
            "shop until it can.\n\n%1").replace("%1", why), QMessageBox.StandardButton.Ok, window)
        box.setObjectName("readOnlyNotice")
        box.open()

    def update_outbox_soon(self) -> None:
        """A reply was sent, refused or echoed: the count is read once the burst has passed, within 250 ms."""
        if not self._recount.isActive():
            self._recount.start()

    def update_outbox(self) -> None:
        pending = self.window.session.pending_count
        self.outbox_label.setText(self.tr("%n reply(s) waiting to be sent", "", pending) if pending else "")

    def update_title(self) -> None:
        window = self.window
        # connected, the title says what the shop was told: 挂起 is not 在线 to anyone glancing at the taskbar
        status = window.session.agent_status if self.online else "offline"
        state = {"online": self.tr("online"), "suspended": self.tr("suspended"), "offline": self.tr("offline")}[status]
        shop = self.tr("%1 — demo shop").replace("%1", window.shop_name) if window.demo else window.shop_name
        unread = window.queue_model.unread_total()
        prefix = f"({unread}) " if unread else ""
        app_name = self.tr("KefuDesk")
        if self.tray is not None:
            self.tray.setToolTip(self.tr("KefuDesk — %n unread", "", unread))
        window.setWindowTitle(f"{prefix}{app_name} — {shop} — {state}")
        mode = self.tr("Demo shop (simulated buyers)") if window.demo else self.tr("Shop")
        self.mode_label.setText(f"{mode}: {window.shop_name}")

    def on_transfer(self, chat: ConversationSummary, transfer: domain.Transfer, to_me: bool) -> None:
        if not to_me:
            return
        giver = self.window.session.colleagues.get(transfer.from_agent)
        text = self.tr("%1 transferred %2 to you.").replace("%1", giver.name if giver else transfer.from_agent) \
            .replace("%2", isolated(chat.buyer_nick))
        if transfer.note:
            text += " " + self.tr("Note: %1").replace("%1", transfer.note)
        self.say(text, 30_000)

    def on_problem(self, text: object) -> None:
        self.say(say(text) if isinstance(text, str) else str(text), 15_000)

    # --- sounds ----------------------------------------------------------------------------------------

    def alert_tick(self) -> None:
        model = self.window.queue_model
        self.ring(self.alerts.on_tick(model.open_chats(), model.clock()))

    def ring(self, kind: str) -> None:
        """One sound (throttled by the desk's Alerts) and the taskbar's attention; the unread state is untouched."""
        if not kind:
            return
        self.alerts_rung.append(kind)
        QApplication.beep()
        QApplication.alert(self.window)
        if self.tray is not None and not self.window.isActiveWindow():
            self.tray.showMessage(self.tr("KefuDesk"), self.tr("A new chat") if kind == "new" else
                                  self.tr("A buyer has waited over 40 s"), QSystemTrayIcon.MessageIcon.Information,
                                  3_000)

    def toggle_mute(self) -> None:
        self.alerts.muted = not self.alerts.muted
        self.mute_label.setText(self.tr("Sounds muted (%1)").replace("%1", SHORTCUTS.shown("desk.mute"))
                                if self.alerts.muted else "")
        self.say(self.tr("Sounds off: unread chats stay marked.") if self.alerts.muted else self.tr("Sounds on."),
                 5_000)

    def toggle_mute_chat(self) -> None:
        chat = self.window.current_chat()
        if chat is None:
            return
        muted = self.alerts.toggle_chat(chat.id)
        self.say((self.tr("%1 muted: no sound for this chat.") if muted else
                  self.tr("%1: sounds on again.")).replace("%1", isolated(chat.buyer_nick)), 5_000)

    # --- the agent's own status ------------------------------------------------------------------------

    def toggle_suspended(self) -> None:
        self.set_agent_status("online" if self.window.session.agent_status == "suspended" else "suspended")

    def toggle_offline(self) -> None:
        self.set_agent_status("online" if self.window.session.agent_status == "offline" else "offline")

    def set_agent_status(self, status: str) -> None:
        self.window.session.set_agent_status(status)
        self.show_agent_status()
        self.update_title()
        note = {"online": self.tr("Online: new chats come to you."),
                "suspended": self.tr("Suspended (挂起): no new chats; answer the ones you have. %1 resumes."),
                "offline": self.tr("Offline: no new chats. %2 goes online again.")}[status]
        self.say(note.replace("%1", SHORTCUTS.shown("desk.suspend")).replace("%2", SHORTCUTS.shown("desk.offline")),
                 8_000)

    def show_agent_status(self) -> None:
        status = self.window.session.agent_status
        suspend, offline = SHORTCUTS.shown("desk.suspend"), SHORTCUTS.shown("desk.offline")
        self.status_button.setText({"online": self.tr("Taking chats"),
                                    "suspended": self.tr("Suspended (%1)").replace("%1", suspend),
                                    "offline": self.tr("Offline")}[status])
        # an icon, not a symbol character: ⏸ (U+23F8) is in none of DejaVu, Noto CJK or WenQuanYi and was drawn as a box
        pixmap = {"online": QStyle.StandardPixmap.SP_MediaPlay, "suspended": QStyle.StandardPixmap.SP_MediaPause,
                  "offline": QStyle.StandardPixmap.SP_MediaStop}[status]
        self.status_button.setIcon(self.window.style().standardIcon(pixmap))
        self.status_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.status_button.setToolTip(self.tr("Your status for new chats: %1 suspends or resumes, %2 goes offline or "
                                              "online").replace("%1", suspend).replace("%2", offline))
        colour = {"online": "#1E8449", "suspended": "#B9770E", "offline": "#707070"}[status]
        self.status_button.setStyleSheet(f"color: {colour}; font-weight: bold")
