"""Keyset paging of the register (Buku Registrasi Surat Masuk): a page is the next or the
previous PAGE_SIZE entries after or before an agenda key (year and number), so page 5,000
of a register of decades costs what page 1 does (no OFFSET scan, no COUNT of the period).
The exports (PDF/XLSX) still take the whole filtered register."""

import re
from dataclasses import dataclass

from django.db.models import BooleanField, QuerySet
from django.db.models.expressions import RawSQL

from autentika.cases.models import Case

PAGE_SIZE = 50
_KEY = re.compile(r"^(\d{4})-(\d{1,9})$")


@dataclass(frozen=True)
class RegisterPage:
    rows: list[Case]
    next_key: str  # "" when this is the last page
    previous_key: str  # "" when this is the first page


def agenda_key(case: Case) -> str:
    return f"{case.agenda_year}-{case.agenda_number}"


def key_parse(text: str) -> tuple[int, int] | None:
    """(year, number) from "2026-123"; None for anything else (the page then starts at the
    beginning rather than failing on a hand-edited address)."""
    match = _KEY.match(text or "")
    return (int(match[1]), int(match[2])) if match else None


def _beyond(year: int, number: int, operator: str) -> RawSQL:
    """(agenda_year, agenda_number) > or < the key, as one row comparison: PostgreSQL walks
    the (office, year, number) index from the key and stops after a page, where the same
    condition written as an OR made it collect the rest of the year and sort it
    (docs/BENCHMARKS.md "scale"). SQLite compares row values too."""
    return RawSQL(
        f'("cases_case"."agenda_year", "cases_case"."agenda_number") {operator} (%s, %s)',
        (year, number),
        output_field=BooleanField(),
    )


def _rows(ordered: QuerySet[Case], count: int) -> list[Case]:
    """The first `count` cases of `ordered`: their ids by a query on the case table alone,
    then the rows with what the page shows. With the joins in the same query PostgreSQL
    misjudged how many rows the key leaves and joined and sorted the rest of the year before
    taking a page; alone, the table is read in index order and stops (docs/BENCHMARKS.md
    "scale")."""
    ids = list(ordered.values_list("pk", flat=True)[:count])
    if not ids:
        return []
    # Loaded by primary key alone (the ids come from `ordered`, so from its office and
    # period): with the period and the key repeated, PostgreSQL walked the agenda index through
    # the rest of the year looking for these ids (18 ms at 40,000 requests a year).
    loaded = ordered.model._default_manager.filter(pk__in=ids)
    loaded.query.select_related = ordered.query.select_related
    prefetched = ordered._prefetch_related_lookups  # type: ignore[attr-defined]
    rows = loaded.prefetch_related(*prefetched).in_bulk()
    return [rows[pk] for pk in ids]


def register_page(
    cases: QuerySet[Case], *, after: str = "", before: str = "", size: int | None = None
) -> RegisterPage:
    """One page of `cases` in register order (agenda year, agenda number)."""
    size = size or PAGE_SIZE
    if (key := key_parse(before)) is not None:
        earlier = cases.filter(_beyond(*key, "<"))
        found = _rows(earlier.order_by("-agenda_year", "-agenda_number"), size + 1)
        rows = list(reversed(found[:size]))
        has_previous, has_next = len(found) > size, True
    else:
        if (key := key_parse(after)) is not None:
            cases = cases.filter(_beyond(*key, ">"))
        found = _rows(cases.order_by("agenda_year", "agenda_number"), size + 1)
        rows = found[:size]
        has_previous, has_next = key is not None, len(found) > size
    return RegisterPage(
        rows=rows,
        next_key=agenda_key(rows[-1]) if rows and has_next else "",
        previous_key=agenda_key(rows[0]) if rows and has_previous else "",
    )
