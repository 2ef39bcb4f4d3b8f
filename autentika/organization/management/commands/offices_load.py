from typing import Any

from django.core.management.base import BaseCommand

from autentika.organization.offices_load import offices_load
from autentika.organization.regions import REGIONS_SOURCE


class Command(BaseCommand):
    help = (
        "Create every KPU office (KPU RI, 38 provinces, 514 regencies/cities) with its positions "
        "and chains from the list of regions; offices already there are left as they are."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        result = offices_load()
        if not result.created:
            self.stdout.write(
                f"Tidak ada yang diubah: {len(result.kept)} kantor sudah ada "
                f"(daftar wilayah: {REGIONS_SOURCE})."
            )
            return
        self.stdout.write(
            f"{len(result.created)} kantor dibuat, {len(result.kept)} kantor yang sudah ada "
            f"dibiarkan (daftar wilayah: {REGIONS_SOURCE})."
        )
        if result.kept:
            self.stdout.write(f"Dibiarkan: {', '.join(result.kept)}")
        self.stdout.write("Kantor baru belum memiliki pengguna: tugaskan stafnya di admin.")
