from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from autentika.organization.demo import demo_second_factor_usernames
from autentika.organization.second_factor import demo_totp_device, totp_code_now


class Command(BaseCommand):
    help = (
        "Print the current second-factor code of a demo user who needs one (signers, "
        "Sekretaris, Tata Usaha; development and training)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.AUTENTIKA_DEMO_ALLOWED:
            raise CommandError("demo_otp_code tidak dijalankan dengan pengaturan produksi.")
        username = options["username"]
        if username not in demo_second_factor_usernames():
            raise CommandError(
                f"{username} bukan pengguna demo yang wajib memakai verifikasi dua langkah."
            )
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError("Pengguna demo belum ada; jalankan seed_demo lebih dahulu.")
        self.stdout.write(totp_code_now(demo_totp_device(user=user)))
