"""Tata Usaha's registration form keeps the scans of a refused attempt (issue #16): they are
named on the form again and used when the corrected form is sent, without choosing them again;
only by the user who chose them; and a scan is stored once, with the case, never twice."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from autentika.cases.models import Case, CaseDocument
from autentika.organization.models import Assignment, AssignmentKind, PositionCode
from tests.cases.test_views import _form
from tests.security import samples
from tests.support.documents import scan_pdf

pytestmark = pytest.mark.django_db


def _kept_files() -> list[Path]:
    root = Path(settings.AUTENTIKA_KEPT_UPLOADS_DIR)
    return sorted(root.glob("*.bin")) if root.is_dir() else []


def _tokens(page: str, field: str) -> list[str]:
    return re.findall(rf'name="{field}_kept" value="([^"]+)"', page)


def _without_files(data: dict) -> dict:
    return {k: v for k, v in data.items() if k not in ("letter_scan", "attachments")}


@pytest.fixture(autouse=True)
def _no_kept_files():
    for path in Path(settings.AUTENTIKA_KEPT_UPLOADS_DIR).glob("*"):
        path.unlink()


def test_scans_survive_a_refused_form_and_are_used_when_it_is_corrected(
    client, demo_user, golkar, official_without_figures
):
    client.force_login(demo_user("tu"))
    attachment = SimpleUploadedFile("lampiran.png", samples.png(), "image/png")
    refused = client.post(
        reverse("cases:create"),
        _form(golkar, official_without_figures, subject="", attachments=[attachment]),
    )
    page = refused.content.decode()
    assert refused.status_code == 200 and not Case.objects.exists()
    assert "Berkas yang sudah dipilih: <strong>surat.pdf</strong>" in page
    assert "tetap dipakai" in page and "lampiran.png" in page
    scan_token, attachment_token = _tokens(page, "letter_scan"), _tokens(page, "attachments")
    assert len(scan_token) == 1 and len(attachment_token) == 1
    assert len(_kept_files()) == 2

    corrected = _without_files(_form(golkar, official_without_figures))
    corrected |= {"letter_scan_kept": scan_token, "attachments_kept": attachment_token}
    response = client.post(reverse("cases:create"), corrected)
    case = Case.objects.get()
    assert response.status_code == 302
    documents = {d.kind: d for d in case.documents.all()}
    assert documents["letter"].original_name == "surat.pdf"
    assert documents["letter"].file.read() == scan_pdf()
    assert documents["attachment"].original_name == "lampiran.png"
    # Stored once, with the case: the kept copies are gone, and the token cannot be used again.
    assert _kept_files() == []
    again = client.post(reverse("cases:create"), corrected | {"letter_number": "78/DPD/2025"})
    assert "Pindaian surat permohonan wajib diunggah" in again.content.decode()
    assert CaseDocument.objects.count() == 2


def test_a_kept_scan_is_dropped_when_its_remove_box_is_ticked(
    client, demo_user, golkar, official_without_figures
):
    client.force_login(demo_user("tu"))
    page = client.post(
        reverse("cases:create"), _form(golkar, official_without_figures, subject="")
    ).content
    token = _tokens(page.decode(), "letter_scan")
    data = _without_files(_form(golkar, official_without_figures)) | {
        "letter_scan_kept": token,
        "kept_drop": token,
    }
    response = client.post(reverse("cases:create"), data)
    assert "Pindaian surat permohonan wajib diunggah" in response.content.decode()
    assert not Case.objects.exists() and _kept_files() == []


def test_a_new_scan_replaces_the_kept_one(client, demo_user, golkar, official_without_figures):
    client.force_login(demo_user("tu"))
    page = client.post(
        reverse("cases:create"), _form(golkar, official_without_figures, subject="")
    ).content
    token = _tokens(page.decode(), "letter_scan")
    new = SimpleUploadedFile("surat-baru.png", samples.png(), "image/png")
    client.post(
        reverse("cases:create"),
        _form(golkar, official_without_figures, letter_scan=new) | {"letter_scan_kept": token},
    )
    document = Case.objects.get().documents.get()
    assert document.original_name == "surat-baru.png" and document.content_type == "image/png"
    assert _kept_files() == []


def test_a_refused_scan_is_not_kept(client, demo_user, golkar, official_without_figures):
    """Only a file that passed its content check is kept; the form says why this one did not."""
    client.force_login(demo_user("tu"))
    fake = SimpleUploadedFile("surat.pdf", samples.html_with_pdf_header(), "application/pdf")
    page = client.post(
        reverse("cases:create"),
        _form(golkar, official_without_figures, subject="", letter_scan=fake),
    ).content.decode()
    assert "Berkas yang sudah dipilih" not in page and "ditolak" in page
    assert _kept_files() == []


def test_another_users_token_is_refused(client, demo_user, sumut, golkar, official_without_figures):
    """A kept scan is the chooser's: another Tata Usaha of the same office sending its token
    gets no scan, and the owner's kept file is neither used nor removed."""
    client.force_login(demo_user("tu"))
    page = client.post(
        reverse("cases:create"), _form(golkar, official_without_figures, subject="")
    ).content
    token = _tokens(page.decode(), "letter_scan")
    other = get_user_model().objects.create_user("tu2", first_name="Tata Usaha Kedua")
    Assignment.objects.create(
        user=other,
        position=sumut.positions.get(code=PositionCode.TU),
        kind=AssignmentKind.DEFINITIVE,
        starts_on=timezone.localdate(),
    )
    intruder = Client()
    intruder.force_login(other)
    data = _without_files(_form(golkar, official_without_figures)) | {
        "letter_scan_kept": token,
        "kept_drop": token,
    }
    response = intruder.post(reverse("cases:create"), data)
    assert "Pindaian surat permohonan wajib diunggah" in response.content.decode()
    assert not Case.objects.exists() and len(_kept_files()) == 1
    # The owner still can.
    data = _without_files(_form(golkar, official_without_figures)) | {"letter_scan_kept": token}
    assert client.post(reverse("cases:create"), data).status_code == 302
    assert Case.objects.get().registered_by == demo_user("tu")


