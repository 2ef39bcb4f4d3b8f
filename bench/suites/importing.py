"""Issue #17 figure 5: importing a national-size results set (about 2,600 dapil x 18 parties
plus 250,000 candidate rows, generated) with every check, against a raw bulk insert of the same
rows into the same tables: rows per second each, target >= 0.5x.

The import is the template's tables read with the csv module, `parse_tables` (every cell and
cross-row check) and `results_import_parsed` (checks against the election and its current
version, storing, the audit event), each run into an election of its own so each does the
same work. A national set is far beyond one upload's limits (5 MB, 50,000 rows:
docs/DECISIONS.md), so the container is not read through `read_tables`. The floor is the same
parsed rows stored with no check at all by PostgreSQL's COPY, the fastest bulk insert (the
importer itself writes its many rows by COPY too: results/bulk_store.py)."""

import csv
import datetime as dt
import hashlib
import io
from collections.abc import Callable, Iterator
from typing import Any

from django.db import connection, transaction

from bench.context import BenchContext
from bench.importing_data import ResultsSet, results_set_generate
from bench.profiling import profile_write, profiling_on
from bench.report import Figure
from bench.stats import Series, interleaved

SUITE = "importing"
TARGET = 0.5
FILE_NAME = "hasil-nasional.xlsx"


def _tables(results: ResultsSet) -> dict[str, list[tuple[int, list[Any]]]]:
    """The template's tables as read from the file: (line, cells), blank rows skipped."""
    from autentika.results.import_types import CANDIDATES_SHEET, MAIN_SHEET, TOTALS_SHEET

    tables = {}
    for key, text in (
        (MAIN_SHEET, results.main),
        (TOTALS_SHEET, results.totals),
        (CANDIDATES_SHEET, results.candidates),
    ):
        reader = csv.reader(io.StringIO(text, newline=""))
        tables[key] = [(reader.line_num, cells) for cells in reader if any(cells)]
    return tables


def _elections(count: int, prefix: str) -> Iterator[tuple[Any, Any]]:
    from autentika.core.permissions import Duty
    from autentika.organization.demo import RI, demo_office_seed
    from autentika.organization.selectors import duty_holder
    from autentika.results.election_services import decision_create, election_create
    from autentika.results.models import DecisionStatus, Legislature

    office, _ = demo_office_seed(RI)
    actor = duty_holder(office=office, duty=Duty.MANAGE_RESULTS)  # the archive's keeper
    for index in range(count):
        election = election_create(
            office=office,
            code=f"{prefix}-{index}",
            year=2024,
            legislature=Legislature.DPRD_KABKOTA,
            name=f"Bench impor {prefix} {index}",
            actor=actor,
        )
        decision = decision_create(
            election=election,
            number=f"BENCH/{prefix}/{index}",
            date=dt.date(2024, 8, 1),
            title="Penetapan hasil (bench)",
            status=DecisionStatus.OFFICIAL,
            actor=actor,
        )
        yield election, decision


def _import(results: ResultsSet, targets: Iterator[tuple[Any, Any]]) -> Callable[[], None]:
    from autentika.core.permissions import Duty
    from autentika.organization.demo import RI
    from autentika.organization.selectors import duty_holder, office_get
    from autentika.results.importing import parse_tables
    from autentika.results.services import results_import_parsed

    actor = duty_holder(office=office_get(code=RI.code), duty=Duty.MANAGE_RESULTS)
    sha256 = hashlib.sha256(
        (results.main + results.totals + results.candidates).encode()
    ).hexdigest()

    def run() -> None:
        election, decision = next(targets)
        parsed = parse_tables(FILE_NAME, _tables(results), is_xlsx=True)
        report = results_import_parsed(
            election=election,
            decision=decision,
            parsed=parsed,
            file_name=FILE_NAME,
            sha256=sha256,
            actor=actor,
            is_xlsx=True,
        )
        assert report.version is not None and report.candidates == results.candidate_rows

    return run


