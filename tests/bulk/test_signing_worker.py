"""Signing runs in the task worker (`manage.py db_worker`, queue "signing"): the web request
returns at once with the secrets sealed in the queue, the worker signs, and a worker killed in
the middle of a batch leaves a run its signer resumes with no number used twice or skipped."""

import datetime as dt
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from autentika.bulk.heartbeat import STALE_AFTER, batch_stalled
from autentika.bulk.models import BulkSigning, BulkSigningState
from autentika.bulk.recovery import bulk_signing_resume
from autentika.bulk.runs import ERASED, signing_run_enqueue
from autentika.bulk.selectors import bulk_progress
from autentika.bulk.services import bulk_signing_start
from autentika.letters.models import SignedLetter
from tests.notifications.worker import run_ready_tasks
from tests.support.letters import PASSWORD

ON_THE_QUEUE = override_settings(AUTENTIKA_SIGNING_TASK_BACKEND="default")


def _until(condition, what: str, seconds: float = 180):  # type: ignore[no-untyped-def]
    started = time.monotonic()
    while time.monotonic() - started < seconds:
        if condition():
            return
        time.sleep(0.1)
    pytest.fail(f"waited {seconds} s for {what}")


def _worker(*extra: str, env: dict[str, str] | None = None) -> subprocess.Popen[bytes]:
    manage = Path(settings.BASE_DIR) / "manage.py"
    return subprocess.Popen(
        [
            sys.executable,
            str(manage),
            "db_worker",
            "--queue-name",
            "signing",
            "--interval",
            "0.2",
            *extra,
        ],
        cwd=settings.BASE_DIR,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env={**os.environ, **(env or {})},
    )


SCRAPE = """
import django
django.setup()
from django.test import Client
from django.test.utils import setup_test_environment
setup_test_environment()
print(Client().get("/metrics", REMOTE_ADDR="127.0.0.1").content.decode())
"""


def _scraped_by_another_process(multiproc_dir: Path) -> str:
    """/metrics as a web process of the same host answers it (prometheus_client's
    multi-process mode, the folder the systemd units give every process)."""
    answer = subprocess.run(
        [sys.executable, "-c", SCRAPE],
        cwd=settings.BASE_DIR,
        env={**os.environ, "PROMETHEUS_MULTIPROC_DIR": str(multiproc_dir)},
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    return answer.stdout


def _signed_on_the_web(client, signer, draft, passphrase):  # type: ignore[no-untyped-def]
    """The signer confirms on the draft's signing page; the signing goes to the queue."""
    client.force_login(signer)
    with ON_THE_QUEUE:
        return client.post(
            reverse("letters:sign", args=[draft.pk]),
            {"password": PASSWORD, "passphrase": passphrase},
        )


def _row_text() -> str:
    return json.dumps(list(DBTaskResult.objects.values("args_kwargs", "return_value")))


@pytest.mark.django_db
def test_a_signing_from_the_web_returns_before_the_worker_signs(
    client, official, at_signer, demo_user, signer_keys
):
    draft = at_signer()
    response = _signed_on_the_web(client, demo_user("ketua"), draft, signer_keys)
    run = BulkSigning.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("bulk:detail", args=[run.pk])
    assert run.single and run.state == BulkSigningState.QUEUED
    assert not SignedLetter.objects.exists()
    queued = _row_text()
    assert PASSWORD not in queued and signer_keys not in queued  # sealed to the worker's key
    page = client.get(response["Location"]).content.decode()
    assert "Penandatanganan surat" in page and "Menunggu dimulai" in page

    assert run_ready_tasks() == 1  # the database queue's own worker loop, in this process
    letter = SignedLetter.objects.get(draft=draft)
    assert letter.sequence == 1
    assert ERASED in _row_text()  # the sealed secrets left the row once read
    page = client.get(response["Location"]).content.decode()
    assert f"Nomor {letter.number}" in page


@pytest.mark.django_db
def test_a_run_whose_secrets_waited_too_long_signs_nothing(
    official, at_signer, demo_user, signer_keys, sumut
):
    batch = bulk_signing_start(
        office=sumut,
        actor=demo_user("ketua"),
        draft_ids=[at_signer().pk],
        password=PASSWORD,
        passphrase=signer_keys,
    )
    with ON_THE_QUEUE:
        signing_run_enqueue(batch=batch, password=PASSWORD, passphrase=signer_keys)
    with override_settings(AUTENTIKA_SIGNING_SECRETS_MAX_AGE_SECONDS=-1):
        run_ready_tasks()
    batch.refresh_from_db()
    assert batch.state == BulkSigningState.FAILED
    assert "menunggu terlalu lama di antrean" in batch.error
    assert not SignedLetter.objects.exists()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_the_worker_process_signs_what_the_web_queued_and_the_web_counts_it(
    client, official, at_signer, demo_user, signer_keys, worker_on_this_database, tmp_path
):
    draft = at_signer()
    response = _signed_on_the_web(client, demo_user("ketua"), draft, signer_keys)
    assert response.status_code == 302 and not SignedLetter.objects.exists()
    worker = _worker("--batch", env={"PROMETHEUS_MULTIPROC_DIR": str(tmp_path)})
    assert worker.wait(timeout=180) == 0, worker.stderr.read() if worker.stderr else ""
    assert SignedLetter.objects.get(draft=draft).sequence == 1
    assert BulkSigning.objects.get().state == BulkSigningState.DONE
    # counted in the worker, answered by a web process
    metrics = _scraped_by_another_process(tmp_path)
    assert 'autentika_letters_signed_total{backend="local"} 1.0' in metrics


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_killed_worker_leaves_a_batch_its_signer_resumes_with_every_number_used_once(
    official, at_signer, demo_user, signer_keys, sumut, worker_on_this_database
):
    drafts = [at_signer(letter_number=f"{i}/DPD/2025") for i in range(5)]
    ketua = demo_user("ketua")
    batch = bulk_signing_start(
        office=sumut,
        actor=ketua,
        draft_ids=[draft.pk for draft in drafts],
        password=PASSWORD,
        passphrase=signer_keys,
        workers=1,
    )
    with ON_THE_QUEUE:
        signing_run_enqueue(batch=batch, password=PASSWORD, passphrase=signer_keys)
    worker = _worker()
    try:
        _until(lambda: bulk_progress(batch=batch).signed >= 1, "the first letter")
    finally:
        os.kill(worker.pid, signal.SIGKILL)
        worker.wait(timeout=60)
    batch.refresh_from_db()
    signed_before = bulk_progress(batch=batch).signed
    assert batch.state == BulkSigningState.RUNNING and signed_before < len(drafts)

    # A minute and more without a heartbeat: the signer sees it stalled and resumes it.
    later = timezone.now() + STALE_AFTER + dt.timedelta(seconds=1)
    assert batch_stalled(batch, now=later)
    batch = bulk_signing_resume(
        batch=batch, actor=ketua, password=PASSWORD, passphrase=signer_keys, now=later
    )
    with ON_THE_QUEUE:
        signing_run_enqueue(batch=batch, password=PASSWORD, passphrase=signer_keys)
    worker = _worker("--batch")
    assert worker.wait(timeout=180) == 0, worker.stderr.read() if worker.stderr else ""
    batch.refresh_from_db()
    assert batch.state == BulkSigningState.DONE, batch.error
    assert bulk_progress(batch=batch).signed == len(drafts)
    assert sorted(SignedLetter.objects.values_list("sequence", flat=True)) == [1, 2, 3, 4, 5]
