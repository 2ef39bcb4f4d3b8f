"""A small engine for declared state machines: a table of transitions, each naming the states
it starts from, the permission it needs, the states it may end in and the typed audit event it
writes. Every state change of a case or a letter goes through `Workflow.move`, so the table is
the one place that says what may follow what (a test greps that nothing else assigns a state).

Why not django-fsm-2: its transitions are model methods decorated per model, and the guards
would still call our permission table; a plain table read by the services, the screens
("which steps now") and the tests keeps the rule in one place (docs/DECISIONS.md).
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError

from autentika.core.models import AuditEventType
from autentika.core.permissions import Action


@dataclass(frozen=True)
class Transition:
    step: str
    label: str
    action: Action
    sources: frozenset[str]
    targets: frozenset[str]
    event: AuditEventType


Guard = Callable[[Any, Any, Transition], bool]
# Beyond the state, what the object must be like for the step ("" = ready, else why not).
Readiness = Callable[[Any, Transition], str]
StateLabel = Callable[[str], str]
# What a form was based on: a short text that changes whenever the object moves (#28).
Stamp = Callable[[Any], str]
# The refusal a user reads when the object moved since their page was drawn.
StaleText = Callable[[Any], str]


class StaleState(ValidationError):
    """The form was drawn before the object moved on; nothing was done. The message says what
    happened since; the caller keeps what the user typed."""


class Workflow:
    """The transitions of one state field of one model."""

    def __init__(
        self,
        *,
        field: str,
        transitions: Iterable[Transition],
        may: Guard,
        state_label: StateLabel,
        readiness: Readiness | None = None,
        stamp: Stamp | None = None,
        stale_text: StaleText | None = None,
    ) -> None:
        self.field = field
        self.transitions = {t.step: t for t in transitions}
        self._may = may
        self._state_label = state_label
        self._readiness = readiness or (lambda obj, transition: "")
        self._stamp = stamp or self.state_of
        self._stale_text = stale_text or (
            lambda obj: (
                "Sudah berubah sejak halaman ini dibuka: kini "
                f"{self._state_label(self.state_of(obj))}."
            )
        )

    def stamp(self, obj: Any) -> str:
        """What a form that moves this object carries (a hidden field): `check` refuses it,
        with `StaleState`, once the object has moved since."""
        return self._stamp(obj)

    def __getitem__(self, step: str) -> Transition:
        return self.transitions[step]

    def state_of(self, obj: Any) -> str:
        return str(getattr(obj, self.field))

    def allowed(self, user: Any, obj: Any) -> list[Transition]:
        """The steps this user may take on this object now: the state allows them, the object
        is ready for them, and the permission table (with the transition's guard) grants them."""
        state = self.state_of(obj)
        return [
            t
            for t in self.transitions.values()
            if state in t.sources and not self._readiness(obj, t) and self._may(user, obj, t)
        ]

    def stale_check(self, obj: Any, based_on: str | None) -> None:
        """`StaleState` when a form drawn with stamp `based_on` is older than the object."""
        if based_on is not None and based_on != self.stamp(obj):
            raise StaleState(self._stale_text(obj))

    def check(
        self,
        user: Any,
        obj: Any,
        step: str,
        *,
        state_refusal: str = "",
        permission_refusal: str = "",
        state_error: type[ValidationError] = ValidationError,
        based_on: str | None = None,
    ) -> Transition:
        """The transition, or the refusal a user reads (a stale form first, then state, then
        permission); the service may word each refusal for its step. `based_on` is the stamp
        the user's form carried (None: no form, e.g. a command)."""
        transition = self.transitions[step]
        self.stale_check(obj, based_on)
        state = self.state_of(obj)
        if state not in transition.sources:
            raise state_error(
                state_refusal
                or f"Langkah “{transition.label}” tidak dapat dilakukan pada tahap "
                f"{self._state_label(state)}."
            )
        if unready := self._readiness(obj, transition):
            raise state_error(unready)
        if not self._may(user, obj, transition):
            raise PermissionDenied(
                permission_refusal
                or f"Anda tidak berwenang melakukan “{transition.label}” di sini."
            )
        return transition

    def move(self, obj: Any, step: str, to_state: str) -> str:
        """Set the new state (the caller saves, inside its transaction); returns the old one."""
        transition = self.transitions[step]
        from_state = self.state_of(obj)
        if from_state not in transition.sources or to_state not in transition.targets:
            raise ValueError(f"{step}: {from_state} -> {to_state} is not in the workflow table")
        setattr(obj, self.field, to_state)
        return from_state
