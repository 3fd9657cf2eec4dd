"""Tests for reading TimeML-style values (newsevents.extract.timevalues)."""

from __future__ import annotations

import datetime as dt

import pytest

from newsevents.extract.timevalues import (
    days_before,
    is_partial,
    more_precise,
    record_date,
    value_interval,
    value_precision,
    values_compatible,
)

D = dt.date


@pytest.mark.parametrize(("value", "interval"), [
    ("2022-05-04", (D(2022, 5, 4), D(2022, 5, 4))),
    ("2022-05-04T15:00", (D(2022, 5, 4), D(2022, 5, 4))),
    ("2024-03-04TNI", (D(2024, 3, 4), D(2024, 3, 4))),
    ("2022-SU", (D(2022, 6, 1), D(2022, 8, 31))),
    ("2023-WI", (D(2023, 12, 1), D(2024, 2, 29))),
    ("2023-Q1", (D(2023, 1, 1), D(2023, 3, 31))),
    ("2023-Q4", (D(2023, 10, 1), D(2023, 12, 31))),
    ("2023-H2", (D(2023, 7, 1), D(2023, 12, 31))),
    ("XXXX-WXX-1", None),
    ("2011-10", (D(2011, 10, 1), D(2011, 10, 31))),
    ("2024-02", (D(2024, 2, 1), D(2024, 2, 29))),
    ("2013", (D(2013, 1, 1), D(2013, 12, 31))),
    ("2022-W17", (D(2022, 4, 25), D(2022, 5, 1))),
    ("2022-W17-WE", (D(2022, 4, 30), D(2022, 5, 1))),
    ("2020-W53", (D(2020, 12, 28), D(2021, 1, 3))),
    ("199", (D(1990, 1, 1), D(1999, 12, 31))),
    ("20", (D(2000, 1, 1), D(2099, 12, 31))),
    ("XXXX-05-04", None),
    ("XXXX-XX-XXT15:00", None),
    ("PAST_REF", None),
    ("P3W", None),
    ("XXXX-WXX-5", None),
    ("2022-02-30", None),
    ("2022-W60", None),
    (None, None),
    ("", None),
])
def test_value_interval(value: str | None, interval: tuple[dt.date, dt.date] | None) -> None:
    assert value_interval(value) == interval


@pytest.mark.parametrize(("value", "precision"), [
    ("2022-05-04", "day"), ("2022-05-04T15:00", "day"), ("2022-W17", "week"),
    ("2022-W17-WE", "week"), ("2011-10", "month"), ("2013", "year"), ("199", "decade"),
    ("20", "century"), ("XXXX-05-04", "day"), ("XXXX-05", "month"),
    ("XXXX-XX-XXT15:00", "unknown"), ("PAST_REF", "unknown"), ("P3W", "unknown"),
    ("XXXX-WXX-5", "unknown"), (None, "unknown"), ("2024-03-04TNI", "day"), ("2022-SU", "season"),
    ("2023-Q1", "quarter"), ("2023-H2", "half"),
])
def test_value_precision(value: str | None, precision: str) -> None:
    assert value_precision(value) == precision


@pytest.mark.parametrize(("value", "partial"), [
    ("XXXX-05-04", True), ("XXXX-05", True), ("XXXX-XX-XXT15:00", True), ("XXXX-05-04T09:30", True),
    ("XXXX-WXX-5", False), ("2022-05-04", False), ("PAST_REF", False), (None, False), ("", False),
])
def test_is_partial(value: str | None, partial: bool) -> None:
    assert is_partial(value) is partial


