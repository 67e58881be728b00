"""The phrase library's groups as the phrase manager's tree: "All phrases (n)" on top and each group under its
parent (售后/退款 under 售后); GroupRole is a node's whole path, "" for all phrases. Rebuilt whole when the library
changes (a few dozen groups). Its words are the phrase manager's (one translation context)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QModelIndex, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel

GroupRole = Qt.ItemDataRole.UserRole + 3
translate = QCoreApplication.translate  # (lupdate finds the calls by this name)


class PhraseGroups(QStandardItemModel):
    def show_groups(self, groups: list[str], phrases: int, chosen: str = "") -> QModelIndex:
        """The tree of groups ("a/b" nests b under a) below all the library's phrases; the index of the chosen
        group, or of all phrases when it is gone."""
        self.clear()
        everything = QStandardItem(translate("PhraseManager", "All phrases (%1)").replace("%1", str(phrases)))
        everything.setData("", GroupRole)
        everything.setEditable(False)
        self.appendRow(everything)
        nodes: dict[str, QStandardItem] = {}
        for group in groups:
            parent, path = everything, ""
            for part in group.split("/"):
                path = f"{path}/{part}" if path else part
                node = nodes.get(path)
                if node is None:
                    node = nodes[path] = QStandardItem(part)
                    node.setData(path, GroupRole)
                    node.setEditable(False)
                    parent.appendRow(node)
                parent = node
        return nodes.get(chosen, everything).index()
