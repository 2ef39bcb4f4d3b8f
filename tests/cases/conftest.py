import datetime as dt

import pytest
from django.utils import timezone

from autentika.cases.registration import case_register
from autentika.core.pdf import html_to_pdf
from autentika.core.uploads import Upload
from autentika.results.models import (
    Decision,
    DecisionStatus,
    Election,
    Legislature,
    Party,
    ResultVersion,
)
from autentika.results.parties import party_identity_for

SCAN_PDF: bytes | None = None


def scan_pdf() -> bytes:
    """A real one-page PDF, like a scanned request letter."""
    global SCAN_PDF
    if SCAN_PDF is None:
        SCAN_PDF = html_to_pdf("<p>Surat permohonan data autentifikasi perolehan suara</p>")
    return SCAN_PDF


def archive(election: Election, status: str) -> Decision:
    decision = Decision.objects.create(
        election=election,
        number="21 Tahun 2024",
        date=dt.date(2024, 5, 28),
        title="Penetapan Hasil Pemilihan Umum Anggota DPRD Provinsi Sumatera Utara Tahun 2024",
        status=status,
    )
    ResultVersion.objects.create(
        election=election, decision=decision, number=election.versions.count() + 1
    )
    return decision


@pytest.fixture
def election(sumut) -> Election:
    return Election.objects.create(
        office=sumut,
        code="dprd-sumut-2024",
        name="Pemilu Anggota DPRD Provinsi Sumatera Utara 2024",
        year=2024,
        legislature=Legislature.DPRD_PROVINSI,
    )


@pytest.fixture
def official(election) -> Election:
    archive(election, DecisionStatus.OFFICIAL)
    return election


@pytest.fixture
def golkar(election) -> Party:
    return Party.objects.create(
        election=election,
        number=4,
        short_name="Golkar",
        full_name="Partai Golongan Karya",
        political_party=party_identity_for(short_name="Golkar", source="test"),
    )


@pytest.fixture
def register(sumut, demo_user, golkar, election):
    """Register a request as Tata Usaha; keyword arguments override the defaults."""

    def make(**overrides):
        now = timezone.now()
        values = {
            "office": sumut,
            "actor": demo_user("tu"),
            "party": golkar,
            "party_level": "DPD",
            "letter_number": "045/DPD-GOLKAR/SU/I/2025",
            "letter_date": timezone.localdate(now) - dt.timedelta(days=2),
            "subject": "Permohonan data autentifikasi perolehan suara dan kursi",
            "elections": [election],
            "purpose": "financial_aid",
            "channel": "walk_in",
            "received_at": now - dt.timedelta(hours=1),
            "letter_scan": Upload("surat-permohonan.pdf", scan_pdf()),
        }
        values.update(overrides)
        return case_register(**values)

    return make


@pytest.fixture
def dispose(sumut, demo_user):
    """Dispose a case one level down as the named holder."""

    def step(case, username, to_code, **extra):
        from autentika.cases.services import case_dispose

        values = {"instruction": "proses", "urgency": "segera"}
        values.update(extra)
        return case_dispose(
            case=case,
            actor=demo_user(username),
            to_position=sumut.positions.get(code=to_code),
            **values,
        )

    return step


CHAIN = [
    ("ketua", "SEKRETARIS"),
    ("sekretaris", "KABAG"),
    ("kabag", "KASUBBAG"),
    ("kasubbag", "PELAKSANA"),
]
