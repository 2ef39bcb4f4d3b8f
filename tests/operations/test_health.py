"""`/sehat/`: public, never cached, every check named; 503 when an essential one fails."""

import datetime as dt

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from autentika.notifications.tasks import email_deliver
from autentika.operations import health

CHECKS = {"database", "replica", "storage", "task_queue"}


def _health(client):
    response = client.get("/sehat/")
    return response, {check["name"]: check for check in response.json()["checks"]}


@pytest.mark.django_db
def test_every_check_answers_ok_without_a_login(client):
    response, checks = _health(client)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert "no-cache" in response["Cache-Control"] and "no-store" in response["Cache-Control"]
    assert set(checks) == CHECKS
    assert response.json()["status"] == "ok"
    for name in ("database", "storage", "task_queue"):
        assert checks[name]["status"] == "ok" and checks[name]["essential"], name
    # the replica's lag is reported, but the primary serves whatever it says
    assert checks["replica"]["essential"] is False
    assert all(check["message"] for check in checks.values())


@pytest.mark.django_db
def test_an_installation_without_a_replica_says_so(client, monkeypatch):
    monkeypatch.setattr(health, "REPLICA_ALIAS", "replika-yang-tidak-ada")
    response, checks = _health(client)
    assert response.status_code == 200
    assert checks["replica"]["status"] == "not_configured"
    assert checks["replica"]["message"] == "Replika tidak dikonfigurasi."


@pytest.mark.postgres
@pytest.mark.django_db
def test_the_lag_query_tells_a_primary_from_a_replica():
    """On the primary the query answers NULL (not in recovery): the check then says the server
    named as replica is none (the lag itself is measured where a replica runs)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(health.REPLICA_LAG_SQL)
        assert cursor.fetchone() == (None,)


@pytest.mark.django_db
def test_a_storage_that_cannot_be_written_fails_the_health(client, settings, tmp_path):
    not_a_folder = tmp_path / "berkas"
    not_a_folder.write_text("a file where the documents' folder should be")
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(not_a_folder / "dokumen")},
        },
    }
    response, checks = _health(client)
    assert response.status_code == 503
    assert response.json()["status"] == "fail"
    assert checks["storage"]["status"] == "fail"
    assert checks["storage"]["message"].startswith("Berkas uji gagal ditulis")
    assert checks["database"]["status"] == "ok"


@pytest.mark.django_db
def test_the_storage_probe_leaves_nothing_behind(client, settings):
    _health(client)
    probes = settings.PRIVATE_FILES_ROOT / "sehat"
    assert not probes.exists() or list(probes.iterdir()) == []


@pytest.mark.django_db
def test_a_task_waiting_longer_than_the_limit_fails_the_health(client, settings):
    settings.AUTENTIKA_HEALTH_QUEUE_MAX_AGE_SECONDS = 600
    email_deliver.enqueue(email_id=1)
    nine_minutes_ago = timezone.now() - dt.timedelta(minutes=9)
    DBTaskResult.objects.update(enqueued_at=nine_minutes_ago)
    response, checks = _health(client)
    assert response.status_code == 200
    assert checks["task_queue"]["details"]["waiting"] == 1

    DBTaskResult.objects.update(enqueued_at=timezone.now() - dt.timedelta(minutes=11))
    response, checks = _health(client)
    assert response.status_code == 503
    assert checks["task_queue"]["status"] == "fail"
    assert "db_worker" in checks["task_queue"]["message"]
    assert 660 <= checks["task_queue"]["details"]["oldest_age_seconds"] < 700


@pytest.mark.django_db
def test_a_task_scheduled_for_later_is_not_late(client):
    email_deliver.using(run_after=timezone.now() + dt.timedelta(hours=1)).enqueue(email_id=1)
    DBTaskResult.objects.update(enqueued_at=timezone.now() - dt.timedelta(hours=2))
    response, checks = _health(client)
    assert response.status_code == 200
    assert checks["task_queue"]["details"]["waiting"] == 0
