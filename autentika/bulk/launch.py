"""The web request's way to run a batch in the background: a detached process of its own
(`manage.py letters_sign_bulk --batch ID`), given the password and passphrase on its stdin
pipe, which it reads once and closes. Not a django-tasks task: a task's arguments are stored
in the database, and the secrets must never be (docs/DECISIONS.md).

The command forks itself away (its own session, stdio on /dev/null) once it has read the
secrets, so the request waits only for the start and the web server keeps no child.
"""

import json
import logging
import subprocess
import sys
from pathlib import Path

from django.conf import settings

from autentika.bulk.models import BulkSigning
from autentika.bulk.services import bulk_signing_fail

logger = logging.getLogger(__name__)

START_TIMEOUT_SECONDS = 120
NOT_STARTED = (
    "Proses tanda tangan massal tidak dapat dimulai; tidak ada surat yang ditandatangani. "
    "Rinciannya dicatat di log server."
)


def bulk_command(batch: BulkSigning) -> list[str]:
    manage = Path(settings.BASE_DIR) / "manage.py"
    return [sys.executable, str(manage), "letters_sign_bulk", "--batch", str(batch.pk)]


def bulk_signing_launch(*, batch: BulkSigning, password: str, passphrase: str) -> int | None:
    """Start the batch's detached process; its process id, or None (the batch then says it
    could not start). The environment (settings module, DATABASE_URL) is this process's."""
    secrets = json.dumps({"password": password, "passphrase": passphrase}).encode()
    try:
        process = subprocess.run(
            bulk_command(batch),
            input=secrets,
            capture_output=True,
            timeout=START_TIMEOUT_SECONDS,
            cwd=settings.BASE_DIR,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        logger.exception("bulk signing %s: the background process did not start", batch.pk)
        bulk_signing_fail(batch=batch, error=NOT_STARTED)
        return None
    finally:
        del secrets
    if process.returncode != 0:
        logger.error(
            "bulk signing %s: the background process exited with %s: %s",
            batch.pk,
            process.returncode,
            process.stderr.decode(errors="replace")[-2000:],
        )
        bulk_signing_fail(batch=batch, error=NOT_STARTED)
        return None
    return int(process.stdout.decode().split()[-1])
