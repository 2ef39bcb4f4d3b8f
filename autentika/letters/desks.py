"""Where a draft is and who holds that desk: the review chain (ChainPurpose.REVIEW, first link
= the drafter), then the office's signer position (`Office.letter_signer_code`). The case's
`current_position` follows it, so the permission table (LETTER_DRAFT / LETTER_INITIAL /
LETTER_SIGN hold the current step) applies unchanged.
"""

from typing import Any

from django.core.exceptions import ValidationError

from autentika.cases.models import Case
from autentika.cases.services import acting_required
from autentika.cases.workflow import CASE_WORKFLOW
from autentika.core.workflow import StaleState
from autentika.letters.models import (
    Draft,
)
from autentika.organization.models import Assignment, ChainPurpose, Office, Position
from autentika.organization.selectors import chain_positions


def signer_position(*, office: Office) -> Position:
    """The office's signer position (setting `Office.letter_signer_code`, default KETUA)."""
    try:
        return Position.objects.get(office=office, code=office.letter_signer_code)
    except Position.DoesNotExist as error:
        raise ValidationError(
            f"Kantor {office.code} tidak memiliki jabatan penanda tangan "
            f"{office.letter_signer_code}."
        ) from error


def review_route(*, office: Office) -> list[Position]:
    route = chain_positions(office=office, purpose=ChainPurpose.REVIEW)
    if not route:
        raise ValidationError("Alur paraf kantor ini kosong. Atur di halaman admin.")
    return route


def display_name(user: Any) -> str:
    return str(user.get_full_name() or user.get_username())


def draft_lock(draft: Draft) -> tuple[Draft, Case]:
    case = (
        Case.objects.select_for_update(of=("self",))
        .select_related("office", "current_position", "party")
        .get(pk=draft.case_id)
    )
    locked = Draft.objects.select_for_update().get(pk=draft.pk)
    locked.case = case
    return locked, case


def next_desk(*, case: Case) -> tuple[Position, bool]:
    """The position after the current one on the review route, or the signer; and whether
    that is the signer."""
    route = review_route(office=case.office)
    if case.current_position in route:
        index = route.index(case.current_position)
        if index + 1 < len(route):
            return route[index + 1], False
    return signer_position(office=case.office), True


def case_move(
    *,
    case: Case,
    step: str,
    to_position: Position | None,
    case_state: str,
    assignee: Any = None,
) -> str:
    """Move the case (and so its draft) to the next desk through the workflow table.
    `assignee`: the member who takes it there, at a position several staff hold at once."""
    from_state = CASE_WORKFLOW.move(case, step, case_state)
    case.current_position = to_position
    case.current_assignee = assignee if to_position and to_position.several_holders else None
    case.save(update_fields=["current_position", "current_assignee", "state"])
    return from_state


def drafter_check(*, case: Case, actor: Any, step: str) -> Assignment:
    CASE_WORKFLOW.check(
        actor,
        case,
        step,
        state_refusal=f"Konsep tidak dapat diubah atau diajukan pada tahap "
        f"{case.get_state_display().lower()}.",
        permission_refusal="Anda tidak dapat menyusun konsep: permohonan sedang berada di "
        f"{case.current_desk}.",
    )
    assert case.current_position is not None
    return acting_required(user=actor, position=case.current_position)


def version_stale_check(*, draft: Draft, based_on_version: int | None) -> None:
    """A reviewer's paraf or return names the version they read; a newer one since is refused
    so nobody initials a text they have not seen (#28)."""
    current = draft.current_version
    if based_on_version is not None and based_on_version != current.number:
        raise StaleState(
            f"Konsep sudah berubah sejak halaman Anda dibuka: kini versi {current.number}, "
            f"Anda membaca versi {based_on_version}. Langkah Anda tidak dijalankan; periksa "
            "versi yang sekarang lebih dahulu."
        )
