"""Writing audit events. Every service that changes something that matters calls `audit_record`.

It is also the one seam for "after an event": the listeners registered in `core.registry`
(`register_audit_listener`) run inside the event's transaction (read models) or after the step
commits (notices, e-mail, caches), as each declares."""

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.db import models, transaction
from django.db.models import Q

from autentika.core.models import AuditEvent, AuditEventType
from autentika.core.registry import AuditListener, ListenerWhen, audit_listeners


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
    # one unit: an event is never written without what its listeners keep beside it (within
    # a caller's transaction that transaction is the unit: no savepoint per event)
    with transaction.atomic(savepoint=False):
        event = AuditEvent.objects.create(
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
        for listener in audit_listeners():
            if listener.when == ListenerWhen.TRANSACTION:
                listener.listen(event)
            else:
                transaction.on_commit(_after_commit(listener, event), robust=True)
    return event


def _after_commit(listener: AuditListener, event: AuditEvent) -> Callable[[], None]:
    """The listener in a transaction of its own, so a failure leaves nothing half-written;
    Django's robust `on_commit` logs the error (naming the listener) and goes on."""

    def run() -> None:
        with transaction.atomic():
            listener.listen(event)

    run.__qualname__ = f"audit listener {listener.name} (event {event.pk})"
    return run


def audit_trail(target: models.Model) -> models.QuerySet[AuditEvent]:
    return AuditEvent.objects.filter(
        target_type=target._meta.label_lower, target_id=str(target.pk)
    ).select_related("actor", "acting_position")


def audit_lockout_remaining(
    *,
    actor: Any,
    failed: AuditEventType,
    succeeded: AuditEventType,
    now: dt.datetime,
    **data: Any,
) -> int:
    """Seconds an actor stays locked out after AXES_FAILURE_LIMIT `failed` events (matching
    `data`) within AXES_COOLOFF_TIME since their last `succeeded` event or an administrator's
    unlock of their account (`auth.login_unlocked`, core/login_lockout.py), or 0. Throttles
    whose attempts roll back, or must outlive axes' reset at login, count from the audit log."""
    limit = int(settings.AXES_FAILURE_LIMIT)
    cooloff = dt.timedelta(hours=float(settings.AXES_COOLOFF_TIME))
    since = now - cooloff
    unlocked = Q(
        event_type=AuditEventType.LOGIN_UNLOCKED,
        target_type=actor._meta.label_lower,
        target_id=str(actor.pk),
    )
    restarts = AuditEvent.objects.filter(Q(actor=actor, event_type=succeeded) | unlocked)
    last_success = restarts.order_by("-occurred_at").values_list("occurred_at", flat=True).first()
    if last_success is not None and last_success > since:
        since = last_success
    failures = list(
        AuditEvent.objects.filter(
            actor=actor,
            event_type=failed,
            occurred_at__gt=since,
            **{f"data__{key}": value for key, value in data.items()},
        )
        .order_by("-occurred_at")
        .values_list("occurred_at", flat=True)[:limit]
    )
    if len(failures) < limit:
        return 0
    # the lock ends when the limit-th most recent failure leaves the cool-off window
    return int((failures[limit - 1] + cooloff - now).total_seconds()) + 1
