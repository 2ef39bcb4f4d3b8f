import datetime as dt
from typing import Any

from django.db import transaction

from autentika.core.audit import audit_record
from autentika.core.models import AuditEventType
from autentika.organization.models import Assignment, AssignmentKind, Position


@transaction.atomic
def assignment_create(
    *,
    user: Any,
    position: Position,
    starts_on: dt.date,
    ends_on: dt.date | None = None,
    kind: str = AssignmentKind.DEFINITIVE,
    decree_reference: str = "",
    employee_number: str = "",
    actor: Any = None,
) -> Assignment:
    # Lock the position so two concurrent assignments cannot both pass the overlap check.
    Position.objects.select_for_update().get(pk=position.pk)
    assignment = Assignment(
        user=user,
        position=position,
        kind=kind,
        starts_on=starts_on,
        ends_on=ends_on,
        decree_reference=decree_reference,
        employee_number=employee_number,
    )
    assignment.full_clean()
    assignment.save()
    audit_record(
        event_type=AuditEventType.ASSIGNMENT_CREATED,
        office=position.office,
        actor=actor,
        target=assignment,
        data={
            "user": user.get_username(),
            "position": position.code,
            "kind": kind,
            "starts_on": starts_on.isoformat(),
            "ends_on": ends_on.isoformat() if ends_on else None,
        },
    )
    return assignment


@transaction.atomic
def assignment_end(*, assignment: Assignment, ends_on: dt.date, actor: Any = None) -> Assignment:
    Position.objects.select_for_update().get(pk=assignment.position_id)
    assignment.ends_on = ends_on
    assignment.full_clean()
    assignment.save(update_fields=["ends_on"])
    audit_record(
        event_type=AuditEventType.ASSIGNMENT_ENDED,
        office=assignment.position.office,
        actor=actor,
        target=assignment,
        data={"ends_on": ends_on.isoformat()},
    )
    return assignment
