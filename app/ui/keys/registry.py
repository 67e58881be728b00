"""The one list of the desk's keyboard actions, as data: id, window, menu, text (translated in the context of
the window that shows it), default keys, and the few words of the window's hint line. Menus, the hint lines,
the cheat sheet, the key settings and the README's key tables are all made from it (as qutebrowser's default
bindings and Picard's main actions are).

Keys are written as Qt's portable text ("Ctrl+Shift+Return"). A `fixed` key is handled inside a widget (the reply
box's Enter, the palette's ↑/↓, a label's Alt+letter): listed everywhere, but not rebindable.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtGui import QKeySequence


@dataclass(frozen=True)
class Action:
    id: str  # "window.what", stable: settings.toml names it
    window: str  # a key of WINDOWS: keys conflict only within one window
    context: str  # the translation context of text (the class that showed it before the registry)
    text: str  # the menu entry or action name, English, with its & mnemonic
    keys: tuple[str, ...]  # the defaults; the first is the one menus show
    menu: str = ""  # the desk's menu ("chat", "chat/slots"…); "" for a window action without menu
    hint: str = ""  # the words after the key on the window's hint line (context "Keys"); "" for none
    fixed: bool = False  # handled inside a widget: shown, not rebindable
    separator: bool = False  # a separator before it in its menu
    number: int = 0  # the %1 of a numbered family (slot 3, chat 5…)

    def label(self) -> str:
        """The text in the agent's language, the number filled in, the & mnemonic kept."""
        return QCoreApplication.translate(self.context, self.text).replace("%1", str(self.number))

    def plain_label(self) -> str:
        """label() without its & mnemonic (for lists and the cheat sheet), and without the (&O) a Chinese menu
        text puts after its words for the mnemonic."""
        text = re.sub(r"\s*\(&[^&()]\)", "", self.label())
        return text.replace("&&", "\0").replace("&", "").replace("\0", "&")

    def hint_words(self) -> str:
        return QCoreApplication.translate("Keys", self.hint) if self.hint else ""


WINDOWS: dict[str, str] = {  # id → its title on the cheat sheet and in the key settings (context "Keys")
    "desk": QT_TRANSLATE_NOOP("Keys", "The desk"),
    "palette": QT_TRANSLATE_NOOP("Keys", "The phrase palette"),
    "ask": QT_TRANSLATE_NOOP("Keys", "Values a phrase asks for"),
    "quit": QT_TRANSLATE_NOOP("Keys", "Quitting with buyers waiting"),
    "tools": QT_TRANSLATE_NOOP("Keys", "Any tool window"),
    "phrases": QT_TRANSLATE_NOOP("Keys", "Phrase manager"),
    "issues": QT_TRANSLATE_NOOP("Keys", "All issues"),
    "worklist": QT_TRANSLATE_NOOP("Keys", "Problem-order worklist"),
    "reports": QT_TRANSLATE_NOOP("Keys", "Daily tables"),
    "review": QT_TRANSLATE_NOOP("Keys", "Transcripts and 质检"),
    "kpi": QT_TRANSLATE_NOOP("Keys", "KPI dashboard"),
    "search": QT_TRANSLATE_NOOP("Keys", "Search all chats"),
    "word_lists": QT_TRANSLATE_NOOP("Keys", "Banned and urgent words"),
    "robot": QT_TRANSLATE_NOOP("Keys", "Robot first answer"),
    "system_palette": QT_TRANSLATE_NOOP("Keys", "The phrase palette over other applications"),
    "clipboard": QT_TRANSLATE_NOOP("Keys", "The clipboard history over other applications"),
}

