"""Idle sessions end, signed-in responses are never cached, and every view or download of a
document is audited."""

import time

import pytest
from django.urls import reverse

from autentika.core.middleware import SESSION_SEEN_KEY
from autentika.core.models import AuditEvent, AuditEventType

pytestmark = pytest.mark.django_db


def _age_session(client, seconds):
    session = client.session
    session[SESSION_SEEN_KEY] = int(time.time()) - seconds
    session.save()


def test_idle_session_ends(client, demo_user, settings):
    client.force_login(demo_user("tu"))
    assert client.get(reverse("home")).status_code == 200
    _age_session(client, settings.AUTENTIKA_SESSION_IDLE_MINUTES * 60 + 5)
    response = client.get(reverse("home"), follow=True)
    assert response.redirect_chain[0][0].startswith(reverse("login"))
    assert "Sesi Anda berakhir karena tidak ada aktivitas selama 30 menit" in (
        response.content.decode()
    )
    assert "_auth_user_id" not in client.session


def test_active_session_goes_on(client, demo_user, settings):
    client.force_login(demo_user("tu"))
    client.get(reverse("home"))
    _age_session(client, settings.AUTENTIKA_SESSION_IDLE_MINUTES * 60 - 60)
    assert client.get(reverse("home")).status_code == 200


def test_signed_in_responses_are_not_stored(client, demo_user):
    anonymous = client.get(reverse("verification:index"))
    assert "no-store" not in anonymous.get("Cache-Control", "")
    client.force_login(demo_user("tu"))
    response = client.get(reverse("home"))
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


def _accessed(document):
    return AuditEvent.objects.filter(
        event_type=AuditEventType.DOCUMENT_ACCESSED, data__document=document
    )


def test_letter_pdf_view_is_audited_and_not_stored(client, demo_user, signed_letter):
    letter = signed_letter()
    client.force_login(demo_user("tu"))
    response = client.get(reverse("letters:letter_pdf", args=[letter.pk]))
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    event = _accessed("letter_pdf").get()
    assert event.actor == demo_user("tu") and event.target_id == str(letter.pk)


def test_register_book_download_is_audited(client, demo_user, at_drafter):
    at_drafter()
    client.force_login(demo_user("tu"))
    response = client.get(reverse("cases:register_export", args=["xlsx"]))
    assert response.status_code == 200
    assert _accessed("register_book_xlsx").count() == 1
