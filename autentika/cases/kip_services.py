"""The extension of a request's legal deadline (UU 14/2008 art. 22(8), issue #31): a workflow
step (`cases/workflow.py: "extend"`), once, before the due date, with a written reason, by the
Sekretaris (head of the office's PPID), audited."""

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from autentika.cases.kip import UNANSWERED, extension_problem, kip_extended_date
from autentika.cases.models import Case
from autentika.cases.moves import case_move
from autentika.cases.services import _locked, case_event_record
from autentika.cases.workflow import CASE_WORKFLOW
from autentika.core.audit import audit_record
from autentika.core.models import AuditEvent, AuditEventType
from autentika.core.permissions import Duty
from autentika.organization.models import Office
from autentika.organization.selectors import user_active_assignments
from autentika.organization.workdays import office_calendar

EXTENSION_REASON_MIN = 20
REMINDER_WORKING_DAYS = 2


@transaction.atomic
def case_deadline_extend(
    *, case: Case, actor: Any, reason: str, now: dt.datetime | None = None
) -> Case:
    """Extend the legal deadline once by 7 working days, with a written reason (audited)."""
    now = now or timezone.now()
    case = _locked(case)
    if problem := extension_problem(case=case, now=now):
        raise ValidationError(problem)
    CASE_WORKFLOW.check(actor, case, "extend", params={"now": now})
    reason = reason.strip()
    if len(reason) < EXTENSION_REASON_MIN:
        raise ValidationError(
            {
                "reason": "Tuliskan alasan perpanjangan yang akan disampaikan kepada pemohon "
                f"(sedikitnya {EXTENSION_REASON_MIN} karakter)."
            }
        )
    assert case.kip_due_on is not None  # extension_problem
    calendar = office_calendar(case.office)
    case.kip_extended_due_on = kip_extended_date(calendar=calendar, due_on=case.kip_due_on)
    case.kip_extension_reason = reason
    from_state = case_move(
        case=case,
        step="extend",
        to_state=case.state,
        also_save=["kip_extended_due_on", "kip_extension_reason"],
    )
    acting = next(
        (
            a
            for a in user_active_assignments(user=actor, office=case.office)
            if a.position.has_duty(Duty.MANAGE_OFFICE)
        ),
        None,
    )
    case_event_record(
        case,
        AuditEventType.CASE_DEADLINE_EXTENDED,
        actor=actor,
        position=acting.position if acting else None,
        capacity=acting.kind if acting else "",
        from_state=from_state,
        data={
            "kip_due_on": case.kip_due_on.isoformat(),
            "kip_extended_due_on": case.kip_extended_due_on.isoformat(),
            "reason": reason,
        },
    )
    return case


def kip_reminders_record(*, now: dt.datetime | None = None) -> int:
    """Remind the desk holding each unanswered request whose legal deadline is at most
    `REMINDER_WORKING_DAYS` working days away (today included): one audit event per request
    and due date, which the notifications part turns into notices for the desk's holders
    (`notifications/services.py`). Run daily (`manage.py kip_reminders`); returns how many."""
    now = now or timezone.now()
    count = 0
    # only the offices with a request waiting (a national installation has 553 offices)
    waiting = Case.objects.filter(state__in=UNANSWERED, kip_due_on__isnull=False)
    for office in Office.objects.filter(pk__in=waiting.values("office_id")):
        calendar = office_calendar(office)
        today = calendar.local(now).date()
        horizon = calendar.add_working_days(today, REMINDER_WORKING_DAYS)
        cases = Case.objects.filter(
            office=office, state__in=UNANSWERED, kip_due_on__isnull=False
        ).order_by("agenda_year", "agenda_number")
        for case in cases:
            deadline = case.kip_deadline
            if deadline is None or not today <= deadline <= horizon:
                continue
            if AuditEvent.objects.filter(
                event_type=AuditEventType.CASE_DEADLINE_REMINDER,
                target_type="cases.case",
                target_id=str(case.pk),
                data__kip_deadline=deadline.isoformat(),
            ).exists():
                continue
            with transaction.atomic():
                audit_record(
                    event_type=AuditEventType.CASE_DEADLINE_REMINDER,
                    office=office,
                    target=case,
                    data={"kip_deadline": deadline.isoformat(), "agenda": case.agenda_label},
                )
            count += 1
    return count
