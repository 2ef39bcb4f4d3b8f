"""The local services a demo signing through a remote backend needs, for `demo_request
--signing bsre|bsre-v2|csc|local`: the BSrE simulator or the CSC test service in this process,
and the office's signer position pointed at it for the duration (AUTENTIKA_SIGNING_BACKENDS).
Run inside pki_service.demo_services_running (the simulator timestamps with the demo TSA).

For `make run`, `manage.py bsre_simulator_serve` serves the simulator on DEMO_BSRE_PORT with the
demo client credentials (`demo_client`); `AUTENTIKA_DEMO_SIGNING=bsre|bsre-v2` makes the dev
settings point every demo office at it (`demo_backends`).
"""

import os
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from django.conf import settings

SIGNING_CHOICES = ("local", "bsre", "bsre-v2", "csc")
USER_ENV, PASSWORD_ENV = "AUTENTIKA_DEMO_BSRE_USER", "AUTENTIKA_DEMO_BSRE_PASSWORD"
DEMO_BSRE_PORT = 8011
DEMO_REMOTE_KINDS = ("bsre", "bsre-v2")


def demo_client() -> tuple[str, str]:
    """The client credentials of the demo BSrE simulator (`bsre_simulator_serve`, a test
    service, no secret): AUTENTIKA_DEMO_BSRE_USER and AUTENTIKA_DEMO_BSRE_PASSWORD."""
    return (settings.AUTENTIKA_DEMO_BSRE_USER, settings.AUTENTIKA_DEMO_BSRE_PASSWORD)


def demo_anchor_path(files_dir: Path) -> Path:
    """Where the demo CA keeps the BSrE test intermediate's PEM (bsre_test_ca.bsre_ca_pem_path)."""
    from autentika.signing.trust import DEMO_CA_DIR_NAME

    return files_dir / DEMO_CA_DIR_NAME / "bsre-test-ca.pem"


def demo_backends(*, kind: str, url: str, files_dir: Path) -> dict[str, Any]:
    """AUTENTIKA_SIGNING_BACKENDS for `make run` with AUTENTIKA_DEMO_SIGNING: every demo office
    signs through the BSrE simulator served by `bsre_simulator_serve` at `url`."""
    if kind not in DEMO_REMOTE_KINDS:
        raise ValueError(f"AUTENTIKA_DEMO_SIGNING: {kind!r} is not one of {DEMO_REMOTE_KINDS}")
    return {
        "*": {
            "kind": kind,
            "url": url,
            "username_env": USER_ENV,
            "password_env": PASSWORD_ENV,
            "trust_anchors": [str(demo_anchor_path(files_dir))],
            "timeout": 30,
        }
    }


@contextmanager
def demo_signing_running(*, kind: str, office_code: str, position_code: str) -> Iterator[None]:
    if kind == "local":
        yield
        return
    from .bsre_test_ca import bsre_ca_pem_path
    from .demo_ca import demo_ca_current
    from .signers import demo_signing_passphrase

    ca = demo_ca_current()
    config: dict[str, Any] = {"kind": kind, "trust_anchors": [bsre_ca_pem_path(ca)]}
    if kind == "csc":
        from .csc_service import csc_service_start

        service: Any = csc_service_start(ca=ca)
        config |= {"url": service.url, "credential": "demo/bsre-{nik}"}
    else:
        from .bsre_simulator import BsreSimulator, simulator_start

        client = ("autentika-demo", secrets.token_urlsafe(16))
        simulator = BsreSimulator(
            ca=ca,
            username=client[0],
            password=client[1],
            passphrase=demo_signing_passphrase(),
            tsa_url=settings.AUTENTIKA_TSA_URL,
        )
        service = simulator_start(simulator)
        os.environ[USER_ENV], os.environ[PASSWORD_ENV] = client
        config |= {"url": service.url, "username_env": USER_ENV, "password_env": PASSWORD_ENV}
    previous = settings.AUTENTIKA_SIGNING_BACKENDS
    settings.AUTENTIKA_SIGNING_BACKENDS = {**previous, f"{office_code}/{position_code}": config}
    try:
        yield
    finally:
        settings.AUTENTIKA_SIGNING_BACKENDS = previous
        service.stop()
        for name in (USER_ENV, PASSWORD_ENV):
            os.environ.pop(name, None)
