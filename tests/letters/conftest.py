import datetime as dt

import pytest
from django.utils import timezone

from autentika.cases.registration import case_register
from autentika.cases.services import case_dispose
from autentika.core.pdf import html_to_pdf
from autentika.core.uploads import Upload
from autentika.demo.signers import demo_signers_seed, demo_signing_passphrase
from autentika.letters.drafting import draft_create
from autentika.letters.review import draft_approve, draft_submit
from autentika.organization.demo import DEMO_PASSWORD
from autentika.results.models import (
    Dapil,
    Decision,
    DecisionStatus,
    Election,
    Legislature,
    Party,
    PartyResult,
    ResultVersion,
)
from autentika.results.parties import party_identity_for

PASSWORD = DEMO_PASSWORD
CHAIN = [
    ("ketua", "SEKRETARIS"),
    ("sekretaris", "KABAG"),
    ("kabag", "KASUBBAG"),
    ("kasubbag", "PELAKSANA"),
]
REVIEWERS = ["kasubbag", "kabag", "sekretaris"]
# (dapil, seats) and per party number (votes, seats) in each dapil
# Only three parties stand, so the dapil seats are what Sainte-Laguë gives them.
DAPIL = [("Sumut 1", 5), ("Sumut 2", 3), ("Sumut 3", 3)]
FIGURES = {
    4: [(412_345, 3), (198_004, 2), (250_117, 2)],
    5: [(300_000, 2), (150_321, 1), (99_999, 1)],
    12: [(10_500, 0), (9_800, 0), (7_012, 0)],
}
# SHA-256 of the imported file the fixture's figures stand for.
SOURCE_SHA256 = "9f2b5c0e4a1d7c3b8e6f0a2d4c6b8a0e1f3d5c7b9a1e3f5d7c9b1a3e5f7d9c1b"
_SCAN: list[bytes] = []


def verified(user):
    """The user as the sign page sees them after the code step: verified by their (demo)
    authenticator device. For arranging signed letters where a second factor is required
    (the browser tests); the code step itself is tested in tests/security."""
    from django.conf import settings

    from autentika.organization.second_factor import demo_totp_device

    if not settings.AUTENTIKA_OTP_REQUIRED:
        return user
    user.otp_device = demo_totp_device(user=user)
    user.is_verified = lambda: True
    return user


def scan_pdf() -> bytes:
    if not _SCAN:
        _SCAN.append(html_to_pdf("<p>Surat permohonan data autentifikasi perolehan suara</p>"))
    return _SCAN[0]


def archive_results(election: Election, status: str) -> ResultVersion:
    decision = Decision.objects.create(
        election=election,
        number="21 Tahun 2024",
        date=dt.date(2024, 5, 28),
        title="Penetapan Hasil Pemilihan Umum Anggota DPRD Provinsi Sumatera Utara Tahun 2024",
        status=status,
    )
    version = ResultVersion.objects.create(
        election=election,
        decision=decision,
        number=election.versions.count() + 1,
        source_name="lampiran-sk-21-2024.xlsx",
        source_sha256=SOURCE_SHA256,
    )
    dapil = list(election.dapil.order_by("id"))
    for party in election.parties.all():
        for index, (votes, seats) in enumerate(FIGURES[party.number]):
            PartyResult.objects.create(
                version=version, dapil=dapil[index], party=party, votes=votes, seats=seats
            )
    return version


def election_with_parties(office, *, source: str = "test") -> Election:
    """The DPRD Sumut 2024 election of DAPIL with the three parties of FIGURES (no archive
    yet: archive_results adds one). Also the bench's (bench/batch_setup.py)."""
    election = Election.objects.create(
        office=office,
        code="dprd-sumut-2024",
        name="Pemilu Anggota DPRD Provinsi Sumatera Utara 2024",
        year=2024,
        legislature=Legislature.DPRD_PROVINSI,
    )
    for name, seats in DAPIL:
        Dapil.objects.create(election=election, name=name, seats=seats)
    for number, short, full in [
        (4, "Golkar", "Partai Golongan Karya"),
        (5, "NasDem", "Partai NasDem"),
        (12, "PBB", "Partai Bulan Bintang"),
    ]:
        Party.objects.create(
            election=election,
            number=number,
            short_name=short,
            full_name=full,
            political_party=party_identity_for(short_name=short, source=source),
        )
    return election


@pytest.fixture
def election(sumut) -> Election:
    return election_with_parties(sumut)


@pytest.fixture
def official(election) -> Election:
    archive_results(election, DecisionStatus.OFFICIAL)
    return election


@pytest.fixture
def sample(election) -> Election:
    archive_results(election, DecisionStatus.SAMPLE)
    return election


@pytest.fixture
def signer_keys(sumut, demo_pki) -> str:
    demo_signers_seed(lambda _: None)
    return demo_signing_passphrase()


@pytest.fixture
def at_drafter(sumut, demo_user, election):
    """A registered case disposed down to the Pelaksana (state DRAFTING)."""

    def make(party_number: int = 4, letter_number: str = "045/DPD-GOLKAR/SU/I/2025"):
        now = timezone.now()
        case = case_register(
            office=sumut,
            actor=demo_user("tu"),
            party=election.parties.get(number=party_number),
            party_level="DPD",
            letter_number=letter_number,
            letter_date=timezone.localdate(now) - dt.timedelta(days=2),
            subject="Permohonan data autentifikasi perolehan suara dan kursi",
            elections=[election],
            purpose="financial_aid",
            channel="walk_in",
            received_at=now - dt.timedelta(hours=1),
            letter_scan=Upload("surat-permohonan.pdf", scan_pdf()),
        )
        for username, code in CHAIN:
            case_dispose(
                case=case,
                actor=demo_user(username),
                to_position=sumut.positions.get(code=code),
                instruction="proses",
                urgency="segera",
            )
        case.refresh_from_db()
        return case

    return make


@pytest.fixture
def at_signer(at_drafter, demo_user):
    """A certificate draft initialled by the whole review chain, waiting for the Ketua."""

    def make(**kwargs):
        case = at_drafter(**kwargs)
        draft = draft_create(case=case, actor=demo_user("pelaksana"), kind="certificate")
        draft_submit(draft=draft, actor=demo_user("pelaksana"))
        for username in REVIEWERS:
            draft_approve(draft=draft, actor=demo_user(username))
        draft.refresh_from_db()
        return draft

    return make
