"""Fatality phrases become ranges by DESIGN.md's rules, and only when the number is of the dead."""

import pytest

from newsevents.extract.fatalities import find_fatalities, merge_fatalities, parse_number
from newsevents.model import Fatalities


@pytest.mark.parametrize(
    ("sentence", "low", "high"),
    [
        ("Al-Shabaab stormed the base killing more than a dozen troops.", 13, None),
        ("the Garissa University attack which left at least 140 dead", 140, None),
        ("the mall attack in 2013 which left over 70 people dead", 71, None),
        ("More than 70 people were killed in the blast.", 71, None),
        ("Gunmen killed a dozen villagers in Zamfara state on Sunday.", 12, 12),
        ("Dozens of civilians were killed in the air strike.", 24, None),
        ("Scores of people died when the dam burst.", 40, None),
        ("Hundreds of people were killed in the fighting in El Fasher.", 200, None),
        ("Up to 15 people died in the explosion in Quetta.", None, 15),
        ("Between 10 and 15 soldiers were killed in the ambush near Menaka.", 10, 15),
        ("The death toll rose to 63 on Sunday, officials said.", 63, 63),
        ("Twenty-one people were killed and 40 wounded in Kharkiv.", 21, 21),
        ("An air strike killed 1,200 fighters, the army claimed.", 1200, 1200),
        ("The attack killed at least 30 people in Borno.", 30, None),
        ("Two soldiers died when their vehicle hit a mine.", 2, 2),
        ("The militants killed about 40 villagers.", 40, 40),
    ],
)
def test_find_fatalities_ranges(sentence: str, low: int | None, high: int | None) -> None:
    found = find_fatalities(sentence)
    assert found, sentence
    assert (found[0].fatalities.min, found[0].fatalities.max) == (low, high)
    assert found[0].fatalities.phrase in sentence


@pytest.mark.parametrize(
    "sentence",
    [
        "The blast left 30 people wounded in Kabul.",
        "Police arrested 40 protesters in Nairobi on Tuesday.",
        "More than 2,000 people were displaced by the fighting.",
        "The attack in 2013 shocked the country.",
        "The two leaders met in Geneva for talks lasting five hours.",
        "Over 70 percent of voters turned out.",
    ],
)
def test_find_fatalities_ignores_other_counts(sentence: str) -> None:
    assert find_fatalities(sentence) == []


def test_find_fatalities_keeps_separate_claims_in_one_sentence() -> None:
    sentence = "the Garissa attack which left at least 140 dead and the Westgate attack which left over 70 people dead"
    assert [(m.fatalities.min, m.fatalities.max) for m in find_fatalities(sentence)] == [(140, None), (71, None)]


@pytest.mark.parametrize(("text", "value"), [("140", 140), ("1,200", 1200), ("twenty-one", 21),
                                             ("two hundred", 200), ("a", 1), ("purple", None)])
def test_parse_number(text: str, value: int | None) -> None:
    assert parse_number(text) == value


def test_merge_fatalities_covers_every_claim() -> None:
    merged = merge_fatalities([Fatalities(63, 63, "63 killed"), Fatalities(101, None, "more than 100 dead")])
    assert merged is not None and (merged.min, merged.max) == (63, None)
    bounded = merge_fatalities([Fatalities(10, 12, "10-12"), Fatalities(15, 15, "15")])
    assert bounded is not None and (bounded.min, bounded.max) == (10, 15)


@pytest.mark.parametrize(
    ("sentence", "low", "high"),
    [
        ("Dozens of soldiers and civilian auxiliaries were killed when jihadists ambushed a convoy.", 24, None),
        ("Five of the group's fighters were killed, the statement said.", 5, 5),
        ("A security guard at the gate was shot dead.", 1, 1),
        ("No casualties were reported after the drones hit the depot.", 0, 0),
        ("There were no casualties, the regional governor said.", 0, 0),
        ("The army said it had neutralised scores of terrorists.", 40, None),
    ],
)
def test_find_fatalities_more_forms(sentence: str, low: int | None, high: int | None) -> None:
    found = find_fatalities(sentence)
    assert found and (found[0].fatalities.min, found[0].fatalities.max) == (low, high)
