"""Indonesia's provinces and regencies/cities with their Kemendagri codes, read from the copy in
`data/regions.csv` (where it comes from and how to refresh it: `data/PROVENANCE.md`)."""

import csv
from dataclasses import dataclass
from pathlib import Path

from autentika.organization.models import OfficeLevel, OfficeTimeZone

REGIONS_CSV = Path(__file__).resolve().parent / "data" / "regions.csv"
# Named in the audit event of a load; kept in step with data/PROVENANCE.md.
REGIONS_SOURCE = "idn-area-data 4.0.1 (Kepmendagri 300.2.2-2138 Tahun 2025); areaid 1.1.2"

# Aceh's election commissions are the Komisi Independen Pemilihan (UU 11/2006 on the
# Government of Aceh, art. 1(12); UU 7/2017, art. 557): KIP Aceh and the KIP of each of
# Aceh's regencies/cities.
ACEH = "11"
# The provinces east of WIB, by the three time zones of Keppres 41/1987.
WITA_PROVINCES = {"51", "52", "53", "63", "64", "65", "71", "72", "73", "74", "75", "76"}
WIT_PROVINCES = {"81", "82", "91", "92", "93", "94", "95", "96"}


@dataclass(frozen=True)
class Region:
    code: str  # Kemendagri's: "12" for a province, "12.07" for a regency/city
    level: OfficeLevel
    province_code: str
    name: str  # "Sumatera Utara", "Kabupaten Deli Serdang", "Kota Medan"
    capital: str  # the seat: the city a letter's date line names

    @property
    def number_code(self) -> str:
        """The code as KPU's letter numbers print it: "12", "1207"."""
        return self.code.replace(".", "")

    @property
    def time_zone(self) -> OfficeTimeZone:
        if self.province_code in WIT_PROVINCES:
            return OfficeTimeZone.WIT
        if self.province_code in WITA_PROVINCES:
            return OfficeTimeZone.WITA
        return OfficeTimeZone.WIB

    @property
    def in_aceh(self) -> bool:
        return self.province_code == ACEH


def regions_read(path: Path = REGIONS_CSV) -> list[Region]:
    levels = {"provinsi": OfficeLevel.PROVINSI, "kabkota": OfficeLevel.KABKOTA}
    with path.open(encoding="utf-8", newline="") as file:
        return [
            Region(
                code=row["code"],
                level=levels[row["level"]],
                province_code=row["province_code"],
                name=row["name"],
                capital=row["capital"],
            )
            for row in csv.DictReader(file)
        ]
