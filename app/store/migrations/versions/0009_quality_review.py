"""Quality review (质检): a score per reviewed chat on the shop's checklist, and notes on single messages
(a comment, and whether it is a good or a bad example for training).

Revision ID: 0009
Revises: 0008
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "chat_review",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("conversation_id", sa.String(100), nullable=False, index=True),
        sa.Column("agent", sa.String(100), nullable=False, index=True),
        sa.Column("reviewer", sa.String(100), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False, index=True),
        sa.Column("score", sa.Integer(), nullable=False),
        sa.Column("checks", sa.JSON(), nullable=False),
        sa.Column("comment", sa.Text(), nullable=False),
    )
    op.create_table(
        "message_note",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("message_id", sa.Integer(), nullable=False, index=True),
        sa.Column("reviewer", sa.String(100), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("example", sa.String(10), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("message_note")
    op.drop_table("chat_review")
