"""Coverage of the time tagger against the conventions of the sentence gold (docs/time.md).

Every case is a realistic sentence from a different region; the article date is Wednesday
6 March 2024 unless the case says otherwise, as in the sentence gold's examples.
"""

from __future__ import annotations

import re

import pytest

from newsevents.extract.time import reanchor, tag_times
from newsevents.extract.timevalues import record_date, value_interval, value_precision
from newsevents.model import Article, Sentence, TimeExpr

WEDNESDAY = "2024-03-06"


def _sentences(text: str) -> list[Sentence]:
    spans, start = [], 0
    for m in re.finditer(r"(?<=[.!?])\s+(?=[A-Z\"0-9])", text):
        spans.append(Sentence(len(spans), start, m.start()))
        start = m.end()
    spans.append(Sentence(len(spans), start, len(text)))
    return spans


def _tag(text: str, published: str | None = WEDNESDAY) -> Article:
    article = Article(article_id="ar_cov", origin="test", raw_text=text, text=text,
                      published=published, sentences=_sentences(text))
    return tag_times(article)


def _find(article: Article, span: str) -> TimeExpr:
    matches = [expr for expr in article.times if expr.text == span]
    assert matches, f"{span!r} not tagged; got {[expr.text for expr in article.times]}"
    return matches[0]


