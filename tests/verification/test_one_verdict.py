"""The public verdict on a letter is decided in one place (`letters/verdict.py`); the
verification page's headline and explanation follow it. Written out by hand: a revoked letter
reads "dicabut" and a replaced one "diganti" whatever else is true of it, a letter signed with a
certificate its CA revoked before the proven signing time is "tidak sah", a training letter is
SPESIMEN, and only what is none of these is "sah dan berlaku"."""

import datetime as dt

import pytest

from autentika.letters.models import LetterStatus, SignedLetter
from autentika.verification.services import letter_status_text

SIGNED = dt.datetime(2026, 3, 2, 10, 0, tzinfo=dt.UTC)


def _letter(**fields):
    values = {
        "status": LetterStatus.VALID,
        "is_specimen": False,
        "signed_at": SIGNED,
        "signature_timestamp_at": SIGNED,
        "certificate_revoked_at": None,
    }
    values.update(fields)
    return SignedLetter(**values)


@pytest.mark.parametrize(
    ("fields", "headline", "explained"),
    [
        ({}, "Surat ini sah dan berlaku", "masih berlaku"),
        ({"is_specimen": True}, "SPESIMEN: bukan surat yang sah", "mode latihan"),
        (
            {"status": LetterStatus.REVOKED, "is_specimen": True},
            "Surat ini telah dicabut",
            "sudah dicabut",
        ),
        (
            {"status": LetterStatus.REPLACED, "certificate_revoked_at": SIGNED},
            "Surat ini telah diganti",
            "surat penggantinya",
        ),
        (
            {"certificate_revoked_at": SIGNED - dt.timedelta(days=1), "is_specimen": True},
            "Tanda tangan surat ini tidak sah",
            "sertifikat itu sudah dicabut",
        ),
        (
            {"certificate_revoked_at": SIGNED + dt.timedelta(days=1)},
            "Surat ini sah dan berlaku",
            "masih berlaku",
        ),
    ],
)
def test_the_page_reads_the_one_verdict(fields, headline, explained):
    shown, explanation = letter_status_text(_letter(**fields))
    assert shown == headline
    assert explained in explanation
