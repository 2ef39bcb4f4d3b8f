"""Changes to the results archive. Each runs in one transaction and writes an audit event."""

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import File
from django.core.validators import validate_slug
from django.db import transaction
from django.db.models import Max

from autentika.core.audit import audit_record
from autentika.core.models import AuditEventType
from autentika.organization.models import Office
from autentika.results.importing import (
    MAIN_SHEET,
    Issue,
    ParsedResults,
    ResultsFileInvalid,
    normalize_name,
    sheet_label,
    validate_against_election,
)
from autentika.results.isolation import parse_results_isolated
from autentika.results.models import (
    CandidateResult,
    Dapil,
    Decision,
    DecisionStatus,
    Election,
    Legislature,
    Party,
    PartyResult,
    PartyTotal,
    PoliticalParty,
    ResultVersion,
)
from autentika.results.parties import party_identity_find, party_identity_for
from autentika.results.selectors import election_current_version

RESERVED_CODES = {"pemilu-baru"}  # a path under /hasil/
LEGISLATURE_NAMES = {
    Legislature.DPR: "Dewan Perwakilan Rakyat",
    Legislature.DPRD_PROVINSI: "Dewan Perwakilan Rakyat Daerah Provinsi",
    Legislature.DPRD_KABKOTA: "Dewan Perwakilan Rakyat Daerah Kabupaten/Kota",
}


@transaction.atomic
def election_create(
    *,
    office: Office,
    code: str,
    year: int,
    legislature: str,
    name: str = "",
    threshold_percent: Decimal | int | str | None = None,
    actor: Any,
) -> Election:
    errors: dict[str, str] = {}
    try:
        validate_slug(code)
    except ValidationError:
        errors["code"] = "Kode hanya boleh huruf, angka, tanda hubung, dan garis bawah."
    if legislature not in Legislature.values:
        errors["legislature"] = "Lembaga harus DPR, DPRD_PROVINSI, atau DPRD_KABKOTA."
    if not 1955 <= int(year) <= 2100:
        errors["year"] = "Tahun pemilu tidak masuk akal."
    threshold = None if threshold_percent in (None, "") else Decimal(str(threshold_percent))
    if threshold is not None:
        if legislature != Legislature.DPR:
            errors["threshold_percent"] = (
                "Ambang batas parlemen hanya berlaku untuk DPR RI; DPRD tanpa ambang batas."
            )
        elif not Decimal(0) < threshold < Decimal(100):
            errors["threshold_percent"] = "Ambang batas harus di antara 0 dan 100 persen."
    if code in RESERVED_CODES:
        errors["code"] = f"Kode “{code}” dipakai oleh aplikasi; pilih kode lain."
    if "code" not in errors and Election.objects.filter(office=office, code=code).exists():
        errors["code"] = f"Kode pemilu “{code}” sudah dipakai di kantor ini."
    if errors:
        raise ValidationError(errors)
    if not name:
        name = f"Pemilu Anggota {LEGISLATURE_NAMES[Legislature(legislature)]} Tahun {year}"
    election = Election.objects.create(
        office=office,
        code=code,
        year=int(year),
        legislature=legislature,
        name=name,
        threshold_percent=threshold,
    )
    audit_record(
        event_type=AuditEventType.ELECTION_CREATED,
        office=office,
        actor=actor,
        target=election,
        data={
            "code": code,
            "name": name,
            "year": int(year),
            "legislature": legislature,
            "threshold_percent": str(threshold) if threshold is not None else None,
        },
    )
    return election


