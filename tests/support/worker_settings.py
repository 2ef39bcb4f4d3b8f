"""Settings of the task worker (`manage.py db_worker`) a test starts: the test settings, on the
test's own database and files (the test settings would give the process new ones)."""

import os
from pathlib import Path

from autentika.config.settings.test import *  # noqa: F403
from autentika.config.settings.test import DATABASES, STORAGES

DATABASES["default"]["NAME"] = os.environ["AUTENTIKA_DETACHED_DB_NAME"]
PRIVATE_FILES_ROOT = Path(os.environ["AUTENTIKA_DETACHED_FILES_DIR"])
STORAGES = {
    **STORAGES,
    "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(PRIVATE_FILES_ROOT), "base_url": "/berkas/"},
    },
}
AUTENTIKA_TSA_URL = os.environ["AUTENTIKA_TSA_URL"]
