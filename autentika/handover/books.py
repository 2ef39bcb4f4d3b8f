"""The receipt book (Buku Tanda Terima) as PDF and XLSX."""

from autentika.core.books import book_pdf, book_xlsx
from autentika.core.formatting import format_date_id, format_datetime_id
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
        f"{receipt.identity_kind_name} {receipt.identity_masked}"
        if receipt.identity_number
        else receipt.get_identity_kind_display(),
        receipt.get_channel_display(),
        receipt.recorded_by_position.title if receipt.recorded_by_position else "Portal partai",
    ]


def receipts_book_xlsx(*, office: Office, period: Period) -> bytes:
    return book_xlsx(
        title="Buku Tanda Terima",
        office=office,
        period=period,
        columns=RECEIPT_COLUMNS,
        rows=(receipt_row(r) for r in receipts_search(office=office, period=period)),
        widths=(16, 24, 26, 18, 11, 36, 28, 24, 26, 20, 30),
    )


def receipts_book_pdf(*, office: Office, period: Period) -> bytes:
    return book_pdf(
        title="Buku Tanda Terima",
        office=office,
        period=period,
        columns=RECEIPT_COLUMNS,
        rows=(receipt_row(r) for r in receipts_search(office=office, period=period)),
        empty="Tidak ada penyerahan surat pada periode ini.",
        nowrap=(1, 3),
        sign_column=True,
    )