CASES = [
    # --- times of day: TIME on the day the sentence names, else on the article date
    ("Security forces opened fire at 9 a.m. on Tuesday in Harare.", "9 a.m.", "TIME",
     "2024-03-05T09:00"),
    ("Security forces opened fire at 9 a.m. on Tuesday in Harare.", "Tuesday", "DATE",
     "2024-03-05"),
    ("The bomb exploded at 9 a.m. near the central market in Kabul.", "9 a.m.", "TIME",
     "2024-03-06T09:00"),
    ("Shabaab fighters attacked the base at dawn on Sunday, officials in Mogadishu said.", "dawn",
     "TIME", "2024-03-03TMO"),
    ("Gunmen killed 12 villagers in Zamfara on Monday night.", "Monday night", "TIME",
     "2024-03-04TNI"),
    ("Russian drones struck Odesa in the early hours of Sunday.", "the early hours", "TIME",
     "2024-03-03TNI"),
    ("The curfew in Dhaka begins at midnight.", "midnight", "TIME", "2024-03-06T00:00"),
    ("The ceasefire in Gaza took effect at 14:30 GMT.", "14:30 GMT", "TIME", "2024-03-06T14:30"),
    ("Police in Lagos arrived last night after the clashes.", "last night", "TIME",
     "2024-03-05TNI"),
    ("Protesters returned to Tahrir Square this morning.", "this morning", "TIME",
     "2024-03-06TMO"),
    ("Gunmen stormed a school in Kaduna tonight.", "tonight", "TIME", "2024-03-06TNI"),
    ("Rockets fell on Sderot yesterday afternoon.", "yesterday afternoon", "TIME",
     "2024-03-05TAF"),
    ("Shelling continued overnight in Khartoum.", "overnight", "TIME", "2024-03-06TNI"),
    ("The talks in Tashkent resumed on Thursday evening.", "Thursday evening", "TIME",
     "2024-02-29TEV"),
    ("Villagers fled at dusk as fighters approached Bunia.", "dusk", "TIME", "2024-03-06TEV"),
    ("Troops moved into Bakhmut in the morning, the ministry said.", "the morning", "TIME",
     "2024-03-06TMO"),
    ("The blast in Quetta came at 10:45 am local time.", "10:45 am local time", "TIME",
     "2024-03-06T10:45"),
    # --- durations: the text leaves out "for"; a decade is ten years
    ("Farmers in Punjab have blocked highways for three weeks.", "three weeks", "DURATION",
     "P3W"),
    ("The junta in Niamey gave the envoys 48 hours to leave.", "48 hours", "DURATION", "PT48H"),
    ("The war in the Donbas has lasted a decade.", "a decade", "DURATION", "P10Y"),
    ("Colombia's talks with the ELN have dragged on for more than two years.",
     "more than two years", "DURATION", "P2Y"),
    ("Violence in Mindanao has fallen over the past decade.", "the past decade", "DURATION",
     "P10Y"),
    ("The siege of Al-Fashir has lasted for months.", "months", "DURATION", "PXM"),
    ("Residents of Aleppo have lived under bombardment for decades.", "decades", "DURATION",
     "PXDE"),
    ("A 72-hour truce was agreed in Juba.", "72-hour", "DURATION", "PT72H"),
    # --- sets
    ("Hong Kong activists rally every Friday outside the legislature.", "every Friday", "SET",
     "XXXX-WXX-5"),
    ("Opposition supporters march on Fridays in Bamako.", "Fridays", "SET", "XXXX-WXX-5"),
    ("The monitors report weekly to the council in Addis Ababa.", "weekly", "SET", "P1W"),
    ("Aid convoys enter Gaza daily through Rafah.", "daily", "SET", "P1D"),
    ("Floods hit Bangladesh each year.", "each year", "SET", "P1Y"),
    ("Every year, thousands cross the Darien Gap.", "Every year", "SET", "P1Y"),
    ("The envoy travels to Caracas twice a month.", "twice a month", "SET", "P1M"),
    ("Families hold a vigil outside the prison in Tehran every night.", "every night", "SET",
     "XXXX-XX-XXTNI"),
    ("Miners in Katanga earn $300 a month.", "a month", "SET", "P1M"),
    # --- reference words
    ("Tensions in the Sahel have recently escalated.", "recently", "DATE", "PAST_REF"),
    ("Attacks on aid workers in Darfur have risen in recent weeks.", "recent weeks", "DATE",
     "PAST_REF"),
    ("Turkey will soon resume strikes in northern Iraq.", "soon", "DATE", "FUTURE_REF"),
    ("More aid will reach Tigray in the coming days.", "the coming days", "DATE", "FUTURE_REF"),
    ("The junta currently controls Niamey.", "currently", "DATE", "PRESENT_REF"),
    ("The rebels now control Goma, residents said.", "now", "DATE", "PRESENT_REF"),
    ("At present, no talks are planned between Baku and Yerevan.", "present", "DATE",
     "PRESENT_REF"),
    # --- relative to the article date
    ("Earlier this month, Sudan's army retook Omdurman.", "Earlier this month", "DATE", "2024-03"),
    ("Elections in Pakistan will be held later this year.", "later this year", "DATE", "2024"),
    ("EU ministers met in Brussels last week.", "last week", "DATE", "2024-W09"),
    ("Protesters are gathering in Lima this week.", "this week", "DATE", "2024-W10"),
    ("Ministers will meet in Accra next week.", "next week", "DATE", "2024-W11"),
    ("The ceasefire in Yemen collapsed last month.", "last month", "DATE", "2024-02"),
    ("Inflation in Argentina peaked last year.", "last year", "DATE", "2023"),
    ("The army said yesterday it had retaken Palma.", "yesterday", "DATE", "2024-03-05"),
    ("The tribunal in Arusha delivers its verdict today.", "today", "DATE", "2024-03-06"),
    ("Two days ago, militants stormed a police post in Balochistan.", "Two days ago", "DATE",
     "2024-03-04"),
    ("The talks will resume in two weeks, the mediators in Doha said.", "two weeks", "DATE",
     "2024-W12"),
    ("The troops will leave Mali by the end of the year.", "the end of the year", "DATE",
     "2024"),
    # --- weekdays: past tense counts back, future tense forward
    ("Leaders of the East African bloc met in Arusha on Monday.", "Monday", "DATE",
     "2024-03-04"),
    ("Leaders of the East African bloc will meet in Arusha on Monday.", "Monday", "DATE",
     "2024-03-11"),
    ("Kenyan police said on Wednesday that six people had died.", "Wednesday", "DATE",
     "2024-03-06"),
    ("The vote in Senegal is due to take place on Sunday.", "Sunday", "DATE", "2024-03-10"),
    ("Ugandan police deployed across Kampala ahead of Monday's rally.", "Monday", "DATE",
     "2024-03-11"),
    ("Last Friday, gunmen killed 12 villagers in Zamfara.", "Last Friday", "DATE", "2024-03-01"),
    ("The president will travel to Paris next Monday.", "next Monday", "DATE", "2024-03-11"),
    # --- months and days without a year take the article's year (tense may move it)
    ("Elections in Chad will be held in May.", "May", "DATE", "2024-05"),
    ("Parliamentary elections in Togo are scheduled for October.", "October", "DATE", "2024-10"),
    ("The ceasefire in Ituri collapsed in February.", "February", "DATE", "2024-02"),
    ("The army said it killed 30 fighters in Cabo Delgado in May.", "May", "DATE", "2023-05"),
    ("The summit in Kigali opened on 4 March.", "4 March", "DATE", "2024-03-04"),
    ("The accord was signed in Doha on February 29, 2020.", "February 29, 2020", "DATE",
     "2020-02-29"),
    ("The junta took power in Burkina Faso in 2022.", "2022", "DATE", "2022"),
    ("Rebels seized Goma in November 2012.", "November 2012", "DATE", "2012-11"),
    # --- seasons, quarters, halves
    ("The offensive in Kherson began in the summer of 2022.", "the summer of 2022", "DATE",
     "2022-SU"),
    ("Last summer, floods hit Sindh.", "Last summer", "DATE", "2023-SU"),
    ("Ghana's economy grew in the first quarter of 2023.", "the first quarter of 2023", "DATE",
     "2023-Q1"),
    ("Exports from Chile fell in Q3 2023.", "Q3 2023", "DATE", "2023-Q3"),
    ("Inflation in Nigeria eased in the second half of last year.",
     "the second half of last year", "DATE", "2023-H2"),
]


