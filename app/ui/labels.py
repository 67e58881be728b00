"""The desk's codes and reasons in the agent's language.

label() words a stage, category, state, action or field code; say() words a Reason from app/desk (a refusal, a
limit, a fraud flag, a weight-check finding) from its key and values, falling back to the desk's English text for
a reason this table does not know yet (tests/ui/test_words.py keeps the table complete).
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import QLabel

from app.desk.reasons import Reason


def label(code: str) -> str:
    """A stage, category, state, severity, action or field code in the agent's language."""
    labels = {
        "pre_sale": QCoreApplication.translate("IssueLabel", "Pre-sale"),
        "in_sale": QCoreApplication.translate("IssueLabel", "In-sale"),
        "after_sale": QCoreApplication.translate("IssueLabel", "After-sale"),
        "bad_review": QCoreApplication.translate("IssueLabel", "Bad review"),
        "size_advice": QCoreApplication.translate("IssueLabel", "Size advice"),
        "stock": QCoreApplication.translate("IssueLabel", "Stock"),
        "coupon": QCoreApplication.translate("IssueLabel", "Coupon"),
        "price_rounding": QCoreApplication.translate("IssueLabel", "Price rounding"),
        "product_question": QCoreApplication.translate("IssueLabel", "Product question"),
        "multiple_addresses": QCoreApplication.translate("IssueLabel", "Several addresses"),
        "unclear_address": QCoreApplication.translate("IssueLabel", "Unclear address"),
        "out_of_area": QCoreApplication.translate("IssueLabel", "Out of the courier's area"),
        "out_of_stock": QCoreApplication.translate("IssueLabel", "Out of stock"),
        "free_shipping_not_met": QCoreApplication.translate("IssueLabel", "Free shipping not met"),
        "buyer_note": QCoreApplication.translate("IssueLabel", "Buyer's note"),
        "tracking_timeout": QCoreApplication.translate("IssueLabel", "Tracking timeout"),
        "address_change": QCoreApplication.translate("IssueLabel", "Address change"),
        "lost_parcel": QCoreApplication.translate("IssueLabel", "Lost parcel"),
        "damage": QCoreApplication.translate("IssueLabel", "Damaged"),
        "wrong_item": QCoreApplication.translate("IssueLabel", "Wrong item"),
        "missing_item": QCoreApplication.translate("IssueLabel", "Missing item"),
        "not_received": QCoreApplication.translate("IssueLabel", "Not received"),
        "quality": QCoreApplication.translate("IssueLabel", "Quality"),
        "return": QCoreApplication.translate("IssueLabel", "Return"),
        "exchange": QCoreApplication.translate("IssueLabel", "Exchange"),
        "low": QCoreApplication.translate("IssueLabel", "Low"),
        "normal": QCoreApplication.translate("IssueLabel", "Normal"),
        "high": QCoreApplication.translate("IssueLabel", "High"),
        "urgent": QCoreApplication.translate("IssueLabel", "Urgent"),
        "open": QCoreApplication.translate("IssueLabel", "Open"),
        "waiting_buyer": QCoreApplication.translate("IssueLabel", "Waiting for the buyer"),
        "waiting_warehouse": QCoreApplication.translate("IssueLabel", "Waiting for the warehouse"),
        "waiting_finance": QCoreApplication.translate("IssueLabel", "Waiting for finance"),
        "resolved": QCoreApplication.translate("IssueLabel", "Resolved"),
        "rejected": QCoreApplication.translate("IssueLabel", "Rejected"),
        "partial_refund": QCoreApplication.translate("IssueLabel", "Partial refund"),
        "full_refund": QCoreApplication.translate("IssueLabel", "Full refund"),
        "reship": QCoreApplication.translate("IssueLabel", "Reship"),
        "gift": QCoreApplication.translate("IssueLabel", "Gift or coupon"),
        "complaint": QCoreApplication.translate("IssueLabel", "Complaint to the warehouse"),
        "contact": QCoreApplication.translate("IssueLabel", "Contact attempt"),
        "review_outcome": QCoreApplication.translate("IssueLabel", "Review outcome"),
        "amount": QCoreApplication.translate("IssueLabel", "Amount (yuan)"),
        "reason": QCoreApplication.translate("IssueLabel", "Reason"),
        "real_name": QCoreApplication.translate("IssueLabel", "Real name"),
        "alipay": QCoreApplication.translate("IssueLabel", "Alipay account"),
        "shipping_paid_by": QCoreApplication.translate("IssueLabel", "Return shipping paid by"),
        "buyer": QCoreApplication.translate("IssueLabel", "Buyer"),
        "shop": QCoreApplication.translate("IssueLabel", "Shop"),
        "return_tracking_no": QCoreApplication.translate("IssueLabel", "Return tracking no."),
        "received": QCoreApplication.translate("IssueLabel", "Received"),
        "weight_g": QCoreApplication.translate("IssueLabel", "Weight (g)"),
        "items": QCoreApplication.translate("IssueLabel", "Items"),
        "address": QCoreApplication.translate("IssueLabel", "Address"),
        "courier": QCoreApplication.translate("IssueLabel", "Courier"),
        "new_tracking_no": QCoreApplication.translate("IssueLabel", "New tracking no."),
        "kind": QCoreApplication.translate("IssueLabel", "Kind"),
        "value": QCoreApplication.translate("IssueLabel", "Value (yuan)"),
        "note": QCoreApplication.translate("IssueLabel", "Note"),
        "problem": QCoreApplication.translate("IssueLabel", "Problem"),
        "missing": QCoreApplication.translate("IssueLabel", "Missing"),
        "detail": QCoreApplication.translate("IssueLabel", "Detail"),
        "photos": QCoreApplication.translate("IssueLabel", "Photos"),
        "packer": QCoreApplication.translate("IssueLabel", "Packer"),
        "new_address": QCoreApplication.translate("IssueLabel", "New address"),
        "channel": QCoreApplication.translate("IssueLabel", "Channel"),
        "message": QCoreApplication.translate("IssueLabel", "Message"),
        "phone": QCoreApplication.translate("IssueLabel", "Phone"),
        "result": QCoreApplication.translate("IssueLabel", "Result"),
        "next_try": QCoreApplication.translate("IssueLabel", "Next try"),
        "answered": QCoreApplication.translate("IssueLabel", "The buyer answered"),
        "group": QCoreApplication.translate("IssueLabel", "Group"),
        "rating": QCoreApplication.translate("IssueLabel", "Rating"),
        "review_text": QCoreApplication.translate("IssueLabel", "Review text"),
        "offer": QCoreApplication.translate("IssueLabel", "Offer"),
        "changed": QCoreApplication.translate("IssueLabel", "Review changed"),
        "policy": QCoreApplication.translate("IssueLabel", "Limits for agents"),
        "rounding_max_share": QCoreApplication.translate("IssueLabel", "Price rounding, at most"),
        "rounding_per_day": QCoreApplication.translate("IssueLabel", "Roundings per agent per day"),
        "partial_refund_max_fen": QCoreApplication.translate("IssueLabel", "Partial refund, at most (yuan)"),
        "partial_refund_max_share": QCoreApplication.translate("IssueLabel", "Partial refund, at most (share)"),
        "gift_max_fen": QCoreApplication.translate("IssueLabel", "Gift or coupon, at most (yuan)"),
    }
    return labels.get(code, code)


