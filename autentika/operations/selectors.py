"""Reads of the task queue (django-tasks' database backend) for the health page and metrics."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Min
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult, get_date_max


@dataclass(frozen=True)
class QueueState:
    queue: str
    waiting: int
    oldest_age_seconds: float


def task_queue_states(*, now: dt.datetime | None = None) -> list[QueueState]:
    """Per queue, the tasks waiting to run now and how long the oldest has waited: since it was
    enqueued, or since its `run_after` for a task scheduled for later."""
    now = now or timezone.now()
    ready = DBTaskResult.objects.filter(status=TaskResultStatus.READY)
    unscheduled = ready.filter(run_after=get_date_max())
    due = ready.filter(run_after__lte=now)
    found: dict[str, tuple[int, dt.datetime]] = {}
    for rows, since in ((unscheduled, "enqueued_at"), (due, "run_after")):
        grouped = rows.values("queue_name").annotate(waiting=Count("id"), since=Min(since))
        for row in grouped.order_by():
            waiting, oldest = found.get(row["queue_name"], (0, row["since"]))
            found[row["queue_name"]] = (waiting + row["waiting"], min(oldest, row["since"]))
    return [
        QueueState(queue=name, waiting=waiting, oldest_age_seconds=(now - since).total_seconds())
        for name, (waiting, since) in sorted(found.items())
    ]