@pytest.mark.parametrize(("text", "span", "type_", "value"), CASES)
def test_tag_times_coverage_value(text: str, span: str, type_: str, value: str) -> None:
    expr = _find(_tag(text), span)
    assert (expr.type, expr.value) == (type_, value)


UNDATED = [
    ("Police arrested three opposition leaders in Kampala on Monday.", "Monday", "DATE",
     "XXXX-WXX-1"),
    ("Militants attacked the camp near Diffa on Saturday night.", "Saturday night", "TIME",
     "XXXX-WXX-6TNI"),
    ("The talks in Luanda on May 4 reaffirmed the ceasefire.", "May 4", "DATE", "XXXX-05-04"),
    ("Elections in Malawi were held in May.", "May", "DATE", "XXXX-05"),
    ("The bomb exploded at 9 a.m. in Peshawar.", "9 a.m.", "TIME", "XXXX-XX-XXT09:00"),
    ("The strike in Lusaka lasted three weeks.", "three weeks", "DURATION", "P3W"),
    ("Fighting has recently spread to Kordofan.", "recently", "DATE", "PAST_REF"),
    ("The coup in Niger came in July 2023.", "July 2023", "DATE", "2023-07"),
]


@pytest.mark.parametrize(("text", "span", "type_", "value"), UNDATED)
def test_tag_times_coverage_undated(text: str, span: str, type_: str, value: str) -> None:
    expr = _find(_tag(text, published=None), span)
    assert (expr.type, expr.value) == (type_, value)


@pytest.mark.parametrize(("text", "span", "value"), [
    ("Police arrested three opposition leaders in Kampala on Monday.", "Monday", "2024-03-04"),
    ("Militants attacked the camp near Diffa on Saturday night.", "Saturday night",
     "2024-03-02TNI"),
    ("The bomb exploded at 9 a.m. in Peshawar.", "9 a.m.", "2024-03-06T09:00"),
])
def test_reanchor_finishes_undated_values(text: str, span: str, value: str) -> None:
    import datetime as dt

    article = reanchor(_tag(text, published=None), dt.date(2024, 3, 6), basis_label="story st_1")
    assert (_find(article, span).value, _find(article, span).anchor) == (value, "story")


