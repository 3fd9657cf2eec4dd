"""Tests for near-duplicate articles (newsevents.resolve.duplicates)."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from newsevents.errors import ConfigError, InputError
from newsevents.model import Article
from newsevents.resolve.duplicates import DuplicateIndex, shingles

STORIES = Path(__file__).resolve().parents[1] / "data" / "stories"

BASE = (
    "ABUJA, Nigeria - Gunmen abducted at least 40 passengers from a bus on the Kaduna-Abuja highway late on "
    "Sunday, police said, the latest in a wave of kidnappings for ransom in the country's north-west. "
    "Police spokesman Mohammed Jalige said officers exchanged fire with the attackers near the village of "
    "Katari before they escaped into the forest with their captives. Two passengers were shot dead and "
    "five others were taken to hospital in Kaduna with gunshot wounds. No group has claimed the attack, "
    "but officials blamed armed gangs known locally as bandits, who have kidnapped hundreds of people on "
    "the highway since 2021. Relatives of the missing gathered at the bus company's depot in Abuja on "
    "Monday morning. \"My sister called me at midnight and then her phone went off,\" said Grace Adamu, a "
    "trader. The federal government said it had deployed more troops along the road."
)

OTHER_REPORT = (
    "KADUNA - Families of travellers seized from a bus on the Kaduna-Abuja expressway on Sunday night "
    "pleaded with the government on Monday to rescue them, as the state governor promised that security "
    "forces were tracking the kidnappers. Governor Uba Sani told journalists the gang had blocked the road "
    "with logs near Katari and opened fire on vehicles. He did not say how many people were missing; "
    "transport workers put the number at more than forty. Kidnapping for ransom has become a lucrative "
    "business for criminal gangs in northern Nigeria, where the army is stretched by an Islamist "
    "insurgency in the north-east. Rail services between the two cities were suspended in 2022 after an "
    "attack on a train."
)


def _article(article_id: str, text: str) -> Article:
    return Article(article_id=article_id, origin=f"test:{article_id}", raw_text=text, text=text)


def _body(path: Path) -> str:
    """The article text without the '| outlet' and '| date' header lines."""
    return "\n".join(line for line in path.read_text(encoding="utf-8").splitlines() if not line.startswith("| "))


def test_shingles_ignore_case_and_punctuation() -> None:
    assert shingles("The Army, said: five MEN died today!") == shingles("the army said five men died today")


def test_shingles_short_text_is_one_shingle() -> None:
    assert shingles("Three soldiers killed") == [b"three soldiers killed"]
    assert shingles("  ") == []


@pytest.mark.parametrize(
    "edit",
    [
        lambda text: text.replace("Gunmen abducted", "Gunmen kidnapped").replace("late on", "on"),
        lambda text: "UPDATE 1-" + text + " This article was syndicated from a partner news agency.",
        lambda text: text.replace("police said, ", "").replace("a trader", "a trader in Abuja"),
        lambda text: text.rsplit(". ", 1)[0] + ". Share this story. Advertisement",
        lambda text: text.upper(),
    ],
    ids=["word-swaps", "wrapper-lines", "clause-dropped", "last-sentence-replaced", "recased"],
)
def test_index_finds_lightly_edited_copy(edit) -> None:  # type: ignore[no-untyped-def]
    index = DuplicateIndex()
    assert index.add(_article("ar_original", BASE)) is None
    copy = _article("ar_copy", edit(BASE))
    assert index.add(copy) == "ar_original"
    assert copy.duplicate_of == "ar_original"


def test_index_keeps_two_outlets_reports_of_one_event_apart() -> None:
    index = DuplicateIndex()
    index.add(_article("ar_wire", BASE))
    assert index.add(_article("ar_other", OTHER_REPORT)) is None


def test_index_finds_syndicated_copy_among_real_reports() -> None:
    index = DuplicateIndex()
    names = ["qoqani_base_wire", "qoqani_base_daily", "qoqani_base_undated", "baidoa_police_station",
             "qoqani_base_syndicated"]
    found = {name: index.add(_article(name, _body(STORIES / f"{name}.txt"))) for name in names}
    assert found == {"qoqani_base_wire": None, "qoqani_base_daily": None, "qoqani_base_undated": None,
                     "baidoa_police_station": None, "qoqani_base_syndicated": "qoqani_base_wire"}


def test_index_copy_of_a_copy_maps_to_the_first_article() -> None:
    index = DuplicateIndex()
    first = BASE
    second = first.replace("Gunmen abducted", "Armed men abducted").replace("Monday morning", "Monday")
    third = second.replace("Two passengers", "Two travellers").replace("a trader", "a market trader")
    assert index.add(_article("ar_1", first)) is None
    assert index.add(_article("ar_2", second)) == "ar_1"
    assert index.add(_article("ar_3", third)) == "ar_1"
    assert index.canonical("ar_3") == "ar_1" and index.canonical("ar_1") is None


def test_index_short_texts_are_never_duplicates() -> None:
    index = DuplicateIndex()
    brief = "Police said two people were killed in a shooting in Lagos on Sunday night."
    assert index.add(_article("ar_brief_1", brief)) is None
    assert index.add(_article("ar_brief_2", brief)) is None
    assert index.signature(_article("ar_brief_3", brief)) == b""


def test_index_add_is_idempotent() -> None:
    index = DuplicateIndex()
    index.add(_article("ar_original", BASE))
    copy = _article("ar_copy", BASE + " Advertisement")
    assert index.add(copy) == "ar_original"
    assert index.add(_article("ar_copy", BASE + " Advertisement")) == "ar_original"
    assert len(index) == 2


def test_signature_rebuilds_index_without_texts() -> None:
    original = DuplicateIndex()
    articles = [_article("ar_a", BASE), _article("ar_b", OTHER_REPORT)]
    signatures = {article.article_id: original.signature(article) for article in articles}
    rebuilt = DuplicateIndex()
    for article_id, signature in signatures.items():
        rebuilt.insert(article_id, signature)
    assert "ar_a" in rebuilt
    assert rebuilt.add(_article("ar_c", BASE.replace("Sunday", "Sunday evening"))) == "ar_a"


def test_insert_keeps_the_canonical_of_a_stored_copy() -> None:
    source = DuplicateIndex()
    rebuilt = DuplicateIndex()
    rebuilt.insert("ar_a", source.signature(_article("ar_a", BASE)))
    copy = BASE.replace("Gunmen abducted", "Armed men abducted")
    rebuilt.insert("ar_b", source.signature(_article("ar_b", copy)), canonical="ar_a")
    assert rebuilt.add(_article("ar_c", copy + " Share this story.")) == "ar_a"


def test_signature_is_portable_bytes() -> None:
    signature = DuplicateIndex().signature(_article("ar_a", BASE))
    assert isinstance(signature, bytes) and len(signature) > 128 * 4
    assert signature == DuplicateIndex().signature(_article("ar_other_id", BASE))


def test_insert_rejects_bytes_that_are_not_a_signature() -> None:
    with pytest.raises(InputError, match="I041"):
        DuplicateIndex().insert("ar_x", b"not a signature")


def test_insert_rejects_signature_made_with_other_settings() -> None:
    signature = DuplicateIndex(num_perm=64).signature(_article("ar_a", BASE))
    with pytest.raises(ConfigError, match="C042"):
        DuplicateIndex().insert("ar_a", signature)


def test_index_rejects_threshold_outside_unit_interval() -> None:
    with pytest.raises(ConfigError):
        DuplicateIndex(threshold=0.0)


def test_index_pickles() -> None:
    index = DuplicateIndex()
    index.add(_article("ar_a", BASE))
    restored = pickle.loads(pickle.dumps(index))
    assert restored.add(_article("ar_b", BASE + " Advertisement")) == "ar_a"


def _dated(article_id: str, text: str, published: str | None) -> Article:
    article = _article(article_id, text)
    article.published = published
    return article


def test_index_forgets_articles_older_than_the_window() -> None:
    index = DuplicateIndex(window_days=30)
    index.add(_dated("ar_old", BASE, "2024-01-01"))
    index.add(_dated("ar_later", OTHER_REPORT, "2024-03-01"))
    assert index.add(_dated("ar_reprint", BASE + " Advertisement", "2024-03-02")) is None
    assert "ar_old" in index and index.canonical("ar_old") is None  # still known, no longer comparable


def test_index_finds_copy_within_the_window_and_when_unwindowed() -> None:
    for window in (30, None):
        index = DuplicateIndex(window_days=window)
        index.add(_dated("ar_first", BASE, "2024-01-01"))
        index.add(_dated("ar_next", OTHER_REPORT, "2024-01-20"))
        late = "2024-03-01" if window is None else "2024-01-25"
        assert index.add(_dated("ar_copy", BASE + " Share this story.", late)) == "ar_first"


def test_insert_with_publication_date_applies_the_window() -> None:
    source = DuplicateIndex()
    rebuilt = DuplicateIndex(window_days=10)
    rebuilt.insert("ar_a", source.signature(_article("ar_a", BASE)), published="2024-01-01")
    rebuilt.insert("ar_b", source.signature(_article("ar_b", OTHER_REPORT)), published="2024-02-01")
    assert rebuilt.add(_dated("ar_c", BASE + " Advertisement", "2024-02-02")) is None
