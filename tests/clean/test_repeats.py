"""Tests for repeated-sentence detection (newsevents.clean.repeats)."""

from __future__ import annotations

import pytest

from newsevents.clean import find_repeats
from newsevents.clean.repeats import token_set


def test_token_set_ignores_case_punctuation_and_hyphens() -> None:
    assert token_set("Counter-terrorism, COUNTER terrorism!") == token_set("counter terrorism")


def test_find_repeats_drops_later_exact_copy() -> None:
    sentences = [
        (0, "Gunmen stormed a hotel in Mogadishu on Friday night."),
        (1, "Police said the siege lasted twelve hours."),
        (2, "Police said the siege lasted twelve hours."),
    ]
    assert find_repeats(sentences) == {2: 1}


@pytest.mark.parametrize(
    ("first", "later"),
    [
        ("The two military leaders discussed on matters of mutual interest, notably expanding counter terrorism cooperation.",
         "The two military leaders discussed matters of mutual interest, notably expanding counter-terrorism cooperation."),
        ("Bazoum, 63, has been held with his wife and son at the presidential residence since the July 26 coup.",
         "Bazoum, 63, has been held with his wife and son at the presidential residence since the coup on July 26."),
        ("Drones struck an oil refinery in Russia's Samara region early on Saturday, the governor said.",
         "Drones struck an oil refinery in Russia’s Samara region early on Saturday, the regional governor said."),
    ],
)
def test_find_repeats_drops_lede_that_copies_a_body_sentence(first: str, later: str) -> None:
    sentences = [(0, first), (1, "An unrelated sentence about something else entirely."), (2, later)]
    assert find_repeats(sentences) == {0: 2}


def test_find_repeats_drops_later_near_copy_outside_the_lede() -> None:
    sentences = [
        (0, "Gunmen stormed a hotel in Mogadishu on Friday night."),
        (1, "At least 12 people were killed in the attack on the Hotel Bariga, police said."),
        (3, "At least 12 people were killed in the attack on Hotel Bariga, police said on Saturday."),
    ]
    assert find_repeats(sentences) == {2: 1}


def test_find_repeats_keeps_within_lede_order() -> None:
    sentences = [
        (0, "Rebels seized the town of Rubaya after three days of fighting."),
        (0, "Rebels seized the town of Rubaya after three days of heavy fighting."),
    ]
    assert find_repeats(sentences) == {1: 0}


@pytest.mark.parametrize(
    ("one", "two"),
    [
        ("He said.", "He said."),  # too short to judge
        ("Niger's junta said it would prosecute Bazoum for high treason and undermining state security.",
         "Niger's junta said on Sunday it would prosecute ousted President Mohamed Bazoum for high treason, "
         "days after West African leaders ordered a standby force to restore constitutional order."),
        ("Troops entered Goma on Monday.", "Troops left Goma on Tuesday."),
    ],
)
def test_find_repeats_keeps_different_or_short_sentences(one: str, two: str) -> None:
    assert find_repeats([(0, one), (1, two)]) == {}


def test_find_repeats_three_copies_keep_one() -> None:
    text = "The ceasefire between the army and the rebels collapsed on Sunday."
    assert find_repeats([(0, text), (1, "Something else was reported later."), (2, text), (3, text)]) == {0: 2, 3: 2}
