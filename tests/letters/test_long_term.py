"""Letters are PAdES B-LTA through the real local test PKI (Certomancer's TSA, OCSP and CRL),
stay valid years after their certificates expire, and are refused when the signer's
certificate is revoked or the services cannot be reached."""

import asyncio
import datetime as dt
import shutil
import subprocess
import time
from io import BytesIO

import pytest
from django.conf import settings
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation.dss import DocumentSecurityStore

from autentika.demo import demo_ca
from autentika.letters.archive import letters_maintain
from autentika.letters.models import DraftState, OutgoingCounter, SignedLetter
from autentika.letters.services import LetterSigningError, letter_sign
from autentika.signing.trust import trust_roots_load, tsa_anchors_load
from autentika.signing.validation import pdf_validate
from tests.support.letters import PASSWORD


def _sign(draft, demo_user, passphrase):
    return letter_sign(
        draft=draft, actor=demo_user("ketua"), password=PASSWORD, passphrase=passphrase
    )


@pytest.fixture
def ketua_revoked(demo_pki):
    """Revoke the demo Ketua's certificate at a given moment; restored after the test."""

    def revoke(at: dt.datetime) -> None:
        demo_ca.demo_signer_revoke(ca=demo_pki, username="ketua", at=at)

    yield revoke
    demo_ca.demo_signer_revoke(ca=demo_pki, username="ketua", at=None)


@pytest.mark.django_db
def test_letter_is_b_lta_with_embedded_revocation_data(
    official, at_signer, demo_user, signer_keys, tmp_path
):
    pdf = bytes(_sign(at_signer(), demo_user, signer_keys).pdf)
    reader = PdfFileReader(BytesIO(pdf))
    assert len(reader.embedded_regular_signatures) == 1
    assert len(reader.embedded_timestamp_signatures) == 1  # the document timestamp
    dss = DocumentSecurityStore.read_dss(handler=reader)
    assert dss.ocsps or dss.crls
    report = pdf_validate(pdf_bytes=pdf, trust_roots=trust_roots_load())
    assert report.valid and report.long_term and report.timestamped, report.error
    assert [c.code for c in report.checks if c.ok] == [
        "integrity",
        "signer",
        "time",
        "revocation",
        "long_term",
    ]
    if shutil.which("pdfsig"):
        path = tmp_path / "surat.pdf"
        path.write_bytes(pdf)
        out = subprocess.run(["pdfsig", str(path)], capture_output=True, text=True).stdout
        assert "Signature Validation: Signature is Valid." in out


@pytest.mark.django_db
def test_still_valid_years_after_the_certificates_expire(
    official, at_signer, demo_user, signer_keys, demo_pki
):
    pdf = bytes(_sign(at_signer(), demo_user, signer_keys).pdf)
    signer_cert = demo_pki.certificate("signer-ketua")
    later = signer_cert.not_valid_after_utc + dt.timedelta(days=5 * 365)
    report = pdf_validate(
        pdf_bytes=pdf, trust_roots=trust_roots_load(), tsa_anchors=tsa_anchors_load(), at=later
    )
    assert report.valid, report.error


@pytest.mark.django_db
def test_certificate_revoked_before_signing_is_refused(
    official, at_signer, demo_user, signer_keys, ketua_revoked
):
    draft = at_signer()
    ketua_revoked(dt.datetime.now(dt.UTC) - dt.timedelta(hours=1))
    with pytest.raises(LetterSigningError, match="telah dicabut"):
        _sign(draft, demo_user, signer_keys)
    draft.refresh_from_db()
    assert draft.state == DraftState.SIGNING
    assert not SignedLetter.objects.exists()
    assert not OutgoingCounter.objects.filter(last_number__gt=0).exists()


@pytest.mark.django_db
def test_unreachable_services_refuse_and_consume_no_number(
    official, at_signer, demo_user, signer_keys, monkeypatch
):
    draft = at_signer()
    monkeypatch.setattr(settings, "AUTENTIKA_TSA_URL", "http://127.0.0.1:9/demo/tsa/tsa")
    with pytest.raises(LetterSigningError, match="tidak dapat dihubungi") as error:
        _sign(draft, demo_user, signer_keys)
    assert "Nomor surat tidak terpakai" in str(error.value)
    assert not OutgoingCounter.objects.filter(last_number__gt=0).exists()
    monkeypatch.undo()
    assert _sign(draft, demo_user, signer_keys).sequence == 1


