from pathlib import Path
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives import hashes
from django.core.management.base import BaseCommand, CommandParser

from autentika.signing.certificates import certificate_to_pem
from autentika.signing.trust import trust_roots_load, tsa_anchors_load


class Command(BaseCommand):
    # Read-only: no system checks (they import the URL configuration and run every app's
    # checks, most of the command's start-up); the server's start and `manage.py check` run them.
    requires_system_checks: list[str] = []
    help = (
        "Write the trust root certificates letters are checked against and the TSA "
        "certificates trusted directly (PEM, one file each), for Adobe Reader or another "
        "validator."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("directory", type=Path)

    def handle(self, *args: Any, **options: Any) -> None:
        directory: Path = options["directory"]
        directory.mkdir(parents=True, exist_ok=True)
        for prefix, certs in (("akar", trust_roots_load()), ("tsa", tsa_anchors_load())):
            for cert in certs:
                self._write(directory, prefix, cert)

    def _write(self, directory: Path, prefix: str, cert: x509.Certificate) -> None:
        fingerprint = cert.fingerprint(hashes.SHA256()).hex()
        path = directory / f"{prefix}-{fingerprint[:16]}.pem"
        path.write_bytes(certificate_to_pem(cert))
        self.stdout.write(f"{path}  SHA-256 {fingerprint}  {cert.subject.rfc4514_string()}")
