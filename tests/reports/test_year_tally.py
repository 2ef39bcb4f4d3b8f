"""PostgreSQL keeps each office's year of requests counted (reports.YearTally, by triggers on
the timelines): whatever writes the timelines (a step, a bulk update, raw SQL, a delete), the
tally holds what counting the year's rows gives, and the year's report read from it and from
the steps' ordered indexes gives the same figures as counting and sorting the rows."""

import datetime as dt
import importlib
from collections.abc import Iterable
from typing import Any

import pytest
from django.db import connection
from django.db.models import Count, F, Q
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from autentika.core.periods import Period
from autentika.reports.models import TALLIED_STEPS, CaseTimeline, YearTally, seconds_column
from autentika.reports.step_figures import _python, step_figures
from autentika.reports.timeline import timelines_refresh

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]

YEAR = 2025
tally_migration = importlib.import_module("autentika.reports.migrations.0005_year_tally")


def counted_from_the_rows() -> dict[tuple[int, int], dict[str, int]]:
    """Each (office, year)'s counts, counted from the timelines themselves."""
    counts = {
        "requests": Count("case_id"),
        **{f"{s}_count": Count(seconds_column(s)) for s in TALLIED_STEPS},
        "kip_registered": Count("case_id", filter=Q(kip_due_on__isnull=False)),
        "kip_answered": Count(
            "case_id", filter=Q(kip_due_on__isnull=False, answered_on__isnull=False)
        ),
        "kip_on_time": Count("case_id", filter=Q(answered_on__lte=F("kip_due_on"))),
        "kip_late": Count("case_id", filter=Q(answered_on__gt=F("kip_due_on"))),
        "kip_extended": Count("case_id", filter=Q(kip_due_on__isnull=False, kip_extended=True)),
    }
    return _by_office_and_year(
        CaseTimeline.objects.values("office_id", "agenda_year").annotate(**counts)
    )


def kept_by_the_tally() -> dict[tuple[int, int], dict[str, int]]:
    fields = ["requests", *(f"{s}_count" for s in TALLIED_STEPS)]
    fields += ["kip_registered", "kip_answered", "kip_on_time", "kip_late", "kip_extended"]
    return _by_office_and_year(YearTally.objects.values("office_id", "agenda_year", *fields))


def _by_office_and_year(rows: Iterable[Any]) -> dict[tuple[int, int], dict[str, int]]:
    """The rows by (office, year), leaving out years where every count is 0."""
    found = {}
    for row in rows:
        counts = {k: v for k, v in row.items() if k not in ("office_id", "agenda_year")}
        if any(counts.values()):
            found[(row["office_id"], row["agenda_year"])] = counts
    return found


seconds = st.none() | st.floats(0, 3e7, allow_nan=False) | st.sampled_from([60.0, 3600.0])
days = st.none() | st.dates(dt.date(YEAR, 1, 1), dt.date(YEAR, 3, 31))
change = st.fixed_dictionaries(
    {
        "agenda_year": st.sampled_from([YEAR, YEAR + 1]),
        **{seconds_column(s): seconds for s in TALLIED_STEPS},
        "kip_due_on": days,
        "answered_on": days,
        "kip_extended": st.booleans(),
    }
)
# how the rows are written: every path must keep the tally
WAYS = ["update", "save", "bulk_update", "raw", "delete_and_create", "delete", "refresh"]


def write(case_ids: list[int], way: str, values: dict) -> None:
    rows = CaseTimeline.objects.filter(case_id__in=case_ids)
    if way == "update":
        rows.update(**values)
    elif way == "save":
        for row in rows:
            for name, value in values.items():
                setattr(row, name, value)
            row.save()
    elif way == "bulk_update":
        changed = list(rows)
        for row in changed:
            for name, value in values.items():
                setattr(row, name, value)
        CaseTimeline.objects.bulk_update(changed, list(values))
    elif way == "raw":
        with connection.cursor() as cursor:
            cursor.execute(
                "UPDATE reports_casetimeline SET drafting_seconds = %s, answered_on = %s "
                "WHERE case_id = ANY(%s)",
                [values["drafting_seconds"], values["answered_on"], case_ids],
            )
    elif way == "refresh":  # rebuilt from the audit log: INSERT ... ON CONFLICT DO UPDATE
        timelines_refresh(case_ids=case_ids)
    elif way in ("delete_and_create", "delete"):
        kept = list(rows)
        rows.delete()
        if way == "delete_and_create":
            for row in kept:
                for name, value in values.items():
                    setattr(row, name, value)
            CaseTimeline.objects.bulk_create(kept)


def test_the_tally_holds_the_count_of_the_rows_whatever_writes_them(at_drafter, sumut):
    cases = [at_drafter(letter_number=f"{n}/DPD-GOLKAR/2025") for n in range(4)]
    ids = [case.pk for case in cases]
    originals = {row.case_id: row for row in CaseTimeline.objects.filter(case_id__in=ids)}

    @settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(
        steps=st.lists(
            st.tuples(
                st.lists(st.sampled_from(ids), min_size=1, unique=True),
                st.sampled_from(WAYS),
                change,
            ),
            min_size=1,
            max_size=4,
        )
    )
    def check(steps):
        CaseTimeline.objects.filter(case_id__in=ids).delete()
        CaseTimeline.objects.bulk_create(originals.values())
        for chosen, way, values in steps:
            write(chosen, way, values)
        assert kept_by_the_tally() == counted_from_the_rows()

    check()


def test_the_migration_counts_existing_rows_as_the_triggers_do(at_drafter, sumut):
    cases = [at_drafter(letter_number=f"{n}/DPD-GOLKAR/2025") for n in range(3)]
    CaseTimeline.objects.filter(case=cases[0]).update(kip_due_on=dt.date(YEAR, 1, 10))
    kept = kept_by_the_tally()
    tally_migration.tally_rebuild(connection)
    assert kept_by_the_tally() == kept == counted_from_the_rows()


def test_a_year_read_from_the_tally_and_indexes_equals_the_rows_counted_and_sorted(
    at_drafter, sumut
):
    cases = [at_drafter(letter_number=f"{n}/DPD-GOLKAR/2025") for n in range(5)]
    CaseTimeline.objects.filter(case_id__in=[c.pk for c in cases]).update(agenda_year=YEAR)
    steps = list(TALLIED_STEPS)

    @settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(times=st.lists(st.lists(seconds, min_size=5, max_size=5), min_size=2, max_size=2))
    def check(times):
        for case, drafting, review in zip(cases, *times, strict=True):
            CaseTimeline.objects.filter(case=case).update(
                drafting_seconds=drafting, review_seconds=review
            )
        from_the_year = step_figures(office=sumut, period=Period.year(YEAR), steps=steps)
        sorted_rows = _python(CaseTimeline.objects.filter(office=sumut, agenda_year=YEAR), steps)
        assert from_the_year.rows == sorted_rows.rows == 5
        for step in steps:
            found, expected = from_the_year.steps[step], sorted_rows.steps[step]
            assert found.count == expected.count
            assert found.slowest_seconds == expected.slowest_seconds
            assert (found.slowest_year, found.slowest_number) == (
                expected.slowest_year,
                expected.slowest_number,
            )
            if expected.median_seconds is None:
                assert found.median_seconds is None
            else:
                assert found.median_seconds == pytest.approx(expected.median_seconds)

    check()


def test_a_year_without_requests_has_no_figures(sumut):
    figures = step_figures(office=sumut, period=Period.year(1999), steps=list(TALLIED_STEPS))
    assert figures.rows == 0
    assert all(f.count == 0 and f.median_seconds is None for f in figures.steps.values())
