"""The one way a case moves: its state along the workflow table, the desk (position) holding
it, and at a position several staff hold at once the member it is given to. Every part's
services call `case_move`; nothing else sets these three fields of a registered case."""

from collections.abc import Iterable
from enum import Enum
from typing import Any, Final

from autentika.cases.models import Case
from autentika.cases.workflow import CASE_WORKFLOW
from autentika.organization.models import Position


class _Unchanged(Enum):
    UNCHANGED = "unchanged"


# The desk (or member) the case has now stays.
UNCHANGED: Final = _Unchanged.UNCHANGED


def case_move(
    *,
    case: Case,
    step: str,
    to_state: str,
    to_position: Position | _Unchanged | None = UNCHANGED,
    assignee: Any = UNCHANGED,
    also_save: Iterable[str] = (),
) -> str:
    """Move the case by a step of the workflow table (`CASE_WORKFLOW.move`: only along it) to
    `to_state`, at `to_position` (None: no desk, the case has left the office's desks), and
    save it; returns the state it came from. The caller checked the step and writes its audit
    event, both inside its transaction.

    The assignee: at a position several staff hold at once, the member named (`assignee`; None:
    nobody yet, the position's head assigns); at any other position, nobody. Not given, it
    stays while the desk stays and is nobody at a new desk. `also_save`: other fields of the
    case the caller changed with this move (e.g. `due_on`)."""
    from_state = CASE_WORKFLOW.move(case, step, to_state)
    moved = not isinstance(to_position, _Unchanged) and to_position != case.current_position
    if not isinstance(to_position, _Unchanged):
        case.current_position = to_position
    if assignee is not UNCHANGED:
        case.current_assignee = assignee
    elif moved:
        case.current_assignee = None
    desk = case.current_position
    if desk is None or not desk.several_holders:
        case.current_assignee = None
    fields = ["state", "current_position", "current_assignee", *also_save]
    if case.pk is None:
        case.save()
    else:
        case.save(update_fields=fields)
    return from_state
