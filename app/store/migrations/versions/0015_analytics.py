"""Phrase analytics and mined phrases (issue 22): a phrase firing keeps who fired it, in which chat, the message it
went out as and whether the agent changed its text before sending; replies proposed as phrases that the shop
dismissed are remembered, so they are not proposed again. Columns with defaults and a new table only: the firings
stored before say nothing of their send (they count as uses, never as edited).

Revision ID: 0015
Revises: 0014
"""

import sqlalchemy as sa
from alembic import op

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("phrase_use") as batch:
        batch.add_column(sa.Column("agent", sa.String(100), nullable=False, server_default=""))
        batch.add_column(sa.Column("conversation_id", sa.String(100), nullable=False, server_default=""))
        batch.add_column(sa.Column("message_id", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("sent", sa.Boolean(), nullable=False, server_default=sa.false()))
        batch.add_column(sa.Column("edited", sa.Boolean(), nullable=False, server_default=sa.false()))
    op.create_index("ix_phrase_use_at", "phrase_use", ["at"])
    op.create_table(
        "phrase_dismissal",
        sa.Column("key", sa.String(200), primary_key=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("phrase_dismissal")
    op.drop_index("ix_phrase_use_at", "phrase_use")
    with op.batch_alter_table("phrase_use") as batch:
        for column in ("edited", "sent", "message_id", "conversation_id", "agent"):
            batch.drop_column(column)
