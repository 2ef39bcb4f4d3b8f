"""Step targets as settings (issue #31): the Sekretaris sets each step's target in working days
or working hours (`step_target_set`, audited); lateness is measured on the office's calendar
(`target_deadline`); the portal's promises are read from the same rows (`service_promises`)."""

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from autentika.core.models import AuditEventType
from autentika.organization.models import Office
from autentika.organization.settings_services import manager_check, settings_record
from autentika.organization.workdays import WorkCalendar
from autentika.reports.models import TARGET_STEPS, StepTarget, TargetUnit, target_problem

TARGET_STEP_LABELS = dict(TARGET_STEPS)


def targets_of(office: Office) -> dict[str, StepTarget]:
    return {t.step: t for t in StepTarget.objects.filter(office=office)}


def target_deadline(
    *, calendar: WorkCalendar, since: dt.datetime, target: StepTarget
) -> dt.datetime:
    """When a step begun at `since` passes its target, on the office's calendar."""
    if target.unit == TargetUnit.WORKING_HOURS:
        return calendar.working_hours_later(since, target.amount)
    return calendar.working_days_later(since, target.amount)


def service_promises(office: Office) -> list[tuple[str, str]]:
    """(step, target) as the office promises them on the public service page, in the order of
    the procedure: the office's own settings, never fixed text."""
    targets = targets_of(office)
    return [(str(label), targets[step].label) for step, label in TARGET_STEPS if step in targets]


@transaction.atomic
def step_target_set(
    *, office: Office, actor: Any, step: str, amount: int | None, unit: str
) -> StepTarget | None:
    """Set (or with no amount, remove) the target of one step."""
    acting = manager_check(actor=actor, office=office)
    if step not in TARGET_STEP_LABELS:
        raise ValidationError({"step": "Tahap tidak dikenal."})
    current = StepTarget.objects.select_for_update().filter(office=office, step=step).first()
    before = current.label if current else None
    if amount is None:
        if current is None:
            return None
        current.delete()
        target = None
    else:
        if problem := target_problem(unit=unit, amount=amount):
            raise ValidationError({"amount": problem})
        target = current or StepTarget(office=office, step=step)
        target.amount, target.unit = amount, unit
        target.save()
    after = target.label if target else None
    if before != after:
        settings_record(
            AuditEventType.STEP_TARGET_CHANGED,
            office=office,
            actor=actor,
            acting=acting,
            target=office,
            data={"step": step, "from": before, "to": after},
        )
    return target
