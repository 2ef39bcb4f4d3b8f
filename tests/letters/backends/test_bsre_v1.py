import pytest

from autentika.core.models import AuditEvent, AuditEventType
from autentika.letters.errors import LetterSigningError
from autentika.letters.models import OutgoingCounter, SignedLetter
from autentika.letters.services import letter_sign
from autentika.signing.trust import trust_roots_load
from autentika.signing.validation import pdf_validate
from tests.support.letters import PASSWORD

NIK = "1271014101800001"


def _sign(draft, demo_user, passphrase):
    return letter_sign(
        draft=draft, actor=demo_user("ketua"), password=PASSWORD, passphrase=passphrase
    )


@pytest.mark.django_db
def test_bsre_v1_letter_is_lta_valid_and_from_the_bsre_test_ca(
    official, at_signer, demo_user, signer_keys, remote_signing
):
    simulator = remote_signing("bsre")
    letter = _sign(at_signer(), demo_user, signer_keys)
    assert simulator.calls[-2:] == ["v1_status", "v1_sign"]
    report = pdf_validate(pdf_bytes=bytes(letter.pdf), trust_roots=trust_roots_load())
    assert report.valid and report.long_term, report.error
    assert "BSrE TEST" not in letter.certificate_subject  # the subject is the signer's
    assert NIK in letter.certificate_subject
    event = AuditEvent.objects.filter(event_type=AuditEventType.LETTER_SIGNED).get()
    assert event.data["backend"] == "bsre"
    assert event.data["http_status"] == 200 and event.data["id_dokumen"]


@pytest.mark.django_db
def test_bsre_v2_letter_is_lta_valid(official, at_signer, demo_user, signer_keys, remote_signing):
    simulator = remote_signing("bsre-v2")
    letter = _sign(at_signer(), demo_user, signer_keys)
    assert simulator.calls[-2:] == ["v2_status", "v2_sign"]
    report = pdf_validate(pdf_bytes=bytes(letter.pdf), trust_roots=trust_roots_load())
    assert report.valid and report.long_term, report.error


@pytest.mark.django_db
def test_v2_signer_known_by_email_only(official, at_signer, demo_user, signer_keys, remote_signing):
    from autentika.organization.models import Assignment

    remote_signing("bsre-v2")
    Assignment.objects.filter(user__username="ketua").update(signing_nik="")
    letter = _sign(at_signer(), demo_user, signer_keys)
    assert letter.sequence == 1


@pytest.mark.django_db
def test_a_returned_pdf_with_other_content_is_refused(
    official, at_signer, demo_user, signer_keys, remote_signing, monkeypatch
):
    """BSrE answering with some other signed document (not starting with our bytes)."""
    from autentika.signing.backends import bsre_v1

    remote_signing("bsre")
    real = bsre_v1.BsreV1Backend._sign_request

    def other_document(self, request):
        from autentika.core.pdf import html_to_pdf

        other = type(request)(pdf=html_to_pdf("<p>surat lain</p>"), reason="r", location="l")
        return real(self, other)

    monkeypatch.setattr(bsre_v1.BsreV1Backend, "_sign_request", other_document)
    draft = at_signer()
    with pytest.raises(LetterSigningError, match="tidak diawali surat yang dikirim"):
        _sign(draft, demo_user, signer_keys)
    assert SignedLetter.objects.count() == 0
    assert not OutgoingCounter.objects.filter(last_number__gt=0).exists()
