"""A specimen is never valid: the page, the API, `verify_letter` and the letter itself say so."""

import io
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from tests.letters.conftest import sample  # noqa: F401
from tests.pdf import pdf_text
from tests.verification.conftest import sign  # noqa: F401


@pytest.fixture
def specimen(sample, sign):  # noqa: F811
    letter = sign()
    assert letter.is_specimen
    return letter


@pytest.mark.django_db
def test_the_public_page_of_a_specimen_reads_as_one_verdict(client, specimen):
    response = client.get(f"/verifikasi/{specimen.verification_token}/")
    html = response.content.decode()
    assert 'data-status="specimen"' in html
    assert "SPESIMEN: bukan surat yang sah" in html
    assert "sah dan berlaku" not in html


@pytest.mark.django_db
def test_the_api_never_calls_a_specimen_valid(client, specimen):
    body = client.get(f"/api/v1/letters/{specimen.verification_token}").json()
    assert body["valid"] is False
    assert body["status"] == "specimen"
    upload = SimpleUploadedFile("surat.pdf", bytes(specimen.pdf), "application/pdf")
    body = client.post("/api/v1/verify", {"file": upload}).json()
    assert body["valid"] is False
    assert body["status"] == "specimen"
    assert body["signature_valid"] is True


@pytest.mark.django_db
def test_the_uploaded_specimen_is_named_so(client, specimen):
    upload = SimpleUploadedFile("surat.pdf", bytes(specimen.pdf), "application/pdf")
    response = client.post("/verifikasi/", {"file": upload})
    assert response.context["verdict"].status == "specimen"
    assert response.context["verdict"].valid is False


@pytest.mark.django_db
def test_verify_letter_exits_non_zero_for_a_specimen(specimen, tmp_path):
    path = tmp_path / "spesimen.pdf"
    path.write_bytes(bytes(specimen.pdf))
    out = io.StringIO()
    with pytest.raises(SystemExit) as exited:
        call_command("verify_letter", str(path), stdout=out)
    assert exited.value.code == 1
    result = json.loads(out.getvalue())
    assert result["valid"] is False
    assert result["status"] == "specimen"


@pytest.mark.django_db
def test_the_specimen_letter_itself_says_so_on_every_page(specimen):
    from io import BytesIO

    from pypdf import PdfReader

    pages = PdfReader(BytesIO(bytes(specimen.pdf))).pages
    assert len(pages) >= 2  # the letter and its lampiran
    for page in pages:
        assert "SPESIMEN" in (page.extract_text() or "")
    assert "bukan dokumen resmi" in pdf_text(bytes(specimen.pdf)).replace("\n", " ").lower()


@pytest.mark.django_db
def test_checking_the_specimen_file_on_its_own_page_reads_as_one_verdict(client, specimen):
    upload = SimpleUploadedFile("surat.pdf", bytes(specimen.pdf), "application/pdf")
    html = client.post(f"/verifikasi/{specimen.verification_token}/", {"file": upload}).content
    page = html.decode()
    assert "SPESIMEN" in page
    assert "sah dan berlaku" not in page
    assert "alert-success" not in page
