"""A signed letter's own status: in force, revoked, replaced (the case has reached its end;
this is the letter's life after it). Read by `revocation.py` and the signer's pages."""

from typing import Any

from autentika.core.models import AuditEventType
from autentika.core.permissions import Action
from autentika.core.workflow import Transition, Workflow
from autentika.letters.models import LetterStatus, SignedLetter
from autentika.organization.access import user_may
from autentika.organization.selectors import acting_assignment

L = LetterStatus

LETTER_TRANSITIONS = [
    Transition(
        "revoke",
        "Cabut surat",
        Action.LETTER_REVOKE,
        frozenset({L.VALID}),
        frozenset({L.REVOKED}),
        AuditEventType.LETTER_REVOKED,
    ),
    Transition(
        "replace",
        "Tetapkan surat pengganti",
        Action.LETTER_REVOKE,
        frozenset({L.VALID, L.REVOKED}),
        frozenset({L.REPLACED}),
        AuditEventType.LETTER_REPLACED,
    ),
]


def letter_signer(user: Any, letter: Any) -> bool:
    """Condition of `LETTER_REVOKE`: the user holds, today, the position that signed it."""
    return (
        isinstance(letter, SignedLetter)
        and acting_assignment(user=user, position=letter.signer_position) is not None
    )


def _may(user: Any, letter: Any, transition: Transition) -> bool:
    return user_may(user, transition.action, obj=letter)


LETTER_WORKFLOW = Workflow(
    field="status",
    transitions=LETTER_TRANSITIONS,
    may=_may,
    state_label=lambda status: str(LetterStatus(status).label).lower(),
)
