"""The audit log becomes a hash chain (app/store/audit_chain.py): each row gets prev_hash and row_hash, the store
gets its own random key (audit_key), the rows already there are chained in id order, and a unique index on
prev_hash keeps two writers from appending after the same row. On SQLite the key is append-only like the log.

Revision ID: 0011
Revises: 0010
"""

import os

import sqlalchemy as sa
from alembic import op

from app.store.audit_chain import GENESIS, row_hash

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

# the same words as 0006's, so the schema check sees one trigger whether a store was made before or after this
NO_UPDATE = "CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END"
NO_DELETE = "CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END"
KEY_NO_UPDATE = ("CREATE TRIGGER audit_key_no_update BEFORE UPDATE ON audit_key "
                 "BEGIN SELECT RAISE(ABORT, 'the audit key never changes'); END")
KEY_NO_DELETE = ("CREATE TRIGGER audit_key_no_delete BEFORE DELETE ON audit_key "
                 "BEGIN SELECT RAISE(ABORT, 'the audit key never changes'); END")


def upgrade() -> None:
    bind = op.get_bind()
    sqlite = bind.dialect.name == "sqlite"
    op.create_table(
        "audit_key",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=False),
        sa.Column("key", sa.String(64), nullable=False),
    )
    key = os.urandom(32)
    bind.execute(sa.text("INSERT INTO audit_key (id, key) VALUES (1, :key)"), {"key": key.hex()})
    if sqlite:  # the rows already there get their hashes below
        op.execute("DROP TRIGGER IF EXISTS audit_no_update")
        op.execute("DROP TRIGGER IF EXISTS audit_no_delete")
    op.add_column("audit", sa.Column("prev_hash", sa.String(64), nullable=False, server_default=""))
    op.add_column("audit", sa.Column("row_hash", sa.String(64), nullable=False, server_default=""))
    audit = sa.table("audit", sa.column("id", sa.Integer()), sa.column("at", sa.DateTime()),
                     sa.column("who", sa.String()), sa.column("what", sa.String()),
                     sa.column("issue_id", sa.Integer()), sa.column("action_id", sa.Integer()),
                     sa.column("before", sa.JSON()), sa.column("after", sa.JSON()),
                     sa.column("prev_hash", sa.String()), sa.column("row_hash", sa.String()))
    prev, last = GENESIS, 0
    while True:  # a slice at a time: a busy shop's log holds years of entries
        rows = bind.execute(sa.select(audit.c.id, audit.c.at, audit.c.who, audit.c.what, audit.c.issue_id,
                                      audit.c.action_id, audit.c.before, audit.c.after)
                            .where(audit.c.id > last).order_by(audit.c.id).limit(5000)).all()
        if not rows:
            break
        chained = []
        for row in rows:
            digest = row_hash(key, *row, prev)
            chained.append({"row_id": row[0], "prev": prev, "digest": digest})
            prev = digest
        bind.execute(audit.update().where(audit.c.id == sa.bindparam("row_id"))
                     .values(prev_hash=sa.bindparam("prev"), row_hash=sa.bindparam("digest")), chained)
        last = rows[-1][0]
    op.create_index("ux_audit_prev_hash", "audit", ["prev_hash"], unique=True)
    if sqlite:
        for statement in (NO_UPDATE, NO_DELETE, KEY_NO_UPDATE, KEY_NO_DELETE):
            op.execute(statement)


def downgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    if sqlite:
        op.execute("DROP TRIGGER IF EXISTS audit_no_update")
        op.execute("DROP TRIGGER IF EXISTS audit_no_delete")
    op.drop_index("ux_audit_prev_hash", "audit")
    with op.batch_alter_table("audit") as batch:
        batch.drop_column("row_hash")
        batch.drop_column("prev_hash")
    op.drop_table("audit_key")
    if sqlite:
        op.execute(NO_UPDATE)
        op.execute(NO_DELETE)
