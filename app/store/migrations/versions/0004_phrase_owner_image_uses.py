"""Phrases get an owner (personal or shared) and an optional image; every firing is remembered with the
buyer message it answered, so suggestions can learn which phrase follows which question.

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("phrase") as batch:
        batch.add_column(sa.Column("owner", sa.String(100), nullable=False, server_default=""))
        batch.add_column(sa.Column("image", sa.String(64), nullable=False, server_default=""))
    op.create_table(
        "phrase_use",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("phrase_id", sa.Integer(), sa.ForeignKey("phrase.id", ondelete="CASCADE"), nullable=False),
        sa.Column("prompt", sa.Text(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
    )
    op.create_index("ix_phrase_use_phrase_id", "phrase_use", ["phrase_id"])


def downgrade() -> None:
    op.drop_table("phrase_use")
    with op.batch_alter_table("phrase") as batch:
        batch.drop_column("image")
        batch.drop_column("owner")
