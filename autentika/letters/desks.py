"""Where a draft is and who holds that desk: the review chain (ChainPurpose.REVIEW, first link
= the drafter), then the office's signer position (`Office.letter_signer_code`). The case's
`current_position` follows it, so the permission table (LETTER_DRAFT / LETTER_INITIAL /
LETTER_SIGN hold the current step) applies unchanged.
"""

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError

from autentika.cases.models import Case, CaseState
from autentika.cases.services import acting_required
from autentika.cases.workflow import CASE_WORKFLOW
from autentika.core.workflow import StaleState
from autentika.letters.models import Draft, LetterKind
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


def draft_read(draft: Draft) -> tuple[Draft, Case]:
    """The draft and its case as `draft_lock` reads them, without a lock (no transaction)."""
    case = Case.objects.select_related("office", "current_position", "party").get(pk=draft.case_id)
    fresh = Draft.objects.get(pk=draft.pk)
    fresh.case = case
    return fresh, case


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


def at_signer_position(user: Any, case: Any) -> bool:
    """Condition of `LETTER_SIGN`: the case waits at the office's signer position
    (`Office.letter_signer_code`), so only that position signs, whoever else holds the duty."""
    desk = getattr(case, "current_position", None)
    office = getattr(case, "office", None)
    return desk is not None and office is not None and desk.code == office.letter_signer_code


def reply_kind_fits(case: Any, params: Mapping[str, Any]) -> str:
    """Requirement of "draft": a reply whose kind certifies figures (a table from the archive)
    is drafted only from a complete request; from one still waiting for its decisions, only a
    reply without figures (a refusal)."""
    kind = params.get("kind")
    if case.state == CaseState.INCOMPLETE and kind in LetterKind.with_table():
        return f"Konsep jenis ini tidak dapat dibuat pada tahap {case.get_state_display()}."
    return ""


def drafter_check(
    *, case: Case, actor: Any, step: str, params: Mapping[str, Any] | None = None
) -> Assignment:
    CASE_WORKFLOW.check(
        actor,
        case,
        step,
        params=params,
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
