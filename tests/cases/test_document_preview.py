"""The case page shows each scan of the request inline (issue #16). A preview is allowed to
exactly those who may download the scan, is served inline with its real type, is never
sniffed into another type, may be framed by this site's own pages only, and is recorded
like any view of a document. The download stays an attachment."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from PIL import Image

from autentika.cases.models import CaseDocument
from autentika.core.models import AuditEvent, AuditEventType
from autentika.core.uploads import Upload
from autentika.organization.demo import RI, demo_office_seed
from tests.core.hostile_pdfs import incremental, link
from tests.image_samples import SECRET, jpeg_markers, jpeg_with_extras
from tests.previews import assert_disarmed_pdf_preview, assert_inline_preview, pdf_keys
from tests.security import samples
from tests.support.documents import scan_pdf

pytestmark = pytest.mark.django_db


def _preview_url(document: CaseDocument) -> str:
    return reverse("cases:document_preview", args=[document.case_id, document.pk])


def test_staff_of_the_office_get_the_scan_inline(
    client, demo_user, register, official_without_figures
):
    case = register()
    document = case.documents.get()
    client.force_login(demo_user("kabag"))
    assert_disarmed_pdf_preview(client.get(_preview_url(document)), scan_pdf())
    event = AuditEvent.objects.filter(event_type=AuditEventType.DOCUMENT_ACCESSED).get()
    assert event.data["document"] == "case_document" and event.data["inline"] is True


def test_the_case_page_shows_a_pdf_and_an_image_as_images(
    client, demo_user, register, official_without_figures
):
    case = register(attachments=[Upload("foto.png", samples.png())])
    client.force_login(demo_user("tu"))
    page = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    letter = case.documents.get(kind="letter")
    image = case.documents.get(kind="attachment")
    assert f'<img src="{_preview_url(letter)}?gambar=1"' in page
    assert f'<img src="{_preview_url(image)}"' in page
    assert_inline_preview(client.get(_preview_url(image)), "image/png")


def test_an_image_scan_is_shown_re_encoded_and_downloaded_as_uploaded(
    client, demo_user, register, official_without_figures
):
    """Issue #27: the picture staff see has its pixels only (no EXIF, ICC, comment or other
    chunk); the download is the uploaded file, kept for the record."""
    uploaded = jpeg_with_extras()
    case = register(attachments=[Upload("foto.jpg", uploaded)])
    image = case.documents.get(kind="attachment")
    client.force_login(demo_user("kabag"))
    response = client.get(_preview_url(image))
    assert_inline_preview(response, "image/jpeg")
    shown = b"".join(response.streaming_content)
    assert SECRET not in shown and not {0xE1, 0xE2, 0xED, 0xFE} & set(jpeg_markers(shown))
    with Image.open(io.BytesIO(shown)) as picture:
        picture.load()
        assert picture.size == (24, 16)
    download = client.get(reverse("cases:document", args=[case.pk, image.pk]))
    assert b"".join(download.streaming_content) == uploaded


def test_the_download_stays_an_attachment_that_no_page_may_frame(
    client, demo_user, register, official_without_figures
):
    case = register()
    document = case.documents.get()
    client.force_login(demo_user("tu"))
    response = client.get(reverse("cases:document", args=[case.pk, document.pk]))
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["Content-Security-Policy"] == "sandbox"
    assert response["X-Frame-Options"] == "DENY"
    # Every other page keeps refusing to be framed.
    page = client.get(reverse("cases:detail", args=[case.pk]))
    assert page["X-Frame-Options"] == "DENY"
    assert "frame-ancestors 'none'" in page["Content-Security-Policy"]


def test_another_office_and_anonymous_get_no_preview(client, register, official_without_figures):
    case = register()
    document = case.documents.get()
    assert client.get(_preview_url(document)).status_code == 302  # to the login page
    demo_office_seed(RI)
    client.force_login(get_user_model().objects.get(username="ri-tu"))
    assert client.get(_preview_url(document)).status_code == 404
    assert not AuditEvent.objects.filter(event_type=AuditEventType.DOCUMENT_ACCESSED).exists()


def test_the_staff_preview_of_an_accepted_scan_carries_no_action(
    client, demo_user, register, official_without_figures
):
    """A scan with an opening view and a go-to link added by an update is allowed; its
    preview is one revision without either (issue #27), its download the original."""
    scan = incremental(
        link(b"<< /S /GoTo /D [3 0 R /Fit] >>"),
        {1: b"<< /Type /Catalog /Pages 2 0 R /OpenAction [3 0 R /Fit] >>"},
    )
    assert {"/OpenAction", "/A"} <= pdf_keys(scan)
    case = register(letter_scan=Upload("surat.pdf", scan))
    document = case.documents.get()
    client.force_login(demo_user("kabag"))
    preview = client.get(_preview_url(document))
    assert_disarmed_pdf_preview(preview, scan)
    download = client.get(reverse("cases:document", args=[case.pk, document.pk]))
    assert b"".join(download.streaming_content) == scan


def test_a_scan_is_downloaded_under_a_name_of_the_record_not_the_uploader(
    client, demo_user, register, official_without_figures
):
    """The probe's PDF served as `suratfdp.exe`: the uploader's name no longer reaches the
    download; the case's agenda number and the sniffed type make it."""
    case = register(letter_scan=Upload("surat\u202efdp.exe", scan_pdf()))
    document = case.documents.get()
    client.force_login(demo_user("tu"))
    response = client.get(reverse("cases:document", args=[case.pk, document.pk]))
    expected = (
        f'attachment; filename="surat-permohonan-agenda-{case.agenda_number}-'
        f'{case.agenda_year}-{document.pk}.pdf"'
    )
    assert response["Content-Disposition"] == expected


def test_a_scan_that_cannot_be_disarmed_is_never_shown_inline(
    client, demo_user, register, official_without_figures, monkeypatch
):
    case = register()
    document = case.documents.get()

    def fails(content):
        raise ValueError("cannot rewrite")

    monkeypatch.setattr("autentika.core.downloads.pdf_disarmed", fails)
    client.force_login(demo_user("kabag"))
    response = client.get(_preview_url(document))
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["Content-Security-Policy"] == "sandbox"


def test_a_pdf_preview_answers_its_pages_as_one_image(
    client, demo_user, register, official_without_figures
):
    """Every browser shows an image (a PDF in a frame is an empty box on Chrome for Android):
    the preview URL with ?gambar=1 answers the scan's pages as a PNG, framed by this site only,
    and the view is audited like the PDF's."""
    import io

    from PIL import Image

    case = register()
    client.force_login(demo_user("tu"))
    letter = case.documents.get(kind="letter")
    response = client.get(_preview_url(letter) + "?gambar=1")
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    image = Image.open(io.BytesIO(b"".join(response.streaming_content)))
    assert image.format == "PNG" and max(image.size) <= 1000
    assert AuditEvent.objects.filter(
        event_type=AuditEventType.DOCUMENT_ACCESSED, data__document="case_document"
    ).exists()
