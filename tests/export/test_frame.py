"""`newsevents.open(db).events()` → a pandas DataFrame, one row per event, with the export's filters."""

from __future__ import annotations

import json

import pandas as pd
import pytest

import newsevents
from newsevents.errors import ConfigError, StoreError
from newsevents.export.flat import COLUMN_NAMES


def test_open_events_returns_one_row_per_event(export_db: str) -> None:
    with newsevents.open(export_db) as db:
        frame = db.events(include_background=True, include_unrealised=True)
        total = db.store.count_events(newsevents.EventQuery(include_background=True, include_unrealised=True))
    assert isinstance(frame, pd.DataFrame)
    assert list(frame.columns) == list(COLUMN_NAMES)
    assert len(frame) == total and frame["event_id"].is_unique


def test_open_events_dtypes_are_nullable_and_typed(export_db: str) -> None:
    with newsevents.open(export_db) as db:
        frame = db.events()
    assert frame["event_id"].dtype == "string"
    assert frame["fatalities_min"].dtype == "Int64" and frame["num_sources"].dtype == "Int64"
    assert frame["background"].dtype == bool and frame["lat"].dtype == "float64"
    assert pd.api.types.is_datetime64_any_dtype(frame["date_first"])
    assert frame["fatalities_min"].isna().any() and frame["fatalities_min"].dropna().ge(1).all()
    assert all(isinstance(json.loads(value), list) for value in frame["actors"])


def test_open_events_filters_like_the_cli(export_db: str) -> None:
    with newsevents.open(export_db) as db:
        default = db.events()
        everything = db.events(include_unrealised=True, include_background=True)
        assaults = db.events(type="assault")
        nigeria = db.events(country="Nigeria")
        recent = db.events(since="2023-03", until="2023-12")
        two = db.events(limit=2)
    assert not default["unrealised"].any() and everything["unrealised"].any()
    assert not default["background"].any()
    assert set(assaults["type"]) == {"ASSAULT"}
    assert len(nigeria) and set(nigeria["country"]) == {"NG"}
    assert len(recent) and recent["date_last"].min() >= pd.Timestamp("2023-03-01")
    assert recent["date_first"].max() <= pd.Timestamp("2023-12-31")
    assert len(two) == 2


def test_open_events_empty_result_keeps_columns(export_db: str) -> None:
    with newsevents.open(export_db) as db:
        frame = db.events(type="SANCTION", since="1990", until="1990")
    assert frame.empty and list(frame.columns) == list(COLUMN_NAMES)


def test_open_stories_lists_stories(export_db: str) -> None:
    with newsevents.open(export_db) as db:
        stories = db.stories()
    assert len(stories) >= 4 and stories["story_id"].is_unique
    assert stories["num_articles"].dtype == "Int64" and stories["num_articles"].max() >= 2  # the two seeds
    assert pd.api.types.is_datetime64_any_dtype(stories["first_date"])


def test_open_missing_database_is_an_error(tmp_path) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(StoreError):
        newsevents.open(str(tmp_path / "missing.db"))
    assert not (tmp_path / "missing.db").exists()


def test_open_unknown_country_is_an_error(export_db: str) -> None:
    with newsevents.open(export_db) as db, pytest.raises(ConfigError, match="Atlantis"):
        db.events(country="Atlantis")
