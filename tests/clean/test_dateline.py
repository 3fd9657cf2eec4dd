"""Tests for dateline parsing (newsevents.clean.dateline)."""

from __future__ import annotations

import pytest

from newsevents.clean import country_code, parse_dateline


@pytest.mark.parametrize(
    ("paragraph", "text", "place", "country", "month", "day", "year", "body"),
    [
        ("Nairobi, Kenya, May 5- Defence Cabinet Secretary Eugene Wamalwa met",
         "Nairobi, Kenya, May 5-", "Nairobi", "KE", 5, 5, None, "Defence Cabinet Secretary"),
        ("NAIROBI, May 5 (Reuters) - Kenya's parliament voted",
         "NAIROBI, May 5 (Reuters) -", "Nairobi", None, 5, 5, None, "Kenya's parliament"),
        ("KYIV, Ukraine - Russian forces launched",
         "KYIV, Ukraine -", "Kyiv", "UA", None, None, None, "Russian forces"),
        ("Mogadishu (AFP) - Somali troops retook",
         "Mogadishu (AFP) -", "Mogadishu", None, None, None, None, "Somali troops"),
        ("LAGOS, Nigeria, March 3, 2023 - Gunmen abducted",
         "LAGOS, Nigeria, March 3, 2023 -", "Lagos", "NG", 3, 3, 2023, "Gunmen abducted"),
        ("DAR ES SALAAM, 5 May: Tanzania's president said",
         "DAR ES SALAAM, 5 May:", "Dar es Salaam", "TZ", 5, 5, None, "Tanzania's president"),
        ("GAZA CITY, Sept. 12 (AP) - Israeli strikes hit",
         "GAZA CITY, Sept. 12 (AP) -", "Gaza City", None, 9, 12, None, "Israeli strikes"),
        ("Kismayo, Somalia, 3 May 2022 - Troops entered",
         "Kismayo, Somalia, 3 May 2022 -", "Kismayo", "SO", 5, 3, 2022, "Troops entered"),
        ("PORT-AU-PRINCE, Haiti - Gangs attacked",
         "PORT-AU-PRINCE, Haiti -", "Port-Au-Prince", "HT", None, None, None, "Gangs attacked"),
        ("Port of Spain, Trinidad and Tobago - Police said",
         "Port of Spain, Trinidad and Tobago -", "Port of Spain", "TT", None, None, None, "Police said"),
        ("GOMA, Democratic Republic of Congo - M23 rebels",
         "GOMA, Democratic Republic of Congo -", "Goma", "CD", None, None, None, "M23 rebels"),
        ("ALBANY, N.Y. - State troopers", "ALBANY, N.Y. -", "Albany", "US", None, None, None, "State troopers"),
        ("(AFP) - Somali forces", "(AFP) -", None, None, None, None, None, "Somali forces"),
        ("SOMALIA - Troops advanced", "SOMALIA -", "Somalia", "SO", None, None, None, "Troops advanced"),
        ("The Hague (Reuters) - Judges ruled", "The Hague (Reuters) -", "The Hague", None, None, None, None, "Judges ruled"),
        ("ISLAMABAD: Pakistan's army said", "ISLAMABAD:", "Islamabad", "PK", None, None, None, "Pakistan's army"),
        ("Bogotá, Colombia, April 29 - ELN rebels", "Bogotá, Colombia, April 29 -", "Bogotá", "CO", 4, 29, None, "ELN rebels"),
    ],
)
def test_parse_dateline_reads_common_forms(
    paragraph: str, text: str, place: str | None, country: str | None,
    month: int | None, day: int | None, year: int | None, body: str,
) -> None:
    found = parse_dateline(paragraph)
    assert found is not None
    line = found.dateline
    assert (line.text, line.place, line.country, line.month, line.day) == (text, place, country, month, day)
    assert found.year == year
    assert paragraph[found.end:].startswith(body)


def test_parse_dateline_reads_a_dateline_alone_on_its_line() -> None:
    found = parse_dateline("NAIROBI, May 5 (Reuters)")
    assert found is not None and found.end == len("NAIROBI, May 5 (Reuters)")


@pytest.mark.parametrize(
    "paragraph",
    [
        "President Ruto - who took office in 2022 - said",
        "On May 5 - the day of the vote - crowds gathered",
        "Sunday, May 5 - a date few will forget",
        "BREAKING - Gunmen storm a hotel in Mogadishu",
        "UPDATE: death toll rises to 12",
        "EDITOR'S NOTE: This story has been corrected.",
        "WATCH LIVE: Parliament debates the bill",
        "Warning: graphic content",
        "KDF - the Kenya Defence Forces - said",
        "Al-Shabaab fighters attacked the base at dawn.",
        "Kenya, Uganda and Tanzania - the three founding members - agreed",
        "Kenya Defence Forces boss Gen Robert Kibochi met with the chairman.",
        "Two days ago, the militant group stormed the base.",
        "",
    ],
)
def test_parse_dateline_ignores_ordinary_sentences(paragraph: str) -> None:
    assert parse_dateline(paragraph) is None


def test_parse_dateline_drops_impossible_day() -> None:
    found = parse_dateline("NAIROBI, Feb 30 - Protesters marched")
    assert found is not None
    assert (found.dateline.month, found.dateline.day) == (None, None)


def test_parse_dateline_allows_leap_day_without_year() -> None:
    found = parse_dateline("KABUL, Feb 29 (Reuters) - Taliban officials said")
    assert found is not None and found.dateline.day == 29


@pytest.mark.parametrize(
    ("name", "code"),
    [("Kenya", "KE"), ("kenya", "KE"), ("Russia", "RU"), ("DRC", "CD"), ("Ivory Coast", "CI"),
     ("Côte d'Ivoire", "CI"), ("Tanzania", "TZ"), ("United States", "US"), ("Britain", "GB"),
     ("Texas", "US"), ("Narnia", None)],
)
def test_country_code_looks_up_names_and_aliases(name: str, code: str | None) -> None:
    assert country_code(name) == code
