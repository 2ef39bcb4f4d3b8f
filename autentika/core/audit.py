"""Writing audit events. Every service that changes something that matters calls `audit_record`."""

from typing import Any

from django.db import models

from autentika.core.models import AuditEvent, AuditEventType


def audit_record(
    *,
    event_type: AuditEventType,
    office: Any = None,
    actor: Any = None,
    acting_position: Any = None,
    acting_capacity: str = "",
    target: models.Model | None = None,
    from_state: str = "",
    to_state: str = "",
    data: dict[str, Any] | None = None,
) -> AuditEvent:
    if not isinstance(event_type, AuditEventType):
        raise TypeError(f"Unknown audit event type: {event_type!r}")
    return AuditEvent.objects.create(
        event_type=event_type.value,
        office=office,
        actor=actor if actor is not None and actor.is_authenticated else None,
        acting_position=acting_position,
        acting_capacity=acting_capacity,
        target_type=target._meta.label_lower if target is not None else "",
        target_id=str(target.pk) if target is not None else "",
        from_state=from_state,
        to_state=to_state,
        data=data or {},
    )


def audit_trail(target: models.Model) -> models.QuerySet[AuditEvent]:
    return AuditEvent.objects.filter(
        target_type=target._meta.label_lower, target_id=str(target.pk)
    ).select_related("actor", "acting_position")
