"""`manage.py db_worker`: django-tasks' database worker (its options unchanged) that
reconnects after a database restart and keeps processing (notifications/worker.py)."""

import os
from typing import Any

from django.core.management.base import CommandError
from django.utils.autoreload import DJANGO_AUTORELOAD_ENV, run_with_reloader
from django_tasks_db.management.commands import db_worker as library

from autentika.notifications.worker import ReconnectingWorker


class Command(library.Command):
    help = (
        "Run the database task worker (e-mail notifications); it waits for the database and "
        "reconnects after a restart instead of exiting."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        self.configure_logging(options["verbosity"])
        batch, reload = options["batch"], options["reload"]
        if reload and batch:
            reload = False
        queue_names = options["queue_name"].split(",")
        exclude = options["exclude_queues"]
        excluded_queue_names = exclude.split(",") if exclude else []
        if excluded_queue_names and "*" not in queue_names:
            raise CommandError("--exclude-queues can only be used with --queue-name=*")
        worker = ReconnectingWorker(
            queue_names=queue_names,
            interval=options["interval"],
            batch=batch,
            backend_name=options["backend_name"],
            startup_delay=options["startup_delay"],
            max_tasks=options["max_tasks"],
            worker_id=options["worker_id"],
            excluded_queue_names=excluded_queue_names,
        )
        if reload:
            if os.environ.get(DJANGO_AUTORELOAD_ENV) == "true":
                worker.configure_signals()
            run_with_reloader(worker.run)
        else:
            worker.configure_signals()
            worker.run()