def test_event_loop_is_left_clean() -> None:
    # pyHanko's fetchers run in their own loop; nothing of it must leak into the test thread.
    with pytest.raises(RuntimeError):
        asyncio.get_running_loop()


@pytest.mark.django_db
def test_revocation_after_signing_shows_on_the_public_page(
    client, official, at_signer, demo_user, signer_keys, ketua_revoked
):
    letter = _sign(at_signer(), demo_user, signer_keys)
    summary = letters_maintain()
    assert summary.revoked == []
    letter.refresh_from_db()
    assert letter.certificate_checked_at is not None and letter.certificate_revoked_at is None

    after_signing = letter.signature_timestamp_at.replace(microsecond=0) + dt.timedelta(seconds=1)
    time.sleep(max(0.0, (after_signing - dt.datetime.now(dt.UTC)).total_seconds()))
    ketua_revoked(after_signing)
    assert letters_maintain().revoked == [letter.number]
    letter.refresh_from_db()
    assert letter.certificate_revoked_at is not None
    page = client.get(f"/verifikasi/{letter.verification_token}/").content.decode()
    assert "Dicabut oleh penerbitnya" in page
    assert "sesudah surat ditandatangani" in page and "tetap sah" in page
    # signed before the revocation: the file itself is still valid
    assert pdf_validate(pdf_bytes=bytes(letter.pdf), trust_roots=trust_roots_load()).valid


@pytest.mark.django_db
def test_archive_timestamp_chain_is_renewed_before_it_expires(
    official, at_signer, demo_user, signer_keys
):
    letter = _sign(at_signer(), demo_user, signer_keys)
    issued = bytes(letter.pdf)
    assert letters_maintain().renewed == []  # the TSA certificate is good for years
    summary = letters_maintain(renew_margin=dt.timedelta(days=365 * 100))
    assert summary.renewed == [letter.number]
    letter.refresh_from_db()
    renewed = bytes(letter.pdf)
    assert renewed.startswith(issued) and len(renewed) > len(issued)
    reader = PdfFileReader(BytesIO(renewed))
    assert len(reader.embedded_timestamp_signatures) == 2
    assert pdf_validate(pdf_bytes=renewed, trust_roots=trust_roots_load()).valid
    # the copy handed out before the renewal is still this letter
    from autentika.verification.services import Status, file_verify

    assert file_verify(content=issued, letter=letter).status == Status.VALID
    assert file_verify(content=renewed, letter=letter).status == Status.VALID


@pytest.fixture
def demo_ca_restored(demo_pki):
    """The worker's demo CA as it was before the test (its TSA rekeyed by the test)."""
    files = [demo_pki.state_path, demo_pki.config_path, demo_pki.tsa_path]
    kept = {path: path.read_bytes() for path in files}
    yield demo_pki
    for path, content in kept.items():
        path.write_bytes(content)


@pytest.mark.django_db
def test_a_maintained_letter_outlives_its_first_timestamp_certificate(
    official, at_signer, demo_user, signer_keys, demo_ca_restored
):
    from autentika.demo.demo_tsa import demo_tsa_renew

    letter = _sign(at_signer(), demo_user, signer_keys)
    issued = bytes(letter.pdf)
    first_tsa_expiry = demo_ca_restored.certificate("tsa").not_valid_after_utc
    past_it = first_tsa_expiry + dt.timedelta(days=365)

    # Before the first TSA certificate expires, the TSA is rekeyed and the archive renewed.
    demo_tsa_renew(ca=demo_ca_restored, years=25)
    assert letters_maintain(renew_margin=dt.timedelta(days=365 * 100)).renewed == [letter.number]
    letter.refresh_from_db()
    renewed = bytes(letter.pdf)
    assert len(PdfFileReader(BytesIO(renewed)).embedded_timestamp_signatures) == 2

    def judged(pdf: bytes):  # type: ignore[no-untyped-def]
        return pdf_validate(
            pdf_bytes=pdf,
            trust_roots=trust_roots_load(),
            tsa_anchors=tsa_anchors_load(),
            at=past_it,
        )

    assert judged(renewed).valid, judged(renewed).error
    # the copy handed out before the renewal says plainly that it needs renewing
    old_copy = judged(issued)
    assert not old_copy.valid and old_copy.needs_renewal and old_copy.intact
