"""The order card (issue 18): an order keeps its pay time, the buyer's note (买家留言), the seller's memo (卖家备注)
and the receiver the shop's gateway names. Columns only, empty on the orders already stored: a gateway that sends
them fills them at its next answer, an order export's 付款时间 / 买家留言 / 卖家备注 at its next import.

Revision ID: 0012
Revises: 0011
"""

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("shop_order") as batch:
        batch.add_column(sa.Column("paid_at", sa.DateTime(), nullable=True))
        batch.add_column(sa.Column("buyer_note", sa.Text(), nullable=False, server_default=""))
        batch.add_column(sa.Column("seller_memo", sa.Text(), nullable=False, server_default=""))
        batch.add_column(sa.Column("receiver_name", sa.String(100), nullable=False, server_default=""))
        batch.add_column(sa.Column("receiver_phone", sa.String(40), nullable=False, server_default=""))


def downgrade() -> None:
    with op.batch_alter_table("shop_order") as batch:
        for column in ("receiver_phone", "receiver_name", "seller_memo", "buyer_note", "paid_at"):
            batch.drop_column(column)
