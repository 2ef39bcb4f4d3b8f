"""A specimen is never valid: the page, the API, `verify_letter` and the letter itself say so."""

import io
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from autentika.letters.services import letter_sign
from autentika.results.decision_status import decision_status_change
from autentika.results.models import DecisionStatus
from tests.pdf import pdf_text
from tests.support.letters import PASSWORD, archive_results, verified


@pytest.fixture
def specimen(sample, sign):
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


@pytest.mark.django_db
def test_sample_data_the_admin_tried_to_make_official_still_signs_only_as_a_specimen(
    admin_client,
    client,
    sample,
    sign,
    tmp_path,
):
    """The attack of issue 25: a user with access to decisions sets a sample decision to
    official in the admin, then a letter is drawn from the invented figures. The status stays
    sample, and the letter reads as a specimen on the PDF, the page, the API and the CLI."""
    decision = sample.decisions.get()
    response = admin_client.post(
        f"/admin/results/decision/{decision.pk}/change/",
        {
            "election": sample.pk,
            "number": decision.number,
            "date": decision.date.strftime("%d-%m-%Y"),
            "title": decision.title,
            "status": DecisionStatus.OFFICIAL,
        },
    )
    assert response.status_code == 302  # saved, with the posted status ignored
    decision.refresh_from_db()
    assert decision.status == DecisionStatus.SAMPLE

    letter = sign()
    assert "SPESIMEN" in pdf_text(bytes(letter.pdf))
    page = client.get(f"/verifikasi/{letter.verification_token}/").content.decode()
    assert 'data-status="specimen"' in page and "sah dan berlaku" not in page
    body = client.get(f"/api/v1/letters/{letter.verification_token}").json()
    assert (body["valid"], body["status"]) == (False, "specimen")
    path = tmp_path / "surat.pdf"
    path.write_bytes(bytes(letter.pdf))
    out = io.StringIO()
    with pytest.raises(SystemExit):
        call_command("verify_letter", str(path), stdout=out)
    assert json.loads(out.getvalue())["status"] == "specimen"


@pytest.mark.django_db
def test_a_letter_drafted_from_provisional_figures_stays_a_specimen_once_they_are_official(
    election,
    at_signer,
    demo_user,
    signer_keys,
):
    """The mark follows the figures as they were when the letter was drawn: declaring the
    decision official later does not make the earlier draft official."""
    version = archive_results(election, DecisionStatus.PROVISIONAL)
    draft = at_signer()
    decision_status_change(
        decision=version.decision,
        actor=demo_user("kabag"),
        status=DecisionStatus.OFFICIAL,
        reason="Ditetapkan dalam rapat pleno terbuka.",
    )
    letter = letter_sign(
        draft=draft, actor=verified(demo_user("ketua")), password=PASSWORD, passphrase=signer_keys
    )
    assert letter.is_specimen
    assert "SPESIMEN" in pdf_text(bytes(letter.pdf))