@transaction.atomic
def decision_create(
    *,
    election: Election,
    number: str,
    date: dt.date,
    title: str,
    status: str,
    actor: Any,
    document: File | None = None,
) -> Decision:
    errors: dict[str, str] = {}
    if not number.strip():
        errors["number"] = "Nomor keputusan wajib diisi."
    if not title.strip():
        errors["title"] = "Judul keputusan wajib diisi."
    if status not in DecisionStatus.values:
        errors["status"] = "Status harus official, provisional, atau sample."
    if errors:
        raise ValidationError(errors)
    decision = Decision(
        election=election, number=number.strip(), date=date, title=title.strip(), status=status
    )
    if document is not None:
        decision.document.save(document.name or "keputusan.pdf", document, save=False)
    decision.save()
    audit_record(
        event_type=AuditEventType.DECISION_CREATED,
        office=election.office,
        actor=actor,
        target=decision,
        to_state=status,
        data={
            "election": election.code,
            "number": decision.number,
            "date": date.isoformat(),
            "title": decision.title,
            "status": status,
        },
    )
    return decision


@dataclass(frozen=True)
class Change:
    dapil: str
    party_number: int
    party_name: str
    old_votes: int | None
    new_votes: int | None
    old_seats: int | None
    new_seats: int | None


@dataclass
class ImportReport:
    election: Election
    decision: Decision
    file_name: str
    sha256: str
    dry_run: bool
    unchanged: bool = False
    version: ResultVersion | None = None
    previous_version: ResultVersion | None = None
    new_dapil: list[tuple[str, int]] = field(default_factory=list)
    new_parties: list[tuple[int, str]] = field(default_factory=list)
    # number -> the known party a new participation is recognised as ("" = new to the archive)
    party_matches: dict[int, str] = field(default_factory=dict)
    rows: int = 0
    totals: int = 0
    candidates: int = 0
    changes: list[Change] = field(default_factory=list)
    party_sums: list[tuple[int, str, int, int]] = field(default_factory=list)
    dapil_sums: list[tuple[str, int, int]] = field(default_factory=list)

    @property
    def new_party_rows(self) -> list[tuple[int, str, str]]:
        return [(n, name, self.party_matches.get(n, "")) for n, name in self.new_parties]

    @property
    def total_votes(self) -> int:
        return sum(item[2] for item in self.party_sums)

    @property
    def total_seats(self) -> int:
        return sum(item[3] for item in self.party_sums)

    def summary(self) -> str:
        if self.unchanged:
            return (
                f"Tidak ada perubahan: isi berkas sama dengan versi {self.previous_version.number}"
                if self.previous_version
                else "Tidak ada perubahan."
            )
        what = "Akan dibuat" if self.dry_run else "Dibuat"
        number = self.version.number if self.version else self._next_number()
        return (
            f"{what} versi {number}: {self.rows} baris dapil-partai, "
            f"{len(self.new_dapil)} dapil baru, {len(self.new_parties)} partai baru, "
            f"{self.totals} total partai, {self.candidates} calon, "
            f"{len(self.changes)} angka berubah dari versi sebelumnya."
        )

    def _next_number(self) -> int:
        return self.previous_version.number + 1 if self.previous_version else 1


def results_import(
    *,
    election: Election,
    decision: Decision,
    file_name: str,
    content: bytes,
    actor: Any,
    dry_run: bool = False,
) -> ImportReport:
    """Import a file in the template as a new version of the election's results.

    All or nothing: an invalid file raises `ResultsFileInvalid` and writes nothing. The same
    figures under the same decision as the current version change nothing.
    """
    parsed = parse_results_isolated(file_name, content)
    return results_import_parsed(
        election=election,
        decision=decision,
        parsed=parsed,
        file_name=file_name,
        sha256=hashlib.sha256(content).hexdigest(),
        is_xlsx=content[:4] == b"PK\x03\x04",
        actor=actor,
        dry_run=dry_run,
    )


