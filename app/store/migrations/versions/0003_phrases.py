"""The canned-reply library (快捷短语).

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "phrase",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("group_name", sa.String(100), nullable=False),
        sa.Column("abbreviation", sa.String(40), nullable=False),
        sa.Column("slot", sa.Integer(), nullable=True),
        sa.Column("tags", sa.JSON(), nullable=False),
        sa.Column("uses", sa.Integer(), nullable=False),
        sa.Column("last_used", sa.DateTime(), nullable=True),
    )
    op.create_index("ix_phrase_abbreviation", "phrase", ["abbreviation"])


def downgrade() -> None:
    op.drop_table("phrase")
