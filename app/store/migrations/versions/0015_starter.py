"""A shop's imported past chats are searchable as the live ones are (issue 22): the same cut of text
(app/store/search_text.py), in an index of their own.

- SQLite: history_fts, a contentless FTS5 table made as message_fts is (migration 0013), keyed by history_message's
  rowid. An import indexes its new rows in its own transaction (app/store/history.py), so no watermark is needed;
  the history already stored is indexed here.
- PostgreSQL: a GIN index over the same expression as message's (migration 0008).
- An index on history_message.buyer: the buyer pane lists a buyer's imported chats by nick at every chat opened.

Revision ID: 0015
Revises: 0014
"""

import sqlalchemy as sa
from alembic import op

from app.store.search_text import tokens

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None

PG_VECTOR = r"to_tsvector('simple'::regconfig, regexp_replace(text, '([^\x01-\x7f])', ' \1 ', 'g'))"


def upgrade() -> None:
    op.create_index("ix_history_message_buyer", "history_message", ["buyer"])
    bind = op.get_bind()
    if bind.dialect.name != "sqlite":
        op.execute(f"CREATE INDEX ix_history_message_search ON history_message USING gin ({PG_VECTOR})")
        return
    op.execute("CREATE VIRTUAL TABLE history_fts USING fts5(tokens, content='', "
               "tokenize='unicode61 remove_diacritics 0', prefix='1 3 4 5 6')")
    last = 0
    while True:  # the history already imported, a slice at a time
        rows = bind.execute(sa.text("SELECT rowid, text FROM history_message WHERE rowid > :last ORDER BY rowid "
                                    "LIMIT 5000"), {"last": last}).all()
        if not rows:
            break
        bind.execute(sa.text("INSERT INTO history_fts(rowid, tokens) VALUES (:id, :tokens)"),
                     [{"id": r[0], "tokens": tokens(r[1] or "")} for r in rows])
        last = rows[-1][0]


def downgrade() -> None:
    op.drop_index("ix_history_message_buyer", "history_message")
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TABLE IF EXISTS history_fts")
    else:
        op.execute("DROP INDEX IF EXISTS ix_history_message_search")
