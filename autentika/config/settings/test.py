"""The test suite. The database comes from DATABASE_URL like everywhere else."""

import atexit
import os
import shutil
import tempfile
from pathlib import Path

from autentika.config.file_storages import file_storages

from .base import *  # noqa: F403
from .base import DATABASES, INSTALLED_APPS, STORAGES, TASKS, env

# The demo and test services (demo CA, TSA, BSrE simulator, CSC test service): development and
# tests only, never in production settings (docs/DECISIONS.md).
INSTALLED_APPS = [*INSTALLED_APPS, "autentika.demo"]

SECRET_KEY = "test-only-secret-key-not-for-production-use-0123456789"
DEBUG = False
# A fixed integrity key (core/integrity.py); a test of another key sets its own.
AUTENTIKA_INTEGRITY_KEY = "test-only-integrity-key-0123456789abcdef"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def _process_folder(prefix: str) -> Path:
    """A temporary folder of this process, removed when it exits (not by a forked child, which
    inherits the exit handler): a run of the suite leaves no folders behind."""
    folder, owner = Path(tempfile.mkdtemp(prefix=prefix)), os.getpid()

    def remove() -> None:
        if os.getpid() == owner:
            shutil.rmtree(folder, ignore_errors=True)

    atexit.register(remove)
    return folder


PRIVATE_FILES_ROOT = _process_folder("autentika-test-files-")
AUTENTIKA_KEPT_UPLOADS_DIR = _process_folder("autentika-test-kept-")
# On this process's folders; the S3 tests switch to the local S3 server (tests/fixtures).
AUTENTIKA_STORAGE = "local"
STORAGES = {
    **STORAGES,
    **file_storages(
        kind="local", files_dir=PRIVATE_FILES_ROOT, kept_dir=AUTENTIKA_KEPT_UPLOADS_DIR
    ),
}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
WHITENOISE_AUTOREFRESH = True
# Most tests sign in with force_login and sign through the services with a plain user; the
# second-factor tests (tests/security/test_second_factor.py) and the browser tests turn the
# requirement on (docs/DECISIONS.md).
AUTENTIKA_OTP_REQUIRED = False

# Each concurrent test run on PostgreSQL needs its own test database name.
if _test_db := env.str("AUTENTIKA_TEST_DB_NAME", default=""):
    DATABASES["default"]["TEST"] = {"NAME": _test_db}
# A replica named by DATABASE_REPLICA_URL is the test database itself in tests (no second copy).
if "replica" in DATABASES:
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
# Bulk signing in one process: a test runs inside one transaction, which forked workers (on
# their own connections) would not see; the worker tests (tests/bulk/test_bulk_workers.py)
# ask for their workers explicitly, on committed data.
AUTENTIKA_BULK_SIGNING_WORKERS = 1
# Signing tasks run at once in the request (the same task function and sealing); the worker's
# own path is tested with a real db_worker (tests/bulk/test_signing_worker.py).
TASKS = {
    **TASKS,
    "immediate": {
        "BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
        "QUEUES": ["default", "signing"],
    },
}
AUTENTIKA_SIGNING_TASK_BACKEND = "immediate"