# Every Reason key the desk uses, worded for the agent; {name} stands for the reason's value of that name. Marked
# here, translated when shown (so a language switch takes effect).
REASONS: dict[str, str] = {
    # refusals
    "unknown_role": QT_TRANSLATE_NOOP("Reason", "{value} is not a role: choose agent or supervisor"),
    "profile_needs_name": QT_TRANSLATE_NOOP("Reason", "a profile needs a name"),
    "weak_password": QT_TRANSLATE_NOOP("Reason", "a supervisor's password needs at least {minimum} characters"),
    "not_supervisor": QT_TRANSLATE_NOOP("Reason", "{name} is not a supervisor on this desk"),
    "wrong_password": QT_TRANSLATE_NOOP("Reason", "wrong password for {name}"),
    "password_locked": QT_TRANSLATE_NOOP("Reason", "{count} wrong passwords for {name}: it is locked until {until}"),
    "own_request": QT_TRANSLATE_NOOP("Reason", "{name} asked for this: another supervisor approves it"),
    "supervisor_needed": QT_TRANSLATE_NOOP("Reason", "this store has a supervisor: adding another takes an existing "
                                           "supervisor's name and password"),
    "profile_exists": QT_TRANSLATE_NOOP("Reason", "{name} already has a profile: nothing was changed"),
    "no_profile": QT_TRANSLATE_NOOP("Reason", "{name} has no profile on this desk"),
    "same_role": QT_TRANSLATE_NOOP("Reason", "{name} already has that role"),
    "last_supervisor": QT_TRANSLATE_NOOP("Reason", "{name} is the store's last supervisor: make another supervisor "
                                         "first"),
    "agent_password": QT_TRANSLATE_NOOP("Reason", "{name} is an agent: only a supervisor has a password on this desk"),
    "authority_gone": QT_TRANSLATE_NOOP("Reason", "{name} stopped being a supervisor or changed password meanwhile: "
                                        "nothing was changed"),
    "bad_profile_name": QT_TRANSLATE_NOOP("Reason", "a name of at most {limit} characters, without control or "
                                          "invisible characters"),
    "no_team_login": QT_TRANSLATE_NOOP("Reason", "{name} has no supervisor's login on the team's server: the owner adds one with kefudesk team setup"),
    "server_refused": QT_TRANSLATE_NOOP("Reason", "the team's server refused it ({detail})"),
    "unknown_stage": QT_TRANSLATE_NOOP("Reason", "{value} is not a stage"),
    "unknown_category": QT_TRANSLATE_NOOP("Reason", "{value} is not a category of {stage}"),
    "unknown_severity": QT_TRANSLATE_NOOP("Reason", "{value} is not a severity"),
    "needs_order_or_buyer": QT_TRANSLATE_NOOP("Reason", "an issue needs an order no. or a buyer"),
    "bad_photo": QT_TRANSLATE_NOOP("Reason", "{file} is not used: {problem}"),
    "unknown_state": QT_TRANSLATE_NOOP("Reason", "{value} is not a state"),
    "no_issue": QT_TRANSLATE_NOOP("Reason", "issue {issue} does not exist (deleted or from another store)"),
    "closed": QT_TRANSLATE_NOOP("Reason", "issue {issue} is {state}: reopen it first"),
    "no_action": QT_TRANSLATE_NOOP("Reason", "action {action} does not exist"),
    "approval_over_total": QT_TRANSLATE_NOOP("Reason", "approving would refund more than the order's total: ¥{left} is left"),
    "nothing_left": QT_TRANSLATE_NOOP("Reason", "order {order} has nothing left to refund"),
    "amount_not_positive": QT_TRANSLATE_NOOP("Reason", "the amount must be more than ¥0.00"),
    "over_refundable": QT_TRANSLATE_NOOP("Reason", "¥{amount} is more than order {order} can still refund (¥{left} of ¥{total})"),
    "rounding_over_total": QT_TRANSLATE_NOOP("Reason", "rounding cannot be more than the order's amount (¥{total})"),
    "unknown_order": QT_TRANSLATE_NOOP("Reason", "order {order} is not in the store: import the shop's order export (Ctrl+Shift+O) or open the buyer's chat first"),
    "unknown_action": QT_TRANSLATE_NOOP("Reason", "{value} is not an action"),
    "unknown_field": QT_TRANSLATE_NOOP("Reason", "{action} has no field {field}"),
    "missing_field": QT_TRANSLATE_NOOP("Reason", "{field} is needed for {action}"),
    "not_an_amount": QT_TRANSLATE_NOOP("Reason", "{field}: {value} is not an amount; type yuan such as 12.50"),
    "negative_amount": QT_TRANSLATE_NOOP("Reason", "{field}: a negative amount ({value}) is not an amount"),
    "not_whole_number": QT_TRANSLATE_NOOP("Reason", "{field}: {value} is not a whole number"),
    "out_of_range": QT_TRANSLATE_NOOP("Reason", "{field}: {value} is outside {low}–{high}"),
    "not_yes_no": QT_TRANSLATE_NOOP("Reason", "{field}: {value} is neither yes nor no"),
    "not_a_choice": QT_TRANSLATE_NOOP("Reason", "{field}: choose one of {choices}"),
    "not_a_time": QT_TRANSLATE_NOOP("Reason", "{field}: {value} is not a date and time"),
    "not_a_list": QT_TRANSLATE_NOOP("Reason", "{field}: a list is needed"),
    "too_long": QT_TRANSLATE_NOOP("Reason", "{field}: {length} characters, at most {limit} fit"),
    "not_a_share": QT_TRANSLATE_NOOP("Reason", "{field}: {value} is not a share such as 30%"),
    "share_out_of_range": QT_TRANSLATE_NOOP("Reason", "{field}: {value} is not between 0 and 100%"),
    "guard_blocked": QT_TRANSLATE_NOOP("Reason", "not sent: the reply contains {words}"),
    "guard_repeat": QT_TRANSLATE_NOOP("Reason", "not sent: the same text as your last reply to this buyer"),
    "reply_blank": QT_TRANSLATE_NOOP("Reason", "not sent: fill in the blank {blank} first"),
    "reply_setup_blank": QT_TRANSLATE_NOOP("Reason", "not sent: {blank} is still in the reply — the phrase was never finished; write the shop's own words there, and in the phrase manager for next time"),
    # a value a phrase asks for ({ask:…}), refused in the ask form ({field}: the phrase's label)
    "ask_empty": QT_TRANSLATE_NOOP("Reason", "{field}: fill it in"),
    "ask_not_amount": QT_TRANSLATE_NOOP("Reason", "{field}: {value} is not an amount; type yuan such as 5 or 12.50"),
    "ask_amount_not_positive": QT_TRANSLATE_NOOP("Reason", "{field}: the amount must be more than 0.00"),
    "ask_not_a_date": QT_TRANSLATE_NOOP("Reason", "{field}: {value} is not a date such as 11-24 or 明天"),
    "ask_not_a_choice": QT_TRANSLATE_NOOP("Reason", "{field}: choose one of {choices}"),
    "ask_too_long": QT_TRANSLATE_NOOP("Reason", "{field}: at most {limit} characters"),
    "guard_bad_word": QT_TRANSLATE_NOOP("Reason", "{word}: a banned word is 1–40 characters"),
    "guard_needs_supervisor": QT_TRANSLATE_NOOP("Reason", "this store has a supervisor: switching off {words} takes "
                                                "a supervisor's name and password"),
    "queue_bad_word": QT_TRANSLATE_NOOP("Reason", "{word}: an urgent word is 1–{most} characters"),
    "queue_too_many_words": QT_TRANSLATE_NOOP("Reason", "at most {most} urgent words"),
    # the owner's review
    "checklist_names": QT_TRANSLATE_NOOP("Reason", "every checklist item needs its own name"),
    "checklist_weight": QT_TRANSLATE_NOOP("Reason", "an item's weight is 1–100"),
    "checklist_unknown": QT_TRANSLATE_NOOP("Reason", "not on the checklist: {items}"),
    "review_no_agent": QT_TRANSLATE_NOOP("Reason", "choose whose work is scored"),
    "note_example": QT_TRANSLATE_NOOP("Reason", "an example is good, bad or neither"),
    "note_empty": QT_TRANSLATE_NOOP("Reason", "write a comment or mark the message as an example"),
    "clip_keep_days": QT_TRANSLATE_NOOP("Reason", "keep the history 1–3650 days"),
    "clip_keep_items": QT_TRANSLATE_NOOP("Reason", "keep 10–100,000 entries"),
    # the connection with the shop (the detail is the shop's or the network's own words)
    "login_refused": QT_TRANSLATE_NOOP("Reason", "not logged in to the shop: {detail}"),
    "login_needed": QT_TRANSLATE_NOOP("Reason", "the shop asks for the password again: enter it to go on"),
    "shop_unreachable": QT_TRANSLATE_NOOP("Reason", "cannot reach the shop; the desk works offline and keeps trying ({detail})"),
    "stream_dropped": QT_TRANSLATE_NOOP("Reason", "the connection to the shop dropped; reconnecting ({detail})"),
    "shop_stopped": QT_TRANSLATE_NOOP("Reason", "the desk stopped talking to the shop: {detail}"),
    # the team's server (store.url) going away mid-shift and coming back
    "server_unreachable": QT_TRANSLATE_NOOP("Reason", "the team's server cannot be reached: drafts and replies are kept on this computer and saved there when it answers again; buyers' new messages wait at the shop"),
    "server_back": QT_TRANSLATE_NOOP("Reason", "the team's server answers again; {drafts} draft(s) and {replies} reply(ies) kept on this computer were saved to it"),
    # the store, when the disk is full or cannot be written
    "store_full": QT_TRANSLATE_NOOP("Reason", "the disk holding {path} is full: the last change was not saved, everything saved before it is intact. Free some space on that disk (old files in the backups folder beside it can go); the desk goes on where it stopped"),
    "store_read_only": QT_TRANSLATE_NOOP("Reason", "{path} cannot be written: its folder or the file is read-only. Nothing was changed. Make them writable for your user, or set KEFUDESK_DATA_DIR to a writable folder"),
    "store_busy": QT_TRANSLATE_NOOP("Reason", "another program (a second KefuDesk, kefudesk palette, a backup tool) kept {path} busy for more than {seconds} s: the last change was not saved, everything saved before it is intact. Try again, or close the other program"),
    "reply_not_saved": QT_TRANSLATE_NOOP("Reason", "the reply was not saved ({why}); it is still in the reply box"),
    "reply_not_stored": QT_TRANSLATE_NOOP("Reason", "the reply was not saved ({why}); it waits in the chat, NOT SENT: "
                                          "F5 tries again, Shift+F5 brings it back to the reply box"),
    # the robot first answer and the session
    "robot_bad_wait": QT_TRANSLATE_NOOP("Reason", "the robot's wait must be 0–{most} seconds (0: do not answer waiting buyers)"),
    "robot_too_many_rules": QT_TRANSLATE_NOOP("Reason", "at most {most} robot rules"),
    "robot_bad_rule": QT_TRANSLATE_NOOP("Reason", "a robot rule is not readable; remove it"),
    "robot_rule_name": QT_TRANSLATE_NOOP("Reason", "every robot rule needs its own name ({name})"),
    "robot_rule_phrase": QT_TRANSLATE_NOOP("Reason", "rule {name}: choose a phrase from the library"),
    "robot_rule_trigger": QT_TRANSLATE_NOOP("Reason", "rule {name}: give keywords, or let it answer similar questions"),
    "robot_blocked": QT_TRANSLATE_NOOP("Reason", "the robot did not answer {buyer}: its phrase {phrase} has banned words ({words}); edit the phrase or the rule"),
    "transfer_offline": QT_TRANSLATE_NOOP("Reason", "not connected to the shop: a chat can be transferred when the connection is back"),
    "transfer_no_list": QT_TRANSLATE_NOOP("Reason", "the shop did not list the colleagues ({detail})"),
    "transfer_to_self": QT_TRANSLATE_NOOP("Reason", "the chat is already yours: choose a colleague"),
    "transfer_refused": QT_TRANSLATE_NOOP("Reason", "the shop did not transfer the chat ({detail})"),
    "status_not_taken": QT_TRANSLATE_NOOP("Reason", "the shop did not take the status change ({detail}); it is tried again when the connection comes back"),
    "order_no_rounded": QT_TRANSLATE_NOOP("Reason", "order no. {value} was saved as a number and Excel rounded it: format the column as text in the export, or export CSV"),
    "order_no_not_number": QT_TRANSLATE_NOOP("Reason", "order no. {value} is not a number"),
    "line_no_buyer": QT_TRANSLATE_NOOP("Reason", "no buyer on this line"),
    "cell_not_amount": QT_TRANSLATE_NOOP("Reason", "{value} is not an amount"),
    "cell_not_time": QT_TRANSLATE_NOOP("Reason", "{value} is not a date and time"),
    "cell_not_phone": QT_TRANSLATE_NOOP("Reason", "{value} is not a phone number"),
    "line_negative_amount": QT_TRANSLATE_NOOP("Reason", "a negative amount"),
    "unknown_problem_type": QT_TRANSLATE_NOOP("Reason", "problem type {value} is not one the desk knows (超区, 缺货, 地址不详, 物流超时…)"),
    "detail_too_long": QT_TRANSLATE_NOOP("Reason", "the detail is longer than {limit} characters"),
    # an imported value that does not fit the store's column ({column}: the file's own column name)
    "value_too_long": QT_TRANSLATE_NOOP("Reason", "{column} is {length} characters, more than the store keeps ({limit})"),
    "amount_too_large": QT_TRANSLATE_NOOP("Reason", "{column} ¥{value} is more than the store keeps (at most ¥{limit})"),
    "number_out_of_range": QT_TRANSLATE_NOOP("Reason", "{column} {value} is outside what the store keeps ({low} to {high})"),
    "value_has_nul": QT_TRANSLATE_NOOP("Reason", "{column} holds a NUL character (\\x00), which the store cannot keep"),
    "value_half_character": QT_TRANSLATE_NOOP("Reason", "{column} holds half a character (a lone UTF-16 surrogate), which the store cannot keep"),
    "time_out_of_range": QT_TRANSLATE_NOOP("Reason", "{column} {value} is outside the times the store keeps"),
    # a file over an import's limits (app/files/limits.py), refused before it is read
    "file_too_large": QT_TRANSLATE_NOOP("Reason", "{name} is {size}, more than the desk imports ({limit}): split it and import the parts"),
    "file_longer": QT_TRANSLATE_NOOP("Reason", "{name} is more than the desk imports ({limit}): split it and import the parts"),
    "sheet_rows": QT_TRANSLATE_NOOP("Reason", "the sheet has more than {limit} rows, the most an import reads: split it by date and import the parts"),
    "phrase_file_entries": QT_TRANSLATE_NOOP("Reason", "the file holds more than {limit} phrases, the most an import reads: split it and import the parts"),
    "workbook_unpacked": QT_TRANSLATE_NOOP("Reason", "the workbook unpacks to {size}, more than an import reads ({limit}): save it as CSV or split it"),
    "workbook_cells": QT_TRANSLATE_NOOP("Reason", "the workbook holds more than {limit} cells, the most an import reads from a workbook: save it as CSV or split it"),
    "workbook_strings": QT_TRANSLATE_NOOP("Reason", "the workbook holds more than {limit} shared strings, the most an import reads from a workbook: save it as CSV or split it"),
    "workbook_elements": QT_TRANSLATE_NOOP("Reason", "the workbook holds more than {limit} XML elements, the most an import reads from a workbook: save it as CSV or split it"),
    "workbook_other_elements": QT_TRANSLATE_NOOP("Reason", "the workbook holds more than {limit} XML elements outside its sheets, the most an import reads: save it as CSV or split it"),
    "workbook_utf16": QT_TRANSLATE_NOOP("Reason", "the workbook's part {part} is XML in UTF-16, which no spreadsheet program writes: open the file in Excel or WPS, save it again and import that"),
    "workbook_dtd": QT_TRANSLATE_NOOP("Reason", "the workbook's part {part} declares a DTD, which no spreadsheet program writes: open the file in Excel or WPS, save it again and import that"),
    "close_buyer_last": QT_TRANSLATE_NOOP("Reason", "the buyer spoke last: answer first, or give a reason to close the chat anyway"),
    "not_a_date": QT_TRANSLATE_NOOP("Reason", "{value} is not a date such as 2026-11-24"),
    # limits that need a supervisor
    "gift_over_limit": QT_TRANSLATE_NOOP("Reason", "a gift over ¥{limit} needs a supervisor"),
    "limit_gift": QT_TRANSLATE_NOOP("Reason", "your limit: ¥{limit} a gift"),
    "limit_rounding": QT_TRANSLATE_NOOP("Reason", "your limit: {share} of the order, {count} roundings a day"),
    "limit_partial_refund": QT_TRANSLATE_NOOP("Reason", "your limit: ¥{limit} and {share} of the order"),
    "rounding_over_share": QT_TRANSLATE_NOOP("Reason", "rounding over {share} of the order needs a supervisor"),
    "rounding_per_day": QT_TRANSLATE_NOOP("Reason", "more than {count} roundings a day need a supervisor"),
    "partial_over_amount": QT_TRANSLATE_NOOP("Reason", "a partial refund over ¥{limit} needs a supervisor"),
    "partial_over_share": QT_TRANSLATE_NOOP("Reason", "a partial refund over {share} of the order needs a supervisor"),
    # fraud flags
    "return_tracking_reused": QT_TRANSLATE_NOOP("Reason", "return tracking no. {tracking} was already used on issue {issue} (order {order}, buyer {buyer})"),
    "return_too_light": QT_TRANSLATE_NOOP("Reason", "the return weighed {received} g, far below the {items} g its items weigh: possibly an empty or swapped parcel — open it before refunding"),
    # the missing-item weight check
    "no_courier_record": QT_TRANSLATE_NOOP("Reason", "no courier record for this parcel"),
    "ask_for_photos": QT_TRANSLATE_NOOP("Reason", "ask the buyer for photos of the parcel and the packing slip"),
    "slip_unticked": QT_TRANSLATE_NOOP("Reason", "packing slip: not ticked as packed — {lines}"),
    "lost_in_transit": QT_TRANSLATE_NOOP("Reason", "the parcel lost {lost} g between the origin ({origin} g) and {station} ({last} g): opened or damaged in transit"),
    "light_at_origin": QT_TRANSLATE_NOOP("Reason", "the parcel weighed {origin} g at the origin, {under} g under the {low}–{high} g the order should weigh (the lightest item is {lightest} g): an item probably never left"),
    "complete_at_origin": QT_TRANSLATE_NOOP("Reason", "the parcel weighed {origin} g at the origin, within the {low}–{high} g a complete order weighs"),
    "same_at_last_station": QT_TRANSLATE_NOOP("Reason", "and {last} g at {station}: nothing left it on the way"),
    "slip_all_ticked": QT_TRANSLATE_NOOP("Reason", "every line of the packing slip is ticked"),
    "item_weight_unknown": QT_TRANSLATE_NOOP("Reason", "an item's weight is unknown"),
    "no_origin_weight": QT_TRANSLATE_NOOP("Reason", "the courier gave no origin weight"),
    "weights_undecided": QT_TRANSLATE_NOOP("Reason", "the weights do not decide it"),
}


