"""Full-text search over messages, and who sent each answer.

- message.agent: the agent id that sent an out or robot message (the owner's KPIs are per agent);
  message.sent_at gets an index, as every report reads messages by time.
- SQLite: message_fts, a contentless FTS5 table over the tokens of app/store/search_text.py, kept in step by
  the desk a little after messages are stored (app/store/fts.py); the messages already stored are indexed here.
- PostgreSQL: a GIN index over the same cut, written as an SQL expression (app/store/search.py's PG_VECTOR).

Revision ID: 0008
Revises: 0007
"""

import sqlalchemy as sa
from alembic import op

from app.store.search_text import tokens

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

PG_VECTOR = r"to_tsvector('simple'::regconfig, regexp_replace(text, '([^\x01-\x7f])', ' \1 ', 'g'))"


def upgrade() -> None:
    with op.batch_alter_table("message") as batch:
        batch.add_column(sa.Column("agent", sa.String(100), nullable=False, server_default=""))
    op.create_index("ix_message_sent_at", "message", ["sent_at"])
    if op.get_bind().dialect.name == "sqlite":
        op.execute("CREATE VIRTUAL TABLE message_fts USING fts5(tokens, content='', "
                   "tokenize='unicode61 remove_diacritics 0', prefix='3')")
        bind = op.get_bind()
        last = 0
        while True:  # the messages already stored, a slice at a time (the store keeps the index from now on)
            rows = bind.execute(sa.text("SELECT id, text FROM message WHERE id > :last ORDER BY id LIMIT 5000"),
                                {"last": last}).all()
            if not rows:
                break
            bind.execute(sa.text("INSERT INTO message_fts(rowid, tokens) VALUES (:id, :tokens)"),
                         [{"id": r[0], "tokens": tokens(r[1] or "")} for r in rows])
            last = rows[-1][0]
        bind.execute(sa.text("INSERT OR REPLACE INTO meta(key, value) VALUES ('fts.indexed_upto', :last)"),
                     {"last": str(last)})
    else:
        op.execute(f"CREATE INDEX ix_message_search ON message USING gin ({PG_VECTOR})")


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TABLE IF EXISTS message_fts")
        op.execute("DELETE FROM meta WHERE key = 'fts.indexed_upto'")
    else:
        op.execute("DROP INDEX IF EXISTS ix_message_search")
    op.drop_index("ix_message_sent_at", "message")
    with op.batch_alter_table("message") as batch:
        batch.drop_column("agent")
