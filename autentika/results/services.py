"""Changes to the results archive. Each runs in one transaction and writes an audit event."""

import functools
import hashlib
from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.db.models import Max

from autentika.core.audit import audit_record
from autentika.core.models import AuditEventType
from autentika.results.bulk_store import rows_store
from autentika.results.election_services import results_manage_check
from autentika.results.import_report import Change, ImportReport
from autentika.results.import_types import (
    MAIN_SHEET,
    Issue,
    ParsedResults,
    ResultsFileInvalid,
    normalize_name,
)
from autentika.results.importing import sheet_label, validate_against_election
from autentika.results.isolation import parse_results_isolated
from autentika.results.models import (
    CandidateResult,
    Dapil,
    Decision,
    Election,
    Party,
    PartyResult,
    PartyTotal,
    PoliticalParty,
    ResultVersion,
)
from autentika.results.parties import party_identity_find, party_identity_for
from autentika.results.selectors import election_current_version

# A national file names each of its ~2,600 dapil on ~100 rows: normalised once each.
_dapil_key = functools.lru_cache(maxsize=16384)(normalize_name)


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
    figures under the same decision as the current version change nothing. Refused before the
    file is read when the actor may not manage the office's results.
    """
    results_manage_check(actor=actor, office=election.office)
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


def _party_names(parties: dict[int, Party], parsed: ParsedResults) -> dict[int, Iterable[str]]:
    """The names each participation is accepted by: those recorded for the election, and any
    other name the file gives it that the party registry (every name and alias of an identity,
    `parties.party_identity_find`) resolves to the same party, e.g. "PDIP" for "PDI-P"."""
    names: dict[int, set[str]] = {n: {p.short_name, p.full_name} for n, p in parties.items()}
    for number, name in {(row.party_number, row.party_name) for row in parsed.rows}:
        party = parties.get(number)
        if party is None or normalize_name(name) in {normalize_name(n) for n in names[number]}:
            continue
        found = party_identity_find(name)
        if found is not None and found.pk == party.political_party_id:
            names[number].add(name)
    return dict(names.items())


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
    results_manage_check(actor=actor, office=election.office)
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
        party_names=_party_names(parties, parsed),
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
    new = {(_dapil_key(r.dapil), r.party_number): (r.votes, r.seats) for r in parsed.rows}
    new_totals = {(t.party_number, t.votes, t.seats) for t in parsed.totals}
    if current is not None:
        new_candidates = {
            (_dapil_key(c.dapil), c.party_number, c.ballot_order, c.name, c.votes, c.elected)
            for c in parsed.candidates
        }
        display = {_dapil_key(r.dapil): r.dapil for r in parsed.rows}
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
    dapil_ids = {key: d.pk for key, d in dapil_by_key.items()}
    party_ids = {n: p.pk for n, p in parties.items()}
    rows_store(
        PartyResult,
        ("version_id", "dapil_id", "party_id", "votes", "seats"),
        [
            (
                version.pk,
                dapil_ids[_dapil_key(r.dapil)],
                party_ids[r.party_number],
                r.votes,
                r.seats,
            )
            for r in parsed.rows
        ],
    )
    PartyTotal.objects.bulk_create(
        [
            PartyTotal(version=version, party=parties[t.party_number], votes=t.votes, seats=t.seats)
            for t in parsed.totals
        ]
    )
    rows_store(
        CandidateResult,
        ("version_id", "dapil_id", "party_id", "ballot_order", "name", "votes", "elected"),
        [
            (
                version.pk,
                dapil_ids[_dapil_key(c.dapil)],
                party_ids[c.party_number],
                c.ballot_order,
                c.name,
                c.votes,
                c.elected,
            )
            for c in parsed.candidates
        ],
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
