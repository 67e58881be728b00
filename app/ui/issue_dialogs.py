"""Issues in the desk: open one from a chat (or from an order no. alone), record typed actions on it, and have a
supervisor approve an over-limit one on the spot. The rules are app.desk.issues'; these dialogs only ask and
show what it answers, in the agent's language."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime, timedelta
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QDateTime, QSize, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.store.records import IssueRecord

from app.desk.action_fields import ACTION_FIELDS, Field
from app.desk.checks import WeightCheck
from app.desk.issues import CATEGORIES, MONEY_KINDS, SEVERITIES, STAGES, STATES, IssueDesk, Outcome
from app.desk.money import parse_yuan, yuan_text
from app.desk.refused import IssueRefused

from app.ui.background import in_background
from app.ui.dialog_buttons import ok_cancel
from app.ui.labels import label, problem_label, say
from app.ui.models.issue_actions import IssueActions
from app.ui.models.issue_photos import IssuePhotos
from app.ui.supervisor_fields import SupervisorFields

from app import domain


def issue_line(issue: IssueRecord) -> str:
    order = QCoreApplication.translate("IssueLabel", "order %1").replace("%1", issue.order_no) if issue.order_no else ""
    parts = [f"#{issue.id}", f"{label(issue.stage)}·{label(issue.category)}", label(issue.state), order]
    return "  ".join(p for p in parts if p)


class NewIssueDialog(QDialog):
    """Buyer, order and the selected messages come from the chat; typed or pasted in companion mode."""

    def __init__(self, desk: IssueDesk, *, buyer_nick: str = "", buyer_id: str = "", conversation_id: str = "",
                 orders: Sequence[str] = (), evidence: Sequence[int] = (), parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.desk = desk
        self.buyer_id, self.conversation_id, self.evidence = buyer_id, conversation_id, tuple(evidence)
        self.created: IssueRecord | None = None
        self.setWindowTitle(self.tr("New issue"))
        self.stage = QComboBox()
        for stage in STAGES:
            self.stage.addItem(label(stage), stage)
        self.category = QComboBox()
        self.severity = QComboBox()
        for severity in SEVERITIES:
            self.severity.addItem(label(severity), severity)
        self.severity.setCurrentIndex(SEVERITIES.index("normal"))
        self.order = QComboBox()
        self.order.setEditable(True)  # an order no. typed or pasted from the marketplace's own client
        self.order.addItems(list(orders))
        self.buyer = QLineEdit(buyer_nick)
        self.note = QPlainTextEdit()
        self.note.setTabChangesFocus(True)
        self.note.setMaximumHeight(90)
        self.follow_up = QDateTimeEdit(QDateTime.currentDateTime().addSecs(24 * 3600))
        self.follow_up.setCalendarPopup(True)
        self.use_follow_up = QCheckBox(self.tr("Follow up"))
        self.problem = problem_label()
        form = QFormLayout(self)
        form.addRow(self.tr("&Stage"), self.stage)
        form.addRow(self.tr("&Category"), self.category)
        form.addRow(self.tr("Se&verity"), self.severity)
        form.addRow(self.tr("&Order no."), self.order)
        form.addRow(self.tr("&Buyer"), self.buyer)
        form.addRow(self.tr("&Note"), self.note)
        form.addRow(self.use_follow_up, self.follow_up)
        if evidence:
            form.addRow("", QLabel(self.tr("%n selected message(s) kept as evidence", "", len(evidence))))
        form.addRow(self.problem)
        buttons = ok_cancel(self, self.create)
        form.addRow(buttons)
        self.stage.currentIndexChanged.connect(self._fill_categories)
        self.stage.setCurrentIndex(STAGES.index("after_sale") if conversation_id else 0)
        self._fill_categories()

    def _fill_categories(self) -> None:
        self.category.clear()
        for category in CATEGORIES[self.stage.currentData()]:
            self.category.addItem(label(category), category)

    def create(self) -> None:
        follow_up = self.follow_up.dateTime().toPython() if self.use_follow_up.isChecked() else None
        if isinstance(follow_up, datetime) and follow_up.tzinfo is None:
            follow_up = follow_up.astimezone()
        try:
            self.created = self.desk.open_issue(
                stage=self.stage.currentData(), category=self.category.currentData(),
                severity=self.severity.currentData(), order_no=self.order.currentText().strip(),
                buyer_id=self.buyer_id, buyer_nick=self.buyer.text().strip(), conversation_id=self.conversation_id,
                note=self.note.toPlainText().strip(), evidence=self.evidence, follow_up_at=follow_up)
        except IssueRefused as refused:
            self.problem.setText(refusal(refused))
            return
        self.accept()


def refusal(refused: IssueRefused) -> str:
    """What the rules said, in the agent's language (the reason names the field)."""
    return QCoreApplication.translate("IssueLabel", "Not saved: %1").replace("%1", say(refused.reason))


