"""Tables of fusion clusters: the members of each fused event and its cross-story blocking keys.

An ingest batch used to fuse again every per-article event of every story it touched, and of every
story holding history a background mention might join, so its cost grew with the database. With the
members (`event_members`) and keys (`event_keys`) of each fused event stored, a batch fuses its new
reports into the stored clusters. A database upgraded from 0003 has no rows in them yet: a story whose
events have no members recorded is fused whole once, the next time it takes an article, and recorded
from then on. Idempotent, like 0001-0003.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-24
"""

from __future__ import annotations

from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    from newsevents.store import schema

    bind = op.get_bind()
    for table in (schema.event_members, schema.event_keys):
        table.create(bind, checkfirst=True)
    for index in ("ix_article_events_long", "ix_article_events_history"):
        op.execute(f"DROP INDEX IF EXISTS {index}")
    op.execute("CREATE INDEX IF NOT EXISTS ix_articles_ingested ON articles (ingested_at)")


def downgrade() -> None:
    op.execute("DROP INDEX IF EXISTS ix_articles_ingested")
    op.execute("CREATE INDEX IF NOT EXISTS ix_article_events_history ON article_events (background, type, date_first)")
    op.execute("CREATE INDEX IF NOT EXISTS ix_article_events_long ON article_events (type, date_first) "
               "WHERE substr(date_first, 1, 4) <> substr(date_last, 1, 4)")
    op.execute("DROP TABLE IF EXISTS event_keys")
    op.execute("DROP TABLE IF EXISTS event_members")
