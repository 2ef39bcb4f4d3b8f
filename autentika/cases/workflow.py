"""The case's workflow: every step of the SOP as a declared transition.

The draft's stage is not stored: it is read from the case's state (`letters.models.Draft.state`),
so case and draft can never disagree. The letter's own status (in force, revoked, replaced)
has its table in `letters/workflow.py`. Screens ask `case_steps(user, case)`; services call
`CASE_WORKFLOW.check` and `CASE_WORKFLOW.move`; both read this table.
"""

from collections.abc import Mapping
from typing import Any

from autentika.cases.models import Case, CaseState
from autentika.cases.selectors import (
    CASE_FACTS,
    case_active_disposition,
    case_draft,
    case_last_disposition_id,
)
from autentika.core.models import AuditEventType
from autentika.core.permissions import Action
from autentika.core.workflow import Requirement, Transition, Workflow
from autentika.organization.access import assignments_read_once, user_may
from autentika.organization.selectors import acting_assignment

NEW = ""  # a case not yet registered
S = CaseState
# A case not yet answered: the legal deadline still runs.
OPEN_STATES = (S.DISPOSITION, S.INCOMPLETE, S.DRAFTING, S.REVIEW, S.SIGNING)  # kip.UNANSWERED


def _t(
    step: str,
    label: str,
    action: Action,
    sources: set[str],
    targets: set[str],
    event: AuditEventType,
    *requires: Requirement,
) -> Transition:
    return Transition(
        step, label, action, frozenset(sources), frozenset(targets), event, tuple(requires)
    )


R = Requirement


CASE_TRANSITIONS = [
    _t(
        "register",
        "Catat permohonan",
        Action.CASE_REGISTER,
        {NEW},
        {S.DISPOSITION},
        AuditEventType.CASE_REGISTERED,
    ),
    _t(
        "dispose",
        "Disposisikan",
        Action.CASE_DISPOSE,
        {S.DISPOSITION},
        {S.DISPOSITION, S.DRAFTING, S.INCOMPLETE},
        AuditEventType.CASE_DISPOSED,
    ),
    _t(
        "withdraw",
        "Tarik kembali disposisi",
        Action.CASE_WITHDRAW,
        {S.DISPOSITION, S.DRAFTING, S.INCOMPLETE},
        {S.DISPOSITION},
        AuditEventType.CASE_DISPOSITION_WITHDRAWN,
        R.LAST_DISPOSITION_UNREAD,
    ),
    _t(
        "recheck",
        "Periksa ulang kelengkapan",
        Action.CASE_RECHECK,
        {S.INCOMPLETE},
        {S.DRAFTING},
        AuditEventType.CASE_COMPLETENESS_CHECKED,
    ),
    _t(
        "assign",
        "Tugaskan kepada staf",
        Action.CASE_ASSIGN,
        {S.DISPOSITION, S.DRAFTING, S.INCOMPLETE},
        {S.DISPOSITION, S.DRAFTING, S.INCOMPLETE},
        AuditEventType.CASE_ASSIGNED,
    ),
    # UU 14/2008 art. 22: once, with a written reason, before the due date (cases/kip.py).
    _t(
        "extend",
        "Perpanjang batas waktu jawaban (7 hari kerja)",
        Action.CASE_EXTEND_DEADLINE,
        set(OPEN_STATES),
        set(OPEN_STATES),
        AuditEventType.CASE_DEADLINE_EXTENDED,
        R.EXTENSION_OPEN,
    ),
    _t(
        "draft",
        "Susun konsep balasan",
        Action.LETTER_DRAFT,
        {S.DRAFTING, S.INCOMPLETE},
        {S.DRAFTING},
        AuditEventType.LETTER_DRAFTED,
        R.DRAFT_ABSENT,
        R.REPLY_KIND_FITS,
    ),
    _t(
        "revise",
        "Simpan versi baru konsep",
        Action.LETTER_DRAFT,
        {S.DRAFTING},
        {S.DRAFTING},
        AuditEventType.LETTER_REVISED,
        R.DRAFT_PRESENT,
    ),
    _t(
        "submit",
        "Ajukan untuk paraf",
        Action.LETTER_DRAFT,
        {S.DRAFTING},
        {S.REVIEW, S.SIGNING},
        AuditEventType.LETTER_SUBMITTED,
        R.DRAFT_PRESENT,
    ),
    _t(
        "approve",
        "Paraf dan teruskan",
        Action.LETTER_INITIAL,
        {S.REVIEW},
        {S.REVIEW, S.SIGNING},
        AuditEventType.LETTER_APPROVED,
    ),
    _t(
        "return",
        "Kembalikan kepada penyusun",
        Action.LETTER_RETURN,
        {S.REVIEW},
        {S.DRAFTING},
        AuditEventType.LETTER_RETURNED,
    ),
    _t(
        "sign",
        "Tanda tangani",
        Action.LETTER_SIGN,
        {S.SIGNING},
        {S.SIGNED},
        AuditEventType.LETTER_SIGNED,
    ),
    _t(
        "hand_over",
        "Catat penyerahan surat",
        Action.LETTER_HAND_OVER,
        {S.SIGNED, S.HANDED_OVER},
        {S.HANDED_OVER},
        AuditEventType.LETTER_HANDED_OVER,
    ),
    _t(
        "download",
        "Unduh surat (tanda terima elektronik)",
        Action.PORTAL_USE,
        {S.SIGNED, S.HANDED_OVER},
        {S.HANDED_OVER},
        AuditEventType.LETTER_DOWNLOADED,
    ),
]


