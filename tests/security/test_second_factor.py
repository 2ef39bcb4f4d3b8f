"""The second factor (TOTP with recovery codes): required for signers and administrators (and
every other managing duty: test_second_factor_by_duty.py), entered after the password,
throttled like the login, and needed to sign."""

import re

import pytest
from django.conf import settings as django_settings
from django.contrib.auth import get_user_model
from django_otp.plugins.otp_totp.models import TOTPDevice

from autentika.core.models import AuditEvent, AuditEventType
from autentika.letters.models import SignedLetter
from autentika.letters.services import LetterSigningError, letter_sign
from autentika.organization import second_factor as sf
from autentika.signing import reauth
from tests.support.letters import PASSWORD

pytestmark = pytest.mark.django_db

HOME = "/"
SETUP = "/akun/dua-langkah/aktifkan/"
CODE = "/masuk/kode/"


@pytest.fixture(autouse=True)
def otp_required(settings):
    settings.AUTENTIKA_OTP_REQUIRED = True


def _password_login(client, username: str):
    response = client.post("/masuk/", {"username": username, "password": PASSWORD})
    assert response.status_code == 302, response.content.decode()[:500]
    return response


def test_signer_without_a_device_is_sent_to_enrolment_before_any_page(client, demo_user):
    client.force_login(demo_user("ketua"))
    for path in (HOME, "/hasil/", "/akun/kata-sandi/"):
        response = client.get(path)
        assert response.status_code == 302
        assert response["Location"].startswith(SETUP)
    page = client.get(SETUP)
    assert page.status_code == 200
    assert "Jabatan Anda bertugas menandatangani" in page.content.decode()
    assert client.post("/keluar/").status_code == 302  # logging out stays open


def test_administrator_must_enrol_and_other_staff_may(client, demo_user):
    admin = get_user_model().objects.create_user("admin-kantor", password=PASSWORD, is_staff=True)
    client.force_login(admin)
    assert client.get(HOME)["Location"].startswith(SETUP)
    assert "Administrator wajib" in client.get(SETUP).content.decode()
    # staff whose duties manage no people, accounts or signing may
    client.force_login(demo_user("pelaksana"))
    assert client.get(HOME).status_code == 200
    # offered: the settings page lets a non-signer enrol
    page = client.get("/akun/dua-langkah/").content.decode()
    assert "Aktifkan verifikasi dua langkah" in page


def test_enrolment_with_a_correct_code_confirms_and_shows_recovery_codes(client, demo_user):
    ketua = demo_user("ketua")
    client.force_login(ketua)
    page = client.get(SETUP).content.decode()
    # the QR code is drawn on the server: an SVG, no inline script (the CSP forbids it)
    assert '<svg width="' in page and not re.findall(r"<script(?![^>]*\bsrc=)", page)
    device = TOTPDevice.objects.get(user=ketua, confirmed=False)
    assert sf.totp_secret(device) in page

    wrong = client.post(SETUP, {"token": "000000" if sf.totp_code_now(device) != "000000" else "1"})
    assert "Kode tidak cocok" in wrong.content.decode()
    assert not sf.second_factor_enabled(ketua)

    done = client.post(SETUP, {"token": sf.totp_code_now(device)})
    assert done.status_code == 200
    body = done.content.decode()
    assert "Kode pemulihan" in body and "hanya ditampilkan sekali" in body
    assert sf.second_factor_enabled(ketua)
    assert sf.recovery_codes_left(ketua) == sf.RECOVERY_CODE_COUNT
    assert client.get(HOME).status_code == 200  # this session is verified now
    assert AuditEvent.objects.filter(actor=ketua, event_type=AuditEventType.OTP_ENROLLED).exists()


def test_login_asks_for_the_code_after_the_password(client, demo_user):
    device = sf.demo_totp_device(user=demo_user("ketua"))
    _password_login(client, "ketua")
    redirected = client.get("/hasil/")
    assert redirected.status_code == 302 and redirected["Location"].startswith(CODE)
    step = client.get(redirected["Location"])
    assert "Verifikasi dua langkah" in step.content.decode()
    # an enrolment page cannot be used to skip the code
    assert client.get(SETUP)["Location"].startswith(CODE)

    accepted = client.post(CODE, {"token": sf.totp_code_now(device), "next": "/hasil/"})
    assert accepted.status_code == 302 and accepted["Location"] == "/hasil/"
    assert client.get("/hasil/").status_code == 200


