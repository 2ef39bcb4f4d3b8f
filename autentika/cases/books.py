"""The incoming-letter register (Buku Registrasi Surat Masuk) as PDF and XLSX."""

from autentika.cases.models import Case, CaseState
from autentika.cases.selectors import register_search
from autentika.core.books import book_pdf, book_xlsx
from autentika.core.formatting import format_date_id, format_datetime_id
from autentika.core.periods import Period
from autentika.organization.models import Office

REGISTER_COLUMNS = (
    "No. Agenda",
    "Tanggal Diterima",
    "Pengirim",
    "Nomor Surat",
    "Tanggal Surat",
    "Perihal",
    "Pemilu",
    "Lampiran",
    "Cara Masuk",
    "Posisi Saat Ini",
)


def register_row(case: Case) -> list[str]:
    attachments = sum(1 for d in case.documents.all() if d.kind == "attachment")
    return [
        case.agenda_label,
        format_datetime_id(case.received_at),
        case.sender,
        case.letter_number,
        format_date_id(case.letter_date),
        case.subject,
        "; ".join(e.name for e in case.elections.all()),
        f"{attachments} berkas" if attachments else "-",
        case.get_channel_display(),
        f"{case.get_state_display()}: {case.current_desk}",
    ]


def _filters_line(query: str, state: str) -> str:
    """The page's filters, printed on the book so a filtered copy says it is one."""
    parts = []
    if query:
        parts.append(f"pencarian “{query}”")
    if state:
        parts.append(f"tahap {CaseState(state).label}")
    return ("Disaring: " + ", ".join(parts)) if parts else ""


def register_book_xlsx(
    *, office: Office, period: Period, query: str = "", state: str = ""
) -> bytes:
    cases = register_search(office=office, period=period, query=query, state=state)
    return book_xlsx(
        title="Buku Registrasi Surat Masuk",
        office=office,
        period=period,
        columns=REGISTER_COLUMNS,
        rows=(register_row(case) for case in cases),
        widths=(11, 24, 36, 24, 18, 48, 40, 12, 16, 40),
        note=_filters_line(query, state),
    )


def register_book_pdf(*, office: Office, period: Period, query: str = "", state: str = "") -> bytes:
    cases = register_search(office=office, period=period, query=query, state=state)
    return book_pdf(
        title="Buku Registrasi Surat Masuk",
        office=office,
        period=period,
        columns=REGISTER_COLUMNS,
        rows=(register_row(case) for case in cases),
        empty="Tidak ada surat masuk pada periode ini.",
        nowrap=(1, 4),
        filters=_filters_line(query, state),
    )
