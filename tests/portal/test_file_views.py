"""The party portal shows its own request scan and, once it has acknowledged receipt, its
letter inline (issue #16). A preview is checked as the download is; a GET, preview or download,
never records a receipt (issue #16 point 13): only "Terima dan unduh surat" (a POST) does."""

import pytest
from django.urls import reverse

from autentika.core.models import AuditEvent
from autentika.handover.models import Receipt
from autentika.portal.models import OnlineSubmission
from tests.portal.test_portal import _submit
from tests.previews import assert_disarmed_pdf_preview, assert_inline_preview

pytestmark = pytest.mark.django_db


def _receipts() -> tuple[int, int]:
    return Receipt.objects.count(), AuditEvent.objects.filter(
        event_type="handover.downloaded"
    ).count()


def test_the_letter_preview_needs_the_receipt_and_never_records_one(
    client, demo_user, party_user, official, sign
):
    letter = sign()
    client.force_login(party_user())
    url = reverse("portal:letter_preview", args=[letter.pk])
    case_url = reverse("portal:case", args=[letter.case_id])
    assert url not in client.get(case_url).content.decode()
    # Before the receipt: no letter, and the GET writes no receipt.
    assert client.get(url).status_code == 302
    assert _receipts() == (0, 0)

    client.post(reverse("portal:receive", args=[letter.pk]))
    assert _receipts() == (1, 1)
    assert f'<img src="{url}?gambar=1"' in client.get(case_url).content.decode()
    assert_inline_preview(client.get(url), "application/pdf", bytes(letter.pdf))
    assert _receipts() == (1, 1)  # previewing again records no second receipt
    # The download stays an attachment.
    download = client.get(reverse("portal:download", args=[letter.pk]))
    assert download["Content-Disposition"].startswith("attachment;")


def test_another_party_and_staff_get_no_letter_preview(
    client, demo_user, party_user, official, sign
):
    letter = sign(party_number=4)
    client.force_login(party_user("nasdem1", "NasDem"))
    url = reverse("portal:letter_preview", args=[letter.pk])
    assert client.get(url).status_code == 404
    client.force_login(demo_user("tu"))
    assert client.get(url).status_code == 403
    assert _receipts() == (0, 0)


def test_the_party_previews_its_own_request_scan_only(client, demo_user, party_user, official):
    client.force_login(party_user())
    _submit(client, official)
    submission = OnlineSubmission.objects.get()
    url = reverse("portal:submission_scan_preview", args=[submission.pk])
    page = client.get(reverse("portal:submission", args=[submission.pk])).content.decode()
    assert f'<img src="{url}?gambar=1"' in page
    assert_disarmed_pdf_preview(client.get(url), submission.scan.read())

    client.force_login(party_user("nasdem1", "NasDem"))
    assert client.get(url).status_code == 404
    client.force_login(demo_user("kabag"))
    assert client.get(url).status_code == 403


def test_tata_usaha_previews_a_queued_scan_of_its_own_office(
    client, demo_user, party_user, official
):
    """Tata Usaha checks the scan on the queue page before registering it; the preview is
    checked as the download is (Tata Usaha of the office only)."""
    client.force_login(party_user())
    _submit(client, official)
    submission = OnlineSubmission.objects.get()
    url = reverse("portal:queue_scan_preview", args=[submission.pk])
    assert client.get(url).status_code == 403  # the party itself uses its own page
    client.force_login(demo_user("tu"))
    page = client.get(reverse("portal:queue_detail", args=[submission.pk])).content.decode()
    assert f'<img src="{url}?gambar=1"' in page
    assert_disarmed_pdf_preview(client.get(url), submission.scan.read())
    client.force_login(demo_user("kabag"))
    assert client.get(url).status_code == 403
