"""Messages can carry an image (its SHA-256 id; the bytes live in the data dir's image store); orders keep
the ship-by time the shop promised ({ship_by} in phrases).

Revision ID: 0005
Revises: 0004
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("message") as batch:
        batch.add_column(sa.Column("image", sa.String(64), nullable=False, server_default=""))
    with op.batch_alter_table("shop_order") as batch:
        batch.add_column(sa.Column("ship_by", sa.DateTime(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("shop_order") as batch:
        batch.drop_column("ship_by")
    with op.batch_alter_table("message") as batch:
        batch.drop_column("image")
