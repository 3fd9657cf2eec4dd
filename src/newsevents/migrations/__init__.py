"""Alembic migrations of the newsevents schema, run by `Store.open` (no alembic.ini needed).

`HEAD` names the newest revision so that opening an up-to-date database costs one query and never
imports Alembic; tests/store/test_migrations.py checks it against the revision files. A new revision:
`python -m newsevents.migrations revision -m "what changes"` writes `versions/NNNN_*.py`; set its
`revision` to the next number, write its upgrade and downgrade, and move `HEAD` to it.
"""

from __future__ import annotations

from pathlib import Path

HEAD = "0004"
LOCATION = Path(__file__).resolve().parent


def alembic_config(**attributes: object):  # type: ignore[no-untyped-def]
    """An Alembic `Config` for these migrations, built in code so it works from an installed package;
    `attributes` reach env.py (`connection`: the connection to migrate)."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(LOCATION))
    config.attributes.update(attributes)
    return config
