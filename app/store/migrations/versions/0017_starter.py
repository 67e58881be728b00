"""A shop's imported past chats are searchable as the live ones are (issue 22): the same cut of text
(app/store/search_text.py), in an index of their own.

- SQLite: history_fts, a contentless FTS5 table made as message_fts is (migration 0013), keyed by history_message's
  rowid, made empty: the desk fills it in the background after the live messages (app/store/fts.py), so the
  upgrade takes no time at any size, and until then a search scans what is not indexed yet.
- PostgreSQL: a GIN index over the same expression as message's (migration 0008).
- An index on history_message.buyer: the buyer pane lists a buyer's imported chats by nick at every chat opened.

Revision ID: 0017
Revises: 0016
"""

from alembic import op

revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None

PG_VECTOR = r"to_tsvector('simple'::regconfig, regexp_replace(text, '([^\x01-\x7f])', ' \1 ', 'g'))"


def upgrade() -> None:
    op.create_index("ix_history_message_buyer", "history_message", ["buyer"])
    if op.get_bind().dialect.name != "sqlite":
        op.execute(f"CREATE INDEX ix_history_message_search ON history_message USING gin ({PG_VECTOR})")
        return
    op.execute("CREATE VIRTUAL TABLE history_fts USING fts5(tokens, content='', "
               "tokenize='unicode61 remove_diacritics 0', prefix='1 3 4 5 6')")
    op.execute("DELETE FROM meta WHERE key = 'fts.history_indexed_upto'")  # the desk fills it from the first row


def downgrade() -> None:
    op.drop_index("ix_history_message_buyer", "history_message")
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TABLE IF EXISTS history_fts")
        op.execute("DELETE FROM meta WHERE key = 'fts.history_indexed_upto'")
    else:
        op.execute("DROP INDEX IF EXISTS ix_history_message_search")
