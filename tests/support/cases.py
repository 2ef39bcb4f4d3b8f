import datetime as dt

from autentika.results.models import Decision, Election, ResultVersion

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
