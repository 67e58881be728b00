"""One issue's details: its state, what was done (with money and approvals), its photos, and for a missing item
the weight check beside them (WeightPanel)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListView,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.store.records import IssueRecord

from app.desk.checks import WeightCheck
from app.desk.issues import STATES, IssueDesk
from app.desk.refused import IssueRefused

from app.ui.background import in_background
from app.ui.issue_dialogs.common import issue_line, refusal
from app.ui.labels import label, problem_label, say
from app.ui.models.issue_actions import IssueActions
from app.ui.models.issue_photos import IssuePhotos

from app import domain


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
        for caption, spin in ((QLabel(self.tr("Origin")), self.origin), (QLabel(self.tr("Last station")), self.last)):
            caption.setBuddy(spin)
            row.addWidget(caption)
            row.addWidget(spin)
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
