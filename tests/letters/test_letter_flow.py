"""Drafting, initials up the chain, numbering and signing a letter."""

import json
import shutil
import subprocess

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from pypdf import PdfReader

from autentika.cases.models import CaseState
from autentika.letters import services
from autentika.letters.drafting import draft_create, draft_revise
from autentika.letters.models import DraftState, OutgoingCounter, SignedLetter
from autentika.letters.review import draft_approve, draft_return, draft_submit
from autentika.letters.services import LetterSigningError, letter_sign
from autentika.results.models import PartyResult
from autentika.signing.backends import local_pkcs12
from tests.pdf import pdf_text
from tests.support.letters import PASSWORD, verified


def _sign(draft, demo_user, passphrase, **kwargs):
    return letter_sign(
        draft=draft,
        actor=verified(demo_user("ketua")),
        password=PASSWORD,
        passphrase=passphrase,
        **kwargs,
    )


def _page_texts(pdf: bytes) -> list[str]:
    from io import BytesIO

    return [" ".join((page.extract_text() or "").split()) for page in PdfReader(BytesIO(pdf)).pages]


@pytest.mark.django_db
def test_signed_letter_numbers_text_and_signature(
    official, at_signer, demo_user, signer_keys, tmp_path
):
    draft = at_signer()
    assert draft.case.state == CaseState.SIGNING
    assert draft.case.current_position.code == "KETUA"
    letter = _sign(draft, demo_user, signer_keys)
    assert letter.number.startswith("1/PL.01.1-SD/12/")
    assert len(letter.verification_token) >= 40
    draft.case.refresh_from_db()
    assert draft.case.state == CaseState.SIGNED
    pdf = bytes(letter.pdf)
    text = pdf_text(pdf)
    party = draft.case.party
    rows = PartyResult.objects.filter(party=party, version__election=official)
    total_votes = sum(r.votes for r in rows)
    total_seats = sum(r.seats for r in rows)
    assert f"Jumlah {total_votes:,}".replace(",", ".") + f" {total_seats}" in text
    assert letter.number in text
    assert "Nomor 21 Tahun 2024" in text
    assert "Dokumen ini telah ditandatangani secara elektronik" in text
    assert "/verifikasi/" in text
    assert "SPESIMEN" not in text
    # poppler agrees the signature is valid
    if shutil.which("pdfsig"):
        path = tmp_path / "surat.pdf"
        path.write_bytes(pdf)
        out = subprocess.run(["pdfsig", str(path)], capture_output=True, text=True).stdout
        assert "Signature Validation: Signature is Valid." in out
    # verify_letter: valid, then one changed byte in the signed range
    path = tmp_path / "surat.pdf"
    path.write_bytes(pdf)
    call_command("verify_letter", str(path), stdout=(buffer := __import__("io").StringIO()))
    report = json.loads(buffer.getvalue())
    assert report["valid"] and report["intact"] and report["letter_number"] == letter.number
    assert report["status"] == "valid"
    tampered = bytearray(pdf)
    index = tampered.index(b"/Type /Page") if b"/Type /Page" in tampered else 200
    tampered[index + 1] ^= 0x01
    bad = tmp_path / "ubah.pdf"
    bad.write_bytes(bytes(tampered))
    with pytest.raises(SystemExit) as exit_info:
        call_command("verify_letter", str(bad), stdout=__import__("io").StringIO())
    assert exit_info.value.code == 1


@pytest.mark.django_db
def test_second_signature_is_refused(official, at_signer, demo_user, signer_keys):
    draft = at_signer()
    letter = _sign(draft, demo_user, signer_keys)
    with pytest.raises(LetterSigningError, match="sudah ditandatangani"):
        _sign(draft, demo_user, signer_keys)
    assert SignedLetter.objects.count() == 1
    assert OutgoingCounter.objects.get().last_number == 1
    assert letter.sequence == 1