MENUS: dict[str, tuple[str, str]] = {  # the desk's menus in menu-bar order: id → (context, text)
    "file": ("MainWindow", QT_TRANSLATE_NOOP("MainWindow", "&File")),
    "chat": ("MainWindow", QT_TRANSLATE_NOOP("MainWindow", "&Chat")),
    "chat/goto": ("MainWindow", QT_TRANSLATE_NOOP("MainWindow", "&Go to chat")),
    "chat/slots": ("MainWindow", QT_TRANSLATE_NOOP("MainWindow", "Phrase &slots")),
    "chat/suggestions": ("MainWindow", QT_TRANSLATE_NOOP("MainWindow", "Suggested &phrases")),
    "orders": ("MainWindow", QT_TRANSLATE_NOOP("MainWindow", "&Orders")),
    "issues": ("MainWindow", QT_TRANSLATE_NOOP("MainWindow", "&Issues")),
    "review": ("MainWindow", QT_TRANSLATE_NOOP("MainWindow", "&Review")),
    "help": ("MainWindow", QT_TRANSLATE_NOOP("MainWindow", "&Help")),
    "phrase": ("PhraseManager", QT_TRANSLATE_NOOP("PhraseManager", "&Phrase")),
    "edit": ("PhraseManager", QT_TRANSLATE_NOOP("PhraseManager", "&Edit")),
}


def _desk(id: str, keys: str | tuple[str, ...], text: str, menu: str, **more: object) -> Action:  # noqa: A002
    return Action(f"desk.{id}", "desk", str(more.pop("context", "MainWindow")), text,
                  (keys,) if isinstance(keys, str) else keys, menu, **more)  # type: ignore[arg-type]


def _in(window: str, context: str, id: str, keys: str | tuple[str, ...], text: str,  # noqa: A002
        hint: str = "", **more: object) -> Action:
    return Action(f"{window}.{id}", window, context, text, (keys,) if isinstance(keys, str) else keys,
                  hint=hint, **more)  # type: ignore[arg-type]


def _numbered(make: object, first: int, last: int) -> list[Action]:
    return [make(n) for n in range(first, last + 1)]  # type: ignore[operator]


_SUGGESTION_KEYS = ("Q", "W", "E")