CODE_PARAMS = ("field", "state", "stage", "action")  # values that are desk codes, worded with label()


def say(reason: str) -> str:
    """A desk reason in the agent's language; plain text (or a reason with an unknown key) is shown as it is."""
    if not isinstance(reason, Reason):
        return str(reason)
    if reason.key not in REASONS:
        return str(reason)
    template = QCoreApplication.translate("Reason", REASONS[reason.key])
    values = dict(reason.params)
    for name in CODE_PARAMS:
        if name in values:
            values[name] = label(values[name])
    if reason.key in ("unknown_role", "unknown_stage", "unknown_category", "unknown_severity", "unknown_state",
                      "unknown_action"):
        values["value"] = label(values.get("value", ""))
    if "choices" in values:
        values["choices"] = "、".join(label(c) for c in values["choices"].split(",") if c)
    if reason.key in ("reply_not_saved", "reply_not_stored") and values.get("why_key") in REASONS:  # why, in the agent's words too
        values["why"] = say(Reason(values["why_key"], values["why"], path=values.get("path", "")))
    if "station" in values and not values["station"]:
        values["station"] = QCoreApplication.translate("Reason", "the last station")
    try:
        return template.format_map(values)
    except (KeyError, IndexError, ValueError):  # a translation that names a value the reason lacks
        return str(reason)


def say_error(exc: BaseException) -> str:
    """Why a file was refused, in the agent's language when the refusal (or what caused it) carries a reason key
    (a file over an import's limits), else in its own words."""
    for cause in (exc, exc.__cause__):
        key = getattr(cause, "key", "")
        if key in REASONS:
            return say(Reason(key, str(cause), **getattr(cause, "params", {})))
    if isinstance(exc, OSError) and exc.strerror:
        return str(exc.strerror)
    return str(exc)


def problem_label(name: str = "") -> QLabel:
    """The red, wrapping line under a form where a dialog says why it did not save (a reason from say())."""
    problem = QLabel()
    if name:
        problem.setObjectName(name)
    problem.setWordWrap(True)
    problem.setStyleSheet("color: #C0392B")
    return problem

