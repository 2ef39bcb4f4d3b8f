"""Evaluates the declared table in `autentika.core.permissions` against today's assignments."""

from collections.abc import Callable, Iterable
from typing import Any

import rules
from django.db.models import Q

from autentika.core.permissions import PERMISSIONS, Action, Condition
from autentika.organization.models import Assignment, Office
from autentika.organization.selectors import ASSIGNMENTS, user_assignments_today


def _office_of(obj: Any) -> Office | None:
    if obj is None:
        return None
    if isinstance(obj, Office):
        return obj
    return getattr(obj, "office", None)


ConditionCheck = Callable[[Any, Any], bool]
_CONDITIONS: dict[Condition, ConditionCheck] = {}


def register_condition(condition: Condition, check: ConditionCheck) -> None:
    """The part that knows the object evaluates a rule's condition (from its AppConfig)."""
    _CONDITIONS[condition] = check


def registered_conditions() -> set[Condition]:
    """The conditions some part evaluates (the start-up check compares the table with them)."""
    return set(_CONDITIONS)


# For several questions about one moment with no write to assignments between them (a context
# manager, or a decorator of a step's service).
assignments_read_once = ASSIGNMENTS.scope


def _takes_every_step(assignment: Assignment) -> bool:
    """At a position several staff hold at once, only a Plt/Plh takes every step there; a
    member takes those given to them. At any other position, every holder takes every step."""
    return not assignment.position.several_holders or assignment.is_acting


def takes_the_step(assignment: Assignment, obj: Any) -> bool:
    """Does this holder of the object's current position take its step? At a position several
    staff hold at once, the named member (`current_assignee`) or an acting holder does."""
    if _takes_every_step(assignment):
        return True
    return bool(getattr(obj, "current_assignee_id", None) == assignment.user_id)


def current_step_held(*, user: Any, assignments: Iterable[Assignment]) -> Q:
    """`takes_the_step` as a query: the objects (with `current_position` and
    `current_assignee`) whose current step this user, with these assignments, takes."""
    assignments = list(assignments)
    every = [a.position_id for a in assignments if _takes_every_step(a)]
    named = [a.position_id for a in assignments if not _takes_every_step(a)]
    return Q(current_position_id__in=every) | Q(
        current_position_id__in=named, current_assignee=user
    )


def user_may(user: Any, action: Action, *, office: Office | None = None, obj: Any = None) -> bool:
    """May the user do the action, in the office (or the object's office), on the object?

    For step-bound actions the object must expose `current_position` (the position holding
    the step); the user must then act for that very position today.
    """
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    rule = PERMISSIONS[action]
    scope = _office_of(obj) or office
    if rule.party_account:
        # `party_account`: the portal's PartyAccount (reverse one-to-one), when the user has one.
        account = getattr(user, "party_account", None)
        return bool(
            account is not None
            and account.is_active
            and (scope is None or account.office_id == scope.pk)
        )
    assignments = user_assignments_today(user=user, office=scope)
    if rule.holds_current_step:
        current = getattr(obj, "current_position", None)
        if current is None:
            return False
        assignments = [
            a for a in assignments if a.position_id == current.pk and takes_the_step(a, obj)
        ]
    if rule.duties:
        allowed = any(
            duty.value in assignment.position.duties
            for assignment in assignments
            for duty in rule.duties
        )
    else:
        allowed = bool(assignments) and (rule.any_position or rule.holds_current_step)
    # Asked about an office (a menu), the condition cannot apply yet; about an object, it must.
    if allowed and rule.condition is not None and obj is not None and not isinstance(obj, Office):
        return _CONDITIONS[rule.condition](user, obj)
    return allowed


def register_rules() -> None:
    """Expose every action as a Django permission, so `user.has_perm("cases.register", obj)`
    and `{% if perms.cases.register %}` answer from the same table."""
    for action in Action:
        if not rules.perm_exists(action.value):
            rules.add_perm(action.value, _predicate_for(action))


def _predicate_for(action: Action) -> rules.Predicate:
    @rules.predicate(name=f"may_{action.name.lower()}")
    def predicate(user: Any, obj: Any = None) -> bool:
        return user_may(user, action, obj=obj)

    return predicate
