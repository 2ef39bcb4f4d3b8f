"""`manage.py letters_sign_bulk`: the command line's bulk signing, secrets from stdin, checked
in the web's order (the password, then the authenticator code) and counted toward the same
lockouts."""

import io
import re

import pytest
from django.core.management import CommandError, call_command

from autentika.core.models import AuditEvent, AuditEventType
from autentika.letters.models import SignedLetter
from autentika.organization import second_factor as sf
from autentika.signing import reauth
from tests.support.letters import PASSWORD


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


def _run(monkeypatch, *lines: str) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("".join(f"{line}\n" for line in lines)))
    call_command("letters_sign_bulk", office="kpu-sumut", signer="ketua", stdout=io.StringIO())


@pytest.mark.django_db
def test_the_password_is_checked_before_the_code_and_counted(
    official, at_signer, demo_user, signer_keys, monkeypatch, settings
):
    """A wrong password is refused before the authenticator code is looked at: the code is not
    used up, and the refusal counts toward the signing lockout like the web's."""
    settings.AUTENTIKA_OTP_REQUIRED = True
    at_signer()
    device = sf.demo_totp_device(user=demo_user("ketua"))
    with pytest.raises(CommandError, match=re.escape(reauth.WRONG_SECRET)):
        _run(monkeypatch, "salah", signer_keys, sf.totp_code_now(device))
    assert not AuditEvent.objects.filter(
        event_type__in=[AuditEventType.OTP_FAILED, AuditEventType.OTP_VERIFIED]
    ).exists()
    refused = AuditEvent.objects.get(event_type=AuditEventType.LETTER_SIGN_FAILED)
    assert refused.actor == demo_user("ketua") and refused.data["error"] == reauth.WRONG_SECRET
    assert not SignedLetter.objects.exists()


@pytest.mark.django_db
def test_wrong_codes_are_counted_and_lock_the_command_like_the_web(
    official, at_signer, demo_user, signer_keys, monkeypatch, settings
):
    settings.AUTENTIKA_OTP_REQUIRED = True
    at_signer()
    device = sf.demo_totp_device(user=demo_user("ketua"))
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        with pytest.raises(CommandError, match="Kode verifikasi salah"):
            _run(monkeypatch, PASSWORD, signer_keys, "000000")
    with pytest.raises(CommandError, match="dikunci sementara"):  # the limit-th wrong code
        _run(monkeypatch, PASSWORD, signer_keys, "000000")
    failed = AuditEvent.objects.filter(event_type=AuditEventType.OTP_FAILED)
    assert failed.count() == settings.AXES_FAILURE_LIMIT
    assert {event.data["channel"] for event in failed} == {"letters_sign_bulk"}
    # now locked: even the right code is refused without being checked, and nothing is signed
    with pytest.raises(CommandError, match="dikunci sementara"):
        _run(monkeypatch, PASSWORD, signer_keys, sf.totp_code_now(device))
    assert not SignedLetter.objects.exists()
    assert not AuditEvent.objects.filter(event_type=AuditEventType.OTP_VERIFIED).exists()


@pytest.mark.django_db
def test_the_right_password_and_code_sign(
    official, at_signer, demo_user, signer_keys, monkeypatch, settings
):
    settings.AUTENTIKA_OTP_REQUIRED = True
    draft = at_signer()
    device = sf.demo_totp_device(user=demo_user("ketua"))
    _run(monkeypatch, PASSWORD, signer_keys, sf.totp_code_now(device))
    assert SignedLetter.objects.get().draft_id == draft.pk
    verified = AuditEvent.objects.get(event_type=AuditEventType.OTP_VERIFIED)
    assert verified.data == {"device": "totp", "channel": "letters_sign_bulk"}
