"""The signer's certificate revoked by its CA after a letter was issued: the public page shows
what a verifier needs (reason, revocation time, the signing time the timestamp proves) and the
verdict ETSI EN 319 102-1 gives: revoked before the proven signing time, the signature is not
valid; after it, it stays valid. `letters_maintain` asks again on every run: a certificate taken
off hold clears the finding."""

import datetime as dt
import time

import pytest

from autentika.core.models import AuditEvent, AuditEventType
from autentika.demo import demo_ca
from autentika.letters.archive import letters_maintain
from autentika.letters.services import letter_sign
from autentika.verification.services import Status, file_verify
from tests.support.letters import PASSWORD


@pytest.fixture
def ketua_certificate(demo_pki):
    """The CA's record of the demo Ketua's certificate; restored after the test."""

    def revoke(*, at: dt.datetime | None, reason: str = "key_compromise") -> None:
        demo_ca.demo_signer_revoke(ca=demo_pki, username="ketua", at=at, reason=reason)

    yield revoke
    demo_ca.demo_signer_revoke(ca=demo_pki, username="ketua", at=None)


@pytest.fixture
def letter(official, at_signer, demo_user, signer_keys):
    return letter_sign(
        draft=at_signer(), actor=demo_user("ketua"), password=PASSWORD, passphrase=signer_keys
    )


def _a_second_after_signing(letter) -> dt.datetime:  # type: ignore[no-untyped-def]
    """The CA records revocation times to the second: one that is after the proven signing
    time, and already past."""
    at = letter.signature_timestamp_at.replace(microsecond=0) + dt.timedelta(seconds=1)
    time.sleep(max(0.0, (at - dt.datetime.now(dt.UTC)).total_seconds()))
    return at


def _page(client, letter) -> str:  # type: ignore[no-untyped-def]
    return client.get(f"/verifikasi/{letter.verification_token}/").content.decode()


@pytest.mark.django_db
def test_key_compromise_before_the_proven_signing_time_is_not_valid_until_lifted(
    client, letter, ketua_certificate
):
    assert letter.signature_timestamp_at is not None  # what the signature's timestamp proves
    ketua_certificate(at=letter.signature_timestamp_at - dt.timedelta(hours=2))
    assert letters_maintain().revoked == [letter.number]

    page = _page(client, letter)
    assert "Tanda tangan surat ini tidak sah" in page
    assert "Surat ini sah dan berlaku" not in page
    assert "kunci privat penanda tangan bocor" in page
    assert "sebelum surat ditandatangani" in page
    assert "Stempel waktu pada surat membuktikan surat ditandatangani pada" in page
    api = client.get(f"/api/v1/letters/{letter.verification_token}").json()
    assert api["valid"] is False and api["status"] == "certificate_revoked"
    verdict = file_verify(content=bytes(letter.pdf), letter=letter)
    assert verdict.status == Status.CERTIFICATE_REVOKED and not verdict.valid

    ketua_certificate(at=None)  # the CA lifts it (a hold released, a revocation withdrawn)
    summary = letters_maintain()
    assert summary.cleared == [letter.number] and summary.revoked == []
    page = _page(client, letter)
    assert "Surat ini sah dan berlaku" in page
    assert 'data-testid="certificate-revoked"' not in page
    assert file_verify(content=bytes(letter.pdf), letter=letter).status == Status.VALID
    events = AuditEvent.objects.filter(event_type=AuditEventType.LETTER_CERTIFICATE_STATUS)
    assert [e.data["reason"] for e in events.order_by("id")] == ["key_compromise", ""]


@pytest.mark.django_db
def test_a_certificate_superseded_after_signing_leaves_the_letter_valid_with_its_basis(
    client, letter, ketua_certificate
):
    ketua_certificate(at=_a_second_after_signing(letter), reason="superseded")
    assert letters_maintain().revoked == [letter.number]
    page = _page(client, letter)
    assert "Surat ini sah dan berlaku" in page
    assert "sertifikat diganti dengan yang baru" in page
    assert "Pencabutan terjadi sesudah surat ditandatangani" in page
    assert file_verify(content=bytes(letter.pdf), letter=letter).status == Status.VALID
    # asked again on the next run: still revoked, nothing new to record
    assert letters_maintain().revoked == [letter.number]
    assert (
        AuditEvent.objects.filter(event_type=AuditEventType.LETTER_CERTIFICATE_STATUS).count() == 1
    )
