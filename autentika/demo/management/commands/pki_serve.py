from typing import Any
from urllib.parse import urlsplit

from django.core.management.base import BaseCommand

from autentika.demo.demo_ca import demo_ca_current
from autentika.demo.pki_service import DEFAULT_HOST, pki_server_make, serve_until_interrupted


class Command(BaseCommand):
    help = (
        "Serve the demo CA's timestamp (TSA), OCSP and CRL services at AUTENTIKA_DEMO_PKI_URL "
        "(development and demo only; `make run` starts it beside the web server)."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        ca = demo_ca_current()
        port = urlsplit(ca.url_prefix).port or 80
        server = pki_server_make(ca=ca, port=port, host=DEFAULT_HOST)
        self.stdout.write(f"Layanan PKI demo (TSA, OCSP, CRL) di {ca.url_prefix}/demo/")
        serve_until_interrupted(server)
