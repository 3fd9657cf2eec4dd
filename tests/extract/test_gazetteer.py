"""Tests for newsevents.extract.gazetteer: countries, demonyms, organisations and places, offline."""

from __future__ import annotations

import pytest

from newsevents.extract import gazetteer


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("US", "US"), ("U.S.", "US"), ("USA", "US"), ("United States", "US"), ("America", "US"),
        ("United States of America", "US"), ("UK", "GB"), ("Britain", "GB"), ("United Kingdom", "GB"),
        ("DRC", "CD"), ("DR Congo", "CD"), ("Democratic Republic of the Congo", "CD"),
        ("Congo-Brazzaville", "CG"), ("Ivory Coast", "CI"), ("Côte d'Ivoire", "CI"), ("Russia", "RU"),
        ("Russian Federation", "RU"), ("Iran", "IR"), ("Syria", "SY"), ("South Korea", "KR"),
        ("North Korea", "KP"), ("Burma", "MM"), ("Türkiye", "TR"), ("Turkey", "TR"), ("the Gambia", "GM"),
        ("KENYA", "KE"), ("Somalia", "SO"), ("Kosovo", "XK"), ("Eswatini", "SZ"), ("Swaziland", "SZ"),
    ],
)
def test_country_code_names_and_aliases(name: str, code: str) -> None:
    assert gazetteer.country_code(name) == code


@pytest.mark.parametrize("word", ["us", "Us", "who", "Kenyan", "Nairobi", "Mission", ""])
def test_country_code_rejects_non_countries(word: str) -> None:
    assert gazetteer.country_code(word) is None


@pytest.mark.parametrize(
    ("code", "lat", "lon"),
    [("SO", 5.15, 46.2), ("KE", -0.02, 37.91), ("US", 37.09, -95.71), ("NG", 9.08, 8.68), ("UA", 48.38, 31.17)],
)
def test_country_centroid_known_values(code: str, lat: float, lon: float) -> None:
    centroid = gazetteer.country_centroid(code)
    assert centroid is not None
    assert centroid == (pytest.approx(lat, abs=0.01), pytest.approx(lon, abs=0.01))


def test_country_centroid_and_name_unknown_code() -> None:
    assert gazetteer.country_centroid("ZZ") is None and gazetteer.country_name("ZZ") is None
    assert gazetteer.country_name("cd") == "DR Congo"


@pytest.mark.parametrize(
    ("word", "code"),
    [
        ("Kenyan", "KE"), ("Burundian", "BI"), ("Somali", "SO"), ("Ugandan", "UG"), ("Nigerian", "NG"),
        ("Malian", "ML"), ("Yemeni", "YE"), ("Afghan", "AF"), ("Ukrainian", "UA"), ("Russian", "RU"),
        ("Israeli", "IL"), ("Palestinian", "PS"), ("Nigerien", "NE"), ("Burkinabe", "BF"),
        ("Kenyans", "KE"), ("Somalis", "SO"), ("Britons", "GB"), ("Swiss", "CH"), ("Filipinos", "PH"),
        ("Congolese", "CD"), ("South Sudanese", "SS"), ("Emirati", "AE"), ("American", "US"),
    ],
)
def test_demonym_country(word: str, code: str) -> None:
    assert gazetteer.demonym_country(word) == code


@pytest.mark.parametrize("word", ["Kenya", "soldiers", "Robert", "Ss"])
def test_demonym_country_rejects_other_words(word: str) -> None:
    assert gazetteer.demonym_country(word) is None


