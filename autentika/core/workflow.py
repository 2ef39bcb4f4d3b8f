"""A small engine for declared state machines: a table of transitions, each naming the states
it starts from, the permission it needs, the states it may end in and the typed audit event it
writes. Every state change of a case or a letter goes through `Workflow.move`, so the table is
the one place that says what may follow what (a test greps that nothing else assigns a state).

Why not django-fsm-2: its transitions are model methods decorated per model, and the guards
would still call our permission table; a plain table read by the services, the screens
("which steps now") and the tests keeps the rule in one place (docs/DECISIONS.md).
"""

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError

from autentika.core.models import AuditEventType
from autentika.core.permissions import Action


class Requirement(StrEnum):
    """What the object must be like for a step, beyond its state: named by the transition
    table, evaluated by the part that knows the object (`register_requirement`, from its
    AppConfig; the start-up check E013 names any without its evaluator)."""

    # The case has no reply draft yet / has one.
    DRAFT_ABSENT = "draft_absent"
    DRAFT_PRESENT = "draft_present"
    # The legal deadline may still be extended (once, before it passes: cases/kip.py).
    EXTENSION_OPEN = "extension_open"
    # The disposition that brought the case to its desk is still unread by its addressee.
    LAST_DISPOSITION_UNREAD = "last_disposition_unread"
    # The reply's kind fits the case: a reply certifying figures needs a complete request.
    REPLY_KIND_FITS = "reply_kind_fits"


@dataclass(frozen=True)
class Transition:
    step: str
    label: str
    action: Action
    sources: frozenset[str]
    targets: frozenset[str]
    event: AuditEventType
    requires: tuple[Requirement, ...] = ()


Guard = Callable[[Any, Any, Transition], bool]
# What a requirement finds wrong with the object ("" = ready, else why not, as the user reads
# it). `params`: the step's own inputs where the rule reads them (a reply's kind, the service's
# clock); asked without them (the screens), a requirement answers for any input.
RequirementCheck = Callable[[Any, Mapping[str, Any]], str]
_REQUIREMENTS: dict[Requirement, RequirementCheck] = {}
_WORKFLOWS: list["Workflow"] = []


def register_requirement(requirement: Requirement, check: RequirementCheck) -> None:
    """The part that knows the object evaluates a requirement (from its AppConfig)."""
    _REQUIREMENTS[requirement] = check


def registered_requirements() -> set[Requirement]:
    return set(_REQUIREMENTS)


def workflows() -> list["Workflow"]:
    """Every declared workflow (the start-up check reads their requirements)."""
    return list(_WORKFLOWS)


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
        stamp: Stamp | None = None,
        stale_text: StaleText | None = None,
    ) -> None:
        self.field = field
        self.transitions = {t.step: t for t in transitions}
        self._may = may
        self._state_label = state_label
        self._stamp = stamp or self.state_of
        self._stale_text = stale_text or (
            lambda obj: (
                "Sudah berubah sejak halaman ini dibuka: kini "
                f"{self._state_label(self.state_of(obj))}."
            )
        )
        _WORKFLOWS.append(self)

    def stamp(self, obj: Any) -> str:
        """What a form that moves this object carries (a hidden field): `check` refuses it,
        with `StaleState`, once the object has moved since."""
        return self._stamp(obj)

    def __getitem__(self, step: str) -> Transition:
        return self.transitions[step]

    def state_of(self, obj: Any) -> str:
        return str(getattr(obj, self.field))

    def unready(self, obj: Any, step: str, params: Mapping[str, Any] | None = None) -> str:
        """Why the object is not ready for the step ("" when it is), the first of the
        transition's requirements that refuses."""
        for requirement in self.transitions[step].requires:
            if problem := _REQUIREMENTS[requirement](obj, params or {}):
                return problem
        return ""

    def allowed(self, user: Any, obj: Any) -> list[Transition]:
        """The steps this user may take on this object now: the state allows them, the object
        is ready for them, and the permission table (with the transition's guard) grants them."""
        state = self.state_of(obj)
        return [
            t
            for t in self.transitions.values()
            if state in t.sources and not self.unready(obj, t.step) and self._may(user, obj, t)
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
        params: Mapping[str, Any] | None = None,
    ) -> Transition:
        """The transition, or the refusal a user reads (a stale form first, then state, then
        the requirements, then permission); the service may word each refusal for its step.
        `based_on` is the stamp the user's form carried (None: no form, e.g. a command);
        `params` the step's inputs its requirements read."""
        transition = self.transitions[step]
        self.stale_check(obj, based_on)
        state = self.state_of(obj)
        if state not in transition.sources:
            raise state_error(
                state_refusal
                or f"Langkah “{transition.label}” tidak dapat dilakukan pada tahap "
                f"{self._state_label(state)}."
            )
        if unready := self.unready(obj, step, params):
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
