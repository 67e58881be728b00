"""Per-chat drafts that survive a restart, and a small key/value table (stream resume position).

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table("draft", sa.Column("conversation_id", sa.String(100), primary_key=True),
                    sa.Column("text", sa.Text(), nullable=False), sa.Column("updated_at", sa.DateTime(), nullable=False))
    op.create_table("meta", sa.Column("key", sa.String(200), primary_key=True), sa.Column("value", sa.Text(), nullable=False))


def downgrade() -> None:
    op.drop_table("meta")
    op.drop_table("draft")