def _current_figures(
    version: ResultVersion | None,
) -> tuple[dict[tuple[str, int], tuple[int, int]], set[tuple[Any, ...]], set[tuple[Any, ...]]]:
    if version is None:
        return {}, set(), set()
    figures = {
        (normalize_name(name), number): (votes, seats)
        for name, number, votes, seats in version.party_results.values_list(
            "dapil__name", "party__number", "votes", "seats"
        )
    }
    totals = set(version.party_totals.values_list("party__number", "votes", "seats"))
    candidates = {
        (normalize_name(name), number, order, cand, votes, elected)
        for name, number, order, cand, votes, elected in version.candidate_results.values_list(
            "dapil__name", "party__number", "ballot_order", "name", "votes", "elected"
        )
    }
    return figures, totals, candidates


def _new_party_identities(
    *, election: Election, new_parties: list[tuple[int, str]], file_name: str, is_xlsx: bool
) -> dict[int, PoliticalParty | None]:
    """The known identity of each party new to the election (None: a party new to the
    archive). Two ballot numbers may not name the same party."""
    taken = {
        p.political_party_id: p.number for p in election.parties.select_related("political_party")
    }
    found: dict[int, PoliticalParty | None] = {}
    issues = []
    for number, name in new_parties:
        identity = party_identity_find(name)
        found[number] = identity
        if identity is None:
            continue
        if identity.pk in taken:
            issues.append(
                Issue(
                    sheet_label(file_name, MAIN_SHEET, is_xlsx),
                    None,
                    "partai",
                    name,
                    f"nomor {number} dan nomor {taken[identity.pk]} menunjuk partai yang sama "
                    f"({identity}); satu partai hanya satu nomor urut dalam satu pemilu.",
                )
            )
        taken[identity.pk] = number
    if issues:
        raise ResultsFileInvalid(issues)
    return found


