import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from autentika.core.models import AuditEvent, AuditEventType
from autentika.results.election_services import decision_create, election_create
from autentika.results.models import (
    DecisionStatus,
    Legislature,
    PartyResult,
    ResultVersion,
)
from autentika.results.selectors import election_completeness, election_current_version
from autentika.results.services import results_import
from tests.support.results import SMALL_CSV, keeper, xlsx_bytes


def _import(election, decision, content=SMALL_CSV, name="hasil.csv", dry_run=False):
    if isinstance(content, str):
        content = content.encode()
    return results_import(
        election=election,
        decision=decision,
        file_name=name,
        content=content,
        actor=keeper(election.office),
        dry_run=dry_run,
    )


def test_election_create_validates_and_audits(sumut, demo_user):
    election = election_create(
        office=sumut,
        code="dpr-2024",
        year=2024,
        legislature=Legislature.DPR,
        threshold_percent=4,
        actor=demo_user("kasubbag"),
    )
    assert election.name == "Pemilu Anggota Dewan Perwakilan Rakyat Tahun 2024"
    assert election.threshold_percent == Decimal(4)
    event = AuditEvent.objects.get(event_type=AuditEventType.ELECTION_CREATED)
    assert event.actor.username == "kasubbag" and event.data["code"] == "dpr-2024"
    with pytest.raises(ValidationError) as duplicate:
        election_create(
            office=sumut,
            code="dpr-2024",
            year=2024,
            legislature=Legislature.DPR,
            actor=keeper(sumut),
        )
    assert "sudah dipakai" in str(duplicate.value)
    with pytest.raises(ValidationError) as dprd_threshold:
        election_create(
            office=sumut,
            code="dprd",
            year=2024,
            legislature=Legislature.DPRD_PROVINSI,
            threshold_percent=4,
            actor=keeper(sumut),
        )
    assert "hanya berlaku untuk DPR" in str(dprd_threshold.value)


def test_first_import_creates_dapil_parties_and_version_one(keeper_election, decision):
    report = _import(keeper_election, decision)
    assert report.version is not None and report.version.number == 1
    assert report.new_dapil == [("DAPIL A", 3), ("DAPIL B", 2)]
    assert report.new_parties == [(1, "Alfa"), (2, "Beta")]
    assert report.total_votes == 1950 and report.total_seats == 5
    assert PartyResult.objects.get(dapil__name="DAPIL A", party__number=1).votes == 1000
    event = AuditEvent.objects.get(event_type=AuditEventType.RESULTS_IMPORTED)
    assert event.to_state == "1" and event.data["rows"] == 4
    assert election_completeness(election=keeper_election).is_official


def test_same_file_twice_changes_nothing(keeper_election, decision):
    _import(keeper_election, decision)
    counts = (
        ResultVersion.objects.count(),
        PartyResult.objects.count(),
        AuditEvent.objects.count(),
    )
    again = _import(keeper_election, decision)
    assert again.unchanged and again.version is None
    assert "Tidak ada perubahan" in again.summary()
    # The same figures in an XLSX are the same content too.
    rows = [line.split(",") for line in SMALL_CSV.strip().splitlines()]
    as_xlsx = _import(keeper_election, decision, xlsx_bytes({"hasil": rows}), name="hasil.xlsx")
    assert as_xlsx.unchanged
    assert counts == (
        ResultVersion.objects.count(),
        PartyResult.objects.count(),
        AuditEvent.objects.count(),
    )


def test_a_correction_is_a_new_version_and_the_old_one_stays(keeper_election, decision):
    first = _import(keeper_election, decision).version
    corrected = SMALL_CSV.replace("DAPIL B,2,2,Beta,250", "DAPIL B,2,2,Beta,251")
    preview = _import(keeper_election, decision, corrected, dry_run=True)
    assert preview.version is None and ResultVersion.objects.count() == 1
    assert len(preview.changes) == 1
    change = preview.changes[0]
    assert (change.dapil, change.party_number, change.old_votes, change.new_votes) == (
        "DAPIL B",
        2,
        250,
        251,
    )
    second = _import(keeper_election, decision, corrected).version
    assert second.number == 2
    assert election_current_version(election=keeper_election) == second
    assert first.party_results.get(dapil__name="DAPIL B", party__number=2).votes == 250
    assert second.party_results.get(dapil__name="DAPIL B", party__number=2).votes == 251


