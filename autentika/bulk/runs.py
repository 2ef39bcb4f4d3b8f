"""A signing run in the task worker: the web request checks the secrets and queues the run
(`signing_run_enqueue`), the worker (`manage.py db_worker`, django-tasks' database queue) signs
(`signing_run_work`), and the page shows the progress (the batch's items) and the result.

A single signing from the web is a run of one draft (`BulkSigning.single`), so both share the
progress page, the heartbeat and the resume or cancel of a run whose worker died. The secrets
reach the worker only sealed to its key (bulk/sealed.py), erased from the task's row once read.
"""

import logging
import secrets
from typing import Any

from django.conf import settings
from django.db import DatabaseError
from django_tasks_db.backend import DatabaseBackend
from django_tasks_db.models import DBTaskResult

from autentika.bulk.heartbeat import heartbeat_kept
from autentika.bulk.models import BulkSigning, BulkSigningState
from autentika.bulk.sealed import SealedSecretsRefused, secrets_open, secrets_seal
from autentika.bulk.services import bulk_signing_fail, bulk_signing_run

logger = logging.getLogger(__name__)

NOT_QUEUED = (
    "Proses tanda tangan tidak dapat dimasukkan ke antrean; tidak ada surat yang "
    "ditandatangani. Rinciannya dicatat di log server."
)
ERASED = "(dihapus setelah dibaca worker)"


def _purpose(*, batch_id: int, run_token: str) -> str:
    return f"autentika/signing-run/{batch_id}/{run_token}"


def signing_run_enqueue(*, batch: BulkSigning, password: str, passphrase: str) -> BulkSigning:
    """Queue the batch's run for the worker with the secrets sealed to its key; the batch as it
    stands after (a backend that runs at once has finished it). A queue that cannot be written
    ends the batch as failed: nothing was signed."""
    from autentika.bulk.tasks import signing_run

    run_token = secrets.token_hex(16)
    BulkSigning.objects.filter(pk=batch.pk).update(run_token=run_token)
    sealed = secrets_seal(
        purpose=_purpose(batch_id=batch.pk, run_token=run_token),
        secrets={"password": password, "passphrase": passphrase},
    )
    try:
        signing_run.using(backend=settings.AUTENTIKA_SIGNING_TASK_BACKEND).enqueue(
            batch_id=batch.pk, run_token=run_token, sealed=sealed
        )
    except DatabaseError:
        logger.exception("signing run %s: not queued", batch.pk)
        bulk_signing_fail(batch=batch, error=NOT_QUEUED)
    finally:
        del sealed
    return BulkSigning.objects.get(pk=batch.pk)


def _sealed_erase(task_result: Any) -> None:
    """The sealed secrets leave the task's row before anything else happens."""
    if not isinstance(task_result.task.get_backend(), DatabaseBackend):
        return
    row = DBTaskResult.objects.filter(id=task_result.id).first()
    if row is None:
        return
    kwargs = dict(row.args_kwargs.get("kwargs", {}))
    kwargs["sealed"] = ERASED
    row.args_kwargs = {**row.args_kwargs, "kwargs": kwargs}
    row.save(update_fields=["args_kwargs"])


def signing_run_work(*, task_result: Any, batch_id: int, run_token: str, sealed: str) -> str:
    """The worker's side: open the secrets and sign the batch's pending items with a heartbeat.
    A run that is no longer the batch's current one (resumed since, or ended) does nothing."""
    _sealed_erase(task_result)
    batch = BulkSigning.objects.filter(pk=batch_id).first()
    if batch is None or batch.run_token != run_token or batch.state != BulkSigningState.QUEUED:
        logger.info("signing run %s/%s is not current; nothing done", batch_id, run_token)
        return "not-current"
    try:
        opened = secrets_open(
            purpose=_purpose(batch_id=batch_id, run_token=run_token), sealed=sealed
        )
    except SealedSecretsRefused as refusal:
        logger.warning("signing run %s refused: %s", batch_id, refusal.message)
        bulk_signing_fail(batch=batch, error=refusal.message)
        return "refused"
    with heartbeat_kept(batch_id=batch.pk):
        batch = bulk_signing_run(
            batch=batch, password=opened["password"], passphrase=opened["passphrase"]
        )
    return str(batch.state)
