"""The extension of a request's legal deadline (UU 14/2008 art. 22(8), issue #31): a workflow
step (`cases/workflow.py: "extend"`), once, before the due date, with a written reason, by the
Sekretaris (head of the office's PPID), audited."""

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from autentika.cases.kip import extension_problem, kip_extended_date
from autentika.cases.models import Case
from autentika.cases.services import _locked, case_event_record
from autentika.cases.workflow import CASE_WORKFLOW
from autentika.core.models import AuditEventType
from autentika.core.permissions import Duty
from autentika.organization.selectors import user_active_assignments
from autentika.organization.workdays import office_calendar

EXTENSION_REASON_MIN = 20


@transaction.atomic
def case_deadline_extend(
    *, case: Case, actor: Any, reason: str, now: dt.datetime | None = None
) -> Case:
    """Extend the legal deadline once by 7 working days, with a written reason (audited)."""
    now = now or timezone.now()
    case = _locked(case)
    if problem := extension_problem(case=case, now=now):
        raise ValidationError(problem)
    case.kip_clock = now  # type: ignore[attr-defined]  # read by the workflow's readiness
    CASE_WORKFLOW.check(actor, case, "extend")
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
    from_state = CASE_WORKFLOW.move(case, "extend", case.state)
    case.save(update_fields=["kip_extended_due_on", "kip_extension_reason", "state"])
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
