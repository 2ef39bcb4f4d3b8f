"""The results manager explains a difference between a party's sum over the dapil and the
total its decision prints, citing the document that settles it (`FigureExplanation`)."""

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from autentika.core.audit import audit_record
from autentika.core.models import AuditEventType
from autentika.core.permissions import Action
from autentika.organization.access import user_may
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


@transaction.atomic
def figure_explanation_record(
    *,
    version: ResultVersion,
    party: Party,
    figure: str,
    certified: str,
    document_kind: str,
    document_reference: str,
    explanation: str,
    actor: Any,
) -> FigureExplanation:
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
    if not document_reference.strip():
        raise ValidationError("Sebutkan nomor dan tanggal dokumen penentu.")
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
        document_reference=document_reference.strip(),
        explanation=explanation.strip(),
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
            "document_reference": item.document_reference,
        },
    )
    return item
