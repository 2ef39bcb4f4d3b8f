"""SOP step 2: disposition down the hierarchy, opening, withdrawing, the completeness re-check;
and the audit event of any step on a case."""

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from autentika.cases.models import (
    Case,
    CaseState,
    Disposition,
    Urgency,
)
from autentika.cases.moves import case_move
from autentika.cases.selectors import (
    case_active_disposition,
    case_completeness,
    disposition_targets,
)
from autentika.cases.workflow import CASE_WORKFLOW
from autentika.core.audit import audit_record
from autentika.core.formatting import format_date_id
from autentika.core.models import AuditEventType
from autentika.core.permissions import Duty
from autentika.organization.access import assignments_read_once
from autentika.organization.models import Assignment, Position
from autentika.organization.selectors import (
    acting_assignment,
    position_holders,
)


def acting_required(*, user: Any, position: Position) -> Assignment:
    assignment = acting_assignment(user=user, position=position)
    if assignment is None:
        raise PermissionDenied(f"Anda tidak sedang memegang jabatan {position.title}.")
    return assignment


def case_event_record(
    case: Case,
    event_type: AuditEventType,
    *,
    actor: Any,
    data: dict[str, Any],
    position: Position | None = None,
    capacity: str = "",
    from_state: str = "",
) -> None:
    """The audit event of a step on a case. A step that moved the case names the state it came
    from; the state it reached is read from the case."""
    audit_record(
        event_type=event_type,
        office=case.office,
        actor=actor,
        acting_position=position,
        acting_capacity=capacity,
        target=case,
        from_state=from_state,
        to_state=case.state if from_state else "",
        data=data,
    )


def _locked(case: Case) -> Case:
    # `of=("self",)`: PostgreSQL cannot lock the nullable side of the outer join.
    return (
        Case.objects.select_for_update(of=("self",))
        .select_related("office", "current_position", "current_assignee")
        .get(pk=case.pk)
    )


def _staff_name(user: Any) -> str:
    return str(user.get_full_name() or user.get_username())


def _member_check(*, position: Position, member: Any) -> None:
    if not position_holders(position=position).filter(user=member).exists():
        raise ValidationError(
            f"{_staff_name(member)} tidak sedang memegang jabatan {position.title}; pilih staf "
            "yang memegangnya."
        )


DISPOSITION_NOTE_MAX = 1000
URGENCY_ORDER = [Urgency.NORMAL, Urgency.URGENT, Urgency.VERY_URGENT]


def _inherited_check(*, case: Case, urgency: str, due_on: dt.date | None) -> None:
    """Down the chain a disposition may tighten, never loosen, what was set above it."""
    above = case_active_disposition(case=case)
    if above is not None and URGENCY_ORDER.index(Urgency(urgency)) < URGENCY_ORDER.index(
        Urgency(above.urgency)
    ):
        raise ValidationError(
            {
                "urgency": f"Sifat tidak boleh lebih rendah dari disposisi "
                f"{above.from_position_title} ({above.get_urgency_display()})."
            }
        )
    if due_on is not None and case.due_on is not None and due_on > case.due_on:
        raise ValidationError(
            {
                "due_on": "Batas waktu tidak boleh melewati batas waktu yang sudah ditetapkan "
                f"({format_date_id(case.due_on)})."
            }
        )


