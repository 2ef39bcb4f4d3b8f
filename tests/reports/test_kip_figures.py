"""The report's legal-deadline figures: the status of a request against its due date, and the
share answered on time (values written by hand)."""

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from autentika.reports.kip_figures import KipFigures, _status

DUE = dt.date(2025, 4, 22)


@pytest.mark.parametrize(
    ("answered_on", "state", "today", "status"),
    [
        (dt.date(2025, 4, 22), "signed", dt.date(2025, 5, 1), "tepat waktu"),
        (dt.date(2025, 4, 23), "handed_over", dt.date(2025, 5, 1), "terlambat"),
        (None, "drafting", dt.date(2025, 4, 22), "belum dijawab"),
        (None, "review", dt.date(2025, 4, 23), "lewat batas waktu"),
    ],
)
def test_status(answered_on, state, today, status) -> None:
    assert _status(deadline=DUE, answered_on=answered_on, state=state, today=today) == status


def test_share_of_answered_on_time() -> None:
    figures = KipFigures(registered=5, answered=3, on_time=2, late=1)
    assert figures.on_time_share == 66.7
    assert figures.on_time_share_text == "66,7%"
    assert KipFigures().on_time_share is None


@settings(max_examples=50)
@given(st.integers(1, 500), st.data())
def test_share_between_0_and_100(answered: int, data: st.DataObject) -> None:
    on_time = data.draw(st.integers(0, answered))
    share = KipFigures(answered=answered, on_time=on_time).on_time_share
    assert share is not None and 0 <= share <= 100
    if on_time == answered:
        assert share == 100


@pytest.mark.django_db
def test_counted_in_the_database(signed_letter, at_drafter, sumut) -> None:
    from django.utils import timezone

    from autentika.core.periods import Period
    from autentika.reports.kip_figures import kip_figures
    from autentika.reports.timeline import timelines_refresh

    answered = signed_letter().case  # registered and signed today: within its 10 working days
    waiting = at_drafter(party_number=5, letter_number="12/DPW-NASDEM/2025")
    late = at_drafter(party_number=5, letter_number="13/DPW-NASDEM/2025")
    # a due date set by hand to yesterday (and the case's timeline, which the report reads,
    # rewritten from it): unanswered, so past due
    late.kip_due_on = timezone.localdate() - dt.timedelta(days=1)
    late.save(update_fields=["kip_due_on"])
    timelines_refresh(case_ids=[late.pk])
    year = Period.year(timezone.localdate().year)
    figures = kip_figures(office=sumut, period=year)
    assert (figures.registered, figures.answered, figures.on_time, figures.late) == (3, 1, 1, 0)
    assert figures.open_past_due == 1 and figures.extended == 0
    assert {row.case.pk: row.status for row in figures.rows} == {
        waiting.pk: "belum dijawab",
        late.pk: "lewat batas waktu",
    }
    answered.kip_due_on = timezone.localdate() - dt.timedelta(days=1)
    answered.save(update_fields=["kip_due_on"])
    timelines_refresh(case_ids=[answered.pk])
    figures = kip_figures(office=sumut, period=year)
    assert (figures.on_time, figures.late) == (0, 1)
    assert figures.on_time_share == 0.0
