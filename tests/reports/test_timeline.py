"""Each request's timeline (the read model the report aggregates) follows its audit events,
and the report's step figures are the median and the slowest of those timelines."""

import pytest
from django.db import transaction
from django.utils import timezone
from hypothesis import given, settings
from hypothesis import strategies as st

from autentika.core.audit import audit_record
from autentika.core.models import AuditEvent, AuditEventType
from autentika.core.periods import Period
from autentika.core.registry import (
    ListenerWhen,
    register_audit_listener,
    unregister_audit_listener,
)
from autentika.reports.models import CaseTimeline
from autentika.reports.selectors import report_compute
from autentika.reports.timeline import timelines_refresh

HOUR = 3600.0


def _events(case):
    return list(
        AuditEvent.objects.filter(target_type="cases.case", target_id=str(case.pk)).order_by(
            "occurred_at", "id"
        )
    )


@pytest.mark.django_db
def test_a_requests_timeline_follows_its_events(official, at_drafter):
    case = at_drafter()
    timeline = CaseTimeline.objects.get(case=case)
    events = _events(case)
    # the request entered disposition at registration and left it when it reached drafting
    registered = next(e for e in events if e.to_state == "disposition")
    drafting = next(e for e in events if e.to_state == "drafting")
    assert timeline.state == case.state == "drafting"
    assert timeline.state_since == drafting.occurred_at
    assert timeline.disposition_seconds == pytest.approx(
        (drafting.occurred_at - registered.occurred_at).total_seconds()
    )
    assert timeline.review_seconds is None and timeline.handed_over_at is None
    assert timeline.end_to_end_seconds is None
    # rebuilt from the audit log alone, the row is the same one the steps kept
    kept = {
        f.name: getattr(timeline, f.name)
        for f in CaseTimeline._meta.concrete_fields
        if not f.primary_key
    }
    CaseTimeline.objects.filter(case=case).delete()
    assert timelines_refresh(case_ids=[case.pk]) == 1
    rebuilt = CaseTimeline.objects.get(case=case)
    for name, value in kept.items():
        # the steps add seconds event by event; the rebuild sums the same intervals at once
        expected = pytest.approx(value) if isinstance(value, float) else value
        assert getattr(rebuilt, name) == expected, name


@pytest.mark.django_db
def test_an_event_whose_listener_fails_is_not_written(sumut):
    def failing(event):
        raise RuntimeError("read model refused")

    before = AuditEvent.objects.count()
    register_audit_listener("tests.failing", failing, when=ListenerWhen.TRANSACTION)
    try:
        # as a service records its step: the step's transaction is the unit
        with pytest.raises(RuntimeError), transaction.atomic():
            audit_record(event_type=AuditEventType.DEMO_SEEDED, office=sumut)
    finally:
        unregister_audit_listener("tests.failing")
    assert AuditEvent.objects.count() == before


def _with_drafting_hours(cases, hours):
    for case, value in zip(cases, hours, strict=True):
        CaseTimeline.objects.filter(case=case).update(
            drafting_seconds=None if value is None else value * HOUR
        )


@pytest.mark.django_db
def test_the_reports_median_and_slowest_come_from_the_timelines(at_drafter, sumut):
    cases = [at_drafter(letter_number=f"{n}/DPD-GOLKAR/2025") for n in range(5)]
    # four requests spent 1, 2, 4 and 10 hours drafting; the fifth never reached drafting
    _with_drafting_hours(cases, [1, 2, 4, 10, None])
    report = report_compute(office=sumut, period=Period.year(timezone.localdate().year))
    drafting = next(s for s in report.steps if s.step == "drafting")
    assert drafting.count == 4
    assert drafting.median_hours == 3.0  # between the middle two, 2 and 4
    assert drafting.slowest_hours == 10.0
    assert drafting.slowest_case == cases[3].agenda_label
    assert report.received == 5
    # two requests equally slow: the later agenda is named
    _with_drafting_hours(cases, [10, 2, 4, 10, None])
    report = report_compute(office=sumut, period=Period.year(timezone.localdate().year))
    drafting = next(s for s in report.steps if s.step == "drafting")
    assert drafting.slowest_case == cases[3].agenda_label


@pytest.mark.django_db
def test_any_step_times_give_a_median_between_fastest_and_slowest(at_drafter, sumut):
    """Whatever the times, the median lies between the fastest and the slowest, the slowest
    is the largest time, and requests never in the step are not counted (bounds a reader
    can check, not a re-computation)."""
    cases = [at_drafter(letter_number=f"{n}/DPD-GOLKAR/2025") for n in range(3)]
    period = Period.year(timezone.localdate().year)

    @settings(max_examples=30, deadline=None)
    @given(hours=st.lists(st.none() | st.integers(0, 2000), min_size=3, max_size=3))
    def check(hours):
        _with_drafting_hours(cases, hours)
        drafting = next(
            s for s in report_compute(office=sumut, period=period).steps if s.step == "drafting"
        )
        spent = [h for h in hours if h is not None]
        assert drafting.count == len(spent)
        if not spent:
            assert drafting.median_hours is None and drafting.slowest_case == ""
            return
        assert min(spent) <= drafting.median_hours <= max(spent)
        assert drafting.slowest_hours == max(spent)

    check()


@pytest.mark.django_db
def test_the_timeline_keeps_the_legal_deadline_in_force_and_the_day_of_the_answer(
    signed_letter, at_drafter, demo_user
):
    """The report counts the legal deadline from the timeline alone: the due date the case
    got at registration, the extended one after an extension, and the day its letter was
    signed, each kept by the step that changed it."""
    import datetime as dt

    from autentika.cases.kip_services import case_deadline_extend
    from autentika.cases.models import Case

    letter = signed_letter()
    case = Case.objects.get(pk=letter.case_id)
    timeline = CaseTimeline.objects.get(case=case)
    assert timeline.kip_due_on == case.kip_due_on and not timeline.kip_extended
    assert timeline.answered_on == letter.date

    waiting = at_drafter(party_number=5, letter_number="21/DPW-NASDEM/2025")
    before_due = timezone.make_aware(
        dt.datetime.combine(waiting.kip_due_on - dt.timedelta(days=1), dt.time(10))
    )
    extended = case_deadline_extend(
        case=waiting,
        actor=demo_user("sekretaris"),
        reason="Data yang dimohonkan mencakup tiga pemilu dan perlu dihimpun dari arsip.",
        now=before_due,
    )
    timeline = CaseTimeline.objects.get(case=extended)
    assert timeline.kip_due_on == extended.kip_extended_due_on != extended.kip_due_on
    assert timeline.kip_extended and timeline.answered_on is None
