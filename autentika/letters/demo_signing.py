"""The local services a demo signing through a remote backend needs, for `demo_request
--signing bsre|bsre-v2|csc|local`: the BSrE simulator or the CSC test service in this process,
and the office's signer position pointed at it for the duration (AUTENTIKA_SIGNING_BACKENDS).
Run inside pki_service.demo_services_running (the simulator timestamps with the demo TSA)."""

import os
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.conf import settings

SIGNING_CHOICES = ("local", "bsre", "bsre-v2", "csc")
USER_ENV, PASSWORD_ENV = "AUTENTIKA_DEMO_BSRE_USER", "AUTENTIKA_DEMO_BSRE_PASSWORD"


@contextmanager
def demo_signing_running(*, kind: str, office_code: str, position_code: str) -> Iterator[None]:
    if kind == "local":
        yield
        return
    from .bsre_test_ca import bsre_ca_pem_path
    from .demo import demo_signing_passphrase
    from .demo_ca import demo_ca_current

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
    previous = getattr(settings, "AUTENTIKA_SIGNING_BACKENDS", {})
    settings.AUTENTIKA_SIGNING_BACKENDS = {**previous, f"{office_code}/{position_code}": config}
    try:
        yield
    finally:
        settings.AUTENTIKA_SIGNING_BACKENDS = previous
        service.stop()
        for name in (USER_ENV, PASSWORD_ENV):
            os.environ.pop(name, None)
