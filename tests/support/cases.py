import datetime as dt
from collections.abc import Callable
from typing import Any

from django.utils import timezone

from autentika.cases.models import Case
from autentika.cases.registration import case_register
from autentika.cases.services import case_dispose
from autentika.core.uploads import Upload
from autentika.organization.models import Office
from autentika.results.models import Decision, Election, ResultVersion
from tests.support.documents import scan_pdf

# The demo office's disposition chain: who disposes to which position, down to the drafter.
CHAIN = [
    ("ketua", "SEKRETARIS"),
    ("sekretaris", "KABAG"),
    ("kabag", "KASUBBAG"),
    ("kasubbag", "PELAKSANA"),
]


def decision_record(election: Election, status: str) -> Decision:
    """The election's results decision (SK 21/2024), recorded with that status."""
    return Decision.objects.create(
        election=election,
        number="21 Tahun 2024",
        date=dt.date(2024, 5, 28),
        title="Penetapan Hasil Pemilihan Umum Anggota DPRD Provinsi Sumatera Utara Tahun 2024",
        status=status,
    )


def archive(election: Election, status: str) -> Decision:
    """The election's decision archived with that status, its version without figures."""
    decision = decision_record(election, status)
    ResultVersion.objects.create(
        election=election, decision=decision, number=election.versions.count() + 1
    )
    return decision


def walk_in_request(
    *, office: Office, actor: Any, elections: list[Election], **overrides: Any
) -> Case:
    """A party's request letter brought in person two days after it was written, registered an
    hour after it arrived, its scan attached; `overrides` change any field of the
    registration (the party defaults to ballot number 4 of the first election: Golkar)."""
    now = timezone.now()
    values: dict[str, Any] = {
        "office": office,
        "actor": actor,
        "party": elections[0].parties.get(number=4) if "party" not in overrides else None,
        "party_level": "DPD",
        "letter_number": "045/DPD-GOLKAR/SU/I/2025",
        "letter_date": timezone.localdate(now) - dt.timedelta(days=2),
        "subject": "Permohonan data autentifikasi perolehan suara dan kursi",
        "elections": elections,
        "purpose": "financial_aid",
        "channel": "walk_in",
        "received_at": now - dt.timedelta(hours=1),
        "letter_scan": Upload("surat-permohonan.pdf", scan_pdf()),
    }
    values.update(overrides)
    return case_register(**values)


def disposed_to_drafter(*, case: Case, office: Office, user: Callable[[str], Any]) -> Case:
    """The request disposed down the demo office's chain to the Pelaksana (state DRAFTING);
    `user(username)` gives each disposing holder."""
    for username, code in CHAIN:
        case_dispose(
            case=case,
            actor=user(username),
            to_position=office.positions.get(code=code),
            instruction="proses",
            urgency="segera",
        )
    case.refresh_from_db()
    return case
