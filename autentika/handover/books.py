"""The receipt book (Buku Tanda Terima) as PDF and XLSX."""

import io

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from autentika.core.formatting import format_date_id, format_datetime_id
from autentika.core.pdf import render_pdf
from autentika.core.periods import Period
from autentika.handover.models import Receipt
from autentika.handover.selectors import receipts_search
from autentika.organization.models import Office

RECEIPT_COLUMNS = (
    "No. Tanda Terima",
    "Tanggal dan Waktu",
    "Nomor Surat",
    "Tanggal Surat",
    "No. Agenda",
    "Partai",
    "Nama Penerima",
    "Jabatan",
    "Identitas",
    "Cara",
    "Diserahkan oleh",
)


def receipt_row(receipt: Receipt) -> list[str]:
    return [
        receipt.number_label,
        format_datetime_id(receipt.handed_at),
        receipt.letter.number,
        format_date_id(receipt.letter.date),
        receipt.case.agenda_label,
        receipt.case.sender,
        receipt.recipient_name,
        receipt.recipient_position or "-",
        f"{receipt.get_identity_kind_display().split(' (')[0]} {receipt.identity_masked}"
        if receipt.identity_number
        else receipt.get_identity_kind_display(),
        receipt.get_channel_display(),
        receipt.recorded_by_position.title if receipt.recorded_by_position else "Portal partai",
    ]


def receipts_book_xlsx(*, office: Office, period: Period) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "Buku Tanda Terima"
    sheet.append([f"Buku Tanda Terima — {office.name}"])
    sheet.append([f"Periode: {period.label}"])
    sheet.append(list(RECEIPT_COLUMNS))
    sheet["A1"].font = Font(bold=True, size=13)
    for cell in sheet[3]:
        cell.font = Font(bold=True)
    for receipt in receipts_search(office=office, period=period):
        sheet.append(receipt_row(receipt))
    widths = (16, 24, 26, 18, 11, 36, 28, 24, 26, 20, 30)
    for index, width in enumerate(widths):
        sheet.column_dimensions[chr(ord("A") + index)].width = width
    for row in sheet.iter_rows(min_row=4):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "A4"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def receipts_book_pdf(*, office: Office, period: Period) -> bytes:
    rows = [receipt_row(r) for r in receipts_search(office=office, period=period)]
    return render_pdf(
        "handover/receipts_book.html",
        {"office": office, "period": period, "columns": RECEIPT_COLUMNS, "rows": rows},
    )
