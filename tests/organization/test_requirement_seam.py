"""At start-up, every requirement a transition table names (what the object must be like for a
step, beyond its state) has its evaluator: a missing one stops `manage.py check` instead of
failing a live request (E013), like a permission condition without its evaluator (E010)."""

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError

from autentika.core import workflow
from autentika.core.models import AuditEventType
from autentika.core.permissions import Action
from autentika.core.workflow import Requirement, Transition
from autentika.organization.checks import seam_problems


def test_a_step_requiring_what_no_part_evaluates_is_an_error():
    step = Transition(
        "peek",
        "Intip",
        Action.CASE_VIEW,
        frozenset({"drafting"}),
        frozenset({"drafting"}),
        AuditEventType.CASE_REGISTERED,
        ("not_evaluated",),  # type: ignore[arg-type]
    )
    problems = seam_problems(
        permissions={},
        conditions=[],
        books_named=[],
        books=[],
        listeners_named={},
        listeners=[],
        transitions=[step],
        requirements=workflow.registered_requirements(),
    )
    assert [p.id for p in problems] == ["autentika.E013"]
    assert "peek" in problems[0].msg and "not_evaluated" in problems[0].msg


def test_a_requirement_whose_evaluator_is_missing_stops_the_start(monkeypatch):
    monkeypatch.delitem(workflow._REQUIREMENTS, Requirement.REPLY_KIND_FITS)
    with pytest.raises(SystemCheckError, match=r"autentika\.E013"):
        call_command("check")
