"""One identity per party across elections: renames carry a party's own figures, mergers and
ballot numbers never do."""

import datetime as dt

import pytest

from autentika.results.models import (
    Election,
    Legislature,
    Party,
    PartyLink,
    PartyLinkKind,
    PoliticalParty,
)
from autentika.results.parties import (
    party_identity_find,
    party_in_election,
    party_key,
    party_registry_load,
)
from tests.support.results import keeper


@pytest.fixture
def two_elections(sumut):
    def election(year: int) -> Election:
        return Election.objects.create(
            office=sumut,
            code=f"dprd-sumut-{year}",
            name=f"Pemilu Anggota DPRD Provinsi Sumatera Utara {year}",
            year=year,
            legislature=Legislature.DPRD_PROVINSI,
        )

    return election(2019), election(2024)


def _stand(election: Election, number: int, identity: PoliticalParty, name: str) -> Party:
    return Party.objects.create(
        election=election, number=number, short_name=name, political_party=identity
    )


def _identity(code: str, name: str) -> PoliticalParty:
    # The national parties are in every archive from the start (migration results 0003).
    identity, _ = PoliticalParty.objects.get_or_create(
        code=code, defaults={"short_name": name, "full_name": name}
    )
    return identity


def test_names_match_whatever_the_spelling():
    assert party_key("PDI-P") == party_key("PDIP") == party_key("pdi p")
    assert party_key("Partai NasDem") != party_key("NasDem")


@pytest.mark.django_db
def test_the_registry_knows_each_spelling_in_the_files():
    party_registry_load()
    assert party_identity_find("PDI Perjuangan").code == "pdi-perjuangan"
    assert party_identity_find("PDI-P").code == "pdi-perjuangan"
    assert party_identity_find("GERINDRA").code == "gerindra"
    # Garuda's 2019 registered name is another name of the same party.
    assert party_identity_find("Partai Gerakan Perubahan Indonesia").code == "garuda"
    assert party_identity_find("Partai Tidak Ada") is None
    assert PoliticalParty.objects.filter(code="hanura").count() == 1


@pytest.mark.django_db
def test_the_same_ballot_number_is_another_party(two_elections):
    old, new = two_elections
    hanura, ppp = _identity("hanura", "Hanura"), _identity("ppp", "PPP")
    _stand(old, 10, ppp, "PPP")
    _stand(old, 13, hanura, "Hanura")
    hanura_2024 = _stand(new, 10, hanura, "Hanura")
    resolved = party_in_election(party=hanura_2024, election=old)
    assert resolved.party is not None
    assert resolved.party.number == 13
    assert resolved.party.short_name == "Hanura"


@pytest.mark.django_db
def test_a_renamed_party_keeps_its_own_figures(two_elections):
    old, new = two_elections
    before, after = _identity("partai-lama", "Partai Lama"), _identity("partai-baru", "Partai Baru")
    _stand(old, 3, before, "Partai Lama")
    renamed = _stand(new, 8, after, "Partai Baru")
    PartyLink.objects.create(
        predecessor=before,
        successor=after,
        kind=PartyLinkKind.RENAMED,
        effective_date=dt.date(2021, 3, 1),
        source="Keputusan Menteri Hukum dan HAM Nomor M.HH-01.AH.11.01 Tahun 2021",
    )
    resolved = party_in_election(party=renamed, election=old)
    assert resolved.party is not None and resolved.party.short_name == "Partai Lama"
    assert resolved.link is not None and "Menteri Hukum" in resolved.link.source


@pytest.mark.django_db
def test_a_merger_never_carries_the_merged_party_figures(two_elections):
    old, new = two_elections
    small, big = (
        _identity("partai-kecil", "Partai Kecil"),
        _identity("partai-besar", "Partai Besar"),
    )
    _stand(old, 5, small, "Partai Kecil")
    merged = _stand(new, 5, big, "Partai Besar")
    PartyLink.objects.create(
        predecessor=small, successor=big, kind=PartyLinkKind.MERGED, source="Akta fusi 2022"
    )
    resolved = party_in_election(party=merged, election=old)
    assert resolved.party is None
    assert "Partai Besar tidak tercatat sebagai peserta" in resolved.reason
    assert "Partai Kecil" in resolved.reason


