"""Uploads are opened as what they claim and served so that a browser will not run them."""

import time

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from autentika.core.models import AuditEvent, AuditEventType
from autentika.core.pdf import html_to_pdf
from autentika.core.uploads import Upload, upload_check
from tests.security import samples

HOSTILE = {
    "html_with_pdf_header": (samples.html_with_pdf_header, "diawali kepala %PDF-"),
    "pdf_javascript_open_action": (samples.pdf_javascript_open_action, "JavaScript"),
    "pdf_javascript_names": (samples.pdf_javascript_names, "JavaScript"),
    "pdf_launch_action": (samples.pdf_launch_action, "(/OpenAction) /Launch"),
    "pdf_page_additional_action": (samples.pdf_page_additional_action, "aksi otomatis (/AA)"),
    "pdf_encrypted": (samples.pdf_encrypted, "terenkripsi"),
    "pdf_truncated": (samples.pdf_truncated, "terpotong"),
    "pdf_broken_xref": (samples.pdf_broken_xref, "rusak"),
    "pdf_flate_bomb": (samples.pdf_flate_bomb, "terkompresi yang terlalu besar"),
    "pdf_too_many_pages": (samples.pdf_too_many_pages, "201 halaman"),
    "png_truncated": (samples.png_truncated, "gambar rusak"),
    "jpeg_truncated": (samples.jpeg_truncated, "gambar rusak"),
    "png_pixel_bomb": (samples.png_pixel_bomb, "juta piksel"),
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_upload_is_refused_in_indonesian(name):
    make, reason = HOSTILE[name]
    with pytest.raises(ValidationError) as caught:
        upload_check(Upload("berkas.pdf", make()), label="Lampiran")
    message = " ".join(caught.value.messages)
    assert "Lampiran (berkas.pdf) ditolak" in message
    assert reason in message


def test_flate_bomb_is_refused_quickly():
    bomb = samples.pdf_flate_bomb()
    # processor time of this thread, where the check runs: wall time would measure the load
    started = time.thread_time()
    with pytest.raises(ValidationError):
        upload_check(Upload("bom.pdf", bomb), label="Lampiran")
    assert time.thread_time() - started < 5


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (lambda: html_to_pdf("<p>Surat permohonan</p>"), "application/pdf"),
        (samples.pdf, "application/pdf"),
        (samples.png, "image/png"),
        (samples.jpeg, "image/jpeg"),
    ],
)
def test_genuine_files_are_accepted(content, expected):
    assert upload_check(Upload("berkas", content()), label="Lampiran") == expected


@pytest.mark.django_db
def test_uploaded_document_is_served_as_a_sandboxed_download_and_audited(
    client, demo_user, at_drafter
):
    case = at_drafter()
    document = case.documents.get()
    client.force_login(demo_user("tu"))
    response = client.get(reverse("cases:document", args=[case.pk, document.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "sandbox"
    event = AuditEvent.objects.filter(event_type=AuditEventType.DOCUMENT_ACCESSED).get()
    assert event.actor == demo_user("tu")
    assert event.data["document"] == "case_document"
    assert event.target_id == str(document.pk)
