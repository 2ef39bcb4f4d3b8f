import io
import json

import pytest
from django.core.management import CommandError, call_command

from autentika.letters.models import SignedLetter
from autentika.organization.demo import DEMO_OFFICES, demo_office_seed
from autentika.results.demo import results_demo_seed
from autentika.signing.trust import trust_roots_load
from autentika.signing.validation import pdf_validate


@pytest.mark.django_db
def test_demo_request_end_to_end(official, demo_pki, tmp_path):
    out = tmp_path / "surat.pdf"
    buffer = io.StringIO()
    call_command("demo_request", office="kpu-sumut", party=4, out=str(out), stdout=buffer)
    summary = json.loads(buffer.getvalue())
    letter = SignedLetter.objects.get()
    assert summary["letter_number"] == letter.number
    assert summary["sha256"] == letter.sha256
    assert out.read_bytes() == bytes(letter.pdf)
    assert [s["step"] for s in summary["steps"]] == [
        "register",
        "dispose",
        "dispose",
        "dispose",
        "dispose",
        "draft",
        "submit",
        "initial",
        "initial",
        "initial",
        "sign",
    ]
    assert summary["steps"][-1]["position"] == "KETUA"
    # B-LTA: valid from the file alone (revocation data required, nothing fetched)
    report = pdf_validate(pdf_bytes=out.read_bytes(), trust_roots=trust_roots_load())
    assert report.valid and report.long_term, report.error


@pytest.mark.django_db
def test_demo_request_standalone_starts_the_demo_pki_itself(official, settings, tmp_path):
    # A fresh office files root: a demo CA whose services nobody runs yet.
    from autentika.demo.pki_service import port_bind_free

    probe = port_bind_free()
    port = probe.server_port
    probe.server_close()
    settings.PRIVATE_FILES_ROOT = tmp_path / "files"
    settings.AUTENTIKA_DEMO_PKI_URL = f"http://127.0.0.1:{port}"
    settings.AUTENTIKA_TSA_URL = f"http://127.0.0.1:{port}/demo/tsa/tsa"
    out = tmp_path / "surat.pdf"
    call_command("demo_request", office="kpu-sumut", party=4, out=str(out), stdout=io.StringIO())
    report = pdf_validate(pdf_bytes=out.read_bytes(), trust_roots=trust_roots_load())
    assert report.valid and report.long_term, report.error


@pytest.mark.django_db
def test_demo_request_refuses_sample_without_flag(sample, tmp_path):
    with pytest.raises(CommandError, match="allow-sample"):
        call_command("demo_request", office="kpu-sumut", party=4, out=str(tmp_path / "x.pdf"))


@pytest.mark.django_db
def test_demo_request_sample_only_in_training_mode(sample, sumut, tmp_path):
    sumut.training_mode = False
    sumut.save()
    with pytest.raises(CommandError, match="mode latihan"):
        call_command(
            "demo_request",
            office="kpu-sumut",
            party=4,
            out=str(tmp_path / "x.pdf"),
            allow_sample=True,
        )


@pytest.mark.django_db
def test_demo_request_sample_in_training_mode_is_specimen(sample, demo_pki, tmp_path):
    buffer = io.StringIO()
    call_command(
        "demo_request",
        office="kpu-sumut",
        party=4,
        out=str(tmp_path / "x.pdf"),
        allow_sample=True,
        stdout=buffer,
    )
    assert json.loads(buffer.getvalue())["specimen"] is True


@pytest.mark.django_db
@pytest.mark.parametrize("signing", ["bsre", "bsre-v2", "csc"])
def test_demo_request_through_each_remote_backend(official, demo_pki, tmp_path, signing):
    import shutil
    import subprocess

    out = tmp_path / "surat.pdf"
    buffer = io.StringIO()
    call_command(
        "demo_request", office="kpu-sumut", party=4, out=str(out), signing=signing, stdout=buffer
    )
    summary = json.loads(buffer.getvalue())
    assert summary["signing"] == signing
    letter = SignedLetter.objects.get()
    report = pdf_validate(pdf_bytes=out.read_bytes(), trust_roots=trust_roots_load())
    assert report.valid and report.long_term, report.error
    # The signer's certificate comes from the simulator's BSrE test intermediate.
    from pyhanko.pdf_utils.reader import PdfFileReader

    embedded = PdfFileReader(io.BytesIO(out.read_bytes())).embedded_regular_signatures[0]
    assert "BSrE TEST" in embedded.signer_cert.issuer.human_friendly
    assert "1271014101800001" in letter.certificate_subject
    verify = io.StringIO()
    call_command("verify_letter", str(out), stdout=verify)
    assert json.loads(verify.getvalue())["valid"] is True
    if shutil.which("pdfsig"):
        result = subprocess.run(["pdfsig", str(out)], capture_output=True, text=True)
        assert "Signature is Valid" in result.stdout


# A party per demo office. KPU RI's demo votes per dapil are the public recap, whose sums differ
# from the decision's printed totals for every party: the results manager records an
# explanation citing the decision (certifying the printed total) before the letter can sign.
DEMO_PARTY = {"kpu-sumut": (4, None), "kpu-ri": (1, "ri-pelaksana")}


def _explain_every_difference(office_code: str, party_number: int, username: str) -> None:
    from django.contrib.auth import get_user_model

    from autentika.results.explanations import figure_explanation_record, printed_differences
    from autentika.results.models import CertifiedFigure, Party, SettlingDocument
    from autentika.results.selectors import election_current_version

    party = Party.objects.get(election__office__code=office_code, number=party_number)
    version = election_current_version(election=party.election)
    assert version is not None
    for figure, _, _ in printed_differences(version=version, party=party):
        figure_explanation_record(
            version=version,
            party=party,
            figure=figure,
            certified=CertifiedFigure.PRINTED_TOTAL,
            document_kind=SettlingDocument.DECISION,
            document_number=version.decision.number,
            document_date=version.decision.date,
            explanation="Jumlah per dapil berasal dari rekapitulasi publik; surat menyatakan "
            "total yang tercetak dalam keputusan penetapan.",
            actor=get_user_model().objects.get(username=username),
        )


@pytest.mark.django_db
@pytest.mark.parametrize("office", [office.code for office in DEMO_OFFICES])
def test_the_default_letter_of_every_demo_office_signs(office, tmp_path):
    """Written only with placeholders, read back before signing, on the demo data."""
    for demo in DEMO_OFFICES:
        demo_office_seed(demo)
    results_demo_seed(lambda _: None)
    party, results_manager = DEMO_PARTY[office]
    if results_manager:
        _explain_every_difference(office, party, results_manager)
    out = tmp_path / "surat.pdf"
    buffer = io.StringIO()
    call_command(
        "demo_request", office=office, party=party, out=str(out), allow_sample=True, stdout=buffer
    )
    letter = SignedLetter.objects.get(number=json.loads(buffer.getvalue())["letter_number"])
    assert letter.office.code == office
    report = pdf_validate(pdf_bytes=out.read_bytes(), trust_roots=trust_roots_load())
    assert report.valid and report.long_term, report.error
