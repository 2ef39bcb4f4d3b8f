"""Printed documents of the hand-over: the receipt (tanda terima) and the case file (ZIP)."""

import csv
import hashlib
import io
import json
import zipfile

from django.utils import timezone

from autentika.cases.documents import disposition_sheet_pdf
from autentika.cases.models import Case
from autentika.core.audit import audit_trail
from autentika.core.books import spreadsheet_text
from autentika.core.formatting import format_datetime_id
from autentika.core.pdf import render_pdf
from autentika.handover.models import Receipt
from autentika.letters.models import Draft, SignedLetter


def receipt_pdf(*, receipt: Receipt) -> bytes:
    return render_pdf(
        "handover/receipt.html",
        {
            "receipt": receipt,
            "case": receipt.case,
            "letter": receipt.letter,
            "office": receipt.office,
            "printed_at": timezone.now(),
        },
    )


def _safe(name: str) -> str:
    return "".join(c if c.isalnum() or c in "-_." else "-" for c in name)[:80]


def case_file_entries(*, case: Case) -> list[tuple[str, bytes]]:
    """Every document of the case, in the order of the procedure, as (path, bytes)."""
    from autentika.letters.drafting import draft_preview_pdf

    entries: list[tuple[str, bytes]] = []
    for index, document in enumerate(case.documents.all(), start=1):
        with document.file.open("rb") as handle:
            content = handle.read()
        entries.append((f"1-permohonan/{index:02d}-{_safe(document.original_name)}", content))
    if case.dispositions.exists():
        entries.append(("2-disposisi/lembar-disposisi.pdf", disposition_sheet_pdf(case=case)))
    draft = Draft.objects.filter(case=case).first()
    if draft is not None:
        for version in draft.versions.order_by("number"):
            prefix = f"3-konsep/versi-{version.number:02d}"
            entries.append((f"{prefix}.pdf", draft_preview_pdf(draft=draft, version=version)))
            lines = [
                f"{format_datetime_id(r.created_at)} — {r.get_action_display()} oleh "
                f"{r.position_title} ({r.user_name})" + (f": {r.note}" if r.note else "")
                for r in version.reviews.order_by("created_at", "id")
            ]
            entries.append(
                (f"{prefix}-catatan.txt", ("\n".join(lines) or "Tanpa catatan.").encode() + b"\n")
            )
    for letter in SignedLetter.objects.filter(case=case).order_by("signed_at"):
        entries.append((f"4-surat/surat-{_safe(letter.number)}.pdf", bytes(letter.pdf)))
    for receipt in Receipt.objects.filter(case=case).order_by("year", "sequence"):
        base = f"5-tanda-terima/tanda-terima-{receipt.sequence}-{receipt.year}"
        entries.append((f"{base}.pdf", receipt_pdf(receipt=receipt)))
        if receipt.scan:
            with receipt.scan.open("rb") as handle:
                extension = (receipt.scan.name or "x.pdf").rsplit(".", 1)[-1]
                entries.append((f"{base}-pindaian.{extension}", handle.read()))
    trail = io.StringIO()
    writer = csv.writer(trail)
    writer.writerow(["waktu", "peristiwa", "oleh", "jabatan", "dari", "ke"])
    for event in audit_trail(case):
        values = [
            event.occurred_at.isoformat(),
            event.event_label,
            event.actor.get_username() if event.actor else "",
            event.acting_position.title if event.acting_position else "",
            event.from_state,
            event.to_state,
        ]
        writer.writerow([spreadsheet_text(value) for value in values])
    entries.append(("6-jejak-audit.csv", trail.getvalue().encode()))
    return entries


def case_file_zip(*, case: Case) -> bytes:
    """The case file as one ZIP with `MANIFEST.json` and `SHA256SUMS` listing every file."""
    entries = case_file_entries(case=case)
    manifest = {
        "office": case.office.code,
        "agenda": case.agenda_label,
        "created_at": timezone.now().isoformat(),
        "files": [
            {"path": path, "size": len(content), "sha256": hashlib.sha256(content).hexdigest()}
            for path, content in entries
        ],
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path, content in entries:
            archive.writestr(path, content)
        archive.writestr("MANIFEST.json", json.dumps(manifest, indent=2, ensure_ascii=False))
        archive.writestr(
            "SHA256SUMS",
            "".join(f"{f['sha256']}  {f['path']}\n" for f in manifest["files"]),  # type: ignore[index]
        )
    return buffer.getvalue()
