"""The per-request timeline (reports.CaseTimeline): computed from a case's audit events and
written in the transaction of the event that changed it (core/audit.py calls the listener
registered in reports/hooks.py)."""

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any, NamedTuple, Protocol

from django.utils import timezone

from autentika.cases.models import Case, CaseState
from autentika.core.models import AuditEvent, AuditEventType
from autentika.reports.models import STEP_STATES, CaseTimeline, seconds_column

HANDOVER_EVENTS = (AuditEventType.LETTER_HANDED_OVER.value, AuditEventType.LETTER_DOWNLOADED.value)
# The legal deadline's extension changes the timeline's due date, not the case's state.
DEADLINE_EVENTS = (AuditEventType.CASE_DEADLINE_EXTENDED.value,)
CASE_TARGET = "cases.case"


class StateEvent(Protocol):
    @property
    def to_state(self) -> str: ...

    @property
    def occurred_at(self) -> dt.datetime: ...


class EventRow(NamedTuple):
    """The three columns of an audit event the timeline reads."""

    to_state: str
    occurred_at: dt.datetime
    event_type: str


def case_step_durations(
    events: Sequence[StateEvent], *, until: dt.datetime | None = None
) -> tuple[dict[str, dt.timedelta], str, dt.datetime | None]:
    """Time spent in each state by one case (summed when a state is entered again, e.g. a
    returned draft), the state it is in, and since when. `events` in order of occurrence."""
    spent: dict[str, dt.timedelta] = defaultdict(dt.timedelta)
    state, since = "", None
    for event in events:
        if not event.to_state or event.to_state == state:
            continue
        if state and since is not None:
            spent[state] += event.occurred_at - since
        state, since = event.to_state, event.occurred_at
    return dict(spent), state, since


def timeline_fields(
    events: Sequence[EventRow],
    *,
    registered_at: dt.datetime,
    kip_due_on: dt.date | None = None,
    kip_extended_due_on: dt.date | None = None,
) -> dict[str, Any]:
    """The CaseTimeline columns of a case with these events (in order of occurrence) and
    these legal due dates (the case's own)."""
    spent, state, since = case_step_durations(events)
    signed = next((e.occurred_at for e in events if e.to_state == CaseState.SIGNED), None)
    handed = next((e.occurred_at for e in events if e.event_type in HANDOVER_EVENTS), None)
    fields: dict[str, Any] = {
        seconds_column(step.value): (
            spent[step.value].total_seconds() if step.value in spent else None
        )
        for step in STEP_STATES
    }
    fields["end_to_end_seconds"] = (
        (handed - registered_at).total_seconds() if handed is not None else None
    )
    fields.update(
        state=state,
        state_since=since,
        handed_over_at=handed,
        kip_due_on=kip_extended_due_on or kip_due_on,
        kip_extended=kip_extended_due_on is not None,
        answered_on=timezone.localdate(signed) if signed is not None else None,
    )
    return fields


def case_events(case_ids: Iterable[str]) -> dict[str, list[EventRow]]:
    """The state-relevant columns of the cases' audit events, by case id, in order."""
    by_case: dict[str, list[EventRow]] = defaultdict(list)
    for target_id, to_state, occurred_at, event_type in (
        AuditEvent.objects.filter(target_type=CASE_TARGET, target_id__in=list(case_ids))
        .order_by("occurred_at", "id")
        .values_list("target_id", "to_state", "occurred_at", "event_type")
    ):
        by_case[target_id].append(EventRow(to_state, occurred_at, event_type))
    return by_case


def timelines_refresh(*, case_ids: Sequence[int]) -> int:
    """Rewrite the timelines of these cases from their audit events; returns how many."""
    cases = Case.objects.filter(pk__in=case_ids).values_list(
        "pk",
        "office_id",
        "agenda_year",
        "agenda_number",
        "registered_at",
        "kip_due_on",
        "kip_extended_due_on",
    )
    events = case_events(str(pk) for pk in case_ids)
    rows = [
        CaseTimeline(
            case_id=pk,
            office_id=office_id,
            agenda_year=year,
            agenda_number=number,
            registered_at=registered_at,
            **timeline_fields(
                events.get(str(pk), []),
                registered_at=registered_at,
                kip_due_on=due,
                kip_extended_due_on=extended,
            ),
        )
        for pk, office_id, year, number, registered_at, due, extended in cases
    ]
    written = [
        f.name
        for f in CaseTimeline._meta.concrete_fields
        if not f.primary_key and not f.generated  # the database keeps kip_named
    ]
    CaseTimeline.objects.bulk_create(
        rows, update_conflicts=True, unique_fields=["case"], update_fields=written
    )
    return len(rows)


def _changes_timeline(event: AuditEvent) -> bool:
    moved = bool(event.to_state) and event.to_state != event.from_state
    return moved or event.event_type in HANDOVER_EVENTS or event.event_type in DEADLINE_EVENTS


def timeline_on_audit_event(event: AuditEvent) -> None:
    """Audit listener: an event about a case brings that case's timeline up to date. An event
    that neither moves the case nor hands its letter over changes nothing; one that comes
    after the timeline's last change is applied to the row; anything else (the first event,
    an event dated before the last change) rewrites the row from the case's events."""
    if event.target_type != CASE_TARGET or not event.target_id or not _changes_timeline(event):
        return
    case_id = int(event.target_id)
    row = CaseTimeline.objects.filter(case_id=case_id).first()
    if (
        row is None
        or row.state_since is None
        or event.occurred_at < row.state_since
        or event.event_type in DEADLINE_EVENTS
    ):
        timelines_refresh(case_ids=[case_id])
        return
    changed = _apply(row, EventRow(event.to_state, event.occurred_at, event.event_type))
    if changed:
        row.save(update_fields=changed)


def _apply(row: CaseTimeline, event: EventRow) -> list[str]:
    """`case_step_durations` and the first hand-over, one event further (the names of the
    columns it changed)."""
    changed = []
    if event.to_state and event.to_state != row.state:
        if row.state and row.state_since is not None:
            column = seconds_column(row.state)
            if hasattr(row, column):
                spent = (event.occurred_at - row.state_since).total_seconds()
                setattr(row, column, (getattr(row, column) or 0.0) + spent)
                changed.append(column)
        row.state, row.state_since = event.to_state, event.occurred_at
        changed += ["state", "state_since"]
        if event.to_state == CaseState.SIGNED and row.answered_on is None:
            row.answered_on = timezone.localdate(event.occurred_at)
            changed.append("answered_on")
    if event.event_type in HANDOVER_EVENTS and row.handed_over_at is None:
        row.handed_over_at = event.occurred_at
        row.end_to_end_seconds = (event.occurred_at - row.registered_at).total_seconds()
        changed += ["handed_over_at", "end_to_end_seconds"]
    return changed
