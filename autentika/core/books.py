"""The printable registers (buku) share one spreadsheet layout: a title, the period, a header
row, one row per entry."""

import io
from collections.abc import Iterable, Sequence
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from autentika.core.periods import Period


def book_xlsx(
    *,
    title: str,
    office: Any,
    period: Period,
    columns: Sequence[str],
    rows: Iterable[Sequence[object]],
    widths: Sequence[int],
) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = title[:31]
    sheet.append([f"{title} — {office.name}"])
    sheet.append([f"Periode: {period.label}"])
    sheet.append(list(columns))
    sheet["A1"].font = Font(bold=True, size=13)
    for cell in sheet[3]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append(list(row))
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    for sheet_row in sheet.iter_rows(min_row=4):
        for cell in sheet_row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "A4"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
