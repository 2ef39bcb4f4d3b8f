"""Settings of the task worker the batch suite starts (`manage.py db_worker --queue-name
signing`): the bench settings, with the suite's files (the demo CA, the signer's key) where
the suite put them. The test settings would give each process a fresh temporary folder."""

import os
from pathlib import Path

from bench.settings import *  # noqa: F403
from bench.settings import STORAGES

PRIVATE_FILES_ROOT = Path(os.environ["BENCH_BATCH_FILES_DIR"])
STORAGES = {
    **STORAGES,
    "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(PRIVATE_FILES_ROOT), "base_url": "/berkas/"},
    },
}
