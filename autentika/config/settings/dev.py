"""Local development and `make run`: the embedded SQLite default, e-mail to the console."""

import os

from .base import *  # noqa: F403
from .base import (
    AUTENTIKA_DEMO_BSRE_PASSWORD,
    AUTENTIKA_DEMO_BSRE_URL,
    AUTENTIKA_DEMO_BSRE_USER,
    AUTENTIKA_DEMO_SIGNING,
    AUTENTIKA_SIGNING_BACKENDS,
    INSTALLED_APPS,
    PRIVATE_FILES_ROOT,
)

# The demo and test services (demo CA, TSA, BSrE simulator, CSC test service): development
# only, never in production settings (docs/DECISIONS.md).
INSTALLED_APPS = [*INSTALLED_APPS, "autentika.demo"]

# `make run SIGNING=bsre` (or bsre-v2; the variable AUTENTIKA_DEMO_SIGNING): every demo office
# signs through the BSrE simulator `make run` starts (`manage.py bsre_simulator_serve`, at
# AUTENTIKA_DEMO_BSRE_URL), unless AUTENTIKA_SIGNING_BACKENDS(_FILE) is set. See
# docs/SIGNING_BACKENDS.md.
if AUTENTIKA_DEMO_SIGNING not in ("", "local") and not AUTENTIKA_SIGNING_BACKENDS:
    from autentika.demo.demo_signing import PASSWORD_ENV, USER_ENV, demo_backends

    AUTENTIKA_SIGNING_BACKENDS = demo_backends(
        kind=AUTENTIKA_DEMO_SIGNING, url=AUTENTIKA_DEMO_BSRE_URL, files_dir=PRIVATE_FILES_ROOT
    )
    # The simulator's client credentials, where the backend looks for credentials it is named
    # (a backend names its variables, docs/SIGNING_BACKENDS.md).
    os.environ.setdefault(USER_ENV, AUTENTIKA_DEMO_BSRE_USER)
    os.environ.setdefault(PASSWORD_ENV, AUTENTIKA_DEMO_BSRE_PASSWORD)
