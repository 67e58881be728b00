"""A phrase's several texts (issue 21, variants): the texts after its body, in order, and whether each new buyer
gets the next one. Until now an import kept a text that shared its code with an earlier one as a phrase of its own
without the abbreviation, tagged 编码:<code>; those phrases are folded into the phrase that has the code, as its
variants in the order they were imported (their ids), so the palette shows them as 1/2/3 under it.

A tagged phrase is folded only where nothing of it would be lost but its title: it belongs to the same owner, has
no slot, no picture, and no tag but its code (a phrase the shop has since tagged or slotted is its own phrase now).
Its uses are added to the phrase it joins; its recorded firings (phrase_use) move with them.

Revision ID: 0016
Revises: 0015
"""

import sqlalchemy as sa
from alembic import op

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None

CODE_TAG = "编码:"  # app/quickreplies/formats/base.py's, written here as the 0014 imports wrote it

_phrase = sa.table("phrase", sa.column("id", sa.Integer), sa.column("body", sa.Text),
                   sa.column("abbreviation", sa.String), sa.column("slot", sa.Integer), sa.column("tags", sa.JSON),
                   sa.column("uses", sa.Integer), sa.column("owner", sa.String), sa.column("image", sa.String),
                   sa.column("variants", sa.JSON))
_use = sa.table("phrase_use", sa.column("phrase_id", sa.Integer))


def upgrade() -> None:
    # added in place, not through a batch copy: a copied phrase table would take its firings (phrase_use, ON DELETE
    # CASCADE) with the old one
    op.add_column("phrase", sa.Column("variants", sa.JSON(), nullable=False, server_default="[]"))
    op.add_column("phrase", sa.Column("rotate", sa.Boolean(), nullable=False, server_default=sa.false()))
    _fold_tagged_texts(op.get_bind())


def _fold_tagged_texts(connection: sa.Connection) -> None:
    rows = connection.execute(sa.select(_phrase.c.id, _phrase.c.body, _phrase.c.abbreviation, _phrase.c.slot,
                                        _phrase.c.tags, _phrase.c.uses, _phrase.c.owner, _phrase.c.image)
                              .order_by(_phrase.c.id)).all()
    holder: dict[tuple[str, str], int] = {}  # (owner, code) → the phrase whose abbreviation it is
    for row in rows:
        if row.abbreviation:
            holder.setdefault((row.owner or "", row.abbreviation.lower()), row.id)
    joined: dict[int, list[tuple[int, str, int]]] = {}  # holder id → (id, text, uses) of each text folded into it
    for row in rows:
        tags = list(row.tags or ())
        if row.abbreviation or row.slot or row.image or len(tags) != 1 or not str(tags[0]).startswith(CODE_TAG):
            continue
        target = holder.get((row.owner or "", str(tags[0])[len(CODE_TAG):].lower()))
        if target is not None and row.body.strip():
            joined.setdefault(target, []).append((row.id, row.body, row.uses or 0))
    for target, texts in joined.items():
        uses = connection.execute(sa.select(_phrase.c.uses).where(_phrase.c.id == target)).scalar() or 0
        connection.execute(_phrase.update().where(_phrase.c.id == target).values(
            variants=[body for _id, body, _uses in texts], uses=uses + sum(n for _id, _body, n in texts)))
        folded = [phrase_id for phrase_id, _body, _uses in texts]
        connection.execute(_use.update().where(_use.c.phrase_id.in_(folded)).values(phrase_id=target))
        connection.execute(_phrase.delete().where(_phrase.c.id.in_(folded)))


def downgrade() -> None:
    op.drop_column("phrase", "rotate")  # SQLite 3.35+ drops in place: the firings stay
    op.drop_column("phrase", "variants")
