"""The notification worker (`manage.py db_worker`): django-tasks' database worker, made to
outlive its database going away.

The library's worker exits for good on the first database error that is not a lock (a
PostgreSQL restart, a failover, a network cut), and e-mail then waits until someone restarts
it. `ReconnectingWorker` catches those errors around the library's loop, drops the broken
connections, waits (0.5 s, doubling up to `RECONNECT_WAIT_MAX`) and starts the loop again; the
next poll connects afresh. A task this worker had claimed when the database went away (its
result row still "running" under this worker's id) is put back in the queue once the database
answers again, so it runs again: delivery is at least once (an e-mail whose sending was
recorded is skipped, `notifications.services.email_send`).
"""

import logging
import time

from django.db import InterfaceError, OperationalError, connections
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

logger = logging.getLogger("autentika.notifications.worker")

RECONNECT_WAIT_FIRST = 0.5
RECONNECT_WAIT_MAX = 10.0


def connections_drop() -> None:
    """Forget every open connection: the next query connects afresh."""
    for connection in connections.all(initialized_only=True):
        try:
            connection.close()
        except (OperationalError, InterfaceError):
            connection.connection = None


class ReconnectingWorker(Worker):
    """django-tasks' database worker that survives database restarts (see the module)."""

    interrupted: int = 0

    def run(self) -> None:
        wait = RECONNECT_WAIT_FIRST
        while self.running:
            started = time.monotonic()
            try:
                self._interrupted_tasks_requeue()
                super().run()
                return  # --batch or --max-tasks: the library's loop ended on its own
            except (OperationalError, InterfaceError) as error:
                if time.monotonic() - started > 2 * RECONNECT_WAIT_MAX:
                    wait = RECONNECT_WAIT_FIRST  # it worked for a while: a new outage
                self.interrupted += 1
                logger.warning(
                    "Basis data tidak terjangkau (%s: %s); worker %s mencoba lagi dalam %.1f "
                    "detik.",
                    type(error).__name__,
                    str(error).strip().splitlines()[0] if str(error).strip() else "",
                    self.worker_id,
                    wait,
                )
                connections_drop()
                self.startup_delay = False
                time.sleep(wait)
                wait = min(wait * 2, RECONNECT_WAIT_MAX)

    def _interrupted_tasks_requeue(self) -> None:
        """Tasks this worker claimed last and never finished (the database went away while
        they ran) go back to the queue."""
        if not self.interrupted:
            return
        running = DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING)
        for result in running:
            if result.worker_ids and result.worker_ids[-1] == self.worker_id:
                result.status = TaskResultStatus.READY
                result.started_at = None
                result.save(update_fields=["status", "started_at"])
                logger.warning("Tugas %s yang terputus dimasukkan lagi ke antrean.", result.pk)
