"""Tests for the time tagger: values, spans, anchors, late resolution (newsevents.extract.time)."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsevents.errors import ExtractError
from newsevents.extract.time import reanchor, resolve, tag_times
from newsevents.model import Article, Dateline, Sentence, TimeExpr

DATA = Path(__file__).resolve().parents[1] / "data"
THURSDAY = "2022-05-05"  # the article date most cases use: a Thursday


def _sentences(text: str) -> list[Sentence]:
    """Split like the sentence stage would for these simple test texts."""
    spans, start = [], 0
    for m in re.finditer(r"(?<=[.!?])\s+(?=[A-Z\"“0-9])|\n+", text):
        spans.append(Sentence(len(spans), start, m.start()))
        start = m.end()
    spans.append(Sentence(len(spans), start, len(text)))
    return spans


def _tag(text: str, published: str | None = THURSDAY, dateline: Dateline | None = None,
         sentences: bool = True) -> Article:
    article = Article(article_id="ar_test", origin="test", raw_text=text, text=text,
                      published=published, dateline=dateline,
                      sentences=_sentences(text) if sentences else [])
    return tag_times(article)


def _find(article: Article, span: str) -> TimeExpr:
    matches = [expr for expr in article.times if expr.text == span]
    assert matches, f"{span!r} not tagged; got {[expr.text for expr in article.times]}"
    return matches[0]


# --- dated articles: value and precision --------------------------------------------------------

DATED = [
    # weekdays: past tense counts back (on or before), future counts forward
    ("Wamalwa and Wallander on Wednesday met to discuss.", "Wednesday", "2022-05-04", "day"),
    ("Police in Lagos said on Thursday that six people had died.", "Thursday", "2022-05-05", "day"),
    ("Ministers will meet on Friday in Addis Ababa.", "Friday", "2022-05-06", "day"),
    ("Talks are scheduled for Saturday in Nairobi.", "Saturday", "2022-05-07", "day"),
    ("Last Friday, gunmen killed 12 villagers in Zamfara.", "Last Friday", "2022-04-29", "day"),
    ("The president will travel to Paris next Monday.", "next Monday", "2022-05-09", "day"),
    ("Militants killed 30 people on Sunday night in Ituri.", "Sunday night", "2022-05-01TNI", "day"),
    ("The bill passed on Wednesday, May 4, after a long debate.", "Wednesday, May 4",
     "2022-05-04", "day"),
    # offsets from the article date
    ("Two days ago, the militants stormed the base.", "Two days ago", "2022-05-03", "day"),
    ("Protesters gathered in Khartoum three weeks ago.", "three weeks ago", "2022-W15", "week"),
    ("The army said yesterday it had retaken Palma.", "yesterday", "2022-05-04", "day"),
    ("Results will be announced tomorrow in Dhaka.", "tomorrow", "2022-05-06", "day"),
    ("Gunmen stormed a school in Kaduna tonight.", "tonight", "2022-05-05TNI", "day"),
    ("Police arrived this morning at the scene.", "this morning", "2022-05-05TMO", "day"),
    ("Floods hit Kerala last year, killing hundreds.", "last year", "2021", "year"),
    ("The junta extended the curfew last month.", "last month", "2022-04", "month"),
    ("Police said last week that 40 people were arrested.", "last week", "2022-W17", "week"),
    ("This year the budget for the mission was cut.", "This year", "2022", "year"),
    ("Talks will resume next week in Geneva.", "next week", "2022-W19", "week"),
    ("Earlier this month, M23 rebels seized Bunagana.", "Earlier this month", "2022-05", "month"),
    ("The bombing in Kabul happened a year ago.", "a year ago", "2021", "year"),
    ("More than two years ago, the army mutinied.", "More than two years ago", "2020", "year"),
    ("The vote took place the day before yesterday.", "the day before yesterday", "2022-05-03",
     "day"),
    ("Gunmen attacked two villages over the weekend.", "the weekend", "2022-W17-WE", "week"),
    # month names and days without a year take the article's year (HeidelTime's month rule)
    ("The talks on May 4 reaffirmed the partnership.", "May 4", "2022-05-04", "day"),
    ("The ceasefire expired on 31 December.", "31 December", "2021-12-31", "day"),
    ("The new law takes effect on 1 June.", "1 June", "2022-06-01", "day"),
    ("The ceasefire collapsed in March.", "March", "2022-03", "month"),
    ("Elections will be held in December.", "December", "2022-12", "month"),
    ("The summit was held last May in Kigali.", "last May", "2021-05", "month"),
    # absolute dates, never more precise than the text
    ("KDF went to Somalia in October 2011.", "October 2011", "2011-10", "month"),
    ("Gen Kibochi took over the KDF leadership in April 2020.", "April 2020", "2020-04", "month"),
    ("Troops launched an offensive against the group in 2011 in an operation.", "2011", "2011",
     "year"),
    ("The attack at the camp in El-Adde in 2016 killed many.", "2016", "2016", "year"),
    ("The Westgate mall attack in 2013 left over 70 people dead.", "2013", "2013", "year"),
    ("The 2013 attack was claimed by al-Shabaab.", "2013", "2013", "year"),
    ("Since 2009 the group has killed thousands in Borno.", "2009", "2009", "year"),
    ("In late 2015, Boko Haram pledged allegiance to ISIS.", "late 2015", "2015", "year"),
    ("Mid-2016 saw a split in the group.", "Mid-2016", "2016", "year"),
    ("The accord was signed on 2021-11-03 in Doha.", "2021-11-03", "2021-11-03", "day"),
    ("The election was held on 4 May 2022 in Lebanon.", "4 May 2022", "2022-05-04", "day"),
    ("Tinubu took office on May 29, 2023, in Abuja.", "May 29, 2023", "2023-05-29", "day"),
    ("The ceasefire began on 13/05/2021 in Gaza.", "13/05/2021", "2021-05-13", "day"),
    ("The ceasefire began on 04/05/2021 in Gaza.", "04/05/2021", "2021", "year"),
    ("Fighting raged between January and March 2021 in Tigray.", "January", "2021-01", "month"),
    ("Protests swept Hong Kong by autumn 2019.", "autumn 2019", "2019-FA", "unknown"),
    # the 1990s is a decade: TimeML value "199", no model precision for it
    ("In the 1990s the war in Sierra Leone raged.", "1990s", "199", "unknown"),
]


@pytest.mark.parametrize(("text", "span", "value", "precision"), DATED)
def test_tag_times_dated_values(text: str, span: str, value: str, precision: str) -> None:
    expr = _find(_tag(text), span)
    assert (expr.value, expr.precision) == (value, precision)


@pytest.mark.parametrize(("text", "span", "anchor"), [
    ("Two days ago, the militants stormed the base.", "Two days ago", "article"),
    ("KDF went to Somalia in October 2011.", "October 2011", "absolute"),
    ("The talks on May 4 reaffirmed the partnership.", "May 4", "article"),
    ("Troops have been deployed for three weeks.", "three weeks", "absolute"),
    ("The UN has warned in recent months about famine.", "recent months", "article"),
])
def test_tag_times_dated_anchor(text: str, span: str, anchor: str) -> None:
    assert _find(_tag(text), span).anchor == anchor


@pytest.mark.parametrize(("text", "span", "type_", "value"), [
    ("Troops have been deployed for three weeks in the region.", "three weeks", "DURATION", "P3W"),
    ("The army said it would respond within 48 hours.", "48 hours", "DURATION", "PT48H"),
    ("A 72-hour truce was agreed in Sudan.", "72-hour", "DURATION", "PT72H"),
    ("The militia has held the town for more than a decade.", "more than a decade", "DURATION",
     "P10Y"),
    ("Over the past two years the conflict killed hundreds.", "the past two years", "DURATION",
     "P2Y"),
    ("Residents protest every Friday outside parliament.", "every Friday", "SET", "XXXX-WXX-5"),
    ("Opposition supporters march on Fridays in Bamako.", "Fridays", "SET", "XXXX-WXX-5"),
    ("The council meets every two weeks.", "every two weeks", "SET", "P2W"),
    ("The summit takes place twice a year.", "twice a year", "SET", "P1Y"),
    ("The blast happened at 3 pm on Tuesday near the market.", "3 pm", "TIME", "2022-05-03T15:00"),
    ("The truce began at 06:00 GMT on 3 May 2022.", "06:00 GMT", "TIME", "2022-05-03T06:00"),
    ("The curfew starts at 9 p.m. daily.", "9 p.m.", "TIME", "XXXX-XX-XXT21:00"),
    ("Fighting recently intensified around Kharkiv.", "recently", "DATE", "PAST_REF"),
    ("The envoy said talks would resume in the coming weeks.", "the coming weeks", "DATE",
     "FUTURE_REF"),
])
def test_tag_times_types(text: str, span: str, type_: str, value: str) -> None:
    expr = _find(_tag(text), span)
    assert (expr.type, expr.value) == (type_, value)


@pytest.mark.parametrize(("text", "span"), [
    ("Two days ago, the Al-Shabaab militant group stormed the base.", "Two days ago"),
    ("Troops launched an offensive in 2011 in an operation code-named Linda Nchi.", "2011"),
    ("The meeting on Wednesday, the first since March, ended early.", "Wednesday"),
    ("Three weeks ago, in Khartoum, protesters gathered.", "Three weeks ago"),
])
def test_tag_times_span_is_tight(text: str, span: str) -> None:
    article = _tag(text)
    expr = _find(article, span)
    assert text[expr.start:expr.end] == span


def test_tag_times_excludes_leading_preposition_and_keeps_it_as_signal() -> None:
    expr = _find(_tag("The group has fought the army since 2011."), "2011")
    assert expr.rule["signal"] == "since"
    assert expr.basis == "'since 2011' as written"


@pytest.mark.parametrize("text", [
    "Over 2000 people fled the fighting in Cabo Delgado.",
    "The council adopted Resolution 2036 on Somalia.",
    "Each family received a $1500 grant from the agency.",
    "Kenya's Vision 2030 and the AU's Agenda 2063 were cited.",
    "The parliament voted 2000 to 15 in favour of the bill.",
    "A total of 2000 troops were deployed by the regional bloc.",
    "Theresa May met the French president in London.",
    "May God protect the soldiers, the bishop said.",
    "The march began peacefully in Nairobi.",
    "The Sunday Nation reported the story first.",
    "One day, the soldiers say, they will go home.",
])
def test_tag_times_rejects_non_times(text: str) -> None:
    assert _tag(text).times == []


def test_tag_times_lists_years_after_an_accepted_year() -> None:
    article = _tag("Between 2011 and 2013 the mission expanded; from 2014 to 2016 attacks fell.")
    assert [expr.value for expr in article.times] == ["2011", "2013", "2014", "2016"]


# --- tense and direction --------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "value", "tense"), [
    ("Gunmen on Friday attacked a convoy in Mali.", "2022-04-29", "past"),
    ("The ministers will meet on Friday in Accra.", "2022-05-06", "future"),
    ("The minister, who will retire in June, said on Monday that troops stay.", "2022-05-02",
     "past"),
    ("The vote is due to take place on Saturday.", "2022-05-07", "future"),
])
def test_tag_times_weekday_follows_tense(text: str, value: str, tense: str) -> None:
    expr = next(expr for expr in _tag(text).times if expr.rule.get("kind") == "weekday")
    assert (expr.value, expr.tense) == (value, tense)


# --- undated articles ---------------------------------------------------------------------------

UNDATED = [
    ("The talks on May 4 reaffirmed the partnership.", "May 4", "XXXX-05-04", "unresolved",
     {"kind": "partial", "month": 5, "day": 4}),
    ("It is the first meeting since he took over in April 2020.", "April 2020", "2020-04",
     "absolute", {"kind": "absolute"}),
    ("Two days ago, the militants stormed the base.", "Two days ago", None, "unresolved",
     {"kind": "offset", "unit": "day", "n": -2}),
    ("Wamalwa and Wallander on Wednesday met in Washington.", "Wednesday", "XXXX-WXX-3",
     "unresolved",
     {"kind": "weekday", "weekday": 2, "direction": "past"}),
    ("Floods hit the region last year.", "last year", None, "unresolved",
     {"kind": "offset", "unit": "year", "n": -1}),
    ("Elections were held in March.", "March", "XXXX-03", "unresolved",
     {"kind": "month", "month": 3}),
]


@pytest.mark.parametrize(("text", "span", "value", "anchor", "rule"), UNDATED)
def test_tag_times_undated_keeps_rules(text: str, span: str, value: str | None, anchor: str,
                                       rule: dict) -> None:
    expr = _find(_tag(text, published=None), span)
    assert (expr.value, expr.anchor) == (value, anchor)
    assert rule.items() <= expr.rule.items()


def test_tag_times_undated_relative_keeps_precision() -> None:
    expr = _find(_tag("Protesters gathered three weeks ago.", published=None), "three weeks ago")
    assert expr.precision == "week" and expr.value is None


def test_tag_times_chain_anchors_to_previous_expression() -> None:
    text = ("KDF went to Somalia in October 2011. The incursion started after the kidnappings. "
            "Two years later, the troops took control of Kismayo port.")
    expr = _find(_tag(text, published=None), "Two years later")
    assert (expr.value, expr.precision, expr.anchor) == ("2013", "year", "previous")
    assert expr.basis == "'Two years later' after 'October 2011'"
    assert expr.rule == {"kind": "chain", "unit": "year", "n": 2, "precision": "year"}


@pytest.mark.parametrize(("text", "span", "value"), [
    ("The ceasefire collapsed in March 2019. A year earlier, talks had failed.", "A year earlier",
     "2018"),
    ("Rebels took Goma in November 2012. Three months later, they withdrew.", "Three months later",
     "2013-02"),
    ("The coup came on 18 August 2020. The next day, the president resigned.", "The next day",
     "2020-08-19"),
    ("The coup came on 18 August 2020. The day before, troops had mutinied.", "The day before",
     "2020-08-17"),
    ("Parliament was dissolved in 2014. The following year, the army returned.",
     "The following year", "2015"),
    ("Talks opened on Friday, 3 June 2016. The following Monday, they collapsed.",
     "The following Monday", "2016-06-06"),
])
def test_tag_times_chains(text: str, span: str, value: str) -> None:
    expr = _find(_tag(text, published=None), span)
    assert (expr.value, expr.anchor) == (value, "previous")


def test_tag_times_vague_chain_has_no_value() -> None:
    expr = _find(_tag("The war began in 1998. Years later, survivors recalled it."), "Years later")
    assert (expr.value, expr.anchor, expr.rule["n"]) == (None, "previous", None)


def test_tag_times_event_relative_is_not_resolved() -> None:
    article = _tag("The attack came two days after the election in Kenya.")
    expr = _find(article, "two days after")
    assert (expr.value, expr.rule["kind"]) == (None, "event")


def test_tag_times_dateline_gives_partial_anchor() -> None:
    text = "Nairobi, Kenya, May 5- Two days ago, gunmen struck. On Wednesday they met."
    article = _tag(text, published=None,
                   dateline=Dateline("Nairobi, Kenya, May 5-", place="Nairobi", month=5, day=5))
    assert [expr.text for expr in article.times] == ["Two days ago", "Wednesday"]
    ago, weekday = article.times
    assert (ago.value, ago.anchor) == ("XXXX-05-03", "unresolved")
    assert (weekday.value, weekday.anchor) == ("XXXX-WXX-3", "unresolved")


def test_tag_times_sentence_index() -> None:
    text = "Talks ended. Officials left. Fighting resumed on Monday."
    assert _find(_tag(text), "Monday").sentence == 2


def test_tag_times_without_sentences_counts_one_sentence() -> None:
    article = _tag("Talks ended. Fighting resumed on Monday in 2021.", sentences=False)
    assert {expr.sentence for expr in article.times} == {0}


def test_tag_times_sorted_by_start() -> None:
    article = _tag("At 3 pm on Tuesday, two days after the 2013 anniversary, talks began.")
    starts = [expr.start for expr in article.times]
    assert starts == sorted(starts)


def test_tag_times_rejects_malformed_published_date() -> None:
    with pytest.raises(ExtractError) as caught:
        _tag("Talks resumed on Monday.", published="05/05/2022")
    assert caught.value.code == "X310"


# --- seeds: two reports of one meeting -----------------------------------------------------------

def test_tag_times_seed_undated_report() -> None:
    text = (DATA / "000_9333ff4047246816.txt").read_text()
    values = {expr.text: expr.value for expr in _tag(text, published=None).times}
    assert values["April 2020"] == "2020-04"
    assert values["May 4"] == "XXXX-05-04"
    assert values["October 2011"] == "2011-10"
    assert values["Two years later"] == "2013"


def test_tag_times_seed_dated_report() -> None:
    text = (DATA / "001_8bd47fad0ceba9bf.txt").read_text()
    values = {expr.text: expr.value for expr in _tag(text).times}
    assert values["Wednesday"] == "2022-05-04"
    assert values["Two days ago"] == "2022-05-03"
    assert {values["2011"], values["2016"], values["2013"]} == {"2011", "2016", "2013"}


# --- resolve and reanchor ------------------------------------------------------------------------

def test_reanchor_resolves_undated_article() -> None:
    text = "The talks on May 4 reaffirmed the deal. Two days ago, gunmen struck. KDF left in 2011."
    article = reanchor(_tag(text, published=None), dt.date(2022, 5, 5), basis_label="story st_123")
    talks, ago, year = article.times
    assert (talks.value, talks.anchor) == ("2022-05-04", "story")
    assert (ago.value, ago.anchor) == ("2022-05-03", "story")
    assert "story st_123" in ago.basis and "2022-05-05" in ago.basis
    assert (year.value, year.anchor, year.basis) == ("2011", "absolute", "'in 2011' as written")


def test_reanchor_chain_sees_newly_resolved_previous() -> None:
    text = "Rebels shelled the town on Monday. The next day, they withdrew."
    article = reanchor(_tag(text, published=None), dt.date(2022, 5, 5), basis_label="story st_9")
    monday, next_day = article.times
    assert monday.value == "2022-05-02"
    assert (next_day.value, next_day.anchor) == ("2022-05-03", "previous")


def test_reanchor_replaces_partial_dateline_values() -> None:
    article = _tag("Two days ago, gunmen struck.", published=None,
                   dateline=Dateline("Goma, May 5-", month=5, day=5))
    reanchor(article, dt.date(2022, 5, 5), basis_label="story st_1")
    assert article.times[0].value == "2022-05-03"


def test_resolve_uses_rule_not_text() -> None:
    expr = TimeExpr(text="garbled", start=0, end=7, type="DATE", value=None, precision="day",
                    anchor="unresolved", rule={"kind": "offset", "unit": "day", "n": -2,
                                               "precision": "day"})
    resolved = resolve(expr, anchor=dt.date(2022, 5, 5), basis_label="story st_7")
    assert (resolved.value, resolved.anchor) == ("2022-05-03", "story")
    assert expr.value is None  # the input is left alone


@pytest.mark.parametrize(("rule", "value"), [
    ({"kind": "weekday", "weekday": 2, "direction": "past"}, "2022-05-04"),
    ({"kind": "weekday", "weekday": 4, "direction": "future"}, "2022-05-06"),
    ({"kind": "partial", "month": 12, "day": 28, "direction": "past"}, "2021-12-28"),
    ({"kind": "month", "month": 4, "direction": "past"}, "2022-04"),
    ({"kind": "offset", "unit": "week", "n": -1, "precision": "week"}, "2022-W17"),
    ({"kind": "offset", "unit": "year", "n": -1, "precision": "year"}, "2021"),
])
def test_resolve_rules(rule: dict, value: str) -> None:
    expr = TimeExpr(text="x", start=0, end=1, type="DATE", value=None, precision="day",
                    anchor="unresolved", rule=rule)
    assert resolve(expr, anchor=dt.date(2022, 5, 5)).value == value


def test_resolve_chain_uses_previous() -> None:
    previous = TimeExpr(text="October 2011", start=0, end=12, type="DATE", value="2011-10",
                        precision="month", anchor="absolute", rule={"kind": "absolute"})
    expr = TimeExpr(text="Two years later", start=40, end=55, type="DATE", value=None,
                    precision="year", anchor="unresolved",
                    rule={"kind": "chain", "unit": "year", "n": 2, "precision": "year"})
    resolved = resolve(expr, anchor=None, previous=previous)
    assert (resolved.value, resolved.anchor) == ("2013", "previous")


def test_resolve_leaves_resolved_expressions_alone() -> None:
    expr = _find(_tag("KDF went to Somalia in October 2011."), "October 2011")
    again = resolve(expr, anchor=dt.date(2030, 1, 1), basis_label="story st_1")
    assert (again.value, again.anchor, again.basis) == (expr.value, expr.anchor, expr.basis)


def test_resolve_without_anchor_stays_unresolved() -> None:
    expr = _find(_tag("Two days ago, gunmen struck.", published=None), "Two days ago")
    assert resolve(expr, anchor=None).value is None


# --- robustness --------------------------------------------------------------------------------

_WORDS = st.sampled_from([
    "May", "4", "2022", "on", "in", "since", "the", "2013", "last", "next", "week", "years", "ago",
    "later", "every", "Friday", "Wednesday", "at", "3", "pm", "15:00", "for", "three", "a", "dozen",
    "2022-05-04", "4/5/2022", "1990s", "early", "mid-", "following", "day", "before", "tonight",
    "recent", "months", "past", "24", "hours", "times", "twice", "weekend", "9999", "Feb", "29",
    "people", "Resolution", "$1500", "İ", "ß", ".", ",", "'s", "—", "\n", "dawn", "overnight",
    "now", "soon", "summer", "fall", "quarter", "half", "first", "end", "of", "Q3", "night",
    "hours", "the early", "in the", "a", "$300", "these", "present", "at the moment",
])


@settings(max_examples=300, deadline=None)
@given(
    text=st.one_of(st.text(max_size=200), st.lists(_WORDS, max_size=40).map(" ".join)),
    published=st.sampled_from([None, "2022-05-05", "2099-12-31", "2000-02-29"]),
)
def test_tag_times_never_raises_and_spans_are_valid(text: str, published: str | None) -> None:
    article = _tag(text, published=published)
    last_end = 0
    for expr in article.times:
        assert 0 <= expr.start < expr.end <= len(text)
        assert text[expr.start:expr.end] == expr.text
        assert expr.start >= last_end  # sorted and not overlapping
        last_end = expr.end
    reanchor(article, dt.date(2022, 5, 5), basis_label="story st_0")
