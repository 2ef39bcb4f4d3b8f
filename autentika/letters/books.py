"""The outgoing-letter register (Buku Agenda Surat Keluar) as a page, PDF and XLSX: every
letter the office signed, in number order, with its addressee, subject and status."""

from django.db.models import Q, QuerySet

from autentika.core.books import book_pdf, book_xlsx
from autentika.core.formatting import format_date_id
from autentika.core.periods import Period
from autentika.letters.models import SignedLetter
from autentika.organization.models import Office

TITLE = "Buku Agenda Surat Keluar"
OUTGOING_COLUMNS = (
    "No. Urut",
    "Nomor Surat",
    "Tanggal",
    "Kepada",
    "Hal",
    "No. Agenda Asal",
    "Penanda Tangan",
    "Status",
)


def outgoing_search(*, office: Office, period: Period, query: str = "") -> QuerySet[SignedLetter]:
    letters = SignedLetter.objects.filter(
        office=office, date__gte=period.start, date__lte=period.end
    ).select_related("case__party", "version")
    if query:
        letters = letters.filter(
            Q(number__icontains=query)
            | Q(version__subject__icontains=query)
            | Q(case__party__short_name__icontains=query)
            | Q(case__party__full_name__icontains=query)
        )
    return letters.order_by("year", "sequence")


def outgoing_row(letter: SignedLetter) -> list[str]:
    status = letter.get_status_display()
    return [
        str(letter.sequence),
        letter.number,
        format_date_id(letter.date),
        letter.case.sender,
        letter.version.subject,
        letter.case.agenda_label,
        f"{letter.signer_position_title} ({letter.signer_name})",
        f"{status} (SPESIMEN)" if letter.is_specimen else status,
    ]


def outgoing_book_xlsx(*, office: Office, period: Period, query: str = "") -> bytes:
    return book_xlsx(
        title=TITLE,
        office=office,
        period=period,
        columns=OUTGOING_COLUMNS,
        rows=(
            outgoing_row(letter)
            for letter in outgoing_search(office=office, period=period, query=query)
        ),
        widths=(9, 28, 18, 36, 48, 14, 44, 20),
        note=f"Disaring: pencarian “{query}”" if query else "",
    )


def outgoing_book_pdf(*, office: Office, period: Period, query: str = "") -> bytes:
    return book_pdf(
        title=TITLE,
        office=office,
        period=period,
        columns=OUTGOING_COLUMNS,
        rows=(
            outgoing_row(letter)
            for letter in outgoing_search(office=office, period=period, query=query)
        ),
        empty="Tidak ada surat keluar pada periode ini.",
        nowrap=(1, 2, 6),
        filters=f"Disaring: pencarian “{query}”" if query else "",
    )