@transaction.atomic
def results_import_parsed(
    *,
    election: Election,
    decision: Decision,
    parsed: ParsedResults,
    file_name: str,
    sha256: str,
    actor: Any,
    is_xlsx: bool = False,
    dry_run: bool = False,
    note: str = "",
) -> ImportReport:
    if decision.election_id != election.pk:
        raise ValueError("The decision belongs to another election.")
    # Serialise imports of one election so version numbers cannot collide.
    Election.objects.select_for_update().get(pk=election.pk)
    dapil_by_key = {normalize_name(d.name): d for d in election.dapil.all()}
    parties = {p.number: p for p in election.parties.all()}
    validate_against_election(
        file_name,
        parsed,
        dapil_seats={key: d.seats for key, d in dapil_by_key.items()},
        party_names={n: (p.short_name, p.full_name) for n, p in parties.items()},
        is_xlsx=is_xlsx,
    )
    report = ImportReport(
        election=election, decision=decision, file_name=file_name, sha256=sha256, dry_run=dry_run
    )
    report.rows, report.totals, report.candidates = (
        len(parsed.rows),
        len(parsed.totals),
        len(parsed.candidates),
    )
    report.new_dapil = [
        (name, seats)
        for name, seats in parsed.dapil_seats().items()
        if normalize_name(name) not in dapil_by_key
    ]
    report.new_parties = [
        (number, name) for number, name in parsed.party_names().items() if number not in parties
    ]
    identities = _new_party_identities(
        election=election, new_parties=report.new_parties, file_name=file_name, is_xlsx=is_xlsx
    )
    report.party_matches = {n: str(i) if i else "" for n, i in identities.items()}
    party_sums: dict[int, list[int]] = {}
    dapil_sums: dict[str, list[int]] = {}
    for row in parsed.rows:
        party_sums.setdefault(row.party_number, [0, 0])
        party_sums[row.party_number][0] += row.votes
        party_sums[row.party_number][1] += row.seats
        dapil_sums.setdefault(row.dapil, [0, row.dapil_seats])
        dapil_sums[row.dapil][0] += row.votes
    names = parsed.party_names()
    report.party_sums = [
        (number, names[number], votes, seats)
        for number, (votes, seats) in sorted(party_sums.items())
    ]
    report.dapil_sums = [(name, votes, seats) for name, (votes, seats) in dapil_sums.items()]

    current = election_current_version(election=election)
    report.previous_version = current
    old, old_totals, old_candidates = _current_figures(current)
    new = {(normalize_name(r.dapil), r.party_number): (r.votes, r.seats) for r in parsed.rows}
    new_totals = {(t.party_number, t.votes, t.seats) for t in parsed.totals}
    new_candidates = {
        (normalize_name(c.dapil), c.party_number, c.ballot_order, c.name, c.votes, c.elected)
        for c in parsed.candidates
    }
    if current is not None:
        display = {normalize_name(r.dapil): r.dapil for r in parsed.rows}
        display.update({key: d.name for key, d in dapil_by_key.items()})
        for key in sorted(set(old) | set(new), key=lambda k: (k[0], k[1])):
            if old.get(key) != new.get(key):
                before, after = old.get(key), new.get(key)
                party = parties.get(key[1])
                report.changes.append(
                    Change(
                        dapil=display.get(key[0], key[0]),
                        party_number=key[1],
                        party_name=party.short_name if party else names.get(key[1], ""),
                        old_votes=before[0] if before else None,
                        new_votes=after[0] if after else None,
                        old_seats=before[1] if before else None,
                        new_seats=after[1] if after else None,
                    )
                )
        if (
            current.decision_id == decision.pk
            and not report.changes
            and old_totals == new_totals
            and old_candidates == new_candidates
        ):
            report.unchanged = True
            return report
    if dry_run:
        return report

    Dapil.objects.bulk_create(
        [Dapil(election=election, name=name, seats=seats) for name, seats in report.new_dapil]
    )
    dapil_by_key = {normalize_name(d.name): d for d in election.dapil.all()}
    Party.objects.bulk_create(
        [
            Party(
                election=election,
                number=number,
                short_name=name,
                political_party=identities[number]
                or party_identity_for(
                    short_name=name, source=f"dibuat dari impor {file_name[:200]}"
                ),
            )
            for number, name in report.new_parties
        ]
    )
    parties = {p.number: p for p in election.parties.all()}
    number = (election.versions.aggregate(top=Max("number"))["top"] or 0) + 1
    version = ResultVersion.objects.create(
        election=election,
        decision=decision,
        number=number,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
        source_name=file_name[:255],
        source_sha256=sha256,
        note=note,
    )
    PartyResult.objects.bulk_create(
        [
            PartyResult(
                version=version,
                dapil=dapil_by_key[normalize_name(r.dapil)],
                party=parties[r.party_number],
                votes=r.votes,
                seats=r.seats,
            )
            for r in parsed.rows
        ],
        batch_size=1000,
    )
    PartyTotal.objects.bulk_create(
        [
            PartyTotal(version=version, party=parties[t.party_number], votes=t.votes, seats=t.seats)
            for t in parsed.totals
        ]
    )
    CandidateResult.objects.bulk_create(
        [
            CandidateResult(
                version=version,
                dapil=dapil_by_key[normalize_name(c.dapil)],
                party=parties[c.party_number],
                ballot_order=c.ballot_order,
                name=c.name,
                votes=c.votes,
                elected=c.elected,
            )
            for c in parsed.candidates
        ],
        batch_size=1000,
    )
    report.version = version
    audit_record(
        event_type=AuditEventType.RESULTS_IMPORTED,
        office=election.office,
        actor=actor,
        target=version,
        from_state=str(current.number) if current else "",
        to_state=str(number),
        data={
            "election": election.code,
            "decision": decision.number,
            "decision_status": decision.status,
            "file": file_name,
            "sha256": sha256,
            "rows": report.rows,
            "totals": report.totals,
            "candidates": report.candidates,
            "new_dapil": len(report.new_dapil),
            "new_parties": len(report.new_parties),
            "changes": len(report.changes),
            "votes": report.total_votes,
            "seats": report.total_seats,
        },
    )
    return report
