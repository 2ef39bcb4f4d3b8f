"""A letter carries the requesting party's own figures in every election, whatever ballot
number the party drew each time, on the demo data of KPU Provinsi Sumatera Utara."""

import csv
import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command

from autentika.letters.models import SignedLetter
from autentika.results.demo import results_demo_seed
from tests.pdf import pdf_text

DATA = Path(__file__).resolve().parents[2] / "data"

# Parties whose ballot number changed between the 2019 and the 2024 elections, as KPU drew
# them (18 February 2018 and 14 December 2022): name in the 2019 files -> (2019, 2024).
NUMBER_CHANGED = {
    "Garuda": (6, 11),
    "Perindo": (9, 16),
    "PPP": (10, 17),
    "PSI": (11, 15),
    "Hanura": (13, 10),
    "PBB": (19, 13),
}
ONLY_IN_2024 = {"Buruh": 6, "Gelora": 7, "PKN": 9, "Ummat": 24}


def _votes_2019(party: str) -> dict[str, int]:
    with open(DATA / "sumut_dprd_2019_situng_dapil.csv", encoding="utf-8") as handle:
        return {
            row["dapil"]: int(row["votes_situng"])
            for row in csv.DictReader(handle)
            if row["party"] == party
        }


def _seats_2019(party: str) -> int:
    with open(DATA / "sumut_dprd_2019_seats_by_party.csv", encoding="utf-8") as handle:
        seats = {row["party"]: int(row["seats"]) for row in csv.DictReader(handle)}
    return seats.get(party, 0)


@pytest.fixture
def demo_results(sumut):
    results_demo_seed(lambda _: None)


def _letter(tmp_path: Path, party: str, elections: str = "") -> SignedLetter:
    buffer = io.StringIO()
    call_command(
        "demo_request",
        office="kpu-sumut",
        party=party,
        elections=elections,
        out=str(tmp_path / "surat.pdf"),
        allow_sample=True,
        stdout=buffer,
    )
    return SignedLetter.objects.get(number=json.loads(buffer.getvalue())["letter_number"])


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(NUMBER_CHANGED))
def test_a_renumbered_party_gets_its_own_2019_figures(demo_results, tmp_path, name):
    number_2019, number_2024 = NUMBER_CHANGED[name]
    letter = _letter(tmp_path, str(number_2024))
    tables = {table["election_code"]: table for table in letter.version.tables}
    assert set(tables) == {"dprd-sumut-2019", "dprd-sumut-2024"}
    table_2019 = tables["dprd-sumut-2019"]
    assert table_2019["party"]["number"] == number_2019
    assert table_2019["party"]["short_name"] == name
    assert {row["dapil"]: row["votes"] for row in table_2019["rows"]} == _votes_2019(name)
    assert table_2019["total_seats"] == _seats_2019(name)
    assert tables["dprd-sumut-2024"]["party"]["number"] == number_2024
    # The public page shows the same party per table.
    page = pdf_text(bytes(letter.pdf))
    assert f"nomor urut {number_2019} pada pemilu ini" in page
    assert f"nomor urut {number_2024} pada pemilu ini" in page


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(ONLY_IN_2024))
def test_a_party_new_in_2024_is_not_given_2019_figures(demo_results, tmp_path, name):
    letter = _letter(tmp_path, str(ONLY_IN_2024[name]), elections="dprd-sumut-2019,dprd-sumut-2024")
    assert [t["election_code"] for t in letter.version.tables] == ["dprd-sumut-2024"]
    assert [a["election_code"] for a in letter.version.absences] == ["dprd-sumut-2019"]
    text = " ".join(pdf_text(bytes(letter.pdf)).split())
    assert "tidak tercatat sebagai peserta" in text
    assert "tidak memuat data perolehan suara dan kursi untuk pemilu tersebut" in text


@pytest.mark.django_db
def test_a_party_of_2019_only_gets_no_2024_figures(demo_results, tmp_path):
    letter = _letter(tmp_path, "berkarya", elections="dprd-sumut-2019,dprd-sumut-2024")
    assert [t["election_code"] for t in letter.version.tables] == ["dprd-sumut-2019"]
    assert letter.version.tables[0]["party"]["short_name"] == "Berkarya"
    assert {r["dapil"]: r["votes"] for r in letter.version.tables[0]["rows"]} == _votes_2019(
        "Berkarya"
    )


@pytest.mark.django_db
def test_a_renamed_party_is_named_as_registered_in_each_election(demo_results, tmp_path):
    # Garuda stood in 2019 as Partai Gerakan Perubahan Indonesia and in 2024 as Partai Garda
    # Republik Indonesia: one party, two registered names.
    letter = _letter(tmp_path, "garuda")
    names = {t["election_code"]: t["party"]["full_name"] for t in letter.version.tables}
    assert names == {
        "dprd-sumut-2019": "Partai Gerakan Perubahan Indonesia",
        "dprd-sumut-2024": "Partai Garda Republik Indonesia",
    }
    text = " ".join(pdf_text(bytes(letter.pdf)).split())
    assert "Partai Gerakan Perubahan Indonesia" in text
