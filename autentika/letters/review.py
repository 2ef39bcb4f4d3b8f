"""SOP step 3 (continued): the draft goes up the review chain; each reviewer initials (paraf)
or returns it to the drafter with a note."""

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from autentika.cases.models import Case, CaseState
from autentika.cases.moves import case_move
from autentika.cases.services import case_event_record
from autentika.cases.workflow import CASE_WORKFLOW
from autentika.core.audit import audit_record
from autentika.core.models import AuditEventType
from autentika.letters import rendering
from autentika.letters.desks import (
    acting_required,
    display_name,
    draft_lock,
    drafter_check,
    next_desk,
    review_route,
    version_stale_check,
)
from autentika.letters.figure_check import version_figure_problems
from autentika.letters.models import (
    Draft,
    DraftState,
    Review,
    ReviewAction,
)
from autentika.organization.access import assignments_read_once
from autentika.organization.models import Assignment


def review_record(
    *, draft: Draft, case: Case, actor: Any, acting: Assignment, action: str, note: str, now: Any
) -> Review:
    assert case.current_position is not None
    return Review.objects.create(
        draft=draft,
        version=draft.current_version,
        action=action,
        position=case.current_position,
        position_title=acting.signature_prefix + case.current_position.title,
        user=actor,
        user_name=display_name(actor),
        capacity=acting.kind,
        note=note,
        created_at=now,
    )


def pass_up(
    *,
    draft: Draft,
    case: Case,
    actor: Any,
    acting: Assignment,
    action: str,
    event_type: AuditEventType,
    now: Any,
) -> Review:
    """Record the submission or paraf of the current version and move the draft to the next
    desk of the review chain, or to the signer after the last reviewer."""
    review = review_record(
        draft=draft, case=case, actor=actor, acting=acting, action=action, note="", now=now
    )
    from_position = case.current_position
    to_position, is_signer = next_desk(case=case)
    from_state = case_move(
        case=case,
        step="submit" if action == ReviewAction.SUBMIT else "approve",
        to_state=CaseState.SIGNING if is_signer else CaseState.REVIEW,
        to_position=to_position,
    )
    audit_record(
        event_type=event_type,
        office=case.office,
        actor=actor,
        acting_position=from_position,
        acting_capacity=acting.kind,
        target=case,
        from_state=from_state,
        to_state=case.state,
        data={
            "draft": draft.pk,
            "version": review.version.number,
            "to_position": to_position.code,
        },
    )
    return review


@assignments_read_once()  # a step reads the actor's assignments once
@transaction.atomic
def draft_submit(*, draft: Draft, actor: Any, now: dt.datetime | None = None) -> Review:
    """The drafter sends the current version up the review chain."""
    now = now or timezone.now()
    draft, case = draft_lock(draft)
    if draft.state != DraftState.EDITING:
        raise ValidationError(f"Konsep sudah diajukan: sedang {draft.get_state_display().lower()}.")
    acting = drafter_check(case=case, actor=actor, step="submit")
    version = draft.current_version
    if version.is_specimen and not case.office.training_mode:
        raise ValidationError("Konsep dari data tidak resmi tidak dapat diajukan.")
    problems = version_figure_problems(version=version)
    if problems:
        raise ValidationError(problems)
    return pass_up(
        draft=draft,
        case=case,
        actor=actor,
        acting=acting,
        action=ReviewAction.SUBMIT,
        event_type=AuditEventType.LETTER_SUBMITTED,
        now=now,
    )


def reviewer_check(
    *,
    draft: Draft,
    case: Case,
    actor: Any,
    step: str,
    based_on: str | None = None,
    based_on_version: int | None = None,
) -> Assignment:
    """The reviewer holds the current step; `based_on` (the case's stamp) and
    `based_on_version` are what the reviewer's page showed: a moved case or a newer version
    is refused (`StaleState`)."""
    CASE_WORKFLOW.check(
        actor,
        case,
        step,
        based_on=based_on,
        state_refusal="Konsep tidak sedang dalam paraf berjenjang "
        f"({draft.get_state_display().lower()}).",
        permission_refusal=f"Belum giliran Anda: konsep sedang berada di {case.current_desk}.",
    )
    version_stale_check(draft=draft, based_on_version=based_on_version)
    assert case.current_position is not None
    return acting_required(user=actor, position=case.current_position)


@assignments_read_once()  # a step reads the actor's assignments once
@transaction.atomic
def draft_approve(
    *,
    draft: Draft,
    actor: Any,
    based_on: str | None = None,
    based_on_version: int | None = None,
    now: dt.datetime | None = None,
) -> Review:
    """The reviewer at the current step initials (paraf) the current version."""
    now = now or timezone.now()
    draft, case = draft_lock(draft)
    acting = reviewer_check(
        draft=draft,
        case=case,
        actor=actor,
        step="approve",
        based_on=based_on,
        based_on_version=based_on_version,
    )
    return pass_up(
        draft=draft,
        case=case,
        actor=actor,
        acting=acting,
        action=ReviewAction.APPROVE,
        event_type=AuditEventType.LETTER_APPROVED,
        now=now,
    )


@assignments_read_once()  # a step reads the actor's assignments once
@transaction.atomic
def draft_return(
    *,
    draft: Draft,
    actor: Any,
    note: str,
    based_on: str | None = None,
    based_on_version: int | None = None,
    now: dt.datetime | None = None,
) -> Review:
    """The reviewer at the current step sends the draft back to the drafter with a note."""
    now = now or timezone.now()
    draft, case = draft_lock(draft)
    acting = reviewer_check(
        draft=draft,
        case=case,
        actor=actor,
        step="return",
        based_on=based_on,
        based_on_version=based_on_version,
    )
    if not note.strip():
        raise ValidationError("Tuliskan catatan perbaikan sebelum mengembalikan konsep.")
    review = review_record(
        draft=draft,
        case=case,
        actor=actor,
        acting=acting,
        action=ReviewAction.RETURN,
        note=note.strip(),
        now=now,
    )
    from_position = case.current_position
    drafter = review_route(office=case.office)[0]
    # Back to the member who submitted it, at a drafting position several staff hold.
    submitted = draft.reviews.filter(action=ReviewAction.SUBMIT).order_by("-created_at", "-id")
    last_submission = submitted.select_related("user").first()
    from_state = case_move(
        case=case,
        step="return",
        to_state=CaseState.DRAFTING,
        to_position=drafter,
        assignee=last_submission.user if last_submission else None,
    )
    case_event_record(
        case,
        AuditEventType.LETTER_RETURNED,
        actor=actor,
        position=from_position,
        capacity=acting.kind,
        from_state=from_state,
        data={"draft": draft.pk, "version": review.version.number, "note": note.strip()},
    )
    return review


def draft_parafs(*, draft: Draft) -> list[rendering.Paraf]:
    """The initials of the last round (since the last submission), oldest first."""
    reviews = list(draft.reviews.order_by("created_at", "id"))
    last_submit = max(
        (i for i, r in enumerate(reviews) if r.action == ReviewAction.SUBMIT), default=-1
    )
    return [
        rendering.Paraf(position_title=r.position_title, name=r.user_name, date=r.created_at)
        for r in reviews[last_submit + 1 :]
        if r.action == ReviewAction.APPROVE
    ]
