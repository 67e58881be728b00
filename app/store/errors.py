"""Errors of the store; each names the database file and what the user can do about it."""

from __future__ import annotations


class StoreError(Exception):
    """The local store cannot be used as it is."""


class StoreCorrupt(StoreError):
    """The file is not a readable KefuDesk database. It is never modified."""


class StoreLocked(StoreError):
    """Another program holds the database locked."""


class StoreTooNew(StoreError):
    """The database was written by a newer KefuDesk; it is left untouched."""


class OverOrderTotal(StoreError):
    """Another desk's refund on the same order committed first: this one would take the order over its total."""

    def __init__(self, order_no: str, left_fen: int) -> None:
        super().__init__(f"order {order_no} has only {left_fen} fen left to refund")
        self.order_no, self.left_fen = order_no, left_fen
