"""The login lockout per account across client addresses: a client that changes its
forwarded address at every guess behind one proxy is still locked once the account's
failures reach the account limit; an administrator ends a lockout from the admin's user list,
and the end is an audit event (which also ends the code-step and signing lockouts)."""

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from autentika.core.audit import audit_record
from autentika.core.login_lockout import login_lockout_remaining, login_unlock
from autentika.core.models import AuditEvent, AuditEventType
from autentika.organization import second_factor as sf
from autentika.signing import reauth

pytestmark = pytest.mark.django_db

PASSWORD = "demo-autentika"
PROXY = {"REMOTE_ADDR": "10.0.0.2"}
ACCOUNT_LIMIT = 7


@pytest.fixture(autouse=True)
def behind_one_proxy(settings):
    settings.AUTENTIKA_TRUSTED_PROXIES = 1
    settings.AXES_FAILURE_LIMIT = 5
    settings.AUTENTIKA_LOGIN_ACCOUNT_LIMIT = ACCOUNT_LIMIT


def _login(client, username: str, password: str, address: str):  # type: ignore[no-untyped-def]
    return client.post(
        reverse("login"),
        {"username": username, "password": password},
        HTTP_X_FORWARDED_FOR=address,
        **PROXY,
    )


def _locked(response) -> bool:  # type: ignore[no-untyped-def]
    return "Terlalu banyak percobaan masuk yang gagal" in response.content.decode()


def _guess_from_ever_new_addresses(client, username: str, guesses: int) -> None:  # type: ignore[no-untyped-def]
    for number in range(guesses):
        response = _login(client, username, "salah", f"203.0.113.{number + 1}")
        assert response.status_code in (200, 429)


def test_a_client_varying_its_forwarded_address_is_still_locked(client, demo_user):
    demo_user("pelaksana")
    _guess_from_ever_new_addresses(client, "pelaksana", ACCOUNT_LIMIT)
    # no address reached the per-address limit, yet the account is locked from anywhere,
    # even with the right password from an address never seen before
    refused = _login(client, "pelaksana", PASSWORD, "198.51.100.77")
    assert refused.status_code == 429 and _locked(refused)
    assert login_lockout_remaining(username="pelaksana") > 0


def test_below_the_account_limit_another_address_still_logs_in(client, demo_user):
    demo_user("pelaksana")
    for _ in range(5):  # the per-address limit from one guesser
        _login(client, "pelaksana", "salah", "203.0.113.9")
    assert _locked(_login(client, "pelaksana", PASSWORD, "203.0.113.9"))
    ok = _login(client, "pelaksana", PASSWORD, "198.51.100.20")
    assert ok.status_code == 302


def test_signing_is_locked_while_the_account_is(client, demo_user):
    ketua = demo_user("ketua")
    _guess_from_ever_new_addresses(client, "ketua", ACCOUNT_LIMIT)
    assert reauth.lockout_remaining(actor=ketua) > 0


def _admin():  # type: ignore[no-untyped-def]
    return get_user_model().objects.create_superuser("admin-kantor", "a@kpu.example", "x")


def test_an_administrator_unlocks_from_the_user_list_and_it_is_audited(client, demo_user):
    pelaksana = demo_user("pelaksana")
    _guess_from_ever_new_addresses(client, "pelaksana", ACCOUNT_LIMIT)
    admin = _admin()
    staff = type(client)()
    staff.force_login(admin)
    changelist = reverse("admin:auth_user_changelist")
    assert "terkunci" in staff.get(changelist).content.decode()
    done = staff.post(
        changelist,
        {"action": "login_unlock_selected", "_selected_action": [pelaksana.pk]},
        follow=True,
    )
    assert "Kunci masuk dibuka untuk pelaksana" in done.content.decode()
    assert login_lockout_remaining(username="pelaksana") == 0
    assert _login(client, "pelaksana", PASSWORD, "198.51.100.77").status_code == 302
    event = AuditEvent.objects.get(event_type=AuditEventType.LOGIN_UNLOCKED)
    assert event.actor == admin
    assert event.target_id == str(pelaksana.pk)
    assert event.data["failures"] == ACCOUNT_LIMIT


def test_only_an_administrator_may_unlock(demo_user):
    with pytest.raises(PermissionDenied):
        login_unlock(actor=demo_user("sekretaris"), user=demo_user("pelaksana"))
    assert not AuditEvent.objects.filter(event_type=AuditEventType.LOGIN_UNLOCKED).exists()


def test_the_unlock_also_ends_the_code_step_lockout(demo_user, settings):
    ketua = demo_user("ketua")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        audit_record(event_type=AuditEventType.OTP_FAILED, actor=ketua, data={})
    assert sf.code_lockout_remaining(user=ketua) > 0
    login_unlock(actor=_admin(), user=ketua)
    assert sf.code_lockout_remaining(user=ketua) == 0
