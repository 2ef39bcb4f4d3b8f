"""The letter as HTML and PDF (WeasyPrint), and the data tables computed from the archive."""

import datetime as dt
import logging
from dataclasses import dataclass
from typing import Any

import segno
from django.conf import settings
from django.template.loader import render_to_string

from autentika.cases.models import Case
from autentika.core.formatting import format_date_id
from autentika.core.pdf import html_to_pdf
from autentika.letters.figures import version_text_filled
from autentika.letters.snapshot import table_stated
from autentika.organization.selectors import office_logo_data_uri

# WeasyPrint's font subsetting logs "FFTM NOT subset" warnings.
logging.getLogger("fontTools.subset").setLevel(logging.ERROR)

TEMPLATE = "letters/letter.html"
NUMBER_PLACEHOLDER = "(diberikan saat ditandatangani)"
# The per-dapil tables are the letter's one attachment (lampiran data dukung, SOP step 3).
ATTACHMENT_LINE = "1 (satu) berkas data dukung"


@dataclass(frozen=True)
class Paraf:
    position_title: str
    name: str
    date: dt.datetime


@dataclass(frozen=True)
class SignatureBlock:
    number: str
    date: dt.date
    position_title: str
    name: str
    employee_number: str
    verification_url: str


def verification_url(token: str) -> str:
    base = settings.AUTENTIKA_PUBLIC_URL.rstrip("/")
    return f"{base}/verifikasi/{token}/"


def qr_data_uri(url: str) -> str:
    return str(segno.make(url, error="m").svg_data_uri(scale=4, border=1))


def letter_context(
    *,
    case: Case,
    version: Any,
    parafs: list[Paraf],
    signature: SignatureBlock | None,
    signer_position_title: str,
    signer_name: str,
    signer_employee_number: str,
    archive_copy: bool = False,
) -> dict[str, Any]:
    """`archive_copy`: the office's unsigned copy of a signed letter (SALINAN ARSIP), which
    always carries the paraf table; the letter itself carries it only when the office's
    `paraf_on_archive_copy_only` is off."""
    tables = []
    for table in version.tables:
        decision = dict(table["decision"])
        decision["date"] = dt.date.fromisoformat(decision["date"])
        tables.append({**table_stated(table), "decision": decision})
    office = case.office
    text = version_text_filled(version, strict=signature is not None)
    return {
        "office": office,
        "case": case,
        "version": version,
        "tables": tables,
        "has_table": bool(tables),
        "is_specimen": version.is_specimen,
        "number": signature.number if signature else NUMBER_PLACEHOLDER,
        "date_line": (
            f"{office.city}, {format_date_id(signature.date)}"
            if signature
            else f"{office.city}, (tanggal penandatanganan)"
        ),
        "signature": signature,
        "qr": qr_data_uri(signature.verification_url) if signature and not archive_copy else "",
        "archive_copy": archive_copy,
        "logo": office_logo_data_uri(office),
        "signer_position_title": signer_position_title,
        "signer_name": signer_name,
        "signer_employee_number": signer_employee_number,
        "parafs": parafs[-3:] if archive_copy or not office.paraf_on_archive_copy_only else [],
        "text": text,
        "attachment_line": ATTACHMENT_LINE if tables else text["attachment"],
        "absences": version.absences,
        "body_paragraphs": paragraphs(text["body"]),
        "closing_paragraphs": paragraphs(text["closing"]),
        "copies_list": [line.strip() for line in text["copies"].splitlines() if line.strip()],
    }


def letter_text(version: Any) -> dict[str, Any]:
    """The letter's words as printed (placeholders filled), kept with the signed letter."""
    text: dict[str, Any] = version_text_filled(version)
    text["attachment_line"] = ATTACHMENT_LINE if version.tables else text["attachment"]
    text["absences"] = [absence["reason"] for absence in version.absences]
    return text


def paragraphs(text: str) -> list[str]:
    return [p.strip() for p in text.split("\n\n") if p.strip()]


def letter_html(**kwargs: Any) -> str:
    return render_to_string(TEMPLATE, letter_context(**kwargs))


def letter_pdf(**kwargs: Any) -> bytes:
    return html_to_pdf(letter_html(**kwargs))