def test_a_failed_save_stores_nothing_and_keeps_the_scan_once(
    client, demo_user, golkar, official_without_figures
):
    """The duplicate warning refuses the save: no document is stored, the scan stays kept
    (once), and the registration with a reason stores it once."""
    client.force_login(demo_user("tu"))
    client.post(reverse("cases:create"), _form(golkar, official_without_figures))
    stored = set(Path(settings.PRIVATE_FILES_ROOT).rglob("*.pdf"))
    page = client.post(
        reverse("cases:create"), _form(golkar, official_without_figures)
    ).content.decode()
    assert "Kemungkinan surat ganda" in page and Case.objects.count() == 1
    assert set(Path(settings.PRIVATE_FILES_ROOT).rglob("*.pdf")) == stored
    token = _tokens(page, "letter_scan")
    assert len(token) == 1 and len(_kept_files()) == 1
    data = _without_files(_form(golkar, official_without_figures, duplicate_reason="Dikirim ulang"))
    assert (
        client.post(reverse("cases:create"), data | {"letter_scan_kept": token}).status_code == 302
    )
    assert Case.objects.count() == 2 and CaseDocument.objects.count() == 2
    assert _kept_files() == []


def test_a_kept_scan_survives_a_second_refusal(client, demo_user, golkar, official_without_figures):
    client.force_login(demo_user("tu"))
    page = client.post(
        reverse("cases:create"), _form(golkar, official_without_figures, subject="")
    ).content
    token = _tokens(page.decode(), "letter_scan")
    data = _without_files(_form(golkar, official_without_figures, subject="")) | {
        "letter_scan_kept": token
    }
    again = client.post(reverse("cases:create"), data).content.decode()
    assert _tokens(again, "letter_scan") == token and "tetap dipakai" in again
    assert len(_kept_files()) == 1