def _state_label(state: str) -> str:
    return CaseState(state).label if state in CaseState.values else "belum dicatat"


def _has_draft(case: Any) -> bool:
    # Asked of the database (once per page): a cached "no draft" on the instance must not
    # outlive the draft's creation.
    return case_draft(case=case) is not None


def draft_absent(case: Any, params: Mapping[str, Any]) -> str:
    if _has_draft(case):
        return "Permohonan ini sudah memiliki konsep balasan; ubah konsep itu."
    return ""


def draft_present(case: Any, params: Mapping[str, Any]) -> str:
    if not _has_draft(case):
        return "Permohonan ini belum memiliki konsep balasan; susun konsep lebih dahulu."
    return ""


def extension_open(case: Any, params: Mapping[str, Any]) -> str:
    from autentika.cases.kip import extension_problem

    # the service's own clock when it gives one, else the real time
    return extension_problem(case=case, now=params.get("now"))


def last_disposition_unread(case: Any, params: Mapping[str, Any]) -> str:
    """Requirement of "withdraw": the disposition that brought the case to its desk is still
    unread (who may take it back is the permission table's `DISPOSITION_AUTHOR`)."""
    disposition = case_active_disposition(case=case) if case.current_position_id else None
    if disposition is None:
        return "Tidak ada disposisi yang dapat ditarik kembali."
    if disposition.read_at is not None:
        return (
            "Disposisi tidak dapat ditarik kembali: sudah dibaca oleh "
            f"{disposition.to_position_title}."
        )
    return ""


def _may(user: Any, case: Any, transition: Transition) -> bool:
    if transition.step == "register":
        return user_may(user, transition.action, office=case.office)
    return user_may(user, transition.action, obj=case)


def case_stamp(case: Any) -> str:
    """Changes whenever the case moves: its state, the desk and member holding it, and its
    last disposition (a withdrawn and repeated one included)."""
    last = case_last_disposition_id(case=case)
    return (
        f"{case.state or NEW}.{case.current_position_id or 0}."
        f"{case.current_assignee_id or 0}.{last or 0}"
    )


def _stale_text(case: Any) -> str:
    desk = f", di {case.current_desk}" if case.current_position_id else ""
    return (
        "Permohonan ini sudah berpindah sejak halaman Anda dibuka: kini tahap "
        f"{_state_label(case.state).lower()}{desk}. Langkah Anda tidak dijalankan; periksa "
        "keadaannya yang sekarang."
    )


CASE_WORKFLOW = Workflow(
    field="state",
    transitions=CASE_TRANSITIONS,
    may=_may,
    state_label=_state_label,
    stamp=case_stamp,
    stale_text=_stale_text,
)


def disposition_author(user: Any, case: Any) -> bool:
    """Condition of `CASE_WITHDRAW`: the user holds the position that wrote the disposition
    which brought the case to its desk (that it is still unread, the step requires)."""
    if not isinstance(case, Case) or case.current_position is None:
        return False
    disposition = case_active_disposition(case=case)
    return (
        disposition is not None
        and acting_assignment(user=user, position=disposition.from_position) is not None
    )


def head_of_current_desk(user: Any, case: Any) -> bool:
    """Condition of `CASE_ASSIGN`: the case waits at a position several staff hold at once and
    the user holds the position it reports to."""
    if not isinstance(case, Case) or case.current_position is None:
        return False
    desk = case.current_position
    return bool(
        desk.several_holders
        and desk.reports_to is not None
        and acting_assignment(user=user, position=desk.reports_to) is not None
    )


def case_steps(user: Any, case: Case) -> set[str]:
    """Which steps this user may take on this case now: the one question every screen asks."""
    with assignments_read_once(), CASE_FACTS.scope():
        return {transition.step for transition in CASE_WORKFLOW.allowed(user, case)}
