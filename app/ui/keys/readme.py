"""The README's key tables, rendered from the registry's default keys: each row names its actions as {action.id}
and gets their keys written in, so a default changed in the registry changes the README with it
(`python -m app.ui.keys --readme` rewrites the tables between their markers; a test fails while they differ)."""

from __future__ import annotations

import re
from pathlib import Path

from app.ui.keys.keymap import Keymap, shown_all

README = Path(__file__).resolve().parents[3] / "README.md"
_PLACEHOLDER = re.compile(r"\{([a-z_]+\.[a-z0-9_]+)\}")

TABLES: dict[str, tuple[tuple[str, str], ...]] = {  # marker → rows of (keys, what)
    "desk": (
        ("{desk.enter} / {desk.new_line}",
         "send / new line (never with a 【blank】 left: the first is selected, and the status bar names it); once the "
         "reply is stored the buyer who has waited longest opens, the row in sight (`queue.after_reply`: "
         "`longest`, `next` unanswered below, or `stay`)"),
        ("{desk.next_chat} / {desk.prev_chat}",
         "next / previous buyer waiting for an answer (answered chats are skipped)"),
        ("{desk.next_any} / {desk.prev_any}",
         "next / previous chat, answered ones too (so do {desk.goto_1} … {desk.goto_9} and clicking a row)"),
        ("{desk.longest}", "the chat whose buyer has waited longest"),
        ("{desk.goto_1} … {desk.goto_9}", "the first nine chats in the queue"),
        ("{desk.next_view}",
         "queue view: all / mine / unanswered / urgent (angry buyers, buyers with an open issue); each tab counts its "
         "chats (未回复 12, 紧急 3)"),
        ("{desk.suspend} / {desk.offline}",
         "挂起: no new chats while you clear the queue, and back / go offline; the window title (and taskbar) says "
         "online, suspended or offline"),
        ("{desk.close_chat}",
         "close the chat (asks why when the buyer spoke last); the longest-waiting buyer opens next"),
        ("{desk.transfer}",
         "transfer the chat to a colleague or the supervisor with a note; they get the history and the note"),
        ("{desk.resend} / {desk.edit_failed}",
         "resend a reply the shop refused (NOT SENT; not one with a 【blank】) / take it back into the reply box to "
         "edit"),
        ("{desk.mute} / {desk.mute_chat}",
         "mute all sounds / this chat (unread marks stay); a flood of new chats rings once"),
        ("{desk.send_anyway}", "send a reply the guard stopped, saying why (audited)"),
        ("{desk.word_lists}",
         "the banned words (send guard) and urgent words (queue) of this shop, changed while the desk runs; anyone "
         "adds a banned word, removing one ({word_lists.remove}) asks for a supervisor's name and password once the "
         "store has a supervisor"),
        ("{desk.robot} / {desk.robot_review}",
         "robot first answer: rules and how often each fired / the day's robot answers to review"),
        ("Ctrl+Alt+Space / Ctrl+Alt+V",
         "(X11 and Windows, from any application; `palette.hotkey`, `palette.clipboard_hotkey`) the phrase palette / "
         "the clipboard history, pasted where you were typing; hotstrings for the phrase groups in "
         "`palette.hotstring_groups`"),
        ("{desk.clipboard}",
         "the clipboard history's settings: how long it keeps, and the applications it never records (password "
         "managers)"),
        ("{desk.settings}",
         "every setting of docs/settings.md in one dialog, checked as the file is (a team server URL with a password "
         "in it is refused); the chat after a reply and quitting while buyers wait are in force on Save, the rest "
         "(marked *) at the next start"),
        ("{desk.reply_box}",
         "back to the reply box (from an order's detail: back to the order cards first); in a tool window (phrase "
         "manager, issues, worklist, review, KPIs, search, word lists, clipboard history, robot, daily tables) "
         "{tools.close} closes the window and the reply box has the keyboard again (a cell being edited or an open "
         "list takes the first Esc)"),
        ("{desk.quit}",
         "quit; with buyers waiting it first says how many and how long the longest has waited: {quit.anyway} quits "
         "anyway, {quit.tray} keeps running in the tray, Enter or Esc goes back (`ui.quit_while_waiting = \"tray\"`: "
         "to the tray without asking); the close button does the same"),
        ("{desk.cheat_sheet} / {desk.key_settings}",
         "every key of every window on one printable sheet / change them: search an action, press its new key; a "
         "key two actions of one window share is shown and cannot be saved; reset one or all, or pick a preset "
         "(千牛-like: the same keys as yet, no 千牛 key having been found documented); kept in settings.toml "
         "(`keys.preset`, `keys.bindings`) and in force at once"),
    ),
    "orders": (
        ("{desk.orders}", "the buyer's order cards: ↑/↓ choose one, Enter opens it in full"),
        ("{desk.order_detail} (or Enter on a card) / {desk.order_back}",
         "the order in full in the right pane: items with their weights, what the parcel should weigh and the "
         "courier's scales, the packing slip, the whole logistics timeline newest first; {desk.order_back} (or "
         "{desk.order_detail}) goes back to the cards and to where you were (the reply box, or the cards)"),
        ("{desk.copy_order_no}",
         "copy the selected order's no. (the buttons under the cards do the same with one click)"),
        ("{desk.copy_tracking_no}", "copy its tracking no."),
        ("{desk.copy_address}",
         "copy its address as 王芳，138****5678，浙江省…: receiver, masked phone and address, ready to paste to the "
         "buyer to confirm. The full number is kept for calls: the problem-order worklist's {worklist.copy_phone} "
         "copies it"),
    ),
    "phrases": (
        ("abbreviation + {desk.expand}",
         "expands in place (`fh␣` → 发货时间's text); {phrases.undo} gives back what you typed"),
        ("{desk.palette}, or `{desk.slash}` in an empty reply box",
         "the palette: title, pinyin initials (`tkdz`), full pinyin, typos; {palette.choose} choose, {palette.insert} "
         "inserts, {palette.send} sends; when nothing matches it says so, and {palette.insert} saves a new phrase "
         "(the reply box's text with this buyer's details as variables, titled by your search; or the search itself)"),
        ("{desk.slot_1} … {desk.slot_9} / {desk.slot_send_1} … {desk.slot_send_9}",
         "insert / insert and send the current group's slots; {desk.next_group} next group"),
        ("{desk.suggestion_1} / {desk.suggestion_2} / {desk.suggestion_3}",
         "the three phrases suggested for the buyer's unanswered messages"),
        ("{desk.save_as_phrase}",
         "save the selected (or your last) message as a phrase, this buyer's details turned into variables"),
        ("{desk.phrase_manager}",
         "the phrase manager: groups, edit in place, drag or {phrases.slot_up} / {phrases.slot_down} slots, "
         "{phrases.delete}, {phrases.undo}, import/export; {phrases.complaints}: not for complaining buyers / for "
         "them; {phrases.analytics} each phrase's use (per day, per agent, changed before sending, what the buyer "
         "did next) and the replies typed by hand many times, proposed as phrases"),
        ("{desk.import_history}",
         "bring a shop's past chats in (JSONL/CSV/XLSX), previewed with its bad lines; the suggestions learn from "
         "them, the search and the buyer's past chats list them"),
        ("{desk.remove_picture}", "send the reply without the picture an image phrase attached"),
    ),
    "issues": (
        ("{desk.new_issue}",
         "new issue: from the open chat the buyer, their orders and the selected messages (as evidence) are filled "
         "in; with no chat, type or paste an order no."),
        ("{desk.buyer_issues}", "the buyer's issues in the right pane"),
        ("{desk.record}",
         "record on the selected issue: partial / full refund, return, reship, gift, complaint, address change, "
         "contact attempt, review outcome"),
        ("{desk.issue_details} or Enter",
         "the issue's details: state, history, photos; for a missing item, the courier's weights and packing slip "
         "beside what the order weighs, with a suggestion (genuine / doubtful)"),
        ("{desk.worklist}",
         "problem-order worklist (问题订单): to message, waiting, to phone (no answer in 2 days), follow up; "
         "{worklist.copy_phone} copies the buyer's number, {worklist.message} / {worklist.call} log a message / a "
         "call, {worklist.import} imports the back-end's list, {worklist.fetch} fetches it from the shop"),
        ("{desk.issue_list}",
         "all issues: open / mine / due / closed / all ({issues.view_1} … {issues.view_5}), stage and category "
         "filters, search ({issues.search}); {issues.details} details, {issues.record} record"),
        ("{desk.import_orders}",
         "import the marketplace's order export (CSV/XLSX, GBK or UTF-8), previewed with its bad lines before "
         "anything is written"),
        ("{desk.policy}",
         "the limits for agents (rounding, partial refunds, gifts), changed with a supervisor's password"),
        ("{desk.reports}",
         "the daily tables (退款信息表, 补发表, 退件表, 投诉表, 中差评表, 问题订单) saved as XLSX ({reports.save}), and "
         "finance's result sheet reconciled ({reports.reconcile})"),
    ),
    "review": (
        ("{desk.review}",
         "transcripts and 质检: pick days, an agent, and what to look for (unanswered at close, slow answers, guard "
         "overrides, refunds, angry buyers, robot); each answer shows how long the buyer waited, slow ones red; score "
         "a chat on the shop's checklist ({review.save}), comment on a message ({review.comment}) or mark it a good / "
         "bad example ({review.good} / {review.bad}); {review.export} exports an agent's day as HTML or text"),
        ("{desk.kpis}",
         "KPIs per agent (by the name the shop gives them, 花名) and day, week or month (接待量, first response, 30 s "
         "/ 40 s shares, 询单转化率, refunds, returns, reships, changed reviews, quality) as a table and a chart; "
         "{kpi.drill} on a figure opens the chats behind it. Every figure is defined in [docs/kpis.md](docs/kpis.md)"),
        ("{desk.search}",
         "search every chat ever stored: 退, 退款, 尺码 开胶 or the start of an order no.; hits marked in context; "
         "{search.open} opens the chat in the desk while the buyer is in the queue (any view), {search.transcript} "
         "its transcript in the review (a closed chat: {search.open} too)"),
    ),
}


def fill(template: str, keymap: Keymap) -> str:
    """{action.id} → the action's keys ("Space or Tab")."""
    return _PLACEHOLDER.sub(lambda m: shown_all(keymap.keys(m.group(1)), " or "), template)


def render(table: str, keymap: Keymap | None = None) -> str:
    keymap = keymap or Keymap()
    lines = ["| keys | what |", "|---|---|"]
    lines += [f"| {fill(keys, keymap)} | {fill(what, keymap)} |" for keys, what in TABLES[table]]
    return "\n".join(lines)


def markers(table: str) -> tuple[str, str]:
    return f"<!-- keys:{table} (python -m app.ui.keys --readme) -->", f"<!-- /keys:{table} -->"


def section(text: str, table: str) -> str:
    """What the README has between the table's markers."""
    start, end = markers(table)
    return text.split(start, 1)[1].split(end, 1)[0].strip("\n")


def rewrite(text: str) -> str:
    for table in TABLES:
        start, end = markers(table)
        before, rest = text.split(start, 1)
        after = rest.split(end, 1)[1]
        text = f"{before}{start}\n{render(table)}\n{end}{after}"
    return text
