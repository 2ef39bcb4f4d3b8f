"""`manage.py worker_key`: print the task worker's public key (making the worker's key file the
first time), for `AUTENTIKA_WORKER_PUBLIC_KEY` on web servers of other hosts (docs/DEPLOY.md)."""

from typing import Any

from django.core.management.base import BaseCommand

from autentika.bulk.sealed import public_key_text


class Command(BaseCommand):
    help = "Print the task worker's public key (AUTENTIKA_WORKER_PUBLIC_KEY of other web hosts)."

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(public_key_text())