@pytest.mark.parametrize(
    ("name", "canonical", "kind", "country"),
    [
        ("al-Shabaab", "Al-Shabaab", "group", "SO"), ("Al-Shabaab", "Al-Shabaab", "group", "SO"),
        ("al Shabaab", "Al-Shabaab", "group", "SO"), ("Shabab", "Al-Shabaab", "group", "SO"),
        ("AL-SHABAAB", "Al-Shabaab", "group", "SO"), ("Boko Haram", "Boko Haram", "group", "NG"),
        ("ISWAP", "Islamic State West Africa Province", "group", "NG"),
        ("ISIS", "Islamic State", "group", None),
        ("ISIL", "Islamic State", "group", None), ("Taliban", "Taliban", "group", "AF"),
        ("Hamas", "Hamas", "group", "PS"), ("Hezbollah", "Hezbollah", "group", "LB"),
        ("Houthis", "Houthis", "group", "YE"), ("al-Qaeda", "Al-Qaeda", "group", None),
        ("JNIM", "Jama'at Nusrat al-Islam wal-Muslimin", "group", "ML"), ("M23", "M23", "group", "CD"),
        ("ADF", "Allied Democratic Forces", "group", "CD"), ("RSF", "Rapid Support Forces", "group", "SD"),
        ("Wagner", "Wagner Group", "group", "RU"), ("PKK", "Kurdistan Workers' Party", "group", "TR"),
        ("FARC", "Revolutionary Armed Forces of Colombia", "group", "CO"),
        ("ELN", "National Liberation Army", "group", "CO"), ("UN", "United Nations", "org", None),
        ("AU", "African Union", "org", None), ("African Union", "African Union", "org", None),
        ("EU", "European Union", "org", None), ("NATO", "NATO", "org", None),
        ("ECOWAS", "ECOWAS", "org", None), ("IGAD", "IGAD", "org", None),
        ("AMISOM", "AMISOM", "military", "SO"), ("ATMIS", "ATMIS", "military", "SO"),
        ("MSF", "Medecins Sans Frontieres", "org", None),
        ("Médecins Sans Frontières", "Medecins Sans Frontieres", "org", None),
        ("ICRC", "International Committee of the Red Cross", "org", None),
        ("WHO", "World Health Organization", "org", None), ("UNHCR", "UNHCR", "org", None),
        ("IMF", "International Monetary Fund", "org", None), ("World Bank", "World Bank", "org", None),
    ],
)
def test_organisation_aliases(name: str, canonical: str, kind: str, country: str | None) -> None:
    org = gazetteer.organisation(name)
    assert org is not None
    assert (org.canonical, org.kind, org.country) == (canonical, kind, country)


@pytest.mark.parametrize("name", ["is", "who", "Un", "Au", "Kenya", "Robert"])
def test_organisation_acronyms_match_only_in_capitals(name: str) -> None:
    assert gazetteer.organisation(name) is None


@pytest.mark.parametrize(
    ("name", "hint", "country", "precision", "admin1"),
    [
        ("Mogadishu", None, "SO", "city", None),
        ("Maiduguri", None, "NG", "city", None),
        ("Dadaab", None, "KE", "city", "KE-07"),
        ("Garissa", None, "KE", "city", "KE-07"),
        ("Kharkiv", None, "UA", "city", None),
        ("Kiev", None, "UA", "city", "UA-30"),
        ("Peshawar", None, "PK", "city", None),
        ("Goma", None, "CD", "city", None),
        ("Gao", None, "ML", "city", None),
        ("Massachusetts", None, "US", "admin1", "US-MA"),
        ("Borno", None, "NG", "admin1", "NG-BO"),
        ("Tigray", None, "ET", "admin1", "ET-TI"),
        ("Gaza Strip", None, "PS", "admin1", None),
        ("the Pentagon", None, "US", "site", "US-VA"),
        ("Kremlin", None, "RU", "site", None),
        ("Kenya", None, "KE", "country", None),
        ("London", "CA", "CA", "city", None),
        ("London", None, "GB", "city", None),
    ],
)
def test_lookup_place(name: str, hint: str | None, country: str, precision: str, admin1: str | None) -> None:
    place = gazetteer.lookup_place(name, country_hint=hint)
    assert place is not None
    assert (place.country, place.precision) == (country, precision)
    if admin1 is not None:
        assert place.admin1 == admin1
    if precision != "admin1":
        assert place.lat is not None and place.lon is not None


def test_lookup_place_prefers_subdivision_when_asked() -> None:
    county = gazetteer.lookup_place("Garissa", kind="admin1")
    assert county is not None and (county.admin1, county.precision) == ("KE-07", "admin1")


def test_lookup_place_city_coordinates() -> None:
    place = gazetteer.lookup_place("Mogadishu")
    assert place is not None
    assert (place.lat, place.lon) == (pytest.approx(2.04, abs=0.05), pytest.approx(45.34, abs=0.05))


@pytest.mark.parametrize("name", ["El-Adde", "Xqzzyville", "", "   "])
def test_lookup_place_unknown_is_none(name: str) -> None:
    assert gazetteer.lookup_place(name) is None


@pytest.mark.parametrize(
    ("raw", "key"),
    [
        ("Al-Shabaab", "al shabaab"), ("al Shabaab", "al shabaab"), ("U.S.", "us"),
        ("Côte d'Ivoire", "cote divoire"), ("Łódź", "lodz"), ("  Kenya \u2013 Somalia ", "kenya somalia"),
    ],
)
def test_normalise_name(raw: str, key: str) -> None:
    assert gazetteer.normalise_name(raw) == key


def test_place_index_covers_small_towns() -> None:
    gazetteer.load_all()
    index = gazetteer._place_index()
    assert len(index.rows) > 150_000
    assert gazetteer.lookup_place("Dadaab") is not None  # a town of ~12,000, not in cities15000
