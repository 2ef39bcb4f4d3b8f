"""The case page shows each scan of the request inline (issue #16). A preview is allowed to
exactly those who may download the scan, is served inline with its real type, is never
sniffed into another type, may be framed by this site's own pages only, and is recorded
like any view of a document. The download stays an attachment."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from autentika.cases.models import CaseDocument
from autentika.core.models import AuditEvent, AuditEventType
from autentika.core.uploads import Upload
from autentika.organization.demo import RI, demo_office_seed
from tests.cases.conftest import scan_pdf
from tests.previews import assert_inline_preview
from tests.security import samples

pytestmark = pytest.mark.django_db


def _preview_url(document: CaseDocument) -> str:
    return reverse("cases:document_preview", args=[document.case_id, document.pk])


def test_staff_of_the_office_get_the_scan_inline(client, demo_user, register, official):
    case = register()
    document = case.documents.get()
    client.force_login(demo_user("kabag"))
    assert_inline_preview(client.get(_preview_url(document)), "application/pdf", scan_pdf())
    event = AuditEvent.objects.filter(event_type=AuditEventType.DOCUMENT_ACCESSED).get()
    assert event.data["document"] == "case_document" and event.data["inline"] is True


def test_the_case_page_shows_a_pdf_and_an_image_as_images(client, demo_user, register, official):
    case = register(attachments=[Upload("foto.png", samples.png())])
    client.force_login(demo_user("tu"))
    page = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    letter = case.documents.get(kind="letter")
    image = case.documents.get(kind="attachment")
    assert f'<img src="{_preview_url(letter)}?gambar=1"' in page
    assert f'<img src="{_preview_url(image)}"' in page
    assert_inline_preview(client.get(_preview_url(image)), "image/png", samples.png())


def test_the_download_stays_an_attachment_that_no_page_may_frame(
    client, demo_user, register, official
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


def test_another_office_and_anonymous_get_no_preview(client, register, official):
    case = register()
    document = case.documents.get()
    assert client.get(_preview_url(document)).status_code == 302  # to the login page
    demo_office_seed(RI)
    client.force_login(get_user_model().objects.get(username="ri-tu"))
    assert client.get(_preview_url(document)).status_code == 404
    assert not AuditEvent.objects.filter(event_type=AuditEventType.DOCUMENT_ACCESSED).exists()


def test_a_pdf_preview_answers_its_pages_as_one_image(client, demo_user, register, official):
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
