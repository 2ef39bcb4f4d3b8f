"""A refused online request names what is wrong at the field (the scan at the scan), with a
line above saying it was not sent."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from tests.security import samples


def _field_errors(page: str, field: str) -> str:
    start = page.index(f'id="id_{field}-errors"')
    return page[start : page.index("</div></div>", start)]


@pytest.mark.django_db
def test_a_refused_portal_scan_is_named_at_the_scan(client, official, party_user):
    client.force_login(party_user())
    page = client.post(
        reverse("portal:submit"),
        {
            "party": official.parties.get(number=4).pk,
            "party_level": "DPD",
            "letter_number": "77/DPD-GOLKAR/2025",
            "letter_date": (timezone.localdate() - dt.timedelta(days=1)).isoformat(),
            "subject": "Permohonan data autentifikasi",
            "elections": [official.pk],
            "purpose": "financial_aid",
            "scan": SimpleUploadedFile("a.pdf", samples.html_with_pdf_header()),
        },
    ).content.decode()
    assert "Surat permohonan (a.pdf)" in _field_errors(page, "scan")
    assert "periksa isian yang ditandai di bawah" in page
