"""Every number in a letter's free text comes from a record, through a placeholder.

Staff write figures, the decision's number and date, the request letter's number and date, the
office, the party and the legal basis as placeholders, e.g. `{{suara:dprd-sumut-2024}}`,
`{{nomor_surat_permohonan}}`, `{{dasar_hukum:uu-7-2017}}`, filled from the version's tables and
the case's records when the letter is rendered. The text around them follows the positive rule
of core/text_rules.py: its repertoire of characters, and no numeral in any form.
"""

import datetime as dt
import re
from collections.abc import Callable
from typing import Any

from django.core.exceptions import ValidationError

from autentika.core.formatting import format_date_id, format_number_id
from autentika.core.text_rules import (
    PLACEHOLDER,
    TextProblem,
    printed_text_problems,
    repertoire_problems,
)
from autentika.letters.legal_bases import LEGAL_BASES

FIELD_LABELS = {
    "subject": "Hal",
    "nature": "Sifat",
    "attachment": "Lampiran",
    "body": "Isi surat",
    "closing": "Penutup",
    "copies": "Tembusan",
}


def text_figure_problems(*, field: str, text: str) -> list[TextProblem]:
    """Everything the positive rule refuses in one field of the letter's free text."""
    return printed_text_problems(field=field, label=FIELD_LABELS.get(field, field), text=text)


def _table_for(tables: list[dict[str, Any]], code: str | None) -> dict[str, Any] | None:
    if code is None:
        return tables[0] if len(tables) == 1 else None
    return next((t for t in tables if t.get("election_code") == code), None)


def _decision_date(table: dict[str, Any]) -> str:
    return format_date_id(dt.date.fromisoformat(table["decision"]["date"]))


FILLERS: dict[str, Callable[[dict[str, Any]], str]] = {
    "suara": lambda t: format_number_id(t["certified_votes"]),
    "kursi": lambda t: format_number_id(t["certified_seats"]),
    "pemilu": lambda t: t["election"],
    "nomor_keputusan": lambda t: t["decision"]["number"],
    "tanggal_keputusan": _decision_date,
    "partai": lambda t: t["party"]["full_name"] or t["party"]["short_name"],
    "nomor_urut": lambda t: str(t["party"]["number"]),
}
# What the case records print: the request letter, its sender, the office, the party.
CASE_FILLERS: dict[str, Callable[[Any], str]] = {
    "nomor_surat_permohonan": lambda case: case.letter_number,
    "tanggal_surat_permohonan": lambda case: format_date_id(case.letter_date),
    "pengirim": lambda case: case.sender,
    "kantor": lambda case: case.office.name,
    "partai_pemohon": lambda case: case.party.full_name or case.party.short_name,
}


def _names() -> str:
    return ", ".join(sorted([*FILLERS, *CASE_FILLERS, "dasar_hukum"]))


def placeholder_problems(*, field: str, text: str, tables: list[dict[str, Any]]) -> list[str]:
    problems = []
    codes = ", ".join(t.get("election_code", "") for t in tables) or "(tidak ada tabel data)"
    label = FIELD_LABELS.get(field, field)
    for match in PLACEHOLDER.finditer(text):
        name, code = match.group(1), match.group(2)
        if name in CASE_FILLERS and code is None:
            continue
        if name == "dasar_hukum":
            if code not in LEGAL_BASES:
                problems.append(
                    f"{label}: isian “{match.group(0)}” tidak menunjuk peraturan yang dikenal; "
                    "yang tersedia: " + ", ".join(f"{{{{dasar_hukum:{c}}}}}" for c in LEGAL_BASES)
                )
        elif name not in FILLERS:
            problems.append(
                f"{label}: isian “{match.group(0)}” tidak dikenal; yang tersedia: {_names()}."
            )
        elif _table_for(tables, code) is None:
            problems.append(
                f"{label}: isian “{match.group(0)}” tidak menunjuk tabel data surat ini; kode "
                f"pemilu yang tersedia: {codes}."
            )
    return problems


def placeholders_fill(
    text: str, *, tables: list[dict[str, Any]], case: Any = None, strict: bool = True
) -> str:
    """The text with every placeholder replaced by its value from the snapshot or the case's
    records. A placeholder that cannot be filled raises, or (a draft's preview) is shown as a
    marked gap."""

    def fill(match: re.Match[str]) -> str:
        name, code = match.group(1), match.group(2)
        if name in CASE_FILLERS and code is None and case is not None:
            return CASE_FILLERS[name](case)
        if name == "dasar_hukum" and code in LEGAL_BASES:
            return LEGAL_BASES[code]
        table = _table_for(tables, code)
        filler = FILLERS.get(name)
        if table is None or filler is None:
            if not strict:
                return f"[isian tidak dikenal: {match.group(0)[2:-2].strip()}]"
            raise ValidationError(f"Isian “{match.group(0)}” tidak dapat diisi dari data arsip.")
        return filler(table)

    return PLACEHOLDER.sub(fill, text)


def version_texts(version: Any) -> dict[str, str]:
    return {
        "subject": version.subject,
        "nature": version.nature,
        "attachment": version.attachment,
        "body": version.body,
        "closing": version.closing,
        "copies": version.copies,
    }


def _record_name_problems(version: Any) -> list[str]:
    """The names the letter prints from records pass the same repertoire."""
    names = {"Nama kantor": version.draft.case.office.name}
    for table in version.tables:
        party = table["party"]
        names[f"Nama partai ({table['election_code']})"] = party["full_name"] or party["short_name"]
    return [
        problem.message
        for label, name in names.items()
        for problem in repertoire_problems(field="record", label=label, text=name)
    ]


def version_text_problems(*, version: Any) -> list[str]:
    """Every reason the version's free text may not be submitted or signed, in Indonesian."""
    messages: list[str] = []
    for field, text in version_texts(version).items():
        messages += placeholder_problems(field=field, text=text, tables=version.tables)
        messages += [problem.message for problem in text_figure_problems(field=field, text=text)]
    return messages + _record_name_problems(version)


def version_text_filled(version: Any, *, strict: bool = True) -> dict[str, str]:
    """The free text as the letter prints it."""
    case = version.draft.case
    return {
        field: placeholders_fill(text, tables=version.tables, case=case, strict=strict)
        for field, text in version_texts(version).items()
    }


def placeholder_help(tables: list[dict[str, Any]], case: Any = None) -> list[tuple[str, str]]:
    """(placeholder, what it prints) for every record value the drafter may use."""
    rows = []
    for table in tables:
        code = table["election_code"]
        for name in ("suara", "kursi", "pemilu", "nomor_keputusan", "tanggal_keputusan"):
            rows.append((f"{{{{{name}:{code}}}}}", FILLERS[name](table)))
    if case is not None:
        rows += [(f"{{{{{name}}}}}", filler(case)) for name, filler in CASE_FILLERS.items()]
    rows += [(f"{{{{dasar_hukum:{code}}}}}", text) for code, text in LEGAL_BASES.items()]
    return rows


def version_preview(*, version: Any) -> dict[str, Any]:
    """What the editor's live preview shows: the filled text, the problems that would refuse
    submission, and the placeholders available."""
    text = version_text_filled(version, strict=False)
    return {
        "text": text,
        "body_lines": [line for line in text["body"].splitlines() if line.strip()],
        "closing_lines": [line for line in text["closing"].splitlines() if line.strip()],
        "problems": version_text_problems(version=version),
        "placeholders": placeholder_help(version.tables, version.draft.case),
    }
