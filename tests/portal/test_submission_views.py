"""The party's online request form keeps its scan when the form is refused (issue #16): the
corrected form is sent without choosing the scan again, and only the party user who chose it
may use it."""

import datetime as dt
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from autentika.portal.models import OnlineSubmission
from tests.support.documents import scan_pdf

pytestmark = pytest.mark.django_db


def _data(election, **overrides):
    data = {
        "party": election.parties.get(number=4).pk,
        "party_level": "DPD",
        "letter_number": "77/DPD-GOLKAR/2025",
        "letter_date": (timezone.localdate() - dt.timedelta(days=1)).isoformat(),
        "subject": "Permohonan data autentifikasi",
        "elections": [election.pk],
        "purpose": "financial_aid",
        "scan": SimpleUploadedFile("permohonan.pdf", scan_pdf(), "application/pdf"),
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def _token(page: str) -> list[str]:
    return re.findall(r'name="scan_kept" value="([^"]+)"', page)


def _kept_files() -> list[Path]:
    return sorted(Path(settings.AUTENTIKA_KEPT_UPLOADS_DIR).glob("*.bin"))


def test_the_scan_survives_a_refused_form_and_is_sent_with_the_corrected_one(
    client, party_user, official
):
    client.force_login(party_user())
    refused = client.post(reverse("portal:submit"), _data(official, letter_date="2999-01-01"))
    page = refused.content.decode()
    assert refused.status_code == 200 and not OnlineSubmission.objects.exists()
    assert "Berkas yang sudah dipilih: <strong>permohonan.pdf</strong>" in page
    token = _token(page)
    assert len(token) == 1
    # The file input no longer insists on a file: the kept one stands for it.
    assert re.search(r'<input type="file" name="scan"[^>]*>', page)
    assert not re.search(r'<input type="file" name="scan"[^>]*\brequired', page)

    response = client.post(
        reverse("portal:submit"), _data(official, scan=None) | {"scan_kept": token}
    )
    assert response.status_code == 302, response.content.decode()[:500]
    submission = OnlineSubmission.objects.get()
    assert submission.scan_name == "permohonan.pdf"
    assert submission.scan.read() == scan_pdf()
    assert not any(path.stem == token[0] for path in _kept_files())


def test_another_party_users_token_is_refused(client, party_user, official):
    client.force_login(party_user("golkar1"))
    page = client.post(reverse("portal:submit"), _data(official, letter_date="2999-01-01"))
    token = _token(page.content.decode())
    other = Client()
    other.force_login(party_user("golkar2"))
    response = other.post(
        reverse("portal:submit"), _data(official, scan=None) | {"scan_kept": token}
    )
    assert response.status_code == 200
    assert "Bidang ini tidak boleh kosong" in response.content.decode()
    assert not OnlineSubmission.objects.exists()
    assert any(path.stem == token[0] for path in _kept_files())
