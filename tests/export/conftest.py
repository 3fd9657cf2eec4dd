"""A database the export tests share: the two seed reports of one meeting (fused into one event with
two sources) and articles written here with the fatality phrases ACLED counts its own way, a protest,
and a negated shooting (unrealised: left out unless asked for)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parents[1] / "data"
SEEDS = sorted(DATA.glob("0*_*.txt"))

ARTICLES = {
    "borno_dozens.txt": (
        "| date 2023-03-06\n| outlet borno-voice.example\n"
        "MAIDUGURI, Nigeria - Boko Haram fighters killed dozens of villagers in an attack on Kawuri village "
        "in Borno state on Sunday, residents said.\n"
        "The insurgents arrived on motorcycles and set fire to homes before the military arrived, a local "
        "official said.\n"
    ),
    "darfur_hundreds.txt": (
        "| date 2023-06-16\n| outlet sudan-monitor.example\n"
        "KHARTOUM, Sudan - Hundreds of civilians were killed when Rapid Support Forces fighters attacked "
        "El Geneina in West Darfur on Thursday, a rights group said.\n"
        "The group said the attackers looted markets and burned a camp for displaced people.\n"
    ),
    "tahoua_140.txt": (
        "| date 2021-03-22\n| outlet sahel-daily.example\n"
        "NIAMEY, Niger - Gunmen killed at least 140 people in attacks on villages in Niger's Tahoua region "
        "on Sunday, the government said.\n"
        "The attackers rode motorcycles and fired on residents, officials said.\n"
    ),
    "lima_denial.txt": (
        "| date 2023-01-10\n| outlet andes-post.example\n"
        "LIMA, Peru - Thousands of protesters marched through central Lima on Monday demanding the "
        "resignation of the president.\n"
        "The interior minister said police did not shoot at protesters during the march.\n"
    ),
}


@pytest.fixture(scope="session")
def export_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    from newsevents.config import Settings
    from newsevents.jobs import ingest_paths
    from newsevents.store import Store

    folder = tmp_path_factory.mktemp("export_inputs")
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    path = str(tmp_path_factory.mktemp("export_db") / "news.db")
    with Store.open(path) as store:
        report = ingest_paths([*map(str, SEEDS), str(folder)], store, settings=Settings(embeddings=False))
    assert not report.skipped and report.added == len(SEEDS) + len(ARTICLES)
    return path


@pytest.fixture()
def export_store(export_db: str) -> Iterator[object]:
    from newsevents.store import Store

    with Store.open(export_db, create=False) as store:
        yield store
