"""A chat remembers the agent it is assigned to (the gateway's Conversation.agent): the queue's "mine" view
and transfers between colleagues read it.

Revision ID: 0007
Revises: 0006
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("conversation") as batch:
        batch.add_column(sa.Column("agent", sa.String(100), nullable=False, server_default=""))


def downgrade() -> None:
    with op.batch_alter_table("conversation") as batch:
        batch.drop_column("agent")
