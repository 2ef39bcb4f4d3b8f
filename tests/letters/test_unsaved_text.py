"""Timeouts never lose text: the editor's POST that arrives after the idle timeout ended the
session is kept for the user who typed it and that draft, and offered back after logging in
again; the editor warns before the timeout and can extend the session."""

import time

from django.test import Client
from django.urls import reverse

from autentika.core.middleware import SESSION_SEEN_KEY
from autentika.core.models import AuditEvent
from autentika.letters.drafting import draft_create
from autentika.letters.models import UnsavedText


def _age_session(client, settings):
    session = client.session
    session[SESSION_SEEN_KEY] = int(time.time()) - settings.AUTENTIKA_SESSION_IDLE_MINUTES * 60 - 5
    session.save()


def _editor(version, **changes):
    data = {
        "kind": version.kind,
        "nature": version.nature,
        "attachment": version.attachment,
        "subject": version.subject,
        "body": version.body,
        "closing": version.closing,
        "copies": version.copies,
        "based_on": version.number,
    }
    data.update(changes)
    return data


def test_a_save_after_the_timeout_is_kept_and_offered_back(
    client, demo_user, at_drafter, official, settings
):
    pelaksana = demo_user("pelaksana")
    draft = draft_create(case=at_drafter(), actor=pelaksana, kind="certificate")
    client.force_login(pelaksana)
    client.get(reverse("letters:draft", args=[draft.pk]))
    _age_session(client, settings)
    typed = _editor(draft.current_version, body="Kalimat yang diketik sebelum sesi berakhir.")
    response = client.post(reverse("letters:draft", args=[draft.pk]), typed, follow=True)
    # To the login page, which then opens the draft again; nothing became a version.
    assert response.redirect_chain[0][0].startswith(reverse("login"))
    assert "next=" + reverse("letters:draft", args=[draft.pk]) in response.redirect_chain[0][0]
    assert "disimpan sementara untuk Anda" in response.content.decode()
    assert draft.versions.count() == 1
    kept = UnsavedText.objects.get(draft=draft, user=pelaksana)
    assert kept.texts["body"] == "Kalimat yang diketik sebelum sesi berakhir."
    assert AuditEvent.objects.filter(event_type="letters.unsaved_kept", actor=pelaksana).exists()

    client.force_login(pelaksana)
    page = client.get(reverse("letters:draft", args=[draft.pk])).content.decode()
    assert "belum tersimpan" in page and "Pulihkan ke penyunting" in page
    restored = client.get(reverse("letters:draft", args=[draft.pk]) + "?pulihkan=1")
    assert "Kalimat yang diketik sebelum sesi berakhir.</textarea>" in restored.content.decode()
    # Saved: a version, and the kept copy is gone.
    client.post(reverse("letters:draft", args=[draft.pk]), typed)
    assert draft.versions.count() == 2
    assert not UnsavedText.objects.filter(draft=draft).exists()


def test_ajukan_after_the_timeout_is_kept_and_nothing_is_submitted(
    client, demo_user, at_drafter, official, settings
):
    pelaksana = demo_user("pelaksana")
    draft = draft_create(case=at_drafter(), actor=pelaksana, kind="certificate")
    client.force_login(pelaksana)
    client.get(reverse("letters:draft", args=[draft.pk]))
    _age_session(client, settings)
    typed = _editor(draft.current_version, closing="Penutup yang belum tersimpan.")
    client.post(reverse("letters:submit", args=[draft.pk]), typed)
    draft.refresh_from_db()
    assert draft.state == "editing"
    assert UnsavedText.objects.get(draft=draft).texts["closing"] == "Penutup yang belum tersimpan."


def test_the_kept_text_is_shown_only_to_who_typed_it_and_can_be_discarded(
    client, demo_user, at_drafter, official
):
    from autentika.letters.unsaved import unsaved_keep

    pelaksana = demo_user("pelaksana")
    draft = draft_create(case=at_drafter(), actor=pelaksana, kind="certificate")
    unsaved_keep(draft=draft, user=pelaksana, posted={"body": "Teks milik pelaksana."}, based_on=1)
    client.force_login(demo_user("kasubbag"))
    assert (
        "Teks milik pelaksana."
        not in client.get(reverse("letters:draft", args=[draft.pk])).content.decode()
    )
    client.force_login(pelaksana)
    client.post(reverse("letters:unsaved_discard", args=[draft.pk]))
    assert not UnsavedText.objects.exists()


def test_a_forged_post_after_the_timeout_keeps_nothing(demo_user, at_drafter, official, settings):
    pelaksana = demo_user("pelaksana")
    draft = draft_create(case=at_drafter(), actor=pelaksana, kind="certificate")
    client = Client(enforce_csrf_checks=True)
    client.force_login(pelaksana)
    _age_session(client, settings)
    client.post(reverse("letters:draft", args=[draft.pk]), _editor(draft.current_version))
    assert not UnsavedText.objects.exists()


def test_the_editor_warns_before_the_timeout_and_can_extend_it(
    client, demo_user, at_drafter, official, settings
):
    pelaksana = demo_user("pelaksana")
    draft = draft_create(case=at_drafter(), actor=pelaksana, kind="certificate")
    client.force_login(pelaksana)
    page = client.get(reverse("letters:draft", args=[draft.pk])).content.decode()
    assert f'data-idle-minutes="{settings.AUTENTIKA_SESSION_IDLE_MINUTES}"' in page
    assert "Perpanjang sesi" in page
    assert client.get(reverse("letters:keepalive", args=[draft.pk])).status_code == 204