@assignments_read_once()  # a step reads the actor's assignments once
@transaction.atomic
def case_dispose(
    *,
    case: Case,
    actor: Any,
    to_position: Position,
    instruction: str,
    urgency: str,
    security_class: str = "biasa",
    note: str = "",
    due_on: dt.date | None = None,
    to_user: Any = None,
    based_on: str | None = None,
    now: dt.datetime | None = None,
) -> Disposition:
    """SOP step 2: the holder of the current desk passes the case one level down. At a position
    several staff hold at once, `to_user` names the member who works on it (None: the
    position's head assigns it later). `based_on`: the case's stamp the form was drawn with;
    a case that moved since is refused (`StaleState`)."""
    case = _locked(case)
    now = now or timezone.now()
    CASE_WORKFLOW.check(
        actor,
        case,
        "dispose",
        based_on=based_on,
        state_refusal="Permohonan ini sudah tidak dalam tahap disposisi "
        f"({case.get_state_display()}).",
        permission_refusal="Anda tidak memegang tahap ini: permohonan sedang berada di "
        f"{case.current_desk}.",
    )
    assert case.current_position is not None
    targets, allow_skip = disposition_targets(case=case)
    if to_position not in targets:
        allowed = ", ".join(p.title for p in targets) or "tidak ada"
        skip = "" if allow_skip else " Kantor ini tidak mengizinkan melompati jenjang."
        raise ValidationError(
            f"Disposisi ke {to_position.title} tidak sesuai alur. Tujuan yang sah: {allowed}.{skip}"
        )
    if due_on is not None and due_on < timezone.localdate(now):
        raise ValidationError("Batas waktu disposisi tidak boleh sebelum hari ini.")
    _inherited_check(case=case, urgency=urgency, due_on=due_on)
    if len(note.strip()) > DISPOSITION_NOTE_MAX:
        raise ValidationError(
            {"note": f"Catatan disposisi paling banyak {DISPOSITION_NOTE_MAX} karakter."}
        )
    acting = acting_required(user=actor, position=case.current_position)
    if to_user is not None:
        _member_check(position=to_position, member=to_user)
    disposition = Disposition.objects.create(
        case=case,
        from_position=case.current_position,
        from_position_title=acting.signature_prefix + case.current_position.title,
        from_user=actor,
        from_capacity=acting.kind,
        to_position=to_position,
        to_position_title=to_position.title,
        to_user=to_user,
        to_user_name=_staff_name(to_user) if to_user is not None else "",
        instruction=instruction,
        note=note.strip(),
        urgency=urgency,
        security_class=security_class,
        due_on=due_on,
        created_at=now,
    )
    to_state = CaseState.DISPOSITION
    if to_position.has_duty(Duty.DRAFT):
        gate_open = case_completeness(case=case).allows_drafting
        to_state = CaseState.DRAFTING if gate_open else CaseState.INCOMPLETE
    # An empty date down the chain keeps the one set above (the Ketua's deadline holds).
    case.due_on = due_on or case.due_on
    from_state = case_move(
        case=case,
        step="dispose",
        to_state=to_state,
        to_position=to_position,
        assignee=to_user,
        also_save=["due_on"],
    )
    case_event_record(
        case,
        AuditEventType.CASE_DISPOSED,
        actor=actor,
        position=disposition.from_position,
        capacity=acting.kind,
        from_state=from_state,
        data={
            "disposition": disposition.pk,
            "from_position": disposition.from_position.code,
            "to_position": to_position.code,
            "to_user": to_user.get_username() if to_user is not None else None,
            "instruction": instruction,
            "urgency": urgency,
            "due_on": due_on.isoformat() if due_on else None,
        },
    )
    return disposition


@transaction.atomic
def case_open(*, case: Case, actor: Any, now: dt.datetime | None = None) -> bool:
    """Record that the holder of the current desk has read the disposition that brought the
    case there. Returns whether this opening was the first read."""
    case = Case.objects.select_related("office", "current_position").get(pk=case.pk)
    disposition = case_active_disposition(case=case)
    if disposition is None or disposition.read_at is not None or case.current_position is None:
        return False
    acting = acting_assignment(user=actor, position=case.current_position)
    if acting is None:
        return False
    updated = Disposition.objects.filter(pk=disposition.pk, read_at__isnull=True).update(
        read_at=now or timezone.now(), read_by=actor
    )
    if updated:
        audit_record(
            event_type=AuditEventType.CASE_DISPOSITION_READ,
            office=case.office,
            actor=actor,
            acting_position=case.current_position,
            acting_capacity=acting.kind,
            target=case,
            data={"disposition": disposition.pk},
        )
    return bool(updated)


