"""Settings of the task queue and the signing runs it carries (autentika/bulk/): part of
base.py, kept apart to keep each settings file short."""

from pathlib import Path

from .environment import env
from .paths import VAR_DIR

# Background work (e-mail notifications) is queued in the database: no extra server needed.
# Run the worker with `manage.py db_worker`.
# Signing (single and bulk) runs in the queue "signing" of the same worker (bulk/runs.py).
TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend",
        "QUEUES": ["default", "signing"],
    }
}
# The task backend a signing is queued on (the browser and view tests run it at once, in the
# request, with django-tasks' ImmediateBackend: settings/test.py).
AUTENTIKA_SIGNING_TASK_BACKEND = "default"
# The worker's X25519 key, to which the web seals the signer's secrets (bulk/sealed.py): the
# private key's file on the worker's host, or, on a web host without it, the public key.
AUTENTIKA_WORKER_KEY_FILE = Path(
    env.str("AUTENTIKA_WORKER_KEY_FILE", default=str(VAR_DIR / "worker_key"))
)
AUTENTIKA_WORKER_PUBLIC_KEY = env.str("AUTENTIKA_WORKER_PUBLIC_KEY", default="")
# Sealed secrets older than this are refused by the worker: the signer asks again.
AUTENTIKA_SIGNING_SECRETS_MAX_AGE_SECONDS = env.int(
    "AUTENTIKA_SIGNING_SECRETS_MAX_AGE_SECONDS", default=900
)
# Tanda tangan massal: worker processes of one bulk signing (0: one per core, os.cpu_count()).
# On SQLite always 1 (its IMMEDIATE transactions would only queue the workers).
AUTENTIKA_BULK_SIGNING_WORKERS = env.int("AUTENTIKA_BULK_SIGNING_WORKERS", default=0)
# A bulk signing worker process is replaced after this many letters (0: never).
AUTENTIKA_BULK_SIGNING_LETTERS_PER_WORKER = env.int(
    "AUTENTIKA_BULK_SIGNING_LETTERS_PER_WORKER", default=100
)
