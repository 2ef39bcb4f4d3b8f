"""Re-authentication at signing: one message for any wrong secret, throttled and locked out
like the login (AXES_FAILURE_LIMIT failures, AXES_COOLOFF_TIME)."""

import datetime as dt

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from autentika.letters.models import SignedLetter
from autentika.letters.services import LetterSigningError, letter_sign
from autentika.signing import reauth
from tests.support.letters import PASSWORD

pytestmark = pytest.mark.django_db


def _try(draft, demo_user, *, password=PASSWORD, passphrase):
    return letter_sign(
        draft=draft, actor=demo_user("ketua"), password=password, passphrase=passphrase
    )


def _refusal(draft, demo_user, **secrets) -> str:
    with pytest.raises(LetterSigningError) as caught:
        _try(draft, demo_user, **secrets)
    return "; ".join(caught.value.messages)


def test_wrong_password_and_wrong_passphrase_give_one_message(
    official, at_signer, demo_user, signer_keys
):
    draft = at_signer()
    wrong_password = _refusal(draft, demo_user, password="salah", passphrase=signer_keys)
    wrong_passphrase = _refusal(draft, demo_user, passphrase="salah")
    assert wrong_password == wrong_passphrase == reauth.WRONG_SECRET
    assert "Kata sandi atau frasa sandi salah" in wrong_password


def test_lockout_after_the_login_limit_even_with_right_secrets(
    official, at_signer, demo_user, signer_keys, monkeypatch
):
    draft = at_signer()
    limit = settings.AXES_FAILURE_LIMIT
    for attempt in range(limit):
        secrets = {"password": "salah"} if attempt % 2 else {"passphrase": "salah"}
        secrets.setdefault("passphrase", signer_keys)
        assert _refusal(draft, demo_user, **secrets) == reauth.WRONG_SECRET
    # the right secrets are refused now without being checked: no oracle while locked
    locked = _refusal(draft, demo_user, passphrase=signer_keys)
    assert "dikunci" in locked and "15 menit" in locked
    assert not SignedLetter.objects.exists()
    # after the cool-off the signer may sign again
    later = timezone.now() + dt.timedelta(hours=settings.AXES_COOLOFF_TIME, minutes=1)
    monkeypatch.setattr(reauth.timezone, "now", lambda: later)
    assert reauth.lockout_remaining(actor=demo_user("ketua")) == 0
    monkeypatch.undo()


def test_success_starts_the_count_again(official, at_signer, demo_user, signer_keys):
    first = at_signer()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        _refusal(first, demo_user, password="salah", passphrase=signer_keys)
    _try(first, demo_user, passphrase=signer_keys)
    assert reauth.lockout_remaining(actor=demo_user("ketua")) == 0
    second = at_signer(letter_number="046/DPD-GOLKAR/SU/I/2025")
    assert _refusal(second, demo_user, password="salah", passphrase=signer_keys) == (
        reauth.WRONG_SECRET
    )
    assert reauth.lockout_remaining(actor=demo_user("ketua")) == 0


def test_a_login_locked_out_by_axes_locks_signing(
    client, official, at_signer, demo_user, signer_keys
):
    draft = at_signer()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("login"), {"username": "ketua", "password": "salah"})
    assert "dikunci" in _refusal(draft, demo_user, passphrase=signer_keys)


def test_signing_page_locks_out(client, official, at_signer, demo_user, signer_keys):
    draft = at_signer()
    client.force_login(demo_user("ketua"))
    url = reverse("letters:sign", args=[draft.pk])
    for _ in range(settings.AXES_FAILURE_LIMIT):
        page = client.post(url, {"password": "salah", "passphrase": signer_keys}, follow=True)
        assert reauth.WRONG_SECRET in page.content.decode()
    page = client.post(
        url, {"password": PASSWORD, "passphrase": signer_keys}, follow=True
    ).content.decode()
    assert "dikunci" in page
    assert not SignedLetter.objects.exists()
