"""The SQLite search index stores each character with the one after it (app/store/search_text.py says why): a rare
or absent phrase of common characters no longer reads every message's entry for each of its characters. Its
prefix tables (in characters) answer a one-character query (退*, the first half of every pair) from one list, and
the first 3 to 6 digits of an order no. likewise.

The index is made anew, empty, and the desk fills it in the background from the oldest message on, as it indexes
new messages (app/store/fts.py), so the upgrade itself takes no time at any store size; until it has caught up, a
search scans the messages not indexed yet, and still finds every one. PostgreSQL's index is unchanged.

Revision ID: 0013
Revises: 0012
"""

from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None

_TABLE = ("CREATE VIRTUAL TABLE message_fts USING fts5(tokens, content='', "
          "tokenize='unicode61 remove_diacritics 0', prefix='1 3 4 5 6')")


def upgrade() -> None:
    _anew()


def downgrade() -> None:
    _anew()  # the earlier cut is refilled the same way, by the earlier desk's indexer


def _anew() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    op.execute("DROP TABLE IF EXISTS message_fts")
    op.execute(_TABLE)
    op.execute("DELETE FROM meta WHERE key = 'fts.indexed_upto'")
