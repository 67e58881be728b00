"""The KPIs' daily rollups (issue 20, docs/kpis.md): each chat's answered runs and each agent's local day rolled
up, per time zone, kept on every write of messages (app/store/rollups.py). Empty here: a store's rollups are
built the first time its KPIs are read, in short transactions, so no start waits for a year of messages.

Revision ID: 0018
Revises: 0017
"""

import sqlalchemy as sa
from alembic import op

revision = "0018"
down_revision = "0017"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "kpi_zone",
        sa.Column("zone", sa.String(64), primary_key=True),
        sa.Column("ready", sa.Boolean(), nullable=False, server_default="0"),
    )
    op.create_table(
        "kpi_answer",
        sa.Column("conversation_id", sa.String(100), primary_key=True),
        sa.Column("zone", sa.String(64), primary_key=True),
        sa.Column("seq", sa.Integer(), primary_key=True, autoincrement=False),
        sa.Column("buyer_id", sa.String(100), nullable=False),
        sa.Column("agent", sa.String(100), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("answered_at", sa.DateTime(), nullable=False),
        sa.Column("seconds", sa.Float(), nullable=False),
        sa.Column("first", sa.Boolean(), nullable=False),
        sa.Column("day_first", sa.Boolean(), nullable=False),
    )
    op.create_index("ix_kpi_answer_cell", "kpi_answer", ["zone", "day", "agent"])
    op.create_index("ix_kpi_answer_buyer", "kpi_answer", ["zone", "day_first", "buyer_id", "answered_at"])
    op.create_table(
        "kpi_day",
        sa.Column("zone", sa.String(64), primary_key=True),
        sa.Column("day", sa.Date(), primary_key=True),
        sa.Column("agent", sa.String(100), primary_key=True),
        sa.Column("chats", sa.Text(), nullable=False),
        sa.Column("chat_first", sa.LargeBinary(), nullable=False),
        sa.Column("chat_longest", sa.LargeBinary(), nullable=False),
        sa.Column("times", sa.LargeBinary(), nullable=False),
        sa.Column("first_times", sa.LargeBinary(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("kpi_day")
    op.drop_table("kpi_answer")
    op.drop_table("kpi_zone")
