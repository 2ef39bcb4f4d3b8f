"""`manage.py letters_sign_bulk`: the command line's bulk signing, secrets from stdin."""

import io

import pytest
from django.core.management import CommandError, call_command

from autentika.letters.models import SignedLetter
from tests.letters.conftest import PASSWORD


@pytest.mark.django_db
def test_the_command_signs_every_draft_awaiting_the_signer(
    official, at_signer, demo_user, signer_keys, monkeypatch
):
    drafts = [at_signer(letter_number=f"{i}/DPD/2025") for i in range(2)]
    monkeypatch.setattr("sys.stdin", io.StringIO(f"{PASSWORD}\n{signer_keys}\n"))
    out = io.StringIO()
    call_command("letters_sign_bulk", office="kpu-sumut", signer="ketua", stdout=out)
    letters = SignedLetter.objects.order_by("sequence")
    assert [letter.draft_id for letter in letters] == [draft.pk for draft in drafts]
    text = out.getvalue()
    assert "2 surat akan diberi nomor dan ditandatangani" in text
    for letter in letters:
        assert f"Nomor {letter.number}" in text
    assert "Selesai: 2 ditandatangani, 0 gagal" in text
    assert PASSWORD not in text and signer_keys not in text


@pytest.mark.django_db
def test_the_command_refuses_a_wrong_passphrase_and_signs_nothing(
    official, at_signer, demo_user, signer_keys, monkeypatch
):
    at_signer()
    monkeypatch.setattr("sys.stdin", io.StringIO(f"{PASSWORD}\nsalah\n"))
    with pytest.raises(CommandError, match="Kata sandi atau frasa sandi salah"):
        call_command("letters_sign_bulk", office="kpu-sumut", signer="ketua", stdout=io.StringIO())
    assert not SignedLetter.objects.exists()


@pytest.mark.django_db
def test_list_only_shows_the_drafts(official, at_signer, demo_user, signer_keys):
    draft = at_signer()
    out = io.StringIO()
    call_command("letters_sign_bulk", office="kpu-sumut", signer="ketua", list=True, stdout=out)
    assert f"agenda {draft.case.agenda_label}" in out.getvalue()
    assert "1 konsep menunggu tanda tangan ketua" in out.getvalue()
    assert not SignedLetter.objects.exists()
