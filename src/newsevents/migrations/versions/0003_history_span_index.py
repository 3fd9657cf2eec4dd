"""A partial index of the per-article events whose date spans a new year (decades, centuries).

Story resolution looks up, for each background mention, the stored events whose dates overlap it. That
query scanned every stored event (no index fitted an interval bounded above only), so the ingest
slowed down as the database grew. It now reads two index ranges: the events starting at most a year
before the mention (`ix_article_events_history`), and the few spanning a new year (this index).
Idempotent, like 0001 and 0002.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-24
"""

from __future__ import annotations

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

_LONG_SPAN = "substr(date_first, 1, 4) <> substr(date_last, 1, 4)"  # as store/schema.py LONG_SPAN


def upgrade() -> None:
    op.execute(f"CREATE INDEX IF NOT EXISTS ix_article_events_long ON article_events (type, date_first) "
               f"WHERE {_LONG_SPAN}")


def downgrade() -> None:
    op.execute("DROP INDEX IF EXISTS ix_article_events_long")