@pytest.mark.parametrize(("a", "b", "compatible"), [
    ("2022-05-04", "2022-05-04", True),
    ("2022-05-04", "2022-05-03", False),
    ("2022-05-04", "2022-05", True),
    ("2022-05-04", "2022", True),
    ("2022-05-04", "2022-W18", True),
    ("2022-05-04", "2022-W17", False),
    ("2013", "2011-10", False),
    ("2011", "201", True),
    ("XXXX-05-04", "2022-05-04", True),
    ("XXXX-05-04", "2022-05", True),
    ("XXXX-05-04", "2022", True),
    ("2022", "XXXX-05-04", True),
    ("XXXX-05-04", "2022-06", False),
    ("XXXX-05-04", "2022-05-05", False),
    ("XXXX-02-29", "2021", False),
    ("XXXX-02-29", "2020", True),
    ("XXXX-05", "XXXX-05-04", True),
    ("XXXX-05-04", "XXXX-05-05", False),
    ("XXXX-05", "XXXX-06", False),
    ("PAST_REF", "2022", False),
    ("P3W", "P3W", False),
    (None, "2022", False),
])
def test_values_compatible(a: str | None, b: str | None, compatible: bool) -> None:
    assert values_compatible(a, b) is compatible


@pytest.mark.parametrize(("a", "b", "best"), [
    ("2022-05-04", "2022", "2022-05-04"),
    ("2013", "2011-10", "2011-10"),
    ("2022-W17", "2022-04", "2022-W17"),
    ("XXXX-05-04", "2022-05", "2022-05-04"),
    ("2022", "XXXX-05-04", "2022-05-04"),
    ("XXXX-05-04", "2022-05-04", "2022-05-04"),
    ("XXXX-05-04", "2022-W18", "2022-05-04"),
    ("XXXX-05-04", "2022-06", "XXXX-05-04"),
    ("XXXX-05", "2022", "2022-05"),
    ("2022-05-04", "2022-05-05", "2022-05-04"),
    (None, "2013", "2013"),
    ("PAST_REF", "2013", "2013"),
])
def test_more_precise(a: str | None, b: str | None, best: str) -> None:
    assert more_precise(a, b) == best


@pytest.mark.parametrize(("value", "days"), [
    ("2022-05-03", 2),
    ("2022-05-05", 0),
    ("2022-05-06", -1),
    ("2022-05", -26),
    ("2013", 3047),
    ("2022-W17", 4),
    ("XXXX-05-03", None),
    ("PAST_REF", None),
    (None, None),
])
def test_days_before(value: str | None, days: int | None) -> None:
    assert days_before(value, D(2022, 5, 5)) == days


@pytest.mark.parametrize(("value", "record"), [
    ("2022-05-04", ("2022-05-04", "day")),
    ("2022-05-04T15:00", ("2022-05-04", "day")),
    ("2011-10", ("2011-10", "month")),
    ("2013", ("2013", "year")),
    ("XXXX-05-04", ("XXXX-05-04", "day")),
    ("2022-W19", ("2022-05", "month")),
    ("2022-W17", ("2022", "year")),
    ("2020-W53", (None, "unknown")),
    ("199", (None, "unknown")),
    ("PAST_REF", (None, "unknown")),
    ("P3W", (None, "unknown")),
    (None, (None, "unknown")),
])
def test_record_date(value: str | None, record: tuple[str | None, str]) -> None:
    assert record_date(value) == record


@pytest.mark.parametrize(("value", "record"), [
    ("2024-03-04TNI", ("2024-03-04", "day")),
    ("2022-SU", ("2022", "year")),
    ("2023-Q3", ("2023", "year")),
    ("2023-H1", ("2023", "year")),
    ("2023-WI", (None, "unknown")),  # December 2023 to February 2024: no single year
    ("XXXX-WXX-1", (None, "unknown")),
])
def test_record_date_subyear_and_parts_of_day(value: str, record: tuple[str | None, str]) -> None:
    assert record_date(value) == record


def test_values_compatible_quarter_and_day() -> None:
    assert values_compatible("2023-Q1", "2023-02-03")
    assert not values_compatible("2023-Q1", "2023-05-03")
    assert more_precise("2023-Q1", "2023") == "2023-Q1"
