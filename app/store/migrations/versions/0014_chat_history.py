"""A shop's past chats brought in from a file (issue 22): one table apart from the live messages, keyed by
conversation and place in it, so an import done twice adds nothing and the KPIs never count it.

Revision ID: 0014
Revises: 0013
"""

import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "history_message",
        sa.Column("conversation", sa.String(100), primary_key=True),
        sa.Column("seq", sa.Integer(), primary_key=True),
        sa.Column("sender", sa.String(10), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=True),
        sa.Column("buyer", sa.String(100), nullable=False),
        sa.Column("agent", sa.String(100), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("history_message")
