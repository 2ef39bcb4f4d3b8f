from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from autentika.core.registry import demo_seeders
from autentika.organization.demo import DEMO_OFFICES, DEMO_PASSWORD, demo_office_seed


class Command(BaseCommand):
    help = (
        "Create or refresh the demo offices (KPU Provinsi Sumatera Utara, KPU RI) and their data."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.AUTENTIKA_DEMO_ALLOWED:
            raise CommandError(
                "seed_demo tidak dijalankan dengan pengaturan produksi: pengguna demo memakai "
                "kata sandi yang diketahui umum. Gunakan pengaturan pengembangan."
            )
        for spec in DEMO_OFFICES:
            office, logins = demo_office_seed(spec)
            self.stdout.write(f"Kantor demo: {office.name} ({office.code})")
            for username, title in logins:
                self.stdout.write(f"  {username:<16} {title}")
        for seeder in demo_seeders():
            seeder(self.stdout.write)
        self.stdout.write(f"Kata sandi semua pengguna demo: {DEMO_PASSWORD}")