def _raw(parsed: Any, targets: Iterator[tuple[Any, Any]]) -> Callable[[], None]:
    from autentika.results.models import (
        CandidateResult,
        Dapil,
        Party,
        PartyResult,
        PartyTotal,
        ResultVersion,
    )
    from autentika.results.parties import party_identity_find

    identities = {n: party_identity_find(name) for n, name in parsed.party_names().items()}

    @transaction.atomic
    def run() -> None:
        election, decision = next(targets)
        dapil = Dapil.objects.bulk_create(
            [Dapil(election=election, name=n, seats=s) for n, s in parsed.dapil_seats().items()]
        )
        dapil_ids = {d.name: d.pk for d in dapil}
        parties = Party.objects.bulk_create(
            [
                Party(election=election, number=n, short_name=name, political_party=identities[n])
                for n, name in parsed.party_names().items()
            ]
        )
        party_ids = {p.number: p.pk for p in parties}
        version = ResultVersion.objects.create(election=election, decision=decision, number=1)
        PartyTotal.objects.bulk_create(
            [
                PartyTotal(
                    version=version,
                    party_id=party_ids[t.party_number],
                    votes=t.votes,
                    seats=t.seats,
                )
                for t in parsed.totals
            ]
        )
        party_rows = [
            (version.pk, dapil_ids[r.dapil], party_ids[r.party_number], r.votes, r.seats)
            for r in parsed.rows
        ]
        candidate_rows = [
            (
                version.pk,
                dapil_ids[c.dapil],
                party_ids[c.party_number],
                c.ballot_order,
                c.name,
                c.votes,
                c.elected,
            )
            for c in parsed.candidates
        ]
        _copy(PartyResult, ["version_id", "dapil_id", "party_id", "votes", "seats"], party_rows)
        _copy(
            CandidateResult,
            ["version_id", "dapil_id", "party_id", "ballot_order", "name", "votes", "elected"],
            candidate_rows,
        )

    return run


def _copy(model: Any, columns: list[str], rows: list[tuple[Any, ...]]) -> None:
    statement = f"COPY {model._meta.db_table} ({', '.join(columns)}) FROM STDIN"
    with connection.cursor() as cursor, cursor.cursor.copy(statement) as copy:
        for row in rows:
            copy.write_row(row)


def run(context: BenchContext) -> list[Figure]:
    from autentika.results.importing import parse_tables

    if context.quick:
        results = results_set_generate(dapil=100, candidates=10_000)
    else:
        results = results_set_generate(dapil=2_600, candidates=250_000)
    parsed = parse_tables(FILE_NAME, _tables(results), is_xlsx=True)
    repeat = context.repeat(3, 2)
    import_targets = iter(list(_elections(repeat + 2, "bench-import")))  # + 1 to profile
    copy_targets = iter(list(_elections(repeat + 1, "bench-copy")))
    import_run = _import(results, import_targets)
    timings = interleaved(
        {"import": import_run, "copy": _raw(parsed, copy_targets)},
        repeat=repeat,
        warmup=0 if not context.quick else 1,
    )
    rows = results.all_rows
    rates = {
        name: Series.of([rows / s for s in series.samples]) for name, series in timings.items()
    }
    size = (
        f"{results.dapil:,} dapil, {results.rows:,} party rows, {results.total_rows} totals, "
        f"{results.candidate_rows:,} candidates"
    )
    extra = {"rows": rows, "dapil": results.dapil, "candidates": results.candidate_rows}
    ratio = rates["import"].median / rates["copy"].median
    if profiling_on() and ratio < TARGET:
        profile_write("importing", import_run, repeat=1)
    return [
        Figure(
            suite=SUITE,
            name="import with every check vs raw COPY",
            unit="rows/s",
            series=rates["import"],
            ratio=ratio,
            at_least=TARGET,
            note=size,
            extra={**extra, "seconds": timings["import"].summary()},
        ),
        Figure(
            suite=SUITE,
            name="raw COPY of the parsed rows (no checks)",
            unit="rows/s",
            series=rates["copy"],
            note=size,
            extra={**extra, "seconds": timings["copy"].summary()},
        ),
    ]
