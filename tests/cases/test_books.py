import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone
from openpyxl import load_workbook

from autentika.cases.books import REGISTER_COLUMNS, register_book_pdf, register_book_xlsx
from autentika.cases.documents import disposition_sheet_pdf
from autentika.core.periods import Period
from tests.pdf import pdf_text


@pytest.fixture
def three_cases(register, official_without_figures):
    return [
        register(letter_number=f"00{i}/DPD/2025", subject=f"Permohonan ke-{i}") for i in (1, 2, 3)
    ]


def test_register_xlsx_has_one_row_per_request(three_cases, sumut):
    period = Period.year(timezone.localdate().year)
    sheet = load_workbook(io.BytesIO(register_book_xlsx(office=sumut, period=period))).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[2] == REGISTER_COLUMNS
    body = rows[3:]
    assert [row[0] for row in body] == [c.agenda_label for c in three_cases]
    assert [row[3] for row in body] == ["001/DPD/2025", "002/DPD/2025", "003/DPD/2025"]
    assert body[0][2] == "DPD Partai Golongan Karya"


def test_register_pdf_lists_every_request(three_cases, sumut):
    text = pdf_text(register_book_pdf(office=sumut, period=Period.year(timezone.localdate().year)))
    assert "BUKU REGISTRASI SURAT MASUK" in text
    for case in three_cases:
        assert case.letter_number in text and case.subject in text


def test_a_period_excludes_other_years(three_cases, sumut):
    content = register_book_xlsx(office=sumut, period=Period.year(2019))
    assert len(list(load_workbook(io.BytesIO(content)).active.iter_rows())) == 3


def test_export_book_command_writes_pdf_and_xlsx(three_cases, tmp_path):
    year = str(timezone.localdate().year)
    out = tmp_path / "buku.xlsx"
    call_command(
        "export_book",
        "register",
        "--office",
        "kpu-sumut",
        "--year",
        year,
        "--format",
        "xlsx",
        "--out",
        str(out),
    )
    rows = list(load_workbook(out).active.iter_rows(values_only=True))
    assert len(rows) == 3 + len(three_cases)
    pdf = tmp_path / "buku.pdf"
    today = timezone.localdate().isoformat()
    call_command(
        "export_book",
        "register",
        "--office",
        "kpu-sumut",
        "--from",
        today,
        "--to",
        today,
        "--format",
        "pdf",
        "--out",
        str(pdf),
    )
    assert three_cases[0].letter_number in pdf_text(pdf.read_bytes())


def test_export_book_refuses_a_period_ending_before_it_starts(sumut, tmp_path):
    with pytest.raises(CommandError, match=r"berakhir .* sebelum dimulai"):
        call_command(
            "export_book",
            "register",
            "--office",
            "kpu-sumut",
            "--from",
            "2025-02-01",
            "--to",
            "2025-01-01",
            "--format",
            "pdf",
            "--out",
            str(tmp_path / "x.pdf"),
        )
    with pytest.raises(CommandError, match="Buku tidak dikenal"):
        call_command(
            "export_book",
            "nope",
            "--office",
            "kpu-sumut",
            "--year",
            "2025",
            "--format",
            "pdf",
            "--out",
            str(tmp_path / "x.pdf"),
        )


def test_disposition_sheet_carries_the_case_and_its_chain_of_instructions(
    register, dispose, official_without_figures
):
    case = register()
    dispose(case, "ketua", "SEKRETARIS", instruction="balas", note="Mohon segera diproses")
    dispose(case, "sekretaris", "KABAG", instruction="koordinasi")
    text = pdf_text(disposition_sheet_pdf(case=case))
    assert "LEMBAR DISPOSISI" in text
    assert case.agenda_label in text
    assert "DPD Partai Golongan Karya" in text
    assert case.subject in text
    assert "Siapkan balasan" in text and "Mohon segera diproses" in text and "Koordinasikan" in text
    assert "Ahmad Syahputra" in text
