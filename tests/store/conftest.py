"""The storage tests run on both backends: `store` here is a new database on SQLite, then on PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator

import pytest


@pytest.fixture()
def store(store_url: str) -> Iterator[object]:
    from newsevents.store import Store

    with Store.open(store_url) as opened:
        yield opened