def test_a_user_without_a_device_logs_in_with_the_password_alone(client, demo_user):
    _password_login(client, "pelaksana")
    assert client.get(HOME).status_code == 200


def test_wrong_code_is_refused_in_indonesian_and_throttled_like_the_login(client, demo_user):
    ketua = demo_user("ketua")
    device = sf.demo_totp_device(user=ketua)
    _password_login(client, "ketua")
    limit = django_settings.AXES_FAILURE_LIMIT
    for _ in range(limit - 1):
        refused = client.post(CODE, {"token": "12345"})
        assert refused.status_code == 200
        assert "Kode verifikasi salah atau sudah kedaluwarsa" in refused.content.decode()
    locked = client.post(CODE, {"token": "12345"})
    assert locked.status_code == 429
    assert "dikunci sementara" in locked.content.decode()
    assert client.get(HOME)["Location"].startswith("/masuk/")  # logged out

    # a new password login does not reset the count: even the right code is refused now
    _password_login(client, "ketua")
    again = client.post(CODE, {"token": sf.totp_code_now(device)})
    assert again.status_code == 429
    failures = AuditEvent.objects.filter(actor=ketua, event_type=AuditEventType.OTP_FAILED)
    assert failures.count() == limit
    assert not AuditEvent.objects.filter(event_type=AuditEventType.OTP_VERIFIED).exists()


def test_recovery_code_works_once(client, demo_user):
    ketua = demo_user("ketua")
    sf.demo_totp_device(user=ketua)
    codes = sf.recovery_codes_create(user=ketua)
    assert len(codes) == 10 and len(set(codes)) == 10

    _password_login(client, "ketua")
    accepted = client.post(CODE, {"token": codes[0].upper()})
    assert accepted.status_code == 302
    assert client.get(HOME).status_code == 200
    assert sf.recovery_codes_left(ketua) == 9
    client.post("/keluar/")

    _password_login(client, "ketua")
    reused = client.post(CODE, {"token": codes[0]})
    assert "Kode verifikasi salah" in reused.content.decode()
    # regenerating replaces every earlier code
    fresh = sf.recovery_codes_create(user=ketua)
    assert client.post(CODE, {"token": codes[1]}).status_code == 200
    assert client.post(CODE, {"token": fresh[0]}).status_code == 302


def test_signing_is_refused_without_a_verified_session(official, at_signer, demo_user, signer_keys):
    draft = at_signer()
    ketua = demo_user("ketua")
    with pytest.raises(LetterSigningError) as caught:
        letter_sign(draft=draft, actor=ketua, password=PASSWORD, passphrase=signer_keys)
    assert "verifikasi dua langkah" in "; ".join(caught.value.messages)
    assert reauth.SECOND_FACTOR_MISSING in caught.value.messages
    assert not SignedLetter.objects.exists()

    # the same signer, verified with a code of their own device, signs
    device = sf.demo_totp_device(user=ketua)
    ketua = demo_user("ketua")
    assert sf.actor_verify(user=ketua, token=sf.totp_code_now(device))
    letter = letter_sign(draft=draft, actor=ketua, password=PASSWORD, passphrase=signer_keys)
    assert letter.number


def test_signing_page_refuses_an_unverified_session(
    client, official, at_signer, demo_user, signer_keys, settings
):
    draft = at_signer()
    # a device owner whose session skipped the code (e.g. an old session) is sent to the code
    sf.demo_totp_device(user=demo_user("ketua"))
    client.force_login(demo_user("ketua"))
    response = client.post(
        f"/konsep/{draft.pk}/tandatangani/", {"password": PASSWORD, "passphrase": signer_keys}
    )
    assert response.status_code == 302 and response["Location"].startswith(CODE)
    assert not SignedLetter.objects.exists()
