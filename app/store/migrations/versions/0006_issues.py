"""Order issues, their typed actions, local agent profiles, the append-only audit log, and the buyer details
the marketplace's order export carries (order_contact).

Revision ID: 0006
Revises: 0005
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "agent_profile",
        sa.Column("name", sa.String(100), primary_key=True),
        sa.Column("role", sa.String(20), nullable=False),
        sa.Column("password_hash", sa.String(300), nullable=False),
    )
    op.create_table(
        "issue",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("stage", sa.String(20), nullable=False),
        sa.Column("category", sa.String(40), nullable=False),
        sa.Column("severity", sa.String(10), nullable=False),
        sa.Column("order_no", sa.String(64), nullable=False),
        sa.Column("buyer_id", sa.String(100), nullable=False),
        sa.Column("buyer_nick", sa.String(100), nullable=False),
        sa.Column("conversation_id", sa.String(100), nullable=False),
        sa.Column("owner", sa.String(100), nullable=False),
        sa.Column("state", sa.String(20), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("evidence", sa.JSON(), nullable=False),
        sa.Column("photos", sa.JSON(), nullable=False),
        sa.Column("follow_up_at", sa.DateTime(), nullable=True),
        sa.Column("satisfaction", sa.Integer(), nullable=True),
        sa.Column("opened_at", sa.DateTime(), nullable=False),
        sa.Column("resolved_at", sa.DateTime(), nullable=True),
    )
    for column in ("category", "order_no", "buyer_id", "buyer_nick", "state"):
        op.create_index(f"ix_issue_{column}", "issue", [column])
    op.create_table(
        "issue_action",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("issue_id", sa.Integer(), sa.ForeignKey("issue.id"), nullable=False),
        sa.Column("kind", sa.String(30), nullable=False),
        sa.Column("fields", sa.JSON(), nullable=False),
        sa.Column("amount_fen", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("by", sa.String(100), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("decided_by", sa.String(100), nullable=False),
        sa.Column("decided_at", sa.DateTime(), nullable=True),
    )
    for column in ("issue_id", "kind", "status", "at"):
        op.create_index(f"ix_issue_action_{column}", "issue_action", [column])
    op.create_table(
        "audit",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("who", sa.String(100), nullable=False),
        sa.Column("what", sa.String(60), nullable=False),
        sa.Column("issue_id", sa.Integer(), nullable=True),
        sa.Column("action_id", sa.Integer(), nullable=True),
        sa.Column("before", sa.JSON(), nullable=True),
        sa.Column("after", sa.JSON(), nullable=True),
    )
    op.create_table(
        "order_contact",
        sa.Column("order_no", sa.String(64), primary_key=True),
        sa.Column("buyer_nick", sa.String(100), nullable=False),
        sa.Column("receiver_name", sa.String(100), nullable=False),
        sa.Column("alipay", sa.String(100), nullable=False),
        sa.Column("phone", sa.String(40), nullable=False),
        sa.Column("imported_at", sa.DateTime(), nullable=False),
    )
    op.create_index("ix_order_contact_buyer_nick", "order_contact", ["buyer_nick"])
    if op.get_bind().dialect.name == "sqlite":
        # the audit log is append-only below the application too: a script with the file cannot rewrite it
        op.execute("CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit "
                   "BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END")
        op.execute("CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit "
                   "BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END")


def downgrade() -> None:
    for table in ("order_contact", "audit", "issue_action", "issue", "agent_profile"):
        op.drop_table(table)
