"""The QR page checks the office's own stored copy of the letter on request, with the same
checklist as an upload; a copy whose last document timestamp expired reads "perlu diperbarui",
never as a forgery."""

import datetime as dt
import functools
from io import BytesIO

import pytest
from pyhanko.pdf_utils.reader import PdfFileReader

from autentika.signing.validation import pdf_validate
from autentika.verification import report_cache
from autentika.verification.services import Status, file_verify


@pytest.mark.django_db
def test_the_page_checks_the_stored_copy_on_request(client, official, sign):
    letter = sign()
    url = f"/verifikasi/{letter.verification_token}/"
    assert "Periksa tanda tangan berkas arsip" in client.get(url).content.decode()
    response = client.post(url, {"periksa": "arsip"})
    page = response.content.decode()
    assert response.context["verdict"].status == Status.VALID
    assert "Hasil pemeriksaan berkas arsip kantor" in page
    for label in ("Keutuhan isi", "Penanda tangan", "Waktu tepercaya", "Status pencabutan"):
        assert label in page
    assert 'data-ok="0"' not in page


@pytest.mark.django_db
def test_a_copy_checked_after_its_last_timestamp_expired_needs_renewal(
    client, official, sign, monkeypatch, settings
):
    settings.AUTENTIKA_VERIFY_REPORT_CACHE_SECONDS = 0
    letter = sign()
    pdf = bytes(letter.pdf)
    stamp = PdfFileReader(BytesIO(pdf)).embedded_timestamp_signatures[-1]
    later = stamp.signer_cert.not_valid_after + dt.timedelta(days=30)
    # the check as it will run then: the same validation, its clock set to that day
    monkeypatch.setattr(report_cache, "pdf_validate", functools.partial(pdf_validate, at=later))
    verdict = file_verify(content=pdf, letter=letter)
    assert verdict.status == Status.NEEDS_RENEWAL and not verdict.valid
    assert "Surat asli" in verdict.headline and "tidak asli" not in verdict.explanation
    assert verdict.is_miss is False
    page = client.post(f"/verifikasi/{letter.verification_token}/", {"periksa": "arsip"})
    assert "perlu diperbarui" in page.content.decode()
