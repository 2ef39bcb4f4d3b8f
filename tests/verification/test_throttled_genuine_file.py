"""A client throttled for misses is still answered when the file it sends is a recorded
letter (as it is for a genuine token): the throttle counts misses, a genuine letter is always
judged. Any other file from that client waits."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from autentika.verification.services import file_is_recorded
from tests.verification.test_long_term_updates import _with_dss_update

pytestmark = pytest.mark.django_db

NOT_A_LETTER = b"%PDF-1.7\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"


def _throttle(client: Client, settings) -> None:  # type: ignore[no-untyped-def]
    settings.AUTENTIKA_VERIFY_MISS_LIMIT = 2
    for attempt in range(2):
        assert client.get(f"/verifikasi/tebakan-{attempt}/").status_code == 404
    assert client.get("/verifikasi/tebakan-lagi/").status_code == 429


def _post(client: Client, url: str, content: bytes):  # type: ignore[no-untyped-def]
    upload = SimpleUploadedFile("surat.pdf", content, "application/pdf")
    return client.post(url, {"file": upload})


def test_the_page_judges_a_genuine_file_from_a_throttled_client(client, official, sign, settings):
    letter = sign()
    _throttle(client, settings)
    letter_url = reverse("verification:letter", args=[letter.verification_token])
    for url in ("/verifikasi/", letter_url):
        answered = _post(client, url, bytes(letter.pdf))
        assert answered.status_code == 200
        assert answered.context["verdict"].valid
        # a file that is no recorded letter still waits
        assert _post(client, url, NOT_A_LETTER).status_code == 429
    # the archive check of a letter page is no file: it waits like any other request
    archive = client.post(letter_url, {"periksa": "arsip"})
    assert archive.status_code == 429


def test_a_genuine_letter_with_long_term_data_appended_is_answered_too(
    client, official, sign, settings, demo_pki
):
    letter = sign()
    updated = _with_dss_update(bytes(letter.pdf), demo_pki)
    assert updated != bytes(letter.pdf)
    _throttle(client, settings)
    answered = _post(client, "/verifikasi/", updated)
    assert answered.status_code == 200
    assert answered.context["verdict"].letter == letter


def test_the_api_judges_a_genuine_file_from_a_throttled_client(client, official, sign, settings):
    letter = sign()
    _throttle(client, settings)
    upload = SimpleUploadedFile("surat.pdf", bytes(letter.pdf), "application/pdf")
    answered = client.post("/api/v1/verify", {"file": upload})
    assert answered.status_code == 200
    assert answered.json()["valid"] is True
    other = SimpleUploadedFile("surat.pdf", NOT_A_LETTER, "application/pdf")
    assert client.post("/api/v1/verify", {"file": other}).status_code == 429


def test_recognising_a_recorded_file_needs_its_bytes_or_its_signed_revision(official, sign):
    letter = sign()
    genuine = bytes(letter.pdf)
    assert file_is_recorded(content=genuine)
    # the signed revision followed by anything is recognised (what it is, the full check says)
    assert file_is_recorded(content=genuine + b"\n1 0 obj << >> endobj\n%%EOF\n")
    # one byte changed inside the signed revision is not
    changed = bytearray(genuine)
    changed[len(changed) // 2] ^= 0x01
    assert not file_is_recorded(content=bytes(changed))
    assert not file_is_recorded(content=NOT_A_LETTER)
    assert not file_is_recorded(content=b"")
