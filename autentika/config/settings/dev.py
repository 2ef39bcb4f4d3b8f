"""Local development and `make run`: the embedded SQLite default, e-mail to the console."""

import os

from .base import *  # noqa: F403
from .base import AUTENTIKA_SIGNING_BACKENDS, PRIVATE_FILES_ROOT

# `make run SIGNING=bsre` (or bsre-v2; the variable AUTENTIKA_DEMO_SIGNING): every demo office
# signs through the BSrE simulator `make run` starts (`manage.py bsre_simulator_serve`, at
# AUTENTIKA_DEMO_BSRE_URL), unless AUTENTIKA_SIGNING_BACKENDS(_FILE) is set. See
# docs/SIGNING_BACKENDS.md.
AUTENTIKA_DEMO_SIGNING = os.environ.get("AUTENTIKA_DEMO_SIGNING", "")
AUTENTIKA_DEMO_BSRE_URL = os.environ.get("AUTENTIKA_DEMO_BSRE_URL", "http://127.0.0.1:8011")
if AUTENTIKA_DEMO_SIGNING not in ("", "local") and not AUTENTIKA_SIGNING_BACKENDS:
    from autentika.letters.demo_signing import PASSWORD_ENV, USER_ENV, demo_backends, demo_client

    AUTENTIKA_SIGNING_BACKENDS = demo_backends(
        kind=AUTENTIKA_DEMO_SIGNING, url=AUTENTIKA_DEMO_BSRE_URL, files_dir=PRIVATE_FILES_ROOT
    )
    # The simulator's client credentials, where the backend looks for them.
    os.environ.setdefault(USER_ENV, demo_client()[0])
    os.environ.setdefault(PASSWORD_ENV, demo_client()[1])
