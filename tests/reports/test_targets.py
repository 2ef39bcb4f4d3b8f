"""Step targets in working days or hours: set by the Sekretaris (audited), bad values refused
in Indonesian, lateness on the office's calendar, the portal's promises from the settings."""

import datetime as dt
import zoneinfo

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from hypothesis import given, settings
from hypothesis import strategies as st

from autentika.core.models import AuditEvent, AuditEventType
from autentika.organization.workdays import WorkCalendar
from autentika.reports.models import StepTarget, target_problem
from autentika.reports.targets import step_target_set, target_deadline

WIB = zoneinfo.ZoneInfo("Asia/Jakarta")


@pytest.mark.parametrize(
    ("amount", "unit", "message"),
    [
        (0, "working_days", "paling sedikit 1 hari kerja"),
        (400, "working_days", "paling lama 60 hari kerja"),
        (0, "working_hours", "paling sedikit 1 jam kerja"),
        (481, "working_hours", "paling lama 480 jam kerja"),
    ],
)
def test_bad_targets_refused(amount: int, unit: str, message: str) -> None:
    assert message in target_problem(unit=unit, amount=amount)


@settings(max_examples=40)
@given(st.integers(1, 60))
def test_reasonable_days_accepted(days: int) -> None:
    assert target_problem(unit="working_days", amount=days) == ""


def test_target_set_audited_and_refused(sumut, demo_user) -> None:
    step_target_set(
        office=sumut, actor=demo_user("sekretaris"), step="drafting", amount=2, unit="working_days"
    )
    event = AuditEvent.objects.get(event_type=AuditEventType.STEP_TARGET_CHANGED)
    assert event.data == {"step": "drafting", "from": None, "to": "2 hari kerja"}
    with pytest.raises(ValidationError, match="paling lama 60 hari kerja"):
        step_target_set(
            office=sumut,
            actor=demo_user("sekretaris"),
            step="drafting",
            amount=400,
            unit="working_days",
        )
    assert StepTarget.objects.get(office=sumut, step="drafting").amount == 2


def test_lateness_skips_lebaran_2025() -> None:
    calendar = WorkCalendar()
    target = StepTarget(step="disposition", amount=1, unit="working_days")
    # Received Thursday 27 March 2025 at 10:00: one working day is Tuesday 8 April, 16:00 WIB.
    since = dt.datetime(2025, 3, 27, 10, 0, tzinfo=WIB)
    deadline = target_deadline(calendar=calendar, since=since, target=target)
    assert deadline == dt.datetime(2025, 4, 8, 16, 0, tzinfo=WIB)
    hours = StepTarget(step="disposition", amount=8, unit="working_hours")
    # Friday 7 Feb 2025 at 14:00: 2 hours that day, 6 more on Monday 10 Feb (08:00-14:00).
    friday = dt.datetime(2025, 2, 7, 14, 0, tzinfo=WIB)
    assert target_deadline(calendar=calendar, since=friday, target=hours) == dt.datetime(
        2025, 2, 10, 14, 0, tzinfo=WIB
    )


def test_portal_promises_read_from_the_settings(client, sumut, demo_user) -> None:
    StepTarget.objects.filter(office=sumut).delete()
    step_target_set(
        office=sumut,
        actor=demo_user("sekretaris"),
        step="disposition",
        amount=3,
        unit="working_days",
    )
    page = client.get(reverse("portal:about")).content.decode()
    assert "3 hari kerja" in page
    assert "5 hari kerja" not in page


def test_targets_page_refuses_zero(client, sumut, demo_user) -> None:
    client.force_login(demo_user("sekretaris"))
    url = reverse("reports:targets", args=[sumut.code])
    assert client.get(url).status_code == 200
    refused = client.post(
        url,
        {
            "step_name": "review",
            "review-step": "review",
            "review-amount": "0",
            "review-unit": "working_days",
        },
    )
    assert refused.status_code == 400
    assert "paling sedikit 1 hari kerja" in refused.content.decode()
    saved = client.post(
        url,
        {
            "step_name": "review",
            "review-step": "review",
            "review-amount": "2",
            "review-unit": "working_days",
        },
    )
    assert saved.status_code == 302
