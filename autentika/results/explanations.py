"""The results manager explains a difference between a party's sum over the dapil and the
total its decision prints, citing the document that settles it (`FigureExplanation`).

The explanation's words pass `explanation_text_problems` (no numeral in any form); the
document's number and date are fields of their own. Certifying a total above the printed one
needs a second person: a holder of the signing position other than the recorder confirms it
(`figure_explanation_confirm`); until then no letter carrying it is submitted or signed.
"""

import datetime as dt
import unicodedata
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from autentika.core.audit import audit_record
from autentika.core.models import AuditEventType
from autentika.core.permissions import Action
from autentika.organization.access import user_may
from autentika.results.explanation_text import (
    document_number_problems,
    explanation_text_problems,
)
from autentika.results.models import (
    CertifiedFigure,
    Figure,
    FigureExplanation,
    Party,
    PartyTotal,
    ResultVersion,
    SettlingDocument,
)

MIN_EXPLANATION = 20


def printed_differences(*, version: ResultVersion, party: Party) -> list[tuple[str, int, int]]:
    """(figure, sum over the dapil, printed total) wherever the decision prints another total."""
    printed = PartyTotal.objects.filter(version=version, party=party).first()
    if printed is None:
        return []
    rows = version.party_results.filter(party=party)
    differences = []
    for figure in (Figure.VOTES, Figure.SEATS):
        total = getattr(printed, figure)
        dapil_sum = sum(rows.values_list(figure, flat=True))
        if total is not None and total != dapil_sum:
            differences.append((str(figure), dapil_sum, total))
    return differences


def explanation_state_label(explanation: FigureExplanation) -> str:
    """Recorded, waiting for the second person, or confirmed."""
    if not explanation.needs_confirmation:
        return "dicatat (tidak memerlukan konfirmasi)"
    if explanation.confirmed_at is None:
        return "dicatat, menunggu konfirmasi orang kedua"
    return "dikonfirmasi"


@transaction.atomic
def figure_explanation_record(
    *,
    version: ResultVersion,
    party: Party,
    figure: str,
    certified: str,
    document_kind: str,
    document_number: str,
    document_date: dt.date,
    explanation: str,
    actor: Any,
) -> FigureExplanation:
    """Recorded; when it certifies a total above the printed one, waiting for confirmation."""
    office = version.election.office
    if not user_may(actor, Action.RESULTS_MANAGE, office=office):
        raise PermissionDenied(
            "Hanya pengelola arsip hasil yang dapat mencatat penjelasan selisih."
        )
    if party.election_id != version.election_id:
        raise ValidationError("Partai itu bukan peserta pemilu versi hasil ini.")
    for value, choices, name in (
        (figure, Figure, "angka"),
        (certified, CertifiedFigure, "angka yang dinyatakan"),
        (document_kind, SettlingDocument, "dokumen penentu"),
    ):
        if value not in choices.values:
            raise ValidationError(f"Pilihan {name} tidak dikenal: {value!r}.")
    problems = document_number_problems(document_number)
    if document_date is None or document_date > timezone.localdate():
        problems.append("Tanggal dokumen penentu harus diisi dan tidak boleh di masa depan.")
    problems += explanation_text_problems(explanation)
    if problems:
        raise ValidationError(problems)
    if len(explanation.strip()) < MIN_EXPLANATION:
        raise ValidationError(
            f"Penjelasan terlalu singkat (paling sedikit {MIN_EXPLANATION} karakter): tulis "
            "mengapa angka itu yang benar menurut dokumen penentu."
        )
    if FigureExplanation.objects.filter(version=version, party=party, figure=figure).exists():
        raise ValidationError("Selisih ini sudah dijelaskan; penjelasan tidak diubah.")
    found = {f: (d, p) for f, d, p in printed_differences(version=version, party=party)}
    if figure not in found:
        raise ValidationError(
            f"Tidak ada selisih {Figure(figure).label} untuk {party.short_name} pada versi "
            f"{version.number}: tidak ada yang perlu dijelaskan."
        )
    dapil_sum, printed = found[figure]
    item = FigureExplanation.objects.create(
        version=version,
        party=party,
        figure=figure,
        dapil_sum=dapil_sum,
        printed_total=printed,
        certified=certified,
        document_kind=document_kind,
        document_number=unicodedata.normalize("NFKC", document_number).strip(),
        document_date=document_date,
        explanation=unicodedata.normalize("NFKC", explanation).strip(),
        recorded_by=actor,
        recorded_at=timezone.now(),
    )
    audit_record(
        event_type=AuditEventType.RESULTS_DIFFERENCE_EXPLAINED,
        office=office,
        actor=actor,
        target=version,
        data={
            "election": version.election.code,
            "version": version.number,
            "party": party.short_name,
            "figure": figure,
            "dapil_sum": dapil_sum,
            "printed_total": printed,
            "certified": certified,
            "document_kind": document_kind,
            "document_number": item.document_number,
            "document_date": document_date.isoformat(),
            "needs_confirmation": item.needs_confirmation,
        },
    )
    return item


@transaction.atomic
def figure_explanation_confirm(*, explanation: FigureExplanation, actor: Any) -> FigureExplanation:
    """The second person's confirmation of an explanation that certifies a total above the
    one the decision prints: a holder of the signing position who did not record it."""
    item = (
        FigureExplanation.objects.select_for_update()
        .select_related("version__election__office", "party")
        .get(pk=explanation.pk)
    )
    version = item.version
    office = version.election.office
    if not user_may(actor, Action.RESULTS_EXPLANATION_CONFIRM, office=office):
        raise PermissionDenied(
            "Hanya pemegang jabatan penandatangan surat yang dapat mengonfirmasi penjelasan "
            "selisih."
        )
    if actor.pk == item.recorded_by_id:
        raise PermissionDenied(
            "Penjelasan ini Anda catat sendiri. Total di atas total keputusan harus "
            "dikonfirmasi oleh orang kedua, bukan oleh pencatatnya."
        )
    if not item.needs_confirmation:
        raise ValidationError(
            "Penjelasan ini tidak menyatakan total di atas total keputusan; tidak memerlukan "
            "konfirmasi."
        )
    if item.confirmed_at is not None:
        raise ValidationError("Penjelasan ini sudah dikonfirmasi.")
    item.confirmed_by = actor
    item.confirmed_at = timezone.now()
    item.save(update_fields=["confirmed_by", "confirmed_at"])
    audit_record(
        event_type=AuditEventType.RESULTS_DIFFERENCE_CONFIRMED,
        office=office,
        actor=actor,
        target=version,
        data={
            "election": version.election.code,
            "version": version.number,
            "party": item.party.short_name,
            "figure": item.figure,
            "explanation": item.pk,
            "recorded_by": item.recorded_by_id,
            "certified_value": item.certified_value,
            "printed_total": item.printed_total,
        },
    )
    return item
