"""Tests for the clean stage (newsevents.clean.clean) on the seeds, fixtures and arbitrary text."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import newsevents.clean as clean_package
from newsevents.clean import OutletBoilerplate, clean
from newsevents.extract.sentences import split_sentences
from newsevents.ingest import iter_articles, make_article, read_text
from newsevents.model import Article

DATA = Path(__file__).resolve().parents[1] / "data"
INPUTS = DATA / "inputs"
SEED_000 = DATA / "000_9333ff4047246816.txt"
SEED_001 = DATA / "001_8bd47fad0ceba9bf.txt"


def _read(path: Path) -> Article:
    (article,) = iter_articles([str(path)])
    assert isinstance(article, Article)
    return article


def _cleaned(text: str, **fields) -> Article:
    return clean(make_article(text, origin="test.txt", **fields))


def _reasons(article: Article) -> list[tuple[str, str]]:
    return [(item["reason"], item["text"]) for item in article.removed]


def test_clean_all_names_exist() -> None:
    for name in clean_package.__all__:
        assert hasattr(clean_package, name)


# --- the seeds -----------------------------------------------------------------------------------

def test_clean_seed_000_keeps_fifteen_lines_without_repeat_or_pipe() -> None:
    article = clean(_read(SEED_000))
    lines = article.text.split("\n")
    assert len(lines) == 15
    assert "|" not in article.text
    assert lines[0].startswith("Kenya Defence Forces boss")
    assert ("no letters", "|") in _reasons(article)
    assert ("repeated sentence", "The two military leaders discussed on matters of mutual interest, notably "
            "expanding counter terrorism cooperation.") in _reasons(article)
    assert "discussed matters of mutual interest" in lines[1]
    assert article.published is None
    assert article.dateline is None


def test_clean_seed_001_drops_advertisement_and_reads_dateline() -> None:
    article = clean(_read(SEED_001))
    assert "Advertisement" not in article.text
    assert article.text.startswith("Defence Cabinet Secretary")
    assert article.dateline is not None
    assert article.dateline.place == "Nairobi"
    assert article.dateline.country == "KE"
    assert (article.dateline.month, article.dateline.day) == (5, 5)
    assert article.published == "2022-05-05"
    assert article.published_basis == "header line"


def test_clean_seed_001_normalises_quotes_and_dashes() -> None:
    text = clean(_read(SEED_001)).text
    assert "\u2019" not in text and "\u201c" not in text
    assert "United States - Kenya Bilateral Defense Forum" in text
    assert "\n\n" not in text


# --- fixtures from other regions ---------------------------------------------------------------

def test_clean_html_fixture_removes_advertisement_paragraph() -> None:
    article = clean(_read(INPUTS / "maiduguri_attack.html"))
    assert "Advertisement" not in article.text
    assert article.text.startswith("Suspected Boko Haram fighters")
    assert article.dateline.country == "NG"
    assert article.published == "2023-03-03"
    assert article.published_basis == "metadata"


def test_clean_wire_fixture_drops_credits_and_later_repeat() -> None:
    article = clean(_read(INPUTS / "niger_junta.txt"))
    reasons = _reasons(article)
    assert ("boilerplate", "Advertisement") in reasons
    assert ("boilerplate", "(Reporting by Boureima Balima in Niamey; Writing by Bate Felix; Editing by Frances Kerry)") in reasons
    assert ("repeated sentence", "Bazoum, 63, has been held with his wife and son at the presidential residence "
            "in Niamey since the coup on July 26.") in reasons
    assert "since the July 26 coup" in article.text  # the first telling stays
    assert "prosecute ousted President Mohamed Bazoum for high treason and undermining" in article.text  # a summary, not a copy
    assert article.dateline.place == "Niamey" and (article.dateline.month, article.dateline.day) == (8, 14)


def test_clean_removes_boilerplate_sentence_inside_a_longer_line() -> None:
    article = clean(_read(INPUTS / "inline_date_header.txt"))
    assert "Residents of Addis Ababa were told to register their weapons within two days." in article.text
    assert "Share this" not in article.text
    assert ("boilerplate", "Share this:") in _reasons(article)


# --- paragraphs, lines and dates -------------------------------------------------------------------

def test_clean_uses_single_newline_between_paragraphs() -> None:
    article = _cleaned("First paragraph here.\n\n\n  Second paragraph here.  \n\nThird.")
    assert article.text == "First paragraph here.\nSecond paragraph here.\nThird."


def test_clean_joins_hard_wrapped_lines() -> None:
    text = ("Residents of Djibo said the convoy was attacked\nby fighters on motorcycles, who burned\n"
            "trucks carrying food.\n\nThe army did not comment.")
    assert _cleaned(text).text == (
        "Residents of Djibo said the convoy was attacked by fighters on motorcycles, who burned trucks "
        "carrying food.\nThe army did not comment."
    )


@pytest.mark.parametrize("line", ["|", "***", "--- 12 ---", "* * *", "1.", "\u2014"])
def test_clean_drops_lines_without_letters(line: str) -> None:
    article = _cleaned(f"Troops entered the town on Monday.\n{line}\nResidents fled.")
    assert article.text == "Troops entered the town on Monday.\nResidents fled."
    assert article.removed[0]["reason"] == "no letters"


def test_clean_drops_byline() -> None:
    article = _cleaned("By Aisha Bello\nGunmen killed 12 villagers in Borno on Friday.")
    assert article.text == "Gunmen killed 12 villagers in Borno on Friday."
    assert _reasons(article) == [("boilerplate", "By Aisha Bello")]


def test_clean_reads_dateline_after_headline() -> None:
    article = _cleaned("Gunmen kill 12 in Borno village\nMAIDUGURI, Nigeria (AP) - Gunmen killed 12 people.")
    assert article.dateline.place == "Maiduguri"
    assert article.text == "Gunmen kill 12 in Borno village\nGunmen killed 12 people."


def test_clean_does_not_read_dateline_from_body() -> None:
    article = _cleaned("Troops advanced on Monday.\nKYIV, Ukraine - officials said more.")
    assert article.dateline is None


def test_clean_dateline_alone_on_its_line_is_removed() -> None:
    article = _cleaned("NAIROBI, May 5 (Reuters) -\nKenya's parliament voted on the bill.")
    assert article.text == "Kenya's parliament voted on the bill."
    assert (article.dateline.month, article.dateline.day) == (5, 5)


def test_clean_sets_published_from_dateline_with_year() -> None:
    article = _cleaned("LAGOS, Nigeria, March 3, 2023 - Gunmen abducted 20 passengers.")
    assert article.published == "2023-03-03"
    assert article.published_basis == "dateline"


def test_clean_never_invents_a_year() -> None:
    article = _cleaned("Nairobi, Kenya, May 5- Protesters marched on parliament.")
    assert article.published is None
    assert article.published_basis is None
    assert (article.dateline.month, article.dateline.day) == (5, 5)


def test_clean_takes_year_from_url_date_path() -> None:
    article = _cleaned("QUETTA, Nov 3 (APP) - A bomb exploded.", url="https://www.dawn.example/news/2023/11/blast")
    assert article.published == "2023-11-03"
    assert article.published_basis == "dateline + URL year"


@pytest.mark.parametrize(
    "url",
    ["https://x.example/news/2023/10/blast", "https://x.example/news/2023-anniversary-of-blast", "https://x.example/a/1"],
)
def test_clean_ignores_url_year_that_disagrees_or_is_no_date(url: str) -> None:
    assert _cleaned("QUETTA, Nov 3 (APP) - A bomb exploded.", url=url).published is None


def test_clean_keeps_published_from_header_when_dateline_disagrees() -> None:
    article = clean(read_text("| date 2022-05-06\nNAIROBI, May 5 (Reuters) - Talks ended.", origin="a.txt"))
    assert article.published == "2022-05-06"
    assert article.published_basis == "header line"


def test_clean_is_idempotent() -> None:
    article = _read(SEED_000)
    first = clean(article).text, list(article.removed)
    second = clean(article).text, list(article.removed)
    assert first == second


# --- learned outlet boilerplate --------------------------------------------------------------------

def test_clean_drops_learned_outlet_boilerplate() -> None:
    notice = "The Sahel Monitor is supported by readers like you. Donate today to keep us independent."
    articles = [
        make_article(f"Report {i}: gunmen attacked a village near Tillaberi.\n{notice}", origin=f"{i}.txt",
                     url=f"https://sahelmonitor.example/{i}")
        for i in range(4)
    ]
    learned = OutletBoilerplate()
    for article in articles:
        learned.observe(article)
    article = clean(articles[0], boilerplate=learned)
    assert article.text == "Report 0: gunmen attacked a village near Tillaberi."
    assert ("outlet boilerplate", notice) in _reasons(article)


# --- robustness and speed ---------------------------------------------------------------------

_PIECES = [
    ".", "!", "?", "\n", "\n\n", " ", "\u2013", "\u2014", "\u201c", "\u201d", "|", "-", ":", "(", ")",
    "Advertisement", "Read more: ", "NAIROBI, May 5 - ", "Gen. ", "U.S. ", " date 2022-05-05 ",
    "Troops entered the town. ", "Troops entered the town! ",
]
_TEXT = st.lists(
    st.one_of(st.characters(blacklist_categories=("Cs",)), st.sampled_from(_PIECES)), max_size=80
).map("".join)


@settings(max_examples=300, deadline=None)
@given(_TEXT)
def test_clean_and_split_never_raise_and_spans_are_valid(text: str) -> None:
    article = split_sentences(clean(read_text(text, origin="fuzz.txt")))
    assert "\n\n" not in article.text
    assert article.text == article.text.strip()
    previous_end = 0
    for index, sentence in enumerate(article.sentences):
        assert sentence.index == index
        assert previous_end <= sentence.start < sentence.end <= len(article.text)
        chunk = article.sentence_text(sentence)
        assert "\n" not in chunk and chunk == chunk.strip()
        previous_end = sentence.end
    for item in article.removed:
        assert set(item) == {"text", "reason"}
        assert item["reason"] in {"boilerplate", "repeated sentence", "outlet boilerplate", "no letters"}


def test_clean_is_fast_on_a_600_word_article() -> None:
    text = "\n\n".join(path.read_text(encoding="utf-8") for path in (INPUTS / "niger_junta.txt", SEED_001))
    article = make_article(text, origin="bench.txt")
    words = len(text.split())
    runs = 200
    started = time.perf_counter()
    for _ in range(runs):
        clean(article)
    per_600_words = (time.perf_counter() - started) / runs * 600 / words
    assert per_600_words < 0.001  # measured ~0.25 ms; the bound leaves room for slow CI machines
