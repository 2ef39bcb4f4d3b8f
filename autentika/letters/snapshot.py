"""The data a letter certifies, computed from the archive and frozen into the draft version.

A table is the requesting party's own figures in one election: the party is resolved through
its identity (`results.parties.party_in_election`), never by ballot number. Each table names
the decision, the result version and that version's source file hash, the party as registered
in that election, and any recorded explanation of a difference between the dapil sum and the
total the decision prints (then the letter certifies the explained figure and says why).
"""

from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Sum

from autentika.cases.models import Case
from autentika.core.formatting import format_date_id
from autentika.results.models import (
    DecisionStatus,
    Figure,
    FigureExplanation,
    Party,
    ResultVersion,
)
from autentika.results.parties import party_in_election
from autentika.results.selectors import election_current_version


def _reference(item: FigureExplanation) -> str:
    """The settling document's number and date, from the explanation's own fields."""
    if not item.document_number:
        return item.document_reference  # recorded before the fields (figure_check refuses it)
    return f"Nomor {item.document_number} tanggal {format_date_id(item.document_date)}"


def _explanations(*, version: ResultVersion, party: Party) -> list[dict[str, Any]]:
    return [
        {
            "id": item.pk,
            "figure": item.figure,
            "figure_label": item.get_figure_display(),
            "dapil_sum": item.dapil_sum,
            "printed_total": item.printed_total,
            "certified": item.certified,
            "certified_label": item.get_certified_display(),
            "certified_value": item.certified_value,
            "document": item.get_document_kind_display(),
            "document_number": item.document_number,
            "document_date": item.document_date.isoformat() if item.document_date else "",
            "document_reference": _reference(item),
            "explanation": item.explanation,
        }
        for item in FigureExplanation.objects.filter(version=version, party=party).order_by(
            "figure"
        )
    ]


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
    rows: list[dict[str, Any]] = [
        {
            "dapil": dapil.name,
            "votes": figures.get(dapil.pk, (0, 0))[0],
            "seats": figures.get(dapil.pk, (0, 0))[1],
        }
        for dapil in election.dapil.order_by("id")
    ]
    total_votes = sum(row["votes"] for row in rows)
    total_seats = sum(row["seats"] for row in rows)
    notes = _explanations(version=version, party=party)
    certified = {note["figure"]: note["certified_value"] for note in notes}
    return {
        "election": election.name,
        "election_code": election.code,
        "election_year": election.year,
        "result_version": version.pk,
        "version_number": version.number,
        "source_name": version.source_name,
        "source_sha256": version.source_sha256,
        "decision": {
            "id": decision.pk,
            "number": decision.number,
            "date": decision.date.isoformat(),
            "title": decision.title,
            "status": decision.status,
        },
        "party": {
            "id": party.pk,
            "identity": party.political_party.code,
            "number": party.number,
            "short_name": party.short_name,
            "full_name": party.full_name,
        },
        "rows": rows,
        "total_votes": total_votes,
        "total_seats": total_seats,
        "certified_votes": certified.get(Figure.VOTES, total_votes),
        "certified_seats": certified.get(Figure.SEATS, total_seats),
        "notes": notes,
        # The letter states one total per figure, the certified one (`table_stated`).
        "one_total": True,
    }


def table_stated(table: dict[str, Any]) -> dict[str, Any]:
    """The table with the totals the letter states: `stated_votes` and `stated_seats` are the
    certified totals (the explained figure where an explanation was recorded), printed in the
    body, the lampiran's Jumlah row and on the public page alike, with the settling document
    beside them (`stated_reference`). Tables of letters signed before the rule (no
    `one_total`) state the dapil sums there, as their PDF does."""
    one_total = bool(table.get("one_total"))
    notes = table.get("notes", [])
    return {
        **table,
        "stated_votes": table["certified_votes"] if one_total else table["total_votes"],
        "stated_seats": table["certified_seats"] if one_total else table["total_seats"],
        "stated_reference": "; ".join(
            f"{note['figure_label']} menurut {note['document']} {note['document_reference']}"
            for note in (notes if one_total else [])
        ),
    }


@dataclass
class Snapshot:
    """What a draft version certifies: one table per election the party took part in, one
    absence per requested election it did not, the result versions used, and whether any of
    them is not official."""

    tables: list[dict[str, Any]] = field(default_factory=list)
    absences: list[dict[str, str]] = field(default_factory=list)
    versions: list[ResultVersion] = field(default_factory=list)
    specimen: bool = False


def case_snapshot(*, case: Case, with_tables: bool) -> Snapshot:
    snapshot = Snapshot()
    if not with_tables:
        return snapshot
    for election in case.elections.order_by("-year", "legislature"):
        version = election_current_version(election=election)
        if version is None:
            raise ValidationError(
                f"Keputusan penetapan hasil {election.name} belum diarsipkan; tabel data tidak "
                "dapat dibuat."
            )
        resolution = party_in_election(party=case.party, election=election)
        if resolution.party is None:
            snapshot.absences.append(
                {
                    "election": election.name,
                    "election_code": election.code,
                    "reason": resolution.reason,
                }
            )
            continue
        table = table_snapshot(version=version, party=resolution.party)
        if resolution.link is not None:
            table["party"]["renamed"] = {
                "from": str(resolution.link.predecessor),
                "to": str(resolution.link.successor),
                "source": resolution.link.source,
            }
        snapshot.tables.append(table)
        snapshot.versions.append(version)
        snapshot.specimen = snapshot.specimen or version.decision.status != DecisionStatus.OFFICIAL
    if not snapshot.tables:
        party = case.party.political_party
        raise ValidationError(
            f"{party} tidak tercatat sebagai peserta satu pun pemilu yang dimohonkan; surat "
            "keterangan perolehan suara tidak dapat dibuat. Gunakan jenis surat balasan."
        )
    if snapshot.specimen and not case.office.training_mode:
        raise ValidationError(
            "Hasil pemilu yang dimohonkan belum resmi (sementara atau contoh). Surat dari data "
            "yang tidak resmi hanya dapat dibuat sebagai SPESIMEN di kantor dalam mode latihan."
        )
    return snapshot