@assignments_read_once()  # a step reads the actor's assignments once
@transaction.atomic
def disposition_withdraw(
    *, disposition: Disposition, actor: Any, now: dt.datetime | None = None
) -> Case:
    """A disposition can be taken back while its addressee has not read it."""
    case = _locked(disposition.case)
    disposition = Disposition.objects.select_for_update().get(pk=disposition.pk)
    if disposition.withdrawn_at is not None:
        raise ValidationError("Disposisi ini sudah ditarik kembali.")
    if (
        case.current_position_id != disposition.to_position_id
        or case_active_disposition(case=case) != disposition
    ):
        raise ValidationError(
            "Hanya disposisi terakhir yang belum diteruskan dapat ditarik kembali."
        )
    # That it is still unread is the step's requirement in the table (LAST_DISPOSITION_UNREAD).
    CASE_WORKFLOW.check(
        actor,
        case,
        "withdraw",
        permission_refusal=f"Hanya pemegang jabatan {disposition.from_position.title} yang "
        "dapat menarik disposisi ini.",
    )
    acting = acting_required(user=actor, position=disposition.from_position)
    disposition.withdrawn_at = now or timezone.now()
    disposition.save(update_fields=["withdrawn_at"])
    previous = (
        case.dispositions.filter(withdrawn_at__isnull=True, to_position=disposition.from_position)
        .order_by("-created_at", "-id")
        .first()
    )
    case.due_on = previous.due_on if previous else None
    from_state = case_move(
        case=case,
        step="withdraw",
        to_state=CaseState.DISPOSITION,
        to_position=disposition.from_position,
        assignee=previous.to_user if previous else None,
        also_save=["due_on"],
    )
    case_event_record(
        case,
        AuditEventType.CASE_DISPOSITION_WITHDRAWN,
        actor=actor,
        position=disposition.from_position,
        capacity=acting.kind,
        from_state=from_state,
        data={"disposition": disposition.pk, "to_position": disposition.to_position.code},
    )
    return case


@assignments_read_once()  # a step reads the actor's assignments once
@transaction.atomic
def case_completeness_recheck(*, case: Case, actor: Any) -> Case:
    """After the missing decision has been archived, let the case reach the drafting step."""
    case = _locked(case)
    if case.state != CaseState.INCOMPLETE:
        return case
    CASE_WORKFLOW.check(
        actor,
        case,
        "recheck",
        permission_refusal="Hanya penyusun yang memegang tahap ini yang dapat memeriksa ulang "
        f"kelengkapan; permohonan sedang berada di {case.current_desk}.",
    )
    acting = acting_required(user=actor, position=case.current_position)  # type: ignore[arg-type]
    completeness = case_completeness(case=case)
    if not completeness.allows_drafting:
        missing = "; ".join(c.message for _, c in completeness.per_election if not c.is_official)
        raise ValidationError(f"Arsip keputusan belum lengkap: {missing}")
    from_state = case_move(case=case, step="recheck", to_state=CaseState.DRAFTING)
    case_event_record(
        case,
        AuditEventType.CASE_COMPLETENESS_CHECKED,
        actor=actor,
        position=case.current_position,
        capacity=acting.kind,
        from_state=from_state,
        data={"completeness": {e.code: c.status for e, c in completeness.per_election}},
    )
    return case


@assignments_read_once()  # a step reads the actor's assignments once
@transaction.atomic
def case_assign(*, case: Case, actor: Any, member: Any) -> Case:
    """The head of a position several staff hold at once gives the case waiting there to one
    of them (or to another of them: reassigning)."""
    case = _locked(case)
    CASE_WORKFLOW.check(
        actor,
        case,
        "assign",
        state_refusal="Permohonan pada tahap ini tidak dapat ditugaskan "
        f"({case.get_state_display().lower()}).",
        permission_refusal="Hanya atasan langsung jabatan yang dipegang beberapa orang yang dapat "
        f"menugaskan permohonan ini; permohonan sedang berada di {case.current_desk}.",
    )
    desk = case.current_position
    assert desk is not None and desk.reports_to is not None
    _member_check(position=desk, member=member)
    acting = acting_required(user=actor, position=desk.reports_to)
    previous = case.current_assignee
    from_state = case_move(case=case, step="assign", to_state=case.state, assignee=member)
    case_event_record(
        case,
        AuditEventType.CASE_ASSIGNED,
        actor=actor,
        position=desk.reports_to,
        capacity=acting.kind,
        data={
            "position": desk.code,
            "member": member.get_username(),
            "member_name": _staff_name(member),
            "previous": previous.get_username() if previous is not None else None,
            "state": from_state,
        },
    )
    return case
