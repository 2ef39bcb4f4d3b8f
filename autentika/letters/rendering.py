"""The letter as HTML and PDF (WeasyPrint), and the data tables computed from the archive."""

import datetime as dt
import logging
from dataclasses import dataclass
from typing import Any

import segno
from django.conf import settings
from django.db.models import Sum
from django.template.loader import render_to_string

from autentika.cases.models import Case
from autentika.core.formatting import format_date_id
from autentika.core.pdf import html_to_pdf
from autentika.results.models import Election, Party, ResultVersion

# WeasyPrint's font subsetting logs "FFTM NOT subset" warnings.
logging.getLogger("fontTools.subset").setLevel(logging.ERROR)

TEMPLATE = "letters/letter.html"
NUMBER_PLACEHOLDER = "(diberikan saat ditandatangani)"


def election_party(*, election: Election, party: Party) -> Party | None:
    """The same party (by ballot number) among the election's participants."""
    if party.election_id == election.pk:
        return party
    return election.parties.filter(number=party.number).first()


def table_snapshot(*, version: ResultVersion, party: Party) -> dict[str, Any]:
    """The party's valid votes and seats per dapil and in total, read from the archive."""
    decision = version.decision
    election = version.election
    figures: dict[int, tuple[int, int]] = {
        row["dapil_id"]: (row["votes"] or 0, row["seats"] or 0)
        for row in version.party_results.filter(party=party)
        .values("dapil_id")
        .annotate(votes=Sum("votes"), seats=Sum("seats"))
    }
    rows = [
        {
            "dapil": dapil.name,
            "votes": figures.get(dapil.pk, (0, 0))[0],
            "seats": figures.get(dapil.pk, (0, 0))[1],
        }
        for dapil in election.dapil.order_by("id")
    ]
    return {
        "election": election.name,
        "election_code": election.code,
        "result_version": version.pk,
        "version_number": version.number,
        "decision": {
            "number": decision.number,
            "date": decision.date.isoformat(),
            "title": decision.title,
            "status": decision.status,
        },
        "party": {
            "number": party.number,
            "short_name": party.short_name,
            "full_name": party.full_name,
        },
        "rows": rows,
        "total_votes": sum(row["votes"] for row in rows),
        "total_seats": sum(row["seats"] for row in rows),
    }


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
    base = getattr(settings, "AUTENTIKA_PUBLIC_URL", "http://127.0.0.1:8000").rstrip("/")
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
) -> dict[str, Any]:
    tables = []
    for table in version.tables:
        decision = dict(table["decision"])
        decision["date"] = dt.date.fromisoformat(decision["date"])
        tables.append({**table, "decision": decision})
    office = case.office
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
        "qr": qr_data_uri(signature.verification_url) if signature else "",
        "signer_position_title": signer_position_title,
        "signer_name": signer_name,
        "signer_employee_number": signer_employee_number,
        "parafs": parafs[-3:],
        "body_paragraphs": [p.strip() for p in version.body.split("\n\n") if p.strip()],
        "closing_paragraphs": [p.strip() for p in version.closing.split("\n\n") if p.strip()],
    }


def letter_html(**kwargs: Any) -> str:
    return render_to_string(TEMPLATE, letter_context(**kwargs))


def letter_pdf(**kwargs: Any) -> bytes:
    return html_to_pdf(letter_html(**kwargs))