def _input(spec: Field) -> QWidget:
    if spec.kind == "bool":
        return QCheckBox()
    if spec.kind == "choice":
        box = QComboBox()
        for choice in spec.choices:
            box.addItem(label(choice), choice)
        return box
    if spec.kind == "int":
        spin = QSpinBox()
        spin.setRange(spec.low if spec.low is not None else 0, spec.high if spec.high is not None else 1_000_000)
        return spin
    if spec.kind == "time":
        edit = QDateTimeEdit(QDateTime.currentDateTime().addSecs(int(timedelta(days=1).total_seconds())))
        edit.setCalendarPopup(True)
        return edit
    edit = QLineEdit()
    if spec.kind == "money":
        edit.setPlaceholderText("12.50")
    if spec.kind == "list":
        edit.setPlaceholderText(QCoreApplication.translate("IssueLabel", "separated by commas"))
    return edit


class ActionDialog(QDialog):
    """A form built from the action's field list; the desk checks it, the dialog shows why it refused."""

    def __init__(self, desk: IssueDesk, issue: IssueRecord, kind: str, parent: QWidget | None = None,
                 approve: Callable[[Outcome], bool] | None = None, preset: dict[str, object] | None = None) -> None:
        super().__init__(parent)
        self.desk, self.issue, self.kind = desk, issue, kind
        self.approve = approve
        self.outcome: Outcome | None = None
        self.setWindowTitle(self.tr("%1 — issue #%2").replace("%1", label(kind)).replace("%2", str(issue.id)))
        self.inputs: dict[str, QWidget] = {}
        form = QFormLayout(self)
        form.addRow(QLabel(issue_line(issue)))
        if kind in MONEY_KINDS:
            flags = desk.flags(issue.id)
            if flags:
                warning = QLabel("⚠ " + "\n⚠ ".join(say(flag) for flag in flags))
                warning.setObjectName("actionFlags")
                warning.setTextFormat(Qt.TextFormat.PlainText)
                warning.setWordWrap(True)
                warning.setStyleSheet("color: #C0392B; font-weight: bold")
                form.addRow(warning)
        known = desk.prefill(issue.id, kind) | (preset or {})
        for spec in ACTION_FIELDS[kind]:
            widget = self.inputs[spec.name] = _input(spec)
            widget.setObjectName(spec.name)
            if spec.name in known and isinstance(widget, QLineEdit):
                value = known[spec.name]  # an amount comes as fen, and is typed (and read back) as yuan
                widget.setText(yuan_text(value) if spec.kind == "money" and isinstance(value, int) else str(value))
            elif spec.name in known and isinstance(widget, QComboBox):
                widget.setCurrentIndex(max(0, widget.findData(known[spec.name])))
            elif spec.name in known and isinstance(widget, QCheckBox):
                widget.setChecked(bool(known[spec.name]))
            form.addRow(label(spec.name) + (" *" if spec.required else ""), widget)
        # the agent's limit before anything is recorded, and whether the amount typed goes over it
        self.limit = QLabel()
        self.limit.setObjectName("actionLimit")
        self.limit.setTextFormat(Qt.TextFormat.PlainText)
        self.limit.setWordWrap(True)
        self._limit = say(desk.limit(kind))
        self.problem = problem_label()
        form.addRow(self.problem)
        buttons = ok_cancel(self, self.record)
        self.ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self._ok_text = self.ok.text()
        amount = self.inputs.get("amount") or self.inputs.get("value")
        if self._limit and isinstance(amount, QLineEdit):
            form.insertRow(form.rowCount() - 1, self.limit)
            amount.textChanged.connect(lambda _text: self._show_limit())
            self._show_limit()
        form.addRow(buttons)

    def _show_limit(self) -> None:
        amount = self.inputs.get("amount") or self.inputs.get("value")
        over = ""
        if isinstance(amount, QLineEdit) and amount.text().strip():
            try:
                over = self.desk.over_limit(self.issue.id, self.kind, parse_yuan(amount.text()))
            except ValueError:  # not an amount yet: recording says what an amount looks like
                over = ""
        if over:
            self.limit.setText(self.tr("Over your limit: %1. A supervisor approves it before it is recorded; until "
                                       "then it counts for nothing.").replace("%1", say(over)))
            self.limit.setStyleSheet("color: #B9770E; font-weight: bold")
            self.ok.setText(self.tr("Ask a supervisor…"))
        else:
            self.limit.setText(self.tr("%1. Over it, a supervisor approves before anything is recorded.")
                               .replace("%1", self._limit[:1].upper() + self._limit[1:]))
            self.limit.setStyleSheet("color: #505050")
            self.ok.setText(self._ok_text)

    def values(self) -> dict[str, object]:
        out: dict[str, object] = {}
        for spec in ACTION_FIELDS[self.kind]:
            widget = self.inputs[spec.name]
            if isinstance(widget, QCheckBox):
                out[spec.name] = widget.isChecked()
            elif isinstance(widget, QComboBox):
                out[spec.name] = widget.currentData()
            elif isinstance(widget, QSpinBox):
                out[spec.name] = widget.value() if widget.value() or spec.required else None
            elif isinstance(widget, QDateTimeEdit):
                out[spec.name] = widget.dateTime().toPython()
            elif isinstance(widget, QLineEdit):
                text = widget.text().strip()
                out[spec.name] = [p.strip() for p in text.split(",") if p.strip()] if spec.kind == "list" else text
        return out

    def record(self) -> None:
        try:
            self.outcome = self.desk.act(self.issue.id, self.kind, self.values())
        except IssueRefused as refused:
            self.problem.setText(refusal(refused))
            return
        if self.outcome.needs_approval and self.approve is not None:
            self.approve(self.outcome)
        self.accept()