@pytest.mark.django_db
@pytest.mark.parametrize("failure", ["password", "passphrase", "render", "sign"])
def test_failure_consumes_nothing(
    official, at_signer, demo_user, signer_keys, monkeypatch, failure
):
    draft = at_signer()
    password, passphrase = PASSWORD, signer_keys
    if failure == "password":
        password = "salah"
    elif failure == "passphrase":
        passphrase = "salah"
    elif failure == "render":
        monkeypatch.setattr(services.rendering, "letter_pdf", _boom)
    else:
        monkeypatch.setattr(local_pkcs12, "pdf_sign", _boom)
    with pytest.raises(LetterSigningError):
        letter_sign(draft=draft, actor=demo_user("ketua"), password=password, passphrase=passphrase)
    draft.refresh_from_db()
    draft.case.refresh_from_db()
    assert draft.state == DraftState.SIGNING
    assert draft.case.state == CaseState.SIGNING
    assert draft.case.current_position.code == "KETUA"
    assert SignedLetter.objects.count() == 0
    assert not OutgoingCounter.objects.filter(last_number__gt=0).exists()
    monkeypatch.undo()
    assert _sign(draft, demo_user, signer_keys).sequence == 1


def _boom(**kwargs):
    raise RuntimeError("kegagalan yang disengaja")


@pytest.mark.django_db
def test_only_the_signer_signs(official, at_signer, demo_user, signer_keys):
    draft = at_signer()
    with pytest.raises(PermissionDenied):
        letter_sign(
            draft=draft, actor=demo_user("sekretaris"), password=PASSWORD, passphrase=signer_keys
        )
    assert SignedLetter.objects.count() == 0


@pytest.mark.django_db
def test_review_order_return_and_editing_lock(official, at_drafter, demo_user):
    case = at_drafter()
    draft = draft_create(case=case, actor=demo_user("pelaksana"), kind="certificate")
    with pytest.raises(ValidationError):
        draft_create(case=case, actor=demo_user("pelaksana"), kind="certificate")
    draft_revise(draft=draft, actor=demo_user("pelaksana"), body="Isi baru yang diperbaiki.")
    draft_submit(draft=draft, actor=demo_user("pelaksana"))
    with pytest.raises(ValidationError):
        draft_submit(draft=draft, actor=demo_user("pelaksana"))
    with pytest.raises(ValidationError):
        draft_revise(draft=draft, actor=demo_user("pelaksana"), body="Diam-diam diubah.")
    with pytest.raises(PermissionDenied):
        draft_approve(draft=draft, actor=demo_user("kabag"))  # out of turn
    draft_approve(draft=draft, actor=demo_user("kasubbag"))
    draft_return(draft=draft, actor=demo_user("kabag"), note="Perbaiki perihal.")
    draft.refresh_from_db()
    assert draft.state == DraftState.EDITING
    assert draft.case.current_position.code == "PELAKSANA"
    assert draft.case.state == CaseState.DRAFTING
    version = draft_revise(
        draft=draft, actor=demo_user("pelaksana"), body="Versi ketiga.", subject="Hal baru"
    )
    assert version.number == 3
    assert [v.number for v in draft.versions.all()] == [1, 2, 3]
    assert version.tables == draft.versions.first().tables


@pytest.mark.django_db
def test_sample_results_in_training_mode_make_a_specimen(sample, at_signer, demo_user, signer_keys):
    draft = at_signer()
    letter = _sign(draft, demo_user, signer_keys)
    assert letter.is_specimen
    pages = _page_texts(bytes(letter.pdf))
    assert pages and all("SPESIMEN" in page for page in pages)


@pytest.mark.django_db
def test_sample_results_refused_outside_training_mode(sample, at_drafter, demo_user, sumut):
    case = at_drafter()
    sumut.training_mode = False
    sumut.save()
    with pytest.raises(ValidationError, match="SPESIMEN"):
        draft_create(case=case, actor=demo_user("pelaksana"), kind="certificate")


@pytest.mark.django_db
def test_specimen_draft_cannot_be_signed_once_training_ends(
    sample, at_signer, demo_user, signer_keys, sumut
):
    draft = at_signer()
    sumut.training_mode = False
    sumut.save()
    with pytest.raises(LetterSigningError, match="mode latihan"):
        _sign(draft, demo_user, signer_keys)
    assert not OutgoingCounter.objects.filter(last_number__gt=0).exists()
