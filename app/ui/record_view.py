"""The table view every list of records is shown in (issues, the worklist, the review's chats, the KPIs): one
selection at a time, no row numbers, columns as wide as their contents. One home, so the tables read alike."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView


def record_view(model: QAbstractItemModel, name: str, *, rows: bool = True, stretch_last: bool = False) -> QTableView:
    """A read-only view of model, found by tests and style sheets as name; rows=False selects single cells
    (a figure, not a record)."""
    view = QTableView()
    view.setObjectName(name)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows if rows
                              else QAbstractItemView.SelectionBehavior.SelectItems)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.verticalHeader().hide()
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    if stretch_last:
        view.horizontalHeader().setStretchLastSection(True)
    return view