class ApprovalDialog(QDialog):
    """A supervisor approves (or refuses) an over-limit action on the spot with their own password."""

    def __init__(self, desk: IssueDesk, outcome: Outcome, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.desk, self.outcome = desk, outcome
        self.decided = ""
        self.decided_by = ""  # the supervisor who decided
        self.setWindowTitle(self.tr("Supervisor approval"))
        self.problem = QLabel()
        self.problem.setStyleSheet("color: #C0392B")
        form = QFormLayout(self)
        why = QLabel(self.tr("%1 of ¥%2 needs approval: %3").replace("%1", label(outcome.action.kind))
                     .replace("%2", yuan_text(outcome.action.amount_fen)).replace("%3", say(outcome.needs_approval)))
        why.setWordWrap(True)
        form.addRow(why)
        fields = SupervisorFields(form)
        self.supervisor, self.password = fields.supervisor, fields.password
        form.addRow(self.problem)
        buttons = QDialogButtonBox()
        self.approve_button = buttons.addButton(self.tr("&Approve"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.refuse_button = buttons.addButton(self.tr("&Refuse"), QDialogButtonBox.ButtonRole.DestructiveRole)
        later = buttons.addButton(self.tr("&Later"), QDialogButtonBox.ButtonRole.RejectRole)
        later.setToolTip(self.tr("The request waits; it counts for nothing until a supervisor approves it"))
        self.approve_button.clicked.connect(lambda: self.decide(True))
        self.refuse_button.clicked.connect(lambda: self.decide(False))
        later.clicked.connect(self.reject)
        form.addRow(buttons)

    def decide(self, approve: bool) -> None:
        try:
            decided = self.desk.approve(self.outcome.action.id, self.supervisor.text().strip(), self.password.text(),
                                        approve=approve)
        except IssueRefused as refused:
            self.problem.setText(refusal(refused))
            self.password.clear()
            return
        finally:
            self.password.clear()  # never kept in the widget
        self.decided = "approved" if approve else "refused"
        self.decided_by = decided.decided_by
        self.accept()



class IssueDetails(QDialog):
    """One issue: its state, what was done (with money and approvals), and its photos as thumbnails."""

    def __init__(self, desk: IssueDesk, issue: IssueRecord, load_image: Callable[[str], bytes | None],
                 parent: QWidget | None = None,
                 fetch_parcel: Callable[[str], domain.Parcel] | None = None) -> None:
        super().__init__(parent)
        self.desk, self.issue_id, self.load_image = desk, issue.id, load_image
        self.fetch_parcel = fetch_parcel
        self.setWindowTitle(self.tr("Issue #%1").replace("%1", str(issue.id)))
        self.header = QLabel()
        self.header.setTextFormat(Qt.TextFormat.PlainText)  # the buyer's nick and the note, as written
        self.header.setWordWrap(True)
        self.state = QComboBox()
        for state in STATES:
            self.state.addItem(label(state), state)
        self.actions = IssueActions(self)
        self.history = QListView()
        self.history.setObjectName("issueHistory")
        self.history.setModel(self.actions)
        self.pictures = IssuePhotos(load_image, self)
        self.photos = QListView()
        self.photos.setObjectName("issuePhotos")
        self.photos.setModel(self.pictures)
        self.photos.setViewMode(QListView.ViewMode.IconMode)
        self.photos.setIconSize(QSize(96, 96))
        self.photos.setMaximumHeight(130)
        self.attach = QPushButton(self.tr("&Attach photos…"))
        self.attach.clicked.connect(self._choose_photos)
        self.problem = problem_label()
        form = QFormLayout(self)
        form.addRow(self.header)
        form.addRow(self.tr("&State"), self.state)
        form.addRow(self.tr("Done so far"), self.history)
        form.addRow(self.tr("Photos"), self.photos)
        form.addRow("", self.attach)
        self.weights: WeightPanel | None = None
        if issue.category in ("missing_item", "not_received"):
            self.weights = WeightPanel(desk, issue, fetch_parcel, self)
            form.addRow(self.tr("Weights"), self.weights)
        form.addRow(self.problem)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.refresh()
        self.state.currentIndexChanged.connect(self._state_changed)
        self.resize(680, 640 if self.weights else 560)

    def refresh(self) -> None:
        issue = self.desk.repo.issue(self.issue_id)
        if issue is None:
            return
        self.header.setText(issue_line(issue) + (f"\n{issue.note}" if issue.note else ""))
        self.state.blockSignals(True)
        self.state.setCurrentIndex(self.state.findData(issue.state))
        self.state.blockSignals(False)
        self.actions.set_rows(self.desk.actions(self.issue_id))
        self.pictures.show_photos(issue.photos)

    def _state_changed(self) -> None:
        try:
            self.desk.set_state(self.issue_id, self.state.currentData())
        except IssueRefused as refused:
            self.problem.setText(refusal(refused))
        self.refresh()

    def _choose_photos(self) -> None:
        dialog = QFileDialog(self, self.tr("Photos for the issue"))
        dialog.setNameFilter(self.tr("Pictures (*.png *.jpg *.jpeg *.gif *.webp)"))
        dialog.setFileMode(QFileDialog.FileMode.ExistingFiles)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.filesSelected.connect(lambda names: self.attach_files([Path(n) for n in names]))
        dialog.open()

    def attach_files(self, paths: list[Path]) -> bool:
        try:
            self.desk.attach_photos(self.issue_id, paths)
        except IssueRefused as refused:
            self.problem.setText(refusal(refused))
            return False
        self.problem.clear()
        self.refresh()
        return True


class WeightPanel(QWidget):
    """The missing-item check: the courier's weights (fetched from the shop, or typed from the courier's site in
    companion mode) and the packing slip beside what the order should weigh, and the desk's suggestion."""

    def __init__(self, desk: IssueDesk, issue: IssueRecord, fetch_parcel: Callable[[str], domain.Parcel] | None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.desk, self.issue, self.fetch_parcel = desk, issue, fetch_parcel
        self.check: WeightCheck | None = None
        self.origin = QSpinBox()
        self.origin.setObjectName("originWeight")
        self.last = QSpinBox()
        self.last.setObjectName("lastWeight")
        for spin in (self.origin, self.last):
            spin.setRange(0, 100_000)
            spin.setSuffix(" g")
            spin.setSpecialValueText(self.tr("unknown"))
        self.fetch_button = QPushButton(self.tr("&Fetch from the courier"))
        self.fetch_button.clicked.connect(self.fetch)
        order = desk.store.order(issue.order_no) if issue.order_no else None
        self.tracking_no = order.tracking_no if order else ""
        self.fetch_button.setEnabled(fetch_parcel is not None and bool(self.tracking_no))
        self.check_button = QPushButton(self.tr("&Check these weights"))
        self.check_button.clicked.connect(self.check_typed)
        self.result = QLabel(self.tr("Fetch the courier's record, or type the weights from the courier's site."))
        self.result.setObjectName("weightResult")
        self.result.setTextFormat(Qt.TextFormat.PlainText)
        self.result.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Origin")))
        row.addWidget(self.origin)
        row.addWidget(QLabel(self.tr("Last station")))
        row.addWidget(self.last)
        row.addWidget(self.check_button)
        row.addWidget(self.fetch_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.result)

    def fetch(self) -> None:
        if self.fetch_parcel is None or not self.tracking_no:
            return
        fetch, tracking = self.fetch_parcel, self.tracking_no
        self.result.setText(self.tr("Asking the courier about %1…").replace("%1", tracking))
        self.fetch_button.setEnabled(False)
        in_background(lambda: fetch(tracking), self._fetched, self)

    def _fetched(self, result: object) -> None:
        self.fetch_button.setEnabled(True)
        if isinstance(result, BaseException):
            self.result.setText(self.tr("No courier record (%1): type the weights from the courier's site.")
                                .replace("%1", str(result)))
            return
        assert isinstance(result, domain.Parcel)
        self.origin.setValue(result.origin_weight_g or 0)
        self.last.setValue(result.last_weight_g or 0)
        self.show_check(result)

    def check_typed(self) -> None:
        parcel = domain.Parcel(self.tracking_no, "", (), self.origin.value() or None, self.last.value() or None)
        self.show_check(parcel)

    def show_check(self, parcel: domain.Parcel) -> None:
        try:
            check = self.check = self.desk.weight_check(self.issue.id, parcel)
        except IssueRefused as refused:
            self.result.setText(refusal(refused))
            return
        verdict = {"genuine": self.tr("Probably genuine: the item did not reach the buyer."),
                   "doubtful": self.tr("Doubtful claim: a complete parcel left and arrived."),
                   "unknown": self.tr("Cannot tell from the weights.")}[check.verdict]
        def grams(value: int | None) -> str:
            return f"{value} g" if value is not None else self.tr("unknown")
        expected = (f"{check.expected_low_g}–{check.expected_high_g} g" if check.expected_low_g is not None
                    else self.tr("unknown"))
        lines = [verdict,
                 self.tr("Expected %1 · origin %2 · last station %3").replace("%1", expected)
                 .replace("%2", grams(check.origin_g)).replace("%3", grams(check.last_g))]
        if check.slip:
            lines.append(self.tr("Packing slip:") + " " + "  ".join(
                f"{'✓' if line.ticked else '✗'} {line.title} ×{line.qty}" for line in check.slip))
        lines += [f"· {say(reason)}" for reason in check.reasons]
        self.result.setText("\n".join(lines))
        colour = {"genuine": "#1E8449", "doubtful": "#B9770E"}.get(check.verdict, "#505050")
        self.result.setStyleSheet(f"color: {colour}")
