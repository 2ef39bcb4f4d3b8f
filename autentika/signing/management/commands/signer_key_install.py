import getpass
from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from autentika.organization.models import Office
from autentika.signing.pades import SigningError
from autentika.signing.signer_keys import signer_key_install


class Command(BaseCommand):
    help = (
        "Install a signer's PKCS#12 key after checking it: it opens, has nonRepudiation, "
        "chains to a trust root and names the user and the office."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("file", type=Path)
        parser.add_argument("--office", required=True, help="office code")
        parser.add_argument("--passphrase", help="asked for when omitted")

    def handle(self, *args: Any, **options: Any) -> None:
        user = get_user_model().objects.filter(username=options["username"]).first()
        office = Office.objects.filter(code=options["office"]).first()
        if user is None or office is None:
            raise CommandError("Pengguna atau kantor tidak ditemukan.")
        passphrase = options["passphrase"] or getpass.getpass("Frasa sandi PKCS#12: ")
        try:
            cert = signer_key_install(
                user=user,
                office_name=office.name,
                pkcs12_bytes=options["file"].read_bytes(),
                passphrase=passphrase,
            )
        except (OSError, SigningError) as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Kunci dipasang: {cert.subject.rfc4514_string()}")
