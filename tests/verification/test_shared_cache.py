"""Several app servers share one cache (Django's database cache, issue #30): a QR page one
server kept is the other's too, and after a revocation or a replacement no server serves the
page of before. Two cache connections on the same table stand for two servers."""

import pytest
from django.core.cache import caches
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from autentika.letters.revocation import letter_replace_link, letter_revoke
from autentika.verification import page_cache
from autentika.verification.page_cache import page_key

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_servers(settings):  # type: ignore[no-untyped-def]
    """Two cache connections on the one cache table, as two app servers have them."""
    shared = {
        "BACKEND": "autentika.core.shared_cache.SharedDatabaseCache",
        "LOCATION": "autentika_cache",
    }
    settings.CACHES = {"default": shared, "other-server": dict(shared)}
    return caches["default"], caches["other-server"]


def _visit(monkeypatch, server, letter) -> str:
    """A visitor who is not signed in opens the letter's QR page on that server."""
    monkeypatch.setattr(page_cache, "cache", server)
    response = Client().get(reverse("verification:letter", args=[letter.verification_token]))
    assert response.status_code == 200
    return response.content.decode()


def test_after_a_revocation_the_other_server_no_longer_serves_the_old_page(
    official, sign, demo_user, two_servers, monkeypatch, django_capture_on_commit_callbacks
):
    letter = sign()
    one, other = two_servers
    assert "Surat ini sah dan berlaku" in _visit(monkeypatch, one, letter)
    assert other.get(page_key(letter.pk)) is not None  # the page one server kept is shared
    assert "Surat ini sah dan berlaku" in _visit(monkeypatch, other, letter)

    with django_capture_on_commit_callbacks(execute=True):
        letter_revoke(letter=letter, actor=demo_user("ketua"), reason="Putusan MK")

    assert other.get(page_key(letter.pk)) is None
    page = _visit(monkeypatch, other, letter)
    assert "Surat ini telah dicabut" in page and "Putusan MK" in page
    assert "Surat ini sah dan berlaku" not in page
    assert "Surat ini telah dicabut" in _visit(monkeypatch, one, letter)


def test_after_a_replacement_both_letters_pages_are_drawn_again(
    official, sign, demo_user, two_servers, monkeypatch, django_capture_on_commit_callbacks
):
    old, new = sign(4), sign(4)
    one, other = two_servers
    for letter in (old, new):
        _visit(monkeypatch, one, letter)
    with django_capture_on_commit_callbacks(execute=True):
        letter_replace_link(old=old, new=new, actor=demo_user("ketua"), reason="Data diperbaiki")
    assert other.get_many([page_key(old.pk), page_key(new.pk)]) == {}
    old_page = _visit(monkeypatch, other, old)
    assert "Surat ini telah diganti" in old_page and new.number in old_page
    assert old.number in _visit(monkeypatch, other, new)


def test_a_kept_page_of_another_state_is_never_served(official, sign, two_servers, monkeypatch):
    """Even without the revocation's event (a change made outside the service), a page kept
    for another state of the letter is drawn again, not served."""
    letter = sign()
    one, other = two_servers
    _visit(monkeypatch, one, letter)
    type(letter).objects.filter(pk=letter.pk).update(
        status="revoked", revoked_at=timezone.now(), revocation_reason="Diubah langsung"
    )
    assert other.get(page_key(letter.pk)) is not None
    page = _visit(monkeypatch, other, letter)
    assert "Surat ini telah dicabut" in page and "Diubah langsung" in page
