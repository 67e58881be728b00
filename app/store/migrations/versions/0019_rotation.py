"""A rotating phrase's memory (issue 21, variants): which text each buyer got last, and under the empty buyer id the
text the last new buyer got in turn (app/store/rotation.py). Until now it was kept in memory only, so a restart began
every phrase at its first text again and a returning buyer could get the text they got last. Empty here: what was
in memory before the upgrade is gone with the desk that held it.

Revision ID: 0019
Revises: 0018
"""

import sqlalchemy as sa
from alembic import op

revision = "0019"
down_revision = "0018"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "phrase_rotation",
        # the phrase first: its delete (ON DELETE CASCADE, as phrase_use's) finds its rows through the primary key
        sa.Column("phrase_id", sa.Integer(), sa.ForeignKey("phrase.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("buyer_id", sa.String(100), primary_key=True),
        sa.Column("variant", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("at", sa.DateTime(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("phrase_rotation")
