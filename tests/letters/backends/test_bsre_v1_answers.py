"""BSrE v1's other answers: `jenis_response=BASE64` (JSON with the file in base64) and a JSON
answer naming only `id_dokumen`, whose PDF can be downloaded once."""

import pytest
import requests

from autentika.core.models import AuditEvent, AuditEventType
from autentika.demo.bsre_simulator import _error
from autentika.signing.trust import trust_roots_load
from autentika.signing.validation import pdf_validate
from tests.letters.backends.test_bsre_errors import (
    _attempt,
    _failure_audit,
    _next_letter_is_number_one,
    _refused,
)
from tests.support.signing import BSRE_CLIENT


def _signed_audit():
    return AuditEvent.objects.filter(event_type=AuditEventType.LETTER_SIGNED).latest("id").data


@pytest.mark.django_db
def test_base64_answer(official, at_signer, demo_user, signer_keys, remote_signing):
    simulator = remote_signing("bsre", jenis_response="BASE64")
    letter = _attempt(at_signer(), demo_user, signer_keys)
    assert simulator.calls[-2:] == ["v1_status", "v1_sign"]
    report = pdf_validate(pdf_bytes=bytes(letter.pdf), trust_roots=trust_roots_load())
    assert report.valid and report.long_term, report.error
    doc_id = _signed_audit()["id_dokumen"]
    assert doc_id and doc_id in simulator.documents  # the PDF came in the answer itself


@pytest.mark.django_db
def test_id_only_answer_is_downloaded_once(
    official, at_signer, demo_user, signer_keys, remote_signing, bsre_simulator
):
    simulator = remote_signing("bsre")
    simulator.answer = "id-only"
    letter = _attempt(at_signer(), demo_user, signer_keys)
    assert simulator.calls[-3:] == ["v1_status", "v1_sign", "v1_download"]
    report = pdf_validate(pdf_bytes=bytes(letter.pdf), trust_roots=trust_roots_load())
    assert report.valid and report.long_term, report.error
    doc_id = _signed_audit()["id_dokumen"]
    again = requests.get(
        f"{bsre_simulator.url}/api/sign/download/{doc_id}", auth=BSRE_CLIENT, timeout=5
    )
    assert again.status_code == 404 and again.json()["status_code"] == 4044


@pytest.mark.django_db
def test_a_refused_download_consumes_nothing_and_says_bsre_signed(
    official, at_signer, demo_user, signer_keys, remote_signing
):
    simulator = remote_signing("bsre")
    simulator.answer = "id-only"
    gone = "File tidak tersedia, pastikan bahwa dokumen belum di download"
    simulator.v1_download = lambda request, doc_id: _error(gone, 4044, 404)
    draft = at_signer()
    try:
        data = _refused(draft, demo_user, signer_keys, "tidak dapat diunduh")
    finally:
        del simulator.v1_download
    assert data["may_have_signed"] is True and data["bsre_code"] == 4044 and data["id_dokumen"]
    assert "aman untuk mencoba lagi" in _failure_audit().data["error"]
    _next_letter_is_number_one(draft, demo_user, signer_keys, simulator)
