"""The signing run as a task of the database queue (queue "signing"); it only delegates."""

from typing import Any

from django_tasks import task


@task(queue_name="signing", takes_context=True)
def signing_run(context: Any, *, batch_id: int, run_token: str, sealed: str) -> str:
    from autentika.bulk.runs import signing_run_work

    return signing_run_work(
        task_result=context.task_result, batch_id=batch_id, run_token=run_token, sealed=sealed
    )
