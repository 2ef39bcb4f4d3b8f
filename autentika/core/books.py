"""The printable registers (buku) share one spreadsheet layout: a title, the period, a header
row, one row per entry.

Every text cell that a spreadsheet program would read as a formula (starting with `=`, `+`,
`-`, `@`, a tab or a carriage return) is written with a leading apostrophe: a party's subject
`=HYPERLINK(...)` must stay text in the register Tata Usaha opens (CSV/formula injection).
"""

import io
import re
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from autentika.core.formatting import LONG_TOKEN
from autentika.core.pdf import render_pdf
from autentika.core.periods import Period
from autentika.core.text_hygiene import bidi_controls_removed

if TYPE_CHECKING:
    from openpyxl.workbook.workbook import Workbook as WorkbookType

# openpyxl is imported where a workbook is written, not at start-up (a command that writes no
# spreadsheet, `verify_letter`, would pay 150 ms for it). The control characters XLSX cannot
# hold, as openpyxl's own `ILLEGAL_CHARACTERS_RE` names them:
ILLEGAL_CHARACTERS_RE = re.compile(r"[\000-\010]|[\013-\014]|[\016-\037]")

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_text(value: object) -> object:
    """The value as a spreadsheet should hold it: control characters XLSX cannot hold are
    dropped (openpyxl would refuse the whole export), so are bidirectional formatting characters
    of text stored before forms refused them (`text_hygiene.py`), and text
    that could start a formula is escaped."""
    if not isinstance(value, str):
        return value
    value = bidi_controls_removed(ILLEGAL_CHARACTERS_RE.sub("", value))
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def workbook_bytes(workbook: "WorkbookType") -> bytes:
    """Save the workbook after escaping every text cell; no export writes formulas."""
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and cell.value.startswith(FORMULA_STARTS):
                    cell.value = "'" + cell.value
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def book_xlsx(
    *,
    title: str,
    office: Any,
    period: Period,
    columns: Sequence[str],
    rows: Iterable[Sequence[object]],
    widths: Sequence[int],
    note: str = "",
) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = title[:31]
    sheet.append([f"{title} — {office.name}"])
    sheet.append([f"Periode: {period.label}" + (f" — {note}" if note else "")])
    sheet.append(list(columns))
    sheet["A1"].font = Font(bold=True, size=13)
    for cell in sheet[3]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append([spreadsheet_text(value) for value in row])
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    for sheet_row in sheet.iter_rows(min_row=4):
        for cell in sheet_row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "A4"
    return workbook_bytes(workbook)


def book_pdf(
    *,
    title: str,
    office: Any,
    period: Period,
    columns: Sequence[str],
    rows: Iterable[Sequence[object]],
    empty: str,
    nowrap: Sequence[int] = (),
    sign_column: bool = False,
    filters: str = "",
) -> bytes:
    """A book as an A4 landscape PDF under the office's letterhead; `nowrap`: 1-based columns
    kept on one line (numbers) where the cell is no longer than a token that may stay whole
    (`formatting.LONG_TOKEN`: a longer one, e.g. a 120-character letter number, wraps);
    `sign_column`: an empty Paraf column for wet initials."""
    kept_whole = set(nowrap)
    rows = [
        [
            (cell, index in kept_whole and len("" if cell is None else str(cell)) <= LONG_TOKEN)
            for index, cell in enumerate(row, start=1)
        ]
        for row in rows
    ]
    return render_pdf(
        "core/book_pdf.html",
        {
            "title": title,
            "office": office,
            "period": period,
            "columns": columns,
            "rows": rows,
            "empty": empty,
            "sign_column": sign_column,
            "filters": filters,
        },
    )
