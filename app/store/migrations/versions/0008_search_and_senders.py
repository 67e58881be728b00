"""Full-text search over messages, and who sent each answer.

- message.agent: the agent id that sent an out or robot message (the owner's KPIs are per agent);
  message.sent_at gets an index, as every report reads messages by time.
- SQLite: message_fts, a contentless FTS5 table over the tokens of app/store/search_text.py, kept in step by
  triggers that call kd_tokens() (registered on every connection by app/store/engine.py); the messages already
  stored are indexed here.
- PostgreSQL: a GIN index over the same cut, written as an SQL expression (app/store/search.py's PG_VECTOR).

Revision ID: 0008
Revises: 0007
"""

import sqlalchemy as sa
from alembic import op

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
        op.execute("INSERT INTO message_fts(rowid, tokens) SELECT id, kd_tokens(text) FROM message")
        op.execute("CREATE TRIGGER message_fts_insert AFTER INSERT ON message BEGIN "
                   "INSERT INTO message_fts(rowid, tokens) VALUES (new.id, kd_tokens(new.text)); END")
        op.execute("CREATE TRIGGER message_fts_delete AFTER DELETE ON message BEGIN "
                   "INSERT INTO message_fts(message_fts, rowid, tokens) VALUES ('delete', old.id, kd_tokens(old.text)); "
                   "END")
        op.execute("CREATE TRIGGER message_fts_update AFTER UPDATE OF text ON message BEGIN "
                   "INSERT INTO message_fts(message_fts, rowid, tokens) VALUES ('delete', old.id, kd_tokens(old.text)); "
                   "INSERT INTO message_fts(rowid, tokens) VALUES (new.id, kd_tokens(new.text)); END")
    else:
        op.execute(f"CREATE INDEX ix_message_search ON message USING gin ({PG_VECTOR})")


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for trigger in ("message_fts_insert", "message_fts_delete", "message_fts_update"):
            op.execute(f"DROP TRIGGER IF EXISTS {trigger}")
        op.execute("DROP TABLE IF EXISTS message_fts")
    else:
        op.execute("DROP INDEX IF EXISTS ix_message_search")
    op.drop_index("ix_message_sent_at", "message")
    with op.batch_alter_table("message") as batch:
        batch.drop_column("agent")
