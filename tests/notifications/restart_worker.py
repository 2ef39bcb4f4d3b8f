"""The worker-restart test's processes (test_worker_restart.py), under restart_settings:
`migrate` (the queue's tables), `enqueue PATH` (a task that writes PATH) and `work` (the
notification worker's loop, `ReconnectingWorker`, polling every 0.2 s)."""

import sys
from pathlib import Path

import django
from django_tasks import task


@task()
def marker_write(path: str) -> str:
    Path(path).write_text("selesai")
    return path


def main(command: str, *args: str) -> None:
    django.setup()
    if command == "migrate":
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
    elif command == "enqueue":
        from tests.notifications.restart_worker import marker_write as registered

        registered.enqueue(args[0])
    elif command == "work":
        from autentika.notifications.worker import ReconnectingWorker

        ReconnectingWorker(
            queue_names=["default"],
            interval=0.2,
            batch=False,
            backend_name="default",
            startup_delay=False,
            max_tasks=None,
            worker_id="worker-uji-restart",
            excluded_queue_names=[],
        ).run()


if __name__ == "__main__":
    main(*sys.argv[1:])