def test_a_new_decision_with_the_same_figures_is_a_new_version(keeper_election, decision):
    _import(keeper_election, decision)
    official = decision_create(
        election=keeper_election,
        number="2 Tahun 2024",
        date=dt.date(2024, 5, 1),
        title="Perubahan",
        status=DecisionStatus.OFFICIAL,
        actor=keeper(keeper_election.office),
    )
    report = _import(keeper_election, official)
    assert report.version.number == 2 and report.version.decision == official


def test_decision_of_another_election_is_refused(keeper_election, decision, sumut):
    other = election_create(
        office=sumut,
        code="lain",
        year=2019,
        legislature=Legislature.DPRD_PROVINSI,
        actor=keeper(sumut),
    )
    with pytest.raises(ValueError):
        _import(other, decision)


def test_optional_tables_totals_and_candidates(keeper_election, decision):
    rows = [line.split(",") for line in SMALL_CSV.strip().splitlines()]
    content = xlsx_bytes(
        {
            "petunjuk": [["Lembar ini diabaikan"]],
            "hasil": rows,
            "total_partai": [
                ["partai", "nomor_partai", "kursi", "suara_sah"],
                ["Alfa", 1, 3, "1.300"],
                ["Beta", 2, 2, ""],
            ],
            "calon": [
                ["dapil", "nomor_partai", "nomor_urut", "nama", "suara_sah", "terpilih"],
                ["DAPIL A", 1, 1, "Calon Contoh Satu", 600, "ya"],
                ["DAPIL A", 1, 2, "Calon Contoh Dua", "", "tidak"],
            ],
        }
    )
    report = _import(keeper_election, decision, content, name="hasil.xlsx")
    version = report.version
    assert report.totals == 2 and report.candidates == 2
    totals = {t.party.number: (t.votes, t.seats) for t in version.party_totals.all()}
    assert totals == {1: (1300, 3), 2: (None, 2)}
    elected = version.candidate_results.get(ballot_order=1)
    assert elected.elected and elected.votes == 600


@pytest.mark.parametrize("who", ["tu", "ketua", None])
def test_the_figures_change_only_by_the_keeper_of_the_results_archive(
    sumut, demo_user, keeper_election, decision, who
):
    """Whoever calls (a page, a command): an election, a decision or an import is refused to a
    user whose position lacks the results duty, and to nobody at all, and nothing is written."""
    actor = demo_user(who) if who else None
    events = AuditEvent.objects.count()
    with pytest.raises(PermissionDenied, match="tidak berwenang"):
        election_create(
            office=sumut, code="lain", year=2019, legislature=Legislature.DPR, actor=actor
        )
    with pytest.raises(PermissionDenied, match="tidak berwenang"):
        decision_create(
            election=keeper_election,
            number="2 Tahun 2024",
            date=dt.date(2024, 3, 2),
            title="Penetapan lain",
            status=DecisionStatus.OFFICIAL,
            actor=actor,
        )
    with pytest.raises(PermissionDenied, match="tidak berwenang"):
        results_import(
            election=keeper_election,
            decision=decision,
            file_name="hasil.csv",
            content=SMALL_CSV.encode(),
            actor=actor,
        )
    assert AuditEvent.objects.count() == events
    assert not ResultVersion.objects.exists() and keeper_election.decisions.count() == 1


@pytest.mark.django_db(transaction=True)
def test_an_import_outside_any_transaction_is_its_own_transaction(keeper_election, decision):
    """A command or a view under autocommit calls the service with no transaction open: the
    import still serialises on the election and writes its version whole."""
    report = _import(keeper_election, decision)
    assert report.version is not None and report.version.number == 1
    assert PartyResult.objects.filter(version=report.version).count() == 4
