"""The downloadable import template (docs/IMPORT_TEMPLATE.md): an empty CSV and an XLSX."""

import io
from typing import Any

from autentika.results.import_types import (
    CANDIDATES_HEADERS,
    CANDIDATES_SHEET,
    GUIDE_SHEET,
    MAIN_HEADERS,
    MAIN_SHEET,
    TOTALS_HEADERS,
    TOTALS_SHEET,
)
from autentika.results.models import PoliticalParty
from autentika.results.parties import registry_ballot_numbers

GUIDE = (
    "Templat impor hasil pemilu Autentika",
    "",
    f"Lembar “{MAIN_SHEET}” (wajib): satu baris per dapil per partai.",
    "  dapil: nama dapil persis seperti dalam keputusan, mis. SUMATERA UTARA 1",
    "  kursi_dapil: alokasi kursi dapil itu (sama di setiap baris dapil)",
    "  nomor_partai: nomor urut partai pada surat suara",
    "  partai: nama partai (singkat atau lengkap); partai dikenali dari namanya, bukan dari",
    "    nomor urutnya (nomor urut berubah antarpemilu; lihat lembar daftar_partai)",
    "  suara_sah: suara sah partai (suara partai + suara calonnya), mis. 1234567 atau 1.234.567",
    "  kursi: kursi yang diperoleh partai di dapil itu",
    f"Lembar “{TOTALS_SHEET}” (pilihan): total partai seperti tercetak dalam keputusan;",
    "  suara_sah atau kursi boleh kosong bila keputusan tidak mencantumkannya.",
    f"Lembar “{CANDIDATES_SHEET}” (pilihan): perolehan suara calon; terpilih diisi ya atau tidak.",
    "Urutan kolom bebas; judul kolom harus persis. Angka bulat tanpa koma, tanpa tanda minus.",
    "Seluruh berkas diterima, atau tidak ada yang disimpan. Lembar lain (seperti ini) diabaikan.",
)


REGISTRY_SHEET = "daftar_partai"
REGISTRY_HEADERS = (
    "kode_partai",
    "nama_singkat",
    "nama_lengkap",
    "nomor_urut_2019",
    "nomor_urut_2024",
)


def _registry_sheet(sheet: Any) -> None:
    """The parties the archive knows, with their ballot numbers of 2019 and 2024 (for
    reference; ignored on import)."""
    from openpyxl.styles import Font

    numbers = registry_ballot_numbers()
    sheet.append(list(REGISTRY_HEADERS))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for party in PoliticalParty.objects.order_by("short_name"):
        years = numbers.get(party.code, {})
        sheet.append(
            [party.code, party.short_name, party.full_name, years.get(2019), years.get(2024)]
        )


def template_csv() -> bytes:
    return (",".join(MAIN_HEADERS) + "\r\n").encode()


def template_xlsx() -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    for sheet in list(workbook.worksheets):
        workbook.remove(sheet)
    for name, headers in (
        (MAIN_SHEET, MAIN_HEADERS),
        (TOTALS_SHEET, TOTALS_HEADERS),
        (CANDIDATES_SHEET, CANDIDATES_HEADERS),
    ):
        sheet = workbook.create_sheet(name)
        sheet.append(list(headers))
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        sheet.freeze_panes = "A2"
    guide = workbook.create_sheet(GUIDE_SHEET)
    for line in GUIDE:
        guide.append([line])
    _registry_sheet(workbook.create_sheet(REGISTRY_SHEET))
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
