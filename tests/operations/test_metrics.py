"""`/metrics`: the product's metrics for Prometheus, only to the allowed client networks."""

import pytest
from django.urls import reverse
from prometheus_client.parser import text_string_to_metric_families

from autentika.letters.revocation import letter_revoke
from autentika.operations.checks import metrics_networks_check


def _scrape(client, address: str = "127.0.0.1", **headers):
    return client.get("/metrics", REMOTE_ADDR=address, **headers)


def _samples(client) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    response = _scrape(client)
    assert response.status_code == 200
    return {
        (sample.name, tuple(sorted(sample.labels.items()))): sample.value
        for family in text_string_to_metric_families(response.content.decode())
        for sample in family.samples
    }


def _value(samples, name: str, **labels: str) -> float:
    return samples.get((name, tuple(sorted(labels.items()))), 0.0)


@pytest.mark.django_db
def test_a_letter_signed_and_verified_shows_in_the_metrics(
    client, signed_letter, demo_user, django_capture_on_commit_callbacks
):
    before = _samples(client)
    with django_capture_on_commit_callbacks(execute=True):  # counted once the signing commits
        letter = signed_letter()
    page = reverse("verification:letter", args=[letter.verification_token])
    assert client.get(page).status_code == 200
    assert (
        client.get(reverse("verification:letter", args=["tidak-ada-surat-ini"])).status_code == 404
    )
    after = _samples(client)

    # the demo office's Ketua signs with the local key
    signed = "autentika_letters_signed_total"
    assert _value(after, signed, backend="local") == _value(before, signed, backend="local") + 1
    answers = "autentika_verification_answers_total"
    for verdict in ("valid", "not_found"):
        assert _value(after, answers, verdict=verdict, check="page") == (
            _value(before, answers, verdict=verdict, check="page") + 1
        ), verdict
    timed = "autentika_letter_signing_seconds_count"
    assert _value(after, timed) == _value(before, timed) + 1
    # django-prometheus' own, e.g. the answers by status
    ok = "django_http_responses_total_by_status_total"
    assert _value(after, ok, status="200") > _value(before, ok, status="200")


@pytest.mark.postgres
@pytest.mark.django_db
def test_the_queries_of_the_database_are_counted_on_postgresql(client):
    queries = "django_db_execute_total"
    labels = {"alias": "default", "vendor": "postgresql"}
    before = _value(_samples(client), queries, **labels)
    assert client.get("/sehat/").status_code == 200
    assert _value(_samples(client), queries, **labels) > before


@pytest.mark.django_db
def test_a_revoked_letter_is_counted_by_its_verdict(client, signed_letter, demo_user):
    letter = signed_letter()
    letter_revoke(letter=letter, actor=demo_user("ketua"), reason="Salah ketik pada lampiran.")
    before = _samples(client)
    client.get(reverse("verification:letter", args=[letter.verification_token]))
    after = _samples(client)
    answers = "autentika_verification_answers_total"
    assert _value(after, answers, verdict="revoked", check="page") == (
        _value(before, answers, verdict="revoked", check="page") + 1
    )


@pytest.mark.django_db
def test_the_queue_depth_is_read_when_scraped(client):
    from autentika.notifications.tasks import email_deliver

    email_deliver.enqueue(email_id=1)
    email_deliver.enqueue(email_id=2)
    assert _value(_samples(client), "autentika_task_queue_depth", queue="default") == 2


@pytest.mark.django_db
def test_any_other_client_gets_not_found(client, settings):
    assert _scrape(client, "203.0.113.9").status_code == 404
    # a client naming loopback in X-Forwarded-For proves nothing without a trusted proxy
    assert _scrape(client, "203.0.113.9", HTTP_X_FORWARDED_FOR="127.0.0.1").status_code == 404
    # nginx on the same host with AUTENTIKA_TRUSTED_PROXIES left at 0: every request comes
    # from loopback, but one it forwarded is not a local scrape
    assert _scrape(client, "127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.9").status_code == 404
    settings.AUTENTIKA_TRUSTED_PROXIES = 1
    # behind nginx on the same host every request comes from loopback: the client is the one
    # nginx names
    assert _scrape(client, "127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.9").status_code == 404
    settings.AUTENTIKA_METRICS_ALLOWED_NETWORKS = ["10.20.0.0/16"]
    assert _scrape(client, "127.0.0.1", HTTP_X_FORWARDED_FOR="10.20.3.4").status_code == 200


def test_a_network_that_is_none_stops_the_start(settings):
    settings.AUTENTIKA_METRICS_ALLOWED_NETWORKS = ["127.0.0.1/32", "10.20.0.0/16", "kantor-pusat"]
    (problem,) = metrics_networks_check()
    assert problem.id == "autentika.E016" and "'kantor-pusat'" in problem.msg
