"""The first schema: shop, agent, buyer, conversation, message, order.

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table("shop", sa.Column("id", sa.String(100), primary_key=True), sa.Column("name", sa.String(200), nullable=False),
                    sa.Column("gateway_url", sa.String(500), nullable=False))
    op.create_table("agent", sa.Column("id", sa.String(100), primary_key=True),
                    sa.Column("shop_id", sa.String(100), nullable=False), sa.Column("name", sa.String(200), nullable=False),
                    sa.Column("role", sa.String(20), nullable=False))
    op.create_table("buyer", sa.Column("id", sa.String(100), primary_key=True), sa.Column("nick", sa.String(200), nullable=False),
                    sa.Column("phone", sa.String(40), nullable=False))
    op.create_table(
        "conversation",
        sa.Column("id", sa.String(100), primary_key=True),
        sa.Column("buyer_id", sa.String(100), nullable=False),
        sa.Column("state", sa.String(20), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("last_text", sa.Text(), nullable=False),
        sa.Column("last_direction", sa.String(10), nullable=False),
        sa.Column("last_at", sa.DateTime(), nullable=True),
        sa.Column("waiting_since", sa.DateTime(), nullable=True),
        sa.Column("first_response_at", sa.DateTime(), nullable=True),
        sa.Column("unread", sa.Integer(), nullable=False),
    )
    op.create_index("ix_conversation_waiting_since", "conversation", ["waiting_since"])
    op.create_table(
        "message",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("conversation_id", sa.String(100), sa.ForeignKey("conversation.id"), nullable=False),
        sa.Column("direction", sa.String(10), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("server_id", sa.String(100), nullable=True, unique=True),
        sa.Column("client_id", sa.String(100), nullable=True, unique=True),
        sa.Column("sent_at", sa.DateTime(), nullable=False),
        sa.Column("state", sa.String(10), nullable=False),
        sa.Column("error", sa.Text(), nullable=False),
    )
    op.create_index("ix_message_conversation", "message", ["conversation_id", "id"])
    op.create_index("ix_message_state", "message", ["state"])  # the outbox is read on every message
    op.create_table(
        "shop_order",
        sa.Column("no", sa.String(64), primary_key=True),
        sa.Column("buyer_id", sa.String(100), nullable=False),
        sa.Column("items", sa.JSON(), nullable=False),
        sa.Column("amount_fen", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(40), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("courier", sa.String(60), nullable=False),
        sa.Column("tracking_no", sa.String(60), nullable=False),
        sa.Column("address", sa.Text(), nullable=False),
        sa.Column("fetched_at", sa.DateTime(), nullable=False),
    )
    op.create_index("ix_shop_order_buyer_id", "shop_order", ["buyer_id"])


def downgrade() -> None:
    for table in ("shop_order", "message", "conversation", "buyer", "agent", "shop"):
        op.drop_table(table)