@pytest.mark.parametrize("text", [
    "Now that the talks have failed, troops are massing on the border.",
    "The now-defunct militia was banned in 2019 by the court in Bangui.",
    "As soon as the vote ended, riots broke out in Conakry.",
    "Golden Dawn members marched through Athens.",
    "The army imposed an overnight curfew on the city of Jos.",
    "The fall of Kabul shocked officials in Washington.",
    "The group launched a second attack on the convoy.",
    "One day, the refugees say, they will return to Rakhine.",
    "Supporters voted for May in the party contest.",
])
def test_tag_times_coverage_rejects(text: str) -> None:
    assert [expr.text for expr in _tag(text).times if expr.text.lower() not in {
        "2019"}] == []


def test_tag_times_text_excludes_leading_preposition() -> None:
    article = _tag("Farmers have blocked the highway since 2021 and will stay for three weeks.")
    assert [(expr.text, expr.rule.get("signal")) for expr in article.times] == [
        ("2021", "since"), ("three weeks", "for")]


_PRECISION_TEXT = " ".join(text for text, *_ in CASES)


def test_tag_times_precision_follows_value() -> None:
    """Resolved DATE and TIME values carry the grain of their value (seasons, quarters and decades
    have none in the model: unknown); durations, sets and reference words are unknown."""
    for expr in _tag(_PRECISION_TEXT).times:
        if expr.type in ("DURATION", "SET") or expr.value is None or expr.value.endswith("_REF"):
            assert expr.precision == "unknown", expr
            continue
        grain = value_precision(expr.value)
        expected = grain if grain in ("day", "week", "month", "year") else "unknown"
        assert expr.precision == expected, expr


def test_tag_times_values_are_readable_by_timevalues() -> None:
    """Every calendar value the tagger writes has an interval and a record date."""
    for expr in _tag(_PRECISION_TEXT).times:
        if expr.type in ("DATE", "TIME") and expr.value and not expr.value.endswith("_REF"):
            assert value_interval(expr.value) is not None, expr
            date, precision = record_date(expr.value)
            assert date is None or re.fullmatch(r"[0-9]{4}(-[0-9]{2}){0,2}", date), expr
            assert precision in ("day", "month", "year", "unknown")


@pytest.mark.parametrize(("text", "span", "precision"), [
    ("The talks in Luanda on May 4 reaffirmed the ceasefire.", "May 4", "day"),
    ("Elections in Malawi were held in May.", "May", "month"),
    ("Police arrested three opposition leaders in Kampala on Monday.", "Monday", "day"),
    ("Militants attacked the camp at dawn on Saturday.", "dawn", "day"),
    ("Protesters gathered three weeks ago in Khartoum.", "three weeks ago", "week"),
    ("Elections in Ghana are held in spring.", "spring", "unknown"),
    ("The bomb exploded at 9 a.m. in Peshawar.", "9 a.m.", "unknown"),
])
def test_tag_times_coverage_undated_precision(text: str, span: str, precision: str) -> None:
    """Undated values keep the grain the text names, even without a year or week."""
    assert _find(_tag(text, published=None), span).precision == precision


def test_tag_times_is_linear_on_a_text_without_sentences() -> None:
    """A text the splitter could not cut is one sentence: clock times must not scan it per time."""
    import time

    text = "Shelling resumed at 9 p.m. on Monday, " * 5000
    article = Article(article_id="ar_big", origin="test", raw_text=text, text=text,
                      published=WEDNESDAY, sentences=[])
    started = time.process_time()
    tag_times(article)
    assert len(article.times) == 10_000
    assert time.process_time() - started < 3.0  # quadratic pairing took minutes here
