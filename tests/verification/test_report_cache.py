"""A file already judged is not validated again for a few minutes (verification/report_cache.py):
the same bytes against the same trust roots give the same report, while what the office
changes (a revocation) shows at once."""

import pytest

from autentika.letters.revocation import letter_revoke
from autentika.signing import validation
from autentika.verification import report_cache
from autentika.verification.services import file_verify


@pytest.fixture
def validations(monkeypatch):
    """Counts the real signature validations behind the cache."""
    calls: list[bytes] = []

    def counted(*, pdf_bytes, trust_roots, tsa_anchors):
        calls.append(pdf_bytes)
        return validation.pdf_validate(
            pdf_bytes=pdf_bytes, trust_roots=trust_roots, tsa_anchors=tsa_anchors
        )

    monkeypatch.setattr(report_cache, "pdf_validate", counted)
    return calls


@pytest.mark.django_db
def test_the_same_letter_uploaded_again_is_not_validated_again(official, sign, validations):
    pdf = bytes(sign().pdf)
    first = file_verify(content=pdf)
    second = file_verify(content=pdf)
    assert first.status == second.status == "valid"
    assert second.report == first.report
    assert len(validations) == 1


@pytest.mark.django_db
def test_other_bytes_or_other_trust_roots_are_judged_afresh(official, sign, validations, settings):
    pdf = bytes(sign().pdf)
    file_verify(content=pdf)
    changed = bytearray(pdf)
    changed[changed.index(b"/Type /Page") + 1] ^= 0x01
    assert file_verify(content=bytes(changed)).status == "invalid"
    assert len(validations) == 2
    settings.AUTENTIKA_TRUST_DEMO_CA = False  # no trust root, no TSA anchor
    untrusted = report_cache.report_for(content=pdf)
    assert not untrusted.trusted and len(validations) == 3
    settings.AUTENTIKA_TRUST_DEMO_CA = True
    assert report_cache.report_for(content=pdf).valid
    assert len(validations) == 3


@pytest.mark.django_db
def test_a_revocation_shows_on_the_next_check_of_a_cached_file(
    official, sign, demo_user, validations
):
    letter = sign()
    pdf = bytes(letter.pdf)
    assert file_verify(content=pdf).status == "valid"
    letter_revoke(letter=letter, actor=demo_user("ketua"), reason="Putusan MK Nomor 2/2025")
    assert file_verify(content=pdf).status == "revoked"
    assert len(validations) == 1


@pytest.mark.django_db
def test_without_a_cache_time_every_upload_is_validated(official, sign, validations, settings):
    settings.AUTENTIKA_VERIFY_REPORT_CACHE_SECONDS = 0
    pdf = bytes(sign().pdf)
    file_verify(content=pdf)
    file_verify(content=pdf)
    assert len(validations) == 2
