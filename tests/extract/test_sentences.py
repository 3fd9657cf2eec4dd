"""Tests for the fast regex sentence splitter (newsevents.extract.sentences)."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsevents.extract.sentences import sentence_spans, split_sentences
from newsevents.model import Article

DATA = Path(__file__).resolve().parents[1] / "data"


def _sentences(text: str) -> list[str]:
    return [text[start:end] for start, end in sentence_spans(text)]


# (text, expected sentences): the cases pysbd gets right, which a naive ". " splitter gets wrong.
CASES = [
    # titles and ranks
    (
        "Department of Defense Spokesman Lt. Col. Kenneth L. Hoffman briefed reporters in Washington, "
        "D.C. on Wednesday. He declined to give details.",
        ["Department of Defense Spokesman Lt. Col. Kenneth L. Hoffman briefed reporters in Washington, "
         "D.C. on Wednesday.", "He declined to give details."],
    ),
    (
        "Gen. Mark A. Milley hosted the meeting at the Pentagon. Both sides praised the talks.",
        ["Gen. Mark A. Milley hosted the meeting at the Pentagon.", "Both sides praised the talks."],
    ),
    (
        "Maj. Gen. Abdourahamane Tiani addressed the nation. The speech lasted ten minutes.",
        ["Maj. Gen. Abdourahamane Tiani addressed the nation.", "The speech lasted ten minutes."],
    ),
    ("Dr. Tedros Adhanom Ghebreyesus warned of famine in Tigray.", ["Dr. Tedros Adhanom Ghebreyesus warned of famine in Tigray."]),
    ("Mr. Bazoum remains in detention. Mrs. Bazoum is with him.", ["Mr. Bazoum remains in detention.", "Mrs. Bazoum is with him."]),
    ("Sgt. Maj. Ruiz and Capt. Ortega led the patrol near Cali.", ["Sgt. Maj. Ruiz and Capt. Ortega led the patrol near Cali."]),
    ("Sen. Ruth Okafor and Gov. Babagana Zulum visited the camp.", ["Sen. Ruth Okafor and Gov. Babagana Zulum visited the camp."]),
    ("Prof. Mahmood Mamdani spoke at the forum. Students attended.", ["Prof. Mahmood Mamdani spoke at the forum.", "Students attended."]),
    # dotted abbreviations
    (
        "The U.S. Department of Defense confirmed the strike. Officials gave no toll.",
        ["The U.S. Department of Defense confirmed the strike.", "Officials gave no toll."],
    ),
    (
        "The U.N. Security Council met in New York. It issued a statement.",
        ["The U.N. Security Council met in New York.", "It issued a statement."],
    ),
    ("Troops were redeployed to the U.S. The move was criticised.", ["Troops were redeployed to the U.S.", "The move was criticised."]),
    ("The talks ended in Washington, D.C. on Friday.", ["The talks ended in Washington, D.C. on Friday."]),
    ("U.S.-led coalition aircraft struck the depot. Two guards died.", ["U.S.-led coalition aircraft struck the depot.", "Two guards died."]),
    ("Armed groups, e.g. the ADF and M23, operate in the east.", ["Armed groups, e.g. the ADF and M23, operate in the east."]),
    ("Several agencies, i.e. UNHCR and WFP, sent staff. They arrived Monday.", ["Several agencies, i.e. UNHCR and WFP, sent staff.", "They arrived Monday."]),
    # times and numbers
    ("The curfew starts at 10 p.m. and ends at 5 a.m. on weekdays.", ["The curfew starts at 10 p.m. and ends at 5 a.m. on weekdays."]),
    ("The blast happened at 11 p.m. The market was empty.", ["The blast happened at 11 p.m.", "The market was empty."]),
    ("Inflation rose to 3.5 percent in May. Prices of maize doubled.", ["Inflation rose to 3.5 percent in May.", "Prices of maize doubled."]),
    ("The vote passed 54.2 to 45.8 in the assembly.", ["The vote passed 54.2 to 45.8 in the assembly."]),
    ("Resolution No. 2719 was adopted unanimously.", ["Resolution No. 2719 was adopted unanimously."]),
    ("The attack took place on Jan. 15 near Kidal. Three soldiers died.", ["The attack took place on Jan. 15 near Kidal.", "Three soldiers died."]),
    ("The Sept. 11 attacks changed the region.", ["The Sept. 11 attacks changed the region."]),
    # other abbreviations
    ("The Dept. of Homeland Security issued a warning.", ["The Dept. of Homeland Security issued a warning."]),
    ("Protesters gathered on St. George's Road in Harare.", ["Protesters gathered on St. George's Road in Harare."]),
    ("The contract went to Acme Corp. and two local firms.", ["The contract went to Acme Corp. and two local firms."]),
    ("Shares of Safaricom Ltd. fell. The company did not comment.", ["Shares of Safaricom Ltd. fell.", "The company did not comment."]),
    ("Kenya vs. Somalia is now before the court.", ["Kenya vs. Somalia is now before the court."]),
    # quotes and brackets
    (
        '"The two sides discussed a range of topics," read a statement from the ministry.',
        ['"The two sides discussed a range of topics," read a statement from the ministry.'],
    ),
    (
        '"We buried 12 people this morning." He wept as he spoke.',
        ['"We buried 12 people this morning."', "He wept as he spoke."],
    ),
    ('"Why now?" asked one resident. Nobody answered.', ['"Why now?" asked one resident.', "Nobody answered."]),
    (
        "Police fired tear gas (witnesses said). The crowd dispersed.",
        ["Police fired tear gas (witnesses said).", "The crowd dispersed."],
    ),
    ("He said: \"We will not negotiate.\" Talks collapsed.", ["He said: \"We will not negotiate.\"", "Talks collapsed."]),
    ("The minister spoke. (Reporting by Omar Faruk)", ["The minister spoke.", "(Reporting by Omar Faruk)"]),
    # other terminators
    ("Is the ceasefire holding? Nobody knows! Fighting resumed at dawn.", ["Is the ceasefire holding?", "Nobody knows!", "Fighting resumed at dawn."]),
    ("Then the shelling stopped... Residents emerged.", ["Then the shelling stopped...", "Residents emerged."]),
    ("The rally was peaceful. 2,000 people attended.", ["The rally was peaceful.", "2,000 people attended."]),
    # paragraphs
    ("First paragraph without a full stop\nSecond paragraph.", ["First paragraph without a full stop", "Second paragraph."]),
    ("Gen.\nKibochi", ["Gen.", "Kibochi"]),
    ("  Leading spaces. Trailing spaces.   ", ["Leading spaces.", "Trailing spaces."]),
    ("Visit unhcr.org. Officials said so.", ["Visit unhcr.org.", "Officials said so."]),
    ("停火协议已经生效。双方都表示欢迎。", ["停火协议已经生效。", "双方都表示欢迎。"]),
]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[case[0][:40] for case in CASES])
def test_sentence_spans_splits_like_pysbd(text: str, expected: list[str]) -> None:
    assert _sentences(text) == expected


def test_sentence_spans_has_at_least_thirty_cases() -> None:
    assert len(CASES) >= 30


@pytest.mark.parametrize("text", ["", "   ", "\n\n", " \n \t "])
def test_sentence_spans_blank_text_has_no_sentences(text: str) -> None:
    assert sentence_spans(text) == []


def test_split_sentences_fills_indexed_sentences() -> None:
    article = Article(article_id="a", origin="t", raw_text="", text="One here. Two there.\nThree.")
    split_sentences(article)
    assert [(s.index, article.sentence_text(s)) for s in article.sentences] == [
        (0, "One here."), (1, "Two there."), (2, "Three."),
    ]


def test_split_sentences_replaces_earlier_sentences() -> None:
    article = Article(article_id="a", origin="t", raw_text="", text="Only one.")
    split_sentences(article)
    split_sentences(article)
    assert len(article.sentences) == 1


@pytest.mark.parametrize("seed", ["000_9333ff4047246816.txt", "001_8bd47fad0ceba9bf.txt"])
def test_sentence_spans_agree_with_pysbd_on_seeds(seed: str) -> None:
    pysbd = pytest.importorskip("pysbd")
    text = (DATA / seed).read_text(encoding="utf-8").replace("\u2019", "'")
    segmenter = pysbd.Segmenter(language="en", clean=False)
    expected = [
        sentence.strip()
        for paragraph in text.split("\n")
        for sentence in segmenter.segment(paragraph)
        if sentence.strip()
    ]
    assert _sentences(text) == expected


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=400))
def test_sentence_spans_are_valid_on_arbitrary_text(text: str) -> None:
    spans = sentence_spans(text)
    previous_end = 0
    for start, end in spans:
        assert previous_end <= start < end <= len(text)
        assert "\n" not in text[start:end]
        assert not text[start].isspace() and not text[end - 1].isspace()
        previous_end = end
    covered = "".join(text[start:end] for start, end in spans)
    assert sum(not char.isspace() for char in covered) == sum(not char.isspace() for char in text)


def test_sentence_spans_is_fast_on_a_600_word_article() -> None:
    text = "\n".join(
        (DATA / name).read_text(encoding="utf-8")
        for name in ("000_9333ff4047246816.txt", "001_8bd47fad0ceba9bf.txt")
    )
    words = len(text.split())
    runs = 200
    started = time.perf_counter()
    for _ in range(runs):
        sentence_spans(text)
    per_600_words = (time.perf_counter() - started) / runs * 600 / words
    assert per_600_words < 0.0005  # measured ~0.06 ms; the bound leaves room for slow CI machines