ACTIONS: tuple[Action, ...] = (
    # --- the desk: File
    _desk("import_orders", "Ctrl+Shift+O", QT_TRANSLATE_NOOP("MainWindow", "Import the shop's &order export…"),
          "file"),
    _desk("phrase_manager", "Ctrl+Shift+K", QT_TRANSLATE_NOOP("MainWindow", "Phrase &manager…"), "file"),
    _desk("import_history", "Ctrl+Alt+H", QT_TRANSLATE_NOOP("MainWindow", "Import &past chats (history)…"), "file"),
    _desk("robot", "Ctrl+Shift+B", QT_TRANSLATE_NOOP("MainWindow", "&Robot first answer…"), "file"),
    _desk("robot_review", "Ctrl+Shift+Y", QT_TRANSLATE_NOOP("MainWindow", "Re&view the robot's answers…"), "file"),
    _desk("word_lists", "Ctrl+Shift+G", QT_TRANSLATE_NOOP("MainWindow", "&Banned and urgent words…"), "file"),
    _desk("clipboard", "Ctrl+Shift+H", QT_TRANSLATE_NOOP("MainWindow", "Clipboard &history…"), "file"),
    _desk("settings", "Ctrl+,", QT_TRANSLATE_NOOP("MainWindow", "&Settings…"), "file", separator=True),
    _desk("quit", "Ctrl+Q", QT_TRANSLATE_NOOP("MainWindow", "&Quit"), "file", separator=True),
    # --- the desk: Chat
    _desk("next_chat", "Ctrl+Down", QT_TRANSLATE_NOOP("MainWindow", "&Next chat"), "chat"),
    _desk("prev_chat", "Ctrl+Up", QT_TRANSLATE_NOOP("MainWindow", "&Previous chat"), "chat"),
    _desk("next_any", "Alt+Down", QT_TRANSLATE_NOOP("MainWindow", "Next chat, answered ones too"), "chat"),
    _desk("prev_any", "Alt+Up", QT_TRANSLATE_NOOP("MainWindow", "Previous chat, answered ones too"), "chat"),
    _desk("longest", "Ctrl+Shift+Down", QT_TRANSLATE_NOOP("MainWindow", "&Longest-waiting chat"), "chat"),
    _desk("close_chat", "Ctrl+W", QT_TRANSLATE_NOOP("MainWindow", "&Close chat"), "chat", separator=True),
    _desk("transfer", "Ctrl+T", QT_TRANSLATE_NOOP("MainWindow", "Transfer to a c&olleague…"), "chat"),
    _desk("resend", "F5", QT_TRANSLATE_NOOP("MainWindow", "Resen&d the reply that was not sent"), "chat"),
    _desk("edit_failed", "Shift+F5", QT_TRANSLATE_NOOP("MainWindow", "&Edit the reply that was not sent"), "chat"),
    _desk("mute", "Ctrl+M", QT_TRANSLATE_NOOP("MainWindow", "&Mute all sounds / unmute"), "chat"),
    _desk("mute_chat", "Ctrl+Shift+M", QT_TRANSLATE_NOOP("MainWindow", "Mute this cha&t / unmute"), "chat"),
    _desk("next_view", "F6", QT_TRANSLATE_NOOP("MainWindow", "Next queue &view (all, mine, unanswered, urgent)"),
          "chat"),
    _desk("suspend", "F9", QT_TRANSLATE_NOOP("MainWindow", "S&uspend new chats (挂起) / resume"), "chat"),
    _desk("offline", "Shift+F9", QT_TRANSLATE_NOOP("MainWindow", "Go o&ffline / online"), "chat"),
    *_numbered(lambda n: _desk(f"goto_{n}", f"Alt+{n}", QT_TRANSLATE_NOOP("MainWindow", "Chat %1 in the queue"),
                               "chat/goto", number=n), 1, 9),
    _desk("reply_box", "Esc", QT_TRANSLATE_NOOP("MainWindow", "&Reply box"), "chat", separator=True),
    _desk("send", "Ctrl+Return", QT_TRANSLATE_NOOP("MainWindow", "&Send reply"), "chat"),
    _desk("send_anyway", "Ctrl+Shift+Return", QT_TRANSLATE_NOOP("MainWindow", "Send &anyway (banned words, audited)…"),
          "chat"),
    _desk("palette", "Ctrl+K", QT_TRANSLATE_NOOP("MainWindow", "&Phrase palette…"), "chat"),
    _desk("remove_picture", "Ctrl+Shift+Backspace",
          QT_TRANSLATE_NOOP("MainWindow", "Remove the &picture from the reply"), "chat"),
    _desk("next_group", "Ctrl+G", QT_TRANSLATE_NOOP("MainWindow", "Next phrase &group"), "chat/slots"),
    *_numbered(lambda n: _desk(f"slot_{n}", f"Ctrl+{n}", QT_TRANSLATE_NOOP("MainWindow", "Insert slot %1"),
                               "chat/slots", number=n), 1, 9),
    *_numbered(lambda n: _desk(f"slot_send_{n}", f"Ctrl+Alt+{n}",
                               QT_TRANSLATE_NOOP("MainWindow", "Insert slot %1 and send"), "chat/slots", number=n),
               1, 9),
    _desk("save_as_phrase", "Ctrl+Shift+S", QT_TRANSLATE_NOOP("MainWindow", "Save message as p&hrase…"), "chat"),
    *_numbered(lambda n: _desk(f"suggestion_{n}", f"Alt+{_SUGGESTION_KEYS[n - 1]}",
                               QT_TRANSLATE_NOOP("MainWindow", "Insert suggestion %1"), "chat/suggestions",
                               number=n), 1, 3),
    # the reply box's own keys (app/ui/composer.py)
    _desk("enter", "Enter", QT_TRANSLATE_NOOP("Keys", "Send the reply (in the reply box)"), "", context="Keys",
          fixed=True),
    _desk("new_line", "Shift+Enter", QT_TRANSLATE_NOOP("Keys", "New line in the reply"), "", context="Keys",
          fixed=True),
    _desk("expand", ("Space", "Tab"), QT_TRANSLATE_NOOP("Keys", "Expand the abbreviation before the caret"), "",
          context="Keys", fixed=True),
    _desk("slash", "/", QT_TRANSLATE_NOOP("Keys", "The phrase palette, from an empty reply box"), "", context="Keys",
          fixed=True),
    # --- the desk: Orders (app/ui/order_cards.py)
    _desk("orders", "Ctrl+O", QT_TRANSLATE_NOOP("OrderCards", "The buyer's &orders"), "orders", context="OrderCards"),
    _desk("order_detail", "F8", QT_TRANSLATE_NOOP("OrderCards", "Order &details in the right pane / back"), "orders",
          context="OrderCards"),
    _desk("copy_order_no", "Ctrl+Shift+C", QT_TRANSLATE_NOOP("OrderCards", "Copy the order &no."), "orders",
          context="OrderCards", separator=True),
    _desk("copy_tracking_no", "Ctrl+Shift+E", QT_TRANSLATE_NOOP("OrderCards", "Copy the &tracking no."), "orders",
          context="OrderCards"),
    _desk("copy_address", "Ctrl+Shift+A", QT_TRANSLATE_NOOP("OrderCards", "Copy the &address (phone masked)"),
          "orders", context="OrderCards"),
    _desk("order_back", "Esc", QT_TRANSLATE_NOOP("Keys", "From an order in full back to the cards"), "",
          context="Keys", fixed=True),
    # --- the desk: Issues
    _desk("new_issue", "Ctrl+N", QT_TRANSLATE_NOOP("MainWindow", "&New issue…"), "issues"),
    _desk("buyer_issues", "Ctrl+J", QT_TRANSLATE_NOOP("MainWindow", "&Issues of this buyer"), "issues"),
    _desk("record", "Ctrl+Shift+I", QT_TRANSLATE_NOOP("MainWindow", "&Record on the selected issue…"), "issues"),
    _desk("issue_details", "Ctrl+Shift+J", QT_TRANSLATE_NOOP("MainWindow", "Issue &details, state and photos…"),
          "issues"),
    _desk("issue_list", "Ctrl+Shift+L", QT_TRANSLATE_NOOP("MainWindow", "&All issues…"), "issues", separator=True),
    _desk("worklist", "Ctrl+Shift+W", QT_TRANSLATE_NOOP("MainWindow", "&Problem-order worklist…"), "issues"),
    _desk("reports", "Ctrl+E", QT_TRANSLATE_NOOP("MainWindow", "Daily &tables and reconciliation…"), "issues"),
    _desk("policy", "Ctrl+Shift+R", QT_TRANSLATE_NOOP("MainWindow", "&Limits for agents…"), "issues"),
    # --- the desk: Review
    _desk("review", "Ctrl+Shift+T", QT_TRANSLATE_NOOP("MainWindow", "&Transcripts and 质检…"), "review"),
    _desk("kpis", "Ctrl+Shift+D", QT_TRANSLATE_NOOP("MainWindow", "&KPI dashboard…"), "review"),
    _desk("search", "Ctrl+Shift+F", QT_TRANSLATE_NOOP("MainWindow", "&Search all chats…"), "review"),
    # --- the desk: Help
    _desk("cheat_sheet", "F1", QT_TRANSLATE_NOOP("Keys", "&Keyboard shortcuts…"), "help", context="Keys"),
    _desk("key_settings", "Ctrl+F1", QT_TRANSLATE_NOOP("Keys", "&Change shortcuts…"), "help", context="Keys"),
    _desk("demo_supervisor", "Shift+F1", QT_TRANSLATE_NOOP("DemoHelp", "The &demo's supervisor…"), "help",
          context="DemoHelp"),
    _desk("about", "Ctrl+Shift+F1", QT_TRANSLATE_NOOP("MainWindow", "&About KefuDesk"), "help", separator=True),
    # --- the phrase palette over the reply box (app/ui/phrase_palette.py)
    _in("palette", "Keys", "choose", ("Up", "Down"), QT_TRANSLATE_NOOP("Keys", "Choose a phrase"), fixed=True),
    _in("palette", "Keys", "insert", "Enter", QT_TRANSLATE_NOOP("Keys", "Insert the phrase at the caret"),
        fixed=True),
    _in("palette", "Keys", "send", "Alt+Enter", QT_TRANSLATE_NOOP("Keys", "Insert the phrase and send"), fixed=True),
    _in("palette", "Keys", "close", "Esc", QT_TRANSLATE_NOOP("Keys", "Close the palette"), fixed=True),
    # --- the values a phrase asks for, above the reply box (app/ui/ask_form.py)
    _in("ask", "Keys", "next", "Tab", QT_TRANSLATE_NOOP("Keys", "The next value"), fixed=True),
    _in("ask", "Keys", "previous", "Shift+Tab", QT_TRANSLATE_NOOP("Keys", "The previous value"), fixed=True),
    _in("ask", "Keys", "done", "Enter", QT_TRANSLATE_NOOP("Keys", "Put the phrase in with these values"),
        fixed=True),
    _in("ask", "Keys", "cancel", "Esc", QT_TRANSLATE_NOOP("Keys", "Leave the phrase out"), fixed=True),
    # --- the question before quitting with buyers waiting (app/ui/quit_guard.py: its buttons' mnemonics)
    _in("quit", "Keys", "anyway", "Alt+Q", QT_TRANSLATE_NOOP("Keys", "Quit anyway"), fixed=True),
    _in("quit", "Keys", "tray", "Alt+T", QT_TRANSLATE_NOOP("Keys", "Keep running in the tray"), fixed=True),
    _in("quit", "Keys", "back", ("Enter", "Esc"), QT_TRANSLATE_NOOP("Keys", "Back to the chats"), fixed=True),
    # --- every tool window (app/ui/tool_windows.py)
    _in("tools", "Keys", "close", "Esc", QT_TRANSLATE_NOOP("Keys", "Close the window, back to the reply box"),
        fixed=True),
    # --- the phrase manager (app/ui/phrase_manager.py)
    _in("phrases", "PhraseManager", "new", "Ctrl+N", QT_TRANSLATE_NOOP("PhraseManager", "&New phrase…"),
        menu="phrase"),
    _in("phrases", "PhraseManager", "edit", "Ctrl+E", QT_TRANSLATE_NOOP("PhraseManager", "&Edit phrase…"),
        menu="phrase"),
    _in("phrases", "PhraseManager", "import", "Ctrl+I", QT_TRANSLATE_NOOP("PhraseManager", "&Import…"),
        menu="phrase", separator=True),
    _in("phrases", "PhraseManager", "export", "Ctrl+Shift+E",
        QT_TRANSLATE_NOOP("PhraseManager", "E&xport shown phrases…"), menu="phrase"),
    _in("phrases", "PhraseManager", "analytics", "Ctrl+Shift+A",
        QT_TRANSLATE_NOOP("PhraseManager", "Phrase &analytics and proposed phrases…"), menu="phrase"),
    _in("phrases", "PhraseManager", "close", "Ctrl+W", QT_TRANSLATE_NOOP("PhraseManager", "&Close"), menu="phrase",
        separator=True),
    _in("phrases", "PhraseManager", "undo", "Ctrl+Z", QT_TRANSLATE_NOOP("PhraseManager", "&Undo"), menu="edit"),
    _in("phrases", "PhraseManager", "redo", ("Ctrl+Shift+Z", "Ctrl+Y"), QT_TRANSLATE_NOOP("PhraseManager", "&Redo"),
        menu="edit"),
    _in("phrases", "PhraseManager", "delete", "Del", QT_TRANSLATE_NOOP("PhraseManager", "&Delete selected"),
        menu="edit", separator=True),
    _in("phrases", "PhraseManager", "move", "Ctrl+Shift+M",
        QT_TRANSLATE_NOOP("PhraseManager", "&Move selected to group…"), menu="edit"),
    _in("phrases", "PhraseManager", "complaints", "Ctrl+Shift+C",
        QT_TRANSLATE_NOOP("PhraseManager", "Not for &complaining buyers / for them"), menu="edit"),
    _in("phrases", "PhraseManager", "slot_up", "Alt+Up", QT_TRANSLATE_NOOP("PhraseManager", "Slot &up"), menu="edit"),
    _in("phrases", "PhraseManager", "slot_down", "Alt+Down", QT_TRANSLATE_NOOP("PhraseManager", "Slot &down"),
        menu="edit"),
    _in("phrases", "PhraseManager", "filter", "Ctrl+F", QT_TRANSLATE_NOOP("PhraseManager", "&Filter"), menu="edit"),
    _in("phrases", "PhraseManager", "groups", "Ctrl+1", QT_TRANSLATE_NOOP("PhraseManager", "&Groups"), menu="edit"),
    _in("phrases", "PhraseManager", "phrases", "Ctrl+2", QT_TRANSLATE_NOOP("PhraseManager", "&Phrases"), menu="edit"),
    # --- all issues (app/ui/issue_list.py), in the order of its hint line
    *_numbered(lambda n: _in("issues", "IssueListWindow", f"view_{n}", f"Alt+{n}",
                             QT_TRANSLATE_NOOP("IssueListWindow", "Show view %1"), number=n,
                             hint=QT_TRANSLATE_NOOP("Keys", "open · mine · due · closed · all")), 1, 5),
    _in("issues", "IssueListWindow", "search", "Ctrl+F", QT_TRANSLATE_NOOP("IssueListWindow", "Search"),
        QT_TRANSLATE_NOOP("Keys", "search")),
    _in("issues", "IssueListWindow", "stage", "Alt+S", QT_TRANSLATE_NOOP("IssueListWindow", "Stage filter"),
        QT_TRANSLATE_NOOP("Keys", "stage")),
    _in("issues", "IssueListWindow", "category", "Alt+C", QT_TRANSLATE_NOOP("IssueListWindow", "Category filter"),
        QT_TRANSLATE_NOOP("Keys", "category")),
    _in("issues", "IssueListWindow", "list", "Alt+L", QT_TRANSLATE_NOOP("IssueListWindow", "The list"),
        QT_TRANSLATE_NOOP("Keys", "list")),
    _in("issues", "IssueListWindow", "details", "Return", QT_TRANSLATE_NOOP("IssueListWindow", "Issue details"),
        QT_TRANSLATE_NOOP("Keys", "details")),
    _in("issues", "IssueListWindow", "record", "Ctrl+R",
        QT_TRANSLATE_NOOP("IssueListWindow", "Record on the selected issue…"), QT_TRANSLATE_NOOP("Keys", "record")),
    _in("issues", "IssueListWindow", "refresh", "F5", QT_TRANSLATE_NOOP("IssueListWindow", "Refresh"),
        QT_TRANSLATE_NOOP("Keys", "refresh")),
    # --- the problem-order worklist (app/ui/worklist.py)
    _in("worklist", "WorklistWindow", "message", "Ctrl+L",
        QT_TRANSLATE_NOOP("WorklistWindow", "Log a message to the buyer…"), QT_TRANSLATE_NOOP("Keys", "message sent")),
    _in("worklist", "WorklistWindow", "call", "Ctrl+P", QT_TRANSLATE_NOOP("WorklistWindow", "Log a phone call…"),
        QT_TRANSLATE_NOOP("Keys", "phone call")),
    _in("worklist", "WorklistWindow", "copy_phone", "Ctrl+Shift+C",
        QT_TRANSLATE_NOOP("WorklistWindow", "Copy the buyer's number"), QT_TRANSLATE_NOOP("Keys", "copy number")),
    _in("worklist", "WorklistWindow", "details", "Return", QT_TRANSLATE_NOOP("WorklistWindow", "Issue details"),
        QT_TRANSLATE_NOOP("Keys", "details")),
    _in("worklist", "WorklistWindow", "import", "Ctrl+I",
        QT_TRANSLATE_NOOP("WorklistWindow", "Import the problem-order list…"), QT_TRANSLATE_NOOP("Keys", "import list")),
    _in("worklist", "WorklistWindow", "fetch", "Ctrl+Shift+F",
        QT_TRANSLATE_NOOP("WorklistWindow", "Fetch the list from the shop"),
        QT_TRANSLATE_NOOP("Keys", "fetch from the shop")),
    *_numbered(lambda n: _in("worklist", "WorklistWindow", f"step_{n}", f"Alt+{n}",
                             QT_TRANSLATE_NOOP("WorklistWindow", "Show step %1"), number=n,
                             hint=QT_TRANSLATE_NOOP("Keys", "steps")), 0, 4),
    _in("worklist", "WorklistWindow", "refresh", "F5", QT_TRANSLATE_NOOP("WorklistWindow", "Refresh"),
        QT_TRANSLATE_NOOP("Keys", "refresh")),
    # --- the daily tables (app/ui/report_dialog.py)
    _in("reports", "ReportDialog", "save", "Ctrl+S", QT_TRANSLATE_NOOP("ReportDialog", "Save as XLSX")),
    _in("reports", "ReportDialog", "reconcile", "Ctrl+R", QT_TRANSLATE_NOOP("ReportDialog", "Reconcile")),
    # --- transcripts and 质检 (app/ui/review_window.py); Alt+F/T/A are its labels' mnemonics
    _in("review", "Keys", "from", "Alt+F", QT_TRANSLATE_NOOP("Keys", "The first day"),
        QT_TRANSLATE_NOOP("Keys", "days"), fixed=True),
    _in("review", "Keys", "to", "Alt+T", QT_TRANSLATE_NOOP("Keys", "The last day"), QT_TRANSLATE_NOOP("Keys", "days"),
        fixed=True),
    _in("review", "Keys", "agent", "Alt+A", QT_TRANSLATE_NOOP("Keys", "The agent"), QT_TRANSLATE_NOOP("Keys", "agent"),
        fixed=True),
    _in("review", "ReviewWindow", "chats", "Alt+L", QT_TRANSLATE_NOOP("ReviewWindow", "The chats"),
        QT_TRANSLATE_NOOP("Keys", "chats")),
    _in("review", "ReviewWindow", "messages", "Alt+M", QT_TRANSLATE_NOOP("ReviewWindow", "The messages"),
        QT_TRANSLATE_NOOP("Keys", "messages")),
    _in("review", "ReviewWindow", "save", "Ctrl+S", QT_TRANSLATE_NOOP("ReviewWindow", "Save score"),
        QT_TRANSLATE_NOOP("Keys", "save score")),
    _in("review", "ReviewWindow", "comment", "Ctrl+Shift+N", QT_TRANSLATE_NOOP("ReviewWindow", "Comment on the message…"),
        QT_TRANSLATE_NOOP("Keys", "comment on the message")),
    _in("review", "ReviewWindow", "good", "Ctrl+G", QT_TRANSLATE_NOOP("ReviewWindow", "Mark the message a good example"),
        QT_TRANSLATE_NOOP("Keys", "good / bad example")),
    _in("review", "ReviewWindow", "bad", "Ctrl+B", QT_TRANSLATE_NOOP("ReviewWindow", "Mark the message a bad example"),
        QT_TRANSLATE_NOOP("Keys", "good / bad example")),
    _in("review", "ReviewWindow", "export", "Ctrl+E", QT_TRANSLATE_NOOP("ReviewWindow", "Export the day…"),
        QT_TRANSLATE_NOOP("Keys", "export the day")),
    _in("review", "ReviewWindow", "refresh", "F5", QT_TRANSLATE_NOOP("ReviewWindow", "Refresh"),
        QT_TRANSLATE_NOOP("Keys", "refresh")),
    # --- the KPI dashboard (app/ui/kpi_window.py); Alt+F/T/P/C are its labels' mnemonics
    _in("kpi", "Keys", "from", "Alt+F", QT_TRANSLATE_NOOP("Keys", "The first day"), QT_TRANSLATE_NOOP("Keys", "days"),
        fixed=True),
    _in("kpi", "Keys", "to", "Alt+T", QT_TRANSLATE_NOOP("Keys", "The last day"), QT_TRANSLATE_NOOP("Keys", "days"),
        fixed=True),
    _in("kpi", "Keys", "period", "Alt+P", QT_TRANSLATE_NOOP("Keys", "Day, week or month"),
        QT_TRANSLATE_NOOP("Keys", "day, week or month"), fixed=True),
    _in("kpi", "Keys", "chart", "Alt+C", QT_TRANSLATE_NOOP("Keys", "The charted figure"),
        QT_TRANSLATE_NOOP("Keys", "the charted figure"), fixed=True),
    _in("kpi", "KpiWindow", "table", "Alt+L", QT_TRANSLATE_NOOP("KpiWindow", "The table"),
        QT_TRANSLATE_NOOP("Keys", "the table")),
    _in("kpi", "KpiWindow", "drill", "Return", QT_TRANSLATE_NOOP("KpiWindow", "The chats behind the figure"),
        QT_TRANSLATE_NOOP("Keys", "on a figure: the chats behind it")),
    _in("kpi", "KpiWindow", "refresh", "F5", QT_TRANSLATE_NOOP("KpiWindow", "Refresh"),
        QT_TRANSLATE_NOOP("Keys", "refresh")),
    # --- search all chats (app/ui/search_window.py); Alt+letters are its labels' and boxes' mnemonics
    _in("search", "Keys", "find", "Alt+F", QT_TRANSLATE_NOOP("Keys", "What to find"), QT_TRANSLATE_NOOP("Keys", "find"),
        fixed=True),
    _in("search", "Keys", "show", "Alt+S", QT_TRANSLATE_NOOP("Keys", "What to show"), QT_TRANSLATE_NOOP("Keys", "show"),
        fixed=True),
    _in("search", "Keys", "agent", "Alt+A", QT_TRANSLATE_NOOP("Keys", "The agent"), QT_TRANSLATE_NOOP("Keys", "agent"),
        fixed=True),
    _in("search", "Keys", "buyer", "Alt+B", QT_TRANSLATE_NOOP("Keys", "The buyer"), QT_TRANSLATE_NOOP("Keys", "buyer"),
        fixed=True),
    _in("search", "Keys", "days", "Alt+D", QT_TRANSLATE_NOOP("Keys", "Only some days"),
        QT_TRANSLATE_NOOP("Keys", "only days"), fixed=True),
    _in("search", "Keys", "issue", "Alt+I", QT_TRANSLATE_NOOP("Keys", "Only buyers with an issue"),
        QT_TRANSLATE_NOOP("Keys", "only buyers with an issue"), fixed=True),
    _in("search", "SearchWindow", "results", "Alt+L", QT_TRANSLATE_NOOP("SearchWindow", "The results"),
        QT_TRANSLATE_NOOP("Keys", "the results")),
    _in("search", "Keys", "open", "Enter", QT_TRANSLATE_NOOP("Keys", "Open the chat"),
        QT_TRANSLATE_NOOP("Keys", "opens the chat (in the desk while the buyer is in the queue)"), fixed=True),
    _in("search", "SearchWindow", "transcript", ("Shift+Return", "Shift+Enter"),
        QT_TRANSLATE_NOOP("SearchWindow", "The chat's transcript in the review"),
        QT_TRANSLATE_NOOP("Keys", "its transcript in the review")),
    # --- over other applications (app/ui/phrase_palette.py as the system-wide palette, app/ui/system_palette.py); their
    # hotkeys are the settings palette.hotkey and palette.clipboard_hotkey
    _in("system_palette", "Keys", "paste", "Enter", QT_TRANSLATE_NOOP("Keys", "Paste the phrase where you were typing"),
        fixed=True),
    _in("system_palette", "Keys", "type", "Shift+Enter", QT_TRANSLATE_NOOP("Keys", "Type the phrase key by key"),
        fixed=True),
    _in("system_palette", "Keys", "send", "Alt+Enter", QT_TRANSLATE_NOOP("Keys", "Paste the phrase and press Enter"),
        fixed=True),
    _in("system_palette", "Keys", "close", "Esc", QT_TRANSLATE_NOOP("Keys", "Close the palette"), fixed=True),
    _in("clipboard", "Keys", "choose", ("Up", "Down"), QT_TRANSLATE_NOOP("Keys", "Choose what you copied"),
        fixed=True),
    _in("clipboard", "Keys", "paste", "Enter", QT_TRANSLATE_NOOP("Keys", "Paste it where you were typing"),
        fixed=True),
    _in("clipboard", "Keys", "keep", "Ctrl+S", QT_TRANSLATE_NOOP("Keys", "Keep it as a phrase"), fixed=True),
    _in("clipboard", "Keys", "close", "Esc", QT_TRANSLATE_NOOP("Keys", "Close the history"), fixed=True),
    # --- the word lists and the robot's rules (app/ui/guard_words_dialog.py, app/ui/robot_dialog.py)
    _in("word_lists", "Keys", "remove", "Del", QT_TRANSLATE_NOOP("Keys", "Remove the selected word")),
    _in("robot", "Keys", "remove", "Del", QT_TRANSLATE_NOOP("Keys", "Remove the selected rule")),
)

BY_ID: dict[str, Action] = {action.id: action for action in ACTIONS}


def widget_keys(action_id: str) -> frozenset[Qt.Key]:
    """The keys (without modifiers) of an action a widget handles itself, for the widget to compare an event's
    key with: the registry stays the one place that says which key does what."""
    return frozenset(QKeySequence(key)[0].key() for key in BY_ID[action_id].keys)


def in_window(window: str) -> list[Action]:
    return [action for action in ACTIONS if action.window == window]


def window_title(window: str) -> str:
    return QCoreApplication.translate("Keys", WINDOWS[window])


def menu_title(menu: str) -> str:
    context, text = MENUS[menu]
    return QCoreApplication.translate(context, text)