IMPORT_2024 = (
    "dapil,kursi_dapil,nomor_partai,partai,suara_sah,kursi\n"
    "SUMATERA UTARA 1,2,10,Hanura,500,1\n"
    "SUMATERA UTARA 1,2,17,PPP,400,1\n"
    "SUMATERA UTARA 1,2,25,Partai Baru Sekali,10,0\n"
)


def _import(election, content: str, dry_run: bool = False):
    from autentika.results.election_services import decision_create
    from autentika.results.models import DecisionStatus
    from autentika.results.services import results_import

    decision = election.decisions.first() or decision_create(
        election=election,
        number="21 Tahun 2024",
        date=dt.date(2024, 5, 28),
        title="Penetapan",
        status=DecisionStatus.OFFICIAL,
        actor=keeper(election.office),
    )
    return results_import(
        election=election,
        decision=decision,
        file_name="hasil.csv",
        content=content.encode(),
        actor=keeper(election.office),
        dry_run=dry_run,
    )


@pytest.mark.django_db
def test_an_import_recognises_parties_by_name_and_shows_it(two_elections):
    _, new = two_elections
    report = _import(new, IMPORT_2024, dry_run=True)
    assert report.new_party_rows == [
        (10, "Hanura", "Partai Hati Nurani Rakyat"),
        (17, "PPP", "Partai Persatuan Pembangunan"),
        (25, "Partai Baru Sekali", ""),
    ]
    _import(new, IMPORT_2024)
    hanura = new.parties.get(number=10)
    assert hanura.political_party.code == "hanura"
    assert new.parties.get(number=25).political_party.short_name == "Partai Baru Sekali"


@pytest.mark.django_db
def test_two_numbers_for_one_party_are_refused(two_elections):
    from autentika.results.import_types import ResultsFileInvalid

    _, new = two_elections
    content = IMPORT_2024.replace("17,PPP", "17,Partai Hati Nurani Rakyat")
    with pytest.raises(ResultsFileInvalid, match="nomor 17 dan nomor 10 menunjuk partai yang sama"):
        _import(new, content)
    assert not new.parties.exists()


@pytest.mark.django_db
def test_the_template_lists_each_party_with_its_2019_and_2024_numbers(client, demo_user):
    from io import BytesIO

    from openpyxl import load_workbook

    client.force_login(demo_user("kasubbag"))
    content = client.get("/hasil/templat.xlsx").content
    rows = list(load_workbook(BytesIO(content))["daftar_partai"].values)
    by_code = {row[0]: row for row in rows[1:]}
    assert by_code["hanura"][3:] == (13, 10)
    assert by_code["pbb"][3:] == (19, 13)
    assert by_code["gelora"][3:] == (None, 7)


@pytest.mark.django_db
def test_an_import_accepts_every_name_the_registry_gives_the_party_under_its_number(
    two_elections,
):
    """The party registry (data/parties.csv) lists "PDIP" as a name of the party standing as
    "PDI-P": a later file naming it so is accepted; a name of another party is not."""
    from autentika.results.import_types import ResultsFileInvalid

    party_registry_load()
    _, new = two_elections
    header = "dapil,kursi_dapil,nomor_partai,partai,suara_sah,kursi\n"
    _import(new, header + "SUMATERA UTARA 1,2,3,PDI-P,500,1\nSUMATERA UTARA 1,2,4,Golkar,400,1\n")
    assert new.parties.get(number=3).short_name == "PDI-P"
    report = _import(
        new, header + "SUMATERA UTARA 1,2,3,PDIP,501,1\nSUMATERA UTARA 1,2,4,Golkar,400,1\n"
    )
    assert report.version is not None and report.version.number == 2
    with pytest.raises(ResultsFileInvalid, match="partai nomor 3 dalam pemilu ini bernama"):
        _import(
            new, header + "SUMATERA UTARA 1,2,3,Golkar,502,1\nSUMATERA UTARA 1,2,4,Golkar,400,1\n"
        )
    assert new.versions.count() == 2
