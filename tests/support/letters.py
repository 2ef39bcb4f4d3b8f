from autentika.organization.demo import DEMO_PASSWORD
from autentika.results.models import (
    Dapil,
    Election,
    Legislature,
    Party,
    PartyResult,
    ResultVersion,
)
from autentika.results.parties import party_identity_for
from tests.support.cases import decision_record

PASSWORD = DEMO_PASSWORD
# Who initials a draft, in order, before the Ketua signs.
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


def archive_results(election: Election, status: str) -> ResultVersion:
    decision = decision_record(election, status)
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
