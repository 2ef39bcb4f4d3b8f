"""The client address comes through a configured number of trusted proxies; throttles use it;
verification misses never block valid tokens."""

import pytest
from django.test import RequestFactory
from django.urls import reverse

from autentika.core.client import client_address

FORWARDED = "6.6.6.6, 198.51.100.7, 10.0.0.2"


@pytest.mark.parametrize(
    ("proxies", "forwarded", "expected"),
    [
        (0, FORWARDED, "10.0.0.1"),  # no proxy: X-Forwarded-For is the client's own word
        (1, FORWARDED, "10.0.0.2"),
        (2, FORWARDED, "198.51.100.7"),
        (3, FORWARDED, "6.6.6.6"),
        (4, FORWARDED, "10.0.0.1"),  # fewer entries than proxies: not through them all
        (1, "", "10.0.0.1"),
        (1, " , ", "10.0.0.1"),
    ],
)
def test_client_address_is_nth_from_the_right(settings, proxies, forwarded, expected):
    settings.AUTENTIKA_TRUSTED_PROXIES = proxies
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=forwarded)
    assert client_address(request) == expected


@pytest.mark.django_db
def test_behind_the_proxy_one_guesser_does_not_block_everyone(client, settings, official, sign):
    settings.AUTENTIKA_TRUSTED_PROXIES = 1
    settings.AUTENTIKA_VERIFY_MISS_LIMIT = 3
    letter = sign()
    proxy = {"REMOTE_ADDR": "10.0.0.2"}
    for attempt in range(3):
        guess = client.get(
            f"/verifikasi/tebakan-{attempt}/", HTTP_X_FORWARDED_FOR="203.0.113.9", **proxy
        )
        assert guess.status_code == 404
    blocked = client.get("/verifikasi/tebakan-x/", HTTP_X_FORWARDED_FOR="203.0.113.9", **proxy)
    assert blocked.status_code == 429
    # the guesser forging an X-Forwarded-For entry gains nothing: the proxy appends the real one
    forged = client.get(
        "/verifikasi/tebakan-y/", HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.9", **proxy
    )
    assert forged.status_code == 429
    # another citizen behind the same proxy is not slowed
    other = client.get("/verifikasi/tebakan-z/", HTTP_X_FORWARDED_FOR="198.51.100.20", **proxy)
    assert other.status_code == 404
    # and the guesser's own genuine QR link and API lookup still verify
    url = reverse("verification:letter", args=[letter.verification_token])
    assert client.get(url, HTTP_X_FORWARDED_FOR="203.0.113.9", **proxy).status_code == 200
    api = client.get(
        f"/api/v1/letters/{letter.verification_token}", HTTP_X_FORWARDED_FOR="203.0.113.9", **proxy
    )
    assert api.status_code == 200 and api.json()["valid"] is True


@pytest.mark.django_db
def test_login_lockout_keys_on_the_forwarded_client(client, settings, demo_user):
    settings.AUTENTIKA_TRUSTED_PROXIES = 1
    demo_user("tu")
    proxy = {"REMOTE_ADDR": "10.0.0.2"}
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(
            reverse("login"),
            {"username": "tu", "password": "salah"},
            HTTP_X_FORWARDED_FOR="203.0.113.9",
            **proxy,
        )
    from axes.models import AccessAttempt

    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"203.0.113.9"}
    # the same user from another client behind the proxy can still log in
    ok = client.post(
        reverse("login"),
        {"username": "tu", "password": "demo-autentika"},
        HTTP_X_FORWARDED_FOR="198.51.100.20",
        **proxy,
    )
    assert ok.status_code == 302


def test_a_request_without_a_usable_address_still_gets_a_valid_ip(settings):
    """django-axes stores the address in an IP column; PostgreSQL refuses anything else."""
    import ipaddress
    from types import SimpleNamespace

    from autentika.core.client import client_address

    settings.AUTENTIKA_TRUSTED_PROXIES = 1
    for meta in ({}, {"REMOTE_ADDR": ""}, {"REMOTE_ADDR": "10.0.0.1", "HTTP_X_FORWARDED_FOR": "x"}):
        ipaddress.ip_address(client_address(SimpleNamespace(META=meta)))
    garbage = {"REMOTE_ADDR": "10.0.0.1", "HTTP_X_FORWARDED_FOR": "not-an-ip"}
    assert client_address(SimpleNamespace(META=garbage)) == "10.0.0.1"
