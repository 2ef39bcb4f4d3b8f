"""Password reset e-mails are throttled: an account receives at most three within an hour,
whoever asks and from wherever; one client address may ask at most ten times within an hour,
for any addresses, and is then told to wait (429). An account over its limit is not revealed:
the page reads as for any other address. Every request is in the audit log."""

import datetime as dt

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from autentika.core.models import AuditEvent, AuditEventType

pytestmark = pytest.mark.django_db

SENT = "Periksa surel Anda"


@pytest.fixture
def tu(demo_user):
    user = demo_user("tu")
    user.email = "tu@kpu-sumut.go.id"
    user.save()
    return user


def _ask(client, email: str, address: str = "203.0.113.7"):
    return client.post(
        reverse("password_reset"), {"email": email}, follow=True, REMOTE_ADDR=address
    )


def test_an_account_gets_three_emails_an_hour_from_any_address(client, tu, settings):
    settings.AUTENTIKA_PASSWORD_RESET_ACCOUNT_LIMIT = 3
    for n in range(5):
        response = _ask(client, tu.email, address=f"198.51.100.{n}")
        assert SENT in response.content.decode()  # the same page every time
    assert len(mail.outbox) == 3
    events = AuditEvent.objects.filter(event_type=AuditEventType.PASSWORD_RESET_REQUESTED)
    assert [event.data["sent"] for event in events.order_by("sequence")] == [
        True, True, True, False, False
    ]  # fmt: skip
    assert {event.target_id for event in events} == {str(tu.pk)}


def test_an_account_may_receive_again_after_the_hour(client, tu, settings, monkeypatch):
    settings.AUTENTIKA_PASSWORD_RESET_ACCOUNT_LIMIT = 1
    _ask(client, tu.email)
    _ask(client, tu.email, address="198.51.100.9")
    assert len(mail.outbox) == 1
    later = timezone.now() + dt.timedelta(minutes=61)
    monkeypatch.setattr(timezone, "now", lambda: later)
    _ask(client, tu.email, address="198.51.100.10")
    assert len(mail.outbox) == 2


def test_an_address_asking_too_often_is_told_to_wait(client, tu, settings):
    settings.AUTENTIKA_PASSWORD_RESET_ADDRESS_LIMIT = 10
    for n in range(10):
        assert _ask(client, f"orang{n}@contoh.id").status_code == 200
    refused = _ask(client, tu.email)
    assert refused.status_code == 429
    page = refused.content.decode()
    assert "Terlalu banyak permintaan kata sandi baru" in page and "60 menit" in page
    assert mail.outbox == []  # nothing sent to the account either
    # another address is not held up
    assert SENT in _ask(client, tu.email, address="192.0.2.1").content.decode()
    assert len(mail.outbox) == 1


def test_the_address_is_the_client_behind_the_trusted_proxy(client, tu, settings):
    settings.AUTENTIKA_TRUSTED_PROXIES = 1
    settings.AUTENTIKA_PASSWORD_RESET_ADDRESS_LIMIT = 2
    for _ in range(2):
        client.post(
            reverse("password_reset"),
            {"email": "x@contoh.id"},
            REMOTE_ADDR="10.0.0.1",
            HTTP_X_FORWARDED_FOR="203.0.113.50",
        )
    assert (
        client.post(
            reverse("password_reset"),
            {"email": tu.email},
            REMOTE_ADDR="10.0.0.1",
            HTTP_X_FORWARDED_FOR="203.0.113.51",
        ).status_code
        == 302
    )
    refused = client.post(
        reverse("password_reset"),
        {"email": tu.email},
        REMOTE_ADDR="10.0.0.1",
        HTTP_X_FORWARDED_FOR="203.0.113.50",
    )
    assert refused.status_code == 429
